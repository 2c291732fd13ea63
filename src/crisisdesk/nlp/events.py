"""spaCy component ``crisisdesk_events``: what happened, as each sentence reports it.

An event is one of :data:`crisisdesk.model.EVENT_TYPES` (a military offensive, fighting,
displacement, an evacuation, arrests, aid delivered, a mission deployed, a ceasefire or surrender,
an authority dissolved, services cut, people returning) with who did it and to whom, where, when
(from the time layer, else bounded by the publication date), the evidence sentence, and whether the
sentence reports it as happened, under way, planned or denied. Read from the parse:

1. A trigger: a verb or noun of the lexicon (``lexicon/events.toml``), by lemma ("shelled", "exodus", "arrests").
   Words that name an event only with the right argument need it: "deliver" needs aid as its
   object, "deploy" or "send" a mission, "disrupt" a service, "dissolve" an authority, "fire" an
   attacker or a target, "return" people.
2. A noun trigger taken by a support verb ("launched an offensive", "carried out a series of
   illegal arrests") is one event whose actor and tense are the verb's.
3. Roles: the actor is the agent (the subject of an active verb, a "by" phrase, a possessor:
   "Azerbaijan's lightning offensive", a national adjective: "Russian airstrikes"); the target is
   the patient (an object, the subject of a passive, an "on"/"against" phrase, the "of" phrase of
   a nominalisation: "the dissolution of the republic").
4. Status, from the verb chain: negated, or the object of a denial → denied; future, "would" in
   reported speech, or under a verb of planning → planned; progressive, present, a perfect with
   "since", or "ongoing" → under way; else happened. An event that is only possible ("soldiers
   could enter", "fear of an attack") is no event.
5. Place: the nearest place mention in the parse (:func:`crisisdesk.nlp.evidence.place_for`, as
   for figures, conditions and claims); time: the time expression the parse attaches to the
   event's clause, before any other event's.

Runs after ``crisisdesk_places`` and ``crisisdesk_times``; sets ``doc._.crisisdesk_events``: a list of
:class:`crisisdesk.model.Event` in document character offsets, in text order. Sentences the
prefilter left unparsed hold no event (it parses every sentence with a trigger word).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

import crisisdesk.nlp.extensions  # noqa: F401  (registers the crisisdesk_* Doc extensions)
from crisisdesk import lexicon
from crisisdesk.model import Event, PlaceMention, TimeExpression, TimeSpan
from crisisdesk.nlp import places as _places  # noqa: F401  (registers doc._.crisisdesk_places)
from crisisdesk.nlp import times as _times  # noqa: F401  (registers doc._.crisisdesk_times)
from crisisdesk.nlp.doctext import text_of
from crisisdesk.nlp.evidence import attribution_for, place_for, trimmed_sentence
from crisisdesk.nlp.figure_dates import readings, span_of
from crisisdesk.nlp.figures import LEFT_PLACES, UNIT_NOUNS
from crisisdesk.nlp.relevance import doc_crisis_sentences
from crisisdesk.nlp.syntax import by_phrase as _by_phrase
from crisisdesk.nlp.syntax import governors as _governors
from crisisdesk.nlp.syntax import in_a_name, is_negated, is_parsed, lemma_of, noun_phrase
from crisisdesk.nlp.syntax import subject_of as _subject
from crisisdesk.nlp.syntax import subtree_span as _span
from crisisdesk.nlp.within import OffsetList, in_sentence, within

__all__ = ["EventFinder", "event_type", "events_in", "state_of"]


# --- lexicon (lemmas, lower case; the lists are in crisisdesk/lexicon/events.toml) ----------------

_words = lexicon.words

#: Nouns and verbs that name an event of their own: lemma → event type.
EVENT_NOUNS: dict[str, str] = lexicon.table("event_nouns")
EVENT_VERBS: dict[str, str] = lexicon.table("event_verbs")
#: Phrasal verbs that name an event: (verb, particle) → event type.
EVENT_PHRASAL_VERBS: dict[tuple[str, str], str] = {
    tuple(words.split()): kind for words, kind in lexicon.table("event_phrasal_verbs").items()
}

AID_NOUNS = _words("aid_nouns")
MISSION_NOUNS = _words("mission_nouns")
SERVICE_NOUNS = _words("cuttable_service_nouns")
AUTHORITY_NOUNS = _words("authority_nouns")
WEAPON_NOUNS = _words("weapon_nouns")
#: What makes a verb or a noun of argument_verbs/subject_verbs/argument_nouns name an event type.
_ARGUMENTS_OF: dict[str, frozenset[str]] = {
    "aid_delivery": AID_NOUNS,
    "mission_deployed": MISSION_NOUNS,
    "services_cut": SERVICE_NOUNS,
    "authority_dissolved": AUTHORITY_NOUNS,
    "return": frozenset(UNIT_NOUNS),
    "killing": frozenset({"life"}),  # "the bombings claimed at least 217 lives"
}


def _argument_words(arguments: str | list[str]) -> frozenset[str]:
    """An argument_nouns entry's arguments: the name of a lexicon list, or the words."""
    return _words(arguments) if isinstance(arguments, str) else frozenset(arguments)


#: Verbs that name an event only with the right object (or passive subject): verb → (objects, type).
ARGUMENT_VERBS: dict[str, tuple[tuple[frozenset[str], str], ...]] = {
    verb: tuple((_ARGUMENTS_OF[kind], kind) for kind in kinds) for verb, kinds in lexicon.table("argument_verbs").items()
}
#: Verbs that name an event only with the right subject: a mission arriving, people returning.
SUBJECT_VERBS: dict[str, tuple[frozenset[str], str]] = {
    verb: (_ARGUMENTS_OF[kind], kind) for verb, kind in lexicon.table("subject_verbs").items()
}
#: Nouns that name an event only with the right "of" phrase or modifier.
ARGUMENT_NOUNS: dict[str, tuple[frozenset[str], str]] = {
    noun: (_argument_words(entry["arguments"]), entry["event"]) for noun, entry in lexicon.table("argument_nouns").items()
}
SUPPORT_VERBS = _words("support_verbs")
SERIES_NOUNS = _words("series_nouns")
PLANNING_WORDS = _words("planning_words")
DENIAL_VERBS = _words("denial_verbs")
POSSIBILITY_NOUNS = _words("possibility_nouns")
POSSIBILITY_MODALS = _words("unrealised_modals")
FUTURE_MODALS = _words("future_modals")
NON_EVENT_MODIFIERS = _words("non_event_modifiers")
CHARGE_PHRASES = frozenset(tuple(phrase.split()) for phrase in _words("charge_phrases"))
EVENT_HEAD_NOUNS = _words("event_head_nouns")
NOT_FLED_FROM = _words("not_fled_from")
PREVENTION_VERBS = _words("prevention_verbs")
STATIVE_VERBS = _words("event_describing_verbs")
ONGOING_MODIFIERS = _words("ongoing_modifiers")
PLANNED_MODIFIERS = _words("planned_modifiers")
STATE_ACTOR_NOUNS = _words("state_actor_nouns")
NON_STATE_MODIFIERS = _words("non_state_modifiers")
MILITARY_NOUNS = _words("military_nouns")
GENERIC_FIGHT_WORDS = _words("generic_fight_words")
OUTBREAK_VERBS = _words("outbreak_verbs")
DEATH_CAUSES = _words("death_causes")
VERBAL_ATTACK_COMPLEMENTS = _words("verbal_attack_complements")
INSTRUMENT_NOUNS = _words("instrument_nouns")
SIEGE_VERBS = _words("siege_verbs")
KILLING_MANNER_VERBS = _words("killing_manner_verbs")
#: Event types whose verbs need a patient ("arrest", "kill", "wound"): with a subject and no object or
#: auxiliary, the verb is a headline's passive ("Father arrested after ...", "Three protesters shot dead").
PATIENT_EVENT_TYPES = frozenset({"killing", "injury", "arrests"})
_PRONOUNS = _words("actor_pronouns")
#: Clauses under the event's own: what is said in them is not where the event happened.
_SUBORDINATE_DEPS = frozenset({"advcl", "relcl", "ccomp", "parataxis", "pcomp"})
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj"})


# --- the component ------------------------------------------------------------------------------


@Language.factory(
    "crisisdesk_events",
    requires=["token.dep", "token.head", "token.lemma", "token.tag", "doc._.crisisdesk_places", "doc._.crisisdesk_times"],
    assigns=["doc._.crisisdesk_events"],
)
def make_events(nlp: Language, name: str) -> EventFinder:
    return EventFinder()


class EventFinder:
    """Sets ``doc._.crisisdesk_events`` from the parse, ``doc._.crisisdesk_places``, ``doc._.crisisdesk_times`` and
    ``doc._.crisisdesk_published``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.crisisdesk_events = events_in(doc)
        return doc


@dataclass(frozen=True, slots=True)
class _Trigger:
    type: str
    word: Token  # the verb or noun that names the event
    anchor: Token  # the verb whose subject, tense and time the event takes (the word itself for a verb)

    @property
    def clause(self) -> Token:
        """The head of the clause the event is told in: its verb, or the verb its noun is the
        subject or object of ("fighting erupted in Goma on Tuesday")."""
        if self.anchor is self.word and _is_nominal(self.word) and self.word.dep_ in ("nsubj", "nsubjpass", "dobj"):
            if self.word.head.pos_ in ("VERB", "AUX"):
                return self.word.head
        return self.anchor


def events_in(doc: Doc) -> list[Event]:
    """The events of ``doc`` in text order (see module docstring)."""
    # Indexed by offset once per Doc: each event looks up the places and times of its own sentence.
    places = OffsetList(m for m in (getattr(doc._, "crisisdesk_places", None) or []) if m.locates)
    adjectives = OffsetList(
        m for m in (getattr(doc._, "crisisdesk_places", None) or []) if m.adjectival and not m.embedded
    )  # "Syrian Democratic Forces" is no state
    times = OffsetList(getattr(doc._, "crisisdesk_times", None) or [])
    published = getattr(doc._, "crisisdesk_published", None)
    periods = _periods(text_of(doc), times, published)
    events: list[Event] = []
    every = list(doc.sents)
    # The crisis context of figures and conditions (crisisdesk.nlp.relevance): events outside it are kept, marked.
    crisis = doc_crisis_sentences(every)
    for sentence, told_in_crisis in zip(every, crisis):
        if not is_parsed(sentence):
            continue
        triggers = list(_triggers(sentence))
        owners = _time_owners(sentence, triggers, times)
        in_times = _time_tokens(sentence, times)
        for trigger in triggers:
            status = _status(trigger)
            if status is None:
                continue
            time, duration = owners.get(trigger.word.i, (None, None))
            if status != "denied" and _is_after(time, published):
                status = "planned"  # "a decree dissolving all institutions from 1 January 2024"
            when, dated_by = _when(time, periods.get(time.start) if time is not None else None, status, published)
            event = _event(doc, sentence, trigger, status, places, adjectives, time, when, dated_by, duration, in_times)
            events.append(dataclasses.replace(event, crisis=told_in_crisis))
    return events


def _time_tokens(sentence: Span, times: Sequence[TimeExpression]) -> set[int]:
    """Indices of the tokens inside time expressions ("on Tuesday" is when, not whom)."""
    found: set[int] = set()
    for time in in_sentence(times, sentence):
        span = sentence.doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is not None:
            found.update(range(span.start, span.end))
    return found


def _is_after(time: TimeExpression | None, published: date | None) -> bool:
    return time is not None and published is not None and time.start_date is not None and time.start_date > published


# --- triggers -----------------------------------------------------------------------------------


def _triggers(sentence: Span) -> Iterator[_Trigger]:
    """Each event the sentence names, once: a noun taken by a support verb is the verb's event."""
    seen: set[int] = set()
    for token in sentence:
        kind = event_type(token)
        if kind is None:
            continue
        anchor = _support_verb(token) if _is_nominal(token) else None
        anchor = anchor or token
        if anchor.i in seen:
            continue
        seen.add(anchor.i)
        yield _Trigger(kind, token, anchor)


def event_type(token: Token) -> str | None:
    lemma = lemma_of(token)
    if token.pos_ == "VERB":
        particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
        if particle and (lemma, particle) in EVENT_PHRASAL_VERBS:
            if lemma in SIEGE_VERBS and not _has_military_subject(token):
                return None  # "the deadline closes in"
            return EVENT_PHRASAL_VERBS[(lemma, particle)]
        if lemma == "lay" and particle == "down" and _has_object_in(token, WEAPON_NOUNS):
            return "ceasefire"
        if lemma == "hand" and particle == "over":
            return "authority_dissolved"
        if lemma in ("open", "launch") and _has_object_in(token, frozenset({"fire"})):
            return None  # the noun "fire" is the trigger, with this verb as its support
        if lemma == "die":
            return "killing" if _died_of_a_cause(token) else None  # "died in the blast"; "he died as he lived" is none
        if lemma in KILLING_MANNER_VERBS and _to_death(token):
            return "killing"  # "shot dead", "beaten to death"
        if lemma == "attack" and _attacked_in_words(token):
            return None  # "Spitzer attacked him for failing to enforce a court order"
        if lemma in EVENT_VERBS:
            if lemma in GENERIC_FIGHT_WORDS and not _in_armed_context(token):
                return None  # "fighting fires", "hard fought games"
            if lemma in SIEGE_VERBS and not _has_military_subject(token):
                return None  # "the uncertainty surrounding the future"
            if lemma in ("storm", "raid") and not any(c.dep_ in ("dobj", "nsubjpass") for c in token.children):
                return None  # "Sutton would storm to the title"
            if lemma == "flee" and _has_object_in(token, NOT_FLED_FROM):
                return None  # "fleeing the scene": a suspect, not a displacement
            return EVENT_VERBS[lemma]
        for objects, kind in ARGUMENT_VERBS.get(lemma, ()):
            if _has_object_in(token, objects):
                return kind
        if lemma in SUBJECT_VERBS:
            subjects, kind = SUBJECT_VERBS[lemma]
            if _has_subject_in(token, subjects):
                return kind
        if lemma == "leave" and _leaves_home(token):
            return "displacement"
        return None
    if not _is_nominal(token) or in_a_name(token, all_caps=False) or _is_figurative(token) or _only_modifies(token):
        return None
    if lemma in EVENT_NOUNS:
        if lemma == "attack" and _attacked_in_words(token):
            return None  # "her attack on his record"
        if lemma in GENERIC_FIGHT_WORDS and not _in_armed_context(token):
            return None  # "a relegation battle", "a battle with the courts"
        return EVENT_NOUNS[lemma]
    if lemma == "fire" and (_support_verb(token) is not None and _support_verb(token).lemma_ in ("open", "launch")):
        return "offensive"
    if lemma in ARGUMENT_NOUNS:
        arguments, kind = ARGUMENT_NOUNS[lemma]
        if any(lemma_of(c) in arguments for c in _noun_arguments(token)):
            return kind
    return None


def _to_death(verb: Token) -> bool:
    """ "shot dead", "was beaten to death": the verb's result is a death."""
    for child in verb.children:
        if child.lower_ == "dead" and child.dep_ in ("oprd", "acomp", "advmod", "xcomp", "dobj", "ccomp"):
            return True
        if child.dep_ == "prep" and child.lower_ == "to" and any(c.lower_ == "death" for c in child.children):
            return True
    return False


def _reduced_passive(verb: Token) -> bool:
    """A headline's passive: a verb that needs a patient, with a subject but no auxiliary and no
    object in its coordination ("Father arrested after retrieving gun", "Three protesters shot
    dead"): its subject is whom it befell, not who did it."""
    if verb.tag_ not in ("VBN", "VBD") or not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    coordinated = [verb, *(c for c in verb.children if c.dep_ == "conj")]
    return not any(c.dep_ in ("dobj", "ccomp", "xcomp") and c.lower_ != "dead" for v in coordinated for c in v.children)


def _died_of_a_cause(verb: Token) -> bool:
    """ "died in the blast", "died of their wounds", "died after the boat sank": a death the
    sentence ties to violence, an explosion, a disaster or an accident (lexicon ``death_causes``,
    or any event noun)."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "of", "from", "after", "during", "when")):
        for pobj in (c for c in prep.children if c.dep_ in ("pobj", "pcomp")):  # "after being shot": pcomp
            if lemma_of(pobj) in DEATH_CAUSES or lemma_of(pobj) in EVENT_NOUNS:
                return True
    # "died after they boat sank", "died when the building collapsed"
    return any(c.dep_ == "advcl" and lemma_of(c) in ("sink", "collapse", "explode", "capsize", "crash") for c in verb.children)


def _attacked_in_words(word: Token) -> bool:
    """An attack in words, not in arms: its object (or the "on" phrase of the noun) is a proposal,
    a record, a policy (lexicon ``verbal_attack_complements``), or it is "for" something done or
    said ("attacked him for failing to...", "attacked her for her remarks")."""
    for child in word.children:
        if child.dep_ == "dobj" and lemma_of(child) in VERBAL_ATTACK_COMPLEMENTS:
            return True
        if child.dep_ == "prep" and child.lower_ in ("on", "for"):
            for pobj in (c for c in child.children if c.dep_ in ("pobj", "pcomp")):
                if child.lower_ == "for" and (pobj.tag_ == "VBG" or pobj.dep_ == "pcomp" or lemma_of(pobj) in VERBAL_ATTACK_COMPLEMENTS):
                    return True
                if child.lower_ == "on" and lemma_of(pobj) in VERBAL_ATTACK_COMPLEMENTS:
                    return True
    return False


def _is_figurative(noun: Token) -> bool:
    """ "a trade war", "sexual assault", "charged with assault": an event word that names no
    crisis event here."""
    if any(lemma_of(c) in NON_EVENT_MODIFIERS for c in noun.children if c.dep_ in ("amod", "compound", "nmod")):
        return True
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        governor = head.head
        return (lemma_of(governor), head.lower_) in CHARGE_PHRASES
    return False


def _only_modifies(noun: Token) -> bool:
    """An event noun used to describe another noun ("a fighting star", "war zones") names no
    event, unless that noun is the event's own act ("a ceasefire deal", "an evacuation order")."""
    return noun.dep_ in ("compound", "amod", "nmod") and lemma_of(noun.head) not in EVENT_HEAD_NOUNS


def _is_nominal(token: Token) -> bool:
    """A noun, or a word the parse uses as one ("after Azerbaijan's lightning offensive", where
    the tagger calls "offensive" an adjective)."""
    if token.pos_ in ("NOUN", "PROPN"):
        return True
    # "insensitive or offensive features": an adjective coordinated with another is one.
    return token.pos_ == "ADJ" and token.dep_ in _NOMINAL_DEPS and not (token.dep_ == "conj" and token.head.pos_ == "ADJ")


def _in_armed_context(word: Token) -> bool:
    """Fighting between armed forces, or at a named place: an armed actor or opponent ("rebels
    fought", "fought IS", "coalition fighting"), or a proper name after "in", "for" or "over"
    ("fighting in Yemen", "the battle for Mosul")."""
    if word.dep_ == "nsubj" and lemma_of(word.head) in OUTBREAK_VERBS:
        return True  # "as fighting rages", "clashes erupted"
    head = word.head if word.dep_ in ("acl", "relcl") else None  # "the coalition fighting in Yemen"
    subject = _subject(word) if word.pos_ == "VERB" else None
    for party in (subject, head, *word.children):
        if party is None:
            continue
        if party.dep_ == "prep":
            for pobj in (c for c in party.children if c.dep_ == "pobj"):
                if _is_armed(pobj) or (party.lower_ in ("in", "for", "over", "against") and pobj.pos_ == "PROPN"):
                    return True
        elif _is_armed(party):
            return True
    return False


def _is_armed(token: Token) -> bool:
    return lemma_of(token) in MILITARY_NOUNS or (token.pos_ == "PROPN" and token.is_upper and len(token.text) >= 2)


def _has_military_subject(verb: Token) -> bool:
    subject = _subject(verb) if verb.dep_ not in ("acl",) else verb.head
    return subject is not None and (lemma_of(subject) in MILITARY_NOUNS or subject.ent_type_ in ("GPE", "NORP"))


def _has_object_in(verb: Token, nouns: frozenset[str]) -> bool:
    return any(lemma_of(o) in nouns or any(lemma_of(c) in nouns for c in o.children if c.dep_ == "compound") for o in _objects(verb))


def _objects(verb: Token) -> Iterator[Token]:
    """The verb's direct objects and passive subjects, through coordination."""
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            yield child
            yield from (c for c in child.conjuncts)


def _has_subject_in(verb: Token, nouns: frozenset[str]) -> bool:
    subject = _subject(verb)
    return subject is not None and (
        lemma_of(subject) in nouns or any(lemma_of(c) in nouns for c in subject.children if c.dep_ == "compound")
    )


def _leaves_home(verb: Token) -> bool:
    """ "left their homes", "leave the city": leaving a place people live in."""
    return any(lemma_of(o) in LEFT_PLACES or o.ent_type_ in ("GPE", "LOC") for o in verb.children if o.dep_ == "dobj")


def _noun_arguments(noun: Token) -> Iterator[Token]:
    """What a noun's event is about: its modifiers and compounds ("aid delivery", "air strike") and
    its "of" phrase ("the deployment of a UN mission")."""
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod"):
            yield child
        elif child.dep_ == "prep" and child.lower_ == "of":
            yield from (c for c in child.children if c.dep_ == "pobj")
    if noun.dep_ == "compound":  # "the aid delivery" read from "aid"
        yield noun.head


def _support_verb(noun: Token) -> Token | None:
    """The verb that takes the event noun as what it carries out: "launched an offensive",
    "carried out a series of illegal arrests", "since the offensive began"."""
    head = noun
    if head.dep_ == "pobj" and head.head.lower_ == "of" and lemma_of(head.head.head) in SERIES_NOUNS:
        head = head.head.head  # "a series of arrests"
    if head.dep_ == "pobj" and head.head.dep_ == "prep" and lemma_of(head.head.head) in SUPPORT_VERBS:
        head = head.head  # "agreed to a ceasefire"
    verb = head.head
    if verb.pos_ in ("VERB", "AUX") and lemma_of(verb) in SUPPORT_VERBS and head.dep_ in ("dobj", "nsubj", "nsubjpass", "prep"):
        return verb
    return None


# --- status -------------------------------------------------------------------------------------


def _status(trigger: _Trigger) -> str | None:
    """happened, under_way, planned or denied; None when the sentence only says it could be."""
    word, anchor = trigger.word, trigger.anchor
    # The verbs whose complement the event is carry its negation and modality ("would not be
    # allowed to arrest", "try to prevent attacks"); a clause it only modifies does not ("agreed to
    # lay down arms, while talks have not reached agreement").
    governors = list(_complement_of(anchor))
    chain = [word, anchor, *governors]
    if any(is_negated(t, by_no=True) for t in chain) or _denied_by(anchor) is not None:
        return "denied"  # "did not arrest him", "would not be allowed to arrest people"
    # A purpose ("must work together to provide assistance") is as possible as its main verb.
    purpose = [anchor.head] if anchor.dep_ == "advcl" and any(c.lower_ == "to" and c.dep_ == "aux" for c in anchor.children) else []
    if _is_possible_only(chain + purpose, anchor) or any(lemma_of(t) in PREVENTION_VERBS for t in governors):
        return None  # "could attack", "to prevent terrorist attacks"
    if any(_planned_by(t, trigger.type) for t in governors):
        return "planned"  # "called on the UN to continue to provide aid", "expected to dissolve parliament"
    if anchor.pos_ in ("NOUN", "PROPN"):
        return _noun_status(anchor, trigger.type)
    return _verb_status(anchor, trigger.type)


def _denied_by(anchor: Token) -> Token | None:
    """The verb of denial the event depends on: "denied carrying out arrests", "rejected reports of
    shelling"."""
    for ancestor in _governors(anchor):
        if lemma_of(ancestor) in DENIAL_VERBS:
            return ancestor
    return None


def _complement_of(anchor: Token) -> Iterator[Token]:
    """The verbs whose complement the event is ("called on the UN to continue to provide aid":
    continue, call), not those of a clause it only modifies ("a day after the offensive began")."""
    current = anchor if anchor.pos_ in ("VERB", "AUX") else anchor.head
    if current is not anchor and anchor.dep_ in ("dobj", "pobj"):
        yield current
    while current.dep_ in ("xcomp", "ccomp") and current.head != current:
        current = current.head
        yield current


def _is_possible_only(chain: Sequence[Token], anchor: Token) -> bool:
    """Could be, should be, must be done, if…: the sentence does not say it happens. Also an
    infinitive that no verb of planning or doing governs ("it is crucial to provide aid")."""
    for token in chain:
        if any(c.dep_ == "aux" and c.lower_ in POSSIBILITY_MODALS for c in token.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in token.children):
            return True
    head = anchor.head
    if anchor.dep_ == "pobj" and head.lower_ == "of" and lemma_of(head.head) in POSSIBILITY_NOUNS:
        return True
    if anchor.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in anchor.children):
        governor = next(_governors(anchor), None)
        return governor is None or anchor.head.pos_ not in ("VERB", "AUX") or lemma_of(governor) in ("be", "need", "have")
    return False


def _verb_status(verb: Token, kind: str) -> str:
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.dep_ == "conj" and not auxiliaries and verb.tag_ in ("VB", "VBN", "VBG") and verb.head.pos_ in ("VERB", "AUX"):
        return _verb_status(verb.head, kind)  # "we will identify, arrest and prosecute": the first verb's "will"
    words = {a.lower_ for a in auxiliaries}
    if words & FUTURE_MODALS or _going_to(verb):
        return "planned"
    if verb.dep_ in ("xcomp", "ccomp") and _planned_by(verb.head, kind):
        return "planned"
    if verb.dep_ == "advcl" and verb.tag_ == "VB" and any(c.lower_ == "to" for c in verb.children) and _planned_by(verb.head, kind):
        return "planned"  # "China vowed on Friday to fight the U.S.": the parser hangs the infinitive as a clause
    if verb.dep_ == "xcomp" and not auxiliaries and verb.head.pos_ in ("VERB", "AUX") and verb.tag_ == "VB":
        return _verb_status(verb.head, kind) if lemma_of(verb.head) not in PLANNING_WORDS else "planned"
    if verb.tag_ == "VBG" and verb.dep_ in ("acl", "advcl", "xcomp", "pcomp") and not auxiliaries:
        return _clause_status(verb)
    if verb.tag_ == "VBG" and any(lemma_of(a) == "be" and a.tag_ in ("VBP", "VBZ", "VB") for a in auxiliaries):
        return "under_way"
    if verb.tag_ == "VBG" and any(a.lower_ == "been" for a in auxiliaries):
        return "under_way" if any(a.tag_ in ("VBP", "VBZ") for a in auxiliaries) else "happened"
    if verb.tag_ == "VBN" and any(a.tag_ in ("VBP", "VBZ") and lemma_of(a) == "have" for a in auxiliaries):
        return "under_way" if _has_since(verb) else "happened"
    if verb.tag_ in ("VBP", "VBZ") and not auxiliaries:
        return "under_way"
    return "happened"


def _clause_status(verb: Token) -> str:
    """A participle ("with troops surrounding the city") is in the tense of its clause; in a clause
    told in the future it is planned ("they will end up fighting and killing each other")."""
    for governor in _governors(verb):
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_MODALS for c in governor.children):
            return "planned"
        if governor.tag_ in ("VBP", "VBZ") or any(c.tag_ in ("VBP", "VBZ") and c.dep_ in ("aux", "auxpass") for c in governor.children):
            return "under_way"
        if governor.tag_ == "VBD" or any(c.tag_ == "VBD" for c in governor.children if c.dep_ in ("aux", "auxpass")):
            return "happened"
    return "happened"


def _planned_by(governor: Token, kind: str) -> bool:
    lemma = lemma_of(governor)
    if kind == "ceasefire" and lemma in ("agree", "accept", "sign"):
        return False  # agreeing to a ceasefire or to surrender is the event
    return lemma in PLANNING_WORDS


def _going_to(verb: Token) -> bool:
    head = verb.head
    return verb.dep_ == "xcomp" and head.lower_ == "going" and any(lemma_of(c) == "be" for c in head.children)


def _has_since(verb: Token) -> bool:
    """A perfect with a "since" or "for" phrase says the state still holds: "have been disrupted
    since the offensive began"."""
    for child in verb.children:
        if child.lower_ == "since" or (child.dep_ == "advcl" and any(c.lower_ == "since" for c in child.children if c.dep_ == "mark")):
            return True
    return False


def _noun_status(noun: Token, kind: str) -> str:
    modifiers = {lemma_of(c) for c in noun.children if c.dep_ in ("amod", "compound")}
    if modifiers & ONGOING_MODIFIERS:
        return "under_way"
    if modifiers & PLANNED_MODIFIERS:
        return "planned"
    governor = noun.head if noun.dep_ != "pobj" else noun.head.head
    if noun.dep_ == "nsubj" and governor.pos_ == "VERB" and lemma_of(governor) not in SUPPORT_VERBS | STATIVE_VERBS:
        if governor.tag_ in ("VBP", "VBZ") or (
            governor.tag_ == "VBG" and any(lemma_of(a) == "be" and a.tag_ in ("VBP", "VBZ") for a in governor.children)
        ):
            return "under_way"  # "as fighting rages", "the siege is tightening"
    if governor.pos_ in ("VERB", "AUX") and noun.dep_ in ("nsubj", "dobj", "nsubjpass"):
        if lemma_of(governor) in PLANNING_WORDS and not (kind == "ceasefire" and lemma_of(governor) in ("agree", "accept", "sign")):
            return "planned"
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_MODALS for c in governor.children):
            return "planned"
    return "happened"


# --- time ---------------------------------------------------------------------------------------


def _time_owners(
    sentence: Span, triggers: Sequence[_Trigger], times: Sequence[TimeExpression]
) -> dict[int, tuple[TimeExpression | None, str | None]]:
    """For each event (by its word's token index): the time expression that dates it and the
    duration the text gives it. A time belongs to the first event above it in the parse: its
    word, its support verb or the verb of its clause ("In 2020, Azerbaijan launched a six-week
    war": 2020 dates the war, six weeks is how long it lasted)."""
    owner_of: dict[int, int] = {}
    for trigger in triggers:
        for token in (trigger.word, trigger.anchor, trigger.clause):
            owner_of.setdefault(token.i, trigger.word.i)
    owners: dict[int, tuple[TimeExpression | None, str | None]] = {}
    doc = sentence.doc
    for time in in_sentence(times, sentence):
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        owner = _first_anchor_above(span.root, owner_of) if span is not None else None
        if owner is None:
            continue
        dated, duration = owners.get(owner, (None, None))
        if time.type == "DURATION":
            duration = duration or time.value
        elif time.type in ("DATE", "TIME") and dated is None:
            dated = time
        owners[owner] = (dated, duration)
    return owners


def _first_anchor_above(token: Token, owner_of: dict[int, int]) -> int | None:
    current = token
    for _ in range(12):
        if current.i in owner_of:
            return owner_of[current.i]
        if current.head == current:
            return None
        current = current.head
    return None


def _periods(text: str, times: Sequence[TimeExpression], published: date | None) -> dict[int, TimeSpan | None]:
    """The period each time expression (by its start) gives, read as figures read theirs, with
    the words before it: "since Sunday" runs to the publication date, "between 17 October and
    23 March" is one period."""
    periods: dict[int, TimeSpan | None] = {}
    for reading in readings(text, times, published):
        for time in within(times, reading.body, reading.end):
            # A marker that makes no period of it ("from 1 January 2024", ahead of the
            # report) leaves the days the expression itself covers.
            periods[time.start] = reading.date or span_of(time)
    return periods


def _when(time: TimeExpression | None, period: TimeSpan | None, status: str, published: date | None) -> tuple[TimeSpan | None, str | None]:
    """The days the event covers and what says so: its time expression, else the publication
    date as a bound (before it for what happened or is under way, after it for what is planned)."""
    if period is not None:
        return period, "text"
    if time is not None and time.value is not None and not time.value.endswith("_REF"):
        return None, "text"  # a date the text gives without a year to read it in ("XXXX-WXX-WE")
    if published is None:
        return None, None
    if status == "planned":
        return TimeSpan(published, None, "unknown"), "publication"
    return TimeSpan(None, published, "unknown"), "publication"


# --- the event ----------------------------------------------------------------------------------


def _event(
    doc: Doc,
    sentence: Span,
    trigger: _Trigger,
    status: str,
    places: Sequence[PlaceMention],
    adjectives: Sequence[PlaceMention],
    time: TimeExpression | None,
    when: TimeSpan | None,
    dated_by: str | None,
    duration: str | None,
    in_times: set[int],
) -> Event:
    demonyms = frozenset(m.start for m in adjectives)
    actor = _doer(_actor(trigger, demonyms), trigger.anchor)
    target = _target(trigger, in_times)
    denier = _denied_by(trigger.anchor)
    attribution = (
        noun_phrase(_subject(denier)) if denier is not None and _subject(denier) is not None else attribution_for(trigger.anchor, sentence)
    )
    start, end, text = trimmed_sentence(sentence)
    words = _words_of(trigger.word)
    return Event(
        type=trigger.type,
        text=words.text,
        start=words.start_char,
        end=words.end_char,
        status=status,
        sentence=text,
        sentence_start=start,
        sentence_end=end,
        actor=noun_phrase(actor) if actor is not None else None,
        actor_country=state_of(actor, places, adjectives) if actor is not None else None,
        target=noun_phrase(target) if target is not None else None,
        place=_place(trigger, sentence, places, actor),
        time=time,
        when=when,
        dated_by=dated_by,
        duration=duration,
        attribution=attribution,
    )


def _words_of(word: Token) -> Span:
    """The words that name the event: a phrasal verb with its particle ("close in", "lay down")."""
    end = word.i + 1
    while end < len(word.doc) and word.doc[end].dep_ == "prt" and word.doc[end].head == word:
        end += 1
    return word.doc[word.i : end]


def _place(trigger: _Trigger, sentence: Span, places: Sequence[PlaceMention], actor: Token | None) -> PlaceMention | None:
    """The nearest place written in the event's own clause, not in a clause under it ("as he tried
    to cross into Armenia") and not its actor ("Azerbaijan's offensive" is not in Azerbaijan)."""
    doc = sentence.doc
    inside = []
    # Only the sentence's places: place_for keeps no other.
    for mention in in_sentence(places, sentence):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and _in_own_clause(span.root, trigger.clause):
            inside.append(mention)
    return place_for(trigger.word, sentence, inside, exclude=_span(actor)) if inside else None


def _in_own_clause(token: Token, clause: Token) -> bool:
    current = token
    for _ in range(20):
        if current == clause:
            return True
        if current.dep_ in _SUBORDINATE_DEPS or current.head == current:
            return False
        current = current.head
    return False


def _actor(trigger: _Trigger, demonyms: frozenset[int] = frozenset()) -> Token | None:
    """Who did it; ``demonyms``: where the place layer read a national adjective ("Russian")."""
    word, anchor = trigger.word, trigger.anchor
    if lemma_of(anchor) == "die":
        return None  # who died is the victim, not a doer
    if anchor.pos_ in ("VERB", "AUX"):
        if _passive_by_coordination(anchor):
            return _by_phrase(anchor) or _by_phrase(anchor.head)  # "75 were killed and 1,643 wounded": no actor
        if anchor.dep_ == "advcl" and anchor.tag_ == "VBG" and _subject(anchor) is None and anchor.head.pos_ in ("VERB", "AUX"):
            return _subject(anchor.head)  # "Gunmen attacked the village, killing 12 people": the gunmen killed
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in anchor.children) or anchor.tag_ == "VBN" and anchor.dep_ == "acl":
            return _by_phrase(anchor)  # passive: "two people had to be evacuated" names no actor
        bare_result = _to_death(anchor) and not any(c.dep_ == "dobj" for c in anchor.children)  # "... shot dead", no object
        if trigger.type in PATIENT_EVENT_TYPES and word is anchor and (_reduced_passive(anchor) or anchor.dep_ == "acl" or bare_result):
            return _by_phrase(anchor)  # "Father arrested after ...", "the boy shot dead": whom it befell
        if word is not anchor and word.dep_ in ("nsubj", "nsubjpass"):
            return _noun_actor(word, demonyms)  # "the offensive began": the offensive is not its own actor
        if anchor.dep_ == "conj" and _subject(anchor) is None and anchor.head.pos_ in ("VERB", "AUX"):
            return _subject(anchor.head) or _noun_actor(word, demonyms)  # "Police arrived and detained the suspect": the police
        return _subject(anchor) or _noun_actor(word, demonyms)
    return _noun_actor(word, demonyms)


def _doer(actor: Token | None, anchor: Token) -> Token | None:
    """Actors are doers: a dateline before the subject is not one ("SPRINGFIELD, Mass. — Springfield
    police have arrested": the police), nor a weapon ("Artillery shelling", "rockets hit the town")."""
    if actor is None:
        return None
    if _is_sentence_initial(actor) and actor.dep_ == "nsubj" and actor.head == anchor:
        later = next((c for c in anchor.children if c.dep_ == "nsubj" and c.i > actor.i), None)
        actor = later if later is not None else actor
    # Nor what caused it: "the attack killed three aid workers" (an event, its doer unnamed), "the blast".
    return None if lemma_of(actor) in INSTRUMENT_NOUNS or lemma_of(actor) in EVENT_NOUNS or lemma_of(actor) in DEATH_CAUSES else actor


def _is_sentence_initial(token: Token) -> bool:
    """The sentence's first word, after any opening quote or punctuation."""
    return all(t.is_punct or t.is_space for t in token.doc[token.sent.start : token.i])


def _passive_by_coordination(verb: Token) -> bool:
    """A bare participle coordinated with a passive verb is passive too: "At least 75 people were
    killed and 1,643 wounded" (the parser makes "1,643" the subject of "wounded": a victim)."""
    head = verb.head
    return (
        verb.dep_ == "conj"
        and verb.tag_ == "VBN"
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
        and any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children)
    )


def _noun_actor(noun: Token, demonyms: frozenset[int] = frozenset()) -> Token | None:
    """ "Azerbaijan's offensive", "shelling by government forces", "Russian airstrikes", "a UN mission"."""
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ not in _PRONOUNS and child.pos_ != "PRON":
            return child
    for head in (noun, *(c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN")):
        by = _by_phrase(head)  # "shelling by government forces", "fire launched by Azerbaijan"
        if by is not None:
            return by
    between = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"), None)
    if between is not None and EVENT_NOUNS.get(lemma_of(noun)) == "fighting":
        return next((c for c in between.children if c.dep_ == "pobj"), None)  # the parties
    for child in noun.children:
        if child.dep_ in ("compound", "amod") and _names_an_actor(child, demonyms):
            return child
    if noun.dep_ in ("dobj", "pobj") and noun.head.lower_ in ("launched", "carried") and _subject(noun.head) is not None:
        return _subject(noun.head)
    return None


def _names_an_actor(modifier: Token, demonyms: frozenset[int] = frozenset()) -> bool:
    """A national adjective ("Russian airstrikes") or an organisation's acronym ("a UN mission",
    "US drone strikes"); not a place or a day ("a Thursday police raid", "Manchester City bus attack")."""
    if modifier.pos_ == "ADJ" and modifier.text[:1].isupper():
        # A sentence's first word is capitalised whatever it is ("Intense airstrikes", "Most
        # displacements"): there only a national adjective the place layer read ("Russian") names one.
        return not _is_sentence_initial(modifier) or modifier.idx in demonyms or modifier.ent_type_ == "NORP"
    return modifier.pos_ == "PROPN" and modifier.is_upper and len(modifier.text) >= 2


def _target(trigger: _Trigger, in_times: set[int]) -> Token | None:
    """The patient: an "on"/"against" phrase, the object, the subject of a passive, the "of" phrase
    of a nominalisation; never a time ("on Tuesday" is when, not whom)."""
    word, anchor = trigger.word, trigger.anchor
    if trigger.type in PATIENT_EVENT_TYPES and word is anchor and anchor.pos_ == "VERB":
        # Whom a verb that needs a patient befell is its patient, before any "on" phrase ("was shot
        # to death on the night of Oct. 23"); a participle's is the noun it qualifies ("the boy shot dead").
        patient = next((c for c in anchor.children if c.dep_ in ("nsubjpass", "dobj")), None)
        if patient is None and anchor.dep_ == "acl" and anchor.tag_ in ("VBN", "VBD"):
            patient = anchor.head
        if patient is not None and patient.i not in in_times:
            return patient
    participles = [c for c in word.children if c.dep_ == "acl" and c.tag_ == "VBN"]  # "fire launched … on"
    for head in (word, *participles, *((anchor,) if word is not anchor else ())):
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("on", "against", "upon"):
                target = next((c for c in child.children if c.dep_ == "pobj" and c.i not in in_times), None)
                if target is not None:
                    return target
    if anchor.pos_ in ("VERB", "AUX") and word is anchor and lemma_of(anchor) == "die":
        patient = _subject(anchor)  # "Eleven people died in the blast": they are whom it befell
    elif anchor.pos_ in ("VERB", "AUX") and word is anchor and _passive_by_coordination(anchor):
        patient = _subject(anchor) or next((c for c in anchor.head.children if c.dep_ == "nsubjpass"), None)
    elif anchor.pos_ in ("VERB", "AUX") and word is anchor and trigger.type in PATIENT_EVENT_TYPES and _reduced_passive(anchor):
        patient = _subject(anchor)  # "Three protesters shot dead"
    elif anchor.pos_ in ("VERB", "AUX") and word is anchor:
        patient = next((c for c in anchor.children if c.dep_ == "nsubjpass"), None)
        patient = patient or next((c for c in anchor.children if c.dep_ == "dobj"), None)
    else:
        of = next((c for c in word.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        patient = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return None if patient is not None and patient.i in in_times else patient


def state_of(actor: Token, places: Sequence[PlaceMention], adjectives: Sequence[PlaceMention]) -> str | None:
    """ISO3 of the state an actor is ("Azerbaijan", "Baku", "Azerbaijani troops", "the Turkish
    government"); None for anyone else ("Armenian separatist authorities", "residents")."""
    span = _span(actor)
    words = {lemma_of(t) for t in span}
    named = [
        m
        for m in (*within(places, span.start_char, span.end_char), *within(adjectives, span.start_char, span.end_char))
        if m.place is not None
    ]
    if not named or words & NON_STATE_MODIFIERS or any(c.dep_ == "conj" for c in actor.children):
        return None  # not a state, or several ("Azerbaijan and Armenia")
    whole = any(m.start == actor.idx and m.end == actor.idx + len(actor.text) for m in named)
    if whole and named[0].place.kind in ("country", "city", "capital"):
        return named[0].place.country  # "Azerbaijan", or its capital for its government ("Baku")
    if lemma_of(actor) in STATE_ACTOR_NOUNS:
        return named[0].place.country
    return None
