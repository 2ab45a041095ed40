"""A workbook's big sheets with their rows written by the engine, not cell by cell from Python.

Why: the workbook of an error-heavy return holds one row per failing row (42,600 rows of ten columns for
a large council, 442,000 at ten times that) and one per child. xlsxwriter makes a Python call for every
cell and took 2.5-4 s at the smaller size (its constant_memory mode and write_row were slower still;
pyexcelerate took 3.6 s, and a Rust-backed writer was quick at that size but took 12 s and 1.4 GB at ten
times it). Here xlsxwriter still writes the workbook (the small sheet, the styles, the frozen header rows,
the filters) with each big sheet's header row alone, and one engine query per big sheet writes its rows as
SpreadsheetML into a file, which is spliced into the sheet's XML as the workbook is zipped: the rows never
become Python objects.

The rows are kept to the plainest SpreadsheetML: text as inline strings (`t="inlineStr"`, so there is no
shared-strings table to keep in step, and no cell can be a formula), cut where a cell ends and XML-escaped
with the characters XML cannot carry written as spreadsheets write them (`_xHHHH_`; see
Backend.inline_string_sql); numbers as numbers in the numeric columns; a missing value as no cell and empty
text as an empty text cell, as xlsxwriter writes them.
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
from ..whole_files import written


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
    # The fastest compression (the parts xlsxwriter wrote keep its own): at 42,600 failing rows it took
    # 0.1 s against 0.35 s at zlib's usual level, for a file a third bigger (3.0 MB against 2.2 MB).
    with written(path) as partial, tempfile.TemporaryDirectory(prefix="careboard-xlsx-") as scratch, \
            zipfile.ZipFile(io.BytesIO(book)) as source, \
            zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for item in source.infolist():
            if item.filename in parts:
                _sheet_with_rows(out, item.filename, source.read(item), con, parts[item.filename],
                                 Path(scratch) / "rows.xml")
            else:
                out.writestr(item, source.read(item))
    return path


def _sheet_with_rows(out: zipfile.ZipFile, name: str, xml: bytes, con, rows: Rows, lines: Path) -> None:
    """Add the sheet `name` to `out`: its XML `xml` (a header row alone) with `rows` after the header, the
    engine writing them to the file `lines` first."""
    with engine().numbered(con, rows.query, first=2) as numbered:     # row 1 is the header
        engine().copy_lines(con, rows_sql(numbered, rows.columns, rows.numbers), lines)
    head, tail = xml.split(b"</sheetData>")
    dimension = f'<dimension ref="A1:{xl_col_to_name(len(rows.columns) - 1)}{rows.count + 1}"/>'
    head = re.sub(rb'<dimension ref="[^"]*"/>', dimension.encode(), head, count=1)
    # ZIP64 only where the sheet needs it (past 2 GiB), as xlsxwriter does.
    big = lines.stat().st_size + len(xml) >= zipfile.ZIP64_LIMIT
    with out.open(name, "w", force_zip64=big) as sheet, lines.open("rb") as made:
        sheet.write(head)
        shutil.copyfileobj(made, sheet, 1 << 20)
        sheet.write(b"</sheetData>" + tail)
