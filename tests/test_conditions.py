"""Conditions: humanitarian conditions, needs, access and response, tagged with the DEEP framework."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from crisisdesk.model import CONDITION_KINDS, CONDITION_PILLARS, PILLARS, SECTORS, Article, Condition
from crisisdesk.nlp.pipeline import extract

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def conditions_of(text: str, published: date | None = None) -> list[Condition]:
    (extraction,) = extract([Article(id="t", text=text, published=published)])
    return extraction.conditions


def kinds(conditions: list[Condition]) -> list[tuple[str, str]]:
    return [(c.kind, c.text) for c in conditions]


def test_the_vocabulary_is_deeps():
    assert set(CONDITION_PILLARS.values()) <= set(PILLARS)
    assert len(CONDITION_KINDS) == len(CONDITION_PILLARS)
    assert "WASH" in SECTORS and "Cross" in SECTORS


# --- the seeds' sentences -----------------------------------------------------------------------


def test_services_cut_name_their_sectors_and_communications_are_a_condition_of_their_own():
    found = conditions_of(
        "Basic services have been severely disrupted since the offensive began, leaving the population without "
        "electricity, gas, food, fuel, and even internet and telephone connections."
    )
    assert kinds(found) == [
        ("services_cut", "Basic services have been severely disrupted"),
        ("services_cut", "without electricity, gas, food, fuel, and even internet and telephone connections"),
        ("communications_cut", "internet and telephone connections"),
    ]
    lack = found[1]
    assert (lack.pillar, lack.sectors) == ("Humanitarian Conditions", ("Food Security", "Shelter", "Logistics"))
    assert found[2].pillar == "Information and Communication"


def test_hiding_in_basements_is_shelter():
    (found,) = conditions_of("People are left with no choice but to hide in basements for their safety.")
    assert (found.kind, found.pillar, found.sectors) == ("shelter", "Humanitarian Conditions", ("Shelter",))
    assert found.text.startswith("hide in basements")


def test_a_series_of_illegal_arrests_is_a_protection_incident_dated_by_its_clause_and_not_placed_at_its_actor():
    (found,) = conditions_of("But throughout the weekend, Baku carried out a series of illegal arrests in the enclave, heightening refugees’ fears.")
    assert (found.kind, found.text, found.sectors) == ("protection", "a series of illegal arrests", ("Protection",))
    assert found.time is not None and found.time.text == "the weekend"
    assert found.place is None  # Baku did it; the arrests were not in Baku


def test_no_access_for_thirty_years_is_humanitarian_access_and_needs_are_priority_needs():
    found = conditions_of(
        "The UN said it would send a mission this weekend to primarily assess humanitarian needs, although the "
        "organization has not had access to the region for “around 30 years.”"
    )
    assert [(c.kind, c.pillar) for c in found] == [("need", "Priority Needs"), ("access", "Humanitarian Access")]
    assert found[1].text.startswith("has not had access to the region")
    assert found[0].attribution == "The UN"


def test_aid_claimed_is_response_with_what_it_holds():
    (found,) = conditions_of(
        "While Azerbaijan claims to be delivering humanitarian aid, including food and hygiene products, to the people "
        "of Nagorno-Karabakh, the situation on the ground remains dire."
    )
    assert (found.kind, found.pillar) == ("aid", "Capacities & Response")
    assert found.text == "delivering humanitarian aid, including food and hygiene products"
    assert found.sectors == ("Food Security", "WASH")


def test_people_who_could_not_leave_are_at_risk():
    (found,) = conditions_of("There is no one left, except for a few elderly or disabled people who could not walk.")
    assert (found.kind, found.pillar) == ("at_risk", "At Risk")
    assert "elderly or disabled people" in found.text


def test_a_list_keeps_only_its_vulnerable_members():
    (found,) = conditions_of(
        "In the capital of Nagorno-Karabakh, Stepanakert, a few people are still temporarily there: hundreds of "
        "officials, rescue workers in the hospital, people with special needs."
    )
    assert (found.kind, found.text) == ("at_risk", "people with special needs")


def test_the_seed_articles_give_their_conditions_with_offsets_into_the_text():
    from crisisdesk.ingest import read_sources

    articles = list(read_sources([str(SEEDS / "001_6c35d05630cd5f50.txt")]))
    (extraction,) = extract(articles)
    text = extraction.article.text
    for condition in extraction.conditions:
        assert text[condition.start : condition.end] == condition.text
        assert text[condition.sentence_start : condition.sentence_end] == condition.sentence
    assert {c.kind for c in extraction.conditions} >= {"shelter", "services_cut", "communications_cut", "aid", "need"}


# --- other real sentences (IDETECT, GeoWebNews, TimeBank) ----------------------------------------


def test_shelter_in_collective_places_and_with_host_families():
    assert kinds(conditions_of("IDPs stayed with host families or in schools and churches.")) == [
        ("shelter", "stayed with host families or in schools and churches")
    ]
    (found,) = conditions_of("Displaced people stayed in open areas near their homes or with host families.")
    assert found.kind == "shelter"


def test_people_trapped_as_roads_close_are_at_risk_and_access_is_constrained():
    found = conditions_of("About 41,000 people were trapped in Al Mashaleeha, Al Zahari and Al Mukha areas as roads were closed.")
    assert [(c.kind, c.pillar) for c in found] == [("at_risk", "At Risk"), ("access", "Humanitarian Access")]
    assert found[1].text == "roads were closed" and found[1].sectors == ("Logistics",)


def test_homes_destroyed_are_impact_but_a_church_is_not_humanitarian_damage():
    (found,) = conditions_of("The floods damaged more than 1,600 mudbrick homes across 700 villages")
    assert (found.kind, found.pillar, found.sectors) == ("damage", "Impact", ("Shelter",))
    assert conditions_of("All this changed when Hurricane Betsy utterly destroyed the church and damaged the library.") == []


def test_disease_in_a_camp_is_health():
    found = conditions_of("About 75 per cent of children arriving at the camp had acute malnutrition.")
    assert [(c.kind, c.text, c.sectors) for c in found] == [("health", "acute malnutrition", ("Nutrition",))]


def test_aid_kept_out_is_access_not_aid_delivered():
    found = conditions_of("A separate attack in Sange prevented the distribution of food aid to 1,500 IDPs")
    assert [c.kind for c in found] == ["access"]


# --- the same words with no humanitarian condition ----------------------------------------------


def test_business_sport_and_crime_hold_no_condition():
    for text in (
        "Magna recently cut its quarterly dividend in half.",
        "The Irish need 85 points in the championship game to tie the all-time record.",
        "Police arrived within minutes and promptly detained the suspect.",
        "The acquisition would give Wilmington, Del.-based Star States access to the Pennsylvania market.",
        "Tensions rose after Pakistan said militants implicated in an attack at a Sufi shrine had taken shelter in Afghanistan.",
        "The displacements were caused by the SDF's operation, aimed at cutting communications between Raqqa and Deir-ez-Zor.",
        "An elderly man has suffered a head injury after a crash on the A120 between a lorry and a cyclist.",
        "Police waited about five minutes before rendering medical aid.",
    ):
        assert conditions_of(text) == [], text
