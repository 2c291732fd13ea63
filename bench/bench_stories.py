"""Cost of stories: the embedding model (load, memory, speed), near-duplicate detection and the
clustering, against ``extract`` on the same articles (its models loaded first), in one process.

    .venv/bin/python bench/bench_stories.py [--articles 300] [--json OUT]
    .venv/bin/python bench/bench_stories.py --scale 20000 [--real 200]

``--scale N`` times only the grouping (incidents and crises, near-duplicates included) on N
articles: ``--real`` real news articles of ../shared/eval/gva extracted and embedded here (not
timed), and synthetic ones made from them: each takes a real article's facts (places, figures,
events) and vector (plus noise), a text of sentences drawn from all the real ones, and a
publication date moved by up to three years, so that grouping has real-looking work to do.

Articles are distinct real news texts of ../shared/eval (GeoWebNews, TimeBank/AQUAINT); one in ten
also gets a syndicated copy (its second sentence dropped, an agency line added), so that the
copies found can be counted. Reported: the model's load time and the resident memory it adds
(current RSS from /proc, before and after), articles and sentences embedded per second, the same
articles through ``extract`` (the fast path, this process) and the ratio of the two, MinHash copy
detection per second and the copies it found of those planted, and the clustering time.

A benchmark, not a test: timings vary with the machine; compare ratios from one run.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_extract import news_texts  # noqa: E402
from bench_gazetteer import rss_mb  # noqa: E402


def corpus(count: int):
    """``count`` distinct news articles, plus an edited copy of every tenth."""
    from crisisdesk.analysis.embeddings import sentences
    from crisisdesk.ingest import make_article
    from crisisdesk.ingest.readers import RawArticle

    texts = list(dict.fromkeys(news_texts()))[:count]
    made, planted = [], []
    for i, text in enumerate(texts):
        made.append(make_article(RawArticle(text, f"bench:{i}", id=f"bench-{i}")))
        parts = sentences(text)
        if i % 10 == 0 and len(parts) >= 4:
            copy = " ".join(parts[:1] + parts[2:]) + "\n(Agency)"
            made.append(make_article(RawArticle(copy, f"bench:{i}:copy", id=f"bench-{i}-copy")))
            planted.append((f"bench-{i}", f"bench-{i}-copy"))
    return made, planted


def run(count: int) -> dict:
    from crisisdesk.analysis import embeddings
    from crisisdesk.analysis.dedup import copy_pairs
    from crisisdesk.analysis.stories import build_stories
    from crisisdesk.nlp import encoder
    from crisisdesk.nlp.pipeline import extract

    articles, planted = corpus(count)
    results: dict = {"articles": len(articles), "planted_copies": len(planted)}

    # The encoder is shared with the sector classifier (crisisdesk.nlp.encoder): whatever loaded it
    # earlier in this process, the load is measured cold.
    encoder.encoder.cache_clear()
    gc.collect()
    rss_before = rss_mb()
    start = time.perf_counter()
    embeddings.encode(["warm up"])
    results["model_load_seconds"] = round(time.perf_counter() - start, 2)
    results["rss_mb_model"] = round(rss_mb() - rss_before, 1)

    sentence_count = sum(len(embeddings.article_sentences(a)) for a in articles)
    start = time.perf_counter()
    vectors = embeddings.article_vectors(articles)
    seconds = time.perf_counter() - start
    results["sentences"] = sentence_count
    results["embed_articles_per_second"] = round(len(articles) / seconds, 1)
    results["embed_sentences_per_second"] = round(sentence_count / seconds, 1)

    list(extract(articles[:1], workers=1))  # the spaCy pipeline and the gazetteer loaded
    start = time.perf_counter()
    extractions = [x for x in extract(articles, workers=1) if hasattr(x, "article")]
    seconds = time.perf_counter() - start
    results["extract_articles_per_second"] = round(len(articles) / seconds, 1)
    results["embedding_cost_vs_extract"] = round(results["extract_articles_per_second"] / results["embed_articles_per_second"], 3)

    start = time.perf_counter()
    pairs = copy_pairs(articles)
    results["copy_detection_articles_per_second"] = round(len(articles) / (time.perf_counter() - start), 1)
    found = {(p.a, p.b) for p in pairs} | {(p.b, p.a) for p in pairs}
    results["planted_copies_found"] = sum(pair in found for pair in planted)
    results["other_copy_pairs"] = len([p for p in pairs if (p.a, p.b) not in planted and (p.b, p.a) not in planted])

    start = time.perf_counter()
    stories = build_stories(extractions, vectors)
    results["stories_seconds"] = round(time.perf_counter() - start, 2)
    results["stories"] = len(stories)
    results["stories_of_more_than_one_report"] = sum(s.reports > 1 for s in stories)
    results["rss_mb_end"] = round(rss_mb(), 1)
    return results


_SYLLABLES = ("ka", "lo", "mi", "ra", "te", "su", "no", "vi", "da", "ren", "bel", "tor", "an", "es", "ul", "qui")


def _made_up_name(rng) -> str:
    return " ".join("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize() for _ in range(2))


def scale(count: int, real: int) -> dict:
    import random
    from dataclasses import replace
    from datetime import timedelta

    import numpy as np

    from crisisdesk.analysis import embeddings
    from crisisdesk.analysis.stories import _NAME as NAME  # the names stories compare
    from crisisdesk.analysis.stories import build_stories
    from crisisdesk.ingest import read_sources
    from crisisdesk.nlp.pipeline import extract

    articles = [
        a
        for a in read_sources([str(Path(__file__).resolve().parents[2] / "shared" / "eval" / "gva" / "articles.jsonl")])
        if hasattr(a, "text")
    ][:real]
    extractions = [x for x in extract(articles, workers=1) if hasattr(x, "article")]
    vectors = embeddings.article_vectors([x.article for x in extractions])
    pool = [s for x in extractions for s in embeddings.sentences(x.article.text)]
    rng = random.Random(17)
    made = list(extractions)
    for n in range(count - len(extractions)):
        base = extractions[n % len(extractions)]
        # Sentences of other reports, their people renamed (made-up names, one set per article), so
        # that names identify incidents as they do in real news, rather than repeating across thousands.
        made_up: dict[str, str] = {}
        text = NAME.sub(lambda m, names=made_up: names.setdefault(m.group(), _made_up_name(rng)), " ".join(rng.sample(pool, 8)))
        published = base.article.published + timedelta(days=rng.randrange(0, 1100)) if base.article.published else None
        article = replace(base.article, id=f"synthetic-{n}", text=text, published=published, title=None)
        made.append(replace(base, article=article))
        noisy = vectors[base.article.id] + np.random.default_rng(n).normal(0, 0.03, vectors[base.article.id].shape)
        vectors[article.id] = (noisy / np.linalg.norm(noisy)).astype(np.float32)
    start, cpu = time.perf_counter(), time.process_time()
    stories = build_stories(made, vectors)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {
        # CPU seconds as well as wall-clock ones: on a shared machine the wall clock counts the others' work.
        "articles": len(made), "real_articles": len(extractions), "stories_seconds": round(seconds, 1), "stories_cpu_seconds": round(cpu, 1),
        "stories": len(stories), "incidents": sum(len(s.incidents) for s in stories), "largest_story": max(s.reports for s in stories),
        "rss_mb_end": round(rss_mb(), 1),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--scale", type=int, help="Time only the grouping, on this many real-plus-synthetic articles.")
    parser.add_argument("--real", type=int, default=200, help="Real articles behind --scale.")
    args = parser.parse_args()
    results = scale(args.scale, args.real) if args.scale else run(args.articles)
    for key, value in results.items():
        print(f"{key:40} {value}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
