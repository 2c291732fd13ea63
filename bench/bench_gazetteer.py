"""Resident memory of the gazetteer and the speed of name lookups, in one process.

    .venv/bin/python bench/bench_gazetteer.py [--names 200000] [--json OUT]

The names looked up are what the places component asks the gazetteer while reading news: every
run of one to three capitalised words in the texts of ../shared/eval (GeoWebNews, TimeBank), with
a slice of the gazetteer's own keys mixed in so that hits are common too. Reported:

- ``stream``: the names in the order the news gives them (repeats included, as the places component
  meets them), from an empty lookup cache: the throughput of reading news;
- ``cold``: each distinct name once, from an empty cache (every lookup reads SQLite): the worst case;
- ``warm``: the same stream again with the LRU cache full;
- ``dict_baseline``: the same stream through a plain Python dict holding the answers, the ceiling
  any in-memory lookup can reach here; the ratios compare against it;
- resident memory (current RSS from /proc, not a high-water mark) before loading, after loading,
  and after the warm pass (the cache full).

A benchmark, not a test: timings vary with the machine; compare ratios from one run.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_extract import news_texts  # noqa: E402

_NAME_RUN = re.compile(r"\b[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2}")


def rss_mb() -> float:
    """Current resident memory of this process (Linux /proc)."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    import os

    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def lookup_names(count: int, gazetteer) -> list[str]:
    """About ``count`` names: capitalised runs from real news, and gazetteer keys (hits)."""
    names: list[str] = []
    for text in news_texts():
        for match in _NAME_RUN.finditer(text):
            words = match.group().split()
            names.extend(" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1))
    keys = [row[0] for row in gazetteer._con.execute("SELECT key FROM names ORDER BY random() LIMIT ?", (max(count // 4, 1),))]
    stream = names + keys
    while len(stream) < count:
        stream += stream
    return stream[:count]


def run(count: int) -> dict:
    from crisisdesk.geo.gazetteer import Gazetteer, default_cache_path, load_gazetteer, normalize

    load_gazetteer()  # make sure the cache file is built; measure a fresh handle below
    before = rss_mb()
    gazetteer = Gazetteer(default_cache_path())
    gazetteer.entries("Stepanakert")  # the first lookup loads what lookups keep in memory
    after_load = rss_mb()
    stream = lookup_names(count, gazetteer)
    distinct = list(dict.fromkeys(stream))

    normalize.cache_clear()
    gazetteer._entries_by_key.cache_clear()
    start = time.perf_counter()
    for name in stream:
        gazetteer.entries(name)
    from_empty = len(stream) / (time.perf_counter() - start)

    normalize.cache_clear()
    gazetteer._entries_by_key.cache_clear()
    start = time.perf_counter()
    answers = {name: gazetteer.entries(name) for name in distinct}
    cold = len(distinct) / (time.perf_counter() - start)

    start = time.perf_counter()
    hits = sum(bool(gazetteer.entries(name)) for name in stream)
    warm = len(stream) / (time.perf_counter() - start)

    start = time.perf_counter()
    baseline_hits = sum(bool(answers[name]) for name in stream)
    baseline = len(stream) / (time.perf_counter() - start)

    stats = gazetteer.stats()
    return {
        "lookups": len(stream),
        "distinct_names": len(distinct),
        "hit_share": round(hits / len(stream), 3),
        "same_answers_as_baseline": hits == baseline_hits,
        "stream_lookups_per_second": round(from_empty),
        "cold_lookups_per_second": round(cold),
        "warm_lookups_per_second": round(warm),
        "dict_baseline_lookups_per_second": round(baseline),
        "warm_vs_baseline": round(warm / baseline, 3),
        "cold_vs_baseline": round(cold / baseline, 4),
        "places": stats["places"],
        "names": stats["names"],
        "file_mb": round(Path(gazetteer.path).stat().st_size / 2**20, 1),
        "rss_mb_before_load": round(before, 1),
        "rss_mb_after_load": round(after_load, 1),
        "rss_mb_after_lookups": round(rss_mb(), 1),
        "gazetteer_resident_mb": round(rss_mb() - before, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--names", type=int, default=200_000)
    parser.add_argument("--json", type=Path, help="Also write the results here.")
    args = parser.parse_args()
    results = run(args.names)
    for key, value in results.items():
        print(f"{key:34} {value}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
