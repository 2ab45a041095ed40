"""Working days: Monday to Friday, excluding bank holidays in England and Wales.

Bank holidays come from the maintained `holidays` package (GB, subdivision England, which shares its
bank holidays with Wales), so one-off days such as the Queen's state funeral (19 September 2022)
and the coronation (8 May 2023) are included without a hand-kept list. Timescales use the
convention in timescales.md section 1: "within N working days of D" means the Nth working day
after D, D itself being day 0.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache


@cache
def bank_holidays(start_year: int, end_year: int) -> frozenset[date]:
    """England and Wales bank holidays from 1 January `start_year` to 31 December `end_year`.

    One lookup for the whole span: the package builds a year's holidays at a cost (a quarter of a second
    for 25 years asked one by one, a hundredth asked together).
    """
    import holidays

    # The package also lists Christmas and New Year's Day when they fall at a weekend; only the
    # weekday substitutes are bank holidays.
    return frozenset(d for d in holidays.country_holidays("GB", subdiv="ENG", years=range(start_year, end_year + 1))
                     if d.weekday() < 5)


def _holidays_in(year: int) -> frozenset[date]:
    return bank_holidays(year, year)


def is_working_day(d: date) -> bool:
    return d.weekday() < 5 and d not in _holidays_in(d.year)


def add_working_days(d: date, n: int) -> date:
    """The `n`th working day after `d` (d is day 0, whether or not it is a working day); n >= 0."""
    if n < 0:
        raise ValueError(f"add_working_days counts forwards only, got n={n}")
    while n:
        d += timedelta(days=1)
        if is_working_day(d):
            n -= 1
    return d


def register_calendar(con, start_year: int, end_year: int) -> None:
    """Give SQL on `con` a temporary table calendar(d, is_working, working_day_no) for the years given.

    working_day_no counts working days from the table's first day up to and including d, so the Nth
    working day after D is the working day whose number is D's number plus N.
    """
    if end_year < start_year:
        raise ValueError(f"calendar years run backwards: {start_year} to {end_year}")
    if _covered(con, date(start_year, 1, 1), date(end_year, 12, 31)):
        return      # a working day's number counts on from any first day: a longer calendar serves as well
    days, working, numbers = [], [], []
    d, last, count = date(start_year, 1, 1), date(end_year, 12, 31), 0
    off = bank_holidays(start_year, end_year)
    while d <= last:
        w = d.weekday() < 5 and d not in off
        count += w
        days.append(d)
        working.append(w)
        numbers.append(count)
        d += timedelta(days=1)
    con.execute("""CREATE OR REPLACE TEMP TABLE calendar AS
                   SELECT unnest(?::DATE[]) AS d, unnest(?::BOOLEAN[]) AS is_working,
                          unnest(?::INTEGER[]) AS working_day_no""", [days, working, numbers])


def _covered(con, first: date, last: date) -> bool:
    """Whether `con` has a calendar from `first` to `last` already (a report builds the model of several snapshots)."""
    made = ("SELECT count(*) FROM information_schema.tables WHERE table_name = 'calendar' "
            "AND table_type = 'LOCAL TEMPORARY'")
    if not con.execute(made).fetchone()[0]:
        return False
    low, high = con.execute("SELECT min(d), max(d) FROM calendar").fetchone()
    return low is not None and low <= first and high >= last
