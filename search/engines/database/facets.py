"""The database engine's count and facets, from one capped read of the match set.

Counting every match of a word found in most documents is what made broad queries slow, so
the count stops at ``COUNT_CAP`` and the facets are counted over the rows that read took.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from search.engines.base import FacetValue
from search.engines.database.dialect import Dialect
from search.registry import kind_label

MAX_SIGNER_FACETS = 20
# Matches are counted up to this many; beyond, the count is "hơn 10.000" and the facets
# are counted over the first COUNT_CAP + 1 matches.
COUNT_CAP = 10_000


def count_and_facets(
    cursor: Any, dialect: Dialect, source: str, where: str, params: list[Any]
) -> tuple[int, bool, dict[str, list[FacetValue]], bool]:
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

    if dialect.grouping_sets:
        # One row per facet value (a few hundred) rather than per combination (3,000).
        sql = (
            f"SELECT GROUPING(e.kind, e.doc_type, e.issuer_id, e.year, e.signer), {columns} "
            f"FROM {matches} GROUP BY GROUPING SETS "
            "((e.kind), (e.doc_type), (e.issuer_id), (e.year), (e.signer))"
        )
    else:
        sql = (
            f"SELECT 0, {columns} FROM {matches} "
            "GROUP BY e.kind, e.doc_type, e.issuer_id, e.year, e.signer"
        )
    cursor.execute(sql, params)
    count = 0
    # GROUPING() sets the bit of each column a row is not grouped by, kind the highest; rows
    # of a plain GROUP BY are grouped by all five (0).
    for grouping, kind, doc_type, doc_label, issuer_id, issuer, year, signer, n in cursor:
        if not grouping & 0b10000:
            count += n
            counters["kind"][kind] += n
            labels["kind", kind] = kind_label(kind)
        if not grouping & 0b01000:
            add("doc_type", doc_type, doc_label, n)
        if not grouping & 0b00100:
            add("issuer", issuer_id, issuer, n)
        if not grouping & 0b00010:
            add("year", year, str(year), n)
        if not grouping & 0b00001:
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
