"""The decision that publishes each labelled procedure list is read right: number, date and
issuer, as the hand-made keys under tests/keys/procedures give them."""

import json

import pytest

from procedures.parsing import parse_procedure_text
from tests import paths

KEYS = paths.KEYS / "procedures"


@pytest.mark.corpus
@pytest.mark.parametrize("key_path", sorted(KEYS.glob("*.json")), ids=lambda p: p.stem)
def test_decision_matches_its_key(corpus, key_path):
    key = json.loads(key_path.read_text(encoding="utf-8"))["decision"]
    text = (corpus / "tvpl" / "texts" / f"{key_path.stem}.txt").read_text(encoding="utf-8")
    decision = parse_procedure_text(text, source=f"{key_path.stem}.txt").decision
    assert (
        decision.number,
        decision.issued_on and decision.issued_on.isoformat(),
        decision.issuer,
    ) == (
        key["number"],
        key["issued_on"],
        key["issuer"],
    )
