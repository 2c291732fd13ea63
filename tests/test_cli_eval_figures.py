"""`crisisdesk eval figures --docs` and `crisisdesk eval quantities` end to end on tiny gold."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisisdesk.cli import app

runner = CliRunner()
TEXT = "Floods in Beira displaced about 2,000 people on Monday, officials said."


def test_eval_figures_wants_either_gold_or_docs(tmp_path: Path):
    result = runner.invoke(app, ["eval", "figures"])
    assert result.exit_code == 2 and "either --gold" in result.output


@pytest.mark.slow
def test_eval_figures_docs_scores_tiny_labelled_documents(tmp_path: Path):
    start = TEXT.index("2,000")
    docs = tmp_path / "docs.jsonl"
    lines = [
        {
            "id": "a",
            "split_id": "a",
            "source": "test",
            "text": TEXT,
            "figures": [
                {
                    "text": "2,000",
                    "start": start,
                    "end": start + 5,
                    "value": 2000,
                    "term": "displaced",
                    "unit": "people",
                    "place": "Beira",
                    "date": None,
                }
            ],
        },
        {"id": "b", "split_id": "b", "source": "test", "text": "The Blue Jays won 5-3 on Sunday.", "figures": []},
    ]
    docs.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    result = runner.invoke(app, ["eval", "figures", "--docs", str(docs), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    overall = scores["overall"]
    assert (overall["documents"], overall["gold"], overall["paired"]) == (2, 1, 1)
    assert overall["recall"] == 1 and overall["term"] == 1 and overall["place"] == 1
    assert set(scores["parts"]) == {"tuning", "checking"}


@pytest.mark.slow
def test_eval_quantities_scores_a_tiny_humset_folder(tmp_path: Path):
    (tmp_path / "text").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "text" / "x1.txt").write_text(TEXT, "utf-8")
    start = TEXT.index("2,000")
    unit = TEXT.index("people")
    gold = [{"quantity": {"text": "2,000", "begin": start, "end": start + 5}, "unit": {"text": "people", "begin": unit, "end": unit + 6}}]
    (tmp_path / "gold" / "x1.txt.json").write_text(json.dumps(gold), "utf-8")
    result = runner.invoke(app, ["eval", "quantities", "--gold", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["overall"]["gold"] == 1 and scores["number_only"]["quantity_recall"] == 1
    assert scores["number_only"]["unit_f1"] == 1
