"""TIMEX3 values and calendar arithmetic (crisisdesk.nlp.times.values): pure functions of dates
and numbers, tested without any rule or model."""

from datetime import date

import pytest

from crisisdesk.nlp.times.values import (
    century_value,
    decade_value,
    duration,
    easter,
    holiday_day,
    holiday_fixed,
    latest_quarter,
    nearest_weekday,
    nth_weekday,
    number,
    quarter_value,
    season_value,
    shift_months,
    unit_of,
    week_value,
    year_for,
)

WEDNESDAY = date(2023, 11, 8)
FRIDAY = 4


def test_a_week_is_its_iso_week_and_a_weekend_its_saturday_and_sunday():
    # 1 January 2021 is a Friday of the last ISO week of 2020.
    week = week_value(date(2021, 1, 1))
    assert (week.value, week.start, week.end) == ("2020-W53", date(2020, 12, 28), date(2021, 1, 3))
    weekend = week_value(WEDNESDAY, weekend=True)
    assert (weekend.value, weekend.start, weekend.end) == ("2023-W45-WE", date(2023, 11, 11), date(2023, 11, 12))


def test_quarters_seasons_decades_and_centuries_cover_their_days():
    q4 = quarter_value(2023, 4)
    assert (q4.value, q4.start, q4.end) == ("2023-Q4", date(2023, 10, 1), date(2023, 12, 31))
    winter = season_value(2023, "WI")  # runs into the next year, to the end of a leap February
    assert (winter.value, winter.start, winter.end) == ("2023-WI", date(2023, 12, 1), date(2024, 2, 29))
    nineties = decade_value(1990)
    assert (nineties.value, nineties.start, nineties.end) == ("199X", date(1990, 1, 1), date(1999, 12, 31))
    nineteenth = century_value(19)
    assert (nineteenth.value, nineteenth.start, nineteenth.end) == ("18", date(1800, 1, 1), date(1899, 12, 31))


def test_months_shift_to_the_last_day_a_shorter_month_has():
    assert shift_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert shift_months(date(2023, 3, 15), -3) == date(2022, 12, 15)
    assert latest_quarter(date(2023, 2, 1)) == (2022, 4)
    assert latest_quarter(WEDNESDAY) == (2023, 3)


def test_the_nearest_weekday_in_each_direction():
    assert nearest_weekday(FRIDAY, WEDNESDAY, "past") == date(2023, 11, 3)
    assert nearest_weekday(FRIDAY, WEDNESDAY, "future") == date(2023, 11, 10)
    assert nearest_weekday(2, WEDNESDAY, "past") == WEDNESDAY  # on or before
    assert nearest_weekday(2, WEDNESDAY, "last") == date(2023, 11, 1)  # strictly before
    assert nearest_weekday(2, WEDNESDAY, "next") == date(2023, 11, 15)


def test_a_month_without_a_year_falls_in_the_year_the_tense_points_to():
    def january(year):
        return date(year, 1, 1)

    def march(year):
        return date(year, 3, 1)

    assert year_for(january, date(2023, 12, 10), "future") == 2024
    assert year_for(january, date(2023, 6, 1), "past") == 2023
    # From 8 November 2023, March 2023 ended 222 days before and March 2024 starts 114 days after.
    assert year_for(march, WEDNESDAY, "past") == 2023  # ahead, against the tense: 114 × 3
    assert year_for(march, WEDNESDAY, None) == 2024  # ahead with no tense: 114 × 1.5
    # How much farther a date against the tense counts is a setting.
    assert year_for(march, WEDNESDAY, "past", against_tense=1) == 2024


def test_holidays_fall_on_their_days():
    assert easter(2024) == date(2024, 3, 31)
    assert easter(2025) == date(2025, 4, 20)
    assert holiday_day("good friday", 2025) == date(2025, 4, 18)
    assert holiday_day("thanksgiving", 2023) == date(2023, 11, 23)
    assert holiday_day("memorial day", 2024) == date(2024, 5, 27)  # the last Monday of May
    assert holiday_day("election day", 2024) == date(2024, 11, 5)  # the Tuesday after the first Monday
    assert holiday_day("christmas eve", 2023) == date(2023, 12, 24)
    assert holiday_fixed("christmas") and not holiday_fixed("easter")
    assert nth_weekday(2023, 9, 0, 1) == date(2023, 9, 4)


@pytest.mark.parametrize(
    "amount, unit, value",
    [
        (3, "year", "P3Y"),
        (None, "decade", "PXDE"),
        (2, "fortnight", "P4W"),
        (1.5, "year", "P1Y6M"),
        (0.5, "day", "PT12H"),
        (1, "weekend", "P2D"),
        (2.5, "minute", "PT2M30S"),
    ],
)
def test_durations_in_timex3(amount, unit, value):
    assert duration(amount, unit) == value


def test_amounts_and_units_are_read_from_words():
    assert [number(w) for w in ("a couple of", "half a dozen", "twenty one", "7 1/2")] == [2, 6, 21, 7.5]
    assert [unit_of(w) for w in ("Weeks", "centuries", "day", "hrs.")] == ["week", "century", "day", "hrs"]
