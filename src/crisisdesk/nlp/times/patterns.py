"""The pieces of regular expression the time rules are written with: the grammar of dates and
clock times, and alternations of the lexicon's words (built once, on import, from
:mod:`crisisdesk.nlp.times.vocabulary`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from crisisdesk.lexicon import irregular, table, words
from crisisdesk.nlp.times.vocabulary import (
    ONES,
    ORDINALS,
    UNIT_PLURALS,
    UNITS,
    by_value,
)


def alternation(phrases: Iterable[str]) -> str:
    """A regular expression matching any of ``phrases`` literally, the longest first (so that "a
    couple of" wins over "a couple"; ties in alphabetical order, for a stable pattern)."""
    return "|".join(re.escape(p).replace(r"\ ", " ") for p in sorted(set(phrases), key=lambda p: (-len(p), p)))


B = r"(?<![\w'’-])"  # a word starts here
E = r"(?![\w’-]|'(?!')|-\w)"  # a word ends here (no hyphenated continuation; '' closes a quote)


def compiled(pattern: str) -> re.Pattern[str]:
    """A rule's pattern: whole words, case-insensitive (parts can opt out with ``(?-i:…)``)."""
    return re.compile(B + "(?:" + pattern + ")" + E, re.IGNORECASE)


_MONTH_NAMES = by_value("time_months")
_MONTH_ABBREVIATIONS = [form.capitalize() for form in irregular("time_months")]
#: A month name as written in running text (capitalised or all capitals), or abbreviated.
MONTH = (
    "(?-i:"
    + "|".join(m.capitalize() for m in _MONTH_NAMES)
    + "|"
    + "|".join(m.upper() for m in _MONTH_NAMES)
    + "|(?:"
    + alternation(_MONTH_ABBREVIATIONS)
    + r")\.?)"
)
#: A month that names one with no day or year beside it ("in March", "Oct.'s figures").
MONTH_ALONE = "(?-i:" + "|".join(m.capitalize() for m in _MONTH_NAMES) + "|" + alternation(words("time_month_abbreviations_alone")) + ")"
#: A month name or abbreviation with its full stop, as the trigger looks for them.
MONTH_WRITTEN = "|".join(m.capitalize() for m in _MONTH_NAMES) + "|" + "|".join(re.escape(a + ".") for a in _MONTH_ABBREVIATIONS)

_WEEKDAY_NAMES = by_value("time_weekdays")
WEEKDAY = (
    "(?-i:"
    + "|".join(d.capitalize() for d in _WEEKDAY_NAMES)
    + "|(?:"
    + alternation(form.capitalize() for form in irregular("time_weekdays"))
    + r")\.)"
)
WEEKDAY_PLURAL = "(?-i:" + "|".join(d.capitalize() + "s" for d in _WEEKDAY_NAMES) + ")"
WEEKDAY_NAMES = "|".join(d.capitalize() for d in _WEEKDAY_NAMES)

DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_ORDINALS = by_value("number_ordinals")
_UNITS_1_TO_9 = "|".join(w for w in _ORDINALS if ORDINALS[w] < 10)
#: A day of the month in words ("the twenty-first").
DAY_WORD = "(?:" + "|".join(w for w in _ORDINALS if ORDINALS[w] <= 20) + f"|twenty-(?:{_UNITS_1_TO_9})|thirtieth|thirty-first)"
YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d,.]\d|\s?%|\s?(?:per\s?cent|percent)\b)"

_ONES = by_value("number_ones")
_DIGIT_WORDS = "|".join(w for w in _ONES if 1 <= ONES[w] <= 9)
_TEENS = "|".join(w for w in _ONES if 10 <= ONES[w] <= 19)
_UP_TO_TWELVE = "|".join(w for w in _ONES if 1 <= ONES[w] <= 12)
_TENS = "|".join(by_value("number_tens"))
#: A year in words ("nineteen ninety-one", "nineteen hundred and five", "two thousand and two").
SPELLED_YEAR = (
    rf"(?:nineteen(?:[- ]hundred)?(?:[- ](?:and[- ])?(?:{_TENS})(?:[- ](?:{_DIGIT_WORDS}))?|[- ](?:{_TEENS}|oh[- ](?:{_DIGIT_WORDS}))))"
    rf"|two thousand(?:[- ](?:and[- ])?(?:{_UP_TO_TWELVE}))?"
)
#: A number from one to ninety-nine in words.
NUM_WORD = rf"(?:(?:{_TENS})(?:[- ](?:{_DIGIT_WORDS}))?|" + "|".join(w for w in _ONES if ONES[w] >= 1) + ")"
#: How many units: digits, a number in words, or a counting phrase ("a couple of").
NUM = rf"(?:\d+(?:\.\d+)?(?: \d/\d)?|{NUM_WORD}(?: hundred)?|{alternation(words('time_counting_phrases'))})"
VAGUE_NUM = f"(?:{alternation(words('time_vague_counts'))})"
APPROX = f"(?:{alternation(words('time_approximators'))})"
_PART_NOUNS = table("time_part_nouns")
#: A part of a period before it ("early", "mid-", "late in", "the end of", "the rest of").
PART = (
    rf"(?:(?:{alternation(words('time_part_adjectives'))})(?:[- ](?:in[- ])?)|the (?:{alternation(_PART_NOUNS)}) of "
    rf"|(?:the )?(?:{alternation(n for n, needs_the in _PART_NOUNS.items() if not needs_the)}) of )"
)

#: Units a number counts (a weekend is counted by its days: "every weekend", not "two weekends").
_COUNTED_UNITS = [u for u in UNITS if u != "weekend"]
UNIT = "(?:" + "|".join(f"{u}|{UNIT_PLURALS[u]}" if u in UNIT_PLURALS else f"{u}s?" for u in _COUNTED_UNITS) + ")"
UNIT_SG = "(?:" + "|".join(_COUNTED_UNITS) + ")"
BARE_UNITS = alternation(words("time_bare_units"))
HYPHENATED_UNITS = alternation(words("time_hyphenated_units"))
SEASON = alternation(words("time_seasons"))
DURATION_LEAD = alternation(words("time_duration_leads"))
DURATION_FILLER = alternation(words("time_duration_fillers"))
CLOCK_APPROX = alternation(words("time_clock_approximators"))
SET_WORD = alternation(words("time_set_words"))
HALF_UNITS = alternation(words("time_half_units"))
YEAR_LEAD = alternation(words("time_year_leads"))
QUARTER_LEAD = alternation(words("time_quarter_leads"))
YEAR_AGO = alternation(words("time_year_ago_phrases"))
#: A holiday's name, capitalised as written ("New Year's Day", "All Saints' Day").
HOLIDAY = "(?-i:" + alternation(name.title().replace("'S", "'s") for name in words("time_holidays")) + ")"

TZ = r"(?:[ECMP][SD]T|GMT|UTC|EDT|EST|local time)"
CLOCK = r"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s?(?:a\.m\.?|p\.m\.?|am\b|pm\b|A\.M\.?|P\.M\.?)|(?:[01]?\d|2[0-3]):[0-5]\d(?:\s?(?:GMT|UTC|hours|hrs))?|(?:[01]?\d|2[0-3])[0-5]\d (?:GMT|UTC|hours|hrs)|(?:[1-9]|1[0-2]) o'clock)"
