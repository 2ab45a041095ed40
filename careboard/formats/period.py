"""The stretch of time one file of a format covers, named by the year it ends in."""

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
