"""The directive parser: the text of a Vietnamese administrative document in, a
``DirectiveRecord`` out.

Pure Python, no Django import: the import command, the admin upload view and the tests all
call ``parse``. Each part of the document has its own module (header, signature, references,
deadlines); ``cleanup`` first turns crawled markdown and PDF text layers into plain lines.
"""

from __future__ import annotations

from reading.casing import sentence_case
from reading.header import read_header
from reading.normalize import normalize, paragraphs, traced_lines

from .body import annex_start, build_body
from .deadlines import find_deadlines
from .errors import ImportFileError
from .files import ExtractedText, extract_text
from .quality import WARN_BAD_OCR, looks_like_bad_ocr
from .record import Deadline, DirectiveRecord, Reference
from .references import find_references
from .signature import read_signature
from .tasks import Task, task_agency, tasks_from_record
from .validity import effective_date

__all__ = [
    "Deadline",
    "DirectiveRecord",
    "ExtractedText",
    "ImportFileError",
    "Reference",
    "Task",
    "extract_text",
    "parse",
    "task_agency",
    "tasks_from_record",
]


def parse(text: str, source: str | None = None) -> DirectiveRecord:
    """Read a directive's text into a record; what the text does not print stays empty.

    Never raises on odd text: whatever cannot be read is left null and explained in
    ``warnings`` for the editor.
    """
    raw_lines = normalize(text).split("\n")
    lines, origins = traced_lines(raw_lines)
    header = read_header(lines)
    signature = read_signature(lines, header.body_start)
    # Paragraphs are joined once on each side of the header's end (a paragraph never runs
    # across it), and shared by the references, the deadlines and the body.
    body_paragraphs = paragraphs(lines[header.body_start :])
    references, reference_warnings = find_references(
        [*paragraphs(lines[: header.body_start]), *body_paragraphs], header.number
    )
    issued = header.issued
    record = DirectiveRecord(
        source=source,
        doc_type=header.doc_type,
        number=header.number,
        issuer=header.issuer,
        parent_issuer=header.parent_issuer,
        place=header.place,
        issued_on=issued.iso if issued and issued.is_complete else None,
        issued_year=issued.year if issued else None,
        issued_month=issued.month if issued else None,
        subject=sentence_case(header.subject),
        recipients=header.recipients,
        signer_authority=signature.authority,
        signer_title=signature.title,
        signer_name=signature.name,
        distribution=signature.distribution,
        references=references,
        deadlines=find_deadlines(body_paragraphs, issued),
    )
    body = paragraphs(lines[header.body_start : signature.body_end])
    record.body_text = "\n".join(body) or None
    record.body_html = body_html(raw_lines, lines, origins, header.body_start, signature.body_end)
    record.effective_on = effective_date(body_paragraphs, issued)
    record.warnings = [*header.warnings, *signature.warnings, *reference_warnings]
    if looks_like_bad_ocr(text):
        record.warnings.append(WARN_BAD_OCR)
    return record


def _raw_index(origins: list[int], at: int | None, default: int) -> int:
    if at is None or at >= len(origins):
        return default
    return origins[at]


def body_html(
    raw_lines: list[str], lines: list[str], origins: list[int], start: int, end: int | None
) -> str:
    """The body as rich text (``body.build_body``): the raw lines from the header's end to
    the signature, and the annexes after it."""
    raw_start = _raw_index(origins, start, len(raw_lines))
    raw_end = _raw_index(origins, end, len(raw_lines))
    annex_at = annex_start(lines, end if end is not None else len(lines))
    annex = raw_lines[_raw_index(origins, annex_at, len(raw_lines)) :] if annex_at else []
    return build_body(raw_lines[raw_start:raw_end], annex).html
