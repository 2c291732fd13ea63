"""Whether a figure is about a crisis: armed conflict, violence against civilians, a disaster, an
epidemic, displacement, a food crisis. A count of road deaths, of the victims of an ordinary crime,
of overdoses or of a sports crowd is kept, marked, and left out of the report.

Model-free, and one notion of crisis for the whole tool: a text names a crisis when
:func:`crisisdesk.nlp.cues.crisis_pattern` (the ``crisis_words`` of the lexicon, any inflection,
and its phrases) matches it, the same test the prefilter's crisis gate uses. A figure is about a
crisis when what it counts is one (people displaced, fled, sheltered, in camps, refugees,
returned, in need, disease cases: displacement, need and an outbreak are crises by definition), when its own sentence names
one, or when its article names one in enough sentences (a report on a flood says "flood" once and
then counts "4,400 people" in sentences of their own). Deaths, injuries, arrests, evacuations and
destroyed homes need that context: roads, crime, a building fire have them too.

Events and conditions read the same context sentence by sentence (:func:`crisis_sentences`): a
sentence counts when it names a crisis, when a sentence beside it does ("Fuel is running out." after
"The siege of the city entered its third month."), or when enough sentences of its article do. Words
that crime and court news use too (lexicon ``crisis_words_also_crime``: "the victim", "armed
robbery", "held hostage") name no crisis in a sentence that tells a police or court case (lexicon
``crisis_case_words``), and only the other crisis words make a whole article one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from crisisdesk.lexicon import irregular, words
from crisisdesk.nlp.cues import crisis_pattern, inflections

#: Terms that are a crisis by what they count, whatever the sentence says around them.
CRISIS_TERMS = frozenset({"displaced", "forced_to_flee", "sheltered", "in_relief_camp", "refugees", "returned", "in_need", "cases"})

#: How many sentences of an article must name a crisis for every figure in it to be about one
#: (the default of the figures component's ``min_crisis_sentences``).
MIN_CRISIS_SENTENCES = 2


def names_crisis(text: str) -> bool:
    """Whether ``text`` names a crisis ("displaced by the floods", "air strikes", "cholera")."""
    return crisis_pattern().search(text) is not None


def article_names_crisis(sentences: Iterable[str], min_sentences: int = MIN_CRISIS_SENTENCES) -> bool:
    """Whether at least ``min_sentences`` of ``sentences`` name a crisis."""
    found = 0
    for sentence in sentences:
        if names_crisis(sentence):
            found += 1
            if found >= min_sentences:
                return True
    return False


def is_crisis_figure(sentence: str, article_is_crisis: bool, term: str | None = None) -> bool:
    """Whether a figure with ``term`` said in ``sentence`` is about a crisis, given whether its
    article is."""
    return term in CRISIS_TERMS or article_is_crisis or names_crisis(sentence)


def crisis_sentences(sentences: Sequence[str], *, neighbours: int = 0, min_sentences: int = MIN_CRISIS_SENTENCES) -> list[bool]:
    """For each of an article's ``sentences``, whether what it tells is told in a crisis: it names one
    (not only by a word crime news shares, in a police or court case), one of its ``neighbours`` either
    side does, or at least ``min_sentences`` of the article name one by a word crime news does not
    share (the context events and conditions are marked with, as figures are with
    :func:`is_crisis_figure`)."""
    beyond_crime = [names_crisis_beyond_crime(s) for s in sentences]
    if sum(beyond_crime) >= min_sentences:
        return [True] * len(sentences)
    named = [beyond or (names_crisis(s) and not tells_a_case(s)) for s, beyond in zip(sentences, beyond_crime)]
    return [any(named[max(0, i - neighbours) : i + neighbours + 1]) for i in range(len(sentences))]


def names_crisis_beyond_crime(text: str) -> bool:
    """Whether ``text`` names a crisis by a word that crime and court news do not share ("shelling",
    "refugees", "floods"; not "the victim", "armed", "hostage")."""
    return any(m.group(0).lower() not in _crime_forms() for m in crisis_pattern().finditer(text))


def tells_a_case(text: str) -> bool:
    """Whether ``text`` is told as a police or court case ("was sentenced", "the jury", "detectives said")."""
    return _case_pattern().search(text) is not None


@cache
def _crime_forms() -> frozenset[str]:
    return frozenset(f for w in words("crisis_words_also_crime") for f in inflections(w)) | frozenset(irregular("crisis_words_also_crime"))


@cache
def _case_pattern() -> re.Pattern[str]:
    forms = sorted({f for w in words("crisis_case_words") for f in inflections(w)}, key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(f) for f in forms)})(?!\w)", re.IGNORECASE)
