"""DEEP pillars from meaning: which pillars of the DEEP analytical framework a sentence or an article
speaks to (Context, Shock/Event, Displacement, ..., Capacities & Response), with a confidence.

A condition's ``pillar`` is its kind's (:data:`crisisdesk.model.CONDITION_PILLARS`): the rules
decide what a phrase states. This module reads the meaning of the sentence instead, from the
sentence vectors the sector classifier has already computed (:mod:`crisisdesk.nlp.sectors`: one
encoder batch per article serves both; nothing is encoded twice), and gives each condition the
probability of each pillar its sentence speaks to (``Condition.pillar_confidence``) and the article
its pillars (``doc._.crisisdesk_pillars``).

Features of a text (its sentence vectors): the normalised mean vector, and for each pillar the best
cosine between any sentence and the pillar's prototypes and between the mean and them (scaled as
the sectors' are). The prototypes are short statements of what each pillar and subpillar covers,
written from the DEEP analytical framework's definitions (lexicon ``pillar_prototypes``).

One logistic regression per pillar (one-vs-rest, class-balanced), trained by
``tools/train_pillars.py`` on the prototypes themselves (each statement a text of its pillar, its
own similarity left out) and on the sentences of the **tuning** part of the labelled conditions set
(tests/data/conditions/labelled.jsonl, the SHA-256 rule of :mod:`crisisdesk.eval.splits` on the
sentence id) with the pillars of their conditions; the held-out conditions sets and the checking
part are never read. Shipped in ``nlp/data/pillars.npz`` with the fingerprint of the prototypes;
a lexicon edit without retraining is refused at load.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from crisisdesk.model import PILLARS
from crisisdesk.nlp.linear import LinearModel, StaleWeights, load_weights, prototypes_fingerprint  # noqa: F401  (re-exported)

if TYPE_CHECKING:
    import numpy as np

#: Where the trained weights are, beside this module.
WEIGHTS = "data/pillars.npz"
#: Cosines scaled to weigh about as much as the 512 vector features under the same L2 penalty (as
#: the sectors' :data:`crisisdesk.nlp.sectors.SIMILARITY_SCALE`).
SIMILARITY_SCALE = 3.0
#: An article's pillars are those whose probability reaches this (the classifier is class-balanced,
#: so 0.5 is its break-even point).
THRESHOLD = 0.5


def prototype_texts() -> dict[str, list[str]]:
    """The prototypes of each pillar, in PILLARS order (lexicon ``pillar_prototypes``)."""
    from crisisdesk.lexicon import table

    found = table("pillar_prototypes")
    return {pillar: list(found[pillar]) for pillar in PILLARS}


@lru_cache(maxsize=1)
def prototype_vectors() -> tuple[np.ndarray, ...]:
    """The encoded prototypes of each pillar, in PILLARS order."""
    from crisisdesk.nlp.encoder import encode

    return tuple(encode(texts) for texts in prototype_texts().values())


def features(sentence_vectors: np.ndarray, prototypes: Sequence[np.ndarray], *, left_out: tuple[int, int] | None = None) -> np.ndarray:
    """The classifier's features of one text from its sentence vectors (see the module docstring).
    ``left_out`` (pillar, prototype) drops one prototype from the similarities: a prototype read as
    a training text must not be compared with itself."""
    import numpy as np

    mean = sentence_vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    mean = mean / norm if norm else mean
    best_sentence, best_mean = [], []
    for k, p in enumerate(prototypes):
        if left_out is not None and left_out[0] == k:
            p = np.delete(p, left_out[1], axis=0)
        best_sentence.append(float((sentence_vectors @ p.T).max()))
        best_mean.append(float((mean @ p.T).max()))
    return np.concatenate([mean, SIMILARITY_SCALE * np.array(best_sentence), SIMILARITY_SCALE * np.array(best_mean)]).astype(np.float32)


def feature_count(prototypes: Sequence[np.ndarray]) -> int:
    """How many features :func:`features` gives with these prototypes."""
    return 512 + 2 * len(prototypes)


class PillarModel(LinearModel):
    """The trained one-vs-rest logistic regression over the pillars (``weights``: features × pillars)."""

    @property
    def pillars(self) -> tuple[str, ...]:
        return self.labels


@lru_cache(maxsize=1)
def load_model() -> PillarModel:
    """The shipped model (read once); StaleWeights when it no longer fits the lexicon."""
    return PillarModel(*load_weights(__package__, WEIGHTS, "pillars", PILLARS, prototype_texts(), "tools/train_pillars.py"))


def probabilities_of_vectors(vector_groups: Sequence[np.ndarray]) -> list[dict[str, float]]:
    """{pillar: probability} for each group of sentence vectors (one group a text)."""
    import numpy as np

    if not vector_groups:
        return []
    model, prototypes = load_model(), prototype_vectors()
    rows = np.stack([features(group, prototypes) for group in vector_groups])
    return [dict(zip(model.pillars, (round(float(p), 3) for p in row))) for row in model.probabilities(rows)]


def condition_pillars(pillar: str, probabilities: dict[str, float], threshold: float = THRESHOLD) -> dict[str, float]:
    """What a condition carries as ``pillar_confidence``: the probability of its own pillar (its
    kind's) and of every other pillar its sentence reaches ``threshold`` for, in PILLARS order."""
    return {p: v for p, v in probabilities.items() if p == pillar or v >= threshold}


def pillar_probabilities(texts_sentences: Sequence[Sequence[str]]) -> list[dict[str, float]]:
    """For each text (given as its sentences): {pillar: probability} for every pillar (one encoder batch)."""
    from crisisdesk.nlp.encoder import encode

    flat = encode([s for sentences in texts_sentences for s in sentences])
    bounds = [0]
    for sentences in texts_sentences:
        bounds.append(bounds[-1] + len(sentences))
    return probabilities_of_vectors([flat[a:b] for a, b in zip(bounds, bounds[1:])])
