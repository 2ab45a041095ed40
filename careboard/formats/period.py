"""The stretch of time one file of a format covers: a yearly return is named by the year it ends in, a
list by the day it was taken."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class YearlyPeriod:
    """Twelve months starting on the 1st of `first_month`: a 903 return covers a collection year,
    1 April to 31 March, named by the year its March falls in (2025 for 2024/25)."""

    name: str           # what people call one period: "collection year"
    first_month: int    # 4: April

    def span(self, year: int) -> tuple[date, date]:
        """The first and last day of the period that ends in `year`."""
        start = date(year - (self.first_month > 1), self.first_month, 1)
        return start, date(start.year + 1, start.month, 1) - timedelta(days=1)


@dataclass(frozen=True)
class ListPeriod:
    """A list kept up to date and exported on a day (an Ofsted Annex A list, a council's fostering
    households): it gives the position on that day and what happened in the `months` before it,
    rather than one fixed year. Its files belong to a snapshot as at that day."""

    name: str           # what people call the day: "the date the list was taken"
    months: int         # how far back its rows reach: 12 for a list of the last year's events

    def span(self, as_at: date) -> tuple[date, date]:
        """The first and last day a list taken on `as_at` covers."""
        month = as_at.month - self.months
        year, month = as_at.year + (month - 1) // 12, (month - 1) % 12 + 1
        last_day = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
        return date(year, month, min(as_at.day, last_day)) + timedelta(days=1), as_at
