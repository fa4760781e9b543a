"""Reading a document for import: bytes in, text, record and tasks out.

Pure Python (no Django), so the command can run it in worker processes whatever the
multiprocessing start method; ``directives.importing`` re-exports it.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass

from directives.parsing import DirectiveRecord, parse
from directives.parsing.cleanup import clean_lines, paragraphs
from directives.parsing.errors import ImportFileError
from directives.parsing.files import TEXT_LAYER, ExtractedText, extract_text
from directives.parsing.tasks import tasks_from_record
from vntext import fold


@dataclass
class ReadDocument:
    """A document read but not saved: its text and the record parsed from it (and, when
    asked for, what the page is computed from the text alone: tasks, content fingerprint,
    body; work a batch does in its workers, beside the parser)."""

    text: str
    record: DirectiveRecord
    tasks: list | None = None
    fingerprint: str | None = None
    body: str | None = None
    text_source: str = TEXT_LAYER


def text_fingerprint(text: str) -> str:
    """A content hash that survives white space and accent encoding differences."""
    return hashlib.sha256(" ".join(fold(text).split()).encode()).hexdigest()


def body_html(text: str, record: DirectiveRecord | None = None) -> str:
    """The page's body: the record's (``parsing.body``: the document from after the
    recipients to before the signature, parts kept), or, when the reader found no body in
    it, the whole text, one escaped paragraph per paragraph, so nothing is lost."""
    if record is not None and record.body_html:
        return record.body_html
    return "".join(
        f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs(clean_lines(text))
    )


def read_document(data: bytes, filename: str, *, with_tasks: bool = False) -> ReadDocument:
    """Extract and parse a file; the file's own warnings (legacy encoding, scanned pages)
    join the record's so the editor sees them wherever the record goes. ``with_tasks`` also
    computes the tasks, fingerprint and body an import needs.

    Raises ``ImportFileError`` for a file that cannot be read.
    """
    return document_from_text(extract_text(data, filename), filename, with_tasks=with_tasks)


def document_from_text(
    extracted: ExtractedText, filename: str, *, with_tasks: bool = False
) -> ReadDocument:
    """Parse text already extracted (a scan read by OCR in the background comes this way)."""
    text = extracted.text
    record = parse(text, source=filename)
    record.warnings = [*extracted.warnings, *record.warnings]
    if not with_tasks:
        return ReadDocument(text=text, record=record, text_source=extracted.source)
    return ReadDocument(
        text=text,
        record=record,
        tasks=tasks_from_record(record, text),
        fingerprint=text_fingerprint(text),
        body=body_html(text, record),
        text_source=extracted.source,
    )


def read_for_import(data: bytes, filename: str) -> ReadDocument | tuple[str, str]:
    """``read_document`` with its tasks, for a worker process: a file that cannot be read
    comes back as ``(message_vi, log_detail)``, which crosses a process boundary safely."""
    try:
        return read_document(data, filename, with_tasks=True)
    except ImportFileError as error:
        return error.message_vi, error.log_detail
