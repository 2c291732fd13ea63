"""Reading amounts from English text: crisisdesk.nlp.numbers."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crisisdesk.nlp.numbers import find_amounts, looks_like_year, parse_amount, parse_number

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def words_for(n: int, *, british_and: bool = True) -> str:
    """An English spelling of ``n`` (test oracle, written independently of the parser)."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("-" + _ONES[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ((" and " if british_and else " ") + words_for(rest) if rest else "")
    for scale, name in ((10**9, "billion"), (10**6, "million"), (1000, "thousand")):
        if n >= scale:
            rest = n % scale
            head = words_for(n // scale, british_and=british_and) + " " + name
            if not rest:
                return head
            joiner = " and " if rest < 100 and british_and else " "
            return head + joiner + words_for(rest, british_and=british_and)
    raise AssertionError(n)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2, 669", 2669),
        ("1.6million", 1_600_000),
        ("260 000", 260_000),
        ("260\u00a0000", 260_000),
        ("51,000", 51_000),
        ("1.600.000", 1_600_000),
        ("2.3 million", 2_300_000),
        ("1.5m", 1_500_000),
        ("$5bn"[1:], 5_000_000_000),
        ("1,6 million", 1_600_000),
        ("3 lakh", 300_000),
        ("Nine hundred and twenty-one", 921),
        ("a hundred thousand", 100_000),
        ("half a million", 500_000),
        ("twenty-five thousand", 25_000),
        ("0.5", 0.5),
    ],
)
def test_parse_number_reads_how_numbers_are_written(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["hundreds", "a few", "several", "1990s", "COVID-19", "H5N1", "21st", "10km", "someone"])
def test_parse_number_refuses_what_is_not_one_number(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "value", "value_max", "modifier"),
    [
        ("Around1.6 million", 1_600_000, None, "about"),
        ("about 5,000", 5000, None, "about"),
        ("some 5,000", 5000, None, "about"),
        ("nearly 300", 300, None, "about"),
        ("an estimated 40,000", 40_000, None, "about"),
        ("at least 30", 30, None, "at_least"),
        ("more than 350,000", 350_000, None, "more_than"),
        ("over 2 million", 2_000_000, None, "more_than"),
        ("upwards of 900", 900, None, "more_than"),
        ("up to 200", 200, None, "up_to"),
        ("as many as 92,000", 92_000, None, "up_to"),
        ("fewer than 10", 10, None, "fewer_than"),
        ("under 500", 500, None, "fewer_than"),
        ("5,000 or more", 5000, None, "at_least"),
        ("5,000-7,000", 5000, 7000, "range"),
        ("5,000 – 7,000", 5000, 7000, "range"),
        ("between 10 and 15 thousand", 10_000, 15_000, "range"),
        ("between ten and fifteen thousand", 10_000, 15_000, "range"),
        ("one to 1.5 million", 1_000_000, 1_500_000, "range"),
        ("from 500 to 1 million", 500, 1_000_000, "range"),
        ("25,000 to 30,000", 25_000, 30_000, "range"),
        ("two or three", 2, 3, "range"),
    ],
)
def test_parse_amount_reads_qualifiers_and_ranges(text, value, value_max, modifier):
    amount = parse_amount(text)
    assert amount is not None and amount.kind == "number"
    assert (amount.value, amount.value_max, amount.modifier) == (value, value_max, modifier)


@pytest.mark.parametrize(
    ("text", "magnitude"),
    [
        ("hundreds", 2),
        ("dozens", 1),
        ("thousands", 3),
        ("tens of thousands", 4),
        ("hundreds of thousands", 5),
        ("millions", 6),
        ("several thousand", 3),
        ("a few hundred", 2),
        ("a few", 0),
        ("several", 0),
    ],
)
def test_vague_amounts_keep_a_magnitude_and_never_a_value(text, magnitude):
    amount = parse_amount(text)
    assert amount is not None
    assert (amount.kind, amount.value, amount.magnitude) == ("vague", None, magnitude)


def test_percent_and_money_are_kept_apart_from_numbers():
    assert [(a.kind, a.value) for a in find_amounts("63 per cent, 47% and $5 million")] == [
        ("percent", 63),
        ("percent", 47),
        ("money", 5_000_000),
    ]


@pytest.mark.parametrize("text", ["on 2023-11-08", "at 10:30", "on 8/11/2023", "the 1990s", "On March 5, 300 people"])
def test_dates_and_times_are_not_read_as_numbers(text):
    assert all(a.value not in (2023, 10, 30, 1990, 5300) for a in find_amounts(text))


def test_a_day_before_a_comma_is_no_thousands_group():
    assert [a.value for a in find_amounts("On March 5, 300 people fled")] == []
    assert [a.value for a in find_amounts("In all 5, 300 people fled")] == [5300]


def test_find_amounts_gives_offsets_into_the_text():
    text = "Since then, more than 2.3 million people and hundreds of officials left."
    for amount in find_amounts(text):
        assert text[amount.start : amount.end] == amount.text
        assert amount.start <= amount.number_start < amount.number_end <= amount.end
    assert [a.text for a in find_amounts(text)] == ["more than 2.3 million", "hundreds"]


# --- properties -----------------------------------------------------------------------------


def with_separator(n: int, separator: str) -> str:
    return f"{n:,}".replace(",", separator)


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from([",", ", ", " ", "\u00a0", "\u202f"]))
def test_any_integer_with_thousands_separators_reads_back(n, separator):
    assert parse_number(with_separator(n, separator)) == n


@given(st.integers(min_value=1_000_000, max_value=10**12))
def test_any_integer_with_dot_groups_reads_back(n):
    assert parse_number(with_separator(n, ".")) == n


@given(st.integers(min_value=0, max_value=999_999_999_999), st.booleans())
def test_any_integer_in_words_reads_back(n, british_and):
    assert parse_number(words_for(n, british_and=british_and)) == n


@given(
    st.integers(min_value=1, max_value=999),
    st.integers(min_value=0, max_value=9),
    st.sampled_from([("million", 10**6), ("billion", 10**9), ("thousand", 10**3)]),
    st.sampled_from(["", " "]),
)
def test_any_scaled_number_reads_back_exactly(whole, tenth, scale, space):
    name, factor = scale
    text = f"{whole}.{tenth}{space}{name}" if tenth else f"{whole}{space}{name}"
    assert parse_number(text) == (whole * 10 + tenth) * factor // 10


@given(st.integers(min_value=1, max_value=10**9), st.integers(min_value=1, max_value=10**9), st.sampled_from(["-", " to ", "–"]))
def test_any_range_reads_back_with_both_bounds(low, extra, joiner):
    high = low + extra
    amount = parse_amount(f"{low:,}{joiner}{high:,}")
    assert amount is not None and (amount.value, amount.value_max, amount.modifier) == (low, high, "range")


@given(st.integers(min_value=2, max_value=10**9), st.sampled_from(["about", "at least", "more than", "up to", "fewer than", "nearly"]))
def test_a_qualified_number_in_a_sentence_is_found_whole(n, qualifier):
    text = f"Officials said {qualifier} {n:,} people had fled."
    (amount,) = find_amounts(text)
    assert amount.value == n and amount.text == f"{qualifier} {n:,}"


@pytest.mark.parametrize(
    ("text", "year_like"),
    [
        ("2015", True),
        ("from 1991 to 1997", True),
        ("1991-1997", True),
        ("between 2001 and 2003", True),
        ("2,015", False),
        ("from 10 to 15", False),
        ("1,500 to 2,000", False),
        ("12,000", False),
        ("3015", False),
    ],
)
def test_looks_like_year_only_for_plain_four_digit_years(text, year_like):
    assert looks_like_year(parse_amount(text)) is year_like
