"""Reading a document for import: bytes in, text, record and tasks out.

Pure Python (no Django), so the command can run it in worker processes whatever the
multiprocessing start method; ``directives.importing`` re-exports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from directives.parsing import DirectiveRecord, parse
from directives.parsing.errors import ImportFileError
from directives.parsing.files import TEXT_LAYER, ExtractedText, extract_text
from directives.parsing.tasks import tasks_from_record


@dataclass
class ReadDocument:
    """A document read but not saved: its text and the record parsed from it (and the
    tasks read from both, when asked for: parsing work a batch does in its workers)."""

    text: str
    record: DirectiveRecord
    tasks: list | None = None
    text_source: str = TEXT_LAYER


def read_document(data: bytes, filename: str, *, with_tasks: bool = False) -> ReadDocument:
    """Extract and parse a file; the file's own warnings (legacy encoding, scanned pages)
    join the record's so the editor sees them wherever the record goes.

    Raises ``ImportFileError`` for a file that cannot be read.
    """
    return document_from_text(extract_text(data, filename), filename, with_tasks=with_tasks)


def document_from_text(
    extracted: ExtractedText, filename: str, *, with_tasks: bool = False
) -> ReadDocument:
    """Parse text already extracted (a scan read by OCR in the background comes this way)."""
    record = parse(extracted.text, source=filename)
    record.warnings = [*extracted.warnings, *record.warnings]
    tasks = tasks_from_record(record, extracted.text) if with_tasks else None
    return ReadDocument(
        text=extracted.text, record=record, tasks=tasks, text_source=extracted.source
    )


def read_for_import(data: bytes, filename: str) -> ReadDocument | tuple[str, str]:
    """``read_document`` with its tasks, for a worker process: a file that cannot be read
    comes back as ``(message_vi, log_detail)``, which crosses a process boundary safely."""
    try:
        return read_document(data, filename, with_tasks=True)
    except ImportFileError as error:
        return error.message_vi, error.log_detail


def read_signatures(path: Path) -> list:
    """The digital signatures of a file, by ``directives.signatures.read_signatures(path)``
    where the site has that module, else none (a dry run's JSON always has the key)."""
    try:
        from directives.signatures import read_signatures as reader
    except ImportError:
        return []
    return reader(path)
