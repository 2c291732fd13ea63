"""The words the time rules read, from ``lexicon/times.toml`` and ``lexicon/numbers.toml``, as the
tables the rules look words up in (read once, on import; no model involved)."""

from __future__ import annotations

from crisisdesk.lexicon import irregular, table, words


def _with_irregular(key: str) -> dict:
    """The table ``key`` with each irregular form (an abbreviation) standing for its lemma's value."""
    values = table(key)
    return {**values, **{form: values[lemma] for form, lemma in irregular(key).items()}}


def by_value(key: str) -> list[str]:
    """The words of table ``key`` in the order of their values ("one" before "two")."""
    return [word for word, _ in sorted(table(key).items(), key=lambda item: item[1])]


#: Month names and abbreviations ("sept") → month number.
MONTHS: dict[str, int] = _with_irregular("time_months")
#: Weekday names and abbreviations ("thurs") → Monday 0 ... Sunday 6.
WEEKDAYS: dict[str, int] = _with_irregular("time_weekdays")
#: Season → TIMEX3 season code.
SEASONS: dict[str, str] = table("time_seasons")
#: Part of the day → TIMEX3 code.
PARTS_OF_DAY: dict[str, str] = table("time_parts_of_day")

#: Unit of time → (TIMEX3 letter, whether it is a time (PT…) unit); ``UNIT_FACTOR``: how many of
#: the letter's unit one makes, where not one (a decade: 10 years).
UNITS: dict[str, tuple[str, bool]] = {unit: (spec["letter"], spec.get("time", False)) for unit, spec in table("time_units").items()}
UNIT_FACTOR: dict[str, int] = {unit: spec["factor"] for unit, spec in table("time_units").items() if "factor" in spec}
#: Plurals of units that are not the unit plus s ("centuries" → "century"), and the other way.
UNIT_LEMMAS: dict[str, str] = irregular("time_units")
UNIT_PLURALS: dict[str, str] = {lemma: form for form, lemma in UNIT_LEMMAS.items()}

#: Amounts of time written without a number word text2num reads ("a week", "a couple of days").
AMOUNT_WORDS: dict[str, int] = table("time_amount_words")
#: Ordinal words → number ("first" → 1); tens → value ("twenty" → 20).
ORDINALS: dict[str, int] = table("number_ordinals")
TENS: dict[str, int] = table("number_tens")
ONES: dict[str, int] = table("number_ones")

#: Vague reference → PRESENT_REF, PAST_REF or FUTURE_REF; the ones not tagged alone.
VAGUE_REFERENCES: dict[str, str] = table("time_vague_references")
VAGUE_NOT_ALONE: frozenset[str] = words("time_vague_not_alone")
#: Words that count units without a number ("several", "the past few").
VAGUE_COUNTS: frozenset[str] = words("time_vague_counts")
#: Word contained in a part or an approximator → TIMEX3 mod, the first listed found wins.
MODS: dict[str, str] = table("time_mods")
#: Set word → TIMEX3 SET value ("weekly" → "P1W").
SET_WORDS: dict[str, str] = table("time_set_words")
#: Day named from the publication date → days from it ("yesterday" → -1).
RELATIVE_DAYS: dict[str, int] = table("time_relative_days")
#: Holiday → how its day is found (see lexicon/times.toml).
HOLIDAYS: dict[str, dict] = table("time_holidays")
