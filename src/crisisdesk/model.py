"""Typed records passed between the stages (ingest → nlp → store → analysis → outputs).

Every fact carries ``start``/``end``: character offsets into ``Article.text``, the article text as
it was given (before any repair), so that each fact points at its evidence. The four kinds of fact
(Figure, Event, Condition, Claim) share one base, :class:`Evidence`; field metadata says which
fields are words with offsets and which refer to the article's places and times, and the code
that remaps, stores and writes records reads it instead of naming fields.

The domain vocabulary (IDMC terms, units, qualifiers) is defined here once and imported elsewhere.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, Literal

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
#: Terms beyond displacement; ``population`` is a baseline ("51,000 inhabitants"); ``cases`` are
#: people who caught a disease in an outbreak (its deaths are ``killed``); ``casualties`` the killed
#: and injured counted together ("8,239 civilian casualties"); ``cut_off`` people cut off from water,
#: power, roads or aid ("left without electricity", "stranded", "lack access to water");
#: ``at_risk`` people a threat is named for ("at risk of eviction", "exposed to flooding"), or
#: counted as at particular risk ("unaccompanied children").
OTHER_TERMS: tuple[str, ...] = (
    "refugees",
    "returned",
    "killed",
    "injured",
    "missing",
    "arrested",
    "affected",
    "in_need",
    "cases",
    "casualties",
    "cut_off",
    "at_risk",
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
    "cases": "disease cases",
    "casualties": "casualties (killed and injured)",
    "cut_off": "cut off (from water, power, roads or aid)",
    "at_risk": "at risk",
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
        return {name: to_dict(getattr(record, name)) for name in json_keys(type(record))}
    if isinstance(record, (list, tuple)):
        return [to_dict(x) for x in record]
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    if isinstance(record, date):
        return record.isoformat()
    return record


def json_keys(cls: type) -> list[str]:
    """The fields of a record type a JSON object of it has, in order: those its ``JSON_ORDER``
    lists first, then the others in field order (so a new field needs nothing here)."""
    names = [f.name for f in dataclasses.fields(cls) if not f.metadata.get("internal")]
    order = [n for n in getattr(cls, "JSON_ORDER", ()) if n in names]
    return order + [n for n in names if n not in order]


# --- field metadata ----------------------------------------------------------------------------
#
# Field metadata says what a field is, so that the code that maps records (remapping offsets to the
# verbatim text, store columns and rows, JSON) is written once, from ``dataclasses.fields``:
# - ``span``: a text field holding the words between two offset fields of the same record
#   (``trim``: white space at its edges is not part of it, as for a sentence);
# - ``refers_to``: an entry of the article's list of that name in the Extraction (``places``,
#   ``times``): the same object in memory, its index in the store;
# - ``joined``: a tuple of words kept as one string joined by this separator in the store.


def span_of(start: str, end: str, *, trim: bool = False) -> dict[str, Any]:
    """Metadata of a text field that is the verbatim text between the offset fields ``start`` and ``end``."""
    return {"span": (start, end), "trim": trim}


def refers_to(extraction_list: str) -> dict[str, Any]:
    """Metadata of a field that holds an entry of the Extraction's list ``extraction_list``."""
    return {"refers_to": extraction_list}


@dataclass(frozen=True, slots=True)
class SpanFields:
    """A text field with its offsets, read from a record's field metadata."""

    text: str  # field names
    start: str
    end: str
    trim: bool


def spans_of(cls: type) -> tuple[SpanFields, ...]:
    """The text fields of a record type that hold verbatim text between two of its offset fields."""
    return tuple(SpanFields(f.name, *f.metadata["span"], f.metadata["trim"]) for f in dataclasses.fields(cls) if "span" in f.metadata)


def references_of(cls: type) -> dict[str, str]:
    """{field: Extraction list it refers to} of a record type."""
    return {f.name: f.metadata["refers_to"] for f in dataclasses.fields(cls) if "refers_to" in f.metadata}


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
    #: "url" when no date was given and ``published`` was read from the URL (".../2018/03/05/...").
    published_from: str | None = None


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
    text: str = field(metadata=span_of("start", "end"))
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

    text: str = field(metadata=span_of("start", "end"))
    start: int
    end: int
    value: float | None  # None for vague amounts
    value_max: float | None = None  # upper bound of a range
    modifier: str = "exact"  # one of QUALIFIERS
    unit_text: str | None = field(default=None, metadata=span_of("unit_start", "unit_end"))  # the counted noun with its modifiers
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

    text: str = field(metadata=span_of("start", "end"))
    start: int
    end: int
    type: str  # DATE | TIME | DURATION | SET
    value: str | None  # None: relative, with no publication date to read it against
    start_date: date | None = None
    end_date: date | None = None
    anchor: str | None = None
    mod: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """What every fact (Figure, Event, Condition, Claim) carries: the words that state it and
    the sentence they stand in, both with offsets into ``Article.text``, and the place it is at
    (one of the article's place mentions)."""

    text: str = field(metadata=span_of("start", "end"))
    start: int
    end: int
    sentence: str = field(metadata=span_of("sentence_start", "sentence_end", trim=True))
    sentence_start: int = 0
    sentence_end: int = 0
    place: PlaceMention | None = field(default=None, metadata=refers_to("places"))

    #: Keys in the order the extract contract first listed them (fields not listed follow, in
    #: field order): a consumer comparing files byte for byte sees no change.
    JSON_ORDER: ClassVar[tuple[str, ...]] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class TimedEvidence(Evidence):
    """Evidence with the time expression (one of the article's) that dates what it states."""

    time: TimeExpression | None = field(default=None, metadata=refers_to("times"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Figure(Evidence):
    """A quantity that counts people, households or homes in one of the TERMS."""

    quantity: float
    quantity_max: float | None
    qualifier: str
    unit: str
    term: str
    group: str | None
    date: TimeSpan | None = None
    attribution: str | None = None
    tense: str | None = None  # past | present | future, from the verb the figure hangs on
    part_of: int | None = None  # index (in the article's figures) of the whole this is a part of
    country: str | None = None  # ISO3 the figure is about: its place's, else the article's main country
    # Whether it is about a crisis (conflict, violence against civilians, disaster, epidemic,
    # displacement, food crisis): road tolls, ordinary crime, court cases, sport are kept, marked
    # False, and left out of reports (crisisdesk.nlp.relevance).
    crisis: bool = True

    JSON_ORDER: ClassVar[tuple[str, ...]] = (
        "text", "start", "end", "quantity", "quantity_max", "qualifier", "unit", "term", "group", "place", "date",
        "sentence", "attribution", "sentence_start", "sentence_end", "tense", "part_of", "country", "crisis",
    )  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class Event(TimedEvidence):
    """Something that happened, is under way, is planned or is denied, as one sentence reports it.

    ``start``/``end`` are the words that name it ("offensive", "carried out a series of illegal
    arrests" → "arrests"); ``time`` the expression that dates it in the text, and ``when`` the days
    it covers: from ``time``, else bounded by the publication date (``dated_by`` says which)."""

    type: str  # one of EVENT_TYPES
    status: str  # one of EVENT_STATUSES
    actor: str | None = None  # who did it: "Azerbaijan", "Baku", "the UN"
    actor_country: str | None = None  # ISO3 of a state actor ("Azerbaijani troops", "Baku")
    target: str | None = None  # to whom or what: "ethnic Armenian rebel positions"
    when: TimeSpan | None = None
    dated_by: str | None = None  # "text" | "publication" | None (nothing dates it)
    duration: str | None = None  # TIMEX3 duration the text gives it ("a six-week war" → "P6W")
    attribution: str | None = None  # who reports it: "Azerbaijan claims to be delivering aid"
    #: Told in a crisis context (it, a sentence beside it, or its article names a war, a disaster,
    #: displacement, humanitarian work: crisisdesk.nlp.relevance.crisis_sentences); False for ordinary crime,
    #: court, politics or sport news, kept but marked. None when not decided.
    crisis: bool | None = None

    JSON_ORDER: ClassVar[tuple[str, ...]] = (
        "type", "text", "start", "end", "status", "sentence", "sentence_start", "sentence_end", "actor", "actor_country",
        "target", "place", "time", "when", "dated_by", "duration", "attribution",
    )  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class Condition(TimedEvidence):
    """A humanitarian condition, need, access constraint or response one sentence states
    ("without electricity, gas, food, fuel", "hide in basements", "a series of illegal arrests"),
    tagged with the DEEP framework: ``kind`` (one of CONDITION_KINDS), ``pillar`` (the kind's, in
    CONDITION_PILLARS) and the ``sectors`` its words name (SECTORS). ``start``/``end`` are the
    words that state it; ``place`` the nearest place in its clause, ``time`` the time expression
    its clause carries."""

    kind: str
    sectors: tuple[str, ...] = field(metadata={"joined": "|"})
    pillar: str
    attribution: str | None = None  # who reports it: "the UN said", "according to OCHA"
    #: How sure the sector classifier (crisisdesk.nlp.sectors) is of each of ``sectors`` from the
    #: meaning of the condition's sentence, 0-1; None when it did not run.
    sector_confidence: dict[str, float] | None = field(default=None, hash=False)  # a dict cannot be hashed
    #: How sure the pillar classifier (crisisdesk.nlp.pillars) is, from the meaning of the condition's
    #: sentence, of ``pillar`` and of every other DEEP pillar the sentence speaks to, 0-1; None when
    #: it did not run. ``pillar`` stays the kind's: on the held-out conditions sets it is right far
    #: more often than the sentence's most probable pillar (tools/train_pillars.py --score).
    pillar_confidence: dict[str, float] | None = field(default=None, hash=False)
    #: Told in a crisis context, as events are (crisisdesk.nlp.relevance.crisis_sentences): False for a
    #: condition told in crime, court, politics or sport news ("charged with sexual assault"), kept
    #: but marked. None when not decided.
    crisis: bool | None = None

    JSON_ORDER: ClassVar[tuple[str, ...]] = (
        "kind", "text", "start", "end", "sectors", "pillar", "sentence", "sentence_start", "sentence_end", "place", "time",
        "attribution",
    )  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim(TimedEvidence):
    """Who says what, with what stance, as one sentence reports it.

    ``text``/``start``/``end`` are the words that carry the stance (the reporting verb or noun:
    "rejects", "allegations", "According to"); ``content`` the words of what is said, with its
    offsets; ``topic`` a short normalised key of what it is about ("ethnic cleansing",
    "humanitarian aid delivery"), so that claims from different sources can be matched."""

    stance: str  # one of STANCES
    speaker: str | None = None  # "Azerbaijan", "the Ambassador of the Republic of Armenia", "the UN"
    speaker_country: str | None = None  # ISO3 when the speaker is a state or its official
    content: str | None = field(default=None, metadata=span_of("content_start", "content_end"))
    content_start: int | None = None
    content_end: int | None = None
    topic: str | None = None
    polarity: str = "positive"  # one of POLARITIES
    target: str | None = None  # whom an allegation is against ("accused Azerbaijan of shelling")

    JSON_ORDER: ClassVar[tuple[str, ...]] = (
        "stance", "text", "start", "end", "sentence", "sentence_start", "sentence_end", "speaker", "speaker_country",
        "content", "content_start", "content_end", "topic", "polarity", "target", "place", "time",
    )  # fmt: skip


#: The fact types, each an Evidence.
FACT_TYPES: tuple[type[Evidence], ...] = (Figure, Event, Condition, Claim)


def main_country(countries: Iterable[str | None]) -> str | None:
    """The country a text is mostly about: of ``countries`` (ISO3 codes in text order, None or
    "" for a place with none), the one named most often; the first named wins a tie. None when
    no country is named. The one definition of an article's main country (:attr:`Extraction.country`)."""
    order = [c for c in countries if c]
    if not order:
        return None
    counts = Counter(order)
    return max(counts, key=lambda c: (counts[c], -order.index(c)))


def countries_of_places(mentions: Iterable[PlaceMention]) -> list[str | None]:
    """The country of each of ``mentions`` whose place is resolved, in text order."""
    return [m.place.country for m in sorted(mentions, key=lambda m: m.start) if m.place is not None]


#: Default of Extraction.country: not given, so worked out from the places.
_FROM_PLACES: Any = object()


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
    #: The DEEP pillars the article speaks to, with the classifier's probability (crisisdesk.nlp.pillars).
    pillars: dict[str, float] = field(default_factory=dict)
    #: ISO3 of the country the article is mostly about: :func:`main_country` of the countries of
    #: all its place mentions (adjectival and embedded ones too), worked out when the Extraction is
    #: made unless given (as the store gives the value it keeps), or None.
    country: str | None = _FROM_PLACES

    def __post_init__(self) -> None:
        if self.country is _FROM_PLACES:
            object.__setattr__(self, "country", main_country(countries_of_places(self.places)))

    def __str__(self) -> str:
        """A reading of the extraction for a person: the article, then each figure with its place and
        date and the other facts by kind (``print(crisisdesk.extract_text(...))``); repr has every field."""
        article = self.article
        head = f"Article {article.id}" + (f" “{article.title}”" if article.title else "")
        head += f", published {article.published.isoformat()}" if article.published else ", publication date unknown"
        lines = [head + ":"]
        for f in self.figures:
            lines.append(f"  figure: {_figure_words(f)} — where: {_mention_words(f.place)} — when: {_span_words(f.date)}")
        for e in self.events:
            lines.append(
                f"  event: {EVENT_LABELS.get(e.type, e.type)} ({e.status}) “{e.text}” — where: {_mention_words(e.place)} — when: {_span_words(e.when)}"
            )
        for c in self.conditions:
            lines.append(f"  condition: {c.kind} “{c.text}” — where: {_mention_words(c.place)}")
        for c in self.claims:
            lines.append(f"  claim: {c.speaker or 'someone'} {STANCE_LABELS.get(c.stance, c.stance)} “{c.content or c.text}”")
        lines.append("  places: " + ("; ".join(_mention_words(m) for m in self.places) or "none"))
        lines.append("  times: " + ("; ".join(f"“{t.text}” = {t.value or '?'}" for t in self.times) or "none"))
        return "\n".join(lines)


def _figure_words(f: Figure) -> str:
    """ "4,400 people displaced", "more than 2,000 households evacuated"."""
    amount = f"{f.quantity:,.0f}" if float(f.quantity).is_integer() else f"{f.quantity:,}"
    if f.quantity_max is not None and f.quantity_max != f.quantity:
        amount += f"–{f.quantity_max:,.0f}"
    qualifier = QUALIFIER_WORDS.get(f.qualifier, "")
    return " ".join(w for w in (qualifier, amount, f.unit, TERM_LABELS.get(f.term, f.term)) if w)


def _mention_words(mention: PlaceMention | None) -> str:
    """ "Aceh Jaya (Aceh Jaya, IDN)": the place as written, then as the gazetteer resolved it."""
    if mention is None:
        return "not stated"
    place = mention.place
    if place is None:
        return f"{mention.text} (unresolved)"
    return f"{mention.text} ({', '.join(x for x in (place.name, place.country) if x)})"


def _span_words(span: TimeSpan | None) -> str:
    if span is None or (span.start is None and span.end is None):
        return "not stated"
    if span.start == span.end or span.end is None:
        return span.start.isoformat()
    return f"{span.start.isoformat() if span.start else '…'} – {span.end.isoformat()}"


def without_places(fact):
    """``fact`` with what the place layer decides left out (its place, country and speaker's country,
    and those of the facts it holds): the fast path's places differ from ``--thorough``'s by design,
    so comparing facts this way shows whether they differ in anything else (bench_extract and
    tests/test_pipeline.py)."""
    changes = {}
    for one in dataclasses.fields(fact):
        value = getattr(fact, one.name)
        if isinstance(value, PlaceMention) or one.name in ("place", "country", "speaker_country"):
            changes[one.name] = None
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes[one.name] = without_places(value)
    return dataclasses.replace(fact, **changes) if changes else fact
