"""Crisis relevance (issue 16 item 4, issue 17 item 3, issue 18 item 3): one decision, made once per
article by :mod:`crisisdesk.nlp.relevance`, marks figures, events and conditions alike as told in a
humanitarian crisis (armed conflict, violence against civilians, disaster, epidemic, displacement,
food crisis) or not (a house fire, an ordinary shooting, a court case, a road toll).

The texts are written in the manner of their sources, several sources a class: local fire and
police news (GeoWebNews, Gun Violence Archive articles), court reports, national road-safety
statistics, OCHA and UNHCR situation reports and WHO epidemic updates (HumSet), wire reports of
floods and of shelling."""

from __future__ import annotations

import pytest

from crisisdesk.model import Article, Extraction
from crisisdesk.nlp.pipeline import extract
from crisisdesk.nlp.relevance import BY_ITSELF, NONE, SHARED_WITH_CRIME, crisis_sentences, naming

#: Articles that tell no humanitarian crisis: every figure, event and condition is marked False.
ORDINARY = {
    "apartment fire": "Firefighters spent Sunday night fighting two apartment fires in the north end. "
    "Officials said two people had to be evacuated from a second floor suite. No one was hurt.",
    "house fire": "A kitchen fire tore through a two-storey home on Elm Street on Friday. "
    "Six residents were evacuated and the Red Cross is helping the family. Fire crews stayed at the scene overnight.",
    "fire displacement": "A kitchen fire tore through an apartment building on Friday night. "
    "The Red Cross is assisting 14 residents displaced by the blaze.",
    "suspects fled": "Police said four suspects fled the scene on foot after the shooting. Detectives are reviewing video.",
    "school shooting": "A gunman opened fire at a high school on Wednesday, killing 17 people. "
    "The suspect, a former student, was taken into custody by sheriff's deputies. "
    "Survivors of the attack held a vigil on Friday.",
    "street shooting": "Police said two people were killed in a shooting outside a bar early Sunday. "
    "Detectives found dozens of shell casings at the scene. The victims were 24 and 31.",
    "court case": "A jury convicted him of killing two people in an armed robbery in 2019. He was sentenced to life in prison on Tuesday.",
    "road toll": "Road crashes killed 361 people in Kenya last year, police said. A further 1,200 people were injured on the roads.",
}

#: Articles that tell a crisis: their figures of deaths, injuries and evacuations are crisis figures.
CRISIS = {
    "flood evacuation": "Heavy rain sent the river over its banks on Monday. About 3,000 residents were evacuated as the floodwaters rose.",
    "war evacuation": "About 1,200 civilians were evacuated from the besieged city on Tuesday.",
    "shelling": "Shelling killed three civilians in the town on Tuesday, the regional governor said.",
    "COVID-19 in a camp": "Two people have died of COVID-19 in the camps, health officials said. "
    "Another 40 people were evacuated to an isolation centre.",
    "attack on a village": "Gunmen attacked a village in the north-west on Saturday, killing 12 people. The victims were buried on Sunday.",
}


@pytest.fixture(scope="module")
def extractions() -> dict[str, Extraction]:
    texts = {**ORDINARY, **CRISIS}
    found = extract([Article(id=name, text=text, language="en") for name, text in texts.items()])
    return {x.article.id: x for x in found if isinstance(x, Extraction)}


@pytest.mark.parametrize("name", ORDINARY)
def test_ordinary_news_gives_no_crisis_fact(extractions, name):
    x = extractions[name]
    assert x.figures, name  # the figures are kept, marked
    assert [f.crisis for f in x.figures] == [False] * len(x.figures)
    assert all(e.crisis is False for e in x.events)
    assert all(c.crisis is False for c in x.conditions)


@pytest.mark.parametrize("name", CRISIS)
def test_crisis_news_gives_crisis_figures(extractions, name):
    x = extractions[name]
    assert x.figures and all(f.crisis for f in x.figures), [(f.text, f.crisis) for f in x.figures]
    assert all(e.crisis is not False for e in x.events)


def test_figures_events_and_conditions_share_one_decision(extractions):
    for x in extractions.values():
        sentences = sorted({(f.sentence_start, f.crisis) for f in x.figures} | {(e.sentence_start, e.crisis) for e in x.events})
        by_start: dict[int, set] = {}
        for start, crisis in sentences:
            by_start.setdefault(start, set()).add(bool(crisis))
        # a figure whose term is no crisis by itself and an event of the same sentence agree
        for f in x.figures:
            if f.term in ("killed", "injured", "evacuated"):
                assert by_start[f.sentence_start] == {bool(f.crisis)}, (x.article.id, f.text)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # words that name a crisis by themselves
        ("Artillery shells hit the market on Tuesday.", BY_ITSELF),
        ("The town was shelled overnight.", BY_ITSELF),
        ("COVID-19 cases rose to 51 in the camp.", BY_ITSELF),
        ("Measles has spread to three districts.", BY_ITSELF),
        ("The Red Crescent delivered food parcels.", BY_ITSELF),
        ("As of 11 January, 870 families remained in 20 evacuation centres.", BY_ITSELF),
        ("On March 16th a state of national emergency was declared and schools were closed.", BY_ITSELF),
        # words crime news shares
        ("The victim was shot twice.", SHARED_WITH_CRIME),
        ("Gunmen attacked the village.", SHARED_WITH_CRIME),
        ("They develop new mental problems just by staying in the camp.", SHARED_WITH_CRIME),
        # words of fire and rescue news: no crisis by themselves
        ("Officials said two people had to be evacuated from a second floor suite.", NONE),
        ("She is a survivor of the shooting.", NONE),
        ("Emergency crews arrived within minutes.", NONE),
        # false friends: a crisis word that names none
        ("Firefighters spent the night fighting two apartment fires.", NONE),
        ("Investigators found several spent shell casings.", NONE),
        ("Police received conflicting reports about the car.", NONE),
        ("He was an Iraq War veteran.", NONE),
        ("Deputies responded to a home invasion on Main Street.", NONE),
        ("A bomb threat delayed the investigation.", NONE),
        ("The children were at a summer camp by the lake.", NONE),
        ("It is the latest example of the gun violence epidemic in our city.", NONE),
        ("The shooting happened in the city's 37th Ward.", NONE),
        ("It happened at the Crescent View apartment complex.", NONE),
        ("Nick Shell, 38, and David Watson, 48, are the inmates.", NONE),
        ("The Rockets beat the Lakers 112-104.", NONE),
        ("Rockets hit the northern suburbs overnight.", BY_ITSELF),
    ],
)
def test_how_a_sentence_names_a_crisis(sentence, kind):
    assert naming(sentence) == kind


def test_words_crime_news_shares_name_no_crisis_in_an_article_that_tells_a_case():
    attack = ["Gunmen attacked a village on Saturday.", "Residents fled.", "Markets closed."]
    assert crisis_sentences(attack, neighbours=0) == [True, False, False]
    told_as_a_case = [*attack, "The suspects were later charged in court."]
    assert crisis_sentences(told_as_a_case, neighbours=0) == [False] * 4


def test_an_evacuation_is_a_crisis_in_the_context_of_one():
    fire = ["Fire broke out in a flat on Monday.", "Twelve people were evacuated."]
    flood = ["The river burst its banks on Monday.", "Floodwaters rose through the night.", "Twelve people were evacuated."]
    assert crisis_sentences(fire) == [False, False]
    assert crisis_sentences(flood) == [True, True, True]


def test_words_sport_news_uses_for_play_name_no_crisis_in_an_article_told_as_sport():
    # GeoWebNews (a touring car championship preview): "Alfa attack", "The Porsche invasion"
    preview = [
        "The 2018 British Touring Car Championship gets going tomorrow at Brands Hatch.",
        "The Porsche invasion.",
        "Alfa attack.",
        "The Alfa Romeo badge is back, with a race winner at the wheel.",
    ]
    assert crisis_sentences(preview) == [False] * 4
    # written for this test: a football report, and the same words of war outside sport
    match = ["The goalkeeper was beaten twice as the visitors' attack tore through the defence.", "It was a siege in the second half."]
    assert crisis_sentences(match) == [False, False]
    assert crisis_sentences(["Rebels launched an attack on the town.", "The siege entered its third week."]) == [True, True]
    # a crisis word sport does not use keeps its sense in a sport story ("refugees" at a world cup)
    assert crisis_sentences(["Refugees from the camp watched the World Cup final on a big screen."]) == [True]


def test_an_attack_in_a_sport_article_is_no_crisis_event():
    (extraction,) = extract([Article(id="t", text="The championship resumes on Sunday. Alfa attack. The Porsche invasion is under way.")])
    assert extraction.events and not any(e.crisis for e in extraction.events)
