"""Rows dated after their return's collection year, or after the snapshot's as-at date.

Such a date cannot be right for the return (an extract cannot hold what has not happened yet, and a
year's return ends on 31 March), so every one is a warning finding with its file, line, field and value;
the row is kept as it is. They are never what the return's year is worked out from (store/return_year.py).

Unlike the checks in checks.py, these depend on the snapshot's as-at date, so they run over every file of
the snapshot, including files copied from an earlier one (whose copies of these findings are not taken).
"""

from __future__ import annotations

from datetime import date

from .. import spec
from .schema import staging_name

CODES = ("date_after_year_end", "date_after_as_at")


def _checks(table: str, sid: int, as_at: date) -> list[str]:
    t = spec.table(table)
    at = f"DATE '{as_at.isoformat()}'"
    out = []
    for i, c in enumerate(t.columns, start=1):     # raw holds the required columns' cells in this order
        if t.kind(c) != "date":
            continue
        raw = f"raw[{i}]"
        end = "make_date(return_year, 3, 31)"
        out.append(f"""SELECT snapshot_id, 'warning',
       CASE WHEN "{c}" > {end} THEN 'date_after_year_end' ELSE 'date_after_as_at' END,
       '{table}', file_id, line_no, "CHILD", '{c}', {raw},
       CASE WHEN "{c}" > {end}
            THEN '{c} ' || strftime("{c}", '%d/%m/%Y') || ' is after the end of the ' || (return_year - 1) || '/'
                 || lpad(CAST(return_year % 100 AS VARCHAR), 2, '0') || ' collection year (31/03/' || return_year
                 || ') this return is for: the row is kept, but check the date'
            ELSE '{c} ' || strftime("{c}", '%d/%m/%Y') || ' is after the as-at date ({as_at:%d/%m/%Y}): the data '
                 || 'cannot hold what has not happened yet; the row is kept, but check the date' END
FROM {staging_name(table)}
WHERE snapshot_id = {int(sid)} AND ("{c}" > {end} OR "{c}" > {at})""")
    return out


def record_dates_after(con, sid: int, as_at: date) -> None:
    parts = [q for table in spec.tables() for q in _checks(table, sid, as_at)]
    con.execute("INSERT INTO dq_findings " + "\nUNION ALL\n".join(f"({p})" for p in parts))
