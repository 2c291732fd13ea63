"""spaCy component ``crisisdesk_figure_dates``: the date or period each figure is given by its
sentence, from the time layer (:mod:`crisisdesk.nlp.times`, run before it: ``doc._.crisisdesk_times``).

Two parts:

- what a time expression of the sentence says about when: the TIMEX3 ``start_date``/``end_date``
  of a DATE (a TIME reduced to its day) as a :class:`~crisisdesk.model.TimeSpan`, with the
  precision its value has ("2017-03-06": day, "2017-03": month, "2017": year, "199X": decade).
  TIMEX3 extents leave prepositions out ("since 2009" → "2009"), so the words just before the
  expression make it a period: "since 2009" runs to the publication date (or None without one),
  "as of 23 March" and "by 23 March" end on that day, "so far in 2017" runs from 1 January to the
  publication date, "between 17 October and 23 March" (two expressions joined by "and") or
  "from 2014 to 2016" spans both. A DURATION is not a date; a relative expression the time layer
  could not read (no publication date: never read against today) or a vague one ("recently")
  says when, only not exactly: it can claim a figure, which then gets no date.
  :func:`resolve` does this for a single expression.
- which expression dates a figure: the one the parse attaches to the figure's own clause: to the
  counted noun, to a predicate it depends on, or to a clause modifying it ("people displaced
  since 2012"). A time inside another noun phrase ("displaced during 2015 conflict" dates the
  conflict) or in another clause ("fled after fighting erupted on 6 March") does not date the
  figure.

The publication date reaches the component as ``doc._.crisisdesk_published`` (a ``datetime.date`` or None),
set before the pipeline runs. Replaces ``date`` on each figure of ``doc._.crisisdesk_figures``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

import crisisdesk.nlp.extensions  # noqa: F401  (registers the crisisdesk_* Doc extensions)
from crisisdesk import lexicon
from crisisdesk.model import Figure, TimeExpression, TimeSpan
from crisisdesk.nlp import figures as _figures  # noqa: F401  (registers doc._.crisisdesk_figures)
from crisisdesk.nlp.doctext import text_of
from crisisdesk.nlp.evidence import header_end
from crisisdesk.nlp.times import DATE, TIME, find_times
from crisisdesk.nlp.within import within

#: Precisions from finest to coarsest: a period is as precise as its coarser end.
PRECISIONS: tuple[str, ...] = ("day", "month", "year", "decade", "unknown")

# --- what a time expression says ----------------------------------------------------------------

#: The kinds of marker (lexicon list date_markers), in the order their groups are tried.
_MARKER_KINDS = ("since", "so_far", "until", "between", "point")
#: A week's last day before it ("week ending January 13, 2019"): lexicon list date_week_ending.
_WEEK_ENDING = "week_ending"


def _alternation(phrases) -> str:
    """A regex alternation of ``phrases``, longest first, each matched as written."""
    return "|".join(re.escape(p) for p in sorted(phrases, key=lambda p: (-len(p), p)))


def _marker_pattern() -> re.Pattern[str]:
    """The words just before a time expression that say how it dates (TIMEX3 extents leave them
    out), one named group per kind."""
    markers = lexicon.table("date_markers")
    groups = "|".join(f"(?P<{kind}>{_alternation(p for p, k in markers.items() if k == kind)})" for kind in _MARKER_KINDS)
    groups = f"(?P<{_WEEK_ENDING}>{_alternation(lexicon.words('date_week_ending'))})|{groups}"
    return re.compile(rf"(?<![\w'’-])(?:{groups})\s+$", re.IGNORECASE)


_MARKER = _marker_pattern()
#: "2017 so far", "this year to date".
_SO_FAR_AFTER = re.compile(rf",?\s+(?:{_alternation(lexicon.words('so_far_after'))})\b", re.IGNORECASE)
#: Between two expressions that make one period ("and" only after "between" or "from": "on 2 and
#: 5 March" is two days).
_JOINT = re.compile(rf"\s*(?:(?P<and>and)|{_alternation(lexicon.words('period_joints') - {'and'})})\s*", re.IGNORECASE)
#: A bare day or year that begins a period whose end says the rest ("between 1 and 16 March",
#: "on 21 and 23 December", "from 2014 to 2016").
_BARE_START = re.compile(
    r"(?:(?<![\w-])(?:between|from|on)\s+)?(?:the\s+)?(?<![\d,.])(?P<n>\d{1,4})(?:st|nd|rd|th)?\s*(?:and|to|until|till|through|-|–)\s*$",
    re.IGNORECASE,
)
_NO_YEAR = re.compile(r"XXXX-(\d\d)(?:-(\d\d))?")
#: Characters before an expression searched for its marker (default of the component's ``look_back``).
LOOK_BACK = 40
#: A line of a document's header has at most this many words (default of ``header_words``).
HEADER_WORDS = 16
#: Lines at the top of a document read as its header.
HEADER_LINES = 3


@dataclass(frozen=True, slots=True)
class Reading:
    """A time expression (or two joined) with the words before it that say how it dates, and the
    period it gives: offsets into the text read, ``start`` at the marker ("since", "between"),
    ``body`` at the first expression."""

    start: int
    body: int
    end: int
    date: TimeSpan | None


def resolve(expression: str, published: date | None) -> TimeSpan | None:
    """The period ``expression`` ("since 2009", "between 17 October and 23 March", "last week")
    dates, read by the time layer against the publication date ``published``; None when it cannot
    be placed (relative without a publication date, vague, a duration)."""
    found = readings(expression, find_times(expression, published), published)
    return found[0].date if found else None


def readings(text: str, times: Sequence[TimeExpression], published: date | None, *, look_back: int = LOOK_BACK) -> list[Reading]:
    """The dates said by ``times`` (TIMEX3 expressions with offsets into ``text``), each with
    the marker before it (within ``look_back`` characters); two expressions joined into one
    period where the text says so."""
    dates = [t for t in times if t.type in (DATE, TIME)]
    out: list[Reading] = []
    i = 0
    while i < len(dates):
        first = dates[i]
        floor = max(out[-1].end if out else 0, first.start - look_back)
        marker = _MARKER.search(text, floor, first.start)
        kind = marker.lastgroup if marker else None
        start = marker.start() if marker else first.start
        second = dates[i + 1] if i + 1 < len(dates) else None
        joint = _JOINT.fullmatch(text, first.end, second.start) if second is not None else None
        if second is not None and joint and (not joint["and"] or (marker and marker[0].lower().startswith(("between", "from")))):
            out.append(Reading(start, first.start, second.end, _period(span_of(first), span_of(second, after=first))))
            i += 2
            continue
        i += 1
        bare = _BARE_START.search(text, floor, first.start)
        if bare:
            out.append(Reading(bare.start(), bare.start("n"), first.end, _from_bare(int(bare["n"]), span_of(first))))
            continue
        if kind in (None, "point") and _SO_FAR_AFTER.match(text, first.end):
            kind = "so_far"
        out.append(Reading(start, first.start, first.end, _marked(kind, span_of(first), published)))
    return out


def span_of(t: TimeExpression, after: TimeExpression | None = None) -> TimeSpan | None:
    """The days ``t`` covers at the precision of its value; a month or day without a year
    after ``after`` takes the first year that does not put it before ``after``."""
    start, end, value = t.start_date, t.end_date, t.value or ""
    no_year = _NO_YEAR.fullmatch(value)
    if start is None and no_year and after is not None and after.start_date is not None:
        month, day = int(no_year[1]), int(no_year[2]) if no_year[2] else None
        for year in (after.start_date.year, after.start_date.year + 1):
            found = _days(year, month, day)
            if found is not None and found[0] >= after.start_date:
                (start, end), value = found, f"{year:04d}{value[4:]}"
                break
    if start is None or end is None:
        return None
    return TimeSpan(start, end, _precision(value))


def _days(year: int, month: int, day: int | None) -> tuple[date, date] | None:
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return date(year, month, 1), date(year, month, last)
    return (date(year, month, day),) * 2 if day <= last else None


def _precision(value: str) -> str:
    if re.match(r"\d{4}-(?:\d\d-\d\d|W\d\d)", value):
        return "day"  # a day, a time of a day, a week or weekend: its first and last days are exact
    if re.fullmatch(r"\d{4}-(?:\d\d|Q\d|H\d|SP|SU|FA|WI)", value):
        return "month"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    return "decade" if re.fullmatch(r"\d{3}X", value) else "unknown"


def _coarser(a: str, b: str) -> str:
    return max(a, b, key=PRECISIONS.index)


def _marked(kind: str | None, span: TimeSpan | None, published: date | None) -> TimeSpan | None:
    """What the marker before one expression makes of the days it covers."""
    if span is None:
        return None
    if kind == "since":
        return TimeSpan(span.start, published, span.precision) if published is None or span.start <= published else None
    if kind == "so_far":
        return TimeSpan(span.start, published, span.precision) if published is not None and span.start <= published else None
    if kind == "until":
        return TimeSpan(None, span.end, span.precision)
    if kind == _WEEK_ENDING and span.precision == "day":
        return TimeSpan(span.end - timedelta(days=6), span.end, "day")
    if kind == "between":  # its other end is not a date ("between 23 December and" in a cut excerpt)
        return TimeSpan(span.start, None, span.precision)
    return span


def _period(first: TimeSpan | None, second: TimeSpan | None) -> TimeSpan | None:
    if first is None or second is None or first.start > second.end:
        return None
    return TimeSpan(first.start, second.end, _coarser(first.precision, second.precision))


def _from_bare(n: int, end: TimeSpan | None) -> TimeSpan | None:
    """A period from a bare day of the month ``end`` falls in, or from a bare year, to ``end``."""
    if end is None:
        return None
    if end.precision == "day" and end.start == end.end and 1 <= n <= end.start.day:
        return TimeSpan(end.start.replace(day=n), end.end, "day")
    if end.precision == "year" and 1000 <= n <= end.start.year:
        return TimeSpan(date(n, 1, 1), end.end, "year")
    return end


# --- the component ------------------------------------------------------------------------------


@Language.factory(
    "crisisdesk_figure_dates",
    requires=["token.dep", "token.head", "doc._.crisisdesk_figures", "doc._.crisisdesk_times"],
    assigns=["doc._.crisisdesk_figures"],
    default_config={"look_back": LOOK_BACK, "header_words": HEADER_WORDS},
)
def make_figure_dates(nlp: Language, name: str, look_back: int, header_words: int) -> FigureDater:
    return FigureDater(look_back=look_back, header_words=header_words)


class FigureDater:
    """Replaces the ``date`` of each figure in ``doc._.crisisdesk_figures`` (reads ``doc._.crisisdesk_times`` and
    ``doc._.crisisdesk_published``)."""

    def __init__(self, *, look_back: int = LOOK_BACK, header_words: int = HEADER_WORDS) -> None:
        self.look_back = look_back
        self.header_words = header_words

    def __call__(self, doc: Doc) -> Doc:
        figures = getattr(doc._, "crisisdesk_figures", None)
        if figures:
            doc._.crisisdesk_figures = dated_figures(
                doc, figures, doc._.crisisdesk_published, look_back=self.look_back, header_words=self.header_words
            )
        return doc


class TimeMention(NamedTuple):
    """A time expression of a sentence as the parse sees it (with its marker), and its date."""

    span: Span
    date: TimeSpan | None

    @property
    def text(self) -> str:
        return self.span.text


def dated_figures(
    doc: Doc, figures: Sequence[Figure], published: date | None, *, look_back: int = LOOK_BACK, header_words: int = HEADER_WORDS
) -> list[Figure]:
    """``figures`` each with the date its sentence gives it; a figure whose sentence says no
    date at all is dated by the day a sentence before it in its paragraph opens with ("As of 12
    May 2020, ..."), else by the document's header, when it has a dated one (else None); a part
    of a total with no date is dated as its total."""
    header = header_date(doc, published, look_back=look_back, max_words=header_words)
    # A report that gives its date in its header is read as published then, when no publication
    # date came with it ("on 12 March" of a flash update dated 14 March 2019).
    reread = published is None and header is not None and header[1].end is not None
    if reread:
        published = header[1].end
    by_sentence: dict[int, list[TimeMention]] = {}
    # The figures of each sentence (index, start): the next one after a figure bounds its bracketed date.
    of_sentence: dict[int, list[tuple[int, int]]] = {}
    for i, figure in enumerate(figures):
        of_sentence.setdefault(figure.sentence_start, []).append((i, figure.start))
    dated = []
    for i, figure in enumerate(figures):
        if figure.sentence_start not in by_sentence:
            sentence = doc.char_span(figure.sentence_start, figure.sentence_end, alignment_mode="expand")
            by_sentence[figure.sentence_start] = (
                time_expressions(sentence, published, look_back=look_back, reread=reread) if sentence is not None else []
            )
        expressions = by_sentence[figure.sentence_start]
        # A date in brackets after the figure is written for it; the parse may hang it elsewhere.
        later = [start for j, start in of_sentence[figure.sentence_start] if j > i and start > figure.end]
        found = bracketed_date(doc, figure, expressions, min(later, default=figure.sentence_end))
        if found is None:
            found = date_of(doc, figure, expressions)
        if found is None:
            found = _paragraph_date(doc, figure, by_sentence, published, look_back, reread)
        if (
            found is None
            and header is not None
            and header[0] <= figure.start
            and not any(e.span.start_char >= header[0] for e in expressions)
        ):
            found = header[1]  # (a header run into the first sentence is no date of its own)
        dated.append(replace(figure, date=found))
    return _with_totals_dates(dated)


def _with_totals_dates(figures: list[Figure]) -> list[Figure]:
    """A part of a total with no date of its own is dated as its total: a breakdown by place or
    the rows of a table count the same days ("As of 12 May, 101 cases: Camp 1E (5), ...")."""
    return [
        replace(f, date=figures[f.part_of].date) if f.date is None and f.part_of is not None and 0 <= f.part_of < len(figures) else f
        for f in figures
    ]


#: A sentence that opens with the day its counts stand at, then a comma: "As of 12 May 2020, ...",
#: "As at 30 June, ...", "By 19 February 2020, ...". The date is a section's: it dates the figures
#: after it in its paragraph that say no date. (A sentence opening "On 19 February" or "In 2019"
#: tells when one event happened, not the date of the counts after it: news and reports go on to
#: other events.)
_OPENING_DATE_WORDS = 8
_STOCK_OPENING = re.compile(r"\W*(?:as\s+(?:of|at|on)|by|up\s+to|until)\b", re.IGNORECASE)


def _paragraph_date(
    doc: Doc, figure: Figure, by_sentence: dict[int, list[TimeMention]], published: date | None, look_back: int, reread: bool
) -> TimeSpan | None:
    """The date a sentence before ``figure`` in its paragraph opens with, the latest one."""
    text = text_of(doc)
    paragraph_start = text.rfind("\n\n", 0, figure.sentence_start) + 1
    sentence = doc.char_span(figure.sentence_start, figure.sentence_end, alignment_mode="expand")
    if sentence is None:
        return None
    found = None
    previous = sentence.start
    while previous > 0:
        before = doc[previous - 1].sent
        if before.start_char < paragraph_start:
            break
        found = _opening_date(before, by_sentence, published, look_back, reread)
        if found is not None:
            break
        previous = before.start
    return found


def _opening_date(
    sentence: Span, by_sentence: dict[int, list[TimeMention]], published: date | None, look_back: int, reread: bool
) -> TimeSpan | None:
    if sentence.start_char not in by_sentence:
        by_sentence[sentence.start_char] = time_expressions(sentence, published, look_back=look_back, reread=reread)
    opening = sentence[: _OPENING_DATE_WORDS + 1]
    comma = next((t.i for t in opening if t.text == ","), None)
    if comma is None or not _STOCK_OPENING.match(sentence.text):
        return None
    return next(
        (e.date for e in by_sentence[sentence.start_char] if e.span.end <= comma and e.date is not None and e.date.end is not None), None
    )


def bracketed_date(doc: Doc, figure: Figure, expressions: Sequence[TimeMention], before: int) -> TimeSpan | None:
    """The date written in brackets after a figure, before ``before`` (the next figure of its
    sentence): reports date a figure so ("45,000 people displaced (November 2019)", "1,200
    cases [as of 3 May]")."""
    text = text_of(doc)
    for e in expressions:
        start, end = e.span.start_char, e.span.end_char
        if not (figure.end <= start and end <= before):
            continue
        opening, closing = _printed_before(text, start), _printed_after(text, end)
        if opening in "([" and opening and closing in ")]" and closing:
            return e.date
    return None


def _printed_before(text: str, at: int) -> str:
    """The last character before ``at`` that is not white space ("" if none): ``text[:at].rstrip()[-1:]``
    without copying the text before it."""
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return text[at - 1 : at]


def _printed_after(text: str, at: int) -> str:
    """The first character from ``at`` that is not white space ("" if none)."""
    while at < len(text) and text[at].isspace():
        at += 1
    return text[at : at + 1]


def header_date(
    doc: Doc, published: date | None, *, look_back: int = LOOK_BACK, max_words: int = HEADER_WORDS
) -> tuple[int, TimeSpan] | None:
    """(end offset, date) of the first date in the document's header (:func:`header_end`: its
    first short lines without a full stop, a title or a dateline) — "[9th June 2021, NIGERIA]",
    "Cholera bulletin, week ending January 13, 2019". A report's figures are as of its date where
    their sentences say no other."""
    text = text_of(doc)
    end = header_end(text, max_words=max_words, max_lines=HEADER_LINES)
    if not end:
        return None
    if doc._.crisisdesk_times is None:
        here = find_times(text[:end], published)
    else:
        here = [t for t in doc._.crisisdesk_times if t.end <= end]
    dated = [
        r
        for r in readings(text[:end], here, published, look_back=look_back)
        if r.date is not None and r.date.start is not None and r.date.end is not None
    ]
    return (dated[0].end, dated[0].date) if dated else None


def date_of(doc: Doc, figure: Figure, expressions: Sequence[TimeMention]) -> TimeSpan | None:
    """The date of ``figure`` from the time expressions of its sentence (see module docstring)."""
    words = doc.char_span(figure.start, figure.end, alignment_mode="expand")
    if words is None or len(words) == 0:
        return None
    candidates = [e for e in expressions if e.span.end <= words.start or e.span.start >= words.end]
    owners = _clause_of(words)
    attached = [(key, e.span.start, e) for e in candidates if (key := _attachment(e.span, owners)) is not None]
    if attached:
        return min(attached, key=lambda a: a[:2])[2].date
    if len(candidates) == 1 and _belongs_to_no_other_word(candidates[0].span, owners):
        return candidates[0].date
    return None


def time_expressions(sentence: Span, published: date | None, *, look_back: int = LOOK_BACK, reread: bool = False) -> list[TimeMention]:
    """The dates of ``sentence`` from the time layer (``doc._.crisisdesk_times``; if the layer did not run,
    or ``reread`` against another ``published`` than the layer had, read from the sentence
    alone), each as the span the parse attaches: with its marker, unless the expression is part of
    the noun phrase after it ("during 2015 conflict")."""
    doc = sentence.doc
    offset = sentence.start_char
    if doc._.crisisdesk_times is None or reread:
        here = find_times(sentence.text, published)
    else:
        here = [replace(t, start=t.start - offset, end=t.end - offset) for t in within(doc._.crisisdesk_times, offset, sentence.end_char)]
    found = []
    for reading in readings(sentence.text, here, published, look_back=look_back):
        body = doc.char_span(offset + reading.body, offset + reading.end, alignment_mode="expand")
        if body is None:
            continue
        if _premodifies_a_noun(body):
            span = body
        elif reading.start < reading.body:
            span = doc.char_span(offset + reading.start, offset + reading.end, alignment_mode="expand")
        else:
            span = _with_preposition(body)
        found.append(TimeMention(span, reading.date))
    return found


def _premodifies_a_noun(body: Span) -> bool:
    # "during 2015 conflict": the year is part of the noun phrase after it, and "during" governs
    # the noun, not the year.
    last = body[-1]
    return last.head.i >= body.end and last.dep_ in ("nummod", "compound", "amod", "nmod")


def _with_preposition(span: Span) -> Span:
    """``span`` with the preposition that governs it."""
    head = span.root.head
    if span.start == 0 or head.i != span.start - 1 or head.pos_ != "ADP":
        return span
    return span.doc[head.i : span.end]


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
