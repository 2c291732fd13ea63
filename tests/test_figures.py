"""The figures component: counts of people, households and homes coded in IDMC terms."""

import contextlib
import re

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import crisisdesk.nlp.figures  # noqa: F401  (registers the factories)
from crisisdesk.model import TERMS, PlaceMention
from crisisdesk.nlp.pipeline import SPACY_MODEL

# The places component registers doc._.crisisdesk_places itself when it exists; these tests set it by hand
# (and do not depend on that component working).
with contextlib.suppress(Exception):
    import crisisdesk.nlp.places  # noqa: F401
if not Doc.has_extension("crisisdesk_places"):
    Doc.set_extension("crisisdesk_places", default=None)

#: Place names the test documents mention; the stand-in component below marks each occurrence.
PLACE_NAMES = ("Nagorno-Karabakh", "Stepanakert", "Armenia", "Mosul", "Sudan", "Kenya", "Syria", "Erbil", "Haiti")

AFTERMATH = (
    "The city of Stepanakert, at the entrance to the famous Lachine corridor leading to Armenia, had 51,000 "
    "inhabitants: today only officials, rescue workers and people with special needs have chosen to stay there. "
    "The UN said it would send a mission, although the organization has not had access to the region for "
    "\u201caround 30 years.\u201d 100,000 refugees \u2013 out of the 120,000 Armenian population \u2013 fled the "
    "Nagorno-Karabakh enclave out of fear of the Azerbaijani authorities. In Stepanakert, a few people are still "
    "there: hundreds of officials, rescue workers in the hospital. There is no one left, except for a few elderly "
    "or disabled people who could not walk. Just a few days ago we could see thousands of people gathering there."
)


@Language.component("test_places_by_name")
def places_by_name(doc: Doc) -> Doc:
    pattern = r"\b(?:" + "|".join(re.escape(n) for n in PLACE_NAMES) + r")\b"
    doc._.crisisdesk_places = [PlaceMention(m.group(), m.start(), m.end(), None) for m in re.finditer(pattern, doc.text)]
    return doc


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.load(SPACY_MODEL)
    nlp.add_pipe("test_places_by_name")
    nlp.add_pipe("crisisdesk_quantities")
    nlp.add_pipe("crisisdesk_figures")
    return nlp


def figures(nlp, text):
    return nlp(text)._.crisisdesk_figures


def only(nlp, text, quantity):
    (figure,) = [f for f in figures(nlp, text) if f.quantity == quantity]
    return figure


def test_the_seed_article_yields_exactly_its_three_figures(nlp):
    found = figures(nlp, AFTERMATH)
    assert sorted(f.quantity for f in found) == [51_000, 100_000, 120_000]
    inhabitants, refugees, population = found
    assert (inhabitants.term, inhabitants.unit, inhabitants.tense) == ("population", "people", "past")
    assert inhabitants.place is not None and inhabitants.place.text == "Stepanakert"
    assert (refugees.term, refugees.unit) == ("refugees", "people")
    assert refugees.place is not None and refugees.place.text == "Nagorno-Karabakh"
    assert (population.term, population.unit, population.group) == ("population", "people", "Armenian")
    assert found[refugees.part_of] is population and population.part_of is None


def test_figures_point_at_their_evidence(nlp):
    for figure in figures(nlp, AFTERMATH):
        assert AFTERMATH[figure.start : figure.end] == figure.text
        assert AFTERMATH[figure.sentence_start : figure.sentence_end] == figure.sentence
        assert figure.sentence_start <= figure.start < figure.end <= figure.sentence_end
        assert figure.term in TERMS


@pytest.mark.parametrize(
    ("text", "quantity", "term", "unit"),
    [
        ("More than 350,000 people were displaced in Mosul.", 350_000, "displaced", "people"),
        ("About 5,000 people were forced to flee their homes.", 5000, "forced_to_flee", "people"),
        ("The displacement of more than 2.3 million people continues.", 2_300_000, "displaced", "people"),
        ("About 1,200 families are living in 60 camps.", 1200, "in_relief_camp", "households"),
        ("About 7,000 people remained in collective centres.", 7000, "sheltered", "people"),
        ("About 140 people took shelter in a school.", 140, "sheltered", "people"),
        ("Some 300 homes were destroyed by the floods.", 300, "destroyed_housing", "structures"),
        ("About 450 houses were damaged.", 450, "partially_destroyed_housing", "structures"),
        ("Eighty homes were evacuated on the coast.", 80, "evacuated", "households"),
        ("Floods left 500 people homeless.", 500, "homeless", "people"),
        ("At least 20 people were killed in the attack.", 20, "killed", "people"),
        ("Police arrested 45 protesters.", 45, "arrested", "people"),
        ("About 7,000 IDPs were also forced to flee.", 7000, "forced_to_flee", "people"),
        ("An entire community of 85 people fled their homes.", 85, "forced_to_flee", "people"),
        ("About 5 million people need humanitarian assistance.", 5_000_000, "in_need", "people"),
        ("About 2,000 people were evacuated ahead of the storm.", 2000, "evacuated", "people"),
        ("About 6,700 people returned to their villages.", 6700, "returned", "people"),
        ("The town has 5,000 residents.", 5000, "population", "people"),
        ("At least 4,000 people staying in or near the camp moved towards the border.", 4000, "in_relief_camp", "people"),
        ("As of 11 January, 870 familis remained in 20 evacuation centres.", 870, "sheltered", "households"),  # a typing slip
    ],
)
def test_the_term_comes_from_the_sentence(nlp, text, quantity, term, unit):
    figure = only(nlp, text, quantity)
    assert (figure.term, figure.unit) == (term, unit)


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of officials stayed behind.",
        "Thousands of people gathered in the square.",
        "The agency has worked in the region for around 30 years.",
        "The UN appealed for $5 million.",
        "About 63 per cent of the households were affected.",
        "The convoy of 40 trucks reached the town.",
        "Some 5,000 people attended the concert.",
        "Some 30 villages were burned.",  # one letter from "villagers", but an English word
    ],
)
def test_what_is_not_a_humanitarian_figure(nlp, text):
    assert figures(nlp, text) == []


def test_qualifier_range_and_group(nlp):
    figure = only(nlp, "Between 10 and 15 thousand Rohingya refugees arrived in the camps.", 10_000)
    assert (figure.quantity_max, figure.qualifier, figure.group) == (15_000, "range", "Rohingya")
    assert only(nlp, "Up to 300 children were evacuated.", 300).group == "children"
    assert only(nlp, "More than 350,000 people were displaced.", 350_000).qualifier == "more_than"


def test_attribution_and_tense(nlp):
    said = only(nlp, "About 5,000 people were displaced in Syria, the ministry said.", 5000)
    assert (said.attribution, said.tense) == ("the ministry", "past")
    according = only(nlp, "According to OCHA, 12,000 people are displaced in Sudan.", 12_000)
    assert (according.attribution, according.tense, according.place.text) == ("OCHA", "present", "Sudan")
    future = only(nlp, "Some 40,000 people will be evacuated.", 40_000)
    assert (future.attribution, future.tense) == (None, "future")


def test_the_place_the_sentence_attaches_not_the_first_one(nlp):
    figure = only(nlp, "From Erbil, aid workers said that 4,000 people were displaced from Mosul.", 4000)
    assert figure.place.text == "Mosul"


def test_subsets_and_parts_are_linked(nlp):
    found = figures(nlp, "More than 350,000 people were displaced from Mosul, of whom 76,000 returned.")
    displaced, returned = found
    assert (returned.quantity, returned.term, returned.unit) == (76_000, "returned", "people")
    assert found[returned.part_of] is displaced
    found = figures(nlp, "About 5,000 people, including 300 children, were evacuated.")
    everyone, children = found
    assert (children.term, children.group) == ("evacuated", "children")
    assert found[children.part_of] is everyone


def test_an_elided_count_takes_the_unit_before_it(nlp):
    found = figures(nlp, "Some 300 homes were destroyed and 200 damaged.")
    assert [(f.quantity, f.unit, f.term) for f in found] == [
        (300, "structures", "destroyed_housing"),
        (200, "structures", "partially_destroyed_housing"),
    ]


def test_without_a_places_component_figures_have_no_place():
    bare = spacy.load(SPACY_MODEL)
    bare.add_pipe("crisisdesk_quantities")
    bare.add_pipe("crisisdesk_figures")
    (figure,) = bare("About 2,000 people were evacuated from Mosul.")._.crisisdesk_figures
    assert figure.place is None and figure.term == "evacuated"


@pytest.mark.parametrize(
    ("word", "unit"),
    [
        ("familis", "households"),
        ("famillies", "households"),
        ("peopel", "people"),
        ("househods", "households"),
        ("refugess", "people"),
        ("hones", None),
        ("outsiders", None),
        ("familiar", None),
    ],
)
def test_a_unit_noun_one_typing_slip_away_is_read(word, unit):
    from crisisdesk.nlp.figures import _unit_misspelt_as

    assert _unit_misspelt_as(word) == unit
