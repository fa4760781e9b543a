"""The SQL that differs between SQLite (FTS5) and PostgreSQL (tsvector + GIN).

Query text never reaches SQL as syntax: every word is a bound parameter inside a query
expression built here, quoted for FTS5 (``"word"``) or as a tsquery lexeme (``'word'``).
Words come from ``search.query`` and hold only letters and digits, but both builders escape
quotes anyway so the guarantee does not depend on the tokenizer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from search.query import Term

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


class Dialect:
    """What one database needs: a match condition on the entry table ``e``, a ranked list
    of candidates, title-prefix suggestions and the writes that keep the text index."""

    vendor = ""

    def match(self, terms: Sequence[Term]) -> tuple[str, list[Any]]:
        raise NotImplementedError

    # Above this many matches, ranking every one costs too much; the engine asks for the
    # "title" and "recent" orders instead.
    rank_limit = 2000

    def ranked(
        self,
        terms: Sequence[Term],
        where: str,
        params: list[Any],
        limit: int,
        offset: int,
        mode: str = "native",
    ) -> tuple[str, list[Any]]:
        """SQL selecting ``(page_id, score)`` of matches. ``mode``: "native" ranks every
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
    bm25 = "bm25(portal_search_fts, 10.0, 10.0, 4.0, 1.0)"

    def match(self, terms: Sequence[Term]) -> tuple[str, list[Any]]:
        return (
            "e.page_id IN (SELECT rowid FROM portal_search_fts WHERE portal_search_fts MATCH %s)",
            [fts_expression(terms)],
        )

    def ranked(self, terms, where, params, limit, offset, mode="native"):
        expression = fts_expression(terms)
        if mode == "title":
            expression = "{title number} : (" + expression + ")"
        score = f"-{self.bm25}" if mode == "native" else "0"
        sql = f"SELECT f.rowid, {score} FROM portal_search_fts f WHERE portal_search_fts MATCH %s "
        args: list[Any] = [expression]
        if where:
            # "+" keeps FTS5 from taking the rowid list as its index: it would run the MATCH
            # once per listed row (216 s for a number query at 100,000 pages).
            sql += f"AND +f.rowid IN (SELECT e.page_id FROM {ENTRY} e WHERE {where}) "
            args += params
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
            "INSERT INTO portal_search_fts (rowid, title, number, signer, body) "
            "VALUES (%s, %s, %s, %s, %s)",
            [
                (
                    doc["page_id"],
                    doc["title_folded"],
                    doc["number_folded"],
                    doc["signer_folded"],
                    doc["text_folded"],
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

    def ranked(self, terms, where, params, limit, offset, mode="native"):
        text = tsquery_text(terms)
        vector = "e.title_vector" if mode == "title" else "e.document"
        condition = f"{vector} @@ {self.tsquery}" + (f" AND {where}" if where else "")
        if mode == "native":
            score = f"ts_rank(e.document, {self.tsquery})"
            order = "2 DESC, e.issued_on DESC NULLS LAST, e.page_id DESC"
            args = [text, text, *params]
        else:
            score = "0"
            order = "e.issued_on DESC NULLS LAST, e.page_id DESC"
            args = [text, *params]
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
