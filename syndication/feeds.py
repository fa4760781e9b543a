"""Atom feeds (Django's syndication framework) of every public list: the directive list with
any filters of its page, news, the procedure catalogue's changes, an agency's documents and
any search. Entries carry title, number (``dc:identifier``), date, summary and the page's
address. Every feed reads public pages only (``search.visibility``)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags

from wagtail.models import Page, Site

from directives.listing import DirectiveFilter
from directives.models import DirectiveIndexPage, DirectivePage
from news.models import NewsIndexPage, NewsPage
from procedures.models import Obligation, OnlineLevelChange, ProcedureIndexPage, ProcedurePage
from search import params, service
from search.engines.base import SearchUnavailable
from search.params import UNAVAILABLE
from search.visibility import public_ids, public_pages
from syndication.models import IssuerSlug

logger = logging.getLogger("syndication")

ENTRIES = 30


class PortalAtomFeed(Atom1Feed):
    """Atom with each entry's document number as Dublin Core ``identifier``: Atom has no
    field for it, and readers filter by number."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:dc": "http://purl.org/dc/elements/1.1/"}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("number"):
            handler.addQuickElement("dc:identifier", item["number"])


@dataclass
class Entry:
    """One feed entry, whatever list it comes from."""

    key: str
    title: str
    url: str
    published: datetime | None
    updated: datetime | None
    summary: str = ""
    number: str = ""
    categories: list[str] = field(default_factory=list)


@dataclass
class Listing:
    """What a feed shows for one request."""

    title: str
    link: str
    subtitle: str
    entries: list[Entry]
    feed_url: str = ""


def as_datetime(day: date | datetime | None) -> datetime | None:
    """A day as the start of that day on the site's clock (Atom wants a moment)."""
    if day is None or isinstance(day, datetime):
        return day
    return timezone.make_aware(datetime.combine(day, time()))


def directive_title(page: DirectivePage) -> str:
    number = f" số {page.number}" if page.number else ""
    return f"{page.doc_type_label}{number}: {page.subject or page.title}"


def directive_entry(page: DirectivePage, request: HttpRequest) -> Entry:
    issuer = f"{page.issuer.name}. " if page.issuer_id else ""
    return Entry(
        key=f"directive-{page.pk}",
        title=directive_title(page),
        url=page.get_full_url(request),
        published=as_datetime(page.issued_on) or page.first_published_at,
        updated=page.last_published_at,
        summary=f"{issuer}{page.subject}".strip(),
        number=page.number,
        categories=[page.doc_type_label],
    )


def site_root(request: HttpRequest) -> Page:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("Không tìm thấy trang chủ của cổng.")
    return site.root_page


def section(model, request: HttpRequest):
    """The site's public list page of ``model`` (the directive list, the news list …)."""
    page = public_pages(model.objects.descendant_of(site_root(request))).first()
    if page is None:
        raise Http404("Trang danh sách này chưa được xuất bản.")
    return page


class PortalFeed(Feed):
    """A feed over ``Listing``; subclasses say what the listing is for a request."""

    feed_type = PortalAtomFeed

    def listing(self, request: HttpRequest) -> Listing:
        raise NotImplementedError

    def get_object(self, request, *args, **kwargs) -> Listing:
        listing = self.listing(request, *args, **kwargs)
        listing.feed_url = request.build_absolute_uri()
        return listing

    def title(self, obj: Listing) -> str:
        return obj.title

    def link(self, obj: Listing) -> str:
        return obj.link

    def subtitle(self, obj: Listing) -> str:
        return obj.subtitle

    def feed_url(self, obj: Listing) -> str:
        return obj.feed_url

    def items(self, obj: Listing) -> list[Entry]:
        return obj.entries

    def item_title(self, item: Entry) -> str:
        return item.title

    def item_description(self, item: Entry) -> str:
        return item.summary

    def item_link(self, item: Entry) -> str:
        return item.url

    def item_guid(self, item: Entry) -> str:
        return f"{item.url}#{item.key}"

    def item_pubdate(self, item: Entry) -> datetime | None:
        return item.published

    def item_updateddate(self, item: Entry) -> datetime | None:
        return item.updated or item.published

    def item_categories(self, item: Entry) -> list[str]:
        return item.categories

    def item_extra_kwargs(self, item: Entry) -> dict:
        return {"number": item.number}


class DirectiveListFeed(PortalFeed):
    """The directive list, filtered by the same query string as its page."""

    def listing(self, request):
        index = section(DirectiveIndexPage, request)
        listing = DirectiveFilter(request.GET, index.directives())
        pages = listing.qs[:ENTRIES]
        query = request.GET.urlencode()
        return Listing(
            title=f"{index.title} – văn bản mới" + (" (đã lọc)" if listing.is_filtered else ""),
            link=index.get_full_url(request) + (f"?{query}" if query else ""),
            # A filter it could not read is dropped, as on the page, and the reader told why.
            subtitle=" ".join(["Văn bản chỉ đạo điều hành mới nhất trên cổng.", *listing.messages]),
            entries=[directive_entry(page, request) for page in pages],
        )


class AgencyFeed(PortalFeed):
    """The public documents one agency issued, by the agency's permanent slug."""

    def listing(self, request, slug: str):
        agency = get_object_or_404(IssuerSlug.objects.select_related("agency"), slug=slug).agency
        index = section(DirectiveIndexPage, request)
        pages = index.directives().filter(issuer=agency)[:ENTRIES]
        return Listing(
            title=f"Văn bản của {agency.name}",
            link=f"{index.get_full_url(request)}?issuer={agency.pk}",
            subtitle=f"Văn bản mới nhất do {agency.name} ban hành.",
            entries=[directive_entry(page, request) for page in pages],
        )


class NewsFeed(PortalFeed):
    def listing(self, request):
        index = section(NewsIndexPage, request)
        pages = (
            public_pages(NewsPage.objects.descendant_of(index))
            .select_related("target")
            .order_by("-date", "-first_published_at")[:ENTRIES]
        )
        return Listing(
            title=f"{index.title} – tin mới",
            link=index.get_full_url(request),
            subtitle="Tin tức mới nhất trên cổng.",
            entries=[
                Entry(
                    key=f"news-{page.pk}",
                    title=page.title,
                    url=page.get_full_url(request),
                    published=as_datetime(page.date),
                    updated=page.last_published_at,
                    summary=page.lead or strip_tags(page.body)[:300],
                    number=page.linked_page.number if page.linked_page else "",
                )
                for page in pages
            ],
        )


def level_change_source(change: OnlineLevelChange) -> str:
    """The document that decided a level change, named only as far as the public may see."""
    label = change.cited_label
    return f"Theo {label}." if label else ""


class ProcedureChangesFeed(PortalFeed):
    """What changed in the procedure catalogue: new procedures, online-level changes and
    new online-filing obligations, newest first."""

    def listing(self, request):
        index = section(ProcedureIndexPage, request)
        procedures = public_pages(ProcedurePage.objects.descendant_of(index))
        entries = [
            Entry(
                key=f"procedure-{page.pk}",
                title=f"Thủ tục mới: {page.name}",
                url=page.get_full_url(request),
                published=page.first_published_at,
                updated=page.last_published_at,
                summary=f"Mã {page.code}. Mức độ trực tuyến: {page.get_online_level_display()}.",
                number=page.code,
            )
            for page in procedures.order_by("-first_published_at")[:ENTRIES]
        ]
        changes = (
            OnlineLevelChange.objects.filter(page__in=procedures.values("pk"))
            .exclude(valid_from=None)
            .select_related("page", "target")
            .order_by("-valid_from", "-pk")[:ENTRIES]
        )
        entries += [
            Entry(
                key=f"online-level-{change.pk}",
                title=f"{change.page.title}: {change.get_level_display().lower()} từ "
                f"{change.valid_from:%d/%m/%Y}",
                url=change.page.get_full_url(request),
                published=as_datetime(change.valid_from),
                updated=as_datetime(change.valid_from),
                summary=" ".join(
                    filter(None, [f"Mã {change.page.code}.", level_change_source(change)])
                ),
                number=change.page.code,
            )
            for change in changes
        ]
        obligations = (
            # An unconfirmed obligation is the importer's proposal: nothing to announce.
            Obligation.objects.filter(directive__in=public_ids(DirectivePage), confirmed=True)
            .select_related("directive")
            .order_by("-directive__first_published_at", "-pk")[:ENTRIES]
        )
        entries += [
            Entry(
                key=f"obligation-{obligation.pk}",
                title=f"{obligation.get_requirement_display()}: "
                f"{directive_title(obligation.directive)}",
                url=obligation.directive.get_full_url(request),
                published=obligation.directive.first_published_at,
                updated=obligation.directive.last_published_at,
                summary=(
                    f"Áp dụng từ ngày {obligation.starts_on:%d/%m/%Y}. "
                    if obligation.starts_on
                    else ""
                )
                + obligation.directive.subject,
                number=obligation.directive.number,
            )
            for obligation in obligations
        ]
        entries.sort(key=lambda entry: entry.published or timezone.now(), reverse=True)
        return Listing(
            title=f"{index.title} – thay đổi",
            link=index.get_full_url(request),
            subtitle="Thủ tục mới, thay đổi mức độ trực tuyến và nghĩa vụ nộp trực tuyến mới.",
            entries=entries[:ENTRIES],
        )


class SearchFeed(PortalFeed):
    """Any search, by the query string of /tim-kiem/."""

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except SearchUnavailable as error:
            logger.warning("search feed: the engine is unavailable: %s", error)
            return HttpResponse(UNAVAILABLE, status=503, content_type="text/plain; charset=utf-8")

    def listing(self, request):
        query, notices = params.read(request.GET)
        hits = service.search(query).hits if query.has_text or query.has_filters else []
        # The index holds public pages only; asking again costs one query and keeps a page
        # hidden the moment it stops being public, before the index has caught up.
        pages = public_pages(Page.objects.filter(pk__in=[hit.page_id for hit in hits]))
        pages = {page.pk: page for page in pages.specific()}
        entries = [
            Entry(
                key=f"{hit.kind}-{hit.page_id}",
                title=f"{hit.label} số {hit.number}: {hit.title}" if hit.number else hit.title,
                url=pages[hit.page_id].get_full_url(request),
                published=as_datetime(hit.issued_on) or pages[hit.page_id].first_published_at,
                updated=pages[hit.page_id].last_published_at,
                summary=strip_tags(hit.snippet),
                number=hit.number,
                categories=[hit.label] if hit.label else [],
            )
            for hit in hits
            if hit.page_id in pages
        ]
        search_url = request.build_absolute_uri(reverse("search"))
        query_string = request.GET.urlencode()
        return Listing(
            title=f"Tìm kiếm: {query.raw}" if query.raw else "Tìm kiếm",
            link=f"{search_url}?{query_string}" if query_string else search_url,
            subtitle=" ".join(["Kết quả tìm kiếm trên cổng.", *notices]),
            entries=entries,
        )
