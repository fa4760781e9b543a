"""The search page (/tim-kiem/): the form, filters with facet counts, highlighted results."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from django.http import HttpRequest
from django.template.response import TemplateResponse

from search import params, service
from search.engines.base import FacetValue, SearchResults, SearchUnavailable
from search.hints import hints
from search.query import SearchQuery
from vntext.collation import sort_key

logger = logging.getLogger("search")

SORT_CHOICES = [("relevance", "Phù hợp nhất"), ("date", "Mới nhất")]
# The filter menus: each is counted under the other filters only, so a chosen value keeps
# every other option (one more search per chosen menu).
MENUS = ("kind", "doc_type", "issuer", "signer")
# Menus read as names, in Vietnamese alphabetical order (kinds keep the registry's order).
NAMED_MENUS = ("doc_type", "issuer", "signer")


@dataclass(frozen=True)
class ResultsPage:
    """The slice of ``Paginator.get_page()`` that components/pagination.html reads."""

    results: SearchResults

    @property
    def paginator(self) -> ResultsPage:
        return self

    @property
    def count(self) -> int:
        return self.results.count

    @property
    def num_pages(self) -> int:
        return self.results.num_pages

    @property
    def number(self) -> int:
        return self.results.page

    def has_previous(self) -> bool:
        return self.number > 1

    def has_next(self) -> bool:
        return self.number < self.num_pages

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1

    def __iter__(self):
        return iter(self.results.hits)

    def __len__(self) -> int:
        return len(self.results.hits)


def count_text(results: SearchResults) -> str:
    """ "1.234", or "hơn 10.000" when the engine stopped counting at a cap."""
    number = f"{results.count:,}".replace(",", ".")
    return number if results.count_exact else f"Hơn {number}"


def menus(query: SearchQuery, results: SearchResults) -> dict[str, list[FacetValue]]:
    """The facets with every option of a chosen menu, names in Vietnamese order."""
    facets = dict(results.facets)
    for name in MENUS:
        if getattr(query, name) not in (None, ""):
            others = service.search(replace(query, **{name: None}, page=1))
            facets[name] = others.facets.get(name, [])
    for name in NAMED_MENUS:
        facets[name] = sorted(facets.get(name, []), key=lambda option: sort_key(option.label))
    return facets


def search(request: HttpRequest) -> TemplateResponse:
    query, notices = params.read(request.GET)
    status = 200
    try:
        results = service.search(query) if query.has_text or query.has_filters else None
        facets = menus(query, results) if results else {}
    except SearchUnavailable as error:
        logger.warning("search: the engine is unavailable: %s", error)
        results, facets, status = None, {}, 503
        notices = [*notices, params.UNAVAILABLE]
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "query": query.raw,
            "understood": query,
            "notices": notices,
            "results": ResultsPage(results) if results else None,
            "search_results": results,
            "facets": facets,
            "sort_choices": SORT_CHOICES,
            "unavailable": status == 503,
            "count_text": count_text(results) if results else "",
            "hints": hints() if not results or not results.count else None,
        },
        status=status,
    )
