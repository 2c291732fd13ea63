"""Relevance in the analysis (issue 17): only the figures and events the nlp stage marked as about a
crisis make the headline, the reconciled answers, the key messages and the timeline; the others (a
road toll, a building fire) stay in the list of every figure, marked, and are reconciled on request."""

from __future__ import annotations

from datetime import UTC, date, datetime

from crisisdesk.analysis.picture import picture_of
from crisisdesk.analysis.relevance import is_crisis
from crisisdesk.model import Article, Event, Extraction, Figure, Place, PlaceMention

KENYA = Place("Kenya", 192950, "KEN", 1.0, 38.0, "country")
NOW = datetime(2024, 5, 10, tzinfo=UTC)


def _report(id_: str, sentence: str, number: str, quantity: float, term: str, crisis: bool, event: str, day: date) -> Extraction:
    """One article of one sentence naming Kenya, with its figure and its event, both flagged ``crisis``."""
    at = sentence.index("Kenya")
    where = PlaceMention("Kenya", at, at + 5, KENYA, 1.0)
    start = sentence.index(number)
    figure = Figure(
        text=number, start=start, end=start + len(number), quantity=quantity, quantity_max=None, qualifier="exact",
        unit="people", term=term, group=None, place=where, sentence=sentence, sentence_end=len(sentence), country="KEN",
        crisis=crisis,
    )  # fmt: skip
    verb = next(w for w in sentence.split() if w.startswith(("kill", "displac", "evacuat")))
    told = Event(
        type=event, text=verb, start=sentence.index(verb), end=sentence.index(verb) + len(verb), status="happened",
        sentence=sentence, sentence_end=len(sentence), place=where, crisis=crisis,
    )  # fmt: skip
    article = Article(id=id_, text=sentence, published=day, language="en", title=id_)
    return Extraction(article, places=[where], figures=[figure], events=[told])


ROAD_TOLL = [
    _report(
        "toll-1",
        "Road crashes killed 361 people in Kenya last year, police said.",
        "361 people",
        361,
        "killed",
        False,
        "killing",
        date(2024, 5, 2),
    ),  # noqa: E501
    _report(
        "toll-2",
        "Police in Kenya said 361 people were killed on the roads in 2023.",
        "361 people",
        361,
        "killed",
        False,
        "killing",
        date(2024, 5, 3),
    ),  # noqa: E501
]
FIRE = _report(
    "fire", "In Kenya, two people had to be evacuated from a second floor suite after an apartment fire.", "two people", 2,
    "evacuated", False, "evacuation", date(2024, 5, 4),
)  # fmt: skip
FLOOD = _report(
    "flood", "Floods displaced 4,400 people in Kenya, the Red Cross said.", "4,400 people", 4400, "displaced", True, "displacement",
    date(2024, 5, 5),
)  # fmt: skip


def test_a_road_toll_told_twice_does_not_headline_over_a_crisis_figure_told_once():
    picture = picture_of([*ROAD_TOLL, FIRE, FLOOD], now=NOW)
    assert picture.headline.figure.term == "displaced"
    assert [(r.question, r.best.figure.quantity) for r in picture.reconciled] == [("fled or displaced", 4400)]
    assert picture.messages[0].text.startswith("4,400 people displaced")
    # Every figure stays listed, the others marked.
    assert sorted((k.figure.quantity, k.crisis) for k in picture.key_figures) == [(2, False), (361, False), (361, False), (4400, True)]


def test_only_events_told_as_crisis_make_the_timeline():
    picture = picture_of([*ROAD_TOLL, FIRE, FLOOD], now=NOW)
    assert [e.type for e in picture.timeline] == ["displacement"]


def test_every_fact_reconciles_and_tells_the_others_on_request():
    picture = picture_of([*ROAD_TOLL, FIRE, FLOOD], now=NOW, every_fact=True)
    assert {r.question for r in picture.reconciled} == {"killed", "evacuated", "fled or displaced"}
    assert {e.type for e in picture.timeline} == {"killing", "evacuation", "displacement"}


def test_a_building_fire_marked_as_no_crisis_is_no_crisis_story():
    assert not is_crisis([FIRE])
    assert is_crisis([FLOOD])
    assert not picture_of([FIRE], now=NOW).headline
