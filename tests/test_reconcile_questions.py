"""Reconciliation by question: a stock is not a flow, deaths from two diseases are two questions,
incidents in different towns are parts of the country's count, and a share needs a baseline of the
same place and group."""

from __future__ import annotations

from datetime import date

from crisisdesk.analysis.picture import KeyFigure
from crisisdesk.analysis.reconcile import reconcile
from crisisdesk.analysis.sources import Source
from crisisdesk.model import Figure, Place, PlaceMention

SUDAN = Place("Sudan", 366755, "SDN", 15.0, 30.0, "country")
DARFUR = Place("Darfur", None, "SDN", 13.0, 24.0, "region", source="curated")
TAWILA = Place("Tawila", 1, "SDN", 13.5, 24.8, "city")
KUTUM = Place("Kutum", 2, "SDN", 14.2, 24.7, "city")


def told(
    source: str,
    sentence: str,
    number: str,
    quantity: float,
    term: str,
    place: Place = SUDAN,
    group: str | None = None,
    day: date = date(2024, 5, 1),
) -> KeyFigure:
    start = sentence.index(number)
    mention = PlaceMention(place.name, 0, len(place.name), place, 1.0)
    figure = Figure(
        text=number,
        start=start,
        end=start + len(number),
        quantity=quantity,
        quantity_max=None,
        qualifier="exact",
        unit="people",
        term=term,
        group=group,
        place=mention,
        date=None,
        sentence=sentence,
        sentence_end=len(sentence),
        country=place.country,
    )
    return KeyFigure(figure, Source(source, source, day, "en", source, None, None))


def test_newly_displaced_is_a_flow_apart_from_the_displaced_stock():
    keys = [
        told("a", "Some 2.7 million people are displaced in Sudan.", "2.7 million people", 2_700_000, "displaced"),
        told("b", "In May, 940,000 people were newly displaced in Sudan.", "940,000 people", 940_000, "displaced", day=date(2024, 6, 1)),
    ]
    answers = sorted(reconcile(keys, [], {}), key=lambda a: a.flow)
    assert [(a.flow, a.best.figure.quantity, a.contradicting, a.earlier) for a in answers] == [
        (False, 2_700_000, [], []),
        (True, 940_000, [], []),
    ]
    assert answers[1].label.startswith("newly fled or displaced")


def test_deaths_from_two_diseases_are_two_questions():
    keys = [
        told("a", "Cholera has killed 300 people in Sudan this year.", "300 people", 300, "killed"),
        told("b", "Measles has killed 80 people in Sudan this year.", "80 people", 80, "killed"),
    ]
    answers = reconcile(keys, [], {})
    assert sorted((a.topic, a.best.figure.quantity, len(a.contradicting)) for a in answers) == [("cholera", 300, 0), ("measles", 80, 0)]


def test_killings_in_two_towns_are_two_questions_listed_as_parts_of_the_country():
    keys = [
        told("a", "An airstrike killed 12 people in Tawila.", "12 people", 12, "killed", TAWILA),
        told("b", "Shelling killed 7 people in Kutum.", "7 people", 7, "killed", KUTUM, day=date(2024, 5, 9)),
        told("c", "At least 40 people were killed across Darfur.", "40 people", 40, "killed", DARFUR),
    ]
    answers = reconcile(keys, [], {})
    towns = {a.place: a.best.figure.quantity for a in answers if a.place}
    assert towns == {"Tawila": 12, "Kutum": 7}
    (whole,) = [a for a in answers if a.place is None]
    assert whole.best.figure.quantity == 40 and whole.contradicting == []
    assert [p.place for p in whole.parts] == ["Tawila", "Kutum"] and whole.parts_total == 19
    assert whole.parts_label == "19 across 2 places: Tawila 12; Kutum 7"


def test_a_figure_without_a_town_joins_the_one_town_named():
    keys = [
        told("a", "An airstrike killed 12 people in Tawila.", "12 people", 12, "killed", TAWILA),
        told("b", "The strike killed 12 people, the ministry said.", "12 people", 12, "killed"),
    ]
    (answer,) = reconcile(keys, [], {})
    assert answer.place == "Tawila" and answer.sources == 2


def test_a_share_needs_a_baseline_of_the_same_group_and_more_people_than_the_part():
    children = told("a", "At least 5 children were killed in Tawila.", "5 children", 5, "killed", TAWILA, group="children")
    baseline_same_size = told("b", "The village had 5 children.", "5 children", 5, "population", TAWILA)
    population = told("c", "Tawila had 50,000 inhabitants.", "50,000 inhabitants", 50_000, "population", TAWILA)
    (answer,) = reconcile([children], [baseline_same_size, population], {})
    assert answer.baseline is None and answer.share is None  # neither of the same group
    adults = told("d", "Some 400 people fled Tawila.", "400 people", 400, "displaced", TAWILA)
    (fled,) = reconcile([adults], [baseline_same_size, population], {})
    assert fled.baseline is population


SHREVEPORT = Place("Shreveport", 4341513, "USA", 32.5, -93.75, "city")
MEMPHIS = Place("Memphis", 4641239, "USA", 35.15, -90.05, "city")


def answer(answers, question):
    return next((a for a in answers if a.question == question), None)


def test_the_injured_are_those_shot_less_those_killed_when_no_source_counts_them():
    # AP: "8 men shot, 2 dead"; WMC: "Five teens were shot" with no death told
    keys = [
        told("a", "Gunmen burst in on a card game; 8 men shot, 2 dead", "8 men", 8, "casualties", SHREVEPORT),
        told("a", "Gunmen burst in on a card game; 8 men shot, 2 dead", "2", 2, "killed", SHREVEPORT),
        told("b", "Five teens were shot on Saturday evening in Memphis.", "Five teens", 5, "casualties", MEMPHIS),
    ]
    answers = reconcile(keys, [], {})
    injured = sorted((a.place, a.best.figure.quantity, a.reason) for a in answers if a.question == "injured")
    assert injured == [("Memphis", 5, "derived: 5 hit less 0 killed"), ("Shreveport", 6, "derived: 8 hit less 2 killed")]


def test_an_injured_count_a_source_gives_is_not_derived():
    keys = [
        told("a", "A shooting left one dead and three others injured in Shreveport.", "three others", 3, "injured", SHREVEPORT),
        told("b", "Police said four people were shot in Shreveport.", "four people", 4, "casualties", SHREVEPORT),
    ]
    (injured,) = [a for a in reconcile(keys, [], {}) if a.question == "injured"]
    assert injured.best.figure.quantity == 3 and not injured.reason.startswith("derived")


def test_a_death_among_the_people_shot_answers_the_killed_question():
    # "shot eight men, killing two of them": the two are a part of the eight, and still the killed
    sentence = "Gunmen shot eight men, killing two of them, police said."
    whole = told("a", sentence, "eight men", 8, "casualties", SHREVEPORT)
    part = told("a", sentence, "two", 2, "killed", SHREVEPORT)
    part = KeyFigure(part.figure, part.source, whole.figure)
    answers = reconcile([whole, part], [], {})
    assert answer(answers, "killed").best.figure.quantity == 2
    assert answer(answers, "injured").best.figure.quantity == 6


YEMEN = Place("Yemen", 69543, "YEM", 15.5, 47.5, "country")
SOMALIA = Place("Somalia", 51537, "SOM", 6.0, 48.0, "country")


def test_people_in_need_and_the_food_insecure_are_two_questions():
    # OCHA Yemen HNO 2018: "Some 22.2 million people … are in need of humanitarian assistance.
    # 17.8 million people are food insecure and 8.4 million people do not know …"
    keys = [
        told(
            "a",
            "Some 22.2 million people are in need of humanitarian assistance.",
            "Some 22.2 million people",
            22_200_000,
            "in_need",
            YEMEN,
        ),
        told(
            "a",
            "17.8 million people are food insecure and 8.4 million people do not know how they will obtain their next meal.",
            "17.8 million people",
            17_800_000,
            "in_need",
            YEMEN,
        ),
    ]
    answers = sorted(reconcile(keys, [], {}), key=lambda a: a.best.figure.quantity)
    assert [(a.topic, a.best.figure.quantity, a.contradicting) for a in answers] == [
        ("Food Security", 17_800_000, []),
        (None, 22_200_000, []),
    ]
    assert answers[0].label == "in need: Food Security — Yemen"


def test_ipc_phase_and_acute_food_insecurity_counts_are_the_food_security_question():
    # Somalia HNO: overall in need vs IPC phase 3+; a second source's "acute food insecurity" agrees.
    keys = [
        told("a", "In Somalia, 6.2 million people need humanitarian assistance.", "6.2 million people", 6_200_000, "in_need", SOMALIA),
        told("b", "Some 3.1 million people in Somalia are in IPC Phase 3 or above.", "3.1 million people", 3_100_000, "in_need", SOMALIA),
        told("c", "About 3.1 million people face acute food insecurity, FAO said.", "3.1 million people", 3_100_000, "in_need", SOMALIA),
    ]
    answers = {a.topic: a for a in reconcile(keys, [], {})}
    assert set(answers) == {None, "Food Security"}
    assert answers["Food Security"].sources == 2 and answers["Food Security"].contradicting == []
    assert answers[None].best.figure.quantity == 6_200_000 and answers[None].contradicting == []


def test_in_need_of_one_sector_is_its_own_question_and_still_contradicts_within_it():
    keys = [
        told("a", "Some 14.5 million people in Yemen need health care.", "14.5 million people", 14_500_000, "in_need", YEMEN),
        told("b", "About 19.7 million people lack access to adequate health care.", "19.7 million people", 19_700_000, "in_need", YEMEN),
        told("c", "16 million people need water, sanitation and hygiene support.", "16 million people", 16_000_000, "in_need", YEMEN),
        told("d", "Some 22.2 million people need food, water and shelter.", "22.2 million people", 22_200_000, "in_need", YEMEN),
    ]
    answers = {a.topic: a for a in reconcile(keys, [], {})}
    assert set(answers) == {"Health", "WASH", None}  # several sectors named: the overall count
    assert len(answers["Health"].contradicting) == 1  # 14.5 and 19.7 million are the same question
    assert answers["WASH"].best.figure.quantity == 16_000_000


def test_cases_of_a_disease_are_no_answer_to_the_killed_question():
    keys = [
        told("a", "The outbreak has 1,000 suspected cases in Yemen.", "1,000 suspected cases", 1_000, "cases", YEMEN),
        told("b", "Airstrikes killed 20 people in Yemen.", "20 people", 20, "killed", YEMEN),
    ]
    (answer,) = reconcile(keys, [], {})
    assert (answer.question, answer.best.figure.quantity, answer.contradicting) == ("killed", 20, [])
