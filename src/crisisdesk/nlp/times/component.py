"""The spaCy component ``crisisdesk_times``: sets ``doc._.crisisdesk_times`` from the text and
``doc._.crisisdesk_published``; it needs only the tokenizer."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

import crisisdesk.nlp.extensions  # noqa: F401  (registers the crisisdesk_* Doc extensions)
from crisisdesk.nlp.doctext import text_of
from crisisdesk.nlp.times.document import QUARTER_TALK_SENTENCES, find_times
from crisisdesk.nlp.times.values import AGAINST_TENSE
from crisisdesk.nlp.within import OffsetList


@Language.factory(
    "crisisdesk_times",
    # doc._.crisisdesk_published is set by the caller (nlp.pipeline.extract_chunk), not by a component.
    requires=[],
    assigns=["doc._.crisisdesk_times"],
    default_config={"quarter_talk_sentences": QUARTER_TALK_SENTENCES, "against_tense": AGAINST_TENSE},
)
def make_times(nlp: Language, name: str, quarter_talk_sentences: int, against_tense: float) -> TimeTagger:
    return TimeTagger(quarter_talk_sentences=quarter_talk_sentences, against_tense=against_tense)


class TimeTagger:
    """Sets ``doc._.crisisdesk_times`` (a list of :class:`~crisisdesk.model.TimeExpression`, offsets into
    ``doc.text``) from the text and ``doc._.crisisdesk_published``; needs only the tokenizer.

    ``quarter_talk_sentences``: how many sentences after one about a quarter "a year ago" still
    means that quarter a year before; ``against_tense``: how much farther a date on the side the
    clause's tense points away from counts (:func:`~crisisdesk.nlp.times.values.year_for`)."""

    def __init__(self, *, quarter_talk_sentences: int = QUARTER_TALK_SENTENCES, against_tense: float = AGAINST_TENSE) -> None:
        self.quarter_talk_sentences = quarter_talk_sentences
        self.against_tense = against_tense

    def __call__(self, doc: Doc) -> Doc:
        # An OffsetList: the finders look up the times of each sentence by bisection.
        doc._.crisisdesk_times = OffsetList(
            find_times(
                text_of(doc),
                doc._.crisisdesk_published,
                quarter_talk_sentences=self.quarter_talk_sentences,
                against_tense=self.against_tense,
            )
        )
        return doc
