"""Wire datelines (crisisdesk.dateline): where a report was filed and by which agency, read so
that neither is taken for a speaker or a source."""

from __future__ import annotations

import pytest

from crisisdesk.dateline import dateline_of


@pytest.mark.parametrize(
    ("text", "agency", "rest"),
    [
        ("BEIRUT (AP) — Turkey has shelled a city", "AP", "Turkey"),
        ("BEIRUT (AP) \ufffd A Kurdish militia spokesman says", "AP", "A Kurdish"),  # a dash lost to the encoding
        ("BOSTON (Reuters) - The owner of a restaurant", "Reuters", "The owner"),
        ("SEOUL, South Korea (CNN) - A South Korean court", "CNN", "A South"),
        ("WAUSAU, Wis. (WSAW) -- It took hundreds of reports", "WSAW", "It took"),
        ("LONDON, March 3 (Reuters) - Oil prices rose", "Reuters", "Oil prices"),
        ("(CNN) — After a record drought", "CNN", "After a"),
    ],
)
def test_a_dateline_gives_its_agency_and_where_the_report_begins(text, agency, rest):
    found = dateline_of(text)
    assert found is not None and found.agency == agency and text[found.end :].lstrip().startswith(rest)
    assert text[found.agency_start : found.agency_end] == agency


@pytest.mark.parametrize(
    "text",
    [
        "The UN refugee agency (UNHCR) said 300 people fled.",
        "Some 300 people (UNHCR) fled the town.",
        "Médecins Sans Frontières (MSF) - a medical charity - said",
    ],
)
def test_an_acronym_in_brackets_inside_a_sentence_is_no_dateline(text):
    assert dateline_of(text) is None
