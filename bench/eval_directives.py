"""How well the directive reader reads documents: per field, per document type, worst documents.

Two answer keys, both beside the repository in ../shared/corpus (never copied into it):

- ``expected/*.json``: a careful reader's record of each text in ``directives/``; all 14 fields
  of directive-record.md are compared (ignoring case, white-space runs, Unicode form and the
  place of a tone mark), and the references give a precision and a recall.
- ``tvpl/labels.jsonl``: the publisher's metadata of the texts in ``tvpl/texts``: number,
  type, issuing body, signer and date. Where that metadata disagrees with what the text
  prints, ``tests/keys/tvpl_directive_overrides.json`` records the value read in the text and
  why; those few entries replace the publisher's value.

The tvpl texts are split by the first character of their file name: 0–7 is the development
set the rules are written against, 8–f a hold-out that predicts documents never seen.

    python -m bench.eval_directives [--check] [--set dev|holdout|all]

``--check`` exits 1 when a figure falls below the floors in ``FLOORS`` (set a little under
the figures reached, so a change that helps one format and breaks another is seen at once).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from directives.parsing import parse
from vntext import fold, number_key

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
OVERRIDES = ROOT / "tests" / "keys" / "tvpl_directive_overrides.json"
# Hand-labelled references of tvpl texts (mostly the hold-out half), one JSON file per text.
REFERENCE_KEYS = ROOT / "tests" / "keys" / "tvpl_references"

# The 14 fields of directive-record.md that a record is scored on (references and deadlines
# are scored apart; source and warnings are not read from the text).
RECORD_FIELDS = (
    "doc_type",
    "number",
    "issuer",
    "parent_issuer",
    "place",
    "issued_on",
    "issued_year",
    "issued_month",
    "subject",
    "recipients",
    "signer_authority",
    "signer_title",
    "signer_name",
    "distribution",
)
TVPL_FIELDS = ("number", "doc_type", "issuing_body", "signer_name", "issued_on")
# The four fields the target is stated on.
CORE_FIELDS = ("number", "doc_type", "signer_name", "issued_on")
DEV_PREFIXES = tuple("01234567")

# Floors for --check, a little under the figures reached (fractions).
FLOORS: dict[str, float] = {
    "expected_fields": 0.99,
    "references_precision": 0.98,
    "references_recall": 0.97,
    "tvpl_references_precision": 0.98,
    "tvpl_references_recall": 0.95,
    "tvpl_references_type_date": 0.95,
    "tvpl_core_all": 0.98,
    "tvpl_issuing_body_all": 0.97,
}

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _word_key(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    tones = "".join(sorted(ch for ch in decomposed if ch in _TONE_MARKS))
    return "".join(ch for ch in decomposed if ch not in _TONE_MARKS) + tones


def comparable(value: Any) -> Any:
    """``value`` as directive-record.md compares it: case, spacing, form, tone place ignored."""
    if isinstance(value, str):
        return " ".join(_word_key(word) for word in value.casefold().split())
    if isinstance(value, list):
        return [comparable(item) for item in value]
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items()}
    return value


def issuing_body_matches(label: str | None, issuer: str | None, parent: str | None) -> bool:
    """The publisher names the body by its place or its own name ("Tỉnh Hà Tĩnh", "Cục Thuế");
    the record writes the full issuer line ("Ủy ban nhân dân tỉnh Hà Tĩnh") and its parent.
    The label matches when its folded words appear, in order, in either, or in both read as
    one name ("Văn phòng" under "Ban Chấp hành Trung ương")."""
    if not label:
        return not issuer
    want = " ".join(fold(label).replace(",", " ").split())
    both = f"{issuer} {parent}" if issuer and parent else None
    for name in (issuer, parent, both):
        if name and f" {want} " in f" {' '.join(fold(name).replace(',', ' ').split())} ":
            return True
    return False


@dataclass
class Score:
    """Matched / total per key, and the differences seen per document."""

    matched: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    misses: dict[str, list[tuple[str, Any, Any]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, key: str, ok: bool) -> None:
        self.total[key] += 1
        self.matched[key] += ok

    def rate(self, key: str) -> float:
        return self.matched[key] / self.total[key] if self.total[key] else 1.0


def evaluate_expected(corpus: Path = CORPUS) -> tuple[Score, Score, dict[str, float]]:
    """The hand-checked corpus: per field, per type, and references precision / recall."""
    fields, types = Score(), Score()
    found = relevant = correct = 0
    for path in sorted((corpus / "directives").glob("*.txt")):
        expected = json.loads((corpus / "expected" / f"{path.stem}.json").read_text("utf-8"))
        got = parse(path.read_text("utf-8"), source=path.name).to_dict()
        kind = expected.get("doc_type") or "?"
        for name in RECORD_FIELDS:
            ok = comparable(got[name]) == comparable(expected.get(name))
            fields.add(name, ok)
            fields.add("all", ok)
            types.add(kind, ok)
            if not ok:
                fields.misses[path.name].append((name, got[name], expected.get(name)))
        want = {number_key(ref["number"]) for ref in expected.get("references", [])}
        have = {number_key(ref["number"]) for ref in got["references"]}
        found, relevant, correct = (
            found + len(have),
            relevant + len(want),
            correct + len(have & want),
        )
        for extra in sorted(have - want):
            fields.misses[path.name].append(("reference (extra)", extra, None))
        for lost in sorted(want - have):
            fields.misses[path.name].append(("reference (missed)", None, lost))
    refs = {
        "precision": correct / found if found else 1.0,
        "recall": correct / relevant if relevant else 1.0,
    }
    return fields, types, refs


def evaluate_keyed_references(
    keys: Path = REFERENCE_KEYS, corpus: Path = CORPUS
) -> tuple[dict[str, float], Score]:
    """References of unseen-kind texts against hand-labelled keys (tests/keys/tvpl_references).

    Precision and recall count numbers (compared by their key); of the numbers found, the
    share whose type and date also match the key is given apart, since a citation read with
    the wrong date links to the right page but shows a wrong line.
    """
    found = relevant = correct = same = 0
    misses = Score()
    for key_path in sorted(keys.glob("*.json")):
        key = json.loads(key_path.read_text("utf-8"))
        text = (corpus / "tvpl" / "texts" / key["file"]).read_text("utf-8")
        got = parse(text, source=key["file"]).to_dict()["references"]
        want = {number_key(ref["number"]): ref for ref in key["references"]}
        have = {number_key(ref["number"]): ref for ref in got}
        found, relevant = found + len(have), relevant + len(want)
        for number in have.keys() & want.keys():
            correct += 1
            a, b = have[number], want[number]
            if comparable(a["doc_type"]) == comparable(b["doc_type"]) and a["date"] == b["date"]:
                same += 1
            else:
                misses.misses[key["file"]].append(
                    ("reference type/date", (a["doc_type"], a["date"]), (b["doc_type"], b["date"]))
                )
        for extra in sorted(have.keys() - want.keys()):
            misses.misses[key["file"]].append(("reference (extra)", extra, None))
        for lost in sorted(want.keys() - have.keys()):
            misses.misses[key["file"]].append(("reference (missed)", None, lost))
    figures = {
        "precision": correct / found if found else 1.0,
        "recall": correct / relevant if relevant else 1.0,
        "type_date": same / correct if correct else 1.0,
        "found": found,
        "relevant": relevant,
    }
    return figures, misses


def load_overrides(path: Path = OVERRIDES) -> dict[tuple[str, str], Any]:
    if not path.exists():
        return {}
    return {(o["file"], o["field"]): o["value"] for o in json.loads(path.read_text("utf-8"))}


def tvpl_labels(corpus: Path = CORPUS, which: str = "all") -> list[dict[str, Any]]:
    labels = [
        json.loads(line)
        for line in (corpus / "tvpl" / "labels.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    if which == "dev":
        return [x for x in labels if x["file"].startswith(DEV_PREFIXES)]
    if which == "holdout":
        return [x for x in labels if not x["file"].startswith(DEV_PREFIXES)]
    return labels


def evaluate_tvpl(corpus: Path = CORPUS, which: str = "all") -> tuple[Score, Score, float]:
    """The publisher-labelled texts: per field, per type (core fields), and documents/s."""
    fields, types = Score(), Score()
    overrides = load_overrides()
    labels = tvpl_labels(corpus, which)
    texts = [(x, (corpus / "tvpl" / "texts" / x["file"]).read_text("utf-8")) for x in labels]
    started = time.perf_counter()
    records = [parse(text, source=x["file"]).to_dict() for x, text in texts]
    elapsed = time.perf_counter() - started
    for label, got in zip(labels, records, strict=True):
        name = label["file"]
        for key in TVPL_FIELDS:
            want = overrides.get((name, key), label.get(key))
            if key == "issuing_body":
                have = got["issuer"]
                ok = issuing_body_matches(want, got["issuer"], got["parent_issuer"])
            else:
                have = got[key]
                ok = comparable(have) == comparable(want)
            fields.add(key, ok)
            if key in CORE_FIELDS:
                label_ok = (
                    ok if want == label.get(key) else comparable(have) == comparable(label.get(key))
                )
                fields.add("core, publisher as is", label_ok)
                fields.add("core", ok)
                types.add(label["doc_type"], ok)
            if not ok:
                fields.misses[name].append((key, have, want))
    return fields, types, len(records) / elapsed if elapsed else 0.0


def _table(title: str, score: Score, keys: list[str]) -> str:
    width = max([len(k) for k in keys] + [12])
    rows = [f"\n{title}", f"  {'':<{width}}  matched / total      %"]
    for key in keys:
        rows.append(
            f"  {key:<{width}}  {score.matched[key]:>7} / {score.total[key]:<5}"
            f"  {100 * score.rate(key):5.1f}"
        )
    return "\n".join(rows)


def _worst(score: Score, limit: int) -> str:
    rows = []
    ranked = sorted(score.misses.items(), key=lambda item: -len(item[1]))[:limit]
    for name, misses in ranked:
        rows.append(f"  {name}: {len(misses)} field(s)")
        for key, have, want in misses:
            rows.append(f"    {key}: got {have!r}  expected {want!r}")
    return "\n".join(rows) if rows else "  (none)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 below the floors")
    parser.add_argument("--set", choices=("dev", "holdout", "all"), default="all")
    parser.add_argument("--worst", type=int, default=10, help="documents listed (default 10)")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"the shared corpus is not at {CORPUS}", file=sys.stderr)
        return 2

    fields, types, refs = evaluate_expected()
    print(f"Directive reader on the hand-checked corpus ({CORPUS / 'directives'})")
    print(_table("Fields", fields, [*RECORD_FIELDS, "all"]))
    print(_table("All 14 fields, per document type", types, sorted(types.total)))
    print(f"\nReferences: precision {refs['precision']:.3f}  recall {refs['recall']:.3f}")
    print("\nWorst documents:")
    print(_worst(fields, args.worst))

    keyed, keyed_misses = evaluate_keyed_references()
    print(f"\nReferences on hand-labelled tvpl texts ({REFERENCE_KEYS.relative_to(ROOT)}):")
    print(
        f"  precision {keyed['precision']:.3f}  recall {keyed['recall']:.3f}"
        f"  ({keyed['found']} found, {keyed['relevant']} labelled);"
        f" type and date right on {keyed['type_date']:.3f} of those found"
    )
    print(_worst(keyed_misses, args.worst))

    tvpl, tvpl_types, speed = evaluate_tvpl(which=args.set)
    print(f"\nDirective reader on tvpl ({args.set}), publisher's metadata with overrides")
    print(_table("Fields", tvpl, [*TVPL_FIELDS, "core", "core, publisher as is"]))
    print(
        _table("number/type/signer/date, per document type", tvpl_types, sorted(tvpl_types.total))
    )
    print(f"\nParsing speed: {speed:.0f} documents/s")
    print("\nWorst documents:")
    print(_worst(tvpl, args.worst))

    if not args.check:
        return 0
    figures = {
        "expected_fields": fields.rate("all"),
        "references_precision": refs["precision"],
        "references_recall": refs["recall"],
        "tvpl_references_precision": keyed["precision"],
        "tvpl_references_recall": keyed["recall"],
        "tvpl_references_type_date": keyed["type_date"],
    }
    if args.set == "all":
        figures["tvpl_core_all"] = tvpl.rate("core")
        figures["tvpl_issuing_body_all"] = tvpl.rate("issuing_body")
    failed = [f"{k} {v:.3f} < {FLOORS[k]:.3f}" for k, v in figures.items() if v < FLOORS[k]]
    for line in failed:
        print(f"BELOW FLOOR: {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
