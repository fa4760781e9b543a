"""The default engine: the site's own database (SQLite FTS5 or PostgreSQL full-text search).

Results come in three tiers, in this order: the documents whose number the query names, the
documents citing them, then text matches. Text matches are ordered by the database's cheap
order, and only a bounded window of them is re-ranked (search.ranking), so a common word
over 100,000 documents costs no more than a rare one. Facets come from one GROUP BY over the
match set, reading only the narrow entry table.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import Q

from search.engines.base import (
    KIND_LABELS,
    FacetValue,
    Hit,
    SearchEngine,
    SearchResults,
    Suggestion,
)
from search.engines.dialects import DIALECTS, ENTRY, Dialect
from search.models import SearchEntry, SearchText
from search.query import SearchQuery, clean_text
from search.ranking import Candidate, rerank
from search.snippets import snippet
from vntext import fold, fold_tokens

logger = logging.getLogger("search")

RERANK_WINDOW = 200
# Above rank_limit matches: the newest title matches and the newest matches, this many each.
LARGE_WINDOW = 100
MAX_NUMBER_HITS = 50
MAX_CITING_HITS = 100
MAX_SIGNER_FACETS = 20
# Matches are counted up to this many; beyond, the count is "hơn 10.000" and the facets
# are counted over the first COUNT_CAP + 1 matches.
COUNT_CAP = 10_000
ENTRY_FIELDS = [
    field.attname for field in SearchEntry._meta.concrete_fields if field.attname != "page_id"
]


class DatabaseEngine(SearchEngine):
    name = "database"

    def __init__(self) -> None:
        dialect = DIALECTS.get(connection.vendor)
        if dialect is None:
            raise ImproperlyConfigured(
                f"The database search engine supports SQLite and PostgreSQL, not "
                f"{connection.vendor}; set PORTAL_SEARCH_ENGINE=elasticsearch."
            )
        self.dialect: Dialect = dialect()

    # Writing the index.

    def index_documents(self, documents: Iterable[dict[str, Any]]) -> int:
        documents = list(documents)
        if not documents:
            return 0
        ids = [doc["page_id"] for doc in documents]
        entries = [
            SearchEntry(
                page_id=doc["page_id"],
                **{name: doc.get(name) for name in ENTRY_FIELDS if name != "signer_folded"},
                signer_folded=doc["signer_folded"],
            )
            for doc in documents
        ]
        for entry in entries:
            for name in ("number", "number_key", "doc_type", "doc_type_label", "issuer_name"):
                setattr(entry, name, getattr(entry, name) or "")
            entry.title = entry.title[:255]
            entry.url = (entry.url or "")[:2048]
            entry.signer_folded = entry.signer_folded[:128]
        texts = [
            SearchText(entry_id=doc["page_id"], summary=doc["summary"], body=doc["body"])
            for doc in documents
        ]
        with transaction.atomic():
            SearchText.objects.filter(entry_id__in=ids)._raw_delete(connection.alias)
            SearchEntry.objects.filter(page_id__in=ids)._raw_delete(connection.alias)
            SearchEntry.objects.bulk_create(entries)
            SearchText.objects.bulk_create(texts)
            with connection.cursor() as cursor:
                self.dialect.write(cursor, documents)
        return len(documents)

    def delete_pages(self, ids: Iterable[int]) -> int:
        ids = list(ids)
        with transaction.atomic():
            SearchText.objects.filter(entry_id__in=ids)._raw_delete(connection.alias)
            return SearchEntry.objects.filter(page_id__in=ids)._raw_delete(connection.alias)

    def rebuild(self, progress=None, batch_size: int = 500) -> int:
        """As every engine does, with the text indexes set aside while the rows are written
        where the database does that faster (PostgreSQL builds a GIN index in seconds, and
        maintaining it row by row cost most of a rebuild)."""
        with self.dialect.bulk_load():
            return super().rebuild(progress=progress, batch_size=batch_size)

    def clear(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            SearchText.objects.all()._raw_delete(connection.alias)
            SearchEntry.objects.all()._raw_delete(connection.alias)
            self.dialect.clear(cursor)

    # Reading it.

    def search(self, query: SearchQuery) -> SearchResults:
        filters, filter_params = self._filters(query)
        named, citing = self._special_ids(query) if query.has_text else ([], [])
        special = named + citing
        if query.has_text:
            tags = self.dialect.filter_tags(query)
            source, match, match_params = self.dialect.match_source(query.terms, special, tags)
        else:
            source, match, match_params = f"{ENTRY} e", "1 = 1", []
        where = " AND ".join([match, *filters])
        params = [*match_params, *filter_params]

        with self.dialect.session(query.has_text, bool(filters)) as cursor:
            count, count_exact, facets, facets_exact = self._count_and_facets(
                cursor, source, where, params
            )
            num_pages = max(1, -(-count // query.page_size))
            query = dataclasses.replace(query, page=min(query.page, num_pages))
            narrowed = any(  # filters that leave a small part of the pages; kind rarely does
                value is not None
                for value in (query.doc_type, query.issuer, query.year_from, query.year_to)
            ) or bool(query.signer)
            self.dialect.before_ranking(cursor, query.has_text, count_exact, narrowed)
            if query.sort == "date" or not query.has_text:
                ids = self._by_date(cursor, source, where, params, query.offset, query.page_size)
            else:
                ids = self._by_relevance(cursor, query, special, filters, filter_params, count)
        return SearchResults(
            query=query,
            count=count,
            hits=self._hits(query, ids, set(named), set(citing)),
            facets_exact=facets_exact,
            facets=facets,
            count_exact=count_exact,
        )

    def suggest(self, text: str, limit: int = 8) -> list[Suggestion]:
        words = fold_tokens(clean_text(text))[:8]
        if not words or not any(len(word) > 1 or word.isdigit() for word in words):
            return []
        sql, params = self.dialect.suggest(words, limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            ids = [row[0] for row in cursor.fetchall()]
        entries = SearchEntry.objects.in_bulk(ids)
        suggestions = []
        for page_id in ids:
            entry = entries.get(page_id)
            if entry is not None:
                label = entry.title
                if entry.number and fold(entry.number) not in fold(label):
                    label = f"{entry.number} – {label}"
                suggestions.append(Suggestion(label=label, url=entry.url))
        return suggestions

    # The parts of a search.

    def _filters(self, query: SearchQuery) -> tuple[list[str], list[Any]]:
        conditions, params = [], []
        # Parameters cast to the column's type: PostgreSQL's GIN index over the filter
        # columns (btree_gin) has no cross-type operators, so "issuer_id = 1::int2" would be
        # tested row by row instead of answered by the index.
        for column, value in (
            ("e.kind = %s", query.kind),
            ("e.doc_type = %s", query.doc_type),
            ("e.issuer_id = CAST(%s AS BIGINT)", query.issuer),
            ("e.year >= CAST(%s AS SMALLINT)", query.year_from),
            ("e.year <= CAST(%s AS SMALLINT)", query.year_to),
        ):
            if value is not None:
                conditions.append(column)
                params.append(value)
        if query.signer:
            conditions.append("e.signer_folded = %s")
            params.append(" ".join(fold_tokens(query.signer)))
        return conditions, params

    def _filtered_entries(self, query: SearchQuery):
        entries = SearchEntry.objects.all()
        for field, value in (
            ("kind", query.kind),
            ("doc_type", query.doc_type),
            ("issuer_id", query.issuer),
            ("year__gte", query.year_from),
            ("year__lte", query.year_to),
        ):
            if value is not None:
                entries = entries.filter(**{field: value})
        if query.signer:
            entries = entries.filter(signer_folded=" ".join(fold_tokens(query.signer)))
        return entries

    def _special_ids(self, query: SearchQuery) -> tuple[list[int], list[int]]:
        """The documents the query names by number, most specific first, and those that
        cite them."""
        if not query.number_keys:
            return [], []
        keys = list(query.number_keys)
        condition = Q(number_key__in=keys)
        for key in keys:
            if connection.vendor == "sqlite":
                # A range the number_key index answers: SQLite's LIKE is case-insensitive,
                # so "startswith" scans every entry (binary collation: "." follows "-").
                condition |= Q(number_key__gte=f"{key}-", number_key__lt=f"{key}.")
            else:  # Django gives the column a varchar_pattern_ops index for LIKE 'x%'
                condition |= Q(number_key__startswith=f"{key}-")
        rows = list(
            self._filtered_entries(query)
            .filter(condition)
            .values_list("page_id", "number_key", "issued_on")[: MAX_NUMBER_HITS * 4]
        )

        def specificity(row: tuple) -> tuple[int, int]:
            key = row[1]
            if key in keys:
                return (0, keys.index(key))
            return (1, min(i for i, c in enumerate(keys) if key.startswith(f"{c}-")))

        rows.sort(key=lambda row: (specificity(row), -(row[2].toordinal() if row[2] else 0)))
        named = [row[0] for row in rows[:MAX_NUMBER_HITS]]
        exact = [row[1] for row in rows if specificity(row)[0] == 0] or [row[1] for row in rows[:3]]
        citing = [pid for pid in self._citing_ids(query, exact) if pid not in named]
        return named, citing

    def _citing_ids(self, query: SearchQuery, keys: list[str]) -> list[int]:
        from directives.models import DirectiveReference
        from news.models import NewsPage

        # Ids first (both lookups are on indexed keys), then one primary-key filter: an OR of
        # two subqueries made PostgreSQL scan every entry.
        ids = set(
            DirectiveReference.objects.filter(number_key__in=keys).values_list("page_id", flat=True)
        )
        ids |= set(
            NewsPage.objects.filter(target__number_key__in=keys).values_list("pk", flat=True)
        )
        if not ids:
            return []
        return list(
            self._filtered_entries(query)
            .filter(page_id__in=sorted(ids))
            .order_by("-issued_on", "-page_id")
            .values_list("page_id", flat=True)[:MAX_CITING_HITS]
        )

    def _count_and_facets(
        self, cursor, source: str, where: str, params: list[Any]
    ) -> tuple[int, bool, dict, bool]:
        """The count and the facet counts, from one read of at most ``COUNT_CAP + 1``
        matches: beyond the cap the count is a lower bound ("hơn 10.000", ``count_exact``
        false) and the facets are counted over the rows read (``facets_exact`` false), so a
        word in every document costs what a word in ten thousand does."""
        matches = (
            "(SELECT e.kind, e.doc_type, e.doc_type_label, e.issuer_id, e.issuer_name, "
            f"e.year, e.signer FROM {source} WHERE {where} LIMIT {COUNT_CAP + 1}) e"
        )
        columns = "e.kind, e.doc_type, MAX(e.doc_type_label), e.issuer_id, MAX(e.issuer_name)"
        columns += ", e.year, e.signer, COUNT(*)"
        counters: dict[str, Counter] = {
            name: Counter() for name in ("kind", "doc_type", "issuer", "year", "signer")
        }
        labels: dict[tuple[str, str], str] = {}

        def add(name: str, value: Any, label: str, n: int) -> None:
            if value not in (None, ""):
                counters[name][str(value)] += n
                labels[name, str(value)] = label or str(value)

        if self.dialect.grouping_sets:
            # One row per facet value (a few hundred) rather than per combination (3,000).
            cursor.execute(
                f"SELECT GROUPING(e.kind, e.doc_type, e.issuer_id, e.year, e.signer), {columns} "
                f"FROM {matches} GROUP BY GROUPING SETS "
                "((e.kind), (e.doc_type), (e.issuer_id), (e.year), (e.signer))",
                params,
            )
            count = 0
            for (
                grouping,
                kind,
                doc_type,
                doc_label,
                issuer_id,
                issuer_name,
                year,
                signer,
                n,
            ) in cursor.fetchall():
                if grouping == 0b01111:
                    count += n
                    counters["kind"][kind] += n
                    labels["kind", kind] = KIND_LABELS.get(kind, kind)
                elif grouping == 0b10111:
                    add("doc_type", doc_type, doc_label, n)
                elif grouping == 0b11011:
                    add("issuer", issuer_id, issuer_name, n)
                elif grouping == 0b11101:
                    add("year", year, str(year), n)
                else:
                    add("signer", signer, signer, n)
        else:
            cursor.execute(
                f"SELECT {columns} FROM {matches} "
                "GROUP BY e.kind, e.doc_type, e.issuer_id, e.year, e.signer",
                params,
            )
            count = 0
            for (
                kind,
                doc_type,
                doc_label,
                issuer_id,
                issuer_name,
                year,
                signer,
                n,
            ) in cursor.fetchall():
                count += n
                counters["kind"][kind] += n
                labels["kind", kind] = KIND_LABELS.get(kind, kind)
                add("doc_type", doc_type, doc_label, n)
                add("issuer", issuer_id, issuer_name, n)
                add("year", year, str(year), n)
                add("signer", signer, signer, n)
        exact = count <= COUNT_CAP
        count = min(count, COUNT_CAP)
        facets = {}
        for name, counter in counters.items():
            values = counter.most_common()
            if name == "year":
                values.sort(key=lambda pair: pair[0], reverse=True)
            elif name == "signer":
                values = values[:MAX_SIGNER_FACETS]
            facets[name] = [FacetValue(value, labels[name, value], n) for value, n in values]
        return count, exact, facets, exact

    def _by_date(
        self, cursor, source: str, where: str, params: list[Any], offset: int, limit: int
    ) -> list[int]:
        sql = (
            f"SELECT e.page_id FROM {source} WHERE {where} "
            f"ORDER BY {self.dialect.newest_first} LIMIT %s OFFSET %s"
        )
        cursor.execute(sql, [*params, limit, offset])
        return [row[0] for row in cursor.fetchall()]

    def _ranked(
        self, cursor, query, exclude, filters, filter_params, limit, offset, mode="native"
    ) -> list[tuple[int, float]]:
        if not query.terms:
            return []
        sql, args = self.dialect.ranked(
            query.terms,
            " AND ".join(filters),
            list(filter_params),
            list(exclude),
            limit,
            offset,
            mode,
            tags=self.dialect.filter_tags(query),
        )
        cursor.execute(sql, args)
        return [(row[0], float(row[1] or 0.0)) for row in cursor.fetchall()]

    def _by_relevance(self, cursor, query, special, filters, filter_params, count) -> list[int]:
        """Named and citing documents, then a re-ranked head of text matches, then the
        rest in the database's order.

        Below ``dialect.rank_limit`` matches the head is the database's best ranked window;
        above it, ranking every match is what makes common words slow, so the head is the
        newest matches in the title plus the newest matches anywhere, and the tail is in
        newest-first order.
        """
        start = query.offset
        ids = special[start : start + query.page_size]
        if len(ids) == query.page_size:
            return ids
        large = count - len(special) > self.dialect.rank_limit
        tail_mode = "recent" if large else "native"
        ranked = functools.partial(self._ranked, cursor, query)
        if large:
            window = ranked(special, filters, filter_params, LARGE_WINDOW, 0, "title")
            if len(window) < LARGE_WINDOW:
                # Matches with every word in the title or number get the title bonuses that
                # text-only matches lack, so a full window of them is the head; the newest
                # matches anywhere are read only when titles run short.
                seen = set(special) | {page_id for page_id, _ in window}
                window += ranked(seen, filters, filter_params, LARGE_WINDOW, 0, "recent")
        else:
            window = ranked(special, filters, filter_params, RERANK_WINDOW, 0)
        head = self._rerank(query, window)
        text_start = max(0, start - len(special))
        need = query.page_size - len(ids)
        taken = head[text_start : text_start + need]
        ids += taken
        need -= len(taken)
        if need <= 0 or (not large and len(window) < RERANK_WINDOW):
            return ids
        offset = max(0, text_start - len(head))
        rest = ranked([*special, *head], filters, filter_params, need, offset, tail_mode)
        return ids + [page_id for page_id, _ in rest]

    def _rerank(self, query: SearchQuery, window: list[tuple[int, float]]) -> list[int]:
        ids = [page_id for page_id, _ in window]
        # Tuples, not model instances: the window is up to 400 rows on every broad search.
        titles = {
            row[0]: row[1:]
            for row in SearchEntry.objects.filter(page_id__in=ids).values_list(
                "page_id", "title", "title_folded"
            )
        }
        summaries = dict(
            SearchText.objects.filter(entry_id__in=ids).values_list("entry_id", "summary")
        )
        candidates = [
            Candidate(page_id, native, *titles[page_id], summaries.get(page_id, ""))
            for page_id, native in window
            if page_id in titles
        ]
        return rerank(query, candidates)

    def _hits(
        self, query: SearchQuery, ids: list[int], named: set[int], citing: set[int]
    ) -> list[Hit]:
        entries = SearchEntry.objects.select_related("text").in_bulk(ids)
        words = query.highlight_words
        hits = []
        for rank, page_id in enumerate(ids):
            entry = entries.get(page_id)
            if entry is None:
                continue
            text = getattr(entry, "text", None)
            hits.append(
                Hit(
                    page_id=page_id,
                    kind=entry.kind,
                    title=entry.title,
                    url=entry.url,
                    number=entry.number,
                    issued_on=entry.issued_on,
                    snippet=snippet(
                        [text.summary, text.body, f"Người ký: {entry.signer}"] if text else [],
                        words,
                    ),
                    score=float(len(ids) - rank),
                    doc_type=entry.doc_type,
                    doc_type_label=entry.doc_type_label,
                    issuer_name=entry.issuer_name,
                    signer=entry.signer,
                    match="number"
                    if page_id in named
                    else "citing"
                    if page_id in citing
                    else "text",
                )
            )
        return hits
