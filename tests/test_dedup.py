"""Near-duplicates: syndicated copies (MinHash LSH over shingles) and translations (multilingual
embeddings), on small made-up texts and on the synthetic corpus."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from crisisdesk.analysis.dedup import (
    DuplicatePair,
    copy_pairs,
    duplicate_groups,
    find_duplicates,
    jaccard,
    shingle_codes,
    shingles,
    translation_pairs,
)
from crisisdesk.analysis.embeddings import article_vectors, sentences
from crisisdesk.ingest import read_sources
from crisisdesk.model import Article

DATA = Path(__file__).resolve().parent / "data"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

WIRE = (
    "Heavy rain caused the river to burst its banks on Monday, flooding twelve villages in the north of the province. "
    "Rescue teams in boats reached families stranded on rooftops, the regional governor said. "
    "Schools were closed and the main road to the capital was cut. Forecasters expect more rain this week."
)


def article(id_: str, text: str, language: str = "en", published: date | None = None) -> Article:
    return Article(id=id_, text=text, language=language, published=published)


def test_shingles_ignore_case_accents_and_punctuation():
    assert shingles("L'Élysée a dit: NON!") == shingles("l elysee a dit non")
    assert shingles("two words") == {"two words"}
    assert shingles("") == set()


def test_numbered_shingles_are_the_shingles_and_agree_on_jaccard():
    numbers: dict[str, int] = {}
    texts = [WIRE, WIRE.replace("twelve", "eleven") + " (Agency)", "L'Élysée a dit: NON!", "l elysee a dit non", "two words", ""]
    codes = [shingle_codes(t, numbers) for t in texts]
    assert [len(c) for c in codes] == [len(shingles(t)) for t in texts]
    for a, b in [(0, 1), (2, 3), (0, 2), (4, 4), (4, 5)]:
        both = np.intersect1d(codes[a], codes[b]).size
        union = codes[a].size + codes[b].size - both
        assert (both / union if union else 0.0) == jaccard(shingles(texts[a]), shingles(texts[b]))


def test_copies_just_above_the_threshold_are_found():
    # 50 texts of 300 words, each with a copy that has every sixth word changed: Jaccard about 0.33
    # (the two synthetic wire copies of one report are 0.326 apart). Every pair found, none else.
    import random

    rng = random.Random(5)
    vocabulary = [f"w{n}" for n in range(5000)]
    articles, expected = [], set()
    for n in range(50):
        words = rng.choices(vocabulary, k=300)
        copy = [f"x{n}y{k}" if k % 6 == 3 else w for k, w in enumerate(words)]
        articles += [article(f"a{n}", " ".join(words)), article(f"b{n}", " ".join(copy))]
        assert 0.3 <= jaccard(shingles(articles[-2].text), shingles(articles[-1].text)) < 0.36
        expected.add((f"a{n}", f"b{n}"))
    assert {(p.a, p.b) for p in copy_pairs(articles)} == expected


def test_a_wire_copy_with_an_agency_line_and_one_sentence_changed_is_a_copy():
    edited = (
        WIRE.replace("Schools were closed and the main road to the capital was cut.", "The army sent trucks of food and tents.")
        + "\n(Agency)"
    )
    other = "Heavy fighting broke out on Monday near the border, and the army said twelve soldiers were wounded in the north."
    (pair,) = copy_pairs([article("a", WIRE), article("b", edited), article("c", other)])
    assert (pair.a, pair.b, pair.kind) == ("a", "b", "copy") and pair.score >= 0.3


def test_groups_are_transitive_and_keep_order():
    pairs = [DuplicatePair("c", "d", "copy", 1.0), DuplicatePair("a", "d", "translation", 0.8)]
    assert duplicate_groups(["a", "b", "c", "d"], pairs) == [["a", "c", "d"], ["b"]]


def test_translation_needs_other_language_close_vectors_agreeing_dates_and_aligned_sentences():
    en, fr = article("en", "x" * 100, "en", date(2023, 9, 26)), article("fr", "y" * 120, "fr", date(2023, 9, 26))
    same = {"en": np.array([1.0, 0.0]), "fr": np.array([0.9, 0.436])}
    aligned = lambda a, b: 0.8  # noqa: E731
    assert [p.kind for p in translation_pairs([en, fr], same, alignment=aligned)] == ["translation"]
    assert translation_pairs([en, fr], same, alignment=lambda a, b: 0.3) == []  # same topic, other sentences
    far = {"en": np.array([1.0, 0.0]), "fr": np.array([0.5, 0.866])}
    assert translation_pairs([en, fr], far, alignment=aligned) == []
    later = article("fr", "y" * 120, "fr", date(2023, 11, 1))
    assert translation_pairs([en, later], same, alignment=aligned) == []
    english = article("fr", "y" * 120, "en", date(2023, 9, 26))
    assert translation_pairs([en, english], same, alignment=aligned) == []


def test_sentences_split_on_end_punctuation_and_lines_not_on_abbreviations():
    assert sentences("The U.S. said no. « Non », dit-il.\n(Agency)") == ["The U.S. said no.", "« Non », dit-il.", "(Agency)"]


# --- with the embedding model, on the synthetic corpus --------------------------------------------


@pytest.fixture(scope="module")
def corpus() -> list[Article]:
    found = list(read_sources([str(DATA / "synthetic_news.jsonl"), str(DATA / "synthetic_stories.jsonl"), str(SEEDS)]))
    assert all(isinstance(a, Article) for a in found)
    return found


@pytest.fixture(scope="module")
def vectors(corpus) -> dict[str, np.ndarray]:
    return article_vectors(corpus)


def test_vectors_are_normalised_and_a_translation_is_closer_than_another_report_of_the_story(vectors):
    assert all(v.shape == (512,) and abs(np.linalg.norm(v) - 1) < 1e-4 for v in vectors.values())
    original, translation = vectors["syn-nk-03"], vectors["syn-nk-03-fr"]
    assert original @ translation > 0.7
    assert max(translation @ vectors[i] for i in ("syn-nk-01", "syn-nk-02", "syn-nk-04", "syn-nk-05")) < 0.6


def test_the_corpus_copies_and_translation_are_found_and_nothing_else(corpus, vectors):
    groups, pairs = find_duplicates(corpus, vectors)
    assert [g for g in groups if len(g) > 1] == [["syn-nk-01", "syn-nk-01-wire-a", "syn-nk-01-wire-b"], ["syn-nk-03", "syn-nk-03-fr"]]
    assert {(p.a, p.b): p.kind for p in pairs if p.kind == "translation"} == {("syn-nk-03", "syn-nk-03-fr"): "translation"}
    assert len(groups) == len(corpus) - 3  # 14 articles, 11 reports; the two seeds are not duplicates
