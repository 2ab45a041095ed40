"""Cells holding the word NULL, as a database export writes an empty cell (SQL Server's results saved as CSV
or pasted into Excel, say).

They are read as written, not as blank: a code or date of NULL is reported by the validation rules and the
load's findings one cell at a time. This says once for each file what those cells are and what to do.
"""

from __future__ import annotations

import re

from ..errors import Finding
from ..plural import counted
from .raw import RawTable

# A whole cell of NULL in a plain file's text, in any case, perhaps with spaces around it.
_CELL = re.compile(r"(?<![^,\n])[ \t]*null[ \t]*(?![^,\n])", re.IGNORECASE)


def null_cells(t: RawTable) -> list[Finding]:
    """A warning naming how many of the table's cells (in the spec's columns) hold NULL, and the first."""
    found = _in_text(t) if hasattr(t, "positions") else _in_arrow(t) if getattr(t, "arrow", None) else _in_cells(t)
    if not found:
        return []
    n, line, first, fields = found
    return [Finding("warning", "null_cells", t.file, t.table, line, first, "NULL",
                    f"{counted(n, 'cell')} {'holds' if n == 1 else 'hold'} the word NULL ({', '.join(fields)}), as a "
                    f"database export writes an empty cell: careboard reads {'it' if n == 1 else 'them'} as written, "
                    f"not as blank; leave such cells blank")]


def _in_text(t) -> tuple | None:
    """In a plain file's text (ingest.plain_csv.TextTable), whose data row n is line n + 1."""
    text = t.text
    if "null" not in text.lower():
        return None
    column_at = {cell: c for c, cell in zip(t.columns, t.positions) if cell}
    n, first, fields = 0, None, []
    row, last = 0, 0
    for m in _CELL.finditer(text):
        row += text.count("\n", last, m.start())
        last = m.start()
        cell = text.count(",", text.rfind("\n", 0, m.start()) + 1, m.start()) + 1
        if (column := column_at.get(cell)) is None:
            continue        # a column careboard does not read
        n += 1
        first = first or (row + 2, column)
        if column not in fields:
            fields.append(column)
    return (n, *first, _in_order(t, fields)) if n else None


def _in_cells(t: RawTable) -> tuple | None:
    n, first, fields = 0, None, []
    for column, cells in zip(t.columns, t.cells):
        rows = [i for i, v in enumerate(cells or ()) if v and len(v) < 12 and v.strip().upper() == "NULL"]
        if rows:
            n += len(rows)
            fields.append(column)
            if first is None or t.line_no[rows[0]] < first[0]:
                first = (t.line_no[rows[0]], column)
    return (n, *first, fields) if n else None


def _in_arrow(t) -> tuple | None:
    """In a big file read by pyarrow (ingest.fast_csv.ArrowTable)."""
    import pyarrow.compute as pc

    n, first, fields = 0, None, []
    lines = t.arrow.column("line_no")
    for column in t.columns:
        null = pc.equal(pc.utf8_upper(pc.utf8_trim_whitespace(t.arrow.column(column))), "NULL")
        count = pc.sum(null).as_py() or 0
        if count:
            n += count
            fields.append(column)
            line = lines[pc.index(null, True).as_py()].as_py()
            if first is None or line < first[0]:
                first = (line, column)
    return (n, *first, fields) if n else None


def _in_order(t: RawTable, fields: list[str]) -> list[str]:
    return [c for c in t.columns if c in fields]
