"""spaCy component ``crisisdesk_figures``: the quantities that count people, households or homes
in one of the IDMC terms, coded the way a monitor codes them.

A figure is a count (``doc._.crisisdesk_quantities``, kind "count", with a value: a vague amount never
becomes a figure) whose noun counts people, families or homes (``lexicon/figures.toml``), and whose
sentence says what happened to them. The term is read from the parse, nearest evidence first:

1. what modifies the counted noun: "displaced people", "people who fled", "people living in camps",
   "people in need";
2. the noun itself when it names a status: "refugees", "IDPs", "evacuees", "displacements";
3. the predicate the noun depends on, through prepositions, passives and nominalisations:
   "were displaced", "were forced to flee", "remained in collective centres", "the displacement of
   2.3 million people", "homes were destroyed";
4. a baseline: "had 51,000 inhabitants", "home to 5,000 people", "out of the 120,000 population".

An outcome said of the counted people by their own predicate ("refugees were killed", "of whom
76,000 returned") overrides their status. Place, group, attribution, tense and part-whole links are
read from the same parse. Sets ``doc._.crisisdesk_figures``: list[:class:`crisisdesk.model.Figure`] in
document character offsets, sorted by start.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

import crisisdesk.nlp.extensions  # noqa: F401  (registers the crisisdesk_* Doc extensions)
from crisisdesk import lexicon
from crisisdesk.model import DISPLACEMENT_TERMS, Figure, PlaceMention, Quantity, main_country
from crisisdesk.nlp import quantities as _quantities  # noqa: F401  (registers doc._.crisisdesk_quantities)
from crisisdesk.nlp.doctext import text_of
from crisisdesk.nlp.evidence import attribution_for, mention_span, place_before, place_for
from crisisdesk.nlp.places import wordnet_words
from crisisdesk.nlp.relevance import CRISIS_NEIGHBOURS, MIN_CRISIS_SENTENCES, marked_crisis, names_crisis
from crisisdesk.nlp.syntax import is_parsed
from crisisdesk.nlp.syntax import lemma_of as _lemma
from crisisdesk.nlp.tables import Cell, table_cells
from crisisdesk.nlp.within import OffsetList

__all__ = ["FigureFinder", "english_nouns", "figures_in", "group_of", "tense_of", "term_for"]

# --- lexicon (lemmas, lower case; the lists are in crisisdesk/lexicon/figures.toml) ---------------

_words = lexicon.words

#: What each counted noun counts (people, households, structures).
UNIT_NOUNS: dict[str, str] = lexicon.table("unit_nouns")
#: More nouns that count people, read by the figures only ("her son", "two police officers").
VICTIM_NOUNS = _words("victim_nouns")
#: Predicates (verbs, adjectives, nouns) and the term they say.
TERM_WORDS: dict[str, str] = lexicon.table("term_words")
#: Nouns that name the status of the people they count.
STATUS_NOUNS: dict[str, str] = lexicon.table("status_nouns")
#: Where people are when they are in a camp or a shelter ("in 21 camps", "in collective centres").
SITE_NOUNS: dict[str, str] = lexicon.table("site_nouns")
SHELTER_CENTRE_MODIFIERS = _words("shelter_centre_modifiers")
#: What people take or seek when they flee or find shelter ("took shelter", "sought refuge").
SOUGHT_SAFETY: dict[str, str] = lexicon.table("sought_safety")
#: Nouns that gather the people counted after "of" ("a community of 85 people fled").
COLLECTIVE_NOUNS = _words("gathering_nouns")
#: Terms of something that happened to people at a place, not of who they are.
_EVENT_TERMS = frozenset({"killed", "injured", "missing", "casualties", "arrested", "destroyed_housing", "partially_destroyed_housing"})
#: Terms said of people after the fact: their own predicate overrides the status their noun names.
OUTCOME_TERMS = frozenset({"killed", "injured", "missing", "arrested", "returned"})
HOUSING_TERMS = frozenset({"destroyed_housing", "partially_destroyed_housing"})
#: Terms a count of homes can take.
STRUCTURE_TERMS = HOUSING_TERMS | {"affected"}
LIGHT_VERBS = _words("light_verbs")
FORCE_VERBS = _words("force_verbs")
LEFT_PLACES = _words("left_places")
POPULATION_VERBS = _words("population_verbs")
#: Tallies that name their term ("the death toll").
TALLY_TERMS: dict[str, str] = lexicon.table("tally_terms")
GROUP_NOUNS = _words("group_nouns")
#: Verbs of aid done to people: who they count is reached, not affected.
RESPONSE_VERBS = _words("response_verbs")
#: Staying in a place of refuge: sheltered ("staying with host families", "housed in schools").
STAY_VERBS = _words("stay_verbs")
REFUGE_PLACES = _words("refuge_places")
_HOSTED_PLACES = frozenset({"family", "community"})
#: What refugees cross ("crossed the border").
BORDER_NOUNS = _words("border_nouns")
#: Going away, said of people in a displacement named by a noun ("left in the evacuation").
DEPARTURE_VERBS = _words("departure_verbs")
_NAMED_DISPLACEMENTS = frozenset({"evacuated", "displaced", "forced_to_flee", "relocated"})
_PARTITIVE_PRONOUNS = _words("partitive_pronouns")
#: Nouns of a wound and the verbs and prepositions by which a person has one ("suffered a gunshot
#: wound", "found with a gunshot wound", "taken to hospital with non-life-threatening injuries").
WOUND_NOUNS = _words("wound_nouns")
SUFFER_VERBS = _words("suffer_verbs")
WOUND_PREPOSITIONS = _words("wound_prepositions")
#: Modifiers by which a wound is one of being shot (hit, killed or not): "a gunshot wound".
SHOT_WOUND_MODIFIERS = _words("shot_wound_modifiers")
#: Words of a wound that may yet kill ("life-threatening injuries"): said of the wound, neither term.
GRAVE_WOUND_WORDS = _words("grave_wound_words")
#: Predicates that count the people they are said of even without a number, with their term.
VICTIM_PREDICATES = {w: t for w, t in TERM_WORDS.items() if t in ("killed", "injured", "casualties")}
#: Pronouns that stand for one person ("she died", "shot him").
SINGULAR_PERSON_PRONOUNS = _words("singular_person_pronouns")
#: Reflexive objects: the victim is the verb's subject ("a deputy accidentally shot himself").
REFLEXIVE_PRONOUNS = _words("reflexive_pronouns")
#: Verbs whose subject is the victim ("the boy died").
VICTIM_SUBJECT_VERBS = _words("victim_subject_verbs")
#: Determiners by which a noun names no one or anyone ("no civilian was hurt").
NO_ONE_DETERMINERS = _words("no_one_determiners")
#: The people a survey asked: counted in a share, not affected ("43 percent of respondents").
SURVEY_NOUNS = _words("survey_nouns")
#: Words by which the people counted are those a survey asked ("interviewed households").
SURVEY_WORDS = _words("survey_words")
#: Bases of a ratio ("seven out of ten", "one in 1,000").
RATIO_BASES = frozenset({10, 100, 1000})
#: Oldest age read after a name ("Smith, 29"): a larger number beside a name is no age.
MAX_AGE = 120
#: Units of an age used as a noun ("a 4-year-old", "a six-month-old").
AGE_UNITS = frozenset({"year", "month", "week", "day"})
#: Moves done to refugees that are coded as the move ("evacuated 1,200 refugees").
MOVED_REFUGEE_TERMS = frozenset({"evacuated", "relocated"})
#: Nouns counting the people who caught a disease ("cases").
CASE_NOUNS = _words("case_nouns")
#: Modifiers by which cases are cases of a disease ("confirmed cases").
CASE_MODIFIERS = _words("case_modifiers")
#: Diseases and outbreak words: cases in a sentence naming one are cases of a disease.
DISEASE_WORDS = tuple(sorted(lexicon.words("reconcile_diseases") | _words("outbreak_words")))
#: How far before a count of cases its paragraph is read for the disease (characters).
CASE_CONTEXT_CHARS = 600
#: Words by which a wound killed ("fatally wounded").
FATAL_WORDS = _words("fatal_words")
#: Words that with "food" say people are food insecure ("food insecure", "food insecurity").
FOOD_INSECURITY_WORDS = _words("food_insecurity_words")
#: The lowest IPC phase counted as in need (3, Crisis).
MIN_IPC_PHASE = 3
#: Verbs whose complement has not happened ("tried to kill", "threatened to kill").
UNREALISED_GOVERNORS = _words("unrealised_governors")
#: Adverbs by which a casualty did not happen ("nearly killed").
HEDGE_ADVERBS = _words("hedge_adverbs")
#: Predicates that leave the people counted cut off where they are ("stranded", "isolated"), with
#: their irregular forms (an adjective keeps its form as its lemma).
CUT_OFF_WORDS = _words("cut_off_words")
CUT_OFF_FORMS = lexicon.irregular("cut_off_words")
#: What people are cut off from ("without electricity", "lack access to water").
CUT_OFF_SERVICES = _words("cut_off_services")
LACK_VERBS = _words("lack_verbs")
#: A threat named for the people counted ("at risk of famine", "threatened by floods").
AT_RISK_NOUNS = _words("at_risk_nouns")
AT_RISK_VERBS = _words("at_risk_verbs")
AT_RISK_MODIFIERS = _words("at_risk_modifiers")
#: Harms whose cases count people at risk ("cases of trafficking").
PROTECTION_HARMS = _words("protection_harms")
_NOUN_POS = frozenset({"NOUN", "PROPN"})
_PREDICATE_POS = frozenset({"VERB", "AUX", "ADJ"})

#: How far up the parse a figure looks for its predicate (default of the component's
#: ``max_climb``).
MAX_CLIMB = 6
#: Shorter words are too often another word one letter away ("hones", "boys"/"bays"): the
#: default of the component's ``min_misspelt_length``.
MIN_MISSPELT_LENGTH = 6


@Language.factory(
    "crisisdesk_figures",
    requires=[
        "token.dep",
        "token.head",
        "token.lemma",
        "token.tag",
        "token.ent_type",
        "doc._.crisisdesk_quantities",
        "doc._.crisisdesk_places",
    ],
    assigns=["doc._.crisisdesk_figures"],
    default_config={
        "max_climb": MAX_CLIMB,
        "min_misspelt_length": MIN_MISSPELT_LENGTH,
        "min_crisis_sentences": MIN_CRISIS_SENTENCES,
        "crisis_neighbours": CRISIS_NEIGHBOURS,
    },
)
def make_figures(
    nlp: Language, name: str, max_climb: int, min_misspelt_length: int, min_crisis_sentences: int, crisis_neighbours: int
) -> FigureFinder:
    return FigureFinder(
        english_nouns(nlp),
        max_climb=max_climb,
        min_misspelt_length=min_misspelt_length,
        min_crisis_sentences=min_crisis_sentences,
        crisis_neighbours=crisis_neighbours,
    )


class FigureFinder:
    """Sets ``doc._.crisisdesk_figures`` from ``doc._.crisisdesk_quantities`` (and ``doc._.crisisdesk_places`` when present)."""

    def __init__(
        self,
        nouns: frozenset[str] = frozenset(),
        *,
        max_climb: int = MAX_CLIMB,
        min_misspelt_length: int = MIN_MISSPELT_LENGTH,
        min_crisis_sentences: int = MIN_CRISIS_SENTENCES,
        crisis_neighbours: int = CRISIS_NEIGHBOURS,
    ) -> None:
        self.nouns = nouns
        self.max_climb = max_climb
        self.min_misspelt_length = min_misspelt_length
        self.min_crisis_sentences = min_crisis_sentences
        self.crisis_neighbours = crisis_neighbours

    def __call__(self, doc: Doc) -> Doc:
        figures = figures_in(doc, nouns=self.nouns, max_climb=self.max_climb, min_misspelt_length=self.min_misspelt_length)
        # The crisis context of events and conditions too (crisisdesk.nlp.relevance), answered once per Doc.
        doc._.crisisdesk_figures = marked_crisis(doc, figures, neighbours=self.crisis_neighbours, min_sentences=self.min_crisis_sentences)
        return doc


def english_nouns(nlp: Language) -> frozenset[str]:
    """The nouns of the lemmatizer's WordNet index: a word there is no misspelling."""
    return wordnet_words(nlp, ("noun",))


# --- the figures of a document ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Reading:
    """A quantity as the parse reads it: its tokens, the noun it counts, and the figure."""

    quantity: Quantity | None  # None for people counted without a number ("a man was killed")
    number: Span
    anchor: Token  # the counted noun, or the number itself when it stands alone
    unit_noun: Token | None
    figure: Figure
    members: frozenset[int] = frozenset()  # the nouns a total of coordinated victims sums
    breakdown_of: _Reading | None = None  # the total of a breakdown by place this is an item of


def figures_in(
    doc: Doc, *, nouns: frozenset[str] = frozenset(), max_climb: int = MAX_CLIMB, min_misspelt_length: int = MIN_MISSPELT_LENGTH
) -> list[Figure]:
    """The figures of ``doc``, sorted by start, with ``part_of`` indexing into that list.
    ``nouns``: the English nouns (see :func:`english_nouns`); without them, a misspelt unit noun
    ("familis") is not read; ``max_climb`` and ``min_misspelt_length``: see the component's config."""
    places = _places(doc)
    readings: list[_Reading] = []
    for quantity in getattr(doc._, "crisisdesk_quantities", None) or []:
        reading = _read(doc, quantity, places, readings, nouns, max_climb, min_misspelt_length)
        if reading is not None:
            readings.append(reading)
    readings += _victim_readings(doc, places, readings, max_climb)
    readings = _with_table_readings(doc, places, readings)
    readings.sort(key=lambda r: r.figure.start)
    countries = _country_mentions(doc, places)
    # The article's main country over its locating places and every national adjective (not
    # Extraction.country, which counts every place mention): the country a figure with none of
    # its own is coded with.
    fallback = main_country(c for _, c in countries)
    only_country = _only_country_mention(doc, countries)
    return [_with_only_country(_with_country(f, countries, fallback), only_country) for f in _link_parts(readings)]


# --- the place of a figure no sentence places -----------------------------------------------------


def _only_country_mention(doc: Doc, countries: Sequence[tuple[int, str]]) -> PlaceMention | None:
    """The first mention of the one country a document names, when it names one and only one
    (by its places, its national adjectives, or inside a name: "UNAMA (United Nations Assistance
    Mission in Afghanistan) documented 8,239 civilian casualties"): a report about one country
    counts its people there unless a sentence says where."""
    if len({c for _, c in countries}) != 1:
        return None
    found = (getattr(doc._, "crisisdesk_places", None) or []) if Doc.has_extension("crisisdesk_places") else []
    return next((m for m in found if m.place is not None and m.place.kind == "country" and not m.adjectival), None)


def _with_only_country(figure: Figure, mention: PlaceMention | None) -> Figure:
    if figure.place is not None or mention is None or figure.country not in (None, mention.place.country):
        return figure
    return replace(figure, place=mention, country=mention.place.country)


def _country_mentions(doc: Doc, places: Sequence[PlaceMention]) -> list[tuple[int, str]]:
    """(offset, ISO3) of every resolved place and national adjective in ``doc``, in text order."""
    found = [(m.start, m.place.country) for m in places if m.place is not None and m.place.country]
    if Doc.has_extension("crisisdesk_demonyms"):
        found += [(d.start, d.country) for d in getattr(doc._, "crisisdesk_demonyms", None) or []]
    return sorted(found)


def _with_country(figure: Figure, countries: Sequence[tuple[int, str]], fallback: str | None) -> Figure:
    # A monitor codes the country of a figure from its place, else from a country its sentence
    # names ("over the Ethiopian border"), else from the report as a whole.
    place = figure.place.place if figure.place is not None else None
    if place is not None and place.country:
        return replace(figure, country=place.country)
    # countries is in order of offset: those of the sentence by bisection.
    first, last = bisect_left(countries, (figure.sentence_start,)), bisect_left(countries, (figure.sentence_end,))
    in_sentence = [(abs(offset - figure.start), c) for offset, c in countries[first:last]]
    return replace(figure, country=min(in_sentence)[1] if in_sentence else fallback)


def _places(doc: Doc) -> list[PlaceMention]:
    """The places things can be in: adjectival mentions ("Armenian residents") and places inside
    other names ("Syrian Democratic Forces") name a place but do not locate anything there (the
    countries of demonyms come in through ``doc._.crisisdesk_demonyms``)."""
    found = (getattr(doc._, "crisisdesk_places", None) or []) if Doc.has_extension("crisisdesk_places") else []
    return OffsetList(m for m in found if m.locates)  # each figure looks up its sentence's places by bisection


def _read(
    doc: Doc,
    quantity: Quantity,
    places: Sequence[PlaceMention],
    earlier: Sequence[_Reading],
    nouns: frozenset[str],
    max_climb: int,
    min_misspelt_length: int,
) -> _Reading | None:
    if quantity.kind != "count" or quantity.value is None:
        return None
    number = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
    if number is None or len(number) == 0:
        return None
    unit_noun = _unit_token(doc, quantity)
    anchor = unit_noun if unit_noun is not None else _number_root(number)
    item = _breakdown_item(quantity, number.sent, places, earlier) if unit_noun is None else None
    if item is not None:
        return _breakdown_reading(quantity, number, anchor, *item)
    if (
        _is_rate(anchor, number)
        or _is_share(anchor, number, quantity.value)
        or (unit_noun is None and _is_age(number) and not _placed_after(quantity, number.sent))
    ):
        return None
    whole = _whole_of_pronoun(anchor, number, earlier) if unit_noun is None else None
    if unit_noun is None and whole is None:
        whole = _elided_from(number, earlier)
    if unit_noun is not None and _is_partitive_whole_noun(unit_noun) and _number_root(number).head == unit_noun:
        term = _partitive_whole_term(unit_noun)
    else:
        term = term_for(anchor, unit_noun, max_climb=max_climb)
    located = None
    if term is None and whole is not None:
        term = _continued_movement(anchor, whole)
        located = _located_part(quantity, number.sent, places, whole) if term is None else None
        term = located[0] if located is not None else term
    if unit_noun is not None and (moved := _on_board_term(quantity, number.sent, earlier)) is not None:
        term = moved
    unit = _unit_of(unit_noun, whole, term, nouns, min_misspelt_length)
    if unit is None or term is None or not _term_fits_unit(term, unit):
        return None
    if _is_question(number.sent) and not _noun_says_term(unit_noun):
        return None  # "Will another 100,000 people be forced to flee?" asks, it does not report
    sentence = number.sent
    end = max(quantity.end, quantity.unit_end or 0) if unit_noun is not None and unit_noun.i >= number.start else quantity.end
    figure = Figure(
        text=_text_between(doc, quantity.start, end),
        start=quantity.start,
        end=end,
        quantity=quantity.value,
        quantity_max=quantity.value_max,
        qualifier=quantity.modifier,
        unit=unit,
        term=term,
        group=group_of(unit_noun, places),
        place=located[1]
        if located is not None
        else _listed_place(quantity, unit_noun, sentence, places) or _place_for_term(term, anchor, sentence, places, number),
        date=None,
        sentence=sentence.text,
        attribution=attribution_for(anchor, sentence),
        sentence_start=sentence.start_char,
        sentence_end=sentence.end_char,
        tense=tense_of(_including_whole(anchor) or anchor),
    )
    return _Reading(quantity, number, anchor, unit_noun, figure)


def _is_rate(anchor: Token, number: Span) -> bool:
    """Whether the count is a term of a rate: its base, "per 1,000 population", "for every 10,000
    people"; or what is counted per base, "1.5 deaths per 10,000 people per day", "15 deaths per
    1,000 live births". A rate counts no one."""
    if any(t.dep_ == "pobj" and t.head.lower_ == "per" for t in (anchor, *number)):
        return True
    if any(c.dep_ == "det" and c.lower_ in ("per", "every") for c in anchor.children):
        return True
    return any(c.dep_ == "prep" and c.lower_ == "per" for c in anchor.children)


def _is_question(sentence: Span) -> bool:
    return sentence.text.rstrip().rstrip("\"'”’)").endswith("?")


def _noun_says_term(unit_noun: Token | None) -> bool:
    """Whether the counted noun says its term by itself ("the 200,000 displaced people",
    "refugees"): a question presupposes it, rather than asking it."""
    if unit_noun is None:
        return False
    status = STATUS_NOUNS.get(_lemma(unit_noun))
    return _modifier_term(unit_noun) is not None or (status is not None and status != "population")


def _is_share(anchor: Token, number: Span, value: float) -> bool:
    """Whether the count is a term of a survey share or a ratio: "seven out of ten interviewed
    households", "one in five children", "eight out of 10 respondents": the base of a ratio (10,
    100, 1,000 after "out of" or "in"), and the people a survey asked, count no one affected."""
    if _lemma(anchor) in SURVEY_NOUNS or any(c.dep_ in ("amod", "acl", "relcl") and _lemma(c) in SURVEY_WORDS for c in anchor.children):
        return True
    root = _number_root(number)
    holders = [t for t in (anchor, root) if t.dep_ == "pobj"]
    return any(
        value in RATIO_BASES and (t.head.lower_ == "in" and t.head.head.like_num or t.head.lower_ == "of" and t.head.head.lower_ == "out")
        for t in holders
    )


def _is_age(number: Span) -> bool:
    """Whether a number standing alone is an age: "Jaquise Lewis, 17, was killed", "the man, 34,
    died", "two others, 19 and 24", "aged 9"."""
    root = _number_root(number)
    while root.dep_ == "conj" and root.head != root:
        root = root.head
    if root.head.lower_ == "aged" or (root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ == "age"):
        return True
    head = root.head
    names_people = head.pos_ == "PROPN" or UNIT_NOUNS.get(_lemma(head)) == "people"
    return root.dep_ == "appos" and names_people and number.text.isdigit() and int(number.text) < MAX_AGE


def _is_partitive_whole_noun(noun: Token) -> bool:
    """Whether ``noun`` is the whole of a partitive count: "500 of the 4,000 villagers", "100,000
    refugees – out of the 120,000 population"."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("of", "among"):
        return False
    holder = noun.head.head
    if holder.lower_ == "out":
        return True  # "out of the 120,000 population", wherever the parser hangs "out"
    if holder.pos_ in _PREDICATE_POS and noun.head.i < holder.i:
        # "Of the 4,000 refugees in the camp, 500 returned": fronted, on the verb of a counted subject.
        holder = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), holder)
    return holder.like_num or holder.pos_ == "NUM" or any(c.dep_ == "nummod" for c in holder.children)


def _partitive_whole_term(noun: Token) -> str:
    """The whole of a partitive keeps what its own words say ("of the 4,000 refugees", "of the
    256,000 people displaced"); the part's predicate is not said of it: "500 of the 4,000
    villagers had left" counts 500 who left out of 4,000 who live there (a baseline)."""
    status = STATUS_NOUNS.get(_lemma(noun))
    if status is None and _lemma(noun) in CASE_NOUNS:
        status = "cases"  # "Of the 101 cases, 5 are in Camp 1E": cases of a disease, no population
    return _modifier_term(noun) or (status if status is not None else "population")


def _text_between(doc: Doc, start: int, end: int) -> str:
    # Sliced from the covering span: doc.text is rebuilt from every token on each access.
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.text_with_ws[start - span.start_char : end - span.start_char] if span is not None else ""


# --- people on board ------------------------------------------------------------------------------

#: Words that put counted people on a vehicle ("127 refugees on board"), and the words of a move.
_ON_BOARD_WORDS = "|".join(sorted((re.escape(w) for w in lexicon.words("on_board_words")), key=len, reverse=True))
_ON_BOARD = re.compile(rf"[ \t]+(?:{_ON_BOARD_WORDS})\b")
MOVE_WORDS: dict[str, str] = lexicon.table("move_words")


def _on_board_term(quantity: Quantity, sentence: Span, earlier: Sequence[_Reading]) -> str | None:
    """The term of people counted on board a flight, boat or convoy: the move their sentence
    names ("an evacuation flight with 127 refugees on board", "rescued 90 people aboard a dinghy"),
    else the move of the figure just before, in that sentence or the one before ("UNHCR has
    evacuated over 1,200 refugees. The latest flight departed with 127 refugees on board");
    None when no move is named: on board a boat that sank, they are not moved."""
    if quantity.unit_end is None or not _ON_BOARD.match(text_of(sentence.doc), quantity.unit_end, sentence.end_char):
        return None
    named = [MOVE_WORDS[_lemma(t)] for t in sentence if _lemma(t) in MOVE_WORDS]
    if named:
        return named[0]
    before = [r for r in earlier if r.figure.sentence_start >= _previous_sentence_start(sentence) and r.figure.end <= quantity.start]
    return before[-1].figure.term if before and before[-1].figure.term in set(MOVE_WORDS.values()) else None


# --- breakdowns by place ---------------------------------------------------------------------------
#
# Reports break a total down by place in a list after it: "116 suspected cases of Lassa fever
# reported from eight States (Bauchi – 12, Edo – 58, ...)" (NCDC), "among the total cases of acute
# malnutrition [Ukhiya=43, Teknaf=42]" (a nutrition survey), "Floods displaced 4,000 people:
# Maiduguri (2,500), Jere (1,000)" (OCHA), "cases by camp: Camp 1E (5), Camp 2W (3)". Each number
# of the list counts what the total counts, at the place named before it.

#: A place name then what stands between it and its number in a breakdown: "Dikwa (", "Bauchi –",
#: "Ukhiya=", "Kano: ", "Taraba - " (a hyphen only with a space: "COVID-19" is a name). The name
#: is capitalised words (a camp's "1E" or "RC" among them).
_BREAKDOWN_HEAD = re.compile(
    r"(?P<name>[A-Z][\w'’.-]*(?:[ ][A-Z0-9][\w'’.-]*){0,3}|(?P<code>(?<![\w.,])\d{1,2}[A-Z]{0,2}))[ \t]*(?P<sep>\(|[–—=:-]|(?<=\w)(?=[ \t]))[ \t]*$"
)
#: One item of such a list, to count the items of a sentence.
_BREAKDOWN_ITEM = re.compile(
    r"(?P<name>[A-Z][\w'’.-]*(?:[ ][A-Z0-9][\w'’.-]*){0,3}|(?<![\w.,])\d{1,2}[A-Z]{0,2})[ \t]*(?:\([ \t]*\d[\d,.]*|[–—=:-][ \t]*\d[\d,.]*|[ \t]\d[\d,.]*(?=[ \t]*(?:[,;]|and\b)))"
)
#: A plural kind of place before a list of codes: "in Camps 1E (5), 2W (3)", "Blocks A (2), B (4)".
_PLURAL_KIND = re.compile(r"\b(?:Camps|Blocks|Zones|Sectors|Sites|Wards|Districts|Villages|Areas)\b")
#: What may follow an item's number: the next item, the end of the list or of the sentence.
_BREAKDOWN_TAIL = re.compile(r"[ \t]*(?:[,;&)\]]|and\b|\.|$)")
#: A list is a breakdown when it has at least this many items.
MIN_BREAKDOWN_ITEMS = 2


def _breakdown_item(
    quantity: Quantity, sentence: Span, places: Sequence[PlaceMention], earlier: Sequence[_Reading]
) -> tuple[_Reading, PlaceMention] | None:
    """The total and the place of a count standing alone that is an item of a breakdown by place
    after a figure of its sentence, or None."""
    found = _breakdown_place(quantity, sentence, places)
    if found is None:
        return None
    place, list_start = found
    # The total is in the sentence, or, for a list that is a sentence of its own ("101 cases were
    # confirmed. Camp 1E (5), Camp 2W (3)."), the last figure of the sentence before.
    text = text_of(sentence.doc)
    first = _BREAKDOWN_ITEM.search(text, sentence.start_char, sentence.end_char)
    opens = first is not None and not text[sentence.start_char : first.start()].strip(" \t\n•-–—:(")
    since = _previous_sentence_start(sentence) if opens else sentence.start_char
    totals = [
        r
        for r in earlier
        if since <= r.figure.sentence_start <= sentence.start_char
        and r.figure.end <= list_start
        and r.unit_noun is not None
        and r.breakdown_of is None
    ]
    if not totals or quantity.value > totals[-1].figure.quantity:
        return None  # no total before the list, or a number larger than it: no part of it
    return totals[-1], place


def _breakdown_place(
    quantity: Quantity, sentence: Span, places: Sequence[PlaceMention], end: int | None = None
) -> tuple[PlaceMention, int] | None:
    """The place named before ``quantity`` when it is an item of a list by place ("Dikwa (14)",
    "Camp 1E: 5 cases", "in Camps 1E (5), 2W (3)"), and where that name starts. ``end``: where
    the item ends (after its unit noun), when not after the number."""
    text = text_of(sentence.doc)
    head = _BREAKDOWN_HEAD.search(text, sentence.start_char, quantity.start)
    if head is None or head.end() != quantity.start:
        return None
    after = quantity.end if end is None else end
    if head.group("sep") == "(":
        closing = re.compile(r"[ \t]*\)").match(text, after)
        if closing is None:
            return None
        after = closing.end()
    if not _BREAKDOWN_TAIL.match(text, after, sentence.end_char):
        return None
    items = list(_BREAKDOWN_ITEM.finditer(text, sentence.start_char, sentence.end_char))
    if len(items) < MIN_BREAKDOWN_ITEMS:
        return None
    name_start, name_end = head.span("name")
    if head.group("sep") in ("", "-") and not (
        _site_name().fullmatch(text, name_start, name_end) or _mention_ending(places, name_start, name_end)
    ):
        return None  # "Camp 1E 5", "Camp 1E-5": only after a place's name is a bare number its count
    if head.group("code") is not None:
        # "in Camps 1E (5), 2W (3)": codes after a plural kind of place name places of that kind
        kinds = _PLURAL_KIND.search(text, sentence.start_char, name_start)
        return (PlaceMention(text[name_start:name_end], name_start, name_end, None), name_start) if kinds else None
    mention = _mention_ending(places, name_start, name_end)
    if mention is not None:
        return mention, name_start
    # A name the place layer missed ("Kano", "Camp 15") is a place when the list names places:
    # a breakdown is by one kind of unit, and another of its items is a place.
    if _site_name().fullmatch(text, name_start, name_end) or any(_mention_ending(places, *item.span("name")) is not None for item in items):
        return PlaceMention(text[name_start:name_end], name_start, name_end, None), name_start
    return None


def _listed_place(quantity: Quantity, unit_noun: Token | None, sentence: Span, places: Sequence[PlaceMention]) -> PlaceMention | None:
    """The place of a count with its noun in a list by place: "Camp 1E: 5 cases, Camp 2W: 3 cases"."""
    if unit_noun is None or unit_noun.i < _number_root_index(quantity, sentence):
        return None
    found = _breakdown_place(quantity, sentence, places, end=unit_noun.idx + len(unit_noun))
    return found[0] if found is not None else None


def _number_root_index(quantity: Quantity, sentence: Span) -> int:
    number = sentence.doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
    return number.start if number is not None else sentence.start


def _mention_ending(places: Sequence[PlaceMention], start: int, end: int) -> PlaceMention | None:
    """The place mention that ends at ``end`` and starts at or after ``start``."""
    return next((m for m in places if m.end == end and start <= m.start), None)


def _breakdown_reading(quantity: Quantity, number: Span, anchor: Token, total: _Reading, place: PlaceMention) -> _Reading:
    figure = replace(
        total.figure,
        text=quantity.text,
        start=quantity.start,
        end=quantity.end,
        quantity=quantity.value,
        quantity_max=quantity.value_max,
        qualifier=quantity.modifier,
        place=place,
        part_of=None,
    )
    return _Reading(quantity, number, anchor, None, figure, breakdown_of=total)


# --- tables ----------------------------------------------------------------------------------------


def _with_table_readings(doc: Doc, places: Sequence[PlaceMention], readings: list[_Reading]) -> list[_Reading]:
    """``readings`` with the figures of the document's tables (:mod:`crisisdesk.nlp.tables`) in
    place of what the sentence rules read of the same numbers: a table's cell is what its column
    and row say."""
    cells = table_cells(text_of(doc), TERM_WORDS)
    if not cells:
        return readings
    taken = {(c.start, c.end) for c in cells}
    kept = [r for r in readings if r.quantity is None or (r.quantity.start, r.quantity.end) not in taken]
    totals: dict[tuple[int, str, str], _Reading] = {}
    table_readings: list[_Reading] = []
    for cell in reversed(cells):  # a table's total row comes after its rows
        reading = _cell_reading(doc, cell, places, totals.get((cell.table, cell.term, cell.unit)))
        if reading is None:
            continue
        if cell.total:
            totals[(cell.table, cell.term, cell.unit)] = reading
        table_readings.append(reading)
    return kept + table_readings


def _cell_reading(doc: Doc, cell: Cell, places: Sequence[PlaceMention], total: _Reading | None) -> _Reading | None:
    number = doc.char_span(cell.start, cell.end, alignment_mode="expand")
    if number is None or len(number) == 0:
        return None
    sentence = number.sent
    place = None
    if not cell.total:
        inside = [m for m in places if cell.row_start <= m.start and m.end <= cell.row_end]
        place = inside[-1] if inside else PlaceMention(text_of(doc)[cell.row_start : cell.row_end], cell.row_start, cell.row_end, None)
    figure = Figure(
        text=text_of(doc)[cell.start : cell.end],
        start=cell.start,
        end=cell.end,
        quantity=float(cell.value),
        quantity_max=None,
        qualifier="",
        unit=cell.unit,
        term=cell.term,
        group=None,
        place=place,
        date=None,
        sentence=sentence.text,
        attribution=None,
        sentence_start=sentence.start_char,
        sentence_end=sentence.end_char,
        tense=None,
    )
    return _Reading(None, number, _number_root(number), None, figure, breakdown_of=total)


#: After a number standing alone, the words that place it and say nothing else of it: "(of the
#: 101 cases,) 5 are in Camp 1E, 3 in Camp 2W".
_PLACED_AFTER = re.compile(
    r"[ \t]+(?:(?:are|were|is|was|remain|remained|live|lived|living|reside|resided|residing)[ \t]+)?(?:in|at)[ \t]+(?:the[ \t]+)?"
)


def _placed_after(quantity: Quantity, sentence: Span) -> bool:
    """Whether the words after a number standing alone place it ("refugees, 5 in Camp 1E"): a
    part by place, not an age ("Smith, 29, was killed")."""
    return _PLACED_AFTER.match(text_of(sentence.doc), quantity.end, sentence.end_char) is not None


def _located_part(quantity: Quantity, sentence: Span, places: Sequence[PlaceMention], whole: _Reading) -> tuple[str, PlaceMention] | None:
    """The term and place of a number standing alone that only says where part of the figure before it is
    ("Of the 101 cases, 5 are in Camp 1E, 3 in Camp 2W"; "six in northern Aleppo"): the term of
    that figure, when it names who the people are rather than something that happened at a place."""
    if whole.figure.term in _EVENT_TERMS or whole.figure.term == "population":
        # "20 killed in Aleppo, 5 in Idlib" is read by the outcome rules; "of the nine brothers
        # and sisters, three remain in Cuba" counts no one a crisis affects
        return None
    text = text_of(sentence.doc)
    placed = _PLACED_AFTER.match(text, quantity.end, sentence.end_char)
    if placed is None:
        return None
    place = _site_at(text, placed.end(), sentence.end_char, places)
    return None if place is None else (whole.figure.term, place)


@lru_cache(maxsize=1)
def _site_name() -> re.Pattern[str]:
    """A place named by its kind and a code or a name ("Camp 15", "Block C", "Kutupalong RC",
    "Jere LGA"): a place even where the gazetteer has none of that name."""
    words = sorted((w for w in lexicon.words("table_place_columns") if w.isalpha() and not w.endswith("s")), key=len, reverse=True)
    kinds = "|".join(w.capitalize() for w in words) + "|LGA|RC"
    return re.compile(rf"(?:{kinds})s?[ \t]+[A-Z0-9][\w-]*\b|[A-Z][\w'’-]+[ \t]+(?:{kinds})\b")


def _site_at(text: str, start: int, end: int, places: Sequence[PlaceMention]) -> PlaceMention | None:
    """The place mention starting at ``start``, else a site name there (:func:`_site_name`) as an
    unresolved place."""
    mention = next((m for m in places if m.start == start), None)
    if mention is not None:
        return mention
    site = _site_name().match(text, start, end)
    return PlaceMention(site.group(), site.start(), site.end(), None) if site else None


def _elided_from(number: Span, earlier: Sequence[_Reading]) -> _Reading | None:
    # "20 people were killed and 45 injured": a number standing alone counts what the figure
    # before it in the sentence counts.
    same_sentence = [r for r in earlier if r.figure.sentence_start == number.sent.start_char and r.figure.end <= number.start_char]
    return same_sentence[-1] if same_sentence else None


def _term_fits_unit(term: str, unit: str) -> bool:
    # Homes are destroyed or damaged, never displaced; people and households can "have their
    # houses destroyed".
    return term in STRUCTURE_TERMS if unit == "structures" else True


def _unit_token(doc: Doc, quantity: Quantity) -> Token | None:
    if quantity.unit_start is None or quantity.unit_end is None:
        return None
    span = doc.char_span(quantity.unit_start, quantity.unit_end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _number_root(number: Span) -> Token:
    outside = [t for t in number if not (number.start <= t.head.i < number.end) or t.head == t]
    return outside[-1] if outside else number[-1]


def _unit_of(
    unit_noun: Token | None,
    whole: _Reading | None,
    term: str | None,
    nouns: frozenset[str] = frozenset(),
    min_misspelt_length: int = MIN_MISSPELT_LENGTH,
) -> str | None:
    """people, households or structures; a number standing alone counts what its whole counts,
    or people when its predicate can only be said of people."""
    if unit_noun is None:
        return whole.figure.unit if whole is not None else "people"
    if _lemma(unit_noun) in UNIT_NOUNS and UNIT_NOUNS[_lemma(unit_noun)] == "structures":
        return "structures" if term in STRUCTURE_TERMS else "households"  # "80 homes were evacuated"
    if _lemma(unit_noun) in UNIT_NOUNS:
        return UNIT_NOUNS[_lemma(unit_noun)]
    if _lemma(unit_noun) in VICTIM_NOUNS or _lemma(unit_noun) in CASE_NOUNS or _others_hit(unit_noun, term):
        return "people"
    if unit_noun.lower_ in UNIT_NOUNS:
        return UNIT_NOUNS[unit_noun.lower_]
    if (
        nouns
        and not {unit_noun.lower_, _lemma(unit_noun)} & nouns
        and (misspelt := _unit_misspelt_as(unit_noun.lower_, min_misspelt_length)) is not None
    ):
        return misspelt  # "870 familis remained in evacuation centres"
    if _lemma(unit_noun) in ("toll", "tally") and _tally_term(unit_noun):
        return "people"
    if unit_noun.ent_type_ == "NORP" or (unit_noun.tag_ == "NNPS"):
        return "people"  # "195,000 Iraqis", "700,000 Rohingya"
    return None


def _others_hit(unit_noun: Token, term: str | None) -> bool:
    """ "one dead and three others injured": the others a casualty is said of are people (homes are
    damaged, not wounded)."""
    return unit_noun.lower_ == "others" and term in ("killed", "injured", "casualties")


def _unit_misspelt_as(word: str, min_length: int = MIN_MISSPELT_LENGTH) -> str | None:
    """The unit of the unit noun ``word`` is one typing slip away from (a letter missing, added,
    changed or two swapped), when it is long enough to tell and only one unit is that close."""
    if len(word) < min_length or not word.isalpha():
        return None
    units = {unit for form, unit in _unit_noun_forms().items() if _one_slip_apart(word, form)}
    return units.pop() if len(units) == 1 else None


@lru_cache(maxsize=1)
def _unit_noun_forms() -> dict[str, str]:
    """Every unit noun, singular and regular plural, with its unit."""
    forms = {}
    for noun, unit in UNIT_NOUNS.items():
        plural = noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s"
        forms[noun] = forms[plural] = unit
    return forms


def _one_slip_apart(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    if len(a) == len(b):
        differ = [i for i in range(len(a)) if a[i] != b[i]]
        return len(differ) == 1 or (
            len(differ) == 2 and differ[1] == differ[0] + 1 and a[differ[0]] == b[differ[1]] and a[differ[1]] == b[differ[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


# --- the term -----------------------------------------------------------------------------------


def term_for(anchor: Token, unit_noun: Token | None, *, max_climb: int = MAX_CLIMB) -> str | None:
    """The IDMC term the sentence gives the count anchored at ``anchor`` (see module docstring)."""
    own_outcome = _outcome_status(unit_noun) if unit_noun is not None else _outcome_after(anchor)
    if own_outcome is not None:
        return own_outcome
    if unit_noun is not None and _lemma(unit_noun) in CASE_NOUNS:
        if _protection_case(unit_noun):
            return "at_risk"
        return "cases" if _is_disease_case(unit_noun) else None
    including = _including_whole(anchor)
    if including is not None:
        return term_for(including, including, max_climb=max_climb)
    restated = _restated_count(unit_noun)
    if restated is not None:
        return term_for(restated, restated, max_climb=max_climb)
    if unit_noun is not None and _is_response_count(unit_noun):
        return _modifier_term(unit_noun)
    governed = _governor_term(anchor, max_climb)
    if governed is not None and governed[1] in OUTCOME_TERMS and governed[0]:
        return governed[1]
    if unit_noun is not None:
        modified = _modifier_term(unit_noun)
        if modified is not None:
            return _refined(modified, governed)
        status = STATUS_NOUNS.get(_lemma(unit_noun))
        if _lemma(unit_noun) in ("toll", "tally"):
            status = _tally_term(unit_noun)
        if status is not None and status != "population":
            return _refined(status, governed)
        if governed is not None:
            return governed[1]
        if status == "population" or _states_population(unit_noun):
            return "population"
        return None
    return governed[1] if governed is not None else None


def _is_disease_case(noun: Token) -> bool:
    """Whether "cases" are people who caught a disease: "51 confirmed cases", "213 suspected cases
    of cholera", "6,400 measles cases", or cases in a sentence naming a disease or an outbreak
    ("the outbreak has reached 300 cases"); not "cases of looting", "in 12 cases"."""
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None:
        # "cases of cholera" are, "cases of trafficking" or "of looting" are not
        return _names_disease(_subtree_text(of))
    if any(c.dep_ in ("amod", "compound") and (_lemma(c) in CASE_MODIFIERS or c.lower_ in CASE_MODIFIERS) for c in noun.children):
        return True
    # The sentence, or the text before it in its paragraph ("no new cases of COVID-19 ... In total,
    # 51 cases have been identified").
    sentence = noun.sent
    text = noun.doc.text
    paragraph = text.rfind("\n\n", 0, sentence.start_char) + 1
    return _names_disease(text[max(paragraph, sentence.start_char - CASE_CONTEXT_CHARS) : sentence.end_char])


def _names_disease(text: str) -> bool:
    lowered = text.lower()
    return any(re.search(rf"\b{re.escape(d)}\b", lowered) for d in DISEASE_WORDS)


def _subtree_text(token: Token) -> str:
    return token.doc[token.left_edge.i : token.right_edge.i + 1].text


def _outcome_status(unit_noun: Token | None) -> str | None:
    """The outcome a noun names by itself ("deaths", "fatalities"): a death is a death whatever
    the sentence says around it ("213 cases, including 42 deaths", "2,563 deaths and 5,676
    injured")."""
    if unit_noun is None:
        return None
    status = STATUS_NOUNS.get(_lemma(unit_noun))
    return status if status in OUTCOME_TERMS else None


def _outcome_after(number: Token) -> str | None:
    """The outcome said right after a number that stands alone: "two dead, 11 hurt", "three
    people were killed and 12 injured" (the parser hangs the word on the number)."""
    doc = number.doc
    following = [doc[number.i + 1]] if number.i + 1 < len(doc) else []
    for child in [*following, *number.rights]:
        # Beside the number or hung on it: the parser may hang "injured" on the noun before
        # ("2,563 deaths and 5,676 injured").
        if child.pos_ in _PREDICATE_POS and (child.i == number.i + 1 or child.dep_ in ("amod", "acl", "relcl", "acomp")):
            term = _own_term(child)
            if term in OUTCOME_TERMS:
                return term
    return None


def _is_response_count(noun: Token) -> bool:
    """Whether the counted people are those aid reached, screened, trained or targeted: the
    subject or object of a response verb ("27,600 IDPs received water", "targets 50,000 refugees")
    or modified by one ("108,000 people reached with messages")."""
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and _lemma(noun.head) in RESPONSE_VERBS:
        return True
    return any(c.dep_ in ("acl", "relcl") and _lemma(c) in RESPONSE_VERBS for c in noun.children)


def _refined(term: str, governed: tuple[bool, str] | None) -> str:
    # "IDPs were forced to flee", "displaced families stayed in shelters": being displaced is the
    # state, the predicate says the specific displacement.
    if term == "displaced" and governed is not None and governed[1] in DISPLACEMENT_TERMS:
        return governed[1]
    # "UNHCR has evacuated over 1,200 refugees", "300 refugees were relocated to the new camp":
    # a move done to refugees is what is counted (they fled before; that stays their status).
    if term == "refugees" and governed is not None and governed[0] and governed[1] in MOVED_REFUGEE_TERMS:
        return governed[1]
    return term


def _restated_count(unit_noun: Token | None) -> Token | None:
    """The counted noun a count restates in another unit: "28,135 conflict affected households
    (196,917 persons)", "1,500 families (about 9,000 individuals) fled": the same people, the same
    term."""
    if unit_noun is None or unit_noun.dep_ != "appos":
        return None
    head = unit_noun.head
    counted = head.pos_ in _NOUN_POS and any(c.dep_ == "nummod" for c in head.children)
    return head if counted and UNIT_NOUNS.get(_lemma(head)) in ("people", "households") else None


def _including_whole(anchor: Token) -> Token | None:
    """The noun of the whole a count is included in: "5,000 people, including 300 children"."""
    head = anchor.head
    if anchor.dep_ == "pobj" and head.lower_ in ("including", "among") and head.head.pos_ in _NOUN_POS:
        return head.head
    return None


def _tally_term(tally: Token) -> str | None:
    return next((TALLY_TERMS[_lemma(c)] for c in tally.children if c.dep_ in ("compound", "amod") and _lemma(c) in TALLY_TERMS), None)


def _modifier_term(noun: Token) -> str | None:
    for child in noun.children:
        if child.dep_ in ("amod", "acl", "relcl", "compound") and child.i != noun.i:
            term = _predicate_term(child)
            if term is not None and not (term == "casualties" and _shooter_modifier(child)):
                return term
        if child.dep_ == "prep" and child.lower_ in ("in", "at"):
            term = _site_term(child) or _need_term(child)
            if term is not None:
                return term
        if child.dep_ == "prep" and _without_service(child):
            return "cut_off"  # "1.5 million people without access to safe water"
        if (child.dep_ == "prep" and _under_threat(child)) or (child.dep_ in ("amod", "compound") and _lemma(child) in AT_RISK_MODIFIERS):
            return "at_risk"  # "2 million children at risk of malnutrition", "100 unaccompanied children"
    return None


def _governor_term(anchor: Token, max_climb: int = MAX_CLIMB) -> tuple[bool, str] | None:
    """The term said by the predicate ``anchor`` depends on, climbing through prepositions,
    coordination and nominalisations; with whether the predicate's own word said it."""
    current = anchor
    for _ in range(max_climb):
        head = current.head
        if head == current:
            return None
        if head.pos_ == "ADP" or current.dep_ in ("conj", "appos"):
            current = head
            continue
        if head.pos_ == "AUX" and head.dep_ in ("aux", "auxpass") and head.head != head:
            current = head  # "people remained displaced" parsed with "remained" as an auxiliary
            continue
        if head.pos_ in _NOUN_POS:
            term = TERM_WORDS.get(_lemma(head)) if _is_nominalisation(head, current) else None
            if term is not None:
                return True, term
            if _lemma(head) in COLLECTIVE_NOUNS or UNIT_NOUNS.get(_lemma(head)) == "structures":
                current = head  # "a community of 85 people fled", "the homes of 500 families were destroyed"
                continue
            return None
        if head.pos_ in _PREDICATE_POS:
            own = _own_term(head)
            if own is not None:
                return True, own
            term = _predicate_term(head)
            return (False, term) if term is not None else None
        current = head
    return None


def _is_nominalisation(noun: Token, via: Token) -> bool:
    # "the displacement of 2.3 million people": the count hangs on the noun by "of"/"by".
    return via.dep_ == "prep" and via.lower_ in ("of", "by") or via.dep_ in ("compound", "nmod")


def _own_term(predicate: Token) -> str | None:
    lemma = _lemma(predicate)
    if lemma in LIGHT_VERBS or lemma == "leave":
        return None
    term = TERM_WORDS.get(lemma) or TERM_WORDS.get(predicate.lower_)
    if term in ("injured", "casualties") and predicate.pos_ == "VERB" and _wounded_to_death(predicate):
        return "killed"
    if term == "casualties" and predicate.pos_ == "VERB":
        if _shot_at(predicate):
            return None
        return _shot_with_outcome(predicate) or term
    return term


def _wound_of(verb: Token) -> Token | None:
    """The wound a verb says its subject has: "suffered a gunshot wound", "sustained injuries",
    "suffering from a gunshot wound", "was found with a gunshot wound", "taken to hospital with
    non-life-threatening injuries", "treated for a gunshot wound"."""
    for child in verb.children:
        wound = None
        if child.dep_ == "dobj" and _lemma(verb) in SUFFER_VERBS and _lemma(child) in WOUND_NOUNS:
            wound = child
        elif child.dep_ == "prep" and child.lower_ in WOUND_PREPOSITIONS:
            if child.lower_ == "from" and _lemma(verb) not in SUFFER_VERBS:
                continue  # "recovering from wounds" is said after the fact; "fled from" is no wound
            wound = next((o for o in child.children if o.dep_ == "pobj" and _lemma(o) in WOUND_NOUNS), None)
        if wound is not None and _wound_term(wound) is not None:
            return wound
    return None


def _wound_term(wound: Token) -> str | None:
    """A fatal wound is a death, a gunshot wound a person hit (killed or not), another wound an
    injury ("non-life-threatening injuries", "minor injuries"); a wound that may yet kill
    ("life-threatening injuries", "critical injuries") says neither, and is not read: the person
    is often reported dead later."""
    said = {_lemma(t) for t in wound.subtree} | {t.lower_ for t in wound.subtree}
    if said & FATAL_WORDS:
        return "killed"
    if said & SHOT_WOUND_MODIFIERS:
        return "casualties"
    grave = any(t.lower_ in GRAVE_WOUND_WORDS and not _negated_modifier(t) for t in wound.subtree)
    return None if grave else "injured"


def _negated_modifier(word: Token) -> bool:
    # "non-life-threatening": the tokenizer may keep "non" apart, before a hyphen
    doc = word.doc
    before = [t.lower_ for t in doc[max(0, word.i - 4) : word.i]]
    return "non" in before or word.lower_.startswith("non")


def _shot_at(verb: Token) -> bool:
    """ "the suspect was shot at by officers", "a woman was shot at while driving": a stranded "at"
    makes the verb one of aiming (fired towards), which says no one was hit."""
    return any(c.dep_ in ("prep", "prt") and c.lower_ == "at" and not any(o.dep_ == "pobj" for o in c.children) for c in verb.children)


def _shooter_modifier(verb: Token) -> bool:
    """ "the suspects shooting", "two men who shot at the car": an active shooting said of a noun
    names who shot, not who was hit."""
    if verb.tag_ == "VBG" and verb.dep_ == "acl":
        return True
    return verb.dep_ == "relcl" and any(c.dep_ == "nsubj" for c in verb.children)


def _shot_with_outcome(verb: Token) -> str | None:
    """ "shot and killed", "shot and wounded": a shooting whose outcome a coordinated verb tells is
    that outcome (the people shot were all killed, or all wounded)."""
    for other in verb.conjuncts:
        if _has_subject(verb) and _has_subject(other):
            continue  # two clauses: "Lanier was killed, and three others were shot" (the others lived)
        if other.pos_ == "VERB" and TERM_WORDS.get(_lemma(other)) in ("killed", "injured"):
            return "killed" if _wounded_to_death(other) else TERM_WORDS[_lemma(other)]
    return None


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _wounded_to_death(verb: Token) -> bool:
    """ "fatally wounded", "mortally injured": a wound the sentence says killed is a death."""
    for child in verb.children:
        if child.dep_ in ("advmod", "acomp", "oprd", "xcomp", "amod") and _lemma(child) in FATAL_WORDS:
            return True
        if child.dep_ == "prep" and child.lower_ == "to" and any(_lemma(o) in FATAL_WORDS for o in child.children if o.dep_ == "pobj"):
            return True
    return False


def _predicate_term(predicate: Token) -> str | None:
    """The term a predicate says, itself or through its complements."""
    own = _own_term(predicate)
    if own is not None:
        return own
    if _cuts_off(predicate):
        return "cut_off"
    if _puts_at_risk(predicate):
        return "at_risk"
    wound = _wound_of(predicate)
    if wound is not None:
        return _wound_term(wound)
    for child in predicate.children:
        if child.dep_ in ("acomp", "xcomp", "oprd", "ccomp") or (child.dep_ == "dep" and child.pos_ in _PREDICATE_POS):
            term = _own_term(child) or _predicate_term(child) if child.dep_ != "ccomp" or _lemma(predicate) == "have" else None
            if term is not None:
                return "forced_to_flee" if _lemma(predicate) in FORCE_VERBS and _lemma(child) == "leave" else term
        if child.dep_ == "prep" or _is_coordinated_preposition(child):
            term = (
                _site_term(child)
                or _need_term(child)
                or _as_term(child)
                or _forced_from(predicate, child)
                or _refuge_term(predicate, child)
            )
            if term is not None:
                return term
        if child.dep_ == "dobj" and _lemma(predicate) in ("take", "seek", "find") and _lemma(child) in SOUGHT_SAFETY:
            return SOUGHT_SAFETY[_lemma(child)]
        if child.dep_ in ("dobj", "acomp", "attr") and _food_insecure(child):
            return "in_need"  # "are food insecure", "face food insecurity"
        if child.dep_ == "dobj" and _lemma(predicate) in ("have", "see", "get"):
            term = _modifier_term(child)
            if term in HOUSING_TERMS:
                return term  # "had their houses destroyed"
    if _lemma(predicate) == "leave" and _leaves_a_place(predicate):
        return "forced_to_flee"
    if _lemma(predicate) == "leave" and _left_without_object(predicate):
        return "displaced"
    if _lemma(predicate) == "cross" and _crosses_a_border(predicate):
        return "refugees"
    if _lemma(predicate) in DEPARTURE_VERBS:
        return _named_displacement(predicate)
    return None


# --- cut off --------------------------------------------------------------------------------------


def _cuts_off(predicate: Token) -> bool:
    """Whether a predicate says the people it is said of are cut off from water, power, roads or
    aid: "cut off by the floods", "water was cut off to 50,000 people", "stranded", "remain
    isolated", "left without electricity", "lack access to clean water", "have no access to health
    care". "Isolated" in a sentence about a disease is quarantine, not that."""
    lemma = _lemma(predicate)
    if lemma == "cut" and any(c.lower_ == "off" for c in predicate.children if c.dep_ in ("prt", "advmod", "prep")):
        return True
    lemma = CUT_OFF_FORMS.get(predicate.lower_, lemma)
    if lemma in CUT_OFF_WORDS:
        return lemma != "isolate" or not _names_disease(predicate.sent.text)
    if any(c.dep_ == "prep" and _without_service(c) for c in predicate.children):
        return True
    objects = [c for c in predicate.children if c.dep_ == "dobj" and _lemma(c) in CUT_OFF_SERVICES]
    if lemma in LACK_VERBS and objects:
        return True
    # "have no access to", "had no electricity"
    return lemma == "have" and any(d.dep_ == "det" and d.lower_ == "no" for o in objects for d in o.children)


def _without_service(preposition: Token) -> bool:
    # "without electricity", "without access to water", "without water and power"
    if preposition.lower_ != "without":
        return False
    objects = [o for o in preposition.children if o.dep_ == "pobj"]
    return any(_lemma(o) in CUT_OFF_SERVICES for obj in objects for o in (obj, *obj.conjuncts))


# --- at risk --------------------------------------------------------------------------------------


def _puts_at_risk(predicate: Token) -> bool:
    """Whether a predicate names a threat for the people it is said of: "are at risk of famine",
    "remain in danger", "threatened by rising waters", "exposed to the winds"; not "threatened to
    strike" (a complement of its own is what the subject threatens)."""
    if any(c.dep_ == "prep" and _under_threat(c) for c in predicate.children):
        return True
    if _lemma(predicate) in AT_RISK_VERBS and predicate.pos_ == "VERB":
        return not any(c.dep_ in ("xcomp", "ccomp") for c in predicate.children)
    return False


def _under_threat(preposition: Token) -> bool:
    # "at risk of", "in danger", "under threat of eviction"
    return preposition.lower_ in ("at", "in", "under") and any(
        o.dep_ == "pobj" and _lemma(o) in AT_RISK_NOUNS for o in preposition.children
    )


def _protection_case(noun: Token) -> bool:
    """ "four reported cases of potential trafficking of migrant children", "cases of sexual
    exploitation": a protection case counts a person at risk, not a disease case."""
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return of is not None and any(o.dep_ == "pobj" and _lemma(o) in PROTECTION_HARMS for o in of.children)


# --- a movement said in another clause -----------------------------------------------------------


def _continued_movement(anchor: Token, source: _Reading) -> str | None:
    """The term of a number whose noun is left out and whose own verb is one of going away with no
    term of its own: it goes on with the movement of the count it takes its noun from, in a
    coordination ("897 refugees were evacuated to Niger, 312 departed to Italy and two departed to
    Romania"; "2,000 people fled; 700 went to Chad") or a partitive relative clause ("5,000 people
    were evacuated, of whom 312 departed to Italy"). A verb with an object leaves a place of its
    own ("the site, which 500 left"): no term."""
    if source.figure.term not in _NAMED_DISPLACEMENTS:
        return None
    subject = anchor
    while subject.dep_ == "conj" and subject.head != subject:  # "312 departed ... and two departed"
        subject = subject.head
    verb = subject.head
    if subject.dep_ != "nsubj" or _lemma(verb) not in DEPARTURE_VERBS:
        return None
    return None if any(c.dep_ in ("dobj", "xcomp") for c in verb.children) else source.figure.term


def _named_displacement(verb: Token) -> str | None:
    """ "left in one of the biggest evacuations", "moved out during the evacuation": going away in
    a displacement a noun names is that displacement."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "during", "as"):
            continue
        for obj in prep.subtree:
            if obj.dep_ == "pobj" and obj.pos_ in _NOUN_POS and TERM_WORDS.get(_lemma(obj)) in _NAMED_DISPLACEMENTS:
                return TERM_WORDS[_lemma(obj)]
    return None


def _crosses_a_border(verb: Token) -> bool:
    """ "crossed the border", "crossed into Uganda": people who left their country are refugees."""
    for child in verb.children:
        if child.dep_ == "dobj" and _lemma(child) in BORDER_NOUNS:
            return True
        # A proper name after "into", from the tagger rather than the entity recogniser, which the
        # cheap path runs on fewer sentences: the same figures on both paths.
        if child.dep_ == "prep" and child.lower_ == "into" and any(o.dep_ == "pobj" and o.pos_ == "PROPN" for o in child.children):
            return True
    return False


def _refuge_term(predicate: Token, preposition: Token) -> str | None:
    """ "staying with host families", "housed in hotels", "living in schools and churches": a verb
    of staying with a place people stay in when they have lost their home. Host families are
    always that; a school or a hotel only when the sentence names a crisis ("displaced", "IDPs",
    "floods"): "2,000 students live in the school" is no shelter."""
    if _lemma(predicate) not in STAY_VERBS or preposition.lower_ not in ("in", "at", "with", "inside"):
        return None
    objects = [o for o in preposition.children if o.dep_ == "pobj"]
    objects += [c for o in objects for c in o.conjuncts]
    for obj in objects:
        lemma = _lemma(obj)
        if lemma in _HOSTED_PLACES:
            if any(_lemma(m) == "host" for m in obj.children if m.dep_ in ("compound", "amod", "nmod")):
                return "sheltered"
        elif lemma in REFUGE_PLACES and names_crisis(predicate.sent.text):
            return "sheltered"
    return None


def _need_term(preposition: Token) -> str | None:
    # "people in need", "are in need of humanitarian assistance", "remain in urgent need"; "in IPC
    # Phase 3 or above", "in Crisis (IPC Phase 3) or worse"
    if preposition.lower_ != "in":
        return None
    for obj in preposition.children:
        if obj.dep_ == "pobj" and _lemma(obj) == "need":
            return TERM_WORDS.get("need")
        if obj.dep_ == "pobj" and any(_is_acute_ipc_phase(t) for t in (obj, *obj.children)):
            return "in_need"
    return None


def _is_acute_ipc_phase(token: Token) -> bool:
    """ "IPC Phase 3", "(IPC Phase 4)": the Integrated Food Security Phase Classification's phases 3
    (Crisis) and above are the food insecure people a monitor counts as in need."""
    if _lemma(token) != "phase" or not any(c.lower_ == "ipc" for c in token.children):
        return False
    numbers = [c for c in token.children if c.dep_ == "nummod" and c.text.isdigit()]
    return bool(numbers) and int(numbers[0].text) >= MIN_IPC_PHASE


def _food_insecure(token: Token) -> bool:
    """ "food insecure", "food-insecure", "facing food insecurity": people in need (IPC 3+)."""
    return _lemma(token) in FOOD_INSECURITY_WORDS and any(c.lower_ == "food" for c in token.children)


def _site_term(preposition: Token) -> str | None:
    if preposition.lower_ not in ("in", "at", "into", "to"):
        return None
    # "in or near the camp": the object hangs on the last of coordinated prepositions.
    coordinated = (g for c in preposition.children if c.dep_ == "conj" for g in c.children)
    for obj in (*preposition.children, *coordinated):
        if obj.dep_ != "pobj":
            continue
        lemma = _lemma(obj)
        if lemma in SITE_NOUNS:
            return SITE_NOUNS[lemma]
        if lemma in ("centre", "center") and any(_lemma(m) in SHELTER_CENTRE_MODIFIERS for m in obj.children):
            return "sheltered"
    return None


def _is_coordinated_preposition(token: Token) -> bool:
    # The parser may hang the first of "in or near" as an adverb.
    return token.dep_ == "advmod" and any(c.dep_ == "conj" and c.pos_ == "ADP" for c in token.children)


def _as_term(preposition: Token) -> str | None:
    # "registered as displaced", "recorded as homeless"
    if preposition.lower_ != "as":
        return None
    return next((TERM_WORDS.get(_lemma(o)) for o in preposition.subtree if o != preposition and TERM_WORDS.get(_lemma(o))), None)


def _forced_from(predicate: Token, preposition: Token) -> str | None:
    if _lemma(predicate) in FORCE_VERBS and preposition.lower_ in ("from", "out"):
        return "forced_to_flee"
    return None


def _left_without_object(verb: Token) -> bool:
    """ "500 of the 4,000 villagers had left", "about 40,000 residents have left since the
    shelling began": "leave" with its subject and no object, complement or particle is leaving
    home ("20 families are left", "left behind", "left for work" are not)."""
    if verb.pos_ != "VERB" or verb.dep_ in ("amod", "acl", "relcl"):
        return False
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    blocking = ("dobj", "auxpass", "nsubjpass", "xcomp", "ccomp", "oprd", "acomp", "prt", "attr", "dative")
    return not any(c.dep_ in blocking or (c.dep_ == "prep" and c.lower_ in ("for", "with", "to")) for c in verb.children)


def _leaves_a_place(verb: Token) -> bool:
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return any(_lemma(o) in LEFT_PLACES or o.ent_type_ in ("GPE", "LOC") for o in objects)


def _states_population(noun: Token) -> bool:
    """Whether a count of people is a baseline: "had 5,000 residents", "home to 5,000 people",
    "out of the 120,000 residents"."""
    head = noun.head
    if noun.dep_ in ("dobj", "attr") and _lemma(head) in POPULATION_VERBS:
        return True
    if noun.dep_ == "pobj" and head.lower_ == "to" and _lemma(head.head) == "home":
        return True
    return noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ == "out"


# --- group, place, attribution, tense -----------------------------------------------------------


def group_of(unit_noun: Token | None, places: Sequence[PlaceMention]) -> str | None:
    """The group the counted people belong to, when said: a nationality or people ("Armenian",
    "Rohingya"), a group by age or sex ("children"), or both ("Syrian children")."""
    if unit_noun is None:
        return None
    if unit_noun.ent_type_ == "NORP":
        return unit_noun.text
    names = [
        c.text
        for c in unit_noun.children
        if c.dep_ in ("amod", "compound") and c.i < unit_noun.i and _names_a_people(c) and not any(m.start <= c.idx < m.end for m in places)
    ]
    if _lemma(unit_noun) in GROUP_NOUNS:
        names.append(unit_noun.text)
    return " ".join(names) or None


def _names_a_people(token: Token) -> bool:
    # A proper adjective ("Armenian") or a people the recogniser knows ("Rohingya").
    if token.ent_type_ == "NORP":
        return True
    proper = token.pos_ in ("ADJ", "PROPN") and token.text[:1].isupper() and not token.is_sent_start
    return proper and token.ent_type_ not in ("GPE", "LOC", "FAC", "ORG", "PERSON")


def _place_for_term(term: str, anchor: Token, sentence: Span, places: Sequence[PlaceMention], number: Span) -> PlaceMention | None:
    """The figure's place; returns are coded where people returned to, so the places they
    returned from are passed over ("returned from Khazer camp to their homes in Mosul" → Mosul;
    "Afghans returned from Iran" → no place, the country then comes from "Afghans")."""
    if term == "returned":
        doc = sentence.doc
        places = [m for m in places if not _is_return_origin(mention_span(doc, m).root)]
    return place_for(anchor, sentence, places, exclude=number) or place_before(sentence, places)


def _is_return_origin(token: Token) -> bool:
    while token.dep_ == "conj" and token.head != token:  # "from Khazer and Hassan Sham camps"
        token = token.head
    if token.dep_ == "compound":  # "Khazer camp"
        token = token.head
    preposition = token.head
    return token.dep_ == "pobj" and preposition.lower_ == "from" and TERM_WORDS.get(_lemma(preposition.head)) == "returned"


def tense_of(anchor: Token) -> str | None:
    """past, present or future, from the verb the figure hangs on (None when there is none)."""
    verb = next((t for t in (anchor, *anchor.ancestors) if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return None
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("will", "'ll", "shall") for a in auxiliaries) or _going_to(verb):
        return "future"
    if any(a.tag_ in ("VBD",) for a in auxiliaries) or verb.tag_ == "VBD":
        return "past"
    if any(_lemma(a) == "have" and a.tag_ in ("VBP", "VBZ") for a in auxiliaries) and verb.tag_ == "VBN":
        return "past"  # present perfect: the event is over
    if verb.tag_ in ("VBP", "VBZ", "VBG") or any(a.tag_ in ("VBP", "VBZ") for a in auxiliaries):
        return "present"
    return None


def _going_to(verb: Token) -> bool:
    head = verb.head
    return verb.dep_ == "xcomp" and head.lower_ == "going" and any(c.lemma_ == "be" for c in head.children)


# --- people counted without a number --------------------------------------------------------------


def _victim_readings(doc: Doc, places: Sequence[PlaceMention], readings: Sequence[_Reading], max_climb: int) -> list[_Reading]:
    """People a casualty predicate counts without a number: "a man was shot and killed", "her son
    was wounded", "Jaquise Lewis, 17, was killed", "two men and a teenager were wounded" (3),
    "one killed": each person named in the singular counts one, a coordination sums its members
    (counted ones with their number), and the counted parts are linked to the total."""
    counted = {r.anchor.i: r for r in readings}
    best: dict[int, tuple[str, list[Token]]] = {}
    for sentence in doc.sents:
        if not is_parsed(sentence) or _is_question(sentence) or not any(_lemma(t) in VICTIM_PREDICATES for t in sentence):
            continue
        for predicate in sentence:
            wound = _wound_of(predicate) if predicate.pos_ == "VERB" and not _is_hedged_up(predicate) else None
            if wound is not None:
                subject = _subject_in_chain(predicate)
                for victim in [subject] if subject is not None else _understood_subject(predicate):
                    members = [victim, *victim.conjuncts]
                    if not all(m.i in counted for m in members):  # else a count the quantities read
                        best.setdefault(victim.i, (_wound_term(wound), members))
                continue
            if _lemma(predicate) not in VICTIM_PREDICATES or predicate.pos_ not in _PREDICATE_POS or _is_hedged_up(predicate):
                continue
            if predicate.pos_ == "VERB" and _shot_at(predicate):
                continue
            term = _own_term(predicate) or VICTIM_PREDICATES[_lemma(predicate)]
            for victim in _victims_of(predicate):
                members = [victim, *victim.conjuncts]
                if all(m.i in counted for m in members):
                    continue  # a count the quantities already read ("two men were killed")
                known = best.get(victim.i)
                if known is None or known[0] != "killed":  # "wounded and later died": killed
                    best[victim.i] = (term, members)
    found = []
    for i, (term, members) in sorted(best.items()):
        reading = _victim_reading(doc[i], members, term, counted, places, max_climb)
        if reading is not None:
            found.append(reading)
    return found


def _victims_of(predicate: Token) -> list[Token]:
    """Who a casualty predicate is said of: the object of an active verb ("killed a man"), the
    subject of a passive ("a man was killed", "shot and killed"), of a verb of dying ("the boy
    died") or of a reduced passive ("one killed", "a woman wounded"); for an adjective ("found
    dead", "was pronounced dead", "left a boy dead") the same of the verb it completes."""
    holder = predicate
    if predicate.pos_ == "ADJ":
        if predicate.dep_ in ("acomp", "oprd", "xcomp", "ccomp"):
            holder = predicate.head
        elif predicate.dep_ == "amod" and predicate.head.i < predicate.i:
            return [predicate.head]  # "left a 1-year-old boy dead": the adjective parsed on the noun
        else:
            return []
        if _is_hedged(holder):
            return []
    objects = [c for c in holder.children if c.dep_ == "dobj"]
    if objects and predicate is holder and objects[0].lower_ in REFLEXIVE_PRONOUNS:
        return _reflexive_victim(holder)
    if objects:
        return objects if predicate.pos_ == "ADJ" or predicate is holder else []
    subject = _subject_in_chain(holder)
    if subject is None:
        return _understood_subject(holder)
    if subject.dep_ == "nsubjpass" or predicate.pos_ == "ADJ" or _lemma(predicate) in VICTIM_SUBJECT_VERBS:
        return [subject]
    is_reduced_passive = holder.tag_ == "VBN" and not any(_lemma(c) == "have" for c in holder.children if c.dep_ == "aux")
    return [subject] if is_reduced_passive else []


def _reflexive_victim(verb: Token) -> list[Token]:
    """ "A deputy accidentally shot himself": the victim is the subject, or the understood subject
    of an adjunct ("a boy was airlifted after accidentally shooting himself"). A pronoun subject
    ("she accidentally shot herself") stands for someone its sentence or an earlier one names,
    already counted there."""
    subject = _subject_in_chain(verb)
    if subject is None and verb.dep_ in ("pcomp", "advcl"):
        governor = verb.head.head if verb.dep_ == "pcomp" and verb.head.pos_ == "ADP" else verb.head
        subject = _subject_in_chain(governor) if governor.pos_ in _PREDICATE_POS else None
    return [subject] if subject is not None and subject.pos_ != "PRON" else []


def _understood_subject(verb: Token) -> list[Token]:
    """The victim of a passive with no subject of its own in an adjunct of the clause: "a 16-year-old
    boy was hospitalized after being shot", "a man is recovering after being wounded" — the
    understood subject of the adjunct is the subject of the clause it hangs on."""
    if not any(c.dep_ == "auxpass" for c in verb.children) or verb.dep_ not in ("pcomp", "advcl"):
        return []
    governor = verb.head.head if verb.dep_ == "pcomp" and verb.head.pos_ == "ADP" else verb.head
    if governor.pos_ not in _PREDICATE_POS:
        return []
    subject = _subject_in_chain(governor)
    return [subject] if subject is not None else []


def _subject_in_chain(verb: Token) -> Token | None:
    """The verb's subject, or the subject of the verb it is coordinated with ("a man was shot and
    killed", "didn't make it and was pronounced dead"); a relative pronoun stands for its noun."""
    current = verb
    for _ in range(4):
        subject = next((c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            if subject.lower_ in ("who", "that") and current.dep_ == "relcl":
                return current.head
            return subject
        if current.dep_ != "conj" or current.head == current:
            return None
        current = current.head
    return None


def _is_hedged_up(predicate: Token) -> bool:
    """Hedged itself or through the verb whose complement it is: "don't let my baby die", "feared
    he would be killed", "tried to kill a man"."""
    current = predicate
    for _ in range(3):
        if _is_hedged(current) or _lemma(current) in UNREALISED_GOVERNORS:
            return True
        if current.dep_ not in ("xcomp", "ccomp") or current.head == current:
            return False
        current = current.head
    return False


def _is_hedged(token: Token) -> bool:
    """Negated, modal or nearly: "was not injured", "could have been killed", "nearly died"."""
    return any(
        c.dep_ == "neg" or (c.dep_ == "aux" and c.tag_ == "MD") or (c.dep_ == "advmod" and c.lower_ in HEDGE_ADVERBS)
        for c in token.children
    )


def _one_person(noun: Token) -> bool:
    """Whether ``noun`` names one person: "a man", "her son", "the victim", "Jaquise Lewis", "one"."""
    if noun.lower_ == "one" and noun.pos_ == "NUM":
        return not any(c.lower_ in ("no", "not") for c in noun.children)
    if _one_person_pronoun(noun) or _is_nominal_age(noun):
        return True
    if any(c.dep_ == "det" and c.lower_ in NO_ONE_DETERMINERS for c in noun.children):
        return False
    if noun.tag_ == "NN":
        person = UNIT_NOUNS.get(_lemma(noun)) == "people" or _lemma(noun) in VICTIM_NOUNS
        return person and _lemma(noun) not in STATUS_NOUNS and not any(c.dep_ == "nummod" for c in noun.children)
    if noun.tag_ == "NNP" and noun.pos_ == "PROPN":
        # A person's name: capitalised, not an acronym (places are left out by the caller). The
        # recogniser's label is not read: the cheap path does not run it, and the figures must not differ.
        return noun.text[:1].isupper() and not noun.is_upper
    return False


def _is_nominal_age(noun: Token) -> bool:
    """ "a 4-year-old was shot in the hand", "a 16-year-old and two children were shot": an age
    standing as a noun names one person (the plural "two 16-year-olds" is counted by its number)."""
    unit = next((c for c in noun.children if c.dep_ == "npadvmod"), None)
    return (
        noun.lower_ == "old"
        and noun.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos")
        and unit is not None
        and unit.lower_ in AGE_UNITS
    )


def _one_person_pronoun(noun: Token) -> bool:
    """ "She died two days later", "police shot him": a singular personal pronoun is one person (told
    again, it agrees with the count it stands for: reconciliation never adds a report's figures)."""
    return noun.tag_ == "PRP" and noun.lower_ in SINGULAR_PERSON_PRONOUNS


def _victim_reading(
    noun: Token, members: Sequence[Token], term: str, counted: dict[int, _Reading], places: Sequence[PlaceMention], max_climb: int
) -> _Reading | None:
    total = 0.0
    for member in members:
        if member.i in counted:
            total += counted[member.i].figure.quantity
        elif _one_person(member) and not _inside_place(member, places):
            total += 1
        else:
            return None  # "a man and his children": how many is not said
    doc = noun.doc
    first = min((c.left_edge.i for c in noun.lefts), default=noun.i)
    span = doc[first : members[-1].i + 1]
    sentence = span.sent
    figure = Figure(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        quantity=total,
        quantity_max=None,
        qualifier="exact",
        unit="people",
        term=term,
        group=group_of(noun, places) if len(members) == 1 and noun.pos_ == "NOUN" else None,
        place=_place_for_term(term, noun, sentence, places, span),
        date=None,
        sentence=sentence.text,
        attribution=attribution_for(noun, sentence),
        sentence_start=sentence.start_char,
        sentence_end=sentence.end_char,
        tense=tense_of(noun),
    )
    return _Reading(None, span, noun, noun, figure, members=frozenset(m.i for m in members))


def _inside_place(token: Token, places: Sequence[PlaceMention]) -> bool:
    return any(m.start <= token.idx < m.end for m in places)


# --- part and whole -----------------------------------------------------------------------------


def _whole_of_pronoun(anchor: Token, number: Span, earlier: Sequence[_Reading]) -> _Reading | None:
    """For "of whom 76,000 returned": the figure "whom" stands for (the last one before it in the
    sentence or the one before)."""
    if not _has_partitive_pronoun(anchor, number):
        return None
    sentence = number.sent
    candidates = [r for r in earlier if r.figure.end <= number.start_char and r.figure.sentence_start >= _previous_sentence_start(sentence)]
    return candidates[-1] if candidates else None


def _has_partitive_pronoun(anchor: Token, number: Span) -> bool:
    holders: Iterable[Token] = (anchor, anchor.head, *number)
    return any(
        c.dep_ == "prep" and c.lower_ in ("of", "among") and any(o.dep_ == "pobj" and o.lower_ in _PARTITIVE_PRONOUNS for o in c.children)
        for holder in holders
        for c in holder.children
    )


def _previous_sentence_start(sentence: Span) -> int:
    doc = sentence.doc
    return doc[sentence.start - 1].sent.start_char if sentence.start > 0 else sentence.start_char


def _link_parts(readings: list[_Reading]) -> list[Figure]:
    figures = [r.figure for r in readings]
    index = {id(r): i for i, r in enumerate(readings)}
    for i, part in enumerate(readings):
        whole = _whole_of(part, readings)
        # "213 cases, including 42 deaths": the deaths are among the cases, but a count of the
        # dead is a question of its own, not a breakdown of the cases.
        if whole is not None and not (whole.figure.term == "cases" and part.figure.term != "cases"):
            figures[i] = replace(figures[i], part_of=index[id(whole)])
    return figures


def _whole_of(part: _Reading, readings: Sequence[_Reading]) -> _Reading | None:
    if part.breakdown_of is not None:
        return part.breakdown_of
    total = next((r for r in readings if r is not part and part.anchor.i in r.members), None)
    if total is not None:
        return total  # "two men and a teenager were wounded": the two men are part of the three
    if part.unit_noun is None:
        whole = _whole_of_pronoun(part.anchor, part.number, [r for r in readings if r.figure.end <= part.figure.start])
        if whole is not None:
            return whole
    for whole in readings:
        if whole is part or whole.figure.sentence_start != part.figure.sentence_start:
            continue
        if _is_partitive_whole(whole, part) or _includes(whole, part):
            return whole
    return None


def _is_partitive_whole(whole: _Reading, part: _Reading) -> bool:
    """ "100,000 refugees – out of the 120,000 population", "of the 256,000 people displaced …
    about 192,000 remained": the whole hangs by "of" on the part or on the part's predicate."""
    if whole.anchor.dep_ != "pobj" or whole.anchor.head.lower_ not in ("of", "among"):
        return False
    holder = whole.anchor.head.head
    if holder.lower_ == "out":
        holder = holder.head
    part_tokens = {part.anchor.i, *(t.i for t in part.number)}
    return holder.i in part_tokens or (holder.pos_ in _PREDICATE_POS and part.anchor.head == holder)


def _includes(whole: _Reading, part: _Reading) -> bool:
    return _including_whole(part.anchor) == whole.anchor
