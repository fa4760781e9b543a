"""The SQL that differs between SQLite (FTS5) and PostgreSQL (tsvector + GIN).

Query text never reaches SQL as syntax: every word is a bound parameter inside a query
expression built here, quoted for FTS5 (``"word"``) or as a tsquery lexeme (``'word'``).
Words come from ``search.query`` and hold only letters and digits, but both builders escape
quotes anyway so the guarantee does not depend on the tokenizer.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction

from search.query import SearchQuery, Term

ENTRY = "portal_search_searchentry"


def _fts_phrase(words: Sequence[str], prefix: bool = False) -> str:
    quoted = '"' + " ".join(word.replace('"', '""') for word in words) + '"'
    return quoted + "*" if prefix else quoted


def fts_expression(terms: Sequence[Term]) -> str:
    """An FTS5 MATCH expression: every term required, any alternative of a term enough.
    The words of an expansion ("thu tuc hanh chinh" for "tthc") need not be adjacent, as on
    PostgreSQL; a quoted phrase must be."""
    parts = []
    for term in terms:
        if term.is_phrase:
            alternatives = [_fts_phrase(term.alternatives[0])]
        else:
            alternatives = [
                "(" + " AND ".join(_fts_phrase([word]) for word in alt) + ")"
                for alt in term.alternatives
                if alt
            ]
        if alternatives:
            parts.append("(" + " OR ".join(alternatives) + ")")
    return " AND ".join(parts)


def _lexeme(word: str, prefix: bool = False) -> str:
    quoted = "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"
    return quoted + ":*" if prefix else quoted


def tsquery_text(terms: Sequence[Term]) -> str:
    """Text for ``to_tsquery('simple', ...)``: lexemes quoted, quoted phrases joined with
    ``<->``."""
    parts = []
    for term in terms:
        # Only a quoted phrase needs adjacency: "<->" makes GIN recheck every matching vector.
        joiner = " <-> " if term.is_phrase else " & "
        alternatives = [
            "(" + joiner.join(_lexeme(word) for word in alt) + ")"
            for alt in term.alternatives
            if alt
        ]
        if alternatives:
            parts.append("(" + " | ".join(alternatives) + ")")
    return " & ".join(parts)


def tag_token(prefix: str, value: object) -> str:
    """One filter value as a word of the FTS ``tags`` column: "zk" + kind, "zt" + type,
    "zi" + issuer id, "zy" + year. Query words never reach that column."""
    return f"z{prefix}" + "".join(ch for ch in str(value).lower() if ch.isalnum())


def document_tags(doc: dict[str, Any]) -> str:
    return " ".join(
        tag_token(prefix, doc.get(name) if doc.get(name) is not None else "")
        for prefix, name in (("k", "kind"), ("t", "doc_type"), ("i", "issuer_id"), ("y", "year"))
    )


class Dialect:
    """What one database needs: a match condition on the entry table ``e``, a ranked list
    of candidates, title-prefix suggestions and the writes that keep the text index."""

    vendor = ""
    # Whether facet counts can come from GROUP BY GROUPING SETS.
    grouping_sets = False
    # The newest-first order of result lists, as the date index serves it.
    newest_first = "e.issued_on DESC NULLS LAST, e.page_id DESC"

    def match(self, terms: Sequence[Term]) -> tuple[str, list[Any]]:
        raise NotImplementedError

    def filter_tags(self, query: SearchQuery) -> str:
        """What the text index can check of the query's filters itself ("" for nothing);
        the filters' SQL conditions apply as well."""
        return ""

    def match_source(
        self, terms: Sequence[Term], special: Sequence[int] = (), tags: str = ""
    ) -> tuple[str, str, list[Any]]:
        """``(from, condition, params)`` selecting the entries ``e`` a text query matches:
        its words, or one of the ``special`` pages (named by number, citing)."""
        if terms:
            match, params = self.match(terms)
        else:
            match, params = "1 = 0", []
        if special:
            match = f"({match} OR e.page_id IN ({', '.join(['%s'] * len(special))}))"
            params = [*params, *special]
        return f"{ENTRY} e", match, params

    @contextmanager
    def session(self, text: bool, filtered: bool = False) -> Iterator[Any]:
        """A cursor for the queries of one search (``text``: it has a text match;
        ``filtered``: it has filters)."""
        with connection.cursor() as cursor:
            yield cursor

    @contextmanager
    def bulk_load(self) -> Iterator[None]:
        """Around a rebuild."""
        yield

    def before_ranking(self, cursor: Any, text: bool, count_exact: bool, filtered: bool) -> None:
        """Called between counting and ranking, in the same session; ``count_exact`` false:
        the match set is larger than the count cap."""

    # Above this many matches, ranking every one costs too much; the engine asks for the
    # "title" and "recent" orders instead.
    rank_limit = 2000

    def ranked(
        self,
        terms: Sequence[Term],
        where: str,
        params: list[Any],
        exclude: list[int],
        limit: int,
        offset: int,
        mode: str = "native",
        tags: str = "",
    ) -> tuple[str, list[Any]]:
        """SQL selecting ``(page_id, score)`` of matches passing the filters ``where`` (on
        entries ``e``), but not the pages ``exclude``. ``mode``: "native" ranks every
        match; "title" is matches in the title or number, newest first; "recent" is every
        match, newest first. The last two never rank the whole match set."""
        raise NotImplementedError

    def suggest(self, words: Sequence[str], limit: int) -> tuple[str, list[Any]]:
        raise NotImplementedError

    def write(self, cursor: Any, documents: Sequence[dict[str, Any]]) -> None:
        raise NotImplementedError

    def clear(self, cursor: Any) -> None:
        raise NotImplementedError


class SQLiteDialect(Dialect):
    """FTS5 over folded text; bm25 weights title and number above the signer and body."""

    vendor = "sqlite"
    bm25 = "bm25(portal_search_fts, 10.0, 10.0, 4.0, 1.0, 0.0)"
    text_columns = "{title number signer body}"

    def _expression(self, terms, tags="", columns=""):
        """The query's words in the text columns (never in ``tags``), and the tags."""
        expression = f"{columns or self.text_columns} : ({fts_expression(terms)})"
        return f"{expression} AND {{tags}} : ({tags})" if tags else expression

    def filter_tags(self, query):
        """A filter on kind, type, issuer or years, as tokens of the FTS ``tags`` column:
        FTS5 then skips through the words' long doclists to the few pages that pass it,
        instead of looking every match's entry up (90 ms for "dịch vụ công" and one issuer
        at 100,000 pages)."""
        parts = []
        if query.kind:
            parts.append(_fts_phrase([tag_token("k", query.kind)]))
        if query.doc_type:
            parts.append(_fts_phrase([tag_token("t", query.doc_type)]))
        if query.issuer is not None:
            parts.append(_fts_phrase([tag_token("i", query.issuer)]))
        if query.year_from is not None and query.year_to is not None:
            years = range(query.year_from, query.year_to + 1)
            if 0 < len(years) <= 30:
                parts.append(
                    "(" + " OR ".join(_fts_phrase([tag_token("y", y)]) for y in years) + ")"
                )
        return " AND ".join(parts)

    def match(self, terms: Sequence[Term]) -> tuple[str, list[Any]]:
        return (
            "e.page_id IN (SELECT rowid FROM portal_search_fts WHERE portal_search_fts MATCH %s)",
            [self._expression(terms)],
        )

    def match_source(self, terms, special=(), tags=""):
        if special or not terms:
            return super().match_source(terms, special)
        # The FTS table drives, in rowid order, and each match looks its entry up by primary
        # key (CROSS JOIN fixes that order): a LIMIT stops the match early, where
        # "e.page_id IN (SELECT rowid ... MATCH)" first collected every match.
        return (
            f"portal_search_fts f CROSS JOIN {ENTRY} e ON e.page_id = f.rowid",
            "portal_search_fts MATCH %s",
            [self._expression(terms, tags)],
        )

    def ranked(self, terms, where, params, exclude, limit, offset, mode="native", tags=""):
        expression = self._expression(
            terms, tags, "{title number}" if mode == "title" else self.text_columns
        )
        score = f"-{self.bm25}" if mode == "native" else "0"
        sql = f"SELECT f.rowid, {score} FROM portal_search_fts f "
        if where:
            # Never "f.rowid IN (SELECT ... entries)": FTS5 would take the list as its index
            # and run the MATCH once per listed row (216 s for a number query).
            sql += f"CROSS JOIN {ENTRY} e ON e.page_id = f.rowid "
        sql += "WHERE portal_search_fts MATCH %s "
        args: list[Any] = [expression]
        if where:
            sql += f"AND {where} "
            args += params
        if exclude:
            sql += f"AND +f.rowid NOT IN ({', '.join(['%s'] * len(exclude))}) "
            args += exclude
        order = f"{self.bm25}, f.rowid DESC" if mode == "native" else "f.rowid DESC"
        sql += f"ORDER BY {order} LIMIT %s OFFSET %s"
        return sql, [*args, limit, offset]

    def suggest(self, words, limit):
        phrase = " AND ".join(
            _fts_phrase([word], prefix=i == len(words) - 1) for i, word in enumerate(words)
        )
        return (
            "SELECT rowid FROM portal_search_fts WHERE portal_search_fts MATCH %s "
            "ORDER BY rowid DESC LIMIT %s",
            ["{title number} : (" + phrase + ")", limit],
        )

    def write(self, cursor, documents):
        ids = [doc["page_id"] for doc in documents]
        cursor.execute(
            f"DELETE FROM portal_search_fts WHERE rowid IN ({','.join(['%s'] * len(ids))})",
            ids,
        )
        cursor.executemany(
            "INSERT INTO portal_search_fts (rowid, title, number, signer, body, tags) "
            "VALUES (%s, %s, %s, %s, %s, %s)",
            [
                (
                    doc["page_id"],
                    doc["title_folded"],
                    doc["number_folded"],
                    doc["signer_folded"],
                    doc["text_folded"],
                    document_tags(doc),
                )
                for doc in documents
            ],
        )

    def clear(self, cursor):
        cursor.execute("DELETE FROM portal_search_fts")


class PostgresDialect(Dialect):
    """tsvector columns in the 'simple' configuration, GIN-indexed.

    Ranking every match of a common word is what makes stock search slow: ``ts_rank`` reads
    each matching vector, so it ranks only match sets below ``rank_limit``.
    """

    vendor = "postgresql"
    tsquery = "to_tsquery('simple', %s)"

    def match(self, terms):
        return f"e.document @@ {self.tsquery}", [tsquery_text(terms)]

    rank_limit = 1000
    grouping_sets = True

    @contextmanager
    def session(self, text, filtered=False):
        """Counting and facets read the GIN bitmap only: the document vectors are toasted
        (about 2.7 kB each), and a sequential or b-tree scan that tests ``@@`` row by row
        detoasts every one (0.4 s at 100,000 pages). With enough work_mem the bitmap stays
        exact, so a plain tsquery needs no recheck either."""
        with transaction.atomic(), connection.cursor() as cursor:
            if text:
                cursor.execute(
                    "SET LOCAL work_mem = '32MB'; SET LOCAL enable_seqscan = off; "
                    "SET LOCAL enable_indexscan = off"
                )
            elif filtered:
                # A filtered listing: the GIN index over the filter columns and a sort of
                # the few thousand rows, not a walk of the newest-first index past every
                # page of later years (35 ms for a type and three years).
                cursor.execute("SET LOCAL enable_indexscan = off")
            yield cursor

    @contextmanager
    def bulk_load(self):
        """The entry table's GIN indexes are dropped for the rebuild and made again after
        it (also if it fails), then the table is analysed for the planner."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.relname, pg_get_indexdef(c.oid) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
                "WHERE i.indrelid = %s::regclass AND a.amname = 'gin'",
                [ENTRY],
            )
            indexes = cursor.fetchall()
            for name, _ in indexes:
                cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                if connection.in_atomic_block:  # deferred checks must run before CREATE INDEX
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                for _, definition in indexes:
                    cursor.execute(
                        definition.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1)
                    )
                cursor.execute(f"ANALYZE {ENTRY}")

    def before_ranking(self, cursor, text, count_exact, filtered):
        """Newest-first windows of an unfiltered match set beyond the count cap walk the
        newest-first index and stop at the window's end: reading every match (or every
        title match, 20% of the pages for "thủ tục hành chính") through the bitmap to sort
        them cost more. With a filter the walk would pass the pages of later years first,
        testing "@@" on each (58 ms): those windows stay on the GIN bitmaps."""
        if text and not filtered:
            cursor.execute(
                "SET LOCAL enable_indexscan = on"
                + ("" if count_exact else "; SET LOCAL enable_bitmapscan = off")
            )

    def ranked(self, terms, where, params, exclude, limit, offset, mode="native", tags=""):
        text = tsquery_text(terms)
        vector = "e.title_vector" if mode == "title" else "e.document"
        # The filters first: PostgreSQL keeps the written order of equally costed quals,
        # and "@@" detoasts the document vector.
        conditions, args = ([where], list(params)) if where else ([], [])
        if exclude:
            conditions.append(f"e.page_id NOT IN ({', '.join(['%s'] * len(exclude))})")
            args += exclude
        conditions.append(f"{vector} @@ {self.tsquery}")
        args.append(text)
        condition = " AND ".join(conditions)
        if mode == "native":
            score = f"ts_rank(e.document, {self.tsquery})"
            order = f"2 DESC, {self.newest_first}"
            args = [text, *args]
        else:
            score = "0"
            order = self.newest_first
        sql = (
            f"SELECT e.page_id, {score} FROM {ENTRY} e WHERE {condition} "
            f"ORDER BY {order} LIMIT %s OFFSET %s"
        )
        return sql, [*args, limit, offset]

    def suggest(self, words, limit):
        text = " & ".join(_lexeme(word, prefix=i == len(words) - 1) for i, word in enumerate(words))
        return (
            f"SELECT e.page_id FROM {ENTRY} e WHERE e.title_vector @@ {self.tsquery} "
            "ORDER BY e.page_id DESC LIMIT %s",
            [text, limit],
        )

    def write(self, cursor, documents):
        cursor.executemany(
            f"UPDATE {ENTRY} SET "
            "document = setweight(to_tsvector('simple', %s), 'A') "
            "|| setweight(to_tsvector('simple', %s), 'A') "
            "|| setweight(to_tsvector('simple', %s), 'B') "
            "|| setweight(to_tsvector('simple', %s), 'D'), "
            "title_vector = to_tsvector('simple', %s) "
            "WHERE page_id = %s",
            [
                (
                    doc["title_folded"],
                    doc["number_folded"],
                    doc["signer_folded"],
                    doc["text_folded"],
                    f"{doc['title_folded']} {doc['number_folded']}",
                    doc["page_id"],
                )
                for doc in documents
            ],
        )

    def clear(self, cursor):
        """Nothing: the vectors are columns of the entry rows, which the engine deletes."""


DIALECTS: dict[str, type[Dialect]] = {"sqlite": SQLiteDialect, "postgresql": PostgresDialect}
