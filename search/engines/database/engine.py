"""The default engine: the site's own database (SQLite FTS5 or PostgreSQL full-text search).

Results come in three tiers, in this order: the documents whose number the query names, the
documents citing them (read from the index's own citations, ``SearchCitation``), then text
matches. Text matches are ordered by the database's cheap order, and only a bounded window of
them is re-ranked (search.ranking), so a common word over 100,000 documents costs no more
than a rare one. The count and the facets come from one capped read of the narrow entry
table (``facets.py``).
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import Q

from search.engines.base import (
    Hit,
    SearchEngine,
    SearchResults,
    Suggestion,
)
from search.engines.database.dialect import ENTRY, Dialect
from search.engines.database.facets import count_and_facets
from search.engines.database.postgres import PostgresDialect
from search.engines.database.sqlite import SQLiteDialect
from search.models import SearchCitation, SearchEntry, SearchText
from search.query import SearchQuery, clean_text
from search.ranking import Candidate, query_run, rerank
from search.snippets import snippet
from vntext import fold, fold_tokens

logger = logging.getLogger("search")

RERANK_WINDOW = 200
# Above rank_limit matches: this many candidates, phrase and field matches first.
LARGE_WINDOW = 100
MAX_NUMBER_HITS = 50
# A query with this many words besides a document number is a sentence that cites it.
SENTENCE_WORDS = 4
MAX_CITING_HITS = 100
# The filters: the query's attribute, the SQL condition on entries "e", the ORM lookup.
# Parameters are cast to the column's type: PostgreSQL's GIN index over the filter columns
# (btree_gin) has no cross-type operators, so "issuer_id = 1::int2" would be tested row by
# row instead of answered by the index.
FILTERS = (
    ("kind", "e.kind = %s", "kind"),
    ("doc_type", "e.doc_type = %s", "doc_type"),
    ("issuer", "e.issuer_id = CAST(%s AS BIGINT)", "issuer_id"),
    ("year_from", "e.year >= CAST(%s AS SMALLINT)", "year__gte"),
    ("year_to", "e.year <= CAST(%s AS SMALLINT)", "year__lte"),
)
DIALECTS: dict[str, type[Dialect]] = {"sqlite": SQLiteDialect, "postgresql": PostgresDialect}
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
        citations = [
            SearchCitation(entry_id=doc["page_id"], number_key=key)
            for doc in documents
            for key in dict.fromkeys(key[:64] for key in doc.get("cites") or () if key)
        ]
        with transaction.atomic():
            self._delete(ids)
            SearchEntry.objects.bulk_create(entries)
            SearchText.objects.bulk_create(texts)
            SearchCitation.objects.bulk_create(citations)
            with connection.cursor() as cursor:
                self.dialect.write(cursor, documents)
        return len(documents)

    def delete_pages(self, ids: Iterable[int]) -> int:
        with transaction.atomic():
            return self._delete(list(ids))

    @staticmethod
    def _delete(ids: list[int]) -> int:
        """Remove the rows of these pages, the entries' dependents first: a raw delete (no
        per-row cascade, which would load every row) skips Django's cascade."""
        SearchCitation.objects.filter(entry_id__in=ids)._raw_delete(connection.alias)
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
            SearchCitation.objects.all()._raw_delete(connection.alias)
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
            matched: list[int] = []  # every match's page id, when the dialect reads them
            count, count_exact, facets, facets_exact = count_and_facets(
                cursor, self.dialect, source, where, params, matched
            )
            num_pages = max(1, -(-count // query.page_size))
            query = dataclasses.replace(query, page=min(query.page, num_pages))
            narrowed = any(  # filters that leave a small part of the pages; kind rarely does
                value is not None
                for value in (query.doc_type, query.issuer, query.year_from, query.year_to)
            ) or bool(query.signer)
            settle = functools.partial(
                self.dialect.before_ranking, cursor, query.has_text, count_exact, narrowed
            )
            settle()
            if query.sort == "date" or not query.has_text:
                ids = self._by_date(cursor, source, where, params, query.offset, query.page_size)
            else:
                ids = self._by_relevance(
                    cursor,
                    query,
                    special,
                    filters,
                    filter_params,
                    count,
                    settle,
                    matched if count_exact else [],
                )
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

    @staticmethod
    def _chosen_filters(query: SearchQuery) -> list[tuple[str, str, Any]]:
        """The query's filters as ``(SQL condition on entries e, ORM lookup, value)``."""
        chosen = [
            (condition, lookup, getattr(query, name))
            for name, condition, lookup in FILTERS
            if getattr(query, name) is not None
        ]
        if query.signer:
            signer = " ".join(fold_tokens(query.signer))
            chosen.append(("e.signer_folded = %s", "signer_folded", signer))
        return chosen

    def _filters(self, query: SearchQuery) -> tuple[list[str], list[Any]]:
        chosen = self._chosen_filters(query)
        return [condition for condition, _, _ in chosen], [value for _, _, value in chosen]

    def _filtered_entries(self, query: SearchQuery):
        lookups = {lookup: value for _, lookup, value in self._chosen_filters(query)}
        return SearchEntry.objects.filter(**lookups)

    def _special_ids(self, query: SearchQuery) -> tuple[list[int], list[int]]:
        """The documents the query names by number, most specific first, and those that
        cite them."""
        if not query.number_keys:
            return [], []
        keys = list(query.number_keys)
        sentence = len(query.terms) - len(keys[0].split("-")) >= SENTENCE_WORDS
        if sentence:
            # A number inside a sentence ("sửa đổi Quyết định 48/2024/QĐ-UBND về định mức
            # ..."): the sentence is the query. Only the whole number typed names documents
            # ahead of the text matches; its shorter forms ("48", "48-2024"), which name any
            # document numbered 48, and a bare number do not.
            if "-" not in keys[0]:
                return [], []
            # Documents citing it are asked for even when it is not indexed itself.
            keys = keys[:1]
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
        if sentence:
            exact = list(dict.fromkeys([*exact, *keys]))
        citing = [pid for pid in self._citing_ids(query, exact) if pid not in named]
        return named, citing

    def _citing_ids(self, query: SearchQuery, keys: list[str]) -> list[int]:
        """The indexed pages whose documents cite one of ``keys``, newest first."""
        # Ids first (a lookup on the indexed key), then one primary-key filter on the entries
        # the query's filters pass, as for the named documents.
        ids = set(
            SearchCitation.objects.filter(number_key__in=keys).values_list("entry_id", flat=True)
        )
        if not ids:
            return []
        return list(
            self._filtered_entries(query)
            .filter(page_id__in=sorted(ids))
            .order_by("-issued_on", "-page_id")
            .values_list("page_id", flat=True)[:MAX_CITING_HITS]
        )

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
        tags = self.dialect.filter_tags(query)
        probe = self.dialect.newest_probe
        # Only where the newest pages are the first read in any case: an unfiltered
        # candidate tier, taken from its start.
        tries = (
            [probe, 0]
            if probe and mode in ("phrase", "fields") and not filters and not (tags or offset)
            else [0]
        )
        self.dialect.prepare(cursor, mode)
        for newest in tries:
            sql, args = self.dialect.ranked(
                query.terms,
                " AND ".join(filters),
                list(filter_params),
                list(exclude),
                limit,
                offset,
                mode,
                tags=tags,
                newest=newest,
            )
            cursor.execute(sql, args)
            rows = cursor.fetchall()
            if len(rows) >= limit:
                break
        return [(row[0], float(row[1] or 0.0)) for row in rows]

    def _by_relevance(
        self,
        cursor,
        query,
        special,
        filters,
        filter_params,
        count,
        settle=lambda: None,
        matched=(),
    ) -> list[int]:
        """Named and citing documents, then a re-ranked head of text matches, then the
        rest in the database's order.

        Below ``dialect.rank_limit`` matches the head is the database's best ranked window
        over every match. Above it, ranking every match is what makes common words slow, so
        the candidates are chosen by a cheap score the index answers: first the matches
        holding the query as a phrase in the title, number or signer ("phrase"), then those
        holding every word there ("fields"), and only when those run short the newest other
        matches ("recent"); the tail is in newest-first order.
        """
        start = query.offset
        ids = special[start : start + query.page_size]
        if len(ids) == query.page_size:
            return ids
        large = count - len(special) > self.dialect.rank_limit
        tail_mode = "recent" if large else "native"
        ranked = functools.partial(self._ranked, cursor, query)
        if large:
            window: list[tuple[int, float]] = []
            seen = set(special)
            modes = ("phrase", "fields") if len(query_run(query.terms)) > 1 else ("fields",)
            for mode in modes:
                got = ranked(list(seen), filters, filter_params, LARGE_WINDOW, 0, mode)
                window += got
                seen.update(page_id for page_id, _ in got)
                if len(window) >= LARGE_WINDOW:
                    break
            # The newest other matches hold fewer of the words in their title than any
            # phrase or field match, so they rank below them: read them only when the
            # tiers do not fill the page asked for.
            filled = len(window) >= max(0, start - len(special)) + query.page_size
            if filled:
                pass  # the page comes from the tiers; the tail (next pages) reads "recent"
            elif matched and self.dialect.recent_is_newest_id:
                # Every match was read for the count: the newest are the largest ids, and
                # the words need not be matched again (a sentence of common words costs
                # 15-20 ms a match at 100,000 pages on SQLite).
                newest = sorted(set(matched) - seen, reverse=True)[:LARGE_WINDOW]
                window += [(page_id, 0.0) for page_id in newest]
            elif len(window) < LARGE_WINDOW:
                # The same number whatever the page asked: a pool that grew with the page
                # would be re-ranked differently and pages could repeat or skip a match.
                settle()  # the plans the newest-first reads were chosen for
                window += ranked(list(seen), filters, filter_params, LARGE_WINDOW, 0, "recent")
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
        if large:
            settle()
        rest = ranked([*special, *head], filters, filter_params, need, offset, tail_mode)
        return ids + [page_id for page_id, _ in rest]

    def _rerank(self, query: SearchQuery, window: list[tuple[int, float]]) -> list[int]:
        ids = [page_id for page_id, _ in window]
        # Tuples, not model instances: the window is up to 400 rows on every broad search.
        entries, entry_args = self.dialect.id_in("page_id", ids)
        texts, text_args = self.dialect.id_in("entry_id", ids)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT page_id, title, title_folded, signer, signer_folded FROM {ENTRY} "
                f"WHERE {entries}",
                entry_args,
            )
            titles = {row[0]: row[1:] for row in cursor.fetchall()}
            cursor.execute(
                f"SELECT entry_id, summary FROM {SearchText._meta.db_table} WHERE {texts}",
                text_args,
            )
            summaries = dict(cursor.fetchall())
        candidates = [
            Candidate(
                page_id,
                native,
                title=titles[page_id][0],
                title_folded=titles[page_id][1],
                summary=summaries.get(page_id, ""),
                signer=titles[page_id][2],
                signer_folded=titles[page_id][3],
            )
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
