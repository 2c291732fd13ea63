"""The hand-labelled conditions sets load with the scorer's reader and every span is where it says."""

from pathlib import Path

import pytest

from crisisdesk.eval.conditions import load_labelled

CONDITIONS = Path(__file__).parent / "data" / "conditions"
PILLARS = {
    "Humanitarian Conditions",
    "Information and Communication",
    "Impact",
    "Humanitarian Access",
    "Capacities & Response",
    "Priority Needs",
    "At Risk",
}


@pytest.mark.parametrize("name", ["labelled.jsonl", "heldout.jsonl", "heldout2.jsonl"])
def test_a_labelled_set_loads_and_every_condition_is_at_its_offsets(name):
    sentences = load_labelled(CONDITIONS / name)
    assert sentences and len({s.id for s in sentences}) == len(sentences)
    for sentence in sentences:
        for c in sentence.conditions:
            assert sentence.sentence[c.start : c.end] == c.text, (sentence.id, c.text)
            assert c.pillar in PILLARS and c.sectors, (sentence.id, c.text)


def test_the_second_heldout_part_shares_no_sentence_with_the_earlier_sets():
    earlier = {s.sentence.strip() for name in ("labelled.jsonl", "heldout.jsonl") for s in load_labelled(CONDITIONS / name)}
    new = load_labelled(CONDITIONS / "heldout2.jsonl")
    assert 80 <= len(new) <= 120
    assert not [s.id for s in new if s.sentence.strip() in earlier]
    assert any(s.conditions for s in new) and any(not s.conditions for s in new)
