"""The spaCy component ``crisisdesk_conditions`` and the Condition it makes of what the finders find:
its evidence sentence, DEEP pillar and sectors, place, time and attribution."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

import crisisdesk.nlp.extensions  # noqa: F401  (registers the crisisdesk_* Doc extensions)
from crisisdesk.lexicon import table, words
from crisisdesk.model import CONDITION_PILLARS, SECTORS, Condition, PlaceMention, TimeExpression
from crisisdesk.nlp import places as _places  # noqa: F401  (registers doc._.crisisdesk_places)
from crisisdesk.nlp import times as _times  # noqa: F401  (registers doc._.crisisdesk_times)
from crisisdesk.nlp.conditions._shared import _is_parsed, _lemma, attribution_for, place_for
from crisisdesk.nlp.conditions.finders import FINDERS, Found, distinct, one_reading
from crisisdesk.nlp.doctext import text_of
from crisisdesk.nlp.relevance import CRISIS_NEIGHBOURS, MIN_CRISIS_SENTENCES, doc_crisis_sentences
from crisisdesk.nlp.within import OffsetList, in_sentence

#: Each word that names a DEEP sector, and its sector (lexicon ``condition_sector_words``).
_SECTOR_OF: dict[str, str] = {word: sector for sector, names in table("condition_sector_words").items() for word in names}
#: A condition whose words name no sector takes its kind's (lexicon ``condition_kind_sectors``), else Cross.
KIND_SECTOR: dict[str, str] = table("condition_kind_sectors")


@Language.factory(
    "crisisdesk_conditions",
    requires=[
        "token.dep",
        "token.head",
        "token.tag",
        "token.lemma",
        "token.ent_type",
        "doc.sents",
        "doc._.crisisdesk_places",
        "doc._.crisisdesk_times",
    ],
    assigns=["doc._.crisisdesk_conditions"],
    default_config={"crisis_neighbours": CRISIS_NEIGHBOURS, "crisis_sentences_for_article": MIN_CRISIS_SENTENCES},
)
def make_conditions(nlp: Language, name: str, crisis_neighbours: int, crisis_sentences_for_article: int) -> ConditionFinder:
    return ConditionFinder(crisis_neighbours=crisis_neighbours, crisis_sentences_for_article=crisis_sentences_for_article)


class ConditionFinder:
    """Sets ``doc._.crisisdesk_conditions`` from the parse, ``doc._.crisisdesk_places`` and ``doc._.crisisdesk_times``.

    ``crisis_neighbours``: sentences either side of one that names a crisis whose conditions count
    too; ``crisis_sentences_for_article``: sentences that must name a crisis for the whole article
    to count as one (see :mod:`crisisdesk.nlp.relevance`).
    """

    def __init__(self, *, crisis_neighbours: int = CRISIS_NEIGHBOURS, crisis_sentences_for_article: int = MIN_CRISIS_SENTENCES) -> None:
        self.crisis_neighbours = crisis_neighbours
        self.crisis_sentences_for_article = crisis_sentences_for_article

    def __call__(self, doc: Doc) -> Doc:
        doc._.crisisdesk_conditions = conditions_in(
            doc, crisis_neighbours=self.crisis_neighbours, crisis_sentences_for_article=self.crisis_sentences_for_article
        )
        return doc


def conditions_in(
    doc: Doc, *, crisis_neighbours: int = CRISIS_NEIGHBOURS, crisis_sentences_for_article: int = MIN_CRISIS_SENTENCES
) -> list[Condition]:
    """The conditions of ``doc`` in text order (see the package docstring)."""
    # Indexed by offset once per Doc: each condition looks up the places and times of its own sentence.
    places = OffsetList(m for m in (getattr(doc._, "crisisdesk_places", None) or []) if m.locates)
    times = OffsetList(getattr(doc._, "crisisdesk_times", None) or [])
    every = list(doc.sents)
    # The one crisis context of figures, events and conditions (crisisdesk.nlp.relevance), answered once per Doc.
    crisis = doc_crisis_sentences(every, neighbours=crisis_neighbours, min_sentences=crisis_sentences_for_article)
    conditions: list[Condition] = []
    for sentence, told_in_crisis in zip(every, crisis):
        if not _is_parsed(sentence):
            continue
        found = [f for finder in FINDERS for f in finder(sentence, told_in_crisis)]
        for item in distinct(one_reading(found)):
            conditions.append(_condition(doc, sentence, item, places, times, told_in_crisis))
    conditions.sort(key=lambda c: (c.start, c.end, c.kind))
    return conditions


def _condition(
    doc: Doc, sentence: Span, item: Found, places: Sequence[PlaceMention], times: Sequence[TimeExpression], crisis: bool
) -> Condition:
    words = doc[item.first : item.last]
    start, end = sentence.start_char, sentence.end_char
    while start < end and text_of(doc)[start].isspace():
        start += 1
    while end > start and text_of(doc)[end - 1].isspace():
        end -= 1
    return Condition(
        kind=item.kind,
        text=words.text,
        start=words.start_char,
        end=words.end_char,
        sectors=_sectors(words, item.kind),
        pillar=CONDITION_PILLARS[item.kind],
        sentence=text_of(doc)[start:end],
        sentence_start=start,
        sentence_end=end,
        place=_place(item, sentence, places),
        time=_time(item, sentence, times),
        attribution=attribution_for(item.anchor, sentence),
        crisis=crisis,
    )


#: Prepositions whose object can say where a condition is, not what it is about ("a curfew on the town").
LOCATIVE_PREPOSITIONS = frozenset({"in", "on", "at", "around", "across", "near", "throughout", "inside"})
#: Places people live in (lexicon ``condition_residence_places``): behind such a preposition they name no sector.
RESIDENCE_PLACES = words("condition_residence_places")


def _sectors(words: Span, kind: str) -> tuple[str, ...]:
    """The sectors the condition's words name, in the order of SECTORS; its kind's when none. A
    word that only says where (the object of an "in", "on", "around" ... of the condition's own words)
    names none, but where people shelter is what a shelter condition is about ("sheltering in schools")."""
    named = {
        _SECTOR_OF[w] for t in words if kind == "shelter" or not _says_where(t, words) for w in (_lemma(t), t.lower_) if w in _SECTOR_OF
    }
    if kind == "communications_cut":
        named = {"Logistics"}
    if not named:
        named = {KIND_SECTOR.get(kind, "Cross")}
    return tuple(s for s in SECTORS if s in named)


def _says_where(token: Token, words: Span) -> bool:
    """A place people live in, the object of a locative preposition that is itself among the
    condition's words with what it places ("a curfew on the town", "stranded in their homes"; not "a
    rise in food prices")."""
    preposition = token.head if token.dep_ != "conj" else token.head.head  # "in schools and churches"
    return (
        token.dep_ in ("pobj", "conj")
        and _lemma(token) in RESIDENCE_PLACES
        and preposition.dep_ == "prep"
        and preposition.lower_ in LOCATIVE_PREPOSITIONS
        and words.start <= preposition.head.i < words.end
        and words.start <= preposition.i < words.end
    )


def _clause_of(token: Token) -> Token:
    current = token
    for _ in range(20):
        if current.pos_ in ("VERB", "AUX") or current.head == current:
            return current
        current = current.head
    return current


def _place(item: Found, sentence: Span, places: Sequence[PlaceMention]) -> PlaceMention | None:
    """The nearest place in the condition's clause (as events and figures attach theirs)."""
    clause = _clause_of(item.anchor)
    doc = sentence.doc
    inside = []
    for mention in in_sentence(places, sentence):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and (clause in span.root.ancestors or span.root == clause or clause.is_ancestor(span.root)):
            inside.append(mention)
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "agent")), None)
    actor = doc[subject.left_edge.i : subject.right_edge.i + 1] if subject is not None else None
    if actor is not None and actor.start <= item.anchor.i < actor.end:
        actor = None  # the condition is the subject ("The deployment of a UN mission to Nagorno-Karabakh made ...")
    # "Baku carried out a series of illegal arrests in the enclave": the arrests are in the enclave.
    return place_for(item.anchor, sentence, inside, exclude=actor) if inside else None


def _time(item: Found, sentence: Span, times: Sequence[TimeExpression]) -> TimeExpression | None:
    """The DATE or TIME expression the condition's clause carries ("since the offensive began" has
    none; "throughout the weekend" dates the arrests)."""
    clause = _clause_of(item.anchor)
    doc = sentence.doc
    for time in in_sentence(times, sentence):
        if time.type not in ("DATE", "TIME"):
            continue
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is not None and _clause_of(span.root.head if span.root.head != span.root else span.root) == clause:
            return time
    return None
