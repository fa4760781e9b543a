"""The database engine on PostgreSQL: ``tsvector`` columns in the ``simple`` configuration
(no stop words, no stemming) with GIN indexes, made by migrations 0002 to 0004 and 0007:
``document`` (title and number A, signer B, text D), ``title_vector`` (title and number, for
suggestions) and ``fields_vector`` (title and number A, signer B: the candidate tiers)."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import contextmanager

from django.db import connection, transaction

from search.engines.database.dialect import ENTRY, Dialect
from search.query import Term
from search.ranking import query_run


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


class PostgresDialect(Dialect):
    """tsvector columns in the 'simple' configuration, GIN-indexed.

    Ranking every match of a common word is what makes stock search slow: ``ts_rank`` reads
    each matching vector, so it ranks only match sets below ``rank_limit``.
    """

    vendor = "postgresql"
    tsquery = "to_tsquery('simple', %s)"

    def match(self, terms):
        return f"e.document @@ {self.tsquery}", [tsquery_text(terms)]

    # ts_rank_cd costs about 70 µs a match for a sentence typed in full.
    rank_limit = 400
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
        if not text:
            return
        # Both set every time: the engine calls this again after the candidate tiers, whose
        # reads (``prepare``) may use either plan.
        walk = not filtered
        bitmaps = filtered or count_exact
        cursor.execute(
            f"SET LOCAL enable_indexscan = {'on' if walk else 'off'}; "
            f"SET LOCAL enable_bitmapscan = {'on' if bitmaps else 'off'}"
        )

    # ts_rank_cd's weights for D (body), C, B (signer), A (title and number): a word in the
    # title counts ten times one in the body, and cover density rewards words close together.
    # ts_rank is about twice as quick (cover density costs ~70 µs a match for a long query)
    # but ranks worse (tvpl MRR 0.960 against 0.965); ``rank_limit`` bounds the cost instead.
    rank_weights = "'{0.1, 0.2, 0.6, 1.0}'"
    rank_function = "ts_rank_cd"

    def prepare(self, cursor, mode):
        """The candidate tiers read the small, untoasted fields vector: the planner may
        choose between its GIN bitmap (a rare name) and the newest-first index (a phrase in
        a fifth of the titles, which stops at the window's end)."""
        if mode in ("phrase", "fields"):
            cursor.execute("SET LOCAL enable_bitmapscan = on; SET LOCAL enable_indexscan = on")

    # The newest pages a "phrase" or "fields" read looks at first. The planner cannot tell
    # how many titles hold several common words (it multiplies the words' frequencies: 951
    # estimated, 20,397 found for "thủ tục hành chính" in 100,000 titles), and reading all of
    # them through the GIN bitmap to keep the newest hundred costs 50-70 ms where walking the
    # newest-first index costs 1 ms. When the newest pages hold fewer than asked, the words
    # are rare in titles and the bitmap read is small.
    newest_probe = 2000

    def id_in(self, column, ids):
        """One array parameter: psycopg parses a statement of more than 50 parameters anew
        each time (it caches only smaller ones), which cost 5 ms a search for the windows of
        100-200 ids."""
        return f"{column} = ANY(%s)", [list(ids)]

    def ranked(
        self, terms, where, params, exclude, limit, offset, mode="native", tags="", newest=0
    ):
        if mode == "phrase":
            text = " <-> ".join(_lexeme(word) for word in query_run(terms))
        else:
            text = tsquery_text(terms)
        vector = "e.fields_vector" if mode in ("phrase", "fields") else "e.document"
        # The filters first: PostgreSQL keeps the written order of equally costed quals,
        # and "@@" detoasts the document vector.
        conditions, args = ([where], list(params)) if where else ([], [])
        if exclude:
            excluded, excluded_args = self.id_in("e.page_id", exclude)
            conditions.append(f"NOT ({excluded})")
            args += excluded_args
        conditions.append(f"{vector} @@ {self.tsquery}")
        args.append(text)
        condition = " AND ".join(conditions)
        if mode == "native":
            score = f"{self.rank_function}({self.rank_weights}, e.document, {self.tsquery})"
            order = f"2 DESC, {self.newest_first}"
            args = [text, *args]
        else:
            score = "0"
            order = self.newest_first
        source = f"{ENTRY} e"
        if newest and mode in ("phrase", "fields"):
            columns = "e.page_id, e.issued_on, e.fields_vector"
            source = f"(SELECT {columns} FROM {ENTRY} e ORDER BY {self.newest_first} LIMIT %s) e"
            args = [newest, *args]
        sql = (
            f"SELECT e.page_id, {score} FROM {source} WHERE {condition} "
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
            "title_vector = to_tsvector('simple', %s), "
            "fields_vector = setweight(to_tsvector('simple', %s), 'A') "
            "|| setweight(to_tsvector('simple', %s), 'B') "
            "WHERE page_id = %s",
            [
                (
                    doc["title_folded"],
                    doc["number_folded"],
                    doc["signer_folded"],
                    doc["text_folded"],
                    f"{doc['title_folded']} {doc['number_folded']}",
                    f"{doc['title_folded']} {doc['number_folded']}",
                    doc["signer_folded"],
                    doc["page_id"],
                )
                for doc in documents
            ],
        )

    def clear(self, cursor):
        """Nothing: the vectors are columns of the entry rows, which the engine deletes."""
