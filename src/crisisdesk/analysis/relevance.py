"""Relevance: which stories are crises, so that only crisis facts make the index, the headlines,
the key messages and the timelines of a report over mixed input (a desk's day: several crises,
follow-ups and unrelated news). The rest stays in the store and in the report's lists of all
figures and sources.

The rule is conservative, since no figure carries a crisis flag of its own yet: a story is a
crisis when one of its reports tells a crisis event as having happened or being under way (an
offensive, fighting, displacement, an evacuation, services cut, aid delivered, a mission deployed,
a ceasefire, a return), and its reports give a figure a humanitarian report would count (people
displaced, killed, in need …: anything but a population baseline) or state at least
MIN_CONDITIONS humanitarian conditions or needs. A road-toll statistic or a court report tells no
such event; a diplomatic row that mentions an attack and one accusation gives no such facts.
"""

from __future__ import annotations

from collections.abc import Sequence

from crisisdesk.model import Extraction

#: Events that make a crisis (arrests and a dissolved authority alone are politics or crime).
CRISIS_EVENTS = frozenset(
    {"offensive", "fighting", "displacement", "evacuation", "services_cut", "aid_delivery", "mission_deployed", "ceasefire", "return"}
)
#: Conditions a story must state to be a crisis without a figure: one alone is often a word in
#: other news ("accused of sexual harassment" read as a protection incident).
MIN_CONDITIONS = 2
#: Statuses that say an event took place.
TOLD_AS_FACT = frozenset({"happened", "under_way"})


def tells_crisis_event(extraction: Extraction) -> bool:
    return any(e.type in CRISIS_EVENTS and e.status in TOLD_AS_FACT for e in extraction.events)


def gives_crisis_figure(extraction: Extraction) -> bool:
    """A humanitarian figure, not a baseline."""
    return any(f.term != "population" for f in extraction.figures)


def is_crisis(extractions: Sequence[Extraction]) -> bool:
    """Whether the reports of one story tell a crisis (see the module docstring)."""
    if not any(tells_crisis_event(x) for x in extractions):
        return False
    return any(gives_crisis_figure(x) for x in extractions) or sum(len(x.conditions) for x in extractions) >= MIN_CONDITIONS
