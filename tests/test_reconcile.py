"""Reconciled figures: one answer per question, with the sources that agree and contradict."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from crisisdesk.analysis.picture import KeyFigure, picture_of
from crisisdesk.analysis.reconcile import reconcile
from crisisdesk.analysis.sources import Source
from crisisdesk.ingest import read_sources
from crisisdesk.model import Article, Figure, Place, PlaceMention, TimeSpan
from crisisdesk.nlp.pipeline import extract

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SYNTHETIC = Path(__file__).resolve().parent / "data" / "synthetic_news.jsonl"
KARABAKH = Place("Nagorno-Karabakh", None, "AZE", 39.83, 46.75, "region", source="curated")


def key(source: str, quantity: float, *, term: str = "forced_to_flee", qualifier: str = "exact", published: date | None = None,
        when: date | None = None, group: str | None = None, whole: Figure | None = None, place: Place | None = KARABAKH) -> KeyFigure:  # fmt: skip
    mention = PlaceMention(place.name, 0, 5, place, 1.0) if place else None
    figure = Figure(
        text=f"{quantity:,.0f}", start=0, end=5, quantity=quantity, quantity_max=None, qualifier=qualifier, unit="people", term=term, group=group,
        place=mention, date=TimeSpan(when, when, "day") if when else None, sentence="…", country=place.country if place else None,
    )  # fmt: skip
    return KeyFigure(figure, Source(source, source, published, "en", source, None, None), whole)


def test_bounds_agree_with_numbers_above_them_and_exact_numbers_apart_contradict():
    keys = [
        key("a", 28_000, qualifier="more_than", published=date(2023, 9, 26)),
        key("b", 70_000, qualifier="more_than", published=date(2023, 9, 28)),
        key("c", 100_000),  # undated: it cannot be an earlier count
        key("d", 120_000, published=date(2023, 10, 2)),
    ]
    (answer,) = reconcile(keys, [], {})
    assert answer.best.source.id == "d" and answer.most_recent.source.id == "d"
    assert {k.source.id for k in answer.supporting} == {"a", "b"}
    assert [k.source.id for k in answer.contradicting] == ["c"]  # shown, not averaged
    assert answer.range_label == "28,000–120,000" and answer.sources == 4
    assert "3 sources agree" in answer.reason and "1 source(s) contradict it" in answer.reason


def test_the_same_number_told_by_several_sources_wins_over_a_lone_later_one():
    keys = [
        key("a", 100_000, published=date(2023, 9, 30)),
        key("b", 101_000, published=date(2023, 10, 1)),
        key("c", 80_000, published=date(2023, 10, 2)),
    ]
    (answer,) = reconcile(keys, [], {})
    assert answer.best.source.id == "b" and [k.source.id for k in answer.supporting] == ["a"]
    assert [k.source.id for k in answer.contradicting] == ["c"]


def test_an_earlier_lower_count_of_a_growing_number_is_no_contradiction():
    keys = [key("a", 28_000, published=date(2023, 9, 26)), key("b", 100_000, published=date(2023, 10, 1))]
    (answer,) = reconcile(keys, [], {})
    assert answer.best.source.id == "b" and [k.source.id for k in answer.earlier] == ["a"] and answer.contradicting == []
    assert "1 lower figure(s) are earlier counts" in answer.reason


def test_questions_countries_periods_groups_and_parts_are_answered_apart():
    total = key("a", 2_000, term="evacuated", qualifier="more_than", published=date(2023, 9, 20))
    keys = [
        key("a", 100_000, term="refugees", published=date(2023, 9, 30)),
        key("b", 600_000, term="displaced", published=date(1994, 5, 1)),  # another period
        key("c", 33_000_000, term="displaced", published=date(2022, 8, 30), place=Place("Pakistan", 1168579, "PAK", 30.0, 70.0, "country")),
        total,
        key("a", 1_000, term="evacuated", group="children", whole=total.figure, published=date(2023, 9, 20)),
        key("d", 40, term="killed", published=date(2023, 9, 20)),
    ]
    answers = reconcile(keys, [], {})
    assert sorted((a.question, a.country, a.period.start.year) for a in answers) == [
        ("evacuated", "AZE", 2023), ("fled or displaced", "AZE", 1994), ("fled or displaced", "AZE", 2023),
        ("fled or displaced", "PAK", 2022), ("killed", "AZE", 2023),
    ]  # fmt: skip


def test_a_figure_without_a_place_takes_its_articles_country():
    keys = [key("a", 70_000, place=None, published=date(2023, 9, 28)), key("b", 100_000, published=date(2023, 9, 30))]
    (answer,) = reconcile(keys, [], {"a": "AZE"})
    assert answer.sources == 2 and answer.area == "Nagorno-Karabakh"


@pytest.fixture(scope="module")
def seeds():
    return list(extract([a for a in read_sources([str(SEEDS)]) if isinstance(a, Article)]))


def test_the_seeds_headline_is_100000_of_120000(seeds):
    picture = picture_of(seeds)
    (answer,) = picture.reconciled
    assert (answer.best.amount, answer.area, answer.share) == ("100,000", "Nagorno-Karabakh", "about 83% of the population (120,000)")
    assert answer.baseline.figure.quantity == 120_000


def test_with_the_synthetic_reports_every_source_is_placed(seeds):
    synthetic = list(extract([a for a in read_sources([str(SYNTHETIC)]) if isinstance(a, Article)]))
    answers = picture_of(seeds + synthetic).reconciled
    fled = answers[0]
    assert fled.question == "fled or displaced" and fled.area == "Nagorno-Karabakh" and fled.sources == 4
    assert any(k.figure.quantity == 100_000 for k in fled.contradicting + fled.supporting)  # the seed is in, whatever its verdict
    assert all(a.country != "RUS" for a in answers)  # "Russian peacekeepers evacuated": the country is the article's


def test_key_messages_lead_with_the_headline_then_what_happened_and_the_flag(seeds):
    messages = [m.text for m in picture_of(seeds).messages]
    assert messages[0] == "100,000 refugees in Nagorno-Karabakh, about 83% of the population (120,000)."
    assert messages[1].startswith("What happened, in order: military offensive by Azerbaijani troops")
    assert "arrests by Baku" in messages[1] and "mission deployed by The UN" in messages[1]
    # the flagged report is named by its first words and date, not by its file ("001_…txt")
    assert messages[-1].startswith("Read “Amidst the ongoing conflict between Azerbaijan and Armenia …” (2023-11-08) with care")
    assert "001_" not in messages[-1] and "does not fit the events it narrates as current" in messages[-1]


def sentence_key(source: str, quantity: float, sentence: str, *, term: str = "killed", group: str | None = None,
                 span: TimeSpan | None = None, published: date = date(2016, 3, 2)) -> KeyFigure:  # fmt: skip
    figure = Figure(
        text=f"{quantity:,.0f}", start=0, end=5, quantity=quantity, quantity_max=None, qualifier="exact", unit="people", term=term, group=group,
        place=None, date=span, sentence=sentence, country="USA",
    )  # fmt: skip
    return KeyFigure(figure, Source(source, source, published, "en", source, None, None))


def test_others_hit_are_beyond_those_killed():
    # WHIO Dayton: "one man is dead and three other people were shot"; KTLA: "two other teens were also shot"
    keys = [
        sentence_key("a", 1, "One man is dead.", term="killed"),
        sentence_key("a", 3, "Three other people were shot.", term="casualties"),
    ]
    keys[1] = KeyFigure(replace(keys[1].figure, text="three other people"), keys[1].source)
    injured = [a for a in reconcile(keys, [], {}) if a.question == "injured"]
    assert [a.best.figure.quantity for a in injured] == [3] and "derived" in injured[0].reason


def test_a_count_answers_before_people_named_without_a_number():
    # WTVM: "four of the five victims were shot to death"; a second report names one of them
    keys = [
        sentence_key("a", 4, "Police say four of the five victims were shot to death."),
        sentence_key("b", 1, "Bailey Burtron died of asphyxiation."),
        sentence_key("c", 1, "Lee is accused of killing their father."),
    ]
    keys[1] = KeyFigure(replace(keys[1].figure, text="Bailey Burtron"), keys[1].source)
    keys[2] = KeyFigure(replace(keys[2].figure, text="their father"), keys[2].source)
    (answer,) = reconcile(keys, [], {})
    assert answer.best.figure.quantity == 4 and len(answer.supporting) == 2
