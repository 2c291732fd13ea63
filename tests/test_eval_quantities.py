"""The ISI-style quantity scorer on hand-made gold: pairing on the same text, then on overlap;
a field is right when its text is the same; micro P/R/F1; tuning and checking parts."""

from pathlib import Path

import pytest

from crisisdesk.eval.quantities import Mention, load_humset, number_only, pairs, score_excerpt, score_quantities
from crisisdesk.eval.splits import part_of
from crisisdesk.model import Quantity

HUMSET = Path(__file__).resolve().parents[2] / "shared" / "eval" / "humset"


def m(text, start, unit=None):
    return Mention(text, start, start + len(text), unit)


def test_exact_text_pairs_first_then_overlapping_spans():
    gold = [m("50", 10, "families"), m("four to two", 40), m("three", 80, "civilians")]
    found = [m("approximately 50", 0, "families"), m("four", 40), m("three", 80, "civilians")]
    paired = {(g.text, p.text) for g, p in pairs(gold, found)}
    assert paired == {("50", "approximately 50"), ("four to two", "four"), ("three", "three")}
    scores = score_excerpt(gold, found)
    assert (scores.paired, scores.quantity_right, scores.unit_right) == (3, 1, 2)


def test_the_same_text_pairs_with_the_nearest_gold_one_to_one():
    gold = [m("2", 5), m("2", 50)]
    found = [m("2", 52)]
    ((g, p),) = pairs(gold, found)
    assert g.start == 50


def test_micro_precision_recall_and_f1_over_excerpts():
    gold = {"a": [m("10", 0, "people"), m("20", 10, "homes")], "b": [m("5", 0)]}
    found = {"a": [m("10", 0, "people"), m("30", 30, "km")], "b": []}
    report = score_quantities(gold, found)
    overall = report.overall
    assert (overall.gold, overall.predicted, overall.quantity_right) == (3, 2, 1)
    assert overall.quantity_precision == 0.5 and overall.quantity_recall == pytest.approx(1 / 3)
    assert overall.quantity_f1 == pytest.approx(0.4)
    assert (overall.gold_units, overall.predicted_units, overall.unit_right) == (2, 2, 1)
    assert overall.unit_f1 == 0.5
    parts = report.parts
    assert parts[part_of("a")].gold >= 2 and parts["tuning"].gold + parts["checking"].gold == 3


def test_unit_text_compares_without_case_and_extra_spaces():
    assert score_excerpt([m("3", 0, "IDP  households")], [m("3", 0, "idp households")]).unit_right == 1


@pytest.mark.parametrize(
    ("text", "modifier", "number"),
    [
        ("approximately 50", "about", "50"),
        ("more than five", "more_than", "five"),
        ("4,400", "exact", "4,400"),
        ("between 2 and 4", "range", "between 2 and 4"),
    ],
)
def test_the_number_alone_drops_a_leading_qualifier(text, modifier, number):
    quantity = Quantity(text=text, start=100, end=100 + len(text), value=1.0, modifier=modifier)
    mention = number_only(quantity)
    assert mention.text == number and mention.end == 100 + len(text) and mention.start == mention.end - len(number)


def test_the_public_humset_half_loads_with_offsets_into_the_text():
    texts, gold = load_humset(HUMSET)
    assert len(texts) == len(gold) >= 390
    for excerpt_id, mentions in list(gold.items())[:50]:
        for mention in mentions:
            assert texts[excerpt_id][mention.start : mention.end] == mention.text


# Reached on the HumSet development half (397 excerpts with gold, default fast path), the quantity
# text as crisisdesk writes it: quantity F1 0.778 (P 0.759, R 0.799), unit F1 0.374; tuning part
# 0.789 / 0.383, checking part 0.769 / 0.366. Raise a floor when an improvement lands.
QUANTITY_FLOORS = {"quantity_f1": 0.775, "unit_f1": 0.370}


@pytest.mark.slow
def test_quantity_scores_on_the_humset_half_do_not_drop():
    from crisisdesk.eval.quantities import evaluate_quantities

    report = evaluate_quantities(HUMSET)
    reached = {name: getattr(report.overall, name) for name in QUANTITY_FLOORS}
    assert all(reached[name] >= floor for name, floor in QUANTITY_FLOORS.items()), reached
    assert report.parts["tuning"].excerpts + report.parts["checking"].excerpts == report.overall.excerpts
