"""Events: what happened, who did it to whom, where, when, and how the sentence reports it."""

from __future__ import annotations

from datetime import date

import pytest

from crisisdesk.model import EVENT_STATUSES, EVENT_TYPES, Article, Event
from crisisdesk.nlp.pipeline import extract


def events_of(text: str, published: date | None = None) -> list[Event]:
    (extraction,) = extract([Article(id="t", text=text, published=published)])
    return extraction.events


def only(events: list[Event], kind: str) -> Event:
    found = [e for e in events if e.type == kind]
    assert len(found) == 1, [(e.type, e.text) for e in events]
    return found[0]


# --- the seeds' sentences -----------------------------------------------------------------------


def test_a_nominal_event_with_its_actor_and_place():
    events = events_of(
        "The deployment of a UN humanitarian mission to Nagorno-Karabakh made it possible to show images of the enclave "
        "liberated from its Armenian residents after Azerbaijan’s lightning offensive."
    )
    mission = only(events, "mission_deployed")
    assert (mission.status, mission.text, mission.place.text) == ("happened", "deployment", "Nagorno-Karabakh")
    offensive = only(events, "offensive")
    # The tagger calls "offensive" an adjective here; it is the object of "after" all the same.
    assert (offensive.status, offensive.actor, offensive.actor_country, offensive.place) == ("happened", "Azerbaijan", "AZE", None)


def test_a_mission_announced_in_reported_speech_is_planned_and_its_pronoun_is_the_speaker():
    (event,) = events_of("The UN said it would send a mission this weekend to primarily assess humanitarian needs.", date(2023, 9, 28))
    assert (event.type, event.status, event.actor, event.attribution) == ("mission_deployed", "planned", "The UN", "The UN")
    assert event.time.text == "this weekend" and event.dated_by == "text"
    assert (event.when.start, event.when.end) == (date(2023, 9, 30), date(2023, 10, 1))


def test_without_a_publication_date_a_relative_time_dates_nothing():
    (event,) = events_of("But throughout the weekend, Baku carried out a series of illegal arrests in the enclave.")
    assert (event.type, event.status, event.text, event.actor, event.actor_country) == ("arrests", "happened", "arrests", "Baku", "AZE")
    assert event.time.value == "XXXX-WXX-WE" and event.when is None  # never read against today


def test_troops_closing_in_is_an_offensive_under_way_bounded_by_the_publication_date():
    events = events_of("Residents of Stepanakert are living in fear as Azerbaijani troops close in on the city.", date(2023, 11, 8))
    event = only(events, "offensive")
    assert (event.status, event.actor, event.actor_country, event.target) == ("under_way", "Azerbaijani troops", "AZE", "the city")
    assert event.dated_by == "publication" and (event.when.start, event.when.end) == (None, date(2023, 11, 8))


def test_a_perfect_with_since_is_still_under_way():
    events = events_of(
        "Basic services have been severely disrupted since the offensive began, leaving the population without electricity.",
        date(2023, 11, 8),
    )
    assert (only(events, "services_cut").status, only(events, "services_cut").target) == ("under_way", "Basic services")
    assert only(events, "offensive").status == "happened"


def test_a_year_dates_the_war_and_a_duration_says_how_long():
    events = events_of(
        "However, in 2020, Azerbaijan launched a six-week war that resulted in the loss of territories for Armenia.", date(2023, 11, 8)
    )
    war = only(events, "fighting")
    assert (war.status, war.actor, war.time.value, war.duration) == ("happened", "Azerbaijan", "2020", "P6W")
    assert (war.when.start, war.when.end, war.when.precision) == (date(2020, 1, 1), date(2020, 12, 31), "year")


def test_a_claim_keeps_who_claims_it():
    (event,) = events_of(
        "While Azerbaijan claims to be delivering humanitarian aid, the situation on the ground remains dire.", date(2023, 11, 8)
    )
    assert (event.type, event.status, event.actor, event.attribution) == ("aid_delivery", "under_way", "Azerbaijan", "Azerbaijan")


def test_separatists_laying_down_arms_is_a_surrender_by_no_state():
    events = events_of("Armenian separatist authorities have agreed to the military demands to lay down their arms.", date(2023, 11, 8))
    event = only(events, "ceasefire")
    assert (event.status, event.actor, event.actor_country) == ("happened", "Armenian separatist authorities", None)


# --- English beyond the seeds -------------------------------------------------------------------


def test_shelling_on_a_weekday_before_publication():
    (event,) = events_of("Government forces shelled the town of Kidal on Tuesday.", date(2024, 3, 15))
    assert (event.type, event.status, event.actor, event.place.text) == ("offensive", "happened", "Government forces", "Kidal")
    assert event.target == "the town of Kidal"  # "on Tuesday" is when, not whom
    assert (event.when.start, event.when.end, event.dated_by) == (date(2024, 3, 12), date(2024, 3, 12), "text")


def test_a_denial_and_a_negation():
    assert only(events_of("The army denied that it had arrested any journalists."), "arrests").status == "denied"
    assert only(events_of("No evacuation has taken place so far."), "evacuation").status == "denied"


def test_a_plan_and_a_date_after_publication_are_planned():
    plan = only(events_of("The authorities plan to evacuate 5,000 people next week.", date(2024, 3, 15)), "evacuation")
    assert (plan.status, plan.time.text) == ("planned", "next week")
    later = only(
        events_of("He signed a decree dissolving all state institutions from 1 January 2024.", date(2023, 9, 28)), "authority_dissolved"
    )
    assert later.status == "planned" and later.when.start == date(2024, 1, 1)


def test_present_progressive_and_continuing_clashes_are_under_way():
    events = events_of("Thousands of residents are fleeing the city as clashes continue.", date(2024, 3, 15))
    assert only(events, "displacement").status == "under_way"
    assert only(events, "fighting").status == "under_way"


def test_what_only_could_happen_is_no_event():
    assert events_of("Troops could attack the city at any moment.") == []
    assert events_of("It is crucial for the international community to provide humanitarian assistance.") == []
    assert events_of("The uncertainty surrounding the future of the region adds to the anxiety.") == []


def test_words_that_are_events_only_with_the_right_argument():
    assert events_of("The company will deliver the new trains in May.") == []
    assert only(events_of("Convoys delivered food and medicine to Gaza on Sunday.", date(2024, 3, 15)), "aid_delivery").status == "happened"
    assert events_of("The fire destroyed the old market.") == []
    assert only(events_of("Snipers opened fire on the crowd.", date(2024, 3, 15)), "offensive").target == "the crowd"
    assert only(events_of("Refugees began returning to their homes in Mosul.", date(2024, 3, 15)), "return").status == "happened"


def test_a_place_in_a_clause_under_the_event_is_not_its_place():
    event = only(
        events_of("Police detained the former leader as he tried to cross into Armenia on Wednesday.", date(2023, 9, 28)), "arrests"
    )
    assert event.place is None and event.time.value == "2023-09-27"


def test_since_a_date_runs_to_publication():
    event = only(
        events_of("More than 28,000 people have fled Nagorno-Karabakh into Armenia since Sunday.", date(2023, 9, 26)), "displacement"
    )
    assert (event.when.start, event.when.end) == (date(2023, 9, 24), date(2023, 9, 26))


def test_offsets_point_at_the_evidence_in_the_verbatim_text():
    text = "Intro line.\n\nOn Monday the army evacuated 300 families from Beledweyne after the Shabelle river burst its banks."
    (event,) = [e for e in events_of(text, date(2023, 11, 8)) if e.type == "evacuation"]
    assert text[event.start : event.end] == event.text == "evacuated"
    assert text[event.sentence_start : event.sentence_end] == event.sentence
    assert text[event.time.start : event.time.end] == "Monday"


def test_every_event_uses_the_vocabulary():
    events = events_of(
        "Rebels attacked the base, thousands fled, the UN deployed observers, aid convoys arrived and a truce was signed.", date(2024, 1, 5)
    )
    assert events and all(e.type in EVENT_TYPES and e.status in EVENT_STATUSES for e in events)


def test_fighting_words_are_events_only_among_armed_parties_or_at_a_named_place():
    assert events_of("The fire service was busy fighting two apartment fires overnight.") == []
    assert events_of("Both teams face a crucial relegation battle on Saturday.") == []
    assert events_of("The commission has taken a step towards fighting work-related cancer.") == []
    assert only(events_of("Rebels fought government troops near the airport.", date(2024, 1, 5)), "fighting").status == "happened"
    assert only(events_of("Fighting in Yemen has killed thousands of civilians.", date(2018, 4, 1)), "fighting").place.text == "Yemen"


def test_crimes_metaphors_and_names_are_not_crisis_events():
    assert events_of("He was charged with assault and criminal mischief.") == []
    assert events_of("Investors fret about a possible trade war.") == []
    assert events_of("He suffered a cardiac arrest at home.") == []
    assert events_of("A man called the Tianjin No. 2 Detention Centre on Thursday.") == []
    assert events_of("The suspect took jewellery before fleeing the scene.") == []
    assert events_of("Groups put informants in mosques to try to prevent terrorist attacks.") == []


def test_a_call_to_act_is_planned_not_done():
    event = only(
        events_of("Zakharova called on the UN to continue to provide aid for civilians in Eastern Ghouta.", date(2018, 4, 1)),
        "aid_delivery",
    )
    assert event.status == "planned"


def test_a_negation_in_the_clause_an_event_only_modifies_does_not_deny_it():
    events = events_of(
        "While Armenian separatist authorities have agreed to the military demands to lay down their arms, "
        "talks on the region's reintegration into Azerbaijan have not yet reached a final agreement.",
        date(2023, 11, 8),
    )
    assert only(events, "ceasefire").status == "happened"


def test_a_purpose_under_an_obligation_is_no_event():
    sentence = "The international community must work together to provide humanitarian assistance and support negotiations."
    assert [e for e in events_of(sentence, date(2023, 11, 8)) if e.type == "aid_delivery"] == []


# --- issue 18: casualties, attacks in words, plans, doers -----------------------------------------


def _events(text: str) -> list[tuple[str, str, str | None, str | None]]:
    (extraction,) = extract([Article(id="t", text=text)])
    return [(e.type, e.status, e.actor, e.target) for e in extraction.events]


@pytest.mark.parametrize(
    "sentence",
    [
        "Eleven people, none of them Americans, died in the blast in Dar-es-Salaam, Tanzania.",  # TimeBank (AQUAINT)
        "A 15-year-old boy from the Town of Shelby has died from a gunshot wound.",  # GVA
        "On Wednesday, a man died after being shot near Candlestick Park.",  # GVA
        "Charles Adams, 57, died after a Thursday shooting on the 1800 block of Ramblewood Road in Loch Raven.",  # GVA
    ],
)
def test_a_death_with_a_violent_cause_is_a_killing_whose_dead_are_not_its_actor(sentence):
    killings = [e for e in _events(sentence) if e[0] == "killing"]
    assert len(killings) == 1
    assert killings[0][2] is None and killings[0][3] is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "He thus died as he lived: daring and fearless in duty.",  # GeoWebNews
        "Stahl, a sophomore at Medina High School, died in his home on Salt Works Road at about 5:30 p.m.",  # GVA
        "Quinn said his mother nearly died of illness last year.",  # GVA
    ],
)
def test_a_death_with_no_violent_cause_is_no_killing(sentence):
    assert not [e for e in _events(sentence) if e[0] == "killing"]


def test_killed_and_wounded_are_events_of_their_own_with_the_victims_as_targets():
    # TimeBank (AQUAINT): the figures are the targets, no actor (a passive with no "by")
    found = _events("At least 75 people were killed and 1,643 wounded there, Red Cross and ambulance officials said.")
    assert found == [("killing", "happened", None, "At least 75 people"), ("injury", "happened", None, "1,643")]
    # TimeBank: the bombings are the actor of "claimed lives" and of "injured"
    found = _events("In all, the bombings in Kenya and Tanzania last week claimed at least 217 lives and injured nearly 5,000.")
    assert [e[0] for e in found] == ["offensive", "killing", "injury"]
    assert found[1][3] == "at least 217 lives" and found[2][3] == "nearly 5,000"


def test_more_than_so_many_injured_is_an_injury():
    assert _events("More than 5,500 people were injured, mostly Kenyans.") == [
        ("injury", "happened", None, "More than 5,500 people")
    ]  # TimeBank


@pytest.mark.parametrize(
    "sentence",
    [
        "Mrs Haley attacked Mr Trump's proposal on immigration.",  # issue 18's hand reading
        "In Sunday's debate against Vacco, Spitzer attacked him for failing to enforce a court order in 1992.",  # TimeBank (NYT)
        "The senator's attack on the governor's budget drew applause.",
        "Critics attacked the government's handling of the flood response.",  # written for these tests
        "The opposition leader launched a scathing attack on the prime minister.",
    ],
)
def test_an_attack_in_words_is_no_offensive(sentence):
    assert not [e for e in _events(sentence) if e[0] == "offensive"]


def test_an_attack_in_arms_still_is_one_with_its_doers():
    # TimeBank (APW): "when it was attacked"
    assert [e[0] for e in _events("Howes' team was clearing mines 17 kilometers from Angkor Wat when it was attacked.")] == ["offensive"]
    found = _events("Gunmen attacked the village on Tuesday, killing 12 people.")
    assert found == [("offensive", "happened", "Gunmen", "the village"), ("killing", "happened", "Gunmen", "12 people")]


def test_what_is_announced_is_planned_for_every_verb_of_the_list():
    found = _events("We will identify, arrest and prosecute those responsible.")  # issue 18's hand reading
    assert [(e[0], e[1]) for e in found] == [("arrests", "planned")]
    # a verb in its own past keeps it: "shelled and captured"
    assert [(e[0], e[1]) for e in _events("Government forces shelled the town and arrested dozens of men.")] == [
        ("offensive", "happened"),
        ("arrests", "happened"),
    ]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # written for these tests: a warning, a threat, an expectation and a vow are no event yet
        ("Police will arrest anyone who violates the curfew, the governor said.", "arrests"),
        ("The minister threatened to arrest the protest leaders.", "arrests"),
        ("Security forces are expected to detain more suspects in the coming days.", "arrests"),
        ("The army vowed to launch an offensive on the rebel stronghold.", "offensive"),
        # the parser hangs an infinitive after an adjunct as a clause of its own (GeoWebNews: "China vowed on Friday to fight")
        ("The rebels vowed on Sunday to attack the capital within days.", "offensive"),
    ],
)
def test_what_is_announced_or_threatened_is_planned_not_happened(sentence, kind):
    assert [(e[0], e[1]) for e in _events(sentence)] == [(kind, "planned")]


def test_a_participle_in_a_clause_told_in_the_future_is_planned():
    # GeoWebNews (a psychologist in a camp on Samos): what will happen has not happened
    found = _events('"Put people in this camp for a very long time and they will end up fighting and killing each other."')
    assert ("killing", "planned") in [(e[0], e[1]) for e in found] and ("killing", "happened") not in [(e[0], e[1]) for e in found]


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("Father arrested after retrieving gun from son's backpack at school, reports say.", "Father"),  # GeoWebNews headline
        ("Three protesters shot dead in Khartoum as troops open fire.", "Three protesters"),  # written: wire headline
        ("Two journalists were beaten to death by a mob in the capital amid the unrest.", "Two journalists"),
    ],
)
def test_a_headlines_passive_and_a_death_by_violence_name_the_victim_not_a_doer(sentence, target):
    found = [e for e in _events(sentence) if e[0] in ("arrests", "killing")]
    assert len(found) == 1 and found[0][3] == target and found[0][2] in (None, "a mob")


def test_whom_a_killing_befell_comes_before_an_on_phrase_and_its_cause_is_no_doer():
    # TimeBank/AQUAINT: "was shot to death on the night of Oct. 23" (a time, not whom)
    found = _events("Slepian, a 52-year-old obstetrician, was shot to death on the night of Oct. 23 in his kitchen.")
    assert [(e[0], e[2], e[3]) for e in found] == [("killing", None, "Slepian")]
    # the event that killed is no doer (its doer is unnamed); the rebels are
    assert ("killing", "happened", None, "three aid workers") in _events("The attack on the convoy killed three aid workers.")
    assert ("killing", "happened", "Rebels", "12 civilians") in _events("Rebels killed 12 civilians in an attack on the village.")


def test_killed_by_a_verb_of_violence_with_its_result_is_a_killing_and_alone_is_none():
    assert [(e[0], e[2], e[3]) for e in _events("Militiamen gunned down five farmers near the camp.")] == [
        ("killing", "Militiamen", "five farmers")
    ]
    assert [e[0] for e in _events("Two men were beaten outside a bar.")] == []


def test_the_doer_of_a_second_verb_is_the_subject_of_the_first():
    # GeoWebNews: "Police arrived within minutes and promptly detained the suspect."
    assert _events("Police arrived within minutes and promptly detained the suspect.") == [("arrests", "happened", "Police", "the suspect")]
    assert _events("Troops entered the town and arrested dozens of men.") == [("arrests", "happened", "Troops", "dozens of men")]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Intense airstrikes continued to target coastal districts where displaced people were located.", "offensive"),  # HumSet
        ("Most displacements between 27 February and 5 March were due to military operations in western Mosul.", "displacement"),  # HumSet
        ("Intercommunal clashes already broke out in January 2021 in the sub-prefecture of Mouraye.", "fighting"),  # HumSet
        ("Previous arrests included possession of marijuana and aggravated assault.", "arrests"),  # GVA
        ("Heavy fighting erupted in the north of the city on Monday.", "fighting"),
        ("Artillery shelling and airstrikes did not completely stop and continued to pose a threat to civilians.", "offensive"),  # HumSet
    ],
)
def test_a_sentences_capitalised_first_word_or_a_weapon_is_no_actor(sentence, kind):
    found = [e for e in _events(sentence) if e[0] == kind]
    assert found and all(e[2] is None for e in found)


def test_the_doer_stays_the_actor_at_the_start_of_a_sentence():
    assert [e[2] for e in _events("Russian airstrikes hit a market in Idlib on Tuesday.")] == ["Russian"]  # a national adjective
    assert [e[2] for e in _events("Rebels stormed the town and killed dozens of civilians.")] == ["Rebels", "Rebels"]
    # a dateline is not the subject: the police arrested (GVA)
    found = _events("SPRINGFIELD, Mass. — Springfield police have arrested a man they allege shot a 10-year-old girl.")
    assert [(e[0], e[2]) for e in found] == [("arrests", "Springfield police")]


@pytest.mark.parametrize(
    ("sentence", "crisis"),
    [
        ("Police say 34-year-old Saheed Vassell was killed around 5 p.m.", False),  # GeoWebNews (crime)
        (
            "The suspect, who has been identified as 47-year-old Paul Francis Floyd, was arrested for felony child endangerment.",
            False,
        ),  # GeoWebNews
        ("The authorities say about 150,000 people have now been displaced from the region.", True),  # GeoWebNews
        ("Six people were also killed and at least 58 injured in a car bomb attack on Friday outside the U.S. embassy.", True),  # TimeBank
        # issue 18: written for these tests
        ("A suicide bomber killed 15 people at a mosque in Quetta on Friday.", True),
        ("Witnesses said soldiers opened fire on protesters, killing at least 20.", True),
        ("The jury heard that the gunman attacked the victim outside a bar and killed him.", False),  # a court case
    ],
)
def test_events_are_marked_with_the_crisis_context_conditions_use(sentence, crisis):
    (extraction,) = extract([Article(id="t", text=sentence)])
    assert extraction.events and {e.crisis for e in extraction.events} == {crisis}
