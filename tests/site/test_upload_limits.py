"""Hostile files cost bounded work: each is built here, small on disk, and read through the
real extraction path (the child process included). Every refusal is a Vietnamese message and
a log line; none hangs the suite, because each limit stops the work early by design."""

from __future__ import annotations

import io
import logging
import os
import re
import time
import zipfile
from collections.abc import Iterator

import docx
import pypdf
import pytest
from openpyxl import Workbook
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from directives.parsing.errors import ImportFileError
from directives.parsing.files import extract_text
from procedures.parsing import ProcedureFileError, read_procedure_file
from reading.limits import Limits, run_bounded

MiB = 1024 * 1024


@pytest.fixture
def limits_log(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """caplog on "imports.limits" whatever the project's LOGGING says about propagation."""
    logger = logging.getLogger("imports.limits")
    logger.addHandler(caplog.handler)
    caplog.set_level(logging.INFO, logger="imports.limits")
    yield caplog
    logger.removeHandler(caplog.handler)


def refused(data: bytes, filename: str, **kwargs) -> ImportFileError:
    with pytest.raises(ImportFileError) as caught:
        extract_text(data, filename, **kwargs)
    assert caught.value.message_vi and caught.value.log_detail
    return caught.value


def docx_bytes(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_member(package: bytes, name: str, content: bytes) -> bytes:
    """``package`` with member ``name`` replaced by ``content`` (deflated)."""
    source = zipfile.ZipFile(io.BytesIO(package))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = content if item.filename == name else source.read(item.filename)
            target.writestr(item.filename, data)
    return buffer.getvalue()


def inflating_docx(xml_bytes: int) -> bytes:
    """A valid .docx whose document.xml is ``xml_bytes`` of real paragraphs that deflate well."""
    base = docx_bytes(["Mở đầu"])
    xml = zipfile.ZipFile(io.BytesIO(base)).read("word/document.xml").decode()
    paragraph = "<w:p><w:r><w:t>Giao Sở Nội vụ chủ trì thực hiện.</w:t></w:r></w:p>"
    body = paragraph * (xml_bytes // len(paragraph.encode()) + 1)
    return with_member(
        base, "word/document.xml", xml.replace("<w:body>", "<w:body>" + body, 1).encode()
    )


def _font(writer: pypdf.PdfWriter, to_unicode=None) -> DictionaryObject:
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    if to_unicode is not None:
        font[NameObject("/ToUnicode")] = writer._add_object(to_unicode)
    return DictionaryObject({NameObject("/F1"): writer._add_object(font)})


def pdf_bytes(pages: int, text: str = "", to_unicode=None) -> bytes:
    """A real PDF made with pypdf: ``pages`` pages, each showing ``text`` in Helvetica."""
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    if text:
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 12 Tf 10 100 Td ({text}) Tj ET".encode())
        contents = writer._add_object(stream)
        fonts = _font(writer, to_unicode)
        for page in writer.pages:
            page[NameObject("/Contents")] = contents
            page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# Word files -------------------------------------------------------------------------------


def test_docx_whose_xml_really_inflates_past_the_limit(limits_log):
    """A deflated document.xml of 17 MiB (the default XML limit is 16 MiB) is stopped while
    streaming; python-docx never sees it."""
    data = inflating_docx(17 * MiB)
    assert len(data) < 1 * MiB
    error = refused(data, "phinh.docx")
    assert "bất thường" in error.message_vi and "phinh.docx" in error.message_vi
    assert "uncompressed" in error.log_detail
    assert "refused: phinh.docx:" in limits_log.text


def test_docx_with_moderate_ratio_is_measured_by_what_it_inflates_to():
    """The old check trusted the declared sizes and a ratio under 100: a .docx of random words
    (ratio well under 100) still cannot feed the XML parser more than the XML limit."""
    base = docx_bytes(["Mở đầu"])
    words = os.urandom(3 * MiB // 2).hex()  # 3 MiB of text that deflates about 2:1
    xml = zipfile.ZipFile(io.BytesIO(base)).read("word/document.xml").decode()
    paragraph = f"<w:p><w:r><w:t>{words}</w:t></w:r></w:p>"
    data = with_member(
        base, "word/document.xml", xml.replace("<w:body>", "<w:body>" + paragraph).encode()
    )
    declared = sum(item.file_size for item in zipfile.ZipFile(io.BytesIO(data)).infolist())
    assert declared / len(data) < 100
    error = refused(data, "ngau-nhien.docx", limits=Limits(max_xml_bytes=2 * MiB))
    assert "bất thường" in error.message_vi


def test_docx_within_the_limits_reads_normally():
    data = inflating_docx(200_000)
    result = extract_text(data, "binh-thuong.docx")
    assert result.text.count("Giao Sở Nội vụ chủ trì thực hiện.") > 1000


def test_zip_with_too_many_members():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        for number in range(2100):
            archive.writestr(f"customXml/item{number}.xml", "<a/>")
    error = refused(buffer.getvalue(), "nhieu-phan.docx")
    assert "members" in error.log_detail


# PDF files --------------------------------------------------------------------------------


def test_pdf_stream_past_pypdf_limit_is_a_message_not_a_500(limits_log):
    """A small PDF whose font's ToUnicode stream inflates past pypdf's own limit: pypdf's
    LimitReachedError escaped extract_text (a 500)."""
    bomb = DecodedStreamObject()
    bomb.set_data(b" " * (80 * 1000 * 1000))
    data = pdf_bytes(1, text="Thu tuc", to_unicode=bomb.flate_encode())
    assert len(data) < 1 * MiB
    error = refused(data, "phinh.pdf")
    assert "bất thường" in error.message_vi
    assert "pypdf limit reached" in error.log_detail
    assert "refused: phinh.pdf:" in limits_log.text


def test_pdf_with_more_pages_than_the_limit():
    """A PDF of 1,001 pages (the default limit is 1,000) is refused before any page is read."""
    data = pdf_bytes(1001)
    error = refused(data, "nhieu-trang.pdf")
    assert "1001 trang" in error.message_vi and "1000 trang" in error.message_vi
    assert "1001 pages" in error.log_detail


def test_pdf_that_forges_its_page_count_is_counted_by_its_tree():
    """/Count says 1; the page tree holds 30 pages: the walked count decides."""
    data = pdf_bytes(30)
    forged = re.sub(rb"/Count 30\b", b"/Count 1 ", data)
    assert forged != data
    error = refused(forged, "dem-sai.pdf", limits=Limits(max_pages=10))
    assert "30 pages" in error.log_detail


def test_pdf_text_past_the_limit():
    data = pdf_bytes(5, text="Thu tuc hanh chinh " * 20)
    error = refused(data, "dai.pdf", limits=Limits(max_text_chars=1000))
    assert "quá dài" in error.message_vi
    assert "characters" in error.log_detail


def test_text_file_past_the_text_limit():
    data = ("Giao Sở Nội vụ chủ trì. " * 200).encode()
    error = refused(data, "dai.txt", limits=Limits(max_text_chars=1000))
    assert "quá dài" in error.message_vi


def test_text_file_is_decoded_without_a_child_but_a_docx_is_not():
    """A .txt or .md file is decoded in the calling process (a fork would cost more than the
    decoding, whose size is checked first); a .docx still goes to a child held to the time
    limit, so a limit no child can answer within refuses it and not the text."""
    starved = Limits(timeout_seconds=0.000_001)
    text = "Giao Sở Nội vụ chủ trì thực hiện."
    assert extract_text(text.encode(), "ngan.txt", limits=starved).text.strip() == text
    assert extract_text(text.encode(), "ngan.md", limits=starved).text.strip() == text
    error = refused(docx_bytes([text]), "ngan.docx", limits=starved)
    assert "thời gian" in error.message_vi


# The child process ------------------------------------------------------------------------


def _allocate(size: int) -> int:
    return len(bytearray(size))


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def _crash() -> None:
    raise RecursionError("a library gave up")


def test_child_memory_limit(limits_log):
    """Asking for more than the memory budget ends the child, not the worker."""
    with pytest.raises(ImportFileError) as caught:
        run_bounded(
            _allocate,
            512 * MiB,
            filename="bo-nho.docx",
            limits=Limits(memory_bytes=64 * MiB),
            error=ImportFileError,
        )
    assert "bộ nhớ" in caught.value.message_vi
    assert "memory" in limits_log.text


def test_child_timeout(limits_log):
    """A reading that does not finish in time is killed; the wall-clock limit is the design."""
    with pytest.raises(ImportFileError) as caught:
        run_bounded(
            _sleep,
            30,
            filename="cham.pdf",
            limits=Limits(timeout_seconds=0.5),
            error=ImportFileError,
        )
    assert "thời gian" in caught.value.message_vi
    assert "0.5s" in caught.value.log_detail


def test_child_library_failure_is_a_message(limits_log):
    with pytest.raises(ProcedureFileError) as caught:
        run_bounded(_crash, filename="la.xlsx", limits=Limits(), error=ProcedureFileError)
    assert "bị hỏng" in caught.value.message_vi
    assert "RecursionError" in caught.value.log_detail


def test_child_result_comes_back():
    assert (
        run_bounded(_allocate, 1000, filename="x", limits=Limits(), error=ImportFileError) == 1000
    )


# Spreadsheets -----------------------------------------------------------------------------


def workbook_bytes(rows: list[list[str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


HEADER = ["STT", "Mã thủ tục", "Tên thủ tục", "Lĩnh vực"]
ROWS = [HEADER, ["1", "1.000001", "Cấp bản sao trích lục hộ tịch", "Hộ tịch"]]


def sheet_xml(data: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()


def test_xlsx_with_a_forged_dimension_is_read_by_its_real_extent():
    """A 5 KB workbook declaring A1:XFD1048576 exhausted memory; now it reads as what it is."""
    data = workbook_bytes(ROWS)
    xml = re.sub(r'<dimension ref="[^"]+"', '<dimension ref="A1:XFD1048576"', sheet_xml(data))
    forged = with_member(data, "xl/worksheets/sheet1.xml", xml.encode())
    assert 'ref="A1:XFD1048576"' in sheet_xml(forged) and len(forged) < 10_000
    record = read_procedure_file(forged, "danh-muc.xlsx")
    assert [procedure.code for procedure in record.procedures] == ["1.000001"]


def test_xlsx_with_a_row_far_below_is_refused(limits_log):
    """One cell on row 1,048,576 would be a million padded rows: refused at the row limit."""
    data = workbook_bytes(ROWS)
    far = '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    forged = with_member(
        data, "xl/worksheets/sheet1.xml", sheet_xml(data).replace("</sheetData>", far).encode()
    )
    with pytest.raises(ProcedureFileError) as caught:
        read_procedure_file(forged, "xa.xlsx")
    assert "dòng" in caught.value.message_vi
    assert "rows" in caught.value.log_detail


def test_xlsx_with_a_value_past_the_column_limit_is_refused():
    data = workbook_bytes(ROWS)
    far = '<c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>'
    xml = sheet_xml(data)
    last_row_end = xml.rindex("</row>")
    forged_xml = xml[:last_row_end] + far + xml[last_row_end + len("</row>") :]
    forged = with_member(data, "xl/worksheets/sheet1.xml", forged_xml.encode())
    with pytest.raises(ProcedureFileError) as caught:
        read_procedure_file(forged, "rong.xlsx")
    assert "cột" in caught.value.message_vi


def test_xlsx_zip_bomb_is_refused():
    data = workbook_bytes(ROWS)
    xml = sheet_xml(data).replace("</sheetData>", "</sheetData>" + " " * (17 * MiB))
    with pytest.raises(ProcedureFileError) as caught:
        read_procedure_file(with_member(data, "xl/worksheets/sheet1.xml", xml.encode()), "bom.xlsx")
    assert "bất thường" in caught.value.message_vi


def test_csv_past_the_cell_limit_is_refused(settings):
    settings.IMPORT_LIMITS = {"max_cells": 1000}
    data = ("Mã thủ tục,Tên thủ tục\n" + "1.000001,Thủ tục\n" * 600).encode()
    with pytest.raises(ProcedureFileError) as caught:
        read_procedure_file(data, "nhieu.csv")
    assert "quá nhiều ô" in caught.value.message_vi


def test_procedure_file_past_the_size_limit():
    with pytest.raises(ProcedureFileError) as caught:
        read_procedure_file(b"a" * (21 * MiB), "lon.csv")
    assert "quá lớn" in caught.value.message_vi


def test_import_procedures_command_refuses_a_forged_workbook(tmp_path, db):
    """The command answers a hostile workbook with the message and carries on."""
    from django.core.management import CommandError, call_command

    data = workbook_bytes(ROWS)
    far = '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    path = tmp_path / "xa.xlsx"
    path.write_bytes(
        with_member(
            data, "xl/worksheets/sheet1.xml", sheet_xml(data).replace("</sheetData>", far).encode()
        )
    )
    out = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_procedures", str(path), "--dry-run", stdout=out, stderr=io.StringIO())
    assert "dòng" in str(caught.value) + out.getvalue()
