"""Suggestions while typing, read the way the search reads the query.

The engine's own suggestions match titles holding every typed word (the last as a prefix),
newest first: "khai" brings five news items about "triển khai", and "dvc", "uy ban" or
"cv 1836" bring nothing because no title spells them so. Here the typed text is read as the
search reads it (abbreviations both ways, a document number however it is typed), the engine
is asked for each reading, and titles whose subject starts with what was typed come first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import product

from search.engines.base import SearchEngine, Suggestion
from search.query import abbreviation_runs, clean_text, understand
from vntext import fold, fold_tokens

# How many titles each reading asks the engine for, before ranking keeps ``limit``.
POOL = 40
MAX_READINGS = 4
# What a directive's title puts before its subject: "V/v", "Về việc".
_SUBJECT_LEAD = (("v", "v"), ("ve", "viec"))
_HAS_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class _Candidate:
    suggestion: Suggestion
    rank: int
    order: int


def readings(text: str) -> list[tuple[str, ...]]:
    """The word runs to ask the engine's title suggestions for: the words as typed, then with
    each abbreviation read both ways ("dvc" ↔ "dịch vụ công"), and an unfinished expansion
    ("uy ban" of "Ủy ban nhân dân") read as its abbreviation."""
    typed = tuple(fold_tokens(clean_text(text)))
    if not typed:
        return []
    found = [typed]
    terms = understand(text).terms
    if any(len(term.alternatives) > 1 for term in terms):
        for choice in product(*(term.alternatives for term in terms)):
            found.append(tuple(word for run in choice for word in run))
            if len(found) > MAX_READINGS:
                break
    for run, alternatives in abbreviation_runs().items():
        if len(typed) >= 2 and len(run) > len(typed) and run[: len(typed)] == typed:
            found.extend(alt for alt in alternatives if len(alt) == 1)
    return list(dict.fromkeys(found))[: MAX_READINGS + 1]


def start_rank(title: str, reading: tuple[str, ...]) -> int | None:
    """0 when the title starts with the words (the last one as typed so far), 1 when its
    subject does, after a leading number ("1836/UBND-VP – …") or "V/v"; None otherwise."""
    if _starts(fold_tokens(title), reading):
        return 0
    chunks = title.split()
    while chunks and (_HAS_DIGIT.search(chunks[0]) or not fold_tokens(chunks[0])):
        chunks = chunks[1:]
    tokens = fold_tokens(" ".join(chunks))
    for lead in _SUBJECT_LEAD:
        if tuple(tokens[: len(lead)]) == lead:
            tokens = tokens[len(lead) :]
    return 1 if _starts(tokens, reading) else None


def _starts(tokens: list[str], reading: tuple[str, ...]) -> bool:
    window = tokens[: len(reading)]
    return (
        len(window) == len(reading)
        and window[:-1] == list(reading[:-1])
        and window[-1].startswith(reading[-1])
    )


def subject_starts_with(title: str, reading: tuple[str, ...]) -> bool:
    return start_rank(title, reading) is not None


def suggest(engine: SearchEngine, text: str, limit: int = 8) -> list[Suggestion]:
    """Up to ``limit`` suggestions: documents named by number first, then titles starting
    with a reading of the text, then titles whose subject does, then the other titles; newest
    first within each."""
    text = clean_text(text)
    query = understand(text, page_size=limit)
    candidates: dict[str, _Candidate] = {}
    order = 0

    def add(suggestion: Suggestion, rank: int) -> None:
        nonlocal order
        known = candidates.get(suggestion.url)
        if known is None or rank < known.rank:
            candidates[suggestion.url] = _Candidate(
                suggestion, rank, known.order if known else order
            )
        order += 1

    if query.number_keys:
        for hit in engine.search(replace(query, sort="relevance")).hits:
            if hit.match == "number":
                add(Suggestion(label=_label(hit.title, hit.number), url=hit.url), 0)
    found = readings(text)
    for reading in found:
        for item in engine.suggest(" ".join(reading), POOL):
            title = item.label.split(" – ", 1)[-1]
            ranks = [rank for r in found if (rank := start_rank(title, r)) is not None]
            add(item, 1 + min(ranks, default=2))
    ranked = sorted(candidates.values(), key=lambda c: (c.rank, c.order))
    return [candidate.suggestion for candidate in ranked[:limit]]


def _label(title: str, number: str) -> str:
    if number and fold(number) not in fold(title):
        return f"{number} – {title}"
    return title


__all__ = ["readings", "start_rank", "subject_starts_with", "suggest"]
