"""The checks a local list gets as it loads, beyond those every table gets (checks.py): cells its spec
says may not be blank, codes it does not allow, dates after the day the list was taken, and dates of
one row further apart than the regulations allow.

The 903's codes and required fields are the DfE rules' business (careboard.validate); a list has no such
rules, so its spec says what each column allows and these findings say where a row breaks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from ..formats import registry
from ..tables.schema import TRIM, child_of, staging_name
from ..timescales import get as timescale


def _trimmed(x: str) -> str:
    """`x` trimmed of spaces, tabs, line ends and non-breaking spaces. Plain trim() with the characters,
    not schema.trimmed's faster CASE: a list is small, and binding that CASE cost more than its rows."""
    return f"trim({x}, {TRIM})"


def _cell(t, column: str) -> str:
    """The raw cell of `column`, as written (raw holds the cells in all_columns order)."""
    return f"raw[{t.all_columns.index(column) + 1}]"


# A row whose every cell is blank (",,,,," as a spreadsheet saves an emptied row): one warning, not an
# error for each of its required cells.
_EMPTY = "len(list_filter(raw, lambda x: trim(x) <> '')) = 0"


def _finding(severity: str, code: str, field: str | None, value: str, message: str) -> str:
    field_sql = f"'{field}'" if field else "NULL::VARCHAR"
    return (f"struct_pack(severity := '{severity}', code := '{code}', field := {field_sql}, value := {value}, "
            f"message := {message})")


def _row_checks(table: str, from_workbooks: list[int]) -> list[str]:
    """For each check of a row, SQL giving its finding as a struct, or NULL when the row passes. A cell read
    from a workbook (`from_workbooks`: those files) was checked by the workbook reader as it read it."""
    t = registry.table(table)
    records = t.records.replace("'", "''")
    empty = "'every cell of this row is blank: it names nothing, so it counts in no figure; delete it from the list'"
    out = ["CASE WHEN empty THEN " + _finding("warning", "empty_row", None, "NULL::VARCHAR", empty) + " END"]
    read_as_text = f" AND file_id NOT IN ({', '.join(map(str, from_workbooks))})" if from_workbooks else ""
    for c in t.all_columns:
        kind, raw = t.kind(c), _cell(t, c)
        if kind in ("date", "integer"):
            expected = "a date (written dd/mm/yyyy)" if kind == "date" else "a whole number"
            out.append(f"""CASE WHEN "{c}" IS NULL AND nullif({_trimmed(raw)}, '') IS NOT NULL{read_as_text} THEN """
                       + _finding("error", f"bad_{kind}", c, raw, f"""'{c} "' || {_trimmed(raw)} || '" is not {expected}'""") + " END")
    for c in t.required:
        out.append(f"""CASE WHEN NOT empty AND "{c}" IS NULL AND nullif({_trimmed(_cell(t, c))}, '') IS NULL THEN """
                   + _finding("error", "blank_required", c, "NULL::VARCHAR", f"'{c} is blank; every row of the {records} needs it'") + " END")
    for check in _spans(table):
        out.append(f"CASE WHEN {check.condition} THEN "
                   + _finding("warning", check.code, check.field, _cell(t, check.field), check.message) + " END")
    for c, allowed in t.codes.items():
        listed = ", ".join(f"'{v}'" for v in allowed)
        message = f"""'{c} "' || "{c}" || '" is not one of the codes this list allows ({", ".join(allowed)})'"""
        out.append(f'CASE WHEN "{c}" NOT IN ({listed}) THEN ' + _finding("error", "unknown_code", c, _cell(t, c), message) + " END")
    return out


def row_findings(table: str, sid: str, from_workbooks: list[int] = ()) -> str:
    """SELECT of the dq_findings rows for what a list's rows break: dates and numbers that cannot be read,
    blank required cells, codes the list does not allow and rows of nothing, in the files `sid` names (the
    SQL after "snapshot_id = "). One scan of the table: a statement per check cost more than the lists' rows."""
    checks = ", ".join(_row_checks(table, list(from_workbooks)))
    return f"""SELECT snapshot_id, x.severity, x.code, '{table}', file_id, line_no, child, x.field, x.value, x.message
FROM (SELECT snapshot_id, file_id, line_no, child, unnest([{checks}]) AS x
      FROM (SELECT *, {child_of(table)} AS child, {_EMPTY} AS empty FROM {staging_name(table)} WHERE snapshot_id = {sid}))
WHERE x IS NOT NULL"""


def dates_after(table: str, sid: int, as_at: date) -> str | None:
    """SELECT of a warning for each date of `table` after the as-at date the snapshot's lists were taken on:
    a list cannot hold what has not happened yet (a predicted panel date or a due date may lie ahead, and
    are left out). Worked out for every snapshot, like year_findings', as it depends on the as-at date."""
    t = registry.table(table)
    dated = [c for c in t.all_columns if t.kind(c) == "date" and c not in _AHEAD]
    if not dated:
        return None
    at = f"DATE '{as_at.isoformat()}'"
    names = ", ".join(f"'{c}'" for c in dated)
    values = ", ".join(f'"{c}"' for c in dated)
    raws = ", ".join(_cell(t, c) for c in dated)
    return f"""SELECT snapshot_id, 'warning', 'date_after_as_at', '{table}', file_id, line_no, child, field, value,
       field || ' ' || strftime(d, '%d/%m/%Y') || ' is after the date the list was taken ({as_at:%d/%m/%Y}): '
       || 'it cannot hold what has not happened yet; the row is kept, but check the date'
FROM (SELECT snapshot_id, file_id, line_no, {child_of(table)} AS child, unnest([{names}]) AS field,
             unnest([{values}]) AS d, unnest([{raws}]) AS value
      FROM {staging_name(table)} WHERE snapshot_id = {int(sid)} AND greatest({values}) > {at}) AS dates
WHERE d > {at}"""


# Dates that are plans, not events: they may lie after the day the list was taken.
_AHEAD = {"PANEL_PREDICTED", "WEEK_16", "EXTENDED_TO", "DUE"}


@dataclass(frozen=True)
class _Span:
    """A date of a row further from another than the regulations allow: kept as written, with a warning."""
    code: str
    field: str
    condition: str      # SQL over the typed row: true where the date is too far
    message: str        # SQL text


def _extension_too_long() -> _Span:
    sixteen_weeks_on = timescale("temporary_approval").due_sql('"APPROVAL_START"')
    week_16 = f'coalesce("WEEK_16", {sixteen_weeks_on})'
    latest = timescale("temporary_approval_extension").due_sql(week_16)
    return _Span("extension_too_long", "EXTENDED_TO", f'"EXTENDED_TO" > {latest}',
                 f"""'EXTENDED_TO ' || strftime("EXTENDED_TO", '%d/%m/%Y') || ' is more than 8 weeks after the '
                 || '16-week date (' || strftime({week_16}, '%d/%m/%Y') || '): an approval may be extended once, by '
                 || 'up to 8 weeks (CPPCR reg 25), or for longer only while the carer asks for a review of a decision '
                 || 'not to approve them; the lists count to the date given, so check it'""")


@cache
def _spans(table: str) -> tuple[_Span, ...]:
    return {"temporary_approvals": (_extension_too_long(),)}.get(table, ())
