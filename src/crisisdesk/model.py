"""Typed records passed between the stages (ingest → nlp → store → analysis → outputs).

Every fact carries ``start``/``end``: character offsets into ``Article.text``, the article text as
it was given (before any repair), so that each fact points at its evidence.

The domain vocabulary (IDMC terms, units, qualifiers) is defined here once and imported elsewhere.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

# --- vocabulary (DESIGN.md) -------------------------------------------------------------------

#: A letter the source text lost (Unicode's replacement character): text repair writes it where a
#: letter is known to be missing ("Choc\ufffd" for Chocó), and name lookups read it as any letter.
LOST_LETTER = "\ufffd"

#: IDMC reporting terms for displacement figures.
DISPLACEMENT_TERMS: tuple[str, ...] = (
    "displaced",
    "evacuated",
    "forced_to_flee",
    "sheltered",
    "in_relief_camp",
    "relocated",
    "homeless",
    "destroyed_housing",
    "partially_destroyed_housing",
)
#: Terms beyond displacement; ``population`` is a baseline ("51,000 inhabitants").
OTHER_TERMS: tuple[str, ...] = (
    "refugees",
    "returned",
    "killed",
    "injured",
    "missing",
    "arrested",
    "affected",
    "in_need",
    "population",
)
TERMS: tuple[str, ...] = DISPLACEMENT_TERMS + OTHER_TERMS

#: Each term in plain words, as a report says it of the people counted.
TERM_LABELS: dict[str, str] = {
    "displaced": "displaced",
    "evacuated": "evacuated",
    "forced_to_flee": "forced to flee",
    "sheltered": "sheltered",
    "in_relief_camp": "in relief camps",
    "relocated": "relocated",
    "homeless": "made homeless",
    "destroyed_housing": "homes destroyed",
    "partially_destroyed_housing": "homes damaged",
    "refugees": "refugees",
    "returned": "returned",
    "killed": "killed",
    "injured": "injured",
    "missing": "missing",
    "arrested": "arrested",
    "affected": "affected",
    "in_need": "in need",
    "population": "population (baseline)",
}

#: What a figure counts. Families count as households; ``structures`` is for housing.
UNITS: tuple[str, ...] = ("people", "households", "structures")

#: How the source qualifies a number, and how a report writes it before the number.
QUALIFIER_WORDS: dict[str, str] = {
    "exact": "",
    "about": "about",
    "at_least": "at least",
    "more_than": "more than",
    "up_to": "up to",
    "fewer_than": "fewer than",
    "range": "",
}
QUALIFIERS: tuple[str, ...] = tuple(QUALIFIER_WORDS)

#: What happened, as a situation report names it: the kinds of event the nlp stage finds.
EVENT_LABELS: dict[str, str] = {
    "offensive": "military offensive",  # an offensive, attack, shelling, siege or blockade
    "fighting": "fighting",  # war, armed conflict, clashes
    "displacement": "displacement",  # people fleeing, an exodus
    "evacuation": "evacuation",
    "arrests": "arrests",  # arrests and detentions
    "aid_delivery": "aid delivery",
    "mission_deployed": "mission deployed",  # a UN, monitoring or assessment mission sent or arriving
    "ceasefire": "ceasefire or surrender",  # a truce, surrender, disarmament
    "authority_dissolved": "authority dissolved",  # dissolution or handover of an authority
    "services_cut": "services cut",  # electricity, water, communications cut or disrupted
    "return": "return",  # displaced people going back
    "killing": "people killed",  # people killed, or dead in an attack, blast, disaster or accident
    "injury": "people injured",  # people injured or wounded
}
EVENT_TYPES: tuple[str, ...] = tuple(EVENT_LABELS)
#: How a sentence reports an event.
EVENT_STATUSES: tuple[str, ...] = ("happened", "under_way", "planned", "denied")

#: Humanitarian sectors of the DEEP analytical framework.
SECTORS: tuple[str, ...] = (
    "Food Security", "Health", "Protection", "Shelter", "WASH", "Education", "Livelihoods", "Logistics", "Nutrition",
    "Agriculture", "Cross",
)  # fmt: skip
#: Pillars (dimensions) of the DEEP analytical framework.
PILLARS: tuple[str, ...] = (
    "Context", "Shock/Event", "Displacement", "Casualties", "Humanitarian Access", "Information and Communication",
    "Humanitarian Conditions", "Priority Needs", "Capacities & Response", "At Risk", "Impact",
)  # fmt: skip
#: What a condition is (tests/data/conditions/GUIDE.md), and the DEEP pillar each kind falls under.
CONDITION_PILLARS: dict[str, str] = {
    "services_cut": "Humanitarian Conditions",  # without electricity, food, water; services disrupted; shortages
    "communications_cut": "Information and Communication",  # phones, internet cut
    "shelter": "Humanitarian Conditions",  # in basements, camps, collective centres, tents, with host families
    "protection": "Humanitarian Conditions",  # arrests, detention, torture, abduction, looting, sexual violence
    "health": "Humanitarian Conditions",  # disease, outbreaks, malnutrition, trauma, hunger
    "damage": "Impact",  # homes and infrastructure destroyed or damaged
    "access": "Humanitarian Access",  # aid kept out, roads closed, movement restricted
    "aid": "Capacities & Response",  # aid delivered, provided, sent or claimed
    "need": "Priority Needs",  # needs stated as such
    "at_risk": "At Risk",  # people left behind, trapped, stranded; vulnerable groups
}
CONDITION_KINDS: tuple[str, ...] = tuple(CONDITION_PILLARS)
#: What a party does with what it says (a claim's stance), in plain words.
STANCE_LABELS: dict[str, str] = {
    "allegation": "alleges",  # accuses another of something: allege, accuse, denounce, condemn
    "denial": "denies",  # says something is not so: deny, reject or dismiss an allegation
    "claim": "claims",  # asserts something of its own that others may dispute: claim, insist
    "promise": "promises",  # commits to something: promise, pledge, vow, "said it would send"
    "report": "says",  # states something: say, report, announce, "according to"
}
STANCES: tuple[str, ...] = tuple(STANCE_LABELS)
#: Stances that assert something another party may deny, and the stance that denies it.
ASSERTING_STANCES: tuple[str, ...] = ("allegation", "claim")
#: Whether the speaker holds the content to be so ("denies ethnic cleansing", "said no one was
#: hurt": negative).
POLARITIES: tuple[str, ...] = ("positive", "negative")

Term = str
Unit = Literal["people", "households", "structures"]
Qualifier = Literal["exact", "about", "at_least", "more_than", "up_to", "fewer_than", "range"]


def to_dict(record: Any) -> Any:
    """JSON-ready form of a record (dates as ISO strings, nested records as dicts)."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record) if not f.metadata.get("internal")}
    if isinstance(record, (list, tuple)):
        return [to_dict(x) for x in record]
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    if isinstance(record, date):
        return record.isoformat()
    return record


# --- ingest ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Repair:
    """One stretch of the verbatim text replaced for analysis (mojibake, ligatures)."""

    start: int  # offsets into Article.text
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Article:
    """One news report as ingested. ``text`` is verbatim; ``repairs`` say how to clean it."""

    id: str  # stable, derived from the content
    text: str  # verbatim body (metadata lines removed), the target of every offset
    published: date | None = None  # None when the source does not say: never today
    title: str | None = None
    url: str | None = None
    source: str | None = None  # publisher, or the file the article came from
    language: str | None = None  # ISO 639-1
    origin: str = ""  # where it was read: "path", "path:line" or "-:line"
    repairs: tuple[Repair, ...] = field(default=(), metadata={"internal": True})


@dataclass(frozen=True, slots=True)
class IngestError:
    """One input that could not be read; the batch goes on without it."""

    origin: str  # "path" or "path:line"
    reason: str


# --- nlp ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry. ``country`` is ISO 3166 alpha-3; ``geonames_id`` when GeoNames has one."""

    name: str
    geonames_id: int | None
    country: str | None
    lat: float | None
    lon: float | None
    kind: str  # country | admin1 | city | region | corridor | continent | ...
    admin1: str | None = None
    population: int | None = None
    source: str = "geonames"  # geonames | pycountry | curated


@dataclass(frozen=True, slots=True)
class PlaceMention:
    text: str
    start: int
    end: int
    place: Place | None  # None: recognised as a place but not resolved
    confidence: float = 0.0
    #: An adjective of the place ("Turkish forces", "the English city of"): it names the place but
    #: does not say something is there, so no figure takes it as its location.
    adjectival: bool = False
    #: The place is named inside the name of an organisation, team or title ("Syrian Democratic
    #: Forces", "Bank of England", "Liverpool FC"): associated with it, not where anything is.
    embedded: bool = False

    @property
    def locates(self) -> bool:
        """Whether something said next to this mention can be at its place: a plain toponym,
        not an adjective or a place inside another name."""
        return not (self.adjectival or self.embedded)


@dataclass(frozen=True, slots=True)
class Quantity:
    """Any counted thing: "2.3 million people", "three states", "30 years", "hundreds"."""

    text: str
    start: int
    end: int
    value: float | None  # None for vague amounts
    value_max: float | None = None  # upper bound of a range
    modifier: str = "exact"  # one of QUALIFIERS
    unit_text: str | None = None  # the noun the number counts
    unit_start: int | None = None
    unit_end: int | None = None
    kind: str = "count"  # count | percent | money | duration | vague
    magnitude: int | None = None  # order of magnitude of a vague amount ("hundreds" → 2)


@dataclass(frozen=True, slots=True)
class TimeSpan:
    start: date | None
    end: date | None
    precision: str  # day | month | year | decade | unknown


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression as TimeML's TIMEX3 has it: ``type`` DATE, TIME, DURATION or SET and
    ``value`` ("2023-09-23", "2023-W38", "199X", "P30Y", "PRESENT_REF"), resolved against the
    publication date; ``start_date``/``end_date`` the days a DATE (or TIME) covers; ``anchor`` the
    publication date a relative expression was read against (None for absolute ones); ``mod``
    TIMEX3's modifier ("START", "APPROX", "MORE_THAN", ...)."""

    text: str
    start: int
    end: int
    type: str  # DATE | TIME | DURATION | SET
    value: str | None  # None: relative, with no publication date to read it against
    start_date: date | None = None
    end_date: date | None = None
    anchor: str | None = None
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    """A quantity that counts people, households or homes in one of the TERMS."""

    text: str
    start: int
    end: int
    quantity: float
    quantity_max: float | None
    qualifier: str
    unit: str
    term: str
    group: str | None
    place: PlaceMention | None
    date: TimeSpan | None
    sentence: str
    attribution: str | None = None
    sentence_start: int = 0
    sentence_end: int = 0
    tense: str | None = None  # past | present | future, from the verb the figure hangs on
    part_of: int | None = None  # index (in the article's figures) of the whole this is a part of
    country: str | None = None  # ISO3 the figure is about: its place's, else the article's main country


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened, is under way, is planned or is denied, as one sentence reports it.

    ``start``/``end`` are the words that name it ("offensive", "carried out a series of illegal
    arrests" → "arrests"); ``time`` the expression that dates it in the text, and ``when`` the days
    it covers: from ``time``, else bounded by the publication date (``dated_by`` says which)."""

    type: str  # one of EVENT_TYPES
    text: str
    start: int
    end: int
    status: str  # one of EVENT_STATUSES
    sentence: str
    sentence_start: int
    sentence_end: int
    actor: str | None = None  # who did it: "Azerbaijan", "Baku", "the UN"
    actor_country: str | None = None  # ISO3 of a state actor ("Azerbaijani troops", "Baku")
    target: str | None = None  # to whom or what: "ethnic Armenian rebel positions"
    place: PlaceMention | None = None
    time: TimeExpression | None = None
    when: TimeSpan | None = None
    dated_by: str | None = None  # "text" | "publication" | None (nothing dates it)
    duration: str | None = None  # TIMEX3 duration the text gives it ("a six-week war" → "P6W")
    attribution: str | None = None  # who reports it: "Azerbaijan claims to be delivering aid"
    #: Told in a crisis context (it, a sentence beside it, or its article names a war, a disaster,
    #: displacement, humanitarian work: crisisdesk.nlp.conditions.crisis); False for ordinary crime,
    #: court, politics or sport news, kept but marked. None when not decided.
    crisis: bool | None = None


@dataclass(frozen=True, slots=True)
class Condition:
    """A humanitarian condition, need, access constraint or response one sentence states
    ("without electricity, gas, food, fuel", "hide in basements", "a series of illegal arrests"),
    tagged with the DEEP framework: ``kind`` (one of CONDITION_KINDS), ``pillar`` (the kind's, in
    CONDITION_PILLARS) and the ``sectors`` its words name (SECTORS). ``start``/``end`` are the
    words that state it; ``place`` the nearest place in its clause, ``time`` the time expression
    its clause carries."""

    kind: str
    text: str
    start: int
    end: int
    sectors: tuple[str, ...]
    pillar: str
    sentence: str
    sentence_start: int
    sentence_end: int
    place: PlaceMention | None = None
    time: TimeExpression | None = None
    attribution: str | None = None  # who reports it: "the UN said", "according to OCHA"
    #: How sure the sector classifier (crisisdesk.nlp.sectors) is of each of ``sectors`` from the
    #: meaning of the condition's sentence, 0-1; None when it did not run.
    sector_confidence: dict[str, float] | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """Who says what, with what stance, as one sentence reports it.

    ``text``/``start``/``end`` are the words that carry the stance (the reporting verb or noun:
    "rejects", "allegations", "According to"); ``content`` the words of what is said, with its
    offsets; ``topic`` a short normalised key of what it is about ("ethnic cleansing",
    "humanitarian aid delivery"), so that claims from different sources can be matched."""

    stance: str  # one of STANCES
    text: str
    start: int
    end: int
    sentence: str
    sentence_start: int
    sentence_end: int
    speaker: str | None = None  # "Azerbaijan", "the Ambassador of the Republic of Armenia", "the UN"
    speaker_country: str | None = None  # ISO3 when the speaker is a state or its official
    content: str | None = None
    content_start: int | None = None
    content_end: int | None = None
    topic: str | None = None
    polarity: str = "positive"  # one of POLARITIES
    target: str | None = None  # whom an allegation is against ("accused Azerbaijan of shelling")
    place: PlaceMention | None = None
    time: TimeExpression | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the nlp stage found in one article."""

    article: Article
    places: list[PlaceMention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    #: The DEEP sectors the article is about, with the classifier's probability (crisisdesk.nlp.sectors).
    sectors: dict[str, float] = field(default_factory=dict)
