"""A workbook's biggest sheet with its rows written by the engine, not cell by cell from Python.

Why: the workbook of an error-heavy return holds one row per failing row (42,600 rows of ten columns for
a large council, 440,000 at ten times that). xlsxwriter makes a Python call for every cell and took
2.5-4 s at the smaller size (constant_memory and write_row were slower still; pyexcelerate took 3.6 s, and a
Rust-backed writer was quick at that size but took 12 s and 1.4 GB at ten times it). Here xlsxwriter still
writes the workbook (its small sheets, the styles, the frozen header row, the filter) with the big sheet's
header row alone, and one engine query writes that sheet's rows as SpreadsheetML into a file, which is
spliced into the sheet's XML as the workbook is zipped: the rows never become Python objects.

The rows are kept to the plainest SpreadsheetML: text as inline strings (`t="inlineStr"`, so there is no
shared-strings table to keep in step, and no cell can be a formula), XML-escaped with the characters XML
cannot carry written as spreadsheets write them (`_xHHHH_`; see Backend.inline_string_sql); numbers as
numbers in the numeric columns; a missing value as no cell and empty text as an empty text cell, as
xlsxwriter writes them.
"""

from __future__ import annotations

import io
import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import NamedTuple

from xlsxwriter.utility import xl_col_to_name

from ..backends import engine


def rows_sql(numbered: str, columns: list[str], numbers: frozenset[str]) -> str:
    """One line of SpreadsheetML, `<row>` and its cells, for each row of `numbered` (Backend.numbered: the
    rows in order, with their row number in the sheet, n), in its order."""

    def cell(i: int, column: str) -> str:
        x, at = f'"{column}"', f"""'<c r="{xl_col_to_name(i)}' || n || '\""""
        if column in numbers:
            return f"CASE WHEN {x} IS NULL THEN '' ELSE {at}><v>' || CAST({x} AS VARCHAR) || '</v></c>' END"
        return (f"""CASE WHEN {x} IS NULL THEN '' ELSE {at} t="inlineStr">' || """
                f"{engine().inline_string_sql(x)} || '</c>' END")

    cells = " || ".join(cell(i, c) for i, c in enumerate(columns))
    return f"""SELECT '<row r="' || n || '">' || {cells} || '</row>' AS xml FROM ({numbered}) AS numbered"""


class Rows(NamedTuple):
    """A sheet's rows, to follow its header: `query` gives them in order, in the columns `columns`, those
    in `numbers` written as numbers; `count` of them."""

    query: str
    columns: list[str]
    numbers: frozenset[str]
    count: int


def write_with_rows(book: bytes, con, sheets: dict[int, Rows], path: Path) -> Path:
    """Write `book` (an xlsxwriter workbook whose sheets numbered in `sheets`, from 1, hold a header row
    alone) to `path`, with each of those sheets' rows after its header."""
    path = Path(path)
    parts = {f"xl/worksheets/sheet{n}.xml": rows for n, rows in sheets.items()}
    with tempfile.TemporaryDirectory(prefix="careboard-xlsx-") as scratch:
        lines, partial = Path(scratch) / "rows.xml", Path(scratch) / "book.xlsx"
        # The fastest compression for these sheets (the other parts keep xlsxwriter's): at 42,600 rows it
        # took 0.1 s against 0.35 s at zlib's usual level, for a file a third bigger (3.0 MB against 2.2 MB).
        with zipfile.ZipFile(io.BytesIO(book)) as source, \
                zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
            for item in source.infolist():
                data = source.read(item)
                if item.filename not in parts:
                    out.writestr(item, data)
                    continue
                rows = parts[item.filename]
                with engine().numbered(con, rows.query, first=2) as numbered:     # row 1 is the header
                    engine().copy_lines(con, rows_sql(numbered, rows.columns, rows.numbers), lines)
                head, tail = data.split(b"</sheetData>")
                dimension = f'<dimension ref="A1:{xl_col_to_name(len(rows.columns) - 1)}{rows.count + 1}"/>'
                head = re.sub(rb'<dimension ref="[^"]*"/>', dimension.encode(), head, count=1)
                # ZIP64 only where the sheet needs it (past 2 GiB), as xlsxwriter does.
                big = lines.stat().st_size + len(data) >= zipfile.ZIP64_LIMIT
                with out.open(item.filename, "w", force_zip64=big) as sheet_xml, lines.open("rb") as written:
                    sheet_xml.write(head)
                    shutil.copyfileobj(written, sheet_xml, 1 << 20)
                    sheet_xml.write(b"</sheetData>" + tail)
        # Whole or not at all: a failure above leaves any earlier file at `path` as it was.
        shutil.move(partial, path)
    return path
