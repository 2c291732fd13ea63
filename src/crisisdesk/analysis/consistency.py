"""Dates that do not add up: an article whose publication date sits far from the events it
narrates as current, judged against the other articles in the store.

An article is flagged when it tells, without a date of its own, an event as under way (so the
reader takes it to be under way on the publication date), and the other articles say otherwise:

- they date that event (same type, same country) more than :data:`NEAR_PUBLICATION_DAYS` before the
  publication date, and none dates it near it; or
- one of them, published no later (or with no date), reports the event as over and what came of it
  (the exodus, the ceasefire, the dissolution, the mission) while the flagged article reports none
  of that, and no article dates the event near the flagged article's publication date.

An article alone is never flagged: the evidence is always another article. Each flag carries its
reasons in words, the evidence sentences, and the sources it was judged against.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from crisisdesk.analysis.sources import Source, source_of
from crisisdesk.analysis.timeline import Telling, quote, span_label, tellings_of
from crisisdesk.model import EVENT_LABELS, Extraction

#: An event an article narrates as current fits a date another article gives it up to this many
#: days from its publication date; a date further back says the article is older than it claims.
NEAR_PUBLICATION_DAYS = 30

#: What follows an event and shows it is over: an offensive's exodus, ceasefire or dissolution.
AFTERMATH: dict[str, frozenset[str]] = {
    "offensive": frozenset({"displacement", "ceasefire", "authority_dissolved", "mission_deployed", "return"}),
    "fighting": frozenset({"displacement", "ceasefire", "authority_dissolved", "mission_deployed", "return"}),
    "displacement": frozenset({"return"}),
    "evacuation": frozenset({"return"}),
}


@dataclass(frozen=True)
class DateFlag:
    """An article whose publication date does not fit the events it narrates as current."""

    source: Source
    reasons: list[str]
    evidence: list[Telling] = field(default_factory=list)  # its own accounts that were judged
    against: list[Source] = field(default_factory=list)  # the articles that contradict it


def date_flags(extractions: Iterable[Extraction]) -> list[DateFlag]:
    """The articles whose dates do not add up (see module docstring), in store order."""
    extractions = list(extractions)
    sources = [source_of(x.article) for x in extractions]
    return flags_of(sources, tellings_of(extractions, sources=sources))


def flags_of(sources: Sequence[Source], tellings: Sequence[Telling]) -> list[DateFlag]:
    """The flags of ``sources`` (the articles, in store order), judged on every article's
    accounts of events (:func:`~crisisdesk.analysis.timeline.tellings_of`)."""
    flags = []
    for source in sources:
        if source.published is None:
            continue
        flag = _flag_of(source, tellings)
        if flag is not None:
            flags.append(flag)
    return flags


def _flag_of(article: Source, tellings: Sequence[Telling]) -> DateFlag | None:
    published = article.published
    own = [t for t in tellings if t.source.id == article.id]
    others = [t for t in tellings if t.source.id != article.id]
    current = [t for t in own if t.event.status == "under_way" and t.event.dated_by == "publication"]
    reasons: list[str] = []
    evidence: list[Telling] = []
    against: list[Source] = []
    for kind in dict.fromkeys(t.event.type for t in current):
        told = [t for t in current if t.event.type == kind]
        same = [t for t in others if t.event.type == kind and _same_country(t, told)]
        if _dated_near(same + [t for t in own if t.event.type == kind], published):
            continue
        found = _dated_long_before(same, published) + _over_before(kind, same, own, others, published)
        if not found:
            continue
        label = EVENT_LABELS[kind]
        reasons.append(f"narrates the {label} as under way on its publication date ({published.isoformat()}): “{quote(told[0])}”")
        for reason, source in found:
            reasons.append(reason)
            if source not in against:
                against.append(source)
        reasons.append(f"no article dates the {label} within {NEAR_PUBLICATION_DAYS} days of {published.isoformat()}")
        evidence.extend(told)
    return DateFlag(article, reasons, evidence, against) if reasons else None


def _same_country(telling: Telling, told: Sequence[Telling]) -> bool:
    countries = {t.country for t in told if t.country}
    return telling.country is None or not countries or telling.country in countries


def _dated_near(same: Sequence[Telling], published: date) -> bool:
    window = timedelta(days=NEAR_PUBLICATION_DAYS)
    for telling in same:
        when = telling.event.when
        if telling.event.dated_by == "text" and when is not None and when.start is not None:
            if when.start - window <= published <= (when.end or when.start) + window:
                return True
    return False


def _dated_long_before(same: Sequence[Telling], published: date) -> list[tuple[str, Source]]:
    """Other articles' dates for the event, all more than NEAR_PUBLICATION_DAYS before ``published``."""
    found = []
    for telling in same:
        when = telling.event.when
        if (
            telling.event.dated_by == "text"
            and when is not None
            and when.end is not None
            and when.end < published - timedelta(days=NEAR_PUBLICATION_DAYS)
        ):
            if telling.event.status in ("happened", "under_way"):
                found.append((f"{_name(telling.source)} dates it to {span_label(when)}: “{quote(telling)}”", telling.source))
        elif (
            telling.event.dated_by == "publication"
            and telling.event.status == "under_way"
            and when
            and when.end
            and when.end < published - timedelta(days=NEAR_PUBLICATION_DAYS)
        ):
            found.append(
                (
                    f"{_name(telling.source)}, published {when.end.isoformat()}, already narrated it as under way: “{quote(telling)}”",
                    telling.source,
                )
            )
    return found


def _over_before(
    kind: str, same: Sequence[Telling], own: Sequence[Telling], others: Sequence[Telling], published: date
) -> list[tuple[str, Source]]:
    """Other articles, published no later, that report the event as over and what followed it
    (which the article itself does not report)."""
    aftermath = AFTERMATH.get(kind, frozenset())
    own_happened = {t.event.type for t in own if t.event.status == "happened"}
    found = []
    for source in dict.fromkeys(t.source for t in same if t.event.status == "happened"):
        if source.published is not None and source.published > published:
            continue  # a later article may well report the aftermath
        followed = [t for t in others if t.source == source and t.event.status == "happened" and t.event.type in aftermath - own_happened]
        if not followed:
            continue
        what = ", ".join(dict.fromkeys(EVENT_LABELS[t.event.type] for t in followed))
        when = f"published {source.published.isoformat()}" if source.published else "undated"
        found.append(
            (
                f"{_name(source)} ({when}) reports the {EVENT_LABELS[kind]} as over and what followed it — {what}: “{quote(followed[0])}”",
                source,
            )
        )
    return found


def _name(source: Source) -> str:
    return source.name
