"""Read the text of an uploaded file: .txt, .md, .docx, .pdf or the image of a scanned page.

Editors upload whatever they have: a Word file whose header is a two-column table, a PDF
exported from the office system, a signed scan with no text layer (or one whose text layer is
garbage), a photo of a page, a text file saved in a legacy Vietnamese code page. Pages without
a usable text layer are read by OCR (``reading.ocr``), one bounded child process per page. Everything that cannot be read raises ``ImportFileError`` with a message
for the editor and a precise detail for the log; nothing is ever guessed into mojibake.

A hostile file costs bounded work (``reading.limits``): the real inflated size of a .docx, the pages
and the text of a PDF, the length of any text are capped, and the reading of a .docx, a PDF or an
image runs in a child process held to a time and memory budget. A .txt or .md file is decoded in
the calling process: its size is checked first and decoding is linear in it, with no library
parsing a container that could inflate, so a child (whose fork costs more CPU than the
decoding) would bound nothing the checks do not.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath

import docx
import pypdf
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError
from PIL import Image, UnidentifiedImageError
from pypdf.errors import LimitReachedError, PdfReadError

from reading import ocr
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
from .quality import looks_like_bad_ocr

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TEXT_EXTENSIONS = {".txt", ".md"}
SUPPORTED = (".txt", ".md", ".docx", ".pdf", *ocr.IMAGE_EXTENSIONS)
TEXT_LAYER = "text layer"
OCR = "ocr"
# Called after each page read by OCR with (pages done, pages to read).
Progress = Callable[[int, int], None]
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body")


@dataclass
class ExtractedText:
    """The text of a file, ready for ``parse``, and what the editor should know about it."""

    text: str
    warnings: list[str] = field(default_factory=list)
    # TEXT_LAYER, or OCR when any page was read from its image.
    source: str = TEXT_LAYER
    # Pages (numbered from 1) that have no usable text layer, before OCR reads them; after.
    ocr_pages: list[int] = field(default_factory=list)
    page_texts: list[str] = field(default_factory=list)
    ocr_seconds: list[float] = field(default_factory=list)

    @property
    def needs_ocr(self) -> bool:
        return self.source != OCR and bool(self.ocr_pages)


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


def extract_path(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, progress: Progress | None = None
) -> ExtractedText:
    """``extract_text`` for a file on disk, checking its size before reading it."""
    check_size(path.stat().st_size, path.name, max_bytes)
    return extract_text(path.read_bytes(), path.name, max_bytes=max_bytes, progress=progress)


def extract_text(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: Limits | None = None,
    progress: Progress | None = None,
) -> ExtractedText:
    """The text of an uploaded file, chosen by its extension and checked against its bytes,
    with every page that lacks a usable text layer read by OCR.

    The reading runs in a child process held to ``limits`` (``settings.IMPORT_LIMITS`` by
    default): running out of time or memory there is an ``ImportFileError`` like any other.
    """
    limits = limits or current_limits()
    extracted = extract_layers(data, filename, max_bytes=max_bytes, limits=limits)
    if extracted.needs_ocr:
        extracted = read_scanned_pages(data, filename, extracted, limits=limits, progress=progress)
    return extracted


def extract_layers(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: Limits | None = None,
) -> ExtractedText:
    """The text layers only: quick, so a request can decide whether OCR must run in the
    background (``needs_ocr``). Scanned pages are checked against the OCR limits here."""
    limits = limits or current_limits()
    check_size(len(data), filename, max_bytes)
    if PurePath(filename).suffix.lower() in TEXT_EXTENSIONS:
        limits = replace(limits, isolate=False)  # see the module's docstring
    return run_bounded(
        _extract, data, filename, limits, filename=filename, limits=limits, error=ImportFileError
    )


def read_scanned_pages(
    data: bytes,
    filename: str,
    extracted: ExtractedText,
    *,
    limits: Limits | None = None,
    progress: Progress | None = None,
) -> ExtractedText:
    """``extracted`` with its pages that need OCR read, each in its own bounded child.

    A page costs at most ``ocr_page_seconds`` (plus rendering) and ``memory_bytes``; a failure
    on any page fails the whole file, so an editor never gets a document with a hole in it.
    """
    limits = limits or current_limits()
    page_limits = replace(limits, timeout_seconds=limits.ocr_page_seconds + 30)
    texts = list(extracted.page_texts)
    seconds = []
    total = len(extracted.ocr_pages)
    for done, number in enumerate(extracted.ocr_pages, start=1):
        page = run_bounded(
            _ocr_page,
            data,
            filename,
            number,
            limits,
            filename=filename,
            limits=page_limits,
            error=ImportFileError,
        )
        texts[number - 1] = page.text
        seconds.append(page.seconds)
        if progress is not None:
            progress(done, total)
    text = "\n".join(texts)
    check_text_length(len(text), filename, limits)
    if not text.strip():
        raise ImportFileError(
            f"Không nhận dạng được chữ nào trên bản quét “{filename}”. Hãy quét lại rõ hơn "
            "(ít nhất 200 dpi) hoặc nhập nội dung bằng tay.",
            f"{filename}: OCR of page(s) {extracted.ocr_pages} gave no text",
        )
    pages = ", ".join(str(number) for number in extracted.ocr_pages)
    warnings = [
        warning for warning in extracted.warnings if not warning.startswith(_SCANNED_WARNING)
    ]
    warnings.append(
        f"Trang {pages} được đọc bằng nhận dạng chữ (OCR) từ bản quét; hãy đối chiếu các "
        "trường và nội dung với bản gốc."
    )
    return replace(
        extracted, text=text, warnings=warnings, source=OCR, page_texts=texts, ocr_seconds=seconds
    )


def _ocr_page(data: bytes, filename: str, number: int, limits: Limits) -> ocr.OcrPage:
    started = time.monotonic()
    if PurePath(filename).suffix.lower() in ocr.IMAGE_EXTENSIONS:
        image = _open_image(data, filename, limits)
        image.seek(number - 1)
    else:
        width, height = _pdf_page_size(data, number)
        dpi = ocr.DPI
        # A page too large for the pixel budget is rendered coarser, down to a floor.
        while dpi > ocr.MIN_DPI and width * height * (dpi / 72) ** 2 > limits.max_ocr_pixels:
            dpi -= 25
        pixels = int(width * height * (dpi / 72) ** 2)
        if pixels > limits.max_ocr_pixels:
            raise _too_many_pixels(filename, pixels, limits, f"page {number} at {dpi} dpi")
        image = ocr.render_pdf_page(
            data, number, filename, dpi=dpi, timeout=limits.ocr_page_seconds
        )
    text = ocr.ocr_image(image, filename, timeout=limits.ocr_page_seconds)
    return ocr.OcrPage(text=text, seconds=time.monotonic() - started)


def _pdf_page_size(data: bytes, number: int) -> tuple[float, float]:
    box = pypdf.PdfReader(io.BytesIO(data)).pages[number - 1].mediabox
    return abs(float(box.width)), abs(float(box.height))


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
    elif extension in ocr.IMAGE_EXTENSIONS:
        return _read_image(data, filename, limits)
    else:
        result = _read_pdf(data, filename, limits)
        if result.needs_ocr:
            return result
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
    """Lines of a paragraph or table, in reading order; each table cell is its own group.

    A table is written as crawled pages print one: a "|" line before it and after every
    cell, and one more after every row (two "|" lines end a row), so the body reads its
    rows back (``parsing.body``) and the other readers see a break between cells."""
    if isinstance(block, Paragraph):
        yield block.text
        return
    yield "|"
    for row in block.rows:
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is repeated for every grid column
                continue
            seen.add(id(cell._tc))
            for inner in cell.iter_inner_content():
                yield from _block_lines(inner)
            yield "|"
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
    # A page with no text layer, or one whose layer is garbage, is read from its image.
    scanned = [
        number
        for number, page in enumerate(pages, start=1)
        if not page.strip() or looks_like_bad_ocr(page)
    ]
    warnings = []
    if scanned:
        _check_ocr_pages(len(scanned), filename, limits)
        warnings.append(
            f"{_SCANNED_WARNING} {', '.join(map(str, scanned))} của tệp PDF không có lớp văn bản "
            "dùng được (bản quét); nội dung các trang này chưa được đọc."
        )
    return ExtractedText(
        text="\n".join(pages), warnings=warnings, ocr_pages=scanned, page_texts=pages
    )


_SCANNED_WARNING = "Trang"


def _check_ocr_pages(count: int, filename: str, limits: Limits) -> None:
    if count > limits.max_ocr_pages:
        raise LimitExceeded(
            f"Tệp “{filename}” có {count} trang quét cần nhận dạng chữ (OCR), quá giới hạn "
            f"{limits.max_ocr_pages} trang. Hãy tải riêng phần văn bản chính (các trang đầu) "
            "hoặc bản PDF có lớp văn bản.",
            f"{filename}: {count} pages need OCR (limit max_ocr_pages={limits.max_ocr_pages})",
        )


def _too_many_pixels(filename: str, pixels: int, limits: Limits, where: str) -> LimitExceeded:
    return LimitExceeded(
        f"Ảnh trong tệp “{filename}” quá lớn ({pixels / 1e6:.0f} triệu điểm ảnh; giới hạn "
        f"{limits.max_ocr_pixels / 1e6:.0f} triệu) để nhận dạng chữ. Hãy quét lại ở "
        "200–300 dpi.",
        f"{filename}: {where}: {pixels} pixels (limit max_ocr_pixels={limits.max_ocr_pixels})",
    )


# Images of pages ----------------------------------------------------------------------


def _open_image(data: bytes, filename: str, limits: Limits) -> Image.Image:
    """The image, opened without decoding its pixels, refused past the pixel limit."""
    try:
        image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError) as exc:
        if isinstance(exc, Image.DecompressionBombError):
            raise _too_many_pixels(filename, limits.max_ocr_pixels + 1, limits, str(exc)) from exc
        raise ImportFileError(
            f"Tệp ảnh “{filename}” bị hỏng hoặc không phải ảnh PNG, JPEG hay TIFF.",
            f"{filename}: Pillow cannot identify it ({type(exc).__name__}: {exc}); "
            f"starts with {data[:8]!r}",
        ) from exc
    width, height = image.size
    if width * height > limits.max_ocr_pixels:
        raise _too_many_pixels(filename, width * height, limits, f"{width}x{height} image")
    return image


def _read_image(data: bytes, filename: str, limits: Limits) -> ExtractedText:
    image = _open_image(data, filename, limits)
    frames = getattr(image, "n_frames", 1)
    _check_ocr_pages(frames, filename, limits)
    return ExtractedText(text="", ocr_pages=list(range(1, frames + 1)), page_texts=[""] * frames)


# A page whose plain extraction puts a space between letters ("Ủ Y  B A N", "C Ộ N G  H Ò A"):
# a font that places each glyph itself. From this share of one-letter words on.
_SPLIT_SHARE = 0.4
_SPLIT_MIN_WORDS = 12
# Layout mode keeps columns apart by runs of spaces: from this many, a column gap.
_COLUMN_GAP_RE = re.compile(r"(?<=\S) {4,}(?=\S)")


def letters_split(text: str) -> bool:
    """True when most words of ``text`` are single letters: plain extraction split them."""
    words = text.split()
    if len(words) < _SPLIT_MIN_WORDS:
        return False
    single = sum(1 for word in words if len(word) == 1 and word.isalpha())
    return single / len(words) >= _SPLIT_SHARE


def _layout_text(page) -> str:
    """The page read in pypdf's layout mode (glyphs placed by their position, so letters of
    one word join), its side-by-side columns (the header's issuer and motto) written as
    table cells ("|"), as a crawled page gives them."""
    text = page.extract_text(extraction_mode="layout") or ""
    lines = [_COLUMN_GAP_RE.sub(" | ", line.strip()) for line in text.splitlines()]
    return "\n".join(lines)


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
        if letters_split(text):
            text = _layout_text(page)
        length += len(text)
        check_text_length(length, filename, limits)
        pages.append(text)
    return pages
