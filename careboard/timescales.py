"""The statutory and local timescales careboard judges "on time" by, read from timescales.toml.

Each is declared once as data, so an indicator, an operational list and the docs that name one agree on
it; the SQL for a due date comes from here too. Working days use the calendar table the model registers
(careboard.calendar: England and Wales bank holidays), the start being day 0.

A local timescale (a council's own standard, not a national one) may be set by a council in its settings
file; a unit that judges by one names it in its words and SQL with a placeholder instead of baking in the
amount, and `timed` fills the placeholders from the timescales a run uses (`Timescales`):

    {timescale:support_contact}            the time allowed in words: "48 hours", "5 working days"
    {due:support_contact, referral}        SQL for the due date counted from the expression `referral`
    {standard:support_contact}             whose standard it is, in words for the report
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields, is_dataclass, replace
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
    called: str = ""    # how people say the declared amount, where not in its unit ("48 hours" for 2 days)
    set_by_council: bool = False   # a council's settings set this amount, not timescales.toml

    def words(self) -> str:
        """'20 working days', '6 weeks', '1 week', or what it is called ('48 hours')."""
        if self.called:
            return self.called
        unit = self.unit.replace("_", " ")
        return f"{self.amount} {unit[:-1] if self.amount == 1 else unit}"

    def set_to(self, amount: int, unit: str) -> "Timescale":
        """This local timescale as a council sets it: its amount and unit (checked by the caller, which says
        where a wrong one came from)."""
        if not self.local or unit not in UNITS or amount < 0:
            raise ValueError(f"timescale {self.id}: a council sets only a local timescale, in {UNITS}")
        same = (amount, unit) == (self.amount, self.unit)     # still called as declared ("48 hours")
        return replace(self, amount=amount, unit=unit, called=self.called if same else "", set_by_council=True)

    def standard(self) -> str:
        """Whose standard a local timescale is, for a definition: 'this is the council's own standard'."""
        if self.set_by_council:
            return "this is the council's own standard, set in its council settings"
        return "this is a local standard, one council's published to its committee, used until the council sets its own"

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


@dataclass(frozen=True)
class Timescales:
    """The timescales a run judges by: those declared, with the amounts a council set for local ones. A value
    (hashable, never changed), so what one run uses cannot leak into another."""

    council: tuple[Timescale, ...] = ()   # the council's own, each replacing the declared one of its id

    @classmethod
    def set_by_council(cls, amounts: dict[str, tuple[int, str]]) -> "Timescales":
        """From {id: (amount, unit)}, each a local timescale."""
        return cls(tuple(get(tid).set_to(amount, unit) for tid, (amount, unit) in sorted(amounts.items())))

    def get(self, timescale_id: str) -> Timescale:
        return next((t for t in self.council if t.id == timescale_id), None) or get(timescale_id)


DECLARED = Timescales()

# A placeholder a unit's words or SQL name a timescale by (see the module's opening comment).
_PLACEHOLDER = re.compile(r"\{(timescale|due|standard):([a-z0-9_]+)(?:, *([^{}]+?))?\}")


def fill(text: str, active: Timescales) -> str:
    """`text` with each timescale placeholder filled from `active`; everything else left as it is."""
    def one(match: re.Match) -> str:
        kind, timescale_id, start = match.groups()
        t = active.get(timescale_id)
        if (kind == "due") != bool(start):
            raise ValueError(f"{match.group(0)}: only a due date names the date it counts from")
        return t.due_sql(start) if kind == "due" else t.standard() if kind == "standard" else t.words()

    return _PLACEHOLDER.sub(one, text)


def timed(unit, active: Timescales):
    """A declared unit (an indicator, a table: a frozen dataclass) with the timescale placeholders in its
    words and SQL filled from `active`: its texts, and those in its tuples, dicts and dataclasses."""
    def done(value):
        if isinstance(value, str):
            return fill(value, active)
        if isinstance(value, tuple):
            return tuple(done(v) for v in value)
        if isinstance(value, dict):
            return {k: done(v) for k, v in value.items()}
        if is_dataclass(value):
            given = {f.name: getattr(value, f.name) for f in fields(value) if f.init}
            filled = {name: done(v) for name, v in given.items()}
            return value if filled == given else replace(value, **filled)
        return value

    return done(unit)
