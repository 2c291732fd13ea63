"""The offline gazetteer at run time: GeoNames places, countries, first-level divisions and a
curated supplement, looked up by name.

:func:`load_gazetteer` opens the SQLite file :mod:`crisisdesk.geo.build` writes (building it first
when it is missing or was built from other rules or data); lookups go through an LRU cache in front
of SQLite. Names are keyed by :func:`normalize` (see :mod:`crisisdesk.geo.names`).
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

# The build's entry points and the cache's identity are importable from here too (``crisisdesk
# setup`` and the tests name them through this module).
from crisisdesk.geo.build import GAZETTEER_VERSION, build_gazetteer, build_id, default_cache_path
from crisisdesk.geo.names import DIVISION_KINDS, DIVISION_WORDS, is_latin_key, normalize
from crisisdesk.model import LOST_LETTER, Place

__all__ = [
    "DIVISION_KINDS",
    "DIVISION_WORDS",
    "GAZETTEER_VERSION",
    "Entry",
    "Gazetteer",
    "MIN_KNOWN_PREFIX",
    "build_gazetteer",
    "build_id",
    "default_cache_path",
    "is_latin_key",
    "load_gazetteer",
    "normalize",
]


@dataclass(frozen=True, slots=True)
class Entry:
    """A candidate for a name: the place and what the resolver weighs beyond it."""

    place: Place
    primary: bool  # the name is the place's own name, not an alternate one
    capital: bool = False  # a country's capital
    coordinates: str | None = None  # provenance of lat/lon: geonames | curated | derived: ...
    alternates: int = 0  # how many other names GeoNames knows the place by: how widely it is known


class Gazetteer:
    """Read access to a built gazetteer: candidates for a name, countries, demonyms."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._pid = os.getpid()
        self.__con = self._connect()
        self._demonyms: dict[str, tuple[str | None, int | None]] = {
            key: (country, place) for key, country, place in self._con.execute("SELECT key, country, place FROM demonyms")
        }
        # The few dozen regions and divisions demonyms name, read once (countries are below).
        self._demonym_places: dict[int, Place] = {
            row[9]: _place(row) for row in self._con.execute(f"SELECT {_COLUMNS} FROM places p WHERE p.id IN (SELECT place FROM demonyms)")
        }
        self._countries: dict[str, Place] = {
            row[2]: _place(row) for row in self._con.execute(f"SELECT {_COLUMNS} FROM places p WHERE p.kind = 'country'")
        }
        self._entries_by_key = lru_cache(maxsize=200_000)(self._lookup_key)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)

    @property
    def _con(self) -> sqlite3.Connection:
        # SQLite handles must not cross a fork: a worker process opens its own.
        if os.getpid() != self._pid:
            self._pid, self.__con = os.getpid(), self._connect()
        return self.__con

    def entries(self, name: str) -> tuple[Entry, ...]:
        """Every gazetteer entry ``name`` may denote, with how it matched.

        "Shan state" or "Aleppo governorate", unknown as such, fall back to the divisions named
        without the division word.
        """
        key = normalize(name)
        found = self._entries_by_key(key)
        if found:
            return found
        words = key.split()
        if len(words) > 1 and words[-1] in DIVISION_WORDS:
            stem = self._entries_by_key(" ".join(words[:-1]))
            # "Aceh Jaya district": a second-level division is named with its word as often.
            divisions = tuple(e for e in stem if e.place.kind in DIVISION_KINDS or e.place.kind == "admin2")
            return divisions or self._division_named_after(stem)
        return ()

    def _division_named_after(self, towns: tuple[Entry, ...]) -> tuple[Entry, ...]:
        """The first-level divisions named after a town spelt as the text spells it, where the
        division is known under another spelling only ("Lahj governorate": the town Lahj lies in
        the governorate GeoNames spells Lahij)."""
        found = []
        for town in towns:
            place = town.place
            if place.kind == "city" and place.admin1 and normalize(place.admin1) == normalize(place.name):
                found += [
                    e
                    for e in self._entries_by_key(normalize(place.admin1))
                    if e.place.kind == "admin1" and e.place.country == place.country
                ]
        return tuple(dict.fromkeys(found))

    def candidates(self, name: str) -> list[Place]:
        """The places ``name`` may denote."""
        return [e.place for e in self.entries(name)]

    def knows(self, name: str) -> bool:
        """Whether any place is called ``name``."""
        return bool(self.entries(name))

    def country(self, iso3: str) -> Place | None:
        """The country with ISO 3166 alpha-3 code ``iso3``."""
        return self._countries.get(iso3.upper())

    def demonym(self, word: str) -> str | None:
        """The ISO3 country of a demonym or adjective ("Syrian", "Syrians" → SYR), else None."""
        found = self._demonym_row(word)
        return found[0] if found else None

    def demonym_place(self, word: str) -> Place | None:
        """The place a demonym or adjective names: its country ("Syrian" → Syria), or the region,
        division or continent it is the adjective of ("English" → England, "Kurdish" → Kurdistan,
        "European" → Europe)."""
        found = self._demonym_row(word)
        if found is None:
            return None
        country, place_id = found
        if place_id is None:
            return self.country(country) if country else None
        return self._demonym_places.get(place_id)

    def _demonym_row(self, word: str) -> tuple[str | None, int | None] | None:
        key = normalize(word)
        found = self._demonyms.get(key)
        if found is None and key.endswith("s"):
            found = self._demonyms.get(key[:-1])
        return found

    def _lookup_key(self, key: str) -> tuple[Entry, ...]:
        if LOST_LETTER in key:
            return self._lookup_with_lost_letters(key)
        rows = self._con.execute(f"{_SELECT_ENTRIES} WHERE n.key = ?", (key,)).fetchall()
        return tuple(_entry(row) for row in rows)

    def _lookup_with_lost_letters(self, key: str) -> tuple[Entry, ...]:
        """Entries whose key is ``key`` with a letter for each lost one ("choc\ufffd" → Chocó).

        Needs a few known letters first, so the index narrows the search to one prefix.
        """
        prefix = key.split(LOST_LETTER, 1)[0]
        if len(prefix) < MIN_KNOWN_PREFIX:
            return ()
        pattern = re.compile(_ACCENTED_BASES.join(map(re.escape, key.split(LOST_LETTER))))
        rows = self._con.execute(
            f"{_SELECT_ENTRIES} WHERE n.key >= ? AND n.key < ? AND length(n.key) = ?", (prefix, prefix + "\x7f", len(key))
        ).fetchall()
        return tuple(_entry(row) for row in rows if pattern.fullmatch(row[14]))

    @cached_property
    def forenames(self) -> frozenset[str]:
        """People's forenames, capitalised as written ("Ashley", "Victoria")."""
        return frozenset(name for (name,) in self._con.execute("SELECT name FROM forenames"))

    def stats(self) -> dict[str, int]:
        """Counts of places and names, for reports and benchmarks."""
        places = self._con.execute("SELECT count(*) FROM places").fetchone()[0]
        names = self._con.execute("SELECT count(*) FROM names").fetchone()[0]
        return {"places": places, "names": names}


_COLUMNS = "p.name, p.geonames_id, p.country AS country, p.lat, p.lon, p.kind, p.admin1, p.population, p.source, p.id, p.capital, p.coordinates, p.alternates"
_SELECT_ENTRIES = f"SELECT {_COLUMNS}, n.primary_name, n.key FROM names n JOIN places p ON p.id = n.place"
#: What a lost letter can be once accents are stripped: it was lost because it was not ASCII.
_ACCENTED_BASES = "[aeiouycn]"
#: Known letters a name with lost letters needs before the first lost one.
MIN_KNOWN_PREFIX = 3


def _entry(row: tuple) -> Entry:
    return Entry(_place(row), bool(row[13]), bool(row[10]), row[11], row[12] or 0)


def _place(row: tuple) -> Place:
    return Place(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8])


def _is_current(path: Path) -> bool:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return con.execute("SELECT v FROM meta WHERE k = 'build'").fetchone() == (build_id(),)
        finally:
            con.close()
    except sqlite3.Error:
        return False


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built into the cache on first use (once per process)."""
    path = default_cache_path()
    if not (path.exists() and _is_current(path)):
        build_gazetteer(path)
    return Gazetteer(path)
