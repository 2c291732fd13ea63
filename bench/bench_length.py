"""Cost of ``extract`` against the length of one article: time and memory per character should
stay flat from 10 KB to 1 MB (issue 20, item 5), and pathological inputs finish.

    .venv/bin/python bench/bench_length.py [--sizes 10000,100000,990000] [--calls] [--news-only] [--json OUT]

Each input runs in a fresh process (so that its peak resident memory is its own): one article made
of the real news texts of ../shared/eval joined until it has the size; then 20 KB of ")" and
990 KB of short lines without full stops (the cases of issue 20). Reported per input: seconds,
microseconds per character, peak resident memory (MB) above the loaded pipeline, and the facts found;
with ``--calls``, the run is profiled (cProfile, so slower) and the Python function calls it made
are reported, in all and per character: a count that does not depend on the load of the machine,
so that it shows whether the work per character grows with the length of an article.

A benchmark, not a test: timings vary with the machine; compare the per-character figures of one run.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def text_of(kind: str, size: int) -> str:
    if kind == "parens":
        return ")" * size
    if kind == "lines":
        line = "a short line of a listing\n"
        return line * (size // len(line))
    sys.path.insert(0, str(HERE))
    from bench_extract import news_texts

    texts, parts, length, i = news_texts(), [], 0, 0
    while length < size:
        parts.append(texts[i % len(texts)] + "\n\n")
        length += len(parts[-1])
        i += 1
    return "".join(parts)[:size]


def measure(kind: str, size: int, calls: bool = False) -> dict:
    """One input, in this process (``calls``: under cProfile, counting the Python calls)."""
    from crisisdesk.ingest import make_article
    from crisisdesk.ingest.readers import RawArticle
    from crisisdesk.model import Extraction
    from crisisdesk.nlp.pipeline import build_nlp, extract

    text = text_of(kind, size)
    build_nlp()("warm up the pipeline and load the gazetteer.")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    article = make_article(RawArticle(text, f"{kind}.txt", id=kind))
    profile = None
    if calls:
        import cProfile

        profile = cProfile.Profile()
        profile.enable()
    started = time.perf_counter()
    (result,) = extract([article], workers=1)
    seconds = time.perf_counter() - started
    if profile is not None:
        import pstats

        profile.disable()
        total_calls = pstats.Stats(profile).total_calls
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    facts = (
        {k: len(getattr(result, k)) for k in ("figures", "places", "times", "events", "conditions", "claims")}
        if isinstance(result, Extraction)
        else str(result)
    )
    counted = {"python_calls": total_calls, "calls_per_character": round(total_calls / len(text), 2)} if calls else {}
    return {
        "input": kind,
        "characters": len(text),
        "seconds": round(seconds, 2),
        "microseconds_per_character": round(1e6 * seconds / len(text), 1),
        "peak_rss_mb_above_pipeline": round(peak - before, 1),
        "facts": facts,
    } | counted


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # The top size stays under the parser's limit of 1,000,000 characters (text repair may add a few).
    parser.add_argument("--sizes", default="10000,30000,100000,300000,990000")
    parser.add_argument("--one", nargs=2, metavar=("KIND", "SIZE"), help=argparse.SUPPRESS)  # a child process
    parser.add_argument("--calls", action="store_true", help="count the Python calls of each run (under cProfile: slower)")
    parser.add_argument("--news-only", action="store_true", help="leave out the pathological inputs")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one[0], int(args.one[1]), calls=args.calls)))
        return
    inputs = [("news", int(s)) for s in args.sizes.split(",")]
    if not args.news_only:
        inputs += [("parens", 20_000), ("lines", 990_000)]
    results = []
    for kind, size in inputs:
        options = ["--calls"] if args.calls else []
        child = subprocess.run([sys.executable, __file__, "--one", kind, str(size), *options], capture_output=True, text=True, check=True)
        results.append(json.loads(child.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
