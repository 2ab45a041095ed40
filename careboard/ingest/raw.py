"""A table as read from one file: raw cell text in the spec's column order, with where each row came from."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Finding


@dataclass
class RawTable:
    table: str                      # spec table name, e.g. "episodes"
    file: str                       # path as given
    encoding: str
    fmt: str                        # "csv" or "xml"
    columns: tuple[str, ...]        # the spec's all_columns: required columns in CSV order, then optional ones
    cells: list[list[str | None]]   # one list per column, raw text ("" when blank; None for an optional
                                    # column the file does not carry)
    line_no: list[int]              # physical line in the file (CSV header is line 1)
    row_no: list[int]               # 1-based data row number within this table's file
    findings: list[Finding] = field(default_factory=list)
    sheet: str | None = None        # the workbook sheet the table was read from (None: a CSV or XML file)

    def __len__(self) -> int:
        return len(self.line_no)
