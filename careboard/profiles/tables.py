"""Turning counts at several dates into the report's profile tables (careboard.results.ProfileTable)."""

from __future__ import annotations

from datetime import date

from ..results import ProfileTable
from .groups import Table, groups

DATES_SHOWN = 5


def build_profiles(counts_by_date: dict[date, dict[str, dict[str, int]]],
                   tables: tuple[Table, ...] | None = None) -> list[ProfileTable]:
    """One ProfileTable per grouping, over the latest five dates, rows in groups.toml order.

    ``counts_by_date`` holds profile_counts results. Subtotals are worked out here from the detail
    rows, so they always add up; zero rows stay, except rows marked only_if_any that are zero at
    every date shown.
    """
    tables = tables if tables is not None else groups()
    dates = sorted(counts_by_date)[-DATES_SHOWN:]
    if not dates:
        return []
    return [_table(table, dates, [_counts_for(table, d, counts_by_date[d]) for d in dates]) for table in tables]


def _counts_for(table: Table, when: date, counts: dict[str, dict[str, int]]) -> dict[str, int]:
    """One date's detail counts for a table, checked against the groupings they should come from."""
    if table.key not in counts:
        raise ValueError(f"profile counts for {when} have no table {table.key!r} (have {sorted(counts)})")
    got = counts[table.key]
    expected = {row.label for row in table.details}
    if set(got) != expected:
        raise ValueError(f"profile counts for {when}, table {table.key!r}: rows {sorted(expected - set(got))} "
                         f"missing, rows {sorted(set(got) - expected)} not in the groupings")
    return got


def _table(table: Table, dates: list[date], per_date: list[dict[str, int]]) -> ProfileTable:
    rows: list[tuple[str, list[int | None], bool]] = []
    running = [0] * len(dates)     # detail rows since the last subtotal
    for row in table.rows:
        if row.subtotal:
            rows.append((row.label, running, True))
            running = [0] * len(dates)
            continue
        counts = [counts[row.label] for counts in per_date]
        running = [a + b for a, b in zip(running, counts)]
        if row.only_if_any and not any(counts):
            continue
        rows.append((row.label, counts, False))
    shown = {label for label, _, _ in rows}
    # a row left out is zero at every date, so the sum of the rows shown is still the figure published
    sums = tuple(dict.fromkeys(tuple(label for label in published.rows if label in shown)
                               for published in table.published_sums))
    return ProfileTable(table.title, list(dates), rows, published_sums=sums, note=table.note)
