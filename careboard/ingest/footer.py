"""A total written under a table ("Total,2876,,,,," or a spreadsheet's SUM row), which is no row of data.

A report run in a case system, or a sheet someone added up, often ends with a line of totals. Read as a row
it would be a child called "Total" with no date of birth, and every rule would report it. Only lines at the
end of a table are taken for totals, and only when one cell is a word such as Total or Count and every other
cell is blank or a number: no child's row is written so (its dates are no numbers). Each is skipped with a
warning naming its line, as a repeated header is.
"""

from __future__ import annotations

import re

from ..errors import Finding

_TOTAL_WORD = re.compile(r"(grand |sub ?|sub-)?totals?\b|count\b|number of\b|sum\b", re.IGNORECASE)
_NUMBER = re.compile(r"[-+]?[£]?[\d,]*\.?\d+%?")


def is_total(cells) -> bool:
    """Whether a row's cells (text, numbers or None) are a line of totals."""
    words = 0
    for cell in cells:
        text = "" if cell is None else str(cell).strip()
        if not text or isinstance(cell, (int, float)) or _NUMBER.fullmatch(text):
            continue
        if words or not _TOTAL_WORD.match(text):
            return False
        words = 1
    return words == 1


def trailing_totals(rows) -> int:
    """How many of the last rows (lists of cells, in file order) are lines of totals."""
    n = 0
    while n < len(rows) and is_total(rows[len(rows) - 1 - n]):
        n += 1
    return n


def total_finding(file: str, table: str, line: int, cells, where: str | None = None) -> Finding:
    shown = ", ".join(str(c).strip() for c in cells if c is not None and str(c).strip())
    return Finding("warning", "total_row", file, table, line, None, shown,
                   f"{where or f'line {line}'} holds totals ({shown}), not a row of data, and was skipped: "
                   f"remove it from the file")
