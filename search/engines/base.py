"""The interface every search engine implements, and the result types they return.

The service hands an engine an understood ``SearchQuery`` (search.query) and index documents
built by ``search.documents.document_for``; the engine owns how it stores and ranks them. The
page, the API and the tests only ever see these types, so engines can be swapped in settings.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from search.query import SearchQuery
from search.registry import kind_label

# Called as progress(done, total) while an index is rebuilt.
Progress = Callable[[int, int], None]

# Facet names, in the order the page shows them.
FACETS = ("kind", "doc_type", "issuer", "year", "signer")


class SearchUnavailable(RuntimeError):
    """The engine cannot answer now (a cluster down or refusing): the page and the API
    answer 503 with "try later", never a 500."""


@dataclass(frozen=True)
class Hit:
    """One result. ``snippet`` is safe HTML: escaped original text with ``<mark>`` around
    the matched words."""

    page_id: int
    kind: str
    title: str
    url: str
    number: str = ""
    issued_on: date | None = None
    snippet: str = ""
    score: float = 0.0
    doc_type: str = ""
    doc_type_label: str = ""
    issuer_name: str = ""
    signer: str = ""
    match: str = "text"  # "number", "citing" or "text": why it is here

    @property
    def label(self) -> str:
        """What the result is, for people: its document type, else its kind."""
        return self.doc_type_label or kind_label(self.kind)


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


@dataclass
class SearchResults:
    """A page of hits, the total, and the facet counts over every match."""

    query: SearchQuery
    count: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    # False when an engine estimated facet counts from a sample of a very large match set.
    facets_exact: bool = True
    # False when the count is a lower bound: an engine stopped counting at a cap, and the
    # page says "hơn {count}".
    count_exact: bool = True

    @property
    def page(self) -> int:
        return min(self.query.page, self.num_pages)

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.query.page_size))


@dataclass(frozen=True)
class Suggestion:
    label: str
    url: str


class SearchEngine(ABC):
    """A search engine over the portal's index documents.

    Engines must never let query text reach their query language as syntax, must return a
    valid (possibly empty) page for any ``SearchQuery``, and must clamp a page past the end
    to the last page.
    """

    name: str = "base"

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResults:
        """Hits for ``query`` on its page, the total count and the facets."""

    @abstractmethod
    def suggest(self, text: str, limit: int = 8) -> list[Suggestion]:
        """Titles and numbers that start with what has been typed so far."""

    @abstractmethod
    def index_documents(self, documents: Iterable[dict[str, Any]]) -> int:
        """Add or replace the given index documents (see ``search.documents``)."""

    @abstractmethod
    def delete_pages(self, ids: Iterable[int]) -> int:
        """Remove the pages with these ids from the index; unknown ids are ignored."""

    @abstractmethod
    def clear(self) -> None:
        """Remove every document (the first step of a rebuild)."""

    def index_pages(self, pages: Iterable[Any]) -> int:
        """Index live, public pages; remove the others (unpublished, restricted)."""
        # search.documents loads Wagtail models; this module stays importable before apps load.
        from search.documents import document_for

        documents, gone = [], []
        for page in pages:
            document = document_for(page)
            if document is None:
                gone.append(page.pk)
            else:
                documents.append(document)
        if gone:
            self.delete_pages(gone)
        return self.index_documents(documents) if documents else 0

    def rebuild(self, progress: Progress | None = None, batch_size: int = 500) -> int:
        """Empty the index and index every searchable page again, in batches."""
        # search.documents loads Wagtail models; this module stays importable before apps load.
        from search.documents import indexable_querysets

        querysets = indexable_querysets()
        total = sum(queryset.count() for queryset in querysets)
        self.clear()
        done = 0
        for queryset in querysets:
            batch: list[Any] = []
            for page in queryset.iterator(chunk_size=batch_size):
                batch.append(page)
                if len(batch) >= batch_size:
                    self.index_checked(batch)
                    done += len(batch)
                    batch = []
                    if progress:
                        progress(done, total)
            if batch:
                self.index_checked(batch)
                done += len(batch)
        if progress:
            progress(done, total)
        return done

    def index_checked(self, pages: Iterable[Any]) -> int:
        """Index pages already known to be live and public (they come from
        ``search.documents.indexable``): the batches of a rebuild and of a refresh."""
        # search.documents loads Wagtail models; this module stays importable before apps load.
        from search.documents import document_for

        documents = [doc for doc in (document_for(page, checked=True) for page in pages) if doc]
        return self.index_documents(documents) if documents else 0
