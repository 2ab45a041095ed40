"""A row under the column names that tells people how to fill them in, not a row of data.

Templates kept in a spreadsheet often have one: "dd/mm/yyyy" under each date, "Y/N" under a yes-or-no
column, "number" under a count. Read as a row, it would be a child with no ID and a string of unreadable
dates and answers. It is taken for guidance when a column of dates holds a date's form and no column of
dates holds a date (a child's row always has one: the list's own dates are among its columns).
"""

from __future__ import annotations

import re

# A date's form as templates write it: dd/mm/yyyy, DD-MM-YY, d.m.yyyy, "Date (dd/mm/yyyy)".
_DATE_FORM = re.compile(r"\bd{1,2}\s*[/.\-]\s*m{1,2}\s*[/.\-]\s*y{2,4}\b", re.IGNORECASE)


def guidance_hint(date_cells: list) -> str | None:
    """The first date's form among a row's cells in columns of dates (text, dates or None), when every one
    of them not blank is a date's form; else None."""
    filled = [v for v in date_cells if v is not None and str(v).strip()]
    if filled and all(isinstance(v, str) and _DATE_FORM.search(v) for v in filled):
        return filled[0].strip()
    return None


def may_hold_guidance(line: str) -> bool:
    """Whether a line of text holds a date's form anywhere (so its cells are to be looked at one by one)."""
    return bool(_DATE_FORM.search(line))


def guidance_message(where: str, hint: str) -> str:
    return (f'{where}, under the column names, says how to fill them in ("{hint}" for a date), so it holds no row '
            f"of data and was skipped")
