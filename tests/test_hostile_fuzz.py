"""Hypothesis fuzzing of the readers and of extract (issue 20): every input ends in facts or a
one-line error naming it, never an exception, never a lost neighbour. bench/bench_fuzz.py runs the
same checks over many more inputs."""

from __future__ import annotations

import importlib.util
import io
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crisisdesk.ingest import read_sources
from crisisdesk.model import Article, IngestError

GOOD = "date 2016-11-10\nFloods displaced 4,400 people in Aceh Jaya district on 8 November, officials said."


def _bench():
    path = Path(__file__).resolve().parents[1] / "bench" / "bench_fuzz.py"
    spec = importlib.util.spec_from_file_location("bench_fuzz", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_fuzz"] = module  # its dataclass looks its module up while being made
    spec.loader.exec_module(module)
    return module


def _check_items(items: list, bad: Path, good: Path) -> None:
    for item in items:
        assert isinstance(item, (Article, IngestError))
        if isinstance(item, IngestError):
            assert item.origin.startswith(str(bad)) and "\n" not in item.reason
    assert [i.origin for i in items if isinstance(i, Article) and i.origin == str(good)] == [str(good)]  # the neighbour


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".jsonl", ".csv", ".md"]))
def test_any_bytes_in_any_text_format_end_in_articles_or_errors_and_the_neighbour_is_read(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        bad, good = Path(tmp) / f"bad{suffix}", Path(tmp) / "good.txt"
        bad.write_bytes(data)
        good.write_text(GOOD, "utf-8")
        _check_items(list(read_sources([str(bad), str(good)])), bad, good)


@settings(max_examples=80, deadline=None)
@given(text=st.text(max_size=3000))
def test_any_text_on_stdin_ends_in_articles_or_errors(text):
    for item in read_sources(["-"], stdin=io.StringIO(text)):
        assert isinstance(item, (Article, IngestError))
        if isinstance(item, IngestError):
            assert item.origin.startswith("-") and "\n" not in item.reason


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=3000))
def test_any_bytes_as_html_end_in_an_article_or_an_error(data):
    with tempfile.TemporaryDirectory() as tmp:
        bad, good = Path(tmp) / "bad.html", Path(tmp) / "good.txt"
        bad.write_bytes(data)
        good.write_text(GOOD, "utf-8")
        _check_items(list(read_sources([str(bad), str(good)])), bad, good)


@pytest.mark.slow
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_extract_on_mutated_real_articles_gives_facts_or_one_line_errors_and_keeps_the_neighbour(seed):
    import random

    bench = _bench()
    rng = random.Random(seed)
    texts = bench.real_texts(limit=50)
    with tempfile.TemporaryDirectory() as tmp:
        counts = bench.fuzz_batch([bench.random_payload(rng, texts, i) for i in range(12)], Path(tmp))
    assert counts["exceptions"] == 0 and counts["lost_neighbours"] == 0 and counts["lost_records"] == 0
    assert counts["multi_line_errors"] == 0 and counts["unnamed_errors"] == 0 and counts["neighbours"] == 3
    assert counts["extractions"] + counts["errors"] >= counts["inputs"]


def test_the_fuzzing_pass_counts_a_lost_record_and_a_lost_neighbour():
    """The bench's checks can fail: a JSONL file whose good record does not come out, and a batch
    whose neighbour comes out without its figure, are counted."""
    bench = _bench()
    lost = bench.Payload(".jsonl", b'{"id": "x", "text": "Nothing here."}\n', "jsonl", good_ids=["good"], results=2)
    with tempfile.TemporaryDirectory() as tmp:
        counts = bench.fuzz_batch([lost], Path(tmp))
    assert counts["lost_records"] == 2 and counts["lost_neighbours"] == 0
    original = bench.NEIGHBOUR
    try:
        bench.NEIGHBOUR = "Nothing happened."
        with tempfile.TemporaryDirectory() as tmp:
            counts = bench.fuzz_batch([bench.Payload(".txt", b"Floods displaced 10 people.", "text")], Path(tmp))
    finally:
        bench.NEIGHBOUR = original
    assert counts["lost_neighbours"] == 1
