"""The crisis context of a sentence: whether it, a sentence beside it or its article names a crisis.

Words that are conditions only in a crisis (arrests, hunger, roads closed) count when the sentence
names a crisis (war, displacement, a disaster, refugees, humanitarian work), when a sentence next to
it does ("Fuel is running out." after "The siege of the city entered its third month."), or when the
article does so in several sentences. The prefilter (:mod:`crisisdesk.nlp.prefilter`) uses the same
pattern, so what it parses and what counts here agree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Span

from crisisdesk.lexicon import irregular, words
from crisisdesk.nlp.prefilter import inflections

#: Sentences either side of one that names a crisis whose conditions count too (the default of the
#: component's ``crisis_neighbours``; the prefilter reads it from here).
CRISIS_NEIGHBOURS = 1
#: Sentences of an article that must name a crisis for the whole article to count as one (the default
#: of the component's ``crisis_sentences_for_article``).
CRISIS_SENTENCES_FOR_ARTICLE = 3


@lru_cache(maxsize=1)
def crisis_pattern() -> re.Pattern[str]:
    """A sentence that names a crisis: any inflection of ``crisis_words`` (or an irregular form of
    one), or one of the phrases built below."""
    forms = {form for word in words("crisis_words") for form in inflections(word)} | set(irregular("crisis_words"))
    alternation = "|".join([*(re.escape(f) for f in sorted(forms, key=len, reverse=True)), *_crisis_phrases()])
    return re.compile(rf"(?<![\w-])(?:{alternation})(?!\w)", re.IGNORECASE)


def _crisis_phrases() -> list[str]:
    """The multi-word ways of naming a crisis: aid work ("aid workers", "aid-convoys"), strikes of war
    ("air strikes", "drone-strike", "strikes on the grid") and the phrases of ``crisis_phrases``
    ("front lines")."""
    aid = "|".join(re.escape(form) for noun in sorted(words("crisis_aid_nouns")) for form in _singular_and_plural(noun))
    strike = "|".join(re.escape(kind) for kind in sorted(words("crisis_strike_kinds")))
    return [
        rf"aid[ -](?:{aid})",
        rf"(?:{strike})[ -]?strikes?",
        r"strikes?\s+(?:on|against)",
        *(_phrase(p) for p in sorted(words("crisis_phrases"))),
    ]


def _singular_and_plural(noun: str) -> tuple[str, str]:
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun, noun[:-1] + "ies"
    return noun, noun + "s"


def _phrase(phrase: str) -> str:
    """Any white space between the words, the last one singular or plural ("front\\s+lines?")."""
    return r"\s+".join(re.escape(w) for w in phrase.split()) + "s?"


def names_a_crisis(sentence: Span) -> bool:
    return bool(crisis_pattern().search(sentence.text))


def in_crisis(sentences: Sequence[Span], *, neighbours: int, sentences_for_article: int) -> list[bool]:
    """For each sentence, whether its conditions count as told in a crisis: it or one of its
    ``neighbours`` either side names one, or ``sentences_for_article`` sentences of the article do."""
    named = [names_a_crisis(s) for s in sentences]
    if sum(named) >= sentences_for_article:
        return [True] * len(sentences)
    return [any(named[max(0, i - neighbours) : i + neighbours + 1]) for i in range(len(sentences))]
