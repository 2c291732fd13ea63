"""Knowledge as data: the word lists and rule vocabularies that crisisdesk's rules read.

Each ``<name>.toml`` file beside this module groups the lists of one meaning (``events.toml``,
``conditions.toml``, ``claims.toml``, ``figures.toml``, ``times.toml``, ``places.toml``, ...). Every
list is a table with a one-line ``note`` (what it is for), a ``source`` (where its words come from)
and its ``words``: an array of words, or a table (word → value) where each word carries something
("deny" → "denial"). Irregular forms stand beside their lemma in an ``irregular`` table
(form → lemma) of the same list, so that a reader matching surface text sees them too::

    [service_nouns]
    note = "Services that can be cut, restored or lacked."
    source = "OCHA situation reports; DEEP framework, sector WASH and Shelter"
    words = ["electricity", "gas", "water", "internet"]

    [stance_verbs]
    note = "Reporting verbs and the stance they carry."
    source = "..."
    words = { deny = "denial", accuse = "allegation" }

One name, one meaning: a list name is unique across the lexicon, so that two modules that need
the same words read the same list. Files are read once (cached) with :mod:`tomllib` and never
import a model, so the cheap first pass (:mod:`crisisdesk.nlp.prefilter`) and the components read
the same words.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["Vocabulary", "vocabulary", "words", "table", "irregular", "lexicon_names"]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """One list of the lexicon: its words (a frozenset, or a dict when each word carries a value),
    what it is for, where its words come from, and its irregular forms (form → lemma)."""

    name: str
    file: str
    note: str
    source: str
    words: frozenset[str] | dict[str, Any]
    irregular: dict[str, str] = field(default_factory=dict)


class LexiconError(ValueError):
    """A lexicon file that breaks the format above (a packaging mistake, never user input)."""


def lexicon_names() -> list[str]:
    """The lexicon files shipped with crisisdesk, by name (without ``.toml``)."""
    return sorted(p.name[: -len(".toml")] for p in resources.files(__name__).iterdir() if p.name.endswith(".toml"))


@cache
def _file(name: str) -> dict[str, Vocabulary]:
    raw = tomllib.loads(resources.files(__name__).joinpath(f"{name}.toml").read_text("utf-8"))
    out: dict[str, Vocabulary] = {}
    for key, entry in raw.items():
        if not isinstance(entry, dict) or "words" not in entry or "note" not in entry or "source" not in entry:
            raise LexiconError(f"lexicon/{name}.toml: [{key}] needs note, source and words")
        found = entry["words"]
        words = dict(found) if isinstance(found, dict) else frozenset(found)
        out[key] = Vocabulary(key, name, entry["note"], entry["source"], words, dict(entry.get("irregular", {})))
    return out


@cache
def _index() -> dict[str, Vocabulary]:
    """Every list of every file by its name; a name used twice is an error (one name, one meaning)."""
    index: dict[str, Vocabulary] = {}
    for name in lexicon_names():
        for key, entry in _file(name).items():
            if key in index:
                raise LexiconError(f"lexicon: list {key!r} is in both {index[key].file}.toml and {name}.toml")
            index[key] = entry
    return index


def vocabulary(key: str) -> Vocabulary:
    """The list named ``key``, from whichever lexicon file holds it."""
    try:
        return _index()[key]
    except KeyError:
        raise LexiconError(f"lexicon: no list named {key!r}") from None


def words(key: str) -> frozenset[str]:
    """The words of list ``key`` (the keys, for a list whose words carry values)."""
    found = vocabulary(key).words
    return frozenset(found) if isinstance(found, dict) else found


def table(key: str) -> dict[str, Any]:
    """The word → value table of list ``key``."""
    found = vocabulary(key).words
    if not isinstance(found, dict):
        raise LexiconError(f"lexicon: list {key!r} is a plain word list, not a table")
    return found


def irregular(key: str) -> dict[str, str]:
    """The irregular forms of list ``key``'s words (form → lemma)."""
    return vocabulary(key).irregular
