"""Relevance: which stories are crises, so that only crisis facts make the index, the headlines,
the key messages and the timelines of a report over mixed input (a desk's day: several crises,
follow-ups and unrelated news). The rest stays in the store and in the report's lists of all
figures and sources.

Facts carry their own flag, set by the nlp stage: a figure's ``crisis``
(:mod:`crisisdesk.nlp.relevance`: a road toll, an ordinary crime, a court case is False) and an
event's ``crisis`` (False when told outside a crisis context, None when not decided, which counts
as a crisis fact). :func:`is_crisis_figure` and :func:`is_crisis_event` read them; only facts that
pass make headlines, reconciled answers, key messages and timelines.

A story is a crisis when one of its reports tells a crisis event as having happened or being under
way (an offensive, fighting, displacement, an evacuation, services cut, aid delivered, a mission
deployed, a ceasefire, a return), and its reports give a crisis figure a humanitarian report would
count (people displaced, killed, in need …: anything but a population baseline) or state at least
MIN_CONDITIONS humanitarian conditions or needs. A road-toll statistic or a court report tells no
such event; a diplomatic row that mentions an attack and one accusation gives no such facts.
"""

from __future__ import annotations

from collections.abc import Sequence

from crisisdesk.model import Event, Extraction, Figure

#: Events that make a crisis (arrests and a dissolved authority alone are politics or crime).
CRISIS_EVENTS = frozenset(
    {"offensive", "fighting", "displacement", "evacuation", "services_cut", "aid_delivery", "mission_deployed", "ceasefire", "return"}
)
#: Conditions a story must state to be a crisis without a figure: one alone is often a word in
#: other news ("accused of sexual harassment" read as a protection incident).
MIN_CONDITIONS = 2
#: Statuses that say an event took place.
TOLD_AS_FACT = frozenset({"happened", "under_way"})


def is_crisis_figure(figure: Figure) -> bool:
    """Whether the nlp stage marked the figure as about a crisis."""
    return bool(figure.crisis)


def is_crisis_event(event: Event) -> bool:
    """Whether the event was told in a crisis context (not decided counts as told in one)."""
    return event.crisis is not False


def tells_crisis_event(extraction: Extraction) -> bool:
    return any(e.type in CRISIS_EVENTS and e.status in TOLD_AS_FACT and is_crisis_event(e) for e in extraction.events)


def gives_crisis_figure(extraction: Extraction) -> bool:
    """A humanitarian figure about a crisis, not a baseline."""
    return any(f.term != "population" and is_crisis_figure(f) for f in extraction.figures)


def is_crisis(extractions: Sequence[Extraction]) -> bool:
    """Whether the reports of one story tell a crisis (see the module docstring)."""
    if not any(tells_crisis_event(x) for x in extractions):
        return False
    return any(gives_crisis_figure(x) for x in extractions) or sum(len(x.conditions) for x in extractions) >= MIN_CONDITIONS
