"""Toponym resolution: which gazetteer entry a name in an article means.

Candidates are scored on evidence that generalises across news: the kind of feature (a bare
country name means the country), prominence (population, capitals, a big city named like its
division, how many languages name a town), whether the name is the place's own or an alternate
one, and the article's context — the countries of the other places and
demonyms it mentions, and a containing place written next to the name ("Paris, Texas").
The confidence is the winner's share of a softmax over the candidates' scores.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from crisisdesk.geo.gazetteer import Entry, Gazetteer, load_gazetteer, normalize
from crisisdesk.model import Place

#: Prior weight of a feature kind, before prominence and context: a bare country name means the
#: country, a region name the region, before any town of the same name.
#: A continent, region or sea named in news is meant far more often than a hamlet of its name
#: ("the Atlantic", "the Middle East"), even in an article about the hamlet's country; a country
#: ("Mexico") more still, even in an article set in the state with a town of that name (Mexico,
#: Missouri), unless a container is written after it ("Georgia" of "Atlanta, Georgia").
KIND_WEIGHT = {"country": 6.5, "continent": 5.5, "region": 5.0, "corridor": 5.0, "sea": 5.5, "admin1": 3.0, "admin2": 2.0}
#: Curated features other than regions (camps, crossings, islands) weigh like regions.
CURATED_WEIGHT = 5.0
#: A city's weight grows with log10(population) up to this (reached at 10 M people).
CITY_WEIGHT_MAX = 3.5
#: A national capital is what its bare name means, even in an article set in a country with a
#: small town of that name (London, Ohio; Rome, Georgia) — unless a container is written after it.
CAPITAL_BONUS = 2.0
PRIMARY_NAME_BONUS = 0.5
#: Among cities of one name, the less widely known lose this much per tenfold fewer names in
#: other languages than the best known: Venice, Italy (66 names in GeoNames) over Venice,
#: California (15), whose populations are alike. Towns only lose to towns: a county or a sea of
#: the name keeps its place.
ALTERNATE_NAMES_WEIGHT = 0.5
#: A candidate in a country the article mentions (once; more mentions add a little).
CONTEXT_BONUS = 2.0
#: A candidate inside the place written right after it ("Paris, Texas"), or containing it.
CONTAINER_BONUS = 3.0
#: A candidate in a first-level division the article's other places are in (or are): less than
#: the hundredfold population between Boston, Massachusetts and Boston, New York, in an article
#: that also names New York.
DIVISION_BONUS = 0.75
#: A city this large in a first-level division of its own name is what the bare name means ("New
#: York", "Aleppo", "Lagos"); news names the division with its word ("Aleppo governorate").
NAMESAKE_CITY_POPULATION = 1_000_000
NAMESAKE_CITY_BONUS = 1.0
#: Kinds that can contain a place written before them ("Paris, Texas", "Goma, DR Congo").
CONTAINER_KINDS = frozenset({"country", "admin1"})


@dataclass(frozen=True)
class ResolutionContext:
    """What the rest of the article says about where a name is."""

    countries: Counter[str] = field(default_factory=Counter)  # ISO3 → mentions (places, demonyms)
    divisions: frozenset[tuple[str, str]] = frozenset()  # (ISO3, division key) the article's places are in
    containers: tuple[Place, ...] = ()  # what the place written after the name may be
    contents: tuple[Place, ...] = ()  # places written as lying inside the name ("Atlanta" for "Georgia")

    def within(self, containers: tuple[Place, ...]) -> ResolutionContext:
        return ResolutionContext(self.countries, self.divisions, containers, self.contents)


def contains(container: Place, place: Place) -> bool:
    """Whether ``place`` lies in ``container`` (a country, or a division named on the place)."""
    if place == container or place.country is None or place.country != container.country:
        return False
    if container.kind == "country":
        return True
    return container.kind == "admin1" and place.admin1 is not None and normalize(place.admin1) == normalize(container.name)


def score(entry: Entry, context: ResolutionContext) -> float:
    """How likely ``entry`` is the referent, on a log scale."""
    place = entry.place
    s = _prior(place)
    if entry.capital:
        s += CAPITAL_BONUS
    if entry.primary:
        s += PRIMARY_NAME_BONUS
    mentions = context.countries.get(place.country or "", 0)
    if mentions:
        s += CONTEXT_BONUS + 0.25 * math.log2(mentions)
    if context.divisions and (place.country, division_key(place)) in context.divisions:
        s += DIVISION_BONUS
    if any(contains(c, place) for c in context.containers):
        s += CONTAINER_BONUS
    if any(contains(place, c) for c in context.contents):
        s += CONTAINER_BONUS
    return s


def division_key(place: Place) -> str | None:
    """The first-level division a place is in, or is (for "one Riverdale per New Jersey")."""
    if place.kind == "admin1":
        return normalize(place.name)
    return normalize(place.admin1) if place.admin1 else None


def _prior(place: Place) -> float:
    if place.kind == "city":
        return CITY_WEIGHT_MAX * min(math.log10((place.population or 0) + 1), 7.0) / 7.0
    if place.kind in KIND_WEIGHT:
        return KIND_WEIGHT[place.kind]
    return CURATED_WEIGHT if place.source == "curated" else 1.0


def choose(entries: tuple[Entry, ...] | list[Entry], context: ResolutionContext) -> tuple[Place, float] | None:
    """The most likely entry's place and its confidence (0–1), or None without candidates."""
    if not entries:
        return None
    named_divisions = {(e.place.country, normalize(e.place.name)) for e in entries if e.place.kind == "admin1"}
    best_known = max((e.alternates for e in entries if e.place.kind == "city"), default=0)

    def weighed(e: Entry) -> float:
        s = score(e, context) + _namesake_bonus(e.place, named_divisions)
        if e.place.kind == "city" and not any(contains(c, e.place) for c in context.containers):
            # (a container written after the name says which town it is: "Paris, Texas")
            s += ALTERNATE_NAMES_WEIGHT * math.log10((1 + e.alternates) / (1 + best_known))
        return s

    scored = sorted(((weighed(e), i, e) for i, e in enumerate(entries)), key=lambda t: (-t[0], t[1]))
    best = scored[0][0]
    total = sum(math.exp(s - best) for s, _, _ in scored)
    # The same place may come under several names of one entry list (an alternate and a primary).
    return scored[0][2].place, round(1.0 / total, 4)


def _namesake_bonus(place: Place, named_divisions: set[tuple[str | None, str]]) -> float:
    """The bonus of a large city when its division is among the candidates under the same name."""
    if place.kind != "city" or (place.population or 0) < NAMESAKE_CITY_POPULATION or place.admin1 is None:
        return 0.0
    return NAMESAKE_CITY_BONUS if (place.country, normalize(place.admin1)) in named_divisions else 0.0


def resolve(name: str, context: ResolutionContext | None = None, gazetteer: Gazetteer | None = None) -> tuple[Place, float] | None:
    """The place ``name`` most likely denotes in ``context``, with a confidence, or None.

    A demonym ("Syrian") given as a name stands for its country.
    """
    gazetteer = gazetteer or load_gazetteer()
    return choose(entries_with_demonym(name, gazetteer), context or ResolutionContext())


def entries_with_demonym(name: str, gazetteer: Gazetteer) -> tuple[Entry, ...]:
    """The gazetteer entries for ``name``; for a demonym or an adjective of a place, the place it
    names: its country ("Syrian"), or a division, region or continent ("English", "Kurdish",
    "European")."""
    named = gazetteer.demonym_place(name)
    if named is not None:
        # An adjective means its place, never a town spelt like it (English, Indiana; Arab, Alabama).
        return (Entry(named, primary=True, coordinates=None),)
    return gazetteer.entries(name)


def resolve_span(
    text: str, start: int, end: int, context: ResolutionContext | None = None, gazetteer: Gazetteer | None = None
) -> tuple[Place, float] | None:
    """Resolve one span of ``text`` on its own, without the article's other places (``crisisdesk
    geocode`` resolves all of an article's spans together: ``PlacesComponent.resolve_given``).

    A country or division written right after the span ("Paris, Texas") is taken as its container.
    """
    gazetteer = gazetteer or load_gazetteer()
    context = (context or ResolutionContext()).within(containers_after(text, end, gazetteer))
    return resolve(text[start:end], context, gazetteer)


def containers_after(text: str, end: int, gazetteer: Gazetteer) -> tuple[Place, ...]:
    """The countries and divisions the name written after ``end`` (", Texas") may be."""
    if text[end : end + 2] != ", ":
        return ()
    run: list[str] = []
    for word in text[end + 2 : end + 60].split()[:4]:
        word = word.rstrip(".,;:!?)\"'’")
        if not word[:1].isupper():
            break
        run.append(word)
    # The longest run of capitalised words first ("New South Wales" before "New").
    for n in range(len(run), 0, -1):
        found = tuple(e.place for e in gazetteer.entries(" ".join(run[:n])) if e.place.kind in CONTAINER_KINDS)
        if found:
            return found
    return ()
