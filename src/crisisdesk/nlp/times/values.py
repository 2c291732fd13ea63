"""TIMEX3 values and the calendar arithmetic behind them: pure functions of dates and numbers.

A :class:`Value` is what a rule reads an expression as: a TimeML TIMEX3 type and value, the days it
covers and whether it was read against the publication date. The constructors here build the
value of a day, a month, an ISO week, a quarter, a season, a decade...; the helpers find the year
a month or day without one falls in, the weekday nearest a date, the day a holiday falls on, and
the TIMEX3 duration of an amount of a unit ("P3Y", "PT1H30M").
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from crisisdesk.nlp.numbers import parse_number
from crisisdesk.nlp.times.vocabulary import (
    AMOUNT_WORDS,
    HOLIDAYS,
    UNIT_FACTOR,
    UNIT_LEMMAS,
    UNITS,
    WEEKDAYS,
)

DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"


@dataclass(frozen=True, slots=True)
class Value:
    """A normalised time: TIMEX3 type and value, the days it covers, and whether it was read
    against the publication date (relative)."""

    type: str
    value: str | None
    start: date | None = None
    end: date | None = None
    relative: bool = False
    mod: str | None = None
    anchor: date | None = None  # the day it was counted from, when not the publication date


def day_value(d: date, relative: bool = False) -> Value:
    return Value(DATE, d.isoformat(), d, d, relative)


def month_value(year: int, month: int, relative: bool = False) -> Value:
    return Value(DATE, f"{year:04d}-{month:02d}", date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), relative)


def year_value(year: int, relative: bool = False) -> Value:
    return Value(DATE, f"{year:04d}", date(year, 1, 1), date(year, 12, 31), relative)


def week_value(day: date, relative: bool = True, weekend: bool = False) -> Value:
    iso_year, iso_week, _ = day.isocalendar()
    monday = day - timedelta(days=day.weekday())
    if weekend:
        return Value(DATE, f"{iso_year:04d}-W{iso_week:02d}-WE", monday + timedelta(days=5), monday + timedelta(days=6), relative)
    return Value(DATE, f"{iso_year:04d}-W{iso_week:02d}", monday, monday + timedelta(days=6), relative)


def quarter_value(year: int, quarter: int, relative: bool = False) -> Value:
    first = 3 * (quarter - 1) + 1
    return Value(
        DATE, f"{year:04d}-Q{quarter}", date(year, first, 1), date(year, first + 2, calendar.monthrange(year, first + 2)[1]), relative
    )


def half_value(year: int, half: int, relative: bool = False) -> Value:
    return Value(
        DATE, f"{year:04d}-H{half}", date(year, 1 if half == 1 else 7, 1), date(year, 6, 30) if half == 1 else date(year, 12, 31), relative
    )


def season_value(year: int, season: str, relative: bool = False) -> Value:
    # Meteorological seasons (northern hemisphere); winter runs into the next year.
    bounds = {"SP": ((3, 1), (5, 31)), "SU": ((6, 1), (8, 31)), "FA": ((9, 1), (11, 30))}
    if season == "WI":
        return Value(DATE, f"{year:04d}-WI", date(year, 12, 1), date(year + 1, 3, 1) - timedelta(days=1), relative)
    (m1, d1), (m2, d2) = bounds[season]
    return Value(DATE, f"{year:04d}-{season}", date(year, m1, d1), date(year, m2, d2), relative)


def decade_value(first_year: int, relative: bool = False) -> Value:
    return Value(DATE, f"{first_year // 10:03d}X", date(first_year, 1, 1), date(first_year + 9, 12, 31), relative)


def century_value(century: int, relative: bool = False) -> Value:
    """The ``century``-th century (the 20th: 1901-2000 by the book, "19" in TIMEX3: 1900-1999)."""
    first = (century - 1) * 100
    return Value(DATE, f"{century - 1:02d}", date(max(first, 1), 1, 1), date(first + 99, 12, 31), relative)


def vague(value: str) -> Value:
    return Value(DATE, value, None, None, False)


def unresolved(type_: str = DATE, value: str | None = None) -> Value:
    return Value(type_, value, None, None, True)


# --- calendar arithmetic --------------------------------------------------------------------------


def latest_quarter(published: date) -> tuple[int, int]:
    """The last quarter completed before ``published`` (financial news reports on it)."""
    quarter = (published.month - 1) // 3 + 1
    return (published.year, quarter - 1) if quarter > 1 else (published.year - 1, 4)


def shift_months(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    year, month = divmod(total, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def end_of_month(d: date) -> date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


#: How much farther a date more than a week on the side the tense points away from counts.
AGAINST_TENSE = 3


def year_for(
    start_of: Callable[[int], date],
    published: date,
    tense: str | None,
    end_of: Callable[[int], date] | None = None,
    *,
    against_tense: float = AGAINST_TENSE,
) -> int:
    """The year in which a month, day, quarter or season given without one falls: the
    occurrence nearest the publication date (news reports on what is near), where one on the
    side the clause's tense points away from counts as twice as far ("fled in November" in a
    March report is last November; "will meet in January" in a December report, next January)."""
    end_of = end_of or (lambda y: end_of_month(start_of(y)))

    def distance(year: int) -> float:
        first, last = start_of(year), end_of(year)
        if first <= published <= last:
            return 0
        ahead = first > published
        days = (first - published).days if ahead else (published - last).days
        against = (tense == "past" and ahead) or (tense == "future" and not ahead)
        # News mostly reports what has happened: with no tense to go by, the past is nearer.
        # Against the tense, a date a few days off may be a report's own lag; farther, it is unlikely.
        weight = (2 if days <= 7 else against_tense) if against else 1.5 if ahead and tense is None else 1
        return days * weight + (0.5 if ahead else 0)

    return min((published.year - 1, published.year, published.year + 1), key=distance)


def nearest_weekday(weekday: int, published: date, direction: str | None) -> date:
    """The ``weekday`` nearest ``published`` in ``direction`` ("past": on or before, "future":
    on or after, "last"/"next": strictly before/after)."""
    if direction in ("future", "next"):
        ahead = (weekday - published.weekday()) % 7
        return published + timedelta(days=ahead or (7 if direction == "next" else 0))
    back = (published.weekday() - weekday) % 7
    return published - timedelta(days=back or (7 if direction == "last" else 0))


def easter(year: int) -> date:
    """Easter Sunday of ``year`` (Western, Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` of a month (``n`` = -1: the last)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def holiday_fixed(name: str) -> bool:
    """Whether the holiday ``name`` falls on the same month and day every year."""
    return "day" in HOLIDAYS[name]


def holiday_day(name: str, year: int) -> date:
    """The day the holiday ``name`` (a word of lexicon list ``time_holidays``) falls on in ``year``."""
    rule = HOLIDAYS[name]
    if "day" in rule:
        return date(year, rule["month"], rule["day"])
    if "easter" in rule:
        return easter(year) + timedelta(days=rule["easter"])
    return nth_weekday(year, rule["month"], WEEKDAYS[rule["weekday"]], rule["nth"]) + timedelta(days=rule.get("shift", 0))


# --- amounts and durations -----------------------------------------------------------------------


def number(text: str) -> float | None:
    """ "three" → 3, "twenty-four" → 24, "5 1/2" → 5.5, "a" → 1, "a hundred" → 100."""
    text = re.sub(r"\s+", " ", text.lower().strip())
    if text in AMOUNT_WORDS:
        return AMOUNT_WORDS[text]
    fraction = re.fullmatch(r"(\d+(?:\.\d+)?) (\d)/(\d)", text)
    if fraction:
        return float(fraction[1]) + int(fraction[2]) / int(fraction[3])
    return parse_number(text)


def unit_of(word: str) -> str:
    """The unit a unit word names ("weeks" → "week", "centuries" → "century")."""
    word = word.lower().rstrip(".")
    if word in UNIT_LEMMAS:
        return UNIT_LEMMAS[word]
    return word[:-1] if word.endswith("s") and word[:-1] in UNITS else word


def duration(amount: float | None, unit: str) -> str:
    """The TIMEX3 duration of ``amount`` ``unit`` ("P3Y", "PT24H", "PXM" when unknown)."""
    letter, is_time = UNITS[unit]
    if unit == "weekend":
        letter = "D"
        amount = None if amount is None else amount * 2
    prefix = "PT" if is_time else "P"
    if amount is None:
        if unit == "decade":
            return "PXDE"
        if unit == "century":
            return "PXCE"
        return f"{prefix}X{letter}"
    amount *= UNIT_FACTOR.get(unit, 1)
    if amount != int(amount):
        smaller = {
            "Y": (12, "M", False),
            "M": (None, None, None),
            "W": (7, "D", False),
            "D": (24, "H", True),
            "H": (60, "M", True),
            "Q": (3, "M", False),
        }
        factor, small_letter, small_time = smaller.get(letter, (None, None, None)) if not (is_time and letter == "M") else (60, "S", True)
        if factor:
            whole, rest = int(amount), round((amount - int(amount)) * factor)
            if is_time or small_time:
                big = f"{whole}{letter}" if whole else ""
                return (
                    f"PT{big}{rest}{small_letter}"
                    if is_time
                    else f"P{whole}{letter}T{rest}{small_letter}"
                    if whole
                    else f"PT{rest}{small_letter}"
                )
            return f"P{whole}{letter}{rest}{small_letter}" if whole else f"P{rest}{small_letter}"
        return f"{prefix}{amount:g}{letter}"
    return f"{prefix}{int(amount)}{letter}"
