"""The statutory and local timescales careboard judges "on time" by, read from timescales.toml.

Each is declared once as data, so an indicator, an operational list and the docs that name one agree on
it; the SQL for a due date comes from here too. Working days use the calendar table the model registers
(careboard.calendar: England and Wales bank holidays), the start being day 0.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from .dates import add_months

UNITS = ("working_days", "days", "weeks", "months")
CERTAINTIES = ("verified", "likely", "uncertain")


@dataclass(frozen=True)
class Timescale:
    id: str
    what: str           # in plain words
    amount: int
    unit: str           # UNITS
    source: str         # the regulation, guidance or report it comes from
    certainty: str      # CERTAINTIES: how sure careboard is of the figure (timescales.md)
    local: bool = False  # a council's own standard, not a national one

    def words(self) -> str:
        """'20 working days', '6 weeks', '1 week'."""
        unit = self.unit.replace("_", " ")
        return f"{self.amount} {unit[:-1] if self.amount == 1 else unit}"

    def due(self, start: date) -> date:
        """The last day an event counted from `start` is on time."""
        if self.unit == "working_days":
            from .calendar import add_working_days

            return add_working_days(start, self.amount)
        if self.unit == "months":
            return add_months(start, self.amount)
        return start + timedelta(days=self._days())

    def due_sql(self, start: str) -> str:
        """SQL for the due date of an event counted from the date expression `start`. Working days read the
        calendar table (d, is_working, working_day_no) the model registers."""
        if self.unit == "working_days":
            return (f"(SELECT w_.d FROM calendar s_ JOIN calendar w_ ON w_.is_working "
                    f"AND w_.working_day_no = s_.working_day_no + {self.amount} WHERE s_.d = {start})")
        if self.unit == "months":
            return f"CAST({start} + INTERVAL '{self.amount}' MONTH AS DATE)"
        return f"CAST({start} + INTERVAL '{self._days()}' DAY AS DATE)"

    def before_sql(self, start: str) -> str:
        """SQL for the day this timescale before the date expression `start` (months or days only)."""
        if self.unit == "months":
            return f"CAST({start} - INTERVAL '{self.amount}' MONTH AS DATE)"
        if self.unit == "working_days":
            raise ValueError(f"timescale {self.id}: working days are counted forwards only")
        return f"CAST({start} - INTERVAL '{self._days()}' DAY AS DATE)"

    def _days(self) -> int:
        """A timescale in days or weeks, in days."""
        return self.amount * (7 if self.unit == "weeks" else 1)


class UnknownTimescale(KeyError):
    pass


@cache
def timescales() -> dict[str, Timescale]:
    raw = tomllib.loads(Path(__file__).with_name("timescales.toml").read_text(encoding="utf-8"))
    out = {key: Timescale(id=key, **fields) for key, fields in raw.items()}
    for t in out.values():
        if t.unit not in UNITS or t.certainty not in CERTAINTIES or t.amount < 0:
            raise ValueError(f"timescale {t.id}: unit {t.unit!r}, certainty {t.certainty!r}, amount {t.amount}")
    return out


def get(timescale_id: str) -> Timescale:
    try:
        return timescales()[timescale_id]
    except KeyError:
        raise UnknownTimescale(f"no timescale {timescale_id!r} in timescales.toml") from None
