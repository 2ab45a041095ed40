"""Date steps the simulation takes: birthdays, ages, weekday counts and the return's date format."""

from __future__ import annotations

from datetime import date, timedelta

from ..dates import add_months, year_end, year_ending, year_start

__all__ = ["add_months", "add_weekdays", "age_on", "birthday", "fmt", "year_end", "year_ending",
           "year_start", "folder_name", "DAY"]

DAY = timedelta(days=1)


def birthday(dob: date, years: int) -> date:
    """The date `dob` turns `years` old; a 29 February birthday falls on 1 March in other years
    (the day age_on counts the year as complete, as careboard's SQL age does)."""
    try:
        return dob.replace(year=dob.year + years)
    except ValueError:
        return date(dob.year + years, 3, 1)


def age_on(dob: date, d: date) -> int:
    """Whole years of age on `d`."""
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def add_weekdays(d: date, n: int) -> date:
    """The n-th Monday-to-Friday after `d` (bank holidays are not skipped: callers keep a margin)."""
    if n <= 0:
        return d
    wd = d.weekday()
    if wd > 4:                      # count a weekend start from the Friday before
        d, wd = d - timedelta(days=wd - 4), 4
    weeks, rest = divmod(n, 5)
    return d + timedelta(days=7 * weeks + rest + (2 if wd + rest > 4 else 0))


_FORMATTED: dict[date, str] = {}


def fmt(d: date | None) -> str:
    """dd/mm/yyyy as the return writes dates; blank for None. Cached: the same dates recur constantly."""
    if d is None:
        return ""
    s = _FORMATTED.get(d)
    if s is None:
        s = _FORMATTED[d] = f"{d.day:02d}/{d.month:02d}/{d.year:04d}"
    return s


def folder_name(year: int) -> str:
    """Year ending March 2025 -> '2024-25', the folder name careboard reads the year from."""
    return f"{year - 1}-{year % 100:02d}"
