"""spaCy component ``crisisdesk_figure_dates``: the date or period each figure is given by its
sentence, resolved against the article's publication date.

Two parts, usable apart (issue 5 builds the full temporal layer on them):

- :func:`resolve` turns one time expression ("on 6 March", "between 17 October and 23 March",
  "since 2009", "as of 23 March", "so far in 2017", "last week") into a
  :class:`~crisisdesk.model.TimeSpan`, a pure function of the text and the publication date.
  Absolute dates are read by the rules below; relative ones ("yesterday", "on Friday", "this
  weekend") by dateparser, and only against the publication date: with none they stay
  unresolved, never read against today. A day or month without a year ("23 March") needs the
  publication date too, or a year elsewhere in the same period ("between 17 October and
  23 March 2017").
- the component finds the time expressions of each figure's sentence (our patterns for absolute
  dates, spaCy's DATE entities for the rest) and gives the figure the one the parse attaches to
  the figure's own clause: to the counted noun, to a predicate it depends on, or to a clause
  modifying it ("people displaced since 2012"). A time inside another noun phrase ("displaced
  during 2015 conflict" dates the conflict) or in another clause ("fled after fighting erupted on
  6 March") does not date the figure.

The publication date reaches the component as ``doc._.published`` (a ``datetime.date`` or None),
set before the pipeline runs. Replaces ``date`` on each figure of ``doc._.figures``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from crisisdesk.model import Figure, TimeSpan
from crisisdesk.nlp import figures as _figures  # noqa: F401  (registers doc._.figures)

if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)

#: Precisions from finest to coarsest: a period is as precise as its coarser end.
PRECISIONS: tuple[str, ...] = ("day", "month", "year", "decade", "unknown")

# --- patterns of absolute dates -----------------------------------------------------------------

_MONTH_NUMBERS: dict[str, int] = {
    **{calendar.month_name[m].lower(): m for m in range(1, 13)},
    **{calendar.month_abbr[m].lower(): m for m in range(1, 13)},
    "sept": 9,
}
#: Month names as news writes them (capitalised): "may" in lower case is a verb.
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)(?![\d,.]\d)"
#: Which part of a month or year: kept at the precision of the month or year it qualifies.
_PART = r"(?:(?:early|mid|late)[- ]?|(?:the )?(?:end|beginning|start|middle) of )"
_ATOM = "(?:" + "|".join(
    (
        rf"{_YEAR}-[01]\d-[0-3]\d",
        rf"(?:the )?{_DAY}(?: of)? {_MONTH}(?:,? {_YEAR})?",
        rf"{_MONTH} {_DAY}(?:,? {_YEAR})?",
        rf"{_PART}?{_MONTH}(?:,? {_YEAR})?",
        rf"{_PART}?{_YEAR}",
        r"(?:the )?(?:early |mid-|late )?(?:1[89]|20)\d0s",
    )
) + ")"
_RANGE_JOINT = r"\s*(?:and|to|until|till|through|-|–)\s*"
_MARKER = r"(?:so far in|so far this|as of|as at|up to|up until|between|from|since|by|to|until|till|through|throughout|during|in|on|over|within)"
#: An absolute time expression in running text, with the preposition that says how it dates:
#: a period ("between 1 and 16 March", "from 2014 to 2016"), or a date after its preposition
#: ("on 21 and 23 December", "since 2009").
_FINDER = re.compile(
    rf"(?<![\w-])(?:"
    rf"(?i:between|from)\s+(?:{_ATOM}|{_DAY}){_RANGE_JOINT}{_ATOM}"
    rf"|(?:(?i:{_MARKER})\s+)?(?P<body>(?:{_DAY}\s*(?:and|to|-|–)\s*)?{_ATOM})"
    rf")(?![\w-])"
)
_ATOM_FULL = re.compile(_ATOM, re.IGNORECASE)

# --- what a time expression says ----------------------------------------------------------------

_RELATIVE_CUE = re.compile(
    r"\b(?:ago|yesterday|today|tonight|last|this|past|previous|weekend|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
)
_WEEKEND = re.compile(r"(?:this|last|the past|the) weekend")
_UNTIL = re.compile(r"(?:as of|as at|as on|by|to|until|till|up to|up until|through)\s+(?P<x>.+)")
_SINCE = re.compile(r"since\s+(?P<x>.+)")
_SO_FAR = re.compile(r"(?:so far|thus far|to date)(?: in)?\s+(?P<x>.+)|(?P<y>.+?),?\s+(?:so far|thus far|to date)")
_BETWEEN = re.compile(r"(?:between|from)\s+(?P<x>.+)")
_POINT_PREPOSITION = re.compile(r"(?:in|on|during|throughout|over|at|within|of)\s+(?:the course of\s+)?(?P<x>.+)")
_JOINT = re.compile(r"\s+(?:and|to|until|till|through)\s+|\s*[-–]\s*")


@dataclass(frozen=True, slots=True)
class _Partial:
    """An absolute date as written: any of its fields may be missing."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    decade: bool = False

    @property
    def precision(self) -> str:
        if self.decade:
            return "decade"
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    def span(self, year: int) -> tuple[date, date] | None:
        """First and last day of this date in ``year`` (None where the day does not exist)."""
        if self.decade:
            return date(year, 1, 1), date(year + 9, 12, 31)
        if self.month is None:
            return date(year, 1, 1), date(year, 12, 31)
        last = calendar.monthrange(year, self.month)[1]
        if self.day is None:
            return date(year, self.month, 1), date(year, self.month, last)
        if self.day > last:
            return None
        day = date(year, self.month, self.day)
        return day, day


def resolve(expression: str, published: date | None) -> TimeSpan | None:
    """The period ``expression`` dates, against the publication date ``published``; None when it
    cannot be placed (relative without a publication date, vague, a duration)."""
    text = _normalised(expression)
    so_far = _SO_FAR.fullmatch(text)
    if so_far:
        anchor = _point(so_far["x"] or so_far["y"], published)
        return TimeSpan(anchor.start, published, anchor.precision) if anchor and published and anchor.start <= published else None
    since = _SINCE.fullmatch(text)
    if since:
        anchor = _point(since["x"], published)
        if anchor is None or (published is not None and anchor.start > published):
            return None
        return TimeSpan(anchor.start, published, anchor.precision)
    until = _UNTIL.fullmatch(text)
    if until:
        anchor = _point(until["x"], published)
        return TimeSpan(None, anchor.end, anchor.precision) if anchor else None
    between = _BETWEEN.fullmatch(text)
    if between:
        return _period(between["x"], published)
    preposition = _POINT_PREPOSITION.fullmatch(text)
    return _point(text, published) or _period(preposition["x"] if preposition else text, published)


def _normalised(expression: str) -> str:
    text = re.sub(r"\s+", " ", expression.strip().lower()).strip(" ,.;:()\"'“”")
    return re.sub(r"^(?:just|only|about|around|some)\s+", "", text)


def _point(text: str, published: date | None) -> TimeSpan | None:
    """One date, absolute or relative, as the period it covers."""
    preposition = _POINT_PREPOSITION.fullmatch(text)
    if preposition and (_partial(preposition["x"]) or _RELATIVE_CUE.search(preposition["x"])):
        text = preposition["x"]
    partial = _partial(text)
    if partial is not None:
        year = partial.year if partial.year is not None else _latest_year(partial, published) if published else None
        found = partial.span(year) if year is not None else None
        return TimeSpan(found[0], found[1], partial.precision) if found else None
    return _relative(text, published) if published is not None else None


def _period(text: str, published: date | None) -> TimeSpan | None:
    """"A and B", "A to B": the years a side lacks come from the other side, else from the
    publication date (the latest years that keep start ≤ end ≤ published)."""
    for joint in _JOINT.finditer(text):
        first, second = text[: joint.start()], text[joint.end() :]
        ends = _ends_of_period(first, second, published)
        if ends is not None:
            start, end, precision = ends
            return TimeSpan(start, end, precision) if start <= end else None
    return None


def _ends_of_period(first: str, second: str, published: date | None) -> tuple[date, date, str] | None:
    a, b = _partial(first) or _bare_day(first), _partial(second)
    if a is None or b is None:
        start, end = _point(first, published), _point(second, published)
        return (start.start, end.end, _coarser(start.precision, end.precision)) if start and end and start.start and end.end else None
    if a.month is None and a.day is not None:  # "between 1 and 16 March"
        a = replace(a, month=b.month, year=b.year)
    years = _years_of_period(a, b, published)
    if years is None:
        return None
    first_span, second_span = a.span(years[0]), b.span(years[1])
    if first_span is None or second_span is None:
        return None
    return first_span[0], second_span[1], _coarser(a.precision, b.precision)


def _years_of_period(a: _Partial, b: _Partial, published: date | None) -> tuple[int, int] | None:
    if a.year is not None and b.year is not None:
        return a.year, b.year
    if b.year is not None:
        return _latest_year(a, _last_day(b, b.year)), b.year
    if a.year is not None:
        start = a.span(a.year)
        year = a.year
        while start is not None and (b.span(year) is None or b.span(year)[1] < start[0]):
            year += 1
        return a.year, year
    if published is None:
        return None
    end_year = _latest_year(b, published)
    return _latest_year(a, _last_day(b, end_year)), end_year


def _last_day(partial: _Partial, year: int) -> date:
    found = partial.span(year)
    return found[1] if found else date(year, 12, 31)


def _latest_year(partial: _Partial, latest: date) -> int:
    """The latest year in which ``partial`` begins on or before ``latest`` (23 March before
    1 April 2017 is in 2017; 17 October before 23 March 2017 is in 2016)."""
    year = latest.year
    while (found := partial.span(year)) is None or found[0] > latest:
        year -= 1
    return year


def _coarser(a: str, b: str) -> str:
    return max(a, b, key=PRECISIONS.index)


def _partial(text: str) -> _Partial | None:
    """An absolute date as written ("23 March 2017", "October 2016", "mid-March", "2020",
    "the 1990s"), or None."""
    text = text.strip()
    if not _ATOM_FULL.fullmatch(text):
        return None
    iso = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", text)
    if iso:
        year, month, day = map(int, iso.groups())
        return _Partial(year, month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None
    decade = re.search(r"(\d{3})0s$", text)
    if decade:
        return _Partial(int(decade[1]) * 10, decade=True)
    year = re.search(r"\b(\d{4})$", text)
    month = next((n for w in re.findall(r"[a-z]+", text.lower()) if (n := _MONTH_NUMBERS.get(w.rstrip(".")))), None)
    day = re.search(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?(?!\d)", text)
    return _Partial(int(year[1]) if year else None, month, int(day[1]) if day and month else None)


def _bare_day(text: str) -> _Partial | None:
    day = re.fullmatch(rf"(?:the )?{_DAY}", text.strip(), re.IGNORECASE)
    return _Partial(day=int(re.match(r"(?:the )?(\d+)", text.strip())[1])) if day else None


def _relative(text: str, published: date) -> TimeSpan | None:
    """A date said relative to the publication date ("yesterday", "last week", "on Friday")."""
    if not _RELATIVE_CUE.search(text):
        return None  # "30 years" is a duration, not "30 years ago"
    if _WEEKEND.fullmatch(text):
        saturday = published - timedelta(days=(published.weekday() - 5) % 7)
        return TimeSpan(saturday, min(saturday + timedelta(days=1), published), "day")
    found = _date_parser(published).get_date_data(text)
    if found.date_obj is None or found.date_obj.date() > published:
        return None
    return _period_around(found.date_obj.date(), found.period)


@lru_cache(maxsize=64)
def _date_parser(published: date):
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={"RELATIVE_BASE": datetime.combine(published, datetime.min.time()), "PREFER_DATES_FROM": "past"},
    )


def _period_around(day: date, period: str | None) -> TimeSpan:
    if period == "week":
        monday = day - timedelta(days=day.weekday())
        return TimeSpan(monday, monday + timedelta(days=6), "day")
    if period == "month":
        return TimeSpan(day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1]), "month")
    if period == "year":
        return TimeSpan(date(day.year, 1, 1), date(day.year, 12, 31), "year")
    return TimeSpan(day, day, "day")


# --- the component ------------------------------------------------------------------------------


@Language.factory("crisisdesk_figure_dates")
def make_figure_dates(nlp: Language, name: str) -> FigureDater:
    return FigureDater()


class FigureDater:
    """Replaces the ``date`` of each figure in ``doc._.figures`` (reads ``doc._.published``)."""

    def __call__(self, doc: Doc) -> Doc:
        figures = getattr(doc._, "figures", None)
        if figures:
            doc._.figures = dated_figures(doc, figures, doc._.published)
        return doc


def dated_figures(doc: Doc, figures: Sequence[Figure], published: date | None) -> list[Figure]:
    """``figures`` each with the date its sentence gives it (or None)."""
    by_sentence: dict[int, list[Span]] = {}
    dated = []
    for figure in figures:
        if figure.sentence_start not in by_sentence:
            sentence = doc.char_span(figure.sentence_start, figure.sentence_end, alignment_mode="expand")
            by_sentence[figure.sentence_start] = time_expressions(sentence, published) if sentence is not None else []
        dated.append(replace(figure, date=date_of(doc, figure, by_sentence[figure.sentence_start], published)))
    return dated


def date_of(doc: Doc, figure: Figure, expressions: Sequence[Span], published: date | None) -> TimeSpan | None:
    """The date of ``figure`` from the time expressions of its sentence (see module docstring)."""
    words = doc.char_span(figure.start, figure.end, alignment_mode="expand")
    if words is None or len(words) == 0:
        return None
    candidates = [e for e in expressions if e.end <= words.start or e.start >= words.end]
    owners = _clause_of(words)
    ranked = sorted((key, e) for e in candidates if (key := _attachment(e, owners)) is not None)
    if ranked:
        return resolve(ranked[0][1].text, published)
    if len(candidates) == 1 and _belongs_to_no_other_word(candidates[0], owners):
        return resolve(candidates[0].text, published)
    return None


def time_expressions(sentence: Span, published: date | None) -> list[Span]:
    """The time expressions of ``sentence`` that date something: absolute dates found by our
    patterns (with their preposition), then the recogniser's DATE entities they miss. Durations
    and vague times the resolver cannot place are left out, unless they are relative ("a few
    days ago": that says when, only not exactly)."""
    doc = sentence.doc
    found: list[Span] = []
    for match in _FINDER.finditer(sentence.text):
        span = _span_of(sentence, match.start(), match.end())
        body = _span_of(sentence, match.start("body"), match.end()) if match["body"] else span
        if span is not None and body is not None:
            found.append(body if _premodifies_a_noun(body) else span)
    counts = _count_tokens(doc)
    found = [s for s in found if not any(t.i in counts for t in s)]  # "2000 people" is a count
    taken = {t.i for span in found for t in span}
    for entity in sentence.ents:
        if entity.label_ != "DATE" or any(t.i in taken for t in entity):
            continue
        span = _with_preposition(_without_counts(entity))
        if span is not None:
            found.append(span)
    return sorted(
        (s for s in found if resolve(s.text, published) is not None or _RELATIVE_CUE.search(s.text.lower())),
        key=lambda s: s.start,
    )


def _count_tokens(doc: Doc) -> set[int]:
    spans = (doc.char_span(q.start, q.end, alignment_mode="expand") for q in doc._.quantities or () if q.kind == "count")
    return {t.i for span in spans if span is not None for t in span}


def _span_of(sentence: Span, start: int, end: int) -> Span | None:
    return sentence.doc.char_span(sentence.start_char + start, sentence.start_char + end, alignment_mode="expand")


def _premodifies_a_noun(body: Span) -> bool:
    # "during 2015 conflict": the year is part of the noun phrase after it, and "during" governs
    # the noun, not the year.
    last = body[-1]
    return last.head.i >= body.end and last.dep_ in ("nummod", "compound", "amod", "nmod")


def _without_counts(entity: Span) -> Span | None:
    # The recogniser runs a date into the figure after it ("Last week 20 people were killed").
    tokens = [t for t in entity if not (t.like_num and t.dep_ == "nummod" and t.head.i >= entity.end)]
    return entity.doc[tokens[0].i : tokens[-1].i + 1] if tokens else None


def _with_preposition(span: Span | None) -> Span | None:
    """``span`` with the preposition (or "so far in", "as of") that governs it."""
    if span is None:
        return None
    doc = span.doc
    head = span.root.head
    if span.start == 0 or head.i != span.start - 1 or head.pos_ != "ADP":
        return span
    start = head.i
    while start > span.sent.start and re.fullmatch(r"(?i:so far|far in|as of)", f"{doc[start - 1].text} {doc[start].text}"):
        start -= 1
    return doc[start : span.end]


# --- attachment ---------------------------------------------------------------------------------

_NOUN_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_CLAUSE_POS = frozenset({"VERB", "AUX", "ADJ"})


def _clause_of(words: Span) -> dict[int, int]:
    """The tokens a time expression can attach to and date ``words``, each with its distance: the
    figure's own tokens (0), the words it depends on up to the root (1, 2, …), and clauses that
    modify its noun ("people displaced since 2012": 1)."""
    owners = {t.i: 0 for t in words}
    for depth, ancestor in enumerate(words.root.ancestors, start=1):
        owners.setdefault(ancestor.i, depth)
    for noun in _nouns_of(words.root):
        for child in noun.children:
            if child.dep_ in ("acl", "relcl"):
                owners.setdefault(child.i, 1)
    for i, depth in list(owners.items()):
        for complement in _complements(words.doc[i]):
            owners.setdefault(complement.i, depth)
    return owners


def _complements(predicate: Token) -> Iterator[Token]:
    # "were forced to flee": the complement verb is part of the figure's predicate.
    for child in predicate.children:
        if child.dep_ == "xcomp":
            yield child
            yield from _complements(child)


def _nouns_of(anchor: Token) -> Iterator[Token]:
    # "the number of people displaced as of 23 March": the clause modifies the noun after "of".
    yield anchor
    for preposition in anchor.children:
        if preposition.dep_ == "prep" and preposition.lower_ == "of":
            yield from (o for o in preposition.children if o.dep_ == "pobj")


def _attachment(expression: Span, owners: dict[int, int]) -> tuple[int, int, int] | None:
    """How closely ``expression`` dates the figure whose clause is ``owners`` (smaller is closer),
    or None when it attaches elsewhere."""
    inside = [owners[t.i] for t in expression if t.i in owners]
    if inside:
        return min(inside), 0, 0  # the figure's clause runs through the time expression
    host, climbed = _host(expression)
    if host is None:
        return None
    if host.i in owners:
        return owners[host.i], int(climbed), abs(host.i - expression.start)
    return None


def _host(expression: Span) -> tuple[Token | None, bool]:
    """The word ``expression`` modifies, past the prepositions that introduce it; for a
    prepositional phrase on a noun, the clause word that noun phrase belongs to (with True): a
    time phrase that ends a chain of phrases is read as dating the event ("fled communal violence
    between 3 and 11 January", "displaced by fighting around Bab between 1 January and
    14 February")."""
    token = expression.root
    head = token.head
    while head != token and (head.i in range(expression.start, expression.end) or head.pos_ == "ADP"):
        token, head = head, head.head
    if head == token:
        return None, False
    if not _is_nominal(head) or not _opens_with_preposition(expression):
        return head, False
    while (_is_nominal(head) or head.pos_ == "ADP") and head.head != head:
        head = head.head
    return head, True


def _is_nominal(token: Token) -> bool:
    return token.pos_ in _NOUN_POS or token.dep_ == "pcomp"  # "by fighting": a gerund names an event


def _opens_with_preposition(expression: Span) -> bool:
    return expression[0].pos_ == "ADP" or expression[0].dep_ == "prep"


def _belongs_to_no_other_word(expression: Span, owners: dict[int, int]) -> bool:
    host, _ = _host(expression)
    return host is None or (host.pos_ not in _NOUN_POS | _CLAUSE_POS)
