"""Cost of the workspace: how long ``crisisdesk serve`` takes to answer on a store of 1,000
articles, how long it then takes to have read the store (stories, pictures, fact rows), and how
fast the API's list calls answer.

    .venv/bin/python bench/bench_serve.py [--articles 1000] [--store PATH] [--json OUT]

The store is built once and kept at ``--store`` (built again only when it holds another number of
articles): the distinct real news texts of ../shared/eval (GeoWebNews, TimeBank/AQUAINT) and the
seeds go through ``extract``, and synthetic copies of them (each with an id of its own and its
publication date moved by a few days) fill it up to ``--articles``; the stories' article vectors
are computed and kept, as any store that has been reported on has them.

Reported: the server's start time (process start to the first answer of /api/health; median and
worst of ``--starts`` starts), the time until its snapshot of the store is ready, and the latency
of each list call (median and 95th percentile of ``--calls`` calls, after one warm-up call), each
on loopback only; and the time from saving a correction to the next list of figures. The goal of issue 19: start under 2 s, list calls under 100 ms.

A benchmark, not a test: timings vary with the machine and its load.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_extract import news_texts  # noqa: E402

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
DEFAULT_STORE = Path(tempfile.gettempdir()) / "crisisdesk-bench-serve.sqlite"
#: The list calls measured: (name, path).
LIST_CALLS: tuple[tuple[str, str], ...] = (
    ("articles", "/api/articles?limit=50"),
    ("articles_filtered", "/api/articles?source=bench&date_from=2020-01-01&limit=50&offset=100"),
    ("figures", "/api/facts/figures?limit=50"),
    ("figures_filtered_sorted", "/api/facts/figures?term=displaced&sort=amount&order=desc&limit=50"),
    ("events", "/api/facts/events?limit=50&offset=200"),
    ("conditions", "/api/facts/conditions?limit=50"),
    ("claims", "/api/facts/claims?limit=50"),
    ("stories", "/api/stories?limit=50"),
    ("corrections", "/api/corrections?limit=50"),
)


def build_store(path: Path, count: int) -> dict:
    """The store of ``count`` articles at ``path`` (kept: built again only when its size differs)."""
    from crisisdesk.ingest import make_article, read_sources
    from crisisdesk.ingest.readers import RawArticle
    from crisisdesk.model import Article, Extraction
    from crisisdesk.nlp.pipeline import extract
    from crisisdesk.store import Store

    if path.exists() and Store(f"sqlite:///{path}").article_count() == count:
        return {"built": False}
    path.unlink(missing_ok=True)
    store = Store(f"sqlite:///{path}")
    started = time.perf_counter()
    real = [a for a in read_sources([str(SEEDS)]) if isinstance(a, Article)]
    for i, text in enumerate(dict.fromkeys(news_texts())):
        if len(real) >= count:
            break
        real.append(
            make_article(
                RawArticle(text, f"bench:{i}", id=f"bench-{i}", source="bench news", published=date(2023, 1, 1) + timedelta(days=i % 300))
            )
        )
    extractions: list[Extraction] = [x for x in extract(real, workers=2) if isinstance(x, Extraction)]
    extracted = time.perf_counter() - started
    for extraction in extractions:
        store.save(extraction)
    copies = 0
    while len(extractions) + copies < count:
        original = extractions[copies % len(extractions)]
        article = original.article
        moved = (article.published or date(2023, 6, 1)) + timedelta(days=1 + copies % 9)
        copy = dataclasses.replace(article, id=f"copy-{copies}-{article.id}"[:64], published=moved, origin=f"copy:{copies}")
        store.save(dataclasses.replace(original, article=copy))
        copies += 1
    from crisisdesk.analysis.stories import stories_of_store

    stories_started = time.perf_counter()
    stories = stories_of_store(store)  # computes and keeps the article vectors
    return {
        "built": True,
        "real_articles": len(extractions),
        "copies": copies,
        "extract_seconds": round(extracted, 1),
        "stories": len(stories),
        "first_stories_seconds": round(time.perf_counter() - stories_started, 1),
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, timeout: float = 60) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read()


def start_server(store: Path) -> tuple[subprocess.Popen, str, float]:
    """A ``crisisdesk serve`` process; its URL and the seconds until it first answered."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "crisisdesk", "serve", "--db", str(store), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy(),
    )  # fmt: skip
    deadline = started + 60
    while time.perf_counter() < deadline:
        try:
            get(url + "/api/health", timeout=1)
            return process, url, time.perf_counter() - started
        except OSError:
            if process.poll() is not None:
                raise RuntimeError("crisisdesk serve exited") from None
            time.sleep(0.02)
    process.kill()
    raise RuntimeError("crisisdesk serve did not answer within 60 s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def latency_ms(url: str, calls: int) -> dict[str, float]:
    get(url)  # warm-up
    times = []
    for _ in range(calls):
        started = time.perf_counter()
        get(url)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "median": round(statistics.median(times), 1),
        "p95": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        "max": round(times[-1], 1),
    }


def post_json(url: str, body: dict) -> bytes:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.read()


def correction_round_trip_ms(url: str) -> float:
    """A figure marked wrong, then the figures listed again (and the mark taken back): what an
    analyst waits for after saving a correction."""
    item = json.loads(get(url + "/api/facts/figures?limit=1"))["items"][0]
    key = {
        "kind": "figures",
        "article_id": item["article_id"],
        "start": item["fact"]["start"],
        "end": item["fact"]["end"],
        "author": "bench",
    }
    started = time.perf_counter()
    post_json(url + "/api/corrections", key | {"action": "wrong"})
    get(url + "/api/facts/figures?limit=50")
    elapsed = (time.perf_counter() - started) * 1000
    post_json(url + "/api/corrections", key | {"action": "restore"})
    return round(elapsed, 1)


def run(articles: int = 1000, store: Path = DEFAULT_STORE, starts: int = 3, calls: int = 20) -> dict:
    results: dict = {"articles": articles, "store": str(store)}
    results["build"] = build_store(store, articles)
    start_times = []
    for _ in range(starts - 1):
        process, _, seconds = start_server(store)
        start_times.append(seconds)
        stop(process)
    process, url, seconds = start_server(store)
    start_times.append(seconds)
    try:
        results["start_seconds_median"] = round(statistics.median(start_times), 2)
        results["start_seconds_max"] = round(max(start_times), 2)
        results["articles_before_ready_ms"] = latency_ms(url + "/api/articles?limit=50", min(calls, 5))  # SQL: no snapshot needed
        waited = time.perf_counter()
        while not json.loads(get(url + "/api/health"))["ready"]:
            if time.perf_counter() - waited > 600:
                raise RuntimeError("the snapshot was not ready within 10 minutes")
            time.sleep(0.1)
        results["snapshot_ready_seconds_after_start"] = round(seconds + time.perf_counter() - waited, 1)
        results["list_calls_ms"] = {name: latency_ms(url + path, calls) for name, path in LIST_CALLS}
        results["figures_total"] = json.loads(get(url + "/api/facts/figures?limit=1"))["total"]
        results["correction_then_list_ms"] = correction_round_trip_ms(url)
    finally:
        stop(process)
    slowest = max(v["median"] for v in results["list_calls_ms"].values())
    results["goals"] = {"start_under_2s": results["start_seconds_max"] < 2.0, "list_calls_under_100ms": slowest < 100.0}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE)
    parser.add_argument("--starts", type=int, default=3)
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results = run(args.articles, args.store, args.starts, args.calls)
    text = json.dumps(results, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
