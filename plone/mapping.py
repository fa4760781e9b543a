"""What each Plone item becomes, decided before anything is written.

Pure decisions on the items' data (no database): a Document that reads as a directive (the
directive importer's parser reads its title as a citation, or its text as a document with a
header and a number) becomes a DirectivePage; a Folder becomes a directive list, a news list
or a section depending on what it holds; Collection criteria map to the listing's filters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from bs4 import BeautifulSoup

from directives.parsing import DirectiveRecord, parse
from directives.parsing.references import find_references
from plone.reading import PloneItem
from vntext import fold

# Page-making kinds.
SECTION = "section"
DIRECTIVE_INDEX = "directive_index"
NEWS_INDEX = "news_index"
CONTENT = "content"
DIRECTIVE = "directive"
NEWS = "news"
EVENT = "event"
LINK = "link"
COLLECTION = "collection"
# Media.
DOCUMENT = "document"
IMAGE = "image"
FOLDER = "folder"  # until its children are known

TYPE_KINDS = {
    "Folder": FOLDER,
    "Document": CONTENT,
    "News Item": NEWS,
    "Event": EVENT,
    "Link": LINK,
    "Collection": COLLECTION,
    "File": DOCUMENT,
    "Image": IMAGE,
}
PAGE_KINDS = {
    SECTION,
    DIRECTIVE_INDEX,
    NEWS_INDEX,
    CONTENT,
    DIRECTIVE,
    NEWS,
    EVENT,
    LINK,
    COLLECTION,
}
KIND_LABELS = {
    SECTION: "chuyên mục",
    DIRECTIVE_INDEX: "danh sách văn bản",
    NEWS_INDEX: "danh sách tin tức",
    CONTENT: "trang nội dung",
    DIRECTIVE: "văn bản",
    NEWS: "tin tức",
    EVENT: "sự kiện",
    LINK: "liên kết",
    COLLECTION: "danh sách tổng hợp",
    DOCUMENT: "tài liệu",
    IMAGE: "ảnh",
}


def plain_text(html: str) -> str:
    """The text of Plone's HTML, a paragraph a line."""
    if not html:
        return ""
    soup = BeautifulSoup(html, "html.parser")
    return "\n".join(line.strip() for line in soup.get_text("\n").splitlines() if line.strip())


def title_citation(title: str):
    """The citation a directive's title opens with ("Công văn số 312/… ngày 14/4/2023 về …"),
    or None when the title does not open with one."""
    references, _warnings = find_references([title])
    if not references:
        return None
    reference = references[0]
    if not fold(title).startswith(fold(reference.doc_type or "\0")):
        return None
    return reference


def directive_record(item: PloneItem, site_title: str = "") -> DirectiveRecord | None:
    """The directive record of a Document, or None when it does not read as a directive.

    A Plone page rarely carries the printed header: the number, type and date then come from
    the title, and the issuer is the body that ran the site when the number bears its
    initials ("…/QĐ-STTTT" on the site of "Sở Thông tin và Truyền thông …")."""
    text = plain_text(item.text)
    record = parse(text, source=item.path)
    citation = title_citation(item.title)
    if citation is None and not (record.number and record.doc_type):
        return None
    if not record.number:
        # No header was read: what the parser took for the issuer and place is body text.
        record.issuer = record.parent_issuer = record.place = None
        record.subject = None
    if citation is not None:
        record.doc_type = record.doc_type or citation.doc_type
        record.number = record.number or citation.number
        if citation.date and not record.issued_on:
            record.issued_on = citation.date
            record.issued_year = int(citation.date[:4])
            record.issued_month = int(citation.date[5:7])
        if not record.subject:
            record.subject = _subject_from_title(item.title)
    if not record.issuer and record.number and site_title:
        record.issuer = site_issuer(record.number, site_title)
    # The document's own number is not a citation of itself.
    own = (record.number or "").casefold()
    record.references = [ref for ref in record.references if ref.number.casefold() != own]
    return record


_PLACE_RE = re.compile(r"\s+(tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\s+", re.IGNORECASE)


def site_issuer(number: str, site_title: str) -> str | None:
    """The site's body as the issuer when the number's codes include its initials."""
    place = _PLACE_RE.search(site_title)
    body = site_title[: place.start()] if place else site_title
    initials = "".join(fold(word)[0] for word in body.split() if fold(word) not in {"va", "-"})
    codes = {fold(code) for code in re.split(r"[-/]", number.split("/", 1)[-1]) if code}
    return site_title if len(initials) >= 2 and initials in codes else None


_SUBJECT_RE = re.compile(r"\b(về việc|về|v/v)\b\s*(?P<subject>.+)$", re.IGNORECASE)


def _subject_from_title(title: str) -> str:
    match = _SUBJECT_RE.search(title)
    if not match:
        return title
    subject = match.group("subject").strip()
    return f"{match.group(1)[0].upper()}{match.group(1)[1:]} {subject}"


def item_kind(item: PloneItem) -> str | None:
    """The kind an item becomes (folders decided later by ``folder_kind``); None: unknown."""
    kind = TYPE_KINDS.get(item.portal_type)
    if kind == CONTENT and directive_record(item) is not None:
        return DIRECTIVE
    return kind


def folder_kind(child_kinds: list[str]) -> str:
    """A folder that holds only directives (besides files and images) becomes a directive
    list, one that holds only news a news list; any other a section."""
    pages = [kind for kind in child_kinds if kind not in (DOCUMENT, IMAGE)]
    if pages and all(kind == DIRECTIVE for kind in pages):
        return DIRECTIVE_INDEX
    if pages and all(kind == NEWS for kind in pages):
        return NEWS_INDEX
    return SECTION


def placement(kind: str, parent_kind: str) -> str:
    """Where a page goes: ``"parent"`` under its folder's page, or ``"directives"`` /
    ``"news"`` into the site's directive or news list when its folder's page cannot hold
    it (a directive or news item in a mixed folder)."""
    if kind == DIRECTIVE:
        return "parent" if parent_kind == DIRECTIVE_INDEX else "directives"
    if kind == NEWS:
        return "parent" if parent_kind == NEWS_INDEX else "news"
    return "parent"


# Collections -----------------------------------------------------------------------------

PAGE_TYPES = {
    "Document": ["content.ContentPage", "directives.DirectivePage"],
    "News Item": ["news.NewsPage"],
    "Event": ["content.EventPage"],
    "Folder": ["content.SectionPage"],
    "Link": ["content.LinkPage"],
    "Collection": ["content.CollectionPage"],
}
SORT_NEWEST = {"effective", "created", "modified", "start", "Date", "EffectiveDate"}
SORT_TITLE = {"sortable_title", "Title", "id", "getId"}


@dataclass
class Criteria:
    """A Collection's query as the listing's criteria; ``path_uid`` / ``path`` are resolved
    to a page by the importer; ``unmapped`` lists what has no filter, in Vietnamese."""

    criteria: dict
    sort_on: str
    path_uid: str | None
    path: str | None
    unmapped: list[str]


def _date(value) -> str | None:
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
        except ValueError:
            return None
    return None


def collection_criteria(item: PloneItem) -> Criteria:
    criteria: dict = {"path": None, "types": [], "tags": [], "start": None, "end": None}
    unmapped: list[str] = []
    path_uid = path = None
    query = item.fields.get("query") or []
    for row in query if isinstance(query, list) else []:
        if not isinstance(row, dict):
            continue
        index, operation, value = row.get("i"), str(row.get("o") or ""), row.get("v")
        op = operation.rsplit(".", 1)[-1]
        if index == "path" and isinstance(value, str):
            target, _, depth = value.partition("::")
            if re.fullmatch(r"[0-9a-fA-F]{32}", target):
                path_uid = target.lower()
            else:
                path = target if target.startswith("/") else None
            if depth and depth not in ("-1", "0") and depth != "":
                unmapped.append(f"đường dẫn giới hạn độ sâu {depth} (lấy mọi cấp bên dưới)")
            if path_uid is None and path is None:
                unmapped.append(f"đường dẫn “{value}”")
        elif index == "portal_type" and isinstance(value, list):
            for portal_type in value:
                mapped = PAGE_TYPES.get(portal_type)
                if mapped:
                    criteria["types"].extend(t for t in mapped if t not in criteria["types"])
                else:
                    unmapped.append(f"loại “{portal_type}” (không phải trang trên cổng)")
        elif index in ("Subject", "subject") and isinstance(value, list | str):
            criteria["tags"].extend([value] if isinstance(value, str) else value)
        elif index == "review_state" and value in (["published"], "published"):
            continue  # the listing shows only public pages
        elif index in ("effective", "created", "start", "modified") and op in (
            "largerThan",
            "lessThan",
            "between",
        ):
            values = value if isinstance(value, list) else [value]
            if op == "largerThan":
                criteria["start"] = _date(values[0])
            elif op == "lessThan":
                criteria["end"] = _date(values[0])
            elif len(values) == 2:
                criteria["start"], criteria["end"] = _date(values[0]), _date(values[1])
        else:
            unmapped.append(f"{index} {op} {value!r}")
    sort = str(item.fields.get("sort_on") or "")
    if sort in SORT_TITLE:
        sort_on = "title"
    else:
        sort_on = "newest"
        if sort and sort not in SORT_NEWEST:
            unmapped.append(f"sắp xếp theo “{sort}” (dùng mới nhất trước)")
    if item.fields.get("sort_reversed") is False and sort in SORT_NEWEST:
        unmapped.append("sắp xếp cũ nhất trước (dùng mới nhất trước)")
    return Criteria(criteria, sort_on, path_uid, path, unmapped)
