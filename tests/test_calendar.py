"""England and Wales working days, checked against known bank holidays and counted by hand."""

from datetime import date, timedelta

import duckdb
import pytest

from careboard.calendar import add_working_days, bank_holidays, is_working_day, register_calendar

HOLIDAYS = [
    (date(2022, 9, 19), True, "state funeral of Queen Elizabeth II"),
    (date(2023, 5, 8), True, "coronation of King Charles III"),
    (date(2022, 6, 3), True, "platinum jubilee"),
    (date(2022, 6, 2), True, "spring bank holiday moved to Thursday in 2022"),
    (date(2022, 5, 30), False, "the usual last Monday in May was not a holiday in 2022"),
    (date(2020, 5, 8), True, "early May bank holiday moved to VE Day in 2020"),
    (date(2020, 5, 4), False, "first Monday in May 2020 was a working day"),
    (date(2022, 12, 27), True, "substitute for Christmas Day on a Sunday"),
    (date(2022, 12, 25), False, "Christmas Day on a Sunday is listed only through its substitute"),
    (date(2024, 3, 29), True, "Good Friday"),
    (date(2024, 4, 1), True, "Easter Monday"),
    (date(2024, 8, 26), True, "summer bank holiday (England and Wales, last Monday of August)"),
    (date(2024, 8, 5), False, "Scotland's summer holiday is not an England and Wales one"),
    (date(2023, 1, 3), False, "Scotland's 2 January substitute is not an England and Wales one"),
    (date(2024, 11, 30), False, "St Andrew's Day is Scottish only"),
]


@pytest.mark.parametrize("day,is_holiday,why", HOLIDAYS, ids=[h[2] for h in HOLIDAYS])
def test_bank_holidays(day, is_holiday, why):
    assert (day in bank_holidays(day.year, day.year)) is is_holiday
    if day.weekday() < 5:
        assert is_working_day(day) is not is_holiday


WORKING_DAYS = [
    # (start, n, expected, how)
    (date(2022, 9, 12), 5, date(2022, 9, 20), "Tue 13 to Fri 16 are 1-4; Mon 19 is the funeral; Tue 20 is 5"),
    (date(2024, 3, 28), 1, date(2024, 4, 2), "Good Friday, the weekend and Easter Monday are skipped"),
    (date(2024, 6, 1), 1, date(2024, 6, 3), "from a Saturday the next working day is Monday"),
    (date(2024, 6, 3), 0, date(2024, 6, 3), "day 0 is the start itself"),
    (date(2025, 4, 14), 20, date(2025, 5, 15),
     "four weeks would be Mon 12 May; Good Friday, Easter Monday and the May Day holiday add three days"),
]


@pytest.mark.parametrize("start,n,expected,how", WORKING_DAYS, ids=[w[3] for w in WORKING_DAYS])
def test_add_working_days(start, n, expected, how):
    assert add_working_days(start, n) == expected


def test_negative_working_days_are_refused():
    with pytest.raises(ValueError, match="forwards"):
        add_working_days(date(2024, 6, 3), -1)


def test_sql_calendar_agrees_with_python():
    """The Nth working day after D found in SQL (by working_day_no) is the one Python counts."""
    con = duckdb.connect()
    register_calendar(con, 2022, 2023)
    got = dict(con.execute("""
        SELECT c0.d, wd.d FROM calendar c0
        JOIN calendar wd ON wd.is_working AND wd.working_day_no = c0.working_day_no + 20
        WHERE c0.d <= DATE '2023-10-31'""").fetchall())
    day, want = date(2022, 1, 1), {}
    while day <= date(2023, 10, 31):
        want[day] = add_working_days(day, 20)
        day += timedelta(days=1)
    assert got == want
    # 2023 has 260 weekdays (52 weeks and a Sunday); 9 were bank holidays: 2 Jan, 7 and 10 Apr, 1, 8 and 29 May,
    # 28 Aug, 25 and 26 Dec
    assert con.execute("SELECT count(*) FROM calendar WHERE is_working AND year(d) = 2023").fetchone()[0] == 251


def test_calendar_years_must_run_forwards():
    with pytest.raises(ValueError, match="backwards"):
        register_calendar(duckdb.connect(), 2025, 2024)
