"""Data-quality findings every load records: values that did not parse, duplicate keys, and (normalised.py)
cells read differently from how they were written.

These are set-based SQL checks over the rows just staged. The DfE validation rules are a separate,
much larger layer; these only say where the typed staging tables lost information.
"""

from __future__ import annotations

from .. import spec
from .normalised import cell_findings
from .schema import staging_name, trimmed

_INSERT = "INSERT INTO dq_findings "


# `sid` below is the SQL that follows "snapshot_id = ": the snapshot, narrowed to the files to check.
def _unparsed(table: str, sid: str) -> list[str]:
    t = spec.table(table)
    out = []
    for i, c in enumerate(t.columns, start=1):
        kind = t.kind(c)
        if kind not in ("date", "integer"):
            continue
        expected = "a date written dd/mm/yyyy" if kind == "date" else "a whole number"
        cell = trimmed(f"raw[{i}]")
        out.append(f"""SELECT snapshot_id, 'error', 'bad_{kind}', '{table}', file_id, line_no, "CHILD", '{c}', raw[{i}],
       '{c} "' || {cell} || '" is not {expected}'
FROM {staging_name(table)}
WHERE snapshot_id = {sid} AND "{c}" IS NULL AND nullif({cell}, '') IS NOT NULL""")
    return out


def _duplicates(table: str, sid: str) -> str:
    t = spec.table(table)
    key = ", ".join(f'"{k}"' for k in t.key)
    shown = " || ', ' || ".join(f"'{k}=' || coalesce(CAST(s.\"{k}\" AS VARCHAR), '')" for k in t.key)
    not_null = " AND ".join(f'"{k}" IS NOT NULL' for k in t.key)
    same = " AND ".join(f's."{k}" = d."{k}"' for k in ("file_id", *t.key))
    # Keys repeated are rare: find them by grouping (a hash), then fetch their rows, rather than
    # sorting every row into windows.
    return f"""SELECT s.snapshot_id, 'error', 'duplicate_key', '{table}', s.file_id, s.line_no, s."CHILD", '{",".join(t.key)}',
       {shown},
       'another row (line ' || d.first_line || ') has the same {" + ".join(t.key)}'
FROM (SELECT * FROM {staging_name(table)} WHERE snapshot_id = {sid}) s
JOIN (SELECT file_id, {key}, min(line_no) AS first_line FROM {staging_name(table)}
      WHERE snapshot_id = {sid} AND {not_null} GROUP BY file_id, {key} HAVING count(*) > 1) d ON {same}
WHERE s.line_no > d.first_line"""


def _missing_child(table: str, sid: str) -> str:
    return f"""SELECT snapshot_id, 'error', 'missing_child', '{table}', file_id, line_no, NULL, 'CHILD', NULL,
       'CHILD is blank, so this row cannot be linked to a child'
FROM {staging_name(table)} WHERE snapshot_id = {sid} AND "CHILD" IS NULL"""


def record_findings(con, sid: int, file_ids: list[int]) -> None:
    """Check the rows of the files just read (every check is within one file)."""
    if not file_ids:
        return
    tables = [t for (t,) in con.execute(
        f"SELECT DISTINCT table_name FROM source_files WHERE snapshot_id = {int(sid)} AND file_id IN "
        f"({', '.join(str(int(f)) for f in file_ids)}) AND rows > 0").fetchall()]
    scope = f"{int(sid)} AND file_id IN ({', '.join(str(int(f)) for f in file_ids)})"
    parts = []
    for table in tables:
        parts += _unparsed(table, scope) + [cell_findings(table, scope), _duplicates(table, scope), _missing_child(table, scope)]
    if parts:
        # One statement for every check: planning and round trips cost more than the checks on a month's files.
        con.execute(_INSERT + "\nUNION ALL\n".join(f"({p.strip()})" for p in parts))
