"""spaCy component ``crisisdesk_quantities``: every counted thing in a document.

Amounts are found by :mod:`crisisdesk.nlp.numbers` over the document text (it reads what the
tokenizer splits badly: "2, 669", "Around1.6 million"); the parse and the entities then say what
each one counts. The counted noun is the head the number modifies ("51,000 inhabitants", "the
120,000 Armenian population") or, for a partitive, the object of "of" ("hundreds of officials").
Dates and clock times are never counts: digits inside a DATE/TIME entity are dropped unless they
count a unit of time ("around 30 years" is a duration), and a bare year or a day beside a month
name is dropped even where the entity recogniser missed it.

Sets ``doc._.crisisdesk_quantities``: list[:class:`crisisdesk.model.Quantity`] in document character
offsets, sorted by start.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

import crisisdesk.nlp.extensions  # noqa: F401  (registers the crisisdesk_* Doc extensions)
from crisisdesk import lexicon
from crisisdesk.model import Quantity
from crisisdesk.nlp.doctext import text_of
from crisisdesk.nlp.numbers import Amount, find_amounts, looks_like_year

# --- lexicon (lemmas, lower case; the lists are in crisisdesk/lexicon/quantities.toml) ------------

#: Lemmas of the nouns that make a quantity a duration.
TIME_UNITS = lexicon.words("time_unit_nouns")
#: Month names and abbreviations: a number beside one is a date.
MONTHS = lexicon.words("date_months")
CURRENCY_NOUNS = lexicon.words("currency_nouns")
#: Nouns that count people or households (the figures' unit nouns): what they count is never money.
PEOPLE_NOUNS = frozenset(w for w, unit in lexicon.table("unit_nouns").items() if unit in ("people", "households"))
#: Words after a number that lead into its unit but are not part of it ("of the displaced").
UNIT_LEAD_WORDS = frozenset({"of", "the", "these", "those", "all"})
#: Words after a number that make it a time of day.
CLOCK_WORDS = lexicon.words("clock_words")
#: Nouns that stand for the count of what follows "of" ("the number of people displaced").
TALLY_NOUNS = lexicon.words("tally_nouns")
#: Parse labels by which a number modifies the noun it counts.
_MODIFIER_DEPS = frozenset({"nummod", "quantmod", "amod", "compound", "nmod", "npadvmod", "appos"})
#: Words that may stand between a number and the noun it counts ("100,000 internally displaced people").
_NOUN_PREMODIFIERS = frozenset({"ADJ", "ADV", "VERB", "PROPN", "NOUN", "CCONJ", "X"})
_NOUN_POS = frozenset({"NOUN", "PROPN"})
#: How many words may stand between a number and its noun, or after "of" before the noun
#: (default of the component's ``max_premodifiers``).
MAX_PREMODIFIERS = 4


@Language.factory(
    "crisisdesk_quantities",
    requires=["token.dep", "token.head", "token.lemma", "token.tag", "token.ent_type"],
    assigns=["doc._.crisisdesk_quantities"],
    default_config={"max_premodifiers": MAX_PREMODIFIERS},
)
def make_quantities(nlp: Language, name: str, max_premodifiers: int) -> QuantityFinder:
    return QuantityFinder(max_premodifiers=max_premodifiers)


class QuantityFinder:
    """Sets ``doc._.crisisdesk_quantities``."""

    def __init__(self, *, max_premodifiers: int = MAX_PREMODIFIERS) -> None:
        self.max_premodifiers = max_premodifiers

    def __call__(self, doc: Doc) -> Doc:
        doc._.crisisdesk_quantities = quantities_in(doc, max_premodifiers=self.max_premodifiers)
        return doc


def quantities_in(doc: Doc, *, max_premodifiers: int = MAX_PREMODIFIERS) -> list[Quantity]:
    """Every quantity in ``doc``, sorted by start (``max_premodifiers``: see the component's config)."""
    found = []
    dates = [e for e in doc.ents if e.label_ in ("DATE", "TIME")]  # doc.ents is rebuilt on each access
    for amount in find_amounts(text_of(doc)):
        number = doc.char_span(amount.number_start, amount.number_end, alignment_mode="expand")
        if number is None or len(number) == 0:
            continue
        quantity = quantity_from(amount, number, dates, max_premodifiers=max_premodifiers)
        if quantity is not None:
            found.append(quantity)
    return sorted(found, key=lambda q: q.start)


def quantity_from(
    amount: Amount, number: Span, dates: Sequence[Span] | None = None, *, max_premodifiers: int = MAX_PREMODIFIERS
) -> Quantity | None:
    """The quantity ``amount`` (whose tokens are ``number``) stands for, or None when it is a
    date, a time or a pronoun ("no one", "one of them"). ``dates``: the document's DATE and TIME
    entities (read from the document when not given)."""
    if amount.kind == "percent":
        unit = _percent_of(number.doc, amount, max_premodifiers)
    else:
        unit = counted_noun(number, partitive=amount.kind == "vague" or _number_has_no_noun_head(number), max_premodifiers=max_premodifiers)
    if _is_date_or_time(amount, number, unit, dates) or _is_pronoun_one(number, unit):
        return None
    kind = _kind(amount, number, unit)
    words = unit_words(number, unit) if unit is not None else None
    return Quantity(
        text=amount.text,
        start=amount.start,
        end=amount.end,
        value=amount.value,
        value_max=amount.value_max,
        modifier=amount.modifier,
        unit_text=words.text if words is not None else None,
        unit_start=words.start_char if words is not None else None,
        unit_end=words.end_char if words is not None else None,
        kind=kind,
        magnitude=amount.magnitude,
    )


def unit_words(number: Span, unit: Token) -> Span:
    """The words of the unit as a reader names it: the counted noun with the words between the
    number and it ("conflict affected households", "active cases", "internally displaced persons"),
    without a partitive's "of the" ("of health facilities" → "health facilities"); the noun alone
    when something else stands between (a bracket, a comma, a verb) or the noun comes first. Its
    root stays the counted noun."""
    doc = number.doc
    if unit.i < number.end:
        return doc[unit.i : unit.i + 1]
    first = number.end
    while first < unit.i and doc[first].lower_ in UNIT_LEAD_WORDS:
        first += 1
    between = doc[first : unit.i]
    if any(
        t.is_punct
        and t.text not in ("-", "/")
        or t.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "PRON", "NUM")
        and t.dep_ not in ("amod", "compound")
        for t in between
    ):
        return doc[unit.i : unit.i + 1]
    if any(not (unit.left_edge.i <= t.i <= unit.i) for t in between):
        return doc[unit.i : unit.i + 1]  # a word that belongs to another phrase
    return doc[first : _coordinated_end(unit) + 1]


def _coordinated_end(unit: Token) -> int:
    """The last word of the nouns coordinated with the unit and counted with it ("refugees and
    asylum-seekers", "women and children"), none of them with a number of its own."""
    last = unit.i
    for conj in unit.conjuncts:
        if conj.i < unit.i or conj.pos_ not in _NOUN_POS or any(c.dep_ == "nummod" or c.like_num for c in conj.subtree):
            break
        if any(t.is_punct and t.text not in (",", "-", "/") or t.pos_ in ("VERB", "AUX") for t in unit.doc[last + 1 : conj.i]):
            break
        last = conj.i
    return last


# --- the counted noun ---------------------------------------------------------------------------


def number_root(number: Span) -> Token:
    """The token of ``number`` that attaches it to the rest of the sentence (the rightmost one
    whose head lies outside it)."""
    outside = [t for t in number if not (number.start <= t.head.i < number.end) or t.head == t]
    return outside[-1] if outside else number[-1]


def _number_has_no_noun_head(number: Span) -> bool:
    root = number_root(number)
    return not (root.dep_ in _MODIFIER_DEPS and root.head.pos_ in _NOUN_POS and root.head.i >= number.end)


def counted_noun(number: Span, *, partitive: bool = False, max_premodifiers: int = MAX_PREMODIFIERS) -> Token | None:
    """The noun ``number`` counts: the head it modifies, else the noun phrase that follows it,
    else (``partitive``) the object of a following "of"."""
    noun = _counted_noun(number, partitive=partitive, max_premodifiers=max_premodifiers)
    # "274,000 the total number of people", "a death toll of 300": a tally counts what follows "of".
    # Without "of" the tally itself is the unit ("the death toll"), for the figures to read.
    while noun is not None and noun.lemma_.lower() in TALLY_NOUNS:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" and c != number_root(number).head), None)
        counted = _object_of(of, max_premodifiers) if of is not None else None
        if counted is None:
            break
        noun = counted
    return noun


def _counted_noun(number: Span, *, partitive: bool, max_premodifiers: int) -> Token | None:
    root = number_root(number)
    if root.dep_ in _MODIFIER_DEPS and root.head.pos_ in _NOUN_POS and root.head.i >= number.end:
        return noun_phrase_head(root.head)
    tally = _tally_beside(root)
    if tally is not None:
        return tally
    doc = number.doc
    following = doc[number.end] if number.end < len(doc) else None
    if following is not None and following.lower_ == "of":
        return _object_of(following, max_premodifiers) if partitive else None
    return _noun_after(number, max_premodifiers)


def _tally_beside(root: Token) -> Token | None:
    # "the number of displaced people rose to 5,000", "the toll stands at 300", "the total is
    # 253,000": a bare number after "to"/"at" or after "is" gives the value of the tally that is
    # the subject or object of the verb.
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in TALLY_NOUNS | {"population"}:
        return root.head.head  # "a population of 4,500", "a death toll of 300"
    if root.dep_ == "pobj" and root.head.lower_ in ("to", "at") and root.head.head.pos_ in ("VERB", "AUX"):
        verb = root.head.head
    elif root.dep_ == "attr" and root.head.lemma_ == "be":
        verb = root.head
    else:
        return None
    return next(
        (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lemma_.lower() in TALLY_NOUNS),
        None,
    )


def noun_phrase_head(noun: Token) -> Token:
    """The head of the noun phrase ``noun`` belongs to ("cane" in "sugar cane workers" → workers)."""
    while noun.dep_ == "compound" and noun.head.i > noun.i and noun.head.pos_ in _NOUN_POS:
        noun = noun.head
    return noun


def _object_of(preposition: Token, max_premodifiers: int) -> Token | None:
    objects = [t for t in preposition.children if t.dep_ == "pobj" and t.pos_ in _NOUN_POS]
    if objects:
        return noun_phrase_head(objects[0])
    # The parser sometimes hangs the object elsewhere: take the first noun phrase that follows.
    doc = preposition.doc
    for token in doc[preposition.i + 1 : min(len(doc), preposition.i + 1 + max_premodifiers)]:
        if token.pos_ in _NOUN_POS:
            return noun_phrase_head(token)
        if token.pos_ not in ("DET", "ADJ", "ADV", "NUM", "PUNCT"):
            return None
    return None


def _percent_of(doc: Doc, amount: Amount, max_premodifiers: int) -> Token | None:
    # "63 per cent of households": a share names its whole after "of".
    after = doc.char_span(
        amount.end, doc[-1].idx + len(doc[-1].text_with_ws), alignment_mode="expand"
    )  # to the end (doc.text is rebuilt on each access)
    if after is None or len(after) == 0 or after[0].lower_ != "of":
        return None
    return _object_of(after[0], max_premodifiers)


def _noun_after(number: Span, max_premodifiers: int) -> Token | None:
    # When the parser did not attach the number to a noun ("2, 669 houses" split in two), the noun
    # phrase right after it is what it counts, over at most a few premodifiers.
    doc = number.doc
    for token in doc[number.end : min(len(doc), number.end + max_premodifiers)]:
        if token.is_punct or token.pos_ not in _NOUN_PREMODIFIERS or token.like_num:
            return None
        # A singular proper name after a number is rarely what it counts ("Resolution 2334 Israel").
        if token.pos_ in _NOUN_POS and token.dep_ != "compound" and token.tag_ != "NNP":
            return token
        if token.pos_ in _NOUN_POS and token.dep_ == "compound" and token.head.i > token.i:
            return noun_phrase_head(token)
        if token.pos_ in ("VERB",) and token.dep_ not in ("amod", "compound"):
            return None
    return None


# --- what is not a count ------------------------------------------------------------------------


def _is_date_or_time(amount: Amount, number: Span, unit: Token | None, dates: Sequence[Span] | None) -> bool:
    if unit is not None and unit.lemma_.lower() in TIME_UNITS:
        return False  # a duration ("around 30 years")
    if _is_clock_time(number):
        return True
    if looks_like_year(amount) or _beside_month(number) or (unit is not None and unit.lower_ in MONTHS):
        return not _counts_plural_noun(unit)
    if dates is None:
        dates = [e for e in number.doc.ents if e.label_ in ("DATE", "TIME")]
    date_entities = [e for e in dates if e.start < number.end and number.start < e.end]
    # The recogniser also labels counts as dates ("between 10 and 15 thousand refugees"): inside
    # a DATE/TIME entity, only a number that counts a plural noun is kept.
    return bool(date_entities) and (not _counts_plural_noun(unit) or any(_names_a_month(e) for e in date_entities))


def _is_clock_time(number: Span) -> bool:
    # "at 11 a.m.", "10pm", "at 10:30 GMT": the entity recogniser may not have seen the sentence.
    doc = number.doc
    following = doc[number.end].lower_ if number.end < len(doc) else ""
    last = number[-1].lower_
    return following in CLOCK_WORDS or (last[:1].isdigit() and last.endswith(("am", "pm", "a.m.", "p.m.")))


def _counts_plural_noun(unit: Token | None) -> bool:
    return unit is not None and unit.tag_ in ("NNS", "NNPS") and unit.lower_ not in MONTHS


def _names_a_month(entity: Span) -> bool:
    return any(t.lower_.rstrip(".") in MONTHS for t in entity)


def _beside_month(number: Span) -> bool:
    doc = number.doc
    neighbours = [doc[i] for i in (number.start - 1, number.end) if 0 <= i < len(doc)]
    return any(t.lower_.rstrip(".") in MONTHS and t.pos_ == "PROPN" for t in neighbours)


def _is_pronoun_one(number: Span, unit: Token | None) -> bool:
    # "no one", "one of them", "the one who…": "one" counts something only when it modifies a noun.
    return number.text.lower() == "one" and unit is None


def _kind(amount: Amount, number: Span, unit: Token | None) -> str:
    if amount.kind == "vague":
        return "vague"
    if amount.kind == "percent" or any(t.ent_type_ == "PERCENT" for t in number):
        return "percent"
    if amount.kind == "money":
        return "money"
    # The recogniser's MONEY is wrong when the amount counts people ("(196,917 persons)").
    if any(t.ent_type_ == "MONEY" for t in number) and not (unit is not None and unit.lemma_.lower() in PEOPLE_NOUNS):
        return "money"
    if unit is not None and unit.lemma_.lower() in CURRENCY_NOUNS:
        return "money"
    if unit is not None and unit.lemma_.lower() in TIME_UNITS:
        return "duration"
    return "count"
