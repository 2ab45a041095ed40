"""The checks a local list gets as it loads, beyond those every table gets (checks.py): cells its spec
says may not be blank, codes it does not allow, and dates after the day the list was taken.

The 903's codes and required fields are the DfE rules' business (careboard.validate); a list has no such
rules, so its spec says what each column allows and these findings say where a row breaks it.
"""

from __future__ import annotations

from datetime import date

from ..formats import registry
from ..tables.schema import child_of, staging_name, trimmed


def _cell(t, column: str) -> str:
    """The raw cell of `column`, as written (raw holds the cells in all_columns order)."""
    return f"raw[{t.all_columns.index(column) + 1}]"


# A row whose every cell is blank (",,,,," as a spreadsheet saves an emptied row): one warning, not an
# error for each of its required cells.
_EMPTY = "len(list_filter(raw, lambda x: trim(x) <> '')) = 0"


def _blank(table: str, sid: str) -> list[str]:
    t = registry.table(table)
    title = t.title.lower().replace("'", "''")
    empty = f"""SELECT snapshot_id, 'warning', 'empty_row', '{table}', file_id, line_no, NULL, NULL, NULL,
       'every cell of this row is blank: it names nothing, so it counts in no figure; delete it from the list'
FROM {staging_name(table)} WHERE snapshot_id = {sid} AND {_EMPTY}"""
    return [empty] + [f"""SELECT snapshot_id, 'error', 'blank_required', '{table}', file_id, line_no, {child_of(table)}, '{c}', NULL,
       '{c} is blank; every row of the {title} list needs it'
FROM {staging_name(table)} WHERE snapshot_id = {sid} AND "{c}" IS NULL AND nullif({trimmed(_cell(t, c))}, '') IS NULL
      AND NOT {_EMPTY}""" for c in t.required]


def _unknown_codes(table: str, sid: str) -> list[str]:
    t = registry.table(table)
    out = []
    for c, allowed in t.codes.items():
        listed = ", ".join(f"'{v}'" for v in allowed)
        words = ", ".join(allowed)
        out.append(f"""SELECT snapshot_id, 'error', 'unknown_code', '{table}', file_id, line_no, {child_of(table)}, '{c}', {_cell(t, c)},
       '{c} "' || "{c}" || '" is not one of the codes this list allows ({words})'
FROM {staging_name(table)} WHERE snapshot_id = {sid} AND "{c}" NOT IN ({listed})""")
    return out


def unparsed(table: str, sid: str) -> str | None:
    """SELECT of an error for each date or number of `table` that could not be read, in one scan of the
    table (checks._unparsed scans once per column, which for the lists' many date columns cost more than
    their rows)."""
    t = registry.table(table)
    typed = [c for c in t.all_columns if t.kind(c) in ("date", "integer")]
    if not typed:
        return None
    names = ", ".join(f"'{c}'" for c in typed)
    kinds = ", ".join(f"'{t.kind(c)}'" for c in typed)
    read = ", ".join(f'"{c}" IS NOT NULL' for c in typed)
    raws = ", ".join(_cell(t, c) for c in typed)
    return f"""SELECT snapshot_id, 'error', 'bad_' || kind, '{table}', file_id, line_no, child, field, value,
       field || ' "' || {trimmed("value")} || '" is not ' || CASE kind WHEN 'date' THEN 'a date (written dd/mm/yyyy)'
                                                                  ELSE 'a whole number' END
FROM (SELECT snapshot_id, file_id, line_no, {child_of(table)} AS child, unnest([{names}]) AS field,
             unnest([{kinds}]) AS kind, unnest([{read}]) AS was_read, unnest([{raws}]) AS value
      FROM {staging_name(table)} WHERE snapshot_id = {sid})
WHERE NOT was_read AND nullif({trimmed("value")}, '') IS NOT NULL"""


def cells(table: str, sid: str) -> list[str]:
    """SELECTs of the dq_findings rows for blank required cells and unknown codes of `table`, in the
    files `sid` names (the SQL after "snapshot_id = ")."""
    return _blank(table, sid) + _unknown_codes(table, sid)


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
