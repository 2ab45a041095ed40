"""Plain CSV files handed to DuckDB as one string, split into rows and cells there.

Most returns are plain: comma-separated, no quotes, no blank lines, every row as wide as the header
(a row of nothing but commas is a row: see csv_reader), no runaway cell, no second header line. For those,
Python's csv module and the per-cell objects it makes are the slowest part of validating a council's return. Such a file is
kept as its text; `careboard.tables.sources` splits it in SQL, and data row n is physical line n + 1.
Anything else goes to the csv-module reader, which reports problems line by line, so both paths give the
same rows and findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat

from ..formats.registry import SSDA903 as spec
from .detect import identify, normalise_header
from ..errors import InputError
from .footer import is_footer
from .guidance import may_hold_guidance
from .raw import RawTable
from .text import encoding_findings


@dataclass
class TextTable(RawTable):
    """A RawTable whose rows are still the file's text: data lines joined by newlines, header removed."""

    text: str = ""
    positions: tuple[int | None, ...] = ()   # 1-based cell of each of `columns` in a row; None: not in the file
    rows: int = 0
    padded: bool = True                      # some cell may start or end with white space to trim

    def __len__(self) -> int:
        return self.rows


def try_plain(text: str, file: str, encoding: str) -> TextTable | None:
    """The file as a TextTable when splitting on newlines and commas reads it exactly; else None."""
    if '"' in text:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    end = text.find("\n")
    if end <= 0:
        return None
    body = text[end + 1:]
    if body.endswith("\n"):
        body = body[:-1]
    if not body:
        return None
    every_line = f"\n{body}\n"
    if any(f"\n{head}\n" in every_line for head in as_written_again(text[:end])) or "\ufeff" in body:
        return None     # the header again (after a byte-order mark: files joined), which the csv-module reader
                        # skips and reports
    written = text[:end].split(",")
    header = normalise_header(written)
    if not any(header):
        return None
    width = len(header) - 1
    lines = body.split("\n")
    # A blank line has no commas, so it fails the width test; a line longer than any cell may be holds a
    # runaway cell; the last line may be a footer (ingest.footer), the first a template's guidance
    # (ingest.guidance). The csv-module reader reports each.
    if (body.count(",") != width * len(lines) or set(map(str.count, lines, repeat(","))) != {width}
            or max(map(len, lines)) > spec.cell_chars() or is_footer(lines[-1].split(","))
            or may_hold_guidance(lines[0])):
        return None
    try:
        found = identify(header, file, written)
    except InputError:
        return None     # the csv-module reader says why, looking below the first line too
    table, findings = found.table.name, found.findings
    findings += encoding_findings(text, encoding, file, table)
    columns = found.table.all_columns
    positions = tuple(header.index(c) + 1 if c in header else None for c in columns)
    return TextTable(table, file, encoding, "csv", columns, [], [], [], findings,
                     text=body, positions=positions, rows=len(lines), padded=_padded(body))


def as_written_again(header):
    """The header line (text or bytes) as a second export joined on would most likely write it."""
    return {header, header.upper(), header.lower()}


def _padded(body: str) -> bool:
    """Whether any cell may begin or end with a character careboard trims (see tables.schema.trimmed).

    Most files have none, and their typing then skips a trim expression per cell. In ASCII text only a
    space or a tab can be at a cell's edge (line ends are split off already); DuckDB's trim() also takes
    Unicode spaces, so text with any non-ASCII character is always trimmed."""
    if not body.isascii() or "\t" in body:
        return True
    # Finding one character is quick; a pair beginning with a comma, in a file full of them, much less so.
    return " " in body and (" ," in body or ", " in body or "\n " in body or " \n" in body
                            or body.startswith(" ") or body.endswith(" "))
