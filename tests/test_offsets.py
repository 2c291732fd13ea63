"""OffsetMap: spans of the repaired text map back to the verbatim stretch they came from."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crisisdesk.model import Repair
from crisisdesk.offsets import OffsetMap

RAW = "Some 260,000 fled the countryŠ—Ès 34 provinces and ï¬‚ee again."
MOJIBAKE = Repair(RAW.index("Š—È"), RAW.index("Š—È") + 3, "’")
LIGATURE = Repair(RAW.index("ï¬‚"), RAW.index("ï¬‚") + 3, "fl")


def test_without_repairs_the_text_and_offsets_are_unchanged():
    offsets = OffsetMap(RAW)
    assert offsets.text == RAW
    assert offsets.to_raw(5, 12) == (5, 12)


def test_repaired_text_applies_every_repair():
    assert OffsetMap(RAW, [LIGATURE, MOJIBAKE]).text == "Some 260,000 fled the country’s 34 provinces and flee again."


@pytest.mark.parametrize("word", ["country’s", "’", "’s", "34", "flee", "again", "260,000"])
def test_a_repaired_word_maps_to_the_verbatim_stretch_it_came_from(word):
    offsets = OffsetMap(RAW, [MOJIBAKE, LIGATURE])
    start = offsets.text.index(word)
    raw_start, raw_end = offsets.to_raw(start, start + len(word))
    expected = {"country’s": "countryŠ—Ès", "’": "Š—È", "’s": "Š—Ès", "flee": "ï¬‚ee"}.get(word, word)
    assert RAW[raw_start:raw_end] == expected


def test_overlapping_repairs_are_refused():
    with pytest.raises(ValueError):
        OffsetMap("abcdef", [Repair(0, 3, "x"), Repair(2, 4, "y")])


@st.composite
def text_with_repairs(draw):
    """Random text cut into pieces, some of which are replaced by random strings."""
    pieces = draw(st.lists(st.tuples(st.text(min_size=1, max_size=6), st.none() | st.text(max_size=4)), min_size=1, max_size=12))
    raw, repairs, pos = "", [], 0
    for piece, replacement in pieces:
        if replacement is not None:
            repairs.append(Repair(pos, pos + len(piece), replacement))
        raw += piece
        pos += len(piece)
    return raw, repairs, pieces


@given(text_with_repairs())
def test_every_piece_maps_back_onto_its_verbatim_piece(case):
    raw, repairs, pieces = case
    offsets = OffsetMap(raw, repairs)
    clean_pos = raw_pos = 0
    for piece, replacement in pieces:
        clean = piece if replacement is None else replacement
        if clean:
            assert offsets.to_raw(clean_pos, clean_pos + len(clean)) == (raw_pos, raw_pos + len(piece))
        clean_pos += len(clean)
        raw_pos += len(piece)
    assert clean_pos == len(offsets.text)


@given(text_with_repairs(), st.data())
def test_any_span_maps_inside_the_verbatim_text_in_order(case, data):
    raw, repairs, _ = case
    offsets = OffsetMap(raw, repairs)
    start = data.draw(st.integers(0, len(offsets.text)))
    end = data.draw(st.integers(start, len(offsets.text)))
    raw_start, raw_end = offsets.to_raw(start, end)
    assert 0 <= raw_start <= raw_end <= len(raw)
