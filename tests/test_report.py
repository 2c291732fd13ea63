"""Situation picture and report rendering, on hand-made records (no NLP)."""

import re
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from crisisdesk.analysis.picture import picture_of
from crisisdesk.model import Article, Extraction, Figure, Place, PlaceMention
from crisisdesk.report.render import map_view, render_report

KARABAKH = Place("Nagorno-Karabakh", None, "AZE", 39.83, 46.75, "region", source="curated")
KHANKENDI = Place("Khankendi", 146970, "AZE", 39.8177, 46.7528, "city")
FRANCE = Place("France", 3017382, "FRA", 46.0, 2.0, "country")
TEXT = "100,000 refugees – out of the 120,000 Armenian population – fled the Nagorno-Karabakh enclave."
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def figure(text_start, text_end, quantity, term, place=None, part_of=None, group=None, qualifier="exact") -> Figure:
    return Figure(
        text=TEXT[text_start:text_end],
        start=text_start,
        end=text_end,
        quantity=quantity,
        quantity_max=None,
        qualifier=qualifier,
        unit="people",
        term=term,
        group=group,
        place=place,
        sentence=TEXT,
        sentence_start=0,
        sentence_end=len(TEXT),
        tense="past",
        part_of=part_of,
    )


def extractions(published=None, title=None) -> list[Extraction]:
    karabakh = PlaceMention("Nagorno-Karabakh", 70, 86, KARABAKH, 0.9)
    figures = [figure(0, 16, 100_000, "refugees", karabakh, part_of=1), figure(30, 57, 120_000, "population", karabakh, group="Armenian")]
    article = Article("a1", TEXT, published, title, None, None, "en", "seeds/000.txt")
    other = Article("a2", "Stepanakert and France.", date(2023, 11, 8), "Second <script>alert(1)</script>", None, None, "en", "b.txt")
    places = [PlaceMention("Stepanakert", 0, 11, KHANKENDI, 0.9), PlaceMention("France", 16, 22, FRANCE, 1.0)]
    return [Extraction(article, [karabakh], [], figures), Extraction(other, places)]


def test_key_figures_lead_with_displacement_and_link_their_baseline():
    picture = picture_of(extractions(), now=NOW)
    (headline,) = picture.key_figures
    assert headline.phrase == "100,000 refugees" and headline.share == "83% of 120,000"
    assert [b.figure.quantity for b in picture.baselines] == [120_000]
    assert headline.date_label == "date unknown"
    assert headline.source.label == "000.txt"


def test_places_are_summarised_once_with_their_mentions():
    picture = picture_of(extractions(), now=NOW)
    assert {p.place.name: p.mentions for p in picture.places} == {"Nagorno-Karabakh": 1, "Khankendi": 1, "France": 1}


def test_the_map_fits_the_crisis_area_and_leaves_far_places_off():
    view = map_view(picture_of(extractions(), now=NOW).places)
    assert view.left_off == ["France"]
    assert {p.name for p in view.points} == {"Nagorno-Karabakh", "Khankendi"}
    assert all(0 <= p.x <= 640 and 0 <= p.y <= 360 for p in view.points)
    labelled = [p for p in view.points if p.label_x is not None]
    assert labelled  # the two are 1 km apart: at least one label fits, and none overlap


def test_report_files_are_written_self_contained_and_escaped(tmp_path: Path):
    paths = render_report(picture_of(extractions(), now=NOW), tmp_path / "out")
    html = paths["html"].read_text("utf-8")
    markdown = paths["markdown"].read_text("utf-8")
    assert not re.search(r"""(src|href)=["']?https?://""", html)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>100,000 refugees</mark>" in html
    for document in (html, markdown):
        assert "100,000 refugees" in document and "83% of 120,000" in document
        assert "date unknown" in document and "2023-11-08" in document
        assert "Khankendi" in document and "39.8177" in document


def test_a_dated_source_dates_its_figures_and_an_empty_store_still_reports(tmp_path: Path):
    dated = extractions(published=date(2023, 10, 1), title="Exodus")
    picture = picture_of(dated, now=NOW)
    assert picture.key_figures[0].date_label == "reported 2023-10-01"
    assert picture.key_figures[0].source.label == "Exodus"
    empty = render_report(picture_of([], now=NOW), tmp_path)
    assert "No figure" in empty["markdown"].read_text("utf-8")


def test_qualifiers_are_written_before_the_number():
    ((first, _),) = [tuple(e.figures) for e in extractions()[:1]]
    about = replace(first, qualifier="more_than", part_of=None)
    article = extractions()[0].article
    picture = picture_of([Extraction(article, [], [], [about])], now=NOW)
    assert picture.key_figures[0].phrase == "more than 100,000 refugees"
