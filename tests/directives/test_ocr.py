"""OCR of scanned pages: the real scans read through the importer's own reading, the column
order of the header, image files, the command and the dry run's JSON, and bad scans refused
at a bounded cost."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from django.core.management import call_command
from django.core.management.base import CommandError

from bench.eval_scans import cer
from directives.parsing import parse
from directives.parsing.errors import ImportFileError
from directives.parsing.files import OCR, TEXT_LAYER, extract_path, extract_text
from reading.limits import Limits
from reading.ocr_layout import Word, order_words
from tests.directives.conftest import SMALL_SCAN, needs_ocr

pytestmark = needs_ocr


def word(text: str, left: int, top: int, line: int, width: int = 100) -> Word:
    return Word(text, left, top, width, 40, (1, 1, line), 90.0)


def test_layout_reads_each_header_column_as_a_block():
    """Issuing body and motto side by side on one line come out as two lines; the number and
    subject on the left are read before the place and date on the right."""
    words = [
        word("BỘ", 100, 100, 1),
        word("NGOẠI", 210, 100, 1),
        word("CỘNG", 900, 100, 1),
        word("HÒA", 1010, 100, 1),
        word("Độc", 950, 150, 2),
        word("lập", 1060, 150, 2),
        word("Số:", 100, 300, 3),
        word("12/BNG", 210, 300, 3),
        word("Hà", 950, 300, 3),
        word("Nội", 1060, 300, 3),
        word("V/v", 100, 350, 4),
        word("thử", 210, 350, 4),
        # A body line across the page ends the header.
        *(word(f"chữ{i}", 100 + 110 * i, 500, 5) for i in range(10)),
    ]
    assert order_words(words).splitlines() == [
        "BỘ NGOẠI",
        "CỘNG HÒA",
        "Độc lập",
        "Số: 12/BNG",
        "V/v thử",
        "Hà Nội",
        " ".join(f"chữ{i}" for i in range(10)),
    ]


def test_a_scanned_pdf_is_read_by_ocr(scans: Path):
    """A scan with no text layer gives the page's text, the header in reading order, close to
    what a person read on it; the parser reads its type and issuer from it."""
    extracted = extract_path(scans / SMALL_SCAN)
    assert extracted.source == OCR
    assert extracted.ocr_pages == [1]
    assert len(extracted.ocr_seconds) == 1
    assert any("nhận dạng chữ (OCR)" in warning for warning in extracted.warnings)
    truth = (scans / SMALL_SCAN.replace("_scan.pdf", ".txt")).read_text(encoding="utf-8")
    assert cer(extracted.text, truth) < 0.15
    lines = extracted.text.splitlines()
    issuer = next(i for i, line in enumerate(lines) if line.startswith("THỦ TƯỚNG"))
    motto = next(i for i, line in enumerate(lines) if "Độc lập - Tự do" in line)
    assert issuer < motto
    record = parse(extracted.text, source=SMALL_SCAN)
    assert record.doc_type == "Quyết định"
    assert record.issuer == "Thủ tướng Chính phủ"


def test_an_image_of_a_page_is_read_by_ocr(scans: Path, tmp_path: Path):
    """A PNG of a page (here the scan's page rendered by poppler) is read like a scanned PDF."""
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-singlefile", scans / SMALL_SCAN, tmp_path / "trang"],
        check=True,
    )
    extracted = extract_path(tmp_path / "trang.png")
    assert extracted.source == OCR
    assert "Độc lập - Tự do - Hạnh phúc" in extracted.text


def test_a_pdf_with_a_text_layer_is_not_read_by_ocr(corpus: Path):
    """OCR runs only where the text layer is missing or garbage."""
    from tests.directives.test_file_extraction import make_text_pdf

    extracted = extract_text(make_text_pdf("So: 4638/UBND-HCC Dong Nai"), "cv.pdf")
    assert extracted.source == TEXT_LAYER
    assert extracted.ocr_pages == []


def test_extract_text_command_says_where_the_text_came_from(scans: Path, capsys):
    """``manage.py extract_text FILE`` prints the text and names its source on stderr."""
    call_command("extract_text", str(scans / SMALL_SCAN))
    out, err = capsys.readouterr()
    assert "Độc lập - Tự do - Hạnh phúc" in out
    assert "text_source: ocr" in err
    assert "trang 1:" in err


def test_extract_text_command_refuses_a_missing_file():
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("extract_text", "/khong/co/tep.pdf")


def test_dry_run_json_has_text_source_and_signatures(db, scans: Path, capsys):
    """``import_directives --dry-run --json`` says how the text was read, and lists the
    signatures (none until a signature reader is installed)."""
    call_command("import_directives", str(scans / SMALL_SCAN), "--dry-run", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["text_source"] == "ocr"
    assert isinstance(data["signatures"], list)
    assert data["doc_type"] == "Quyết định"


# Bad scans ----------------------------------------------------------------------------


def encrypted_pdf() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("mat-khau")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def blank_pages_pdf(pages: int) -> bytes:
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_of(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("1", (width, height), 1).save(buffer, format="PNG")
    return buffer.getvalue()


def test_an_encrypted_pdf_is_refused():
    with pytest.raises(ImportFileError) as caught:
        extract_text(encrypted_pdf(), "mat-khau.pdf")
    assert "có mật khẩu" in caught.value.message_vi
    assert "encrypted" in caught.value.log_detail


def test_a_300_page_scan_is_refused_before_any_ocr(monkeypatch):
    """The pages needing OCR are counted first; past the limit nothing is rendered."""
    import reading.ocr

    monkeypatch.setattr(reading.ocr, "ocr_image", lambda *a, **k: pytest.fail("OCR ran"))
    with pytest.raises(ImportFileError) as caught:
        extract_text(blank_pages_pdf(300), "quet-300-trang.pdf")
    assert "300 trang quét" in caught.value.message_vi
    assert "max_ocr_pages=50" in caught.value.log_detail


def test_an_image_of_60_megapixels_is_refused_before_decoding():
    with pytest.raises(ImportFileError) as caught:
        extract_text(png_of(7746, 7746), "anh-lon.png")
    assert "60 triệu điểm ảnh" in caught.value.message_vi
    assert "max_ocr_pixels" in caught.value.log_detail


def test_a_page_that_takes_too_long_is_stopped(scans: Path):
    """Each page's OCR has its own time budget; past it the file is refused, not waited on."""
    with pytest.raises(ImportFileError) as caught:
        extract_text(
            (scans / SMALL_SCAN).read_bytes(), SMALL_SCAN, limits=Limits(ocr_page_seconds=0.5)
        )
    assert "quá nhiều thời gian" in caught.value.message_vi


def test_an_image_that_is_not_one_is_refused():
    with pytest.raises(ImportFileError) as caught:
        extract_text(b"\x89PNG\r\n\x1a\nkhong phai anh", "hong.png")
    assert "bị hỏng" in caught.value.message_vi
