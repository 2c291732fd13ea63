"""Toponym resolution: kind, prominence, article context and containers pick the referent."""

from collections import Counter

import pytest

from crisisdesk.geo.gazetteer import Entry, load_gazetteer
from crisisdesk.geo.resolve import ResolutionContext, choose, contains, resolve, resolve_span
from crisisdesk.model import Place


def _city(name, country, population, gid, admin1=None):
    return Place(name, gid, country, 0.0, 0.0, "city", admin1, population, "geonames")


COUNTRY = Place("Armenia", 174982, "ARM", 40.0, 45.0, "country", None, 3_000_000, "geonames")
TOWN = _city("Armenia", "COL", 300_000, 3689560)


def test_a_bare_country_name_means_the_country():
    place, confidence = choose([Entry(TOWN, True), Entry(COUNTRY, True)], ResolutionContext())
    assert place == COUNTRY and 0.5 < confidence <= 1.0


def test_the_article_context_picks_the_town_in_the_country_it_mentions():
    big = _city("Springfield", "USA", 160_000, 1)
    small = _city("Springfield", "AUS", 20_000, 2)
    assert choose([Entry(big, True), Entry(small, True)], ResolutionContext())[0] == big
    assert choose([Entry(big, True), Entry(small, True)], ResolutionContext(Counter({"AUS": 2})))[0] == small


def test_a_container_written_after_the_name_wins_over_a_capital():
    texas = Place("Texas", 4736286, "USA", 31.0, -97.0, "admin1", None, None, "pycountry")
    capital = _city("Paris", "FRA", 2_138_551, 2988507)
    small = _city("Paris", "USA", 24_782, 4717560, admin1="Texas")
    entries = [Entry(capital, True, capital=True), Entry(small, True)]
    assert choose(entries, ResolutionContext())[0] == capital
    assert choose(entries, ResolutionContext(containers=(texas,)))[0] == small
    assert contains(texas, small) and not contains(texas, capital)


def test_nothing_to_choose_from_is_none():
    assert choose([], ResolutionContext()) is None


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def test_baku_in_an_article_about_azerbaijan_is_the_capital(gazetteer):
    place, confidence = resolve("Baku", ResolutionContext(Counter({"AZE": 3})), gazetteer)
    assert (place.geonames_id, place.country) == (587084, "AZE")
    assert confidence > 0.6


def test_georgia_next_to_tbilisi_is_the_country(gazetteer):
    place, _ = resolve("Georgia", ResolutionContext(Counter({"GEO": 1})), gazetteer)
    assert (place.kind, place.country) == ("country", "GEO")


def test_georgia_as_the_container_of_atlanta_is_the_us_state(gazetteer):
    place, _ = resolve_span("Atlanta, Georgia", 0, 7, None, gazetteer)
    assert (place.name, place.country) == ("Atlanta", "USA")


def test_paris_alone_is_france_and_paris_texas_is_in_texas(gazetteer):
    assert resolve("Paris", None, gazetteer)[0].geonames_id == 2988507
    text = "He was born in Paris, Texas."
    place, _ = resolve_span(text, 15, 20, None, gazetteer)
    assert (place.country, place.admin1) == ("USA", "Texas")


def test_a_demonym_given_as_a_span_stands_for_its_country(gazetteer):
    place, _ = resolve("Syrian", None, gazetteer)
    assert (place.kind, place.country) == ("country", "SYR")


def test_unknown_names_are_not_resolved(gazetteer):
    assert resolve("Xqzzyville", None, gazetteer) is None


def test_a_county_in_the_country_the_article_talks_about_beats_a_bigger_town_abroad():
    from crisisdesk.geo.resolve import resolve

    place, _ = resolve("Essex", ResolutionContext(Counter({"GBR": 2})))
    assert (place.kind, place.country) == ("admin2", "GBR")


def test_continent_adjectives_and_seas_resolve_over_hamlets_of_their_name():
    from crisisdesk.geo.resolve import ResolutionContext, resolve

    assert resolve("European")[0].name == "Europe"
    assert resolve("African")[0].name == "Africa"
    # An article about the United States: the ocean still beats Atlantic, Iowa.
    usa = ResolutionContext(Counter({"USA": 5}))
    assert resolve("Atlantic", usa)[0].kind == "sea"
    assert resolve("EU", ResolutionContext(Counter({"FRA": 3})))[0].kind == "continent"


def test_a_division_the_article_names_favours_places_inside_it():
    from crisisdesk.geo.resolve import ResolutionContext, resolve

    usa = Counter({"USA": 3})
    in_california = ResolutionContext(usa, frozenset({("USA", "california")}))
    in_florida = ResolutionContext(usa, frozenset({("USA", "florida")}))
    assert resolve("Orange County", in_california)[0].admin1 == "California"
    assert resolve("Orange County", in_florida)[0].admin1 == "Florida"


def test_a_country_name_means_the_country_even_in_a_state_with_a_town_of_that_name():
    from crisisdesk.geo.resolve import ResolutionContext, resolve

    in_missouri = ResolutionContext(Counter({"USA": 20}), frozenset({("USA", "missouri")}))
    assert resolve("Mexico", in_missouri)[0].kind == "country"
    assert resolve("China", in_missouri)[0].kind == "country"


def test_a_capital_keeps_its_name_in_an_article_set_in_a_country_with_a_small_namesake(gazetteer):
    in_ohio = ResolutionContext(Counter({"USA": 4}), frozenset({("USA", "ohio")}))
    assert resolve("London", in_ohio, gazetteer)[0].country == "GBR"
    assert resolve("Rome", ResolutionContext(Counter({"USA": 4})), gazetteer)[0].country == "ITA"
    # the state it is in, named in the article, still brings the small namesake back (Rome, Georgia)
    assert resolve("Rome", ResolutionContext(Counter({"USA": 4}), frozenset({("USA", "georgia")})), gazetteer)[0].admin1 == "Georgia"


def test_a_named_division_does_not_outweigh_a_hundredfold_population(gazetteer):
    # "After stops in Washington, New York and Boston": Boston, Massachusetts, not Boston, New York
    in_new_york = ResolutionContext(Counter({"USA": 3}), frozenset({("USA", "new york")}))
    assert resolve("Boston", in_new_york, gazetteer)[0].admin1 == "Massachusetts"


def test_a_big_city_named_like_its_division_is_the_city_unless_the_division_is_written(gazetteer):
    assert (resolve("New York", None, gazetteer)[0].kind, resolve("Aleppo", None, gazetteer)[0].kind) == ("city", "city")
    assert resolve("New York State", None, gazetteer)[0].kind == "admin1"
    assert resolve("Aleppo governorate", None, gazetteer)[0].kind == "admin1"


def test_among_towns_of_one_name_the_widely_known_one_wins_a_close_call():
    known = Entry(_city("Colchester", "GBR", 130_245, 2652618), True, alternates=50)
    local = Entry(_city("Colchester", "USA", 16_986, 5235024), True, alternates=7)
    both = ResolutionContext(Counter({"USA": 4, "GBR": 3}))
    assert choose([local, known], both)[0].country == "GBR"
    county = Entry(Place("Kent", 3333158, "GBR", 51.2, 0.8, "admin2", "England", None, "geonames"), True)
    town = Entry(_city("Kent", "USA", 130_000, 5799841), True, alternates=20)
    assert choose([county, town], ResolutionContext(Counter({"GBR": 3})))[0].kind == "admin2"  # towns only lose to towns
