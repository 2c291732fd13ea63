"""The document around each time expression: which sentences can hold one, the tense of its
clause, what the story named before it, and how neighbouring expressions join.

:func:`find_times` walks an article sentence by sentence and carries what later expressions count
from: the first day of the last date the story named ("later that year"), the last single day
("the next day"), the last quarter named by number and whether the article talks of quarters
("a year ago" in a report on quarterly results is that quarter a year before). Within a
sentence, :func:`sentence_times` runs every rule, settles overlapping candidates longest first,
trims the extent, and lets the first date of a range take its year from the second
("between 17 October and 23 March 2017").

A weekday, a month or a quarter without a year is read in the direction :func:`tense_near`
points (the last Friday before a past-tense report, the next one after a future one).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from crisisdesk.lexicon import words
from crisisdesk.model import TimeExpression
from crisisdesk.nlp.literals import folded
from crisisdesk.nlp.prefilter import sentence_bounds
from crisisdesk.nlp.times.patterns import (
    MONTH,
    MONTH_WRITTEN,
    WEEKDAY_NAMES,
    alternation,
)
from crisisdesk.nlp.times.rules import RULES, Context, Rule
from crisisdesk.nlp.times.values import (
    AGAINST_TENSE,
    DATE,
    TIME,
    Value,
    day_value,
    month_value,
)

# --- the tense of a clause ------------------------------------------------------------------------

#: What points a clause to the future; "next" only when not "next to" (a place).
_FUTURE_CUE = re.compile(rf"\b(?:{alternation(words('time_future_cues') - {'next'})}|next(?! to\b))\b", re.IGNORECASE)
#: What points it to the past: the words of the lexicon, or a lower-case word in -ed that does
#: not begin like one that is no past tense ("hundred", "needed").
_PAST_CUE = re.compile(
    rf"\b(?:{alternation(words('time_past_cues'))}|(?-i:(?!{alternation(words('time_not_past_tense'))})[a-z]{{3,}}ed))\b",
    re.IGNORECASE,
)


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


# --- finding ------------------------------------------------------------------------------------

#: How many sentences after one about a quarter "a year ago" still means that quarter a year before.
QUARTER_TALK_SENTENCES = 2

#: A sentence without any of these holds no time expression: the rules above only run where
#: one occurs.
_TRIGGER = re.compile(
    rf"\d|(?-i:{MONTH_WRITTEN}|{WEEKDAY_NAMES}|{alternation(words('time_trigger_names'))})|\b(?:{alternation(words('time_trigger_stems'))})",
    re.IGNORECASE,
)


def find_times(
    text: str,
    published: date | None,
    sentences: list[tuple[int, int]] | None = None,
    *,
    quarter_talk_sentences: int = QUARTER_TALK_SENTENCES,
    against_tense: float = AGAINST_TENSE,
) -> list[TimeExpression]:
    """Every time expression in ``text``, in order, normalised against ``published``
    (``sentences``: their bounds, by default :func:`~crisisdesk.nlp.prefilter.sentence_bounds`;
    ``quarter_talk_sentences``: how many sentences after one about a quarter "a year ago" still
    means that quarter a year before; ``against_tense``: see :func:`~crisisdesk.nlp.times.values.year_for`)."""
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
        quarters = i - quarter_talk <= quarter_talk_sentences
        here = sentence_times(
            sentence,
            published,
            quarters=quarters,
            reference=reference,
            reference_day=reference_day,
            reference_quarter=reference_quarter,
            against_tense=against_tense,
        )
        found.extend(replace(t, start=t.start + start, end=t.end + start) for t in here)
        reference = _last_named_day(here, reference)
        reference_day = _last_named_day(here, reference_day, days_only=True)
        reference_quarter = _last_named_quarter(here, reference_quarter)
    return found


def sentence_times(
    sentence: str,
    published: date | None,
    *,
    quarters: bool | None = None,
    reference: date | None = None,
    reference_day: date | None = None,
    reference_quarter: tuple[int, int, bool] | None = None,
    against_tense: float = AGAINST_TENSE,
) -> list[TimeExpression]:
    """The time expressions of one sentence (offsets into it); ``quarters``: whether the text
    around it speaks of quarters (by default: whether the sentence does)."""
    if quarters is None:
        quarters = bool(_QUARTER_TALK.search(sentence))
    candidates: list[tuple[int, int, int, Rule, re.Match]] = []
    folded_sentence = folded(sentence)
    for order, each in enumerate(RULES):
        for match in each.finditer(sentence, folded_sentence):
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
            published,
            tense,
            quarters,
            _last_named_day(earlier, reference),
            _last_named_day(earlier, reference_day, days_only=True),
            _quarter_named_before(sentence, start, earlier, reference_quarter),
            against_tense,
        )
        value = each.normalise(match, context)
        if value is None:
            continue
        start, end = _trimmed(sentence, start, end)
        taken.append((start, end))
        out.append(_expression(sentence[start:end], start, end, value, published))
    return _joined(sorted(out, key=lambda t: t.start), sentence)


_ANAPHORIC = re.compile(
    r"\b(?:following|previous|preceding|that|same)\b|\bnext (?:day|morning|afternoon|evening|night)\b|\b(?:day|night) (?:before|after)\b",
    re.IGNORECASE,
)


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
_NUMBERED_QUARTER = re.compile(
    r"^(?!.*\b(?:year-ago|year-earlier|last year|prior|comparable|previous))(?:.*\b)?(?:first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?quarter$",
    re.IGNORECASE,
)


def _quarter_named_before(
    sentence: str, start: int, earlier: list[TimeExpression], reference: tuple[int, int, bool] | None
) -> tuple[int, int, bool] | None:
    """The last quarter named by number before ``start``, in the sentence (resolved so far) or the
    story before it; None when the sentence names a calendar quarter before ``start`` that is not
    resolved yet ("third-quarter profit rose from $4 million a year earlier": the shorter
    expression comes last)."""
    mentions = list(_NUMBERED_QUARTER_MENTION.finditer(sentence, 0, start))
    if mentions and "fiscal" not in mentions[-1].group().lower():
        return None
    return _last_named_quarter(earlier, reference)


_NUMBERED_QUARTER_MENTION = re.compile(
    r"(?<!year-ago )(?<!year-earlier )\b(?:fiscal[- ])?(?:first|second|third|fourth)[- ](?:fiscal[- ])?quarter", re.IGNORECASE
)


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


_NAMES_MONTH = re.compile(MONTH)


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
