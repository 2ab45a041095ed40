"""Collection years and other small date rules used everywhere."""

from __future__ import annotations

from datetime import date, datetime


def parse_date(text: str) -> date:
    """A date as people type one: dd/mm/yyyy or yyyy-mm-dd (ValueError otherwise)."""
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    raise ValueError(f"{text!r} is not a date (use dd/mm/yyyy or yyyy-mm-dd)")


def year_ending(d: date) -> int:
    """The collection year containing `d`, named by the year its 31 March falls in."""
    return d.year + 1 if d.month >= 4 else d.year


def year_start(year_ending_march: int) -> date:
    return date(year_ending_march - 1, 4, 1)


def year_end(year_ending_march: int) -> date:
    return date(year_ending_march, 3, 31)


def year_label(year_ending_march: int) -> str:
    """2025 -> '2024/25'."""
    return f"{year_ending_march - 1}/{year_ending_march % 100:02d}"


def add_months(d: date, months: int) -> date:
    """Same day number `months` later, clamped to the end of a shorter month."""
    import calendar

    m = d.month - 1 + months
    y, m = d.year + m // 12, m % 12 + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def add_years(d: date, years: int) -> date:
    return add_months(d, 12 * years)
