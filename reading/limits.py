"""Bounded extraction: a hostile upload costs a bounded amount of work, never a worker.

A small file can ask for a great deal: a .docx whose XML inflates a thousand times, a zip that
lies about its sizes, a PDF with a hundred thousand pages or a stream that inflates past the
reader's own limit, a spreadsheet that declares a million rows by sixteen thousand columns.
Every importer reads its files through this module:

- ``check_zip`` streams every member of an OOXML package and counts the bytes it really
  inflates to (the sizes a zip declares are the attacker's to choose), stopping at the limit;
- the readers stop at ``max_pages``, ``max_text_chars`` and ``max_rows`` × ``max_columns``;
- ``run_bounded`` runs the whole reading in a forked child with an address-space limit
  (``RLIMIT_AS``), a CPU limit and a wall-clock timeout, so whatever a library does with a file
  nobody foresaw, the worker serving the request survives and the editor gets a message.

Each refusal carries a Vietnamese message for the editor and a precise line for the log. Plain
Python, like the readers that use it: the site hands in its overrides (``settings.IMPORT_LIMITS``)
through ``set_overrides`` when it starts, and a script without Django gets the defaults.
"""

from __future__ import annotations

import io
import logging
import math
import multiprocessing
import os
import resource
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields, replace
from typing import Any, TypeVar

from reading.errors import UserFacingError

logger = logging.getLogger("imports.limits")

MiB = 1024 * 1024
_CHUNK = 64 * 1024
_XML_SUFFIXES = (".xml", ".rels", ".vml")

T = TypeVar("T")


@dataclass(frozen=True)
class Limits:
    """The work one uploaded file may cost. Override any of them in ``settings.IMPORT_LIMITS``."""

    # Real (streamed, not declared) uncompressed bytes of all members of a .docx / .xlsx.
    max_unzipped_bytes: int = 64 * MiB
    # Of those, the XML parts, which the XML parsers turn into objects many times their size.
    max_xml_bytes: int = 16 * MiB
    max_zip_members: int = 2000
    max_pages: int = 1000
    max_text_chars: int = 4_000_000
    max_rows: int = 20_000
    max_columns: int = 100
    max_cells: int = 600_000
    # Scanned pages read by OCR: how many, how large a page image (pixels), how long each.
    max_ocr_pages: int = 50
    max_ocr_pixels: int = 40_000_000
    ocr_page_seconds: float = 120.0
    # The child process that reads the file.
    timeout_seconds: float = 60.0
    memory_bytes: int = 1024 * MiB
    isolate: bool = True


_overrides: Callable[[], dict[str, Any]] = dict


def set_overrides(source: Callable[[], dict[str, Any]]) -> None:
    """Where ``current_limits`` reads its overrides from, asked afresh on every call (so a
    changed setting applies at once)."""
    global _overrides
    _overrides = source


def current_limits() -> Limits:
    """The defaults, with the overrides (a dict of field names) applied."""
    overrides = dict(_overrides() or {})
    known = {field.name for field in fields(Limits)}
    unknown = set(overrides) - known
    if unknown:
        logger.warning("IMPORT_LIMITS: unknown keys ignored: %s", ", ".join(sorted(unknown)))
    return replace(Limits(), **{key: value for key, value in overrides.items() if key in known})


class LimitExceeded(UserFacingError):
    """A file refused because reading it would cost more than the limits allow."""


def _refuse(filename: str, message_vi: str, log_detail: str) -> LimitExceeded:
    # Logged by ``run_bounded`` in the parent: a log line written in the child may be lost.
    return LimitExceeded(message_vi, f"{filename}: {log_detail}")


def _unusual(filename: str) -> str:
    return f"Tệp “{filename}” có nội dung nén bất thường và đã bị từ chối vì lý do an toàn."


# Zip packages (.docx, .xlsx) ----------------------------------------------------------


def check_zip(data: bytes, filename: str, limits: Limits) -> None:
    """Refuse a zip whose members really inflate past the limits.

    Every member is decompressed as a stream and its bytes counted, so a member that declares
    a small size and inflates to a large one is measured by what it gives. A zip that cannot be
    opened raises ``zipfile.BadZipFile`` for the caller to word for its format.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        if len(members) > limits.max_zip_members:
            raise _refuse(
                filename,
                _unusual(filename),
                f"zip has {len(members)} members (limit {limits.max_zip_members})",
            )
        declared = sum(member.file_size for member in members)
        if declared > limits.max_unzipped_bytes:
            raise _refuse(
                filename,
                _unusual(filename),
                f"zip declares {declared} bytes uncompressed (limit {limits.max_unzipped_bytes})",
            )
        total = xml = 0
        for member in members:
            is_xml = member.filename.lower().endswith(_XML_SUFFIXES)
            with archive.open(member) as stream:
                while chunk := stream.read(_CHUNK):
                    total += len(chunk)
                    xml += len(chunk) if is_xml else 0
                    if total > limits.max_unzipped_bytes or xml > limits.max_xml_bytes:
                        raise _refuse(
                            filename,
                            _unusual(filename),
                            f"member {member.filename!r} inflates past the uncompressed limit "
                            f"({total} bytes read, {xml} of XML; limits "
                            f"{limits.max_unzipped_bytes} / {limits.max_xml_bytes}; "
                            f"{declared} declared, {len(data)} compressed)",
                        )


# Pages, text and cells ----------------------------------------------------------------


def check_pages(count: int, filename: str, limits: Limits) -> None:
    if count > limits.max_pages:
        raise _refuse(
            filename,
            f"Tệp “{filename}” có {count} trang, quá giới hạn {limits.max_pages} trang "
            "cho một văn bản. Hãy tách tệp hoặc chỉ tải phần văn bản chính.",
            f"{count} pages (limit {limits.max_pages})",
        )


def check_text_length(length: int, filename: str, limits: Limits) -> None:
    if length > limits.max_text_chars:
        raise _refuse(
            filename,
            f"Nội dung tệp “{filename}” quá dài (hơn {_thousands(limits.max_text_chars)} ký "
            "tự) để đọc như một văn bản.",
            f"text reaches {length} characters (limit {limits.max_text_chars})",
        )


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # the Vietnamese way: 4.000.000


def bounded_rows(
    rows: Iterable[Iterable[Any]], filename: str, limits: Limits
) -> Iterator[list[Any]]:
    """The rows of a table as lists, refused once they pass the row, column or cell limits.

    Rows are read one at a time, so a declared dimension of a million rows costs nothing until
    a million rows really come; columns past ``max_columns`` must be empty.
    """
    cells = 0
    for number, row in enumerate(rows, start=1):
        values = list(row) if not isinstance(row, list) else row
        if number > limits.max_rows:
            raise _refuse(
                filename,
                f"Bảng trong tệp “{filename}” có hơn {limits.max_rows} dòng, quá giới hạn "
                "của một danh mục. Hãy tách tệp.",
                f"more than {limits.max_rows} rows",
            )
        if len(values) > limits.max_columns:
            extra = values[limits.max_columns :]
            if any(value not in (None, "") for value in extra):
                raise _refuse(
                    filename,
                    f"Bảng trong tệp “{filename}” có hơn {limits.max_columns} cột, quá giới "
                    "hạn của một danh mục.",
                    f"row {number} has a value past column {limits.max_columns}",
                )
            values = values[: limits.max_columns]
        # Cells up to the last filled one: blank padding is cheap and counted by rows.
        cells += next(
            (
                len(values) - i
                for i, value in enumerate(reversed(values))
                if value not in (None, "")
            ),
            0,
        )
        if cells > limits.max_cells:
            raise _refuse(
                filename,
                f"Bảng trong tệp “{filename}” có quá nhiều ô (hơn {_thousands(limits.max_cells)}). "
                "Hãy tách tệp.",
                f"more than {limits.max_cells} cells by row {number}",
            )
        yield values


# The child process --------------------------------------------------------------------


def run_bounded(
    function: Callable[..., T],
    *args: Any,
    filename: str,
    limits: Limits,
    error: Callable[[str, str], Exception],
) -> T:
    """``function(*args)`` in a forked child held to the time and memory limits.

    An exception with ``message_vi`` and ``log_detail`` (the readers' own refusals) comes back
    as ``error(message_vi, log_detail)``; running out of time or memory, or any other failure
    inside a library, comes back as ``error`` with a general message, and is logged. The
    result must pickle. Fork (not spawn) keeps the start cheap: the child needs nothing but
    the code already loaded, touches no database connection and leaves by ``os._exit``.
    """
    if not limits.isolate:
        try:
            return function(*args)
        except Exception as exc:
            if hasattr(exc, "log_detail"):
                logger.warning("refused: %s", exc.log_detail)
            raise
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child, args=(sender, function, args, limits), name=f"extract {filename[:40]}"
    )
    child.start()
    sender.close()
    try:
        if not receiver.poll(limits.timeout_seconds):
            logger.warning(
                "refused: %s: reading took longer than %ss; child killed",
                filename,
                limits.timeout_seconds,
            )
            raise error(
                f"Đọc tệp “{filename}” mất quá nhiều thời gian và đã bị dừng. Tệp có thể bị "
                "hỏng hoặc quá phức tạp; hãy lưu lại tệp hoặc tách nhỏ.",
                f"{filename}: reading exceeded {limits.timeout_seconds}s",
            )
        try:
            outcome = receiver.recv()
        except EOFError:
            child.join(5)
            outcome = ("died", f"child exited with code {child.exitcode}")
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    status = outcome[0]
    if status == "ok":
        return outcome[1]
    if status == "refused":
        logger.warning("refused: %s", outcome[2])
        raise error(outcome[1], outcome[2])
    if status == "memory":
        logger.warning(
            "refused: %s: reading needed more than %s bytes of memory",
            filename,
            limits.memory_bytes,
        )
        raise error(
            f"Đọc tệp “{filename}” cần quá nhiều bộ nhớ và đã bị dừng. Tệp có thể bị hỏng "
            "hoặc chứa dữ liệu bất thường.",
            f"{filename}: MemoryError under a {limits.memory_bytes}-byte budget",
        )
    logger.error("%s: reader failed in the child process: %s", filename, outcome[1])
    raise error(
        f"Không đọc được tệp “{filename}”: tệp bị hỏng hoặc có cấu trúc bất thường.",
        f"{filename}: {outcome[1]}",
    )


def _child(sender, function: Callable[..., Any], args: tuple, limits: Limits) -> None:
    try:
        _hold_to(limits)
        outcome: tuple = ("ok", function(*args))
    except MemoryError:
        outcome = ("memory",)
    except Exception as exc:  # the boundary: any library failure becomes a message
        if hasattr(exc, "message_vi") and hasattr(exc, "log_detail"):
            outcome = ("refused", exc.message_vi, exc.log_detail)
        else:
            outcome = ("failed", f"{type(exc).__name__}: {str(exc)[:500]}")
    try:
        sender.send(outcome)
    except MemoryError:
        sender.send(("memory",))
    finally:
        sender.close()


def _hold_to(limits: Limits) -> None:
    """Cap the child's address space at what it already maps plus the budget, and its CPU."""
    mapped = _mapped_bytes()
    budget = mapped + limits.memory_bytes
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or budget < hard:
        resource.setrlimit(resource.RLIMIT_AS, (budget, hard))
    seconds = math.ceil(limits.timeout_seconds) + 1
    _, cpu_hard = resource.getrlimit(resource.RLIMIT_CPU)
    if cpu_hard == resource.RLIM_INFINITY or seconds < cpu_hard:
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, cpu_hard))


def _mapped_bytes() -> int:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0
