"""The situation picture: what the report says, built from the stored extractions.

Key figures come first by what an analyst asks first (displacement and refugees, then casualties
and arrests, then needs), largest first; population figures are baselines, shown as context and
linked to the figures that are part of them ("100,000 of 120,000: 83%").

Only crisis facts (:mod:`crisisdesk.analysis.relevance`: the figures and events the nlp stage marked
as about a crisis) are reconciled into headline figures and told in the key messages and the
timeline; the others (a road toll, a building fire, a court case) stay in the store and in the
list of every figure, marked. ``picture_of(..., every_fact=True)`` reconciles and tells them all,
on request.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from crisisdesk.analysis.claims import ContestedClaim, Statement, contested_claims
from crisisdesk.analysis.consistency import DateFlag, flags_of
from crisisdesk.analysis.messages import Message, crisis_line, key_messages
from crisisdesk.analysis.reconcile import Reconciled, countries_of, reconcile
from crisisdesk.analysis.relevance import is_crisis, is_crisis_event, is_crisis_figure
from crisisdesk.analysis.sources import Source, number_label, place_label, source_of
from crisisdesk.analysis.stories import Story, stories_of_store
from crisisdesk.analysis.timeline import TimelineEntry, tellings_of, timeline_of
from crisisdesk.model import DISPLACEMENT_TERMS, QUALIFIER_WORDS, SECTORS, TERM_LABELS, Condition, Extraction, Figure, Place

#: Order of importance of the terms in a first situation report.
TERM_ORDER: tuple[str, ...] = (
    "refugees",
    *DISPLACEMENT_TERMS,
    "killed",
    "injured",
    "missing",
    "arrested",
    "in_need",
    "affected",
    "returned",
    "population",
)


@dataclass(frozen=True)
class KeyFigure:
    figure: Figure
    source: Source
    whole: Figure | None = None  # the baseline this figure is a part of

    @property
    def amount(self) -> str:
        """The number as the source qualifies it: "about 100,000", "25,000–30,000"."""
        return format_amount(self.figure)

    @property
    def term_label(self) -> str:
        return TERM_LABELS[self.figure.term]

    @property
    def crisis(self) -> bool:
        """Whether the figure is about a crisis (else it is listed, never a headline)."""
        return is_crisis_figure(self.figure)

    @property
    def phrase(self) -> str:
        """The figure in words: "about 100,000 refugees", "2,000 households displaced"."""
        unit, term = self.figure.unit, self.figure.term
        if unit == "structures":
            return f"{self.amount} {self.term_label}"  # "12 homes destroyed"
        if term == "refugees":
            return f"{self.amount} {'refugee households' if unit == 'households' else 'refugees'}"
        if term == "population":
            return f"{self.amount} {unit}"
        return f"{self.amount} {unit} {self.term_label}"

    @property
    def share(self) -> str | None:
        """ "83% of 120,000" for a part of a baseline."""
        if self.whole is None or not self.whole.quantity:
            return None
        percent = round(100 * self.figure.quantity / self.whole.quantity)
        return f"{percent}% of {number_label(self.whole.quantity)}"

    @property
    def place_label(self) -> str | None:
        return place_label(self.figure.place) if self.figure.place is not None else None

    @property
    def date_label(self) -> str:
        span = self.figure.date
        if span and span.start:
            return span.start.isoformat() if span.start == span.end or span.end is None else f"{span.start}–{span.end}"
        return f"reported {self.source.date_label}" if self.source.published else "date unknown"


@dataclass(frozen=True)
class PlaceSummary:
    place: Place
    written_as: tuple[str, ...]
    mentions: int
    articles: int


@dataclass(frozen=True)
class SituationPicture:
    generated_at: datetime
    sources: list[Source]
    key_figures: list[KeyFigure]
    baselines: list[KeyFigure]
    places: list[PlaceSummary]
    unresolved_places: list[str] = field(default_factory=list)
    reconciled: list[Reconciled] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    date_flags: list[DateFlag] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    conditions: list[Told] = field(default_factory=list)  # conditions, needs, access and response, each told once
    contested: list[ContestedClaim] = field(default_factory=list)  # one party alleges, another denies
    claims: list[Statement] = field(default_factory=list)  # every other claim, promise and allegation, by whom
    crises: list[Crisis] = field(default_factory=list)  # with several crises in the input: each with its own picture
    country_names: dict[str, str] = field(default_factory=dict)  # ISO3 → name, as the reports name the country

    @property
    def several_crises(self) -> bool:
        return len(self.crises) > 1

    @property
    def other_sources(self) -> list[Source]:
        """The reports that belong to no crisis (kept, listed, not summarised)."""
        held = {s.id for c in self.crises for s in c.picture.sources}
        return [s for s in self.sources if s.id not in held]

    @property
    def by_country(self) -> list[CountryRow]:
        """One row per country the crises' answers are about: its crises and their answers there."""
        rows: dict[str, CountryRow] = {}
        for crisis in self.crises:
            for answer in crisis.picture.reconciled:
                code = answer.country or crisis.story.country
                if code is None:
                    continue
                row = rows.setdefault(
                    code, CountryRow(code, self.country_names.get(code) or crisis.picture.country_names.get(code) or code)
                )
                if crisis not in row.crises:
                    row.crises.append(crisis)
                row.answers.append(answer)
        for crisis in self.crises:
            if crisis.story.country and crisis.story.country not in rows:
                rows[crisis.story.country] = CountryRow(
                    crisis.story.country, self.country_names.get(crisis.story.country, crisis.story.country), [crisis]
                )
        return sorted(rows.values(), key=lambda r: (-sum(c.story.reports for c in r.crises), r.name))

    def copy_of(self, source: Source) -> str | None:
        """ "copy of X" / "translation of X" when the source is one report with an earlier article."""
        for story in self.stories:
            for group in story.duplicates:
                if source.id in group.articles[1:]:
                    first = next((s for s in self.sources if s.id == group.articles[0]), None)
                    kind = next((p.kind for p in group.pairs if source.id in (p.a, p.b)), "copy")
                    return f"{kind} of {first.citation if first else group.articles[0]}"
        return None

    @property
    def needs_by_sector(self) -> list[tuple[str, list[Told]]]:
        """Conditions and needs (not access) under each DEEP sector they name, sectors in DEEP order."""
        rows = []
        for sector in SECTORS:
            told = [t for t in self.conditions if sector in t.condition.sectors and t.condition.kind != "access"]
            if told:
                rows.append((sector, told))
        return rows

    @property
    def access_constraints(self) -> list[Told]:
        return [t for t in self.conditions if t.condition.kind == "access"]

    def flag_of(self, source: Source) -> DateFlag | None:
        return next((f for f in self.date_flags if f.source.id == source.id), None)

    @property
    def area(self) -> str | None:
        """What the report is about, for its title: the main story's label, else the place of the
        headline answer, else the place the reports name most."""
        if self.several_crises:
            return f"{len(self.crises)} crises"
        if self.stories:
            return self.stories[0].label
        answer = self.headline_answer
        if answer is not None and answer.area:
            return answer.area
        return self.places[0].place.name if self.places else None

    @property
    def headline_answer(self) -> Reconciled | None:
        """The question most reports answer, reconciled (with several crises: the first crisis's)."""
        if self.several_crises:
            return self.crises[0].picture.headline_answer
        return self.reconciled[0] if self.reconciled else None

    @property
    def headline(self) -> KeyFigure | None:
        """The best-supported answer to the question most reports answer, else the first key figure."""
        if self.several_crises:
            return self.crises[0].picture.headline
        if self.reconciled:
            return self.reconciled[0].best
        return next((k for k in self.key_figures if k.crisis), None)

    @property
    def mapped_places(self) -> list[PlaceSummary]:
        return [p for p in self.places if p.place.lat is not None and p.place.lon is not None]


def build_picture(store, *, now: datetime | None = None, story: str | None = None, every_fact: bool = False) -> SituationPicture:
    """The situation picture of everything in ``store``, with its stories (article vectors are
    read from the store, or computed once and kept there). ``story``: only the articles of the
    story with this id, or whose label contains it ("Nagorno-Karabakh"): a flash update of one crisis
    from a store that holds several. ``every_fact``: reconcile and tell the facts that are not
    about a crisis too (see :func:`picture_of`)."""
    from crisisdesk.store.corrections import CorrectionLog, corrected

    # Read once: the stories and the picture share them, both with the analyst's corrections.
    extractions = corrected(store.extractions(), CorrectionLog(store).in_force())
    stories = stories_of_store(store, extractions)
    if story is not None:
        chosen = pick_story(stories, story)
        extractions = [x for x in extractions if x.article.id in chosen.articles]
        stories = [chosen]
    return picture_of(extractions, now=now, stories=stories, every_fact=every_fact)


def pick_story(stories: Sequence[Story], wanted: str) -> Story:
    """The story whose id is ``wanted``, else the largest whose label contains it (any case)."""
    for story in stories:
        if story.id == wanted:
            return story
    matching = [s for s in stories if wanted.casefold() in s.label.casefold()]
    if not matching:
        known = "; ".join(f"{s.id} ({s.label})" for s in stories) or "none"
        raise LookupError(f"no story {wanted!r} in the store; stories: {known}")
    return matching[0]  # stories come largest first


def picture_of(
    extractions: Iterable[Extraction], *, now: datetime | None = None, stories: Sequence[Story] = (), every_fact: bool = False
) -> SituationPicture:
    """The picture of ``extractions``; ``stories`` (from :mod:`crisisdesk.analysis.stories`) say
    which articles are copies or translations of one report, counted once. What several parts of
    the picture read (each article as a source, its main country, the accounts of events) is
    derived once here and handed to them. Only crisis figures are reconciled and only crisis events
    make the timeline, unless ``every_fact`` (every figure is listed in ``key_figures`` either way)."""
    extractions = list(extractions)
    sources = [source_of(x.article) for x in extractions]
    countries = countries_of(extractions)
    tellings = tellings_of(extractions, sources=sources, countries=countries)
    same_report = report_of(stories)
    figures: list[KeyFigure] = []
    for extraction, source in zip(extractions, sources):
        for figure in extraction.figures:
            whole = extraction.figures[figure.part_of] if figure.part_of is not None and figure.part_of < len(extraction.figures) else None
            figures.append(KeyFigure(figure, source, whole))
    figures.sort(key=_importance)
    key_figures = [f for f in figures if f.figure.term != "population"]
    baselines = [f for f in figures if f.figure.term == "population"]
    country_names = {
        m.place.country: m.place.name
        for x in extractions
        for m in x.places
        if m.place is not None and m.place.kind == "country" and m.place.country
    }
    relevant = [f for f in key_figures if every_fact or f.crisis]
    reconciled = reconcile(relevant, baselines, countries, same_report, country_names)
    told = [t for t in tellings if every_fact or is_crisis_event(t.event)]
    timeline, flags = timeline_of(told), flags_of(sources, told)
    contested = contested_claims(extractions, sources)
    crises = crises_of(extractions, stories, now, every_fact=every_fact) if len(stories) > 1 else []
    messages = key_messages(reconciled, timeline, flags, contested)
    if len(crises) > 1:  # the day's crises, one line each; each has its own messages
        messages = [crisis_line(c.story.label, c.picture.messages, c.picture.sources) for c in crises]
    return SituationPicture(
        generated_at=now or datetime.now(UTC),
        sources=sources,
        key_figures=key_figures,
        baselines=baselines,
        reconciled=reconciled,
        places=summarise_places(extractions),
        unresolved_places=sorted({m.text for e in extractions for m in e.places if m.place is None}),
        timeline=timeline,
        date_flags=flags,
        messages=messages,
        stories=list(stories),
        conditions=conditions_of(extractions, same_report, sources),
        contested=contested,
        claims=statements_of(extractions, contested, sources),
        crises=crises,
        country_names=country_names,
    )


@dataclass(frozen=True)
class Crisis:
    """A story that tells a crisis, with the picture of its reports alone."""

    story: Story
    picture: SituationPicture

    @property
    def anchor(self) -> str:
        return self.story.id


@dataclass
class CountryRow:
    country: str  # ISO3
    name: str
    crises: list[Crisis] = field(default_factory=list)
    answers: list[Reconciled] = field(default_factory=list)


def crises_of(
    extractions: Sequence[Extraction], stories: Sequence[Story], now: datetime | None, *, every_fact: bool = False
) -> list[Crisis]:
    """The stories that tell a crisis (:mod:`crisisdesk.analysis.relevance`), each pictured from its
    own reports; the most reported first, then the one whose headline counts the most people."""
    by_id = {x.article.id: x for x in extractions}
    found = []
    for story in stories:
        members = [by_id[a] for a in story.articles if a in by_id]
        if members and is_crisis(members):
            found.append(Crisis(story, picture_of(members, now=now, stories=[story], every_fact=every_fact)))
    return sorted(found, key=lambda c: (-c.story.reports, -(c.picture.headline.figure.quantity if c.picture.headline else 0), c.story.id))


@dataclass(frozen=True)
class Told:
    """A condition as one report states it (copies of the report add their sources)."""

    condition: Condition
    source: Source
    also: tuple[Source, ...] = ()  # copies and translations that state it too

    @property
    def label(self) -> str:
        return CONDITION_LABELS.get(self.condition.kind, self.condition.kind)


#: How a report names each kind of condition.
CONDITION_LABELS: dict[str, str] = {
    "services_cut": "services cut", "communications_cut": "communications cut", "shelter": "shelter",
    "protection": "protection incident", "health": "health", "damage": "damage", "access": "access constraint",
    "aid": "aid delivered or claimed", "need": "need", "at_risk": "people at risk or left behind",
}  # fmt: skip


def conditions_of(extractions: Sequence[Extraction], same_report: dict[str, str], sources: Sequence[Source] | None = None) -> list[Told]:
    """Every condition once per report: a copy's or translation's own statement of it adds the
    copy as a source instead of a second row. ``sources``: one per extraction, when known."""
    told: dict[tuple, Told] = {}
    for extraction, source in zip(extractions, sources or [source_of(x.article) for x in extractions]):
        report = same_report.get(source.id, source.id)
        for condition in extraction.conditions:
            key = (report, condition.kind, " ".join(condition.text.lower().split()))
            if key in told:
                if told[key].source != source and source not in told[key].also:
                    told[key] = Told(told[key].condition, told[key].source, (*told[key].also, source))
            else:
                told[key] = Told(condition, source)
    return list(told.values())


def statements_of(
    extractions: Sequence[Extraction], contested: Sequence[ContestedClaim], sources: Sequence[Source] | None = None
) -> list[Statement]:
    """The claims a report lists besides the contested ones: allegations, claims, denials and
    promises (plain reports of what someone said are left to the evidence of each fact).
    ``sources``: one per extraction, when known."""
    paired = {id(s.claim) for c in contested for s in (*c.asserted, *c.denied)}
    found = []
    for extraction, source in zip(extractions, sources or [source_of(x.article) for x in extractions]):
        for claim in extraction.claims:
            if claim.stance != "report" and id(claim) not in paired:
                found.append(Statement(claim, source, claim.speaker))
    return found


def report_of(stories: Sequence[Story]) -> dict[str, str]:
    """Article id → the id of the report it is a copy or translation of (the group's first)."""
    return {article: group.articles[0] for story in stories for group in story.duplicates for article in group.articles}


def summarise_places(extractions: list[Extraction]) -> list[PlaceSummary]:
    """Each resolved place once, most mentioned first."""
    written: dict[Place, set[str]] = defaultdict(set)
    mentions: dict[Place, int] = defaultdict(int)
    articles: dict[Place, set[str]] = defaultdict(set)
    for extraction in extractions:
        for mention in extraction.places:
            if mention.place is None or not mention.locates:
                continue  # the report lists where things are, not the nationalities it names
            written[mention.place].add(mention.text)
            mentions[mention.place] += 1
            articles[mention.place].add(extraction.article.id)
    ordered = sorted(written, key=lambda p: (-mentions[p], p.name))
    return [PlaceSummary(p, tuple(sorted(written[p])), mentions[p], len(articles[p])) for p in ordered]


def _importance(key: KeyFigure) -> tuple:
    term = key.figure.term
    rank = TERM_ORDER.index(term) if term in TERM_ORDER else len(TERM_ORDER)
    return (rank, -key.figure.quantity, key.source.id, key.figure.start)


def format_amount(figure: Figure) -> str:
    if figure.quantity_max is not None and figure.quantity_max != figure.quantity:
        return f"{number_label(figure.quantity)}–{number_label(figure.quantity_max)}"
    words = QUALIFIER_WORDS.get(figure.qualifier, "")
    return f"{words} {number_label(figure.quantity)}".strip()
