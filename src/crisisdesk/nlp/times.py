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
resolved against the publication date (``doc._.published``) and carry it as ``anchor``. A
weekday, a month or a quarter without a year is read in the direction the clause's tense points
(the last Friday before a past-tense report, the next one after a future one). With no
publication date, relative expressions keep X placeholders ("XXXX-WXX-5" for "Friday") or no
value at all ("yesterday"), never a date read against today; absolute dates ("23 March 2017")
are still resolved, and "23 March" becomes "XXXX-03-23".

Pure functions of the text and the date, usable apart from spaCy: :func:`find_times`.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc

from crisisdesk.model import TimeExpression
from crisisdesk.nlp.numbers import ONES_WORDS, TENS_WORDS, parse_number
from crisisdesk.nlp.prefilter import sentence_bounds

if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)
if not Doc.has_extension("times"):
    Doc.set_extension("times", default=None)

DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"

# --- vocabulary ---------------------------------------------------------------------------------

MONTHS: dict[str, int] = {
    **{calendar.month_name[m].lower(): m for m in range(1, 13)},
    **{calendar.month_abbr[m].lower(): m for m in range(1, 13)},
    "sept": 9,
}
WEEKDAYS: dict[str, int] = {calendar.day_name[d].lower(): d for d in range(7)}
WEEKDAYS.update({calendar.day_abbr[d].lower(): d for d in range(7)})
WEEKDAYS.update({"tues": 1, "wednes": 2, "thur": 3, "thurs": 3})

#: Amounts of time written without a number word text2num reads ("a week", "a couple of days").
AMOUNT_WORDS: dict[str, int] = {"a": 1, "an": 1, "a single": 1, "a couple of": 2, "a couple": 2, "couple of": 2, "a dozen": 12, "dozen": 12, "half a dozen": 6}
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "last": -1, "final": -1,
}  # fmt: skip

#: Duration units: TIMEX3 letter, whether it is a time (PT…) unit, and its length in the next smaller unit.
UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False), "night": ("D", False),
    "week": ("W", False), "fortnight": ("W", False), "month": ("M", False), "quarter": ("Q", False), "year": ("Y", False),
    "decade": ("Y", False), "century": ("Y", False), "weekend": ("WE", False),
}  # fmt: skip
_UNIT_FACTOR = {"decade": 10, "century": 100, "fortnight": 2}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI", "overnight": "NI", "midday": "MI", "noon": "MI"}

# --- regular expression pieces ------------------------------------------------------------------

_B = r"(?<![\w'’-])"  # a word starts here
_E = r"(?![\w’-]|'(?!')|-\w)"  # a word ends here (no hyphenated continuation; '' closes a quote)
_MONTH = r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_WEEKDAY = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|(?:Mon|Tues|Tue|Wed|Thurs|Thu|Fri|Sat|Sun)\.)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_DAY_WORD = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth|thirty-first)"
_YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d,.]\d|\s?%|\s?(?:per\s?cent|percent)\b)"
_SPELLED_YEAR = r"(?:nineteen(?:[- ]hundred)?(?:[- ](?:and[- ])?(?:" + "|".join(TENS_WORDS) + r")(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|[- ](?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|oh[- ](?:one|two|three|four|five|six|seven|eight|nine))))|two thousand(?:[- ](?:and[- ])?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))?"
_NUM_WORD = r"(?:(?:" + "|".join(TENS_WORDS) + r")(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|" + "|".join(ONES_WORDS[1:]) + r")"
_NUM = rf"(?:\d+(?:\.\d+)?(?: \d/\d)?|{_NUM_WORD}(?: hundred)?|a hundred|one hundred|a dozen|half a dozen|dozens of|a couple of|a couple|couple of|a single|an?)"
_VAGUE_NUM = r"(?:several|a few|few|some|many|numerous|a number of|the coming|coming|recent|the past few|the last few|the next few|the first few)"
_APPROX = r"(?:about|around|approximately|roughly|nearly|almost|some|close to|more than|less than|fewer than|over|under|at least|at most|up to|no more than|no less than|not more than|just over|just under|well over|barely|a little over|a little more than|upwards of)"
_PART = r"(?:(?:early|mid|late|earlier|later)(?:[- ](?:in[- ])?)|the (?:beginning|start|end|middle|latter part|early part|rest|remainder) of |(?:the )?(?:end|beginning|start|middle) of )"
_UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?|century|centuries)"
_UNIT_SG = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|century)"
_TZ = r"(?:[ECMP][SD]T|GMT|UTC|EDT|EST|local time)"
_CLOCK = r"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s?(?:a\.m\.?|p\.m\.?|am\b|pm\b|A\.M\.?|P\.M\.?)|(?:[01]?\d|2[0-3]):[0-5]\d(?:\s?(?:GMT|UTC|hours|hrs))?|(?:[01]?\d|2[0-3])[0-5]\d (?:GMT|UTC|hours|hrs)|(?:[1-9]|1[0-2]) o'clock)"


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(_B + "(?:" + pattern + ")" + _E, re.IGNORECASE)


# --- values -------------------------------------------------------------------------------------


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
    return Value(DATE, f"{year:04d}-Q{quarter}", date(year, first, 1), date(year, first + 2, calendar.monthrange(year, first + 2)[1]), relative)


def half_value(year: int, half: int, relative: bool = False) -> Value:
    return Value(DATE, f"{year:04d}-H{half}", date(year, 1 if half == 1 else 7, 1), date(year, 6, 30) if half == 1 else date(year, 12, 31), relative)


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


# --- context ------------------------------------------------------------------------------------

_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|'ll|shall|going to|plans? to|planned|planning|scheduled|expects? to|expected to|is to|are to|intends? to|"
    r"next(?! to\b)|upcoming|coming|tomorrow|set to|due to|would|could|might|as early as|as soon as|as late as|deadline|payable|effective|expires?|until)\b",
    re.IGNORECASE,
)
_PAST_CUE = re.compile(
    r"\b(?:was|were|had|did|said|told|announced|reported|ago|last|yesterday|earlier|began|came|went|made|took|gave|fell|rose|won|lost|held|left|met|"
    r"saw|sent|paid|led|got|fled|(?-i:(?!hundred|indeed|speed|proceed|exceed|succeed|need|feed|seed)[a-z]{3,}ed))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Context:
    """What resolving one expression may look at: the publication date, the tense its clause
    points to (past, future or None), and whether the sentence talks of quarters."""

    published: date | None
    tense: str | None = None
    quarters: bool = False
    reference: date | None = None  # the first day of the last date the story named ("later that year")
    reference_day: date | None = None  # the last single day it named ("the next day")
    reference_quarter: tuple[int, int, bool] | None = None  # the last quarter it named by number, and whether fiscal


_VERB_GROUP = re.compile(r"\s+(?:not\s+)?(?:(?:be|been|have|get|to)\s+){0,3}", re.IGNORECASE)


def tense_near(sentence: str, start: int, end: int) -> str | None:
    """The tense of the clause around [start, end) of ``sentence``: of the nearest tense cue
    before it in its clause ("will meet Friday": future; "said they would appeal the decision,
    announced Wednesday": past), else of the first one after it ("Friday's talks will"), else None."""
    before = sentence[max(0, start - 80) : start]
    clause_start = max(before.rfind(";"), before.rfind(" but "), before.rfind(" while "))
    before = before[clause_start + 1 :] if clause_start >= 0 else before
    future = list(_FUTURE_CUE.finditer(before))
    past = list(_PAST_CUE.finditer(before))
    if future or past:
        if not past or (future and future[-1].end() >= past[-1].end()):
            return "future"
        if future and _VERB_GROUP.fullmatch(before[future[-1].end() : past[-1].start()]):
            return "future"  # "will be held", "is expected to have ended"
        return "past"
    after = sentence[end : end + 60]
    future_after = _FUTURE_CUE.search(after)
    past_after = _PAST_CUE.search(after)
    if future_after or past_after:
        return "future" if future_after and (not past_after or future_after.start() < past_after.start()) else "past"
    return None


def _latest_quarter(published: date) -> tuple[int, int]:
    """The last quarter completed before ``published`` (financial news reports on it)."""
    quarter = (published.month - 1) // 3 + 1
    return (published.year, quarter - 1) if quarter > 1 else (published.year - 1, 4)


def _reported_quarter(context: Context) -> tuple[int, int]:
    """The quarter a report on results is about: the fiscal quarter it last named by number
    ("earned $5 million in the fiscal first quarter": "the quarter", "a year ago", "the 1988
    period" then refer to it, whatever the calendar says), else the last one completed."""
    assert context.published is not None
    if context.reference_quarter is not None and context.reference_quarter[2]:
        return context.reference_quarter[:2]
    return _latest_quarter(context.published)


def _shift_months(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    year, month = divmod(total, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


#: How much farther a date more than a week on the side the tense points away from counts.
AGAINST_TENSE = 3


def _year_for(start_of: Callable[[int], date], published: date, tense: str | None, end_of: Callable[[int], date] | None = None) -> int:
    """The year in which a month, day, quarter or season given without one falls: the
    occurrence nearest the publication date (news reports on what is near), where one on the
    side the clause's tense points away from counts as twice as far ("fled in November" in a
    March report is last November; "will meet in January" in a December report, next January)."""
    end_of = end_of or (lambda y: _end_of_month(start_of(y)))

    def distance(year: int) -> float:
        first, last = start_of(year), end_of(year)
        if first <= published <= last:
            return 0
        ahead = first > published
        days = (first - published).days if ahead else (published - last).days
        against = (tense == "past" and ahead) or (tense == "future" and not ahead)
        # News mostly reports what has happened: with no tense to go by, the past is nearer.
        # Against the tense, a date a few days off may be a report's own lag; farther, it is unlikely.
        weight = (2 if days <= 7 else AGAINST_TENSE) if against else 1.5 if ahead and tense is None else 1
        return days * weight + (0.5 if ahead else 0)

    return min((published.year - 1, published.year, published.year + 1), key=distance)


def _end_of_month(d: date) -> date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def _weekday(weekday: int, published: date, direction: str | None) -> date:
    """The ``weekday`` nearest ``published`` in ``direction`` ("past": on or before, "future":
    on or after, "last"/"next": strictly before/after)."""
    if direction in ("future", "next"):
        ahead = (weekday - published.weekday()) % 7
        return published + timedelta(days=ahead or (7 if direction == "next" else 0))
    back = (published.weekday() - weekday) % 7
    return published - timedelta(days=back or (7 if direction == "last" else 0))


# --- number and unit words ----------------------------------------------------------------------


def number(text: str) -> float | None:
    """"three" → 3, "twenty-four" → 24, "5 1/2" → 5.5, "a" → 1, "a hundred" → 100."""
    text = re.sub(r"\s+", " ", text.lower().strip())
    if text in AMOUNT_WORDS:
        return AMOUNT_WORDS[text]
    fraction = re.fullmatch(r"(\d+(?:\.\d+)?) (\d)/(\d)", text)
    if fraction:
        return float(fraction[1]) + int(fraction[2]) / int(fraction[3])
    return parse_number(text)


def unit_of(word: str) -> str:
    word = word.lower().rstrip(".")
    if word == "centuries":
        return "century"
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
    amount *= _UNIT_FACTOR.get(unit, 1)
    if amount != int(amount):
        smaller = {"Y": (12, "M", False), "M": (None, None, None), "W": (7, "D", False), "D": (24, "H", True), "H": (60, "M", True), "Q": (3, "M", False)}
        factor, small_letter, small_time = smaller.get(letter, (None, None, None)) if not (is_time and letter == "M") else (60, "S", True)
        if factor:
            whole, rest = int(amount), round((amount - int(amount)) * factor)
            if is_time or small_time:
                big = f"{whole}{letter}" if whole else ""
                return f"PT{big}{rest}{small_letter}" if is_time else f"P{whole}{letter}T{rest}{small_letter}" if whole else f"PT{rest}{small_letter}"
            return f"P{whole}{letter}{rest}{small_letter}" if whole else f"P{rest}{small_letter}"
        return f"{prefix}{amount:g}{letter}"
    return f"{prefix}{int(amount)}{letter}"


# --- the rules ----------------------------------------------------------------------------------

Normaliser = Callable[[re.Match, Context], "Value | None"]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    normalise: Normaliser


RULES: list[Rule] = []


def rule(name: str, pattern: str) -> Callable[[Normaliser], Normaliser]:
    def register(function: Normaliser) -> Normaliser:
        RULES.append(Rule(name, _compile(pattern), function))
        return function

    return register


def _mod(match: re.Match) -> str | None:
    return _mod_of(match.groupdict())


#: TIMEX3's mod for a part of a period or an approximator, first match wins.
_MODS = tuple(
    (re.compile(pattern), mod)
    for pattern, mod in (
        (r"early|beginning|start|first half", "START"),
        (r"mid|middle", "MID"),
        (r"late|end|last half|second half|latter", "END"),
        (r"more than|over|upwards", "MORE_THAN"),
        (r"less than|fewer than|under|almost|nearly|barely", "LESS_THAN"),
        (r"at least|no less", "EQUAL_OR_MORE"),
        (r"at most|up to|no more|not more|within", "EQUAL_OR_LESS"),
        (r"about|around|approx|roughly|some|close", "APPROX"),
    )
)


def _mod_of(groups: dict[str, str | None]) -> str | None:
    """TIMEX3's mod for the part ("early", "the end of") or approximator ("about", "more than")."""
    text = (groups.get("part") or groups.get("approx") or "").lower()
    return next((mod for pattern, mod in _MODS if text and pattern.search(text)), None)


def _month_number(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _day_number(text: str) -> int:
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits[0])
    return ORDINALS.get(text.lower()) or ORDINALS[text.lower().replace(" ", "-")] if text.lower().replace(" ", "-") in ORDINALS else _ordinal_word(text)


def _ordinal_word(text: str) -> int:
    words = {"twentieth": 20, "thirtieth": 30}
    text = text.lower()
    if text in words:
        return words[text]
    tens, _, unit = text.partition("-")
    return {"twenty": 20, "thirty": 30}[tens] + ORDINALS[unit]


def _year_number(text: str) -> int:
    text = text.lower().strip()
    if text.isdigit():
        return int(text)
    words = re.split(r"[- ]+", text.replace(" and ", " "))
    if words[:2] == ["two", "thousand"]:
        rest = " ".join(words[2:])
        return 2000 + (number(rest) or 0 if rest else 0)
    words = [w for w in words if w != "hundred"]
    century = int(number(words[0]))
    rest = words[1:]
    if rest and rest[0] == "oh":
        rest = rest[1:]
    return century * 100 + int(number(" ".join(rest)) or 0)


# Absolute dates with a day.


@rule("iso date", r"(?P<year>1[0-9]\d\d|20\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?:T(?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)(?::[0-5]\d)?)?")
def _iso(match: re.Match, context: Context) -> Value | None:
    try:
        day = date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None
    if match["hour"]:
        return Value(TIME, f"{day.isoformat()}T{match['hour']}:{match['minute']}", day, day)
    return day_value(day)


@rule("numeric date", r"(?P<month>0?[1-9]|1[0-2])/(?P<day>0?[1-9]|[12]\d|3[01])/(?P<year>(?:19|20)\d\d|\d\d)")
def _numeric(match: re.Match, context: Context) -> Value | None:
    year = int(match["year"])
    year += 0 if year >= 100 else 1900 if year >= 50 else 2000
    try:
        return day_value(date(year, int(match["month"]), int(match["day"])))
    except ValueError:
        return None


_WEEKDAY_LEAD = rf"(?:(?P<weekday>{_WEEKDAY}),? (?:the )?)?"


@rule(
    "month day year",
    rf"{_WEEKDAY_LEAD}(?P<part>{_PART})?(?:(?P<rel>last|this|next|this past|this coming) )?(?:(?P<month>{_MONTH}) (?:(?P<day>{_DAY})|the (?P<dayword>{_DAY_WORD})|(?P<dayword2>{_DAY_WORD}))"
    rf"|(?:the )?(?P<day2>{_DAY}|{_DAY_WORD})(?: of)? (?P<month2>{_MONTH}))(?:(?:,|,? of)? (?P<year>{_YEAR}|{_SPELLED_YEAR})|'(?P<year2>\d\d))?",
)
def _month_day(match: re.Match, context: Context) -> Value | None:
    month = _month_number(match["month"] or match["month2"])
    day = _day_number(match["day"] or match["dayword"] or match["dayword2"] or match["day2"])
    if match["year"] or match["year2"]:
        year = _year_number(match["year"]) if match["year"] else 1900 + int(match["year2"])
        return _day_or_none(year, month, day, relative=False, mod=_mod(match))
    if context.published is None:
        return unresolved(DATE, f"XXXX-{month:02d}-{day:02d}") if 1 <= day <= 31 else None
    rel = (match["rel"] or "").lower()
    try:
        on = lambda y: date(y, month, min(day, calendar.monthrange(y, month)[1]))  # noqa: E731
        tense = "past" if rel in ("last", "this past") else "future" if rel in ("next", "this coming") else context.tense
        year = _year_for(on, context.published, tense, on)
    except ValueError:
        return None
    return _day_or_none(year, month, day, relative=True, mod=_mod(match))


def _day_or_none(year: int, month: int, day: int, *, relative: bool, mod: str | None) -> Value | None:
    try:
        return replace(day_value(date(year, month, day), relative), mod=mod)
    except ValueError:
        return None


@rule("week of a day", rf"the week of (?P<month>{_MONTH}) (?P<day>{_DAY})(?:,? (?P<year>{_YEAR}))?")
def _week_of(match: re.Match, context: Context) -> Value | None:
    """"a hearing the week of March 6": the (ISO) week holding that day."""
    month, day = _month_number(match["month"]), _day_number(match["day"])
    if not match["year"] and context.published is None:
        return unresolved(DATE)
    on = lambda y: date(y, month, min(day, calendar.monthrange(y, month)[1]))  # noqa: E731
    year = int(match["year"]) if match["year"] else _year_for(on, context.published, context.tense, on)
    found = _day_or_none(year, month, day, relative=False, mod=None)
    return week_value(found.start, relative=not match["year"]) if found else None


@rule("month year", rf"(?P<part>{_PART})?(?P<month>{_MONTH}),?(?: of| in)? (?P<year>{_YEAR}|{_SPELLED_YEAR})")
def _month_year(match: re.Match, context: Context) -> Value | None:
    return replace(month_value(_year_number(match["year"]), _month_number(match["month"])), mod=_mod(match))


#: After a month or season, what makes it part of a name ("March for Life", "Spring of Life").
_NAMES_A_TITLE = re.compile(r" (?:for|of|of the|against) (?-i:[A-Z])")


@rule(
    "month",
    r"(?:(?P<rel>this|last|next|this past|this coming|the coming|past|coming|early|late|mid|(?:the )?(?:end|beginning|start|middle) of|the first half of|the second half of)[- ])?"
    r"(?P<month>(?-i:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.))"
    r"(?:(?P<possessive>['’]s)|(?: (?P<when>this year|last year|next year)))?",
)
def _month(match: re.Match, context: Context) -> Value | None:
    if match["possessive"] and match["month"] == "May":
        return None  # "May's government": a name
    if _NAMES_A_TITLE.match(match.string, match.end()):
        return None  # "the annual March for Life"
    month = _month_number(match["month"])
    rel = (match["rel"] or "").lower()
    when = (match["when"] or "").lower()
    if context.published is None:
        return unresolved(DATE, f"XXXX-{month:02d}")
    published = context.published
    if when:
        year = published.year + {"this year": 0, "last year": -1, "next year": 1}[when]
    elif rel in ("last", "this past", "past"):
        year = published.year if month < published.month else published.year - 1
    elif rel in ("next", "this coming", "the coming", "coming"):
        year = published.year if month > published.month else published.year + 1
    elif rel == "this":
        year = published.year
    else:
        year = _year_for(lambda y: date(y, month, 1), published, context.tense)
    mod = "START" if re.search(r"early|beginning|start|first half", rel) else "MID" if "mid" in rel else "END" if re.search("late|end|second half", rel) else None
    return replace(month_value(year, month, relative=True), mod=mod)


# Years, decades, centuries.

_COUNTED_AFTER = re.compile(
    r"\s+(?:people|persons|residents|inhabitants|families|households|homes|houses|children|women|men|troops|soldiers|police|workers|employees|"
    r"refugees|migrants|students|deaths|dead|killed|cases|tonnes|tons|metres|meters|feet|miles|km|kilometres|kilometers|dollars|euros|pounds|"
    r"barrels|shares|units|vehicles|cars|acres|hectares|points|votes|seats|jobs|beds|rooms|calories|members|delegates|others|more|of\b|to\b\s*\d|-\s*\d)",
    re.IGNORECASE,
)
#: A plural noun after a number that looks like a year: it counts them ("1500 shelters").
_PLURAL_AFTER = re.compile(r"\s+(?!(?:was|is|has|as|this|its|his|hers|yes|always|perhaps|afterwards|towards|whereas|unless|news|alps|tens|dozens|hundreds|thousands|millions|billions|years|months|weeks|days)\b)[a-z]+s\b")
_COUNTED_BEFORE = re.compile(r"(?:[$€£#]|No\.|no\.|number|Number|Flight|flight|Route|route|Highway|highway|Resolution|resolution|about|some|nearly|almost|over|than|and|to|-|–)\s*$")


@rule("year", rf"(?:(?P<lead>fiscal|fiscal year|calendar|calendar year|the year|model year|the fiscal year) )?(?P<part>{_PART})?(?P<year>{_YEAR}|{_SPELLED_YEAR})(?:'s)?")
def _year(match: re.Match, context: Context) -> Value | None:
    text = match.string
    year = _year_number(match["year"])
    if match["year"][0].isdigit():
        if not match["lead"] and (_PLURAL_AFTER.match(text, match.end()) or _COUNTED_AFTER.match(text, match.end())):
            return None  # "2000 people", "1500 shelters"
        if not match["lead"] and not match["part"] and _COUNTED_BEFORE.search(text, 0, match.start()) and not re.search(r"(?:and|to|-|–)\s*$", text[: match.start()]):
            return None  # "$1990", "No. 1990", "some 1990"
        if year < 1100:
            return None
    elif not match["lead"] and (re.match(r"\s+(?:years?|people|dollars|of)\b", text[match.end() :]) or _PLURAL_AFTER.match(text, match.end())):
        return None  # "two thousand years", "two thousand people" (not "the year two thousand has", "in nineteen ninety-one Charles")
    return replace(year_value(year), mod=_mod(match))


@rule("year range", rf"(?P<year>{_YEAR})[-–/](?P<year2>\d\d)")
def _year_range(match: re.Match, context: Context) -> Value | None:
    # "1998-99": a fiscal or academic year, dated by its first year.
    first = int(match["year"])
    second = first // 100 * 100 + int(match["year2"])
    if second != first + 1:
        return None
    return Value(DATE, f"{first:04d}", date(first, 1, 1), date(second, 12, 31))


@rule("decade", r"(?:the )?(?P<part>(?:early|mid|late)[- ]|the (?:end|beginning|start|middle|first half|second half|last half) of the )?(?:(?:(?P<century>1[0-9]|20)(?P<decade>\d)0|'(?P<short>\d)0)'?s|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))")
def _decade(match: re.Match, context: Context) -> Value | None:
    if match["century"]:
        first = int(match["century"]) * 100 + int(match["decade"]) * 10
    else:
        digit = int(match["short"]) if match["short"] else ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"].index(match["word"].lower()) + 2
        if match["word"] and not match.group().lower().startswith("the"):
            return None  # "in their twenties" is an age
        century = 19 if context.published is None or digit * 10 > context.published.year % 100 else context.published.year // 100
        first = century * 100 + digit * 10
    return replace(decade_value(first), mod=_mod(match))


@rule("century", rf"(?:the )?(?P<part>(?:early|mid|late)[- ])?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{_DAY_WORD}|twenty-first)[- ]century")
def _century(match: re.Match, context: Context) -> Value | None:
    n = match["n"].lower()
    century = int(re.match(r"\d+", n)[0]) if n[0].isdigit() else _ordinal_word(n) if "-" in n or n.endswith("ieth") else ORDINALS[n]
    if not 1 <= century <= 21:
        return None
    return replace(century_value(century), mod=_mod(match))


@rule("this century", r"(?P<rel>this|the last|last|the next|next|the past|the previous|the current|the present) (?P<unit>century|decade)")
def _this_century(match: re.Match, context: Context) -> Value | None:
    rel = match["rel"].lower()
    shift = -1 if re.search("last|past|previous", rel) else 1 if "next" in rel else 0
    if context.published is None:
        return unresolved(DATE)
    if match["unit"].lower() == "decade":
        return replace(decade_value(context.published.year // 10 * 10 + 10 * shift), relative=True)
    return replace(century_value(context.published.year // 100 + 1 + shift), relative=True)


# Seasons, quarters, halves.


@rule(
    "season",
    rf"(?:(?P<rel>this|last|next|this past|this coming|the coming|past|coming|the|early|late|mid|(?:the )?(?:end|beginning|start|middle) of(?: the)?|the early|the late)[- ])?"
    rf"(?P<season>spring|summer|fall|autumn|winter)(?:(?:,| of| in)? (?P<year>{_YEAR}|{_SPELLED_YEAR}))?(?: (?P<when>this year|last year|next year))?",
)
def _season(match: re.Match, context: Context) -> Value | None:
    season = SEASONS[match["season"].lower()]
    rel = (match["rel"] or "").lower()
    if _NAMES_A_TITLE.match(match.string, match.end()):
        return None  # "the ``Spring of Life'' demonstrations"
    if match["season"].lower() == "fall" and not rel and not match["year"]:
        return None  # "prices fall"
    if not rel and not match["year"] and not match["when"]:
        if match["season"][0].islower() and not re.search(r"\b(?:in|during|this|last|next|by|until|since|over)\s+$", match.string[max(0, match.start() - 10) : match.start()]):
            return None
    mod = "START" if "early" in rel or "beginning" in rel or "start" in rel else "END" if "late" in rel or "end" in rel else "MID" if "mid" in rel else None
    if match["year"]:
        return replace(season_value(_year_number(match["year"]), season), mod=mod)
    if context.published is None:
        return unresolved(DATE, f"XXXX-{season}")
    published = context.published
    this = published.year
    current = season_value(this, season)
    when = (match["when"] or "").lower()
    if when:
        year = this + {"this year": 0, "last year": -1, "next year": 1}[when]
    elif rel in ("last", "past", "this past"):
        year = this if current.end < published else this - 1
    elif rel in ("next", "coming", "this coming", "the coming"):
        year = this if current.start > published else this + 1
    elif rel == "this":
        year = this
    else:
        year = this - 1 if context.tense == "past" and current.start > published else this
    return replace(season_value(year, season, relative=True), mod=mod)


_QUARTER_WORD = r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|final|last)"


@rule(
    "quarter",
    rf"(?:(?P<det>the|its|this|that|their|his|her) )?(?:(?P<lead>(?P<y1>{_YEAR})|this year's|last year's|next year's|the year-ago|the year-earlier|year-ago|year-earlier|"
    rf"(?:the )?comparable(?: year-ago| year-earlier)?|the same|latest|current) )?(?:fiscal[- ])?{_QUARTER_WORD}[- ](?:fiscal[- ])?(?:-)?(?P<unit>quarter|half)"
    rf"(?:(?: of| in| for)? (?:(?:fiscal|calendar) )?(?:(?P<y2>{_YEAR})|(?P<when>this year|last year|next year|the year)))?",
)
def _quarter(match: re.Match, context: Context) -> Value | None:
    q = match["q"].lower()
    unit = match["unit"].lower()
    count = 4 if unit == "quarter" else 2
    n = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": count, "last": count}[q]
    if n > count:
        return None
    make = quarter_value if unit == "quarter" else half_value
    year_text = match["y1"] or match["y2"]
    if year_text:
        return make(int(year_text), n)
    if context.published is None:
        return unresolved(DATE, f"XXXX-{'Q' if unit == 'quarter' else 'H'}{n}")
    lead = (match["lead"] or "").lower()
    when = (match["when"] or "").lower()
    published = context.published
    if "last year" in lead or "year-ago" in lead or "year-earlier" in lead or "comparable" in lead or when == "last year":
        year = published.year - 1
    elif "next year" in lead or when == "next year":
        year = published.year + 1
    elif "this year" in lead or when in ("this year", "the year"):
        year = published.year
    else:
        year = _year_for(lambda y: make(y, n).start, published, context.tense or "past", lambda y: make(y, n).end)
        if context.tense != "future" and make(year, n).start > published:
            # Results are reported for a quarter that has begun ("earned $5 million in the fiscal
            # first quarter", in an October report: that year's).
            year -= 1
    return replace(make(year, n), relative=True)


@rule(
    "the quarter",
    r"(?P<lead>the|this|last|next|the latest|the latest fiscal|the most recent|the current|the past|the previous|the year-ago|the year-earlier|the comparable year-ago|"
    r"the comparable year-earlier|the comparable|the corresponding|the same|the fiscal|last year's|its|that) (?P<unit>quarter|period)(?P<ago> a year (?:ago|earlier)| last year| of last year| the previous year| the prior year)?(?:['’]s)?",
)
def _the_quarter(match: re.Match, context: Context) -> Value | None:
    lead = match["lead"].lower()
    if match["unit"].lower() == "period" and not re.search(r"year-ago|year-earlier|comparable|corresponding|same|last year", lead) and not match["ago"]:
        return None
    if lead in ("its", "that", "the same") and not match["ago"]:
        return None
    if context.published is None:
        return unresolved(DATE, "XXXX-QX")
    year, quarter = _reported_quarter(context)
    if lead in ("this", "the current"):
        year, quarter = context.published.year, (context.published.month - 1) // 3 + 1
    elif lead == "next":
        year, quarter = context.published.year + (context.published.month > 9), (context.published.month - 1) // 3 % 4 + 2 if context.published.month <= 9 else 1
    if match["ago"] or re.search(r"year-ago|year-earlier|comparable|corresponding|last year", lead):
        year -= 1
    return quarter_value(year, quarter, relative=True)


@rule("the year period", rf"(?P<det>the|its|their) (?P<year>{_YEAR}) (?P<unit>period|quarter)")
def _year_period(match: re.Match, context: Context) -> Value | None:
    """"the 1988 quarter", "the 1988 period": in a report on quarterly results, the quarter
    reported on, in that year."""
    year = int(match["year"])
    if match["unit"].lower() == "period" and not context.quarters:
        return None
    if context.published is None:
        return unresolved(DATE, f"{year:04d}-QX")
    return quarter_value(year, _reported_quarter(context)[1], True)


@rule("fiscal year", r"(?P<lead>the current|the latest|the previous|the past|last|this|next|the next|the coming|the new|the) fiscal year")
def _fiscal_year(match: re.Match, context: Context) -> Value | None:
    lead = match["lead"].lower()
    if lead == "the":
        return None
    if context.published is None:
        return unresolved(DATE, None)
    shift = -1 if re.search("previous|past|last", lead) else 1 if re.search("next|coming|new", lead) else 0
    return year_value(context.published.year + shift, relative=True)


@rule("year ended", r"(?:the|its|their) (?:fiscal |financial )?year(?= end(?:ed|ing)\b)")
def _year_ended(match: re.Match, context: Context) -> Value | None:
    """"for the year ended March 31", "the fiscal year ending June 30": a twelve-month period
    named by its last day, a duration as TimeBank has it (like "the six months ended Oct. 1")."""
    return Value(DURATION, "P1Y")


@rule("the year", r"the (?:full |entire |whole |fiscal |calendar )?(?-i:year)(?! (?:before|after|earlier|later|ago|of the)\b)")
def _the_year(match: re.Match, context: Context) -> Value | None:
    """"for the full year", "a high for the year", "the first nine months of the year": in news,
    the year the story is in, as TimeBank annotates it."""
    if context.published is None:
        return unresolved(DATE)
    return year_value(context.published.year, relative=True)


# Dates relative to the publication date.


@rule(
    "relative day",
    r"(?P<part>(?:early|late|earlier|later) )?(?P<word>the day before yesterday|the day after tomorrow|today|yesterday|tomorrow)(?:'s)?"
    r"(?: (?P<pod>morning|afternoon|evening|night))?",
)
def _relative_day(match: re.Match, context: Context) -> Value | None:
    word = match["word"].lower()
    shift = {"today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}[word]
    pod = match["pod"]
    if context.published is None:
        return unresolved(TIME if pod else DATE)
    day = context.published + timedelta(days=shift)
    if pod:
        return Value(TIME, f"{day.isoformat()}T{PARTS_OF_DAY[pod.lower()]}", day, day, True)
    value = day_value(day, True)
    part = (match["part"] or "").lower()
    return replace(value, mod="START" if "early" in part else "END" if "late" in part else None)


@rule(
    "part of day",
    r"(?P<part>(?:early|late|earlier|later) )?(?:(?P<rel>this|last|tomorrow|yesterday|the|that|early this|late last) (?P<pod>morning|afternoon|evening|night)|(?P<word>tonight|overnight|midday|midnight|mid[- ]?afternoon|mid[- ]?morning))"
    r"(?: (?P<day>yesterday|today))?",
)
def _part_of_day(match: re.Match, context: Context) -> Value | None:
    rel = (match["rel"] or "").lower()
    pod = (match["pod"] or match["word"]).lower().replace("-", "").replace(" ", "")
    rel = rel or (match["day"] or "").lower()
    if rel in ("the", "that") and not match["part"]:
        return None
    code = {"midafternoon": "AF", "midmorning": "MO", "midnight": "T24:00", "midday": "T12:00", "noon": "T12:00"}.get(pod) or PARTS_OF_DAY.get(pod)
    if context.published is None:
        return unresolved(TIME)
    day = context.published - timedelta(days=1) if (rel in ("last", "yesterday", "late last") and pod != "morning") or (rel == "last" and pod == "morning") else context.published
    if rel == "tomorrow":
        day = context.published + timedelta(days=1)
    value = f"{day.isoformat()}{code}" if code.startswith("T") else f"{day.isoformat()}T{code}"
    return Value(TIME, value, day, day, True)


@rule(
    "weekday",
    rf"(?:(?P<rel>last|this|next|this past|this coming|the coming|past|coming|early|late) )?(?P<weekday>{_WEEKDAY})(?:'s)?"
    rf"(?:,? (?P<month>{_MONTH}) (?P<day>{_DAY}))?(?: (?P<pod>morning|afternoon|evening|night))?",
)
def _weekday_rule(match: re.Match, context: Context) -> Value | None:
    weekday = WEEKDAYS[match["weekday"].lower().rstrip(".")]
    rel = (match["rel"] or "").lower()
    if match["month"]:
        month, day = _month_number(match["month"]), int(re.match(r"\d+", match["day"])[0])
        if context.published is None:
            found: Value | None = unresolved(DATE, f"XXXX-{month:02d}-{day:02d}")
        else:
            try:
                on = lambda y: date(y, month, day)  # noqa: E731
                year = _year_for(on, context.published, context.tense, on)
                found = day_value(date(year, month, day), True)
            except ValueError:
                return None
    elif context.published is None:
        found = unresolved(DATE, f"XXXX-WXX-{weekday + 1}")
    else:
        direction = {"last": "last", "this past": "last", "past": "last", "next": "next", "this coming": "future", "the coming": "future", "coming": "future"}.get(rel)
        if direction is None:
            direction = "future" if context.tense == "future" else "past"
        found = day_value(_weekday(weekday, context.published, direction), True)
    # "Friday morning", "Wednesday night": dated by the day, as annotated news has it (TimeBank,
    # AQUAINT); the part of the day stays in the text.
    return found


@rule(
    "weekday after time",
    rf"(?P<time>(?:(?:about|around|approximately|shortly after|shortly before|just after|just before) )?(?:{_CLOCK}|noon|midnight|midday))(?: (?P<tz>{_TZ}))?(?:,? (?:on )?(?P<weekday>{_WEEKDAY}|today|yesterday|tomorrow|tonight)(?:,? (?P<month>{_MONTH}) (?P<day>{_DAY}))?|,? (?P<month2>{_MONTH}) (?P<day2>{_DAY}))?",
)
def _clock(match: re.Match, context: Context) -> Value | None:
    time_text = match["time"].lower()
    approx = re.match(r"(?:about|around|approximately|shortly after|shortly before|just after|just before) ", time_text)
    clock = time_text[approx.end() :] if approx else time_text
    if clock in ("noon", "midday"):
        hh, mm = 12, 0
    elif clock == "midnight":
        hh, mm = 24, 0
    else:
        found = re.match(r"(\d{1,2})(?::?([0-5]\d))?", clock)
        hh, mm = int(found[1]), int(found[2] or 0)
        if len(found[1]) == 2 and not found[2] and re.match(r"\d{4}", clock):
            hh, mm = int(clock[:2]), int(clock[2:4])
        pm = re.search(r"p\.?m", clock)
        am = re.search(r"a\.?m", clock)
        if hh > 12 and (pm or am):
            return None
        if pm and hh < 12:
            hh += 12
        if am and hh == 12:
            hh = 0
    day: date | None = None
    anchor_word = (match["weekday"] or "").lower().rstrip(".")
    published = context.published
    if match["month"] or match["month2"]:
        month = _month_number(match["month"] or match["month2"])
        dom = int(re.match(r"\d+", match["day"] or match["day2"])[0])
        if published is not None:
            try:
                on = lambda y: date(y, month, dom)  # noqa: E731
                day = date(_year_for(on, published, context.tense, on), month, dom)
            except ValueError:
                return None
    elif published is not None:
        if anchor_word in WEEKDAYS:
            day = _weekday(WEEKDAYS[anchor_word], published, "future" if context.tense == "future" else "past")
        else:
            day = published + timedelta(days={"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "": 0}[anchor_word])
    time_part = f"T{hh:02d}:{mm:02d}"
    mod = "APPROX" if approx and "about" in approx.group() or approx and "around" in approx.group() else None
    if day is None:
        return Value(TIME, None, None, None, True, mod)
    return Value(TIME, f"{day.isoformat()}{time_part}", day, day, True, mod)


@rule(
    "this unit",
    rf"(?P<part>{_PART}|(?:early|late|earlier|later) (?:in )?)?(?P<rel>this|last|next|the past|the last|the next|the coming|the previous|the following|the current|the same|past|coming|previous|this past|this coming|the|that)"
    rf" (?P<unit>week|weekend|month|year|fortnight)(?P<tail> (?:before|after|earlier|later))?(?:'s)?",
)
def _this_unit(match: re.Match, context: Context) -> Value | None:
    rel = match["rel"].lower()
    unit = match["unit"].lower()
    part = (match["part"] or "").lower()
    anchor = None
    if re.fullmatch(r"(?-i:This|Next|Last) (?-i:Week|Month|Year)", match.group()) and re.search(r"[\w,'’]\s*[\"“'`]*$", match.string[: match.start()]):
        return None  # a title in mid-sentence (ABC's "This Week")
    if rel in ("the", "that", "the same") and not part and unit != "weekend":
        return None  # "the year", "that week": which one depends on the story, not on the date
    if match["tail"]:
        return None
    if unit == "fortnight":
        return None
    published = context.published
    if rel in ("the following", "following", "the previous", "previous", "that", "the same"):
        # "the following year", "later that year": counted from the story's last named day.
        if context.reference is None:
            return Value(DATE, None)
        published = context.reference
        anchor = context.reference
    if published is None:
        return unresolved(DATE, "XXXX-WXX-WE" if unit == "weekend" else None)
    shift = -1 if re.search(r"last|past|previous", rel) else 1 if re.search(r"next|coming|following", rel) else 0
    if unit == "weekend" and rel in ("the", "this", "that"):
        # "the weekend" in a report: the coming one if the clause looks ahead, else the last.
        saturday = published + timedelta(days=(5 - published.weekday()) % 7) if context.tense == "future" else published - timedelta(days=(published.weekday() - 5) % 7)
        value = week_value(saturday, weekend=True)
    elif unit in ("week", "weekend"):
        value = week_value(published + timedelta(weeks=shift), weekend=unit == "weekend")
    elif unit == "month":
        shifted = _shift_months(published.replace(day=1), shift)
        value = month_value(shifted.year, shifted.month, True)
    else:
        value = year_value(published.year + shift, True)
    mod = _mod(match)
    if part.startswith("earlier") or part.startswith("later"):
        mod = None
    return replace(value, relative=anchor is None, mod=mod, anchor=anchor)


@rule(
    "anaphoric day",
    r"(?P<part>earlier|later|early|late) (?P<rel>that|that same|the same) (?P<unit>day|morning|afternoon|evening|night)"
    r"|(?P<rel2>the following|the next|the previous|the preceding|that same|the same|that) (?P<unit2>day|morning|afternoon|evening|night)(?! of)"
    r"|(?P<rel3>the) (?P<unit3>day|night) (?P<tail>before|after)",
)
def _anaphoric_day(match: re.Match, context: Context) -> Value | None:
    """"the next day", "that same day", "earlier that day", "the day before": a day the story
    counts from the last day it named, not from the publication date."""
    rel = (match["rel"] or match["rel2"] or match["rel3"]).lower()
    unit = (match["unit"] or match["unit2"] or match["unit3"]).lower()
    if rel == "that" and not match["part"] and unit != "day":
        return None  # "that morning" with nothing to go by
    if context.reference_day is None:
        return Value(TIME if unit not in ("day",) else DATE, None)
    shift = 1 if re.search(r"following|next", rel) or match["tail"] == "after" else -1 if re.search(r"previous|preceding", rel) or match["tail"] == "before" else 0
    day = context.reference_day + timedelta(days=shift)
    if unit == "day":
        return replace(day_value(day), mod=_mod(match), anchor=context.reference_day)
    return Value(TIME, f"{day.isoformat()}T{PARTS_OF_DAY[unit]}", day, day, anchor=context.reference_day)


@rule("year end", r"(?P<rel>this |last |next )?(?:year[- ]end|year's end|end[- ]of[- ]year|the turn of the year|the (?:end|close) of the year)")
def _year_end(match: re.Match, context: Context) -> Value | None:
    if context.published is None:
        return unresolved(DATE)
    rel = (match["rel"] or "").strip().lower()
    shift = -1 if rel == "last" else 1 if rel == "next" else 0
    return replace(year_value(context.published.year + shift, True), mod="END")


@rule(
    "ago",
    rf"(?:(?P<approx>{_APPROX}) )?(?P<n>{_NUM}|{_VAGUE_NUM}|a few|a couple of)[ -](?:more )?(?P<unit>{_UNIT})(?: or (?:so|more|two|three))? (?P<dir>ago|earlier|from now|hence|back)",
)
def _ago(match: re.Match, context: Context) -> Value | None:
    unit = unit_of(match["unit"])
    direction = match["dir"].lower()
    n = number(match["n"])
    if direction in ("before", "later") and n is None:
        return None
    sign = 1 if direction in ("later", "from now", "hence") else -1
    if n is None:
        if direction in ("ago", "earlier", "back"):
            return replace(vague("PAST_REF"), mod=_mod(match))
        return replace(vague("FUTURE_REF"), mod=_mod(match))
    if context.published is None:
        return unresolved(DATE)
    published = context.published
    n = n * _UNIT_FACTOR.get(unit, 1)
    if unit in ("decade", "century"):
        unit = "year"
    mod = _mod(match)
    if n != int(n):
        n = int(n)
    n = int(n)
    if unit in ("day", "night"):
        return replace(day_value(published + timedelta(days=sign * n), True), mod=mod)
    if unit in ("week", "fortnight"):
        return replace(week_value(published + timedelta(weeks=sign * n)), mod=mod)
    if unit == "month":
        shifted = _shift_months(published.replace(day=1), sign * n)
        return replace(month_value(shifted.year, shifted.month, True), mod=mod)
    if unit == "quarter":
        shifted = _shift_months(published.replace(day=1), sign * 3 * n)
        return replace(quarter_value(shifted.year, (shifted.month - 1) // 3 + 1, True), mod=mod)
    if unit == "year":
        if n == 1 and context.quarters and direction in ("ago", "earlier"):
            year, quarter = _reported_quarter(context)
            return replace(quarter_value(year - 1, quarter, True), mod=mod)
        return replace(year_value(published.year + sign * n, True), mod=mod)
    if unit in ("hour", "minute", "second"):
        return Value(TIME, f"{published.isoformat()}", published, published, True, mod)
    return None


@rule("year ago adjective", r"(?P<word>year-ago|year-earlier|a year-earlier|a year-ago|the year-ago|the year-earlier|the prior year|the previous year|the preceding year|the year before|a year before)")
def _year_ago(match: re.Match, context: Context) -> Value | None:
    if context.published is None:
        return unresolved(DATE)
    if context.quarters:
        year, quarter = _reported_quarter(context)
        return quarter_value(year - 1, quarter, True)
    return year_value(context.published.year - 1, True)


# Vague references.

_VAGUE_WORDS = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "presently": "PRESENT_REF",
    "at present": "PRESENT_REF", "the present": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
    "at the moment": "PRESENT_REF", "at this time": "PRESENT_REF", "current": "PRESENT_REF", "the time being": "PRESENT_REF",
    "today's": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "previously": "PAST_REF", "formerly": "PAST_REF", "the past": "PAST_REF",
    "recent": "PAST_REF", "earlier": "PAST_REF", "once": "PAST_REF", "a while ago": "PAST_REF",
    "some time ago": "PAST_REF", "long ago": "PAST_REF", "not long ago": "PAST_REF", "years ago": "PAST_REF", "months ago": "PAST_REF",
    "weeks ago": "PAST_REF", "days ago": "PAST_REF", "decades ago": "PAST_REF", "past years": "PAST_REF",
    "the future": "FUTURE_REF", "future": "FUTURE_REF", "soon": "FUTURE_REF", "shortly": "FUTURE_REF", "as soon as possible": "FUTURE_REF",
    "the near future": "FUTURE_REF", "the foreseeable future": "FUTURE_REF", "the coming days": "FUTURE_REF", "later": "FUTURE_REF",
    "eventually": "FUTURE_REF", "the short term": "FUTURE_REF", "the long term": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the medium term": "FUTURE_REF", "the long run": "FUTURE_REF", "the short run": "FUTURE_REF",
}  # fmt: skip
#: Words too often something else, or too rarely a time in annotated news, to tag alone ("once"
#: a conjunction, "later" an adverb of order, "future" mostly an adjective of kind: "future
#: generations"); they still count inside longer expressions.
_VAGUE_SKIP = frozenset({"once", "earlier", "later", "eventually", "shortly", "today's", "previously", "formerly", "soon", "future", "recent"})


@rule("vague", "|".join(sorted((re.escape(w) for w in _VAGUE_WORDS if w not in _VAGUE_SKIP), key=len, reverse=True)))
def _vague(match: re.Match, context: Context) -> Value | None:
    word = match.group().lower()
    before = match.string[max(0, match.start() - 12) : match.start()].lower()
    if word == "current" and re.search(r"\b(?:electric|the|a|direct|alternating|ocean|strong)\s+$", before) and not re.search(r"the\s+$", before):
        return None
    if word == "current" and re.match(r"\s+(?:account|affairs|events|of|flowing|through)\b", match.string[match.end() :]):
        return None
    if word == "future" and re.match(r"\s+(?:contracts?|markets?|exchange|prices?|trading|tense)\b", match.string[match.end() :]):
        return None
    if word == "now" and re.search(r"\b(?:from|until|till|up to|by|between|since|of|right)\s+$", before) and not re.search(r"\buntil\s+$|\bby\s+$|\bfrom\s+$|\bsince\s+$", before):
        return None
    return vague(_VAGUE_WORDS[word])


# Durations.

_DURATION_LEAD = r"(?:(?P<rel>the|the year-earlier|the year-ago|the comparable|the past|the last|the next|the first|the final|the coming|the previous|the following|the latest|the remaining|past|last|next|first|another|an additional|a further|the entire|the whole|all|the full|a full|the same|these|those|the better part of|the best part of) )?"


@rule(
    "duration",
    rf"(?:(?P<approx>{_APPROX}) (?!the\b))?{_DURATION_LEAD}(?:(?P<approx2>{_APPROX}) )?(?P<n>{_NUM}|{_VAGUE_NUM})(?: (?:to|or|and|-) (?P<n2>{_NUM}))?[ -](?:(?:more|additional|extra|full|straight|consecutive|long|further|whole|solid|long) )?(?P<unit>{_UNIT})(?P<half> and a half)?(?P<long>[ -](?:long|old))?(?P<more> or (?:so|more|longer))?",
)
def _duration(match: re.Match, context: Context) -> Value | None:
    unit = unit_of(match["unit"])
    if match["long"] and match["long"].strip(" -").lower() == "old":
        return None  # an age
    after = match.string[match.end() : match.end() + 8].lower()
    if re.match(r"-old|\s+old\b|\s+older|\s+younger", after):
        return None
    n_text = match["n"].lower()
    n = number(n_text)
    if re.fullmatch(r"1[0-9]\d\d|20\d\d", n_text) and not match["unit"].lower().endswith("s"):
        return None  # "the 1988 quarter" is a date
    if n_text in ("a", "an") and match["unit"].lower().endswith("s") and unit != "century":
        return None
    plural = match["unit"].lower().endswith("s") or match["unit"].lower() == "centuries"
    if n is None:
        if n_text in ("the past few", "the last few", "the next few", "the first few") or re.match(r"several|a few|few|some|many|numerous|a number of|coming|the coming|recent", n_text):
            if not plural:
                return None
            value = duration(None, unit)
        else:
            return None
    else:
        if n == 1 and plural and not n_text.isdigit():
            return None
        if n > 1 and not plural and not re.search(r"[- ]" + re.escape(match["unit"]) + r"$", match.group()):
            return None
        if match["half"]:
            n += 0.5
        value = duration(n, unit)
    rel = (match["rel"] or "").lower()
    if unit == "quarter" and not rel:
        return None  # "a quarter of the people", "three-quarters": fractions, not periods
    if n is not None and n_text in ("a", "an") and rel == "" and re.search(r"(?:\d|million|billion|percent|%|dollars?|cents?|each|once|twice|times)\s+$", match.string[max(0, match.start() - 12) : match.start()].lower()):
        return None  # a rate ("$500 million a year", "four flights a week"), not a time
    if n_text in ("a", "an", "one") and unit == "second" and re.match(r"\s+[a-z]", match.string[match.end() :]) and not re.match(r"\s+(?:ago|later|earlier|after|before|or|and|to|of|in|for)\b", match.string[match.end() :]):
        return None  # "a second betrayal": an ordinal
    if n is None and re.fullmatch(r"recent|coming|the coming", n_text):
        # "in recent years", "in the coming months": when, vaguely, not how long.
        return Value(DATE, "PAST_REF" if n_text == "recent" else "FUTURE_REF", mod=_mod(match))
    return Value(DURATION, value, mod=_mod(match) or (_mod_text(match["approx2"]) if match["approx2"] else None))


def _mod_text(text: str) -> str | None:
    return _mod_of({"approx": text})


@rule("bare units", rf"(?:(?P<approx>{_APPROX}) )?(?P<unit>minutes|hours|days|weeks|months|years|decades|centuries)(?P<tail> (?:ago|earlier|later|on end))?")
def _bare_units(match: re.Match, context: Context) -> Value | None:
    before = match.string[max(0, match.start() - 14) : match.start()].lower()
    tail = (match["tail"] or "").strip().lower()
    if tail in ("ago", "earlier"):
        return vague("PAST_REF")
    if tail == "later":
        return None
    if not tail and not re.search(r"\b(?:for|within|in|after|over|take|took|takes|taking|lasted|last|lasting|spent|spend|wait|waited)\s+$", before):
        return None
    return Value(DURATION, duration(None, unit_of(match["unit"])))


@rule(
    "hyphenated duration",
    rf"(?P<n>\d+(?:\.\d+)?|{_NUM_WORD}|half|several|multi)-(?P<unit>second|minute|hour|day|night|week|month|year|decade|century)(?:-long)?",
)
def _hyphenated(match: re.Match, context: Context) -> Value | None:
    after = match.string[match.end() : match.end() + 6].lower()
    if after.startswith("-old") or after.startswith(" old"):
        return None
    n_text = match["n"].lower()
    unit = match["unit"].lower()
    if n_text in ("several", "multi"):
        return Value(DURATION, duration(None, unit))
    if n_text == "half":
        return Value(DURATION, duration(0.5, unit))
    n = number(n_text)
    return Value(DURATION, duration(n, unit)) if n is not None else None


@rule("a unit and a half", r"(?P<n>an?|one) (?P<unit>second|minute|hour|day|week|month|year) and a half")
def _and_half(match: re.Match, context: Context) -> Value | None:
    return Value(DURATION, duration(1.5, match["unit"].lower()))


@rule("a minute and a half", r"(?P<a>a|an|one) (?P<unit>hour|minute) and (?P<b>a|an|\d+|" + _NUM_WORD + r") (?P<unit2>minutes?|seconds?|half)")
def _compound_time(match: re.Match, context: Context) -> Value | None:
    unit, unit2 = match["unit"].lower(), unit_of(match["unit2"])
    if unit2 == "half":
        return Value(DURATION, duration(1.5, unit))
    second = number(match["b"])
    return Value(DURATION, f"PT1{UNITS[unit][0]}{int(second)}{UNITS[unit2][0]}") if second is not None else None


# Sets.


@rule("set word", r"(?P<word>daily|weekly|monthly|yearly|annually|hourly|nightly|biweekly|bimonthly|semiannually|semi-annually|fortnightly|twice-weekly|twice a (?:year|month|week|day)|once a (?:year|month|week|day)|(?:three|four|several) times a (?:year|month|week|day))")
def _set_word(match: re.Match, context: Context) -> Value | None:
    word = match["word"].lower()
    if word.endswith("ly") and re.search(r"(?:\d|%|percent|million|billion)\s+$", match.string[max(0, match.start() - 12) : match.start()].lower()):
        return None  # a rate ("rise 8.5% annually", "$17.9 million annually"), like "$500 million a year"
    values = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y", "hourly": "PT1H",
              "nightly": "P1D", "biweekly": "P2W", "bimonthly": "P2M", "semiannually": "P6M", "semi-annually": "P6M", "fortnightly": "P2W", "twice-weekly": "P1W"}  # fmt: skip
    if word in values:
        return Value(SET, values[word])
    unit = word.rsplit(" ", 1)[1]
    return Value(SET, duration(1, unit))


@rule(
    "every",
    rf"(?P<every>every|each|per)(?: (?P<other>other|single|two|three|four|five|six))? (?:(?P<unit>{_UNIT_SG}|weekend)|(?P<weekday>{_WEEKDAY})|(?P<month>{_MONTH})|(?P<pod>morning|afternoon|evening|night)|(?P<season>spring|summer|fall|autumn|winter))",
)
def _every(match: re.Match, context: Context) -> Value | None:
    other = (match["other"] or "").lower()
    n = 2 if other == "other" else number(other) if other and other != "single" else 1
    if n is None:
        return None
    if match["unit"]:
        unit = match["unit"].lower()
        return Value(SET, duration(n, unit) if unit != "weekend" else "XXXX-WXX-WE")
    if match["weekday"]:
        return Value(SET, f"XXXX-WXX-{WEEKDAYS[match['weekday'].lower().rstrip('.')] + 1}")
    if match["month"]:
        return Value(SET, f"XXXX-{_month_number(match['month']):02d}")
    if match["season"]:
        return Value(SET, f"XXXX-{SEASONS[match['season'].lower()]}")
    return Value(SET, f"TXX{PARTS_OF_DAY[match['pod'].lower()]}")


@rule("weekdays plural", rf"(?P<weekday>(?-i:Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays))|(?P<weekday2>{_WEEKDAY}) (?P<pod>mornings|afternoons|evenings|nights)")
def _weekdays(match: re.Match, context: Context) -> Value | None:
    if match["weekday"]:
        return Value(SET, f"XXXX-WXX-{WEEKDAYS[match['weekday'].lower()[:-1]] + 1}")
    pod = PARTS_OF_DAY[match["pod"].lower()[:-1]]
    return Value(SET, f"XXXX-WXX-{WEEKDAYS[match['weekday2'].lower().rstrip('.')] + 1}T{pod}")


# Holidays.

_FIXED_HOLIDAYS = {
    "christmas day": (12, 25), "christmas": (12, 25), "christmas eve": (12, 24), "new year's day": (1, 1), "new year's eve": (12, 31),
    "new year": (1, 1), "independence day": (7, 4), "halloween": (10, 31), "valentine's day": (2, 14), "boxing day": (12, 26),
    "veterans day": (11, 11), "armistice day": (11, 11), "may day": (5, 1), "labour day": (5, 1), "bastille day": (7, 14),
    "st. patrick's day": (3, 17), "saint patrick's day": (3, 17), "all saints' day": (11, 1), "world refugee day": (6, 20),
    "international women's day": (3, 8), "world humanitarian day": (8, 19), "human rights day": (12, 10),
}  # fmt: skip


def _easter(year: int) -> date:
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


_VARIABLE_HOLIDAYS: dict[str, Callable[[int], date]] = {
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "easter sunday": _easter,
    "easter": _easter,
    "good friday": lambda y: _easter(y) - timedelta(days=2),
    "easter monday": lambda y: _easter(y) + timedelta(days=1),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1),
    "mother's day": lambda y: _nth_weekday(y, 5, 6, 2),
    "father's day": lambda y: _nth_weekday(y, 6, 6, 3),
}
_HOLIDAY_NAMES = sorted((*_FIXED_HOLIDAYS, *_VARIABLE_HOLIDAYS), key=len, reverse=True)


@rule("holiday", rf"(?:(?P<rel>last|this|next) )?(?P<name>(?-i:{'|'.join(re.escape(n.title()).replace(chr(39) + 'S', chr(39) + 's') for n in _HOLIDAY_NAMES)}))(?:,? (?P<year>{_YEAR}))?")
def _holiday(match: re.Match, context: Context) -> Value | None:
    name = match["name"].lower()
    make = (lambda y: date(y, *_FIXED_HOLIDAYS[name])) if name in _FIXED_HOLIDAYS else _VARIABLE_HOLIDAYS[name]
    if match["year"]:
        return day_value(make(int(match["year"])))
    if context.published is None:
        return unresolved(DATE, f"XXXX-{make(2000):%m-%d}" if name in _FIXED_HOLIDAYS else None)
    rel = (match["rel"] or "").lower()
    published = context.published
    if rel == "last":
        year = published.year if make(published.year) < published else published.year - 1
    elif rel == "next":
        year = published.year if make(published.year) > published else published.year + 1
    else:
        year = _year_for(make, published, context.tense, make)
    return day_value(make(year), True)


# --- finding ------------------------------------------------------------------------------------

#: A sentence without any of these holds no time expression: the rules above only run where
#: one occurs.
_TRIGGER = re.compile(
    r"\d|(?-i:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Christmas|Easter|Thanksgiving|Day)|"
    r"\b(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur|season|spring|summer|fall|autumn|winter|morning|afternoon|evening|"
    r"now|current|recent|previous|formerly|past|future|soon|today|tonight|yesterday|tomorrow|overnight|midnight|noon|midday|daily|weekly|monthly|"
    r"yearly|annually|quarterly|hourly|nightly|nowadays|present|lately|long run|short run|term|moment|time being|fortnightly|biweekly|"
    r"twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|nineteen|two thousand)",
    re.IGNORECASE,
)


def find_times(text: str, published: date | None, sentences: list[tuple[int, int]] | None = None) -> list[TimeExpression]:
    """Every time expression in ``text``, in order, normalised against ``published``."""
    found: list[TimeExpression] = []
    quarter_talk = -10  # the index of the last sentence that spoke of quarters
    reference: date | None = None
    reference_day: date | None = None
    reference_quarter: tuple[int, int, bool] | None = None
    for i, (start, end) in enumerate(sentences if sentences is not None else sentence_bounds(text)):
        sentence = text[start:end]
        if not _TRIGGER.search(sentence):
            continue
        if _QUARTER_TALK.search(sentence):
            quarter_talk = i
        # A report on quarterly results compares with "a year ago": the same quarter a year before.
        quarters = i - quarter_talk <= QUARTER_TALK_SENTENCES
        here = sentence_times(sentence, published, quarters=quarters, reference=reference, reference_day=reference_day, reference_quarter=reference_quarter)
        found.extend(replace(t, start=t.start + start, end=t.end + start) for t in here)
        reference = _last_named_day(here, reference)
        reference_day = _last_named_day(here, reference_day, days_only=True)
        reference_quarter = _last_named_quarter(here, reference_quarter)
    return found


#: How many sentences after one about a quarter "a year ago" still means that quarter a year before.
QUARTER_TALK_SENTENCES = 2


def sentence_times(
    sentence: str,
    published: date | None,
    *,
    quarters: bool | None = None,
    reference: date | None = None,
    reference_day: date | None = None,
    reference_quarter: tuple[int, int, bool] | None = None,
) -> list[TimeExpression]:
    """The time expressions of one sentence (offsets into it); ``quarters``: whether the text
    around it speaks of quarters (by default: whether the sentence does)."""
    if quarters is None:
        quarters = bool(_QUARTER_TALK.search(sentence))
    candidates: list[tuple[int, int, int, Rule, re.Match]] = []
    for order, each in enumerate(RULES):
        for match in each.pattern.finditer(sentence):
            if match.end() > match.start():
                candidates.append((match.start(), match.end(), order, each, match))
    # Longest first; among equals, the rule listed first; expressions counted from the story's
    # last named day after the others, so that they can count from a day named before them.
    candidates.sort(key=lambda c: (bool(_ANAPHORIC.search(c[4].group())), -(c[1] - c[0]), c[0], c[2]))
    taken: list[tuple[int, int]] = []
    out: list[TimeExpression] = []
    for start, end, _, each, match in candidates:
        if any(start < e and s < end for s, e in taken):
            continue
        earlier = [t for t in sorted(out, key=lambda t: t.start) if t.end <= start]
        tense = tense_near(sentence, start, end) if published is not None else None
        context = Context(
            published, tense, quarters, _last_named_day(earlier, reference), _last_named_day(earlier, reference_day, days_only=True), _quarter_named_before(sentence, start, earlier, reference_quarter)
        )
        value = each.normalise(match, context)
        if value is None:
            continue
        start, end = _trimmed(sentence, start, end)
        taken.append((start, end))
        out.append(_expression(sentence[start:end], start, end, value, published))
    return _joined(sorted(out, key=lambda t: t.start), sentence)


_ANAPHORIC = re.compile(r"\b(?:following|previous|preceding|that|same)\b|\bnext (?:day|morning|afternoon|evening|night)\b|\b(?:day|night) (?:before|after)\b", re.IGNORECASE)


def _last_named_day(expressions: list[TimeExpression], reference: date | None, *, days_only: bool = False) -> date | None:
    """The first day of the last DATE or TIME of ``expressions`` that names days (with
    ``days_only``, one single day), else ``reference``: what "later that year", "the next day"
    count from."""
    for t in reversed(expressions):
        if t.type in (DATE, TIME) and t.start_date is not None and (not days_only or t.start_date == t.end_date):
            return t.start_date
    return reference


#: A quarter named by its number, of the year reported on ("the fiscal first quarter", not "the
#: year-ago third quarter").
_NUMBERED_QUARTER = re.compile(r"^(?!.*\b(?:year-ago|year-earlier|last year|prior|comparable|previous))(?:.*\b)?(?:first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?quarter$", re.IGNORECASE)


def _quarter_named_before(sentence: str, start: int, earlier: list[TimeExpression], reference: tuple[int, int, bool] | None) -> tuple[int, int, bool] | None:
    """The last quarter named by number before ``start``, in the sentence (resolved so far) or the
    story before it; None when the sentence names a calendar quarter before ``start`` that is not
    resolved yet ("third-quarter profit rose from $4 million a year earlier": the shorter
    expression comes last)."""
    mentions = list(_NUMBERED_QUARTER_MENTION.finditer(sentence, 0, start))
    if mentions and "fiscal" not in mentions[-1].group().lower():
        return None
    return _last_named_quarter(earlier, reference)


_NUMBERED_QUARTER_MENTION = re.compile(r"(?<!year-ago )(?<!year-earlier )\b(?:fiscal[- ])?(?:first|second|third|fourth)[- ](?:fiscal[- ])?quarter", re.IGNORECASE)


def _last_named_quarter(expressions: list[TimeExpression], reference: tuple[int, int, bool] | None) -> tuple[int, int, bool] | None:
    """The year and number of the last of ``expressions`` that names a quarter by its number, and
    whether it is a fiscal one, else ``reference``."""
    for t in reversed(expressions):
        numbered = re.fullmatch(r"(\d{4})-Q([1-4])", t.value or "")
        named = _NUMBERED_QUARTER.search(t.text)
        if numbered and named:
            return int(numbered[1]), int(numbered[2]), "fiscal" in t.text.lower()
    return reference


_QUARTER_TALK = re.compile(r"\bquarter(?!s? of\b)|\bthree months ended", re.IGNORECASE)


#: A determiner before a hyphenated time adjective belongs to the noun after it ("the
#: third-quarter profit", "a six-week war", "the year-ago period").
_DETERMINER_OF_ADJECTIVE = re.compile(r"(?:the|its|their|his|her|that|this|a|an) (?=[\w.]+-[\w-]+$)", re.IGNORECASE)


def _trimmed(sentence: str, start: int, end: int) -> tuple[int, int]:
    determiner = _DETERMINER_OF_ADJECTIVE.match(sentence, start, end)
    if determiner and re.match(r"\s*[a-z]", sentence[end:]):
        start = determiner.end()
    while end > start and sentence[end - 1] in " ,.;:'’-":
        if sentence[end - 1] == "." and re.search(r"(?:\b[A-Z][a-z]{1,3}|a\.m|p\.m)\.$", sentence[start:end]):
            break
        end -= 1
    if sentence[start:end].endswith("'s") or sentence[start:end].endswith("’s"):
        end -= 2
    return start, end


_NAMES_MONTH = re.compile(_MONTH)


def _joined(expressions: list[TimeExpression], sentence: str) -> list[TimeExpression]:
    """A range's first date takes its year from the second ("between 17 October and 23 March
    2017": 17 October 2016; "from 17 October to 23 March" in a 2023 report: 17 October 2022),
    when it has none of its own: the latest year that does not put it after the second."""
    out = list(expressions)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if not re.fullmatch(r"\s*(?:and|to|until|till|through|-|–)\s*", sentence[a.end : b.start], re.IGNORECASE):
            continue
        first = re.fullmatch(r"(\d{4}|XXXX)-(\d\d)(?:-(\d\d))?", a.value or "")
        if not _NAMES_MONTH.search(a.text):
            continue  # "Friday and Thursday": a weekday is dated by its own week, not by the range
        if a.type != DATE or b.type != DATE or first is None or (first[1] != "XXXX" and a.anchor is None) or b.start_date is None:
            continue  # a states its own year, or b has no date to lend one
        if b.anchor is not None and a.anchor is None:
            continue
        month, day = int(first[2]), int(first[3]) if first[3] else None
        for year in (b.start_date.year, b.start_date.year - 1):
            try:
                value = day_value(date(year, month, day)) if day else month_value(year, month)
            except ValueError:
                break
            if value.start <= b.start_date:
                out[i] = replace(a, value=value.value, start_date=value.start, end_date=value.end, anchor=b.anchor)
                break
    return out


def _expression(text: str, start: int, end: int, value: Value, published: date | None) -> TimeExpression:
    return TimeExpression(
        text=text,
        start=start,
        end=end,
        type=value.type,
        value=value.value,
        start_date=value.start,
        end_date=value.end,
        anchor=value.anchor.isoformat() if value.anchor else published.isoformat() if value.relative and published is not None else None,
        mod=value.mod,
    )


# --- the component ------------------------------------------------------------------------------


@Language.factory("crisisdesk_times")
def make_times(nlp: Language, name: str) -> TimeTagger:
    return TimeTagger()


class TimeTagger:
    """Sets ``doc._.times`` (a list of :class:`~crisisdesk.model.TimeExpression`, offsets into
    ``doc.text``) from the text and ``doc._.published``; needs only the tokenizer."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.times = find_times(doc.text, doc._.published)
        return doc

