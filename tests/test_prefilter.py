"""The cheap first pass: sentence bounds and tiers, from the text alone (no model)."""

from hypothesis import given
from hypothesis import strategies as st

from crisisdesk.nlp.prefilter import CLAIM, CONTEXT, EVENT, FIGURE, QUANTITY, sentence_bounds, sentences, tier_of


@given(st.text(alphabet=st.sampled_from(list('ab .!?\n"A1,')), max_size=200))
def test_sentences_tile_the_text_without_gaps(text):
    bounds = sentence_bounds(text)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert all(start < end for start, end in bounds) or text == ""


def test_sentences_end_at_end_punctuation_and_blank_lines_not_after_abbreviations():
    text = "Mr. Smith met U.S. officials on Jan. 5 in St. Louis. About 300 people fled.\n\nThe road is closed"
    pieces = [text[s:e] for s, e in sentence_bounds(text)]
    assert pieces == ["Mr. Smith met U.S. officials on Jan. 5 in St. Louis. ", "About 300 people fled.\n\n", "The road is closed"]


def test_a_sentence_with_an_amount_and_a_figure_word_gets_the_whole_pipeline():
    assert tier_of("About 300 families were evacuated from Pasto.") == FIGURE
    assert tier_of("Some 2,000 fled the fighting.") == FIGURE  # an irregular form
    assert tier_of("Hundreds of IDPs arrived in Goma.") == FIGURE  # a vague amount
    assert tier_of("Nearly 400 families left Homs.") == FIGURE  # -y plurals, "leave" in the past
    assert tier_of("About 200 casualties were reported.") == FIGURE


def test_an_amount_without_a_figure_word_only_needs_the_parser():
    assert tier_of("The company lost $5 million in 1998.") == QUANTITY
    assert tier_of("The trip takes 6.5 hours.") == QUANTITY


def test_years_and_sentences_without_amounts_are_context():
    assert tier_of("In 2015 the city hosted the games.") == CONTEXT  # a year counts nothing
    assert tier_of("He was convicted twice from 1991 to 1997.") == CONTEXT  # nor a span of years
    assert tier_of("The station's correspondent reads the square as silent.") == CONTEXT
    # A claim can start from plain reporting (issue 21: the naive path finds claims there).
    assert tier_of("The station's correspondent says the square is silent.") == CLAIM


def test_a_sentence_that_can_name_an_event_gets_the_parser():
    assert tier_of("Baku carried out a series of illegal arrests.") == EVENT
    assert tier_of("Since 2009, people have fled the region.") == EVENT  # the year counts nothing, "fled" is an event
    assert tier_of("In 2015 the war reached the city.") == EVENT
    assert tier_of("The UN will send a mission.") == EVENT


def test_a_year_shaped_number_before_a_noun_still_counts():
    assert tier_of("Some 2000 people were displaced.") == FIGURE


def test_each_sentence_carries_its_tier():
    found = sentences("The city is empty. About 100,000 refugees left. It cost $3 million.")
    assert [s.tier for s in found] == [CONTEXT, FIGURE, QUANTITY]
