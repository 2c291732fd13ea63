"""The timeline: the events of every article in the store, one entry per event however many
articles tell it, ordered by when it happened (not by when it was reported), each with its sources.

Two accounts are the same event when they are of the same type, in the same country, and their
times agree: explicit dates that overlap; an explicit date within :data:`UNDATED_NEWS_DAYS` before the
publication date that bounds an undated account ("the offensive", told as news); two undated
accounts. An account with no time at all (an undated article) joins the latest matching event.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from crisisdesk.analysis.sources import Source, place_label, source_of
from crisisdesk.model import EVENT_LABELS, EVENT_TYPES, Event, Extraction, TimeSpan

#: How far before its publication date an event an article tells without a date is taken to be:
#: news tells what happened in the last weeks; older events come with a date.
UNDATED_NEWS_DAYS = 30

#: The order a crisis usually unfolds in, for events nothing dates (the offensive before the
#: exodus before the return).
PHASES: dict[str, int] = {
    "offensive": 0, "fighting": 0, "services_cut": 1, "arrests": 1, "evacuation": 1, "displacement": 1, "ceasefire": 1,
    "aid_delivery": 2, "authority_dissolved": 2, "mission_deployed": 2, "return": 3,
}  # fmt: skip


@dataclass(frozen=True)
class Telling:
    """One article's account of an event."""

    event: Event
    source: Source
    country: str | None  # ISO3 where it happened: its place's, else the article's main country


@dataclass
class TimelineEntry:
    type: str
    tellings: list[Telling] = field(default_factory=list)

    @property
    def label(self) -> str:
        return EVENT_LABELS[self.type]

    @property
    def dated(self) -> list[Telling]:
        """The accounts whose own text dates the event."""
        return [t for t in self.tellings if t.event.dated_by == "text" and t.event.when is not None]

    @property
    def when(self) -> TimeSpan | None:
        """The days the event covers: from the dates the texts give; else bounded by the earliest
        publication that tells it as happened or under way."""
        dated = self.dated
        if dated:
            # A text may bound an event on one side only ("before 2023-11-08"): no start, or no end.
            starts = [t.event.when.start for t in dated if t.event.when.start is not None]
            ends = [t.event.when.end or t.event.when.start for t in dated if (t.event.when.end or t.event.when.start) is not None]
            start, end = min(starts, default=None), max(ends, default=None)
            return TimeSpan(start, end, _coarsest(t.event.when.precision for t in dated))
        bounds = [t.event.when.end for t in self.tellings if t.event.dated_by == "publication" and t.event.when and t.event.when.end]
        if bounds:
            return TimeSpan(None, min(bounds), "unknown")
        starts = [t.event.when.start for t in self.tellings if t.event.dated_by == "publication" and t.event.when and t.event.when.start]
        return TimeSpan(min(starts), None, "unknown") if starts else None

    @property
    def date_label(self) -> str:
        return span_label(self.when)

    @property
    def actors(self) -> list[str]:
        return _distinct(t.event.actor for t in self.tellings)

    @property
    def places(self) -> list[str]:
        return _distinct(place_label(t.event.place) for t in self.tellings if t.event.place)

    @property
    def country(self) -> str | None:
        countries = Counter(t.country for t in self.tellings if t.country)
        return countries.most_common(1)[0][0] if countries else None

    @property
    def statuses(self) -> dict[str, list[Source]]:
        """How the sources report it: {"happened": [...], "planned": [...]}, each source once."""
        found: dict[str, list[Source]] = {}
        for telling in self.tellings:
            sources = found.setdefault(telling.event.status, [])
            if telling.source not in sources:
                sources.append(telling.source)
        return found

    @property
    def sources(self) -> list[Source]:
        return _distinct(t.source for t in self.tellings)

    @property
    def evidence(self) -> Telling:
        """The account to quote: one whose text dates it, else one that tells it as happened or
        under way, else the first."""
        ranked = sorted(self.tellings, key=lambda t: (t.event.dated_by != "text", t.event.status not in ("happened", "under_way")))
        return ranked[0]

    @property
    def contested(self) -> bool:
        """One source tells it as happening, another denies it."""
        statuses = self.statuses
        return "denied" in statuses and any(s in statuses for s in ("happened", "under_way"))


def build_timeline(extractions: Iterable[Extraction]) -> list[TimelineEntry]:
    """Every event of ``extractions``, merged and ordered (see module docstring)."""
    return timeline_of(tellings_of(list(extractions)))


def tellings_of(
    extractions: Sequence[Extraction], *, sources: Sequence[Source] | None = None, countries: Mapping[str, str | None] | None = None
) -> list[Telling]:
    """Every article's account of each event it tells, in article order. ``sources`` (one per
    extraction) and ``countries`` (article id → main country) when the caller has them already."""
    if sources is None:
        sources = [source_of(x.article) for x in extractions]
    if countries is None:
        countries = {x.article.id: main_country(x) for x in extractions}
    return [Telling(e, source, _place_country(e) or countries[x.article.id]) for x, source in zip(extractions, sources) for e in x.events]


def timeline_of(tellings: Iterable[Telling]) -> list[TimelineEntry]:
    """The accounts merged into events and ordered (see module docstring)."""
    entries: list[TimelineEntry] = []
    for telling in sorted(tellings, key=_merge_order):
        entry = _matching_entry(entries, telling)
        if entry is None:
            entry = TimelineEntry(telling.event.type)
            entries.append(entry)
        entry.tellings.append(telling)
    first_seen = {id(entry): i for i, entry in enumerate(entries)}
    return sorted(entries, key=lambda e: _timeline_order(e, first_seen[id(e)]))


def span_label(span: TimeSpan | None) -> str:
    """ "2023-09-19", "2023-09-19 – 2023-09-20", "2020", "the 1990s", "before 2023-11-08"."""
    if span is None or (span.start is None and span.end is None):
        return "date unknown"
    if span.start is None:
        return f"before {span.end.isoformat()}"
    if span.end is None:
        return f"after {span.start.isoformat()}"
    if span.precision == "decade":
        return f"the {span.start.year}s"
    if span.precision == "year" and span.start.year == span.end.year:
        return str(span.start.year)
    if span.precision == "month" and (span.start.year, span.start.month) == (span.end.year, span.end.month):
        return span.start.strftime("%Y-%m")
    if span.start == span.end:
        return span.start.isoformat()
    return f"{span.start.isoformat()} – {span.end.isoformat()}"


def quote(telling: Telling, context: int = 90) -> str:
    """The evidence sentence, cut to about ``context`` characters either side of the event's word."""
    event = telling.event
    sentence = event.sentence
    at = max(0, event.start - event.sentence_start)
    begin, end = max(0, at - context), min(len(sentence), at + len(event.text) + context)
    while begin > 0 and not sentence[begin - 1].isspace():
        begin += 1
    while end < len(sentence) and not sentence[end].isspace():
        end -= 1
    piece = " ".join(sentence[begin:end].split())
    return ("…" if begin > 0 else "") + piece + ("…" if end < len(sentence) else "")


# --- merging ------------------------------------------------------------------------------------


def country_of(event: Event, extraction: Extraction) -> str | None:
    """Where an event happened: its place's country, else the article's main country."""
    return _place_country(event) or main_country(extraction)


def _place_country(event: Event) -> str | None:
    if event.place is not None and event.place.place is not None and event.place.place.country:
        return event.place.place.country
    return None


def main_country(extraction: Extraction) -> str | None:
    """The country an article is mostly about, as worked out once and stored with it (:attr:`Extraction.country`)."""
    return extraction.country


def _merge_order(telling: Telling) -> tuple:
    # Dated accounts first, so that undated ones join the events they date.
    event = telling.event
    rank = {"text": 0, "publication": 1}.get(event.dated_by or "", 2)
    return (rank, _day(event.when) or date.max, telling.source.id, event.start)


def _day(span: TimeSpan | None) -> date | None:
    return (span.start or span.end) if span is not None else None


def _matching_entry(entries: Sequence[TimelineEntry], telling: Telling) -> TimelineEntry | None:
    candidates = [e for e in entries if e.type == telling.event.type and _same_country(e, telling) and _times_agree(e, telling)]
    if not candidates:
        return None
    return max(candidates, key=lambda e: _day(e.when) or date.min)  # the latest: undated news is recent


def _same_country(entry: TimelineEntry, telling: Telling) -> bool:
    return entry.country is None or telling.country is None or entry.country == telling.country


def _times_agree(entry: TimelineEntry, telling: Telling) -> bool:
    event = telling.event
    if event.dated_by is None:
        return True
    interval = _interval(event)
    if interval is None:
        return not entry.dated  # a date without a year agrees with undated accounts only
    for other in entry.tellings:
        other_interval = _interval(other.event)
        if other_interval is not None and not _overlap(interval, other_interval):
            return False
    return True


def _interval(event: Event) -> tuple[date, date] | None:
    """The days an account allows: its dates, or the weeks before the publication that bounds it."""
    when = event.when
    if when is None:
        return None
    if event.dated_by == "text":
        # A text may bound the event on one side only ("before 2023-11-08"): open on the other.
        if when.start is None:
            return (date.min, when.end) if when.end is not None else None
        return when.start, when.end or when.start
    if when.end is not None:
        return when.end - timedelta(days=UNDATED_NEWS_DAYS), when.end
    return when.start, when.start + timedelta(days=UNDATED_NEWS_DAYS)


def _overlap(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _timeline_order(entry: TimelineEntry, first_seen: int) -> tuple:
    when = entry.when
    day = (when.start or when.end) if when is not None else None
    return (day is None, day or date.max, PHASES.get(entry.type, len(EVENT_TYPES)), first_seen)


_PRECISION_ORDER = ("day", "week", "month", "year", "decade", "unknown")


def _coarsest(precisions: Iterable[str]) -> str:
    return max(precisions, key=lambda p: _PRECISION_ORDER.index(p) if p in _PRECISION_ORDER else len(_PRECISION_ORDER))


def _distinct(items: Iterable) -> list:
    seen: list = []
    for item in items:
        if item is not None and item not in seen:
            seen.append(item)
    return seen
