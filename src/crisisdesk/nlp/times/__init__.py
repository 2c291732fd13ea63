"""spaCy component ``crisisdesk_times``: every time expression of an article, normalised to a
TimeML TIMEX3 ``type`` (DATE, TIME, DURATION, SET) and ``value`` against the publication date.

The approach is HeidelTime's: rules of English, each a regular expression over the text with a
normalisation function, run where a cheap trigger pattern says a sentence can hold a time at all;
overlapping candidates are settled longest first. Extents follow TimeML: determiners and
approximators belong to the expression ("the past two years", "about three weeks ago"),
prepositions do not ("since 2009" → "2009").

What a value means:

- DATE: "2023-09-23", "1998-01", "1998", "1998-W02", "1998-W02-WE", "1998-Q1", "1998-H1",
  "1998-SU" (a season), "199X" (a decade), "19" (a century), or PRESENT_REF / PAST_REF /
  FUTURE_REF for vague ones ("now", "recently", "the future"). ``start_date``/``end_date`` give
  the days the DATE covers (None for vague ones).
- TIME: "1998-01-08TMO" (a part of the day), "1998-01-08T22:00".
- DURATION: "P30Y", "PT24H", "P6W", "PXY" (an unknown number of years).
- SET: "P1W" ("every week", "weekly"), "XXXX-WXX-1" ("every Monday"), "XXXX-07" ("each July").

Relative expressions ("yesterday", "last week", "Friday", "two years ago", "this morning") are
resolved against the publication date (``doc._.crisisdesk_published``) and carry it as ``anchor``. A
weekday, a month or a quarter without a year is read in the direction the clause's tense points
(the last Friday before a past-tense report, the next one after a future one). With no
publication date, relative expressions keep X placeholders ("XXXX-WXX-5" for "Friday") or no
value at all ("yesterday"), never a date read against today; absolute dates ("23 March 2017")
are still resolved, and "23 March" becomes "XXXX-03-23".

The package, by concern:

- :mod:`~crisisdesk.nlp.times.values`: TIMEX3 values and calendar arithmetic (pure functions);
- :mod:`~crisisdesk.nlp.times.vocabulary` and :mod:`~crisisdesk.nlp.times.patterns`: the words
  (from ``lexicon/times.toml`` and ``lexicon/numbers.toml``) and the regular expression pieces;
- :mod:`~crisisdesk.nlp.times.rules`: the expression patterns and their readings;
- :mod:`~crisisdesk.nlp.times.document`: the document around them (tense, anchors, "the next
  day" counted from the last date named, ranges joined); :func:`find_times` is usable apart
  from spaCy;
- :mod:`~crisisdesk.nlp.times.component`: the spaCy component (registered on import of this package).
"""

from __future__ import annotations

from crisisdesk.nlp.times.component import TimeTagger, make_times
from crisisdesk.nlp.times.document import (
    QUARTER_TALK_SENTENCES,
    find_times,
    sentence_times,
    tense_near,
)
from crisisdesk.nlp.times.rules import RULES, Context, Rule
from crisisdesk.nlp.times.values import (
    AGAINST_TENSE,
    DATE,
    DURATION,
    SET,
    TIME,
    Value,
    duration,
    number,
    unit_of,
)

__all__ = [
    "AGAINST_TENSE",
    "DATE",
    "DURATION",
    "QUARTER_TALK_SENTENCES",
    "RULES",
    "SET",
    "TIME",
    "Context",
    "Rule",
    "TimeTagger",
    "Value",
    "duration",
    "find_times",
    "make_times",
    "number",
    "sentence_times",
    "tense_near",
    "unit_of",
]
