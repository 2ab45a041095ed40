"""Turning an as-at date and an indicator's window into the dates its SQL sees."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..dates import add_months, year_end, year_ending, year_start


@dataclass(frozen=True)
class Period:
    as_at: date
    start: date          # first day counted (inclusive)
    end: date            # last day counted (inclusive)
    year: int            # collection year (year ending 31 March) the period belongs to
    label: str           # for sentences: "January 2026", "the 12 months to January 2026", "2024/25"

    def params(self) -> dict:
        return {"as_at": self.as_at, "period_start": self.start, "period_end": self.end, "year": self.year}


def latest_complete_year(as_at: date) -> int:
    """The latest collection year whose 31 March is on or before `as_at`."""
    y = year_ending(as_at)
    return y if as_at >= year_end(y) else y - 1


def period_for(window: str, as_at: date) -> Period:
    month = f"{as_at:%B %Y}"
    if window in ("at", "12m"):
        return Period(as_at, add_months(as_at + timedelta(days=1), -12), as_at, year_ending(as_at),
                      month if window == "at" else f"the 12 months to {month}")
    if window == "36m":
        return Period(as_at, add_months(as_at + timedelta(days=1), -36), as_at, year_ending(as_at),
                      f"the 3 years to {month}")
    if window == "month":
        return Period(as_at, as_at.replace(day=1), as_at, year_ending(as_at), month)
    if window == "ytd":
        y = year_ending(as_at)
        # April's year to date is April alone: "April 2025", not "April 2025 to April 2025"
        since = "" if (as_at.year, as_at.month) == (y - 1, 4) else f"{year_start(y):%B %Y} to "
        return Period(as_at, year_start(y), as_at, y, f"{since}{month}")
    if window == "year":
        y = latest_complete_year(as_at)
        return Period(as_at, year_start(y), year_end(y), y, f"{y - 1}/{y % 100:02d}")
    raise ValueError(f"unknown window {window!r}")
