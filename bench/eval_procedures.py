"""How well the procedure-list reader reads lists it was not written against.

``python -m bench.eval_procedures [--check] [--worst N] [--only STEM]``

Runs ``procedures.parsing.parse_procedure_text`` over every labelled list:

* ../shared/corpus/procedures with their keys in ../shared/corpus/expected/procedures;
* the tvpl decisions that print procedure codes, with the row-level keys kept in
  tests/keys/procedures/<stem>.json (see that folder's README for how they were made and which
  half is held out).

and prints, per list and overall:

* rows right: a key row whose code, name and online level the reader gives exactly (rows are
  matched by code, then by name for rows without a code; a row the reader misses is wrong);
* field accuracy: for each of code, name, field, levels, agency, online_level and section, the
  share of key rows whose value the reader gives;
* extra rows: rows the reader gives that no key row matches (headings read as procedures);
* printed codes read: for every tvpl decision, the distinct codes of the form d.dddddd in the
  text that come out as a named row;
* online levels: key rows whose list states the level, and how many the reader gives;
* the worst rows, what the key says against what the reader gave.

``--check`` exits 1 when a figure falls under ``FLOORS`` (kept a little under the figures of
the day, so a change that helps one kind of list and breaks another is seen at once). Pure
Python and no database: the reader needs no Django.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from procedures.parsing import ProcedureFileError, parse_procedure_text

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
KEYS = ROOT / "tests" / "keys" / "procedures"
FIELDS = ("code", "name", "field", "levels", "agency", "online_level", "section")
# The distinct national codes a text prints, with or without a provincial suffix.
PRINTED_CODE_RE = re.compile(r"(?<![\d.])(\d\.\d{6})(?!\d)")
# A decision that prints this many codes publishes a list (the tvpl labels' own threshold).
LIST_THRESHOLD = 5

# Figures under which ``--check`` fails, a little under those measured when they were set.
FLOORS = {
    "rows_right": 0.97,
    "codes_read": 0.98,
    "online_given": 0.97,
    "field:code": 0.98,
    "field:name": 0.97,
    "field:online_level": 0.97,
    "field:field": 0.95,
    "field:levels": 0.95,
    "field:agency": 0.95,
    "field:section": 0.95,
}


@dataclass
class ListScore:
    name: str
    group: str  # "shared", "dev" or "holdout"
    rows: int = 0
    right: int = 0
    extra: int = 0
    fields: Counter = field(default_factory=Counter)
    online_stated: int = 0
    online_given: int = 0
    printed_codes: int = 0
    codes_read: int = 0
    worst: list[tuple[dict, dict | None]] = field(default_factory=list)
    error: str | None = None
    keyed: bool = True  # False: a decision that prints a few codes, scored on them only


def normalise_name(name: str | None) -> str:
    """Names compare as one line, NFC, without trailing punctuation the lists add or drop."""
    text = unicodedata.normalize("NFC", " ".join((name or "").split()))
    return text.rstrip(" .;,")


def same(key: str, expected, got) -> bool:
    if key == "name":
        return normalise_name(expected) == normalise_name(got)
    if key == "levels":
        return list(expected or []) == list(got or [])
    if isinstance(expected, str) or isinstance(got, str):
        return (expected or None) == (got or None) or (
            normalise_name(expected) == normalise_name(got) and bool(expected)
        )
    return expected == got


def match_rows(expected: list[dict], got: list[dict]) -> list[dict | None]:
    """For each key row, the reader's row that stands for it: the same code (the n-th row of a
    code for its n-th key row), else, for rows without a code, the same name."""
    by_code: dict[str, list[dict]] = {}
    by_name: dict[str, list[dict]] = {}
    for row in got:
        if row.get("code"):
            by_code.setdefault(row["code"], []).append(row)
        by_name.setdefault(normalise_name(row.get("name")).lower(), []).append(row)
    used: set[int] = set()
    matched: list[dict | None] = []
    for row in expected:
        candidates = by_code.get(row["code"], []) if row.get("code") else []
        if not candidates:
            candidates = by_name.get(normalise_name(row.get("name")).lower(), [])
        pick = next((c for c in candidates if id(c) not in used), None)
        if pick is not None:
            used.add(id(pick))
        matched.append(pick)
    return matched


def score_list(name: str, group: str, text: str, key: dict, worst_per_list: int = 5) -> ListScore:
    score = ListScore(name=name, group=group)
    try:
        record = parse_procedure_text(text, name).to_dict()
    except ProcedureFileError as error:
        record = {"procedures": []}
        score.error = error.message
    got = record["procedures"]
    expected = key["procedures"]
    matched = match_rows(expected, got)
    score.rows = len(expected)
    score.extra = len(got) - sum(1 for m in matched if m is not None)
    for row, found in zip(expected, matched, strict=True):
        for key_name in FIELDS:
            if found is not None and same(key_name, row.get(key_name), found.get(key_name)):
                score.fields[key_name] += 1
        right = found is not None and all(
            same(k, row.get(k), found.get(k)) for k in ("code", "name", "online_level")
        )
        score.right += right
        if row.get("online_level"):
            score.online_stated += 1
            score.online_given += bool(found and found.get("online_level"))
        if not right and len(score.worst) < worst_per_list:
            score.worst.append((row, found))
    return score


def printed_codes(text: str) -> set[str]:
    return set(PRINTED_CODE_RE.findall(text))


def tvpl_lists(minimum: int = LIST_THRESHOLD) -> list[tuple[str, Path]]:
    """The tvpl decisions that print at least ``minimum`` distinct codes."""
    texts = CORPUS / "tvpl" / "texts"
    lists = []
    for path in sorted(texts.glob("*.txt")):
        if len(printed_codes(path.read_text(encoding="utf-8"))) >= minimum:
            lists.append((path.stem, path))
    return lists


def is_holdout(stem: str) -> bool:
    """The hold-out half of the tvpl keys: file names starting c–f (0–9, a, b is the
    development half)."""
    return stem[:1].lower() in "cdef"


def evaluate(only: str | None = None) -> list[ListScore]:
    scores: list[ListScore] = []
    shared = CORPUS / "expected" / "procedures"
    for key_path in sorted(shared.glob("*.json")):
        if only and not key_path.stem.startswith(only):
            continue
        text = (CORPUS / "procedures" / f"{key_path.stem}.txt").read_text(encoding="utf-8")
        key = json.loads(key_path.read_text(encoding="utf-8"))
        scores.append(score_list(key_path.stem, "shared", text, key))
    # Every decision that prints a code counts for "printed codes read"; those that print a
    # list (``LIST_THRESHOLD``) have a row-level key.
    for stem, path in tvpl_lists(minimum=1):
        if only and not stem.startswith(only):
            continue
        text = path.read_text(encoding="utf-8")
        key_path = KEYS / f"{stem}.json"
        group = "holdout" if is_holdout(stem) else "dev"
        if key_path.exists():
            key = json.loads(key_path.read_text(encoding="utf-8"))
            score = score_list(stem, group, text, key)
        else:
            score = ListScore(name=stem, group=group, keyed=False)
            if len(printed_codes(text)) >= LIST_THRESHOLD:
                score.error = "no key"
        codes = printed_codes(text)
        try:
            got = parse_procedure_text(text, stem).procedures
        except ProcedureFileError:
            got = []
        named = {p.code for p in got if p.code and p.name}
        score.printed_codes = len(codes)
        score.codes_read = len(codes & named)
        scores.append(score)
    return scores


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def totals(scores: list[ListScore]) -> dict[str, float]:
    rows = sum(s.rows for s in scores)
    figures = {
        "rows_right": _ratio(sum(s.right for s in scores), rows),
        "codes_read": _ratio(
            sum(s.codes_read for s in scores), sum(s.printed_codes for s in scores)
        ),
        "online_given": _ratio(
            sum(s.online_given for s in scores), sum(s.online_stated for s in scores)
        ),
    }
    for key in FIELDS:
        figures[f"field:{key}"] = _ratio(sum(s.fields[key] for s in scores), rows)
    figures["rows"] = rows
    figures["extra_rows"] = sum(s.extra for s in scores)
    return figures


def report(scores: list[ListScore], worst: int) -> str:
    out: list[str] = []
    header = f"{'list':<58} {'grp':<7} {'rows':>4} {'right':>6} {'extra':>5} {'codes read':>11} {'online':>9}"
    out.append(header)
    for s in scores:
        codes = f"{s.codes_read}/{s.printed_codes}" if s.printed_codes else "-"
        online = f"{s.online_given}/{s.online_stated}"
        note = f"  ({s.error})" if s.error else ""
        if not s.keyed:
            note = "  (codes only)"
            online = "-"
        out.append(
            f"{s.name[:58]:<58} {s.group:<7} {s.rows:>4} {s.right:>6} {s.extra:>5} {codes:>11} {online:>9}{note}"
        )
    out.append("")
    for group in ("shared", "dev", "holdout", None):
        part = [s for s in scores if group is None or s.group == group]
        if not part:
            continue
        t = totals(part)
        label = group or "all"
        out.append(
            f"{label:<8} rows right {t['rows_right']:.1%} of {t['rows']}, extra rows {t['extra_rows']}, "
            f"printed codes read {t['codes_read']:.1%}, online levels given {t['online_given']:.1%}"
        )
        out.append("         fields: " + ", ".join(f"{k} {t[f'field:{k}']:.1%}" for k in FIELDS))
    if worst:
        out.append("")
        out.append("Worst rows (key -> reader):")
        shown = 0
        for s in sorted(scores, key=lambda s: _ratio(s.right, s.rows)):
            for row, found in s.worst:
                if shown >= worst:
                    break
                got = (
                    {k: found.get(k) for k in ("code", "name", "online_level")}
                    if found
                    else "missing"
                )
                want = {k: row.get(k) for k in ("code", "name", "online_level")}
                out.append(f"  {s.name}: {want}\n      -> {got}")
                shown += 1
    return "\n".join(out)


def check(figures: dict[str, float]) -> list[str]:
    return [
        f"{name} {figures[name]:.1%} < floor {floor:.0%}"
        for name, floor in FLOORS.items()
        if figures[name] < floor
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 below the floors")
    parser.add_argument("--worst", type=int, default=15, help="how many wrong rows to show")
    parser.add_argument("--only", help="lists whose name starts with this")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"the shared corpus is not at {CORPUS}", file=sys.stderr)
        return 2
    scores = evaluate(args.only)
    print(report(scores, args.worst))
    if args.check:
        failures = check(totals(scores))
        if failures:
            print("\nBELOW FLOOR: " + "; ".join(failures), file=sys.stderr)
            return 1
        print("\nAll figures at or above their floors.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
