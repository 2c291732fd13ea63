"""Story eval: B-cubed and adjusted Rand on small partitions worked by hand, the fixed split, and
incidents within a crisis told apart by the people, towns and times the reports name."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from crisisdesk.analysis.stories import build_stories
from crisisdesk.eval.stories import Incident, adjusted_rand, bcubed, part_of, score_stories
from crisisdesk.model import Article, Extraction, Figure, Place, PlaceMention

MEMPHIS = Place("Memphis", 4641239, "USA", 35.15, -90.05, "city")
ATLANTA = Place("Atlanta", 4180439, "USA", 33.75, -84.39, "city")
CHICAGO = Place("Chicago", 4887398, "USA", 41.85, -87.65, "city")
BALTIMORE = Place("Baltimore", 4347778, "USA", 39.29, -76.61, "city")


def test_bcubed_of_all_singletons_has_full_precision_and_the_recall_of_the_sizes():
    gold = {"a": "1", "b": "1", "c": "2"}
    alone = {"a": "x", "b": "y", "c": "z"}
    p, r, f1 = bcubed(alone, gold, ["a", "b", "c"])
    assert (p, r) == (1.0, pytest.approx((0.5 + 0.5 + 1) / 3))
    assert f1 == pytest.approx(2 * p * r / (p + r))
    one = {"a": "x", "b": "x", "c": "x"}
    assert bcubed(one, gold, ["a", "b", "c"])[:2] == (pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3), 1.0)


def test_adjusted_rand_is_one_for_the_same_partition_and_zero_or_less_for_all_in_one():
    gold = {"a": "1", "b": "1", "c": "2", "d": "2"}
    assert adjusted_rand({"a": "p", "b": "p", "c": "q", "d": "q"}, gold, list(gold)) == 1.0
    assert adjusted_rand({k: "p" for k in gold}, gold, list(gold)) <= 0.0


def test_incidents_are_split_by_the_written_down_rule():
    # The parts of tests/data/splits/gva.tsv, whatever the incident's other fields.
    with open(Path(__file__).parent / "data" / "splits" / "gva.tsv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert rows and all(Incident(row["id"], 0, 0, ()).part == row["part"] for row in rows)
    assert part_of("111416") == "checking"


def shooting(id_: str, day: date, town: Place, text: str) -> Extraction:
    article = Article(id=id_, text=text, published=day, language="en", title=id_)
    return Extraction(article, places=[PlaceMention(town.name, 0, len(town.name), town, 1.0)])


def test_two_shootings_in_other_towns_are_two_incidents_and_the_follow_up_joins_its_own():
    reports = [
        shooting("a1", date(2015, 6, 1), MEMPHIS, "Memphis police said Darnell Whitfield was shot on Alcy Road."),
        shooting("a2", date(2015, 6, 3), MEMPHIS, "Darnell Whitfield died of his wounds, Memphis police said."),
        shooting("b1", date(2015, 6, 2), ATLANTA, "Atlanta police said Keisha Brantley was shot on Panther Trail."),
    ]
    same = np.array([1.0, 0.0], dtype=np.float32)  # the text alone says all three are one story
    stories = build_stories(reports, {r.article.id: same for r in reports})
    incidents = sorted(i for s in stories for i in s.incidents)
    assert incidents == [("a1", "a2"), ("b1",)]
    gold = [Incident("1", 1, 0, ("a1", "a2")), Incident("2", 0, 1, ("b1",))]
    scores = score_stories(reports, stories, gold, counts_of=lambda xs, story: {"killed": 1.0 if len(xs) == 2 else 0.0, "injured": 0.0})
    scored = [p for p in scores.parts.values() if p.incidents]
    assert all(p.bcubed_f1 == 1.0 for p in scored)


def test_ages_are_read_as_local_news_gives_them():
    from crisisdesk.analysis.stories import ages_in

    assert ages_in("A 6-year-old girl was shot; Marlon Eason, 10, died. A man aged 34 and a 2 year old boy.") == {6, 10, 34, 2}
    assert ages_in("On Aug. 22, 2015, police said 30 rounds were fired.") == set()


def test_shootings_of_children_in_one_city_and_month_are_told_apart_by_the_victims_ages():
    # Chicago news (DNAinfo, CBS): two girls shot weeks apart read alike; the follow-up gives the same age.
    reports = [
        shooting("a1", date(2016, 6, 7), CHICAGO, "A 6-year-old girl was shot in the back on a quiet block, police said."),
        shooting("a2", date(2016, 6, 8), CHICAGO, "The 6-year-old girl shot on Tuesday is in good spirits, her family said."),
        shooting("b1", date(2016, 6, 30), CHICAGO, "A 10-year-old girl was hurt and two men wounded in a shooting, police said."),
    ]
    near = np.array([1.0, 0.0], dtype=np.float32)
    other = np.array([0.7, np.sqrt(1 - 0.49)], dtype=np.float32)  # as alike as two such reports read
    stories = build_stories(reports, {"a1": near, "a2": near, "b1": other})
    assert sorted(i for s in stories for i in s.incidents) == [("a1", "a2"), ("b1",)]


def test_reports_of_one_day_and_town_worded_apart_join_when_they_give_the_same_casualty_counts():
    # Baltimore Sun and WBAL the same day: "five-person shooting", "Five people injured"
    def told(id_: str, text: str, injured: float) -> Extraction:
        x = shooting(id_, date(2016, 5, 31), BALTIMORE, text)
        figure = Figure(
            text="five",
            start=0,
            end=4,
            quantity=injured,
            quantity_max=None,
            qualifier="exact",
            unit="people",
            term="injured",
            group=None,
            sentence=text,
        )
        return Extraction(x.article, places=x.places, figures=[figure])

    reports = [
        told("a1", "Police arrest a victim after the Memorial Day shooting, police said.", 5),
        told("a2", "Five people were injured in a north Baltimore shooting on Monday.", 5),
        told("b1", "Two people were injured in an east Baltimore shooting on Monday.", 2),
    ]
    a = np.array([1.0, 0.0], dtype=np.float32)
    b = np.array([0.55, np.sqrt(1 - 0.55**2)], dtype=np.float32)  # worded apart
    c = np.array([0.55, -np.sqrt(1 - 0.55**2)], dtype=np.float32)  # as far from a1, unlike a2
    stories = build_stories(reports, {"a1": a, "a2": b, "b1": c})
    assert sorted(i for s in stories for i in s.incidents) == [("a1", "a2"), ("b1",)]
