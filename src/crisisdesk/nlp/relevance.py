"""Crisis relevance: whether what a sentence tells (a figure, an event, a condition) is told in a
humanitarian crisis (armed conflict, violence against civilians, a disaster, an epidemic,
displacement, a food crisis) or in ordinary news (a road toll, an ordinary crime, a court case, a
house fire, politics, sport). What is not is kept, marked ``crisis=False``, and left out of reports.

One decision for the whole tool, made once per article (:func:`crisis_sentences`, cached per Doc by
:func:`doc_crisis_sentences`) and read by figures, events and conditions alike. Model-free: the
words are the lexicon's (``lexicon/relevance.toml``), matched by :func:`crisisdesk.nlp.cues.crisis_pattern`,
the same pattern as the prefilter's crisis gate. The words fall in three kinds:

- words that name a crisis by themselves ("shelling", "refugees", "floods", "cholera", "COVID-19");
- words crime and court news shares (``crisis_words_also_crime``: "the victim", "armed", "attack"):
  they name a crisis only in an article that tells no police or court case (``crisis_case_words``:
  "the suspect", "detectives", "was sentenced"), and never make a whole article one;
- words sport news uses for play (``crisis_words_also_sport``: "attack", "invasion", "fighting"):
  they name no crisis in an article told as sport (``crisis_sport_words``: "the championship",
  "a race winner", "the goalkeeper"), and do not make the whole article one;
- words fire, accident and rescue news shares (``crisis_words_also_rescue``: "evacuated",
  "trapped", "survivors", "emergency"): they never name a crisis by themselves, so that "two
  people had to be evacuated from a second floor suite" needs a flood or a war around it.

Phrases in which a crisis word names none (``crisis_false_friends``: "fighting two apartment
fires", "shell casings", "conflicting reports", "a home invasion") do not count at all, nor do
some words capitalised inside a sentence (``crisis_words_lower_case``: "Nick Shell", "the Rockets").

A sentence is told in a crisis when it names one, when one of its ``neighbours`` either side does
("Fuel is running out." after "The siege of the city entered its third month."), or when at least
``min_sentences`` of its article name one by words of the first kind (a report on a flood says
"flood" once or twice, then counts "4,400 people" in sentences of their own). A figure is about a
crisis when its sentence is told in one, or when what it counts is one by definition (people
displaced, fled, sheltered, in camps, refugees, returned, in need, disease cases:
:data:`CRISIS_TERMS`) and its article tells no police or court case and no fire in a building
(``crisis_fire_words``: "four suspects fled", "residents displaced by the kitchen fire"). Deaths,
injuries, arrests, evacuations and destroyed homes always need the context: roads, crime and
building fires have them too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from crisisdesk.lexicon import irregular, words
from crisisdesk.nlp.cues import crisis_pattern, inflections

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from crisisdesk.model import Figure

#: Terms that are a crisis by what they count, whatever the sentence says around them.
CRISIS_TERMS = frozenset({"displaced", "forced_to_flee", "sheltered", "in_relief_camp", "refugees", "returned", "in_need", "cases"})

#: How many sentences of an article must name a crisis (by a word that names one by itself) for
#: everything in it to be told in one (the default of the components' ``min_crisis_sentences``).
MIN_CRISIS_SENTENCES = 2

#: Sentences either side of one that names a crisis that are told in it too (the default of the
#: components' ``crisis_neighbours``; the prefilter's reach).
CRISIS_NEIGHBOURS = 1

#: How a text names a crisis: not at all (or only by a word of rescue news), by a word crime news
#: shares, or by a word that names one by itself.
NONE, SHARED_WITH_CRIME, BY_ITSELF = 0, 1, 2


def crisis_words_in(text: str) -> list[str]:
    """The crisis words of ``text`` (lower case), leaving out those inside a false friend ("fighting
    two apartment fires", "shell casings")."""
    # Capitalised inside the text, some words are names ("Nick Shell", "the Houston Rockets").
    found = [
        (m.start(), m.group(0).lower())
        for m in crisis_pattern().finditer(text)
        if not (m.start() > 0 and m.group(0)[0].isupper() and m.group(0).lower() in _lower_case_forms())
    ]
    if not found:
        return []
    # Overlapping phrases each count ("gun violence" and "violence epidemic" in "gun violence epidemic").
    friends = [(m.start(), m.start() + len(m.group(1))) for m in _false_friends().finditer(text)]
    return [word for at, word in found if not any(start <= at < end for start, end in friends)]


def names_crisis(text: str) -> bool:
    """Whether ``text`` holds a crisis word at all ("displaced by the floods", "air strikes",
    "cholera", but also "evacuated"): the loose test, for rules that ask whether a sentence speaks of
    a crisis beside a word of their own (a school as a shelter); relevance is :func:`naming`."""
    return bool(crisis_words_in(text))


def naming(text: str, *, sport: bool = False) -> int:
    """How ``text`` names a crisis: :data:`BY_ITSELF`, :data:`SHARED_WITH_CRIME` or :data:`NONE`;
    ``sport``: the article is told as sport, so its words of play name none."""
    found = NONE
    for word in crisis_words_in(text):
        if word in _rescue_forms() or (sport and word in _sport_forms()):
            continue
        if word not in _crime_forms():
            return BY_ITSELF
        found = SHARED_WITH_CRIME
    return found


def names_crisis_beyond_crime(text: str) -> bool:
    """Whether ``text`` names a crisis by a word that names one by itself ("shelling", "refugees",
    "floods"; not "the victim", "armed", "evacuated")."""
    return naming(text) == BY_ITSELF


def tells_sport(text: str) -> bool:
    """Whether ``text`` is told as sport ("the championship", "a race winner", "the goalkeeper")."""
    return _sport_pattern().search(text) is not None


def tells_a_case(text: str) -> bool:
    """Whether ``text`` is told as a police or court case ("was sentenced", "the jury", "detectives said")."""
    return _case_pattern().search(text) is not None


def crisis_sentences(
    sentences: Sequence[str], *, neighbours: int = CRISIS_NEIGHBOURS, min_sentences: int = MIN_CRISIS_SENTENCES
) -> list[bool]:
    """For each of an article's ``sentences``, whether what it tells is told in a crisis (see the
    module docstring)."""
    # Sport news uses "attack", "invasion", "fighting" for play: in an article told as sport they name none.
    sport = any(tells_sport(s) for s in sentences)
    kinds = [naming(s, sport=sport) for s in sentences]
    if sum(k == BY_ITSELF for k in kinds) >= min_sentences:
        return [True] * len(sentences)
    # Crime news shares "victim", "armed", "attack": an article that tells a police or court case
    # anywhere uses them in its sense, in every sentence ("The victim was 17." after "Detectives said").
    crime = SHARED_WITH_CRIME in kinds and any(tells_a_case(s) for s in sentences)
    named = [k == BY_ITSELF or (k == SHARED_WITH_CRIME and not crime) for k in kinds]
    return [any(named[max(0, i - neighbours) : i + neighbours + 1]) for i in range(len(sentences))]


def tells_ordinary_incident(text: str) -> bool:
    """Whether ``text`` tells a police or court case or a fire in a building ("the suspects fled",
    "firefighters", "a kitchen fire"): news whose people who fled or were sheltered are no
    displacement."""
    return tells_a_case(text) or _fire_pattern().search(text) is not None


def is_crisis_figure(term: str | None, told_in_crisis: bool, ordinary_article: bool = False) -> bool:
    """Whether a figure counting ``term`` is about a crisis, given whether its sentence is told in one
    and whether its article tells an ordinary incident (:func:`tells_ordinary_incident`): what it
    counts makes it one (people displaced, in need, disease cases) except in such an article ("Four
    suspects fled", "six residents displaced by the kitchen fire")."""
    return told_in_crisis or (term in CRISIS_TERMS and not ordinary_article)


def doc_crisis_sentences(
    sentences: Sequence[Span], *, neighbours: int = CRISIS_NEIGHBOURS, min_sentences: int = MIN_CRISIS_SENTENCES
) -> list[bool]:
    """:func:`crisis_sentences` of a Doc's sentences, answered once per Doc: figures, events and
    conditions ask the same question of the same sentences."""
    from crisisdesk.nlp.doctext import text_of

    docs = {id(s.doc) for s in sentences}
    if len(docs) != 1:
        return crisis_sentences(
            [text_of(s.doc)[s.start_char : s.end_char] for s in sentences], neighbours=neighbours, min_sentences=min_sentences
        )
    doc = sentences[0].doc
    key = (tuple((s.start_char, s.end_char) for s in sentences), neighbours, min_sentences)
    cached = doc.user_data.get(_CRISIS_SENTENCES_KEY)
    if cached is not None and cached[0] == key:
        return list(cached[1])
    # The Doc's text read once and sliced: Span.text builds a Python object per token.
    text = text_of(doc)
    answer = crisis_sentences([text[s.start_char : s.end_char] for s in sentences], neighbours=neighbours, min_sentences=min_sentences)
    doc.user_data[_CRISIS_SENTENCES_KEY] = (key, tuple(answer))
    return answer


def marked_crisis(
    doc: Doc, figures: list[Figure], *, neighbours: int = CRISIS_NEIGHBOURS, min_sentences: int = MIN_CRISIS_SENTENCES
) -> list[Figure]:
    """``figures`` with whether each is about a crisis: its sentence's context, or its term."""
    if not figures:
        return figures
    every = list(doc.sents)
    context = doc_crisis_sentences(every, neighbours=neighbours, min_sentences=min_sentences)
    starts = [s.start_char for s in every]
    from bisect import bisect_right

    def told_in_crisis(figure: Figure) -> bool:
        at = bisect_right(starts, figure.start) - 1
        return context[at] if at >= 0 else False

    told = [told_in_crisis(f) for f in figures]
    # Read only when a figure's term alone would make it a crisis figure.
    ordinary = any(not c and f.term in CRISIS_TERMS for f, c in zip(figures, told)) and tells_ordinary_incident(doc.text)
    return [replace(f, crisis=is_crisis_figure(f.term, c, ordinary)) for f, c in zip(figures, told)]


#: Where a Doc keeps the answer of :func:`doc_crisis_sentences` for its sentences.
_CRISIS_SENTENCES_KEY = "crisisdesk_crisis_sentences"


@cache
def _crime_forms() -> frozenset[str]:
    return _forms("crisis_words_also_crime")


@cache
def _rescue_forms() -> frozenset[str]:
    return _forms("crisis_words_also_rescue")


@cache
def _sport_forms() -> frozenset[str]:
    return _forms("crisis_words_also_sport")


@cache
def _sport_pattern() -> re.Pattern[str]:
    phrases = (r"\s+".join(re.escape(w) for w in p.split()) + "s?" for p in sorted(words("crisis_sport_words")))
    return re.compile(rf"(?<![\w-])(?:{'|'.join(phrases)})(?!\w)", re.IGNORECASE)


@cache
def _lower_case_forms() -> frozenset[str]:
    return _forms("crisis_words_lower_case")


def _forms(key: str) -> frozenset[str]:
    return frozenset(f for w in words(key) for f in inflections(w)) | frozenset(irregular(key))


@cache
def _case_pattern() -> re.Pattern[str]:
    forms = {f for w in words("crisis_case_words") for f in inflections(w)} - words("crisis_case_forms_not")
    return re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(f) for f in sorted(forms, key=len, reverse=True))})(?!\w)", re.IGNORECASE)


@cache
def _fire_pattern() -> re.Pattern[str]:
    phrases = (r"\s+".join(re.escape(w) for w in p.split()) + "s?" for p in sorted(words("crisis_fire_words")))
    return re.compile(rf"(?<![\w-])(?:{'|'.join(phrases)})(?!\w)", re.IGNORECASE)


@cache
def _false_friends() -> re.Pattern[str]:
    """Any phrase of ``crisis_false_friends``: each word in any regular inflection, "~" up to three words."""

    def word(w: str) -> str:
        if w == "~":
            return r"(?:[\w'’-]+\s+){0,3}?"
        return "(?:" + "|".join(re.escape(f) for f in sorted(inflections(w), key=len, reverse=True)) + r")(?![\w-])\s*"

    phrases = ["".join(word(w) for w in phrase.split()) for phrase in sorted(words("crisis_false_friends"))]
    return re.compile(rf"(?<![\w-])(?=((?:{'|'.join(phrases)})))", re.IGNORECASE)
