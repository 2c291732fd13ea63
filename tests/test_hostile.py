"""Hostile and careless input (issue 20): no traceback, no lost or corrupted data, no script in a
report. Each test reproduces one failure the issue lists."""

from __future__ import annotations

import io
import json
import os
import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

import crisisdesk
from crisisdesk import api
from crisisdesk.cli import app
from crisisdesk.ingest import read_sources
from crisisdesk.ingest.readers import read_stdin
from crisisdesk.ingest.text import decode
from crisisdesk.model import Article, Extraction, Figure, IngestError, PlaceMention
from crisisdesk.offsets import OffsetMap
from crisisdesk.store import Store
from crisisdesk.store.schema import articles, figures

runner = CliRunner()

STORY = "Floods displaced 4,400 people in Aceh Jaya district on 8 November, officials said."


def jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return path


def record(i: str, text: str = STORY, **fields) -> dict:
    return {"id": i, "text": text, "published": "2016-11-10", "title": f"Floods {i}"} | fields


def stored_ids(db: str) -> list[str]:
    with Store(db).engine.connect() as connection:
        return sorted(connection.execute(select(articles.c.id)).scalars())


# --- 1. report.md escapes what articles say ---------------------------------------------------

HOSTILE = {
    "title": 'Floods <script>alert(1)</script>\n# Owned\n<img src=x onerror="alert(2)">',
    "text": "Floods displaced 4,400 people <script>alert(3)</script> in Aceh Jaya district on 8 November, [click](javascript:alert(4)) officials said.",
    "url": "javascript:alert(5)",
}


@pytest.mark.slow
def test_report_md_has_no_live_html_link_or_heading_from_article_words(tmp_path):
    db = f"sqlite:///{tmp_path / 's.sqlite'}"
    summary = api.ingest(jsonl(tmp_path / "in.jsonl", record("evil", HOSTILE["text"], title=HOSTILE["title"], url=HOSTILE["url"])), db)
    assert summary.new == 1
    markdown = api.report(db, tmp_path / "out")["markdown"].read_text("utf-8")
    assert "alert(3)" in markdown  # the evidence sentence is there, as text
    for live in ("<script", "<img", "](javascript:", "<javascript:"):
        assert live not in markdown
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert not any("Owned" in line for line in headings)
    assert "&lt;script&gt;" in markdown


def test_md_text_escapes_html_and_markdown_and_keeps_one_line():
    from crisisdesk.report.render import md_code, md_text, md_url

    assert md_text("a <b> & *c*\n# d | e") == "a &lt;b&gt; &amp; \\*c\\* \\# d \\| e"
    assert md_url("https://example.org/a_b") == "<https://example.org/a_b>"
    assert md_url("javascript:alert(1)") == "javascript:alert(1)"  # text, not an autolink
    assert md_url("https://x.org/<script>") == "https://x.org/&lt;script&gt;"
    assert md_code("syn-01_a") == "`syn-01_a`" and md_code("a`b") == "a\\`b"


# --- 2. re-ingesting an id replaces the article and its facts together --------------------------


@pytest.mark.slow
def test_reingesting_an_id_with_other_text_replaces_the_article_row_and_its_facts(tmp_path):
    db = f"sqlite:///{tmp_path / 's.sqlite'}"
    api.ingest(jsonl(tmp_path / "a.jsonl", record("same", STORY)), db)
    other = "In a later report, officials said that 9,100 people had been displaced by floods in Pidie district on 9 November."
    api.ingest(jsonl(tmp_path / "b.jsonl", record("same", other, published="2016-11-12", title="Later")), db)
    (extraction,) = Store(db).extractions()
    assert extraction.article.text == other and extraction.article.published == date(2016, 11, 12) and extraction.article.title == "Later"
    assert [f.quantity for f in extraction.figures] == [9100]
    for fact in extraction.figures:  # offsets point into the text stored with them
        assert other[fact.start : fact.end] == fact.text and other[fact.sentence_start : fact.sentence_end] == fact.sentence


# --- 3. one record never breaks everything -------------------------------------------------------


def test_a_publication_date_in_year_one_is_an_error_for_that_article(tmp_path):
    items = list(read_sources([str(jsonl(tmp_path / "in.jsonl", record("old", published="0001-01-01"), record("ok")))]))
    assert isinstance(items[0], IngestError) and "0001-01-01 out of range" in items[0].reason and items[0].origin.endswith("in.jsonl:1")
    assert isinstance(items[1], Article)


def test_json_nested_100000_deep_is_an_error_for_its_line(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n" + json.dumps(record("ok")) + "\n", "utf-8")
    first, second = read_sources([str(path)])
    assert isinstance(first, IngestError) and "nested too deeply" in first.reason and isinstance(second, Article)
    items = list(read_stdin('{"a":' * 100_000 + "1" + "}" * 100_000))
    assert all(isinstance(i, IngestError) or i.text for i in items)


@pytest.mark.parametrize(
    ("field", "value", "reason"), [("id", "x" * 65, "id longer than 64"), ("text", "Floods\u0000 displaced 10 people.", "NUL character")]
)
def test_an_id_over_64_characters_or_a_nul_byte_is_an_error_naming_the_input(tmp_path, field, value, reason):
    bad = record("bad") | {field: value}
    first, second = read_sources([str(jsonl(tmp_path / "in.jsonl", bad, record("ok")))])
    assert isinstance(first, IngestError) and reason in first.reason and first.origin.endswith("in.jsonl:1")
    assert isinstance(second, Article)


@pytest.mark.slow
@pytest.mark.parametrize("digits", [400, 50_000])
def test_a_huge_number_is_no_figure_and_the_batch_goes_on(tmp_path, digits):
    db = f"sqlite:///{tmp_path / 's.sqlite'}"
    huge = record("huge", f"Floods displaced {'7' * digits} people in Aceh Jaya district on 8 November.")
    summary = api.ingest(jsonl(tmp_path / "in.jsonl", huge, record("ok")), db)
    assert summary.failed == [] and stored_ids(db) == ["huge", "ok"]
    assert runner.invoke(app, ["extract", str(tmp_path / "in.jsonl")]).exit_code == 0
    api.report(db, tmp_path / "out")


def _figure_extraction(article_id: str, quantity: int, published: date | None = date(2016, 11, 10)) -> Extraction:
    sentence = "Floods displaced many people."
    figure = Figure(
        text="many people",
        start=17,
        end=28,
        quantity=quantity,
        quantity_max=None,
        qualifier="",
        unit="people",
        term="displaced",
        group=None,
        sentence=sentence,
        sentence_end=len(sentence),
    )
    return Extraction(Article(article_id, sentence, published, "t", None, None, "en", "x"), [], [], [figure])


def test_a_record_the_database_refuses_is_one_failed_input_and_later_ones_are_stored(tmp_path):
    db = f"sqlite:///{tmp_path / 's.sqlite'}"
    summary = api.ingest([_figure_extraction("a", 10), _figure_extraction("b", 10**400), _figure_extraction("c", 10)], db)
    assert [e.origin for e in summary.failed] == ["x"] and "not stored" in summary.failed[0].reason
    assert "\n" not in summary.failed[0].reason and stored_ids(db) == ["a", "c"]


@pytest.mark.slow
def test_on_postgresql_an_id_over_64_characters_or_a_nul_byte_is_one_failed_input(postgres_url):
    """Records that reach the store without the readers' checks (the Python API): PostgreSQL
    refuses both, and the batch goes on."""
    long_id = _figure_extraction("pg-" + "x" * 62, 10)
    nul = Extraction(Article("pg-nul", "Floods\u0000 displaced many people.", date(2016, 11, 10), "t", None, None, "en", "nul"), [], [], [])
    batch = [_figure_extraction("pg-a", 10), long_id, nul, _figure_extraction("pg-c", 10)]
    summary = api.ingest(batch, postgres_url)
    assert len(summary.failed) == 2 and all("not stored" in e.reason and "\n" not in e.reason for e in summary.failed)
    assert [i for i in stored_ids(postgres_url) if i.startswith("pg-")] == ["pg-a", "pg-c"]


@pytest.mark.slow
def test_a_store_holding_year_one_still_gives_a_timeline_and_a_report(tmp_path):
    """A store written before the range check: the old date must not break the others."""
    db = f"sqlite:///{tmp_path / 's.sqlite'}"
    Store(db).save(_figure_extraction("old", 10, date(1, 1, 1)))
    api.ingest(jsonl(tmp_path / "in.jsonl", record("ok")), db)
    result = runner.invoke(app, ["timeline", "--db", db])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["report", "--db", db, "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output


# --- 5. cost linear in input ----------------------------------------------------------------------


def test_a_long_run_without_white_space_in_a_text_with_accents_is_read_in_linear_time():
    """Found by bench/bench_fuzz.py: the regex that finds the non-ASCII chunks for ftfy was tried
    at every position of a run without white space, so 140 KB of "_" before one accented word took
    110 s to read (the square of the run); now a chunk is only looked at from its start."""
    import time

    from crisisdesk.ingest import make_article
    from crisisdesk.ingest.readers import RawArticle

    text = "_" * 100_000 + " Les réfugiés Ã©taient 4,400 people."
    started = time.process_time()
    article = make_article(RawArticle(text, "run.txt"))
    assert time.process_time() - started < 10  # 0.3 s now; 55 s before
    assert "étaient" in OffsetMap(article.text, article.repairs).text  # the mojibake after the run is still repaired


# --- 6. output amplification ----------------------------------------------------------------------


def _long_sentence_extraction(place: PlaceMention | None = None) -> Extraction:
    """One 31 KB "sentence" (a list read as one) holding 1,000 figures."""
    sentence = " ".join(f"{i} people" for i in range(1, 1001)) + " were displaced."
    sentence = (sentence + " ") * (31_000 // len(sentence) + 1)
    sentence = sentence[:31_000].rstrip()
    figs = []
    for match in list(re.finditer(r"\d+ people", sentence))[:1000]:
        figs.append(
            Figure(
                text=match.group(),
                start=match.start(),
                end=match.end(),
                quantity=int(match.group().split()[0]),
                quantity_max=None,
                qualifier="",
                unit="people",
                term="displaced",
                group=None,
                sentence=sentence,
                sentence_end=len(sentence),
                place=place,
            )
        )
    places = [place] if place is not None else []
    return Extraction(Article("long", sentence, date(2020, 1, 1), "Floods", None, None, "en", "x"), places, [], figs)


def test_a_long_sentence_with_1000_figures_is_stored_once(tmp_path):
    extraction = _long_sentence_extraction()
    path = tmp_path / "s.sqlite"
    store = Store(f"sqlite:///{path}")
    store.save(extraction)
    assert path.stat().st_size < 2_000_000  # was 31 MB: the sentence once per figure
    (back,) = store.extractions()
    assert back.figures == extraction.figures


def test_a_long_evidence_sentence_is_quoted_around_its_fact_and_a_sentence_is_quoted_whole():
    from crisisdesk.export.evidence import ELISION, MAX_EVIDENCE, evidence_parts, evidence_text

    extraction = _long_sentence_extraction()
    for figure in (extraction.figures[0], extraction.figures[500], extraction.figures[-1]):
        before, words, after = evidence_parts(figure)
        assert words == figure.text and len(before + words + after) <= MAX_EVIDENCE + 2 * (len(ELISION) + 1)
        quoted = evidence_text(figure)
        assert (figure is not extraction.figures[0]) == quoted.startswith(ELISION + " ")
        body = quoted.removeprefix(ELISION + " ").removesuffix(" " + ELISION)
        at = figure.sentence.find(body)  # cut, not changed, and cut at white space
        assert at >= 0 and (at == 0 or figure.sentence[at - 1] == " ") and figure.sentence[at + len(body) : at + len(body) + 1] in ("", " ")
    short = _figure_extraction("a", 10).figures[0]
    assert evidence_parts(short) == ("Floods displaced ", "many people", ".") and evidence_text(short) == short.sentence


#: What one output may weigh for the 31 KB sentence with 1,000 figures (it was 31-96 MB each: the
#: sentence once per figure, and twice in report.json); about 1 MB each now, 3.5 MB for report.json.
OUTPUT_BOUND = 2_000_000


def test_every_export_of_a_long_sentence_with_1000_figures_stays_small():
    from crisisdesk.export.evidence import ELISION
    from crisisdesk.export.formats import FORMATS, export_bytes
    from crisisdesk.export.records import ExportData
    from crisisdesk.model import Place, PlaceMention

    aceh = PlaceMention("Aceh Jaya", 0, 9, Place("Aceh Jaya", 1214, "IDN", 4.8, 95.6, "admin2"))
    data = ExportData([_long_sentence_extraction(aceh)])
    for fmt in FORMATS:
        out = export_bytes(data, fmt)
        assert len(out) < OUTPUT_BOUND, (fmt, len(out))  # hxl, csv, geojson, jsonl: 31 MB each before
        if fmt != "xlsx":
            assert ELISION in out.decode("utf-8") and "500 people" in out.decode("utf-8"), fmt
    line = json.loads(export_bytes(data, "jsonl"))
    assert all(f["sentence_cut"] for f in line["figures"]) and line["figures"][0]["sentence_end"] == 31_000


def test_the_web_api_article_of_a_long_sentence_with_1000_figures_stays_small(tmp_path):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from crisisdesk.web.app import create_app

    db = f"sqlite:///{tmp_path / 's.sqlite'}"
    Store(db).save(_long_sentence_extraction())
    response = TestClient(create_app(db, warm=False), client=("127.0.0.1", 50000)).get("/api/articles/long")
    assert response.status_code == 200 and len(response.content) < OUTPUT_BOUND  # 31 MB before
    article = response.json()
    assert len(article["text"]) == 31_000 and all(f["sentence_cut"] for f in article["figures"])


@pytest.mark.slow
def test_the_report_of_a_long_sentence_with_1000_figures_stays_small(tmp_path):
    db = f"sqlite:///{tmp_path / 's.sqlite'}"
    Store(db).save(_long_sentence_extraction())
    paths = api.report(db, tmp_path / "out")
    assert paths["json"].stat().st_size < 2.5 * OUTPUT_BOUND  # 63 MB before (96 MB in the store)
    assert paths["markdown"].stat().st_size < OUTPUT_BOUND and paths["html"].stat().st_size < OUTPUT_BOUND  # 31 MB each before
    report = json.loads(paths["json"].read_text("utf-8"))
    figure = report["key_figures"][0]["figure"]
    assert figure["sentence_cut"] is True and figure["text"] in figure["sentence"] and figure["sentence_end"] == 31_000


# --- 7. limits ---------------------------------------------------------------------------------------


def test_stdin_over_the_limit_is_refused_without_reading_on():
    stream = io.StringIO("x" * 10_000)
    (error,) = read_sources(["-"], max_bytes=1000, stdin=stream)
    assert error.origin == "-" and "too large" in error.reason and stream.tell() <= 1001


@pytest.mark.parametrize("kind", ["dev-zero", "fifo"])
def test_a_device_or_a_fifo_is_refused_not_read_forever(tmp_path, kind):
    path = tmp_path / "article.txt"
    if kind == "dev-zero":
        path.symlink_to("/dev/zero")
    else:
        os.mkfifo(path)
    (error,) = read_sources([str(path)])
    assert error.origin == str(path) and "not a regular file" in error.reason


# --- 8. the smaller ones ------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_database_password_is_never_printed(postgres_url, tmp_path):
    with_password = postgres_url.replace("crisisdesk@", "crisisdesk:hunter2secret@")
    source = jsonl(tmp_path / "in.jsonl", record("pw"))
    for args in (["ingest", str(source), "--db", with_password], ["ingest", str(source), "--db", with_password, "--json"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert "hunter2secret" not in result.output and "***" in result.output


def test_rich_markup_in_titles_and_ids_is_printed_as_text(tmp_path, monkeypatch):
    class Fake:  # what the table reads of a story
        label, period_label, reports, articles, duplicates = "[link=https://evil.example]x[/link] [/bold]", "2020", 1, ["[red]id[/red]"], []

    monkeypatch.setattr(api, "stories", lambda db: [Fake()])
    result = runner.invoke(app, ["stories", "--db", f"sqlite:///{tmp_path / 's.sqlite'}"])
    assert result.exit_code == 0, result.output
    assert "[/bold]" in result.output and "[red]id[/red]" in result.output


def test_rich_markup_in_the_timeline_is_printed_as_text(tmp_path, monkeypatch):
    from crisisdesk.analysis import timeline as timeline_module

    class Source:
        label = citation = short_citation = "[link=https://evil.example]outlet[/link] ([/bold]2020)"

    class Telling:
        class event:
            text = "[italic]said"

    class Entry:  # what the table reads of an entry
        date_label, label, actors, places = "[red]8 Nov[/red]", "[blink]displacement", ["[/]"], ["[link=file:///etc]Goma[/link]"]
        statuses, evidence = {"happened": [Source()]}, Telling()

    class Flag:
        source, reasons = Source(), ["[bold]dates[/bold] do not fit"]

    monkeypatch.setattr(api, "timeline", lambda db: ([Entry()], [Flag()]))
    monkeypatch.setattr(timeline_module, "quote", lambda evidence, context=90: "[italic]they said[/italic]")
    result = runner.invoke(app, ["timeline", "--db", f"sqlite:///{tmp_path / 's.sqlite'}"], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    for text in ("[red]8 Nov[/red]", "[/bold]2020", "[italic]they said[/italic]", "[bold]dates[/bold]", "[link=https://evil.example]"):
        assert text in result.output


def test_piped_jsonl_with_one_truncated_line_is_an_error_for_that_line():
    text = json.dumps(record("a")) + "\n" + json.dumps(record("b"))[:40] + "\n" + json.dumps(record("c")) + "\n"
    items = list(read_stdin(text))
    assert [type(i).__name__ for i in items] == ["RawArticle", "IngestError", "RawArticle"]
    assert items[1].origin == "-:2"


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_a_jsonl_record_with_a_unicode_line_separator_in_its_text_is_one_record(tmp_path, separator):
    """Found by bench/bench_fuzz.py: JSON allows U+2028, U+2029 and U+0085 unescaped in a string
    (ensure_ascii=False writers leave them), and str.splitlines cut the record there."""
    text = f"Floods displaced 4,400 people{separator} in Aceh Jaya district on 8 November."
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(record("a", text), ensure_ascii=False) + "\n" + json.dumps(record("b")) + "\n", "utf-8")
    first, second = read_sources([str(path)])
    assert isinstance(first, Article) and first.id == "a" and separator in first.text
    assert isinstance(second, Article) and second.origin.endswith("in.jsonl:2")
    piped = [i for i in read_stdin(path.read_text("utf-8")) if not isinstance(i, IngestError)]
    assert len(piped) == 2 and separator in piped[0].text


def test_a_csv_field_over_131072_characters_is_read_and_later_rows_kept(tmp_path):
    path = tmp_path / "big.csv"
    long_text = STORY + " " + "More words. " * 15_000
    path.write_text(f'id,text\nlong,"{long_text}"\nnext,"{STORY}"\n', "utf-8")
    items = list(read_sources([str(path)]))
    assert [i.id for i in items if isinstance(i, Article)] == ["long", "next"]


HTML_NO_DATE = """<html><head><title>Floods in Aceh</title></head><body>
<article><h1>Floods in Aceh</h1><p>Floods displaced 4,400 people in Aceh Jaya district on Monday, officials said on the
day, and more rain is expected in the coming week across the northern districts of the province.</p>
<p>The disaster agency said shelters were opened in three villages and that food was being delivered by boat.</p></article>
<footer>Copyright 2019 Example News. All rights reserved.</footer></body></html>"""


@pytest.mark.slow
def test_an_html_page_with_no_date_does_not_take_the_copyright_year(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML_NO_DATE, "utf-8")
    (article,) = read_sources([str(path)])
    assert isinstance(article, Article) and article.published is None


@pytest.mark.slow
def test_a_page_of_navigation_links_is_not_an_article(tmp_path):
    links = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(40))
    path = tmp_path / "nav.html"
    path.write_text(f"<html><body><nav><ul>{links}</ul></nav><main><ul>{links}</ul></main></body></html>", "utf-8")
    (item,) = read_sources([str(path)])
    assert isinstance(item, IngestError) and item.origin == str(path)


def test_dev_py_run_installs_the_postgresql_driver(monkeypatch):
    import importlib.util

    spec = importlib.util.spec_from_file_location("dev_script", Path(__file__).resolve().parents[1] / "dev.py")
    dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev)
    asked = []
    monkeypatch.setattr(dev, "ensure_installed", lambda extras="": asked.append(extras))
    monkeypatch.setattr(dev, "sh", lambda *args: None)
    dev.run_main_job()
    assert asked and "postgres" in asked[0].split(",")


def _one_line_error(result) -> str:
    assert result.exit_code != 0 and "Traceback" not in result.output, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error")]
    assert len(errors) == 1, result.output
    return errors[0]


@pytest.mark.parametrize(
    "db", ["not a url://x", "nosuchdb://u:pw@h/d", "postgresql+psycopg://u:secretpw@127.0.0.1:1/d", "/nonexistent/dir/s.sqlite"]
)
def test_a_bad_database_is_a_one_line_error(tmp_path, db):
    line = _one_line_error(runner.invoke(app, ["report", "--db", db, "--out", str(tmp_path / "out")]))
    assert "database" in line and "secretpw" not in line and "pw@" not in line


@pytest.mark.parametrize("out", ["file", "under-a-file"])
def test_an_out_that_is_a_file_or_cannot_be_made_is_a_one_line_error(tmp_path, out):
    (tmp_path / "file").write_text("x")
    target = tmp_path / "file" if out == "file" else tmp_path / "file" / "report"
    line = _one_line_error(runner.invoke(app, ["report", "--db", f"sqlite:///{tmp_path / 's.sqlite'}", "--out", str(target)]))
    assert str(tmp_path / "file") in line


def test_invalid_utf8_given_to_geocode_is_a_one_line_error(tmp_path):
    path = tmp_path / "spans.jsonl"
    path.write_bytes(b'{"id": "1", "text": "Beira \xff", "spans": [[0, 5]]}\n')
    line = _one_line_error(runner.invoke(app, ["geocode", str(path)]))
    assert str(path) in line and "UTF-8" in line


def test_a_utf8_file_with_one_stray_byte_is_utf8_with_a_replacement_and_a_warning():
    warnings: list[str] = []
    text = decode("Les réfugiés à Goma, déplacés: 4 400 personnes.".encode() + b" \x92 fin", warnings)
    assert "réfugiés" in text and "\ufffd" in text and len(warnings) == 1
    assert decode("café ’ok’".encode("cp1252")) == "café ’ok’"  # legacy files still read


def test_utf16_and_utf32_with_a_bom_are_read():
    assert decode("Floods in Aceh: 4,400 displaced.".encode("utf-16")) == "Floods in Aceh: 4,400 displaced."
    assert decode("Floods in Goma.".encode("utf-32")) == "Floods in Goma."


@pytest.mark.slow
@pytest.mark.parametrize("invisible", ["\u200b", "\u00ad", "\u2060"])
def test_an_invisible_character_inside_a_number_does_not_split_the_figure(invisible):
    text = f"Floods displaced 12{invisible}000 people in Aceh Jaya district on 8 November."
    extraction = crisisdesk.extract_text(text, published="2016-11-10")
    assert [f.quantity for f in extraction.figures] == [12000]
    (figure,) = extraction.figures
    assert text[figure.start : figure.end].replace(invisible, "") == "12000 people"


FRENCH = "Les inondations ont déplacé 4 400 personnes dans le district d'Aceh Jaya le 8 novembre, selon les autorités locales qui ont ouvert des abris."


SPANISH = "Las inundaciones desplazaron a 4.400 personas en el distrito de Aceh Jaya el 8 de noviembre, según las autoridades locales, que abrieron refugios."


@pytest.mark.slow
@pytest.mark.parametrize(("language", "text"), [("fr", FRENCH), ("es", SPANISH)])
def test_a_french_or_spanish_article_is_reported_and_counted(tmp_path, language, text):
    source = jsonl(tmp_path / "in.jsonl", record(language, text), record("en"))
    result = runner.invoke(app, ["ingest", str(source), "--db", f"sqlite:///{tmp_path / 's.sqlite'}"])
    assert result.exit_code == 0, result.output
    assert f"language {language}: no extraction rules yet" in result.output and "1 in a language without extraction rules" in result.output
    result = runner.invoke(app, ["ingest", str(source), "--db", f"sqlite:///{tmp_path / 's.sqlite'}", "--json"])
    assert json.loads(result.stdout.splitlines()[-1])["unsupported_languages"] == {language: 1}


def test_figures_table_holds_evidence_offsets_not_copies(tmp_path):
    """The store keeps the sentence in the article only; SQL users still get it from the offsets."""
    path = tmp_path / "s.sqlite"
    store = Store(f"sqlite:///{path}")
    store.save(_figure_extraction("a", 10))
    with store.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(figures).where(figures.c.sentence != "")).scalar_one() == 0
    assert next(store.extractions()).figures[0].sentence == "Floods displaced many people."
