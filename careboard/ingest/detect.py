"""Recognising which table of which format a CSV holds, by its header row alone."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from ..errors import Finding, InputError, NoTable
from ..formats import registry
from ..formats.format import Format
from ..formats.spec import TableSpec
from ..nearest import either
from ..plural import counted


@dataclass(frozen=True)
class Recognised:
    """The table a header is, within its format, and the warnings about the header."""

    format: Format
    table: TableSpec
    findings: list[Finding]


def normalise_header(cells: list[str]) -> list[str]:
    """A header's names as careboard's: upper case, no spaces around them; words joined by spaces or hyphens
    rather than underscores (Place Provider); and named as the XML return names them (CHILDID, PL), as some
    systems' CSV exports do. A name is changed only into a column careboard knows that the header lacks."""
    header = [header_name(c) for c in cells]
    known, xml = _known_columns(), registry.SSDA903.xml().renames
    out = []
    for c in header:
        joined = _SEPARATORS.sub("_", c)
        # "Child ID" and "Child_ID" are the XML's CHILDID
        own = c if c in known else (xml.get(c) or (joined if joined in known else None)
                                    or xml.get(_SEPARATORS.sub("", c).replace("_", "")))
        out.append(own if own and own != c and own not in header else c)
    return out


def header_name(cell: str) -> str:
    """A header cell as written, as compared: no byte-order mark, no spaces around it, upper case."""
    return cell.replace("\ufeff", "").strip().upper()


_SEPARATORS = re.compile(r"[\s\-]+")


@cache
def _known_columns() -> frozenset[str]:
    return frozenset(c for t in registry.all_tables().values() for c in t.all_columns)


def identify(header: list[str], file: str, written: list[str] | None = None, line: int = 1) -> Recognised:
    """Return the table (and its format) whose columns the header holds, or raise naming the closest table.

    Only a table's required columns identify it. An exact column set is a match; a superset is a match,
    with a warning naming extra columns that are not among the table's optional ones (those are ignored);
    anything else is an unknown file. Where tables of several formats match, the one with most columns
    wins (the first format listed on a tie). `written`: the header's cells as written, when they may
    differ from `header` (lower case, spaces): a warning names those read differently. `line`: the header's
    line in the file (below a note of the separator or blank lines, not the first), named by the errors and
    findings.
    """
    cols = set(header)
    # Columns with no name: most often empty ones at the end, left by Excel where cells once held something.
    named = [c for c in header if c]
    unnamed = len(header) - len(named)
    # Each column's name as written (no byte-order mark, no spaces around it), for what the messages quote.
    as_written = dict(zip(header, (w.replace("\ufeff", "").strip() for w in written))) if written else {}
    dupes = sorted({c for c in named if named.count(c) > 1})
    if dupes:
        raise InputError(file, f"column {', '.join(dupes)} appears more than once in the header", line)
    matches = [(f, t) for f in registry.FORMATS if (t := f.matching(cols))]
    if matches:
        fmt, best = max(matches, key=lambda m: len(m[1].columns))
        # Only the names of columns that are read: one that is ignored is said to be, as written.
        findings = _renamed(header, written, file, best.all_columns, line)
        extra = [c for c in named if c not in best.all_columns]
        if extra:
            shown = [as_written.get(c, c) for c in extra]
            findings.append(Finding("warning", "extra_columns", file, best.name, line, ",".join(shown), None,
                                    (f"column {shown[0]} is not part of the {best.title} table and was ignored"
                                     if len(extra) == 1 else
                                     f"columns {', '.join(shown)} are not part of the {best.title} table and were "
                                     f"ignored")))
        if unnamed:
            findings.append(Finding("warning", "unnamed_columns", file, best.name, line, None, None,
                                    f"{counted(unnamed, 'column')} with no name in the header "
                                    f"{'was' if unnamed == 1 else 'were'} ignored, with anything written under "
                                    f"{'it' if unnamed == 1 else 'them'}"))
        return Recognised(fmt, best, [replace(f, table=best.name) for f in findings])
    near = [n for f in registry.FORMATS if (n := f.nearest(cols))]
    if not near:
        kinds = either(f.short for f in registry.FORMATS)
        if separator := _other_separator(header):
            raise InputError(file, f"its columns are separated by {separator}, not commas: save it as CSV "
                                   f"(comma-separated) and try again", line)
        raise NoTable(file, f"the header does not match any {kinds} table "
                          f"(columns found: {', '.join(named) or 'none'})", line)
    _, closest = max(near, key=lambda n: n[0])
    missing = [c for c in closest.columns if c not in cols]
    extra = [as_written.get(c, c) for c in named if c not in closest.column_set]
    detail = f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}"
    if extra:
        detail += f"; unexpected {', '.join(extra)}"
    if len(missing) == 1 and len(extra) == 1:        # CHILDID (the XML's name) for CHILD, say
        detail += f": if {extra[0]} holds the {missing[0]} column, rename it {missing[0]}"
    raise InputError(file, f"looks like the {closest.title} table but is {detail}", line,
                     missing[0] if missing else None)


def _other_separator(header: list[str]) -> str | None:
    """What splits a header read as one column into several, if not commas (Excel saves "CSV" with
    semicolons where the comma is the decimal point; some systems export tab-separated text)."""
    if len(header) == 1:
        for mark, name in ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")):
            if header[0].count(mark) >= 2:
                return name
    return None


def _renamed(header: list[str], written: list[str] | None, file: str, read: tuple[str, ...],
             line: int) -> list[Finding]:
    if written is None:
        return []
    changed = [(w.replace("\ufeff", ""), h) for w, h in zip(written, header)
               if w.replace("\ufeff", "") != h and h in read]
    return [header_names(changed, file, None, line)] if changed else []


def header_names(changed: list[tuple[str, str]], file: str, table: str | None, line: int) -> Finding:
    """A warning naming the columns read otherwise than written, as (written, read) pairs."""
    shown = ", ".join(f'"{w}" as {h}' for w, h in changed)
    return Finding("warning", "header_names", file, table, line, ",".join(h for _, h in changed),
                   ",".join(w for w, _ in changed),
                   f"column names were read as the names careboard knows: {shown}")
