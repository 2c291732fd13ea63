"""The quantities component: every counted thing, what it counts, and what is no count."""

import pytest
import spacy

import crisisdesk.nlp.quantities  # noqa: F401  (registers the factory)
from crisisdesk.nlp.pipeline import SPACY_MODEL

SEED_SENTENCES = (
    "Just a few days ago we could see thousands of people gathering in the same place. "
    "The city of Stepanakert had 51,000 inhabitants. "
    "The organization has not had access to the region for \u201caround 30 years.\u201d "
    "100,000 refugees \u2013 out of the 120,000 Armenian population \u2013 fled the Nagorno-Karabakh enclave. "
    "A few people are still there: hundreds of officials, rescue workers in the hospital."
)


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.load(SPACY_MODEL)
    nlp.add_pipe("crisisdesk_quantities")
    return nlp


def quantities(nlp, text):
    return nlp(text)._.crisisdesk_quantities


def by_text(nlp, text):
    return {q.text: q for q in quantities(nlp, text)}


def test_each_quantity_names_the_noun_it_counts(nlp):
    # The unit as a reader names it (ISI annotation, HumSet): the counted noun with the words
    # between the number and it.
    found = by_text(nlp, SEED_SENTENCES)
    assert found["51,000"].unit_text == "inhabitants"
    assert found["100,000"].unit_text == "refugees"
    assert found["120,000"].unit_text == "Armenian population"
    assert found["hundreds"].unit_text == "officials"
    assert found["thousands"].unit_text == "people"


def test_vague_amounts_keep_no_value(nlp):
    found = by_text(nlp, SEED_SENTENCES)
    assert (found["hundreds"].kind, found["hundreds"].value, found["hundreds"].magnitude) == ("vague", None, 2)
    assert (found["thousands"].kind, found["thousands"].value, found["thousands"].magnitude) == ("vague", None, 3)
    assert found["A few"].kind == "vague" and found["A few"].value is None


def test_around_30_years_is_a_duration(nlp):
    (years,) = [q for q in quantities(nlp, SEED_SENTENCES) if q.unit_text == "years"]
    assert (years.kind, years.value, years.modifier, years.text) == ("duration", 30, "about", "around 30")


def test_offsets_point_at_the_amount_and_the_unit(nlp):
    for q in quantities(nlp, SEED_SENTENCES):
        assert SEED_SENTENCES[q.start : q.end] == q.text
        if q.unit_start is not None:
            assert SEED_SENTENCES[q.unit_start : q.unit_end] == q.unit_text
    starts = [q.start for q in quantities(nlp, SEED_SENTENCES)]
    assert starts == sorted(starts)


@pytest.mark.parametrize(
    "text",
    [
        "The fighting began in 2020 and ended on 6 March.",
        "Clashes erupted in the 1990s.",
        "The report is dated 2023-11-08.",
        "More than 350,000 were counted between 17 October and 23 March.",
        "The curfew starts at 10 pm.",
        "He was found guilty twice from 1991 to 1997.",
        "No one was hurt, and one of them left.",
    ],
)
def test_dates_times_and_pronouns_are_never_counts(nlp, text):
    values = [q.value for q in quantities(nlp, text)]
    assert all(v not in (2020, 6, 1990, 2023, 17, 23, 10, 1, 1991) for v in values), values


@pytest.mark.parametrize(
    ("text", "value", "value_max", "modifier", "unit", "kind"),
    [
        ("Around1.6 million people fled.", 1_600_000, None, "about", "people", "count"),
        ("In all 2, 669 houses were destroyed.", 2669, None, "exact", "houses", "count"),
        ("Some 260 000 civilians were trapped.", 260_000, None, "about", "civilians", "count"),
        ("Between 10 and 15 thousand Rohingya refugees arrived.", 10_000, 15_000, "range", "Rohingya refugees", "count"),
        ("Nine hundred and twenty-one families were displaced.", 921, None, "exact", "families", "count"),
        ("More than 100,000 internally displaced people remain.", 100_000, None, "more_than", "internally displaced people", "count"),
        ("About 63 per cent of the households were affected.", 63, None, "about", "households", "percent"),
        ("The UN appealed for $5 million.", 5_000_000, None, "exact", None, "money"),
        ("She had waited for 48 hours.", 48, None, "exact", "hours", "duration"),
        ("This brings to almost 274,000 the total number of people displaced.", 274_000, None, "about", "people", "count"),
        # the unit as ISI annotates it (HumSet): modifiers, coordinated nouns, no partitive "of the"
        (
            "UNHCR has evacuated over 1,200 refugees and asylum-seekers from Libya.",
            1_200,
            None,
            "more_than",
            "refugees and asylum-seekers",
            "count",
        ),
        ("In total, 51 cases were identified, comprising 44 recoveries and seven active cases.", 7, None, "exact", "active cases", "count"),
        ("Some 28,135 conflict affected households received food.", 28_135, None, "about", "conflict affected households", "count"),
    ],
)
def test_numbers_however_written(nlp, text, value, value_max, modifier, unit, kind):
    (q,) = [q for q in quantities(nlp, text) if q.value == value]
    assert (q.value_max, q.modifier, q.unit_text, q.kind) == (value_max, modifier, unit, kind)
