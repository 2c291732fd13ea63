"""The crisis context of a sentence, as conditions read it: the tool's one notion of crisis
(:mod:`crisisdesk.nlp.relevance`, shared with figures and events), with the prefilter's reach.

Words that are conditions only in a crisis (arrests, hunger, roads closed) count when the sentence
is told in a crisis (it names a war, displacement, a disaster, refugees, humanitarian work; a
sentence next to it does; or the article does so in several sentences); every condition and event
is marked with it (``crisis``). The prefilter (:mod:`crisisdesk.nlp.prefilter`) uses the same
pattern (:func:`crisisdesk.nlp.cues.crisis_pattern`, built from the lexicon) and the same reach
(:data:`crisisdesk.nlp.relevance.CRISIS_NEIGHBOURS`), so what it parses and what counts here agree.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from crisisdesk.nlp.relevance import MIN_CRISIS_SENTENCES, doc_crisis_sentences

#: Sentences of an article that must name a crisis (by a word that names one by itself) for the whole
#: article to count as one: the figures' number (the default of the conditions component's
#: ``crisis_sentences_for_article``).
CRISIS_SENTENCES_FOR_ARTICLE = MIN_CRISIS_SENTENCES


def in_crisis(sentences: Sequence[Span], *, neighbours: int, sentences_for_article: int) -> list[bool]:
    """For each sentence, whether its conditions count as told in a crisis: it or one of its
    ``neighbours`` either side names one, or ``sentences_for_article`` sentences of the article do."""
    return doc_crisis_sentences(sentences, neighbours=neighbours, min_sentences=sentences_for_article)
