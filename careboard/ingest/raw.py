"""A table as read from one file: raw cell text in the spec's column order, with where each row came from."""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import Finding


@dataclass
class RawTable:
    table: str                      # spec table name, e.g. "episodes"
    file: str                       # path as given
    encoding: str
    fmt: str                        # "csv" or "xml"
    columns: tuple[str, ...]        # spec column order
    cells: list[list[str]]          # one list per column, raw text ("" when absent)
    line_no: list[int]              # physical line in the file (CSV header is line 1)
    row_no: list[int]               # 1-based data row number within this table's file
    findings: list[Finding] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.line_no)
