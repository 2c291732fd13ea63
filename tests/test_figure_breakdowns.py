"""Figures broken down by place (issue 16): a total and its parts in a list by place, and the rows
of a table under a header that names what each column counts, as report PDFs give them in their
text layer (rows on lines, or run together on one line).

Sentences in the style of several independent sources: NCDC weekly epidemiological reports
("Bauchi – 12, Edo – 58"), nutrition surveys of Cox's Bazar ("[Ukhiya=43, Teknaf=42]"), OCHA
situation reports ("Maiduguri (2,500), Jere (1,000)"), WHO/ISCG COVID-19 updates by camp, IOM
DTM displacement tables by district."""

import pytest

from crisisdesk.ingest import make_article
from crisisdesk.ingest.readers import RawArticle
from crisisdesk.model import Extraction
from crisisdesk.nlp.pipeline import extract
from crisisdesk.nlp.tables import table_cells


def figures(text):
    (extraction,) = [e for e in extract([make_article(RawArticle(text, "test", id="test"))]) if isinstance(e, Extraction)]
    return extraction.figures


def placed(text):
    """(number as written, term, place as written) of every figure."""
    return [(f.text, f.term, f.place.text if f.place else None) for f in figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "There were 18 suspected cases of cholera reported from three LGAs in two States (Ebonyi – 9 & Kano – 9).",
            [("9", "cases", "Ebonyi"), ("9", "cases", "Kano")],
        ),
        (
            "Floods displaced 4,000 people in Borno: Maiduguri (2,500), Jere (1,000) and Konduga (500).",
            [("2,500", "displaced", "Maiduguri"), ("1,000", "displaced", "Jere"), ("500", "displaced", "Konduga")],
        ),
        (
            "In Bangladesh, 101 COVID-19 cases have been confirmed among refugees: Camp 1E (5), Camp 2W (3), Camp 15 (12).",
            [("5", "cases", "Camp 1E"), ("3", "cases", "Camp 2W"), ("12", "cases", "Camp 15")],
        ),
        (
            "In Bangladesh, 101 COVID-19 cases have been confirmed among refugees in Camps 1E (5), 2W (3) and 26 (2).",
            [("3", "cases", "2W"), ("2", "cases", "26")],
        ),
        (
            "Of the 101 cases confirmed among refugees in Bangladesh, 5 are in Camp 1E, 3 in Camp 2W and 12 in Camp 15.",
            [("5", "cases", "Camp 1E"), ("3", "cases", "Camp 2W"), ("12", "cases", "Camp 15")],
        ),
    ],
)
def test_each_item_of_a_breakdown_by_place_counts_what_its_total_counts_there(text, expected):
    found = placed(text)
    for item in expected:
        assert item in found


def test_the_items_of_a_breakdown_are_parts_of_its_total():
    found = figures("Floods displaced 4,000 people in Borno: Maiduguri (2,500), Jere (1,000) and Konduga (500).")
    total = next(i for i, f in enumerate(found) if f.quantity == 4000)
    assert [f.part_of for f in found if f.quantity != 4000] == [total, total, total]


def test_a_list_with_its_nouns_places_each_count_at_its_name():
    found = placed("In Bangladesh, 101 COVID-19 cases have been confirmed among refugees. Camp 1E: 5 cases, Camp 2W: 3 cases.")
    assert ("5 cases", "cases", "Camp 1E") in found
    assert ("3 cases", "cases", "Camp 2W") in found


@pytest.mark.parametrize(
    "text",
    [
        "DRC rehabilitated 25 hand pumps in Dikwa (14), Gwoza (7), and Pulka (4).",  # pumps are no people
        "Among the total cases of acute malnutrition [Ukhiya=43, Teknaf=42], only 7.0% were identified by both.",  # no total
    ],
)
def test_lists_that_break_down_no_figure_give_no_figure(text):
    assert [f.text for f in figures(text) if f.part_of is not None] == []


def test_a_number_larger_than_the_total_is_no_part_of_it():
    found = figures("Nigeria's states reported 120 deaths, among them Lagos (130) and Kano (10).")
    assert [f.quantity for f in found if f.part_of is not None] == [10]


# --- tables --------------------------------------------------------------------------------------

CAMP_TABLE = "Confirmed cases among refugees in Cox's Bazar, by camp:\n\nCamp\tCases\tDeaths\nCamp 1E\t5\t0\nCamp 2W\t3\t1\nKutupalong RC\t12\t2\nTotal\t20\t3\n"


@pytest.mark.parametrize(
    "text",
    [
        CAMP_TABLE,  # rows on lines, as the PDF ingest keeps them
        CAMP_TABLE.replace("\t", " ").replace("\n", " "),  # run together on one line
        CAMP_TABLE.replace("\t", " | "),  # a plain-text table
    ],
)
def test_a_table_gives_each_cell_the_term_of_its_column_and_the_place_of_its_row(text):
    found = placed(text)
    assert ("5", "cases", "Camp 1E") in found
    assert ("1", "killed", "Camp 2W") in found
    assert ("12", "cases", "Kutupalong") in found or ("12", "cases", "Kutupalong RC") in found
    assert not any(f[0] == "0" for f in found)  # a zero counts no one


def test_a_tables_rows_are_parts_of_its_total_row():
    found = figures(CAMP_TABLE)
    total = next(i for i, f in enumerate(found) if f.quantity == 20)
    assert sorted(f.quantity for f in found if f.part_of == total) == [3, 5, 12]


def test_a_unit_column_takes_its_term_from_the_words_before_the_table():
    text = "IDPs by district: District | Households | Individuals\nKaga Bandoro | 1,200 | 6,000\nBatangafo | 800 | 4,100\n"
    cells = [(text[c.start : c.end], c.term, c.unit, text[c.row_start : c.row_end]) for c in table_cells(text, {"idp": "displaced"})]
    assert ("1,200", "displaced", "households", "Kaga Bandoro") in cells
    assert ("4,100", "displaced", "people", "Batangafo") in cells


@pytest.mark.parametrize(
    "text",
    [
        "The camp cases rose to 12 in 3 weeks.",  # a sentence, no header
        "Camp Cases Deaths\nCamp 1E 5\n",  # one row, and it lacks a column
        "District Schools Clinics\nTonj 5 2\nWau 3 1\n",  # columns that count no people
    ],
)
def test_text_that_is_no_table_of_figures_gives_no_cells(text):
    assert table_cells(text, {}) == []


# --- dates of parts and of sections ----------------------------------------------------------------


def test_parts_of_a_total_and_figures_after_a_dated_opening_take_that_date():
    found = figures(
        "As of 12 May 2020, 101 COVID-19 cases have been confirmed among refugees in Cox's Bazar. "
        "Of these, 5 are in Camp 1E and 3 in Camp 2W. Floods displaced another 300 people in Ukhiya.\n\n"
        "Floods displaced 200 people in Teknaf."
    )
    ends = {f.text: f.date.end.isoformat() if f.date and f.date.end else None for f in found}
    assert ends["5"] == ends["3"] == ends["300 people"] == "2020-05-12"
    assert ends["200 people"] is None  # another paragraph, no date of its own


@pytest.mark.parametrize(
    "text",
    [
        "In Bangladesh, 101 COVID-19 cases have been confirmed among refugees: Camp 1E 5, Camp 2W 3 and Camp 15 12.",
        "In Bangladesh, 101 COVID-19 cases have been confirmed among refugees, 5 in Camp 1E, 3 in Camp 2W and 12 in Camp 15.",
        "In Bangladesh, 101 COVID-19 cases have been confirmed among refugees. Camp 1E (5), Camp 2W (3), Camp 15 (12).",
        "In Bangladesh, 101 COVID-19 cases have been confirmed among refugees: Camp 1E (5 cases), Camp 2W (3 cases), Camp 15 (12 cases).",
    ],
)
def test_the_other_ways_reports_write_a_list_by_camp(text):
    found = {(f.quantity, f.place.text if f.place else None) for f in figures(text) if f.term == "cases"}
    assert {(5, "Camp 1E"), (3, "Camp 2W"), (12, "Camp 15")} <= found


def test_an_age_after_a_name_is_still_no_figure():
    assert [f.quantity for f in figures("Gunmen killed Ali Musa, 34, and his son in Maiduguri.") if f.quantity == 34] == []
