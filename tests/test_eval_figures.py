"""The figure scorer itself, on hand-made gold rows and extractions."""

from dataclasses import replace
from pathlib import Path

import pytest

from crisisdesk.eval.figures import GoldFigure, load_idetect, score_figures
from crisisdesk.model import DISPLACEMENT_TERMS, Article, Extraction, Figure, Place, PlaceMention

MOSUL = Place("Mosul", 99072, "IRQ", 36.34, 43.13, "city")


def figure(quantity, term="displaced", unit="people", place=None, quantity_max=None) -> Figure:
    mention = PlaceMention(place.name, 0, len(place.name), place) if place else None
    return Figure(
        text=str(quantity),
        start=0,
        end=1,
        quantity=quantity,
        quantity_max=quantity_max,
        qualifier="exact",
        unit=unit,
        term=term,
        group=None,
        place=mention,
        sentence="s",
        country=place.country if place else None,
    )


def extraction(*figures: Figure) -> Extraction:
    return Extraction(article=Article(id="x", text="x"), figures=list(figures))


def gold(excerpt_id, quantity, term="displaced", unit="people", location="Mosul", country="IRQ") -> GoldFigure:
    return GoldFigure(excerpt_id, "…", quantity, term, unit, location, country)


def test_a_perfect_extraction_scores_one_everywhere():
    scores = score_figures([gold("1", 350_000)], {"1": extraction(figure(350_000, place=MOSUL))})
    assert (scores.quantity, scores.term, scores.unit, scores.country, scores.location) == (1, 1, 1, 1, 1)
    assert scores.figures_per_excerpt == 1


def test_missing_and_wrong_figures_lower_the_right_scores():
    rows = [gold("1", 100), gold("2", 200), gold("3", 300, term="evacuated", unit="households")]
    found = {
        "1": extraction(figure(100, place=MOSUL), figure(7)),
        "2": extraction(figure(999)),
        "3": extraction(figure(300, term="displaced", unit="people")),
    }
    scores = score_figures(rows, found)
    assert scores.quantity == pytest.approx(2 / 3)
    assert scores.term == 0.5 and scores.unit == 0.5
    assert scores.country == 0.5 and scores.location == 0.5
    assert scores.country_of_all == pytest.approx(1 / 3) and scores.location_of_all == pytest.approx(1 / 3)
    assert scores.misses == ["2"]
    assert scores.figures_per_excerpt == pytest.approx(4 / 3)


def test_the_upper_bound_of_a_range_counts_as_the_quantity():
    scores = score_figures([gold("1", 30_000)], {"1": extraction(figure(25_000, quantity_max=30_000))})
    assert scores.quantity == 1


def test_the_figure_with_the_gold_term_is_preferred_among_equal_numbers():
    found = extraction(figure(500, term="killed"), figure(500, term="evacuated"))
    assert score_figures([gold("1", 500, term="evacuated")], {"1": found}).term == 1


def test_the_public_dev_set_loads_with_design_terms():
    rows = load_idetect(Path(__file__).resolve().parents[2] / "shared" / "eval" / "idetect" / "dev.csv")
    assert len(rows) == 156
    assert {r.term for r in rows} <= set(DISPLACEMENT_TERMS)
    assert {r.unit for r in rows} == {"people", "households"}


# --- tuning and checking parts ----------------------------------------------------------------


def test_the_scores_of_each_part_are_reported_beside_the_whole():
    from crisisdesk.eval.figures import score_figures_by_part
    from crisisdesk.eval.splits import part_of

    rows = [gold(str(i), 100 * i) for i in range(1, 21)]
    found = {str(i): extraction(figure(100 * i if part_of(str(i)) == "tuning" else 7)) for i in range(1, 21)}
    scores = score_figures_by_part(rows, found)
    tuning, checking = scores.parts["tuning"], scores.parts["checking"]
    assert tuning["excerpts"] + checking["excerpts"] == scores.excerpts == 20
    assert tuning["quantity"] == 1 and checking["quantity"] == 0
    assert scores.quantity == tuning["excerpts"] / 20


# --- every figure in whole documents -----------------------------------------------------------


def doc_figure(text, start, term="displaced", unit="people", place=None, date=None, value=None):
    from crisisdesk.eval.figures import DocFigure

    return DocFigure(text, start, start + len(text), value, term, unit, place, date)


def found_figure(start, end, quantity, term="displaced", unit="people", place=None, date=None):
    from crisisdesk.model import TimeSpan

    mention = PlaceMention(place.name, 0, len(place.name), place) if place else None
    span = TimeSpan(*date, "day") if date else None
    return Figure(
        text="x",
        start=start,
        end=end,
        quantity=quantity,
        quantity_max=None,
        qualifier="exact",
        unit=unit,
        term=term,
        group=None,
        place=mention,
        date=span,
        sentence="s",
        country=place.country if place else None,
    )


def test_whole_document_figures_pair_on_overlap_and_score_each_field():
    from datetime import date

    from crisisdesk.eval.figures import LabelledDoc, score_docs

    text = "In Mosul 500 families fled and 3 people died on 2 May 2017. Police arrested 4 men."
    gold_figures = (
        doc_figure("500", text.index("500"), unit="households", place="Mosul", date="2017-05"),
        doc_figure("3", text.index("3 people"), term="killed", place="Mosul", date="2017-05-02"),
    )
    docs = [LabelledDoc("d1", "test", "d1", text, gold_figures), LabelledDoc("d2", "test", "d2", "Rain is expected.", ())]
    found = {
        "d1": Extraction(
            article=Article(id="d1", text=text),
            figures=[
                found_figure(
                    text.index("500"), text.index(" fled"), 500, unit="households", place=MOSUL, date=(date(2017, 5, 2), date(2017, 5, 2))
                ),
                found_figure(text.index("4 men"), text.index("4 men") + 5, 4, term="arrested"),
            ],
        ),
        "d2": Extraction(article=Article(id="d2", text="Rain is expected."), figures=[found_figure(0, 4, 2)]),
    }
    scores = score_docs(docs, found)
    assert (scores.gold, scores.found, scores.paired) == (2, 3, 1)
    assert scores.precision == pytest.approx(1 / 3) and scores.recall == 0.5
    assert scores.term == 1 and scores.unit == 1 and scores.place == 1 and scores.date == 1
    assert scores.place_of_all == 0.5 and scores.date_of_all == 0.5
    assert scores.found_in_negatives == 1
    assert {e["error"] for e in scores.errors} == {"missed", "spurious"}


@pytest.mark.parametrize(
    ("gold_date", "found", "right"),
    [
        ("2017-05", ((2017, 5, 2), (2017, 5, 2)), True),
        ("2017", ((2017, 1, 1), (2017, 12, 31)), True),
        ("2019-01-01/2019-09-30", ((2019, 1, 1), (2019, 9, 30)), True),
        ("2017-05-02", ((2017, 5, 1), (2017, 5, 31)), False),  # a month is less than the day
        ("2017-05", ((2017, 6, 2), (2017, 6, 2)), False),
        ("2017-05", None, False),
    ],
)
def test_a_date_is_right_when_the_figure_dates_within_the_gold_date(gold_date, found, right):
    from datetime import date

    from crisisdesk.eval.figures import date_right

    span = (date(*found[0]), date(*found[1])) if found else None
    assert date_right(gold_date, found_figure(0, 1, 1, date=span)) is right


def test_the_labelled_documents_load_and_every_figure_is_where_it_says():
    from crisisdesk.eval.figures import load_labelled_docs

    docs = load_labelled_docs(Path(__file__).parent / "data" / "figures_docs" / "labelled.jsonl")
    assert len(docs) == 30 and sum(not d.figures for d in docs) >= 15  # the news part is negatives
    for doc in docs:
        for f in doc.figures:
            assert doc.text[f.start : f.end] == f.text


def test_the_heldout_documents_load_all_in_the_checking_part_and_every_figure_is_where_it_says():
    from crisisdesk.eval.figures import load_labelled_docs
    from crisisdesk.eval.splits import CHECKING, part_of

    docs = load_labelled_docs(Path(__file__).parent / "data" / "figures_docs" / "checking.jsonl")
    assert len(docs) == 30 and all(part_of(d.split_id) == CHECKING for d in docs)
    assert sum(len(d.figures) for d in docs) > 0 and sum(not d.figures for d in docs) >= 15
    for doc in docs:
        for f in doc.figures:
            assert doc.text[f.start : f.end] == f.text


def test_a_figure_that_is_not_at_its_offsets_is_a_labelling_error(tmp_path):
    import json

    from crisisdesk.eval.figures import load_labelled_docs

    line = {
        "id": "d",
        "source": "t",
        "text": "About 40 people fled.",
        "figures": [{"text": "40", "start": 0, "end": 2, "term": "displaced", "unit": "people"}],
    }
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(line) + "\n", "utf-8")
    with pytest.raises(ValueError, match="not at 0-2"):
        load_labelled_docs(path)


def test_whole_document_scores_count_the_figures_marked_crisis_apart():
    from dataclasses import replace

    from crisisdesk.eval.figures import LabelledDoc, score_docs

    text = "In Mosul 500 families fled. Police arrested 4 men."
    gold = (doc_figure("500", text.index("500"), unit="households"),)
    docs = [LabelledDoc("d1", "test", "d1", text, gold), LabelledDoc("d2", "test", "d2", "Rain is expected.", ())]
    fled = found_figure(text.index("500"), text.index(" fled"), 500, unit="households")
    arrested = replace(found_figure(text.index("4 men"), text.index("4 men") + 5, 4, term="arrested"), crisis=False)
    found = {
        "d1": Extraction(article=Article(id="d1", text=text), figures=[fled, arrested]),
        "d2": Extraction(article=Article(id="d2", text="Rain is expected."), figures=[replace(found_figure(0, 4, 2), crisis=False)]),
    }
    scores = score_docs(docs, found)
    assert (scores.found, scores.paired, scores.precision) == (3, 1, pytest.approx(1 / 3))
    assert (scores.crisis_found, scores.crisis_paired, scores.crisis_precision, scores.crisis_recall) == (1, 1, 1.0, 1.0)
    assert (scores.found_in_negatives, scores.crisis_in_negatives) == (1, 0)


def test_a_count_as_of_a_day_is_dated_by_that_day():
    from datetime import date

    from crisisdesk.eval.figures import date_right
    from crisisdesk.model import TimeSpan

    as_of = replace(found_figure(0, 1, 1), date=TimeSpan(None, date(2020, 8, 17), "day"))
    assert date_right("2020-08-17", as_of) and date_right("2020", as_of)
    assert not date_right("2020-07", as_of)


@pytest.mark.parametrize(
    ("gold", "place", "right"),
    [
        ("Libya", Place("Tripoli", 2210247, "LBY", 32.9, 13.2, "city", "Tripoli"), True),  # a town of the gold country
        ("Borno", Place("Maiduguri", 2331447, "NGA", 11.8, 13.2, "city", "Borno"), True),  # a town of the gold state
        ("Shabwa, Sada'a and Borno State", Place("Maiduguri", 2331447, "NGA", 11.8, 13.2, "city", "Borno"), True),
        ("Maiduguri", Place("Borno", 2346794, "NGA", 11.9, 13.1, "admin1", None), False),  # coarser than the gold
        ("Libya", Place("Niger", 2440476, "NER", 17.0, 9.0, "country", None), False),
        ("Kano", Place("Maiduguri", 2331447, "NGA", 11.8, 13.2, "city", "Borno"), False),
    ],
)
def test_a_place_inside_the_gold_place_is_right(gold, place, right):
    from crisisdesk.eval.figures import place_right

    assert place_right(gold, found_figure(0, 1, 1, place=place)) is right
