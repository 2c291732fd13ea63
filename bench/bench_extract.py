"""Throughput and memory of ``extract`` against the naive baseline, in the same process.

    .venv/bin/python bench/bench_extract.py [--articles 2000] [--workers 2] [--json OUT]

Articles are the real news texts of ../shared/eval (GeoWebNews and TimeBank/AQUAINT), repeated
until there are enough. The naive baseline runs the full spaCy pipeline (with crisisdesk's
components) over every article's whole text in this process; the shipped path is
``crisisdesk.nlp.pipeline.extract`` (cheap first pass, models only where needed) on ingested
articles, first in this process, then spread over ``--workers`` processes. Reported: articles per
second for each, the ratios to the naive run, the peak resident memory of this process after each
phase (``ru_maxrss``: a high-water mark, so a later phase's figure includes the earlier ones'; the
worker processes are not counted), and whether the same figures were found.

A benchmark, not a test: timings vary with the machine; compare ratios from one run.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
from pathlib import Path

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def news_texts() -> list[str]:
    """The article texts of GeoWebNews and of TimeBank/AQUAINT (TimeML tags stripped)."""
    from lxml import etree

    texts = [a.findtext("text") or "" for a in etree.parse(str(EVAL / "geowebnews" / "GWN.xml")).getroot().iter("article")]
    for tml in sorted((EVAL / "timebank").rglob("*.tml")):
        body = re.search(r"<TEXT>(.*?)</TEXT>", tml.read_text("utf-8"), re.S)
        if body:
            texts.append(re.sub(r"<[^>]+>", "", body.group(1)).strip())
    return [t for t in texts if t.strip()]


def articles(count: int):
    """``count`` Articles from the news texts, repeated with distinct ids."""
    from crisisdesk.ingest import make_article
    from crisisdesk.ingest.readers import RawArticle

    texts = news_texts()
    made = []
    for i in range(count):
        raw = RawArticle(texts[i % len(texts)], f"bench:{i}", id=f"bench-{i}")
        made.append(make_article(raw))
    return made


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def figure_keys(docs_figures) -> set[tuple]:
    return {(i, f.start, f.end, f.quantity, f.term) for i, figures in docs_figures for f in figures}


def run(count: int, workers: int = 2) -> dict:
    from crisisdesk.model import Extraction
    from crisisdesk.nlp.pipeline import build_nlp, extract

    batch = articles(count)
    nlp = build_nlp()
    nlp("warm up the pipeline and load the gazetteer.")
    baseline_rss = peak_rss_mb()

    def timed(run_phase):
        started = time.perf_counter()
        found = run_phase()
        return found, time.perf_counter() - started, peak_rss_mb()

    def shipped(**options):
        return lambda: [(i, e.figures) for i, e in enumerate(x for x in extract(batch, **options) if isinstance(x, Extraction))]

    naive, naive_seconds, naive_rss = timed(lambda: [(i, doc._.figures) for i, doc in enumerate(nlp.pipe((a.text for a in batch), batch_size=8))])
    one, one_seconds, one_rss = timed(shipped(workers=1))  # extract() alone would use every core on a batch this size
    many, many_seconds, _ = timed(shipped(workers=workers))

    naive_keys, one_keys, many_keys = figure_keys(naive), figure_keys(one), figure_keys(many)
    return {
        "articles": count,
        "characters": sum(len(a.text) for a in batch),
        "naive_articles_per_second": round(count / naive_seconds, 2),
        "shipped_articles_per_second": round(count / one_seconds, 2),
        "speedup": round(naive_seconds / one_seconds, 3),
        "workers": workers,
        "shipped_parallel_articles_per_second": round(count / many_seconds, 2),
        "speedup_parallel": round(naive_seconds / many_seconds, 3),
        "peak_rss_mb_after_setup": round(baseline_rss, 1),
        "peak_rss_mb_after_naive": round(naive_rss, 1),
        "peak_rss_mb_after_shipped": round(one_rss, 1),
        "figures_naive": len(naive_keys),
        "figures_shipped": len(one_keys),
        "figures_only_naive": len(naive_keys - one_keys),
        "figures_only_shipped": len(one_keys - naive_keys),
        "figures_parallel_differ": len(many_keys ^ one_keys),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2, help="processes for the parallel run")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    results = run(args.articles, args.workers)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    width = max(map(len, results))
    for key, value in results.items():
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    sys.exit(main())
