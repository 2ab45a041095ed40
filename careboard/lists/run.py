"""Drawing up an operational list from one snapshot's model (a context from careboard.indicators)."""

from __future__ import annotations

import string
from collections import Counter
from datetime import date, timedelta

from ..errors import InputError
from ..model import filled
from ..plural import counted
from .base import OperationalList


def list_rows(ctx, unit: OperationalList, as_at: date | None = None,
              days: int | None = None) -> tuple[list[str], list[tuple]]:
    """The list's columns and rows at `as_at` (default: the snapshot's), looking `days` ahead (default:
    the list's own). The model is built for `as_at` first, as an indicator's would be."""
    as_at = as_at or ctx.as_at
    ctx.require_loaded(unit.sql, unit.id, "is drawn up", as_at)
    ctx.model_for(as_at)
    if unit.needs_recorded:
        view, column, advice = unit.needs_recorded
        if ctx.recorded_by_none(view, column):
            raise InputError(unit.id, f"is not drawn up: {advice}")
    ahead = _days(unit, days)
    cursor = ctx.con.execute(filled(unit.sql, {"as_at": as_at, "until": as_at + timedelta(days=ahead)}))
    columns = [d[0] for d in cursor.description]
    if columns != unit.column_names:
        raise ValueError(f"list {unit.id}: its SQL gives the columns {columns}, not the declared {unit.column_names}")
    return columns, cursor.fetchall()


def summary(unit: OperationalList, rows: list[tuple], as_at: date, days: int | None = None) -> str:
    """The line said after the list: its counts, in words."""
    at = unit.column_names.index(unit.tally) if unit.tally else None
    tallied = Counter(r[at] for r in rows) if at is not None else Counter()
    values = next((c.values for c in unit.columns if c.name == unit.tally), ())
    fields = {v.replace(" ", "_"): tallied[v] for v in values}
    return _Words(unit.row_is).format(unit.summary, as_at=as_at, days=_days(unit, days), rows=len(rows), **fields)


def _days(unit: OperationalList, days: int | None) -> int:
    return (unit.ahead_days or 0) if days is None else days


class _Words(string.Formatter):
    """str.format with one more spec: {n:counted} writes n with the list's row noun ('1 review', '3 reviews')."""

    def __init__(self, row_is: str):
        self.row_is = row_is

    def format_field(self, value, format_spec):
        return counted(value, self.row_is) if format_spec == "counted" else super().format_field(value, format_spec)
