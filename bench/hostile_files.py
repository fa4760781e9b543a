"""Hostile files: how long each refusal takes and what the reading child cost at most.

    python -m bench.hostile_files [--pages 100000]

Builds, in memory, the hostile files of issue 10 point 5 (a .docx whose XML inflates to 50 MB,
a PDF whose font stream inflates past pypdf's limit, a PDF with --pages pages, a workbook that
declares A1:XFD1048576 and one with a cell on its last row, a CSV of empty cells) and reads
each through the real path (``extract_text`` / ``read_procedure_file``, child process
included). Prints the size on disk, the wall-clock time, the children's peak resident memory
and the message; asserts nothing. No Django settings are needed: the default limits apply.
"""

from __future__ import annotations

import argparse
import io
import resource
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
MiB = 1024 * 1024


def _with_member(package: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(package))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, content if item.filename == name else source.read(item))
    return buffer.getvalue()


def inflating_docx(xml_bytes: int) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Mở đầu")
    buffer = io.BytesIO()
    document.save(buffer)
    base = buffer.getvalue()
    xml = zipfile.ZipFile(io.BytesIO(base)).read("word/document.xml").decode()
    paragraph = "<w:p><w:r><w:t>Giao Sở Nội vụ chủ trì thực hiện.</w:t></w:r></w:p>"
    body = paragraph * (xml_bytes // len(paragraph.encode()) + 1)
    return _with_member(
        base, "word/document.xml", xml.replace("<w:body>", "<w:body>" + body, 1).encode()
    )


def pdf(pages: int, bomb: bool = False) -> bytes:
    import pypdf
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    content = DecodedStreamObject()
    content.set_data(b"BT /F1 12 Tf 10 100 Td (Thu tuc) Tj ET")
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    if bomb:
        stream = DecodedStreamObject()
        stream.set_data(b" " * (80 * 1000 * 1000))
        font[NameObject("/ToUnicode")] = writer._add_object(stream.flate_encode())
    resources = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    contents = writer._add_object(content)
    for page in writer.pages:
        page[NameObject("/Contents")] = contents
        page[NameObject("/Resources")] = resources
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def workbook(last_row: bool) -> bytes:
    import re

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["STT", "Mã thủ tục", "Tên thủ tục", "Lĩnh vực"])
    sheet.append(["1", "1.000001", "Cấp bản sao trích lục hộ tịch", "Hộ tịch"])
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    xml = re.sub(r'<dimension ref="[^"]+"', '<dimension ref="A1:XFD1048576"', xml)
    if last_row:
        xml = xml.replace(
            "</sheetData>",
            '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
            "</sheetData>",
        )
    return _with_member(data, "xl/worksheets/sheet1.xml", xml.encode())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100_000)
    options = parser.parse_args(argv)
    sys.path.insert(0, str(BASE_DIR))
    from directives.parsing.errors import ImportFileError
    from directives.parsing.files import extract_text
    from procedures.parsing import ProcedureFileError, read_procedure_file

    cases = [
        ("docx, XML inflating to 50 MB", "phinh.docx", lambda: inflating_docx(50 * MiB)),
        ("pdf, font stream past pypdf's limit", "phinh.pdf", lambda: pdf(1, bomb=True)),
        (f"pdf, {options.pages:,} pages", "nhieu-trang.pdf", lambda: pdf(options.pages)),
        ("xlsx, forged dimension A1:XFD1048576", "kich-thuoc.xlsx", lambda: workbook(False)),
        ("xlsx, a cell on row 1,048,576", "dong-cuoi.xlsx", lambda: workbook(True)),
        ("csv, 5 MB of empty cells", "o-trong.csv", lambda: b"," * (5 * MiB)),
    ]
    names = {label: name for label, name, _ in cases}

    def attempt(label: str, data: bytes) -> str:
        name = names[label]
        read = read_procedure_file if name.endswith((".xlsx", ".csv")) else extract_text
        try:
            return f"read: {type(read(data, name)).__name__}"
        except (ImportFileError, ProcedureFileError) as error:
            return error.message_vi

    print_child_costs([(label, build) for label, _, build in cases], attempt)


def print_child_costs(
    cases: list[tuple[str, Callable[[], bytes]]], attempt: Callable[[str, bytes], str]
) -> None:
    """One row per case: the file's size, the wall-clock seconds of ``attempt(label, data)``
    (which reads the file through its child process and says what became of it), the peak
    resident memory of the children so far, and that outcome."""
    print(f"{'case':42} {'size':>10} {'seconds':>8} {'child MB':>9}  outcome")
    for label, build in cases:
        data = build()
        started = time.perf_counter()
        outcome = attempt(label, data)
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"{label:42} {len(data) / 1024:>8.0f}KB {elapsed:>8.2f} {peak:>9.0f}  {outcome}")
    print("(child MB: the largest resident size of any child so far)")


if __name__ == "__main__":
    main()
