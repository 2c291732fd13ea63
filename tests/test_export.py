"""Exports as other tools read them: libhxl reads and validates the HXL, the GeoJSON validates
against the RFC 7946 schema, openpyxl opens the workbook, and each carries the corrections."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisisdesk.cli import app
from crisisdesk.export.formats import export_bytes
from crisisdesk.export.records import export_data
from crisisdesk.store.corrections import Correction, CorrectionLog
from workspace_data import TEXT, make_store, span


@pytest.fixture
def store(tmp_path: Path):
    store = make_store(tmp_path)
    log = CorrectionLog(store)
    log.add(
        Correction(
            "karabakh1",
            "figures",
            *span(TEXT, "100,000 refugees"),
            "edit",
            "Ana Analyst",
            term="displaced",
            date_start=date(2023, 9, 24),
            note="fled, not crossed a border",
        )
    )
    log.add(Correction("karabakh1", "figures", *span(TEXT, "51,000 inhabitants"), "wrong", "Ben"))
    return store


def test_libhxl_reads_and_validates_the_hxl_export(store, tmp_path: Path):
    hxl = pytest.importorskip("hxl")
    path = tmp_path / "figures.hxl.csv"
    path.write_bytes(export_bytes(export_data(store), "hxl"))
    dataset = hxl.data(str(path), hxl.InputOptions(allow_local=True))
    tags = [c.display_tag for c in dataset.columns]
    for tag in ("#affected+displaced", "#inneed", "#population", "#adm1+name", "#country+code", "#date+reported", "#meta+source"):
        assert tag in tags
    rows = list(dataset)
    assert len(rows) == 3  # the figure marked wrong is left out
    displaced = next(r for r in rows if r.get("#affected+displaced"))
    assert displaced.get("#affected+displaced") == "100000" and not displaced.get("#affected+refugees")
    assert displaced.get("#country+code") == "AZE" and displaced.get("#date+start") == "2023-09-24"
    assert displaced.get("#contact+correction") == "Ana Analyst" and "term → displaced" in displaced.get("#meta+correction")
    assert hxl.validate(hxl.data(str(path), hxl.InputOptions(allow_local=True)))["is_valid"]


def test_the_geojson_export_validates_against_its_schema(store):
    jsonschema = pytest.importorskip("jsonschema")
    collection = json.loads(export_bytes(export_data(store), "geojson"))
    schema = json.loads(resources.files("crisisdesk.schema").joinpath("geojson.schema.json").read_text("utf-8"))
    jsonschema.validate(collection, schema, format_checker=jsonschema.FormatChecker())
    by_name = {f["properties"]["name"]: f for f in collection["features"]}
    karabakh = by_name["Nagorno-Karabakh"]
    assert karabakh["geometry"]["coordinates"] == [46.75, 39.83]  # GeoJSON is longitude first
    terms = sorted(f["term"] for f in karabakh["properties"]["figures"])
    assert terms == ["displaced", "population"]
    assert next(f for f in karabakh["properties"]["figures"] if f["term"] == "displaced")["corrected_by"] == "Ana Analyst"


def test_the_schema_refuses_latitude_first_points(store):
    jsonschema = pytest.importorskip("jsonschema")
    collection = json.loads(export_bytes(export_data(store), "geojson"))
    schema = json.loads(resources.files("crisisdesk.schema").joinpath("geojson.schema.json").read_text("utf-8"))
    collection["features"][0]["geometry"]["coordinates"] = [12.0, 181.0]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(collection, schema)


def test_the_workbook_opens_with_openpyxl_with_a_sheet_per_fact_type(store):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(export_data(store), "xlsx")))
    assert book.sheetnames == ["Figures", "Events", "Conditions", "Claims", "Places", "Articles", "Corrections"]
    header = [c.value for c in book["Figures"][1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in book["Figures"].iter_rows(min_row=2)]
    assert {r["term"] for r in rows} == {"displaced", "population"}
    assert [c.value for c in book["Events"][2]][header.index("article_id")] == "karabakh1"
    corrections = list(book["Corrections"].iter_rows(min_row=2, values_only=True))
    assert [row[list(c.value for c in book["Corrections"][1]).index("author")] for row in corrections] == ["Ana Analyst", "Ben"]


def test_article_text_never_becomes_an_excel_formula(tmp_path: Path):
    openpyxl = pytest.importorskip("openpyxl")
    import dataclasses

    from crisisdesk.export.records import ExportData
    from workspace_data import karabakh_extraction

    extraction = karabakh_extraction()
    extraction = dataclasses.replace(extraction, article=dataclasses.replace(extraction.article, title='=HYPERLINK("http://evil","x")'))
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(ExportData([extraction]), "xlsx")))
    titles = [row[2] for row in book["Articles"].iter_rows(min_row=2, values_only=True)]
    assert titles == ['\'=HYPERLINK("http://evil","x")'] and book["Articles"]["C2"].data_type == "s"


def test_csv_and_jsonl_carry_the_corrections(store):
    data = export_data(store)
    rows = list(csv.DictReader(io.StringIO(export_bytes(data, "csv").decode())))
    assert [(r["figure_text"], r["term"], r["corrected_by"]) for r in rows if r["article_id"] == "karabakh1"] == [
        ("100,000 refugees", "displaced", "Ana Analyst"),
        ("120,000 Armenian population", "population", ""),
    ]
    lines = [json.loads(line) for line in export_bytes(data, "jsonl").decode().splitlines()]
    karabakh = next(line for line in lines if line["id"] == "karabakh1")
    assert [f["term"] for f in karabakh["figures"]] == ["displaced", "population"]
    assert [c["action"] for c in karabakh["corrections"]] == ["edit", "wrong"]


def test_the_cli_exports_each_format_and_one_story(store, tmp_path: Path):
    runner = CliRunner()
    db = store.url
    for fmt in ("hxl", "csv", "geojson", "jsonl"):
        result = runner.invoke(app, ["export", "--format", fmt, "--db", db])
        assert result.exit_code == 0, result.output
        assert result.stdout.strip()
    out = tmp_path / "all.xlsx"
    assert runner.invoke(app, ["export", "--format", "xlsx", "--db", db, "--out", str(out)]).exit_code == 0
    assert out.read_bytes()[:2] == b"PK"
    assert runner.invoke(app, ["export", "--format", "pdf", "--db", db]).exit_code == 2
    unknown = runner.invoke(app, ["export", "--format", "csv", "--db", db, "--story", "no such crisis anywhere"])
    assert unknown.exit_code == 2 and "no story" in unknown.output
