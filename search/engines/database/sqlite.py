"""The database engine on SQLite: an FTS5 table over folded text, ranked with ``bm25()``.

The table (made by migrations 0002 and 0005) holds the folded title, number, signer and
text of each entry, plus a ``tags`` column with its kind, type, issuer and year as words, so
a filtered text search is answered inside FTS5. A second, small table (migration 0008) holds
the title, number, signer and tags only: the candidate tiers and suggestions read it, whose
doclists are not those of every body.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from search.engines.database.dialect import ENTRY, Dialect
from search.query import Term
from search.ranking import query_run

FTS = "portal_search_fts"
FIELDS_FTS = "portal_search_fields_fts"


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


def tag_token(prefix: str, value: object) -> str:
    """One filter value as a word of the FTS ``tags`` column: "zk" + kind, "zt" + type,
    "zi" + issuer id, "zy" + year. Query words never reach that column."""
    return f"z{prefix}" + "".join(ch for ch in str(value).lower() if ch.isalnum())


def document_tags(doc: dict[str, Any]) -> str:
    return " ".join(
        tag_token(prefix, doc.get(name) if doc.get(name) is not None else "")
        for prefix, name in (("k", "kind"), ("t", "doc_type"), ("i", "issuer_id"), ("y", "year"))
    )


class SQLiteDialect(Dialect):
    """FTS5 over folded text; bm25 weights title and number above the signer, and the signer
    above the body."""

    vendor = "sqlite"
    bm25 = "bm25(portal_search_fts, 10.0, 10.0, 6.0, 1.0, 0.0)"
    recent_is_newest_id = True
    text_columns = "{title number signer body}"
    field_columns = "{title number signer}"

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

    def ranked(
        self, terms, where, params, exclude, limit, offset, mode="native", tags="", newest=0
    ):
        table = FTS
        if mode == "phrase":
            # The words side by side, in order, inside one of the fields (FTS5 phrase).
            phrase = [Term((query_run(terms),))]
            expression, table = self._expression(phrase, tags, self.field_columns), FIELDS_FTS
        elif mode == "fields":
            expression, table = self._expression(terms, tags, self.field_columns), FIELDS_FTS
        else:
            expression = self._expression(terms, tags)
        score = f"-{self.bm25}" if mode == "native" else "0"
        sql = f"SELECT f.rowid, {score} FROM {table} f "
        if where:
            # Never "f.rowid IN (SELECT ... entries)": FTS5 would take the list as its index
            # and run the MATCH once per listed row (216 s for a number query).
            sql += f"CROSS JOIN {ENTRY} e ON e.page_id = f.rowid "
        sql += f"WHERE {table} MATCH %s "
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
            f"SELECT rowid FROM {FIELDS_FTS} WHERE {FIELDS_FTS} MATCH %s "
            "ORDER BY rowid DESC LIMIT %s",
            ["{title number} : (" + phrase + ")", limit],
        )

    def write(self, cursor, documents):
        ids = [doc["page_id"] for doc in documents]
        placeholders = ",".join(["%s"] * len(ids))
        for table in (FTS, FIELDS_FTS):
            cursor.execute(f"DELETE FROM {table} WHERE rowid IN ({placeholders})", ids)
        rows = [
            (
                doc["page_id"],
                doc["title_folded"],
                doc["number_folded"],
                doc["signer_folded"],
                doc["text_folded"],
                document_tags(doc),
            )
            for doc in documents
        ]
        cursor.executemany(
            f"INSERT INTO {FTS} (rowid, title, number, signer, body, tags) "
            "VALUES (%s, %s, %s, %s, %s, %s)",
            rows,
        )
        cursor.executemany(
            f"INSERT INTO {FIELDS_FTS} (rowid, title, number, signer, tags) "
            "VALUES (%s, %s, %s, %s, %s)",
            [
                (page_id, title, number, signer, tags)
                for page_id, title, number, signer, _, tags in rows
            ],
        )

    def clear(self, cursor):
        cursor.execute(f"DELETE FROM {FTS}")
        cursor.execute(f"DELETE FROM {FIELDS_FTS}")
