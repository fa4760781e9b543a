"""Re-ranking a bounded window of candidates, the same way on every database.

The database orders matches cheaply (bm25 on SQLite, title match then date on PostgreSQL);
this module refines the first few hundred with what the database cannot see cheaply: the
query words together in the title, an exact accented match (typed "hòa" ranks "hòa" above
"hoa"), and a phrase typed in quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from search.query import SearchQuery


@dataclass(frozen=True)
class Candidate:
    page_id: int
    native: float  # the database's own score, larger is better
    title: str  # original title
    title_folded: str
    summary: str  # original summary (trích yếu / lead)


def _contains_run(haystack: str, words: tuple[str, ...]) -> bool:
    return bool(words) and f" {' '.join(words)} " in f" {haystack} "


def score(query: SearchQuery, candidate: Candidate, best_native: float) -> float:
    """A score in roughly [0, 10]: the database's score scaled to [0, 3] plus bonuses."""
    value = 3.0 * (candidate.native / best_native) if best_native > 0 else 0.0
    title_words = set(candidate.title_folded.split())
    terms_in_title = sum(
        any(all(word in title_words for word in alt) for alt in term.alternatives)
        for term in query.terms
    )
    if query.terms:
        value += 3.0 * terms_in_title / len(query.terms)
    if len(query.words) > 1 and _contains_run(candidate.title_folded, query.words):
        value += 2.0
    for phrase in query.phrases:
        if _contains_run(candidate.title_folded, tuple(phrase.split())):
            value += 1.0
    accented = {word for word in query.accented_words if not word.isascii()}
    if accented:
        original = set(re.findall(r"\w+", f"{candidate.title} {candidate.summary}".casefold()))
        value += 1.0 * len(accented & original) / len(accented)
    return value


def rerank(query: SearchQuery, candidates: list[Candidate]) -> list[int]:
    """Page ids of ``candidates``, best first; ties keep the database's order."""
    best = max((candidate.native for candidate in candidates), default=0.0)
    order = sorted(
        enumerate(candidates),
        key=lambda pair: (-score(query, pair[1], best), pair[0]),
    )
    return [candidate.page_id for _, candidate in order]
