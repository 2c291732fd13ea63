"""The timeline across articles and the check on dates that do not add up."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from crisisdesk.analysis.consistency import date_flags
from crisisdesk.analysis.timeline import build_timeline, span_label
from crisisdesk.ingest import read_sources
from crisisdesk.model import Article, Event, Extraction, Place, PlaceMention, TimeExpression, TimeSpan
from crisisdesk.nlp.pipeline import extract

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SYNTHETIC = Path(__file__).resolve().parent / "data" / "synthetic_news.jsonl"

KARABAKH = Place("Nagorno-Karabakh", None, "AZE", 39.83, 46.75, "region", source="curated")
SINDH = Place("Sindh", 1164807, "PAK", 26.0, 68.5, "admin1")


def event(
    kind: str, status: str = "happened", *, when: TimeSpan | None = None, dated_by: str | None = None, place: Place | None = KARABAKH
) -> Event:
    mention = PlaceMention(place.name, 0, len(place.name), place, 1.0) if place else None
    time = TimeExpression("then", 0, 4, "DATE", "x") if dated_by == "text" else None
    return Event(
        type=kind,
        text=kind,
        start=0,
        end=len(kind),
        status=status,
        sentence=f"A {kind}.",
        sentence_start=0,
        sentence_end=len(kind) + 3,
        place=mention,
        time=time,
        when=when,
        dated_by=dated_by,
    )


def article(id_: str, published: date | None, *events: Event) -> Extraction:
    return Extraction(Article(id=id_, text="x", published=published), events=list(events))


def day(d: date) -> TimeSpan:
    return TimeSpan(d, d, "day")


def before(d: date) -> TimeSpan:
    return TimeSpan(None, d, "unknown")


# --- merging and order --------------------------------------------------------------------------


def test_the_same_event_told_by_two_articles_is_one_entry_with_both_sources():
    a = article("a", date(2023, 9, 19), event("offensive", when=day(date(2023, 9, 19)), dated_by="text"))
    b = article("b", date(2023, 9, 21), event("offensive", when=before(date(2023, 9, 21)), dated_by="publication"))
    (entry,) = build_timeline([a, b])
    assert [s.id for s in entry.sources] == ["a", "b"] and entry.date_label == "2023-09-19"


def test_events_far_apart_in_time_or_in_other_countries_stay_apart():
    old = article("a", date(2023, 11, 8), event("fighting", when=TimeSpan(date(1990, 1, 1), date(1999, 12, 31), "decade"), dated_by="text"))
    new = article("b", date(2023, 11, 8), event("fighting", when=before(date(2023, 11, 8)), dated_by="publication"))
    floods = article("c", date(2023, 11, 1), event("fighting", when=before(date(2023, 11, 1)), dated_by="publication", place=SINDH))
    entries = build_timeline([new, floods, old])
    assert [e.date_label for e in entries] == ["the 1990s", "before 2023-11-01", "before 2023-11-08"]


def test_ordered_by_when_it_happened_not_by_publication():
    late_report = article("a", date(2023, 10, 2), event("mission_deployed", when=day(date(2023, 10, 1)), dated_by="text"))
    early_report = article("b", date(2023, 9, 20), event("offensive", when=day(date(2023, 9, 19)), dated_by="text"))
    undated = article("c", None, event("return"), event("displacement"))
    entries = build_timeline([late_report, undated, early_report])
    assert [e.type for e in entries] == ["offensive", "mission_deployed", "displacement", "return"]
    assert entries[-1].date_label == "date unknown"


def test_an_undated_account_joins_the_event_it_matches_and_a_denial_is_contested():
    dated = article("a", date(2023, 9, 28), event("arrests", when=day(date(2023, 9, 27)), dated_by="text"))
    denied = article("b", None, event("arrests", "denied"))
    (entry,) = build_timeline([dated, denied])
    assert set(entry.statuses) == {"happened", "denied"} and entry.contested


@pytest.mark.parametrize(
    "span, label",
    [
        (TimeSpan(date(2023, 9, 19), date(2023, 9, 19), "day"), "2023-09-19"),
        (TimeSpan(date(2023, 9, 1), date(2023, 9, 30), "month"), "2023-09"),
        (TimeSpan(date(2020, 1, 1), date(2020, 12, 31), "year"), "2020"),
        (TimeSpan(date(1990, 1, 1), date(1999, 12, 31), "decade"), "the 1990s"),
        (TimeSpan(date(2023, 9, 24), date(2023, 9, 26), "day"), "2023-09-24 – 2023-09-26"),
        (TimeSpan(None, date(2023, 11, 8), "unknown"), "before 2023-11-08"),
        (TimeSpan(date(2023, 11, 8), None, "unknown"), "after 2023-11-08"),
        (None, "date unknown"),
    ],
)
def test_span_labels(span, label):
    assert span_label(span) == label


# --- dates that do not add up -------------------------------------------------------------------


def test_an_article_alone_is_never_flagged():
    alone = article("a", date(2023, 11, 8), event("offensive", "under_way", when=before(date(2023, 11, 8)), dated_by="publication"))
    assert date_flags([alone]) == []


def test_current_news_dated_weeks_after_the_event_other_articles_date_is_flagged():
    stale = article("stale", date(2023, 11, 8), event("offensive", "under_way", when=before(date(2023, 11, 8)), dated_by="publication"))
    dated = article("dated", date(2023, 9, 19), event("offensive", when=day(date(2023, 9, 19)), dated_by="text"))
    (flag,) = date_flags([stale, dated])
    assert flag.source.id == "stale" and [s.id for s in flag.against] == ["dated"]
    assert any("dates it to 2023-09-19" in r for r in flag.reasons)


def test_an_article_that_dates_its_own_event_near_publication_is_not_flagged():
    fresh = article(
        "fresh",
        date(2023, 9, 19),
        event("offensive", "under_way", when=before(date(2023, 9, 19)), dated_by="publication"),
        event("offensive", when=day(date(2023, 9, 19)), dated_by="text"),
    )
    aftermath = article("later", None, event("offensive"), event("displacement"), event("authority_dissolved"))
    assert date_flags([fresh, aftermath]) == []


def test_a_later_article_reporting_the_aftermath_does_not_make_an_earlier_one_stale():
    early = article("early", date(2023, 9, 19), event("offensive", "under_way", when=before(date(2023, 9, 19)), dated_by="publication"))
    later = article("later", date(2023, 10, 2), event("offensive"), event("displacement"))
    assert date_flags([early, later]) == []


# --- on the seeds and the synthetic corpus ------------------------------------------------------


@pytest.fixture(scope="module")
def seeds() -> list[Extraction]:
    return list(extract([a for a in read_sources([str(SEEDS)]) if isinstance(a, Article)]))


@pytest.fixture(scope="module")
def synthetic() -> list[Extraction]:
    return list(extract([a for a in read_sources([str(SYNTHETIC)]) if isinstance(a, Article)]))


def test_seed_001_is_flagged_against_seed_000_and_never_alone(seeds):
    (flag,) = date_flags(seeds)
    assert flag.source.published == date(2023, 11, 8) and flag.source.label.startswith("001_")
    assert [s.label[:4] for s in flag.against] == ["000_"]
    reasons = " ".join(flag.reasons)
    assert "under way on its publication date (2023-11-08)" in reasons and "close in on the city" in reasons
    assert "reports the military offensive as over" in reasons and "mission deployed" in reasons
    assert "no article dates the military offensive within 30 days of 2023-11-08" in reasons
    assert all(date_flags([x]) == [] for x in seeds)


def test_with_dated_reports_in_the_store_seed_001_is_flagged_by_their_dates(seeds, synthetic):
    flags = date_flags(seeds + synthetic)
    assert [f.source.label[:4] for f in flags] == ["001_"]  # the synthetic reports add up
    assert any("dates it to 2023-09-19" in r for r in flags[0].reasons)
    assert date_flags(synthetic) == []


def test_the_timeline_of_the_seeds_and_reports(seeds, synthetic):
    entries = build_timeline(seeds + synthetic)
    labels = [(e.date_label, e.type) for e in entries]
    assert labels[:2] == [("the 1990s", "fighting"), ("2020", "fighting")]
    dated = [e for e in entries if e.when is not None and e.when.start is not None]
    assert [e.when.start for e in dated] == sorted(e.when.start for e in dated)  # ordered by when, not by publication
    offensive = next(e for e in entries if e.type == "offensive" and e.date_label == "2023-09-19")
    assert {s.id for s in offensive.sources} >= {"syn-nk-01", "syn-nk-02"}
    mission = next(e for e in entries if e.type == "mission_deployed" and e.date_label == "2023-10-01")
    assert any(s.label.startswith("000_") for s in mission.sources)  # seed 000's mission is the one that arrived
    assert not any(e.country == "PAK" and e.type == "offensive" for e in entries)
