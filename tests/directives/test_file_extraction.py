"""Reading uploaded files: every good shape gives text, every bad one a clear error.

The files are made in the tests (python-docx, zipfile, pypdf, a hand-written PDF), so the
suite needs nothing beside the repository.
"""

from __future__ import annotations

import io
import shutil
import unicodedata
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest

from directives.parsing import ImportFileError, extract_text, parse
from directives.parsing.files import extract_path
from tests.pdf_bytes import assemble_pdf

SAMPLE = (
    "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG NAI\n\nSố: 4638/UBND-HCC\n\n"
    "Đồng Nai, ngày 11 tháng 5 năm 2018\n\nV/v nhắc nhở thực hiện dịch vụ công trực tuyến\n\n"
    "Kính gửi: Sở Nội vụ\n\nĐề nghị Sở Nội vụ thực hiện nghiêm túc các nội dung trên, "
    "hoàn thành trước ngày 30/6/2018./.\n"
)
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """``text`` as Windows-1258 stores it: base letters precomposed, tone marks combining."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS))
        out.append(base + "".join(c for c in parts if c in _TONE_MARKS))
    return "".join(out).encode("cp1258")


def make_docx() -> bytes:
    """A công văn whose header is a two-column table, as Word templates lay it out."""
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG NAI"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = "Số: 4638/UBND-HCC\nV/v nhắc nhở thực hiện dịch vụ công"
    table.cell(1, 1).text = "Đồng Nai, ngày 11 tháng 5 năm 2018"
    document.add_paragraph("Kính gửi: Sở Nội vụ")
    document.add_paragraph("Đề nghị Sở Nội vụ hoàn thành trước ngày 30/6/2018./.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_text_pdf(text: str) -> bytes:
    """A minimal valid one-page PDF whose content stream shows ``text`` (ASCII)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    return assemble_pdf(objects)


def blank_pdf() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def raises_import_error(data: bytes, filename: str, **kwargs) -> ImportFileError:
    with pytest.raises(ImportFileError) as caught:
        extract_text(data, filename, **kwargs)
    error = caught.value
    assert error.message_vi and error.log_detail
    return error


# Good files -------------------------------------------------------------------------------


@pytest.mark.parametrize("filename", ["cv.txt", "cv.md", "CV.TXT"])
def test_utf8_text_and_markdown(filename: str):
    """UTF-8 text and markdown are read as they are, with no warning."""
    result = extract_text(SAMPLE.encode("utf-8"), filename)
    assert result.text == SAMPLE
    assert result.warnings == []


def test_utf8_with_bom_and_utf16_with_bom():
    """A byte-order mark is honoured and not left in the text."""
    assert extract_text(b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "a.txt").text == SAMPLE
    assert extract_text(SAMPLE.encode("utf-16"), "a.txt").text == SAMPLE


def test_windows_1258_text_is_detected_and_converted():
    """A legacy Windows-1258 file becomes proper Unicode, with a warning to check accents."""
    result = extract_text(to_cp1258(SAMPLE * 3), "cu.txt")
    assert unicodedata.normalize("NFC", result.text) == SAMPLE * 3
    assert any("1258" in warning for warning in result.warnings)
    assert parse(result.text).number == "4638/UBND-HCC"


def test_docx_reads_header_table_cells_and_paragraphs_in_order():
    """Table cells and paragraphs come in document order, so the header parses."""
    result = extract_text(make_docx(), "cv.docx")
    assert result.text.index("TỈNH ĐỒNG NAI") < result.text.index("Kính gửi")
    record = parse(result.text)
    assert record.issuer == "Ủy ban nhân dân tỉnh Đồng Nai"
    assert record.number == "4638/UBND-HCC"
    assert record.issued_on == "2018-05-11"
    assert record.recipients == ["Sở Nội vụ"]


def test_pdf_with_a_text_layer():
    """The text layer of a real PDF is returned."""
    result = extract_text(make_text_pdf("So: 4638/UBND-HCC Dong Nai"), "cv.pdf")
    assert "4638/UBND-HCC" in result.text
    assert result.warnings == []


# Bad files --------------------------------------------------------------------------------


def test_empty_file():
    """An empty (or blank) file is refused."""
    assert "trống" in raises_import_error(b"", "a.txt").message_vi
    raises_import_error(b"   \n\n", "a.md")


def test_binary_junk_named_txt():
    """Bytes that are not text are refused, with the first bytes in the log."""
    error = raises_import_error(bytes(range(256)) * 4, "a.txt")
    assert "nhị phân" in error.message_vi
    assert "\\x00" in error.log_detail


def test_html_page_is_not_a_document():
    """A saved web page is refused with a message saying what it is."""
    page = b"<!DOCTYPE html><html><head><title>CV</title></head><body>x</body></html>"
    assert "HTML" in raises_import_error(page, "trang.txt").message_vi


def test_unknown_encoding_is_refused_not_garbled():
    """Text in an encoding that is not Vietnamese gives an error, never mojibake."""
    data = ("東京都の行政手続きに関するお知らせです。" * 20).encode("shift_jis")
    error = raises_import_error(data, "a.txt")
    assert "bảng mã" in error.message_vi
    assert "not UTF-8" in error.log_detail


def test_file_over_the_size_limit():
    """A file over the limit is refused, and the log says both sizes."""
    error = raises_import_error(b"a" * 2048, "big.txt", max_bytes=1024)
    assert "quá lớn" in error.message_vi
    assert "2048" in error.log_detail and "1024" in error.log_detail


def test_size_is_checked_before_the_file_is_read(tmp_path: Path, monkeypatch):
    """extract_path looks at the size on disk first; the bytes are never read."""
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 4096)

    def refuse(self):
        raise AssertionError("the file was read before its size was checked")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(ImportFileError):
        extract_path(path, max_bytes=1024)


def test_corrupt_docx():
    """A .docx that is not a zip, or a zip without a Word document, is refused."""
    assert "hỏng" in raises_import_error(b"PK\x03\x04 not really", "a.docx").message_vi
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    raises_import_error(buffer.getvalue(), "a.docx")


def test_zip_bomb_docx_is_refused_before_opening(monkeypatch):
    """A .docx whose declared contents expand absurdly is refused before python-docx runs."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (20 * 1024 * 1024))
    monkeypatch.setattr(docx, "Document", lambda *a, **k: pytest.fail("python-docx opened it"))
    error = raises_import_error(buffer.getvalue(), "bomb.docx")
    assert "an toàn" in error.message_vi
    assert "uncompressed" in error.log_detail


@pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract-ocr is not installed")
def test_pdf_without_text_layer():
    """A PDF page with no text layer goes to OCR; a page OCR finds nothing on is refused
    with advice."""
    error = raises_import_error(blank_pdf(), "scan.pdf")
    assert error.message_vi.startswith("Không nhận dạng được chữ nào trên bản quét")
    assert "OCR of page(s) [1] gave no text" in error.log_detail


def test_corrupt_pdf():
    """Bytes that are not a PDF, or a broken PDF, are refused."""
    raises_import_error(b"hello world", "a.pdf")
    raises_import_error(b"%PDF-1.4\n1 0 obj << /Type /Catalog", "a.pdf")


@pytest.mark.parametrize("filename", ["a.xlsx", "a.exe", "noextension"])
def test_unknown_extension(filename: str):
    """Only .txt, .md, .docx and .pdf are accepted."""
    assert ".docx" in raises_import_error(b"data", filename).message_vi


def test_old_word_format_gets_advice():
    """A .doc file is refused with the advice to save it as .docx."""
    assert "lưu lại thành .docx" in raises_import_error(b"\xd0\xcf\x11\xe0", "a.doc").message_vi
