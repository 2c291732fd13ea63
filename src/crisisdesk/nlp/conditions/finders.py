"""The rules of each kind of condition: one finder per kind reads a parsed sentence and yields the
stretches (token indices) that state a condition of that kind, with the word it hangs on.

The rules are those of the package docstring (:mod:`crisisdesk.nlp.conditions`); their words are the
``condition_*`` lists of ``lexicon/conditions.toml`` (each with its note and source), read once here.
``crisis`` tells a finder whether the sentence counts as told in a crisis
(:mod:`crisisdesk.nlp.relevance`): words that are conditions only in a crisis need it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from crisisdesk.lexicon import irregular, table, words
from crisisdesk.nlp.conditions._shared import (
    PEOPLE_NOUNS,
    _conjuncts,
    _first_aux,
    _has_patient_in,
    _has_people_subject,
    _in_a_name,
    _is,
    _is_negated,
    _is_people,
    _lemma,
    _modifiers,
    _object_of,
    _patient,
    _right_edge,
    _right_edge_of_verb,
)


def _forms(name: str) -> frozenset[str]:
    """A list's words and its irregular forms ("children" beside "child"): read by lemma or form."""
    return words(name) | frozenset(irregular(name))


# --- vocabulary (lemmas, lower case; see lexicon/conditions.toml for what each list is for) -------

# lack and cuts
SERVICE_NOUNS = words("condition_service_nouns")
COMMUNICATION_NOUNS = words("condition_communication_nouns")
SHELTER_NOUNS = words("condition_shelter_nouns")
TRANSPORT_NOUNS = words("condition_transport_nouns")
LACK_NOUNS = words("condition_lack_nouns")
DEPRIVE_VERBS = words("condition_deprive_verbs")
SCARCE_WORDS = words("condition_scarce_words")
CONTAMINATE_VERBS = words("condition_contaminate_verbs")
WATER_SOURCES = words("condition_water_sources")
STRIKE_VERBS = words("condition_strike_verbs")
STRIKE_WEAPONS = words("condition_strike_weapons")
CUT_PREDICATES = words("condition_cut_predicates")
CUT_NOUNS = words("condition_cut_nouns")
UTILITY_NOUNS = words("condition_utility_nouns")
SERVICE_PLACES = words("condition_service_places")
SERVICE_CENTRES = words("condition_service_centres")
SERVICE_CENTRE_KINDS = words("condition_service_centre_kinds")
CLOSED_WORDS = words("condition_closed_words")

# shelter
STRONG_SHELTER_PLACES = words("condition_strong_shelter_places")
WEAK_SHELTER_PLACES = words("condition_weak_shelter_places")
SHELTER_SITE_MODIFIERS = words("condition_shelter_site_modifiers")
SHELTER_CENTRE_MODIFIERS = words("condition_shelter_centre_modifiers")
SHELTERING_VERBS = words("condition_sheltering_verbs")
HIDING_VERBS = words("condition_hiding_verbs")
OUTDOOR_WORDS = words("condition_outdoor_words")
STAYING_VERBS = words("condition_staying_verbs")
REFUGE_NOUNS = words("condition_refuge_nouns")
BAD_CONDITION_WORDS = words("condition_bad_condition_words")
PLACE_PREPOSITIONS = words("condition_place_prepositions")

# protection
PROTECTION_NOUNS = words("condition_protection_nouns")
PROTECTION_NOUNS_IN_CRISIS = words("condition_protection_nouns_in_crisis")
PROTECTION_VERBS = words("condition_protection_verbs")
PROTECTION_VERBS_IN_CRISIS = words("condition_protection_verbs_in_crisis")
ABUSE_NOUNS = words("condition_abuse_nouns")
RECRUIT_WORDS = words("condition_recruit_words")
FORCED_WORDS = words("condition_forced_words")
MINOR_NOUNS = _forms("condition_minor_nouns")
ARSON_VERBS = words("condition_arson_verbs")
ARSON_TARGETS = words("condition_arson_targets")
ABUSIVE_MODIFIERS = words("condition_abusive_modifiers")
SERIES_NOUNS = words("condition_series_nouns")
VIOLENCE_KINDS = words("condition_violence_kinds")
DENIABLE_RIGHTS = table("condition_deniable_rights")
FORBID_VERBS = words("condition_forbid_verbs")
AVOIDED_VERBS = words("condition_avoided_verbs")
CHARGE_WORDS = words("condition_charge_words")

# health
HEALTH_NOUNS = words("condition_health_nouns")
PSYCHOLOGICAL_WORDS = words("condition_psychological_words")
PSYCHOLOGICAL_HARM = words("condition_psychological_harm")
HEALTH_ADJECTIVES = words("condition_health_adjectives")
UNHYGIENIC_WORDS = words("condition_unhygienic_words")

# damage
HOUSING_NOUNS = words("condition_housing_nouns")
DAMAGE_VERBS = words("condition_damage_verbs")
UTILITY_SYSTEMS = words("condition_utility_systems")
PRICE_NOUNS = words("condition_price_nouns")
PRICE_RISE_WORDS = words("condition_price_rise_words")
DAMAGED_PARTICIPLES = words("condition_damaged_participles")
DAMAGED_ADJECTIVES = words("condition_damaged_adjectives")
RUIN_NOUNS = words("condition_ruin_nouns")
QUANTITY_NOUNS = words("condition_quantity_nouns")

# access
LIMITING_WORDS = words("condition_limiting_words")
RESTRICT_VERBS = words("condition_restrict_verbs")
PREVENT_VERBS = words("condition_prevent_verbs")
ROAD_NOUNS = words("condition_road_nouns")
ACCESS_NOUNS = words("condition_access_nouns")
AID_BEARERS = words("condition_aid_bearers")
AID_BEARER_MODIFIERS = words("condition_aid_bearer_modifiers")
AID_GOODS_IN_CRISIS = words("condition_aid_goods_in_crisis")
RESTRICTION_NOUNS = words("condition_restriction_nouns")
RESTRICTED_THINGS = words("condition_restricted_things")
CLOSE_VERBS = words("condition_close_verbs")
CUT_OFF_PLACES = words("condition_cut_off_places")
BARRING_VERBS = words("condition_barring_verbs")

# aid
AID_NOUNS = words("condition_aid_nouns")
GOODS_NOUNS = words("condition_goods_nouns")
AID_MODIFIERS = words("condition_aid_modifiers")
AID_MODIFIERS_IN_CRISIS = words("condition_aid_modifiers_in_crisis")
AID_WORK_NOUNS = words("condition_aid_work_nouns")
HARM_VERBS = words("condition_harm_verbs")
HARMED_GROUPS = words("condition_harmed_groups")
DELIVER_VERBS = words("condition_deliver_verbs")
GIFT_NOUNS = words("condition_gift_nouns")
HELPER_NOUNS = words("condition_helper_nouns")
HELPER_MODIFIERS = words("condition_helper_modifiers")
AID_FACILITIES = words("condition_aid_facilities")
PURPOSE_FACILITIES = words("condition_purpose_facilities")
FACILITY_PURPOSES = words("condition_facility_purposes")
SET_UP_VERBS = words("condition_set_up_verbs")
FUND_VERBS = words("condition_fund_verbs")
FUND_NOUNS = words("condition_fund_nouns")
RELIEF_PURPOSES = words("condition_relief_purposes")
REFER_VERBS = words("condition_refer_verbs")
SCALABLE_AID = words("condition_scalable_aid")

# needs
NEED_MODIFIERS = words("condition_need_modifiers")
NEED_MODIFIERS_IN_CRISIS = words("condition_need_modifiers_in_crisis")
REQUIRE_VERBS = words("condition_require_verbs")
SEEK_VERBS = words("condition_seek_verbs")
#: What can be needed: services and supplies, shelter, aid, and care and protection.
NEEDED_THINGS = SERVICE_NOUNS | SHELTER_NOUNS | AID_NOUNS | {"protection", "care", "assistance"}

# at risk
VULNERABLE_MODIFIERS = words("condition_vulnerable_modifiers")
VULNERABLE_GROUPS = words("condition_vulnerable_groups")
VULNERABLE_CONDITIONS = words("condition_vulnerable_conditions")
ESCAPE_VERBS = words("condition_escape_verbs")
CROSSFIRE_NOUNS = words("condition_crossfire_nouns")
RUBBLE_NOUNS = words("condition_rubble_nouns")
TRAP_VERBS = words("condition_trap_verbs")
ENDANGER_VERBS = words("condition_endanger_verbs")
LIFE_NOUNS = _forms("condition_life_nouns")

# documentation and asylum, education, movement, livelihoods
ASYLUM_WORDS = words("condition_asylum_words")
ASYLUM_PROCESSES = words("condition_asylum_processes")
HALT_VERBS = words("condition_halt_verbs")
#: The halting verbs and the participles the tagger reads as adjectives with themselves as lemma ("remain frozen").
HALT_FORMS = _forms("condition_halt_verbs")
HALT_NOUNS = words("condition_halt_nouns")
FUTURE_MODALS = words("future_modals")
#: The forms of "remain" and "stay" that the parser sometimes takes for a passive's auxiliary or a noun.
STAY_FORMS = frozenset({"remain", "remains", "remained", "stay", "stays", "stayed"})
TAKE_IN_VERBS = words("condition_take_in_verbs")
DOCUMENT_NOUNS = words("condition_document_nouns")
REGISTERED_EVENTS = _forms("condition_registered_events")
DOCUMENT_VERBS = words("condition_document_verbs")
EDUCATION_NOUNS = words("condition_education_nouns")
SCHOOL_VERBS = words("condition_school_verbs")
OCCUPY_VERBS = words("condition_occupy_verbs")
MOVEMENT_RESTRICTION_NOUNS = words("condition_movement_restriction_nouns")
LIFTED_VERBS = words("condition_lifted_verbs")
MOVEMENT_VERBS = words("condition_movement_verbs")
LIVELIHOOD_NOUNS = words("condition_livelihood_nouns")
MOVER_NOUNS = words("condition_mover_nouns")
SECURED_PLACES = words("condition_secured_places")


@dataclass(frozen=True, slots=True)
class Found:
    """A condition found in a sentence, before it becomes a :class:`crisisdesk.model.Condition`."""

    kind: str
    first: int  # token indices, end exclusive
    last: int
    anchor: Token  # the word the condition hangs on (its place and time are its clause's)


def one_reading(found: list[Found]) -> list[Found]:
    """One phrase, one reading: aid that is only needed is a need, not also aid delivered ("require
    urgent humanitarian assistance"); aid workers, convoys or missions harmed ("two aid workers were
    killed", "the convoy was attacked") are an access incident (DEEP: violence against humanitarian
    personnel and assets), never aid delivered."""
    harmed = []
    for f in found:
        verb = _harm_verb(f.anchor) if f.kind == "aid" else None
        if verb is not None:
            harmed.append(Found("access", min(f.first, verb.i), max(f.last, verb.i + 1), f.anchor))
    # The aid's own word inside the other reading's words: "require urgent humanitarian assistance"
    # is a need; "ramping up the humanitarian response for ... with increasing needs" stays aid.
    other_reading = [f for f in found if f.kind == "need"] + harmed
    kept = [f for f in found if not (f.kind == "aid" and any(o.first <= f.anchor.i < o.last for o in other_reading))]
    # People kept from reaching a place ("checkpoints prevent residents from reaching their fields")
    # are an access constraint, not also people at risk: the access reading names what they cannot reach.
    barred = {f.anchor.i for f in kept if f.kind == "access"}
    kept = [f for f in kept if not (f.kind == "at_risk" and f.anchor.i in barred)]
    # Aid workers who cannot reach a place ("aid workers could not reach the besieged areas") are
    # the access constraint's movers, not aid delivered.
    movers = {_subject_of_verb(f.anchor) for f in kept if f.kind == "access" and f.anchor.pos_ == "VERB"} - {None}
    kept = [f for f in kept if not (f.kind == "aid" and any(f.first <= m.i < f.last for m in movers))]
    # Aid workers named inside an access reading ("hindering access for aid workers", "three aid
    # workers were among a group of civilians abducted") are what the access is about, not aid delivered.
    access = [f for f in kept + harmed if f.kind == "access"]
    kept = [
        f
        for f in kept
        if not (f.kind == "aid" and f.anchor.pos_ in ("NOUN", "PROPN") and any(a.first <= f.first and f.last <= a.last for a in access))
    ]
    # Aid workers abducted or attacked are one access incident, not also a protection incident on civilians.
    harm_verbs = {h.anchor.i for h in harmed} | {_harm_verb(h.anchor).i for h in harmed if _harm_verb(h.anchor) is not None}
    kept = [f for f in kept if not (f.kind == "protection" and f.anchor.i in harm_verbs)]
    return kept + harmed


def _subject_of_verb(verb: Token) -> Token | None:
    """The subject of a verb, or of the verb whose complement it is ("could not reach", "unable to reach")."""
    for holder in (verb, verb.head, verb.head.head):
        subject = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject
    return None


def _harm_verb(anchor: Token) -> Token | None:
    """The verb of harm whose patient the aid bearer is: the subject of its passive or its object
    ("aid workers were killed", "gunmen attacked the convoy"), or the "on" phrase of an attack;
    through a noun it names ("two aid workers - partners of UNICEF - were killed")."""
    for _ in range(2):
        if anchor.dep_ in ("compound", "appos") and anchor.head.pos_ in ("NOUN", "PROPN"):
            anchor = anchor.head
    head = anchor.head
    if anchor.dep_ in ("nsubjpass", "dobj") and _lemma(head) in HARM_VERBS:
        return head
    if anchor.dep_ == "pobj" and head.lower_ in ("on", "against") and _lemma(head.head) in HARM_VERBS:
        return head.head
    if anchor.dep_ in ("nsubj", "attr") and _lemma(head) == "be":
        # "two aid workers were among those killed", "among the dead were four aid workers"
        group = _object_of(next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "among"), None))
        if group is not None and _lemma(group) in HARMED_GROUPS:
            return group
        if group is not None:
            return next((t for t in group.subtree if t.dep_ in ("acl", "relcl") and _lemma(t) in HARM_VERBS), None)
    return None


def distinct(found: list[Found]) -> list[Found]:
    """One condition per stretch and kind: of two of the same kind that overlap, the longer."""
    kept: list[Found] = []
    for item in sorted(found, key=lambda f: (f.first - f.last, f.first)):
        if not any(k.kind == item.kind and k.first < item.last and item.first < k.last for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: (f.first, f.last))


# --- lack and cuts ------------------------------------------------------------------------------


def _lacks(sentence: Span, crisis: bool) -> Iterator[Found]:
    """ "without electricity, gas, food", "no basic services", "lack of transportation", "do not have
    adequate shelter", "food shortages": what follows the lack says the kind."""
    for token in sentence:
        lemma = _lemma(token)
        lacked: Token | None = None
        first = token
        if lemma == "without" and token.dep_ == "prep":
            lacked = _object_of(token)
        elif lemma == "lack" and token.pos_ == "VERB":
            # "families lack food and water", "many lack civil documentation": the verb in a crisis
            # ("the team lacks power up front" is sport).
            lacked = next((c for c in token.children if c.dep_ == "dobj"), None) if crisis else None
        elif lemma in LACK_NOUNS:
            of = next((c for c in token.children if c.lower_ == "of"), None)
            lacked = (
                _object_of(of)
                if of is not None
                else next((c for c in token.children if c.dep_ in ("compound", "amod") and _lemma(c) in SERVICE_NOUNS), None)
            )
            if lacked is not None and lacked.i < token.i:
                first = lacked
        elif lemma in ("no", "little") and token.dep_ in ("det", "amod") and token.head.pos_ in ("NOUN", "PROPN"):
            lacked = token.head
        elif lemma == "have" and _is_negated(token):
            lacked = next((c for c in token.children if c.dep_ == "dobj"), None)
            first = next((c for c in token.children if c.dep_ in ("aux", "neg", "advmod") and c.i < token.i), token)
        elif crisis and (
            (token.lower_ in SCARCE_WORDS and token.dep_ in ("acomp", "oprd"))
            or (
                lemma == "supply"
                and token.dep_ == "pobj"
                and token.head.lower_ == "in"
                and any(c.lower_ == "short" for c in token.children)
            )
        ):
            # "fuel is scarce", "medicines are in short supply": the subject of the verb is lacking
            verb = token.head if token.dep_ != "pobj" else token.head.head
            lacked = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        elif lemma in DEPRIVE_VERBS and token.tag_ == "VBN":
            lacked = next((c for c in token.children if c.dep_ in ("dobj", "dative")), None) or _object_of(
                next((c for c in token.children if c.lower_ == "of"), None)
            )
        if lacked is None or (lemma in ("no", "little") and _lemma(lacked.head) in ("require", "need", "ask", "check", "demand")):
            continue  # "no ID was required": nothing is lacking
        nouns = _conjuncts(lacked)
        kind = _lack_kind(nouns, crisis)
        if kind is None or (lemma in ("no", "little") and kind == "access"):
            continue
        last = max(_right_edge(n) for n in nouns)
        if lacked.i < token.i and lemma not in LACK_NOUNS:
            last = max(last, token.i)  # the predicate after its subject: "fuel is scarce"
        yield Found(kind, min(first.i, lacked.left_edge.i), last + 1, token)
        if kind == "services_cut":
            yield from _communications(nouns, token)


def _lack_kind(nouns: Sequence[Token], crisis: bool) -> str | None:
    lemmas = {_lemma(n) for n in nouns} | {_lemma(c) for n in nouns for c in n.children if c.dep_ == "compound"}
    lemmas |= {_lemma(o) for n in nouns if _lemma(n) in ("source", "means") for o in [_of_object(n)] if o is not None}
    if crisis and lemmas & DOCUMENT_NOUNS:
        return "protection"  # "lack civil documentation", "without identity cards" (DEEP Protection: documentation)
    if crisis and lemmas & LIVELIHOOD_NOUNS:
        return "services_cut"  # "without a source of income", "no income"
    if lemmas & SHELTER_NOUNS:
        return "shelter"
    if lemmas & TRANSPORT_NOUNS:
        return "access"
    if lemmas & SERVICE_NOUNS:
        return "services_cut"
    if "care" in lemmas and any(_lemma(c) in ("health", "medical") for n in nouns for c in n.children):
        return "services_cut"
    return None


def _communications(nouns: Sequence[Token], anchor: Token) -> Iterator[Found]:
    """The phones and internet among what is lacking, as a condition of their own (Information and
    Communication)."""
    spoken = [
        n
        for n in nouns
        if _lemma(n) in COMMUNICATION_NOUNS or any(_lemma(c) in COMMUNICATION_NOUNS for c in n.children if c.dep_ in ("compound", "amod"))
    ]
    if spoken:
        first = min(t.i for n in spoken for t in n.subtree if _lemma(t) in COMMUNICATION_NOUNS or t == n)
        yield Found("communications_cut", first, max(_right_edge(n) for n in spoken) + 1, anchor)


def _services_cut(sentence: Span, crisis: bool) -> Iterator[Found]:
    """ "Basic services have been severely disrupted", "public services ... are becoming stretched",
    "the lights are out", "cut the power"; a blackout or an outage in a crisis. Not "communications
    between Raqqa and Deir-ez-Zor": lines between places are a military target, not a service."""
    for token in sentence:
        lemma = _lemma(token)
        if lemma in CUT_PREDICATES and token.pos_ in ("VERB", "ADJ", "ADV", "ADP", "PART"):
            verb = token.head if token.dep_ in ("acomp", "prt", "advmod", "xcomp") and token.head.pos_ in ("AUX", "VERB") else token
            for service in _service_arguments(verb, token):
                if any(c.lower_ == "between" for c in service.children):
                    continue
                nouns = _conjuncts(service)
                first = min(service.left_edge.i, token.i)
                last = max(max(_right_edge(n) for n in nouns) if service.i > token.i else token.i, token.i)
                # Goods "to the city" cut off are kept out (access); a utility cut ("power supply to the
                # region") is a service lacking.
                bound = any(c.lower_ in ("to", "into") and c.dep_ == "prep" for c in service.children) and not (
                    {_lemma(t) for t in service.subtree} & UTILITY_NOUNS
                )
                yield Found("access" if bound and crisis else "services_cut", first, last + 1, token)
                yield from _communications(nouns, token)
                break
        elif (lemma in CUT_NOUNS or lemma in ("cut", "shutdown")) and token.pos_ == "NOUN" and lemma != "shortage":
            cut = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")]
            named = {_lemma(c) for c in cut}
            spoken = named & COMMUNICATION_NOUNS
            imposed = bool(spoken) and (lemma in ("blackout", "shutdown") or bool(named & {"nationwide", "total"}))
            if not (crisis or imposed) or (lemma in ("cut", "shutdown") and not named & SERVICE_NOUNS):
                continue
            yield Found("services_cut", token.left_edge.i, token.i + 1, token)
            if spoken:
                yield Found("communications_cut", min(c.i for c in cut if _lemma(c) in COMMUNICATION_NOUNS), token.i + 1, token)
        elif crisis and token.pos_ == "VERB" and lemma == "run" and any(c.lower_ in ("out", "low", "short", "dry") for c in token.children):
            of = next((c for p in [token, *token.children] for c in p.children if c.lower_ in ("of", "on") and c.dep_ == "prep"), None)
            lacked = _object_of(of)
            if lacked is not None and (_is_service(lacked) or _lemma(lacked) in GOODS_NOUNS):
                yield Found("services_cut", _first_aux(token).i, max(_right_edge(n) for n in _conjuncts(lacked)) + 1, token)
        elif crisis and token.pos_ in ("NOUN", "PROPN") and _is_service_place(token) and _is_closed(token):
            predicate = _is_closed(token)
            first, last = (token.left_edge.i, predicate.i) if token.i < predicate.i else (predicate.i, _right_edge(token))
            yield Found("services_cut", first, last + 1, token)
        elif crisis and token.pos_ == "VERB" and lemma in CONTAMINATE_VERBS and not _is_negated(token):
            # "wells were contaminated by floodwater": the people who drink from them lack safe water (WASH)
            source = _patient(token)
            if source is not None and (
                _lemma(source) in WATER_SOURCES
                and ({_lemma(source)} | _modifiers(source)) & {"well", "borehole", "water", "spring", "pump", "reservoir"}
            ):
                first, last = (source.left_edge.i, _right_edge_of_verb(token)) if source.i < token.i else (token.i, _right_edge(source))
                yield Found("services_cut", first, last + 1, token)
        elif crisis and token.pos_ == "NOUN" and lemma in HALT_NOUNS:
            # "the closure of health facilities", "forced the closure of 40 schools", "the disruption of
            # health services": the noun that halts names what is halted.
            halted = _object_of(next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None))
            if halted is not None and any(_is_service_place(n) or _is_service(n) for n in _conjuncts(halted)):
                yield Found("services_cut", token.left_edge.i, max(_right_edge(n) for n in _conjuncts(halted)) + 1, token)


def _prices(sentence: Span, crisis: bool) -> Iterator[Found]:
    """Prices up, in a crisis: "food prices have doubled", "the cost of fuel soared", "a sharp rise in
    prices", "high prices" (a lack that comes through the market: filed with shortages)."""
    if not crisis:
        return
    for token in sentence:
        if _lemma(token) not in PRICE_NOUNS or token.pos_ != "NOUN":
            continue
        head = token.head
        if (
            token.dep_ == "nsubj"
            and head.pos_ == "VERB"
            and (_lemma(head) in PRICE_RISE_WORDS or (_lemma(head) == "go" and any(c.lower_ == "up" for c in head.children)))
        ):
            yield Found("services_cut", token.left_edge.i, head.i + 1, token)
        elif any(_lemma(c) in PRICE_RISE_WORDS or c.lower_ in PRICE_RISE_WORDS for c in token.children if c.dep_ == "amod"):
            yield _noun_found("services_cut", token)
        elif token.dep_ == "pobj" and head.lower_ in ("in", "of") and _lemma(head.head) in PRICE_RISE_WORDS and head.head.pos_ == "NOUN":
            yield Found("services_cut", head.head.left_edge.i, _right_edge(token) + 1, token)


def _is_closed(place: Token) -> Token | None:
    """The predicate that says a place serving people is closed or not working ("banks have remained
    closed", "schools were shut", "hospitals are no longer functioning", "out of service"), or None."""
    if place.dep_ == "conj":
        place = place.head
    head = place.head
    if place.dep_ in ("nsubj", "nsubjpass"):
        if head.lower_ in CLOSED_WORDS or (
            _lemma(head) in ("close", "shut") and head.pos_ == "VERB" and not any(c.dep_ == "dobj" for c in head.children)
        ):
            return head
        for child in head.children:
            if child.dep_ in ("acomp", "oprd", "xcomp") and (
                child.lower_ in CLOSED_WORDS or (_lemma(child) in ("close", "shut") and child.tag_ == "VBN")
            ):
                return child
        if _lemma(head) in ("function", "work", "operate") and (
            _is_negated(head) or any(c.lower_ in ("longer", "stopped") for c in head.subtree)
        ):
            return head
        if _lemma(head) in ("stop", "cease") and any(_lemma(c) in ("function", "work", "operate") for c in head.children):
            return head
        out = next((c for c in head.children if c.lower_ == "out" and c.dep_ in ("prep", "advmod", "prt", "acomp")), None)
        if out is not None and any(
            _lemma(o) in ("service", "order", "operation", "action") for p in out.children if p.lower_ == "of" for o in p.children
        ):
            return out  # "has been out of service", "out of order"
    if place.dep_ == "dobj" and _lemma(head) in ("close", "shut") and head.pos_ == "VERB":
        return head
    if place.dep_ == "nsubj" and head.pos_ == "VERB" and any(c.lower_ == "forced" for c in head.ancestors):
        return None
    return None


def _is_service_place(noun: Token) -> bool:
    """A place that serves people ("markets", "hospitals"), or a centre named for what it serves
    ("the health centre", "nutrition centres")."""
    lemma = _lemma(noun)
    return lemma in SERVICE_PLACES or (lemma in SERVICE_CENTRES and bool(_modifiers(noun) & SERVICE_CENTRE_KINDS))


def _service_arguments(verb: Token, predicate: Token) -> Iterator[Token]:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj") and _is_service(child):
            yield child


def _is_service(noun: Token) -> bool:
    lemmas = {_lemma(n) for n in _conjuncts(noun)} | {_lemma(c) for c in noun.children if c.dep_ in ("compound", "amod")}
    return bool(lemmas & SERVICE_NOUNS)


# --- shelter ------------------------------------------------------------------------------------


def _shelter(sentence: Span, crisis: bool) -> Iterator[Found]:
    """ "seek shelter in basements", "hide in basements", "stayed in tents", "took refuge with friends
    and family", "evacuated to a primary school", "living in precarious conditions", "makeshift
    camps". Militants who "had taken shelter in Afghanistan" shelter in no shelter."""
    for token in sentence:
        lemma = _lemma(token)
        if token.pos_ in ("VERB", "AUX") and (lemma in SHELTERING_VERBS or lemma in STAYING_VERBS):
            found = _sheltered_at(token, crisis)
            if found is not None:
                yield found
        elif lemma in ("condition", "conditions", "situation") and any(
            _lemma(c) in BAD_CONDITION_WORDS for c in token.children if c.dep_ in ("amod", "conj")
        ):
            if token.head.lower_ in ("in", "into"):
                verb = token.head.head
                yield Found("shelter", min(verb.i, token.left_edge.i), _right_edge(token) + 1, token)
        elif lemma in ("centre", "center") and _modifiers(token) & {"evacuation", "collective", "transit", "reception"}:
            yield Found("shelter", token.left_edge.i, token.i + 1, token)
        elif (
            token.dep_ == "pobj"
            and token.head.lower_ in ("in", "at", "inside")
            and _is_shelter_place(token, strong_only=True)
            and _lemma(token) not in ("relative", "host")
        ):
            # "families in Kalma camp", "the 20,000 people at the protection of civilians site"
            holder = token.head.head
            if holder.pos_ in ("NOUN", "PROPN", "NUM") and _is_people(holder) and (crisis or _lemma(token) in ("camp", "tent", "shelter")):
                yield Found("shelter", token.head.i, _right_edge(token) + 1, token)
        elif lemma in ("camp", "settlement", "centre", "center", "shelter") or (
            crisis and (lemma in STRONG_SHELTER_PLACES or lemma in WEAK_SHELTER_PLACES)
        ):
            if token.pos_ != "NOUN":
                continue
            bad = [
                c
                for c in token.children
                if c.dep_ in ("amod", "compound") and (_lemma(c) in BAD_CONDITION_WORDS or c.lower_ in BAD_CONDITION_WORDS)
            ]
            if bad:
                yield Found("shelter", min(c.i for c in bad), token.i + 1, token)


def _sheltered_at(verb: Token, crisis: bool) -> Found | None:
    lemma = _lemma(verb)
    refuge = next((c for c in verb.children if c.dep_ == "dobj" and _lemma(c) in REFUGE_NOUNS), None)
    if lemma in ("take", "seek", "find") and refuge is None:
        return None
    sheltering = lemma in SHELTERING_VERBS
    heads = [verb] + ([refuge] if refuge is not None else [])
    if lemma == "spend" and not any(_lemma(c) in ("night", "day", "week", "month", "nights") for c in verb.children):
        return None
    hiding = lemma in HIDING_VERBS
    if lemma == "spend" or (lemma == "sleep" and crisis):
        for child in verb.subtree:
            if child.i > verb.i and child.i <= verb.i + 6 and child.lower_ in OUTDOOR_WORDS and crisis:
                return Found("shelter", verb.i, child.i + 1, verb)
    for head in heads + [c for c in verb.children if c.dep_ == "xcomp" and _lemma(c) in SHELTERING_VERBS]:
        for prep in _place_preps(head):
            for place in _conjuncts(_object_of(prep)):
                strong = _is_shelter_place(place, strong_only=True)
                if strong and (sheltering or crisis or _lemma(place) in ("camp", "tent", "shelter", "basement")):
                    return Found("shelter", verb.i, _right_edge(prep) + 1, verb)
                if sheltering and _is_shelter_place(place, strong_only=False) and (hiding or crisis):
                    return Found("shelter", verb.i, _right_edge(prep) + 1, verb)
    if lemma == "host":
        place = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if place is not None and _lemma(place) == "camp" and crisis:
            return Found("shelter", verb.i, place.i + 1, verb)
    if refuge is not None and not any(c.dep_ == "prep" for c in (*verb.children, *refuge.children)) and _has_people_subject(verb):
        return Found("shelter", verb.i, refuge.i + 1, verb)
    return None


def _place_preps(head: Token) -> Iterator[Token]:
    """The place phrases of a verb: its own ("stayed in tents"), their conjuncts ("in or near the
    camp", "in open areas ... or with host families") and one level down ("over the border into
    the camp")."""
    for prep in (c for c in head.children if c.dep_ == "prep"):
        for each in _conjuncts(prep):
            if each.lower_ in PLACE_PREPOSITIONS:
                yield each
            below = _object_of(each)
            yield from ((c for c in below.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPOSITIONS) if below is not None else ())


def _is_shelter_place(place: Token | None, *, strong_only: bool) -> bool:
    if place is None:
        return False
    lemma = _lemma(place)
    if lemma in ("centre", "center"):
        return any(_lemma(c) in SHELTER_CENTRE_MODIFIERS for c in place.children if c.dep_ in ("amod", "compound"))
    if lemma == "site" or (lemma == "protection" and any(_lemma(t) == "site" for t in place.subtree)):
        return any(_lemma(t) in SHELTER_SITE_MODIFIERS or t.lower_ in SHELTER_SITE_MODIFIERS for t in place.subtree if t != place)
    if lemma in ("relative", "host") or (lemma == "family" and any(_lemma(c) == "host" for c in place.children)):
        return True
    if lemma in STRONG_SHELTER_PLACES:
        return True
    if lemma == "area":
        return any(_lemma(c) == "open" for c in place.children)
    return not strong_only and lemma in WEAK_SHELTER_PLACES


# --- protection ---------------------------------------------------------------------------------


def _protection(sentence: Span, crisis: bool) -> Iterator[Found]:
    """Torture, abduction, looting, sexual violence, human shields; arrests and detention in a
    crisis or when illegal, arbitrary or en masse; work forbidden."""
    for token in sentence:
        lemma = _lemma(token)
        if token.pos_ in ("NOUN", "PROPN") and _only_feared_or_suffered(token):
            continue
        if token.pos_ in ("NOUN", "PROPN"):
            if (
                lemma in PROTECTION_NOUNS
                and not (lemma == "shield" and not any(c.lower_ == "human" for c in token.children))
                and not (lemma == "recruitment" and not _is_forced_recruitment(token))
            ):
                yield _noun_found("protection", token)
            elif lemma in ABUSE_NOUNS and any(
                _lemma(c) in VIOLENCE_KINDS or c.lower_ in VIOLENCE_KINDS
                for n in (token, token.head if token.dep_ == "conj" else token)
                for c in n.children
            ):
                yield _noun_found("protection", token)
            elif lemma in ("violation", "abuse") and any("right" in _lemma(t) for t in token.subtree):
                yield _noun_found("protection", token)
            elif (
                lemma == "abuse"
                and crisis
                and any(c.lower_ in ("against", "of") and _object_of(c) is not None and _is_people(_object_of(c)) for c in token.children)
            ):
                yield _noun_found("protection", token)
            elif lemma in RECRUIT_WORDS and _is_forced_recruitment(token):
                yield _noun_found("protection", token)
            elif lemma == "disappearance" and _modifiers(token) & (FORCED_WORDS | {"enforce", "enforced", "involuntary"}):
                yield _noun_found("protection", token)
            elif lemma == "marriage" and _modifiers(token) & {"child", "early", "forced"}:
                yield _noun_found("protection", token)
            elif lemma in PROTECTION_NOUNS_IN_CRISIS and (crisis or _is_abusive(token)) and not _is_charge(token):
                yield _noun_found("protection", token)
            elif lemma == "right" and _is_negated(token.head) and any(_lemma(t) in DENIABLE_RIGHTS for t in token.subtree):
                yield Found(
                    "protection",
                    token.head.left_edge.i if token.head.dep_ != "ROOT" else _first_aux(token.head).i,
                    _right_edge(token) + 1,
                    token,
                )
        elif token.pos_ == "VERB" and _announced(token):
            continue  # "we will identify, arrest and prosecute those responsible": an intention, not a condition
        elif token.pos_ == "VERB":
            if lemma in PROTECTION_VERBS or (lemma in PROTECTION_VERBS_IN_CRISIS and crisis and not _is_police_case(token)):
                yield _verb_found("protection", token)
            elif lemma == "round" and any(c.dep_ == "prt" and c.lower_ == "up" for c in token.children) and crisis:
                yield _verb_found("protection", token)
            elif lemma in ARSON_VERBS and _has_patient_in(token, ARSON_TARGETS):
                yield _verb_found("protection", token)
            elif (
                lemma == "set"
                and _has_patient_in(token, ARSON_TARGETS)
                and any(c.lower_ in ("on", "ablaze", "alight") for c in token.children)
            ):
                yield _verb_found("protection", token)
            elif lemma in RECRUIT_WORDS and _is_forced_recruitment(token) and crisis:
                yield _verb_found("protection", token)
            elif lemma == "disappear" and any(c.lower_ in FORCED_WORDS for c in token.children):
                yield _verb_found("protection", token)
            elif lemma in FORBID_VERBS:
                for thing in (t for t in token.subtree if _lemma(t) in DENIABLE_RIGHTS and t.i > token.i):
                    kind = DENIABLE_RIGHTS[_lemma(thing)]
                    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                    first = subject.left_edge.i if subject is not None and kind == "protection" else token.i
                    yield Found(kind, first, _right_edge(thing) + 1, token)
                    break


def _announced(verb: Token) -> bool:
    """ "will arrest", "would be detained", "we will identify, arrest and prosecute" (a conjunct
    without auxiliaries of its own takes its first verb's): what someone says will be done has not
    happened, and an act that has not happened is no condition of the people it would be done to."""
    current = verb
    for _ in range(4):
        auxiliaries = [c for c in current.children if c.dep_ in ("aux", "auxpass")]
        if auxiliaries:
            return any(c.lower_ in FUTURE_MODALS for c in auxiliaries)
        if current.dep_ != "conj" or current.head.pos_ not in ("VERB", "AUX") or current.head == current:
            return False
        current = current.head
    return False


def _is_forced_recruitment(word: Token) -> bool:
    """ "forcibly recruited boys", "forced recruitment", "the recruitment of children", "child
    recruitment"."""
    if any(_lemma(c) in FORCED_WORDS or c.lower_ in FORCED_WORDS for c in word.children if c.dep_ in ("advmod", "amod", "compound")):
        return True
    if any(_lemma(c) in MINOR_NOUNS for c in word.children if c.dep_ in ("compound", "dobj", "nsubjpass")):
        return True
    of = next((c for c in word.children if c.lower_ == "of"), None)
    return of is not None and _object_of(of) is not None and _lemma(_object_of(of)) in MINOR_NOUNS


def _only_feared_or_suffered(noun: Token) -> bool:
    """ "at risk of forced recruitment" (a risk: at risk), "fled to avoid forced recruitment" (it did
    not happen), "survivors of sexual violence" (a group of people: at risk)."""
    current = noun
    for _ in range(4):
        if current.dep_ not in ("pobj", "conj", "dobj", "xcomp") or current.head == current:
            return False
        current = current.head
        if current.lower_ == "of" and _lemma(current.head) in ("risk", "survivor"):
            return True
        if _lemma(current) in AVOIDED_VERBS:
            return True
    return False


def _is_abusive(noun: Token) -> bool:
    """ "illegal arrests", "a series of arrests", "mass detention"."""
    if any(_lemma(c) in ABUSIVE_MODIFIERS for c in noun.children):
        return True
    return noun.head.lower_ == "of" and _lemma(noun.head.head) in SERIES_NOUNS


def _is_charge(noun: Token) -> bool:
    # "charged with rape", "a case of rape": a crime told in court, not an incident in a crisis.
    return noun.head.lower_ in ("with", "of") and _lemma(noun.head.head) in CHARGE_WORDS


def _is_police_case(verb: Token) -> bool:
    # "Police ... arrested Paul Floyd", "a suspect was detained": a criminal case, not a crisis.
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "agent")), None)
    words = {_lemma(t) for t in subject.subtree} if subject is not None else set()
    patient = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    return bool(words & {"police", "officer", "sheriff", "fbi"}) or (patient is not None and _lemma(patient) in ("suspect", "man", "woman"))


# --- health -------------------------------------------------------------------------------------


def _health(sentence: Span, crisis: bool) -> Iterator[Found]:
    """Disease, outbreaks, malnutrition, trauma and hunger among people in a crisis ("measles
    broke out in the camp", "acute malnutrition", "visibly traumatized, hungry and dehydrated")."""
    for token in sentence:
        lemma = _lemma(token)
        if lemma == "malnutrition" or (
            lemma in PSYCHOLOGICAL_HARM and crisis and token.pos_ == "NOUN" and _modifiers(token) & PSYCHOLOGICAL_WORDS
        ):
            yield _noun_found("health", token)
        elif not crisis:
            continue
        elif _is(token, HEALTH_NOUNS) and token.pos_ in ("NOUN", "PROPN") and not _in_a_name(token):
            if token.dep_ == "nsubj" and token.head.pos_ == "VERB":
                yield Found("health", token.left_edge.i, _right_edge_of_verb(token.head) + 1, token)
            elif token.dep_ == "pobj" and token.head.head.pos_ == "VERB" and _lemma(token.head.head) in ("infect", "suffer", "die", "fall"):
                yield Found("health", token.head.head.i, token.i + 1, token)
            else:
                yield _noun_found("health", token)
        elif lemma in HEALTH_ADJECTIVES or token.lower_ in HEALTH_ADJECTIVES:
            yield Found("health", token.i, token.i + 1, token)
        elif lemma in ("situation", "condition", "conditions") and any(_lemma(c) in UNHYGIENIC_WORDS for c in token.children):
            yield Found("health", min(c.i for c in token.children if _lemma(c) in UNHYGIENIC_WORDS), token.i + 1, token)


# --- damage -------------------------------------------------------------------------------------


def _damage(sentence: Span, crisis: bool) -> Iterator[Found]:
    """Homes, villages and infrastructure destroyed, damaged, flooded, collapsed, swept away or
    reduced to rubble, and "damage to houses"."""
    for token in sentence:
        lemma = _lemma(token)
        if token.pos_ == "VERB" and (lemma in DAMAGE_VERBS or (lemma == "reduce" and _reduced_to_ruins(token))):
            patient = _patient(token)
            if patient is None or not (_housing_lemmas(patient) & HOUSING_NOUNS):
                continue
            if patient.i < token.i:
                yield Found("damage", patient.left_edge.i, _right_edge_of_verb(token) + 1, token)
            else:
                yield Found("damage", token.i, _right_edge(patient) + 1, token)
        elif crisis and token.pos_ == "VERB" and lemma in STRIKE_VERBS and _struck_by_a_weapon(token):
            # "two hospitals were hit by airstrikes", "a missile struck the market"
            patient = _patient(token)
            if patient is None or not (_housing_lemmas(patient) & HOUSING_NOUNS):
                continue
            first, last = (patient.left_edge.i, _right_edge_of_verb(token)) if patient.i < token.i else (token.i, _right_edge(patient))
            yield Found("damage", first, last + 1, token)
        elif lemma == "damage" and token.pos_ == "NOUN":
            to = next((c for c in token.children if c.lower_ in ("to", "of")), None)
            target = _object_of(to) if to is not None else None
            if target is not None and _lemma(target) in HOUSING_NOUNS:
                yield Found("damage", token.left_edge.i, _right_edge(target) + 1, token)
        elif crisis and token.lower_ in DAMAGED_PARTICIPLES and token.dep_ == "amod" and _lemma(token.head) in HOUSING_NOUNS:
            yield Found("damage", token.i, token.head.i + 1, token)
        elif lemma in DAMAGED_ADJECTIVES:
            yield Found("damage", token.head.left_edge.i if token.head.pos_ == "VERB" else token.i, token.i + 1, token)


def _struck_by_a_weapon(verb: Token) -> bool:
    """The subject or the by-phrase of "hit", "struck", "targeted" is a weapon or an attack."""
    doers = [c for c in verb.children if c.dep_ == "nsubj"] + [o for c in verb.children if c.dep_ == "agent" for o in c.children]
    return any(_lemma(d) in STRIKE_WEAPONS or _modifiers(d) & STRIKE_WEAPONS for d in doers)


def _housing_lemmas(patient: Token) -> set[str]:
    """What a damage verb's patient names, through a quantity ("rows of apartment blocks", "dozens of
    schools and health facilities", "the roofs off thousands of houses")."""
    nouns = _conjuncts(patient)
    for noun in list(nouns):
        of = next((c for c in noun.children if c.lower_ == "of"), None)
        if of is not None and (_lemma(noun) in QUANTITY_NOUNS or noun.pos_ == "NUM"):
            nouns += _conjuncts(_object_of(of))
    found = {_lemma(n) for n in nouns if not _in_a_name(n)}
    # "water systems", "the sewage network": a utility's works are infrastructure
    if any(
        _lemma(n) in UTILITY_SYSTEMS
        and any(
            _lemma(c) in UTILITY_NOUNS or _lemma(c) in ("sanitation", "sewage", "sewer")
            for c in n.children
            if c.dep_ in ("compound", "amod", "nmod")
        )
        for n in nouns
    ):
        found.add("infrastructure")
    return found


def _reduced_to_ruins(verb: Token) -> bool:
    doc = verb.doc
    after = doc[verb.i + 1 : min(len(doc), verb.i + 5)]
    if len(after) and after[0].lower_ == "to" and any(_is(t, RUIN_NOUNS) for t in after[1:]):
        return True  # "reduced to rubble" however it is parsed
    return any(c.lower_ == "to" and _object_of(c) is not None and _is(_object_of(c), RUIN_NOUNS) for c in verb.children)


# --- access -------------------------------------------------------------------------------------


def _access(sentence: Span, crisis: bool) -> Iterator[Found]:
    """Access lacking, limited or denied ("has not had access to the region", "limited access to
    basic services"), "humanitarian access", aid or food prevented or blocked, roads closed."""
    for token in sentence:
        lemma = _lemma(token)
        if lemma in ACCESS_NOUNS and token.pos_ == "NOUN" and not _in_a_name(token):
            # "entry", "passage" and "movement" only as what is let in or kept out ("denied entry",
            # "freedom of movement restricted"), never as a doer ("the rebel movement blocked ...").
            if lemma != "access" and not (
                crisis and (token.dep_ in ("dobj", "nsubjpass") or (lemma == "movement" and token.head.lower_ == "of"))
            ):
                continue
            target = _object_of(next((c for c in token.children if c.lower_ == "to"), None))
            to_a_service = target is not None and bool(
                {_lemma(n) for n in _conjuncts(target)} & (SERVICE_NOUNS | {"care", "healthcare", "food"})
            )
            humanitarian = any(_lemma(c) == "humanitarian" for c in token.children)
            # "Freedom of movement is restricted", "limited freedom of movement": the freedom is what is limited.
            freedom = (
                token.head.head if lemma == "movement" and token.head.lower_ == "of" and _lemma(token.head.head) == "freedom" else None
            )
            limited = [
                c
                for n in (token, freedom)
                if n is not None
                for c in n.children
                if _lemma(c) in LIMITING_WORDS or c.lower_ in LIMITING_WORDS
            ]
            role = token.head if token.dep_ == "conj" else token  # "Mobility and access to basic food are being restricted"
            role = freedom if freedom is not None else role
            restricted_verb = role.head if role.dep_ in ("nsubj", "nsubjpass", "dobj") and _lemma(role.head) in RESTRICT_VERBS else None
            negated_verb = token.head if token.dep_ == "dobj" and _is_negated(token.head) else None
            if not (humanitarian or limited or restricted_verb is not None or negated_verb is not None):
                continue
            if not (crisis or to_a_service or humanitarian):
                continue
            first = min([(role if freedom is not None else token).left_edge.i] + [c.left_edge.i for c in limited])
            last = _right_edge(token)
            if negated_verb is not None:
                first = min(first, _first_aux(negated_verb).i)
            if restricted_verb is not None:
                first, last = min(first, token.left_edge.i), max(last, restricted_verb.i)
            yield Found("access", first, last + 1, token)
        elif token.pos_ == "VERB" and lemma in PREVENT_VERBS and _blocked_aid(token, crisis) is not None:
            blocked = _blocked_aid(token, crisis)
            if blocked is not None:
                yield Found("access", min(token.i, blocked.left_edge.i), _right_edge_of_verb(token) + 1, token)
        elif token.pos_ in ("VERB", "ADJ") and (lemma in CLOSE_VERBS or token.lower_ in ("closed", "shut", "impassable")) and crisis:
            patient = _patient(token)
            if patient is not None and (_lemma(patient) in ROAD_NOUNS or (_cut_off(token) and _lemma(patient) in CUT_OFF_PLACES)):
                first, last = (patient.left_edge.i, token.i) if patient.i < token.i else (token.i, _right_edge(patient))
                yield Found("access", first, last + 1, token)
        elif token.pos_ == "VERB" and _kept_out(token, crisis):
            first = _first_aux(token) if _is_negated(token) else token
            subject = next((c for c in token.children if c.dep_ in ("nsubjpass", "nsubj")), None)
            if subject is not None and subject.i < token.i and not _is_negated(token):
                first = subject
            last = max(
                [_right_edge_of_verb(token)]
                + [c.i for c in token.children if c.dep_ in ("prep", "xcomp", "dobj") and c.i == _right_edge_of_verb(token) + 1]
                + [_right_edge(c) for c in token.children if c.dep_ == "dobj"]
            )
            yield Found("access", min(first.i, token.i), last + 1, token)
        elif token.pos_ == "NOUN" and lemma == "blockade" and (token.head.lower_ == "under" or _restricts_movement(token)):
            # "living under blockade", "a blockade on fuel and food imports" (not the word itself)
            yield Found("access", token.head.i if token.head.lower_ == "under" else token.left_edge.i, _right_edge(token) + 1, token)
        elif token.pos_ == "NOUN" and crisis and lemma in RESTRICTION_NOUNS and _restricts_movement(token):
            yield _noun_found("access", token)
        elif token.pos_ in ("NOUN", "PROPN") and lemma in AID_BEARERS and _is_aid_bearer(token, crisis) and _harm_verb(token) is not None:
            # "an ambush on a UN convoy", "gunmen attacked an aid truck": violence against humanitarian
            # personnel and assets (DEEP Humanitarian Access), whoever carried the aid.
            verb = _harm_verb(token)
            yield Found("access", min(token.left_edge.i, verb.i), max(_right_edge(token), verb.i) + 1, token)


def _is_aid_bearer(noun: Token, crisis: bool) -> bool:
    """Aid or who carries it, said so: "aid trucks", "humanitarian agencies", "relief convoys", "trucks
    carrying medicine", "food and fuel" in a crisis (not any flight, worker or vehicle)."""
    if _is_aid(noun, False) or (crisis and _lemma(noun) in AID_GOODS_IN_CRISIS):
        return True
    if _lemma(noun) not in AID_BEARERS:
        return False
    if _modifiers(noun) & AID_BEARER_MODIFIERS:
        return True
    carrying = next(
        (c for c in noun.children if c.dep_ in ("acl", "relcl") and _lemma(c) in ("carry", "transport", "bring", "deliver")), None
    )
    carried = next((c for c in carrying.children if c.dep_ == "dobj"), None) if carrying is not None else None
    return carried is not None and _is_aid(carried, crisis)


def _kept_out(verb: Token, crisis: bool) -> bool:
    """Aid or aid workers "not allowed in", "refused entry", "turned back at checkpoints", "held up at
    the border", "denied permission"."""
    lemma = _lemma(verb)
    bearer = next((c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")), None)
    if bearer is None and verb.dep_ in ("acl", "relcl"):
        bearer = verb.head
    if bearer is None or not any(_is_aid_bearer(n, crisis) for n in _conjuncts(bearer)):
        return False
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")}
    if lemma in ("allow", "permit", "let") and _is_negated(verb):
        return True
    if lemma in ("turn", "send") and particles & {"back", "away"}:
        return True
    if lemma == "hold" and "up" in particles:
        return True
    if lemma in ("deny", "refuse") and verb.tag_ == "VBN":
        return True
    return (
        lemma in ("stop", "block", "stall", "strand")
        and verb.tag_ == "VBN"
        and any(
            c.lower_ in ("at", "by")
            and _object_of(c) is not None
            and (_lemma(_object_of(c)) in ROAD_NOUNS or _lemma(_object_of(c)) in ("authority", "force", "soldier", "army"))
            for c in verb.children
        )
    )


def _restricts_movement(noun: Token) -> bool:
    """ "restrictions on movement", "movement restrictions", "curbs on aid deliveries"."""
    if _modifiers(noun) & RESTRICTED_THINGS:
        return True
    on = next((c for c in noun.children if c.lower_ in ("on", "to")), None)
    return on is not None and _object_of(on) is not None and _lemma(_object_of(on)) in RESTRICTED_THINGS


def _blocked_aid(verb: Token, crisis: bool) -> Token | None:
    """The aid or food a blocking verb keeps out: in its object ("prevented the distribution of
    food aid") or its clause's subject ("Foodstuffs are among the goods being blocked")."""
    candidates = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    root = verb
    while root.dep_ in ("acl", "relcl", "pcomp", "pobj", "prep") and root.head != root:
        root = root.head
    candidates += [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ in ("acl", "relcl"):
        candidates.append(verb.head)
    for candidate in candidates:
        lemmas = {_lemma(t) for t in candidate.subtree} if candidate is not verb.head else {_lemma(candidate)}
        if lemmas & AID_NOUNS or (crisis and lemmas & GOODS_NOUNS):
            return candidate
    return None


# --- aid ----------------------------------------------------------------------------------------


def _aid(sentence: Span, crisis: bool) -> Iterator[Found]:
    """Aid provided, delivered, sent or claimed ("delivering humanitarian aid, including food and
    hygiene products", "tents provided by the local authorities"), humanitarian or relief work ("a
    UN humanitarian mission", "relief efforts"), gifts of supplies, patients referred to hospital."""
    for token in sentence:
        lemma = _lemma(token)
        if (
            token.pos_ != "VERB"
            and token.dep_ in ("advcl", "xcomp", "acl")
            and token.lower_.endswith("ing")
            and token.lower_[:-3] in DELIVER_VERBS
        ):
            lemma = token.lower_[:-3]  # a participle read as a noun ("trucking clean water")
        if (
            (token.pos_ == "VERB" or lemma != _lemma(token))
            and lemma in DELIVER_VERBS
            and not (lemma == "hand" and not any(c.lower_ == "out" for c in token.children))
        ):
            given = next((c for c in token.children if c.dep_ == "dobj"), None)
            if given is None and token.dep_ in ("acl", "relcl") and token.tag_ == "VBN":
                given = token.head
                if _is_aid(given, crisis):
                    yield Found("aid", given.left_edge.i, _right_edge_of_verb(token) + 1, token)
                continue
            if given is not None and any(_is_aid(n, crisis) or (crisis and _is_helper(n)) for n in _conjuncts(given)):
                yield Found("aid", token.i, _right_edge(given) + 1, token)
        elif token.pos_ in ("NOUN", "PROPN") and lemma in AID_WORK_NOUNS and _is_aid_work(token, crisis):
            yield _noun_found("aid", token)
        elif token.pos_ == "NOUN" and lemma in ("aid", "assistance", "relief") and _modifiers(token) & AID_MODIFIERS:
            if not any(_lemma(a) in PREVENT_VERBS or _lemma(a) in DELIVER_VERBS for a in list(token.ancestors)[:4]):
                yield _noun_found("aid", token)
        elif token.pos_ == "NOUN" and lemma in GIFT_NOUNS and any(_is_aid(t, True) for t in token.subtree if t != token):
            if not any(_lemma(a) in PREVENT_VERBS or _lemma(a) in RESTRICT_VERBS for a in list(token.ancestors)[:4]):
                yield _noun_found("aid", token)
        elif token.pos_ == "VERB" and crisis and lemma in SET_UP_VERBS and _sets_up_a_facility(token):
            patient = _patient(token)
            if patient is not None and patient.i < token.i:
                yield Found("aid", patient.left_edge.i, _right_edge_of_verb(token) + 1, token)
            elif patient is not None:
                yield Found("aid", token.i, _right_edge(patient) + 1, token)
        elif token.pos_ == "VERB" and crisis and lemma == "scale" and any(c.lower_ == "up" for c in token.children):
            scaled = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None) or next(
                (c for c in token.children if c.dep_ == "nsubj"), None
            )
            if scaled is not None and _lemma(scaled) in SCALABLE_AID:
                first, last = (token.i, _right_edge(scaled)) if scaled.i > token.i else (scaled.left_edge.i, _right_edge_of_verb(token))
                yield Found("aid", first, last + 1, token)
        elif token.pos_ == "VERB" and crisis and lemma in FUND_VERBS:
            given = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if given is not None and any(t.tag_ == "$" or _lemma(t) in FUND_NOUNS for t in given.subtree) and _for_relief(token):
                first, last = (token.i, _right_edge(given)) if given.i > token.i else (given.left_edge.i, _right_edge_of_verb(token))
                yield Found("aid", first, last + 1, token)
        elif token.pos_ == "VERB" and lemma in REFER_VERBS and crisis:
            to = next((c for c in token.children if c.lower_ == "to"), None)
            if to is not None and _object_of(to) is not None and _lemma(_object_of(to)) in ("hospital", "clinic"):
                yield Found("aid", token.i, _right_edge(to) + 1, token)


def _is_aid(noun: Token, crisis: bool) -> bool:
    lemma = _lemma(noun)
    modifiers = {_lemma(c) for c in noun.children if c.dep_ in ("amod", "compound")}
    if lemma in AID_NOUNS and lemma not in ("food", "water", "shelter"):
        return True
    if modifiers & AID_MODIFIERS or (crisis and modifiers & AID_MODIFIERS_IN_CRISIS):
        return True
    return crisis and (lemma in GOODS_NOUNS or lemma in ("food", "water", "shelter", "medicine"))


def _is_helper(noun: Token) -> bool:
    """People sent to help: "surgical teams", "50 rescuers", "a team of doctors"."""
    if _lemma(noun) not in HELPER_NOUNS:
        return False
    if _lemma(noun) not in ("doctor", "surgeon", "nurse", "medic"):
        member = _object_of(next((c for c in noun.children if c.lower_ == "of"), None))
        return bool(_modifiers(noun) & HELPER_MODIFIERS) or (member is not None and _lemma(member) in HELPER_NOUNS)
    return True


def _for_relief(verb: Token) -> bool:
    """Money given for relief: the clause says what for ("pledged $50 million in humanitarian aid",
    "released emergency funds for flood victims"), not any sum announced in a war."""
    return any(_lemma(t) in RELIEF_PURPOSES or t.lower_ in RELIEF_PURPOSES for t in verb.subtree if t.i > verb.i or t.dep_ == "nsubjpass")


def _sets_up_a_facility(verb: Token) -> bool:
    """ "treatment centres have been set up", "opened three field hospitals" ("set" needs its "up")."""
    if _lemma(verb) == "set" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children):
        return False
    patient = _patient(verb)
    if patient is None or _lemma(patient) not in AID_FACILITIES:
        return False
    return _lemma(patient) not in PURPOSE_FACILITIES or bool(_modifiers(patient) & FACILITY_PURPOSES)


def _is_aid_work(noun: Token, crisis: bool) -> bool:
    """ "a UN humanitarian mission", "relief efforts", "the medical team", "a team of medical
    specialists" (medical work only in a crisis)."""
    modifiers = {_lemma(c) for c in noun.children if c.dep_ in ("amod", "compound")}
    if modifiers & {"humanitarian", "relief", "aid"}:
        return True
    if not crisis:
        return False
    if modifiers & {"medical", "flash", "surgical"}:
        return True
    of = next((c for c in noun.children if c.lower_ == "of"), None)
    member = _object_of(of) if of is not None else None
    return member is not None and any(_lemma(c) in ("medical", "humanitarian", "relief") for c in member.children)


# --- needs --------------------------------------------------------------------------------------


def _needs(sentence: Span, crisis: bool) -> Iterator[Found]:
    """ "assess humanitarian needs", "an urgent need for the international community to step in", "in
    more desperate need of food, shelter and health care", "Many also need international
    protection", "seeking food, water and medicines". "Special needs" are a vulnerability (at risk)."""
    for token in sentence:
        lemma = _lemma(token)
        if lemma == "need" and token.pos_ == "NOUN":
            modifiers = _modifiers(token)
            if "special" in modifiers:
                continue
            of = next((c for c in token.children if c.lower_ in ("of", "for")), None)
            needed = _conjuncts(_object_of(of)) if of is not None else []
            people_in_need = crisis and token.head.lower_ == "in" and of is None and _is_people(token.head.head)
            if people_in_need:
                yield Found("need", token.head.head.left_edge.i, token.i + 1, token)
            elif (
                modifiers & NEED_MODIFIERS
                or (crisis and modifiers & NEED_MODIFIERS_IN_CRISIS)
                or any(_lemma(n) in NEEDED_THINGS for n in needed)
            ):
                first = token.head.i if token.head.lower_ == "in" else token.left_edge.i
                yield Found("need", first, _right_edge(token) + 1, token)
        elif token.pos_ == "VERB" and crisis and lemma in REQUIRE_VERBS:
            needed = next((c for c in token.children if c.dep_ == "dobj"), None) or _object_of(
                next((c for c in token.children if c.lower_ == "on"), None)
            )
            if needed is not None and any(_lemma(n) in NEEDED_THINGS or _is_aid(n, False) for n in _conjuncts(needed)):
                yield Found("need", token.i, _right_edge(needed) + 1, token)
        elif token.pos_ == "VERB" and (lemma == "need" or lemma in SEEK_VERBS):
            needed = next((c for c in token.children if c.dep_ == "dobj"), None)
            if needed is None:
                continue
            lemmas = {_lemma(n) for n in _conjuncts(needed)}
            if lemmas & REFUGE_NOUNS and lemma in SEEK_VERBS:
                continue  # "seek shelter" is where people shelter
            if lemmas & NEEDED_THINGS and (crisis or _has_people_subject(token) or lemma in SEEK_VERBS):
                yield Found("need", token.i, _right_edge(needed) + 1, token)


# --- at risk ------------------------------------------------------------------------------------


def _at_risk(sentence: Span, crisis: bool) -> Iterator[Found]:
    """Vulnerable people ("elderly or disabled people who could not walk", "people with special
    needs", "older people, women and children"), people trapped, stranded or stuck, lives or
    survival endangered, people at risk."""
    seen: set[int] = set()
    for token in sentence:
        lemma = _lemma(token)
        if token.pos_ in ("NOUN", "PROPN") and lemma in PEOPLE_NOUNS and token.tag_ in ("NNS", "NNPS") and _is_vulnerable(token):
            group = _coordination(token)
            if group[0].i in seen:
                continue
            seen.add(group[0].i)
            yield Found("at_risk", group[0].left_edge.i, max(_right_edge(t) for t in group) + 1, token)
        elif lemma == "need" and any(_lemma(c) == "special" for c in token.children):
            yield Found("at_risk", token.left_edge.i, token.i + 1, token)
        elif lemma == "survivor" and any(_lemma(t) == "violence" for t in token.subtree):
            yield _noun_found("at_risk", token)
        elif (
            lemma in TRAP_VERBS
            and token.tag_ == "VBN"
            or token.lower_ in ("stuck", "trapped", "stranded")
            or (crisis and token.pos_ == "VERB" and (_buried(token) or _caught(token) or _cut_off(token)))
        ):
            found = _trapped(token)
            if found is not None:
                yield found
        elif crisis and token.pos_ == "VERB" and lemma in ESCAPE_VERBS:
            found = _cannot_leave(token)
            if found is not None:
                yield found
        elif lemma == "risk" and token.head.lower_ == "at":
            verb = token.head.head
            people = next((c for c in verb.children if c.dep_ in ("nsubj", "dobj", "nsubjpass")), None)
            if people is not None and ({_lemma(t) for t in people.subtree} & (PEOPLE_NOUNS | LIFE_NOUNS) or crisis):
                first = verb.i if people.i > verb.i else token.head.i
                yield Found("at_risk", first, _right_edge(token) + 1, token)
        elif token.pos_ == "VERB" and lemma in ENDANGER_VERBS:
            threatened = next((c for c in token.children if c.dep_ == "dobj"), None)
            if threatened is not None and _lemma(threatened) in LIFE_NOUNS:
                yield Found("at_risk", token.i, _right_edge(threatened) + 1, token)


def _buried(verb: Token) -> bool:
    """ "buried under the rubble", "pinned beneath debris"."""
    return _lemma(verb) in ("bury", "pin", "trap") and any(
        c.lower_ in ("under", "beneath", "underneath", "in") and _object_of(c) is not None and _is(_object_of(c), RUBBLE_NOUNS)
        for c in verb.children
    )


def _caught(verb: Token) -> bool:
    """ "caught in the crossfire", "caught up in the fighting"."""
    if _lemma(verb) != "catch":
        return False
    preps = [c for c in verb.children if c.dep_ == "prep"] + [
        p for c in verb.children if c.dep_ == "prt" for p in c.children if p.dep_ == "prep"
    ]
    return any(c.lower_ in ("in", "between") and _object_of(c) is not None and _is(_object_of(c), CROSSFIRE_NOUNS) for c in preps)


def _cut_off(verb: Token) -> bool:
    return _lemma(verb) == "cut" and any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children)


def _cannot_leave(verb: Token) -> Found | None:
    """ "remain unable to leave the city", "could not flee", "were not allowed to leave", "prevented from
    leaving": people who cannot get away, said of people."""
    if _lemma(verb) == "get" and not any(c.dep_ == "prt" and c.lower_ in ("out", "away") for c in verb.children):
        return None
    impeded = _impediment(verb)
    if impeded is None:
        return None
    first, holder = impeded
    person = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass") or (c.dep_ == "dobj" and holder != verb)), None)
    if person is None and holder.dep_ in ("relcl", "acl"):
        person = holder.head
    if person is None or not _is_people(person):
        return None
    dobj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    last = max(_right_edge(dobj) if dobj is not None else verb.i, _right_edge_of_verb(verb))
    return Found("at_risk", min(first.i, verb.i), last + 1, verb)


def _impediment(verb: Token) -> tuple[Token, Token] | None:
    """What keeps the doer of ``verb`` from doing it, as (its first word, the verb whose subject or
    object the doer is): "remain unable to leave", "were not allowed to travel", "prevent residents
    from reaching", "could not flee"; None when nothing does."""
    if (
        verb.dep_ == "xcomp"
        and _lemma(verb.head) in ("unable", "able")
        and (_lemma(verb.head) == "unable" or _is_negated(verb.head) or _is_negated(verb.head.head))
    ):
        return verb.head, verb.head.head
    if verb.dep_ == "xcomp" and _lemma(verb.head) in ("allow", "permit") and _is_negated(verb.head):
        return _first_aux(verb.head), verb.head
    if verb.dep_ == "pcomp" and verb.head.lower_ == "from" and _lemma(verb.head.head) in BARRING_VERBS:
        return verb.head.head, verb.head.head
    if _is_negated(verb) and any(_lemma(c) in ("can", "could", "be") for c in verb.children if c.dep_ == "aux"):
        return _first_aux(verb), verb
    return None


def _is_vulnerable(person: Token) -> bool:
    if any(
        _lemma(c) in VULNERABLE_MODIFIERS or c.lower_ in VULNERABLE_MODIFIERS
        for c in person.children
        if c.dep_ in ("amod", "compound", "conj")
    ):
        return True
    with_ = next((c for c in person.children if c.lower_ == "with"), None)
    having = _object_of(with_) if with_ is not None else None
    return having is not None and (
        _lemma(having) in VULNERABLE_CONDITIONS or (_lemma(having) == "need" and any(_lemma(c) == "special" for c in having.children))
    )


def _coordination(token: Token) -> list[Token]:
    """The vulnerable members of the list a noun is part of ("women, children, older people"; not
    the "officials, rescue workers" before "people with special needs")."""
    top = token
    while top.dep_ == "conj" and top.head != top:
        top = top.head
    members = [top, *top.conjuncts]
    chosen = [m for m in members if m == token or _is_vulnerable(m) or _lemma(m) in VULNERABLE_GROUPS]
    # Keep the list unbroken: from the first chosen member to the last that follows without a gap.
    ordered = sorted(members, key=lambda m: m.i)
    start = ordered.index(min(chosen, key=lambda m: m.i))
    run = []
    for member in ordered[start:]:
        if member not in chosen:
            break
        run.append(member)
    return run if token in run else [token]


def _trapped(word: Token) -> Found | None:
    """ "41,000 people were trapped", "stranded foreigners", "the floods left thousands stranded in
    their homes", "They ... are stuck on the Greek islands": said of people."""
    person: Token | None = None
    if word.dep_ == "amod":
        person = word.head
    elif word.dep_ in ("acl", "relcl"):
        person = word.head
    else:
        own = next((c for c in word.children if c.dep_ in ("nsubj", "nsubjpass")), None) if word.pos_ == "VERB" else None
        verb = word.head if word.dep_ in ("acomp", "oprd", "ccomp", "xcomp") and own is None else word
        person = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c != word), None)
        if person is None and word.dep_ in ("ccomp", "xcomp", "oprd"):
            person = next((c for c in word.children if c.dep_ in ("nsubj",)), None)
    if person is None or not _is_people(person):
        return None
    preps = [c for c in word.children if c.dep_ in ("prep", "agent")]
    last = max([word.i] + [_right_edge(p) for p in preps])
    first = word.i
    if word.dep_ == "amod":
        last = max(last, person.i)
    elif word.dep_ in ("ROOT", "conj") and word.tag_ == "VBN":
        first = _first_aux(word).i
    return Found("at_risk", first, last + 1, word)


# --- documentation and asylum -------------------------------------------------------------------


def _documentation(sentence: Span, crisis: bool) -> Iterator[Found]:
    """Asylum and civil documentation (DEEP Protection: legal status, documentation): asylum
    procedures halted ("suspended asylum processing", "has stopped accepting new asylum
    applications", "the suspension of refugee registration", "no longer registers asylum seekers")
    and, in a crisis, people unable to register births or get documents ("unable to register
    births", "cannot obtain passports"). Documents lacking are read with the other lacks."""
    for token in sentence:
        lemma = _lemma(token)
        if token.pos_ in ("VERB", "ADJ") and (lemma in HALT_FORMS or token.lower_ in HALT_FORMS) and not _is_negated(token):
            halted = _halted_procedure(token)
            if halted is not None:
                first, last = (token.i, _right_edge(halted)) if halted.i > token.i else (halted.left_edge.i, _right_edge_of_verb(token))
                yield Found("protection", first, last + 1, token)
        elif token.pos_ == "VERB" and lemma in TAKE_IN_VERBS and _no_longer(token):
            taken = next((c for c in token.children if c.dep_ == "dobj"), None)
            if taken is not None and _is_asylum_procedure(taken):
                yield Found("protection", _first_aux(token).left_edge.i, _right_edge(taken) + 1, token)  # "no longer registers ..."
        elif token.pos_ == "NOUN" and lemma in HALT_NOUNS:
            halted = _object_of(next((c for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "on", "to")), None))
            if halted is not None and _is_asylum_procedure(halted):
                yield Found("protection", token.left_edge.i, _right_edge(token) + 1, token)
        elif crisis and token.pos_ == "VERB" and lemma in DOCUMENT_VERBS:
            wanted = next((c for c in token.children if c.dep_ == "dobj"), None) or _object_of(
                next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "for"), None)
            )
            if wanted is None or not (_is_document(wanted) or (lemma in ("register", "record") and _lemma(wanted) in REGISTERED_EVENTS)):
                continue
            impeded = _impediment(token)
            if impeded is not None:
                yield Found("protection", min(impeded[0].i, token.i), _right_edge(wanted) + 1, token)


def _halted_procedure(verb: Token) -> Token | None:
    """The asylum procedure a halting verb stops: its object or passive subject ("suspended asylum
    processing", "asylum applications were frozen"), the subject it is said of ("asylum processing
    remains suspended"), or what its gerund stops doing ("stopped accepting asylum applications")."""
    patient = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if patient is None and verb.dep_ in ("acomp", "xcomp", "oprd") and _lemma(verb.head) in ("remain", "be", "stay"):
        patient = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if patient is None and not any(c.dep_ in ("dobj", "xcomp") for c in verb.children):
        # A halting verb with no object says what stopped ("asylum processing stopped", "refugee
        # registration paused"), unless its subject is people ("asylum seekers stopped at the border").
        patient = next((c for c in verb.children if c.dep_ == "nsubj" and _lemma(c) != "seeker"), None)
    if patient is None and verb.dep_ == "acl" and (verb.head.lower_ in STAY_FORMS or verb.head.dep_ == "ROOT"):
        # A sentence without a verb of its own ("Refugee registration paused after the floods"): the
        # participle says what its noun suffered.
        patient = verb.head
    if patient is not None and patient.lower_ in STAY_FORMS and patient.pos_ == "NOUN":
        # "Resettlement stays halted": the parser takes "stays" for a noun and the procedure for its compound.
        patient = next((c for c in patient.children if c.dep_ == "compound"), None)
    if patient is None:
        # "Asylum processing remains suspended": the parser takes "remains" for the passive's
        # auxiliary and hangs the subject on it, as its subject or as compounds before it.
        stays = (c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.lower_ in STAY_FORMS)
        patient = next((c for aux in stays for c in aux.children if c.dep_ in ("nsubj", "nsubjpass", "compound") and c.i < aux.i), None)
    if patient is not None and _is_asylum_procedure(patient):
        return patient
    for doing in (c for c in verb.children if c.dep_ in ("xcomp", "dobj") and _lemma(c) in TAKE_IN_VERBS):
        taken = next((c for c in doing.children if c.dep_ == "dobj"), None)
        if taken is not None and _is_asylum_procedure(taken):
            return taken
    return None


def _is_asylum_procedure(noun: Token) -> bool:
    """ "asylum processing", "new asylum applications", "the registration of refugees", "asylum
    seekers", "resettlement": a procedure (or its people) of asylum or refugee status."""
    lemma = _lemma(noun)
    if lemma in ("asylum", "resettlement"):
        return True
    if lemma not in ASYLUM_PROCESSES | {"office"}:
        return False
    named = _modifiers(noun) | ({_lemma(_of_object(noun))} if _of_object(noun) is not None else set())
    return bool(named & ASYLUM_WORDS)


def _is_document(noun: Token) -> bool:
    return _lemma(noun) in DOCUMENT_NOUNS or bool(_modifiers(noun) & DOCUMENT_NOUNS)


def _no_longer(verb: Token) -> bool:
    """Negated, or "no longer" ("no longer registers asylum seekers")."""
    return _is_negated(verb) or any(c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in verb.children)


def _of_object(noun: Token) -> Token | None:
    return _object_of(next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None))


# --- education ----------------------------------------------------------------------------------


def _education(sentence: Span, crisis: bool) -> Iterator[Found]:
    """Education interrupted, in a crisis (DEEP Education): children "out of school", "classes were
    suspended", "exams postponed", schools taken for other uses ("schools are being used as shelters",
    "occupied by armed groups"), children who "cannot attend classes" or "stopped going to school".
    Schools closed are read with the other places that serve people (services cut)."""
    if not crisis:
        return
    doc = sentence.doc
    for token in sentence:
        lemma = _lemma(token)
        if token.pos_ in ("NOUN", "PROPN") and lemma in EDUCATION_NOUNS and not _in_a_name(token):
            head = token.head
            if (
                token.dep_ == "pobj"
                and token.i >= sentence.start + 2
                and doc[token.i - 1].lower_ == "of"
                and _out_of_school(doc[token.i - 2])
            ):
                yield Found("services_cut", token.i - 2, token.i + 1, token)  # "children out of school"
            elif _is_halted(token):
                first, last = (token.left_edge.i, _right_edge_of_verb(head)) if token.i < head.i else (head.i, _right_edge(token))
                yield Found("services_cut", first, last + 1, token)
            elif token.dep_ == "nsubjpass" and _lemma(head) in OCCUPY_VERBS and _taken_for_other_use(head):
                use = next((c for c in head.children if c.dep_ == "prep" and c.lower_ in ("as", "into", "by")), None)
                yield Found("services_cut", token.left_edge.i, (_right_edge(use) if use is not None else head.i) + 1, token)
        elif token.pos_ == "VERB" and lemma in SCHOOL_VERBS:
            school = _school_of(token)
            if school is None:
                continue
            impeded = _impediment(token)
            if impeded is None and token.dep_ == "xcomp" and _lemma(token.head) in ("stop", "quit", "cease"):
                impeded = (token.head, token.head)
            if impeded is not None:
                yield Found("services_cut", min(impeded[0].i, token.i), _right_edge(school) + 1, token)


def _out_of_school(out: Token) -> bool:
    """ "out" of a school as a state people are in ("children out of school", "remain out of school",
    "dropped out of school"), not a way out ("coming out of school", "in and out of school")."""
    if out.lower_ != "out" or out.dep_ == "conj":
        return False
    return out.head.pos_ in ("NOUN", "PROPN", "NUM") or _lemma(out.head) in (
        "be",
        "remain",
        "stay",
        "keep",
        "drop",
        "force",
        "leave",
        "push",
    )


def _is_halted(noun: Token) -> bool:
    """A class, exam or school year suspended, cancelled, postponed or disrupted: the noun is what
    the halting verb halts (its object or passive subject, or the subject of one with no object:
    "classes stopped")."""
    verb = noun.head
    if verb.pos_ != "VERB" or _lemma(verb) not in HALT_VERBS or _is_negated(verb):
        return False
    if noun.dep_ in ("dobj", "nsubjpass"):
        return True
    return noun.dep_ == "nsubj" and not any(c.dep_ == "dobj" for c in verb.children)


def _taken_for_other_use(verb: Token) -> bool:
    """ "used as shelters", "turned into barracks", "occupied by armed groups" ("occupy" needs nothing
    more; "use" and "turn" need what the school became)."""
    if _lemma(verb) in ("occupy", "requisition", "commandeer"):
        return True
    return any(c.dep_ == "prep" and c.lower_ in ("as", "into") for c in verb.children)


def _school_of(verb: Token) -> Token | None:
    """The school a verb of going to school is about: "attend classes", "go to school", "return to
    their classrooms"."""
    for child in verb.children:
        if child.dep_ == "dobj" and _lemma(child) in EDUCATION_NOUNS:
            return child
        if child.dep_ == "prep" and child.lower_ in ("to", "in", "at"):
            place = _object_of(child)
            if place is not None and _lemma(place) in EDUCATION_NOUNS:
                return place
    return None


# --- movement -----------------------------------------------------------------------------------


def _movement(sentence: Span, crisis: bool) -> Iterator[Found]:
    """People's movement restricted, in a crisis (DEEP Humanitarian Access, and Protection's freedom of
    movement): a curfew, a lockdown or roadblocks ("a curfew was imposed", "set up roadblocks"; not a
    curfew lifted), and people barred or not allowed to reach a place ("checkpoints prevent residents
    from reaching their fields", "not allowed to travel to the capital", "unable to reach the
    market"). "Freedom of movement is restricted" is read with the other access nouns."""
    if not crisis:
        return
    for token in sentence:
        lemma = _lemma(token)
        if token.pos_ in ("NOUN", "PROPN") and lemma in MOVEMENT_RESTRICTION_NOUNS:
            governor = token.head if token.dep_ in ("dobj", "nsubjpass", "nsubj") else None
            if governor is not None and _lemma(governor) in LIFTED_VERBS:
                continue  # "the curfew was lifted"
            if any(c.lower_ == "no" for c in token.children) or _only_spoken_of_or_a_buildings(token):
                continue
            yield _noun_found("access", token)
        elif token.pos_ == "VERB" and lemma in MOVEMENT_VERBS:
            found = _barred_from(token)
            if found is not None:
                yield found


def _only_spoken_of_or_a_buildings(measure: Token) -> bool:
    """ "spoke about curfew" (a measure discussed), "the school is on lockdown" (a building secured
    against a shooter): no one's movement restricted."""
    head = measure.head
    if head.lower_ in ("about", "over", "regarding", "against"):
        return True
    if head.lower_ in ("on", "in", "under") and head.dep_ == "prep":
        subject = next((c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subject is not None and _lemma(subject) in SECURED_PLACES
    return False


def _barred_from(verb: Token) -> Found | None:
    """People kept from going somewhere: barred or not allowed whatever the verb's complement, or
    unable to reach a place or service they name ("unable to reach the market"; "could not move" says
    no place: people at risk, not an access constraint)."""
    impeded = _impediment(verb)
    if impeded is None:
        return None
    first, holder = impeded
    imposed = _lemma(holder) in BARRING_VERBS or _lemma(holder) in ("allow", "permit")
    destination = next((c for c in verb.children if c.dep_ == "dobj"), None) or next(
        (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "into", "across")), None
    )
    if not imposed and destination is None:
        return None
    if _lemma(holder) in BARRING_VERBS:
        mover = next((c for c in holder.children if c.dep_ in ("dobj", "nsubjpass")), None)
    else:
        mover = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if mover is None and holder.dep_ in ("relcl", "acl"):
            mover = holder.head
    if mover is None or not (_is_people(mover) or _lemma(mover) in MOVER_NOUNS or _is_aid_bearer(mover, True)):
        return None
    if destination is not None and destination.dep_ == "dobj" and (destination.pos_ == "PRON" or destination.ent_type_ == "PERSON"):
        return None  # "blocked lawyers from visiting him": a person is no place to reach
    last = max(_right_edge(destination) if destination is not None else verb.i, _right_edge_of_verb(verb))
    return Found("access", min(first.i, verb.i), last + 1, verb)


# --- livelihoods --------------------------------------------------------------------------------


def _livelihoods(sentence: Span, crisis: bool) -> Iterator[Found]:
    """Livelihoods lost, in a crisis (DEEP Livelihoods and Agriculture): "lost their livelihoods",
    "many have lost their jobs", "thousands of jobs were lost", "lost their crops and livestock"
    (not "lost their lives", nor what was not lost). Income lacking is read with the other lacks."""
    if not crisis:
        return
    for token in sentence:
        if token.pos_ != "VERB" or _lemma(token) != "lose" or _is_negated(token):
            continue
        lost = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if lost is None:
            continue
        nouns = _conjuncts(lost)
        for noun in list(nouns):
            if (_lemma(noun) in QUANTITY_NOUNS or noun.pos_ == "NUM") and _of_object(noun) is not None:
                nouns += _conjuncts(_of_object(noun))  # "thousands of jobs"
        if not any(_lemma(n) in LIVELIHOOD_NOUNS or (_lemma(n) in ("source", "means") and _of_object(n) is not None) for n in nouns):
            continue
        if lost.i > token.i:
            yield Found("services_cut", token.i, _right_edge(lost) + 1, token)
        else:
            yield Found("services_cut", lost.left_edge.i, _right_edge_of_verb(token) + 1, token)


#: The finders, one per kind, in the order their conditions are collected.
FINDERS = (
    _lacks,
    _services_cut,
    _prices,
    _shelter,
    _protection,
    _health,
    _damage,
    _access,
    _aid,
    _needs,
    _at_risk,
    _documentation,
    _education,
    _movement,
    _livelihoods,
)


def _noun_found(kind: str, noun: Token) -> Found:
    """A noun condition with its modifiers and complements ("a series of illegal arrests" is the
    series)."""
    head = noun
    if noun.head.lower_ == "of" and _lemma(noun.head.head) in SERIES_NOUNS:
        head = noun.head.head
    return Found(kind, head.left_edge.i, _right_edge(noun) + 1 if head is noun else max(_right_edge(noun), noun.i) + 1, noun)


def _verb_found(kind: str, verb: Token) -> Found:
    """A verb condition with its patient: "villages were looted", "detained in overcrowded cells"."""
    patient = _patient(verb)
    if patient is not None and patient.i < verb.i:
        return Found(kind, patient.left_edge.i, _right_edge_of_verb(verb) + 1, verb)
    end = _right_edge(patient) if patient is not None else _right_edge_of_verb(verb)
    preps = [c for c in verb.rights if c.dep_ == "prep"]
    if preps and patient is None:
        end = max(end, _right_edge(preps[0]))
    return Found(kind, verb.i, end + 1, verb)
