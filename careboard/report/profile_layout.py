"""Which rows of a profile table add up to which.

A subtotal row sums the detail rows directly above it, back to the previous subtotal row; rows after
the last subtotal stand alone (careboard.results.ProfileTable). The renderer indents grouped rows and
small-number suppression uses the same sums to stop a hidden cell being worked out by subtraction.
"""

from __future__ import annotations

from dataclasses import dataclass

from careboard.results import ProfileTable


@dataclass(frozen=True)
class Layout:
    groups: list[tuple[int, list[int]]]   # (subtotal row, its detail rows)
    top_level: list[int]                  # subtotals and stand-alone rows: together the whole cohort

    def grouped_rows(self) -> set[int]:
        return {row for _, details in self.groups for row in details}


def layout(table: ProfileTable) -> Layout:
    """Group the rows and check every subtotal is the sum of its rows, so a wrong layout fails loudly."""
    groups: list[tuple[int, list[int]]] = []
    top_level: list[int] = []
    pending: list[int] = []
    for index, (label, counts, is_subtotal) in enumerate(table.rows):
        if len(counts) != len(table.dates):
            raise ValueError(f"profile table {table.title!r}, row {label!r}: {len(counts)} counts for "
                             f"{len(table.dates)} dates")
        if not is_subtotal:
            pending.append(index)
            continue
        if not pending:
            raise ValueError(f"profile table {table.title!r}, row {label!r}: subtotal has no rows above it "
                             "(subtotal rows follow the rows they add up)")
        _check_subtotal(table, index, pending)
        groups.append((index, pending))
        top_level.append(index)
        pending = []
    top_level.extend(pending)
    return Layout(groups, sorted(top_level))


def _check_subtotal(table: ProfileTable, subtotal: int, details: list[int]) -> None:
    label, totals, _ = table.rows[subtotal]
    for column, when in enumerate(table.dates):
        parts = [table.rows[row][1][column] for row in details]
        total = totals[column]
        if total is None or any(part is None for part in parts):
            continue   # unknown or already withheld: nothing to check
        if total != sum(parts):
            raise ValueError(f"profile table {table.title!r}, row {label!r}: subtotal {total} at {when} is not "
                             f"the sum of the {len(parts)} rows above it ({sum(parts)})")
