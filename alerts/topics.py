"""What a subscription is about, read from the link beside a list, and what is new for it.

The subscribe link carries the list's own query string (``?alert=directives&doc_type=…``,
``?alert=search&q=…``, ``?alert=agency&agency=…``, ``?alert=procedures``); it is read here with
the list's own filters, so an alert matches what the list shows. Only public pages are ever
found (search/visibility.py), and only those published since the subscription was confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from alerts.models import Kind, Subscription
from directives.api import ApiDirectiveFilter
from directives.models import Agency, DirectivePage
from directives.records import absolute, public_directives
from directives.vocabulary import DocumentType, ValidityStatus
from procedures.models import ProcedurePage
from search import params as search_params
from search import service
from search.engines.base import SearchUnavailable
from search.visibility import public_pages

DIRECTIVE_FILTERS = ("doc_type", "issuer", "year", "signer", "validity")
SEARCH_NAMES = ("q", "kind", "doc_type", "issuer", "year_from", "year_to", "signer")
MAX_ITEMS = 50


class TopicError(ValueError):
    """The link names nothing that can be subscribed to; the message is for people."""


@dataclass(frozen=True)
class Topic:
    kind: str
    params: dict[str, str]
    label: str

    @property
    def key(self) -> str:
        return urlencode(sorted(self.params.items()))[:500]


@dataclass(frozen=True)
class Item:
    """One page to mention in a digest."""

    page_id: int
    revision_id: int
    title: str
    url: str
    when: datetime | None


def _clean(data, names) -> dict[str, str]:
    return {
        name: str(data.get(name)).strip()[:200]
        for name in names
        if data.get(name) and str(data.get(name)).strip()
    }


def read_topic(data) -> Topic:
    """The topic a query string names, with a Vietnamese label; TopicError when it names
    nothing valid."""
    kind = data.get("alert") or Kind.DIRECTIVES
    if kind == Kind.PROCEDURES:
        return Topic(Kind.PROCEDURES, {}, "Thay đổi thủ tục hành chính")
    if kind == Kind.AGENCY:
        raw = str(data.get("agency") or "")
        agency = (
            Agency.objects.filter(pk=int(raw)).first()
            if raw.isascii() and raw.isdigit() and 0 < int(raw) < 2**62
            else None
        )
        if agency is None:
            raise TopicError("Không tìm thấy cơ quan cần theo dõi.")
        return Topic(Kind.AGENCY, {"agency": str(agency.pk)}, f"Văn bản của {agency.name}")
    if kind == Kind.SEARCH:
        params = _clean(data, SEARCH_NAMES)
        query, messages = search_params.read(params)
        if messages:
            raise TopicError(" ".join(messages))
        if not (query.has_text or query.has_filters):
            raise TopicError("Cần có từ khóa hoặc bộ lọc để theo dõi kết quả tìm kiếm.")
        return Topic(Kind.SEARCH, params, f"Kết quả tìm kiếm “{params.get('q', '')}”".strip())
    if kind == Kind.DIRECTIVES:
        params = _clean(data, DIRECTIVE_FILTERS)
        listing = ApiDirectiveFilter(params, DirectivePage.objects.none())
        if listing.messages:
            raise TopicError(" ".join(listing.messages))
        parts = [
            f"{listing.filters[name].label.lower()}: {_display(name, value)}"
            for name, value in params.items()
        ]
        label = "Văn bản mới" + (f" ({'; '.join(parts)})" if parts else "")
        return Topic(Kind.DIRECTIVES, params, label[:255])
    raise TopicError("Loại thư báo không hợp lệ.")


def _display(name: str, value: str) -> str:
    if name == "issuer":
        agency = Agency.objects.filter(pk=int(value)).first()
        return agency.name if agency else value
    labels = {"doc_type": DocumentType.choices, "validity": ValidityStatus.choices}
    return str(dict(labels.get(name, ())).get(value, value))


def _items(pages, since_field: str) -> list[Item]:
    return [
        Item(
            page.pk,
            page.live_revision_id or 0,
            page.title,
            absolute(page.get_url()) or "",
            getattr(page, since_field),
        )
        for page in pages[:MAX_ITEMS]
    ]


def new_items(subscription: Subscription) -> list[Item]:
    """Public pages published for this topic since the subscription was confirmed (for
    procedures: republished too), newest first; the caller drops those already sent."""
    since = subscription.confirmed_at
    params = subscription.params
    if subscription.kind == Kind.PROCEDURES:
        pages = (
            public_pages(ProcedurePage.objects.all())
            .filter(last_published_at__gt=since)
            .order_by("-last_published_at")
        )
        return _items(pages, "last_published_at")
    directives = public_directives().filter(first_published_at__gt=since)
    if subscription.kind == Kind.AGENCY:
        agency = params.get("agency")
        directives = directives.filter(issuer_id=agency) | directives.filter(
            tasks__agency_id=agency
        )
        return _items(directives.distinct(), "first_published_at")
    if subscription.kind == Kind.DIRECTIVES:
        listing = ApiDirectiveFilter(params, directives)
        return _items(listing.qs, "first_published_at")
    return _search_items(subscription)


def _search_items(subscription: Subscription) -> list[Item]:
    query, _ = search_params.read({**subscription.params, "sort": "date"}, page_size=MAX_ITEMS)
    try:
        hits = service.search(query).hits
    except SearchUnavailable:
        return []  # the next run finds them: nothing is marked sent
    from wagtail.models import Page

    pages = {
        page.pk: page
        for page in public_pages(Page.objects.filter(pk__in=[hit.page_id for hit in hits]))
        .filter(first_published_at__gt=subscription.confirmed_at)
        .specific()
    }
    return _items(
        [pages[hit.page_id] for hit in hits if hit.page_id in pages], "first_published_at"
    )
