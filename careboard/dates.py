"""Collection years and other small date rules used everywhere."""

from __future__ import annotations

import re
from datetime import date, datetime


# Every Unicode dash, as a range for a regular expression's character class: a word processor writes a
# typed hyphen as one ('2024–25'), and careboard reads each as a hyphen.
DASHES = "\u2010-\u2015\u2212"
_DASH = re.compile(f"[{DASHES}]")

# A date as Excel counts days (since 30/12/1899) in a cell not formatted as a date: five digits, 1927 to 2173,
# perhaps with Excel's ".0". A regular expression for Python and for SQL alike.
EXCEL_DAY_NUMBER = r"[1-9][0-9]{4}(\.0+)?"


def parse_date(text: str) -> date:
    """A date as people type one: dd/mm/yyyy (or with hyphens or full stops), yyyy-mm-dd, or "31 March 2025"
    (ValueError otherwise, saying what is wrong with one written so but with no such day or month)."""
    typed = " ".join(_DASH.sub("-", text.strip()).split())
    if _DAY_FIRST.fullmatch(typed):
        typed = re.sub(r"[-.]", "/", typed)
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"):
        try:
            return datetime.strptime(typed, fmt).date()
        except ValueError:
            pass
    if shaped := _DAY_FIRST.fullmatch(typed) or _YEAR_FIRST.fullmatch(typed):
        day, month, year = (int(shaped[part]) for part in ("day", "month", "year"))
        if not 1 <= month <= 12:
            first = " (dates are written day first, dd/mm/yyyy)" if shaped.re is _DAY_FIRST and day <= 12 else ""
            raise ValueError(f"{text!r} is not a date: there is no month {month}{first}")
        import calendar

        days = calendar.monthrange(year, month)[1]
        raise ValueError(f"{text!r} is not a date: {calendar.month_name[month]} {year} has {days} days")
    raise ValueError(f"{text!r} is not a date (use dd/mm/yyyy or yyyy-mm-dd)")


_DAY_FIRST = re.compile(r"(?P<day>\d{1,2})([/.-])(?P<month>\d{1,2})\2(?P<year>\d{4})")
_YEAR_FIRST = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")


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


def label_to_year(label: str) -> int:
    """'2024/25' -> 2025."""
    return int(label[:4]) + 1


def add_months(d: date, months: int) -> date:
    """Same day number `months` later, clamped to the end of a shorter month."""
    import calendar

    m = d.month - 1 + months
    y, m = d.year + m // 12, m % 12 + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def add_years(d: date, years: int) -> date:
    return add_months(d, 12 * years)


def pair_year(first: str, second: str) -> int | None:
    """The year ending March of a pair of consecutive years: ('2024', '25'), ('2024', '2025') or ('24', '25')
    -> 2025 (two-digit years from 90 are the 1990s); None when the second year does not follow the first."""
    if len(second) == 4 and len(first) == 4:
        return int(second) if int(second) == int(first) + 1 else None
    if len(second) != 2 or len(first) not in (2, 4):
        return None
    start = int(first) if len(first) == 4 else (1900 if int(first) >= 90 else 2000) + int(first)
    return start + 1 if (start + 1) % 100 == int(second) else None


_LOWEST_YEAR = 1991        # the year ending March 1991 is a long way before any SSDA903 extract careboard can read


def parse_collection_year(text: str) -> int:
    """A collection year as people write one, as the year its 31 March falls in (ValueError otherwise).

    '2024/25', '2024-25', '2024_25', '24/25', '24-25' and '2024/2025' are 2024/25 (2025). A year alone,
    '2025', is the year ending 31 March 2025 (2024/25): the DfE's name for that collection ("SSDA903 2025")
    and its statistics' `time_period`.
    """
    t = _DASH.sub("-", text.strip())
    m = re.fullmatch(r"(\d{2}|\d{4})\s*[-/_]\s*(\d{2}|\d{4})", t)
    year = pair_year(m.group(1), m.group(2)) if m else int(t) if re.fullmatch(r"\d{4}", t) else None
    if m and year is None:
        raise ValueError(f"{text!r} is not a collection year: the second year must follow the first, as in 2024/25")
    if year is None:
        raise ValueError(f"{text!r} is not a collection year: write it like 2024/25 (or 2025 for the year "
                         f"ending 31 March 2025)")
    latest = date.today().year + 2
    if not _LOWEST_YEAR <= year <= latest:
        raise ValueError(f"{text!r} is not a collection year careboard can take: give a year between "
                         f"{year_label(_LOWEST_YEAR)} and {year_label(latest)}")
    return year
