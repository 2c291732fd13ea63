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
"""

from __future__ import annotations

from collections.abc import Iterable

from crisisdesk.nlp.cues import crisis_pattern

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
