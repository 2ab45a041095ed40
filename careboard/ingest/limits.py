"""Runaway cells: a cell longer than any SSDA903 field needs is cut as the file is read, with a finding.

No field of the return is longer than 20 characters, so a cell of thousands (a pasted document, a broken
quote that swallowed the rest of the file) is a mistake. Keeping it whole would store it and echo it
into every finding and validation output; the reader keeps its first spec.cell_chars() characters.
"""

from __future__ import annotations

from ..formats.registry import SSDA903 as spec
from ..errors import Finding

_SHOWN = 40


def cut_finding(file: str, table: str, line: int, field: str, value: str) -> Finding:
    limit = spec.cell_chars()
    return Finding("error", "cell_cut", file, table, line, field, value[:_SHOWN] + "…",
                   f"{field} is {len(value):,} characters long; only its first {limit} were kept "
                   f"(the longest SSDA903 field is {max(spec.lengths().values())} characters)")


def cut_long_cells(table: str, file: str, names, columns: list[list[str]], line_no: list[int]) -> list[Finding]:
    """Cut, in place, every cell of `columns` (one list per column in `names`) longer than the limit."""
    limit = spec.cell_chars()
    findings = []
    for name, col in zip(names, columns):
        # max() over a list of str lengths runs in C: a file without runaway cells costs one pass.
        if not col or max(map(len, col)) <= limit:
            continue
        for i, value in enumerate(col):
            if len(value) > limit:
                findings.append(cut_finding(file, table, line_no[i], name, value))
                col[i] = value[:limit]
    return findings
