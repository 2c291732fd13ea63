"""Near-duplicates: syndicated copies of one text and translations of one report, so that the
analysis counts each report once.

Copies (same language): MinHash LSH (:data:`BANDS` bands of :data:`BAND_ROWS`) over word 3-shingles of the normalised text
(case folded, accents and punctuation dropped) finds candidate pairs without comparing every
pair; a candidate is a copy when the exact Jaccard similarity of the two shingle sets is at least
:data:`COPY_JACCARD`. Shingles are numbered rather than spelt out (:func:`shingle_codes`: each
word gets a number, each run of three a 64-bit mix of theirs), so that an article's signature is a
few numpy operations, not a string and a SHA-1 per shingle. Wire copies of a short report that change one sentence in four and add an
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
from functools import cache
from typing import TYPE_CHECKING

from crisisdesk.model import Article

if TYPE_CHECKING:
    import numpy as np

#: Words per shingle: short enough that an edited sentence costs few shingles.
SHINGLE_WORDS = 3
#: MinHash permutations (signature values): BANDS × BAND_ROWS of them make the LSH bands.
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
    if text.isascii():  # nothing to decompose: the same words, far faster
        return _WORD.findall(text.casefold())
    folded = unicodedata.normalize("NFKD", text.casefold())
    # The combining characters among the text's distinct ones (few): one pass drops them all.
    marks = {ord(c): None for c in set(folded) if unicodedata.combining(c)}
    return _WORD.findall(folded.translate(marks) if marks else folded)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    words = normalised_words(text)
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


#: Odd 64-bit multipliers that mix the numbers of the three words of a shingle into one.
_MIX = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9)


def shingle_codes(text: str, numbers: dict[str, int], size: int = SHINGLE_WORDS) -> np.ndarray:
    """The word ``size``-shingles of ``text`` (as :func:`shingles`) as distinct sorted 64-bit
    numbers; ``numbers`` gives each word its number (new words are added), so that codes of
    different texts compare when they share ``numbers``."""
    import numpy as np

    words = normalised_words(text)
    if not words:
        return np.zeros(0, dtype=np.uint64)
    ids = np.fromiter((numbers.setdefault(w, len(numbers) + 1) for w in words), dtype=np.uint64, count=len(words))
    if len(ids) < size:  # one shingle of all the words; 0 (no word has it) fills the rest
        ids = np.concatenate([ids, np.zeros(size - len(ids), dtype=np.uint64)])
    runs = len(ids) - size + 1
    codes = np.zeros(runs, dtype=np.uint64)
    for k in range(size):  # wraps around 2**64 on purpose
        codes = codes * np.uint64(_MIX[k % len(_MIX)]) + ids[k : k + runs]
    codes ^= codes >> np.uint64(29)
    codes.sort()
    return codes[np.concatenate(([True], codes[1:] != codes[:-1]))]


def _code_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    import numpy as np

    both = np.intersect1d(a, b, assume_unique=True).size
    return both / (a.size + b.size - both) if a.size or b.size else 0.0


def copy_pairs(articles: Sequence[Article], *, threshold: float = COPY_JACCARD) -> list[DuplicatePair]:
    """Pairs of articles that are copies of one text (see module docstring): candidates share a
    band of their MinHash signatures; those whose signatures agree on at least ``threshold`` −
    SIGNATURE_MARGIN of their values have their exact Jaccard similarity computed."""
    import numpy as np

    numbers: dict[str, int] = {}
    codes = {a.id: shingle_codes(a.text, numbers) for a in articles}
    buckets: dict[int, list[int]] = {}  # a band and its two values of a signature → the articles with them
    order: list[str] = []
    signatures = np.empty((len(articles), PERMUTATIONS), dtype=np.uint32)  # row k: order[k]'s
    pairs: list[DuplicatePair] = []
    seen: set[str] = set()
    for article in articles:
        mine = codes[article.id]
        if article.id in seen or not mine.size:
            continue
        seen.add(article.id)
        signature = minhash_signature(mine)
        keys = [value * BANDS + band for band, value in enumerate(signature.view(np.uint64).tolist())]  # two 32-bit values a band
        candidates = np.fromiter(dict.fromkeys(other for key in keys for other in buckets.get(key, ())), dtype=np.int64)
        if candidates.size:
            agree = (signatures[candidates] == signature).mean(axis=1)
            for other in candidates[agree >= threshold - SIGNATURE_MARGIN]:
                score = _code_jaccard(mine, codes[order[other]])
                if score >= threshold:
                    pairs.append(DuplicatePair(order[other], article.id, "copy", round(score, 3)))
        for key in keys:
            buckets.setdefault(key, []).append(len(order))
        signatures[len(order)] = signature
        order.append(article.id)
    return pairs


#: LSH bands of BAND_ROWS signature values each (two: a band is one 64-bit number). A pair of
#: Jaccard s shares a band with probability 1 − (1 − s²)⁶⁴: 0.998 at 0.3, 0.47 at 0.1, 0.002 at
#: 0.005 (two unrelated news articles). With 3 rows (datasketch's choice for 0.3) a pair of
#: Jaccard 0.33 is missed one time in four.
BANDS = 64
BAND_ROWS = 2
#: A candidate whose signature agrees on less than the threshold minus this share of its values is
#: not compared exactly: a pair of Jaccard 0.3 falls below 0.15 with probability about 10⁻⁴ (128 values).
SIGNATURE_MARGIN = 0.15
#: The Mersenne prime 2**31 − 1: the MinHash permutations are h ↦ (a·h + b) mod it, with h a shingle
#: code folded to 32 bits, so that a·h + b stays within 64 bits.
_PRIME = (1 << 31) - 1


@cache
def _permutations():
    import numpy as np

    generator = np.random.RandomState(1)
    return generator.randint(1, _PRIME, PERMUTATIONS).astype(np.uint64), generator.randint(0, _PRIME, PERMUTATIONS).astype(np.uint64)


def minhash_signature(codes: np.ndarray) -> np.ndarray:
    """The MinHash signature (PERMUTATIONS values) of a set of shingle codes."""
    import numpy as np

    a, b = _permutations()
    folded = (codes ^ (codes >> np.uint64(32))) & np.uint64(0xFFFFFFFF)
    signature = np.full(PERMUTATIONS, _PRIME, dtype=np.uint64)
    for start in range(0, len(folded), 256):  # bounded memory for a long text
        chunk = folded[start : start + 256, None]
        np.minimum(signature, ((chunk * a + b) % np.uint64(_PRIME)).min(axis=0), out=signature)
    return signature.astype(np.uint32)


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
    pairs: list[DuplicatePair] = []
    for i, j in _close_pairs(known, np.stack([vectors[a.id] for a in known]).astype(np.float32)):
        a, b = known[i], known[j]
        if a.language == b.language or not _lengths_agree(a, b) or not _dates_agree(a, b):
            continue
        score = alignment(a, b)
        if score >= TRANSLATION_ALIGNMENT:
            pairs.append(DuplicatePair(a.id, b.id, "translation", round(score, 3)))
    return pairs


def _close_pairs(known: Sequence[Article], matrix: np.ndarray) -> list[tuple[int, int]]:
    """Pairs (i < j) of ``known`` whose vectors are at least TRANSLATION_COSINE apart and whose
    publication dates may agree: a dated article is compared with those published within
    TRANSLATION_DAYS of it (a window of the date order) and the undated ones, an undated article
    with all, a block of rows at a time, so that neither time nor memory grow with the square of
    a corpus spread over time."""
    import numpy as np

    day = np.array([a.published.toordinal() if a.published else -1 for a in known])
    order = np.argsort(day, kind="stable")
    undated, dated = order[day[order] < 0], order[day[order] >= 0]
    days = day[dated]
    found: set[tuple[int, int]] = set()

    def compare(rows: np.ndarray, window: np.ndarray) -> None:
        close = (matrix[rows] @ matrix[window].T) >= TRANSLATION_COSINE
        for r, c in zip(*np.nonzero(close)):
            i, j = int(rows[r]), int(window[c])
            if i != j:
                found.add((min(i, j), max(i, j)))

    for start in range(0, len(dated), _ROWS):
        stop = min(start + _ROWS, len(dated))
        low = np.searchsorted(days, days[start] - TRANSLATION_DAYS, "left")
        high = np.searchsorted(days, days[stop - 1] + TRANSLATION_DAYS, "right")
        compare(dated[start:stop], np.concatenate([dated[low:high], undated]))
    for start in range(0, len(undated), _ROWS):
        compare(undated[start : start + _ROWS], order)
    return sorted(found)


#: Rows of vectors compared at once.
_ROWS = 512


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
