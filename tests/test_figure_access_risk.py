"""What a figure counts beyond displacement and casualties (issue 16): people cut off from water,
power, roads or aid (term ``cut_off``), people a threat is named for (``at_risk``), never people
reached by aid; and a count whose verb of going away is in another clause than the movement it
goes on with.

Each class is checked on sentences in the style of several independent sources: OCHA flash
updates and situation reports, IFRC and UNICEF appeals, wire copy (AP, Reuters, AFP), UNHCR
updates."""

import pytest
import spacy

import crisisdesk.nlp.figures  # noqa: F401  (registers the factories)
from crisisdesk.model import TERM_LABELS, TERMS
from crisisdesk.nlp import evidence
from crisisdesk.nlp.pipeline import SPACY_MODEL


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.load(SPACY_MODEL)
    nlp.add_pipe("crisisdesk_quantities")
    nlp.add_pipe("crisisdesk_figures")
    return nlp


def counts(nlp, text):
    """(quantity, term) of every figure."""
    return sorted((f.quantity, f.term) for f in nlp(text)._.crisisdesk_figures)


def test_the_new_terms_are_terms_with_labels():
    for term in ("cut_off", "at_risk"):
        assert term in TERMS
        assert TERM_LABELS[term]


# --- cut off -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Reuters: a phrasal verb, passive
        ("More than 10,000 people have been cut off by the floods in Sindh, officials said.", [(10000, "cut_off")]),
        # OCHA flash update: active, the people its object
        ("Landslides cut off 3,000 families in the hills of Rasuwa district.", [(3000, "cut_off")]),
        # OCHA Libya: a service cut off to the people
        ("Electricity and water are completely cut off for the approximately 125,000 residents.", [(125000, "cut_off")]),
        ("Water was cut off to 50,000 people in Aleppo after the shelling of the pumping station.", [(50000, "cut_off")]),
        # AP: left without a service
        ("Some 200,000 people were left without electricity after the storm hit Luzon.", [(200000, "cut_off")]),
        # IFRC: a copula and "without"
        ("An estimated 40,000 households are without water in Mosul following the airstrikes.", [(40000, "cut_off")]),
        # UNICEF: the noun modified by "without access to"
        ("Nearly 1.5 million people without access to safe water in Hodeidah, OCHA said.", [(1500000, "cut_off")]),
        # AFP: stranded
        ("At least 5,000 migrants are stranded at the border with Greece.", [(5000, "cut_off")]),
        ("Floods have left 12,000 people stranded in Kerala, the state government said.", [(12000, "cut_off")]),
        # IFRC: isolated by a disaster
        ("Some 8,000 people remain isolated after the cyclone destroyed the bridges.", [(8000, "cut_off")]),
        # USAID/OCHA Yemen: lacking access
        ("In addition, 16 million people lack access to safe water across Yemen.", [(16000000, "cut_off")]),
        ("Around 300,000 people have no access to health care in the region after the earthquake.", [(300000, "cut_off")]),
    ],
)
def test_people_cut_off_from_water_power_roads_or_aid(nlp, text, expected):
    assert counts(nlp, text) == expected


def test_isolated_in_an_outbreak_is_quarantine_not_cut_off(nlp):
    assert counts(nlp, "Five people have been isolated at the hospital after testing positive for Ebola.") == []


# --- at risk -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # UN press release
        ("Some 300,000 people are at risk of famine in South Sudan, the UN warned.", [(300000, "at_risk")]),
        # UNICEF: the noun modified by "at risk of"
        ("UNICEF says 2 million children at risk of severe acute malnutrition in the Sahel.", [(2000000, "at_risk")]),
        # Human Rights Watch
        ("However, the team found that eight children were at risk of acute malnutrition.", [(8, "at_risk")]),
        # BDRCS/IFRC: threatened by a hazard
        ("About 15,000 families threatened by rising floodwaters in Sylhet were told to prepare to leave.", [(15000, "at_risk")]),
        # OCHA Mozambique: exposed to a hazard
        ("An estimated 600,000 people are exposed to the cyclone's strongest winds in Mozambique.", [(600000, "at_risk")]),
        # AP: in danger
        ("More than 40,000 people remain in danger as the volcano continues to erupt.", [(40000, "at_risk")]),
        # UNHCR: unaccompanied and separated children
        ("Some 1,200 unaccompanied and separated children were identified in Cox's Bazar.", [(1200, "at_risk")]),
        # IOM: cases of trafficking are people at risk, not disease cases
        ("Between 2018 and 2020, there were four reported cases of potential trafficking of migrant children.", [(4, "at_risk")]),
    ],
)
def test_people_a_threat_is_named_for_are_at_risk(nlp, text, expected):
    assert counts(nlp, text) == expected


def test_threatening_something_oneself_is_no_risk(nlp):
    # the subject threatens; it is not threatened
    assert counts(nlp, "About 200 workers threatened to go on strike in Lagos.") == []


@pytest.mark.parametrize(
    "text",
    [
        "WFP reached 108,000 people with food assistance in Tigray.",  # WFP
        "Some 27,600 IDPs received water through trucking in Hajjah.",  # OCHA Yemen
        "The plan targets 3.2 million people in need across Yemen.",  # HRP
        "Partners screened 50,000 children for malnutrition in Borno.",  # UNICEF
    ],
)
def test_people_reached_by_aid_are_response_never_at_risk_or_affected(nlp, text):
    assert all(term not in ("at_risk", "affected", "displaced") for _, term in counts(nlp, text))


# --- a verb of going away in another clause ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # UNHCR Libya update: coordination, the noun left out
        (
            "So far, a total of 897 refugees were evacuated to Niger, 312 departed to Italy and two departed to Romania.",
            [(2, "evacuated"), (312, "evacuated"), (897, "evacuated")],
        ),
        # a partitive relative clause
        ("Some 5,000 people were evacuated from the town, of whom 312 departed to Italy.", [(312, "evacuated"), (5000, "evacuated")]),
        # OCHA Sudan: a second clause after a semicolon
        (
            "More than 2,000 people fled the fighting; 700 went to Chad and 1,300 moved to Darfur camps.",
            [(700, "forced_to_flee"), (1300, "in_relief_camp"), (2000, "forced_to_flee")],
        ),
    ],
)
def test_going_away_in_another_clause_goes_on_with_the_movement(nlp, text, expected):
    assert counts(nlp, text) == expected


def test_leaving_a_place_of_its_own_does_not_go_on_with_the_movement(nlp):
    text = "About 3,000 people were relocated to the new site, which 500 left within a week."
    assert counts(nlp, text) == [(3000, "relocated")]


# --- a dateline in square brackets -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("[9th June 2021, NIGERIA] Gunmen attacked Kadisau village.", 24),
        ("[28 September - 04 October, Cox’s Bazar ]Confirmed COVID-19 cases: 273 refugees.", 41),
        ("[November 2, Idleb] The director of the camp explains.", 19),
    ],
)
def test_a_bracketed_dateline_run_into_the_text_is_the_header(text, end):
    assert evidence.header_end(text) == end


@pytest.mark.parametrize(
    "text",
    [
        "[The text below was translated.] The fighting displaced 500 families.",  # no date in it
        "[" + " ".join(["word"] * 30) + " 2020] Too long for a dateline.",
        "The fighting [in 2020] displaced 500 families.",  # not at the start
    ],
)
def test_a_bracket_without_a_date_too_long_or_later_is_no_dateline(text):
    assert evidence.header_end(text) == 0


def test_the_extract_schema_allows_every_term():
    from crisisdesk.export.extract_json import extract_schema

    enum = extract_schema()["$defs"]
    found = [d["properties"]["term"]["enum"] for d in enum.values() if "term" in d.get("properties", {})]
    assert found and all(set(e) == set(TERMS) for e in found)


# --- the place of a figure no sentence places ------------------------------------------------------


def _extract(text):
    from crisisdesk.ingest import make_article
    from crisisdesk.ingest.readers import RawArticle
    from crisisdesk.nlp.pipeline import extract

    return next(iter(extract([make_article(RawArticle(text, "test:1", id="t1"))])))


@pytest.mark.slow
def test_a_report_about_one_country_places_its_figures_there():
    # UNAMA's quarterly report: the country only inside the mission's name
    text = (
        "From 1 July to 30 September 2019, UNAMA (United Nations Assistance Mission in Afghanistan) documented the highest "
        "number of casualties. From 1 January to 30 September 2019, UNAMA documented 8,239 civilian casualties."
    )
    (figure,) = _extract(text).figures
    assert figure.place is not None and figure.place.text == "Afghanistan"


@pytest.mark.slow
def test_a_report_naming_two_countries_leaves_an_unplaced_figure_unplaced():
    text = "Fighting in Syria continued. In Turkey, officials said 5,000 people were displaced. Some 200 people were killed."
    placed = {f.quantity: f.place.text if f.place else None for f in _extract(text).figures}
    assert placed == {5000: "Turkey", 200: None}
