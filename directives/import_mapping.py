"""How a ``DirectiveRecord`` becomes a DirectivePage's fields, agencies, tasks and citations.

Kept apart from the import service (``directives.importing``) so the mapping reads in one
place: which column each record key fills, how a partial deadline is written out, when a
task's agency becomes an Agency snippet.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from functools import lru_cache

from django.utils.html import format_html
from django.utils.text import Truncator, slugify

from wagtail.models import Page

from directives.import_batch import batch_agencies
from directives.models import (
    Agency,
    DirectivePage,
    DirectiveReference,
    DirectiveTask,
    find_cited_page,
)
from directives.parsing import DirectiveRecord
from directives.parsing.cleanup import clean_lines, paragraphs
from directives.parsing.tasks import tasks_from_record
from directives.vocabulary import AgencyLevel, DocumentType, document_type_from_label
from vntext import fold, number_key
from vntext.citations import citation_label

logger = logging.getLogger("directives.importing")


# Agencies ------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _agency_key(name: str) -> str:
    return " ".join(fold(name).split())


def find_agency(name: str | None, parent: Agency | None = None) -> Agency | None:
    """The agency of that name, whatever its case, accents' encoding or tone-mark place.

    With a ``parent``, one under that parent, else one under no parent yet (the caller may
    adopt it); "Sở Nội vụ" under another province is another agency. Folding in Python rather
    than SQL: SQLite's case-insensitive match is ASCII only, and the agency list is short.
    """
    if not name:
        return None
    key = _agency_key(name)
    same_name = [
        agency for agency in _agencies() if agency.name == name or _agency_key(agency.name) == key
    ]
    if parent is None:
        return next((a for a in same_name if a.name == name), same_name[0] if same_name else None)
    return next((a for a in same_name if a.parent_id == parent.pk), None) or next(
        (a for a in same_name if a.parent_id is None and a.pk != parent.pk), None
    )


def _agencies():
    """Every agency (pk, name, parent); a batch import reads them once and keeps the list."""
    load = Agency.objects.only("pk", "name", "parent_id").order_by("pk")
    cached = batch_agencies(lambda: load)
    return load if cached is None else cached


_LEVELS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(uy ban nhan dan|hoi dong nhan dan) tinh "), AgencyLevel.PROVINCE),
    (
        re.compile(r"^(uy ban nhan dan|hoi dong nhan dan) (huyen|quan|thi xa) "),
        AgencyLevel.DISTRICT,
    ),
    (
        re.compile(r"^(uy ban nhan dan|hoi dong nhan dan) (xa|phuong|thi tran) "),
        AgencyLevel.COMMUNE,
    ),
    (re.compile(r"^so "), AgencyLevel.DEPARTMENT),
    (re.compile(r"^bo (?!phan)"), AgencyLevel.MINISTRY),
]
# A task's agency becomes an Agency only when it names one body: "Sở Nội vụ", "Văn phòng
# UBND tỉnh"; never a group ("UBND các huyện, thị xã") or a person ("Chủ tịch UBND").
_ONE_AGENCY_RE = re.compile(
    r"^(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Sở|Cục|Chi cục|Tổng cục|Trung tâm|Văn phòng"
    r"|Ban|Phòng|Công an|Kho bạc|Thanh tra|Bưu điện|Đài|Báo|Tỉnh đoàn|Bộ|Liên đoàn"
    r"|Bảo hiểm xã hội)\s+\S"
)
_GROUP_RE = re.compile(r"(?i)(?<!\w)(?:các|những)(?!\w)|[,;]")
# "Văn phòng UBND tỉnh", "Trung tâm Hành chính công tỉnh": named relative to the issuer, so
# the same words mean a different body in every province; the name alone is not enough.
_RELATIVE_RE = re.compile(r"(?i)(?<!\w)(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)$")
_ABBREVIATIONS = [
    (re.compile(r"(?<!\w)UBND(?!\w)"), "Ủy ban nhân dân"),
    (re.compile(r"(?<!\w)HĐND(?!\w)"), "Hội đồng nhân dân"),
    (re.compile(r"(?<!\w)Uỷ ban"), "Ủy ban"),
]


def _level_of(name: str) -> str:
    key = _agency_key(name) + " "
    return next((level for pattern, level in _LEVELS if pattern.match(key)), AgencyLevel.OTHER)


def agency_for(name: str | None, parent: Agency | None = None) -> Agency | None:
    """The issuer's Agency, created on first sight (with its parent body when the header has
    two levels)."""
    if not name:
        return None
    agency = find_agency(name, parent)
    if agency is None:
        agency = Agency.objects.create(
            name=fit(Agency, "name", name), level=_level_of(name), parent=parent
        )
        logger.info("created agency %r (pk=%s, parent=%s)", agency.name, agency.pk, parent)
        cached = batch_agencies(list)
        if cached is not None:
            cached.append(agency)
    elif parent and agency.parent_id is None and agency.pk != parent.pk:
        agency.parent = parent
        agency.save(update_fields=["parent"])
    return agency


def task_agency_for(name: str | None) -> Agency | None:
    """The Agency a task is given to: an existing one of that name, or a new one when the
    name plainly names a single body."""
    if not name:
        return None
    existing = find_agency(name)
    if existing:
        return existing
    if (
        len(name) > 120
        or not _ONE_AGENCY_RE.match(name)
        or _GROUP_RE.search(name)
        or _RELATIVE_RE.search(name)
    ):
        return None
    for pattern, replacement in _ABBREVIATIONS:
        name = pattern.sub(replacement, name)
    return agency_for(name)


# Mapping the record onto the page ------------------------------------------------------


def fit(model: type, field_name: str, value: str) -> str:
    """``value`` cut to the column's length, so PostgreSQL never refuses an overlong line."""
    limit = model._meta.get_field(field_name).max_length
    return Truncator(value).chars(limit) if limit and len(value) > limit else value


def iso_date(value: str | None) -> date | None:
    if not value or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def due_fields(iso: str | None) -> tuple[date | None, str]:
    """``(due_on, due_text)`` for a deadline as precise as printed: a full date fills
    ``due_on``; a month, a year or a yearly day is written out in ``due_text``."""
    full = iso_date(iso)
    if full or not iso:
        return full, ""
    if match := re.fullmatch(r"(\d{4})-(\d{2})", iso):
        return None, f"tháng {int(match[2])}/{match[1]}"
    if re.fullmatch(r"\d{4}", iso):
        return None, f"năm {iso}"
    if match := re.fullmatch(r"--(\d{2})-(\d{2})", iso):
        return None, f"ngày {int(match[2])}/{int(match[1])} hằng năm"
    return None, iso[:64]


def body_html(text: str) -> str:
    """The document text as rich text: one escaped paragraph per paragraph of the text."""
    return "".join(
        format_html("<p>{}</p>", paragraph) for paragraph in paragraphs(clean_lines(text))
    )


def page_title(record: DirectiveRecord, fallback: str) -> str:
    """ "Công văn số 404/UBND-VP: V/v ...": what an editor scanning the page tree looks for,
    the document named the way its label and every citation of it name it."""
    number = (record.number or "").strip()
    head = citation_label(record.doc_type or "", number) if number else (record.doc_type or "")
    subject = record.subject or ""
    title = f"{head}: {subject}" if head and subject else (subject or head or fallback)
    return Truncator(title).chars(255)


def unique_slug(parent: Page, record: DirectiveRecord, text: str) -> str:
    label = record.doc_type or "van ban"
    ident = record.number or DirectivePage.fingerprint(text)[:8]
    words = re.sub(r"[\W_]+", " ", fold(f"{label} {ident} {record.issued_year or ''}"))
    base = slugify(words)[:200] or "van-ban"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, serial = base, 1
    while slug in taken:
        serial += 1
        slug = f"{base}-{serial}"
    return slug


def apply_record(
    page: DirectivePage,
    record: DirectiveRecord,
    text: str,
    warnings: list[str],
    *,
    tasks: list | None = None,
    resolve_citations: bool = True,
) -> None:
    """Fill the page from the record, replacing its tasks and citations with the record's.

    ``tasks`` are the record's tasks when the caller read them already (a batch reads them
    beside the parser, in its worker processes); a batch also leaves ``resolve_citations``
    to its flush, which links every page's citations in a few queries."""
    page.title = page_title(record, fallback=record.source or "Văn bản")
    page.doc_type = (
        document_type_from_label(record.doc_type) if record.doc_type else DocumentType.KHAC
    )
    page.number = fit(DirectivePage, "number", record.number or "")
    parent_issuer = agency_for(record.parent_issuer)
    page.issuer = agency_for(record.issuer, parent=parent_issuer)
    page.place = fit(DirectivePage, "place", record.place or "")
    page.issued_on = iso_date(record.issued_on)
    page.issued_year = record.issued_year
    page.issued_month = record.issued_month
    page.subject = record.subject or page.title
    page.recipients = "\n".join(record.recipients)
    page.signer_authority = "\n".join(record.signer_authority)
    page.signer_title = fit(DirectivePage, "signer_title", record.signer_title or "")
    page.signer_name = fit(DirectivePage, "signer_name", record.signer_name or "")
    page.distribution = "\n".join(record.distribution)
    page.body = body_html(text)
    page.source_hash = DirectivePage.fingerprint(text)
    page.references = [
        DirectiveReference(
            doc_type=fit(DirectiveReference, "doc_type", ref.doc_type or ""),
            number=fit(DirectiveReference, "number", ref.number),
            cited_on=iso_date(ref.date),
            target=(
                find_cited_page(number_key(ref.number), iso_date(ref.date), exclude_pk=page.pk)
                if resolve_citations
                else None
            ),
        )
        for ref in record.references
    ]
    page_tasks = []
    for task in tasks_from_record(record, text) if tasks is None else tasks:
        due_on, due_text = due_fields(task.deadline)
        page_tasks.append(
            DirectiveTask(
                agency=task_agency_for(task.agency),
                text=task.text,
                due_on=due_on,
                due_text=due_text,
            )
        )
    page.tasks = page_tasks
