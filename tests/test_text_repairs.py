"""The layout repairs of PDF-extracted text: glued words split, line-end hyphenations joined,
space runs folded; real words, names and addresses left alone; every offset maps back."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crisisdesk.ingest.text import find_repairs, layout_repairs
from crisisdesk.offsets import OffsetMap


def repaired(raw: str) -> str:
    return OffsetMap(raw, find_repairs(raw)).text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # glued at line ends (IDETECT and HumSet excerpts)
        ("Some 2,000 peoplewere evacuated on Monday.", "Some 2,000 people were evacuated on Monday."),
        ("The floods displacedabout 4,400 people.", "The floods displaced about 4,400 people."),
        ("Assistance reached families with14,593 households registered.", "Assistance reached families with 14,593 households registered."),
        ("more than 4,400people in 1.4million tonnes", "more than 4,400 people in 1.4 million tonnes"),
        ("respondents were slightly lesslikely to move", "respondents were slightly less likely to move"),
        # a word hyphenated at a line end, the line break kept as a space or as a newline
        ("about 4,400 fami- lies fled", "about 4,400 families fled"),
        ("about 4,400 fami-\nlies fled", "about 4,400 families fled"),
        ("a high pro- portion (87.6%) of students", "a high proportion (87.6%) of students"),
        ("on 20 De- cember from Raqqa", "on 20 December from Raqqa"),
        ("the town of Maidu-\nguri", "the town of Maiduguri"),
        # a compound broken at its hyphen keeps the hyphen
        ("too low for hand- washing or bathing", "too low for hand-washing or bathing"),
        ("psycho- social services", "psycho-social services"),
        # runs of spaces
        ("Flooding   affected  12 districts.", "Flooding affected 12 districts."),
    ],
)
def test_pdf_layout_damage_is_repaired(raw, clean):
    assert repaired(raw) == clean


@pytest.mark.parametrize(
    "text",
    [
        "Fighting in Nagorno-Karabakh displaced 100,000 Armenians from Karabakh.",
        "Nagorno- Karabakh and Sana'a and Ta'izz governorates.",
        "William Burtron and Sheila Burtron lived on Woodstream Trail in Longdraw.",  # names glued of words stay
        "Officials in payams of Tonj South and in Sinjar counted 300 tomtoms.",
        "See https://reliefweb.int/report/peoplewere or write to peoplewere@example.org #displacedabout",
        "pre- and post-war figures, two- to three-fold rises",  # suspended hyphens
        "HOUSTON- A young woman was shot. All Nigerians- have left. It is not over- we wait.",  # dashes
        "climb and maintain one five thousand leavin- three thousand.",  # a word cut off in speech
        "COVID-19 and H1N1 cases, 10km away, 3rd week, 1990s, M23 rebels, km2, mp3.",
        "Every   line\n  starts with an indent\n",  # indentation is not a run between words
    ],
)
def test_real_words_names_codes_and_addresses_are_left_alone(text):
    changed = [
        (r, text[r.start : r.end])
        for r in find_repairs(text)
        if not (r.replacement == " " and text[r.start : r.end].strip() == "" and r.end - r.start > 1)
    ]
    assert changed == []


def test_repairs_do_not_overlap_the_mojibake_and_ligature_repairs():
    raw = "forced to  ï¬‚ee the countryŠ—Ès capitalwere  con ict areas"
    repairs = find_repairs(raw)
    spans = sorted((r.start, r.end) for r in repairs)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))
    assert OffsetMap(raw, repairs).text == "forced to flee the country’s capital were conflict areas"


def test_layout_repairs_leave_taken_stretches_alone():
    raw = "peoplewere evacuated"
    assert layout_repairs(raw, [(0, 10)]) == []
    assert len(layout_repairs(raw)) == 1


@pytest.mark.parametrize(
    ("raw", "word", "verbatim"),
    [
        ("Some 2,000 peoplewere evacuated.", "were", "were"),
        ("Some 2,000 peoplewere evacuated.", "people were", "peoplewere"),
        ("families with14,593 households", "14,593", "14,593"),
        ("families with14,593 households", "with 14,593 households", "with14,593 households"),
        ("about 4,400 fami- lies fled", "families", "fami- lies"),
        ("about 4,400 fami-\nlies fled", "4,400 families", "4,400 fami-\nlies"),
        ("Flooding   affected  12 districts.", "affected 12", "affected  12"),
    ],
)
def test_a_fact_found_in_the_repaired_text_maps_back_to_its_verbatim_characters(raw, word, verbatim):
    offsets = OffsetMap(raw, find_repairs(raw))
    start = offsets.text.index(word)
    raw_start, raw_end = offsets.to_raw(start, start + len(word))
    assert raw[raw_start:raw_end] == verbatim


WORDS = ["people", "were", "displaced", "about", "fami-", "lies", "with", "14,593", "households", "Karabakh", "in", " ", "  ", "\n"]


@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25), st.data())
def test_every_span_of_the_repaired_text_maps_inside_the_verbatim_text(pieces, data):
    raw = "".join(pieces)
    offsets = OffsetMap(raw, find_repairs(raw))
    start = data.draw(st.integers(0, len(offsets.text)))
    end = data.draw(st.integers(start, len(offsets.text)))
    raw_start, raw_end = offsets.to_raw(start, end)
    assert 0 <= raw_start <= raw_end <= len(raw)
    # what was not repaired comes back unchanged
    if offsets.text[start:end] and all(c.isdigit() or c == "," for c in offsets.text[start:end]):
        assert raw[raw_start:raw_end] == offsets.text[start:end]


@pytest.mark.parametrize("text", ["more than 23,000 people1\n", "key push factors23 .", "the top10 list", "covid19 cases"])
def test_footnote_marks_and_codes_glued_to_a_word_stay(text):
    assert [r for r in find_repairs(text) if r.start == r.end] == []


def test_a_figure_glued_to_a_word_is_split_off():
    assert repaired("floods displaced4,400 people") == "floods displaced 4,400 people"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # footnote marks of reports turned into text (HumSet excerpts of IOM, UNHCR, FAO studies)
        ("10 other cases of potential sexual exploitation.55 As with", "10 other cases of potential sexual exploitation. As with"),
        ("the over 100 unaccompanied children,54 who are", "the over 100 unaccompanied children, who are"),
        ("more than 23,000 people1\n)", "more than 23,000 people\n)"),
        ("socio-cultural norms44. It is", "socio-cultural norms. It is"),
        ("suspensions.222 On March 19th", "suspensions. On March 19th"),
        ("people displaced¹² in May", "people displaced in May"),
    ],
)
def test_footnote_marks_are_removed_for_analysis(raw, clean):
    assert repaired(raw) == clean


@pytest.mark.parametrize(
    "text",
    [
        "Within 18 months,10 aid workers have been killed.",  # a figure opening the clause
        "floods displaced12 people",  # a figure glued to its verb
        "in phase3. covid19 cases. Camp 12. see p.55 of it. paid $3.5 million in 2019.5 people",
        "www.site.com/page12 x",
    ],
)
def test_numbers_that_are_no_footnote_mark_stay(text):
    assert [r for r in find_repairs(text) if r.replacement == "" and text[r.start : r.end].isdigit()] == []


@pytest.mark.parametrize(
    "text", ["Damon B. Oswald-Newman,19, and Shelly Bird", "Quinn Carlson, 16; Tory Carlson,18.\n", "reports from Fox31, CBS4 and 7News."]
)
def test_ages_and_names_with_digits_are_no_footnote_marks(text):
    assert [r for r in find_repairs(text) if r.replacement == ""] == []
