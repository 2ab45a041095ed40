"""Lines under a table that are no row of data: a total ("Total,2876,,,,," or a spreadsheet's SUM row), or a
report's footer of words ("Report run on 01/04/2025 by jsmith,,,,,").

A report run in a case system, or a sheet someone added up, often ends with such a line. Read as a row it would
be a child called "Total" with no date of birth, and every rule would report it. Only lines at the end of a
table are taken for footers: a total when one cell is a word such as Total or Count and every other cell is
blank or a number (no child's row is written so: its dates are no numbers), words when one cell holds three
words or more, or counts the rows ("(18 rows)", as a database's query tool ends its output), and every other
cell is blank (no child's ID is written so). Each is skipped with a warning naming its line, as a repeated
header is.
"""

from __future__ import annotations

import re

from ..errors import Finding

_TOTAL_WORD = re.compile(r"(grand |sub ?|sub-)?totals?\b|count\b|number of\b|sum\b", re.IGNORECASE)
_NUMBER = re.compile(r"[-+]?[£]?[\d,]*\.?\d+%?")
# "(18 rows)", "18 rows selected.", "18 row(s) affected", "18 records"
_ROW_COUNT = re.compile(r"\(?\s*\d[\d,]*\s+(rows?|row\(s\)|records?)\b.*", re.IGNORECASE)


def is_total(cells) -> bool:
    """Whether a row's cells (text, numbers or None) are a line of totals."""
    labelled = False
    for cell in cells:
        text = "" if cell is None else str(cell).strip()
        if not text or isinstance(cell, (int, float)) or _NUMBER.fullmatch(text):
            continue
        if labelled or not _TOTAL_WORD.match(text):
            return False
        labelled = True     # the one cell saying what the numbers are
    return labelled


def is_words(cells) -> bool:
    """Whether a row's only cell written holds three words or more (a report's footer), or counts the rows."""
    written = _written(cells)
    return len(written) == 1 and (len(written[0].split()) >= 3 or bool(_ROW_COUNT.fullmatch(written[0])))


def _written(cells) -> list[str]:
    return [str(c).strip() for c in cells if c is not None and str(c).strip()]


def is_footer(cells) -> bool:
    return is_total(cells) or is_words(cells)


def trailing_footers(rows) -> int:
    """How many of the last rows (lists of cells, in file order) are footers."""
    n = 0
    while n < len(rows) and is_footer(rows[len(rows) - 1 - n]):
        n += 1
    return n


def footer_finding(file: str, table: str, line: int, cells, where: str | None = None) -> Finding:
    shown = ", ".join(_written(cells))
    what = (f"totals ({shown})" if is_total(cells) else f'a count of the rows ("{shown}")'
            if _ROW_COUNT.fullmatch(shown) else f'only words ("{shown}")')
    return Finding("warning", "footer_row", file, table, line, None, shown,
                   f"{where or f'line {line}'} holds {what}, not a row of data, and was skipped: remove it from the file")
