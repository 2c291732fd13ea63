"""The crisis context of a sentence, as conditions read it: the tool's one notion of crisis
(:func:`crisisdesk.nlp.relevance.crisis_sentences`, the figures' relevance), with the prefilter's reach.

Words that are conditions only in a crisis (arrests, hunger, roads closed) count when the sentence
names a crisis (war, displacement, a disaster, refugees, humanitarian work), when a sentence next to
it does ("Fuel is running out." after "The siege of the city entered its third month."), or when the
article does so in several sentences; every condition and event is marked with it (``crisis``). The
prefilter (:mod:`crisisdesk.nlp.prefilter`) uses the same pattern
(:func:`crisisdesk.nlp.cues.crisis_pattern`, built from the lexicon) and the same reach
(:data:`crisisdesk.nlp.prefilter.CRISIS_NEIGHBOURS`), so what it parses and what counts here agree.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from crisisdesk.nlp.doctext import text_of
from crisisdesk.nlp.relevance import MIN_CRISIS_SENTENCES, crisis_sentences

#: Sentences of an article that must name a crisis (by a word crime news does not share) for the whole
#: article to count as one: the figures' number (the default of the conditions component's
#: ``crisis_sentences_for_article``).
CRISIS_SENTENCES_FOR_ARTICLE = MIN_CRISIS_SENTENCES


def in_crisis(sentences: Sequence[Span], *, neighbours: int, sentences_for_article: int) -> list[bool]:
    """For each sentence, whether its conditions count as told in a crisis: it or one of its
    ``neighbours`` either side names one, or ``sentences_for_article`` sentences of the article do."""
    docs = {id(s.doc) for s in sentences}
    if len(docs) != 1:
        return crisis_sentences([_text(s) for s in sentences], neighbours=neighbours, min_sentences=sentences_for_article)
    # Events and conditions of an article ask the same question of the same sentences: answer once per Doc.
    doc = sentences[0].doc
    key = (tuple((s.start_char, s.end_char) for s in sentences), neighbours, sentences_for_article)
    cached = doc.user_data.get(_IN_CRISIS_KEY)
    if cached is not None and cached[0] == key:
        return list(cached[1])
    answer = crisis_sentences([_text(s) for s in sentences], neighbours=neighbours, min_sentences=sentences_for_article)
    doc.user_data[_IN_CRISIS_KEY] = (key, tuple(answer))
    return answer


#: Where a Doc keeps the answer of :func:`in_crisis` for its sentences.
_IN_CRISIS_KEY = "crisisdesk_in_crisis"


def _text(sentence: Span) -> str:
    # The Doc's text read once and sliced: Span.text builds a Python object per token.
    return text_of(sentence.doc)[sentence.start_char : sentence.end_char]
