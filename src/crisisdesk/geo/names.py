"""How the gazetteer keys a name, shared by its build (:mod:`crisisdesk.geo.build`) and its lookup
(:mod:`crisisdesk.geo.gazetteer`), so that both sides of the cache agree on every key.

Names are keyed by :func:`normalize` (casefold, accents stripped, apostrophes and dots dropped,
hyphens and whitespace unified). Only names that are ASCII after that (Latin script) are kept.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from crisisdesk import lexicon

#: Words that name the kind of a division; "Shan state" is Shan, restricted to divisions.
DIVISION_WORDS = lexicon.words("place_division_words")
DIVISION_KINDS = frozenset({"admin1", "region"})

_LETTERS = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ə": "a",
        "Ə": "A",
        "ǝ": "a",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "ħ": "h",
        "ŀ": "l",
    }
)
# Apostrophes and dots vary between sources ("N'Djamena"/"NDjamena", "St. Louis"/"St Louis").
_PUNCT = str.maketrans({**{c: None for c in "'’‘ʼʻ`´ʹʿʾ\".()"}, **{c: " " for c in "-‐‑‒–—_/,"}})


@lru_cache(maxsize=200_000)  # the same names come back in every article
def normalize(name: str) -> str:
    """The lookup key of a name: casefolded, accent-free, punctuation unified, no leading "the"."""
    text = unicodedata.normalize("NFKD", name.casefold().translate(_LETTERS))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().translate(_LETTERS).translate(_PUNCT)
    words = text.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def is_latin_key(key: str) -> bool:
    """Whether a normalised name is worth keeping: ASCII, with a letter, no digits."""
    return key.isascii() and any(c.isalpha() for c in key) and not any(c.isdigit() for c in key)
