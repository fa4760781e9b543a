"""The Elasticsearch 8 engine: for sites that outgrow one database.

``PORTAL_SEARCH_ENGINE = "elasticsearch"`` selects it; ``ELASTICSEARCH_URL`` says where the
cluster is and ``PORTAL_SEARCH_INDEX_PREFIX`` what its index is called. The index is defined
in ``index.py`` and the request bodies in ``query.py`` beside it; this module talks to the
cluster and turns its answers into the engine interface's results.

Publishing, unpublishing, moving and deleting reach ``index_pages`` / ``delete_pages`` through
the search service's signal handlers, and are visible to the next search (``refresh`` waits
for it). ``rebuild`` fills a new index in bulk and then moves the alias, so the site keeps
searching the old index until the new one is complete.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Iterator
from datetime import date
from html import escape
from typing import Any, Literal

from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError, helpers
from elasticsearch.dsl.response import Response

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from search.engines.base import (
    FACETS,
    FacetValue,
    Hit,
    Progress,
    SearchEngine,
    SearchResults,
    SearchUnavailable,
    Suggestion,
)
from search.engines.elasticsearch.index import (
    alias_name,
    delete_action,
    index_action,
    new_index_name,
    page_index,
)
from search.engines.elasticsearch.query import (
    MAX_RESULT_WINDOW,
    SNIPPET_CHARS,
    build_search,
    build_suggest,
)
from search.query import SearchQuery, clean_text
from search.registry import kind_label
from vntext import fold, fold_tokens

logger = logging.getLogger("search")

Refresh = bool | Literal["wait_for"]


class ElasticsearchEngine(SearchEngine):
    """Search, suggestions and index upkeep on an Elasticsearch 8 cluster."""

    name = "elasticsearch"

    def __init__(
        self,
        client: Elasticsearch | None = None,
        *,
        prefix: str | None = None,
        refresh: Refresh = "wait_for",
        replicas: int | None = None,
    ) -> None:
        self._client = client
        self.prefix = prefix or getattr(settings, "PORTAL_SEARCH_INDEX_PREFIX", "portal")
        self.alias = alias_name(self.prefix)
        # An editor who publishes and then searches expects to find the page.
        self.refresh = refresh
        self.replicas = (
            replicas if replicas is not None else getattr(settings, "ELASTICSEARCH_REPLICAS", 1)
        )
        self._index_ready = False

    @property
    def client(self) -> Elasticsearch:
        if self._client is None:
            url = getattr(settings, "ELASTICSEARCH_URL", "")
            if not url:
                raise ImproperlyConfigured(
                    'PORTAL_SEARCH_ENGINE="elasticsearch" needs ELASTICSEARCH_URL '
                    "(for example http://127.0.0.1:9200)."
                )
            self._client = Elasticsearch(
                url, request_timeout=10, max_retries=2, retry_on_timeout=True
            )
        return self._client

    # Searching.

    def search(self, query: SearchQuery) -> SearchResults:
        last_window_page = max(1, (MAX_RESULT_WINDOW - query.page_size) // query.page_size + 1)
        if query.page > last_window_page:
            query = dataclasses.replace(query, page=last_window_page)
        response = self._execute(query)
        if response is None:
            return SearchResults(query=query)
        count = response.hits.total.value
        if not response.hits and count and query.page > 1:
            last = min(-(-count // query.page_size), last_window_page)
            query = dataclasses.replace(query, page=last)
            response = self._execute(query) or response
        return SearchResults(
            query=query,
            count=count,
            hits=[_hit(hit, query) for hit in response.hits],
            facets=_facets(response),
        )

    def _execute(self, query: SearchQuery) -> Response | None:
        """The response, or None when the index does not exist yet (nothing indexed)."""
        request = build_search(query, self.alias).using(self.client)
        try:
            return request.execute()
        except NotFoundError:
            logger.warning(
                "search: index %s does not exist; run search_index --rebuild", self.alias
            )
            return None
        except (ApiError, TransportError) as error:
            logger.error("search: Elasticsearch request failed: %s", error)
            raise SearchUnavailable(str(error)) from error

    def suggest(self, text: str, limit: int = 8) -> list[Suggestion]:
        words = fold_tokens(clean_text(text))[:8]
        if not any(len(word) > 1 or word.isdigit() for word in words) or limit < 1:
            return []
        request = build_suggest(words, self.alias, min(limit, 20)).using(self.client)
        try:
            response = request.execute()
        except NotFoundError:
            return []
        except (ApiError, TransportError) as error:
            logger.error("search: Elasticsearch suggest failed: %s", error)
            raise SearchUnavailable(str(error)) from error
        return [_suggestion(hit) for hit in response.hits]

    # Keeping the index in step.

    def index_documents(self, documents: Iterable[dict[str, Any]]) -> int:
        self.ensure_index()
        actions = [index_action(document, self.alias) for document in documents]
        if not actions:
            return 0
        indexed, _ = helpers.bulk(self.client, actions, refresh=self.refresh)
        return indexed

    def delete_pages(self, ids: Iterable[int]) -> int:
        actions = [delete_action(page_id, self.alias) for page_id in ids]
        if not actions:
            return 0
        try:
            deleted, errors = helpers.bulk(
                self.client, actions, refresh=self.refresh, raise_on_error=False
            )
        except NotFoundError:
            return 0
        for error in errors:
            item = error.get("delete", {})
            if item.get("status") != 404:  # a page that was never indexed is fine
                logger.error("search: could not remove %s: %s", item.get("_id"), item)
        return deleted

    def clear(self) -> None:
        """An empty index behind the alias (the old ones are deleted)."""
        old = self._indices_behind_alias()
        target = self._create_index(refresh_interval="1s")
        self._point_alias(target, old)
        self._index_ready = True

    def ensure_index(self) -> None:
        """Create the index and its alias on first use, when no rebuild has made them."""
        if self._index_ready:
            return
        if not self.client.indices.exists_alias(name=self.alias):
            self.clear()
        self._index_ready = True

    def rebuild(self, progress: Progress | None = None, batch_size: int = 500) -> int:
        """Index every searchable page into a new index, then switch the alias to it.

        Refresh is off and replicas are 0 while the bulk load runs (the fastest way in); both
        come back before the switch. On failure the new index is deleted and the old one keeps
        serving.
        """
        # Imported when used: search.documents loads Wagtail's models, which the engine's
        # query and index code (tested without a database) does not need.
        from search.documents import indexable_querysets

        querysets = indexable_querysets()
        total = sum(queryset.count() for queryset in querysets)
        old = self._indices_behind_alias()
        target = self._create_index(refresh_interval="-1", replicas=0)
        done = 0
        try:
            for ok, item in helpers.streaming_bulk(
                self.client,
                _rebuild_actions(querysets, target, batch_size),
                chunk_size=batch_size,
                max_retries=3,
            ):
                if not ok:  # pragma: no cover - streaming_bulk raises on errors by default
                    raise SearchUnavailable(f"bulk indexing failed: {item}")
                done += 1
                if progress and done % batch_size == 0:
                    progress(done, total)
            self.client.indices.put_settings(
                index=target,
                settings={"index": {"refresh_interval": "1s", "number_of_replicas": self.replicas}},
            )
            self.client.indices.refresh(index=target)
            self._point_alias(target, old)
        except BaseException:
            self.client.indices.delete(index=target, ignore_unavailable=True)
            raise
        if progress:
            progress(done, total)
        self._index_ready = True
        return done

    def _create_index(self, *, refresh_interval: str, replicas: int | None = None) -> str:
        name = new_index_name(self.prefix)
        index = page_index(name, replicas=self.replicas if replicas is None else replicas)
        index.settings(refresh_interval=refresh_interval)
        index.create(using=self.client)
        return name

    def _indices_behind_alias(self) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=self.alias))
        except NotFoundError:
            return []

    def _point_alias(self, target: str, old: list[str]) -> None:
        """Move the alias from ``old`` to ``target`` in one step, then drop ``old``."""
        actions: list[dict[str, Any]] = [
            {"remove": {"index": name, "alias": self.alias}} for name in old
        ]
        actions.append({"add": {"index": target, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        if old:
            self.client.indices.delete(index=",".join(old), ignore_unavailable=True)


def _rebuild_actions(querysets: list, target: str, batch_size: int) -> Iterator[dict[str, Any]]:
    from search.documents import document_for

    for queryset in querysets:
        for page in queryset.iterator(chunk_size=batch_size):
            document = document_for(page, checked=True)
            if document is not None:
                yield index_action(document, target)


# Reading responses.


def _hit(hit: Any, query: SearchQuery) -> Hit:
    source = hit.to_dict()
    matched = set(getattr(hit.meta, "matched_queries", None) or ())
    match = "number" if "number" in matched else "citing" if "citing" in matched else "text"
    issued_on = source.get("issued_on")
    return Hit(
        page_id=int(source.get("page_id") or hit.meta.id),
        kind=source.get("kind", ""),
        title=source.get("title", ""),
        url=source.get("url", ""),
        number=source.get("number", ""),
        issued_on=date.fromisoformat(issued_on[:10]) if issued_on else None,
        snippet=_snippet(hit, source),
        score=float(hit.meta.score or 0.0),
        doc_type=source.get("doc_type", ""),
        doc_type_label=source.get("doc_type_label", ""),
        issuer_name=source.get("issuer_name", ""),
        signer=source.get("signer", ""),
        match=match,
    )


def _suggestion(hit: Any) -> Suggestion:
    label, number = hit.title, getattr(hit, "number", "") or ""
    if number and fold(number) not in fold(label):
        label = f"{number} – {label}"
    return Suggestion(label=label, url=hit.url)


def _marked_words(fragment: str) -> int:
    return len({fold(part.split("</mark>", 1)[0]) for part in fragment.split("<mark>")[1:]})


def _snippet(hit: Any, source: dict[str, Any]) -> str:
    """The highlighted fragment that marks the most distinct words (body or summary), else
    the start of the summary; Elasticsearch has already escaped the text (``encoder: html``)."""
    highlight = getattr(hit.meta, "highlight", None)
    fragments = []
    if highlight is not None:
        for field in ("summary", "body"):
            fragments += [f for f in getattr(highlight, field, None) or () if f]
    marked = [f for f in fragments if "<mark>" in f]
    if marked:
        return max(marked, key=_marked_words)
    summary = source.get("summary") or ""
    if fragments:
        return fragments[0]
    return escape(summary[:SNIPPET_CHARS]) + ("…" if len(summary) > SNIPPET_CHARS else "")


def _bucket_label(bucket: Any) -> str:
    label = getattr(bucket, "label", None)
    buckets = label.buckets if label is not None else []
    return str(buckets[0].key) if buckets else str(bucket.key)


def _facets(response: Response) -> dict[str, list[FacetValue]]:
    aggregations = getattr(response, "aggregations", None)
    facets: dict[str, list[FacetValue]] = {}
    if aggregations is None:
        return facets
    for name in FACETS:
        aggregation = getattr(aggregations, name, None)
        if aggregation is None:
            continue
        values = []
        for bucket in aggregation.buckets:
            value = str(bucket.key)
            if name == "kind":
                label = kind_label(value)
            elif name in ("doc_type", "issuer"):
                label = _bucket_label(bucket)
            else:
                label = value
            values.append(FacetValue(value=value, label=label, count=bucket.doc_count))
        facets[name] = values
    return facets
