"""People counted on board a flight, boat or convoy (issue 16): counted as the move their report
names (an evacuation, a rescue, a resettlement), in that sentence or the one before; on board a
boat that sank they are not moved. Sentences in the style of UNHCR Libya updates, IOM
Mediterranean updates and wire copy."""

import pytest

from crisisdesk.ingest import make_article
from crisisdesk.ingest.readers import RawArticle
from crisisdesk.model import Extraction
from crisisdesk.nlp.pipeline import extract


def terms(text):
    (extraction,) = [e for e in extract([make_article(RawArticle(text, "test", id="test"))]) if isinstance(e, Extraction)]
    return {f.text: f.term for f in extraction.figures}


@pytest.mark.parametrize(
    ("text", "figure", "term"),
    [
        (
            "UNHCR has evacuated over 1,200 refugees from Libya. The latest flight from Tripoli to Niger departed on 19 February with 127 refugees on board.",
            "127 refugees",
            "evacuated",
        ),
        ("The coast guard rescued 120 migrants aboard two dinghies off Lampedusa.", "120 migrants", "evacuated"),
        ("A resettlement flight left Niamey for Canada with 150 refugees on board.", "150 refugees", "relocated"),
    ],
)
def test_people_on_board_are_counted_as_the_move_the_report_names(text, figure, term):
    assert terms(text)[figure] == term


def test_people_on_board_a_boat_with_no_move_named_are_not_moved():
    assert terms("A boat with 90 refugees on board capsized off Libya on Monday.").get("90 refugees") not in ("evacuated", "relocated")
