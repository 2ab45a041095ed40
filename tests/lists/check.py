"""The one check of a list's case (tests/lists/*.py CASES): its columns, rows and summary."""

from datetime import date

from careboard.lists import registry
from careboard.lists.run import list_rows, summary
from tests.shared_context import shared_context


def check_case(list_id: str, returns: dict, snapshot_as_at: date, options: dict, rows: list[tuple], said: str,
               dobs: dict | None = None) -> None:
    """Draw up the list from the case's returns as `options` ask (as_at, days) and compare it with the rows and the
    summary worked out by hand; days_left, the same sum on every row, is checked on each rather than written."""
    unit = registry.get(list_id)
    as_at = options.get("as_at") or snapshot_as_at
    columns, got = list_rows(shared_context(returns, snapshot_as_at, dobs), unit, options.get("as_at"),
                             options.get("days"))
    assert columns == unit.column_names
    assert without_days_left(columns, got, as_at) == rows
    assert summary(unit, got, as_at, options.get("days")) == said


def without_days_left(columns: list[str], rows: list[tuple], as_at: date) -> list[tuple]:
    """The rows without days_left, once it is the days from `as_at` to the due date for a row still to come
    (0 on the day itself) and blank for one overdue (or with no due date)."""
    at, due = columns.index("days_left"), columns.index("due_date")
    for row in rows:
        assert row[at] == ((row[due] - as_at).days if row[due] is not None and row[due] >= as_at else None), row
    return [row[:at] + row[at + 1:] for row in rows]
