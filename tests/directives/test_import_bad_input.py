"""Bad input (issue 3, item 7): an empty file, binary junk, an HTML page, a 50 MB file, a
corrupt or zip-bomb DOCX, a PDF with no text, a file in another encoding. Through the service
and through the command, each gets a clear Vietnamese message, a precise line in the log,
and nothing is created: no page, no document (nor its file), no agency."""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pypdf
import pytest

from django.core.management import CommandError, call_command
from django.db import DatabaseError

from wagtail.documents import get_document_model
from wagtail.models import Page

from directives.importing import ImportStatus, import_document
from directives.models import Agency, DirectivePage

GOOD_TEXT = """ỦY BAN NHÂN DÂN
TỈNH THỬ NGHIỆM
Số: 12/UBND-VP
V/v thử nhập văn bản
Thử Nghiệm, ngày 02 tháng 4 năm 2024
Kính gửi: Sở Nội vụ.
Giao Sở Nội vụ hoàn thành trước ngày 20/5/2024.
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An
"""


def zip_bomb_docx() -> bytes:
    """A small zip whose Word part would expand to 20 MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (20 * 1024 * 1024))
    return buffer.getvalue()


def blank_pdf() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# (filename, bytes, words of the Vietnamese message, words of the log line)
BAD_INPUTS = {
    "empty": ("trong.txt", b"", "trống", "no content"),
    "binary junk": ("rac.txt", bytes(range(256)) * 16, "nhị phân", "NUL or control bytes"),
    "html page": (
        "trang-web.txt",
        b"<!DOCTYPE html><html><head><title>CV 404</title></head><body>x</body></html>",
        "trang web (HTML)",
        "HTML markup",
    ),
    "50 MB": ("lon.txt", b"a" * (50 * 1024 * 1024), "quá lớn", "exceeds the limit"),
    "corrupt docx": ("hong.docx", b"PK\x03\x04 not really a zip", "hỏng", "not a zip archive"),
    "zip-bomb docx": ("bom.docx", None, "bất thường", "uncompressed"),
    "blank scan": ("ban-quet.pdf", None, "Không nhận dạng được chữ", "gave no text"),
    "another encoding": (
        "shift-jis.txt",
        ("東京都の行政手続きに関するお知らせです。" * 20).encode("shift_jis"),
        "bảng mã",
        "not UTF-8",
    ),
}


def bad_input(name: str) -> tuple[str, bytes, str, str]:
    filename, data, message, detail = BAD_INPUTS[name]
    if data is None:
        data = zip_bomb_docx() if filename.endswith(".docx") else blank_pdf()
    return filename, data, message, detail


@pytest.fixture
def import_log(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """caplog for "directives.importing": the project's LOGGING stops "directives" from
    propagating to the root logger, where caplog listens."""
    logger = logging.getLogger("directives")
    logger.addHandler(caplog.handler)
    caplog.set_level(logging.INFO, logger="directives.importing")
    yield caplog
    logger.removeHandler(caplog.handler)


def snapshot() -> tuple[int, int, int, int]:
    return (
        Page.objects.count(),
        DirectivePage.objects.count(),
        get_document_model().objects.count(),
        Agency.objects.count(),
    )


def stored_documents() -> list[str]:
    storage = get_document_model()._meta.get_field("file").storage
    if not storage.exists("documents"):
        return []
    return storage.listdir("documents")[1]


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_service_refuses_bad_input_and_creates_nothing(site, import_log, case: str):
    filename, data, message, detail = bad_input(case)
    before, files_before = snapshot(), stored_documents()
    result = import_document(data, filename)
    assert result.status is ImportStatus.FAILED
    assert message in result.message_vi and filename in result.message_vi
    assert any(
        record.name == "directives.importing"
        and filename in record.message
        and detail in record.message
        for record in import_log.records
    ), import_log.text
    assert snapshot() == before
    assert stored_documents() == files_before


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_command_refuses_bad_input_and_creates_nothing(site, import_log, tmp_path: Path, case: str):
    filename, data, message, detail = bad_input(case)
    path = tmp_path / filename
    path.write_bytes(data)
    before = snapshot()
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_directives", str(path), stdout=StringIO(), stderr=err)
    assert f"[lỗi] {filename}:" in err.getvalue() and message in err.getvalue()
    assert any(detail in record.message for record in import_log.records), import_log.text
    assert snapshot() == before


def test_a_bad_file_does_not_stop_the_good_one(site, tmp_path: Path):
    good, bad = tmp_path / "tot.txt", tmp_path / "hong.docx"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    bad.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(CommandError):
        call_command("import_directives", str(bad), str(good), stdout=StringIO(), stderr=StringIO())
    assert DirectivePage.objects.get().number == "12/UBND-VP"


def test_a_failure_while_saving_rolls_everything_back(site, import_log, monkeypatch):
    """A database error after the agency, the document and its file were written leaves
    none of them behind: the transaction rolls back and the stored file is removed."""
    before, files_before = snapshot(), stored_documents()

    def fail(self, *args, **kwargs):
        raise DatabaseError("disk I/O error (simulated)")

    monkeypatch.setattr(DirectivePage, "save_revision", fail)
    result = import_document(GOOD_TEXT.encode(), "tot.txt")
    assert result.status is ImportStatus.FAILED
    assert "chưa có gì được tạo" in result.message_vi
    assert "DatabaseError while saving, rolled back" in import_log.text
    assert snapshot() == before
    assert stored_documents() == files_before


def test_an_unknown_parent_is_refused_and_creates_nothing(site):
    """A parent that takes no directives (the home page) is a clear refusal."""
    before = snapshot()
    result = import_document(GOOD_TEXT.encode(), "tot.txt", parent=site)
    assert result.failed and "Không thể đặt văn bản" in result.message_vi
    assert snapshot() == before
