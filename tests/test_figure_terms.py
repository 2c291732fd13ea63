"""What a figure counts, by meaning, and what is no figure of affected people (issue 16, items 2-4).

Every rule is checked on real sentences from different sources (humanitarian reports of HumSet,
UNAMA, WHO/OCHA-style situation reports, news)."""

import pytest
import spacy

import crisisdesk.nlp.figures  # noqa: F401  (registers the factories)
from crisisdesk.nlp.pipeline import SPACY_MODEL
from crisisdesk.nlp.relevance import crisis_sentences, is_crisis_figure, names_crisis, names_crisis_beyond_crime


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.load(SPACY_MODEL)
    nlp.add_pipe("crisisdesk_quantities")
    nlp.add_pipe("crisisdesk_figures")
    return nlp


def terms_of(nlp, text):
    return {f.quantity: f.term for f in nlp(text)._.crisisdesk_figures}


# --- a noun that names an outcome keeps it --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        # UNAMA, Afghanistan quarterly report 2019
        (
            "From 1 January to 30 September 2019, UNAMA documented 8,239 civilian casualties (2,563 deaths and 5,676 injured), similar to the same period in 2018.",
            2563,
        ),
        # Niger cholera update (HumSet)
        (
            "The 213 confirmed cases to date, including 42 deaths, mark a significant increase – already a third of the total cases for all of last year.",
            42,
        ),
        # WHO measles update
        ("Since the beginning of the year, the country has reported 6,400 cases of measles including 76 deaths.", 76),
    ],
)
def test_deaths_are_killed_whatever_the_sentence_around_them(nlp, text, quantity):
    assert terms_of(nlp, text).get(quantity) == "killed"


# --- response counts are not people affected -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        # WASH cluster, HumSet
        (
            "In addition, 80,555 individuals were reached with access to safe water through the rehabilitation and repair of existing water points.",
            80_555,
        ),
        # Child protection, HumSet
        (
            "With the provision of child friendly spaces, more than 98,000 children were reached, so they could continue their development cycle.",
            98_000,
        ),
        # Nutrition, HumSet
        ("Although over 167,300 children with SAM received treatment, the needs continued to outstrip the response.", 167_300),
        # the example: water trucking to IDPs
        ("27,600 IDPs received water through trucking.", 27_600),
        # a response plan's target
        ("The aid programme targets 50,000 refugees across the region.", 50_000),
    ],
)
def test_people_reached_by_aid_are_no_figure_of_affected_people(nlp, text, quantity):
    assert quantity not in terms_of(nlp, text)


def test_a_modifier_that_says_they_are_affected_still_counts():
    # Labelling guide: "28,135 conflict affected households ... received food assistance" is also
    # an affected figure (WFP Yemen, HumSet).
    nlp = spacy.load(SPACY_MODEL)
    nlp.add_pipe("crisisdesk_quantities")
    nlp.add_pipe("crisisdesk_figures")
    text = "During the reporting period, a total of 28,135 conflict affected households in Shabwa received food assistance."
    assert terms_of(nlp, text).get(28_135) == "affected"


# --- crisis relevance (the rules: tests/test_relevance.py) ----------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "More than 350,000 people were displaced by the floods in Mosul.",
        "Three civilians were killed in an air strike on the market.",
        "The cholera outbreak has killed 42 people.",
    ],
)
def test_a_sentence_naming_a_crisis_makes_its_figure_a_crisis_figure(sentence):
    assert names_crisis_beyond_crime(sentence) and crisis_sentences([sentence]) == [True]


@pytest.mark.parametrize(
    "sentence",
    [
        "Two people died when their car hit a tree on the A1 on Saturday.",
        "The 23-year-old was jailed for four years for the robbery.",
        "A crowd of 40,000 watched the final at Wembley.",
    ],
)
def test_road_crime_and_sport_figures_are_not_crisis_figures(sentence):
    assert not names_crisis(sentence) and not is_crisis_figure("killed", crisis_sentences([sentence])[0])


def test_an_article_about_a_crisis_makes_all_its_figures_crisis_figures():
    report = [
        "Heavy floods hit Aceh Jaya district on 8 November.",
        "About 4,400 people left their homes.",
        "Roads were closed.",
        "Evacuation centres opened in three villages after the flooding.",
    ]
    assert crisis_sentences(report, neighbours=0, min_sentences=2) == [True] * 4
    assert crisis_sentences(report[1:3] + ["The road was closed."], neighbours=0, min_sentences=2) == [False] * 3


def test_figures_carry_the_crisis_mark(nlp):
    crash = "Two people were killed when a lorry collided with a bus on the M6."
    flood = "Floods displaced 4,400 people in Aceh Jaya district on 8 November."
    assert [f.crisis for f in nlp(crash)._.crisisdesk_figures] == [False]
    assert [f.crisis for f in nlp(flood)._.crisisdesk_figures] == [True]


@pytest.mark.parametrize(
    ("sentence", "term"),
    [
        # IDETECT-style excerpts (OCHA South Sudan, IOM, UNHCR): displacement says nothing of a crisis by name
        ("About 18,000 people arrived in Kodok in Western Nile state.", "displaced"),
        ("About 5,600 people are already there, having fled from Uror county.", "forced_to_flee"),
        ("In Essex, about 140 people took shelter in an education centre in Clacton.", "sheltered"),
    ],
)
def test_displacement_and_need_are_crisis_figures_by_what_they_count(sentence, term):
    assert not names_crisis(sentence) and is_crisis_figure(term, crisis_sentences([sentence])[0])


def test_deaths_and_destroyed_homes_need_their_context():
    # A road crash and a house fire have deaths and destroyed homes too.
    assert not is_crisis_figure("killed", crisis_sentences(["Two people died when their car hit a tree."])[0])
    fire = ["A fire that started in a kitchen destroyed two homes on Elm Street."]
    assert not is_crisis_figure("destroyed_housing", crisis_sentences(fire)[0])


# --- people in need --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        # OCHA Nigeria (HumSet)
        (
            "In 2019, 7.1 million people are in need of humanitarian assistance in Borno, Adamawa and Yobe (BAY) states in Nigeria's north-east.",
            7_100_000,
        ),
        # OCHA Yemen HNO
        ("An estimated 24.1 million people are in need of humanitarian assistance in Yemen.", 24_100_000),
        # WFP Yemen (HumSet)
        ("Some 22.2 million people - 75 per cent of the population - are in need of humanitarian assistance.", 22_200_000),
    ],
)
def test_people_said_to_be_in_need_are_in_need(nlp, text, quantity):
    assert terms_of(nlp, text).get(quantity) == "in_need"


# --- rates count no one ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # UNICEF-style mortality (HumSet: "15 deaths per 1,000 live birth")
        "Under-five mortality fell to 15 deaths per 1,000 live births.",
        # Sphere emergency threshold
        "The crude death rate reached 1.5 deaths per 10,000 people per day.",
        # WHO epidemiological bulletin
        "The attack rate was 2 per 1,000 population.",
    ],
)
def test_the_terms_of_a_rate_are_no_figure(nlp, text):
    assert nlp(text)._.crisisdesk_figures == []


# --- sheltered: staying where people stay only when they lost their home --------------------------


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        # report-style sentences after IOM DTM and OCHA flash updates (the corpora here give only
        # shares: "60 percent of displaced people staying with host families", HumSet a2_22761)
        ("About 3,000 people displaced by the fighting are staying with host families in the district.", 3000),
        ("An estimated 1,200 IDPs are living in schools and churches in Kodok.", 1200),
        ("Around 500 people who lost their homes in the floods were housed in hotels.", 500),
    ],
)
def test_people_staying_in_a_place_of_refuge_are_sheltered(nlp, text, quantity):
    assert terms_of(nlp, text).get(quantity) == "sheltered"


def test_a_school_is_no_shelter_for_its_students(nlp):
    assert terms_of(nlp, "About 2,000 students live in the school.").get(2000) != "sheltered"


# --- crossing a border makes refugees ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        # after UNHCR/IOM on the Rohingya (2017), on South Sudan (2016) and on Sudan (2023); no such
        # sentence is in the sets here
        ("More than 600,000 people have crossed into Bangladesh since 25 August.", 600_000),
        ("Some 15,000 people crossed into Uganda from South Sudan last week.", 15_000),
        ("About 6,000 people crossed the border into Chad.", 6000),
    ],
)
def test_people_who_crossed_a_border_are_refugees(nlp, text, quantity):
    assert terms_of(nlp, text).get(quantity) == "refugees"


def test_crossing_a_river_is_no_border(nlp):
    assert terms_of(nlp, "More than 1,000 people crossed the river to reach the town.").get(1000) != "refugees"


# --- a displacement named by a noun ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quantity", "term"),
    [
        # the class ("left in one of the biggest evacuations"), after news of the 2019 Beira,
        # 2021 La Palma and 2023 Derna evacuations
        ("About 40,000 people left in one of the biggest evacuations in the island's history.", 40_000, "evacuated"),
        ("Some 2,000 residents moved out during the evacuation of the old town.", 2000, "evacuated"),
        ("Nearly 7,000 villagers left during the displacement that followed the dam's collapse.", 7000, "displaced"),
    ],
)
def test_going_away_in_a_named_displacement_is_that_displacement(nlp, text, quantity, term):
    assert terms_of(nlp, text).get(quantity) == term


def test_leaving_at_a_time_is_no_displacement(nlp):
    assert 300 not in terms_of(nlp, "About 300 people left in the morning.")
