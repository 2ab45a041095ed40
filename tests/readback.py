"""Reading a parsed table back through DuckDB, the way staging and the validation frame see it."""

from __future__ import annotations

import duckdb

from careboard.tables.sources import release, table_source


def read_back(t) -> dict[str, list]:
    """Every column of `t` (all_columns, then line_no and row_no) as lists, in row order."""
    con = duckdb.connect()
    source = table_source(con, t, "t")
    try:
        cur = con.execute(f"SELECT * FROM {source.sql} ORDER BY row_no", source.params)
        names = [d[0] for d in cur.description]
        rows = cur.fetchall()
    finally:
        release(con, source)
    return {n: [r[i] for r in rows] for i, n in enumerate(names)}
