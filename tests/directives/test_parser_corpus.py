"""The directive parser against the real documents in ../shared/corpus.

Each document's record must match, field by field, what a careful reader extracted
(expected/*.json), under the comparison rules of directive-record.md: letter case, runs of
white space, Unicode normalisation form and the place of a tone mark ("hòa"/"hoà") do not
count. The corpus sits beside the repository and is never copied into it.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from bench.eval_directives import comparable
from directives.parsing import DirectiveRecord, parse
from tests import paths

CORPUS = paths.CORPUS
DOCUMENTS = sorted((CORPUS / "directives").glob("*.txt")) if CORPUS.is_dir() else []
FIELDS = list(DirectiveRecord().to_dict())

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not DOCUMENTS, reason=f"the shared corpus is not at {CORPUS}"),
]


def expected_for(document: Path) -> dict[str, Any]:
    return json.loads((CORPUS / "expected" / f"{document.stem}.json").read_text("utf-8"))


def field_matches(document: Path) -> dict[str, bool]:
    """For one document, whether each field of the record matches the expected one."""
    got = parse(document.read_text("utf-8"), source=document.name).to_dict()
    expected = expected_for(document)
    return {name: comparable(got[name]) == comparable(expected.get(name)) for name in FIELDS}


def test_comparison_rules_ignore_case_spacing_form_and_tone_place():
    """The helper compares as directive-record.md says: "Hòa  X" equals "hoà x" in NFD."""
    assert comparable("CỘNG HÒA  xã") == comparable(unicodedata.normalize("NFD", "cộng hoà XÃ"))
    assert comparable("Thủy") == comparable("thuỷ")
    assert comparable("hòa") != comparable("hoa")


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.stem)
def test_record_matches_expected(document: Path):
    """Every field of the parsed record matches the careful reader's extraction."""
    got = parse(document.read_text("utf-8"), source=document.name).to_dict()
    expected = expected_for(document)
    assert list(got) == FIELDS, "to_dict() keys and order follow directive-record.md"
    differences = {
        name: {"got": got[name], "expected": expected.get(name)}
        for name in FIELDS
        if comparable(got[name]) != comparable(expected.get(name))
    }
    assert not differences, json.dumps(differences, ensure_ascii=False, indent=2)


def test_field_accuracy_table(capsys: pytest.CaptureFixture[str]):
    """Prints fields matched / documents for every field across the corpus; all must match."""
    results = {document.stem: field_matches(document) for document in DOCUMENTS}
    width = max(map(len, FIELDS))
    rows = [f"{'field':<{width}}  matched / total"]
    for name in FIELDS:
        matched = sum(result[name] for result in results.values())
        rows.append(f"{name:<{width}}  {matched:>7} / {len(results)}")
    total = sum(sum(result.values()) for result in results.values())
    rows.append(f"{'all fields':<{width}}  {total:>7} / {len(results) * len(FIELDS)}")
    with capsys.disabled():
        print("\n\nDirective parser: per-field accuracy on the shared corpus")
        print("\n".join(rows))
    assert total == len(results) * len(FIELDS)


def test_evaluation_stays_above_its_floors(capsys: pytest.CaptureFixture[str]):
    """``make eval-import``'s directive half, as CI runs it: every figure at or above the
    floors kept in bench.eval_directives (hand-checked corpus, references, tvpl)."""
    from bench import eval_directives

    assert eval_directives.main(["--check", "--worst", "3"]) == 0, capsys.readouterr().err


def test_evaluation_scores_a_wrong_reading_as_wrong():
    """The comparison is not blind: a number cut at its symbol or another body fails."""
    from bench.eval_directives import issuing_body_matches

    assert comparable("3783/QĐ") != comparable("3783/QĐ-UBND")
    assert issuing_body_matches("Tỉnh Hà Tĩnh", "Ủy ban nhân dân tỉnh Hà Tĩnh", None)
    assert issuing_body_matches("Văn phòng Chính phủ", "Văn phòng", "Chính phủ")
    assert not issuing_body_matches("Tỉnh Hà Nam", "Ủy ban nhân dân tỉnh Hà Tĩnh", None)
    assert not issuing_body_matches("Cục Thuế", None, None)
