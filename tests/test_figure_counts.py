"""How many people a sentence counts when English does not give one number for them (issue 16,
item 2-3): victims named without a number, a second number whose noun is left out, partitives,
ages after names, survey shares and ratio bases.

Every class is checked on sentences in the style of several independent sources: local US news as
the Gun Violence Archive collects it, wire copy (AP, Reuters, AFP), UN and NGO situation reports."""

import pytest
import spacy

import crisisdesk.nlp.figures  # noqa: F401  (registers the factories)
from crisisdesk.nlp.pipeline import SPACY_MODEL


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.load(SPACY_MODEL)
    nlp.add_pipe("crisisdesk_quantities")
    nlp.add_pipe("crisisdesk_figures")
    return nlp


def counts(nlp, text):
    """(quantity, term) of every figure that is no part of another."""
    return sorted((f.quantity, f.term) for f in nlp(text)._.crisisdesk_figures if f.part_of is None)


# --- victims counted without a number -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # local TV news (GVA)
        ("A man was shot and killed Saturday night in Rock Falls, police said.", [(1, "killed")]),
        # AP
        ("A woman was injured when gunfire erupted outside a bar in Memphis early Sunday.", [(1, "injured")]),
        # a grandmother quoted by a local paper
        ("Her son was killed in the crossfire, she told reporters.", [(1, "killed")]),
        # a name with the age after it
        ("Jaquise Lewis, 17, was killed in the incident.", [(1, "killed")]),
        # a verb of dying: the subject is the victim
        ("A 4-year-old girl has died, days after she accidentally shot herself in Yonkers.", [(1, "killed")]),
        # an adjective completing a passive
        ("Kaleb didn't make it and was pronounced dead at the hospital.", [(1, "killed")]),
        # the object of an active verb; the sheriff's office
        ("The 19-year-old fatally shot his stepfather and killed a neighbour before fleeing.", [(1, "killed")]),
        # a relative clause: the noun it hangs on is the victim
        ("Police identified a man who was killed in a Wednesday shooting in east Baltimore.", [(1, "killed")]),
        # a headline without a verb of being
        ("One killed and four injured in an attack on a market in Maiduguri.", [(1, "killed"), (4, "injured")]),
    ],
)
def test_one_person_named_in_the_singular_counts_one(nlp, text, expected):
    assert counts(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # local news: a counted and an uncounted member
        ("Two men and a teenager were wounded in the shooting on Main Street.", [(3, "injured")]),
        # AP, Baton Rouge: two victims of one verb, coordinated
        (
            "A drive-by shooting has killed two men and injured a third man and a 16-year-old boy.",
            [(2, "injured"), (2, "killed")],
        ),
        # WISH-TV: found dead
        ("A man and his two kids were found dead inside their home in Henry County on Thursday.", [(3, "killed")]),
    ],
)
def test_a_coordination_of_victims_sums_its_members(nlp, text, expected):
    assert counts(nlp, text) == expected


def test_the_counted_member_of_a_coordination_is_part_of_the_total(nlp):
    figures = nlp("Two men and a teenager were wounded in the shooting.")._.crisisdesk_figures
    total = next(i for i, f in enumerate(figures) if f.quantity == 3)
    (part,) = [f for f in figures if f.quantity == 2]
    assert part.part_of == total and figures[total].text == "Two men and a teenager"


@pytest.mark.parametrize(
    "text",
    [
        # negated, nearly, modal: nothing happened
        "A man was not injured when the car was hit by gunfire.",
        "A woman was nearly killed when a stray bullet entered her bedroom.",
        "A bystander could have been killed, the chief said.",
        # nobody
        "No civilian was hurt in the exchange of fire.",
        # shooting at someone hits no one (AP, local TV)
        "The suspect was shot at by deputies but was not hit.",
        # a plural without a number: how many is not said
        "Children were injured when the school was shelled.",
        # a wish, an attempt: the governing verb says it did not happen (local TV, a court report)
        '"Please don\'t let my baby die," she recalled saying to herself.',
        "The gunman tried to kill a man outside the store.",
    ],
)
def test_no_victim_is_counted_where_none_is_said(nlp, text):
    assert counts(nlp, text) == []


# --- a second number whose noun is left out -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Reuters
        ("Three people were killed and 12 injured in the air strike on the market.", [(3, "killed"), (12, "injured")]),
        # AFP headline
        ("Two dead, 11 hurt in a suicide bombing in Kabul.", [(2, "killed"), (11, "injured")]),
        # OCHA flash update
        ("At least five civilians were killed and 23 wounded in shelling of the town.", [(5, "killed"), (23, "injured")]),
    ],
)
def test_a_number_standing_alone_takes_the_outcome_said_after_it(nlp, text, expected):
    assert counts(nlp, text) == expected


# --- partitives ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "part", "whole"),
    [
        # the example
        ("About 500 of the 4,000 villagers had left by Monday.", (500, "displaced"), (4000, "population")),
        # wire copy after shelling
        (
            "Nearly 3,000 of the town's 8,000 residents have left since the shelling began.",
            (3000, "displaced"),
            (8000, "population"),
        ),
    ],
)
def test_the_whole_of_a_partitive_is_the_baseline_the_part_left(nlp, text, part, whole):
    figures = nlp(text)._.crisisdesk_figures
    found = {(f.quantity, f.term) for f in figures}
    assert part in found and whole in found
    (the_part,) = [f for f in figures if f.quantity == part[0]]
    assert figures[the_part.part_of].quantity == whole[0]


def test_the_whole_of_a_partitive_keeps_its_own_status(nlp):
    # IOM DTM: the whole says what it is, the part what some of them did
    figures = nlp("Of the 4,000 refugees registered in Kiryandongo, 500 returned to their villages last month.")._.crisisdesk_figures
    assert {(f.quantity, f.term) for f in figures} >= {(4000, "refugees"), (500, "returned")}


@pytest.mark.parametrize(
    "text",
    [
        "Only 20 families are left in the village.",
        "Some 300 workers left for the capital in search of jobs.",
    ],
)
def test_left_with_a_complement_is_not_leaving_home(nlp, text):
    assert all(f.term != "displaced" for f in nlp(text)._.crisisdesk_figures)


# --- ages are not counts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        # the README's example (GVA, New Mexico)
        ("Zephania Griego, 9, was killed along with his parents.", {9}),
        # a name, an age and a town
        ("Antwonia Heyward, 20, of North Charleston, was shot in the arm and later died.", {20}),
        # a common noun with its age
        ("Police said the man, 34, died at the scene and a woman, 29, was wounded.", {34, 29}),
        # ages of two counted people
        ("Two soldiers, 19 and 24, were wounded in the ambush.", {19, 24}),
        # "aged"
        ("The victim, aged 15, died in hospital.", {15}),
    ],
)
def test_an_age_after_a_name_is_no_count(nlp, text, ages):
    assert not {f.quantity for f in nlp(text)._.crisisdesk_figures} & ages


# --- survey shares and ratio bases -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # REACH multi-sector needs assessment
        "Seven out of ten interviewed households reported lacking enough food.",
        # UNICEF
        "One in ten children in the district is acutely malnourished.",
        # a perception survey
        "Eight out of 10 respondents said they had been displaced at least once.",
        # a DTM site assessment
        "Of the 1,200 households surveyed, most had fled the fighting.",
        # a rate's base
        "The crude mortality rate rose to 1.5 deaths per 10,000 people per day.",
    ],
)
def test_a_survey_share_or_a_ratio_counts_no_one_affected(nlp, text):
    assert nlp(text)._.crisisdesk_figures == []


@pytest.mark.parametrize(
    "text",
    [
        # the seed article (Le Monde, 2023)
        "100,000 refugees – out of the 120,000 Armenian population – fled the Nagorno-Karabakh enclave.",
        # the same with the parser hanging "out of" on the verb
        "Some 100,000 refugees in Nagorno-Karabakh, out of the 120,000 population, fled.",
    ],
)
def test_the_whole_after_out_of_is_the_baseline(nlp, text):
    figures = nlp(text)._.crisisdesk_figures
    whole = next(f for f in figures if f.quantity == 120_000)
    part = next(f for f in figures if f.quantity == 100_000)
    assert whole.term == "population" and part.term == "refugees" and figures[part.part_of] is whole


# --- a wound the sentence says killed is a death ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # AP
        ("A man was fatally wounded in a drive-by shooting in Memphis on Friday.", [(1, "killed")]),
        # UNAMA
        ("Two civilians were mortally injured when a mortar round hit their house in Nangarhar.", [(2, "killed")]),
        # OCHA: the wound did not kill
        ("Two civilians were wounded when a mortar round hit their house.", [(2, "injured")]),
    ],
)
def test_a_fatal_wound_is_a_death(nlp, text, expected):
    assert counts(nlp, text) == expected


# --- a count restated in another unit takes its term -------------------------------------------


@pytest.mark.parametrize(
    ("text", "quantity", "term"),
    [
        # WFP Yemen (HumSet); the recogniser calls the persons money
        (
            "During the reporting period, a total of 28,135 conflict affected households (196,917 persons) in Shabwa received food assistance.",
            196_917,
            "affected",
        ),
        # an OCHA flash update
        ("Some 1,500 families (about 9,000 individuals) fled the clashes in Kaga Bandoro.", 9_000, "forced_to_flee"),
    ],
)
def test_a_count_restated_in_another_unit_takes_its_term(nlp, text, quantity, term):
    assert {f.quantity: f.term for f in nlp(text)._.crisisdesk_figures}.get(quantity) == term


# --- a move done to refugees is the move --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quantity", "term"),
    [
        # UNHCR Libya update (HumSet)
        ("Since November 2017, UNHCR has evacuated over 1,200 refugees and asylum-seekers from Libya.", 1_200, "evacuated"),
        ("So far, a total of 897 refugees were evacuated to the Emergency Transit Mechanism in Niger.", 897, "evacuated"),
        # a camp management report
        ("About 300 refugees were relocated from Kakuma to the new settlement in Kalobeyei.", 300, "relocated"),
        # fleeing stays their status: the seed article
        ("100,000 refugees fled the Nagorno-Karabakh enclave out of fear of the Azerbaijani authorities.", 100_000, "refugees"),
    ],
)
def test_refugees_evacuated_or_relocated_are_counted_as_the_move(nlp, text, quantity, term):
    assert {f.quantity: f.term for f in nlp(text)._.crisisdesk_figures}.get(quantity) == term


# --- food insecure (IPC phase 3 and above) is in need -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        # WFP country brief
        ("More than 3 million people are severely food insecure, according to WFP.", 3_000_000),
        # OCHA Nigeria humanitarian snapshot
        ("An estimated 1.2 million people are facing food insecurity in Borno, Adamawa and Yobe.", 1_200_000),
        # FEWS NET / IPC analysis
        ("About 4.4 million people are projected to be in IPC Phase 3 or above between June and August.", 4_400_000),
        # FSNAU Somalia
        ("Nearly 650,000 people are in Crisis (IPC Phase 3) or worse in Somalia.", 650_000),
    ],
)
def test_food_insecure_people_are_in_need(nlp, text, quantity):
    assert {f.quantity: f.term for f in nlp(text)._.crisisdesk_figures}.get(quantity) == "in_need"


def test_ipc_phase_two_is_not_in_need(nlp):
    text = "Another 2 million people are in IPC Phase 2 (Stressed) across the country."
    assert all(f.term != "in_need" for f in nlp(text)._.crisisdesk_figures)


# --- a question asks, it does not report ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # an op-ed
        "Will another 100,000 people be forced to flee before the rains?",
        # a headline
        "Could 50,000 more people be displaced by the dam?",
        # a rhetorical question in a speech
        "How many more civilians must be killed before the world acts?",
        "Was a man killed in the raid, as the family claims?",
    ],
)
def test_a_figure_asked_about_is_no_figure(nlp, text):
    assert nlp(text)._.crisisdesk_figures == []


def test_a_question_keeps_the_figure_it_presupposes(nlp):
    # the people are displaced whatever the answer; only their return is asked
    figures = nlp("How many of the 200,000 displaced people will return home this year?")._.crisisdesk_figures
    assert [(f.quantity, f.term) for f in figures] == [(200_000, "displaced")]


# --- disease cases are their own term; their deaths stay killed -------------------------------------


@pytest.mark.parametrize(
    ("text", "cases", "deaths"),
    [
        # Niger cholera update (HumSet)
        ("The 213 confirmed cases to date, including 42 deaths, mark a significant increase.", 213, 42),
        # WHO measles update
        ("Since the beginning of the year, the country has reported 6,400 cases of measles including 76 deaths.", 6_400, 76),
        # an OCHA flash update on an outbreak
        ("The outbreak has now reached 1,045 suspected cases and 19 deaths in three districts.", 1_045, 19),
    ],
)
def test_disease_cases_are_cases_and_their_deaths_killed(nlp, text, cases, deaths):
    figures = nlp(text)._.crisisdesk_figures
    assert {f.quantity: f.term for f in figures} == {cases: "cases", deaths: "killed"}
    assert all(f.part_of is None for f in figures)  # the dead answer a question of their own


@pytest.mark.parametrize(
    "text",
    [
        "The court heard 12 cases of looting on Monday.",
        "In 12 cases the families had already fled.",
    ],
)
def test_cases_that_are_no_disease_are_no_figure(nlp, text):
    assert all(f.term != "cases" for f in nlp(text)._.crisisdesk_figures)


def test_cases_take_their_disease_from_the_paragraph_before(nlp):
    # OCHA North-west Syria COVID-19 update (HumSet)
    text = (
        "As of 17 August, no new cases of COVID-19 have been identified in NWS, while one new recovery was reported in A'zaz. "
        "In total, 51 cases have been identified, comprising 44 recoveries and seven active cases."
    )
    assert {f.quantity: f.term for f in nlp(text)._.crisisdesk_figures}.get(51) == "cases"


@pytest.mark.parametrize(
    "text",
    [
        # a protection report in an article about COVID-19 (HumSet): cases of a crime, not a disease
        "Amid COVID-19, there were four reported cases of potential trafficking of migrant children.",
        "During the cholera outbreak, police recorded 12 cases of looting in the market.",
    ],
)
def test_cases_of_something_that_is_no_disease_are_no_disease_cases(nlp, text):
    assert all(f.term != "cases" for f in nlp(text)._.crisisdesk_figures)


# --- casualties: the killed and injured counted together ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # UNAMA quarterly report
        (
            "From 1 January to 30 September 2019, UNAMA documented 8,239 civilian casualties (2,563 deaths and 5,676 injured).",
            {8_239: "casualties", 2_563: "killed", 5_676: "injured"},
        ),
        # USAID/BHA fact sheet (HumSet)
        (
            "The Protection Cluster estimates that the conflict resulted in approximately 1,500 civilian casualties in November.",
            {1_500: "casualties"},
        ),
        # Reuters
        ("The attack caused more than 40 casualties, hospital officials said.", {40: "casualties"}),
    ],
)
def test_casualties_are_a_term_of_their_own(nlp, text, expected):
    assert {f.quantity: f.term for f in nlp(text)._.crisisdesk_figures} == expected


# --- people shot: hit, killed or not (issue 17) -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # WMC Action News 5: shot, no death told
        ("Five teens were shot on Saturday evening, after a Memphis Gun Down event.", [(5, "casualties")]),
        # AP headline: the people hit and the dead among them
        ("Gunmen burst in on card game at Shreveport tire shop; 8 men shot, 2 dead", [(2, "killed"), (8, "casualties")]),
        # local TV: one person shot, no number
        ("A man was shot in the leg early Sunday, police said.", [(1, "casualties")]),
        # the outcome a coordinated verb or a fatal word tells
        ("Two people were shot and killed Friday night in north St. Louis.", [(2, "killed")]),
        ("A man was fatally shot on Sunday in Roseland.", [(1, "killed")]),
        ("The three victims were found shot to death in front of an apartment building.", [(3, "killed")]),
    ],
)
def test_people_shot_are_casualties_unless_the_sentence_says_they_died(nlp, text, expected):
    assert counts(nlp, text) == expected


def test_the_suspects_shooting_are_not_people_shot(nlp):
    # KLTV: an active participle names who shot
    assert counts(nlp, "One of the suspects in the Bunny's Truck Stop shooting last year pled guilty in a hearing Thursday morning.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Tyler Morning Telegraph, The Shreveport Times, AP
        ("LaPrida Shears died at the scene from a gunshot wound; three others were injured.", [(1, "killed"), (3, "injured")]),
        ("An early morning shooting left two men dead, eight others injured and residents in fear.", [(2, "killed"), (8, "injured")]),
        ("Two others were wounded in the attack, police said.", [(2, "injured")]),
    ],
)
def test_others_wounded_in_a_shooting_are_people(nlp, text, expected):
    assert counts(nlp, text) == expected


def test_other_homes_damaged_are_not_people(nlp):
    assert all(f.unit != "people" for f in nlp("Five houses were destroyed and 10 others damaged.")._.crisisdesk_figures)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # CBS2, KSWO: a pronoun stands for the one victim
        ("The girl was taken to Jacobi hospital. She died two days later.", [(1, "killed")]),
        ("Her 12-year-old brother accidentally shot her in the neck.", [(1, "casualties")]),
        ("He was shot and killed by police after a standoff.", [(1, "killed")]),
        # nothing happened
        ("She was not hurt, police said.", []),
    ],
)
def test_a_singular_pronoun_is_one_victim(nlp, text, expected):
    assert counts(nlp, text) == expected


# --- victims of a reflexive, of an adjunct, of a wound (issue 17) -------------------------------


def casualty_counts(nlp, text):
    """Distinct (quantity, term) of the casualty figures, parts included."""
    return sorted({(f.quantity, f.term) for f in nlp(text)._.crisisdesk_figures if f.term in ("killed", "injured", "casualties")})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # WBTV / WCNC: the victim of a reflexive is the subject, or the understood subject of an adjunct
        ("A two-year-old boy was airlifted to the hospital after accidentally shooting himself in the chest.", [(1, "casualties")]),
        # AP: a gunman who kills himself is a death (the Gun Violence Archive counts a shooter killed)
        ("The gunman shot and killed three people before killing himself.", [(1, "killed"), (3, "killed")]),
        # a pronoun subject stands for someone already named: counted once (CBS2 New York)
        ("A 4-year-old girl has died, days after she accidentally shot herself in Yonkers.", [(1, "killed")]),
    ],
)
def test_a_reflexive_victim_is_the_subject(nlp, text, expected):
    assert casualty_counts(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # KSL Salt Lake City: the understood subject of "after being shot" is the clause's subject
        ("A 16-year-old boy was hospitalized after being shot Thursday in West Valley City.", [(1, "casualties")]),
        # WTOC Savannah: an age standing as a noun names one person
        ("The investigation is ongoing after a 4-year-old was shot in the hand at the hotel.", [(1, "casualties")]),
        # Chicago Sun-Times, KSLA: a wound said of a person; a graze never kills
        ("An 18-year-old man suffered a gunshot wound to the right hand, police said.", [(1, "casualties")]),
        ("The man was found with a gunshot wound to the leg.", [(1, "casualties")]),
        ("Police said another teen was grazed by a bullet.", [(1, "injured")]),
        ("The victim was taken to the hospital with non-life-threatening injuries.", [(1, "injured")]),
        ("He suffered a fatal gunshot wound to the chest.", [(1, "killed")]),
        # OCHA flash update, AP: counted people with a wound
        ("Twelve people sustained injuries in the blast.", [(12, "injured")]),
        ("Three people were found with gunshot wounds.", [(3, "casualties")]),
        # no wound: a man with a gun, recovering from wounds said before
        ("A man with a gun walked into the store.", []),
    ],
)
def test_people_with_a_wound_are_casualties(nlp, text, expected):
    assert casualty_counts(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # WHIO Dayton: two clauses, each with its subject; the others were shot, not killed
        ("Brandon Lanier, 27, was killed, and three others were shot and taken to a local hospital.", [(1, "killed"), (3, "casualties")]),
        # AP: one subject, coordinated verbs: the outcome is said of it
        ("Two people were shot and killed Saturday night in Dayton.", [(2, "killed")]),
        ("A man was killed and two women were shot in the attack.", [(1, "killed"), (2, "casualties")]),
    ],
)
def test_shot_and_killed_tells_the_outcome_only_of_one_subject(nlp, text, expected):
    assert casualty_counts(nlp, text) == expected
