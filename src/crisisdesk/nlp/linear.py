"""The small one-vs-rest linear models crisisdesk ships (sectors, pillars): their weights beside
the code in an ``.npz`` with the labels and a fingerprint of the prototypes they were trained with,
read once and refused when the lexicon's prototypes have changed since."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


class StaleWeights(RuntimeError):
    """The shipped weights were trained with other prototypes or labels than the lexicon's now."""


class LinearModel:
    """A trained one-vs-rest logistic regression: ``weights`` (features × labels), ``bias``."""

    def __init__(self, weights: np.ndarray, bias: np.ndarray, labels: Sequence[str]) -> None:
        self.weights = weights
        self.bias = bias
        self.labels = tuple(labels)

    def probabilities(self, feature_rows: np.ndarray) -> np.ndarray:
        """P(label) for each row of features (rows × labels)."""
        import numpy as np

        return 1.0 / (1.0 + np.exp(-(feature_rows @ self.weights + self.bias)))


def prototypes_fingerprint(prototypes: dict[str, list[str]]) -> str:
    """A short hash of the prototypes, stored with the weights they were trained with."""
    return hashlib.sha1(json.dumps(prototypes, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def load_weights(package: str, path: str, labels_key: str, labels: Sequence[str], prototypes: dict[str, list[str]], trainer: str):
    """(weights, bias, labels) stored at ``path`` inside ``package``; StaleWeights when the stored
    labels or prototypes are not ``labels`` and ``prototypes`` (re-run ``trainer``)."""
    import numpy as np

    with resources.files(package).joinpath(path).open("rb") as handle:
        stored = np.load(handle, allow_pickle=False)
        weights, bias, found, fingerprint = (
            stored["weights"],
            stored["bias"],
            [str(s) for s in stored[labels_key]],
            str(stored["prototypes"]),
        )
    if tuple(found) != tuple(labels) or fingerprint != prototypes_fingerprint(prototypes):
        raise StaleWeights(f"{path} does not match the lexicon's {labels_key[:-1]} prototypes: run {trainer}")
    return weights, bias, found
