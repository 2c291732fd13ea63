"""The rules of English time expressions: each a regular expression over a sentence with a
function that reads what it matched as a TIMEX3 :class:`~crisisdesk.nlp.times.values.Value`.

The approach is HeidelTime's: overlapping candidates are settled longest first (by
:mod:`crisisdesk.nlp.times.document`), so a rule may match more than it should and refuse (return
None) where the words around say it is no time ("2000 people", "May's government", "prices
fall"). Extents follow TimeML: determiners and approximators belong to the expression ("the past
two years", "about three weeks ago"), prepositions do not ("since 2009" → "2009").

A rule reads relative expressions against what its :class:`Context` holds: the publication date,
the tense of the clause, and what the story named before (the last day, the last quarter).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from crisisdesk.lexicon import words
from crisisdesk.nlp.literals import Requirement, requirement
from crisisdesk.nlp.times.patterns import (
    APPROX,
    BARE_UNITS,
    CLOCK,
    CLOCK_APPROX,
    DAY,
    DAY_WORD,
    DURATION_FILLER,
    DURATION_LEAD,
    HALF_UNITS,
    HOLIDAY,
    HYPHENATED_UNITS,
    MONTH,
    MONTH_ALONE,
    NUM,
    NUM_WORD,
    PART,
    QUARTER_LEAD,
    SEASON,
    SET_WORD,
    SPELLED_YEAR,
    TZ,
    UNIT,
    UNIT_SG,
    VAGUE_NUM,
    WEEKDAY,
    WEEKDAY_PLURAL,
    YEAR,
    YEAR_AGO,
    YEAR_LEAD,
    alternation,
    compiled,
)
from crisisdesk.nlp.times.values import (
    AGAINST_TENSE,
    DATE,
    DURATION,
    SET,
    TIME,
    Value,
    century_value,
    day_value,
    decade_value,
    duration,
    half_value,
    holiday_day,
    holiday_fixed,
    latest_quarter,
    month_value,
    nearest_weekday,
    number,
    quarter_value,
    season_value,
    shift_months,
    unit_of,
    unresolved,
    vague,
    week_value,
    year_for,
    year_value,
)
from crisisdesk.nlp.times.vocabulary import (
    MODS,
    MONTHS,
    ONES,
    ORDINALS,
    PARTS_OF_DAY,
    RELATIVE_DAYS,
    SEASONS,
    SET_WORDS,
    TENS,
    UNIT_FACTOR,
    UNITS,
    VAGUE_COUNTS,
    VAGUE_NOT_ALONE,
    VAGUE_REFERENCES,
    WEEKDAYS,
    by_value,
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
    against_tense: float = AGAINST_TENSE  # how much farther a date against the tense counts (values.year_for)


def _reported_quarter(context: Context) -> tuple[int, int]:
    """The quarter a report on results is about: the fiscal quarter it last named by number
    ("earned $5 million in the fiscal first quarter": "the quarter", "a year ago", "the 1988
    period" then refer to it, whatever the calendar says), else the last one completed."""
    assert context.published is not None
    if context.reference_quarter is not None and context.reference_quarter[2]:
        return context.reference_quarter[:2]
    return latest_quarter(context.published)


# --- the rules ----------------------------------------------------------------------------------

Normaliser = Callable[[re.Match, Context], "Value | None"]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    normalise: Normaliser
    #: Words one of which every match contains (a sentence without any is not searched), or None.
    needs: Requirement | None = None

    def finditer(self, sentence: str, folded_sentence: str) -> Iterator[re.Match[str]]:
        """The pattern's matches in ``sentence`` (``folded_sentence``: :func:`~crisisdesk.nlp.literals.folded` of it)."""
        if self.needs is None or self.needs.allows(sentence, folded_sentence):
            return self.pattern.finditer(sentence)
        return iter(())


RULES: list[Rule] = []


def rule(name: str, pattern: str) -> Callable[[Normaliser], Normaliser]:
    def register(function: Normaliser) -> Normaliser:
        regex = compiled(pattern)
        RULES.append(Rule(name, regex, function, requirement(regex)))
        return function

    return register


def _mod(match: re.Match) -> str | None:
    return _mod_of(match.groupdict())


def _mod_of(groups: dict[str, str | None]) -> str | None:
    """TIMEX3's mod for the part ("early", "the end of") or approximator ("about", "more than"):
    that of the first word of lexicon list ``time_mods`` it contains."""
    text = (groups.get("part") or groups.get("approx") or "").lower()
    return next((mod for word, mod in MODS.items() if text and word in text), None)


def _month_number(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _day_number(text: str) -> int:
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits[0])
    return _ordinal_word(text.replace(" ", "-"))


def _ordinal_word(text: str) -> int:
    """ "third" → 3, "twenty-first" → 21."""
    text = text.lower()
    if text in ORDINALS:
        return ORDINALS[text]
    tens, _, unit = text.partition("-")
    return TENS[tens] + ORDINALS[unit]


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


@rule(
    "iso date",
    r"(?P<year>1[0-9]\d\d|20\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?:T(?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)(?::[0-5]\d)?)?",
)
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


_WEEKDAY_LEAD = rf"(?:(?P<weekday>{WEEKDAY}),? (?:the )?)?"


@rule(
    "month day year",
    rf"{_WEEKDAY_LEAD}(?P<part>{PART})?(?:(?P<rel>last|this|next|this past|this coming) )?(?:(?P<month>{MONTH}) (?:(?P<day>{DAY})|the (?P<dayword>{DAY_WORD})|(?P<dayword2>{DAY_WORD}))"
    rf"|(?:the )?(?P<day2>{DAY}|{DAY_WORD})(?: of)? (?P<month2>{MONTH}))(?:(?:,|,? of)? (?P<year>{YEAR}|{SPELLED_YEAR})|'(?P<year2>\d\d))?",
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
        year = year_for(on, context.published, tense, on, against_tense=context.against_tense)
    except ValueError:
        return None
    return _day_or_none(year, month, day, relative=True, mod=_mod(match))


def _day_or_none(year: int, month: int, day: int, *, relative: bool, mod: str | None) -> Value | None:
    try:
        return replace(day_value(date(year, month, day), relative), mod=mod)
    except ValueError:
        return None


@rule("week of a day", rf"the week of (?P<month>{MONTH}) (?P<day>{DAY})(?:,? (?P<year>{YEAR}))?")
def _week_of(match: re.Match, context: Context) -> Value | None:
    """ "a hearing the week of March 6": the (ISO) week holding that day."""
    month, day = _month_number(match["month"]), _day_number(match["day"])
    if not match["year"] and context.published is None:
        return unresolved(DATE)
    on = lambda y: date(y, month, min(day, calendar.monthrange(y, month)[1]))  # noqa: E731
    year = int(match["year"]) if match["year"] else year_for(on, context.published, context.tense, on, against_tense=context.against_tense)
    found = _day_or_none(year, month, day, relative=False, mod=None)
    return week_value(found.start, relative=not match["year"]) if found else None


@rule("month year", rf"(?P<part>{PART})?(?P<month>{MONTH}),?(?: of| in)? (?P<year>{YEAR}|{SPELLED_YEAR})")
def _month_year(match: re.Match, context: Context) -> Value | None:
    return replace(month_value(_year_number(match["year"]), _month_number(match["month"])), mod=_mod(match))


#: After a month or season, what makes it part of a name ("March for Life", "Spring of Life").
_NAMES_A_TITLE = re.compile(r" (?:for|of|of the|against) (?-i:[A-Z])")


@rule(
    "month",
    r"(?:(?P<rel>this|last|next|this past|this coming|the coming|past|coming|early|late|mid|(?:the )?(?:end|beginning|start|middle) of|the first half of|the second half of)[- ])?"
    rf"(?P<month>{MONTH_ALONE})"
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
        year = year_for(lambda y: date(y, month, 1), published, context.tense, against_tense=context.against_tense)
    mod = (
        "START"
        if re.search(r"early|beginning|start|first half", rel)
        else "MID"
        if "mid" in rel
        else "END"
        if re.search("late|end|second half", rel)
        else None
    )
    return replace(month_value(year, month, relative=True), mod=mod)


# Years, decades, centuries.

#: After a number that looks like a year, what shows it counts something ("2000 people", "1990 of them").
_COUNTED_AFTER = re.compile(rf"\s+(?:{alternation(words('time_counted_nouns'))}|of\b|to\b\s*\d|-\s*\d)", re.IGNORECASE)
#: A plural noun after a number that looks like a year: it counts them ("1500 shelters").
_PLURAL_AFTER = re.compile(rf"\s+(?!(?:{alternation(words('time_not_plural_nouns'))})\b)[a-z]+s\b")
#: Before a number that looks like a year, what makes it an amount or a label ("$1990", "No. 1990", "some 1990").
_COUNTED_BEFORE = re.compile(
    rf"(?:[$€£#]|{alternation(w for label in words('time_number_labels') for w in (label, label.capitalize()))}|about|some|nearly|almost|over|than|and|to|-|–)\s*$"
)


@rule("year", rf"(?:(?P<lead>{YEAR_LEAD}) )?(?P<part>{PART})?(?P<year>{YEAR}|{SPELLED_YEAR})(?:'s)?")
def _year(match: re.Match, context: Context) -> Value | None:
    text = match.string
    year = _year_number(match["year"])
    if match["year"][0].isdigit():
        if not match["lead"] and (_PLURAL_AFTER.match(text, match.end()) or _COUNTED_AFTER.match(text, match.end())):
            return None  # "2000 people", "1500 shelters"
        if (
            not match["lead"]
            and not match["part"]
            and _COUNTED_BEFORE.search(text, 0, match.start())
            and not re.search(r"(?:and|to|-|–)\s*$", text[: match.start()])
        ):
            return None  # "$1990", "No. 1990", "some 1990"
        if year < 1100:
            return None
    elif not match["lead"] and (
        re.match(r"\s+(?:years?|people|dollars|of)\b", text[match.end() :]) or _PLURAL_AFTER.match(text, match.end())
    ):
        return None  # "two thousand years", "two thousand people" (not "the year two thousand has", "in nineteen ninety-one Charles")
    return replace(year_value(year), mod=_mod(match))


@rule("year range", rf"(?P<year>{YEAR})[-–/](?P<year2>\d\d)")
def _year_range(match: re.Match, context: Context) -> Value | None:
    # "1998-99": a fiscal or academic year, dated by its first year.
    first = int(match["year"])
    second = first // 100 * 100 + int(match["year2"])
    if second != first + 1:
        return None
    return Value(DATE, f"{first:04d}", date(first, 1, 1), date(second, 12, 31))


#: "the nineties" → 9: the plural of a tens word names the decade.
DECADE_WORDS: dict[str, int] = {tens[:-1] + "ies": value // 10 for tens, value in sorted(TENS.items(), key=lambda item: item[1])}


@rule(
    "decade",
    rf"(?:the )?(?P<part>(?:early|mid|late)[- ]|the (?:end|beginning|start|middle|first half|second half|last half) of the )?(?:(?:(?P<century>1[0-9]|20)(?P<decade>\d)0|'(?P<short>\d)0)'?s|(?P<word>{'|'.join(DECADE_WORDS)}))",
)
def _decade(match: re.Match, context: Context) -> Value | None:
    if match["century"]:
        first = int(match["century"]) * 100 + int(match["decade"]) * 10
    else:
        digit = int(match["short"]) if match["short"] else DECADE_WORDS[match["word"].lower()]
        if match["word"] and not match.group().lower().startswith("the"):
            return None  # "in their twenties" is an age
        century = 19 if context.published is None or digit * 10 > context.published.year % 100 else context.published.year // 100
        first = century * 100 + digit * 10
    return replace(decade_value(first), mod=_mod(match))


@rule("century", rf"(?:the )?(?P<part>(?:early|mid|late)[- ])?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{DAY_WORD}|twenty-first)[- ]century")
def _century(match: re.Match, context: Context) -> Value | None:
    n = match["n"].lower()
    century = int(re.match(r"\d+", n)[0]) if n[0].isdigit() else _ordinal_word(n)
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
    rf"(?P<season>{SEASON})(?:(?:,| of| in)? (?P<year>{YEAR}|{SPELLED_YEAR}))?(?: (?P<when>this year|last year|next year))?",
)
def _season(match: re.Match, context: Context) -> Value | None:
    season = SEASONS[match["season"].lower()]
    rel = (match["rel"] or "").lower()
    if _NAMES_A_TITLE.match(match.string, match.end()):
        return None  # "the ``Spring of Life'' demonstrations"
    if match["season"].lower() == "fall" and not rel and not match["year"]:
        return None  # "prices fall"
    if not rel and not match["year"] and not match["when"]:
        if match["season"][0].islower() and not re.search(
            r"\b(?:in|during|this|last|next|by|until|since|over)\s+$", match.string[max(0, match.start() - 10) : match.start()]
        ):
            return None
    mod = (
        "START"
        if "early" in rel or "beginning" in rel or "start" in rel
        else "END"
        if "late" in rel or "end" in rel
        else "MID"
        if "mid" in rel
        else None
    )
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
    rf"(?:(?P<det>the|its|this|that|their|his|her) )?(?:(?P<lead>(?P<y1>{YEAR})|this year's|last year's|next year's|the year-ago|the year-earlier|year-ago|year-earlier|"
    rf"(?:the )?comparable(?: year-ago| year-earlier)?|the same|latest|current) )?(?:fiscal[- ])?{_QUARTER_WORD}[- ](?:fiscal[- ])?(?:-)?(?P<unit>quarter|half)"
    rf"(?:(?: of| in| for)? (?:(?:fiscal|calendar) )?(?:(?P<y2>{YEAR})|(?P<when>this year|last year|next year|the year)))?",
)
def _quarter(match: re.Match, context: Context) -> Value | None:
    q = match["q"].lower()
    unit = match["unit"].lower()
    count = 4 if unit == "quarter" else 2
    n = count if q in ("final", "last") else int(q[0]) if q[0].isdigit() else ORDINALS[q]
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
        year = year_for(
            lambda y: make(y, n).start, published, context.tense or "past", lambda y: make(y, n).end, against_tense=context.against_tense
        )
        if context.tense != "future" and make(year, n).start > published:
            # Results are reported for a quarter that has begun ("earned $5 million in the fiscal
            # first quarter", in an October report: that year's).
            year -= 1
    return replace(make(year, n), relative=True)


@rule(
    "the quarter",
    rf"(?P<lead>{QUARTER_LEAD}) (?P<unit>quarter|period)(?P<ago> a year (?:ago|earlier)| last year| of last year| the previous year| the prior year)?(?:['’]s)?",
)
def _the_quarter(match: re.Match, context: Context) -> Value | None:
    lead = match["lead"].lower()
    if (
        match["unit"].lower() == "period"
        and not re.search(r"year-ago|year-earlier|comparable|corresponding|same|last year", lead)
        and not match["ago"]
    ):
        return None
    if lead in ("its", "that", "the same") and not match["ago"]:
        return None
    if context.published is None:
        return unresolved(DATE, "XXXX-QX")
    year, quarter = _reported_quarter(context)
    if lead in ("this", "the current"):
        year, quarter = context.published.year, (context.published.month - 1) // 3 + 1
    elif lead == "next":
        year, quarter = (
            context.published.year + (context.published.month > 9),
            (context.published.month - 1) // 3 % 4 + 2 if context.published.month <= 9 else 1,
        )
    if match["ago"] or re.search(r"year-ago|year-earlier|comparable|corresponding|last year", lead):
        year -= 1
    return quarter_value(year, quarter, relative=True)


@rule("the year period", rf"(?P<det>the|its|their) (?P<year>{YEAR}) (?P<unit>period|quarter)")
def _year_period(match: re.Match, context: Context) -> Value | None:
    """ "the 1988 quarter", "the 1988 period": in a report on quarterly results, the quarter
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
    """ "for the year ended March 31", "the fiscal year ending June 30": a twelve-month period
    named by its last day, a duration as TimeBank has it (like "the six months ended Oct. 1")."""
    return Value(DURATION, "P1Y")


@rule("the year", r"the (?:full |entire |whole |fiscal |calendar )?(?-i:year)(?! (?:before|after|earlier|later|ago|of the)\b)")
def _the_year(match: re.Match, context: Context) -> Value | None:
    """ "for the full year", "a high for the year", "the first nine months of the year": in news,
    the year the story is in, as TimeBank annotates it."""
    if context.published is None:
        return unresolved(DATE)
    return year_value(context.published.year, relative=True)


# Dates relative to the publication date.


@rule(
    "relative day",
    rf"(?P<part>(?:early|late|earlier|later) )?(?P<word>{alternation(RELATIVE_DAYS)})(?:'s)?"
    r"(?: (?P<pod>morning|afternoon|evening|night))?",
)
def _relative_day(match: re.Match, context: Context) -> Value | None:
    word = match["word"].lower()
    shift = RELATIVE_DAYS[word]
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
    code = {"midafternoon": "AF", "midmorning": "MO", "midnight": "T24:00", "midday": "T12:00", "noon": "T12:00"}.get(
        pod
    ) or PARTS_OF_DAY.get(pod)
    if context.published is None:
        return unresolved(TIME)
    day = (
        context.published - timedelta(days=1)
        if (rel in ("last", "yesterday", "late last") and pod != "morning") or (rel == "last" and pod == "morning")
        else context.published
    )
    if rel == "tomorrow":
        day = context.published + timedelta(days=1)
    value = f"{day.isoformat()}{code}" if code.startswith("T") else f"{day.isoformat()}T{code}"
    return Value(TIME, value, day, day, True)


@rule(
    "weekday",
    rf"(?:(?P<rel>last|this|next|this past|this coming|the coming|past|coming|early|late) )?(?P<weekday>{WEEKDAY})(?:'s)?"
    rf"(?:,? (?P<month>{MONTH}) (?P<day>{DAY}))?(?: (?P<pod>morning|afternoon|evening|night))?",
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
                year = year_for(on, context.published, context.tense, on, against_tense=context.against_tense)
                found = day_value(date(year, month, day), True)
            except ValueError:
                return None
    elif context.published is None:
        found = unresolved(DATE, f"XXXX-WXX-{weekday + 1}")
    else:
        direction = {
            "last": "last",
            "this past": "last",
            "past": "last",
            "next": "next",
            "this coming": "future",
            "the coming": "future",
            "coming": "future",
        }.get(rel)
        if direction is None:
            direction = "future" if context.tense == "future" else "past"
        found = day_value(nearest_weekday(weekday, context.published, direction), True)
    # "Friday morning", "Wednesday night": dated by the day, as annotated news has it (TimeBank,
    # AQUAINT); the part of the day stays in the text.
    return found


@rule(
    "weekday after time",
    rf"(?P<time>(?:(?:{CLOCK_APPROX}) )?(?:{CLOCK}|noon|midnight|midday))(?: (?P<tz>{TZ}))?(?:,? (?:on )?(?P<weekday>{WEEKDAY}|today|yesterday|tomorrow|tonight)(?:,? (?P<month>{MONTH}) (?P<day>{DAY}))?|,? (?P<month2>{MONTH}) (?P<day2>{DAY}))?",
)
def _clock(match: re.Match, context: Context) -> Value | None:
    time_text = match["time"].lower()
    approx = re.match(rf"(?:{CLOCK_APPROX}) ", time_text)
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
                day = date(year_for(on, published, context.tense, on, against_tense=context.against_tense), month, dom)
            except ValueError:
                return None
    elif published is not None:
        if anchor_word in WEEKDAYS:
            day = nearest_weekday(WEEKDAYS[anchor_word], published, "future" if context.tense == "future" else "past")
        else:
            day = published + timedelta(days={**RELATIVE_DAYS, "tonight": 0, "": 0}[anchor_word])
    time_part = f"T{hh:02d}:{mm:02d}"
    mod = "APPROX" if approx and "about" in approx.group() or approx and "around" in approx.group() else None
    if day is None:
        return Value(TIME, None, None, None, True, mod)
    return Value(TIME, f"{day.isoformat()}{time_part}", day, day, True, mod)


@rule(
    "this unit",
    rf"(?P<part>{PART}|(?:early|late|earlier|later) (?:in )?)?(?P<rel>this|last|next|the past|the last|the next|the coming|the previous|the following|the current|the same|past|coming|previous|this past|this coming|the|that)"
    rf" (?P<unit>week|weekend|month|year|fortnight)(?P<tail> (?:before|after|earlier|later))?(?:'s)?",
)
def _this_unit(match: re.Match, context: Context) -> Value | None:
    rel = match["rel"].lower()
    unit = match["unit"].lower()
    part = (match["part"] or "").lower()
    anchor = None
    if re.fullmatch(r"(?-i:This|Next|Last) (?-i:Week|Month|Year)", match.group()) and re.search(
        r"[\w,'’]\s*[\"“'`]*$", match.string[: match.start()]
    ):
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
        saturday = (
            published + timedelta(days=(5 - published.weekday()) % 7)
            if context.tense == "future"
            else published - timedelta(days=(published.weekday() - 5) % 7)
        )
        value = week_value(saturday, weekend=True)
    elif unit in ("week", "weekend"):
        value = week_value(published + timedelta(weeks=shift), weekend=unit == "weekend")
    elif unit == "month":
        shifted = shift_months(published.replace(day=1), shift)
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
    """ "the next day", "that same day", "earlier that day", "the day before": a day the story
    counts from the last day it named, not from the publication date."""
    rel = (match["rel"] or match["rel2"] or match["rel3"]).lower()
    unit = (match["unit"] or match["unit2"] or match["unit3"]).lower()
    if rel == "that" and not match["part"] and unit != "day":
        return None  # "that morning" with nothing to go by
    if context.reference_day is None:
        return Value(TIME if unit not in ("day",) else DATE, None)
    shift = (
        1
        if re.search(r"following|next", rel) or match["tail"] == "after"
        else -1
        if re.search(r"previous|preceding", rel) or match["tail"] == "before"
        else 0
    )
    day = context.reference_day + timedelta(days=shift)
    if unit == "day":
        return replace(day_value(day), mod=_mod(match), anchor=context.reference_day)
    return Value(TIME, f"{day.isoformat()}T{PARTS_OF_DAY[unit]}", day, day, anchor=context.reference_day)


@rule(
    "year end",
    r"(?P<rel>this |last |next )?(?:year[- ]end|year's end|end[- ]of[- ]year|the turn of the year|the (?:end|close) of the year)",
)
def _year_end(match: re.Match, context: Context) -> Value | None:
    if context.published is None:
        return unresolved(DATE)
    rel = (match["rel"] or "").strip().lower()
    shift = -1 if rel == "last" else 1 if rel == "next" else 0
    return replace(year_value(context.published.year + shift, True), mod="END")


@rule(
    "ago",
    rf"(?:(?P<approx>{APPROX}) )?(?P<n>{NUM}|{VAGUE_NUM}|a few|a couple of)[ -](?:more )?(?P<unit>{UNIT})(?: or (?:so|more|two|three))? (?P<dir>ago|earlier|from now|hence|back)",
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
    n = n * UNIT_FACTOR.get(unit, 1)
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
        shifted = shift_months(published.replace(day=1), sign * n)
        return replace(month_value(shifted.year, shifted.month, True), mod=mod)
    if unit == "quarter":
        shifted = shift_months(published.replace(day=1), sign * 3 * n)
        return replace(quarter_value(shifted.year, (shifted.month - 1) // 3 + 1, True), mod=mod)
    if unit == "year":
        if n == 1 and context.quarters and direction in ("ago", "earlier"):
            year, quarter = _reported_quarter(context)
            return replace(quarter_value(year - 1, quarter, True), mod=mod)
        return replace(year_value(published.year + sign * n, True), mod=mod)
    if unit in ("hour", "minute", "second"):
        return Value(TIME, f"{published.isoformat()}", published, published, True, mod)
    return None


@rule("year ago adjective", rf"(?P<word>{YEAR_AGO})")
def _year_ago(match: re.Match, context: Context) -> Value | None:
    if context.published is None:
        return unresolved(DATE)
    if context.quarters:
        year, quarter = _reported_quarter(context)
        return quarter_value(year - 1, quarter, True)
    return year_value(context.published.year - 1, True)


# Vague references.

#: Around "current" and "future", what makes them no time ("an ocean current", "current affairs", "future contracts").
_CURRENT_KIND_BEFORE = re.compile(rf"\b(?:{alternation(words('time_current_kinds'))}|the|a)\s+$")
_CURRENT_NOT_PRESENT_AFTER = re.compile(rf"\s+(?:{alternation(words('time_current_not_present'))}|of)\b")
_FUTURE_NOT_TIME_AFTER = re.compile(rf"\s+(?:{alternation(words('time_future_not_time'))})\b")


@rule("vague", alternation(w for w in VAGUE_REFERENCES if w not in VAGUE_NOT_ALONE))
def _vague(match: re.Match, context: Context) -> Value | None:
    word = match.group().lower()
    before = match.string[max(0, match.start() - 12) : match.start()].lower()
    if word == "current" and _CURRENT_KIND_BEFORE.search(before) and not re.search(r"the\s+$", before):
        return None
    if word == "current" and _CURRENT_NOT_PRESENT_AFTER.match(match.string, match.end()):
        return None
    if word == "future" and _FUTURE_NOT_TIME_AFTER.match(match.string, match.end()):
        return None
    if (
        word == "now"
        and re.search(r"\b(?:from|until|till|up to|by|between|since|of|right)\s+$", before)
        and not re.search(r"\buntil\s+$|\bby\s+$|\bfrom\s+$|\bsince\s+$", before)
    ):
        return None
    return vague(VAGUE_REFERENCES[word])


# Durations.

_DURATION_LEAD = rf"(?:(?P<rel>{DURATION_LEAD}) )?"


#: Before "a year", "a week"...: what makes it a rate ("$500 million a year", "four flights a week").
_RATE_BEFORE = re.compile(rf"(?:\d|%|{alternation(words('time_rate_words'))})\s+$")


@rule(
    "duration",
    rf"(?:(?P<approx>{APPROX}) (?!the\b))?{_DURATION_LEAD}(?:(?P<approx2>{APPROX}) )?(?P<n>{NUM}|{VAGUE_NUM})(?: (?:to|or|and|-) (?P<n2>{NUM}))?[ -](?:(?:{DURATION_FILLER}) )?(?P<unit>{UNIT})(?P<half> and a half)?(?P<long>[ -](?:long|old))?(?P<more> or (?:so|more|longer))?",
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
        if n_text in VAGUE_COUNTS:
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
    if (
        n is not None
        and n_text in ("a", "an")
        and rel == ""
        and _RATE_BEFORE.search(match.string[max(0, match.start() - 12) : match.start()].lower())
    ):
        return None  # a rate ("$500 million a year", "four flights a week"), not a time
    if (
        n_text in ("a", "an", "one")
        and unit == "second"
        and re.match(r"\s+[a-z]", match.string[match.end() :])
        and not re.match(r"\s+(?:ago|later|earlier|after|before|or|and|to|of|in|for)\b", match.string[match.end() :])
    ):
        return None  # "a second betrayal": an ordinal
    if n is None and re.fullmatch(r"recent|coming|the coming", n_text):
        # "in recent years", "in the coming months": when, vaguely, not how long.
        return Value(DATE, "PAST_REF" if n_text == "recent" else "FUTURE_REF", mod=_mod(match))
    return Value(DURATION, value, mod=_mod(match) or (_mod_text(match["approx2"]) if match["approx2"] else None))


def _mod_text(text: str) -> str | None:
    return _mod_of({"approx": text})


_DURATION_CUE_BEFORE = re.compile(rf"\b(?:{alternation(words('time_duration_cues'))})\s+$")


@rule("bare units", rf"(?:(?P<approx>{APPROX}) )?(?P<unit>{BARE_UNITS})(?P<tail> (?:ago|earlier|later|on end))?")
def _bare_units(match: re.Match, context: Context) -> Value | None:
    before = match.string[max(0, match.start() - 14) : match.start()].lower()
    tail = (match["tail"] or "").strip().lower()
    if tail in ("ago", "earlier"):
        return vague("PAST_REF")
    if tail == "later":
        return None
    if not tail and not _DURATION_CUE_BEFORE.search(before):
        return None
    return Value(DURATION, duration(None, unit_of(match["unit"])))


@rule(
    "hyphenated duration",
    rf"(?P<n>\d+(?:\.\d+)?|{NUM_WORD}|half|several|multi)-(?P<unit>{HYPHENATED_UNITS})(?:-long)?",
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


@rule("a unit and a half", rf"(?P<n>an?|one) (?P<unit>{HALF_UNITS}) and a half")
def _and_half(match: re.Match, context: Context) -> Value | None:
    return Value(DURATION, duration(1.5, match["unit"].lower()))


@rule(
    "a minute and a half", r"(?P<a>a|an|one) (?P<unit>hour|minute) and (?P<b>a|an|\d+|" + NUM_WORD + r") (?P<unit2>minutes?|seconds?|half)"
)
def _compound_time(match: re.Match, context: Context) -> Value | None:
    unit, unit2 = match["unit"].lower(), unit_of(match["unit2"])
    if unit2 == "half":
        return Value(DURATION, duration(1.5, unit))
    second = number(match["b"])
    return Value(DURATION, f"PT1{UNITS[unit][0]}{int(second)}{UNITS[unit2][0]}") if second is not None else None


# Sets.


@rule(
    "set word",
    rf"(?P<word>{SET_WORD}|twice a (?:year|month|week|day)|once a (?:year|month|week|day)|(?:three|four|several) times a (?:year|month|week|day))",
)
def _set_word(match: re.Match, context: Context) -> Value | None:
    word = match["word"].lower()
    if word.endswith("ly") and re.search(
        r"(?:\d|%|percent|million|billion)\s+$", match.string[max(0, match.start() - 12) : match.start()].lower()
    ):
        return None  # a rate ("rise 8.5% annually", "$17.9 million annually"), like "$500 million a year"
    if word in SET_WORDS:
        return Value(SET, SET_WORDS[word])
    unit = word.rsplit(" ", 1)[1]
    return Value(SET, duration(1, unit))


_TWO_TO_SIX = "|".join(word for word in by_value("number_ones") if 2 <= ONES[word] <= 6)


@rule(
    "every",
    rf"(?P<every>every|each|per)(?: (?P<other>other|single|{_TWO_TO_SIX}))? (?:(?P<unit>{UNIT_SG}|weekend)|(?P<weekday>{WEEKDAY})|(?P<month>{MONTH})|(?P<pod>morning|afternoon|evening|night)|(?P<season>{SEASON}))",
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


@rule("weekdays plural", rf"(?P<weekday>{WEEKDAY_PLURAL})|(?P<weekday2>{WEEKDAY}) (?P<pod>mornings|afternoons|evenings|nights)")
def _weekdays(match: re.Match, context: Context) -> Value | None:
    if match["weekday"]:
        return Value(SET, f"XXXX-WXX-{WEEKDAYS[match['weekday'].lower()[:-1]] + 1}")
    pod = PARTS_OF_DAY[match["pod"].lower()[:-1]]
    return Value(SET, f"XXXX-WXX-{WEEKDAYS[match['weekday2'].lower().rstrip('.')] + 1}T{pod}")


# Holidays.


@rule("holiday", rf"(?:(?P<rel>last|this|next) )?(?P<name>{HOLIDAY})(?:,? (?P<year>{YEAR}))?")
def _holiday(match: re.Match, context: Context) -> Value | None:
    name = match["name"].lower()
    make = lambda y: holiday_day(name, y)  # noqa: E731
    if match["year"]:
        return day_value(make(int(match["year"])))
    if context.published is None:
        return unresolved(DATE, f"XXXX-{make(2000):%m-%d}" if holiday_fixed(name) else None)
    rel = (match["rel"] or "").lower()
    published = context.published
    if rel == "last":
        year = published.year if make(published.year) < published else published.year - 1
    elif rel == "next":
        year = published.year if make(published.year) > published else published.year + 1
    else:
        year = year_for(make, published, context.tense, make, against_tense=context.against_tense)
    return day_value(make(year), True)
