"""Handing a parsed table to the engine as something to SELECT from, without copying it cell by cell in Python.

Every source has the table's `all_columns` as text, then `line_no` and `row_no`. How it gets there
depends on the reader that made it:
- a TextTable (a plain CSV) is one string parameter, split into lines and cells in SQL;
- an ArrowTable (a big CSV read by pyarrow) is registered and scanned in place;
- any other RawTable (the csv-module reader, XML) is registered as numpy arrays;
- an empty table is a SELECT of no rows, so it costs no registration at all.

store/return_year.py reads a return's dates through the same sources to work out its collection year.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..backends import engine
from ..ingest.plain_csv import TextTable
from ..ingest.raw import RawTable


@dataclass
class Source:
    sql: str                                    # a FROM-clause item: a registered name or a subquery
    params: list = field(default_factory=list)  # values for the `?` placeholders in `sql`, in order
    registered: str | None = None               # the name to unregister when done


def table_source(con, t: RawTable, name: str) -> Source:
    """A source for `t`; registered ones use `name`. Pass it to `release` when the statement has run."""
    if not len(t):
        return Source(_no_rows(t.columns))
    if isinstance(t, TextTable):
        return Source(_split(t), [t.text])
    if getattr(t, "arrow", None) is not None:
        engine().scan_python(con, name, t.arrow)
        return Source(name, registered=name)
    import numpy as np  # only for files the plain and pyarrow readers passed over

    cols = {c: np.array(cells, dtype=object) for c, cells in zip(t.columns, t.cells)}
    cols["line_no"] = np.array(t.line_no, dtype=np.int32)
    cols["row_no"] = np.array(t.row_no, dtype=np.int32)
    engine().scan_python(con, name, cols)
    return Source(name, registered=name)


def release(con, source: Source) -> None:
    if source.registered:
        engine().forget_python(con, source.registered)


def _no_rows(columns) -> str:
    cells = ", ".join(f'NULL::VARCHAR AS "{c}"' for c in columns)
    return f"(SELECT {cells}, NULL::INTEGER AS line_no, NULL::INTEGER AS row_no LIMIT 0)"


def _split(t: TextTable) -> str:
    # The reader checked every line has the header's width, so cell i of a row is column i of the file.
    cells = ", ".join(f'p[{i}] AS "{c}"' if i else f'NULL::VARCHAR AS "{c}"' for c, i in zip(t.columns, t.positions))
    # Each line numbered by its place in the text (WITH ORDINALITY): a third quicker than numbering it with
    # generate_subscripts beside the unnest.
    return (f"(SELECT {cells}, CAST(row_no + 1 AS INTEGER) AS line_no, CAST(row_no AS INTEGER) AS row_no "
            f"FROM (SELECT row_no, string_split(line, ',') AS p "
            f"FROM unnest(string_split(?, '\n')) WITH ORDINALITY AS lines(line, row_no)) AS rows)")

