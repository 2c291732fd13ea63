"""Read the amounts written in English text: digits, number words, scales, ranges, qualifiers.

Pure string processing, no spaCy: :func:`find_amounts` scans a text and returns every amount with
its character offsets, :func:`parse_amount` reads one expression, :func:`parse_number` one number.

Numbers are read as journalists write them, separators and stray spacing included ("2, 669",
"260 000", "1.6million", "Around1.6 million"), and number words are read with text2num. A vague
amount ("hundreds", "tens of thousands", "a few") keeps no value, only its order of magnitude, so
that nothing downstream can mistake it for a count. What cannot be read with confidence (a date,
a clock time, a "range" whose bounds are reversed) is left out rather than guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from text_to_num import text2num

from crisisdesk.lexicon import irregular, table, words

# --- vocabulary (lexicon/numbers.toml) -----------------------------------------------------------

#: Words that qualify the number they precede, by the qualifier they express (longest first
#: within the regular expression, so "more than" wins over "more").
QUALIFIER_WORDS: dict[str, tuple[str, ...]] = {q: tuple(words) for q, words in table("number_qualifiers").items()}
#: Words after a number that qualify it ("5,000 or more").
TRAILING_QUALIFIERS: dict[str, str] = table("number_trailing_qualifiers")

#: Abbreviated scales are only read glued to the number ("1.5m"): spaced, "m" is more often metres.
_ABBREVIATED = tuple(table("number_scale_abbreviations"))
#: Multipliers written after a number, in words or abbreviated.
SCALES: dict[str, int] = {**table("number_scales"), **table("number_indian_scales"), **table("number_scale_abbreviations")}


def _by_value(key: str) -> list[str]:
    return [word for word, _ in sorted(table(key).items(), key=lambda item: item[1])]


#: Number words below twenty and the tens, in the order of their values.
ONES_WORDS = _by_value("number_ones")
TENS_WORDS = _by_value("number_tens")
#: The scale words that are number words too ("two hundred thousand"), smallest first.
_SCALE_WORDS = tuple(_by_value("number_scales"))

#: Plural scale nouns that make a vague amount, and the order of magnitude each stands for.
VAGUE_MAGNITUDES: dict[str, int] = table("number_vague_magnitudes")
#: Plurals that multiply the vague amount they precede ("tens of thousands" → 10⁴).
_MULTIPLYING_PLURALS: dict[str, int] = table("number_multiplying_plurals")

#: Month names and their abbreviations: a day of the month may follow them.
_MONTHS = (*table("time_months"), *irregular("time_months"))

_CURRENCY_PREFIX = r"(?:US\s?\$|A\$|C\$|\$|€|£|¥|₹|(?:USD|EUR|GBP|CHF)\s?)"
_PERCENT_SUFFIX = r"(?:\s?%|\s?per\s?cent\b|\s?percent\b|\s?pct\b)"

KINDS = ("number", "vague", "percent", "money")


@dataclass(frozen=True, slots=True)
class Amount:
    """An amount found in a text, with character offsets into that text.

    ``start``/``end`` cover the whole expression, qualifier included ("more than 5,000");
    ``number_start``/``number_end`` only the number or range itself ("5,000").
    """

    start: int
    end: int
    text: str
    value: int | float | None  # None for a vague amount
    value_max: int | float | None = None  # upper bound of a range
    modifier: str = "exact"  # one of crisisdesk.model.QUALIFIERS
    kind: str = "number"  # one of KINDS
    magnitude: int | None = None  # order of magnitude of a vague amount ("hundreds" → 2)
    number_start: int = 0
    number_end: int = 0


# --- regular expressions ------------------------------------------------------------------------


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _word(words) -> str:
    return rf"(?:{_alternation(words)})(?![\w-])"


_SPACE = r"[ \u00a0\u202f\u2009]"
_SCALE_WORD_RE = rf"(?:{_alternation(w for w in SCALES if w not in _ABBREVIATED)})s?(?![\w])"
_SCALE_ABBR_RE = rf"(?:{_alternation(_ABBREVIATED)})(?![\w])"
_SCALE_RE = rf"(?:\s*{_SCALE_WORD_RE}|{_SCALE_ABBR_RE})"

#: Digits, with thousands separators (comma with or without a stray space, dot groups, spaces).
_DIGITS_RE = rf"""(?:
    \d{{1,3}}(?:,{_SPACE}?\d{{3}})+(?:\.\d+)?(?![\d])
  | \d{{1,3}}(?:\.\d{{3}}){{2,}}(?![\d])
  | \d{{1,3}}(?:{_SPACE}\d{{3}})+(?![\d])
  | \d+,\d{{1,2}}(?={_SCALE_RE})
  | \d+(?:\.\d+)?(?![\d])
)"""

_UNIT_RE = _word(ONES_WORDS)
_TENS_RE = rf"(?:{_alternation(TENS_WORDS)})(?:[\s-]+{_word(ONES_WORDS[1:10])}|(?![\w-]))"
_SCALEW_RE = _word(_SCALE_WORDS)
_WORD_RE = rf"(?:{_TENS_RE}|{_UNIT_RE}|{_SCALEW_RE})"
_AFTER_SCALE = "|".join(f"(?<={w})" for w in _SCALE_WORDS)
#: A run of number words; "and" only after a scale word ("nine hundred and twenty-one"), so that
#: "between ten and fifteen" stays two numbers.
_WORDS_RE = rf"""(?:
    half\s+a\s+{_word(("million", "billion"))}
  | (?:an?\s+(?={_SCALEW_RE}))?{_WORD_RE}(?:(?:(?:{_AFTER_SCALE})\s+and\s+|\s+|-){_WORD_RE})*
)"""

_NUMBER_RE = rf"(?:{_DIGITS_RE}(?:{_SCALE_RE})?(?![\w])|{_WORDS_RE})"
#: Where a number may begin: not inside a word, an identifier ("COVID-19") or a larger number.
_NUMBER_START = r"(?<![\w.,\-/:])"

_RANGE_RE = rf"""(?:
    between\s+(?P<b_lo>{_NUMBER_RE})\s+and\s+(?P<b_hi>{_NUMBER_RE})
  | from\s+(?P<f_lo>{_NUMBER_RE})\s+to\s+(?P<f_hi>{_NUMBER_RE})
  | (?P<r_lo>{_NUMBER_RE})\s*(?:-|–|—|\bto\b|\bor\b)\s*(?P<r_hi>{_NUMBER_RE})(?![\-/.:]\d)
)"""

#: Plural scales ("hundreds", "tens of thousands"), and amounts with no number at all ("a few").
_VAGUE_RE = r"""(?:
    (?:(?:many|several|a\s+few|some)\s+)?(?:(?:tens|hundreds|dozens|scores)\s+of\s+)?(?:thousands|millions|billions)(?![\w])
  | (?:(?:many|several|a\s+few|some)\s+)?(?:hundreds|dozens)(?![\w])
  | scores(?=\s+of\b)
  | (?:several|a\s+few|a\s+couple(?:\s+of)?|a\s+handful(?:\s+of)?|many)\s+(?:hundred|thousand|million|billion)(?![\w])
  | (?:several|a\s+few|a\s+handful|a\s+couple)(?![\w])
)"""

#: Digits that belong to a date or a clock time: consumed so that no part of them is read.
_DATE_LIKE_RE = r"""(?:
    \d{4}-\d{1,2}-\d{1,2}
  | \d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?![\d])
  | \d{1,2}:\d{2}(?::\d{2})?
)"""

#: A qualifier is followed by a space, or glued to digits only ("Around1.6 million", not "someone").
_QUALIFIER_RE = "|".join(rf"(?P<q_{q}>(?<![\w])(?:{_alternation(words)})(?:\s+|(?=\d)))" for q, words in QUALIFIER_WORDS.items())
_TRAILING_RE = rf"(?P<trail>\+(?!\s*\d)|\s+(?:{_alternation(w for w in TRAILING_QUALIFIERS if w != '+')})(?![\w]))"

_AMOUNT_RE = re.compile(
    rf"""
    (?P<date>(?<![\w]){_DATE_LIKE_RE})
  | (?:{_QUALIFIER_RE}|{_NUMBER_START})
    (?P<currency>{_CURRENCY_PREFIX})?
    (?P<body>
        (?P<range>{_RANGE_RE})
      | (?P<vague>{_VAGUE_RE})
      | (?P<number>{_NUMBER_RE})
    )
    (?P<percent>{_PERCENT_SUFFIX})?
    {_TRAILING_RE}?
    """,
    re.IGNORECASE | re.VERBOSE,
)
_ONE_NUMBER = re.compile(_NUMBER_RE, re.IGNORECASE | re.VERBOSE)
_DIGITS_ONLY = re.compile(rf"^(?P<digits>{_DIGITS_RE})\s*(?P<scale>[a-z]+)?$", re.IGNORECASE | re.VERBOSE)
_MONTH_BEFORE = re.compile(rf"\b(?:{'|'.join(_MONTHS)})\.?\s*$", re.IGNORECASE)
_STRAY_COMMA = re.compile(r"\d,\s\d")


# --- parsing ------------------------------------------------------------------------------------


def _as_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _digits_value(digits: str) -> Decimal | None:
    compact = re.sub(r"[\s\u00a0\u202f\u2009']", "", digits)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", compact):
        compact = compact.replace(".", "")
    elif re.fullmatch(r"\d+,\d{1,2}", compact):
        compact = compact.replace(",", ".")  # a decimal comma, only ever read before a scale
    else:
        compact = compact.replace(",", "")
    try:
        return Decimal(compact)
    except InvalidOperation:
        return None


def _scale_value(word: str | None) -> int | None:
    if not word:
        return 1
    word = word.lower()
    if word in SCALES:
        return SCALES[word]
    if word.endswith("s") and word[:-1] in SCALES and word[:-1] not in _ABBREVIATED:
        return SCALES[word[:-1]]
    return None


@lru_cache(maxsize=4096)
def _words_value(text: str) -> Decimal | None:
    words = re.sub(r"[\s-]+", " ", text.lower()).strip()
    half = re.fullmatch(r"half a (million|billion)", words)
    if half:
        return Decimal(SCALES[half.group(1)]) / 2
    words = re.sub(r"^an? ", "one ", words)
    try:
        return Decimal(text2num(words, "en"))
    except ValueError:
        return None


#: No count or amount in the news reaches this (a quadrillion): a longer run of digits is an id, a
#: corrupted text or an attack (a 400-digit number would overflow the store, a 50,000-digit one
#: the conversion to text), not a figure.
LARGEST_NUMBER = 10**15


def number_parts(text: str) -> tuple[Decimal, int] | None:
    """``(mantissa, scale)`` of one number without qualifiers: "2.3 million" → (2.3, 1000000);
    None when ``text`` is not a number this module can read (or reaches :data:`LARGEST_NUMBER`)."""
    text = text.strip()
    if not _ONE_NUMBER.fullmatch(text):
        return None
    digits = _DIGITS_ONLY.match(text)
    if digits:
        mantissa = _digits_value(digits.group("digits"))
        scale = _scale_value(digits.group("scale"))
        parts = (mantissa, scale) if mantissa is not None and scale is not None else None
    else:
        parts = _words_parts(text)
    return parts if parts is not None and abs(parts[0] * parts[1]) < LARGEST_NUMBER else None


def _words_parts(text: str) -> tuple[Decimal, int] | None:
    # "fifteen thousand" → (15, 1000), so that a range can share the scale; "two million three
    # hundred thousand" stays whole, its mantissa being no plain number below a thousand.
    words = re.sub(r"[\s-]+", " ", text.lower()).strip().split(" ")
    if len(words) > 1 and words[-1] in _SCALE_WORDS[1:]:
        mantissa = _words_value(" ".join(words[:-1]))
        if mantissa is not None and mantissa < 1000:
            return mantissa, SCALES[words[-1]]
    value = _words_value(text)
    return (value, 1) if value is not None else None


def parse_number(text: str) -> int | float | None:
    """The value of one number without qualifiers ("2, 669", "1.6million", "a hundred thousand",
    "Nine hundred and twenty-one", "3 lakh"); None when ``text`` is not such a number."""
    parts = number_parts(text)
    return _as_number(parts[0] * parts[1]) if parts else None


def _range_values(low_text: str, high_text: str) -> tuple[int | float, int | float] | None:
    low, high = number_parts(low_text), number_parts(high_text)
    if low is None or high is None:
        return None
    (low_mantissa, low_scale), (high_mantissa, high_scale) = low, high
    # "between 10 and 15 thousand", "one to 1.5 million": a scale written once serves both bounds
    # when the bare lower bound is below the upper one's mantissa.
    if low_scale == 1 and high_scale > 1 and low_mantissa < high_mantissa:
        low_scale = high_scale
    low_value, high_value = low_mantissa * low_scale, high_mantissa * high_scale
    if low_value >= high_value:
        return None
    return _as_number(low_value), _as_number(high_value)


def _vague_magnitude(text: str) -> int:
    """Order of magnitude of a vague amount: "hundreds" → 2, "several thousand" → 3,
    "tens of thousands" → 4, "a few" → 0."""
    words = re.sub(r"\s+", " ", text.lower()).split(" ")
    last = words[-1]
    if last in VAGUE_MAGNITUDES:
        magnitude = VAGUE_MAGNITUDES[last]
    elif last in SCALES:
        magnitude = len(str(SCALES[last])) - 1
    else:
        return 0
    if len(words) >= 3 and words[-2] == "of" and words[-3] in _MULTIPLYING_PLURALS:
        magnitude += _MULTIPLYING_PLURALS[words[-3]]
    return magnitude


def _modifier(match: re.Match) -> str:
    for qualifier in QUALIFIER_WORDS:
        if match.group(f"q_{qualifier}"):
            return qualifier
    trail = (match.group("trail") or "").strip().lower()
    if trail:
        return TRAILING_QUALIFIERS[re.sub(r"\s+", " ", trail)]
    return "exact"


def _misread_date(text: str, match: re.Match) -> bool:
    # "On March 5, 300 people…": a day of the month before a comma is no thousands group.
    body_start = match.start("body")
    return bool(_STRAY_COMMA.search(match.group("body"))) and bool(_MONTH_BEFORE.search(text[max(0, body_start - 12) : body_start]))


def _amount_from_match(text: str, match: re.Match) -> Amount | None:
    if match.group("date") or _misread_date(text, match):
        return None
    kind = "money" if match.group("currency") else "percent" if match.group("percent") else "number"
    value = value_max = magnitude = None
    modifier = _modifier(match)
    if match.group("range"):
        bounds = next((match.group(f"{p}_lo"), match.group(f"{p}_hi")) for p in ("b", "f", "r") if match.group(f"{p}_lo"))
        values = _range_values(*bounds)
        if values is None:
            return None
        value, value_max = values
        modifier = "range"
    elif match.group("vague"):
        kind = "vague"
        magnitude = _vague_magnitude(match.group("vague"))
    else:
        value = parse_number(match.group("number"))
        if value is None:
            return None
    start, end = match.span()
    return Amount(
        start=start,
        end=end,
        text=text[start:end],
        value=value,
        value_max=value_max,
        modifier=modifier,
        kind=kind,
        magnitude=magnitude,
        number_start=match.start("body"),
        number_end=match.end("body"),
    )


#: Every amount holds a digit or one of these words (as a word's beginning): a quick test that
#: spares most sentences the full expression.
_MAY_HOLD_AMOUNT = re.compile(
    rf"\d|\b(?:{'|'.join(sorted({*ONES_WORDS, *TENS_WORDS, *_SCALE_WORDS, *words('number_vague_amount_words')}, key=len, reverse=True))})",
    re.IGNORECASE,
)


def find_amounts(text: str) -> list[Amount]:
    """Every amount written in ``text``, in order, with offsets into ``text``."""
    if not _MAY_HOLD_AMOUNT.search(text):
        return []
    amounts = []
    for match in _AMOUNT_RE.finditer(text):
        amount = _amount_from_match(text, match)
        if amount is not None:
            amounts.append(amount)
    return amounts


def parse_amount(text: str) -> Amount | None:
    """The amount ``text`` consists of ("more than 2.3 million", "between 10 and 15 thousand",
    "tens of thousands"), or None when it is not exactly one amount."""
    amounts = find_amounts(text.strip())
    if len(amounts) != 1 or amounts[0].start != 0 or amounts[0].end != len(text.strip()):
        return None
    return amounts[0]


_NUMERALS = re.compile(r"\d[\d,.\s]*\d|\d")
_PLAIN_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def looks_like_year(amount: Amount) -> bool:
    """Whether ``amount`` is written the way a year or a span of years is ("2015", "from 1991 to
    1997", "1991-1997"): every numeral in it four plain digits from 1800 to 2099, no separator.
    Whether it *is* a year depends on what follows ("2000 people")."""
    numerals = _NUMERALS.findall(amount.text[amount.number_start - amount.start : amount.number_end - amount.start])
    return bool(numerals) and all(_PLAIN_YEAR.fullmatch(n) for n in numerals)
