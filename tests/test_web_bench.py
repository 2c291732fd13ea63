"""Keeps bench/bench_serve.py runnable (on a store of a few articles; no timing is checked)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
pytest.importorskip("uvicorn")


def load_bench():
    path = Path(__file__).resolve().parents[1] / "bench" / "bench_serve.py"
    spec = importlib.util.spec_from_file_location("bench_serve", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_serve_benchmark_builds_its_store_once_and_reports_every_call(tmp_path: Path):
    bench = load_bench()
    store = tmp_path / "bench.sqlite"
    results = bench.run(articles=8, store=store, starts=1, calls=2)
    assert results["build"]["built"] and results["build"]["real_articles"] + results["build"]["copies"] == 8
    assert results["start_seconds_max"] > 0 and results["snapshot_ready_seconds_after_start"] > 0
    assert set(results["list_calls_ms"]) == {name for name, _ in bench.LIST_CALLS}
    assert all(v["median"] > 0 for v in results["list_calls_ms"].values()) and results["correction_then_list_ms"] > 0
    assert bench.build_store(store, 8) == {"built": False}
