"""Bringing a store made by an earlier careboard up to date as it is opened, so an old store keeps working.

Snapshots gained the kind of source they hold (source_formats: the formats' ids, comma-separated) and the
period their files cover (period_start, period_end); source files gained the workbook sheet each table was
read from (sheet: unknown, NULL, for the files an earlier careboard stored). A store opened for writing gains
the columns for good; one opened read-only (which cannot be changed) is read through temporary views that
add them.
"""

from __future__ import annotations

from ..formats.registry import SSDA903

# In the order ALTER TABLE appends them; a new store's CREATE lists them last too, so both have one shape.
ADDED_TO_SNAPSHOTS = (("source_formats", "VARCHAR"), ("period_start", "DATE"), ("period_end", "DATE"))


def upgrade(con, read_only: bool) -> None:
    if read_only:
        _staging_of_new_formats(con)
    _sheet_of_source_files(con, read_only)
    have = {c for (c,) in con.execute("SELECT name FROM pragma_table_info('main.snapshots')").fetchall()}
    if {c for c, _ in ADDED_TO_SNAPSHOTS} <= have:
        return
    rows = _sources_of_old(con.execute("SELECT snapshot_id, first_year, collection_year FROM main.snapshots").fetchall())
    if read_only:
        _read_through_view(con, rows)
        return
    con.execute("BEGIN TRANSACTION")
    try:
        for name, sql_type in ADDED_TO_SNAPSHOTS:
            con.execute(f"ALTER TABLE snapshots ADD COLUMN IF NOT EXISTS {name} {sql_type}")
        if rows:
            con.executemany("UPDATE snapshots SET source_formats = ?, period_start = ?, period_end = ? "
                            "WHERE snapshot_id = ?", [(*rest, sid) for sid, *rest in rows])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _sheet_of_source_files(con, read_only: bool) -> None:
    have = {c for (c,) in con.execute("SELECT name FROM pragma_table_info('main.source_files')").fetchall()}
    if "sheet" in have:
        return
    if not read_only:
        con.execute("ALTER TABLE source_files ADD COLUMN IF NOT EXISTS sheet VARCHAR")
        return
    store, = con.execute("SELECT current_database()").fetchone()
    con.execute(f"""CREATE OR REPLACE TEMP VIEW source_files AS SELECT *, CAST(NULL AS VARCHAR) AS sheet
                    FROM "{store}".main.source_files""")


def _sources_of_old(rows: list[tuple[int, int, int]]) -> list[tuple]:
    """Every snapshot an earlier careboard made held SSDA903 returns, from its first collection year to its last."""
    period = SSDA903.period
    return [(sid, SSDA903.id, period.span(first)[0], period.span(last)[1]) for sid, first, last in rows]


def _read_through_view(con, rows: list[tuple]) -> None:
    con.execute("CREATE OR REPLACE TEMP TABLE snapshot_sources (snapshot_id INTEGER, "
                + ", ".join(f"{n} {t}" for n, t in ADDED_TO_SNAPSHOTS) + ")")
    if rows:
        con.executemany("INSERT INTO snapshot_sources VALUES (?, ?, ?, ?)", rows)
    store, = con.execute("SELECT current_database()").fetchone()
    added = ", ".join(f"x.{n}" for n, _ in ADDED_TO_SNAPSHOTS)
    # A temporary view is found before the store's table of the same name, so every query sees the new shape.
    con.execute(f"""CREATE OR REPLACE TEMP VIEW snapshots AS SELECT s.*, {added}
                    FROM "{store}".main.snapshots s LEFT JOIN snapshot_sources x ON x.snapshot_id = s.snapshot_id""")


def _staging_of_new_formats(con) -> None:
    """A store made before a format was added (the local lists) has no staging tables for it; opened for
    writing it gains them (db.open_store), opened read-only it is read as holding none of their rows."""
    from ..tables.schema import staging_ddl

    have = {t for (t,) in con.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
    for ddl in staging_ddl():
        if ddl.startswith("CREATE TABLE IF NOT EXISTS ") and ddl.split()[5] not in have:
            con.execute(ddl.replace("CREATE TABLE IF NOT EXISTS", "CREATE TEMP TABLE", 1))
