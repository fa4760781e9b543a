"""The database engine's count and facets, from one capped read of the match set.

Counting every match of a word found in most documents is what made broad queries slow, so
the count stops at ``COUNT_CAP`` and the facets are counted over the rows that read took.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from search.engines.base import FacetValue
from search.engines.database.dialect import ENTRY, Dialect
from search.registry import kind_label

MAX_SIGNER_FACETS = 20
# Matches are counted up to this many; beyond, the count is "hơn 10.000" and the facets
# are counted over the first COUNT_CAP + 1 matches.
COUNT_CAP = 10_000


def count_and_facets(
    cursor: Any,
    dialect: Dialect,
    source: str,
    where: str,
    params: list[Any],
    matched: list[int] | None = None,
) -> tuple[int, bool, dict[str, list[FacetValue]], bool]:
    """The count and the facet counts, from one read of at most ``COUNT_CAP + 1``
    matches: beyond the cap the count is a lower bound ("hơn 10.000", ``count_exact``
    false) and the facets are counted over the rows read (``facets_exact`` false), so a
    word in every document costs what a word in ten thousand does. Where the matches are
    read one by one (SQLite), their page ids are added to ``matched``."""
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
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    else:
        rows = _grouped_in_python(cursor, source, where, params, matched)
    count = 0
    kind_labels: dict[str, str] = {}
    # GROUPING() sets the bit of each column a row is not grouped by, kind the highest.
    for grouping, kind, doc_type, doc_label, issuer_id, issuer, year, signer, n in rows:
        if not grouping & 0b10000:
            count += n
            counters["kind"][kind] += n
            if kind not in kind_labels:
                kind_labels[kind] = labels["kind", kind] = kind_label(kind)
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
        # Most matches first; equal counts by label, the same on every database.
        values = sorted(counter.items(), key=lambda pair: (-pair[1], labels[name, pair[0]]))
        if name == "year":
            values.sort(key=lambda pair: pair[0], reverse=True)
        elif name == "signer":
            values = values[:MAX_SIGNER_FACETS]
        facets[name] = [FacetValue(value, labels[name, value], n) for value, n in values]
    return count, exact, facets, exact


def _grouped_in_python(
    cursor: Any, source: str, where: str, params: list[Any], matched: list[int] | None = None
) -> list[tuple]:
    """The rows GROUPING SETS would give, for a database without them (SQLite).

    SQLite groups by sorting, and one GROUP BY over the five columns gives a row per
    combination (7,000 for a common word at 10,000 pages); counting the capped matches in
    Python is about twice as quick. The labels are read afterwards for one page of each
    type and issuer, so the match rows carry no long strings."""
    cursor.execute(
        "SELECT e.page_id, e.kind, e.doc_type, e.issuer_id, e.year, e.signer "
        f"FROM {source} WHERE {where} LIMIT {COUNT_CAP + 1}",
        params,
    )
    matches = cursor.fetchall()
    if not matches:
        return []
    page_ids, kinds, doc_types, issuers, years, signers = zip(*matches, strict=True)
    if matched is not None:
        matched.extend(page_ids)
    first_of_type = dict(zip(reversed(doc_types), reversed(page_ids), strict=True))
    first_of_issuer = dict(zip(reversed(issuers), reversed(page_ids), strict=True))
    first_of_issuer.pop(None, None)
    wanted = sorted({*first_of_type.values(), *first_of_issuer.values()})
    cursor.execute(
        f"SELECT page_id, doc_type_label, issuer_name FROM {ENTRY} "
        f"WHERE page_id IN ({', '.join(['%s'] * len(wanted))})",
        wanted,
    )
    page_labels = {page_id: (doc_label, issuer) for page_id, doc_label, issuer in cursor}
    # (grouping, kind, doc_type, doc_label, issuer_id, issuer, year, signer, n)
    rows = [(0b01111, v, None, None, None, None, None, None, n) for v, n in Counter(kinds).items()]
    rows += [
        (0b10111, None, v, page_labels[first_of_type[v]][0], None, None, None, None, n)
        for v, n in Counter(doc_types).items()
    ]
    rows += [
        (0b11011, None, None, None, v, page_labels[first_of_issuer[v]][1], None, None, n)
        for v, n in Counter(issuers).items()
        if v is not None
    ]
    rows += [(0b11101, None, None, None, None, None, v, None, n) for v, n in Counter(years).items()]
    rows += [
        (0b11110, None, None, None, None, None, None, v, n) for v, n in Counter(signers).items()
    ]
    return rows
