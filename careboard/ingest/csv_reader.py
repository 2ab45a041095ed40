"""Reading one SSDA903 CSV file into a RawTable.

Rows are numbered as a spreadsheet shows them: data row n is the n-th record under the header, so a
blank line counts as a row position though it holds no row, and no later row's number depends on
what came before it. A row whose cells are all empty (a line of commas, as Excel leaves behind) is a
row like any other and is validated as one; a blank line (no commas) holds no cells, and a line repeating
the column names holds none of a child's, so each is skipped, with a finding naming its lines.
"""

from __future__ import annotations

import csv
import io
import re

from .detect import header_name, identify, normalise_header
from ..errors import Finding, InputError
from .footer import footer_finding, trailing_footers
from .guidance import guidance_hint, guidance_message
from .limits import cut_long_cells
from ..plural import counted
from .raw import RawTable
from .text import encoding_findings

# Excel's note of the separator ("sep=," or "sep=;"), which it writes above the header and reads from there.
_SEPARATOR = re.compile(r"sep=.?,?", re.IGNORECASE)

# The csv module refuses a field over 128 KB, which would refuse the whole file for one runaway cell:
# the file is in memory already, so its cells are read whole and then cut (limits.cut_long_cells).
csv.field_size_limit(2**31 - 1)


def read_csv_text(text: str, file: str, encoding: str) -> RawTable:
    lines = io.StringIO(text, newline="")
    reader = csv.reader(lines)
    header: list[str] | None = None
    header_line = 0
    separator = False
    try:
        first = 0
        for header in reader:
            header_line = reader.line_num
            if header_line == 1 and _SEPARATOR.fullmatch(",".join(header).strip()):
                separator = True        # "sep=,": Excel's note of the separator, written above the header
            elif any(c.strip() for c in header):
                break
            first = header_line
        else:
            raise InputError(file, "the file has no header row")
        if header_line > first + 1:                 # a quoted name ran over lines
            refuse_quote_left_open(text, file, first + 1, header_line, header)
        written, header = header, normalise_header(header)
        first_name = header_name(written[0]) if written else ""     # as a repeat would write it
        title = None
        try:
            found = identify(header, file, written, header_line)
        except InputError as unknown:
            below = _header_further_down(text, file, header_line)
            if below is None:
                raise unknown from None
            # A report's title above the column names, as a workbook's often is: read from the names down.
            title = (header_line, ",".join(c for c in written if c.strip()))
            while reader.line_num < below:
                written = next(reader)
            header_line = below
            header = normalise_header(written)
            first_name = header_name(written[0]) if written else ""
            found = identify(header, file, written, header_line)
        t, table, findings = found.table, found.table.name, found.findings
        positions = [header.index(c) for c in t.columns]
        width = len(header)
        rows: list[list[str]] = []
        line_no: list[int] = []
        row_no: list[int] = []
        blank: list[int] = []
        start = header_line
        spanned = None
        for n, row in enumerate(reader, start=1):
            # A quoted cell ran over lines: see refuse_quote_left_open, once the last row is read.
            spanned = (start + 1, reader.line_num, row) if reader.line_num > start + 1 else None
            if spanned:
                findings.append(_spanning(file, table, *spanned, header, t.all_columns))
            if not row or (len(row) == 1 and not row[0].strip()):
                blank.append(start + 1)
                start = reader.line_num
                continue
            if header_name(row[0]) == first_name and normalise_header(row) == header:
                # The column names again, as when two exports are joined: no row to check.
                findings.append(Finding("warning", "repeated_header", file, table, start + 1, None, None,
                                        f"line {start + 1} repeats the column names (as when two files are joined) "
                                        f"and was skipped; it still counts as a row, as in a spreadsheet"))
                start = reader.line_num
                continue
            if len(row) != width:
                # A line of words above or among the rows (one at the end is a footer: see ingest.footer).
                words = len(row) == 1 and " " in row[0].strip()
                findings.append(Finding(
                    "error", "row_width", file, table, start + 1, None, None,
                    f"row has {counted(len(row), 'value')} but the header has {counted(width, 'column')}"
                    + ("; a line of words, such as a report's title or footer, is no row: remove it" if words else ""),
                    child=row[positions[0]] if len(row) > positions[0] else None))
                row = (row + [""] * width)[:width]
            rows.append(row)
            line_no.append(start + 1)
            row_no.append(n)
            start = reader.line_num
        if spanned:
            refuse_quote_left_open(text, file, *spanned, header)
        footers = set()
        for _ in range(trailing_footers(rows)):
            row_no.pop()
            footers.add(line_no[-1])
            findings.append(footer_finding(file, table, line_no.pop(), rows.pop()))
        dates = [header.index(c) for c in t.all_columns if c in header and t.kind(c) == "date"]
        if rows and (hint := guidance_hint([rows[0][i] for i in dates])):
            # A template's row telling how to fill the columns in, as a workbook's may have (see ingest.guidance).
            line = line_no.pop(0)
            del rows[0], row_no[0]
            footers.add(line)
            findings.append(Finding("info", "guidance_row", file, table, line, None, hint,
                                    guidance_message(f"line {line}", hint)))
        if footers:     # a footer or guidance is often narrower than the header, and not for that a row to correct
            findings[:] = [f for f in findings if not (f.code == "row_width" and f.line in footers)]
    except csv.Error as e:
        raise InputError(file, f"not readable as CSV ({e})", reader.line_num) from None
    if separator:
        findings.append(Finding("info", "separator_line", file, table, 1, None, None,
                                f"line 1 ({text.partition(chr(10))[0].strip()}) only tells Excel which character "
                                f"separates the cells, and was skipped"))
    if title is not None:
        findings.append(_title_above(*title, header_line, file, table))
    elif header_line > 1 + separator and header is not None:
        findings.append(_blank_above(header_line - 1 - separator, separator, file, table))
    findings += blank_line_findings(blank, file, table)
    findings += encoding_findings(text, encoding, file, table)
    # Transposing in C (zip) is far faster than appending cell by cell.
    columns = [list(col) for col in zip(*rows)] if rows else [[] for _ in header]
    findings += cut_long_cells(table, file, header, columns, line_no)
    # An optional column the file lacks is unknown (None, read as NULL), which is not the same as blank.
    cells = [columns[header.index(c)] if c in header else [None] * len(rows) for c in t.all_columns]
    return RawTable(table, file, encoding, "csv", t.all_columns, cells, line_no, row_no, findings)


def _blank_above(n: int, below_separator: bool, file: str, table: str) -> Finding:
    """A warning for the `n` blank lines above the header (below Excel's note of the separator, if any)."""
    if below_separator:
        said = f"{counted(n, 'blank line')} above the header {'was' if n == 1 else 'were'} skipped"
    else:
        said = "the first line is blank and was skipped" if n == 1 else f"the first {n} lines are blank and were skipped"
    return Finding("warning", "blank_line", file, table, 1 + below_separator, None, None, said)


def _header_further_down(text: str, file: str, first: int, look: int = 10) -> int | None:
    """When line `first` holds no column names, the line a few below it that holds a table's (under a
    report's title, say), or None."""
    reader = csv.reader(io.StringIO(text, newline=""))
    for row in reader:
        if reader.line_num > first + look:
            return None
        if reader.line_num <= first or not any(c.strip() for c in row):
            continue
        try:
            identify(normalise_header(row), file)
        except InputError:
            continue
        return reader.line_num
    return None


def _title_above(first: int, words: str, header_line: int, file: str, table: str) -> Finding:
    """A warning for the lines above the column names, from line `first` (whose cells written are `words`)."""
    lines = f"line {first}" if header_line == first + 1 else f"lines {first}-{header_line - 1}"
    return Finding("warning", "title_line", file, table, first, None, words[:80],
                   f'{lines} above the column names ("{words[:80]}", a title it seems) held no row of data and '
                   f"{'was' if header_line == first + 1 else 'were'} skipped: the column names are on line "
                   f"{header_line}, and data row 1 is the line below them")


def _spanning(file: str, table: str, first: int, last: int, row: list[str], header: list[str],
              read: tuple[str, ...]) -> Finding:
    """An error for a row whose quoted cell runs over lines: no field careboard reads (the return's, the local
    lists') holds a line break, so it is most likely a stray quote that a later one closed, the lines between
    lost inside the cell. In a column careboard does not read (a note, a name), a line break is the cell's own:
    the row is read as written, and a note says so."""
    cell = _broken_cell(row)
    field = header[cell] if cell < len(header) else None
    if field is not None and field not in read:
        return Finding("info", "line_break", file, table, first, field, None,
                       f"a quoted cell of {field}, a column careboard does not read, runs over lines {first}-{last}: "
                       "the lines were read as one row, as written")
    return Finding("error", "line_break", file, table, first, field, None,
                   f"a quoted cell runs over lines {first}-{last}, which were read as one row: no field careboard "
                   f'reads holds a line break, so look for a stray quote (") and remove it')


def _broken_cell(row: list[str]) -> int:
    return next((i for i, c in enumerate(row) if "\n" in c or "\r" in c), 0)


def refuse_quote_left_open(text: str, file: str, first: int, last: int, row: list[str],
                           header: list[str] | None = None) -> None:
    """Refuse the file if the record on lines first-last, the file's last, is a quote never closed: every
    line after it was read into one cell. (Python's csv reader, unless strict, ends such a cell at the end of
    the file without a word.) A quoted cell holding a line break, closed, is read as it is."""
    try:
        for _ in csv.reader(io.StringIO(text, newline=""), strict=True):
            pass
    except csv.Error as e:
        if "unexpected end of data" not in str(e):
            return
        cell = _broken_cell(row)
        field = header[cell] if header is not None and cell < len(header) else None
        raise InputError(file, f'a quote (") opens a cell that is never closed, so lines {first}-{last}, to the end '
                               f"of the file, were read as that one cell: remove the stray quote, or close it",
                         first, field) from None


def blank_line_findings(lines: list[int], file: str, table: str) -> list[Finding]:
    """One warning per run of consecutive blank lines, naming them: a blank line holds no row to check."""
    runs: list[list[int]] = []
    for line in lines:
        if runs and line == runs[-1][1] + 1:
            runs[-1][1] = line
        else:
            runs.append([line, line])
    return [Finding("warning", "blank_line", file, table, first, None, None,
                    f"line {first} is blank and was skipped (it still counts as a row, as in a spreadsheet)"
                    if first == last else
                    f"lines {first}-{last} are blank and were skipped (they still count as rows, as in a spreadsheet)")
            for first, last in runs]
