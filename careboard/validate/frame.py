"""The tables rules run over: one return's rows (and last year's), with enriched views built once.

Every one of them is named with the prefix `ret_` (one return's), which no table of the stitched model
(careboard/model) has, so the two never share a name on one connection (tests/test_frame_names.py).
Rules see, for each SSDA903 table `t`:
- `ret_t`       this year's rows: typed columns, `row_no` (1-based data row in its file), `line_no`,
                `file_id`, and `r_<COLUMN>`, the cell's text as written (trimmed) for checking formats;
- `ret_t_last`  last year's rows (empty when no previous return was given);
- `ret_v_t`     `ret_t` enriched (see views/*.sql, written with the model's definitions, model/concepts):
                header values, neighbouring episodes, ages, summaries; for the tables in OWN_AGES also the
                child's ages from the row's own DOB (own_age_start, own_age_end);
- `ret_child_episodes` and `ret_header_ages`, one row per child's episodes and per header row, that these join.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..formats.registry import SSDA903 as spec
from ..sql import install as install_macros
from ..tables.schema import staging_name, trimmed
from .codes import placeholders
from .schedule import Job, names_in, reads, run_jobs

_VIEWS = Path(__file__).with_name("views")

PREFIX = "ret_"     # every frame table's name begins with it


def frame_name(name: str) -> str:
    """The frame table holding one return's `name` (a table, table_last, v_table, child_episodes ...)."""
    return PREFIX + name


# Tables whose rows carry the child's DOB and whose rules ask the child's age from it at the start and
# end of the year: v_<table> has own_age_start and own_age_end, worked out once rather than in each rule.
OWN_AGES = ("oc2", "oc3")

@cache
def _view(name: str) -> str:
    return (_VIEWS / f"{name}.sql").read_text()


def _base(table: str, snapshot_id: int, year: int | None, suffix: str) -> str:
    t = spec.table(table)
    cols = ", ".join(f'"{c}"' for c in t.all_columns)
    # raw holds every column a file carried; an optional column from a file without it (or from a store
    # made before it was added) is NULL, i.e. unknown.
    raws = ", ".join(trimmed(f"raw[{i}]") + f' AS "r_{c}"' for i, c in enumerate(t.all_columns, start=1))
    where = f"snapshot_id = {int(snapshot_id)} AND return_year = {int(year)}" if year else "false"
    return (f"CREATE OR REPLACE TEMP TABLE {frame_name(table + suffix)} AS SELECT row_no, line_no, file_id, {cols}, {raws} "
            f"FROM {staging_name(table)} WHERE {where}")


def build_frame(con, snapshot_id: int, year: int, last_year: int | None) -> None:
    """Materialise this year's and last year's tables from the store's staging, then the enriched views."""
    for table in spec.tables():
        con.execute(_base(table, snapshot_id, year, ""))
        con.execute(_base(table, snapshot_id, last_year, "_last"))
    build_views(con, year)


def build_frame_from_files(con, this, last=None, only: set[str] | None = None, workers: int = 1) -> dict[int, str]:
    """Build the frame straight from parsed returns (careboard.ingest.files.Return), with no store.

    Returns the file names by file id, for the outputs. With workers > 1 the frame is made of plain
    tables (the connection must be a private in-memory database) built on that many cursors.
    """
    temp = make_macros(con, workers)
    files: dict[int, str] = {}
    jobs = typing_jobs(this, "", only, temp, files) + typing_jobs(last, "_last", only, temp, files)
    run_jobs(con, jobs + view_jobs(this.year, only, temp), workers)
    return files


def typing_jobs(ret, suffix: str, only: set[str] | None, temp: str, files: dict[int, str]) -> list[Job]:
    """Jobs typing a parsed return's tables into frame tables named ret_ table + `suffix` ("" this year,
    "_last" last year), each from its parsed text once. Tables the return lacks, or not in `only` (see
    `needed`), are made empty. The return's files are numbered on from those in `files` (file id ->
    name, for the outputs)."""
    from ..tables.schema import trimmed_cells, typed_columns

    have = {}
    for f in (ret.files if ret else []):
        for t in f.tables:
            files[len(files) + 1] = str(f.path) + (f", sheet {t.sheet}" if t.sheet else "")
            have[t.table] = (t, len(files))
    jobs = []
    for table in spec.tables():
        name = frame_name(table + suffix)
        cols = spec.table(table).all_columns
        raw, file_id = have.get(table, (None, 0)) if only is None or name in only else (None, 0)
        if raw is None or not len(raw):
            # A table the return lacks (or no rule reads) is made empty from its column list: planning
            # the typing SELECT over no rows costs ten times as much.
            jobs.append(Job(name, lambda c, sql=empty_table_ddl(table, name, temp): c.execute(sql)))
            continue
        raws = ", ".join(f'"{c}" AS "r_{c}"' for c in cols)
        # A plain file with no cell to trim (most) skips the trim expression on every cell.
        cells_sql = trimmed_cells(table, getattr(raw, "padded", True))
        sql = (f"CREATE OR REPLACE {temp}TABLE {name} AS SELECT row_no, line_no, "
               f"{file_id} AS file_id, {', '.join(typed_columns(table))}, {raws} "
               f"FROM (SELECT row_no, line_no, {cells_sql} FROM $source)")
        jobs.append(Job(name, lambda c, raw=raw, sql=sql, src=f"src_{name}": _type_table(c, raw, sql, src)))
    return jobs


def empty_table_ddl(table: str, name: str, temp: str = "") -> str:
    """DDL making `name` an empty frame table of `table`: the columns and types typing gives it."""
    from ..tables.schema import sql_type

    cols = spec.table(table).all_columns
    typed = [f'"{c}" {sql_type(table, c)}' for c in cols] + [f'"r_{c}" VARCHAR' for c in cols]
    return f"CREATE OR REPLACE {temp}TABLE {name} (row_no INTEGER, line_no INTEGER, file_id INTEGER, {', '.join(typed)})"


def _type_table(con, raw, sql: str, name: str) -> None:
    from ..tables.sources import release, table_source

    source = table_source(con, raw, name)
    try:
        con.execute(sql.replace("$source", source.sql), source.params)
    finally:
        release(con, source)


@cache
def _view_sources(year: int) -> dict[str, str]:
    """The SQL of every derived frame table, in build order (kept: needed, inlined_views and view_jobs all
    read it; treat it as read-only)."""
    fill = placeholders(year)
    out = {frame_name(name): _view(name).format_map(fill)
           for name in ("header_ages", "child_episodes", "v_header", "v_episodes")}
    for table in spec.tables():
        if table not in ("header", "episodes"):
            own = (', age_on(coalesce(t."DOB", h."DOB"), {end}) AS own_age_end, '
                   'age_on(coalesce(t."DOB", h."DOB"), {start}) AS own_age_start').format_map(fill)
            out[frame_name(f"v_{table}")] = _view("v_child_table").format_map(
                {**fill, "table": frame_name(table), "own_ages": own if table in OWN_AGES else ""})
    return out


def needed(rules, year: int) -> set[str]:
    """Every frame table the given rules read, directly or through the views they use.

    A run of a few rules (a test case, say) then types only the tables it needs; the others are
    created empty, so a rule that names one still runs.
    """
    views = _view_sources(year)
    tables = set(frame_tables())
    words = set().union(*(names_in(r.fails or r.sql) | names_in(r.over or "") for r in rules))
    words |= {frame_name(f"v_{r.table}") for r in rules if r.fails and not r.over}
    want, todo = set(), [w for w in words if w in views or w in tables]
    while todo:
        name = todo.pop()
        if name in want:
            continue
        want.add(name)
        if name in views:
            todo += [w for w in names_in(views[name]) if w in tables]
    return want


def inlined_views(rules, year: int) -> dict[str, str]:
    """The enriched tables only their own table's row rules read, with their SQL: those rules can read
    the SQL in place, which saves materialising a table that is scanned once."""
    views = _view_sources(year)
    named = set().union(*(names_in(r.sql or "") | names_in(r.over or "") for r in rules),
                        *(names_in(sql) for sql in views.values()))
    return {name: sql for name, sql in views.items() if name not in named}


def build_views(con, year: int, only: set[str] | None = None, workers: int = 1) -> None:
    run_jobs(con, view_jobs(year, only, make_macros(con, workers)), workers)


def view_jobs(year: int, only: set[str] | None = None, temp: str = "TEMP ") -> list[Job]:
    """Jobs building the enriched tables, each after the tables it reads."""
    tables = frame_tables()
    jobs = []
    for name, sql in _view_sources(year).items():
        if only is None or name in only:
            jobs.append(Job(name, lambda c, n=name, s=sql: c.execute(f"CREATE OR REPLACE {temp}TABLE {n} AS {s}"),
                            reads(sql, tables)))
    return jobs


def make_macros(con, workers: int) -> str:
    """Create the macros the views use; return the prefix for frame tables ("TEMP " on one cursor)."""
    temp = "TEMP " if workers <= 1 else ""
    install_macros(con, temp)
    return temp


def frame_tables() -> list[str]:
    names = ["header_ages", "child_episodes"]
    for table in spec.tables():
        names += [table, f"{table}_last", f"v_{table}"]
    return [frame_name(n) for n in names]


def drop_frame(con) -> None:
    """Drop the frame's temporary tables (only its own: every name has the frame's prefix)."""
    for name in frame_tables():
        con.execute(f"DROP TABLE IF EXISTS {name}")
