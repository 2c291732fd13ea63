"""Stories at scale (issue 17): the pieces that keep grouping near-linear give what the exact,
quadratic ones give where both apply, and bound the work where only they do."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from scipy.cluster.hierarchy import fcluster, linkage

from crisisdesk.analysis import stories
from crisisdesk.analysis.stories import _candidate_pairs, _incident_features, _report, build_stories, sparse_average_linkage
from crisisdesk.model import Article, Extraction, Place, PlaceMention

IRAQ = Place("Iraq", 99237, "IRQ", 33.0, 44.0, "country")


def _partition(clusters) -> set[frozenset[int]]:
    return {frozenset(int(i) for i in c) for c in clusters}


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.7])
def test_sparse_average_linkage_given_every_pair_is_scipys_average_linkage(threshold):
    rng = np.random.default_rng(7)
    points = rng.normal(size=(40, 3))  # clumps of points: scores from their distances
    points[:10] += 4
    points[10:20] -= 4
    scores = np.exp(-np.linalg.norm(points[:, None] - points[None], axis=2) / 2)
    first, second = np.triu_indices(40, 1)
    labels = fcluster(linkage(1 - scores[first, second], method="average"), t=1 - threshold, criterion="distance")
    expected = _partition([np.flatnonzero(labels == label) for label in set(labels)])
    assert _partition(sparse_average_linkage(40, first, second, scores[first, second], threshold)) == expected


def test_sparse_average_linkage_counts_a_pair_not_given_as_nothing():
    # a-b and b-c score 0.9, a-c is not given: once a and b are one, c's mean with them is 0.45.
    first, second, scores = np.array([0, 1]), np.array([1, 2]), np.array([0.9, 0.9])
    two = _partition(sparse_average_linkage(3, first, second, scores, 0.5))
    assert two in ({frozenset({0, 1}), frozenset({2})}, {frozenset({0}), frozenset({1, 2})})
    assert _partition(sparse_average_linkage(3, first, second, scores, 0.4)) == {frozenset({0, 1, 2})}


def _reports(count: int):
    """``count`` reports of one country and month naming no town, with spread-out vectors."""
    rng = np.random.default_rng(3)
    extractions, vectors = [], {}
    for n in range(count):
        text = f"Report {n} from Iraq."
        article = Article(id=f"r{n}", text=text, published=date(2024, 3, 1 + n % 28), language="en", title=text)
        extractions.append(Extraction(article, places=[PlaceMention("Iraq", 12, 16, IRAQ, 1.0)]))
        vector = rng.normal(size=16)
        vectors[article.id] = (vector / np.linalg.norm(vector)).astype(np.float32)
    return [_report([x], vectors) for x in extractions]


def test_a_crowded_block_pairs_each_report_with_its_nearest_only(monkeypatch):
    reports = _reports(60)
    features = _incident_features(reports)
    first, second = _candidate_pairs(reports, features)
    assert len(first) == 60 * 59 // 2  # within the limit: every pair
    monkeypatch.setattr(stories, "WHEN_BLOCK_LIMIT", 20)
    monkeypatch.setattr(stories, "WHEN_NEIGHBOURS", 5)
    first, second = _candidate_pairs(reports, features)
    assert len(first) <= 60 * 5
    similar = features.vectors @ features.vectors.T
    np.fill_diagonal(similar, -1)
    nearest = similar.argmax(axis=1)
    pairs = set(zip(first.tolist(), second.tolist()))
    assert all((min(i, int(j)), max(i, int(j))) in pairs for i, j in enumerate(nearest))


def test_a_large_connected_set_is_cut_on_its_candidate_pairs_as_a_small_one_is_on_all(monkeypatch):
    # Two incidents in one town told in turn (same words in each, other words between them): with
    # every pair or with the candidate pairs only, the same two incidents.
    town = Place("Mosul", 99072, "IRQ", 36.3, 43.1, "city")
    extractions, vectors = [], {}
    for n in range(24):
        who = "Karim Haddad" if n % 2 else "Leila Mansour"
        words = " ".join(f"w{n}x{k}" for k in range(12))  # words of its own: no two reports are copies
        text = f"Police in Mosul said {who} was wounded. {words}"
        at = text.index("Mosul")
        article = Article(id=f"m{n}", text=text, published=date(2024, 3, 1 + n), language="en", title=text)
        extractions.append(Extraction(article, places=[PlaceMention("Mosul", at, at + 5, town, 1.0)]))
        vectors[article.id] = np.array([1.0, 0.0] if n % 2 else [0.0, 1.0], dtype=np.float32)
    dense = sorted(i for s in build_stories(extractions, vectors) for i in s.incidents)
    monkeypatch.setattr(stories, "DENSE_INCIDENT_LIMIT", 4)
    calls = []
    monkeypatch.setattr(stories, "sparse_average_linkage", lambda *args: calls.append(args[0]) or sparse_average_linkage(*args))
    sparse = sorted(i for s in build_stories(extractions, vectors) for i in s.incidents)
    assert calls and dense == sparse and len(dense) == 2
