"""Situation picture and report rendering, on hand-made records (no NLP)."""

import re
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from crisisdesk.analysis.picture import PlaceSummary, picture_of
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


def test_every_fact_is_a_report_option_of_the_cli_and_the_api_with_other_facts_marked(tmp_path: Path):
    """ "The rest stays in the store, visible on request" (issue 17): by default a road toll and a
    house fire are only listed among all the figures; ``--every-fact`` reconciles them and puts them
    on the timeline, marked as no crisis fact."""
    import json

    from tests.test_picture_relevance import FIRE, FLOOD, ROAD_TOLL
    from typer.testing import CliRunner

    from crisisdesk import api
    from crisisdesk.cli import app

    db = f"sqlite:///{tmp_path / 's.sqlite'}"
    api.ingest([*ROAD_TOLL, FIRE, FLOOD], db)
    default = api.report(db, tmp_path / "default")
    every = api.report(db, tmp_path / "every", every_fact=True)

    def section(path: Path, heading: str) -> str:
        text = path.read_text("utf-8")
        return text.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]

    assert "361" not in section(default["markdown"], "Headline figures") and "killed" not in section(default["markdown"], "Timeline")
    assert "(not a crisis figure)" in section(default["markdown"], "All figures, report by report")
    headline_rows = section(every["markdown"], "Headline figures")
    assert "killed — Kenya (not a crisis figure) | **361**" in headline_rows
    assert "fled or displaced — Kenya |" in headline_rows  # the crisis figure is not marked
    assert "people killed (not a crisis event)" in section(every["markdown"], "Timeline")
    assert "not a crisis event" in every["html"].read_text("utf-8")

    out = tmp_path / "cli"
    result = CliRunner().invoke(app, ["report", "--db", db, "--out", str(out), "--every-fact", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert {r["question"] for r in report["reconciled"]} == {"killed", "evacuated", "fled or displaced"}
    assert [r["best"]["crisis"] for r in report["reconciled"] if r["question"] == "killed"] == [False]
    plain = CliRunner().invoke(app, ["report", "--db", db, "--out", str(tmp_path / "plain"), "--json"])
    assert plain.exit_code == 0 and [r["question"] for r in json.loads((tmp_path / "plain" / "report.json").read_text())["reconciled"]] == [
        "fled or displaced"
    ]


def test_a_country_named_alone_is_mapped_on_its_outline_not_a_degree_around_its_centre():
    yemen = Place("Yemen", 69543, "YEM", 15.5, 47.5, "country")
    view = map_view([PlaceSummary(yemen, ("Yemen",), 3, 1)])
    if not view.outlines:  # no Natural Earth outlines installed: nothing to span
        return
    # The old view spanned 14.5–16.5°N, 46.5–48.5°E (a degree around the point); Yemen's mainland
    # reaches from 12.6°N to 19°N and from 42.6°E to 53°E.
    west, south, east, north = view.bounds
    assert south < 13 and north > 18.5 and west < 43 and east > 52.5
    assert "Yemen" in view.shaded


def test_each_crisis_map_centres_on_its_own_country_and_the_overview_shows_every_crisis():
    from crisisdesk.report.render import crises_view

    canada = Place("Canada", 6251999, "CAN", 60.0, -95.0, "country")
    libya = Place("Libya", 2215636, "LBY", 25.0, 17.0, "country")
    tripoli = Place("Tripoli", 2210247, "LBY", 32.9, 13.2, "city")
    places = [PlaceSummary(canada, ("Canada",), 4, 1), PlaceSummary(libya, ("Libya",), 3, 1), PlaceSummary(tripoli, ("Tripoli",), 1, 1)]
    assert map_view(places).left_off == ["Libya", "Tripoli"]  # the most mentioned, far away, took the map
    view = map_view(places, country="LBY")
    assert {p.name for p in view.points} == {"Libya", "Tripoli"} and view.left_off == ["Canada"]

    class Story:
        def __init__(self, country):
            self.country, self.id, self.label = country, country, country

    class Crisis:
        def __init__(self, country, places):
            self.story, self.picture = Story(country), type("P", (), {"places": places})()

    overview = crises_view([Crisis("LBY", places), Crisis("AZE", [PlaceSummary(KHANKENDI, ("Stepanakert",), 2, 1)])])
    assert {p.name for p in overview.points} == {"1. Libya", "2. Khankendi"} and overview.left_off == []


def test_the_terminal_timeline_cuts_a_long_sentence_around_the_event_words():
    from crisisdesk.analysis.sources import source_of
    from crisisdesk.analysis.timeline import Telling
    from crisisdesk.cli import TIMELINE_QUOTE_CONTEXT, evidence_line
    from crisisdesk.model import Event

    sentence = (
        " ".join(["Officials of the regional authority said on Tuesday"] * 6)
        + " that 4,000 people fled the town "
        + " ".join(["after the river broke its banks and roads were cut"] * 6)
    )
    at = sentence.index("fled")
    event = Event(type="displacement", text="fled", start=at, end=at + 4, status="happened", sentence=sentence, sentence_end=len(sentence))
    telling = Telling(event, source_of(Article("a", sentence, origin="a.txt")), None)
    line = evidence_line(telling)
    assert "fled" in line.plain and line.plain.startswith("…") and line.plain.endswith("…")
    assert len(line.plain) <= 2 * TIMELINE_QUOTE_CONTEXT + len("fled") + 2 < len(sentence) / 3
    assert any(span.style == "bold" and line.plain[span.start : span.end] == "fled" for span in line.spans)
