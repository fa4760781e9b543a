"""Read the text of an uploaded file: .txt, .md, .docx or .pdf.

Editors upload whatever they have: a Word file whose header is a two-column table, a PDF
exported from the office system (or a scan with no text layer), a text file saved in a legacy
Vietnamese code page. Everything that cannot be read raises ``ImportFileError`` with a message
for the editor and a precise detail for the log; nothing is ever guessed into mojibake.

A hostile file costs bounded work (``reading.limits``): the real inflated size of a .docx, the pages
and the text of a PDF, the length of any text are capped, and the reading runs in a child process
held to a time and memory budget.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath

import docx
import pypdf
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError
from pypdf.errors import LimitReachedError, PdfReadError

from reading.decoding import decode_text
from reading.limits import (
    LimitExceeded,
    Limits,
    check_pages,
    check_text_length,
    check_zip,
    current_limits,
    run_bounded,
)

from .errors import ImportFileError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TEXT_EXTENSIONS = {".txt", ".md"}
SUPPORTED = (".txt", ".md", ".docx", ".pdf")
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body")


@dataclass
class ExtractedText:
    """The text of a file, ready for ``parse``, and what the editor should know about it."""

    text: str
    warnings: list[str] = field(default_factory=list)


def _human_size(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def check_size(size: int, filename: str, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse a file over the limit before any of it is read into memory or a parser."""
    if size > max_bytes:
        raise ImportFileError(
            f"Tệp “{filename}” quá lớn ({_human_size(size)}); "
            f"chỉ nhận tệp tới {_human_size(max_bytes)}.",
            f"{filename}: {size} bytes exceeds the limit of {max_bytes} bytes",
        )


def extract_path(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ExtractedText:
    """``extract_text`` for a file on disk, checking its size before reading it."""
    check_size(path.stat().st_size, path.name, max_bytes)
    return extract_text(path.read_bytes(), path.name, max_bytes=max_bytes)


def extract_text(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: Limits | None = None,
) -> ExtractedText:
    """The text of an uploaded file, chosen by its extension and checked against its bytes.

    The reading runs in a child process held to ``limits`` (``settings.IMPORT_LIMITS`` by
    default): running out of time or memory there is an ``ImportFileError`` like any other.
    """
    limits = limits or current_limits()
    check_size(len(data), filename, max_bytes)
    return run_bounded(
        _extract, data, filename, limits, filename=filename, limits=limits, error=ImportFileError
    )


def _extract(data: bytes, filename: str, limits: Limits) -> ExtractedText:
    try:
        return _extract_unbounded(data, filename, limits)
    except LimitExceeded as exc:
        raise ImportFileError(exc.message_vi, exc.log_detail) from exc


def _extract_unbounded(data: bytes, filename: str, limits: Limits) -> ExtractedText:
    extension = PurePath(filename).suffix.lower()
    if extension not in SUPPORTED:
        raise ImportFileError(
            f"Không đọc được tệp “{filename}”: chỉ nhận tệp {', '.join(SUPPORTED)}."
            + (" Tệp .doc cũ cần lưu lại thành .docx." if extension == ".doc" else ""),
            f"{filename}: unsupported extension {extension or '(none)'!r}",
        )
    if not data.strip():
        raise ImportFileError(
            f"Tệp “{filename}” trống.", f"{filename}: {len(data)} bytes, no content"
        )
    if extension in TEXT_EXTENSIONS:
        result = _read_text_file(data, filename)
    elif extension == ".docx":
        result = _read_docx(data, filename, limits)
    else:
        result = _read_pdf(data, filename, limits)
    check_text_length(len(result.text), filename, limits)
    if not result.text.strip():
        raise ImportFileError(
            f"Tệp “{filename}” không có chữ nào để đọc.",
            f"{filename}: {extension} parsed but the extracted text is empty",
        )
    return result


# Text files ---------------------------------------------------------------------------


def _read_text_file(data: bytes, filename: str) -> ExtractedText:
    text, warnings = decode_text(data, filename, error=ImportFileError)
    head = text.lstrip()[:512].lower().encode()
    if any(marker in head for marker in _HTML_MARKERS):
        raise ImportFileError(
            f"Tệp “{filename}” là một trang web (HTML), không phải văn bản. Hãy tải bản "
            "Word, PDF hoặc sao chép nội dung văn bản.",
            f"{filename}: HTML markup at the start: {text.lstrip()[:60]!r}",
        )
    return ExtractedText(text=text, warnings=warnings)


# Word files ---------------------------------------------------------------------------


def _check_zip(data: bytes, filename: str, limits: Limits) -> None:
    """Refuse a .docx that is not a zip, or whose members really inflate past the limits."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
        check_zip(data, filename, limits)
    except (zipfile.BadZipFile, EOFError, NotImplementedError) as exc:
        raise ImportFileError(
            f"Tệp “{filename}” bị hỏng hoặc không phải tệp Word (.docx).",
            f"{filename}: not a zip archive or a broken one ({type(exc).__name__}: {exc}); "
            f"starts with {data[:8]!r}",
        ) from exc
    if "word/document.xml" not in names:
        raise ImportFileError(
            f"Tệp “{filename}” không phải tệp Word (.docx).",
            f"{filename}: zip without word/document.xml; members: {sorted(names)[:10]}",
        )


def _block_lines(block: Paragraph | Table) -> Iterator[str]:
    """Lines of a paragraph or table, in reading order; each table cell is its own group."""
    if isinstance(block, Paragraph):
        yield block.text
        return
    for row in block.rows:
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is repeated for every grid column
                continue
            seen.add(id(cell._tc))
            for inner in cell.iter_inner_content():
                yield from _block_lines(inner)
            yield "|"


def _read_docx(data: bytes, filename: str, limits: Limits) -> ExtractedText:
    _check_zip(data, filename, limits)
    try:
        document: DocxDocument = docx.Document(io.BytesIO(data))
        lines = [line for block in document.iter_inner_content() for line in _block_lines(block)]
    except (PackageNotFoundError, KeyError, ValueError, XMLSyntaxError, zipfile.BadZipFile) as exc:
        raise ImportFileError(
            f"Tệp Word “{filename}” bị hỏng, không đọc được.",
            f"{filename}: python-docx failed: {type(exc).__name__}: {exc}",
        ) from exc
    return ExtractedText(text="\n".join(lines))


# PDF files ----------------------------------------------------------------------------


def _read_pdf(data: bytes, filename: str, limits: Limits) -> ExtractedText:
    if not data.lstrip().startswith(b"%PDF"):
        raise ImportFileError(
            f"Tệp “{filename}” không phải tệp PDF hợp lệ.",
            f"{filename}: no %PDF signature; starts with {data[:8]!r}",
        )
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportFileError(
                f"Tệp PDF “{filename}” có mật khẩu, không đọc được.",
                f"{filename}: encrypted PDF, empty password refused",
            )
        pages = _pdf_pages(reader, filename, limits)
    except LimitReachedError as exc:
        raise ImportFileError(
            f"Tệp “{filename}” có nội dung nén bất thường và đã bị từ chối vì lý do an toàn.",
            f"{filename}: pypdf limit reached: {exc}",
        ) from exc
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ImportFileError(
            f"Tệp PDF “{filename}” bị hỏng, không đọc được.",
            f"{filename}: pypdf failed: {type(exc).__name__}: {exc}",
        ) from exc
    if not any(page.strip() for page in pages):
        raise ImportFileError(
            f"Tệp PDF không có lớp văn bản (bản quét): “{filename}”. Hãy dùng bản PDF xuất "
            "từ Word hoặc nhập nội dung bằng tay.",
            f"{filename}: {len(pages)} page(s), no text layer on any page",
        )
    empty = [str(number) for number, page in enumerate(pages, start=1) if not page.strip()]
    warnings = []
    if empty:
        warnings.append(
            f"Trang {', '.join(empty)} của tệp PDF không có lớp văn bản (bản quét); "
            "nội dung các trang này chưa được đọc."
        )
    return ExtractedText(text="\n".join(pages), warnings=warnings)


def _pdf_pages(reader: pypdf.PdfReader, filename: str, limits: Limits) -> list[str]:
    """The text of each page, refused past the page or text limit.

    The page count the catalogue declares is checked before the page tree is walked (cheap),
    and the walked count after (a forged count cannot hide pages).
    """
    try:
        declared = int(reader.trailer["/Root"]["/Pages"]["/Count"])
    except (KeyError, TypeError, ValueError):
        declared = 0
    check_pages(declared, filename, limits)
    check_pages(len(reader.pages), filename, limits)
    pages: list[str] = []
    length = 0
    for page in reader.pages:
        text = page.extract_text() or ""
        length += len(text)
        check_text_length(length, filename, limits)
        pages.append(text)
    return pages
