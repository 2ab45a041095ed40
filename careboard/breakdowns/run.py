"""Drawing up a breakdown table from one snapshot's model (a context from careboard.indicators)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..dates import add_months
from ..model import filled
from .base import Breakdown


@dataclass(frozen=True)
class Table:
    """A breakdown drawn up: its headings and rows, the first cell of each row the group in words."""

    breakdown: Breakdown
    as_at: date
    headings: list[str]
    rows: list[list]        # counts as ints, a % or a mean as a float (None when its denominator is nought)
    not_loaded: tuple[str, ...] = ()   # the local lists it needs that the snapshot does not hold


def draw_up(ctx, b: Breakdown, as_at: date | None = None) -> Table:
    as_at = as_at or ctx.as_at
    shown = [c for c in b.columns if c.shown]
    headings = [b.key_heading, *(c.heading for c in shown)]
    if missing := ctx.not_loaded(b.sql):
        return Table(b, as_at, headings, [], missing)
    ctx.model_for(as_at)
    # The 12 calendar months ending with the as-at date's, so each month's row is the whole month (the
    # last up to the as-at date).
    months = [add_months(as_at.replace(day=1), k - 11) for k in range(12)]
    params = {"as_at": as_at, "period_start": months[0], "period_end": as_at}
    found = {row[0]: row[1:] for row in ctx.con.execute(filled(b.sql, params)).fetchall()}
    groups = [(m, f"{m:%B %Y}") for m in months] if b.by == "month" else b.codes
    rows = []
    for key, words in groups:
        counts = dict(zip((c.name for c in b.counted), found.get(key, (0,) * len(b.counted))))
        rows.append([words, *(_cell(c, counts) for c in shown)])
    return Table(b, as_at, headings, rows)


def _cell(column, counts: dict):
    if column.kind == "count":
        return int(counts[column.name] or 0)
    num, den = (counts[x] or 0 for x in column.of)
    return ((100.0 if column.kind == "%" else 1.0) * num / den) if den else None
