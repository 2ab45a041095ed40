"""The few date steps the simulation relies on, worked out by hand."""

from datetime import date

import pytest

from careboard.synth.calendar import add_weekdays, age_on, birthday, fmt


@pytest.mark.parametrize("start, n, expected", [
    (date(2024, 1, 5), 1, date(2024, 1, 8)),      # Friday + 1 working day = Monday
    (date(2024, 1, 6), 1, date(2024, 1, 8)),      # Saturday + 1 = Monday
    (date(2024, 1, 7), 5, date(2024, 1, 12)),     # Sunday + 5 = Friday
    (date(2024, 1, 1), 20, date(2024, 1, 29)),    # Monday + 20 = the Monday four weeks on
    (date(2024, 1, 3), 4, date(2024, 1, 9)),      # Wednesday + 4 = Tuesday
    (date(2024, 1, 3), 0, date(2024, 1, 3)),
])
def test_add_weekdays(start, n, expected):
    assert add_weekdays(start, n) == expected


def test_a_leap_day_birthday_is_1_march_in_other_years_and_ages_agree():
    dob = date(2008, 2, 29)
    assert birthday(dob, 18) == date(2026, 3, 1) and birthday(dob, 16) == date(2024, 2, 29)
    assert age_on(dob, date(2026, 2, 28)) == 17 and age_on(dob, date(2026, 3, 1)) == 18


def test_dates_are_written_dd_mm_yyyy():
    assert fmt(date(2024, 3, 5)) == "05/03/2024" and fmt(None) == ""
