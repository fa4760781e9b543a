"""How a ``DirectiveRecord`` becomes a DirectivePage's fields, agencies, tasks and citations.

Kept apart from the import service (``directives.importing``) so the mapping reads in one
place: which column each record key fills, how a partial deadline is written out, when a
task's agency becomes an Agency snippet.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from django.db.models import Count
from django.utils.text import Truncator, slugify

from wagtail.models import Page, Site

from directives.import_batch import batch_agencies
from directives.import_reading import body_html
from directives.models import (
    Agency,
    DirectivePage,
    DirectiveReference,
    DirectiveTask,
    find_cited_page,
)
from directives.parsing import DirectiveRecord
from directives.parsing.tasks import tasks_from_record
from directives.vocabulary import AgencyLevel, DocumentType, Relation, document_type_from_label
from home.models import PortalSettings
from reading.agencies import expand_abbreviations
from reading.vocabulary import province_at_end
from vntext import fold, number_key
from vntext.citations import citation_label

logger = logging.getLogger("directives.importing")


# Agencies ------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _agency_key(name: str) -> str:
    return " ".join(fold(name).split())


def find_agency(
    name: str | None, parent: Agency | None = None, *, adopt: bool = True
) -> Agency | None:
    """The agency of that name, whatever its case, accents' encoding or tone-mark place.

    With a ``parent``, one under that parent, else one under no parent yet (the caller may
    adopt it, unless not ``adopt``); "Sở Nội vụ" under another province is another agency.
    Folding in Python rather
    than SQL: SQLite's case-insensitive match is ASCII only, and the agency list is short.
    """
    if not name:
        return None
    same_name = _agencies_named(_agency_key(name))
    if parent is None:
        return next((a for a in same_name if a.name == name), same_name[0] if same_name else None)
    under_parent = next((a for a in same_name if a.parent_id == parent.pk), None)
    if under_parent or not adopt:
        return under_parent
    return next((a for a in same_name if a.parent_id is None and a.pk != parent.pk), None)


def _agencies_named(key: str) -> list[Agency]:
    """The agencies (pk, name, parent) whose folded name is ``key``, oldest first; a batch
    import reads them all once and keeps them by name."""
    load = Agency.objects.only("pk", "name", "parent_id").order_by("pk")
    index = batch_agencies(lambda: load, _agency_key)
    if index is None:
        return [agency for agency in load if _agency_key(agency.name) == key]
    return index.get(key, [])


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


def _level_of(name: str) -> str:
    key = _agency_key(name) + " "
    return next((level for pattern, level in _LEVELS if pattern.match(key)), AgencyLevel.OTHER)


def home_province() -> str | None:
    """The province of the site's own top agency (folded), or None when it cannot be told.

    The portal's settings name it ("Ủy ban nhân dân tỉnh ..." above the site's name); when
    they name no province, the Agency tree does: the province of the body that issued most of
    the site's documents.
    """
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        authority = (
            PortalSettings.objects.filter(site=site).values_list("authority_name", flat=True)
        ).first()
        if authority and (province := province_at_end(authority)):
            return province
    issuers = (
        DirectivePage.objects.exclude(issuer=None)
        .values("issuer__name", "issuer__parent__name")
        .annotate(documents=Count("pk"))
        .order_by("-documents")[:20]
    )
    for row in issuers:
        for name in (row["issuer__name"], row["issuer__parent__name"]):
            if name and (province := province_at_end(name)):
                return province
    return None


def is_foreign(agency: Agency | None, home: str | None) -> bool:
    """True when ``agency``, or a body above it, is named with a province not the site's.

    "Ủy ban nhân dân tỉnh X" and the "Sở Xây dựng" under it are another province's bodies: a
    name alone ("Sở Xây dựng") must not link them to the site's own of that name. A body
    named with no province (a district's) is the site's unless a body above says otherwise.
    """
    seen = 0
    while agency is not None and home and seen < 8:
        province = province_at_end(agency.name)
        if province:
            return province != home
        agency, seen = agency.parent, seen + 1
    return False


def agency_for(name: str | None, parent: Agency | None = None) -> Agency | None:
    """The issuer's Agency, created on first sight (with its parent body when the header has
    two levels). Under another province's body, only an agency already under it is the same:
    the site's own body of that name is never moved there."""
    if not name:
        return None
    adopt = (
        parent is None
        or province_at_end(parent.name) is None
        or not is_foreign(parent, home_province())
    )
    agency = find_agency(name, parent, adopt=adopt)
    if agency is None:
        agency = Agency.objects.create(
            name=fit(Agency, "name", name), level=_level_of(name), parent=parent
        )
        logger.info("created agency %r (pk=%s, parent=%s)", agency.name, agency.pk, parent)
        index = batch_agencies(list, _agency_key)
        if index is not None:
            index[_agency_key(agency.name)].append(agency)
    elif parent and agency.parent_id is None and agency.pk != parent.pk:
        agency.parent = parent
        agency.save(update_fields=["parent"])
    return agency


def _names_one_body(name: str) -> bool:
    return not (
        len(name) > 120
        or not _ONE_AGENCY_RE.match(name)
        or _GROUP_RE.search(name)
        or _RELATIVE_RE.search(name)
    )


def _expanded(name: str) -> str:
    """Abbreviations spelt out by the text base ("UBND" → "Ủy ban nhân dân"); "Uỷ" is the old
    placement of the tone mark, written "Ủy" on the site."""
    return expand_abbreviations(name).replace("Uỷ ban", "Ủy ban")


def task_agency_for(
    name: str | None, other_issuer: Agency | None = None, warnings: list[str] | None = None
) -> Agency | None:
    """The Agency a task is given to: an existing one of that name, or a new one when the
    name plainly names a single body.

    In a document of another province (``other_issuer``, see ``is_foreign``), a name with
    no province of its own ("Sở Xây dựng") is that province's body: it is looked for, or
    made, under the issuer's top body, never taken for the site's own of that name; when it
    names no single body it is left unlinked, with a warning for the editor."""
    if not name:
        return None
    if other_issuer is not None and province_at_end(name) is None:
        return _foreign_task_agency(name, other_issuer, warnings)
    existing = find_agency(name)
    if existing:
        return existing
    if not _names_one_body(name):
        return None
    return agency_for(_expanded(name))


def _foreign_task_agency(name: str, issuer: Agency, warnings: list[str] | None) -> Agency | None:
    top = issuer
    while top.parent is not None:
        top = top.parent
    key = _agency_key(name)
    if key in (_agency_key(issuer.name), _agency_key(top.name)):
        return issuer if key == _agency_key(issuer.name) else top
    under = find_agency(name, top, adopt=False) or find_agency(_expanded(name), top, adopt=False)
    if under or _names_one_body(name):
        return under or agency_for(_expanded(name), parent=top)
    if find_agency(name) is not None:
        # The site has a body of that name; this one is another province's.
        logger.warning(
            "task agency %r of a document of %r left unlinked: the site's agency of that "
            "name belongs to another province",
            name,
            top.name,
        )
        if warnings is not None:
            warnings.append(
                f"Cơ quan “{name}” thuộc {top.name}, không phải cơ quan cùng tên của cổng: "
                "chưa gắn với cơ quan nào, đề nghị kiểm tra."
            )
    return None


def foreign_issuer(issuer: Agency | None) -> Agency | None:
    """``issuer`` when it is another province's body, else None (one look at the site)."""
    if issuer is None:
        return None
    named = issuer
    while named is not None and province_at_end(named.name) is None:
        named = named.parent
    if named is None:
        return None  # no province named anywhere: nothing to tell apart
    return issuer if is_foreign(issuer, home_province()) else None


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


def page_title(record: DirectiveRecord, fallback: str) -> str:
    """ "Công văn số 404/UBND-VP: V/v ...": what an editor scanning the page tree looks for,
    the document named the way its label and every citation of it name it."""
    number = (record.number or "").strip()
    head = citation_label(record.doc_type or "", number) if number else (record.doc_type or "")
    subject = record.subject or ""
    title = f"{head}: {subject}" if head and subject else (subject or head or fallback)
    return Truncator(title).chars(255)


def unique_slug(
    parent: Page,
    record: DirectiveRecord,
    text: str,
    also_taken: set[str] | frozenset = frozenset(),
    known: SlugsKnown | None = None,
) -> str:
    """A slug free under ``parent``; ``also_taken`` holds slugs of pages not written yet.
    ``known``, when given, holds slugs already asked for under ``parent`` (``SlugsKnown``,
    read for a whole batch in one query): a window it covers needs no query, and the slug
    chosen is noted in it as taken."""
    base = slug_base(record, text)
    # The first of base, base-2, base-3 … that is free, asked for a few names at a time:
    # "slug LIKE 'base%'" cannot use the slug index on SQLite, and a directive index page
    # holds thousands of children.
    first = 1
    while True:
        window = slug_window(base, first)
        if known is not None and known.covers(window):
            taken = known.taken & set(window)
        else:
            children = parent.get_children().filter(slug__in=window)
            taken = set(children.values_list("slug", flat=True))
        taken |= also_taken
        free = next((slug for slug in window if slug not in taken), None)
        if free is not None:
            if known is not None:
                known.taken.add(free)
            return free
        first += 10


def slug_base(record: DirectiveRecord, text: str) -> str:
    label = record.doc_type or "van ban"
    ident = record.number or DirectivePage.fingerprint(text)[:8]
    words = re.sub(r"[\W_]+", " ", fold(f"{label} {ident} {record.issued_year or ''}"))
    return slugify(words)[:200] or "van-ban"


def slug_window(base: str, first: int = 1) -> list[str]:
    return [base if serial == 1 else f"{base}-{serial}" for serial in range(first, first + 10)]


@dataclass
class SlugsKnown:
    """Slugs under one parent asked for at once (``read``): which were asked, which are
    taken. Slugs given since are added to ``taken`` by ``unique_slug``."""

    asked: set[str] = field(default_factory=set)
    taken: set[str] = field(default_factory=set)

    def covers(self, window: list[str]) -> bool:
        return self.asked.issuperset(window)

    def read(self, parent: Page, bases: list[str]) -> None:
        """One query for the first window of each base slug."""
        window = {slug for base in bases for slug in slug_window(base)} - self.asked
        if window:
            found = parent.get_children().filter(slug__in=window).values_list("slug", flat=True)
            self.taken |= set(found)
            self.asked |= window


def apply_record(
    page: DirectivePage,
    record: DirectiveRecord,
    text: str,
    warnings: list[str],
    *,
    tasks: list | None = None,
    resolve_citations: bool = True,
    fingerprint: str | None = None,
    body: str | None = None,
) -> None:
    """Fill the page from the record, replacing its tasks and citations with the record's.

    ``tasks`` are the record's tasks when the caller read them already (a batch reads them
    beside the parser, in its worker processes); a batch also leaves ``resolve_citations``
    to its flush, which links every page's citations in a few queries. ``fingerprint`` and
    ``body``, when given, are what the workers computed from ``text``."""
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
    page.effective_on = iso_date(record.effective_on) or page.effective_on
    page.subject = record.subject or page.title
    page.recipients = "\n".join(record.recipients)
    page.signer_authority = "\n".join(record.signer_authority)
    page.signer_title = fit(DirectivePage, "signer_title", record.signer_title or "")
    page.signer_name = fit(DirectivePage, "signer_name", record.signer_name or "")
    page.distribution = "\n".join(record.distribution)
    page.body = body_html(text, record) if body is None else body
    page.source_hash = DirectivePage.fingerprint(text) if fingerprint is None else fingerprint
    page.references = [
        DirectiveReference(
            doc_type=fit(DirectiveReference, "doc_type", ref.doc_type or ""),
            number=fit(DirectiveReference, "number", ref.number),
            cited_on=iso_date(ref.date),
            relation=ref.relation if ref.relation in Relation.values else Relation.CITES,
            target=(
                find_cited_page(number_key(ref.number), iso_date(ref.date), exclude_pk=page.pk)
                if resolve_citations
                else None
            ),
        )
        for ref in record.references
    ]
    page_tasks = []
    other_province = foreign_issuer(page.issuer)
    for task in tasks_from_record(record, text) if tasks is None else tasks:
        due_on, due_text = due_fields(task.deadline)
        page_tasks.append(
            DirectiveTask(
                agency=task_agency_for(task.agency, other_province, warnings),
                text=task.text,
                due_on=due_on,
                due_text=due_text,
            )
        )
    page.tasks = page_tasks
