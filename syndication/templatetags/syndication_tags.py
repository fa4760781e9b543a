"""The head's metadata (JSON-LD, Open Graph, feed links), the visible feed link and the
permanent address, for templates."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from wagtail.models import Page, Site

from directives.models import DirectiveIndexPage, DirectivePage
from home.models import PortalSettings
from news.models import NewsIndexPage
from procedures.models import ProcedureIndexPage
from syndication import eli, structured

register = template.Library()


@dataclass
class Feed:
    url: str
    label: str


@dataclass
class Metadata:
    json_ld: list[str] = field(default_factory=list)
    open_graph: list[tuple[str, str]] = field(default_factory=list)
    feeds: list[Feed] = field(default_factory=list)
    # The page's one meta description: the Open Graph one (its search description, else what
    # its subject, lead or name says).
    description: str = ""


def same_query(request, name: str) -> str:
    """The feed ``name`` with the request's filters (not its page number)."""
    pairs = [(key, value) for key, value in request.GET.lists() if key != "page"]
    query = urlencode([(key, value) for key, values in pairs for value in values])
    return reverse(name) + (f"?{query}" if query else "")


def feeds_for(page, root, request, is_search: bool) -> list[Feed]:
    if is_search:
        return [Feed(same_query(request, "feed_search"), "Nguồn tin (Atom) của tìm kiếm này")]
    if isinstance(page, DirectiveIndexPage):
        return [Feed(same_query(request, "feed_directives"), "Nguồn tin (Atom) của danh sách này")]
    if isinstance(page, NewsIndexPage):
        return [Feed(reverse("feed_news"), "Nguồn tin (Atom) tin tức")]
    if isinstance(page, ProcedureIndexPage):
        return [Feed(reverse("feed_procedures"), "Nguồn tin (Atom) thay đổi thủ tục")]
    if isinstance(page, DirectivePage) and page.issuer_id:
        slug = eli.issuer_slug(page.issuer)
        return [
            Feed(
                reverse("feed_agency", args=[slug]),
                f"Nguồn tin (Atom) văn bản của {page.issuer.name}",
            )
        ]
    if page.pk == root.pk:
        return [
            Feed(reverse("feed_directives"), "Nguồn tin (Atom) văn bản mới"),
            Feed(reverse("feed_news"), "Nguồn tin (Atom) tin tức"),
        ]
    return []


@register.simple_tag(takes_context=True)
def page_metadata(context) -> Metadata:
    """What the head says about this page. Nothing for pages rendered without a request or
    without a page (error pages must render without the database), nor for previews."""
    request = context.get("request")
    # A preview is for the editor only, and an unsaved page has no address yet.
    if request is None or getattr(request, "is_preview", False):
        return Metadata()
    match = getattr(request, "resolver_match", None)
    is_search = bool(match and match.url_name == "search")
    page = context.get("page")
    if not isinstance(page, Page) and not is_search:
        return Metadata()
    site = Site.find_for_request(request)
    if site is None:
        return Metadata()
    root = site.root_page
    site_name = PortalSettings.for_site(site).site_name
    if is_search:
        trail = [
            (root.title, root.get_full_url(request)),
            ("Tìm kiếm", request.build_absolute_uri()),
        ]
        data = [structured.breadcrumbs(trail)]
        graph = [("og:type", "website"), ("og:title", "Tìm kiếm"), ("og:site_name", site_name)]
    else:
        data = structured.page_data(page, root, request, site_name)
        graph = structured.open_graph(page, request, site_name)
    return Metadata(
        json_ld=[mark_safe(structured.as_script(item)) for item in data],  # noqa: S308 - escaped
        open_graph=graph,
        description=dict(graph).get("og:description", ""),
        feeds=feeds_for(page, root, request, is_search),
    )


@register.simple_tag(takes_context=True)
def permanent_address(context, page: DirectivePage) -> str:
    """The directive's permanent address, absolute ("Địa chỉ trích dẫn")."""
    path = eli.permanent_path(page)
    request = context.get("request")
    return request.build_absolute_uri(path) if request else path


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context) -> list[tuple[str, str]]:
    """(title, address) from the home page down to this page, for a page below a section (a
    section's own trail, home then itself, repeats the navigation and is left out)."""
    page = context.get("page")
    request = context.get("request")
    if request is None or not isinstance(page, Page) or getattr(request, "is_preview", False):
        return []
    site = Site.find_for_request(request)
    if site is None:
        return []
    root = site.root_page
    ancestors = page.get_ancestors(inclusive=True).filter(depth__gte=root.depth)
    trail = [(item.title, item.get_url(request)) for item in ancestors]
    if len(trail) <= 2:
        return []
    return [("Trang chủ", trail[0][1]), *trail[1:]]
