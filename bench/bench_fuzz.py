"""A large fuzzing pass over the readers and ``extract``, and repeated kill -9 of an ingest (issue 20).

    .venv/bin/python bench/bench_fuzz.py [--inputs 100000] [--budget 3600] [--workers 2] [--kill 20] [--json OUT]

Inputs are generated (nothing is committed) from a seed, in batches of files that one ``extract``
call reads together, so the model is loaded once per worker process, not once per input:

- random bytes as .txt, .jsonl, .csv, .html and .md files (mostly short: the readers and the
  decoder are what they test, and any text they let through is extracted like the rest);
- malformed JSONL (truncated lines, nesting 100,000 deep, wrong types, bad dates, long ids, NUL)
  and CSV (unclosed quotes, fields longer than the csv module's default limit, NUL, ragged rows),
  each with a good record after the bad one in the same file;
- mutated excerpts of real articles (a sentence to a few paragraphs of ../shared/eval and
  tests/data: control, bidi and zero-width characters, markup, huge numbers, cuts, repetitions,
  random characters) as text, JSONL, CSV, HTML and in other encodings; and a few whole articles.

A good neighbour article (a file of its own) follows every few inputs in the batch, and the good
records inside JSONL and CSV files follow their bad one. Every input must end in Extractions or
IngestErrors naming it (one line each), never an exception out of crisisdesk; every neighbour and
every good record must come out with its figure; a file of known records must give one result per
record. A batch that raises is re-run input by input to name the culprit, and those inputs are
kept under ``--crashes``. ``--budget`` seconds bound the run: it stops early and reports how many
inputs it did (``--json`` is rewritten after every batch, so a stopped run still has its counts).
``--kill N`` also kills an ingest with SIGKILL at a random moment N times and re-runs it (see
tests/test_hostile_concurrency.py): nothing lost, nothing duplicated, integrity check clean.

A benchmark, not a test (tests/test_hostile_fuzz.py runs a few dozen inputs in CI).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
NEIGHBOUR = "Floods displaced 4,400 people in Aceh Jaya district on 8 November, officials said."
GOOD_FIGURES = [4400]

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
    "\u2028",
    "\x85",
    "&amp;",
    "\u0665\u0660",  # Arabic-Indic digits
    "((((((((((",
    "))))))))))",
]

#: (kind, weight) of the generated inputs; see the module docstring.
KINDS: tuple[tuple[str, int], ...] = (
    ("bytes", 12),
    ("jsonl", 14),
    ("csv", 10),
    ("html", 10),
    ("text", 42),
    ("encoded", 8),
    ("whole", 4),
)


@dataclass
class Payload:
    """One generated input file: its suffix and bytes, the ids of the good records written in it
    after the bad one, and how many results it must give (None: unknown, e.g. random bytes)."""

    suffix: str
    data: bytes
    kind: str = "bytes"
    good_ids: list[str] = field(default_factory=list)
    results: int | None = None


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


def mutate(text: str, rng: random.Random, scale: int = 300) -> str:
    """``text`` with a few random edits: nasty strings inserted, spans deleted or repeated, bytes
    flipped; ``scale`` bounds the length of a deleted or repeated span."""
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(text) + 1)
        kind = rng.randrange(6)
        if kind == 0:
            text = text[:at] + rng.choice(NASTY) + text[at:]
        elif kind == 1 and text:
            end = min(len(text), at + rng.randint(1, scale))
            text = text[:at] + text[end:]
        elif kind == 2:
            text = text[:at] + text[at : at + rng.randint(1, scale)] * rng.randint(2, 20) + text[at:]
        elif kind == 3:
            text = text[:at] + "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(rng.randint(1, 40))) + text[at:]
        elif kind == 4:
            text = text[:at] + str(rng.randrange(10 ** rng.randint(1, 25))) + rng.choice([" people", " displaced", "%", ""]) + text[at:]
        else:
            text = text[:at] + rng.choice(NASTY) * rng.randint(2, 50) + text[at:]
    return text


def excerpt(text: str, rng: random.Random) -> str:
    """A sentence to a few paragraphs of ``text``, starting where a sentence or a line starts."""
    length = int(30 + 770 * rng.random() ** 2)  # mostly a sentence or two, sometimes paragraphs
    starts = [0] + [i + 1 for i, c in enumerate(text) if c in ".\n" and i + 1 < len(text)]
    begin = rng.choice(starts)
    return text[begin : begin + length].lstrip()


def random_bytes(rng: random.Random) -> bytes:
    return bytes(rng.randrange(256) for _ in range(int(2000 * rng.random() ** 3)))


def _good_record(name: str) -> dict:
    return {"id": name, "text": NEIGHBOUR, "published": "2016-11-10"}


def _bad_json_line(text: str, rng: random.Random) -> str:
    """One JSONL line a careless or hostile exporter writes."""
    kind = rng.randrange(9)
    if kind == 0:
        return "[" * 100_000 + "]" * 100_000
    if kind == 1:
        return '{"a":' * rng.randint(1, 5000) + "1" + "}" * rng.randint(0, 5000)
    if kind == 2:
        return rng.choice(["null", "[]", "1", '"text"', "{}", "{", "}", "NaN", '{"text": NaN}'])
    record = {
        "id": rng.choice(["a", "x" * rng.randint(1, 100), 5, None, "", "\u0000", "id\nwith\nlines", [1]]),
        "text": rng.choice([text, text, None, 7, "", ["list"], {"text": text}]),
        "published": rng.choice(["2020-01-01", "0001-01-01", "9999-12-31", "garbage", 3, None, "2020-02-30", "1e400"]),
    }
    if rng.random() < 0.3:
        record[rng.choice(["title", "url", "source", "language", "body"])] = rng.choice([text[:80], 1e308, "\u202e" * 5, "javascript:x"])
    line = json.dumps(record, ensure_ascii=rng.random() < 0.5)
    if kind == 3:
        line = line[: rng.randrange(len(line) + 1)]  # truncated
    elif kind == 4:
        line = line.replace("{", "{'bad':1,", 1)
    return line


def jsonl_payload(text: str, rng: random.Random, index: int) -> Payload:
    good = f"good{index:07d}"
    lines = [_bad_json_line(text, rng) for _ in range(rng.randint(1, 3))] + [json.dumps(_good_record(good))]
    # A line separator inside a record would make two records of one: JSON escapes them, and a
    # raw "\n" never comes out of json.dumps, so every line above is one record.
    data = "\n".join(lines) + rng.choice(["\n", "", "\r\n"])
    records = sum(1 for line in lines if line.strip())  # a line truncated to nothing is a blank line
    return Payload(".jsonl", data.encode("utf-8", "surrogatepass"), "jsonl", [good], records)


def csv_payload(text: str, rng: random.Random, index: int) -> Payload:
    good = f"good{index:07d}"
    quoted = text.replace('"', '""')
    kind = rng.randrange(5)
    header = rng.choice(["id,text", "id,text,published", "text", "ID,Body", "id;text", "id,text,text"])
    if kind == 0:  # well formed: the good row must follow
        rows = f'bad,"{quoted}"\n{good},"{NEIGHBOUR}"\n'
        return Payload(".csv", f"id,text\n{rows}".encode("utf-8", "surrogatepass"), "csv", [good], 2)
    if kind == 1:  # a field longer than the csv module's default limit, then the good row
        # (in a column of its own, so that extraction costs no more than the text's)
        big = (quoted + rng.choice(NASTY).replace('"', '""')) * (140_000 // (len(quoted) + 1) + 1)
        rows = f'big,"{quoted}","{big}"\n{good},"{NEIGHBOUR}",\n'
        return Payload(".csv", f"id,text,notes\n{rows}".encode("utf-8", "surrogatepass"), "csv", [good], 2)
    if kind == 2:  # an unclosed quote swallows the rest of the file: nothing to require after it
        return Payload(".csv", f'{header}\nbad,"{quoted}\n{good},"{NEIGHBOUR}"\n'.encode("utf-8", "surrogatepass"), "csv")
    if kind == 3:  # ragged rows, NUL, stray quotes
        body = f'{header}\nbad,{text[:200]},extra,\x00\n,\n"""\n{rng.choice(NASTY)}\n'
        return Payload(".csv", body.encode("utf-8", "surrogatepass"), "csv")
    return Payload(".csv", f'{header}\nr1,"{quoted}"\n'.encode(rng.choice(["utf-8", "utf-16", "cp1252"]), "replace"), "csv")


def html_payload(text: str, rng: random.Random) -> Payload:
    shell = rng.choice(
        [
            "<html><body><article><p>{}</p></article></body></html>",
            "<html><head><title>{}</title></head><body><p>{}",
            "<div><p>{}<p><p><p><script>alert(1)</script><nav><a href='/x'>x</a></nav>",
            "<!DOCTYPE html><html><body><main><h1>Floods</h1><p>{}</p><footer>Copyright 2019</footer></main></body></html>",
            "<html><body>" + "<div>" * 2000 + "<p>{}</p>" + "</div>" * rng.randint(0, 2000) + "</body></html>",
            "<?xml version='1.0'?><rss><item><description><![CDATA[{}]]></description></item></rss>",
            "<html><meta charset='{}'><body><p>{}</p></body></html>",
        ]
    )
    page = shell.replace("{}", text)
    encoding = rng.choice(["utf-8", "utf-8", "utf-16", "cp1252"])
    return Payload(rng.choice([".html", ".htm"]), page.encode(encoding, "surrogatepass" if encoding == "utf-8" else "replace"), "html")


def text_payload(text: str, rng: random.Random) -> Payload:
    header = rng.choice(["", "", "date 2016-11-10\n", "title: Floods\ndate: 0001-01-01\n\n", "Published: Monday\n", "---\n{\n---\n"])
    return Payload(rng.choice([".txt", ".txt", ".md"]), (header + text).encode("utf-8", "surrogatepass"), "text")


def encoded_payload(text: str, rng: random.Random) -> Payload:
    encoding = rng.choice(["utf-16", "utf-32", "utf-16-le", "cp1252", "latin-1", "utf-8-sig", "mixed"])
    if encoding == "mixed":  # UTF-8 with stray legacy bytes
        data = text.encode("utf-8", "surrogatepass")
        at = rng.randrange(len(data) + 1)
        return Payload(".txt", data[:at] + bytes([rng.randrange(0x80, 0x100)]) + data[at:], "encoded")
    return Payload(".txt", text.encode(encoding, "replace"), "encoded")


def random_payload(rng: random.Random, texts: list[str], index: int = 0) -> Payload:
    """One generated input (see :data:`KINDS`)."""
    kind = rng.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]
    if kind == "bytes":
        return Payload(rng.choice([".txt", ".jsonl", ".csv", ".html", ".md"]), random_bytes(rng), "bytes")
    if kind == "whole":
        return Payload(".txt", mutate(rng.choice(texts), rng).encode("utf-8", "surrogatepass"), "whole")
    text = mutate(excerpt(rng.choice(texts), rng), rng, scale=60)
    if kind == "jsonl":
        return jsonl_payload(text, rng, index)
    if kind == "csv":
        return csv_payload(text, rng, index)
    if kind == "html":
        return html_payload(text, rng)
    if kind == "encoded":
        return encoded_payload(text, rng)
    return text_payload(text, rng)


COUNTS = (
    "inputs",
    "extractions",
    "errors",
    "multi_line_errors",
    "unnamed_errors",
    "exceptions",
    "lost_neighbours",
    "lost_records",
    "neighbours",
)


def fuzz_batch(payloads: list[Payload], folder: Path, neighbour_every: int = 4) -> dict[str, int]:
    """Write the payloads with a good neighbour after every ``neighbour_every`` of them, extract
    them all in one call, and count outcomes (see the module docstring)."""
    from crisisdesk import api
    from crisisdesk.model import Extraction, IngestError

    paths: list[str] = []
    neighbours: set[str] = set()
    for i, payload in enumerate(payloads):
        bad = folder / f"in{i:06d}{payload.suffix}"
        bad.write_bytes(payload.data)
        paths.append(str(bad))
        if i % neighbour_every == neighbour_every - 1 or i == len(payloads) - 1:
            good = folder / f"in{i:06d}z.txt"
            good.write_text(f"date 2016-11-10\n{NEIGHBOUR}", "utf-8")
            paths.append(str(good))
            neighbours.add(str(good))
    counts = dict.fromkeys(COUNTS, 0) | {"inputs": len(payloads), "neighbours": len(neighbours)}
    try:
        results = list(api.extract(paths, workers=1))
    except Exception:  # noqa: BLE001 - an exception out of crisisdesk is what is counted
        counts["exceptions"] += 1
        traceback.print_exc(limit=8)
        return counts
    by_input: dict[str, list] = {p: [] for p in paths}
    for item in results:
        origin = item.origin if isinstance(item, IngestError) else item.article.origin
        path = origin.rsplit(":", 1)[0] if origin not in by_input else origin
        if path not in by_input:
            counts["unnamed_errors"] += 1
            continue
        by_input[path].append(item)
    for path, payload in zip([p for p in paths if p not in neighbours], payloads):
        items = by_input[path]
        if len(items) == 1 and isinstance(items[0], IngestError) and items[0].origin == path:
            continue  # the file refused as a whole (binary, undecodable): one error, nothing to require in it
        good = {i.article.id for i in items if isinstance(i, Extraction) and [f.quantity for f in i.figures] == GOOD_FIGURES}
        counts["lost_records"] += len(set(payload.good_ids) - good)
        if payload.results is not None and len(items) != payload.results:
            counts["lost_records"] += 1
    for item in results:
        if isinstance(item, IngestError):
            counts["errors"] += 1
            counts["multi_line_errors"] += "\n" in item.reason or "\n" in item.origin
        elif item.article.origin in neighbours:
            if [f.quantity for f in item.figures] == GOOD_FIGURES:
                neighbours.discard(item.article.origin)
        else:
            counts["extractions"] += 1
    counts["lost_neighbours"] = len(neighbours)
    return counts


def batch_payloads(seed: int, index: int, size: int, texts: list[str]) -> list[Payload]:
    """Batch ``index`` of a run: the same inputs whichever worker makes them."""
    rng = random.Random(f"{seed}:{index}")
    return [random_payload(rng, texts, index * size + i) for i in range(size)]


_TEXTS: list[str] = []


def _worker_start(texts: list[str]) -> None:
    _TEXTS[:] = texts


def _run_batch(job: tuple[int, int, int, str]) -> tuple[int, dict[str, int], list[str]]:
    """One batch in a worker: its counts, and (after an exception) the inputs that raise alone."""
    seed, index, size, crashes = job
    payloads = batch_payloads(seed, index, size, _TEXTS)
    with tempfile.TemporaryDirectory() as tmp:
        counts = fuzz_batch(payloads, Path(tmp))
    culprits = []
    if counts["exceptions"] or counts["lost_neighbours"] or counts["lost_records"] or counts["unnamed_errors"]:
        for i, payload in enumerate(payloads):
            with tempfile.TemporaryDirectory() as tmp:
                alone = fuzz_batch([payload], Path(tmp))
            if alone["exceptions"] or alone["lost_neighbours"] or alone["lost_records"] or alone["unnamed_errors"]:
                keep = Path(crashes) / f"seed{seed}-batch{index}-input{i}{payload.suffix}"
                keep.parent.mkdir(parents=True, exist_ok=True)
                keep.write_bytes(payload.data)
                culprits.append(f"{keep} ({payload.kind}): {alone}")
    return index, counts, culprits


def run(inputs: int, budget: float, seed: int = 0, batch: int = 50, workers: int = 2, crashes: str = "fuzz-crashes", out=None) -> dict:
    """Fuzz ``inputs`` inputs in batches over ``workers`` processes (forked with the model loaded),
    stopping after ``budget`` seconds; ``out``: a JSON file rewritten after every batch."""
    from crisisdesk.nlp.pipeline import build_nlp

    texts = real_texts()
    build_nlp()  # once, before the fork: every worker starts with it
    with tempfile.TemporaryDirectory() as tmp:  # and with what loads on first use (sector encoder, word lists)
        fuzz_batch([Payload(".txt", text.encode("utf-8", "surrogatepass"), "text") for text in texts[:4]], Path(tmp))
    totals: dict = dict.fromkeys(COUNTS, 0) | {"kinds": dict(KINDS), "seed": seed, "batch": batch, "workers": workers, "culprits": []}
    batches = [(seed, i, min(batch, inputs - i * batch), crashes) for i in range((inputs + batch - 1) // batch)]
    started = time.perf_counter()
    context = multiprocessing.get_context("fork")
    pool = context.Pool(workers, initializer=_worker_start, initargs=(texts,))
    try:
        for done, (_, counts, culprits) in enumerate(pool.imap_unordered(_run_batch, batches), 1):
            for key, value in counts.items():
                totals[key] += value
            totals["culprits"] += culprits
            totals["seconds"] = round(time.perf_counter() - started, 1)
            totals["batches_done"] = done
            if out is not None:
                Path(out).write_text(json.dumps(totals, indent=2) + "\n")
            if done % 20 == 0:
                print(json.dumps({k: totals[k] for k in (*COUNTS, "seconds")}), file=sys.stderr, flush=True)
            if time.perf_counter() - started > budget:
                totals["stopped_by_budget"] = True
                break
    finally:
        pool.terminate()
        pool.join()
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
    parser.add_argument("--budget", type=float, default=3600, help="stop after this many seconds")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch", type=int, default=50, help="inputs per extract call")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--crashes", default=str(Path(tempfile.gettempdir()) / "crisisdesk-fuzz-crashes"))
    parser.add_argument("--kill", type=int, default=0, help="also kill -9 an ingest this many times")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results: dict = {"fuzz": run(args.inputs, args.budget, args.seed, args.batch, args.workers, args.crashes, args.json)}
    if args.kill:
        results["kill_9"] = run_kills(args.kill)
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
