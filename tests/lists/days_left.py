"""The days_left column of every due list, checked on each row rather than written into each case."""

from datetime import date


def without_days_left(columns: list[str], rows: list[tuple], as_at: date) -> list[tuple]:
    """The rows without days_left, once it is the days from `as_at` to the due date for a row still to come
    (0 on the day itself) and blank for one overdue."""
    at, due = columns.index("days_left"), columns.index("due_date")
    for row in rows:
        assert row[at] == ((row[due] - as_at).days if row[due] >= as_at else None), row
    return [row[:at] + row[at + 1:] for row in rows]
