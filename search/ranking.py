"""Re-ranking a bounded window of candidates, the same way on every database.

The database chooses the candidates by relevance (search.engines.database.engine): below a
few thousand matches every match by its own score (bm25 with column weights on SQLite,
``ts_rank_cd`` over the weighted vector on PostgreSQL); above, the matches that hold the
query as a phrase in the title, number or signer, then those that hold every word there,
before any other. This module orders them with what the database score does not see cheaply:

- where the words are: the whole query as a phrase in the title, or as the signer's name,
  outranks the same words scattered in a body;
- how close they are: each pair of query words that stands side by side in the title counts;
- an exact accented match: typed "hòa" ranks "hòa" above "hoa".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from search.query import SearchQuery, Term

# The weights of the parts of a score (the database's own score is scaled to NATIVE).
NATIVE = 3.0
TITLE_TERMS = 3.0  # share of the query's terms found in the title
TITLE_PAIRS = 3.0  # share of the query's adjacent word pairs side by side in the title
TITLE_PHRASE = 3.0  # the whole query, in order and adjacent, in the title
SIGNER = 6.0  # the whole query is the signer's name (or its folded form)
QUOTED = 1.0  # each quoted phrase found in the title
ACCENTED = 1.5  # share of the accented words typed found as typed


@dataclass(frozen=True)
class Candidate:
    page_id: int
    native: float  # the database's own score, larger is better
    title: str  # original title
    title_folded: str
    summary: str  # original summary (trích yếu / lead)
    signer: str = ""
    signer_folded: str = ""


def query_run(terms: Sequence[Term]) -> tuple[str, ...]:
    """A query's words in the order typed, each term as typed (its first alternative);
    quoted phrases are terms too."""
    return tuple(word for term in terms for word in term.alternatives[0])


def _contains_run(haystack: str, words: tuple[str, ...]) -> bool:
    return bool(words) and f" {' '.join(words)} " in f" {haystack} "


def _pairs(words: tuple[str, ...] | list[str]) -> set[tuple[str, str]]:
    return set(zip(words, words[1:], strict=False))


@dataclass(frozen=True)
class _Wanted:
    """What a query asks of each candidate, worked out once per query."""

    terms: tuple[Term, ...]
    run: tuple[str, ...]
    pairs: frozenset[tuple[str, str]]
    phrases: tuple[tuple[str, ...], ...]
    accented: frozenset[str]

    @classmethod
    def of(cls, query: SearchQuery) -> _Wanted:
        run = query_run(query.terms)
        return cls(
            terms=tuple(query.terms),
            run=run,
            pairs=frozenset(_pairs(run)) if len(run) > 1 else frozenset(),
            phrases=tuple(tuple(phrase.split()) for phrase in query.phrases),
            accented=frozenset(word for word in query.accented_words if not word.isascii()),
        )


def score(query: SearchQuery, candidate: Candidate, best_native: float) -> float:
    """A score in roughly [0, 20]: the database's score scaled to [0, NATIVE] plus bonuses."""
    return _score(_Wanted.of(query), candidate, best_native)


def _score(wanted: _Wanted, candidate: Candidate, best_native: float) -> float:
    value = NATIVE * (candidate.native / best_native) if best_native > 0 else 0.0
    title_words = candidate.title_folded.split()
    present = set(title_words)
    if wanted.terms:
        found = sum(
            any(all(word in present for word in alt) for alt in term.alternatives)
            for term in wanted.terms
        )
        value += TITLE_TERMS * found / len(wanted.terms)
    run = wanted.run
    if len(run) > 1:
        value += TITLE_PAIRS * len(wanted.pairs & _pairs(title_words)) / len(wanted.pairs)
        if _contains_run(candidate.title_folded, run):
            value += TITLE_PHRASE
    if run and candidate.signer_folded and _contains_run(candidate.signer_folded, run):
        # The name typed, whole: the documents that person signed.
        value += SIGNER * len(run) / len(candidate.signer_folded.split())
    for phrase in wanted.phrases:
        if _contains_run(candidate.title_folded, phrase):
            value += QUOTED
    if wanted.accented:
        original = set(
            re.findall(
                r"\w+",
                f"{candidate.title} {candidate.summary} {candidate.signer}".casefold(),
            )
        )
        value += ACCENTED * len(wanted.accented & original) / len(wanted.accented)
    return value


def rerank(query: SearchQuery, candidates: list[Candidate]) -> list[int]:
    """Page ids of ``candidates``, best first; ties keep the database's order."""
    best = max((candidate.native for candidate in candidates), default=0.0)
    wanted = _Wanted.of(query)
    order = sorted(
        enumerate(candidates),
        key=lambda pair: (-_score(wanted, pair[1], best), pair[0]),
    )
    return [candidate.page_id for _, candidate in order]
