"""Stories: the stored articles grouped by crisis, labelled by main event and place, duplicates
counted once; on hand-made extractions (fixed vectors, no model) and on the synthetic corpus and
the seeds through the whole pipeline."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from crisisdesk.analysis.stories import build_stories, stories_json, stories_of_store
from crisisdesk.ingest import read_sources
from crisisdesk.model import Article, Event, Extraction, Figure, Place, PlaceMention, TimeSpan
from crisisdesk.nlp.pipeline import extract

DATA = Path(__file__).resolve().parent / "data"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

KARABAKH = Place("Nagorno-Karabakh", None, "AZE", 39.83, 46.75, "region", source="curated")
STEPANAKERT = Place("Khankendi", 146970, "AZE", 39.8, 46.75, "city")
ARMENIA = Place("Armenia", 174982, "ARM", 40.0, 45.0, "country")
MALAWI = Place("Malawi", 927384, "MWI", -13.5, 34.0, "country")
BLANTYRE = Place("Blantyre", 931754, "MWI", -15.8, 35.0, "city")


def mention(place: Place, adjectival: bool = False) -> PlaceMention:
    return PlaceMention(place.name, 0, len(place.name), place, 1.0, adjectival)


def event(kind: str, status: str = "happened", when: TimeSpan | None = None) -> Event:
    return Event(
        type=kind,
        text=kind,
        start=0,
        end=len(kind),
        status=status,
        sentence=kind,
        sentence_start=0,
        sentence_end=len(kind),
        when=when,
        dated_by="text" if when else None,
    )


def figure(term: str) -> Figure:
    return Figure(
        text="10",
        start=0,
        end=2,
        quantity=10,
        quantity_max=None,
        qualifier="exact",
        unit="people",
        term=term,
        group=None,
        sentence="10 died.",
    )


def x(id_: str, published: date | None, places=(), events=(), figures=(), text: str | None = None) -> Extraction:
    article = Article(id=id_, text=text or f"Report {id_}.", published=published, language="en", title=f"Title {id_}")
    return Extraction(
        article, places=[mention(p) if isinstance(p, Place) else p for p in places], events=list(events), figures=list(figures)
    )


def unit(*values: float) -> np.ndarray:
    v = np.array(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_reports_sharing_places_and_time_are_one_story_labelled_by_main_event_and_place():
    extractions = [
        x("a", date(2023, 9, 19), [KARABAKH, STEPANAKERT], [event("offensive")]),
        x("b", date(2023, 9, 26), [KARABAKH, ARMENIA], [event("displacement"), event("offensive")]),
        x("c", date(2023, 10, 2), [KARABAKH, mention(ARMENIA, adjectival=True)], [event("displacement"), event("offensive", "denied")]),
        x("m", date(2023, 2, 6), [MALAWI, BLANTYRE], figures=[figure("killed"), figure("population")]),
    ]
    vectors = {"a": unit(1, 0.2, 0), "b": unit(1, 0.4, 0), "c": unit(1, 0.3, 0.1), "m": unit(0.3, 0, 1)}
    first, second = build_stories(extractions, vectors)
    assert first.articles == ("a", "b", "c") and first.reports == 3 and first.duplicates == ()
    assert first.main_event == "offensive"  # told by 3 reports (the denial does not count), displacement by 2
    assert first.main_place == KARABAKH and first.country == "AZE"
    assert first.label == "Military offensive — Nagorno-Karabakh"
    assert first.period == TimeSpan(date(2023, 9, 19), date(2023, 10, 2), "day") and first.period_label == "2023-09-19 – 2023-10-02"
    assert second.label == "People killed — Malawi"  # no event: the figures' term; a baseline names nothing


def test_a_shock_event_names_the_story_before_its_consequences_on_a_tie():
    (story,) = build_stories(
        [
            x(
                "a",
                date(2022, 8, 30),
                [Place("Pakistan", 1168579, "PAK", 30.0, 70.0, "country")],
                [event("evacuation"), event("displacement")],
            )
        ],
        {"a": unit(1, 0)},
    )
    assert story.label == "Displacement — Pakistan"


def test_the_same_places_a_year_apart_are_other_stories_and_undated_reports_are_not_held_apart_by_time():
    vectors = {"a": unit(1, 0), "b": unit(1, 0.05), "c": unit(1, 0.1)}
    stories = build_stories(
        [x("a", date(2020, 10, 1), [KARABAKH]), x("b", date(2023, 9, 20), [KARABAKH]), x("c", None, [KARABAKH])], vectors
    )
    assert sorted(s.articles for s in stories) == [("a",), ("b", "c")]  # c joins the closer one, b


def test_period_reaches_back_to_recent_dates_the_text_gives_but_not_to_background():
    since_june = event("displacement", "under_way", TimeSpan(date(2022, 6, 1), date(2022, 8, 30), "month"))
    in_the_1990s = event("fighting", when=TimeSpan(date(1990, 1, 1), date(1999, 12, 31), "decade"))
    (story,) = build_stories([x("a", date(2022, 8, 30), [KARABAKH], [since_june, in_the_1990s])], {"a": unit(1, 0)})
    assert story.period == TimeSpan(date(2022, 6, 1), date(2022, 8, 30), "day")


def test_copies_are_one_report_of_the_story():
    wire = (
        "Heavy rain flooded twelve villages in the north of the province on Monday, and rescue teams in boats reached families on rooftops."
    )
    extractions = [
        x("a", date(2023, 1, 1), [MALAWI], text=wire),
        x("b", date(2023, 1, 1), [MALAWI], text=wire + " (Agency)"),
        x("c", date(2023, 1, 3), [MALAWI, BLANTYRE]),
    ]
    (story,) = build_stories(extractions, {"a": unit(1, 0), "b": unit(1, 0), "c": unit(0.9, 0.3)})
    assert [g.articles for g in story.duplicates] == [("a", "b")] and story.duplicates[0].kinds == ["copy"]
    assert story.reports == 2 and len(story.articles) == 3


def test_no_extractions_no_stories():
    assert build_stories([]) == []


# --- the synthetic corpus and the seeds, through the whole pipeline --------------------------------


@pytest.fixture(scope="module")
def extractions() -> list[Extraction]:
    articles = list(read_sources([str(DATA / "synthetic_news.jsonl"), str(DATA / "synthetic_stories.jsonl"), str(SEEDS)]))
    return list(extract(articles))


@pytest.fixture(scope="module")
def stories(extractions):
    return build_stories(extractions)


def test_the_corpus_holds_three_stories_with_sensible_labels(stories):
    assert [s.label for s in stories] == ["Military offensive — Nagorno-Karabakh", "People killed — Malawi", "Displacement — Pakistan"]
    karabakh, malawi, pakistan = stories
    assert {a for a in karabakh.articles if a.startswith("syn-")} == {
        "syn-nk-01", "syn-nk-01-wire-a", "syn-nk-01-wire-b", "syn-nk-02", "syn-nk-03", "syn-nk-03-fr", "syn-nk-04", "syn-nk-05"
    }  # fmt: skip
    assert malawi.articles == ("syn-mw-01", "syn-mw-02", "syn-mw-03") and pakistan.articles == ("syn-pk-01",)
    assert karabakh.country == "AZE" and malawi.country == "MWI" and pakistan.country == "PAK"


def test_both_seeds_are_the_karabakh_story_and_the_undated_one_does_not_stretch_its_period(extractions, stories):
    seeds = {e.article.id for e in extractions if e.article.origin.startswith(str(SEEDS))}
    assert len(seeds) == 2 and seeds <= set(stories[0].articles)
    assert stories[0].period == TimeSpan(date(2023, 9, 19), date(2023, 11, 8), "day")  # 001 is dated 2023-11-08


def test_copies_and_the_translation_are_counted_once(stories):
    karabakh = stories[0]
    assert [(g.articles, g.kinds) for g in karabakh.duplicates] == [
        (("syn-nk-01", "syn-nk-01-wire-a", "syn-nk-01-wire-b"), ["copy"]),
        (("syn-nk-03", "syn-nk-03-fr"), ["translation"]),
    ]
    assert karabakh.reports == len(karabakh.articles) - 3 == 7


def test_stories_of_the_seeds_alone_is_one_story():
    (story,) = build_stories(extract(a for a in read_sources([str(SEEDS)])))
    assert story.main_place is not None and story.main_place.name == "Nagorno-Karabakh" and story.duplicates == ()


def test_the_store_keeps_the_vectors_and_json_is_complete(extractions, tmp_path, monkeypatch):
    from crisisdesk.analysis import embeddings
    from crisisdesk.store import Store

    store = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    for extraction in extractions:
        store.save(extraction)
    first = stories_of_store(store)
    assert len(store.article_vectors(embeddings.MODEL)) == len(extractions)
    calls = []
    monkeypatch.setattr(embeddings, "article_vectors", lambda articles: calls.append(articles) or {})
    again = stories_of_store(store)
    assert calls == [] and [s.articles for s in again] == [s.articles for s in first]  # read back, not recomputed
    document = json.loads(json.dumps(stories_json(again)))
    karabakh = document["stories"][0]
    assert karabakh["label"] == "Military offensive — Nagorno-Karabakh" and karabakh["period"]["label"] == "2023-09-19 – 2023-11-08"
    assert karabakh["duplicates"][1]["pairs"][0]["kind"] == "translation" and karabakh["reports"] == 7
    store.save(extractions[0])  # saved again: its text may have changed, so its vector goes
    assert extractions[0].article.id not in store.article_vectors(embeddings.MODEL)


SYRIA = Place("Syria", 163843, "SYR", 35.0, 38.0, "country")
AFRIN = Place("‘Afrīn", 174186, "SYR", 36.51, 36.87, "city", admin1="Ḩalab")
ALEPPO_PROVINCE = Place("Ḩalab", 170062, "SYR", 36.4, 37.3, "admin1")
EASTERN_GHOUTA = Place("Eastern Ghouta", None, "SYR", 33.55, 36.42, "region", source="curated")
DOUMA = Place("Dūmā", 170654, "SYR", 33.57, 36.40, "city", admin1="Rīf Dimashq")
HOUSTON = Place("Houston", 4699066, "USA", 29.76, -95.36, "city", admin1="Texas")
BEAUMONT = Place("Beaumont", 4672989, "USA", 30.09, -94.10, "city", admin1="Texas")
MIAMI = Place("Miami", 4164138, "USA", 25.77, -80.19, "city", admin1="Florida")


def placed_event(kind: str, place: Place) -> Event:
    return Event(type=kind, text=kind, start=0, end=len(kind), status="happened", sentence=kind, sentence_start=0,
                 sentence_end=len(kind), place=mention(place))  # fmt: skip


def stories_of_two(first: Place, second: Place, kind: str = "offensive", country: Place = SYRIA) -> list[tuple[str, ...]]:
    """Two reports that read alike (text cosine 0.83; the Afrin and Eastern Ghouta reports of
    GeoWebNews: 0.65), the same week, in one country, their events in the two places."""
    extractions = [
        x("a", date(2018, 3, 5), [country, first], [placed_event(kind, first)]),
        x("b", date(2018, 3, 7), [country, second], [placed_event(kind, second)]),
    ]
    return sorted(s.articles for s in build_stories(extractions, {"a": unit(1, 0.2), "b": unit(1, 1)}))


def test_two_towns_of_one_country_far_apart_are_two_stories():
    # AP, 2018-03: Turkish shelling of Afrin; the government offensive on Eastern Ghouta (Douma)
    assert stories_of_two(AFRIN, EASTERN_GHOUTA) == [("a",), ("b",)]
    assert stories_of_two(AFRIN, DOUMA) == [("a",), ("b",)]
    # Hurricane Irma in Miami and Harvey in Houston: people displaced in one country, far apart
    assert stories_of_two(HOUSTON, MIAMI, "displacement", Place("United States", 6252001, "USA", 39.8, -98.6, "country")) == [
        ("a",),
        ("b",),
    ]


def test_a_town_and_the_area_around_it_or_its_province_are_one_story():
    assert stories_of_two(DOUMA, EASTERN_GHOUTA) == [("a", "b")]  # a town and the region around it
    assert stories_of_two(AFRIN, ALEPPO_PROVINCE) == [("a", "b")]  # a town within its province
    # Harvey displaced people in Houston and Beaumont: two towns of one state
    assert stories_of_two(HOUSTON, BEAUMONT, "displacement", Place("United States", 6252001, "USA", 39.8, -98.6, "country")) == [("a", "b")]


def test_a_report_that_names_no_place_below_the_country_is_not_held_apart():
    extractions = [
        x("a", date(2018, 3, 5), [SYRIA, AFRIN], [placed_event("offensive", AFRIN)]),
        x("b", date(2018, 3, 7), [SYRIA], [placed_event("offensive", SYRIA)]),
    ]
    assert [s.articles for s in build_stories(extractions, {"a": unit(1, 0.2), "b": unit(1, 1)})] == [("a", "b")]
