"""What the database engine asks of a database: the SQL that differs between SQLite (FTS5,
``sqlite.py``) and PostgreSQL (tsvector + GIN, ``postgres.py``).

Query text never reaches SQL as syntax: every word is a bound parameter inside a query
expression built by the dialect, quoted for FTS5 (``"word"``) or as a tsquery lexeme
(``'word'``). Words come from ``search.query`` and hold only letters and digits, but both
builders escape quotes anyway so the guarantee does not depend on the tokenizer.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection

from search.query import SearchQuery, Term

ENTRY = "portal_search_searchentry"


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
    # "phrase", "fields" and "recent" candidates instead. FTS5's bm25 over a sentence of
    # common words costs about 0.2 ms a match at 100,000 pages (606 matches: 110 ms), and
    # the candidate tiers find a subject typed in full better than ranking every match does
    # (at 100,000 generated directives: 8 of 8 subjects in the top 10 at 300, 7 at 2,000).
    rank_limit = 300
    # When not 0: an unfiltered "phrase" or "fields" read looks among this many newest
    # pages first, and reads the whole index only when they hold fewer matches than asked.
    newest_probe = 0
    # The "recent" order is the largest page ids first ("ORDER BY rowid DESC"), so the ids
    # the count read can stand in for a "recent" read.
    recent_is_newest_id = False

    def id_in(self, column: str, ids: Sequence[int]) -> tuple[str, list[Any]]:
        """A condition that ``column`` is one of ``ids``, and its parameters."""
        if not ids:
            return "1 = 0", []
        return f"{column} IN ({', '.join(['%s'] * len(ids))})", list(ids)

    def prepare(self, cursor: Any, mode: str) -> None:
        """Called before the ``ranked`` query of ``mode`` runs, in the search's session."""

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
        newest: int = 0,
    ) -> tuple[str, list[Any]]:
        """SQL selecting ``(page_id, score)`` of matches passing the filters ``where`` (on
        entries ``e``), but not the pages ``exclude``; with ``newest``, only among that many
        newest pages. ``mode``: "native" ranks every
        match; "phrase" is the matches holding the query's words (``query_run``) as a phrase
        in the title, number or signer, newest first; "fields" those holding every word
        there, newest first; "recent" every match, newest first. The last three never rank
        the whole match set."""
        raise NotImplementedError

    def suggest(self, words: Sequence[str], limit: int) -> tuple[str, list[Any]]:
        raise NotImplementedError

    def write(self, cursor: Any, documents: Sequence[dict[str, Any]]) -> None:
        raise NotImplementedError

    def clear(self, cursor: Any) -> None:
        raise NotImplementedError
