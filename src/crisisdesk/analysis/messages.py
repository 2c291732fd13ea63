"""Key messages: the first lines of a flash update, written from the picture's parts — the
headline figure with its share of the population, what happened in order, what is planned, and
which reports are not to be taken at their date. Each message keeps the sources it rests on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from crisisdesk.analysis.claims import ContestedClaim
from crisisdesk.analysis.consistency import DateFlag
from crisisdesk.analysis.reconcile import Reconciled
from crisisdesk.analysis.sources import Source
from crisisdesk.analysis.timeline import TimelineEntry

#: The most events the messages name; the timeline has the rest.
MAX_EVENTS = 6
#: Events this close to the latest one are the crisis at hand; older ones are its background.
CRISIS_AT_HAND_DAYS = 90


@dataclass(frozen=True)
class Message:
    text: str
    sources: list[Source] = field(default_factory=list)


def key_messages(
    reconciled: Sequence[Reconciled], timeline: Sequence[TimelineEntry], flags: Sequence[DateFlag], claims: Sequence[ContestedClaim] = ()
) -> list[Message]:
    messages = []
    if reconciled:
        messages.append(_headline(reconciled[0]))
    flagged = {f.source.id for f in flags}
    # What only a report with a doubtful date tells, at that date, is left to the timeline.
    trusted = [e for e in timeline if not all(s.id in flagged for s in e.sources)]
    happened = [e for e in trusted if "happened" in e.statuses or "under_way" in e.statuses]
    if happened:
        messages.append(_what_happened(happened))
    planned = [e for e in trusted if set(e.statuses) == {"planned"}]
    if planned:
        messages.append(
            Message("Announced or planned: " + "; ".join(_event_phrase(e) for e in planned[:MAX_EVENTS]) + ".", _sources(planned))
        )
    disputed = [e for e in timeline if e.contested]
    if disputed:
        messages.append(
            Message("Reported by some and denied by others: " + "; ".join(_event_phrase(e) for e in disputed) + ".", _sources(disputed))
        )
    for claim in claims:
        messages.append(_contested(claim))
    for flag in flags:
        messages.append(
            Message(
                f"Read {flag.source.citation} with care: its date does not fit the events it narrates as current.",
                [flag.source, *flag.against],
            )
        )
    return messages


def _contested(claim: ContestedClaim) -> Message:
    def who(statements) -> str:
        return ", ".join(dict.fromkeys(s.claim.speaker or "an unnamed source" for s in statements))

    return Message(f"Contested: {claim.topic} — asserted by {who(claim.asserted)}; denied by {who(claim.denied)}.", claim.sources)


def _headline(answer: Reconciled) -> Message:
    best = answer.best
    where = f" in {answer.area}" if answer.area else ""
    share = f", {answer.share}" if answer.share else ""
    spread = f"; {answer.sources} reports give {answer.range_label}" if answer.sources > 1 else ""
    return Message(f"{best.phrase.capitalize()}{where}{share}{spread}.", [k.source for k in answer.figures])


def _what_happened(entries: Sequence[TimelineEntry]) -> Message:
    """The recent events (history the articles recall, such as an earlier war, is left to the
    timeline), in the timeline's order."""
    latest = max((s.published for e in entries for s in e.sources if s.published is not None), default=None)
    recent = [e for e in entries if _is_recent(e, latest)][:MAX_EVENTS]
    text = "What happened, in order: " + "; then ".join(_event_phrase(e) for e in recent) + "."
    return Message(text, _sources(recent))


def _is_recent(entry: TimelineEntry, latest: date | None) -> bool:
    """Within CRISIS_AT_HAND_DAYS before ``latest``, the latest report's publication date (undated
    events, and every event when no report is dated, are news too)."""
    day = _last_day(entry)
    return day is None or latest is None or 0 <= (latest - day).days <= CRISIS_AT_HAND_DAYS


def _last_day(entry: TimelineEntry):
    when = entry.when
    return None if when is None else (when.end or when.start)


def _event_phrase(entry: TimelineEntry) -> str:
    # Those who fled or returned did it themselves: "displacement of 28,000 people".
    actor = f" {'of' if entry.type in ('displacement', 'return') else 'by'} {entry.actors[0]}" if entry.actors else ""
    place = f" in {entry.places[0]}" if entry.places else ""
    when = f" ({entry.date_label})" if entry.when is not None else ""
    return f"{entry.label}{actor}{place}{when}"


def _sources(entries: Sequence[TimelineEntry]) -> list[Source]:
    return list(dict.fromkeys(s for e in entries for s in e.sources))


def crisis_line(label: str, messages: Sequence[Message], sources: Sequence[Source]) -> Message:
    """One crisis in the overview of a report over several: its label and its first message (its
    headline when it has one), resting on that message's sources."""
    if not messages:
        return Message(f"{label}: {len(sources)} report(s), no figure or event to summarise.", list(sources))
    return Message(f"{label}: {messages[0].text}", messages[0].sources)
