"""spaCy component ``crisisdesk_conditions``: humanitarian conditions, needs, access and response.

A condition is what a situation report files under conditions, needs, access and response
(``tests/data/conditions/GUIDE.md``): people without electricity or food, sheltering in basements
or camps, arrested or tortured, sick or hungry, homes destroyed, aid kept out, aid delivered,
needs stated, people trapped or left behind. Each is one of :data:`crisisdesk.model.CONDITION_KINDS`
with its DEEP pillar and the DEEP sectors its words name. Read from the parse by rules of English
and of the humanitarian domain:

1. Lack: "without", "no", "lack/shortage of", "do not have", "deprived of" before a service or
   supply (electricity, water, food, fuel, medicine, phones) → services cut; before shelter →
   shelter; before transport → access. A service as the subject of "disrupted", "cut", "stretched",
   "out", "off" is cut too.
2. Shelter: a verb of staying or sheltering ("hide", "take refuge", "stay", "settle", "evacuated
   to") with a place people shelter in (basement, camp, tent, collective centre, host family);
   living or crowded in bad "conditions"; camps described as makeshift or overcrowded.
3. Protection: torture, abduction, looting, sexual violence, human shields always; arrests and
   detention only in a crisis ("a series of illegal arrests", civilians rounded up), never a
   suspect arrested by the police.
4. Health: disease, outbreaks, malnutrition, trauma, hunger in a crisis.
5. Damage: homes, villages, infrastructure destroyed, damaged, flooded, swept away, reduced to
   rubble (a church or a factory destroyed is no humanitarian damage).
6. Access: access that is lacking, limited or denied, or "humanitarian access"; aid or food
   prevented or blocked; roads closed in a crisis.
7. Aid: aid, relief, supplies or shelter provided, delivered or sent; humanitarian missions,
   responses, relief efforts.
8. Needs: "humanitarian needs", an urgent need, "in need of food", people needing protection,
   seeking food and water.
9. At risk: vulnerable people (elderly, disabled, people with special needs), people trapped,
   stranded or stuck, lives or survival endangered, people at risk.

Words that are conditions only in a crisis (arrests, hunger, roads closed) count when the sentence
names a crisis (war, displacement, a disaster, refugees, humanitarian work) or the article does so
in several sentences. Runs after ``crisisdesk_places`` and ``crisisdesk_times``; sets
``doc._.conditions``: a list of :class:`crisisdesk.model.Condition` in document offsets, in text
order. Sentences the prefilter did not parse hold none (it parses every sentence with a cue).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from crisisdesk.model import CONDITION_PILLARS, Condition, PlaceMention, TimeExpression
from crisisdesk.nlp import places as _places  # noqa: F401  (registers doc._.places)
from crisisdesk.nlp import times as _times  # noqa: F401  (registers doc._.times)
from crisisdesk.nlp.events import is_parsed as _is_parsed
from crisisdesk.nlp.events import lemma_of as _lemma
from crisisdesk.nlp.figures import attribution_for, place_for
from crisisdesk.nlp.prefilter import inflections

if not Doc.has_extension("conditions"):
    Doc.set_extension("conditions", default=None)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- lexicon (lemmas, lower case) ---------------------------------------------------------------

#: Words that say the sentence is about a crisis (conflict, disaster, displacement, aid work).
CRISIS_WORDS = _words(
    """refugee idp idps displace displaced displacement evacuate evacuated evacuation evacuee asylum migrant humanitarian civilian
    conflict war fighting offensive attack airstrike air-strike shelling shell bombing bombardment siege besiege
    militia rebel insurgent troop army military armed violence flood flooding earthquake cyclone hurricane typhoon
    storm drought landslide wildfire disaster emergency crisis famine outbreak epidemic camp enclave victim taliban
    occupation occupy invasion invade blockade strand trap genocide massacre terrorist militant unrest
    quake aftershock tsunami mudslide avalanche eruption tornado monsoon floodwater inundation
    missile drone rocket mortar artillery sniper bomb shelled ceasefire truce hostilities clash fighter combatant
    frontline paramilitary junta coup hostage persecution cholera ebola rescuer survivor starvation crossfire
    unhcr unicef wfp ocha icrc msf unrwa iom crescent"""
)
#: Multi-word and irregular ways of naming a crisis: aid work ("aid workers", "aid convoys"), strikes of
#: war ("air strikes", "strikes on the grid"), "crises".
CRISIS_PHRASES = (
    r"aid[ -](?:workers?|agenc(?:y|ies)|groups?|convoys?|trucks?|lorr(?:y|ies)|organi[sz]ations?|deliver(?:y|ies)|"
    r"shipments?|flights?|officials?|operations?)",
    r"(?:air|missile|drone|rocket|artillery|military)[ -]?strikes?",
    r"strikes?\s+(?:on|against)",
    r"crises",
    r"front\s+lines?",
)
#: Sentences either side of one that names a crisis whose conditions count too ("Fuel is running out."
#: after "The siege of the city entered its third month.").
CRISIS_NEIGHBOURS = 1
#: Sentences of an article that must name a crisis for the whole article to count as one.
CRISIS_SENTENCES_FOR_ARTICLE = 3

#: Each sector and the words that name it (what a condition lacks, suffers or receives).
SECTOR_WORDS: dict[str, frozenset[str]] = {
    "Food Security": _words("food foodstuff ration meal hunger hungry bread grain starvation famine"),
    "Nutrition": _words("malnutrition malnourished nutrition"),
    "Health": _words(
        """medicine medicament medication medical health healthcare hospital clinic doctor disease measles cholera
        malaria diarrhoea diarrhea outbreak epidemic trauma traumatized traumatised dehydrate dehydration symptom
        mental infection injury"""
    ),
    "WASH": _words("water sanitation hygiene hygienic unhygienic latrine toilet sewage"),
    "Shelter": _words(
        """shelter home house housing tent camp basement electricity gas heat heating power light blanket
        household item clothes clothing shoe building dwelling neighbourhood neighborhood village town settlement"""
    ),
    "Logistics": _words("fuel petrol gasoline road bridge transport transportation telephone phone internet communication connection telecommunication network"),
    "Education": _words("school education"),
    "Livelihoods": _words("work job income livelihood market cash"),
    "Agriculture": _words("crop livestock harvest cattle seed farmland"),
    "Protection": _words("protection arrest detention torture abduction looting rape violence shield recruitment right"),
}
_SECTOR_OF: dict[str, str] = {word: sector for sector, words in SECTOR_WORDS.items() for word in words}
#: A condition whose words name no sector takes its kind's.
KIND_SECTOR = {
    "shelter": "Shelter", "protection": "Protection", "health": "Health", "damage": "Shelter",
    "communications_cut": "Logistics", "at_risk": "Protection",
}  # fmt: skip

#: Services and supplies people can be without.
SERVICE_NOUNS = _words(
    """service electricity power gas heat heating light water food foodstuff fuel petrol gasoline medicine medicament
    medication internet telephone phone communication telecommunication connection network healthcare health care
    sanitation hygiene education schooling shoe clothes clothing blanket supply ration"""
)
COMMUNICATION_NOUNS = _words("internet telephone phone communication telecommunication connection network mobile")
SHELTER_NOUNS = _words("shelter housing accommodation roof")
TRANSPORT_NOUNS = _words("transport transportation vehicle")
#: Words that make what follows lacking.
LACK_NOUNS = _words("lack shortage shortfall scarcity absence")
DEPRIVE_VERBS = _words("deprive deny")
#: Predicates that say a service is cut.
CUT_PREDICATES = _words("disrupt cut interrupt suspend sever halt stretch overwhelm collapse out off down")
SERVICE_NOUNS_CUT = _words("blackout outage shortage")
#: Services that come by wire or pipe: their supply cut is a service cut wherever it was going.
UTILITY_NOUNS = _words("electricity power gas heat heating water internet telephone phone communication telecommunication network")
#: Places that serve people: closed or not working in a crisis, they are services cut.
SERVICE_PLACES = _words("bank market shop school hospital clinic bakery pharmacy university business store facility")
CLOSED_WORDS = _words("closed shut close non-functional nonfunctional inoperable")

#: Where people shelter. Strong places say shelter with any verb of staying; the others need a
#: verb of sheltering ("hide", "take refuge", "evacuated to").
STRONG_SHELTER_PLACES = _words("camp tent shelter basement bunker settlement centre center relative host hotspot site")
WEAK_SHELTER_PLACES = _words(
    """school church mosque facility building area tree hospital hotel stadium gym family friend cellar station metro
    subway underground car vehicle street park field rooftop ruin rubble warehouse hall classroom container
    hut shack corridor garage tarpaulin open"""
)
#: Sites that shelter people when named so ("displacement site", "protection of civilians site"; a
#: "construction site" does not).
SHELTER_SITE_MODIFIERS = _words("displacement idp idps protection civilian civilians spontaneous informal gathering collective transit")
#: Centres that shelter people (a "shopping centre" does not).
SHELTER_CENTRE_MODIFIERS = _words("evacuation collective rest transit reception relief education community emergency")
SHELTERING_VERBS = _words("shelter hide settle sleep evacuate relocate take seek find cram pack squeeze huddle camp spend")
#: Sheltering verbs that say shelter with a weak place outside a named crisis too ("hide in the school").
HIDING_VERBS = _words("shelter hide take seek find huddle")
#: Sleeping out: "spent the night in the open", "sleeping in the streets", "slept outdoors".
OUTDOOR_WORDS = _words("outdoors outside open streets street rough")
STAYING_VERBS = _words("stay remain live be flee join return push move host crowd")
REFUGE_NOUNS = _words("shelter refuge")
#: Adjectives that say a shelter or living conditions are bad.
BAD_CONDITIONS = _words(
    """precarious cramped damp insecure dire appalling squalid overcrowded over-crowded crowded inhumane
    unsanitary makeshift rundown run-down temporary informal inadequate desperate"""
)

PROTECTION_NOUNS = _words(
    """torture abduction kidnapping looting persecution shield recruitment trafficking ill-treatment mistreatment
    pillage pillaging plunder plundering ransacking hostage-taking"""
)
#: Protection words that are ordinary crime or politics outside a crisis.
PROTECTION_NOUNS_IN_CRISIS = _words(
    """arrest detention rape harassment deportation internment hostage roundup round-up filtration extortion
    intimidation disappearance conscription"""
)
PROTECTION_VERBS = _words("torture abduct kidnap loot ransack pillage plunder")
#: Abuse that is a protection incident when sexual or gender-based ("sexual exploitation and abuse").
ABUSE_NOUNS = _words("violence exploitation abuse assault harassment slavery")
#: Recruitment that is a protection incident: forced, or of children.
RECRUIT_WORDS = _words("recruit recruitment conscript conscription")
FORCED_WORDS = _words("forcibly forcefully forced force")
MINOR_NOUNS = _words("child children boy girl minor teenager adolescent youth")
#: Setting homes alight ("set fire to homes", "homes were torched").
ARSON_VERBS = _words("burn torch")
PROTECTION_VERBS_IN_CRISIS = _words("arrest detain rape intern")
#: Modifiers that make an arrest a protection incident wherever it is told.
ABUSIVE_MODIFIERS = _words("illegal arbitrary mass unlawful")
COLLECTIVE_NOUNS = _words("series wave number string spate campaign round")
#: Modifiers of "violence" that name a protection incident ("sexual violence").
VIOLENCE_KINDS = _words("sexual gender-based gender")
#: Things whose denial is a protection incident (work) or a service cut (education).
DENIABLE_RIGHTS = {"work": "protection", "education": "services_cut", "school": "services_cut"}
FORBID_VERBS = _words("forbid ban bar prohibit deny")

HEALTH_NOUNS = _words(
    """measles cholera malaria diarrhoea diarrhea outbreak epidemic disease malnutrition dehydration trauma
    symptom hunger starvation typhoid dengue ebola mpox polio hepatitis tuberculosis scabies meningitis diphtheria"""
)
PSYCHOLOGICAL = _words("mental psychological emotional psychosocial post-traumatic")
PSYCHOLOGICAL_HARM = _words("problem issue distress disorder trauma stress illness scar toll damage condition")
HEALTH_ADJECTIVES = _words("hungry dehydrated traumatized traumatised malnourished starving")
UNHYGIENIC = _words("unhygienic unsanitary")

#: What is destroyed when the damage is humanitarian (homes and what people live from).
HOUSING_NOUNS = _words(
    """house home dwelling shelter building village town neighbourhood neighborhood infrastructure school hospital
    clinic road bridge crop station plant facility grid pipeline dam block apartment flat roof tower tent market
    well port airport railway university property structure residence hut farm substation"""
)
DAMAGE_VERBS = _words(
    """destroy damage collapse flood raze level sweep wreck flatten demolish tear rip blow gut shatter submerge
    inundate obliterate pulverise pulverize devastate ravage cripple topple crack bury wash"""
)
#: Participles that say a home is damaged when they modify it ("destroyed homes", "collapsed buildings").
DAMAGED_PARTICIPLES = _words("damaged destroyed collapsed flattened flooded ruined razed gutted bombed-out levelled leveled submerged")
DAMAGED_ADJECTIVES = _words("uninhabitable")
RUIN_NOUNS = _words("rubble ruin ash ashes")

LIMITING_WORDS = _words("no poor limited restricted constrained little reduced impeded denied virtually without")
RESTRICT_VERBS = _words("restrict block deny hinder limit cut constrain impede obstruct")
PREVENT_VERBS = _words("prevent block hinder obstruct impede stop bar")
ROAD_NOUNS = _words("road bridge border crossing highway route airport port checkpoint pass corridor")
#: What can be let in or kept out like access ("denied entry", "freedom of movement restricted").
ACCESS_NOUNS = _words("access entry passage movement")
#: Who or what carries aid: kept out, turned back or not allowed in, it is an access constraint.
AID_BEARERS = _words("convoy truck lorry vehicle agency worker team organisation organization ngo humanitarian staff volunteer ship plane flight aid")
#: Restrictions that constrain access ("restrictions on movement", "a curfew").
RESTRICTION_NOUNS = _words("restriction curb limit ban")
RESTRICTED_THINGS = _words("movement access aid import goods fuel food travel entry delivery supply medicine")
CLOSE_VERBS = _words("close block cut shut")
#: Aid whose blocking is an access constraint wherever it is told.
AID_NOUNS = _words(
    "aid assistance relief food foodstuff medicine medicament convoy ration tent blanket shelter"
)
#: Goods that are aid only in a crisis ("supplies" of oil are not).
GOODS_NOUNS = _words("supply supplies goods item equipment delivery distribution water")
AID_MODIFIERS = _words("humanitarian emergency relief international food")
AID_MODIFIERS_IN_CRISIS = _words("medical hygiene household non-food")
#: Work that is aid when humanitarian, relief or medical ("a UN humanitarian mission").
AID_WORK_NOUNS = _words("mission response effort operation team worker specialist convoy agency appeal")
DELIVER_VERBS = _words(
    """deliver provide send dispatch distribute airlift airdrop give bring bear carry ship donate supply hand deploy
    mobilise mobilize fly rush truck ferry channel"""
)
GIFT_NOUNS = _words("gift donation shipment consignment delivery airlift distribution convoy airdrop")
#: People sent to help (aid when sent in a crisis: "deployed surgical teams", "sent 50 rescuers").
HELPER_NOUNS = _words("team doctor surgeon nurse medic rescuer volunteer staff expert engineer worker specialist personnel unit")
#: Facilities set up for people ("cholera treatment centres have been set up", "opened shelters").
AID_FACILITIES = _words("centre center clinic hospital shelter kitchen point tent unit post site")
SET_UP_VERBS = _words("set establish open build erect install")
#: Money given for a crisis ("pledged $1.5 billion", "released emergency funds").
FUND_VERBS = _words("pledge contribute donate allocate release approve disburse raise announce")
FUND_NOUNS = _words("fund funding grant money million billion dollar euro pound contribution")
REFER_VERBS = _words("refer admit")

NEED_MODIFIERS = _words("humanitarian basic priority")
NEED_MODIFIERS_IN_CRISIS = _words(
    """urgent increasing growing immediate critical desperate pressing acute great greatest big biggest main major
    top vital essential huge massive unmet overwhelming dire"""
)
#: Verbs that state a need for aid ("require humanitarian assistance", "rely on food aid").
REQUIRE_VERBS = _words("require depend rely")
NEEDED_THINGS = SERVICE_NOUNS | SHELTER_NOUNS | AID_NOUNS | _words("protection care assistance")
SEEK_VERBS = _words("seek search")

#: People a condition can be about.
PEOPLE_NOUNS = _words(
    """people person resident civilian woman man child family household adult individual refugee idp foreigner
    westerner inhabitant villager population community survivor them they we patient detainee"""
)
VULNERABLE_MODIFIERS = _words(
    """elderly older old disabled vulnerable sick unaccompanied pregnant handicapped frail separated orphaned
    lactating breastfeeding marginalised marginalized at-risk female-headed child-headed bedridden"""
)
#: Leaving that people cannot do ("unable to leave", "not allowed to flee", "prevented from escaping").
ESCAPE_VERBS = _words("leave flee escape evacuate exit get move walk reach cross")
#: What people are caught in ("caught in the crossfire", "caught up in the fighting").
CROSSFIRE_NOUNS = _words("crossfire fighting violence clash clashes battle conflict hostilities shelling fire flood flooding")
#: What people are buried or pinned under ("buried under the rubble", "pinned beneath debris").
RUBBLE_NOUNS = _words("rubble debris wreckage ruin ruins building buildings house houses mud snow")
#: Places cut off (an access constraint; people cut off are at risk).
CUT_OFF_PLACES = _words("village town city area community district region island neighbourhood neighborhood valley settlement camp")
VULNERABLE_CONDITIONS = _words("disability disabilities")
TRAP_VERBS = _words("trap strand stick besiege maroon")
ENDANGER_VERBS = _words("endanger threaten jeopardize jeopardise")
LIFE_NOUNS = _words("life lives survival safety existence")

_CRISIS_CUES = CRISIS_WORDS

#: For the prefilter: words that can state a condition wherever they stand (a sentence with one is
#: parsed) ...
CUE_WORDS_ALONE = (
    STRONG_SHELTER_PLACES - {"centre", "center", "relative", "host", "settlement"}
) | PROTECTION_NOUNS | PROTECTION_VERBS | HEALTH_ADJECTIVES | VULNERABLE_CONDITIONS | ENDANGER_VERBS | _words(
    """refuge electricity blackout outage malnutrition humanitarian relief stranded trapped stuck elderly disabled
    vulnerable uninhabitable rubble access aid assistance supplies needs destroyed damage damaged violence violation
    crossfire hostage hotspot"""
)
#: ... and words that state one only in a crisis (parsed when the sentence also names one).
CUE_WORDS_IN_CRISIS = (
    SERVICE_NOUNS | LACK_NOUNS | PROTECTION_NOUNS_IN_CRISIS | PROTECTION_VERBS_IN_CRISIS | HEALTH_NOUNS | HOUSING_NOUNS
    | DAMAGE_VERBS | ROAD_NOUNS | DELIVER_VERBS | WEAK_SHELTER_PLACES | SHELTERING_VERBS | _words(
        "without need centre center relative host condition risk round forbid ban unable cannot allow permit prevent debris"
    ) | SERVICE_PLACES | CLOSED_WORDS | PSYCHOLOGICAL | REQUIRE_VERBS | DAMAGED_PARTICIPLES | OUTDOOR_WORDS
    | _words("run function cut shutdown roof")
    | GIFT_NOUNS | FUND_VERBS | _words("appeal scale establish") | ACCESS_NOUNS | AID_BEARERS | RESTRICTION_NOUNS | _words("deny refuse turn curfew blockade siege impassable")
    | CROSSFIRE_NOUNS | ABUSE_NOUNS | RECRUIT_WORDS | ARSON_VERBS | _words("marriage disappear")
)


# --- the component ------------------------------------------------------------------------------


@Language.factory("crisisdesk_conditions")
def make_conditions(nlp: Language, name: str) -> ConditionFinder:
    return ConditionFinder()


class ConditionFinder:
    """Sets ``doc._.conditions`` from the parse, ``doc._.places`` and ``doc._.times``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.conditions = conditions_in(doc)
        return doc


@dataclass(frozen=True, slots=True)
class _Found:
    kind: str
    first: int  # token indices, end exclusive
    last: int
    anchor: Token  # the word the condition hangs on (its place and time are its clause's)


def conditions_in(doc: Doc) -> list[Condition]:
    """The conditions of ``doc`` in text order (see module docstring)."""
    places = [m for m in (getattr(doc._, "places", None) or []) if m.locates]
    times = getattr(doc._, "times", None) or []
    every = list(doc.sents)
    named = [_names_a_crisis(s) for s in every]
    crisis_article = sum(named) >= CRISIS_SENTENCES_FOR_ARTICLE
    conditions: list[Condition] = []
    for i, sentence in enumerate(every):
        if not _is_parsed(sentence):
            continue
        crisis = crisis_article or any(named[max(0, i - CRISIS_NEIGHBOURS) : i + CRISIS_NEIGHBOURS + 1])
        found = [f for finder in _FINDERS for f in finder(sentence, crisis)]
        for item in _distinct(found):
            conditions.append(_condition(doc, sentence, item, places, times))
    conditions.sort(key=lambda c: (c.start, c.end, c.kind))
    return conditions


def _names_a_crisis(sentence: Span) -> bool:
    return bool(crisis_pattern().search(sentence.text))


@lru_cache(maxsize=1)
def crisis_pattern() -> re.Pattern[str]:
    """A sentence that names a crisis: any inflection of CRISIS_WORDS or one of CRISIS_PHRASES
    (the prefilter uses the same pattern, so what it parses and what counts here agree)."""
    forms = {form for word in CRISIS_WORDS for form in inflections(word)}
    alternation = "|".join([*(re.escape(f) for f in sorted(forms, key=len, reverse=True)), *CRISIS_PHRASES])
    return re.compile(rf"(?<![\w-])(?:{alternation})(?!\w)", re.IGNORECASE)


def _is(token: Token, words: frozenset[str]) -> bool:
    """By lemma or by form: the tagger's lemma of a rarer word can be off ("measles" → "measle",
    "rubble" read as a verb)."""
    return _lemma(token) in words or token.lower_ in words


def _modifiers(token: Token) -> set[str]:
    """Lemmas and forms of a noun's modifiers ("increasing needs": "increase" and "increasing")."""
    found: set[str] = set()
    for child in token.children:
        if child.dep_ in ("amod", "compound", "nmod"):
            found |= {_lemma(child), child.lower_}
    return found


def _distinct(found: list[_Found]) -> list[_Found]:
    """One condition per stretch and kind: of two of the same kind that overlap, the longer."""
    kept: list[_Found] = []
    for item in sorted(found, key=lambda f: (f.first - f.last, f.first)):
        if not any(k.kind == item.kind and k.first < item.last and item.first < k.last for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: (f.first, f.last))


# --- lack and cuts ------------------------------------------------------------------------------


def _lacks(sentence: Span, crisis: bool) -> Iterator[_Found]:
    """"without electricity, gas, food", "no basic services", "lack of transportation", "do not have
    adequate shelter", "food shortages": what follows the lack says the kind."""
    for token in sentence:
        lemma = _lemma(token)
        lacked: Token | None = None
        first = token
        if lemma == "without" and token.dep_ == "prep":
            lacked = _object_of(token)
        elif lemma in LACK_NOUNS:
            of = next((c for c in token.children if c.lower_ == "of"), None)
            lacked = _object_of(of) if of is not None else next((c for c in token.children if c.dep_ in ("compound", "amod") and _lemma(c) in SERVICE_NOUNS), None)
            if lacked is not None and lacked.i < token.i:
                first = lacked
        elif lemma in ("no", "little") and token.dep_ in ("det", "amod") and token.head.pos_ in ("NOUN", "PROPN"):
            lacked = token.head
        elif lemma == "have" and _is_negated(token):
            lacked = next((c for c in token.children if c.dep_ == "dobj"), None)
            first = next((c for c in token.children if c.dep_ in ("aux", "neg", "advmod") and c.i < token.i), token)
        elif lemma in DEPRIVE_VERBS and token.tag_ == "VBN":
            lacked = next((c for c in token.children if c.dep_ in ("dobj", "dative")), None) or _object_of(next((c for c in token.children if c.lower_ == "of"), None))
        if lacked is None:
            continue
        nouns = _conjuncts(lacked)
        kind = _lack_kind(nouns)
        if kind is None or (lemma in ("no", "little") and kind == "access"):
            continue
        last = max(_right_edge(n) for n in nouns)
        yield _Found(kind, min(first.i, lacked.left_edge.i), last + 1, token)
        if kind == "services_cut":
            yield from _communications(nouns, token)


def _lack_kind(nouns: Sequence[Token]) -> str | None:
    lemmas = {_lemma(n) for n in nouns} | {_lemma(c) for n in nouns for c in n.children if c.dep_ == "compound"}
    if lemmas & SHELTER_NOUNS:
        return "shelter"
    if lemmas & TRANSPORT_NOUNS:
        return "access"
    if lemmas & SERVICE_NOUNS:
        return "services_cut"
    if "care" in lemmas and any(_lemma(c) in ("health", "medical") for n in nouns for c in n.children):
        return "services_cut"
    return None


def _communications(nouns: Sequence[Token], anchor: Token) -> Iterator[_Found]:
    """The phones and internet among what is lacking, as a condition of their own (Information and
    Communication)."""
    spoken = [n for n in nouns if _lemma(n) in COMMUNICATION_NOUNS or any(_lemma(c) in COMMUNICATION_NOUNS for c in n.children if c.dep_ in ("compound", "amod"))]
    if spoken:
        first = min(t.i for n in spoken for t in n.subtree if _lemma(t) in COMMUNICATION_NOUNS or t == n)
        yield _Found("communications_cut", first, max(_right_edge(n) for n in spoken) + 1, anchor)


def _services_cut(sentence: Span, crisis: bool) -> Iterator[_Found]:
    """"Basic services have been severely disrupted", "public services ... are becoming stretched",
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
                yield _Found("access" if bound and crisis else "services_cut", first, last + 1, token)
                yield from _communications(nouns, token)
                break
        elif (lemma in SERVICE_NOUNS_CUT or lemma in ("cut", "shutdown")) and token.pos_ == "NOUN" and lemma != "shortage":
            cut = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")]
            named = {_lemma(c) for c in cut}
            spoken = named & COMMUNICATION_NOUNS
            imposed = bool(spoken) and (lemma in ("blackout", "shutdown") or bool(named & {"nationwide", "total"}))
            if not (crisis or imposed) or (lemma in ("cut", "shutdown") and not named & SERVICE_NOUNS):
                continue
            yield _Found("services_cut", token.left_edge.i, token.i + 1, token)
            if spoken:
                yield _Found("communications_cut", min(c.i for c in cut if _lemma(c) in COMMUNICATION_NOUNS), token.i + 1, token)
        elif crisis and token.pos_ == "VERB" and lemma == "run" and any(c.lower_ in ("out", "low", "short", "dry") for c in token.children):
            of = next((c for p in [token, *token.children] for c in p.children if c.lower_ in ("of", "on") and c.dep_ == "prep"), None)
            lacked = _object_of(of)
            if lacked is not None and (_is_service(lacked) or _lemma(lacked) in GOODS_NOUNS):
                yield _Found("services_cut", _first_aux(token).i, max(_right_edge(n) for n in _conjuncts(lacked)) + 1, token)
        elif crisis and lemma in SERVICE_PLACES and token.pos_ in ("NOUN", "PROPN") and _is_closed(token):
            predicate = _is_closed(token)
            first, last = (token.left_edge.i, predicate.i) if token.i < predicate.i else (predicate.i, _right_edge(token))
            yield _Found("services_cut", first, last + 1, token)


def _is_closed(place: Token) -> Token | None:
    """The predicate that says a place serving people is closed or not working ("banks have remained
    closed", "schools were shut", "hospitals are no longer functioning", "out of service"), or None."""
    if place.dep_ == "conj":
        place = place.head
    head = place.head
    if place.dep_ in ("nsubj", "nsubjpass"):
        if head.lower_ in CLOSED_WORDS or (_lemma(head) in ("close", "shut") and head.pos_ == "VERB" and not any(c.dep_ == "dobj" for c in head.children)):
            return head
        for child in head.children:
            if child.dep_ in ("acomp", "oprd", "xcomp") and (child.lower_ in CLOSED_WORDS or (_lemma(child) in ("close", "shut") and child.tag_ == "VBN")):
                return child
        if _lemma(head) in ("function", "work", "operate") and (_is_negated(head) or any(c.lower_ in ("longer", "stopped") for c in head.subtree)):
            return head
        if _lemma(head) in ("stop", "cease") and any(_lemma(c) in ("function", "work", "operate") for c in head.children):
            return head
    if place.dep_ == "dobj" and _lemma(head) in ("close", "shut") and head.pos_ == "VERB":
        return head
    if place.dep_ == "nsubj" and head.pos_ == "VERB" and any(c.lower_ == "forced" for c in head.ancestors):
        return None
    return None


def _service_arguments(verb: Token, predicate: Token) -> Iterator[Token]:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj") and _is_service(child):
            yield child


def _is_service(noun: Token) -> bool:
    lemmas = {_lemma(n) for n in _conjuncts(noun)} | {_lemma(c) for c in noun.children if c.dep_ in ("compound", "amod")}
    return bool(lemmas & SERVICE_NOUNS)


# --- shelter ------------------------------------------------------------------------------------


def _shelter(sentence: Span, crisis: bool) -> Iterator[_Found]:
    """"seek shelter in basements", "hide in basements", "stayed in tents", "took refuge with friends
    and family", "evacuated to a primary school", "living in precarious conditions", "makeshift
    camps". Militants who "had taken shelter in Afghanistan" shelter in no shelter."""
    for token in sentence:
        lemma = _lemma(token)
        if token.pos_ in ("VERB", "AUX") and (lemma in SHELTERING_VERBS or lemma in STAYING_VERBS):
            found = _sheltered_at(token, crisis)
            if found is not None:
                yield found
        elif lemma in ("condition", "conditions", "situation") and any(_lemma(c) in BAD_CONDITIONS for c in token.children if c.dep_ in ("amod", "conj")):
            if token.head.lower_ in ("in", "into"):
                verb = token.head.head
                yield _Found("shelter", min(verb.i, token.left_edge.i), _right_edge(token) + 1, token)
        elif lemma in ("centre", "center") and _modifiers(token) & _words("evacuation collective transit reception"):
            yield _Found("shelter", token.left_edge.i, token.i + 1, token)
        elif token.dep_ == "pobj" and token.head.lower_ in ("in", "at", "inside") and _is_shelter_place(token, strong_only=True) and _lemma(token) not in ("relative", "host"):
            # "families in Kalma camp", "the 20,000 people at the protection of civilians site"
            holder = token.head.head
            if holder.pos_ in ("NOUN", "PROPN", "NUM") and _is_people(holder) and (crisis or _lemma(token) in ("camp", "tent", "shelter")):
                yield _Found("shelter", token.head.i, _right_edge(token) + 1, token)
        elif lemma in ("camp", "settlement", "centre", "center", "shelter") or (crisis and (lemma in STRONG_SHELTER_PLACES or lemma in WEAK_SHELTER_PLACES)):
            if token.pos_ != "NOUN":
                continue
            bad = [c for c in token.children if c.dep_ in ("amod", "compound") and (_lemma(c) in BAD_CONDITIONS or c.lower_ in BAD_CONDITIONS)]
            if bad:
                yield _Found("shelter", min(c.i for c in bad), token.i + 1, token)


def _sheltered_at(verb: Token, crisis: bool) -> _Found | None:
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
                return _Found("shelter", verb.i, child.i + 1, verb)
    for head in heads + [c for c in verb.children if c.dep_ == "xcomp" and _lemma(c) in SHELTERING_VERBS]:
        for prep in _place_preps(head):
            for place in _conjuncts(_object_of(prep)):
                strong = _is_shelter_place(place, strong_only=True)
                if strong and (sheltering or crisis or _lemma(place) in ("camp", "tent", "shelter", "basement")):
                    return _Found("shelter", verb.i, _right_edge(prep) + 1, verb)
                if sheltering and _is_shelter_place(place, strong_only=False) and (hiding or crisis):
                    return _Found("shelter", verb.i, _right_edge(prep) + 1, verb)
    if lemma == "host":
        place = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if place is not None and _lemma(place) == "camp" and crisis:
            return _Found("shelter", verb.i, place.i + 1, verb)
    if refuge is not None and not any(c.dep_ == "prep" for c in (*verb.children, *refuge.children)) and _has_people_subject(verb):
        return _Found("shelter", verb.i, refuge.i + 1, verb)
    return None


_PLACE_PREPS = _words("in at to into with under for inside near")


def _place_preps(head: Token) -> Iterator[Token]:
    """The place phrases of a verb: its own ("stayed in tents"), their conjuncts ("in or near the
    camp", "in open areas ... or with host families") and one level down ("over the border into
    the camp")."""
    for prep in (c for c in head.children if c.dep_ == "prep"):
        for each in _conjuncts(prep):
            if each.lower_ in _PLACE_PREPS:
                yield each
            below = _object_of(each)
            for deeper in (c for c in below.children if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS) if below is not None else ():
                yield deeper


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


def _protection(sentence: Span, crisis: bool) -> Iterator[_Found]:
    """Torture, abduction, looting, sexual violence, human shields; arrests and detention in a
    crisis or when illegal, arbitrary or en masse; work forbidden."""
    for token in sentence:
        lemma = _lemma(token)
        if token.pos_ in ("NOUN", "PROPN") and _only_feared_or_suffered(token):
            continue
        if token.pos_ in ("NOUN", "PROPN"):
            if lemma in PROTECTION_NOUNS and not (lemma == "shield" and not any(c.lower_ == "human" for c in token.children)) and not (lemma == "recruitment" and not _is_forced_recruitment(token)):
                yield _noun_found("protection", token)
            elif lemma in ABUSE_NOUNS and any(_lemma(c) in VIOLENCE_KINDS or c.lower_ in VIOLENCE_KINDS for n in (token, token.head if token.dep_ == "conj" else token) for c in n.children):
                yield _noun_found("protection", token)
            elif lemma in ("violation", "abuse") and any("right" in _lemma(t) for t in token.subtree):
                yield _noun_found("protection", token)
            elif lemma == "abuse" and crisis and any(c.lower_ in ("against", "of") and _object_of(c) is not None and _is_people(_object_of(c)) for c in token.children):
                yield _noun_found("protection", token)
            elif lemma in RECRUIT_WORDS and _is_forced_recruitment(token):
                yield _noun_found("protection", token)
            elif lemma == "disappearance" and _modifiers(token) & (FORCED_WORDS | _words("enforce enforced involuntary")):
                yield _noun_found("protection", token)
            elif lemma == "marriage" and _modifiers(token) & _words("child early forced"):
                yield _noun_found("protection", token)
            elif lemma in PROTECTION_NOUNS_IN_CRISIS and (crisis or _is_abusive(token)) and not _is_charge(token):
                yield _noun_found("protection", token)
            elif lemma == "right" and _is_negated(token.head) and any(_lemma(t) in DENIABLE_RIGHTS for t in token.subtree):
                yield _Found("protection", token.head.left_edge.i if token.head.dep_ != "ROOT" else _first_aux(token.head).i, _right_edge(token) + 1, token)
        elif token.pos_ == "VERB":
            if lemma in PROTECTION_VERBS or (lemma in PROTECTION_VERBS_IN_CRISIS and crisis and not _is_police_case(token)):
                yield _verb_found("protection", token)
            elif lemma == "round" and any(c.dep_ == "prt" and c.lower_ == "up" for c in token.children) and crisis:
                yield _verb_found("protection", token)
            elif lemma in ARSON_VERBS and _has_patient_in(token, _words("house home village shelter tent shop market crop field")):
                yield _verb_found("protection", token)
            elif lemma == "set" and _has_patient_in(token, _words("house home village shelter tent shop market crop field")) and any(
                c.lower_ in ("on", "ablaze", "alight") for c in token.children
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
                    yield _Found(kind, first, _right_edge(thing) + 1, token)
                    break


def _is_forced_recruitment(word: Token) -> bool:
    """"forcibly recruited boys", "forced recruitment", "the recruitment of children", "child
    recruitment"."""
    if any(_lemma(c) in FORCED_WORDS or c.lower_ in FORCED_WORDS for c in word.children if c.dep_ in ("advmod", "amod", "compound")):
        return True
    if any(_lemma(c) in MINOR_NOUNS for c in word.children if c.dep_ in ("compound", "dobj", "nsubjpass")):
        return True
    of = next((c for c in word.children if c.lower_ == "of"), None)
    return of is not None and _object_of(of) is not None and _lemma(_object_of(of)) in MINOR_NOUNS


def _only_feared_or_suffered(noun: Token) -> bool:
    """"at risk of forced recruitment" (a risk: at risk), "fled to avoid forced recruitment" (it did
    not happen), "survivors of sexual violence" (a group of people: at risk)."""
    current = noun
    for _ in range(4):
        if current.dep_ not in ("pobj", "conj", "dobj", "xcomp") or current.head == current:
            return False
        current = current.head
        if current.lower_ == "of" and _lemma(current.head) in ("risk", "survivor"):
            return True
        if _lemma(current) in ("avoid", "escape", "prevent", "evade", "flee"):
            return True
    return False


def _is_abusive(noun: Token) -> bool:
    """"illegal arrests", "a series of arrests", "mass detention"."""
    if any(_lemma(c) in ABUSIVE_MODIFIERS for c in noun.children):
        return True
    return noun.head.lower_ == "of" and _lemma(noun.head.head) in COLLECTIVE_NOUNS


def _is_charge(noun: Token) -> bool:
    # "charged with rape", "a case of rape": a crime told in court, not an incident in a crisis.
    return noun.head.lower_ in ("with", "of") and _lemma(noun.head.head) in ("charge", "case", "count", "accuse", "convict")


def _is_police_case(verb: Token) -> bool:
    # "Police ... arrested Paul Floyd", "a suspect was detained": a criminal case, not a crisis.
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "agent")), None)
    words = {_lemma(t) for t in subject.subtree} if subject is not None else set()
    patient = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    return bool(words & {"police", "officer", "sheriff", "fbi"}) or (patient is not None and _lemma(patient) in ("suspect", "man", "woman"))


# --- health -------------------------------------------------------------------------------------


def _health(sentence: Span, crisis: bool) -> Iterator[_Found]:
    """Disease, outbreaks, malnutrition, trauma and hunger among people in a crisis ("measles
    broke out in the camp", "acute malnutrition", "visibly traumatized, hungry and dehydrated")."""
    for token in sentence:
        lemma = _lemma(token)
        if lemma == "malnutrition" or (lemma in PSYCHOLOGICAL_HARM and crisis and token.pos_ == "NOUN" and _modifiers(token) & PSYCHOLOGICAL):
            yield _noun_found("health", token)
        elif not crisis:
            continue
        elif _is(token, HEALTH_NOUNS) and token.pos_ in ("NOUN", "PROPN") and not _in_a_name(token):
            if token.dep_ == "nsubj" and token.head.pos_ == "VERB":
                yield _Found("health", token.left_edge.i, _right_edge_of_verb(token.head) + 1, token)
            elif token.dep_ == "pobj" and token.head.head.pos_ == "VERB" and _lemma(token.head.head) in ("infect", "suffer", "die", "fall"):
                yield _Found("health", token.head.head.i, token.i + 1, token)
            else:
                yield _noun_found("health", token)
        elif lemma in HEALTH_ADJECTIVES or token.lower_ in HEALTH_ADJECTIVES:
            yield _Found("health", token.i, token.i + 1, token)
        elif lemma in ("situation", "condition", "conditions") and any(_lemma(c) in UNHYGIENIC for c in token.children):
            yield _Found("health", min(c.i for c in token.children if _lemma(c) in UNHYGIENIC), token.i + 1, token)


def _in_a_name(token: Token) -> bool:
    """"Legionnaires' Disease", "Centers for Disease Control": a capitalised word inside a
    sentence is part of a name."""
    return not token.is_sent_start and token.text[:1].isupper()


# --- damage -------------------------------------------------------------------------------------


def _damage(sentence: Span, crisis: bool) -> Iterator[_Found]:
    """Homes, villages and infrastructure destroyed, damaged, flooded, collapsed, swept away or
    reduced to rubble, and "damage to houses"."""
    for token in sentence:
        lemma = _lemma(token)
        if token.pos_ == "VERB" and (lemma in DAMAGE_VERBS or (lemma == "reduce" and _reduced_to_ruins(token))):
            patient = _patient(token)
            if patient is None or not (_housing_lemmas(patient) & HOUSING_NOUNS):
                continue
            if patient.i < token.i:
                yield _Found("damage", patient.left_edge.i, _right_edge_of_verb(token) + 1, token)
            else:
                yield _Found("damage", token.i, _right_edge(patient) + 1, token)
        elif lemma == "damage" and token.pos_ == "NOUN":
            to = next((c for c in token.children if c.lower_ in ("to", "of")), None)
            target = _object_of(to) if to is not None else None
            if target is not None and _lemma(target) in HOUSING_NOUNS:
                yield _Found("damage", token.left_edge.i, _right_edge(target) + 1, token)
        elif crisis and token.lower_ in DAMAGED_PARTICIPLES and token.dep_ == "amod" and _lemma(token.head) in HOUSING_NOUNS:
            yield _Found("damage", token.i, token.head.i + 1, token)
        elif lemma in DAMAGED_ADJECTIVES:
            yield _Found("damage", token.head.left_edge.i if token.head.pos_ == "VERB" else token.i, token.i + 1, token)


def _housing_lemmas(patient: Token) -> set[str]:
    """What a damage verb's patient names, through a quantity ("rows of apartment blocks", "dozens of
    schools and health facilities", "the roofs off thousands of houses")."""
    nouns = _conjuncts(patient)
    for noun in list(nouns):
        of = next((c for c in noun.children if c.lower_ == "of"), None)
        if of is not None and (_lemma(noun) in QUANTITY_NOUNS or noun.pos_ == "NUM"):
            nouns += _conjuncts(_object_of(of))
    return {_lemma(n) for n in nouns if not _in_a_name(n)}


QUANTITY_NOUNS = _words("row dozen hundred thousand million number lot most many some all half part score tens majority percent %")


def _reduced_to_ruins(verb: Token) -> bool:
    doc = verb.doc
    after = doc[verb.i + 1 : min(len(doc), verb.i + 5)]
    if len(after) and after[0].lower_ == "to" and any(_is(t, RUIN_NOUNS) for t in after[1:]):
        return True  # "reduced to rubble" however it is parsed
    return any(c.lower_ == "to" and _object_of(c) is not None and _is(_object_of(c), RUIN_NOUNS) for c in verb.children)


def _patient(verb: Token) -> Token | None:
    """What the verb does something to: its object, the subject of a passive or of an unaccusative
    ("homes collapsed"), or, under "have" ("had their houses destroyed"), have's object."""
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child
    if verb.dep_ in ("ccomp", "xcomp", "oprd", "conj") and _lemma(verb.head) in ("have", "get", "leave"):
        have_object = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
        if have_object is not None:
            return have_object
    if verb.dep_ == "conj":
        return _patient(verb.head)
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN":
        return verb.head
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


# --- access -------------------------------------------------------------------------------------


def _access(sentence: Span, crisis: bool) -> Iterator[_Found]:
    """Access lacking, limited or denied ("has not had access to the region", "limited access to
    basic services"), "humanitarian access", aid or food prevented or blocked, roads closed."""
    for token in sentence:
        lemma = _lemma(token)
        if lemma in ACCESS_NOUNS and token.pos_ == "NOUN" and not _in_a_name(token):
            # "entry", "passage" and "movement" only as what is let in or kept out ("denied entry",
            # "freedom of movement restricted"), never as a doer ("the rebel movement blocked ...").
            if lemma != "access" and not (crisis and (token.dep_ in ("dobj", "nsubjpass") or (lemma == "movement" and token.head.lower_ == "of"))):
                continue
            target = _object_of(next((c for c in token.children if c.lower_ == "to"), None))
            to_a_service = target is not None and bool({_lemma(n) for n in _conjuncts(target)} & (SERVICE_NOUNS | _words("care healthcare food")))
            humanitarian = any(_lemma(c) == "humanitarian" for c in token.children)
            limited = [c for c in token.children if _lemma(c) in LIMITING_WORDS or c.lower_ in LIMITING_WORDS]
            role = token.head if token.dep_ == "conj" else token  # "Mobility and access to basic food are being restricted"
            restricted_verb = role.head if role.dep_ in ("nsubj", "nsubjpass", "dobj") and _lemma(role.head) in RESTRICT_VERBS else None
            negated_verb = token.head if token.dep_ == "dobj" and _is_negated(token.head) else None
            if not (humanitarian or limited or restricted_verb is not None or negated_verb is not None):
                continue
            if not (crisis or to_a_service or humanitarian):
                continue
            first = min([token.left_edge.i] + [c.left_edge.i for c in limited])
            last = _right_edge(token)
            if negated_verb is not None:
                first = min(first, _first_aux(negated_verb).i)
            if restricted_verb is not None:
                first, last = min(first, token.left_edge.i), max(last, restricted_verb.i)
            yield _Found("access", first, last + 1, token)
        elif token.pos_ == "VERB" and lemma in PREVENT_VERBS and _blocked_aid(token, crisis) is not None:
            blocked = _blocked_aid(token, crisis)
            if blocked is not None:
                yield _Found("access", min(token.i, blocked.left_edge.i), _right_edge_of_verb(token) + 1, token)
        elif token.pos_ in ("VERB", "ADJ") and (lemma in CLOSE_VERBS or token.lower_ in ("closed", "shut", "impassable")) and crisis:
            patient = _patient(token)
            if patient is not None and (_lemma(patient) in ROAD_NOUNS or (_cut_off(token) and _lemma(patient) in CUT_OFF_PLACES)):
                first, last = (patient.left_edge.i, token.i) if patient.i < token.i else (token.i, _right_edge(patient))
                yield _Found("access", first, last + 1, token)
        elif token.pos_ == "VERB" and _kept_out(token, crisis):
            first = _first_aux(token) if _is_negated(token) else token
            subject = next((c for c in token.children if c.dep_ in ("nsubjpass", "nsubj")), None)
            if subject is not None and subject.i < token.i and not _is_negated(token):
                first = subject
            last = max([_right_edge_of_verb(token)] + [c.i for c in token.children if c.dep_ in ("prep", "xcomp", "dobj") and c.i == _right_edge_of_verb(token) + 1] + [_right_edge(c) for c in token.children if c.dep_ == "dobj"])
            yield _Found("access", min(first.i, token.i), last + 1, token)
        elif token.pos_ == "NOUN" and lemma == "blockade" and (token.head.lower_ == "under" or _restricts_movement(token)):
            # "living under blockade", "a blockade on fuel and food imports" (not the word itself)
            yield _Found("access", token.head.i if token.head.lower_ == "under" else token.left_edge.i, _right_edge(token) + 1, token)
        elif token.pos_ == "NOUN" and crisis and lemma in RESTRICTION_NOUNS and _restricts_movement(token):
            yield _noun_found("access", token)


def _is_aid_bearer(noun: Token, crisis: bool) -> bool:
    """Aid or who carries it, said so: "aid trucks", "humanitarian agencies", "relief convoys", "trucks
    carrying medicine", "food and fuel" in a crisis (not any flight, worker or vehicle)."""
    if _is_aid(noun, False) or (crisis and _lemma(noun) in ("food", "medicine", "fuel", "supply", "supplies", "convoy", "humanitarian")):
        return True
    if _lemma(noun) not in AID_BEARERS:
        return False
    if _modifiers(noun) & {"aid", "humanitarian", "relief", "un", "medical", "food"}:
        return True
    carrying = next((c for c in noun.children if c.dep_ in ("acl", "relcl") and _lemma(c) in ("carry", "transport", "bring", "deliver")), None)
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
    return lemma in ("stop", "block", "stall", "strand") and verb.tag_ == "VBN" and any(
        c.lower_ in ("at", "by") and _object_of(c) is not None and (_lemma(_object_of(c)) in ROAD_NOUNS or _lemma(_object_of(c)) in ("authority", "force", "soldier", "army")) for c in verb.children
    )


def _restricts_movement(noun: Token) -> bool:
    """"restrictions on movement", "movement restrictions", "curbs on aid deliveries"."""
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


def _aid(sentence: Span, crisis: bool) -> Iterator[_Found]:
    """Aid provided, delivered, sent or claimed ("delivering humanitarian aid, including food and
    hygiene products", "tents provided by the local authorities"), humanitarian or relief work ("a
    UN humanitarian mission", "relief efforts"), gifts of supplies, patients referred to hospital."""
    for token in sentence:
        lemma = _lemma(token)
        if token.pos_ != "VERB" and token.dep_ in ("advcl", "xcomp", "acl") and token.lower_.endswith("ing") and token.lower_[:-3] in DELIVER_VERBS:
            lemma = token.lower_[:-3]  # a participle read as a noun ("trucking clean water")
        if (token.pos_ == "VERB" or lemma != _lemma(token)) and lemma in DELIVER_VERBS and not (lemma == "hand" and not any(c.lower_ == "out" for c in token.children)):
            given = next((c for c in token.children if c.dep_ == "dobj"), None)
            if given is None and token.dep_ in ("acl", "relcl") and token.tag_ == "VBN":
                given = token.head
                if _is_aid(given, crisis):
                    yield _Found("aid", given.left_edge.i, _right_edge_of_verb(token) + 1, token)
                continue
            if given is not None and any(_is_aid(n, crisis) or (crisis and _is_helper(n)) for n in _conjuncts(given)):
                yield _Found("aid", token.i, _right_edge(given) + 1, token)
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
                yield _Found("aid", patient.left_edge.i, _right_edge_of_verb(token) + 1, token)
            elif patient is not None:
                yield _Found("aid", token.i, _right_edge(patient) + 1, token)
        elif token.pos_ == "VERB" and crisis and lemma == "scale" and any(c.lower_ == "up" for c in token.children):
            scaled = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None) or next((c for c in token.children if c.dep_ == "nsubj"), None)
            if scaled is not None and _lemma(scaled) in ("response", "operation", "assistance", "aid", "effort", "delivery", "relief"):
                first, last = (token.i, _right_edge(scaled)) if scaled.i > token.i else (scaled.left_edge.i, _right_edge_of_verb(token))
                yield _Found("aid", first, last + 1, token)
        elif token.pos_ == "VERB" and crisis and lemma in FUND_VERBS:
            given = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if given is not None and any(t.tag_ == "$" or _lemma(t) in FUND_NOUNS for t in given.subtree) and _for_relief(token):
                first, last = (token.i, _right_edge(given)) if given.i > token.i else (given.left_edge.i, _right_edge_of_verb(token))
                yield _Found("aid", first, last + 1, token)
        elif token.pos_ == "VERB" and lemma in REFER_VERBS and crisis:
            to = next((c for c in token.children if c.lower_ == "to"), None)
            if to is not None and _object_of(to) is not None and _lemma(_object_of(to)) in ("hospital", "clinic"):
                yield _Found("aid", token.i, _right_edge(to) + 1, token)


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
        return bool(_modifiers(noun) & _words("medical surgical humanitarian relief aid health")) or (
            member is not None and _lemma(member) in HELPER_NOUNS
        )
    return True


#: What money given in a crisis is for when it is aid ("$1.5 billion for the humanitarian response").
RELIEF_PURPOSES = _words("aid humanitarian relief response victim survivor refugee displaced idp reconstruction recovery emergency appeal")


def _for_relief(verb: Token) -> bool:
    """Money given for relief: the clause says what for ("pledged $50 million in humanitarian aid",
    "released emergency funds for flood victims"), not any sum announced in a war."""
    return any(_lemma(t) in RELIEF_PURPOSES or t.lower_ in RELIEF_PURPOSES for t in verb.subtree if t.i > verb.i or t.dep_ == "nsubjpass")


def _sets_up_a_facility(verb: Token) -> bool:
    """"treatment centres have been set up", "opened three field hospitals" ("set" needs its "up")."""
    if _lemma(verb) == "set" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children):
        return False
    patient = _patient(verb)
    if patient is None or _lemma(patient) not in AID_FACILITIES:
        return False
    return _lemma(patient) not in ("centre", "center", "point", "unit", "post", "site") or bool(
        _modifiers(patient) & _words("treatment health medical feeding distribution evacuation reception collective water nutrition cholera stabilisation stabilization transit")
    )


def _is_aid_work(noun: Token, crisis: bool) -> bool:
    """"a UN humanitarian mission", "relief efforts", "the medical team", "a team of medical
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


def _needs(sentence: Span, crisis: bool) -> Iterator[_Found]:
    """"assess humanitarian needs", "an urgent need for the international community to step in", "in
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
                yield _Found("need", token.head.head.left_edge.i, token.i + 1, token)
            elif modifiers & NEED_MODIFIERS or (crisis and modifiers & NEED_MODIFIERS_IN_CRISIS) or any(_lemma(n) in NEEDED_THINGS for n in needed):
                first = token.head.i if token.head.lower_ == "in" else token.left_edge.i
                yield _Found("need", first, _right_edge(token) + 1, token)
        elif token.pos_ == "VERB" and crisis and lemma in REQUIRE_VERBS:
            needed = next((c for c in token.children if c.dep_ == "dobj"), None) or _object_of(next((c for c in token.children if c.lower_ == "on"), None))
            if needed is not None and any(_lemma(n) in NEEDED_THINGS or _is_aid(n, False) for n in _conjuncts(needed)):
                yield _Found("need", token.i, _right_edge(needed) + 1, token)
        elif token.pos_ == "VERB" and (lemma == "need" or lemma in SEEK_VERBS):
            needed = next((c for c in token.children if c.dep_ == "dobj"), None)
            if needed is None:
                continue
            lemmas = {_lemma(n) for n in _conjuncts(needed)}
            if lemmas & REFUGE_NOUNS and lemma in SEEK_VERBS:
                continue  # "seek shelter" is where people shelter
            if lemmas & NEEDED_THINGS and (crisis or _has_people_subject(token) or lemma in SEEK_VERBS):
                yield _Found("need", token.i, _right_edge(needed) + 1, token)


# --- at risk ------------------------------------------------------------------------------------


def _at_risk(sentence: Span, crisis: bool) -> Iterator[_Found]:
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
            yield _Found("at_risk", group[0].left_edge.i, max(_right_edge(t) for t in group) + 1, token)
        elif lemma == "need" and any(_lemma(c) == "special" for c in token.children):
            yield _Found("at_risk", token.left_edge.i, token.i + 1, token)
        elif lemma == "survivor" and any(_lemma(t) == "violence" for t in token.subtree):
            yield _noun_found("at_risk", token)
        elif lemma in TRAP_VERBS and token.tag_ == "VBN" or token.lower_ in ("stuck", "trapped", "stranded") or (
            crisis and token.pos_ == "VERB" and (_buried(token) or _caught(token) or _cut_off(token))
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
                yield _Found("at_risk", first, _right_edge(token) + 1, token)
        elif token.pos_ == "VERB" and lemma in ENDANGER_VERBS:
            threatened = next((c for c in token.children if c.dep_ == "dobj"), None)
            if threatened is not None and _lemma(threatened) in LIFE_NOUNS:
                yield _Found("at_risk", token.i, _right_edge(threatened) + 1, token)


def _buried(verb: Token) -> bool:
    """"buried under the rubble", "pinned beneath debris"."""
    return _lemma(verb) in ("bury", "pin", "trap") and any(
        c.lower_ in ("under", "beneath", "underneath", "in") and _object_of(c) is not None and _is(_object_of(c), RUBBLE_NOUNS) for c in verb.children
    )


def _caught(verb: Token) -> bool:
    """"caught in the crossfire", "caught up in the fighting"."""
    if _lemma(verb) != "catch":
        return False
    preps = [c for c in verb.children if c.dep_ == "prep"] + [p for c in verb.children if c.dep_ == "prt" for p in c.children if p.dep_ == "prep"]
    return any(c.lower_ in ("in", "between") and _object_of(c) is not None and _is(_object_of(c), CROSSFIRE_NOUNS) for c in preps)


def _cut_off(verb: Token) -> bool:
    return _lemma(verb) == "cut" and any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children)


def _cannot_leave(verb: Token) -> _Found | None:
    """"remain unable to leave the city", "could not flee", "were not allowed to leave", "prevented from
    leaving": people who cannot get away, said of people."""
    if _lemma(verb) == "get" and not any(c.dep_ == "prt" and c.lower_ in ("out", "away") for c in verb.children):
        return None
    first: Token | None = None
    holder = verb
    if verb.dep_ == "xcomp" and _lemma(verb.head) in ("unable", "able") and (_lemma(verb.head) == "unable" or _is_negated(verb.head) or _is_negated(verb.head.head)):
        first, holder = verb.head, verb.head.head
    elif verb.dep_ == "xcomp" and _lemma(verb.head) in ("allow", "permit") and _is_negated(verb.head):
        first, holder = _first_aux(verb.head), verb.head
    elif verb.dep_ == "pcomp" and verb.head.lower_ == "from" and _lemma(verb.head.head) in ("prevent", "bar", "stop", "block", "ban", "forbid"):
        first, holder = verb.head.head, verb.head.head
    elif _is_negated(verb) and any(_lemma(c) in ("can", "could", "be") for c in verb.children if c.dep_ == "aux"):
        first, holder = _first_aux(verb), verb
    if first is None:
        return None
    person = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass") or (c.dep_ == "dobj" and holder != verb)), None)
    if person is None and holder.dep_ in ("relcl", "acl"):
        person = holder.head
    if person is None or not _is_people(person):
        return None
    dobj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    last = max(_right_edge(dobj) if dobj is not None else verb.i, _right_edge_of_verb(verb))
    return _Found("at_risk", min(first.i, verb.i), last + 1, verb)


def _is_vulnerable(person: Token) -> bool:
    if any(_lemma(c) in VULNERABLE_MODIFIERS or c.lower_ in VULNERABLE_MODIFIERS for c in person.children if c.dep_ in ("amod", "compound", "conj")):
        return True
    with_ = next((c for c in person.children if c.lower_ == "with"), None)
    having = _object_of(with_) if with_ is not None else None
    return having is not None and (_lemma(having) in VULNERABLE_CONDITIONS or (_lemma(having) == "need" and any(_lemma(c) == "special" for c in having.children)))


#: Groups a list of vulnerable people names beside them ("women, children and older people").
VULNERABLE_GROUPS = _words("woman child girl boy infant baby orphan widow minor")


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


def _trapped(word: Token) -> _Found | None:
    """"41,000 people were trapped", "stranded foreigners", "the floods left thousands stranded in
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
    return _Found("at_risk", first, last + 1, word)


def _is_people(noun: Token) -> bool:
    return _lemma(noun) in PEOPLE_NOUNS or noun.ent_type_ == "NORP" or noun.tag_ == "NNPS" or noun.like_num or noun.pos_ == "NUM" or _lemma(noun) in ("thousand", "hundred", "million", "many", "dozen") or noun.tag_ == "PRP"


# --- helpers ------------------------------------------------------------------------------------


_FINDERS = (_lacks, _services_cut, _shelter, _protection, _health, _damage, _access, _aid, _needs, _at_risk)


def _object_of(prep: Token | None) -> Token | None:
    if prep is None:
        return None
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def _conjuncts(token: Token | None) -> list[Token]:
    if token is None:
        return []
    return [token, *token.conjuncts]


def _right_edge(token: Token) -> int:
    """The last token of ``token``'s phrase, without a trailing relative or adverbial clause, a
    parenthesis or punctuation."""
    last = token.i
    for child in token.rights:
        if child.dep_ in ("relcl", "advcl", "parataxis", "acl") and child.i > token.i + 1:
            break
        if child.dep_ != "punct":
            last = max(last, child.right_edge.i)
    while last > token.i and token.doc[last].is_punct:
        last -= 1
    return last


def _right_edge_of_verb(verb: Token) -> int:
    """A verb with its particles ("swept away", "broke out")."""
    last = verb.i
    for child in verb.rights:
        if child.dep_ in ("prt", "acomp", "advmod") and child.i == last + 1:
            last = child.i
    return last


def _first_aux(verb: Token) -> Token:
    lefts = [c for c in verb.lefts if c.dep_ in ("aux", "auxpass", "neg", "advmod")]
    return lefts[0] if lefts else verb


def _is_negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _has_people_subject(verb: Token) -> bool:
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and _is_people(subject)


def _has_patient_in(verb: Token, nouns: frozenset[str]) -> bool:
    patient = _patient(verb)
    return patient is not None and _lemma(patient) in nouns


def _noun_found(kind: str, noun: Token) -> _Found:
    """A noun condition with its modifiers and complements ("a series of illegal arrests" is the
    series)."""
    head = noun
    if noun.head.lower_ == "of" and _lemma(noun.head.head) in COLLECTIVE_NOUNS:
        head = noun.head.head
    return _Found(kind, head.left_edge.i, _right_edge(noun) + 1 if head is noun else max(_right_edge(noun), noun.i) + 1, noun)


def _verb_found(kind: str, verb: Token) -> _Found:
    """A verb condition with its patient: "villages were looted", "detained in overcrowded cells"."""
    patient = _patient(verb)
    if patient is not None and patient.i < verb.i:
        return _Found(kind, patient.left_edge.i, _right_edge_of_verb(verb) + 1, verb)
    end = _right_edge(patient) if patient is not None else _right_edge_of_verb(verb)
    preps = [c for c in verb.rights if c.dep_ == "prep"]
    if preps and patient is None:
        end = max(end, _right_edge(preps[0]))
    return _Found(kind, verb.i, end + 1, verb)


# --- the condition ------------------------------------------------------------------------------


def _condition(doc: Doc, sentence: Span, item: _Found, places: Sequence[PlaceMention], times: Sequence[TimeExpression]) -> Condition:
    words = doc[item.first : item.last]
    start, end = sentence.start_char, sentence.end_char
    while start < end and doc.text[start].isspace():
        start += 1
    while end > start and doc.text[end - 1].isspace():
        end -= 1
    return Condition(
        kind=item.kind,
        text=words.text,
        start=words.start_char,
        end=words.end_char,
        sectors=_sectors(words, item.kind),
        pillar=CONDITION_PILLARS[item.kind],
        sentence=doc.text[start:end],
        sentence_start=start,
        sentence_end=end,
        place=_place(item, sentence, places),
        time=_time(item, sentence, times),
        attribution=attribution_for(item.anchor, sentence),
    )


def _sectors(words: Span, kind: str) -> tuple[str, ...]:
    """The sectors the condition's words name, in the order of SECTORS; its kind's when none."""
    from crisisdesk.model import SECTORS

    named = {_SECTOR_OF[w] for t in words for w in (_lemma(t), t.lower_) if w in _SECTOR_OF}
    if kind == "communications_cut":
        named = {"Logistics"}
    if not named:
        named = {KIND_SECTOR.get(kind, "Cross")}
    return tuple(s for s in SECTORS if s in named)


def _clause_of(token: Token) -> Token:
    current = token
    for _ in range(20):
        if current.pos_ in ("VERB", "AUX") or current.head == current:
            return current
        current = current.head
    return current


def _place(item: _Found, sentence: Span, places: Sequence[PlaceMention]) -> PlaceMention | None:
    """The nearest place in the condition's clause (as events and figures attach theirs)."""
    clause = _clause_of(item.anchor)
    doc = sentence.doc
    inside = []
    for mention in places:
        if not (sentence.start_char <= mention.start and mention.end <= sentence.end_char):
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and (clause in span.root.ancestors or span.root == clause or clause.is_ancestor(span.root)):
            inside.append(mention)
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "agent")), None)
    actor = doc[subject.left_edge.i : subject.right_edge.i + 1] if subject is not None else None
    if actor is not None and actor.start <= item.anchor.i < actor.end:
        actor = None  # the condition is the subject ("The deployment of a UN mission to Nagorno-Karabakh made ...")
    # "Baku carried out a series of illegal arrests in the enclave": the arrests are in the enclave.
    return place_for(item.anchor, sentence, inside, exclude=actor) if inside else None


def _time(item: _Found, sentence: Span, times: Sequence[TimeExpression]) -> TimeExpression | None:
    """The DATE or TIME expression the condition's clause carries ("since the offensive began" has
    none; "throughout the weekend" dates the arrests)."""
    clause = _clause_of(item.anchor)
    doc = sentence.doc
    for time in times:
        if time.type not in ("DATE", "TIME") or not (sentence.start_char <= time.start and time.end <= sentence.end_char):
            continue
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is not None and _clause_of(span.root.head if span.root.head != span.root else span.root) == clause:
            return time
    return None
