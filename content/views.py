"""The tag listing (every public page that carries a tag, newest first) and the address of
an event's iCalendar file."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from taggit.models import Tag
from wagtail.models import Page, Site

from content.listing import listing_entries, tagged_page_ids
from content.models import EventPage
from search.visibility import can_view, public_pages

PAGE_SIZE = 20


def tag_listing(request, slug: str):
    tag = get_object_or_404(Tag, slug=slug)
    pages = (
        public_pages(Page.objects.filter(pk__in=tagged_page_ids(slug=tag.slug)))
        .order_by("-first_published_at", "-pk")
        .specific()
    )
    items = Paginator(pages, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "content/tag_listing.html",
        {"tag": tag, "items": items, "entries": listing_entries(items)},
    )


def event_calendar(request, path: str):
    """``<event page address>lich.ics``: Wagtail serves only addresses that end in a slash, so
    this address reaches the event page's ``lich.ics`` route here, with the same checks as the
    page (live, and every view restriction accepts the request)."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [part for part in path.split("/") if part]
    page = site.root_page.specific.route(request, components).page.specific
    if not isinstance(page, EventPage) or not can_view(page, request):
        raise Http404
    return page.ical(request)
