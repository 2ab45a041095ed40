"""Reading one SSDA903 CSV file into a RawTable."""

from __future__ import annotations

import csv
import io

from .. import spec
from .detect import identify, normalise_header
from .errors import Finding, InputError
from .raw import RawTable


def read_csv_text(text: str, file: str, encoding: str) -> RawTable:
    lines = io.StringIO(text, newline="")
    reader = csv.reader(lines)
    header: list[str] | None = None
    header_line = 0
    try:
        for header in reader:
            header_line = reader.line_num
            if any(c.strip() for c in header):
                break
        else:
            raise InputError(file, "the file has no header row")
        header = normalise_header(header)
        table, findings = identify(header, file)
        t = spec.table(table)
        positions = [header.index(c) for c in t.columns]
        width = len(header)
        rows: list[list[str]] = []
        line_no: list[int] = []
        blank = 0
        start = header_line
        for row in reader:
            # Most rows start with a CHILD id, so the cheap first test settles them.
            if not (row and row[0].strip()) and not "".join(row).strip():
                blank += 1
                start = reader.line_num
                continue
            if len(row) != width:
                findings.append(Finding(
                    "error", "row_width", file, table, start + 1, None, None,
                    f"row has {len(row)} values but the header has {width} columns",
                    child=row[positions[0]] if len(row) > positions[0] else None))
                row = (row + [""] * width)[:width]
            rows.append(row)
            line_no.append(start + 1)
            start = reader.line_num
    except csv.Error as e:
        raise InputError(file, f"not readable as CSV ({e})", reader.line_num) from None
    if header_line > 1 and header is not None:
        findings.append(Finding("warning", "blank_lines", file, None, 1, None, None,
                                f"{header_line - 1} blank line(s) before the header were skipped"))
    if blank:
        findings.append(Finding("warning", "blank_lines", file, table, None, None, None,
                                f"{blank} blank line(s) were skipped"))
    # Transposing in C (zip) is far faster than appending cell by cell.
    columns = [list(col) for col in zip(*rows)] if rows else [[] for _ in header]
    # An optional column the file lacks is unknown (None, read as NULL), which is not the same as blank.
    cells = [columns[header.index(c)] if c in header else [None] * len(rows) for c in t.all_columns]
    return RawTable(table, file, encoding, "csv", t.all_columns, cells, line_no,
                    list(range(1, len(rows) + 1)), findings)
