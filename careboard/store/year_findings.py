"""Rows dated after their return's collection year, or after the snapshot's as-at date.

Such a date cannot be right for the return (an extract cannot hold what has not happened yet, and a
year's return ends on 31 March), so every one is a warning finding with its file, line, field and value;
the row is kept as it is. They are never what the return's year is worked out from (store/return_year.py).

Unlike the checks in checks.py, these depend on the snapshot's as-at date, so they run over every file of
the snapshot, including files copied from an earlier one (whose copies of these findings are not taken).
"""

from __future__ import annotations

from datetime import date

from ..formats import registry
from ..formats.registry import SSDA903 as spec
from . import list_checks
from ..tables.schema import staging_name

CODES = ("date_after_year_end", "date_after_as_at")


def _check(table: str, sid: int, as_at: date) -> str | None:
    """One scan of `table`: rows with any date past the limit, then one row per such date."""
    t = spec.table(table)
    dated = [(i, c) for i, c in enumerate(t.columns, start=1) if t.kind(c) == "date"]  # raw[i] is column c's cell
    if not dated:
        return None
    at = f"DATE '{as_at.isoformat()}'"
    end = "make_date(return_year, 3, 31)"
    names = ", ".join(f"'{c}'" for _, c in dated)
    values = ", ".join(f'"{c}"' for _, c in dated)
    raws = ", ".join(f"raw[{i}]" for i, _ in dated)
    year = "(return_year - 1) || '/' || lpad(CAST(return_year % 100 AS VARCHAR), 2, '0')"
    return f"""SELECT snapshot_id, 'warning',
       CASE WHEN d > {end} THEN 'date_after_year_end' ELSE 'date_after_as_at' END, '{table}', file_id, line_no,
       "CHILD", field, value,
       field || ' ' || strftime(d, '%d/%m/%Y') || CASE WHEN d > {end}
            THEN ' is after the end of the ' || {year} || ' collection year (31/03/' || return_year
                 || ') this return is for: the row is kept, but check the date'
            ELSE ' is after the as-at date ({as_at:%d/%m/%Y}): the data cannot hold what has not happened yet; '
                 || 'the row is kept, but check the date' END
FROM (SELECT snapshot_id, return_year, file_id, line_no, "CHILD", unnest([{names}]) AS field,
             unnest([{values}]) AS d, unnest([{raws}]) AS value
      FROM {staging_name(table)}
      WHERE snapshot_id = {int(sid)} AND greatest({values}) > least({end}, {at})) AS dates
WHERE d > least({end}, {at})"""


def record_dates_after(con, sid: int, as_at: date) -> None:
    parts = [q for table in spec.tables() if (q := _check(table, sid, as_at))]
    parts += [q for f in registry.FORMATS if f.is_list for table in f.tables()
              if (q := list_checks.dates_after(table, sid, as_at))]
    con.execute("INSERT INTO dq_findings " + "\nUNION ALL\n".join(f"({p})" for p in parts))
