"""Findings for every cell careboard read differently from how it was written, and every value longer
than its field allows.

Typing (store.schema.typed_columns) tidies cells so that the same value written two ways counts as one:
spaces around a cell go, codes are upper-cased, Excel's "1.0" is read as the code "1", and a date written
1/4/2024 is read as 01/04/2024. Each such cell is a warning naming its file, line, field and value as
written, so a council can see and fix what its system or spreadsheet does. Typing marks the rows where
that may have happened (schema.NORMALISED) from the cells it has in hand; only those rows' raw cells are
taken apart here, comparing each value as read, printed back, with the text as written.
"""

from __future__ import annotations

from .. import spec
from .schema import NORMALISED, staging_name, trimmed

# Why a cell was read differently, most telling first, with the words added to its message.
_REASONS = {
    "excel_number": "Excel had added a decimal point",
    "lower_case_code": "codes are upper case",
    "unpadded_date": "dates are written dd/mm/yyyy",
    "reformatted_number": "numbers are written without leading zeros",
    "stray_spaces": "spaces around the value were removed",
}


def _quoted(x: str) -> str:
    return "'\"' || " + x + " || '\"'"


def _finding(condition: str, severity: str, code: str, field: str, value: str, message: str) -> str:
    """One cell's finding as a struct, or NULL where `condition` does not hold."""
    return (f"CASE WHEN {condition} THEN struct_pack(severity := '{severity}', code := {code}, field := '{field}', "
            f"value := {value}, message := {message}) END")


def _changed(table: str) -> list[str]:
    """Each column's finding when the cell as read, printed back, is not the text as written."""
    t = spec.table(table)
    out = []
    for i, c in enumerate(t.all_columns, start=1):
        raw, kind, col = f"raw[{i}]", t.kind(c), f'"{c}"'
        text = trimmed(raw)
        read = {"date": f"strftime({col}, '%d/%m/%Y')", "integer": f"CAST({col} AS VARCHAR)"}.get(kind, col)
        why = {
            "date": f"CASE WHEN {text} <> {read} THEN 'unpadded_date' ELSE 'stray_spaces' END",
            "integer": (f"CASE WHEN contains({text}, '.') THEN 'excel_number' WHEN {text} <> {read} "
                        f"THEN 'reformatted_number' ELSE 'stray_spaces' END"),
            "code": (f"CASE WHEN upper({text}) <> {read} THEN 'excel_number' WHEN {text} <> {read} "
                     f"THEN 'lower_case_code' ELSE 'stray_spaces' END"),
        }.get(kind, "'stray_spaces'")
        reason = "CASE " + " ".join(f"WHEN {why} = '{k}' THEN '{v}'" for k, v in _REASONS.items()) + " END"
        message = f"'{c} ' || {_quoted(raw)} || ' was read as ' || {_quoted(read)} || ' (' || {reason} || ')'"
        out.append(_finding(f"{read} <> {raw}", "warning", why, c, raw, message))
    return out


def _too_long(table: str) -> list[tuple[str, str]]:
    """(condition, finding) for each code or text column: its value is longer than the field allows."""
    t = spec.table(table)
    out = []
    for i, c in enumerate(t.all_columns, start=1):
        if t.kind(c) in ("code", "text"):
            limit, col = spec.lengths()[c], f'"{c}"'
            condition = f"length({col}) > {limit}"
            message = (f"'{c} ' || {_quoted(col)} || ' is ' || length({col}) || ' characters long; "
                       f"the return allows at most {limit}'")
            out.append((condition, _finding(condition, "error", "'too_long'", c, f"raw[{i}]", message)))
    return out


def cell_findings(table: str, sid: str) -> str:
    """SELECT of the dq_findings rows for the cells of `table` read differently from how they were
    written or longer than allowed, in the files `sid` names (the SQL after "snapshot_id = ")."""
    too_long = _too_long(table)
    # Only rows typing flagged can hold a changed cell; a too-long value can be in any row, but that
    # test reads the short typed columns only.
    any_too_long = " OR ".join(f"({cond})" for cond, _ in too_long) or "false"
    structs = ",\n      ".join(_changed(table) + [f for _, f in too_long])
    return f"""SELECT snapshot_id, x.severity, x.code, '{table}', file_id, line_no, "CHILD", x.field, x.value, x.message
FROM (SELECT snapshot_id, file_id, line_no, "CHILD", unnest([
      {structs}]) AS x
      FROM {staging_name(table)} WHERE snapshot_id = {sid} AND ({NORMALISED} OR {any_too_long}))
WHERE x IS NOT NULL"""
