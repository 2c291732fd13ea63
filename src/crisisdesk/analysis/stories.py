"""Stories: the stored articles grouped by the crisis they report, each named by its main event and
place ("Military offensive — Nagorno-Karabakh"), with its near-duplicates counted once.

1. Near-duplicates (:mod:`crisisdesk.analysis.dedup`): syndicated copies and translations of one
   report become one *report*; its places are those of any of its copies.
2. Every two reports get a score from what they say and where and when:
   ``TEXT_WEIGHT × cosine of their multilingual vectors + PLACE_WEIGHT × place similarity``
   (the cosine of their place-mention counts, 0.7, and of their country counts, 0.3; reports
   without a resolved place are scored by their text alone), times a time factor that is 1 for
   reports published up to :data:`SAME_STORY_DAYS` apart and falls to 0 at :data:`OTHER_STORY_DAYS`
   (undated reports are not held apart by time), times :data:`DISJOINT_SITES_FACTOR` when both
   put their events and figures in places below a country (sites) and none of one's lies in the
   area of one of the other's (the same place, a town within its province, or about 50 km):
   two towns of one country are two stories however alike the reports read.
3. Average-linkage clustering of the dated reports (per block, see below) cuts the tree where the mean score between two
   groups falls below :data:`STORY_THRESHOLD`. On the synthetic corpus and the seeds, two reports of one crisis score
   0.32-0.85, of different crises at most 0.19. On 330 unrelated news articles (bench), giving
   countries half the place similarity made one story of 107 (any two undated articles on the
   United States met); 0.3 with a threshold of 0.4 leaves 150 stories, the largest of 25.

Stories nest: each holds the *incidents* its reports tell (:func:`incidents_of`): reports that name
the same people, read alike, name the same town, were published close together, give no ages that
disagree and give the same counts of casualties (a shooting and its follow-ups; text similarity
alone is not identity, since two shootings read alike). Incidents are found among candidate
pairs only (a shared rare name, or a town or country and month; in a crowded block, each report's nearest by text), scored all at once, and a connected set of pairs
is cut by average linkage (over its candidate pairs alone when it is large); crises are clustered
within blocks of reports linked by a main country (cut at :data:`CRISIS_BLOCK_LIMIT` in
publication order) on a float32 score matrix, so grouping stays near-linear; crises that share an
incident are one.

A story's main event is the event type the most of its reports tell as happened or under way (the
shock before its consequences on a tie: an offensive before the displacement it caused), its main
place the place the most of its reports put their events and figures in (then the one they name
most), and its period runs from the earliest date its reports give for what they narrate as recent
to the last publication date.

Only :class:`~crisisdesk.model.Extraction` records are read (and the article vectors, computed here
from the article text when the caller has none): nothing reaches back into the nlp stage.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from crisisdesk.analysis.dedup import DuplicatePair, find_duplicates
from crisisdesk.analysis.timeline import PHASES, span_label
from crisisdesk.model import EVENT_LABELS, EVENT_TYPES, TERM_LABELS, Extraction, Place, TimeSpan

if TYPE_CHECKING:
    import numpy as np

    from crisisdesk.store import Store

TEXT_WEIGHT = 0.5
PLACE_WEIGHT = 0.5
STORY_THRESHOLD = 0.4
#: How much of the place similarity is the countries' (the rest is the places'): sharing a country
#: says less than sharing a town.
COUNTRY_SHARE = 0.3
#: Reports up to this far apart are not held apart by time; beyond it the score falls linearly
#: to nothing at OTHER_STORY_DAYS (a crisis is reported for weeks to months).
SAME_STORY_DAYS = 60
OTHER_STORY_DAYS = 365
#: A date the text gives counts towards the story's period when it is at most this long before
#: the publication ("since June" in an August report); older ones are background.
PERIOD_LOOKBACK_DAYS = 90
#: Statuses that say an event took place (not planned, not denied).
TOLD_AS_FACT = ("happened", "under_way")
#: Which place names a story when as many reports name each: a country, then a region, then smaller.
_KIND_RANK = {"country": 0, "region": 1, "admin1": 2, "admin2": 3, "corridor": 4, "city": 5}
#: Incidents: two reports tell one incident when the people they name, what they say and where
#: and when agree. Score: (NAME_WEIGHT × cosine of their rare names + (1 − NAME_WEIGHT) × text
#: cosine) × (½ + ½ place agreement) × (½ + ½ time agreement) × AGE_CONFLICT_FACTOR when the
#: people's ages disagree × SAME_COUNT_FACTOR when they give the same count of casualties (at most
#: 1); average linkage cut at INCIDENT_THRESHOLD. Tuned on the tuning half of ../shared/eval/gva
#: (see crisisdesk.eval.stories): with the ages, 0.32 → 0.28 joins more follow-ups (B-cubed F1
#: 0.906 → 0.923 tuning, 0.884 → 0.906 checking); the counts join same-day reports worded apart
#: (0.919 → 0.923, 0.903 → 0.911 on later extractions; 1.2 to 1.5 score alike).
NAME_WEIGHT = 0.5
INCIDENT_THRESHOLD = 0.28
#: Publication gap (days) up to which two reports are not held apart as incidents; beyond it the
#: time agreement falls linearly to nothing over INCIDENT_FADE_DAYS (a trial is reported months later).
INCIDENT_SAME_DAYS = 30
INCIDENT_FADE_DAYS = 300
#: A name in more than this share of the reports (and more than two) is a common word, not a person.
COMMON_NAME_SHARE = 0.02
#: A name shared by more reports than this pairs none of them by itself (it still counts in their
#: score): the candidate pairs stay near-linear whatever the corpus.
NAME_BLOCK_LIMIT = 50
#: A candidate pair must share a rare name, or a town (a country, for reports naming no town) and
#: a publication month or a neighbouring one: blocking keeps the pairs scored near-linear.
BLOCK_MONTHS = 1
#: A block of more reports than this (one town, or one country for reports naming no town, over
#: two months) pairs each only with its WHEN_NEIGHBOURS nearest by text, so that a busy town or a
#: country whose reports name no town does not make the candidate pairs grow with its square.
WHEN_BLOCK_LIMIT = 400
WHEN_NEIGHBOURS = 40
#: A connected set of incident pairs up to this size is cut by average linkage over every two of
#: its reports; a larger one over its candidate pairs only (sparse_average_linkage).
DENSE_INCIDENT_LIMIT = 500
#: Pairs scored at once (memory: two gathered text vectors per pair).
_PAIR_CHUNK = 20_000
#: Place kinds that pin an incident down (a country or region says too little).
_LOCAL_KINDS = frozenset({"city", "town", "village", "admin2", "camp", "crossing"})
#: Two reports that each give people's ages ("a 6-year-old girl", "Marlon Eason, 10,") and share
#: none tell different people: their incident score is multiplied by this (two shootings of
#: children in one city and season read alike; the victims' ages tell them apart).
AGE_CONFLICT_FACTOR = 0.7
#: Two reports that give the same count of people killed, injured or shot (two or more: one is too
#: common to tell) are more likely one incident: their incident score is multiplied by this.
SAME_COUNT_FACTOR = 1.3
#: The terms whose counts tell an incident.
_INCIDENT_TERMS = ("killed", "injured", "casualties")
#: Ages as local news gives them: "6-year-old", "6 years old", "aged 6", "Eason, 10,".
_AGE = re.compile(r"\b(\d{1,3})[- ](?:years?|yr)[- ]old\b|\baged (\d{1,3})\b|\b[A-Z][a-z'’]+, (\d{1,2}),")
#: Proper-name sequences ("Brady Osborne", "Jean-Luc Martin"): the people a report names, cheaply.
_NAME = re.compile(r"\b[A-Z][a-z'’]+(?:[ -](?:[A-Z]\. )?[A-Z][a-z'’]+)+")
#: The most reports clustered together into crises at once (see _crisis_blocks).
CRISIS_BLOCK_LIMIT = 3000
#: Place kinds too large to say where a report's events are: its sites are the places below them.
_NOT_SITES = frozenset({"country", "continent"})
#: Two sites are one area when they are the same place, in the same first-level division (a town
#: within its province, or the province itself), or in the same or a neighbouring cell of a grid
#: of SITE_CELL_DEGREES (about 50 km: a town and the district or region around it, Douma and
#: Eastern Ghouta; a region without a division named on it is known by its point only).
SITE_CELL_DEGREES = 0.45
#: Two reports that each put their events and figures in sites, none of one in the area of one of
#: the other's (the Afrin shelling and the Eastern Ghouta offensive, both in Syria, the same
#: weeks), tell different stories however alike they read: their story score is multiplied by this.
DISJOINT_SITES_FACTOR = 0.5
#: Figure terms that can name a story without an event ("People killed — Malawi").
_HOUSING = ("destroyed_housing", "partially_destroyed_housing")


@dataclass(frozen=True)
class DuplicateGroup:
    """Articles that are one report: syndicated copies or translations of each other."""

    articles: tuple[str, ...]  # ids, the first the earliest
    pairs: tuple[DuplicatePair, ...]

    @property
    def kinds(self) -> list[str]:
        return sorted({p.kind for p in self.pairs})


@dataclass(frozen=True)
class Story:
    id: str
    label: str
    articles: tuple[str, ...]  # every article of the story, earliest first (undated last)
    duplicates: tuple[DuplicateGroup, ...]  # groups of two or more articles that are one report
    main_place: Place | None
    main_event: str | None  # one of EVENT_TYPES
    period: TimeSpan | None
    country: str | None = None  # ISO3 of the main place
    places: tuple[str, ...] = field(default=())  # the places its reports name, most named first
    incidents: tuple[tuple[str, ...], ...] = field(default=())  # the incidents it holds: their articles, earliest first

    @property
    def reports(self) -> int:
        """Articles counted once per duplicate group."""
        return len(self.articles) - sum(len(g.articles) - 1 for g in self.duplicates)

    @property
    def period_label(self) -> str:
        return span_label(self.period)


@dataclass
class _Report:
    """One report: an article and its copies and translations."""

    members: list[Extraction]
    vector: np.ndarray
    places: Counter = field(default_factory=Counter)  # place key → mentions
    named: dict = field(default_factory=dict)  # place key → Place
    countries: Counter = field(default_factory=Counter)
    first: date | None = None  # publication dates
    last: date | None = None
    names: Counter = field(default_factory=Counter)  # words of the proper names it writes, places excluded
    local: set = field(default_factory=set)  # keys of the towns and districts it locates things in
    ages: set = field(default_factory=set)  # the ages of people it gives
    counts: set = field(default_factory=set)  # (term, quantity) of the casualties it counts, two or more
    sites: dict = field(default_factory=dict)  # place key → Place its events and figures are in, below a country


def build_stories(extractions: Iterable[Extraction], vectors: Mapping[str, np.ndarray] | None = None) -> list[Story]:
    """The stories of ``extractions``, the largest first. ``vectors`` are the articles' embeddings
    (:func:`crisisdesk.analysis.embeddings.article_vectors`); those missing are computed here."""
    extractions = list(extractions)
    if not extractions:
        return []
    vectors = dict(vectors or {})
    missing = [x.article for x in extractions if x.article.id not in vectors]
    if missing:
        from crisisdesk.analysis.embeddings import article_vectors

        vectors |= article_vectors(missing)
    by_id = {x.article.id: x for x in extractions}
    groups, pairs = find_duplicates([x.article for x in extractions], vectors)
    reports = [_report([by_id[i] for i in group], vectors) for group in groups]
    incidents = [[reports[i] for i in members] for members in incidents_of(reports)]
    clusters = _nested(_cluster(reports), incidents)
    stories = [_story(members, pairs, incidents) for members in clusters]
    return sorted(stories, key=lambda s: (-s.reports, -(s.period.end.toordinal() if s.period and s.period.end else 0), s.id))


def stories_of_store(store: Store, extractions: Sequence[Extraction] | None = None) -> list[Story]:
    """The stories of every stored article (``extractions``: the store's, when the caller has read
    them already). Article vectors are read from the store; those it lacks are computed once and
    kept there."""
    from crisisdesk.analysis.embeddings import MODEL, article_vectors

    if extractions is None:
        extractions = list(store.extractions())
    vectors = store.article_vectors(MODEL)
    missing = [x.article for x in extractions if x.article.id not in vectors]
    if missing:
        computed = article_vectors(missing)
        store.save_article_vectors(MODEL, computed)
        vectors |= computed
    return build_stories(extractions, vectors)


# --- reports --------------------------------------------------------------------------------------


def _place_key(place: Place) -> tuple:
    return ("geonames", place.geonames_id) if place.geonames_id is not None else (place.source, place.name, place.country)


def _report(members: list[Extraction], vectors: Mapping[str, np.ndarray]) -> _Report:
    import numpy as np

    members = sorted(members, key=lambda x: (x.article.published or date.max, x.article.id))
    mean = np.mean([vectors[x.article.id] for x in members], axis=0)
    norm = float(np.linalg.norm(mean))
    report = _Report(members, mean / norm if norm else mean)
    for x in members:  # copies name the same places: the most any of them does
        places: Counter = Counter()
        countries: Counter = Counter()
        for mention in x.places:
            if mention.place is None:
                continue
            key = _place_key(mention.place)
            report.named.setdefault(key, mention.place)
            places[key] += 1
            if mention.place.country:
                countries[mention.place.country] += 1
        report.places |= places
        report.countries |= countries
    dates = [x.article.published for x in members if x.article.published]
    report.first, report.last = (min(dates), max(dates)) if dates else (None, None)
    placed = {m.text for x in members for m in x.places}
    for x in members:
        words = Counter(
            w for m in _NAME.finditer(x.article.text) if m.group() not in placed for w in m.group().replace("-", " ").split() if len(w) > 2
        )
        report.names |= words
        report.ages |= ages_in(x.article.text)
        report.counts |= {(f.term, f.quantity) for f in x.figures if f.term in _INCIDENT_TERMS and f.quantity >= 2}
        report.local |= {_place_key(m.place) for m in x.places if m.place is not None and m.locates and m.place.kind in _LOCAL_KINDS}
        for fact in (*x.figures, *x.events):
            place = fact.place.place if fact.place is not None else None
            if place is not None and place.kind not in _NOT_SITES:
                report.sites[_place_key(place)] = place
    return report


def _site_keys(report: _Report, *, near: bool) -> set[tuple]:
    """What a report's sites are known by: the place, its first-level division, its grid cell (and
    the neighbouring cells with ``near``). Two reports' sites meet when the keys of one meet the
    near keys of the other (see SITE_CELL_DEGREES)."""
    keys: set[tuple] = set()
    for key, place in report.sites.items():
        keys.add(("place", key))
        division = place.name if place.kind == "admin1" else place.admin1
        if division:
            keys.add(("division", place.country, division.casefold()))
        if place.lat is not None and place.lon is not None:
            row, column = math.floor(place.lat / SITE_CELL_DEGREES), math.floor(place.lon / SITE_CELL_DEGREES)
            steps = (-1, 0, 1) if near else (0,)
            keys.update(("cell", row + a, column + b) for a in steps for b in steps)
    return keys


def sites_apart(a: _Report, b: _Report) -> bool:
    """Whether both reports have sites and none of one lies in the area of one of the other's."""
    return bool(a.sites) and bool(b.sites) and not (_site_keys(a, near=False) & _site_keys(b, near=True))


def ages_in(text: str) -> set[int]:
    """The ages of people a text gives ("a 6-year-old girl", "aged 6", "Marlon Eason, 10,")."""
    return {int(next(g for g in m.groups() if g)) for m in _AGE.finditer(text)}


# --- incidents ------------------------------------------------------------------------------------


def incidents_of(reports: Sequence[_Report]) -> list[list[int]]:
    """The reports (by index) grouped into incidents: the same event told again, followed up or
    copied, recognised by the people named, the text, the town and the time (see NAME_WEIGHT).
    Only candidate pairs (:func:`_candidate_pairs`) are scored, all at once (numpy); each connected
    set of pairs scoring at least INCIDENT_THRESHOLD is cut by average linkage: over every two of
    its reports when it has up to DENSE_INCIDENT_LIMIT, else over its candidate pairs alone (a pair
    never scored counts as 0), so that no step grows with the square of the corpus."""
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(reports)
    if n == 0:
        return []
    features = _incident_features(reports)
    first, second = _candidate_pairs(reports, features)
    scores = _incident_scores(features, first, second)
    linked = scores >= INCIDENT_THRESHOLD
    graph = coo_matrix((np.ones(int(linked.sum())), (first[linked], second[linked])), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    # The candidate pairs within each component (by component), for the large ones.
    within = np.flatnonzero(labels[first] == labels[second])
    pair_order = within[np.argsort(labels[first][within], kind="stable")]
    pair_labels = labels[first][pair_order]
    incidents = []
    for members in np.split(order, bounds):
        if len(members) == 1:
            incidents.append([int(members[0])])
        elif len(members) <= DENSE_INCIDENT_LIMIT:
            a, b = np.triu_indices(len(members), 1)
            incidents.extend(_cut_dense(members, _incident_scores(features, members[a], members[b])))
        else:
            label = labels[members[0]]
            chosen = pair_order[np.searchsorted(pair_labels, label, "left") : np.searchsorted(pair_labels, label, "right")]
            local = {int(m): k for k, m in enumerate(members)}
            a = np.array([local[int(i)] for i in first[chosen]])
            b = np.array([local[int(j)] for j in second[chosen]])
            clusters = sparse_average_linkage(len(members), a, b, scores[chosen], INCIDENT_THRESHOLD)
            incidents.extend([int(members[k]) for k in cluster] for cluster in clusters)
    return sorted(incidents, key=min)


@dataclass(frozen=True)
class _IncidentFeatures:
    """What the incident score reads of every report, as arrays (row i: report i)."""

    vectors: np.ndarray  # unit text vectors
    names: object  # scipy CSR: rare names by tf-idf, unit rows
    towns: object  # scipy CSR: 1 for each town or district the report locates things in
    has_town: np.ndarray
    ages: object  # scipy CSR: 1 for each age the report gives
    counts: object  # scipy CSR: 1 for each casualty count the report gives
    has_age: np.ndarray
    first: np.ndarray  # publication dates as ordinals (0: undated)
    last: np.ndarray
    dated: np.ndarray


def _incident_features(reports: Sequence[_Report]) -> _IncidentFeatures:
    import numpy as np

    names = _name_vectors(reports)
    return _IncidentFeatures(
        vectors=np.stack([r.vector for r in reports]).astype(np.float32),
        names=_sparse_rows(names),
        towns=_sparse_rows([dict.fromkeys(r.local, 1.0) for r in reports]),
        has_town=np.array([bool(r.local) for r in reports]),
        ages=_sparse_rows([dict.fromkeys(r.ages, 1.0) for r in reports]),
        has_age=np.array([bool(r.ages) for r in reports]),
        counts=_sparse_rows([dict.fromkeys(r.counts, 1.0) for r in reports]),
        first=np.array([r.first.toordinal() if r.first else 0 for r in reports]),
        last=np.array([r.last.toordinal() if r.last else 0 for r in reports]),
        dated=np.array([r.first is not None for r in reports]),
    )


def _sparse_rows(rows: Sequence[Mapping]):
    """A CSR matrix with one row per mapping (key → value), keys numbered in order of appearance."""
    from scipy.sparse import csr_matrix

    index: dict = {}
    pointers, columns, values = [0], [], []
    for row in rows:
        for key, value in row.items():
            columns.append(index.setdefault(key, len(index)))
            values.append(value)
        pointers.append(len(columns))
    return csr_matrix((values, columns, pointers), shape=(len(rows), max(1, len(index))))


def _name_vectors(reports: Sequence[_Report]) -> list[dict[str, float]]:
    """Each report's rare names weighted by tf-idf, unit length; common words (in more than
    COMMON_NAME_SHARE of the reports) dropped."""
    n = len(reports)
    df = Counter(w for r in reports for w in r.names)
    common = max(2.0, COMMON_NAME_SHARE * n)
    vectors = []
    for report in reports:
        weights = {w: (1 + math.log(c)) * math.log((n + 1) / df[w]) for w, c in report.names.items() if df[w] <= common}
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        vectors.append({w: v / norm for w, v in weights.items() if v > 0})
    return vectors


def _candidate_pairs(reports: Sequence[_Report], features: _IncidentFeatures) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (i < j, two index arrays) worth scoring: a shared rare name (one shared by more
    than NAME_BLOCK_LIMIT reports pairs none), or the same town (the same country, for reports
    naming no town) and a publication month or the next; in a block of more than WHEN_BLOCK_LIMIT
    reports, each is paired with its WHEN_NEIGHBOURS nearest by text only."""
    import numpy as np

    blocks: dict[tuple, list[int]] = {}
    names = features.names
    vocabulary = names.indices
    for i, report in enumerate(reports):
        for column in vocabulary[names.indptr[i] : names.indptr[i + 1]]:
            blocks.setdefault(("name", int(column)), []).append(i)
        month = _month(report.first)
        # A report that names a town is compared with those naming it; one that names none, with
        # those of its countries.
        for where in report.local or [("country", c) for c in report.countries] or [None]:
            blocks.setdefault(("when", where, month), []).append(i)
    found: list[np.ndarray] = []
    for key, members in blocks.items():
        if key[0] == "name":
            if 1 < len(members) <= NAME_BLOCK_LIMIT:
                a, b = np.triu_indices(len(members), 1)
                chosen = np.asarray(members)
                found.append(chosen[a] * len(reports) + chosen[b])
            continue
        _, where, month = key
        near = list(members)
        if month is not None:
            for step in range(1, BLOCK_MONTHS + 1):
                near += blocks.get(("when", where, month + step), [])
        if len(near) > 1:
            found.append(_block_pairs(np.asarray(members), np.asarray(near), features.vectors, len(reports)))
    if not found:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    codes = np.concatenate(found)
    first, second = codes // len(reports), codes % len(reports)
    low, high = np.minimum(first, second), np.maximum(first, second)
    codes = np.unique(low[low != high] * len(reports) + high[low != high])
    return codes // len(reports), codes % len(reports)


def _block_pairs(members: np.ndarray, near: np.ndarray, vectors: np.ndarray, n: int) -> np.ndarray:
    """Pairs (coded i·n + j) of each of ``members`` with ``near``: all of them, or in a block of
    more than WHEN_BLOCK_LIMIT its WHEN_NEIGHBOURS nearest by text."""
    import numpy as np

    if len(near) <= WHEN_BLOCK_LIMIT:
        return (members[:, None] * n + near[None, :]).ravel()
    found = []
    for start in range(0, len(members), 512):
        rows = members[start : start + 512]
        similar = vectors[rows] @ vectors[near].T
        nearest = np.argpartition(-similar, WHEN_NEIGHBOURS, axis=1)[:, : WHEN_NEIGHBOURS + 1]
        found.append((rows[:, None] * n + near[nearest]).ravel())
    return np.concatenate(found)


def _month(day: date | None) -> int | None:
    return None if day is None else day.year * 12 + day.month


def _incident_scores(features: _IncidentFeatures, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """How surely each pair (first[k], second[k]) tells one incident, 0 to 1 (see NAME_WEIGHT), in
    chunks so that memory stays bounded."""
    import numpy as np

    out = np.empty(len(first))
    f = features
    for start in range(0, len(first), _PAIR_CHUNK):
        i, j = first[start : start + _PAIR_CHUNK], second[start : start + _PAIR_CHUNK]
        name = np.asarray(f.names[i].multiply(f.names[j]).sum(axis=1)).ravel()
        text = np.clip(np.einsum("ij,ij->i", f.vectors[i], f.vectors[j]), 0.0, None)
        shared = np.asarray(f.towns[i].multiply(f.towns[j]).sum(axis=1)).ravel() > 0
        # One of them names no town: neither for nor against.
        place = np.where(f.has_town[i] & f.has_town[j], shared.astype(float), 0.5)
        gap = np.maximum(np.maximum(f.first[i] - f.last[j], f.first[j] - f.last[i]), 0)
        fade = np.clip(1 - (gap - INCIDENT_SAME_DAYS) / INCIDENT_FADE_DAYS, 0.0, None)
        when = np.where(f.dated[i] & f.dated[j], np.where(gap <= INCIDENT_SAME_DAYS, 1.0, fade), 0.5)
        same_age = np.asarray(f.ages[i].multiply(f.ages[j]).sum(axis=1)).ravel() > 0
        ages = np.where(f.has_age[i] & f.has_age[j] & ~same_age, AGE_CONFLICT_FACTOR, 1.0)
        ages *= np.where(np.asarray(f.counts[i].multiply(f.counts[j]).sum(axis=1)).ravel() > 0, SAME_COUNT_FACTOR, 1.0)
        score = (NAME_WEIGHT * name + (1 - NAME_WEIGHT) * text) * (0.5 + 0.5 * place) * (0.5 + 0.5 * when) * ages
        out[start : start + len(i)] = np.minimum(score, 1.0)
    return out


def _cut_dense(members: np.ndarray, scores: np.ndarray) -> list[list[int]]:
    """Average-linkage clusters of ``members`` cut at INCIDENT_THRESHOLD; ``scores`` of every two
    of them in condensed order ((0, 1), (0, 2) … (1, 2) …)."""
    from scipy.cluster.hierarchy import fcluster, linkage

    labels = fcluster(linkage(1.0 - scores, method="average"), t=1.0 - INCIDENT_THRESHOLD, criterion="distance")
    clusters: dict[int, list[int]] = {}
    for member, label in zip(members, labels):
        clusters.setdefault(int(label), []).append(int(member))
    return list(clusters.values())


def sparse_average_linkage(count: int, first: np.ndarray, second: np.ndarray, scores: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-linkage clusters of ``count`` items cut where the mean score between two clusters
    falls below ``threshold``, knowing only the scores of the pairs given (every other pair counts
    as 0): the two clusters of highest mean score merge while it is at least ``threshold``. Work
    grows with the pairs given, not with ``count`` squared."""
    import heapq

    size = [1] * count
    links: list[dict[int, float]] = [{} for _ in range(count)]  # cluster → {other cluster: sum of scores}
    for i, j, score in zip(first.tolist(), second.tolist(), scores.tolist()):
        if i != j:
            links[i][j] = links[i].get(j, 0.0) + score
            links[j][i] = links[i][j]
    heap = [(-s, i, j) for i in range(count) for j, s in links[i].items() if i < j and s >= threshold]
    heapq.heapify(heap)
    merged_into = list(range(count))
    while heap:
        negative, i, j = heapq.heappop(heap)
        if merged_into[i] != i or merged_into[j] != j or j not in links[i] or links[i][j] / (size[i] * size[j]) != -negative:
            continue  # a cluster merged since, or its mean changed: a newer entry holds it
        if len(links[i]) < len(links[j]):
            i, j = j, i  # the one with fewer links is folded into the other
        merged_into[j] = i
        del links[i][j], links[j][i]
        for k, score in links[j].items():
            links[i][k] = links[i].get(k, 0.0) + score
            del links[k][j]
            links[k][i] = links[i][k]
        links[j] = {}
        size[i] += size[j]
        for k, score in links[i].items():
            mean = score / (size[i] * size[k])
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(i, k), max(i, k)))
    clusters: dict[int, list[int]] = {}
    for item in range(count):
        root = item
        while merged_into[root] != root:
            root = merged_into[root]
        clusters.setdefault(root, []).append(item)
    return list(clusters.values())


def _nested(crises: list[list[_Report]], incidents: list[list[_Report]]) -> list[list[_Report]]:
    """Crises that share an incident are one crisis: an incident lies within one crisis."""
    crisis_of = {id(r): c for c, members in enumerate(crises) for r in members}
    parent = list(range(len(crises)))

    def root(c: int) -> int:
        while parent[c] != c:
            c = parent[c]
        return c

    for incident in incidents:
        first = root(crisis_of[id(incident[0])])
        for report in incident[1:]:
            other = root(crisis_of[id(report)])
            if other != first:
                parent[other] = first
    merged: dict[int, list[_Report]] = {}
    for c, members in enumerate(crises):
        merged.setdefault(root(c), []).extend(members)
    return list(merged.values())


# --- clustering -----------------------------------------------------------------------------------


def _cosine(a: Counter, b: Counter) -> float:
    dot = sum(a[k] * b[k] for k in a.keys() & b.keys())
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def _time_factor(a: _Report, b: _Report) -> float:
    if a.first is None or b.first is None:
        return 1.0
    gap = max((a.first - b.last).days, (b.first - a.last).days, 0)
    if gap <= SAME_STORY_DAYS:
        return 1.0
    return max(0.0, 1 - (gap - SAME_STORY_DAYS) / (OTHER_STORY_DAYS - SAME_STORY_DAYS))


def pair_score(a: _Report, b: _Report) -> float:
    """How surely two reports tell one story (see module docstring), 0 to 1."""
    text = max(0.0, float(a.vector @ b.vector))
    if a.places and b.places:
        where = (1 - COUNTRY_SHARE) * _cosine(a.places, b.places) + COUNTRY_SHARE * _cosine(a.countries, b.countries)
        score = TEXT_WEIGHT * text + PLACE_WEIGHT * where
    else:
        score = text
    return score * _time_factor(a, b) * (DISJOINT_SITES_FACTOR if sites_apart(a, b) else 1.0)


def _cluster(reports: Sequence[_Report]) -> list[list[_Report]]:
    """Crises: each block of reports (see :func:`_crisis_blocks`) clustered on its own."""
    clusters: list[list[_Report]] = []
    for block in _crisis_blocks(reports):
        clusters.extend(_cluster_block(block))
    return clusters


def _crisis_blocks(reports: Sequence[_Report]) -> list[list[_Report]]:
    """Reports that can be one crisis: those linked by a country among the two each names most
    (reports naming no country together); a block larger than CRISIS_BLOCK_LIMIT is cut into runs
    in publication order, so that the clustering stays near-linear."""
    parent = list(range(len(reports)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[str | None, int] = {}
    for i, report in enumerate(reports):
        for country in [c for c, _ in report.countries.most_common(2)] or [None]:
            if country in first_with:
                parent[root(i)] = root(first_with[country])
            else:
                first_with[country] = i
    blocks: dict[int, list[_Report]] = {}
    for i, report in enumerate(reports):
        blocks.setdefault(root(i), []).append(report)
    cut = []
    for block in blocks.values():
        block.sort(key=lambda r: (r.first is None, r.first or date.max))
        cut.extend(block[at : at + CRISIS_BLOCK_LIMIT] for at in range(0, len(block), CRISIS_BLOCK_LIMIT))
    return cut


def _cluster_block(reports: Sequence[_Report]) -> list[list[_Report]]:
    """Average linkage of the dated reports; an undated one joins the cluster it scores best with
    on average (at least STORY_THRESHOLD), the rest are clustered among themselves."""
    import numpy as np

    scores = score_matrix(reports)
    dated = [i for i, r in enumerate(reports) if r.first is not None]
    undated = [i for i, r in enumerate(reports) if r.first is None]
    clusters = _average_linkage(dated, scores)
    joined: list[list[int]] = [[] for _ in clusters]
    alone: list[int] = []
    for i in undated:
        means = [float(np.mean(scores[i, cluster])) for cluster in clusters]
        best = max(range(len(clusters)), key=means.__getitem__, default=None)
        if best is not None and means[best] >= STORY_THRESHOLD:
            joined[best].append(i)
        else:
            alone.append(i)
    found = [cluster + extra for cluster, extra in zip(clusters, joined)] + _average_linkage(alone, scores)
    return [[reports[i] for i in cluster] for cluster in found]


def score_matrix(reports: Sequence[_Report]):
    """:func:`pair_score` of every two reports at once (numpy, float32, in place: a block of
    CRISIS_BLOCK_LIMIT reports takes a few of its squares in memory), as a square matrix."""
    import numpy as np

    vectors = np.stack([r.vector for r in reports]).astype(np.float32)
    score = vectors @ vectors.T
    np.clip(score, 0.0, None, out=score)
    where = _cosines([r.places for r in reports])
    where *= 1 - COUNTRY_SHARE
    where += COUNTRY_SHARE * _cosines([r.countries for r in reports])
    where *= PLACE_WEIGHT
    where += TEXT_WEIGHT * score
    placed = np.array([bool(r.places) for r in reports])
    np.copyto(score, where, where=placed[:, None] & placed[None, :])  # reports without a place: their text alone
    del where
    dated = np.array([r.first is not None for r in reports])
    first = np.array([r.first.toordinal() if r.first else 0 for r in reports], dtype=np.float32)
    last = np.array([r.last.toordinal() if r.last else 0 for r in reports], dtype=np.float32)
    gap = np.maximum(first[:, None] - last[None, :], first[None, :] - last[:, None])
    gap -= SAME_STORY_DAYS
    np.clip(gap, 0.0, None, out=gap)
    gap *= -1.0 / (OTHER_STORY_DAYS - SAME_STORY_DAYS)
    gap += 1.0
    np.clip(gap, 0.0, 1.0, out=gap)  # the time factor: 1 up to SAME_STORY_DAYS apart, 0 from OTHER_STORY_DAYS
    score *= np.where(dated[:, None] & dated[None, :], gap, np.float32(1.0))
    score *= _sites_factors(reports)
    return score


def _sites_factors(reports: Sequence[_Report]):
    """DISJOINT_SITES_FACTOR where two reports' sites are apart (:func:`sites_apart`), else 1, for
    every two reports (a sparse product of their site keys)."""
    import numpy as np

    own = _key_rows([_site_keys(r, near=False) for r in reports] + [_site_keys(r, near=True) for r in reports])
    n = len(reports)
    meet = (own[:n] @ own[n:].T).toarray() > 0
    placed = np.array([bool(r.sites) for r in reports])
    return np.where(placed[:, None] & placed[None, :] & ~meet, np.float32(DISJOINT_SITES_FACTOR), np.float32(1.0))


def _key_rows(rows: Sequence[set]):
    """A CSR matrix of ones, one row per set of keys, keys numbered in order of appearance."""
    return _sparse_rows([dict.fromkeys(row, 1.0) for row in rows]).astype("float32")


def _cosines(counts: Sequence[Counter]):
    """Cosine of every two count vectors (sparse), as a dense square float32 matrix."""
    import numpy as np
    from scipy.sparse import csr_matrix

    index: dict = {}
    rows, cols, values = [], [], []
    for row, counter in enumerate(counts):
        norm = math.sqrt(sum(v * v for v in counter.values())) or 1.0
        for key, value in counter.items():
            rows.append(row)
            cols.append(index.setdefault(key, len(index)))
            values.append(value / norm)
    matrix = csr_matrix((np.asarray(values, dtype=np.float32), (rows, cols)), shape=(len(counts), max(1, len(index))))
    return (matrix @ matrix.T).toarray()


def _average_linkage(members: Sequence[int], scores) -> list[list[int]]:
    if len(members) <= 1:
        return [list(members)] if members else []
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    chosen = np.asarray(members)
    distances = 1.0 - scores[np.ix_(chosen, chosen)]
    np.fill_diagonal(distances, 0.0)
    distances = np.clip((distances + distances.T) / 2, 0.0, None)
    labels = fcluster(linkage(squareform(distances, checks=False), method="average"), t=1.0 - STORY_THRESHOLD, criterion="distance")
    clusters: dict[int, list[int]] = {}
    for member, label in zip(members, labels):
        clusters.setdefault(int(label), []).append(member)
    return list(clusters.values())


# --- what a story is about ------------------------------------------------------------------------


def _story(reports: list[_Report], pairs: Sequence[DuplicatePair], incidents: Sequence[list[_Report]] = ()) -> Story:
    extractions = sorted(
        (x for r in reports for x in r.members), key=lambda x: (x.article.published is None, x.article.published or date.max, x.article.id)
    )
    ids = tuple(x.article.id for x in extractions)
    groups = []
    for report in reports:
        if len(report.members) > 1:
            members = {x.article.id for x in report.members}
            group_pairs = tuple(p for p in pairs if p.a in members and p.b in members)
            groups.append(DuplicateGroup(tuple(i for i in ids if i in members), group_pairs))
    groups.sort(key=lambda g: ids.index(g.articles[0]))
    place, ranked_places = _main_place(reports)
    event = _main_event(reports)
    return Story(
        id="story-" + hashlib.sha1(ids[0].encode()).hexdigest()[:10],
        label=_label(event, place, reports),
        articles=ids,
        duplicates=tuple(groups),
        main_place=place,
        main_event=event,
        period=_period(reports),
        country=place.country if place else None,
        places=tuple(p.name for p in ranked_places),
        incidents=_incidents_within(reports, incidents, ids),
    )


def _incidents_within(reports: list[_Report], incidents: Sequence[list[_Report]], ids: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The incidents of a story as article ids in the story's order, the earliest incident first."""
    held = {id(r) for r in reports}
    found = []
    for incident in incidents:
        if id(incident[0]) in held:
            articles = {x.article.id for r in incident for x in r.members}
            found.append(tuple(i for i in ids if i in articles))
    return tuple(sorted(found, key=lambda a: ids.index(a[0])))


def _main_place(reports: list[_Report]) -> tuple[Place | None, list[Place]]:
    """Where the story happens: the place the most reports put an event or a figure in, then the
    place of the most such facts, then the place the most reports name (not only as an adjective),
    then the most named; a broader place first on a tie. Also every place, in that order."""
    with_facts: Counter = Counter()
    facts: Counter = Counter()
    in_reports: Counter = Counter()
    mentions: Counter = Counter()
    named: dict = {}
    for report in reports:
        located = {_place_key(m.place) for x in report.members for m in x.places if m.place is not None and m.locates}
        in_reports.update(located)
        here: Counter = Counter()
        for x in report.members:  # copies tell the same facts: the most any of them does
            counted = Counter(
                _place_key(f.place.place)
                for f in [*x.events, *x.figures]
                if f.place is not None and f.place.place is not None and f.place.locates
            )
            here |= counted
            for f in [*x.events, *x.figures]:
                if f.place is not None and f.place.place is not None:
                    named.setdefault(_place_key(f.place.place), f.place.place)
        with_facts.update(here.keys())
        facts.update(here)
        for key, count in report.places.items():
            mentions[key] += count
            named.setdefault(key, report.named[key])
    if not named:
        return None, []
    ranked = sorted(
        named, key=lambda k: (-with_facts[k], -facts[k], -in_reports[k], -mentions[k], _KIND_RANK.get(named[k].kind, 9), named[k].name)
    )
    main = ranked[0] if with_facts[ranked[0]] or in_reports[ranked[0]] else None
    return (named[main] if main else None), [named[k] for k in ranked]


def _main_event(reports: list[_Report]) -> str | None:
    told: Counter = Counter()
    for report in reports:
        told.update({e.type for x in report.members for e in x.events if e.status in TOLD_AS_FACT})
    if not told:
        return None
    return min(told, key=lambda t: (-told[t], PHASES.get(t, 9), EVENT_TYPES.index(t)))


def _main_term(reports: list[_Report]) -> str | None:
    counted: Counter = Counter()
    for report in reports:
        counted.update({f.term for x in report.members for f in x.figures if f.term != "population"})
    return min(counted, key=lambda t: (-counted[t], t)) if counted else None


def _label(event: str | None, place: Place | None, reports: list[_Report]) -> str:
    if event is not None:
        what = EVENT_LABELS[event].capitalize()
    elif (term := _main_term(reports)) is not None:
        what = TERM_LABELS[term].capitalize() if term in _HOUSING else f"People {TERM_LABELS[term]}"
    else:
        what = None
    if what and place:
        return f"{what} — {place.name}"
    if what or place:
        return what or f"Reports from {place.name}"
    titles = [x.article.title for r in reports for x in r.members if x.article.title]
    return titles[0] if titles else "Unlabelled story"


def _period(reports: list[_Report]) -> TimeSpan | None:
    published = [x.article.published for r in reports for x in r.members if x.article.published]
    if not published:
        return None
    start, end = min(published), max(published)
    for report in reports:
        for x in report.members:
            if x.article.published is None:
                continue
            for e in x.events:
                when = e.when
                if e.dated_by == "text" and e.status in TOLD_AS_FACT and when is not None and when.start is not None:
                    if x.article.published - timedelta(days=PERIOD_LOOKBACK_DAYS) <= when.start < start:
                        start = when.start
    return TimeSpan(start, end, "day")


# --- JSON -----------------------------------------------------------------------------------------


def stories_json(stories: Sequence[Story]) -> dict:
    """``crisisdesk stories --json``: every story with its articles and duplicate groups."""
    from crisisdesk.model import to_dict

    def period(story: Story) -> dict:
        span = to_dict(story.period) if story.period else {"start": None, "end": None, "precision": "unknown"}
        return span | {"label": story.period_label}

    return {
        "stories": [
            {
                "id": s.id,
                "label": s.label,
                "main_event": s.main_event,
                "main_place": to_dict(s.main_place) if s.main_place else None,
                "country": s.country,
                "period": period(s),
                "reports": s.reports,
                "articles": list(s.articles),
                "duplicates": [
                    {"articles": list(g.articles), "kinds": g.kinds, "pairs": [to_dict(p) for p in g.pairs]} for g in s.duplicates
                ],
                "places": list(s.places),
                "incidents": [list(i) for i in s.incidents],
            }
            for s in stories
        ]
    }
