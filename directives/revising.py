"""Rewriting a field of existing directive pages on a new revision: the bodies rebuilt from
their stored originals (``rebuild_bodies``) and the titles written the one way
(``retitle_directives``).

A page is changed as an editor would change it: a new revision, published when the page is
live. A live page with a draft not yet published is left alone (publishing the change
would hide the draft, and writing it into the draft would publish it later unseen): the
command lists it for an editor. A page not live (an import waiting for review) gets the
change on its latest draft, which the editor reviews before publishing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.db import transaction

from directives.import_mapping import page_title
from directives.import_reading import read_document
from directives.models import DirectivePage
from directives.parsing.errors import ImportFileError
from directives.parsing.record import DirectiveRecord

logger = logging.getLogger("directives.revising")

READABLE = (".txt", ".md", ".docx", ".pdf")


@dataclass
class Outcome:
    changed: list[DirectivePage] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[tuple[DirectivePage, str]] = field(default_factory=list)


def _revise(page: DirectivePage, apply) -> None:
    """Write ``apply(page)``'s change on a new revision, published if the page is live."""
    with transaction.atomic():
        if not page.live:
            page = page.get_latest_revision_as_object()
        apply(page)
        revision = page.save_revision(log_action=True)
        if page.live:
            revision.publish()


def _original(page: DirectivePage):
    for attachment in page.attachments.select_related("document"):
        if attachment.document.filename.lower().endswith(READABLE):
            return attachment.document
    return None


def new_body(page: DirectivePage) -> tuple[str | None, str]:
    """The body read again from the page's stored original, or None and why not."""
    document = _original(page)
    if document is None:
        return None, "không có tệp gốc đọc được (.txt, .md, .docx, .pdf)"
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
        read = read_document(data, document.filename)
    except (ImportFileError, OSError) as error:
        detail = getattr(error, "log_detail", str(error))
        logger.warning("page %s: original %s unreadable: %s", page.pk, document.filename, detail)
        return None, f"không đọc được tệp gốc {document.filename}"
    if not read.record.body_html:
        return None, f"tệp gốc {document.filename} không có lớp văn bản (cần OCR)"
    return read.record.body_html, ""


def rebuild_bodies(pages, *, apply: bool) -> Outcome:
    outcome = Outcome()
    for page in pages:
        body, why = new_body(page)
        if body is None:
            outcome.skipped.append((page, why))
        elif body == page.body:
            outcome.unchanged += 1
        elif page.live and page.has_unpublished_changes:
            outcome.skipped.append((page, "có bản nháp chưa xuất bản"))
        else:
            outcome.changed.append(page)
            if apply:
                _revise(page, lambda p, body=body: setattr(p, "body", body))
    return outcome


def canonical_title(page: DirectivePage) -> str | None:
    """The title written the one way ("Công văn số 404/UBND-VP: V/v ..."), when the page's
    title names it another way: the type and number without "số", in any case, or the
    number alone. None when the title is right or is an editor's own wording."""
    if not page.number:
        return None
    record = DirectiveRecord(doc_type=page.doc_type_label, number=page.number, subject=page.subject)
    wanted = page_title(record, fallback=page.title)
    if page.title == wanted:
        return None
    label = page.doc_type_label
    old_forms = (
        f"{label} {page.number}",
        f"{label} số {page.number}",
        f"{label} số: {page.number}",
        page.number,
    )
    head, _, rest = page.title.partition(":")
    if head.strip().casefold() in {form.casefold() for form in old_forms} and (
        not rest.strip() or rest.strip() == page.subject.strip()
    ):
        return wanted
    return None


def retitle(pages, *, apply: bool) -> Outcome:
    outcome = Outcome()
    for page in pages:
        title = canonical_title(page)
        if title is None:
            outcome.unchanged += 1
        elif page.live and page.has_unpublished_changes:
            outcome.skipped.append((page, "có bản nháp chưa xuất bản"))
        else:
            outcome.changed.append(page)
            if apply:
                _revise(page, lambda p, title=title: setattr(p, "title", title))
    return outcome
