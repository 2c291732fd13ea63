"""The TempEval-3 Task A scorer on a hand-made TimeML document, counted by hand."""

from datetime import date
from pathlib import Path

import pytest

from crisisdesk.eval.times import Tally, load_timeml, parse_timeml, score_document
from crisisdesk.model import TimeExpression

TIMEBANK = Path(__file__).resolve().parents[2] / "shared" / "eval" / "timebank"

DOCUMENT = """<?xml version="1.0" ?>
<TimeML>
<DOCID>tiny</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
Prices <EVENT eid="e1" class="OCCURRENCE">fell</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> for <TIMEX3 tid="t2" type="DURATION" value="P3D">the third day</TIMEX3> &amp; <TIMEX3 tid="t3" type="DATE" value="PRESENT_REF">now</TIMEX3> rise <TIMEX3 tid="t4" type="SET" value="P1W">weekly</TIMEX3>.
</TEXT>
</TimeML>
"""


def expression(text, start, type_, value):
    return TimeExpression(text, start, start + len(text), type_, value)


def test_the_text_is_stripped_of_tags_and_entities_with_gold_offsets_into_it():
    document = parse_timeml(DOCUMENT, "tiny", "hand")
    assert document.published == date(1998, 1, 8)
    assert document.text == "\nPrices fell yesterday for the third day & now rise weekly.\n"
    assert [(t.text, t.type, t.value) for t in document.timexes] == [
        ("yesterday", "DATE", "1998-01-07"),
        ("the third day", "DURATION", "P3D"),
        ("now", "DATE", "PRESENT_REF"),
        ("weekly", "SET", "P1W"),
    ]
    assert all(document.text[t.start : t.end] == t.text for t in document.timexes)


def test_strict_relaxed_type_and_value_counted_by_hand():
    document = parse_timeml(DOCUMENT)
    text = document.text
    found = [
        expression("yesterday", text.index("yesterday"), "DATE", "1998-01-07"),  # strict, type and value right
        expression("third day", text.index("third day"), "DATE", "1998-01-07"),  # relaxed only, type and value wrong
        expression("now", text.index("now"), "DATE", "PRESENT_REF"),  # strict, right
        expression("Prices", text.index("Prices"), "DATE", "XXXX"),  # spurious
    ]  # "weekly" is missed
    tally = score_document(document.timexes, found)
    assert (tally.gold, tally.found) == (4, 4)
    assert (tally.strict_found, tally.strict_gold, tally.relaxed_found, tally.relaxed_gold) == (2, 2, 3, 3)
    assert (tally.type_right, tally.value_right) == (2, 2)
    scores = tally.scores()
    assert scores["strict_precision"] == pytest.approx(2 / 4) and scores["strict_recall"] == pytest.approx(2 / 4)
    assert scores["relaxed_precision"] == pytest.approx(3 / 4) and scores["relaxed_recall"] == pytest.approx(3 / 4)
    assert scores["relaxed_f1"] == pytest.approx(3 / 4)
    assert scores["type_accuracy"] == pytest.approx(2 / 3) and scores["value_accuracy"] == pytest.approx(2 / 3)
    assert scores["value_f1"] == pytest.approx(3 / 4 * 2 / 3) and scores["type_f1"] == pytest.approx(0.5)


def test_tallies_add_up_and_an_empty_one_scores_zero():
    total = Tally()
    total.add(Tally(gold=2, found=1, strict_found=1, strict_gold=1, relaxed_found=1, relaxed_gold=1, type_right=1, value_right=1))
    total.add(Tally(gold=1, found=1))
    assert (total.gold, total.found, total.value_right) == (3, 2, 1)
    assert Tally().scores()["value_f1"] == 0.0


def test_timebank_and_aquaint_load_with_their_offsets_pointing_at_the_expressions():
    documents = load_timeml(TIMEBANK)
    assert len(documents) == 256
    assert {d.corpus for d in documents} == {"TimeBank", "AQUAINT"}
    assert sum(len(d.timexes) for d in documents) == 1822
    assert all(d.published is not None for d in documents)
    assert all(d.text[t.start : t.end] == t.text for d in documents for t in d.timexes)
