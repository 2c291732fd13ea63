"""A large fuzzing pass over the readers and ``extract``, and repeated kill -9 of an ingest (issue 20).

    .venv/bin/python bench/bench_fuzz.py [--inputs 100000] [--budget 600] [--kill 20] [--json OUT]

Inputs are generated (nothing is committed): random bytes and mutated real articles (from
../shared/eval and tests/data) written as .txt, .jsonl, .csv and .html files, each followed in the
same batch by a good neighbour article. Every input must end in an Extraction or an IngestError
naming it, never an exception out of crisisdesk, and the neighbour must always come out with its
figures. ``--budget`` seconds bound the run: it stops early and reports how many inputs it did.
``--kill N`` also kills an ingest with SIGKILL at a random moment N times and re-runs it (see
tests/test_hostile_concurrency.py): nothing lost, nothing duplicated, integrity check clean.

A benchmark, not a test (tests/test_hostile_fuzz.py runs a few dozen inputs in CI).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
NEIGHBOUR = "Floods displaced 4,400 people in Aceh Jaya district on 8 November, officials said."

#: Characters that break naive text handling: controls, bidi marks, zero-width, surrogates' look-
#: alikes, combining marks, markup, quotes, digits.
NASTY = [
    "\u0000",
    "\u202e",
    "\u200b",
    "\u00ad",
    "\ufeff",
    "\u0301",
    "\ud7ff",
    "\U0001f600",
    "\r",
    "\n\n",
    "\t",
    "<script>",
    "]]>",
    "{",
    "}",
    '"',
    "\\",
    "[/bold]",
    "`",
    "|",
    "#",
    "9" * 30,
    "1,000,000,000,000",
    "0001-01-01",
    "31 December 9999",
]


def real_texts(limit: int = 300) -> list[str]:
    """Real article texts to mutate: the synthetic test articles, then news from ../shared/eval."""
    texts = [
        json.loads(line)["text"]
        for line in (ROOT / "tests" / "data" / "synthetic_news.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    for path in sorted(EVAL.rglob("*.txt"))[:limit]:
        try:
            texts.append(path.read_text("utf-8", errors="replace")[:5000])
        except OSError:
            continue
    return texts


def mutate(text: str, rng: random.Random) -> str:
    """``text`` with a few random edits: nasty strings inserted, spans deleted or repeated, bytes flipped."""
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(text) + 1)
        kind = rng.randrange(5)
        if kind == 0:
            text = text[:at] + rng.choice(NASTY) + text[at:]
        elif kind == 1 and text:
            end = min(len(text), at + rng.randint(1, 200))
            text = text[:at] + text[end:]
        elif kind == 2:
            text = text[:at] + text[at : at + rng.randint(1, 300)] * rng.randint(2, 20) + text[at:]
        elif kind == 3:
            text = text[:at] + "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(rng.randint(1, 40))) + text[at:]
        else:
            text = text[:at] + str(rng.randrange(10 ** rng.randint(1, 25))) + " people" + text[at:]
    return text


def random_payload(rng: random.Random, texts: list[str]) -> tuple[str, bytes]:
    """(extension, file content): a mutated article in one of the formats, or random bytes."""
    kind = rng.randrange(6)
    if kind == 0:
        return rng.choice([".txt", ".jsonl", ".csv", ".html"]), bytes(rng.randrange(256) for _ in range(rng.randint(0, 2000)))
    text = mutate(rng.choice(texts), rng)
    if kind == 1:
        return ".txt", text.encode("utf-8", "surrogatepass")
    if kind == 2:
        record = {
            "id": rng.choice(["a", "x" * rng.randint(1, 100), 5, None]),
            "text": text,
            "published": rng.choice(["2020-01-01", "0001-01-01", "9999-12-31", "garbage", 3]),
        }
        line = json.dumps(record)
        if rng.random() < 0.3:
            line = line[: rng.randrange(len(line) + 1)]  # truncated
        return ".jsonl", line.encode("utf-8", "surrogatepass")
    if kind == 3:
        quoted = text.replace('"', '""')
        return ".csv", f'id,text\nr1,"{quoted}"\n'.encode("utf-8", "surrogatepass")
    if kind == 4:
        return ".html", f"<html><body><article><p>{text}</p></article></body></html>".encode("utf-8", "surrogatepass")
    encoding = rng.choice(["utf-16", "utf-32", "cp1252", "latin-1"])
    return ".txt", text.encode(encoding, "replace")


def fuzz_batch(payloads: list[tuple[str, bytes]], folder: Path) -> dict[str, int]:
    """Write each payload and a good neighbour after it, extract them all, and count outcomes."""
    from crisisdesk import api
    from crisisdesk.model import Extraction, IngestError

    paths = []
    for i, (suffix, data) in enumerate(payloads):
        bad = folder / f"in{i:06d}{suffix}"
        bad.write_bytes(data)
        good = folder / f"in{i:06d}z.txt"
        good.write_text(f"date 2016-11-10\n{NEIGHBOUR} (report {i})", "utf-8")
        paths += [str(bad), str(good)]
    counts = {"inputs": len(payloads), "facts": 0, "errors": 0, "multi_line_errors": 0, "crashes": 0, "lost_neighbours": 0}
    try:
        results = list(api.extract(paths))
    except Exception:  # noqa: BLE001 - a crash is what is counted
        counts["crashes"] += 1
        traceback.print_exc(limit=5)
        return counts
    neighbours = {p for p in paths if p.endswith("z.txt")}
    for item in results:
        if isinstance(item, IngestError):
            counts["errors"] += 1
            counts["multi_line_errors"] += "\n" in item.reason
        elif isinstance(item, Extraction):
            if item.article.origin in neighbours:
                if [f.quantity for f in item.figures] == [4400]:
                    neighbours.discard(item.article.origin)
            else:
                counts["facts"] += 1
    counts["lost_neighbours"] = len(neighbours)
    return counts


def run(inputs: int, budget: float, seed: int = 0, batch: int = 200) -> dict[str, float]:
    rng = random.Random(seed)
    texts = real_texts()
    totals = {"inputs": 0, "facts": 0, "errors": 0, "multi_line_errors": 0, "crashes": 0, "lost_neighbours": 0}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        while totals["inputs"] < inputs and time.perf_counter() - started < budget:
            folder = Path(tempfile.mkdtemp(dir=tmp))
            counts = fuzz_batch([random_payload(rng, texts) for _ in range(min(batch, inputs - totals["inputs"]))], folder)
            for key, value in counts.items():
                totals[key] += value
    totals["seconds"] = round(time.perf_counter() - started, 1)
    return totals


def run_kills(times: int, articles: int = 400) -> dict[str, int]:
    sys.path.insert(0, str(ROOT / "tests"))
    from test_hostile_concurrency import kill_and_rerun

    problems = 0
    resumed = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(times):
            new, found = kill_and_rerun(f"sqlite:///{Path(tmp) / f'kill{seed}.sqlite'}", articles, seed)
            problems += len(found)
            resumed.append(new)
    return {
        "kills": times,
        "integrity_problems": problems,
        "articles_each": articles,
        "stored_by_the_rerun_min": min(resumed),
        "stored_by_the_rerun_max": max(resumed),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--budget", type=float, default=600, help="stop after this many seconds")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--kill", type=int, default=0, help="also kill -9 an ingest this many times")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results: dict = {"fuzz": run(args.inputs, args.budget, args.seed)}
    if args.kill:
        results["kill_9"] = run_kills(args.kill)
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
