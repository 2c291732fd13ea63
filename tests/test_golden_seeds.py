"""Golden test: what the two seed articles in ../shared/seeds must yield (issue 2)."""

from pathlib import Path

import pytest

from crisisdesk.ingest import read_sources
from crisisdesk.model import Article, Extraction
from crisisdesk.nlp.pipeline import extract

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
AFTERMATH = "000_f6cbcd3bd02963de.txt"  # the emptied city, no date, machine-translated from French
OFFENSIVE = "001_6c35d05630cd5f50.txt"  # dated 2023-11-08, narrates the offensive as under way

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seeds() -> dict[str, Extraction]:
    articles = [a for a in read_sources([str(SEEDS)]) if isinstance(a, Article)]
    assert len(articles) == 2
    return {Path(e.article.origin).name: e for e in extract(articles)}


def figures_of(extraction: Extraction, quantity: float):
    return [f for f in extraction.figures if f.quantity == quantity]


def place_named(extraction: Extraction, text: str):
    mentions = [m for m in extraction.places if m.text == text]
    assert mentions, f"{text!r} not among places {[m.text for m in extraction.places]}"
    return mentions[0].place


def test_publication_dates_are_read_and_unknown_stays_unknown(seeds):
    assert str(seeds[OFFENSIVE].article.published) == "2023-11-08"
    assert seeds[AFTERMATH].article.published is None
    assert seeds[OFFENSIVE].article.text.startswith("Amidst")


def test_about_100000_refugees_fled_nagorno_karabakh(seeds):
    (refugees,) = figures_of(seeds[AFTERMATH], 100_000)
    assert refugees.term == "refugees"
    assert refugees.unit == "people"
    assert refugees.place is not None and "Karabakh" in refugees.place.place.name


def test_the_armenian_population_of_120000_is_a_baseline_and_the_whole_of_the_refugees(seeds):
    figures = seeds[AFTERMATH].figures
    (population,) = figures_of(seeds[AFTERMATH], 120_000)
    (refugees,) = figures_of(seeds[AFTERMATH], 100_000)
    assert population.term == "population" and population.unit == "people"
    assert population.group == "Armenian"
    assert refugees.part_of is not None and figures[refugees.part_of] is population


def test_stepanakert_had_51000_inhabitants_in_the_past(seeds):
    (inhabitants,) = figures_of(seeds[AFTERMATH], 51_000)
    assert inhabitants.term == "population"
    assert inhabitants.tense == "past"
    assert inhabitants.place is not None and inhabitants.place.place.geonames_id == 146970


def test_vague_amounts_and_durations_are_never_figures(seeds):
    extraction = seeds[AFTERMATH]
    vague = {q.text.lower() for q in extraction.quantities if q.kind == "vague"}
    assert any("hundreds" in v for v in vague)
    assert any("thousands" in v for v in vague)
    assert all(f.quantity in {100_000, 120_000, 51_000} for f in extraction.figures), [f.text for f in extraction.figures]
    (years,) = [q for q in extraction.quantities if q.unit_text == "years"]
    assert years.kind == "duration" and years.value == 30 and years.modifier == "about"


def test_stepanakert_is_khankendi_in_azerbaijan(seeds):
    for extraction in seeds.values():
        place = place_named(extraction, "Stepanakert")
        assert place.geonames_id == 146970
        assert place.country == "AZE"
        assert place.lat == pytest.approx(39.82, abs=0.05) and place.lon == pytest.approx(46.75, abs=0.05)


def test_regions_geonames_lacks_resolve_to_curated_places(seeds):
    karabakh = place_named(seeds[AFTERMATH], "Nagorno-Karabakh")
    corridor = place_named(seeds[AFTERMATH], "Lachine corridor")
    assert karabakh.source == "curated" and karabakh.country == "AZE"
    assert corridor.source == "curated" and corridor.kind == "corridor"
    assert karabakh.lat and corridor.lat


def test_countries_and_the_azerbaijani_capital(seeds):
    assert place_named(seeds[OFFENSIVE], "Armenia").country == "ARM"
    assert place_named(seeds[OFFENSIVE], "Azerbaijan").country == "AZE"
    assert place_named(seeds[AFTERMATH], "Azerbaijan").kind == "country"
    baku = place_named(seeds[AFTERMATH], "Baku")
    assert baku.geonames_id == 587084 and baku.country == "AZE"


def test_demonyms_are_not_places(seeds):
    # "Armenian residents": an adjectival mention of Armenia at most, never where a figure is.
    for extraction in seeds.values():
        assert all(m.adjectival for m in extraction.places if m.text in {"Armenian", "Azerbaijani"})
        assert all(f.place is None or not f.place.adjectival for f in extraction.figures)
    adjectival = {m.text: m.place.country for e in seeds.values() for m in e.places if m.adjectival}
    assert adjectival["Armenian"] == "ARM" and adjectival["Azerbaijani"] == "AZE"


def test_every_fact_points_at_its_evidence(seeds):
    for extraction in seeds.values():
        text = extraction.article.text
        for fact in [*extraction.places, *extraction.quantities, *extraction.figures]:
            assert text[fact.start : fact.end] == fact.text
        for figure in extraction.figures:
            assert text[figure.sentence_start : figure.sentence_end] == figure.sentence
            assert figure.sentence_start <= figure.start < figure.end <= figure.sentence_end
