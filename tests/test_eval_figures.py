"""The figure scorer itself, on hand-made gold rows and extractions."""

from pathlib import Path

import pytest

from crisisdesk.eval.figures import GoldFigure, load_idetect, score_figures
from crisisdesk.model import Article, Extraction, Figure, Place, PlaceMention

MOSUL = Place("Mosul", 99072, "IRQ", 36.34, 43.13, "city")


def figure(quantity, term="displaced", unit="people", place=None, quantity_max=None) -> Figure:
    mention = PlaceMention(place.name, 0, len(place.name), place) if place else None
    return Figure(
        text=str(quantity), start=0, end=1, quantity=quantity, quantity_max=quantity_max, qualifier="exact", unit=unit, term=term, group=None,
        place=mention, sentence="s", country=place.country if place else None)


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
    assert {r.term for r in rows} <= {"displaced", "evacuated", "forced_to_flee", "sheltered", "in_relief_camp", "relocated", "homeless", "destroyed_housing", "partially_destroyed_housing"}
    assert {r.unit for r in rows} == {"people", "households"}
