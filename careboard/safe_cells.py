"""Cells that are safe to open in a spreadsheet, for every CSV and Excel file careboard writes.

A spreadsheet runs a cell beginning with `=`, `+`, `-` or `@` as a formula (and a leading tab or carriage
return can hide one), so a child ID such as `=HYPERLINK(...)` in a council's data would become a live link
or command in the file a team manager opens. Text cells are made inert; numbers stay numbers, so a
legitimate -2 in a numeric column is still -2.

- CSV: a risky text cell gets a leading single quote, which spreadsheets show as text.
- Excel: text is written as a string cell, never through xlsxwriter's guessing `write()`, so nothing
  becomes a formula or a link; dates are real dates.
"""

from __future__ import annotations

import csv
import numbers
from datetime import date, datetime
from pathlib import Path

from .whole_files import written

SHEET_NAME_MOST = 31      # characters Excel allows in a sheet's name

RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")
TABLE_SUFFIXES = (".csv", ".xlsx")   # what write_table can write


def safe_text(text: str) -> str:
    """A text cell that no spreadsheet will run: a single quote before a risky first character."""
    return "'" + text if text.startswith(RISKY_STARTS) else text


def csv_cell(value):
    """One value for a CSV row: text made safe, numbers as numbers, dates as dd/mm/yyyy, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, numbers.Number):
        return value
    if isinstance(value, (date, datetime)):
        return f"{value:%d/%m/%Y}"
    return safe_text(str(value))


def csv_row(values) -> list:
    return [csv_cell(v) for v in values]


def write_csv(stream, header: list[str], rows) -> None:
    """A header and rows, every cell made safe, to an open text stream."""
    w = csv.writer(stream)
    w.writerow(csv_row(header))
    w.writerows(csv_row(r) for r in rows)


def workbook(path: Path):
    """An xlsxwriter workbook that never turns a string into a formula or a link, whichever write is used."""
    import xlsxwriter

    return xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                           "strings_to_numbers": False})


def close_workbook(book) -> None:
    """Write `book` (from `workbook`) out. A file that cannot be made (no permission, say) is the OSError
    underneath xlsxwriter's own error, which whole_files.written says of the file asked for."""
    from xlsxwriter.exceptions import FileCreateError

    try:
        book.close()
    except FileCreateError as e:
        cause = e.args[0] if e.args and isinstance(e.args[0], OSError) else OSError(0, str(e))
        raise cause from None


def write_xlsx_row(sheet, row: int, values, date_format, text_format=None) -> None:
    """One row of cells by type: numbers as numbers, dates as dates, everything else as a text string."""
    for col, value in enumerate(values):
        if value is None:
            sheet.write_blank(row, col, None, text_format)
        elif isinstance(value, bool):
            sheet.write_number(row, col, int(value), text_format)
        elif isinstance(value, numbers.Real):
            sheet.write_number(row, col, float(value), text_format)
        elif isinstance(value, (date, datetime)):
            sheet.write_datetime(row, col, value, date_format)
        else:
            sheet.write_string(row, col, str(value), text_format)


def write_table(path: Path, header: list[str], rows, sheet_name: str = "Sheet1") -> Path:
    """A table to `path` as CSV or as a one-sheet Excel workbook, chosen by its suffix."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return write_sheets(path, [(sheet_name, header, rows)])
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = list(rows)
    with written(path) as part, part.open("w", newline="", encoding="utf-8") as f:
        write_csv(f, header, rows)
    return path


WIDEST = 60     # characters: a longer cell wraps off the screen anyway


def _width(value) -> int:
    """Characters a cell takes as the workbook shows it."""
    if value is None:
        return 0
    if isinstance(value, (date, datetime)):
        return 10
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    return len(str(value))


def column_widths(header: list[str], rows: list) -> list[int]:
    """Each column wide enough for its header and its widest cell (up to WIDEST), so no date shows as ###."""
    return [min(WIDEST, max([_width(name)] + [_width(r[i]) for r in rows if i < len(r)])) + 2
            for i, name in enumerate(header)]


def write_sheets(path: Path, tables) -> Path:
    """Tables (sheet name, header, rows) to an Excel workbook at `path`, one sheet each, headers bold and
    frozen, with a filter on each and columns wide enough to read."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with written(path) as part:
        wb = workbook(part)
        bold, day = wb.add_format({"bold": True}), wb.add_format({"num_format": "dd/mm/yyyy"})
        for sheet_name, header, rows in tables:
            rows = list(rows)
            ws = wb.add_worksheet(sheet_name)
            write_xlsx_row(ws, 0, header, day, bold)
            for i, r in enumerate(rows, start=1):
                write_xlsx_row(ws, i, r, day)
            ws.autofilter(0, 0, max(len(rows), 1), len(header) - 1)
            ws.freeze_panes(1, 0)
            for column, width in enumerate(column_widths(header, rows)):
                ws.set_column(column, column, width)
        close_workbook(wb)
    return path

