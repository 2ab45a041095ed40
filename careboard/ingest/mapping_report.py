"""The mapping report of a workbook: how careboard read each sheet, so an analyst can trust the reading or
correct the workbook. For each sheet: what it was read as; which header (and cell) became which column
and which headers were not used; the columns the list has that the sheet lacks; each distinct answer of
each coded column and the code it was read as; and each cell that could not be read, or was read
differently from how it was written, with its row, column and cell. Plain rows, one table."""

from __future__ import annotations

from dataclasses import dataclass

from ..plural import counted
from .xlsx_reader import UNREADABLE, SheetMapping, Workbook

COLUMNS = ("sheet", "part", "row", "cell", "header", "column", "written", "read_as", "rows", "note")
NOT_UNDERSTOOD = "not understood"


@dataclass(frozen=True)
class MappingReport:
    workbook: str
    rows: list[tuple]               # in COLUMNS order
    summary: list[str]              # a line per sheet, for people


def mapping_report(book: Workbook) -> MappingReport:
    rows: list[tuple] = []
    summary: list[str] = []
    for m in book.sheets:
        rows.append((m.sheet, "sheet", m.header_row, None, None, m.table, None, m.title or m.status, m.rows, m.note))
        summary.append(_sheet_line(m))
        if m.status != "read":
            continue
        letters = {}
        for h in m.headers:
            rows.append((m.sheet, "header", m.header_row, h.cell, h.written, h.column, None,
                         None if h.column else "not used", None, h.note))
            if h.column:
                letters[h.column] = h.cell.rstrip("0123456789")
        rows += [(m.sheet, "missing column", None, None, None, c, None, None, None,
                  "no header of the sheet is read as this column: it is left blank") for c in m.missing]
        for column, answers in m.answers.items():
            for written, (code, count, first) in sorted(answers.items(), key=lambda a: (a[1][0] is not None, a[0])):
                rows.append((m.sheet, "answer", first, f"{letters.get(column, '')}{first}", None, column, written,
                             code or NOT_UNDERSTOOD, count,
                             None if code else "kept as written: correct it in the workbook, or tell careboard's developers"))
        for f in m.findings:
            if f.table is None:
                continue
            part = "unreadable" if f.code in UNREADABLE else "note"
            cell = f"{letters[f.field]}{f.line}" if f.field in letters and f.line else None
            rows.append((m.sheet, part, f.line, cell, None, f.field, f.value, None, None, f.message))
    return MappingReport(str(book.path), rows, summary)


def _sheet_line(m: SheetMapping) -> str:
    if m.status != "read":
        return f'sheet "{m.sheet}": {m.note}'
    used = sum(1 for h in m.headers if h.column)
    unknown = sum(1 for a in m.answers.values() for code, _, _ in a.values() if code is None)
    unreadable = sum(1 for f in m.findings if f.code in UNREADABLE)
    parts = [counted(m.rows, "row"), f"{used} of {len(m.headers)} headers read"]
    if m.missing:
        parts.append(f"{counted(len(m.missing), 'column')} of the list not in the sheet")
    if unknown:
        parts.append(f"{counted(unknown, 'answer')} not understood")
    if unreadable:
        parts.append(f"{counted(unreadable, 'cell')} not readable")
    return f'sheet "{m.sheet}" read as {m.title} (header in row {m.header_row}): {", ".join(parts)}'
