"""Throughput and memory of ``extract`` against the naive baseline, in the same process.

    .venv/bin/python bench/bench_extract.py [--articles 2000] [--json OUT]

Articles are the real news texts of ../shared/eval (GeoWebNews and TimeBank/AQUAINT), repeated
until there are enough. The naive baseline runs the full spaCy pipeline (with crisisdesk's
components) over every article's whole text; the shipped path is ``crisisdesk.nlp.pipeline.extract``
on ingested articles. Reported: articles per second for each, their ratio, the peak resident
memory after each phase (``ru_maxrss``: a process-wide high-water mark, so the second phase's
figure includes the first's), and whether both found the same figures.

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


def run(count: int) -> dict:
    from crisisdesk.model import Extraction
    from crisisdesk.nlp.pipeline import build_nlp, extract

    batch = articles(count)
    nlp = build_nlp()
    nlp("warm up the pipeline and load the gazetteer.")
    baseline_rss = peak_rss_mb()

    started = time.perf_counter()
    naive = [(i, doc._.figures) for i, doc in enumerate(nlp.pipe((a.text for a in batch), batch_size=8))]
    naive_seconds = time.perf_counter() - started
    naive_rss = peak_rss_mb()

    started = time.perf_counter()
    shipped = [(i, e.figures) for i, e in enumerate(x for x in extract(batch) if isinstance(x, Extraction))]
    shipped_seconds = time.perf_counter() - started
    shipped_rss = peak_rss_mb()

    naive_keys, shipped_keys = figure_keys(naive), figure_keys(shipped)
    return {
        "articles": count,
        "characters": sum(len(a.text) for a in batch),
        "naive_articles_per_second": round(count / naive_seconds, 2),
        "shipped_articles_per_second": round(count / shipped_seconds, 2),
        "speedup": round(naive_seconds / shipped_seconds, 3),
        "peak_rss_mb_after_setup": round(baseline_rss, 1),
        "peak_rss_mb_after_naive": round(naive_rss, 1),
        "peak_rss_mb_after_shipped": round(shipped_rss, 1),
        "figures_naive": len(naive_keys),
        "figures_shipped": len(shipped_keys),
        "figures_only_naive": len(naive_keys - shipped_keys),
        "figures_only_shipped": len(shipped_keys - naive_keys),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    results = run(args.articles)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    width = max(map(len, results))
    for key, value in results.items():
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    sys.exit(main())
