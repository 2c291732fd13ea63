"""What a regular expression cannot match without: a cheap test that tells where it cannot match.

A rule's pattern that starts with a look-behind (the time rules' "a word starts here") is tried
by ``re`` at every position of a sentence. Most rules need a word a sentence seldom holds (a unit
of time, a month, a digit); :func:`requirement` reads the pattern's parse and returns the words one
of which every match contains, so that a sentence without any is skipped without trying the rule
(issue 21: the time rules cost 4% of extract). The test is Python's substring search in the
sentence folded once (:func:`folded`), many times cheaper than an alternation in ``re``.

The words are tested without regard to case, so they are found wherever the pattern's letters
could match (a case-sensitive part of the pattern is only tested more loosely): a necessary
condition, never a sufficient one; where it holds, the rule runs as before. Only patterns whose
words are ASCII get a requirement: an ASCII letter matches, ignoring case, its two cases and the
four other characters :data:`_FOLD` maps to it, and nothing else (tests/test_literals.py checks
that against ``re`` over all of Unicode).
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from dataclasses import dataclass

#: More words than this test little faster than the pattern: no requirement.
MAX_WORDS = 128
#: Words of this many characters tell as well as longer ones whether a sentence may match.
SELECTIVE = 3
#: The characters other than an ASCII letter's two cases that ``re`` matches to it ignoring case.
_FOLD = str.maketrans({"\u017f": "s", "\u212a": "k", "\u0130": "i", "\u0131": "i"})
_DIGIT = object()  # a requirement of one digit (``\\d``), tested with re
_HAS_DIGIT = re.compile(r"\d")


def folded(text: str) -> str:
    """``text`` as :meth:`Requirement.allows` reads it (lower case, the odd case pairs of ASCII letters folded)."""
    return text.translate(_FOLD).lower()


@dataclass(frozen=True)
class Requirement:
    """Words (lower case, ASCII) one of which every match contains, or a digit."""

    words: tuple[str, ...]
    digit: bool

    def allows(self, text: str, folded_text: str) -> bool:
        """Whether a match may be in ``text`` (``folded_text``: :func:`folded` of it)."""
        return any(w in folded_text for w in self.words) or (self.digit and _HAS_DIGIT.search(text) is not None)


def requirement(pattern: re.Pattern[str]) -> Requirement | None:
    """What every match of ``pattern`` contains, or None when nothing is found (a pattern that can
    match without literal text, or whose words are not ASCII)."""
    if not isinstance(pattern.pattern, str):
        return None
    found = _of_sequence(sre_parse.parse(pattern.pattern, pattern.flags))
    if not found:
        return None
    words = sorted({w.lower() for w in found if w is not _DIGIT}, key=lambda w: (len(w), w))
    if not all(w.isascii() for w in words):
        return None
    return Requirement(tuple(words), _DIGIT in found)


def _of_sequence(items) -> list | None:
    """The most telling requirement among the items of a sequence: each item's own, and each run
    of items that match one of a few strings exactly ("Ma" then "rch" or "y": "march" or "may")."""
    candidates: list[list] = []
    run: list[str] = [""]
    for op, av in items:
        exact = _exact_item(op, av)
        if exact is not None and len(run) * len(exact) <= MAX_WORDS:
            run = [a + b for a in run for b in exact]
            continue
        if run != [""]:
            candidates.append(run)
        run = [""] if exact is None else exact
        if exact is None and (found := _of_item(op, av)):
            candidates.append(found)
    if run != [""]:
        candidates.append(run)
    candidates = [c for c in candidates if "" not in c]
    if not candidates:
        return None
    # The shortest word decides how often the test passes (three letters are seldom there by
    # chance), then the fewest words (each is one search).
    return max(candidates, key=lambda c: (min(SELECTIVE, *(1 if w is _DIGIT else len(w) for w in c)), -len(c)))


def _exact_item(op, av) -> list[str] | None:
    """The strings an item matches, when they are few and it matches nothing else."""
    if op is sre.LITERAL:
        return [chr(av)]
    if op is sre.IN and all(o is sre.LITERAL for o, _ in av):
        return [chr(v) for _, v in av]
    if op is sre.SUBPATTERN:
        return _exact_sequence(av[-1])
    if op is sre.BRANCH:
        found: list[str] = []
        for branch in av[1]:
            each = _exact_sequence(branch)
            if each is None:
                return None
            found += each
        return found if len(found) <= MAX_WORDS else None
    return None


def _exact_sequence(items) -> list[str] | None:
    run = [""]
    for op, av in items:
        exact = _exact_item(op, av)
        if exact is None or len(run) * len(exact) > MAX_WORDS:
            return None
        run = [a + b for a in run for b in exact]
    return run


def _of_item(op, av) -> list | None:
    if op is sre.SUBPATTERN:
        return _of_sequence(av[-1])
    if op is sre.ATOMIC_GROUP:
        return _of_sequence(av)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _, body = av
        return _of_sequence(body) if low >= 1 else None
    if op is sre.BRANCH:
        found: list = []
        for branch in av[1]:
            each = _of_sequence(branch)
            if not each:
                return None  # an alternative without a requirement: the branch has none
            found += each
        return found if len(found) <= MAX_WORDS else None
    if op is sre.IN and av == [(sre.CATEGORY, sre.CATEGORY_DIGIT)]:
        return [_DIGIT]
    return None  # look-arounds, anchors, any character, back references: no requirement
