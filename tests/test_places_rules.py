"""The places rules that read only words, on Docs built from fixed words (as spaCy's own tests
build them): no model, no gazetteer."""

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc, Span

from crisisdesk.lexicon import vocabulary
from crisisdesk.nlp.places import container_start, written_inside
from crisisdesk.nlp.places.candidates import (
    first_overlapping,
    has_locative_cue,
    is_compound_adjective,
    is_money,
    is_numbered_site,
    named_as_place,
    person_name_parts,
)
from crisisdesk.nlp.places.demonyms import _is_attributive

#: English's lexical attributes (lower case, is_alpha, is_stop), no statistical model.
VOCAB = English().vocab


def doc_of(text: str) -> Doc:
    """A Doc of the space-separated words of ``text``, with no annotation."""
    words = text.split()
    return Doc(VOCAB, words=words, spaces=[True] * (len(words) - 1) + [False])


@pytest.mark.parametrize(
    ("text", "name", "container"),
    [
        ("fighting in Goma , North Kivu", (2, 3), 4),  # a bare comma
        ("Laukkai town in northern Shan state", (0, 1), 4),  # place noun, "in", a direction word
        ("Nasir , in the south-western Upper Nile state", (0, 1), 5),  # comma, "in", "the", direction
        ("Butig municipality of Lanao del Sur", (0, 1), None),  # "municipality" is not a place noun here
        ("Bima city of West Nusa Tenggara", (0, 1), 3),  # "of" after a place noun
        ("Paris is far", (0, 1), None),
    ],
)
def test_where_the_text_names_the_container_of_a_place(text, name, container):
    doc = doc_of(text)
    assert container_start(doc[name[0] : name[1]]) == container
    if container is not None:
        assert written_inside(doc[name[0] : name[1]], doc[container : container + 1])


def test_locative_cues_and_place_nouns_put_a_name_in_a_place():
    doc = doc_of("shelling near Torkula and Torkula village and the deaths of Helen , Clarence and Irene")
    assert has_locative_cue(doc[2:3])  # "near Torkula"
    assert has_locative_cue(doc[4:5])  # "Torkula village"
    assert not has_locative_cue(doc[15:16])  # "of" heads lists of people too: "Irene" of "the deaths of Helen, Clarence and Irene"
    assert named_as_place(doc[4:5])
    assert named_as_place(doc[2:3])  # names coordinated before one place noun share it ("Dhubab and Mokha districts")
    assert not named_as_place(doc_of("shelling near Torkula ended")[2:3])
    assert named_as_place(doc_of("the town of Avdiivka")[3:4])
    assert named_as_place(doc_of("in Cuyahoga County")[1:3])  # a naming division word ends it
    assert not named_as_place(doc_of("in Mississippi State")[1:3])  # "State" names teams as often


def test_a_title_or_a_verb_of_saying_marks_a_person():
    assert person_name_parts(doc_of("councillor Dewly Nelson spoke")) == {"dewly", "nelson"}
    assert person_name_parts(doc_of("Paul Brewbaker said it rained")) == {"paul", "brewbaker"}
    assert person_name_parts(doc_of("Paul Brewbaker wrote it")) == {"paul", "brewbaker"}  # an irregular form of the list
    assert person_name_parts(doc_of("Lake Manassas flooded")) == set()


def test_a_demonym_before_a_word_it_describes_is_attributive():
    doc = doc_of("Turkish forces and the Irish who left and Syrian-Turkish border")
    assert _is_attributive(doc[0:1])
    assert not _is_attributive(doc[4:5])  # "the Irish who"
    assert _is_attributive(doc[8:9])  # "Syrian" of "Syrian-Turkish"


def test_the_places_lists_say_what_they_are_for_and_where_they_come_from():
    for name in ("place_nouns", "place_locative_cues", "place_direction_words", "place_person_titles", "place_division_words"):
        entry = vocabulary(name)
        assert entry.file == "places" and entry.note and entry.source and entry.words


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("the Britain-based Syrian Observatory", (1, 2)),  # Reuters' usual credit for the Observatory
        ("a Kabul-based reporter", (1, 2)),
        ("Iran-backed militias", (0, 1)),
        ("the Saudi-led coalition", (1, 2)),
    ],
)
def test_a_place_hyphenated_to_a_lower_case_word_is_an_adjective(text, name):
    words = text.replace("-", " - ").split()
    spaces = [words[i + 1] != "-" and w != "-" for i, w in enumerate(words[:-1])] + [False]
    doc = Doc(VOCAB, words=words, spaces=spaces)
    assert is_compound_adjective(doc[name[0] : name[1]])


def test_a_place_before_a_border_or_a_list_is_no_adjective():
    doc = Doc(VOCAB, words=["the", "Ethiopia", "-", "Eritrea", "border"], spaces=[True, False, False, True, False])
    assert not is_compound_adjective(doc[1:2])
    assert not is_compound_adjective(doc_of("fighting in Goma , North Kivu")[2:3])


@pytest.mark.parametrize(
    ("text", "name", "site"),
    [
        ("displaced from Kilo 16 to Gedaref", (2, 3), True),  # Sudan: a settlement named by a road marker
        ("fighting near Block 9 and Bentiu", (2, 3), True),  # South Sudan oil block
        ("the shelter in Sector 4 of the camp", (3, 4), True),
        ("In Aleppo 300 people fled", (1, 2), False),  # the number counts people
        ("Floods in Kiel 2019 report", (2, 3), False),  # a year is not a site's number
    ],
)
def test_a_name_followed_by_a_sites_number_is_a_site_of_its_own(text, name, site):
    assert is_numbered_site(doc_of(text)[name[0] : name[1]]) is site


@pytest.mark.parametrize(
    ("text", "name", "money"),
    [
        ("given 50,000 Naira each", (2, 3), True),  # Nigeria (the gazetteer knows a Naila)
        ("received 20,000 Kwacha in Chikwawa", (2, 3), True),  # Malawi
        ("paid 5,000 Lira in rent", (2, 3), True),  # Turkey, Syria, Lebanon
        ("fighting in Lira displaced", (2, 3), False),  # Uganda's Lira district
    ],
)
def test_a_currency_after_an_amount_is_money_not_a_place(text, name, money):
    assert is_money(doc_of(text)[name[0] : name[1]]) is money


def test_the_entity_a_gazetteer_match_overlaps_is_found_by_bisection_as_by_a_scan():
    doc = doc_of("Fighting in Wadi Barada and the Eastern Ghouta displaced families from Douma to Idlib on Monday")
    doc.ents = [Span(doc, start, end, label) for start, end, label in [(2, 4, "LOC"), (6, 8, "LOC"), (11, 12, "GPE"), (13, 14, "GPE")]]
    ents = list(doc.ents)
    ends = [e.end for e in ents]
    for start in range(len(doc)):
        for end in range(start + 1, len(doc) + 1):
            match = doc[start:end]
            assert first_overlapping(match, ents, ends) == first_overlapping(match, ents), match.text
    assert first_overlapping(doc[3:5], ents, ends).text == "Wadi Barada"  # "Barada and" overlaps it
    assert first_overlapping(doc[1:2], ents, ends) is None  # "in"
