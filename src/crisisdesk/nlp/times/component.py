"""The spaCy component ``crisisdesk_times``: sets ``doc._.times`` from the text and
``doc._.published``; it needs only the tokenizer."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from crisisdesk.nlp.doctext import text_of
from crisisdesk.nlp.times.document import QUARTER_TALK_SENTENCES, find_times
from crisisdesk.nlp.times.values import AGAINST_TENSE

if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)
if not Doc.has_extension("times"):
    Doc.set_extension("times", default=None)


@Language.factory(
    "crisisdesk_times",
    # doc._.published is set by the caller (nlp.pipeline.extract_chunk), not by a component.
    requires=[],
    assigns=["doc._.times"],
    default_config={"quarter_talk_sentences": QUARTER_TALK_SENTENCES, "against_tense": AGAINST_TENSE},
)
def make_times(nlp: Language, name: str, quarter_talk_sentences: int, against_tense: float) -> TimeTagger:
    return TimeTagger(quarter_talk_sentences=quarter_talk_sentences, against_tense=against_tense)


class TimeTagger:
    """Sets ``doc._.times`` (a list of :class:`~crisisdesk.model.TimeExpression`, offsets into
    ``doc.text``) from the text and ``doc._.published``; needs only the tokenizer.

    ``quarter_talk_sentences``: how many sentences after one about a quarter "a year ago" still
    means that quarter a year before; ``against_tense``: how much farther a date on the side the
    clause's tense points away from counts (:func:`~crisisdesk.nlp.times.values.year_for`)."""

    def __init__(self, *, quarter_talk_sentences: int = QUARTER_TALK_SENTENCES, against_tense: float = AGAINST_TENSE) -> None:
        self.quarter_talk_sentences = quarter_talk_sentences
        self.against_tense = against_tense

    def __call__(self, doc: Doc) -> Doc:
        doc._.times = find_times(text_of(doc), doc._.published, quarter_talk_sentences=self.quarter_talk_sentences, against_tense=self.against_tense)
        return doc
