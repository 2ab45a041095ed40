"""Reading an Excel workbook (.xlsx) into raw tables, one per sheet holding a table careboard reads.

Each sheet's header row (not always row 1: a title often sits above it) is found among its first rows and
recognised against every registered format's tables, through a format's header aliases where it has them
(formats/aliases.py). The rows under it become text cells as the CSV readers give them: dates dd/mm/yyyy,
whole numbers without Excel's ".0", coded answers as careboard's codes. Rows keep their spreadsheet row
number. What cannot be read (an error value such as #N/A, a formula Excel never calculated, a date that
is no date) is blank or kept as written, with a finding naming the sheet, row, column and cell.

Sheets of a format's lists that careboard does not read (Annex A lists 1-7) are left aside with a note; a
sheet matching nothing is a warning naming the nearest table. The same pass records, for the mapping
report, which header became which column and what each coded answer was read as.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from itertools import chain
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ..dates import EXCEL_DAY_NUMBER
from ..errors import Finding, InputError
from ..formats import registry
from ..formats.aliases import AliasedFormat, normal_header
from ..formats.format import Format
from ..formats.spec import TableSpec
from .detect import header_names, normalise_header
from .footer import footer_finding, trailing_footers
from .guidance import guidance_hint, guidance_message
from .raw import RawTable
from . import sniff

# How many rows from the top a header row is looked for in.
_HEADER_ROWS = 20
_ERRORS = {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA"}
# The kinds of finding saying a cell could not be read (the rest say how a readable one was read).
UNREADABLE = frozenset({"error_value", "formula_not_calculated", "bad_date", "bad_integer"})
_DAY_NUMBER = re.compile(EXCEL_DAY_NUMBER)     # as tables.schema reads one in a CSV file
_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " "})
_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_NAMED = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[ \-]([a-z]{3,9})[ \-,]+(\d{2,4})", re.I)
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_EXCEL_EPOCH = date(1899, 12, 30)


@dataclass
class Header:
    cell: str                   # where the header is: "D3"
    written: str                # as written
    column: str | None          # the careboard column it is read into, None when unused
    note: str = ""              # why it is unused, when it is


@dataclass
class SheetMapping:
    """What one sheet was read as: for the mapping report."""

    sheet: str
    status: str                         # "read", "left aside", "not recognised", "empty"
    table: str | None = None
    title: str | None = None            # the table's title, or the list's when left aside
    header_row: int | None = None
    headers: list[Header] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)      # the table's columns no header gave
    rows: int = 0
    # coded column -> answer as written -> [code read (None: not understood), rows, first spreadsheet row]
    answers: dict[str, dict[str, list]] = field(default_factory=dict)
    note: str = ""
    findings: list[Finding] = field(default_factory=list)    # what reading the sheet found
    looks_like: str | None = None       # not recognised: the table it comes closest to, if any


@dataclass
class Workbook:
    path: Path
    tables: list[RawTable]
    sheets: list[SheetMapping]
    findings: list[Finding]             # every finding, the tables' own included
    hidden: frozenset[str] = frozenset()    # the sheets Excel does not show: a copy there is easily forgotten

    def named(self, sheet: str) -> str:
        """A sheet as a message names it: "List 8 (Dec)" (hidden)."""
        return f'"{sheet}"' + (" (hidden)" if sheet in self.hidden else "")


def read_xlsx(path: Path, data: bytes | None = None) -> Workbook:
    """Read every sheet of the workbook at `path` (`data`: its bytes, if already read); raise InputError when it
    is no workbook careboard reads."""
    name = str(path)
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as e:
            raise InputError(name, f"cannot be read ({e.strerror})") from None
    what = sniff.kind(data)
    sniff.refuse_unreadable(what, name)
    if what != sniff.WORKBOOK and path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise InputError(name, f"{path.suffix or 'a file without an ending'} is not a workbook careboard reads; open "
                               f"it in Excel (or LibreOffice) and save it as an Excel Workbook (.xlsx), or save each "
                               f"table as CSV")
    from openpyxl import load_workbook   # only for a workbook
    try:
        # From its bytes, as openpyxl refuses a workbook by its name alone (one saved as "episodes.csv").
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError) as e:
        raise InputError(name, f"cannot be read as an Excel workbook ({e}); save it again from Excel as .xlsx") from None
    # The sheets' parts in the workbook's file: openpyxl keeps each read-only sheet's (a private name, so
    # a sheet without it is read without looking for formulas never calculated).
    parts = {ws.title: ws._worksheet_path for ws in book.worksheets if getattr(ws, "_worksheet_path", None)}
    try:
        formulas = _uncalculated_formulas(data, parts)
    except (zipfile.BadZipFile, KeyError, SyntaxError) as e:    # ParseError is a SyntaxError
        book.close()
        raise InputError(name, f"cannot be read as an Excel workbook ({e}); save it again from Excel as .xlsx") from None
    tables, sheets, findings = [], [], []
    try:
        for ws in book.worksheets:
            # Some programs write a sheet's used range wrong (A1:A1): read every cell the sheet holds instead.
            ws.reset_dimensions()
            sheet = _Sheet(name, ws.title, formulas.get(ws.title, set()))
            table, mapping = sheet.read(ws.iter_rows(values_only=True))
            mapping.findings = sheet.findings
            sheets.append(mapping)
            findings += sheet.findings
            if table is not None:
                tables.append(table)
        hidden = frozenset(ws.title for ws in book.worksheets if getattr(ws, "sheet_state", "visible") != "visible")
    finally:
        book.close()
    return Workbook(path, tables, sheets, findings, hidden)


def read_csv_as_sheet(text: str, file: str) -> RawTable | None:
    """A workbook's sheet saved as CSV, keeping Ofsted's own headers and answers (an Annex A list), read as
    the sheet would have been; None when it holds no such list. Only a format with header aliases is read
    this way: any other CSV stands or falls by the CSV reader's own stricter rules."""
    import csv
    import io

    from .csv_reader import refuse_quote_left_open

    reader = csv.reader(io.StringIO(text, newline=""))
    last: list = [0, 0, []]       # the lines of the last row read, and its cells

    def rows():
        for row in reader:
            last[:] = [last[1] + 1, reader.line_num, row]
            yield tuple(cell if cell.strip() else None for cell in row)

    sheet = _Sheet(file, None, set())
    table, _ = sheet.read(rows())
    if table is None or not isinstance(registry.format_of(table.table), AliasedFormat):
        return None
    if last[1] > last[0]:       # a quoted cell ran over lines: refused if to the end of the file
        refuse_quote_left_open(text, file, *last)
    return table


def one_sheet_per_table(book: Workbook) -> None:
    """Refuse a workbook with two sheets of one table (a list and an old copy of it): which to load is the
    council's choice."""
    seen: dict[str, RawTable] = {}
    for t in book.tables:
        if t.table in seen:
            title = registry.table(t.table).title
            # `careboard annex-a` shows how an Annex A workbook's sheets are read; it reads no other workbook
            annex_a = registry.format_of(t.table).id == "annex_a"
            shown = " (careboard annex-a shows how each sheet is read)" if annex_a else ""
            raise InputError(str(book.path), f"sheets {book.named(seen[t.table].sheet)} and {book.named(t.sheet)} both "
                                             f"hold {title}; remove the one not to load from the workbook{shown}")
        seen[t.table] = t


def sheets_in_words(book: Workbook) -> str:
    """What each sheet was read as, on one line: "List 8: List 8 (children in care); Notes: not recognised";
    one like a list says which and what it lacks."""
    def said(m: SheetMapping) -> str:
        if m.status == "read":
            return m.title
        return m.note if m.looks_like else m.status

    return "; ".join(f"{m.sheet}: {said(m)}" for m in book.sheets) or "no sheets"


def _uncalculated_formulas(data: bytes, parts: dict[str, str]) -> dict[str, set[tuple[int, int]]]:
    """Per sheet title, the (row, column from 0) of each formula cell whose result was never saved.

    openpyxl reads both such a cell and a formula whose saved result is "" as empty, so the sheet's XML
    tells them apart: Excel saves a result in <v> (an empty <v> in a cell typed as text, t="str", is "");
    a program writing a formula without working it out leaves <v> out or empty on an untyped cell. Only
    sheets holding a formula at all are parsed (most hold none)."""
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils.cell import coordinate_to_tuple

    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    out: dict[str, set[tuple[int, int]]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for title, part in parts.items():
            with z.open(part) as f:
                if not any(b"<f>" in chunk or b"<f " in chunk for chunk in iter(lambda: f.read(1 << 20), b"")):
                    continue
            cells = out.setdefault(title, set())
            with z.open(part) as f:
                for _, el in iterparse(f):
                    if el.tag != ns + "c":
                        continue
                    v = el.find(ns + "v")
                    if el.find(ns + "f") is not None and el.get("r") and \
                            (v is None or (not v.text and el.get("t") != "str")):
                        row, col = coordinate_to_tuple(el.get("r"))
                        cells.add((row, col - 1))
                    el.clear()
    return out


def cell_ref(row: int, col: int) -> str:
    """A spreadsheet cell reference: (14, 3) -> 'D14' (columns counted from 0)."""
    letters = ""
    col += 1
    while col:
        col, r = divmod(col - 1, 26)
        letters = chr(65 + r) + letters
    return f"{letters}{row}"


def _text(value) -> str:
    """A header or other cell as text."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).translate(_SPACES).strip()


def _columns_for(fmt: Format, table: TableSpec, headers: list[str]) -> list[str | None]:
    """The column of `table` each header is read into (None: not one of its columns)."""
    if isinstance(fmt, AliasedFormat):
        return [fmt.column_for(table.name, h) for h in headers]
    # As a CSV file's header is read (ingest.detect): any case, spaces for underscores, the XML return's names.
    return [n if n in table.all_columns else None for n in normalise_header([normal_header(h) for h in headers])]


@dataclass
class _Match:
    fmt: Format
    table: TableSpec
    columns: list[str | None]

    @property
    def found(self) -> set[str]:
        return {c for c in self.columns if c}


class _Sheet:
    """One sheet being read: its findings, and where they are."""

    def __init__(self, file: str, sheet: str | None, formulas: set[tuple[int, int]]):
        """`sheet` None: a sheet saved as a CSV file, which has no sheet to name (its cells are named as the
        spreadsheet it opens in names them)."""
        self.file, self.sheet, self.formulas = file, sheet or Path(file).name, formulas
        self.in_file = sheet is None
        self.named = "the file" if self.in_file else f"sheet {sheet}"     # where, inside a sentence
        self.where = file if self.in_file else f"{file}, sheet {sheet}"
        self.findings: list[Finding] = []
        self._notes: dict[tuple[str, str], list] = {}
        self._child: str | None = None      # the child (or adopter) of the row being read

    def read(self, rows) -> tuple[RawTable | None, SheetMapping]:
        # The first rows, as values and as text, where the header row is looked for.
        first: list[tuple[int, tuple]] = []
        head: list[tuple[int, list[str]]] = []
        n = 0
        for n, values in enumerate(rows, start=1):
            first.append((n, values))
            # A header row is all text: a row holding a date or a number is data, not a header.
            if any(v is not None and _text(v) for v in values) and \
                    all(v is None or isinstance(v, str) for v in values):
                head.append((n, [_text(v) for v in values]))
            if len(head) >= _HEADER_ROWS or n >= 5 * _HEADER_ROWS:
                break
        if not head:
            if any(v is not None and _text(v) for _, values in first for v in values):
                return None, self._unrecognised(head)
            return None, SheetMapping(self.sheet, "empty", note="the sheet is empty")
        header_row, headers, match = _header(head)
        if match is None:
            return None, self._unrecognised(head)
        # The rows already read while looking for the header come first, then the rest of the sheet.
        data = [(k, v) for k, v in first if k > header_row]
        return self._read_rows(chain(data, enumerate(rows, start=n + 1)), header_row, headers, match)

    def _unrecognised(self, head) -> SheetMapping:
        skipped = _other_list(head)
        if skipped:
            number, title, row = skipped
            msg = f"List {number} ({title}) is not read by careboard and was left aside"
            self.findings.append(Finding("info", "list_not_read", self.where, None, row, None, None,
                                         f"{self.named}: {msg}"))
            return SheetMapping(self.sheet, "left aside", title=f"List {number} ({title})", header_row=row, note=msg)
        near = _nearest(head)
        looks_like, close = None, False
        if near is None and (named := _list_named(self.sheet)):
            # its name says which list it is: the column names must lie further down than careboard looks
            looks_like, close = named, True
            msg = (f"is named as {named}, but none of the first rows holds its column names, so it was left aside: "
                   f"delete the rows above them")
        elif near is None:
            msg = "matches no list or table careboard reads and was left aside"
        else:
            m, row = near
            lacking = [c for c in m.table.columns if c not in m.found]
            looks_like = f"{m.fmt.short} {m.table.title}"
            own = set(m.table.all_columns) - m.fmt.spec.common
            close = len(lacking) * 2 <= len(m.table.columns) or len(m.found & own) * 2 >= len(own)
            msg = (f"looks most like {looks_like} (header row {row}) but has no {_header_names(m, lacking)}, so it "
                   f"was left aside")
        # A sheet with at least half the columns a list must have, or half of all its own, is most likely the
        # list, some headers written otherwise: `load` says so, as it does of one named as a list. One sharing a
        # column or two (lookups) is a finding.
        code = "list_header_not_found" if near is None and close else "sheet_like_a_list" if close \
            else "sheet_not_recognised"
        self.findings.append(Finding("warning", code, self.where, None, None, None, None, f"{self.named} {msg}"))
        return SheetMapping(self.sheet, "not recognised", note=msg, looks_like=looks_like)

    def _read_rows(self, rows, header_row, headers, match: _Match) -> tuple[RawTable, SheetMapping]:
        t, fmt = match.table, match.fmt
        aliased = isinstance(fmt, AliasedFormat)    # Annex A: its own headers and answers, read by its aliases
        mapping = SheetMapping(self.sheet, "read", t.name, t.title, header_row)
        position: dict[str, int] = {}
        for i, (h, c) in enumerate(zip(headers, match.columns)):
            if not h:
                continue
            ref = cell_ref(header_row, i)
            if c and c in position:
                first = cell_ref(header_row, position[c])
                mapping.headers.append(Header(ref, h, None, f"also read as {c}: only {first} is used"))
                self.findings.append(Finding("warning", "header_twice", self.where, t.name, header_row, c, h,
                                             f'"{h}" ({self.named}, cell {ref}) is read as {c} as '
                                             f'"{headers[position[c]]}" (cell {first}) is; only {first} was read'))
                continue
            if c:
                position[c] = i
            mapping.headers.append(Header(ref, h, c, "" if c else f"not part of {t.title}"))
        if not aliased:      # a format whose headers are its own: say where they differ
            changed = [(headers[i], c) for c, i in position.items() if headers[i] != c]
            if changed:
                self.findings.append(header_names(changed, self.where, t.name, header_row))
        unused = [h for h in mapping.headers if h.column is None and not h.note.startswith("also")]
        if unused:
            shown = ", ".join(f'"{h.written}" ({h.cell})' for h in unused)
            self.findings.append(Finding("warning", "extra_columns", self.where, t.name, header_row, None, None,
                                         (f"column {shown} of {self.named} is not part of {t.title} and "
                                          f"was ignored" if len(unused) == 1 else
                                          f"columns {shown} of {self.named} are not part of {t.title} "
                                          f"and were ignored")))
        mapping.missing = [c for c in t.all_columns if c not in position]
        answers = fmt.answers if aliased else {}
        whole_years = fmt.whole_years if aliased else frozenset()
        wanted = [(c, position[c]) for c in t.all_columns if c in position]
        # Findings about a row name its child (or adopter): the first column of the table's key.
        key = next((k for k, (c, _) in enumerate(wanted) if c == t.key[0]), None)
        cells: dict[str, list[str]] = {c: [] for c, _ in wanted}
        line_no: list[int] = []
        kept = []
        for n, values in rows:
            got = [values[i] if i < len(values) else None for _, i in wanted]
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in got) and \
                    not any(v is None and (n, i) in self.formulas for (_, i), v in zip(wanted, got)):
                continue        # a blank row holds nothing to read (formulas giving "" included)
            kept.append((n, values, got))
        for _ in range(trailing_footers([values for _, values, _ in kept])):
            n, values, _ = kept.pop()
            self.findings.append(footer_finding(self.where, t.name, n, values, f"row {n}"))
        if kept and (hint := guidance_hint([v for (c, _), v in zip(wanted, kept[0][2]) if t.kind(c) == "date"])):
            n, _, _ = kept.pop(0)
            self.findings.append(Finding("info", "guidance_row", self.where, t.name, n, None, hint,
                                         guidance_message(f"row {n} of {self.named}", hint)))
        for n, _, got in kept:
            line_no.append(n)
            self._child = _whole(_text(got[key])) or None if key is not None else None
            for (c, i), v in zip(wanted, got):
                cells[c].append(self._cell(t, c, headers[i], n, i, v, answers.get(c), whole_years, mapping,
                                           keep_spaces=not aliased))
        self._summarise()
        limit = fmt.cell_chars()
        for c, col in cells.items():
            for k, v in enumerate(col):
                if len(v) > limit:
                    self.findings.append(Finding("error", "cell_cut", self.where, t.name, line_no[k], c, v[:40] + "…",
                                                 f"{c} ({self.named}, row {line_no[k]}) is {len(v):,} "
                                                 f"characters long; only its first {limit} were kept"))
                    col[k] = v[:limit]
        mapping.rows = len(line_no)
        columns = [cells[c] if c in cells else [None] * len(line_no) for c in t.all_columns]
        table = RawTable(t.name, self.file, "xlsx", "xlsx", t.all_columns, columns, line_no,
                         [n - header_row for n in line_no], [f for f in self.findings if f.table == t.name],
                         sheet=None if self.in_file else self.sheet)
        return table, mapping

    def _cell(self, t: TableSpec, column: str, header: str, row: int, col: int, value, answers,
              whole_years, mapping: SheetMapping, keep_spaces: bool = False) -> str:
        ref = cell_ref(row, col)
        place = f"{header} ({self.named}, cell {ref})"
        if value is None:
            if (row, col) in self.formulas:
                self._finding("error", "formula_not_calculated", t.name, row, column, None,
                              f"{place} is a formula whose result was never saved, so it cannot be read: open the "
                              f"workbook in Excel and save it again (Excel then saves each formula's result), "
                              f"or paste the values in place of the formulas")
            return ""
        as_written = value
        if isinstance(value, str):
            as_written = value.translate(_SPACES)
            text = as_written.strip()
            if text != value.strip():
                self._note(t.name, column, "spaces", ref, row, value,
                           f"non-breaking spaces in {header} were read as ordinary spaces")
            elif text != value and not keep_spaces:
                # A return's or a local list's sheet keeps them for typing, which says so (as of a CSV file).
                self._note(t.name, column, "stray spaces", ref, row, value,
                           f"spaces around the value in {header} were removed", "stray_spaces")
            if text.upper() in _ERRORS:
                severity = "warning" if text.upper() == "#N/A" else "error"
                self._finding(severity, "error_value", t.name, row, column, text,
                              f"{place} holds the spreadsheet error {text}, read as blank: correct the formula "
                              f"or the value it looks up")
                return ""
            value = text
            if not text:
                return ""
        kind = t.kind(column)
        if kind == "date":
            return self._date(t.name, column, header, ref, row, value)
        if kind == "integer":
            return self._integer(t.name, column, header, ref, row, value, column in whole_years)
        text = _plain(value)
        if column in t.ids and _whole(text) != text:
            # an identifier saved as text with Excel's ".0" (a CSV round trip): as a number cell reads, it is 17
            self._note(t.name, column, "excel number", ref, row, text,
                       f"{header} was read without the decimal point Excel had added", "excel_number")
            text = _whole(text)
        if answers is None or kind == "text":
            # A return's or a local list's cell keeps the spaces around it, which typing removes and the load
            # reports, as it does a CSV file's (Annex A's reader says itself how it read each cell).
            return as_written if keep_spaces and isinstance(as_written, str) else text
        code = answers.read(text)
        seen = mapping.answers.setdefault(column, {}).setdefault(text, [code, 0, row])
        seen[1] += 1
        if code is None:
            self._note(t.name, column, f"answer {text}", ref, row, text,
                       f'"{text}" is not an answer careboard understands for {header}; it was kept as written',
                       "unknown_answer")
            return text
        return code

    def _date(self, table: str, column: str, header: str, ref: str, row: int, value) -> str:
        place = f"{header} ({self.named}, cell {ref})"
        if isinstance(value, datetime):
            return value.strftime("%d/%m/%Y")
        if isinstance(value, date):
            return value.strftime("%d/%m/%Y")
        if isinstance(value, str) and _DAY_NUMBER.fullmatch(value.strip()):
            value = int(float(value))       # a day number stored as text, as typing reads one in a CSV file
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2958466:
            # A date cell without a date format shows Excel's day number: read it as the date it stands for.
            self._note(table, column, "serial", ref, row, value,
                       f"{header}: dates stored as Excel day numbers were read as the dates they stand for")
            return (_EXCEL_EPOCH + timedelta(days=int(value))).strftime("%d/%m/%Y")
        text = str(value)
        d = _parse_date(text)
        if d is None:
            self._finding("error", "bad_date", table, row, column, text,
                          f'{place}: "{text}" is not a date careboard can read: {_why_not_a_date(text)}')
            return text
        out = d.strftime("%d/%m/%Y")
        if out != text:
            self._note(table, column, "text date", ref, row, text, f"{header}: dates written as text were read as dates")
        return out

    def _integer(self, table: str, column: str, header: str, ref: str, row: int, value, whole_years: bool) -> str:
        place = f"{header} ({self.named}, cell {ref})"
        number = value
        if isinstance(value, str):
            try:
                number = float(value.replace(",", ""))
            except ValueError:
                self._finding("error", "bad_integer", table, row, column, value,
                              f'{place}: "{value}" is not a whole number')
                return value
        if isinstance(number, bool) or not isinstance(number, (int, float)) or not math.isfinite(number):
            self._finding("error", "bad_integer", table, row, column, str(value), f'{place}: "{value}" is not a whole number')
            return str(value)
        if float(number).is_integer():
            return str(int(number))
        if whole_years:
            self._note(table, column, "fraction", ref, row, value,
                       f"{header}: ages written with a fraction of a year were read as the whole years completed")
            return str(math.floor(number))
        self._finding("error", "bad_integer", table, row, column, str(value),
                      f"{place}: {value} is not a whole number")
        return str(value)

    def _finding(self, severity, code, table, row, column, value, message) -> None:
        self.findings.append(Finding(severity, code, self.where, table, row, column, value, message, self._child))

    def _note(self, table: str, column: str, kind: str, ref: str, row: int, value, message: str,
              code: str = "normalised") -> None:
        """A cell read differently from how it was written (or an answer not understood), reported once per
        column and kind with how often and where it was first seen."""
        note = self._notes.setdefault((column, kind), [table, 0, ref, row, value, message, code, self._child])
        note[1] += 1

    def _summarise(self) -> None:
        for (column, _), (table, count, ref, row, value, message, code, child) in self._notes.items():
            more = f"{count} cells, the first is cell {ref}" if count > 1 else f"cell {ref}"
            more = f"{self.named}, {more}"
            self.findings.append(Finding("warning", code, self.where, table, row, column, str(value),
                                         f"{message} ({more})", child))
        self._notes.clear()


# A whole number as Excel writes one into text ("100002.0").
_EXCEL_WHOLE = re.compile(r"[0-9]+\.0+")


def _whole(text: str) -> str:
    """An identifier's text without Excel's ".0"."""
    return text.split(".")[0] if _EXCEL_WHOLE.fullmatch(text) else text


def _plain(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.isoformat()
    return str(value)


def _parse_date(text: str) -> date | None:
    """A date written as text in one of the forms UK spreadsheets use, or None. A two-digit year is not
    read (13/10/21 could be 1921 or 2021), as the DfE does not read one."""
    t = text.strip()
    if m := _DMY.fullmatch(t):
        d, mo, y = m.groups()
    elif m := _YMD.fullmatch(t):
        y, mo, d = m.groups()
    elif (m := _NAMED.fullmatch(t)) and m.group(2)[:3].lower() in _MONTHS:
        d, mo, y = m.group(1), _MONTHS[m.group(2)[:3].lower()], m.group(3)
    else:
        return None
    if len(str(y)) != 4:
        return None
    try:
        return date(int(y), int(mo), int(d))
    except ValueError:
        return None


def _list_named(sheet: str) -> str | None:
    """The Annex A list careboard reads that a sheet's name names ("List8", "List 10 - adoption"), in words."""
    found = re.search(r"\blist\s*0?(\d{1,2})\b", sheet, re.I)
    if found is None:
        return None
    return next((t.in_text for f in registry.FORMATS if f.id == "annex_a" for t in f.tables().values()
                 if t.in_text.startswith(f"Annex A List {int(found.group(1))} ")), None)


def _why_not_a_date(text: str) -> str:
    """What to do about text _parse_date could not read, as plainly as its shape allows."""
    m = _DMY.fullmatch(text.strip())
    if m is None:
        return "write it as dd/mm/yyyy with the year in full"
    d, mo, y = m.groups()
    if len(y) == 2:
        return "its year has two digits (it could be 1921 or 2021): write the year in full"
    if len(y) != 4:
        return "write the year in full (dd/mm/yyyy)"
    try:
        date(int(y), int(d), int(mo))
        return (f"there is no month {int(mo)}, so it is written month first, as Excel writes dates with US settings: "
                f"write it day first (dd/mm/yyyy)")
    except ValueError:
        return "no such day: correct it (dd/mm/yyyy)"


def _header(head) -> tuple[int, list[str], _Match | None]:
    """The header row among the first rows (the one whose cells most formats' tables recognise) and the
    table it is: the one, of any format, whose required columns it all has, with most columns found."""
    best: tuple[int, int, list[str], _Match | None] = (0, 0, [], None)
    for n, cells in head:
        matches = [_Match(f, t, _columns_for(f, t, cells)) for f in registry.FORMATS for t in f.tables().values()]
        complete = [m for m in matches if m.table.column_set <= m.found]
        score = max((len(m.found) for m in complete), default=0)
        if score > best[0]:
            best = (score, n, cells, max(complete, key=lambda m: (len(m.found), len(m.table.columns))))
    return best[1], best[2], best[3]


def _other_list(head) -> tuple[str, str, int] | None:
    """(number, title, header row) of a list a format names but careboard does not read, if the sheet is one."""
    for f in registry.FORMATS:
        if not isinstance(f, AliasedFormat):
            continue
        for n, cells in head:
            found = {normal_header(c) for c in cells if c}
            for number, (title, headers) in f.other_lists.items():
                if found & headers:
                    return number, title, n
    return None


def _nearest(head) -> tuple[_Match, int] | None:
    """The table a sheet matching none comes closest to (most columns found beyond those every table
    shares), with its header row; None when it shares none of any table's own columns."""
    best = None
    for n, cells in head:
        for f in registry.FORMATS:
            for t in f.tables().values():
                m = _Match(f, t, _columns_for(f, t, cells))
                own = len(m.found - f.spec.common)
                if own and (best is None or own > best[0]):
                    best = (own, m, n)
    return (best[1], best[2]) if best else None


def _header_names(m: _Match, columns: list[str]) -> str:
    """Columns as a person would look for them: the header they are read from, where the format names one."""
    names = []
    for c in columns:
        rule = next((r for r in m.fmt.header_rules[m.table.name] if r.column == c), None) \
            if isinstance(m.fmt, AliasedFormat) else None
        names.append(f'"{rule.shown}" ({c})' if rule and rule.shown else c)
    return ", ".join(names)
