"""The search service: the configured engine, and the calls the page, the API, the signal
handlers and the management command make.

``PORTAL_SEARCH_ENGINE`` chooses the engine: "database" (the default; SQLite FTS5 or
PostgreSQL full-text search, whichever the site's database is) or "elasticsearch".
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.utils.module_loading import import_string

from search import suggestions
from search.documents import indexable, pages_showing, searchable_models
from search.engines.base import SearchEngine, SearchResults, Suggestion
from search.query import SearchQuery, understand
from search.visibility import public_pages

logger = logging.getLogger("search")

ENGINES = {
    "database": "search.engines.database.engine.DatabaseEngine",
    "elasticsearch": "search.engines.elasticsearch.engine.ElasticsearchEngine",
}


@lru_cache(maxsize=4)
def _engine(name: str) -> SearchEngine:
    path = ENGINES.get(name, name)
    try:
        engine_class = import_string(path)
    except ImportError as error:
        raise ImproperlyConfigured(
            f"PORTAL_SEARCH_ENGINE={name!r}: cannot import {path} ({error})"
        ) from error
    return engine_class()


def get_engine(name: str | None = None) -> SearchEngine:
    """The engine named in settings (``PORTAL_SEARCH_ENGINE``), or ``name``."""
    return _engine(name or getattr(settings, "PORTAL_SEARCH_ENGINE", "database"))


def search(query: SearchQuery) -> SearchResults:
    return get_engine().search(query)


def suggest(text: str, limit: int = 8) -> list[Suggestion]:
    """Suggestions read as the search reads the text (``search.suggestions``)."""
    return suggestions.suggest(get_engine(), text, limit)


def update_pages(pages: Iterable) -> None:
    """Index live, public pages and drop the rest, then index again the pages whose
    documents show them (the news items a directive is the source of); the signal handlers
    and batch imports call this."""
    pages = [page for page in pages if page.specific_class in searchable_models()]
    if not pages:
        return
    get_engine().index_pages(pages)
    logger.debug("search: indexed pages %s", [page.pk for page in pages])
    by_model: dict[type, list[int]] = {}
    for page in pages:
        by_model.setdefault(page.specific_class, []).append(page.pk)
    dependents = [qs for model, ids in by_model.items() for qs in pages_showing(model, ids)]
    if dependents:
        refresh(dependents)


def refresh(querysets: Iterable[QuerySet], batch_size: int = 500) -> tuple[int, int]:
    """Bring these pages in step with what the public may see: the live, public ones
    indexed again, every other one removed. For changes no page signal reports: a view
    restriction added, changed or removed on a page or an ancestor, a move, an agency
    renamed. Returns (indexed, removed) counts."""
    engine = get_engine()
    indexed = removed = 0
    for queryset in querysets:
        visible = indexable(queryset)
        public = public_pages(queryset).values("pk")
        hidden = list(queryset.exclude(pk__in=public).values_list("pk", flat=True))
        if hidden:
            engine.delete_pages(hidden)
            removed += len(hidden)
        batch: list[Any] = []
        for page in visible.iterator(chunk_size=batch_size):
            batch.append(page)
            if len(batch) >= batch_size:
                indexed += engine.index_checked(batch)
                batch = []
        if batch:
            indexed += engine.index_checked(batch)
    if indexed or removed:
        logger.info("search: refreshed %d page(s), removed %d", indexed, removed)
    return indexed, removed


def remove_pages(ids: Iterable[int]) -> None:
    ids = list(ids)
    if ids:
        get_engine().delete_pages(ids)
        logger.debug("search: removed pages %s", ids)


__all__ = [
    "get_engine",
    "refresh",
    "remove_pages",
    "search",
    "suggest",
    "understand",
    "update_pages",
]
