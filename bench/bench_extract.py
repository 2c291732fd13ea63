"""Throughput and memory of ``extract`` against the naive baseline, in the same process.

    .venv/bin/python bench/bench_extract.py [--articles 2000] [--workers 2] [--ray] [--no-ingest] [--json OUT]

Articles are the real news texts of ../shared/eval (GeoWebNews and TimeBank/AQUAINT), repeated
until there are enough. The naive baseline is ``extract(..., thorough=True)`` in this process: the
full spaCy pipeline over every sentence of every article (cut at the first pass's sentence bounds,
as the shipped path cuts them), then crisisdesk's components. The shipped path
is ``crisisdesk.nlp.pipeline.extract`` (cheap first pass, models only where needed), first in this
process, then spread over ``--workers`` processes; then ``ingest`` end to end on as many processes
into a new SQLite file; with ``--ray``, the ray engine on a local 2-CPU cluster with 1 and 2
workers. Reported: articles per second for each, the ratios to the naive run, the peak resident
memory of this process after each phase (``ru_maxrss``: a high-water mark, so a later phase's
figure includes the earlier ones') and of the largest worker, and, for every kind of fact
(figures, quantities, places, times, events, conditions, claims), how many each run found that the
other did not (a fact is its whole record: offsets, values, place, time, sentence), and the
figures as before (offsets, number, term), which must be the same; and the same counts with each
fact's place, country and speaker's country left out. What differs by design: in a sentence without
an amount the places read no entity of the recogniser (they come from the gazetteer alone: with the
recogniser's names there GeoWebNews place F1 fell 0.866 -> 0.855), and in one with an amount but no
figure word the places and quantities read only its clock times (HumSet quantity F1 0.778 ->
0.774 with every entity), so places, quantities, and the place and country a fact takes from
them differ; a sentence with no amount and no cue word is read by no model, so a condition in
one ("don't have enough housing" far from any crisis word) is missed. The components after the
places read every entity of every sentence a model read, and every sentence with a word of saying
is parsed, so figures, times, events and claims are the same but for their places
(tests/test_pipeline.py checks figures, events and claims on real news).

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


def peak_children_rss_mb() -> float:
    """The largest peak of any waited-for child process (the workers of a parallel run)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


#: The facts the bench compares between runs: every list of an Extraction.
KINDS = ("figures", "quantities", "places", "times", "events", "conditions", "claims")


def fact_keys(extractions, *, without_places: bool = False) -> dict[str, set[tuple]]:
    """Per kind, every fact of every article as (article index, the fact's repr): two runs found
    the same facts when these sets are equal. ``without_places``: each fact with its place, country
    and speaker's country left out (see :func:`crisisdesk.model.without_places`)."""
    from crisisdesk.model import without_places as without_places_of

    shown = without_places_of if without_places else (lambda fact: fact)
    return {kind: {(i, repr(shown(fact))) for i, e in enumerate(extractions) for fact in getattr(e, kind)} for kind in KINDS}


def figure_keys(extractions) -> set[tuple]:
    """Every figure as (article index, offsets, number, term): what the figure says, not the place
    and time it is attached to (the naive run, parsing every sentence, finds more places)."""
    return {(i, f.start, f.end, f.quantity, f.term) for i, e in enumerate(extractions) for f in e.figures}


def run(count: int, workers: int = 2, ray: bool = False, ingest: bool = True) -> dict:
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
        return lambda: [x for x in extract(batch, **options) if isinstance(x, Extraction)]

    # The naive pipeline: every model over every article's whole text, in this process.
    naive, naive_seconds, naive_rss = timed(shipped(workers=1, thorough=True))
    one, one_seconds, one_rss = timed(shipped(workers=1))  # extract() alone would use every core on a batch this size
    many, many_seconds, _ = timed(shipped(workers=workers))

    naive_keys, one_keys, many_keys = fact_keys(naive), fact_keys(one), fact_keys(many)
    bare_naive, bare_one = fact_keys(naive, without_places=True), fact_keys(one, without_places=True)
    results = {
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
        "peak_rss_mb_of_a_worker": round(peak_children_rss_mb(), 1),
        "figures_naive": len(figure_keys(naive)),
        "figures_shipped": len(figure_keys(one)),
        "figures_only_naive": len(figure_keys(naive) - figure_keys(one)),
        "figures_only_shipped": len(figure_keys(one) - figure_keys(naive)),
        "facts_naive": {kind: len(keys) for kind, keys in naive_keys.items()},
        "facts_shipped": {kind: len(keys) for kind, keys in one_keys.items()},
        "facts_only_naive": {kind: len(naive_keys[kind] - one_keys[kind]) for kind in KINDS},
        "facts_only_shipped": {kind: len(one_keys[kind] - naive_keys[kind]) for kind in KINDS},
        "facts_only_naive_without_places": {kind: len(bare_naive[kind] - bare_one[kind]) for kind in KINDS},
        "facts_only_shipped_without_places": {kind: len(bare_one[kind] - bare_naive[kind]) for kind in KINDS},
        "figures_parallel_differ": len(many_keys["figures"] ^ one_keys["figures"]),
        "facts_parallel_differ": sum(len(many_keys[kind] ^ one_keys[kind]) for kind in KINDS),
    }
    if ingest:
        results.update(ingested(batch, workers, many_seconds))
    if ray:
        results.update(on_ray(batch, naive_seconds, one_keys))
    return results


def ingested(batch, workers: int, extract_seconds: float) -> dict:
    """``ingest`` end to end (extract on ``workers`` processes, then the store) into a new SQLite
    file, against extract alone on as many processes."""
    import tempfile

    from crisisdesk import api
    from crisisdesk.model import Extraction
    from crisisdesk.nlp.pipeline import extract

    with tempfile.TemporaryDirectory() as folder:
        db = f"sqlite:///{folder}/bench.sqlite"
        started = time.perf_counter()
        summary = api.ingest((x for x in extract(batch, workers=workers) if isinstance(x, Extraction)), db)
        seconds = time.perf_counter() - started
    return {
        "ingest_articles_per_second": round(len(batch) / seconds, 2),
        "ingest_stored": summary.new,
        "ingest_share_of_extract_speed": round(extract_seconds / seconds, 3),
    }


def on_ray(batch, naive_seconds: float, reference: dict[str, set]) -> dict:
    """The ray engine on a local cluster of 2 CPUs, with 1 then 2 workers."""
    import ray

    from crisisdesk.model import Extraction
    from crisisdesk.nlp.engines import extract_with_ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    out = {}
    try:
        for workers in (1, 2):
            started = time.perf_counter()
            found = [x for x in extract_with_ray(batch, workers=workers) if isinstance(x, Extraction)]
            seconds = time.perf_counter() - started
            keys = fact_keys(found)
            out[f"ray_{workers}_workers_articles_per_second"] = round(len(batch) / seconds, 2)
            out[f"ray_{workers}_workers_speedup"] = round(naive_seconds / seconds, 3)
            out[f"ray_{workers}_workers_facts_differ"] = sum(len(keys[kind] ^ reference[kind]) for kind in KINDS)
    finally:
        ray.shutdown()
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2, help="processes for the parallel run")
    parser.add_argument("--ray", action="store_true", help="also run the ray engine with 1 and 2 workers (needs crisisdesk[ray])")
    parser.add_argument("--no-ingest", action="store_true", help="leave out the ingest (extract + store) run")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    results = run(args.articles, args.workers, ray=args.ray, ingest=not args.no_ingest)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    width = max(map(len, results))
    for key, value in results.items():
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    sys.exit(main())
