"""The crisis context of a sentence: whether it, a sentence beside it or its article names a crisis.

Words that are conditions only in a crisis (arrests, hunger, roads closed) count when the sentence
names a crisis (war, displacement, a disaster, refugees, humanitarian work), when a sentence next to
it does ("Fuel is running out." after "The siege of the city entered its third month."), or when the
article does so in several sentences. The prefilter (:mod:`crisisdesk.nlp.prefilter`) uses the same
pattern (:func:`crisisdesk.nlp.cues.crisis_pattern`, built from the lexicon) and the same reach
(:data:`crisisdesk.nlp.prefilter.CRISIS_NEIGHBOURS`), so what it parses and what counts here agree.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from crisisdesk.nlp.cues import crisis_pattern
from crisisdesk.nlp.doctext import text_of

#: Sentences of an article that must name a crisis for the whole article to count as one (the default
#: of the component's ``crisis_sentences_for_article``).
CRISIS_SENTENCES_FOR_ARTICLE = 3


def names_a_crisis(sentence: Span) -> bool:
    # The Doc's text read once and sliced: Span.text builds a Python object per token.
    return bool(crisis_pattern().search(text_of(sentence.doc)[sentence.start_char : sentence.end_char]))


def in_crisis(sentences: Sequence[Span], *, neighbours: int, sentences_for_article: int) -> list[bool]:
    """For each sentence, whether its conditions count as told in a crisis: it or one of its
    ``neighbours`` either side names one, or ``sentences_for_article`` sentences of the article do."""
    named = _named(sentences)
    if sum(named) >= sentences_for_article:
        return [True] * len(sentences)
    return [any(named[max(0, i - neighbours) : i + neighbours + 1]) for i in range(len(sentences))]


#: Where a Doc keeps which of its sentences name a crisis: events and conditions both ask.
_NAMED_KEY = "crisisdesk_names_a_crisis"


def _named(sentences: Sequence[Span]) -> list[bool]:
    """Whether each sentence names a crisis, searched once per Doc and set of sentences (the
    events and the conditions of an article ask the same question of the same sentences)."""
    docs = {id(s.doc) for s in sentences}
    if len(docs) != 1:
        return [names_a_crisis(s) for s in sentences]
    doc = sentences[0].doc
    bounds = tuple((s.start_char, s.end_char) for s in sentences)
    cached = doc.user_data.get(_NAMED_KEY)
    if cached is not None and cached[0] == bounds:
        return list(cached[1])
    named = [names_a_crisis(s) for s in sentences]
    doc.user_data[_NAMED_KEY] = (bounds, tuple(named))
    return named
