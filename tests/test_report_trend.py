"""The inline trend of a reconciled question, and sources named by outlet, title and date."""

from __future__ import annotations

from datetime import date

from tests.test_reconcile_questions import SUDAN, told

from crisisdesk.analysis.reconcile import reconcile
from crisisdesk.analysis.sources import Source
from crisisdesk.report.render import source_html, trend_svg


def test_a_question_told_on_two_dates_gets_a_dot_per_figure_and_one_date_gets_none():
    keys = [
        told("a", "Some 20,000 people fled Sudan.", "20,000 people", 20_000, "displaced", SUDAN, day=date(2024, 5, 1)),
        told("b", "Some 45,000 people fled Sudan.", "45,000 people", 45_000, "displaced", SUDAN, day=date(2024, 6, 1)),
    ]
    (answer,) = reconcile(keys, [], {})
    svg = trend_svg(answer)
    assert svg.startswith("<svg") and svg.count("<circle") == 2 and "2024-05-01" in svg and "2024-06-01" in svg
    (single,) = reconcile(keys[:1], [], {})
    assert trend_svg(single) == ""


def test_a_source_is_named_by_outlet_title_and_date_with_its_file_as_a_tooltip():
    archived = Source(
        "x",
        "Teen shot <at> party",
        date(2015, 9, 10),
        "en",
        "gva/articles.jsonl:3",
        "http://web.archive.org/web/2015/http://www.saukvalley.com/2015/x",
        "articles.jsonl",
    )
    assert archived.outlet == "saukvalley.com"  # the archived site, not the archive nor the file
    assert archived.citation == "saukvalley.com: Teen shot <at> party (2015-09-10)"
    html = source_html(archived)
    assert 'title="gva/articles.jsonl:3"' in html and "&lt;at&gt;" in html


def test_untitled_excerpts_are_told_apart_by_their_first_words():
    from crisisdesk.analysis.sources import source_of
    from crisisdesk.model import Article

    first = source_of(
        Article(id="h1", text="Ground fighting in Al Bayda Governorate escalated during the reporting period.", origin="h.jsonl:1")
    )
    second = source_of(
        Article(id="h2", text="On 31 June, a humanitarian convoy bound for Al Hudaydah counted 70 vehicles.", origin="h.jsonl:2")
    )
    assert first.citation == "“Ground fighting in Al Bayda Governorate escalated during …” (date unknown)"
    assert second.citation != first.citation
    titled = source_of(Article(id="t", text="Floods displaced 4,400 people.", title="Floods in Kenya", origin="t.txt"))
    assert titled.citation == "Floods in Kenya (date unknown)"


def test_country_outlines_are_decoded_from_delta_encoded_topojson_and_kept_to_the_view(tmp_path, monkeypatch):
    import json

    from crisisdesk.report import render

    # One square country from two arcs (the second reversed), quantised by 0.5 degrees.
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.5], "translate": [40, 30]},
        "arcs": [[[0, 0], [4, 0], [0, 4]], [[0, 0], [4, 0], [0, 4]]],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [{"type": "Polygon", "arcs": [[0, ~1]], "properties": {"name": "Squareland"}}],
            }
        },
    }
    (tmp_path / "countries-110m.json").write_text(json.dumps(topology))
    monkeypatch.setattr(render, "WORLD_ATLAS", tmp_path)
    render.country_rings.cache_clear()
    ((name, rings),) = render.country_rings("110m")
    assert name == "Squareland" and rings[0] == ((40, 30), (42, 30), (42, 32), (42, 30), (40, 30))
    paths = render.country_outlines(lambda lat, lon: (lon, lat), (39, 29, 43, 33))
    assert paths == [("Squareland", "M40.0,30.0L42.0,30.0L42.0,32.0L42.0,30.0L40.0,30.0Z")]
    assert render.country_outlines(lambda lat, lon: (lon, lat), (0, 0, 10, 10)) == []  # elsewhere: not drawn
    render.country_rings.cache_clear()


def test_a_plain_text_is_named_by_what_it_honestly_says_of_itself():
    """A .txt with no metadata: its first line when it reads as a headline, the agency of its
    dateline as the outlet, its first sentence's words otherwise; never a date it does not give."""
    from crisisdesk.analysis.sources import source_of
    from crisisdesk.model import Article

    wire = source_of(
        Article(
            id="w", text="Floods displace thousands in Kenya\nNAIROBI (Reuters) - Floods have displaced 4,400 people.", origin="in/w.txt"
        )
    )
    assert (wire.title, wire.headline, wire.outlet) == (None, "Floods displace thousands in Kenya", "Reuters")
    assert wire.citation == "Reuters: Floods displace thousands in Kenya (date unknown)" and wire.published is None
    dateline = source_of(Article(id="d", text="BEIRUT (AP) — A Kurdish militia spokesman says Turkey has shelled a city.", origin="d.txt"))
    assert dateline.citation == "AP: “A Kurdish militia spokesman says Turkey has shelled …” (date unknown)"
    # A first line that is a sentence is no headline: the opening names it, cut at its first sentence.
    seed = source_of(
        Article(id="s", text="Yemen is the world’s largest humanitarian crisis. Some 22.2 million people\nare in need.", origin="s.txt")
    )
    assert seed.headline is None and seed.citation == "“Yemen is the world’s largest humanitarian crisis. …” (date unknown)"
    assert "s.txt" not in seed.citation and seed.file == "s.txt"
    assert source_of(Article(id="e", text="", origin="dir/empty.txt")).citation == "empty.txt (date unknown)"
    # A table cell listing several reports names each by outlet (or first words) and date.
    assert wire.short_citation == "Reuters (date unknown)" and seed.short_citation == "“Yemen is the world’s largest …” (date unknown)"


def test_the_report_cites_sources_by_outlet_title_and_date_with_the_file_only_as_a_tooltip(tmp_path):
    from tests.test_report import NOW, extractions

    from crisisdesk.analysis.picture import picture_of
    from crisisdesk.report.render import render_report

    paths = render_report(picture_of(extractions(), now=NOW), tmp_path)
    markdown = paths["markdown"].read_text("utf-8")
    overview = markdown.split("## Overview", 1)[1].split("\n## ", 1)[0]
    # The seed-like article has no title: its first words name it, not "000.txt".
    assert "_(“100,000 refugees – out of the 120,000 Armenian …” (date unknown))_" in overview
    body = markdown.split("## Sources", 1)[0]
    assert "000.txt" not in body  # the file only in the Sources table's "Read from"
    html = paths["html"].read_text("utf-8")
    assert 'title="seeds/000.txt">“100,000 refugees – out of the 120,000 Armenian …” (date unknown)</span>' in html
    import json

    report = json.loads(paths["json"].read_text("utf-8"))
    assert report["messages"][0]["cited"] == ["“100,000 refugees – out of the 120,000 Armenian …” (date unknown)"]
    assert report["key_figures"][0]["cited"].endswith("(date unknown)")
