"""A report over mixed input (issue 17): the seeds with 30 GeoWebNews articles and 20 HumSet
excerpts give an index of crises, each headlined by a crisis figure, a table by country, and a
section per crisis; the seeds' crisis keeps the headline, timeline and flag it has alone."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from crisisdesk.analysis.picture import picture_of
from crisisdesk.analysis.stories import build_stories
from crisisdesk.ingest import read_sources
from crisisdesk.model import Article
from crisisdesk.nlp.pipeline import extract
from crisisdesk.report.render import map_view, render_report

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"

pytestmark = pytest.mark.slow


def other_news() -> list[Article]:
    root = ET.parse(SHARED / "eval" / "geowebnews" / "GWN.xml").getroot()
    news = [
        Article(
            id=f"gwn-{i}",
            text=a.find("text").text,
            title=(a.find("title").text or "").strip(),
            url=(a.find("link").text or "").strip(),
            language="en",
            origin=f"gwn.jsonl:{i + 1}",
        )  # fmt: skip
        for i, a in enumerate(list(root)[:30])
    ]
    excerpts = sorted((SHARED / "eval" / "humset" / "text").glob("*.txt"))[:20]
    return news + [Article(id=f"humset-{p.stem}", text=p.read_text(encoding="utf-8"), language="en", origin=p.name) for p in excerpts]


@pytest.fixture(scope="module")
def seeds():
    return list(extract([a for a in read_sources([str(SEEDS)]) if isinstance(a, Article)]))


@pytest.fixture(scope="module")
def mixed(seeds):
    extractions = seeds + list(extract(other_news()))
    return picture_of(extractions, stories=build_stories(extractions))


def test_mixed_input_gives_an_index_of_crises_headlined_by_crisis_figures(mixed):
    assert mixed.several_crises and mixed.area == f"{len(mixed.crises)} crises"
    for crisis in mixed.crises:
        headline = crisis.picture.headline
        assert headline is None or (headline.figure.term != "population" and headline.figure.crisis)
        assert all(t.event.crisis is not False for entry in crisis.picture.timeline for t in entry.tellings)
    assert len(mixed.other_sources) > 0  # unrelated news is kept, not summarised
    assert len(mixed.messages) == len(mixed.crises)  # one overview line per crisis


def test_the_seeds_crisis_keeps_its_headline_timeline_and_flag(seeds, mixed):
    alone = picture_of(seeds, stories=build_stories(seeds))
    seed_ids = {x.article.id for x in seeds}
    (karabakh,) = [c for c in mixed.crises if seed_ids <= set(c.story.articles)]
    assert {s.id for s in karabakh.picture.sources} == seed_ids
    assert [m.text for m in karabakh.picture.messages] == [m.text for m in alone.messages]
    assert karabakh.picture.messages[0].text == "100,000 refugees in Nagorno-Karabakh, about 83% of the population (120,000)."
    assert [(e.label, e.date_label) for e in karabakh.picture.timeline] == [(e.label, e.date_label) for e in alone.timeline]
    assert [f.source.id for f in karabakh.picture.date_flags] == [f.source.id for f in alone.date_flags] != []


def test_the_report_has_the_index_a_table_by_country_and_a_section_per_crisis(mixed, tmp_path):
    paths = render_report(mixed, tmp_path)
    html = paths["html"].read_text(encoding="utf-8")
    assert ">Crises in these reports</h2>" in html and ">By country</h2>" in html
    for crisis in mixed.crises:
        assert f'id="{crisis.anchor}"' in html and f'href="#{crisis.anchor}"' in html
    markdown = paths["markdown"].read_text(encoding="utf-8")
    assert "## Crises in these reports" in markdown and "### Timeline" in markdown


def test_the_mixed_report_names_sources_by_outlet_title_and_date_and_maps_where_the_crises_are(mixed, tmp_path):
    paths = render_report(mixed, tmp_path)
    markdown = paths["markdown"].read_text(encoding="utf-8")
    body = markdown.split("## Sources", 1)[0]
    # No fact cites a file: the seeds and the excerpts by their first words, the news by outlet and title.
    assert ".txt" not in body and "gwn.jsonl" not in body
    # An untitled excerpt is named by its opening words, an unknown date said so (never invented).
    assert re.search(r"\(“[A-Z][^”]{10,} …” \(date unknown\)\)", body), body[:2000]
    html = paths["html"].read_text(encoding="utf-8")
    shown = re.sub(r'title="[^"]*"', "", html.split('<section id="sources">', 1)[0])
    assert ".txt" not in shown and "gwn.jsonl" not in shown  # files only as tooltips
    index = html.split('<section id="countries">', 1)[0]
    assert "Each crisis at the place its own map centres on" in index and index.count("<circle cx=") >= len(mixed.crises) - 1
    # Each crisis's own map is drawn around its own country, the countries shaded.
    for crisis in mixed.crises:
        if crisis.story.country and crisis.picture.mapped_places:
            view = map_view(crisis.picture.places, country=crisis.story.country)
            assert any(
                p.name in {i.place.name for i in crisis.picture.places if i.place.country == crisis.story.country} for p in view.points
            )


def test_the_afrin_shelling_is_no_part_of_the_eastern_ghouta_story(mixed):
    # gwn-1 (Turkish shelling of Afrin) and gwn-17 (the government retakes Eastern Ghouta): Syria, the same weeks
    (ghouta,) = [s for s in mixed.stories if "gwn-17" in s.articles]
    assert "gwn-1" not in ghouta.articles
