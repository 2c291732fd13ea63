"""A wire report's dateline: "BEIRUT (AP) —", "LONDON, March 3 (Reuters) -", "(CNN) —".

The place in capitals (and a date) and the agency in brackets before a dash say where the report
was filed and by whom; they are not a speaker. Read by ingest-free code at both ends of the flow
(nlp: the source of a fact; analysis: the agency of a report), so it imports nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A place in capitals (an optional ", Mass." or ", March 3" after it) or nothing, then the agency
#: in brackets and a dash; "\ufffd" is a dash lost to a wrong encoding ("BEIRUT (AP) \ufffd A …").
DATELINE = re.compile(
    r"\s*(?:[A-Z][A-Z .'’-]{1,40}(?:,[A-Za-z0-9 .]{1,30})?\s*)?\(([A-Z][A-Za-z.&]{1,15}(?: [A-Z][A-Za-z]+)?)\)\s*[-–—:\ufffd]+"
)


@dataclass(frozen=True, slots=True)
class Dateline:
    """Where a dateline ends (after its dash) and where its agency's name is, in the text read."""

    end: int
    agency: str
    agency_start: int
    agency_end: int


def dateline_of(text: str) -> Dateline | None:
    """The dateline ``text`` opens with, if any."""
    found = DATELINE.match(text)
    if found is None:
        return None
    return Dateline(found.end(), found.group(1), found.start(1), found.end(1))
