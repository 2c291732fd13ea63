"""Reconciled figures: one answer per question (how many fled, were killed, are in need …) per
country and period, with every source that supports or contradicts it.

For each question the analyst gets the range across sources, the most recent figure, the
best-supported one with the reason it was chosen, the sources that agree with it, those that
contradict it and those that are only earlier, lower counts of a number that grows (people who
fled by Tuesday, then by Thursday), and the baseline it is a share of ("100,000 of 120,000: 83%").
Nothing is averaged: a contradiction stays a contradiction.

What counts as agreeing follows how the sources qualify their numbers: "more than 28,000" agrees
with 100,000; 100,000 and 120,000 (both exact) do not.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from crisisdesk.analysis.sources import number_label
from crisisdesk.analysis.timeline import main_country
from crisisdesk.model import Extraction, TimeSpan

if TYPE_CHECKING:
    from crisisdesk.analysis.picture import KeyFigure

#: Terms that answer one question: people who fled their homes are counted as displaced, as
#: having fled, or (across a border) as refugees; each report keeps its own term.
QUESTIONS: dict[str, tuple[str, ...]] = {
    "fled or displaced": ("displaced", "forced_to_flee", "refugees"),
    "evacuated": ("evacuated",),
    "relocated": ("relocated",),
    "sheltered or in camps": ("sheltered", "in_relief_camp"),
    "made homeless": ("homeless",),
    "homes destroyed": ("destroyed_housing",),
    "homes damaged": ("partially_destroyed_housing",),
    "killed": ("killed",),
    "injured": ("injured",),
    "shot or otherwise hit": ("casualties",),
    "missing": ("missing",),
    "arrested": ("arrested",),
    "returned": ("returned",),
    "in need": ("in_need",),
    "affected": ("affected",),
}
QUESTION_OF: dict[str, str] = {term: question for question, terms in QUESTIONS.items() for term in terms}
#: Questions whose count only grows: an earlier, lower figure is an earlier count, not a contradiction.
CUMULATIVE = frozenset(
    {
        "fled or displaced",
        "evacuated",
        "relocated",
        "made homeless",
        "homes destroyed",
        "homes damaged",
        "killed",
        "injured",
        "shot or otherwise hit",
        "arrested",
        "returned",
    }
)
#: Questions about what happened in one place (people killed in a village's airstrike): figures
#: placed in different towns answer different questions, and add up as parts of the country's.
EVENT_BOUND = frozenset({"killed", "injured", "shot or otherwise hit", "missing", "arrested"})
#: Place kinds below a country and its regions: where an incident happens.
LOCAL_KINDS = frozenset({"city", "town", "village", "admin2", "camp", "crossing"})
#: How many words around a figure are read for a flow word ("940,000 newly displaced",
#: "another 5,000 fled").
FLOW_WINDOW_WORDS = 3
#: How far two exact figures may differ and still be the same number told twice (rounding).
TOLERANCE = 0.05
#: Figures further apart in time than this answer the question for different periods.
PERIOD_GAP = timedelta(days=365)


@dataclass(frozen=True)
class Reconciled:
    """One question answered across sources."""

    question: str
    unit: str
    group: str | None  # "children": a count of part of the people, answered apart
    country: str | None
    area: str | None  # the place most of the figures name, else None
    period: TimeSpan | None
    best: KeyFigure
    reason: str
    most_recent: KeyFigure | None
    supporting: list[KeyFigure] = field(default_factory=list)  # agree with the best (itself excluded)
    contradicting: list[KeyFigure] = field(default_factory=list)
    earlier: list[KeyFigure] = field(default_factory=list)  # earlier, lower counts of a growing number
    baseline: KeyFigure | None = None
    sources: int = 1  # distinct reports (copies and translations of one report count once)
    flow: bool = False  # counts new people over a period ("newly displaced"), not everyone at a date
    topic: str | None = None  # the disease the deaths are of; the sector the people in need need
    place: str | None = None  # the town an incident's answer is about (EVENT_BOUND questions)
    parts: list[Reconciled] = field(default_factory=list)  # answers for disjoint places within this one

    @property
    def parts_total(self) -> float | None:
        """The sum of the best figures of the disjoint parts (towns within the country), when
        there are two or more."""
        return sum(p.best.figure.quantity for p in self.parts) if len(self.parts) > 1 else None

    @property
    def parts_label(self) -> str | None:
        """ "1,624 across 2 places: Eastern Ghouta 1,600; ‘Afrīn 24"."""
        if self.parts_total is None:
            return None
        listed = "; ".join(f"{p.area or p.place} {p.best.amount}" for p in self.parts)
        return f"{number_label(self.parts_total)} across {len(self.parts)} places: {listed}"

    @property
    def figures(self) -> list[KeyFigure]:
        return [self.best, *self.supporting, *self.contradicting, *self.earlier]

    @property
    def range_label(self) -> str:
        """ "28,000–120,000" across the sources (a single number when they all say the same)."""
        low = min(k.figure.quantity for k in self.figures)
        high = max(k.figure.quantity_max or k.figure.quantity for k in self.figures)
        return number_label(low) if low == high else f"{number_label(low)}–{number_label(high)}"

    @property
    def share(self) -> str | None:
        """ "about 83% of the population (120,000)" for the best figure against its baseline."""
        if self.baseline is None or not self.baseline.figure.quantity:
            return None
        percent = round(100 * self.best.figure.quantity / self.baseline.figure.quantity)
        return f"about {percent}% of the population ({number_label(self.baseline.figure.quantity)})"

    @property
    def label(self) -> str:
        where = f" — {self.area}" if self.area else (f" — {self.country}" if self.country else "")
        unit = "" if self.unit == "people" else f" ({self.unit})"
        who = f" ({self.group})" if self.group else ""
        question = f"newly {self.question}" if self.flow else self.question
        if self.topic and self.question == "in need":
            question, of = f"{question}: {self.topic}", ""
        else:
            of = f" of {self.topic}" if self.topic else ""
        return f"{question}{of}{who}{unit}{where}"


def reconcile(
    key_figures: Sequence[KeyFigure],
    baselines: Sequence[KeyFigure],
    countries: dict[str, str | None],
    same_report: dict[str, str] | None = None,
    country_names: dict[str, str] | None = None,
) -> list[Reconciled]:
    """Every question the figures answer, most reported first. ``countries``: the country each
    article is mostly about (by article id), for figures that name no place of their own;
    ``same_report``: article id → the report it is a copy or translation of, counted once."""
    same_report = same_report or {}
    country_names = country_names or {}
    groups: dict[tuple, list[KeyFigure]] = defaultdict(list)
    for key in key_figures:
        question = QUESTION_OF.get(key.figure.term)
        if question is not None and not _is_part_of_a_count(key):
            what = (question, key.figure.unit, key.figure.group, _country(key, countries), _is_flow(key), _topic(key, question))
            groups[(*what, _town(key) if question in EVENT_BOUND else None)].append(key)
    # Figures that name no town belong to the one town the others name, if only one is named.
    towns: dict[tuple, set] = defaultdict(set)
    for what in groups:
        if what[-1] is not None:
            towns[what[:-1]].add(what[-1])
    for what in [w for w in groups if w[-1] is None and len(towns.get(w[:-1], ())) == 1]:
        (town,) = towns[what[:-1]]
        groups[(*what[:-1], town)].extend(groups.pop(what))
    answers = []
    for (question, unit, group, country, flow, topic, town), keys in groups.items():
        for period_keys in _periods(keys):
            answer = _answer(question, unit, group, country, period_keys, baselines, same_report, country_names.get(country or ""))
            answers.append(replace(answer, flow=flow, topic=topic, place=town))
    answers = _with_parts(answers + _injured_from_casualties(answers))
    return sorted(answers, key=lambda a: (-a.sources, list(QUESTIONS).index(a.question), -a.best.figure.quantity))


def _injured_from_casualties(answers: Sequence[Reconciled]) -> list[Reconciled]:
    """ "8 men shot, 2 dead": where the people hit are counted and the injured are not, the injured
    are those hit less those killed (the Gun Violence Archive's coding; an analyst's reading of
    "five teens were shot" with no one said to have died: five injured). Derived for each
    incident's place and period with no injured answer of its own, the reason saying so."""

    def near(a: Reconciled, b: Reconciled) -> bool:
        # The same incident: the same country, the same town or one of them naming none, in periods that meet.
        same_place = a.place is None or b.place is None or a.place == b.place
        return (a.unit, a.country) == (b.unit, b.country) and same_place and _periods_meet(a.period, b.period)

    injured = [a for a in answers if a.question == "injured"]
    killed = [a for a in answers if a.question == "killed"]
    derived = []
    for hit in sorted((a for a in answers if a.question == "shot or otherwise hit"), key=lambda a: (a.group is not None, -a.sources)):
        if any(near(a, hit) for a in [*injured, *derived]):
            continue
        # The incident's killed: of the same town first, then all the people (not a group), the most reported.
        dead = min((a for a in killed if near(a, hit)), key=lambda a: (a.place != hit.place, a.group is not None, -a.sources), default=None)
        dead_count = dead.best.figure.quantity if dead is not None and not _counts_others(hit.best) else 0.0
        if hit.best.figure.quantity < dead_count:
            continue  # the hit counted are not all the incident's: no difference to read
        figure = replace(hit.best.figure, quantity=hit.best.figure.quantity - dead_count, quantity_max=None, term="injured")
        reason = f"derived: {number_label(hit.best.figure.quantity)} hit less {number_label(dead_count)} killed"
        derived.append(
            replace(
                hit,
                question="injured",
                best=replace(hit.best, figure=figure),
                reason=reason,
                supporting=[],
                contradicting=[],
                earlier=[],
            )
        )
    return derived


def _counts_others(key: KeyFigure) -> bool:
    """ "one man is dead and three other people were shot", "two other teens were also shot": the
    people hit counted as others are beyond the ones killed, not among them."""
    return bool({"other", "others"} & set(re.findall(r"[\w-]+", key.figure.text.lower())))


def _periods_meet(a: TimeSpan | None, b: TimeSpan | None) -> bool:
    if a is None or b is None or a.start is None or b.start is None:
        return True
    return a.start <= (b.end or b.start) + PERIOD_GAP and b.start <= (a.end or a.start) + PERIOD_GAP


def _with_parts(answers: list[Reconciled]) -> list[Reconciled]:
    """The country's answer lists the answers for its towns (disjoint places) as its parts; their
    sum is shown as such (a sum of parts), never as a figure some source gave."""
    by_question: dict[tuple, list[Reconciled]] = defaultdict(list)
    for answer in answers:
        if answer.place is not None:
            by_question[(answer.question, answer.unit, answer.group, answer.country, answer.flow, answer.topic)].append(answer)
    result = []
    for answer in answers:
        if answer.place is None:
            parts = by_question.get((answer.question, answer.unit, answer.group, answer.country, answer.flow, answer.topic), [])
            if len({p.place for p in parts}) > 1:
                answer = replace(answer, parts=sorted(parts, key=lambda p: -p.best.figure.quantity))
        result.append(answer)
    return result


def _town(key: KeyFigure) -> str | None:
    place = key.figure.place.place if key.figure.place is not None else None
    return place.name if place is not None and place.kind in LOCAL_KINDS else None


def _words_around(key: KeyFigure) -> list[str]:
    f = key.figure
    before = f.sentence[: max(0, f.start - f.sentence_start)]
    after = f.sentence[max(0, f.end - f.sentence_start) :]
    words = re.findall(r"[\w-]+", before.lower())[-FLOW_WINDOW_WORDS:] + re.findall(r"[\w-]+", f.text.lower())
    return words + re.findall(r"[\w-]+", after.lower())[:FLOW_WINDOW_WORDS]


def _is_flow(key: KeyFigure) -> bool:
    """Whether the figure counts people newly in this state ("940,000 newly displaced")."""
    from crisisdesk.lexicon import words

    return QUESTION_OF.get(key.figure.term) not in EVENT_BOUND and bool(words("reconcile_flow_words") & set(_words_around(key)))


#: Where the clause of a count ends: a sentence or clause stop, or another count coordinated with it
#: ("17.8 million people are food insecure and 8.4 million do not know …").
CLAUSE_END = re.compile(r"[;.!?]|,?\s+(?:and|but|while|whereas)\s+(?=[^\s\d]*\d)|,\s*(?=[^\s\d]*\d)")


def _topic(key: KeyFigure, question: str) -> str | None:
    """What the figure counts beyond its term: the sector people are in need of, else the disease."""
    return _need_sector(key) if question == "in need" else _disease(key)


def _need_sector(key: KeyFigure) -> str | None:
    """The one DEEP sector the people in need are counted for ("17.8 million people are food
    insecure": Food Security), read in the figure and the rest of its clause; None for the overall
    in need ("in need of humanitarian assistance") or a clause naming several sectors."""
    from crisisdesk.lexicon import table

    f = key.figure
    after = f.sentence[max(0, f.end - f.sentence_start) :]
    clause = (f.text + " " + CLAUSE_END.split(after, maxsplit=1)[0]).lower()
    named = {sector for word, sector in table("reconcile_need_sectors").items() if re.search(rf"\b{re.escape(word)}\b", clause)}
    return named.pop() if len(named) == 1 else None


def _disease(key: KeyFigure) -> str | None:
    """The disease the figure's sentence is about, when it names exactly one."""
    from crisisdesk.lexicon import words

    sentence = key.figure.sentence.lower()
    named = sorted(d for d in words("reconcile_diseases") if re.search(rf"\b{re.escape(d)}\b", sentence))
    return named[0] if len(named) == 1 else None


def _is_part_of_a_count(key: KeyFigure) -> bool:
    # "more than 2,000 people, including 1,000 children": the part answers no question of its own.
    # A death or a wound among the people hit ("shot eight men, killing two") answers its own question.
    if key.whole is not None and key.whole.term == "casualties" and key.figure.term != "casualties":
        return False
    return key.whole is not None and key.whole.term != "population"


def _country(key: KeyFigure, countries: dict[str, str | None]) -> str | None:
    # The country of the place the figure names, else of the article (not the figure's own
    # fallback, which may be a national adjective: "Russian peacekeepers evacuated …").
    place = key.figure.place.place if key.figure.place is not None else None
    if place is not None and place.country:
        return place.country
    return countries.get(key.source.id) or key.figure.country


def day_of(key: KeyFigure) -> date | None:
    """When the figure was true: its own date, else its report's publication date."""
    span = key.figure.date
    if span is not None and (span.end or span.start):
        return span.end or span.start
    return key.source.published


def _periods(keys: Sequence[KeyFigure]) -> list[list[KeyFigure]]:
    """The figures split where their dates are more than PERIOD_GAP apart; undated ones join the
    latest period (news without a date is about the crisis at hand)."""
    dated = sorted((k for k in keys if day_of(k) is not None), key=day_of)
    periods: list[list[KeyFigure]] = []
    for key in dated:
        if periods and day_of(key) - day_of(periods[-1][-1]) <= PERIOD_GAP:
            periods[-1].append(key)
        else:
            periods.append([key])
    undated = [k for k in keys if day_of(k) is None]
    if not periods:
        return [undated]
    periods[-1].extend(undated)
    return periods


def _interval(key: KeyFigure) -> tuple[float, float]:
    """The values a figure allows, from its qualifier: "more than 28,000" is [28,000, ∞); one person
    named without a number, [1, ∞)."""
    f = key.figure
    if f.qualifier in ("more_than", "at_least") or _names_one_person(key):
        return f.quantity, float("inf")
    if f.qualifier in ("up_to", "fewer_than"):
        return 0.0, f.quantity
    if f.quantity_max is not None:
        return f.quantity, f.quantity_max
    return f.quantity * (1 - TOLERANCE), f.quantity * (1 + TOLERANCE)


def _agree(a: KeyFigure, b: KeyFigure) -> bool:
    low_a, high_a = _interval(a)
    low_b, high_b = _interval(b)
    return low_a <= high_b and low_b <= high_a


def is_bound(key: KeyFigure) -> bool:
    """Whether the figure bounds the answer rather than giving it: "more than 28,000", "up to
    500", one person named without a number (at least one)."""
    return key.figure.qualifier in ("more_than", "at_least", "up_to", "fewer_than") or _names_one_person(key)


#: An age written in a name of a person ("a 16-year-old boy"): no number of people.
_AGE = re.compile(r"\d+\s*-?\s*(?:year|month|week|day)s?\s*-?\s*old", re.IGNORECASE)


def _names_one_person(key: KeyFigure) -> bool:
    """Whether the figure is one person named without a number ("she died", "Bailey Burtron was
    killed", "a 16-year-old boy was wounded"): one of an incident's victims, at least one, not its
    count; a number a source gives ("four of the five victims were shot to death") answers first."""
    from crisisdesk.lexicon import words

    f = key.figure
    if f.quantity != 1 or f.qualifier != "exact" or QUESTION_OF.get(f.term) not in EVENT_BOUND:
        return False
    said = re.findall(r"[\w-]+", _AGE.sub(" ", f.text).lower())
    numbers = words("number_ones") | words("number_tens")
    return not any(w in numbers or any(c.isdigit() for c in w) for w in said)


def _answer(
    question: str,
    unit: str,
    group: str | None,
    country: str | None,
    keys: list[KeyFigure],
    baselines: Sequence[KeyFigure],
    same_report: dict[str, str],
    country_name: str | None,
) -> Reconciled:
    def report(k: KeyFigure) -> str:
        return same_report.get(k.source.id, k.source.id)

    # Support counts reports: a wire copy or a translation repeating a number is no second source.
    support = {id(k): {report(o) for o in keys if o is not k and report(o) != report(k) and _agree(k, o)} for k in keys}
    dated = [k for k in keys if day_of(k) is not None]
    most_recent = max(dated, key=lambda k: (day_of(k), k.figure.quantity)) if dated else None
    # A bound ("more than 28,000") answers less than a number does: numbers first, then the
    # most sources agreeing, then the most recent.
    best = max(keys, key=lambda k: (not is_bound(k), len(support[id(k)]), day_of(k) or date.min, k.figure.quantity))
    supporting, contradicting, earlier = [], [], []
    for key in keys:
        if key is best:
            continue
        if _agree(key, best):
            supporting.append(key)
        elif question in CUMULATIVE and key.figure.quantity < best.figure.quantity and _is_earlier(key, best):
            earlier.append(key)
        else:
            contradicting.append(key)
    area = _area(keys) or country_name
    return Reconciled(
        question,
        unit,
        group,
        country,
        area,
        _span(keys),
        best,
        _reason(best, support[id(best)], most_recent, contradicting, earlier),
        most_recent,
        supporting,
        contradicting,
        earlier,
        _baseline(best, keys, baselines, area),
        len({report(k) for k in keys}),
    )


def _is_earlier(key: KeyFigure, best: KeyFigure) -> bool:
    day, best_day = day_of(key), day_of(best)
    return day is not None and best_day is not None and day < best_day


def _reason(best: KeyFigure, agreeing: set[str], most_recent: KeyFigure | None, contradicting: list, earlier: list) -> str:
    parts = []
    if agreeing:
        parts.append(f"{len(agreeing) + 1} sources agree")
    else:
        parts.append("no other source states it")
    if most_recent is best and (contradicting or earlier):
        parts.append("it is the most recent figure")
    if earlier:
        parts.append(f"{len(earlier)} lower figure(s) are earlier counts")
    if contradicting:
        parts.append(f"{len(contradicting)} source(s) contradict it")
    return "; ".join(parts)


def _area(keys: Sequence[KeyFigure]) -> str | None:
    named = [k.figure.place.place.name for k in keys if k.figure.place is not None and k.figure.place.place is not None]
    if not named:
        return None
    return max(dict.fromkeys(named), key=named.count)


def _span(keys: Sequence[KeyFigure]) -> TimeSpan | None:
    days = [d for d in (day_of(k) for k in keys) if d is not None]
    return TimeSpan(min(days), max(days), "day") if days else None


def _baseline(best: KeyFigure, keys: Sequence[KeyFigure], baselines: Sequence[KeyFigure], area: str | None) -> KeyFigure | None:
    """The population the figures are a share of: one a figure is linked to by its own sentence
    ("100,000 … out of the 120,000 Armenian population"), else one of the same place."""
    linked = [k.whole for k in keys if k.whole is not None]
    if linked:
        whole = linked[0]
        return next((b for b in baselines if b.figure is whole), None)
    for baseline in baselines:
        place = baseline.figure.place.place if baseline.figure.place is not None else None
        same_group = baseline.figure.group == best.figure.group
        # A share needs the population of the same place and group, and more people than the part.
        if place is not None and area is not None and place.name == area and same_group and baseline.figure.quantity > best.figure.quantity:
            return baseline
    return None


def countries_of(extractions: Iterable[Extraction]) -> dict[str, str | None]:
    """The country each article is mostly about, by article id."""
    return {x.article.id: main_country(x) for x in extractions}
