"""Keeps the benchmarks runnable (on a handful of inputs; no timings are checked)."""

import importlib.util
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def load_bench(name: str = "bench_extract"):
    """A script of bench/ as a module."""
    path = Path(__file__).resolve().parents[1] / "bench" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_reads_the_real_news_and_reports_every_field():
    bench = load_bench()
    assert len(bench.news_texts()) >= 400
    results = bench.run(12, workers=2)
    assert results["articles"] == 12 and results["naive_articles_per_second"] > 0
    assert results["figures_only_naive"] == 0 and results["figures_only_shipped"] == 0
    assert results["figures_parallel_differ"] == 0 and results["facts_parallel_differ"] == 0 and results["speedup_parallel"] > 0
    assert set(results["facts_shipped"]) == {"figures", "quantities", "places", "times", "events", "conditions", "claims"}
    assert results["ingest_stored"] == 12 and results["ingest_articles_per_second"] > 0
    assert results["peak_rss_mb_after_shipped"] >= results["peak_rss_mb_after_setup"] > 0


def test_the_gazetteer_benchmark_reports_memory_and_lookup_speeds():
    bench = load_bench("bench_gazetteer")
    results = bench.run(3000)
    assert results["lookups"] == 3000 and results["same_answers_as_baseline"]
    assert 0 < results["hit_share"] < 1
    assert min(results[k] for k in ("stream_lookups_per_second", "cold_lookups_per_second", "warm_lookups_per_second")) > 0
    assert results["rss_mb_after_lookups"] >= results["rss_mb_after_load"] > 0


def test_the_stories_benchmark_reports_model_cost_copies_and_clusters():
    bench = load_bench("bench_stories")
    results = bench.run(20)
    assert results["articles"] > 20 and results["planted_copies_found"] == results["planted_copies"] > 0
    assert min(results[k] for k in ("embed_articles_per_second", "extract_articles_per_second", "copy_detection_articles_per_second")) > 0
    assert 0 < results["stories"] <= results["articles"] and results["rss_mb_model"] > 0
