"""Near-duplicates: syndicated copies of one text and translations of one report, so that the
analysis counts each report once.

Copies (same language): MinHash LSH (``datasketch``) over word 3-shingles of the normalised text
(case folded, accents and punctuation dropped) finds candidate pairs without comparing every
pair; a candidate is a copy when the exact Jaccard similarity of the two shingle sets is at least
:data:`COPY_JACCARD`. Wire copies of a short report that change one sentence in four and add an
agency line keep 0.44-0.69 of their 3-shingles; different reports of the same story share under
0.05 (the synthetic test corpus).

Translations (different languages): the multilingual article vectors
(:mod:`crisisdesk.analysis.embeddings`) of the two are close (cosine at least
:data:`TRANSLATION_COSINE`; 0.81 for the synthetic pair, at most 0.67 for two English reports of
the same story), their lengths agree, they were published within :data:`TRANSLATION_DAYS` of each
other, and their sentences pair up one to one (:func:`~crisisdesk.analysis.embeddings.sentence_alignment`
at least :data:`TRANSLATION_ALIGNMENT`: 0.78 for the pair, at most 0.43 otherwise).

Pairs are joined transitively into groups (a copy of a translation is in the translation's group).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crisisdesk.model import Article

if TYPE_CHECKING:
    import numpy as np

#: Words per shingle: short enough that an edited sentence costs few shingles.
SHINGLE_WORDS = 3
#: MinHash permutations: with 128 the LSH finds pairs of Jaccard 0.3 with probability above 0.99.
PERMUTATIONS = 128
#: Jaccard similarity of the shingle sets from which two articles are copies of one text.
COPY_JACCARD = 0.3
TRANSLATION_COSINE = 0.7
TRANSLATION_ALIGNMENT = 0.6
#: Longer over shorter text, in characters: French runs about 1.2 times English.
TRANSLATION_LENGTH_RATIO = 2.0
TRANSLATION_DAYS = 7

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class DuplicatePair:
    a: str  # article ids
    b: str
    kind: str  # "copy" | "translation"
    score: float  # Jaccard of the shingles for a copy, sentence alignment for a translation


def normalised_words(text: str) -> list[str]:
    """The words of ``text``, case folded and without accents: "Élysée's" → ["elysee", "s"]."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return _WORD.findall("".join(c for c in folded if not unicodedata.combining(c)))


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    words = normalised_words(text)
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def copy_pairs(articles: Sequence[Article], *, threshold: float = COPY_JACCARD) -> list[DuplicatePair]:
    """Pairs of articles that are copies of one text (see module docstring)."""
    from datasketch import MinHash, MinHashLSH

    sets = {a.id: shingles(a.text) for a in articles}
    lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
    pairs: list[DuplicatePair] = []
    seen: set[str] = set()
    for article in articles:
        if article.id in seen or not sets[article.id]:
            continue
        seen.add(article.id)
        signature = MinHash(num_perm=PERMUTATIONS)
        signature.update_batch([s.encode("utf-8") for s in sets[article.id]])
        for other in lsh.query(signature):
            score = jaccard(sets[article.id], sets[other])
            if score >= threshold:
                pairs.append(DuplicatePair(other, article.id, "copy", round(score, 3)))
        lsh.insert(article.id, signature)
    return pairs


def translation_pairs(
    articles: Sequence[Article],
    vectors: Mapping[str, np.ndarray],
    *,
    alignment: Callable[[Article, Article], float] | None = None,
) -> list[DuplicatePair]:
    """Pairs of articles in different languages that are translations of one report."""
    import numpy as np

    if alignment is None:
        from crisisdesk.analysis.embeddings import sentence_alignment as alignment
    known = [a for a in articles if a.language and a.id in vectors]
    if len({a.language for a in known}) < 2:
        return []
    matrix = np.stack([vectors[a.id] for a in known])
    cosines = matrix @ matrix.T
    pairs: list[DuplicatePair] = []
    for i, j in zip(*np.nonzero(np.triu(cosines >= TRANSLATION_COSINE, k=1))):
        a, b = known[i], known[j]
        if a.language == b.language or not _lengths_agree(a, b) or not _dates_agree(a, b):
            continue
        score = alignment(a, b)
        if score >= TRANSLATION_ALIGNMENT:
            pairs.append(DuplicatePair(a.id, b.id, "translation", round(score, 3)))
    return pairs


def _lengths_agree(a: Article, b: Article) -> bool:
    shorter, longer = sorted((len(a.text), len(b.text)))
    return longer <= TRANSLATION_LENGTH_RATIO * max(shorter, 1)


def _dates_agree(a: Article, b: Article) -> bool:
    if a.published is None or b.published is None:
        return True
    return abs((a.published - b.published).days) <= TRANSLATION_DAYS


def duplicate_groups(ids: Iterable[str], pairs: Iterable[DuplicatePair]) -> list[list[str]]:
    """Every article id in one group: the pairs joined transitively (union-find). Groups keep the
    order of ``ids``, and so do their members."""
    order = list(dict.fromkeys(ids))
    position = {i: n for n, i in enumerate(order)}
    parent = {i: i for i in order}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair in pairs:
        if pair.a in parent and pair.b in parent:
            ra, rb = root(pair.a), root(pair.b)
            if ra != rb:
                parent[max(ra, rb, key=position.get)] = min(ra, rb, key=position.get)
    groups: dict[str, list[str]] = {}
    for i in order:
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def find_duplicates(articles: Sequence[Article], vectors: Mapping[str, np.ndarray]) -> tuple[list[list[str]], list[DuplicatePair]]:
    """Groups of articles (each a list of ids; an article with no duplicate is a group of its own)
    and the pairs that joined them."""
    pairs = copy_pairs(articles) + translation_pairs(articles, vectors)
    return duplicate_groups((a.id for a in articles), pairs), pairs


__all__ = ["DuplicatePair", "copy_pairs", "translation_pairs", "duplicate_groups", "find_duplicates", "shingles", "jaccard"]
