"""DuckDB, the engine under every store, validation and query today.

Everything careboard does only because the engine is DuckDB lives in this class: the `duckdb` module is
imported here and nowhere else, and so are DuckDB's settings.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .base import Backend


@cache
def module():
    """The DuckDB module: `_duckdb` where installed, else `duckdb`.

    The `duckdb` package is a Python layer (relational API, expression helpers, version metadata read
    through importlib.metadata) around the compiled module `_duckdb`, which holds the connection, the
    exceptions and everything careboard calls; the classes are the same objects either way
    (`duckdb.Error is _duckdb.Error`). See the README ("Engines") for what skipping the layer saves.
    """
    try:
        import _duckdb
    except ImportError:  # a build without the split-out compiled module
        import duckdb as _duckdb
    return _duckdb


class DuckDB(Backend):
    @property
    def error(self) -> type[Exception]:
        return module().Error

    def connect(self, database: str = ":memory:", *, read_only: bool = False):
        con = module().connect(database, read_only=read_only)
        if not read_only and database != ":memory:":
            # DuckDB writes its log into the store file whenever the log passes 16 MB: every third of the
            # demo's monthly loads, each pass rewriting what the last one wrote. Writing once, on closing,
            # made the whole demo 7% faster (side by side, median of 4) and its store half the size (20 MB,
            # the same rows), for some 70 MB more memory at its peak.
            con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_AFTER}'")
        return con

    def copy_csv(self, con, query: str, path: Path) -> None:
        target = str(path).replace("'", "''")
        # On several threads DuckDB (2.0) wrote a COPY computing new strings out of the query's order
        # (seen at 450,000 rows); on one it keeps the order, for the same CPU time and no sort.
        (threads,) = con.execute("SELECT current_setting('threads')").fetchone()
        con.execute("SET threads = 1")
        try:
            con.execute(f"COPY ({query}) TO '{target}' (HEADER, NEW_LINE '\r\n')")
        finally:
            con.execute(f"SET threads = {int(threads)}")

    def scan_python(self, con, name: str, data) -> None:
        # Since DuckDB 2, scanning Python objects needs the `duckdb` package's Python layer (it sets up
        # `duckdb._sources`), which `module()` skips.
        import duckdb  # noqa: F401  (imported for its side effect)

        con.register(name, data)

    def forget_python(self, con, name: str) -> None:
        con.unregister(name)

    def tune_for_rows(self, con, rows: int) -> None:
        # At one council's size each of a validation's statements costs DuckDB more to plan than to run:
        # one thread per statement (the validation runs two at once, on two cursors), and the optimisers
        # that pay off only over big tables left out. Side by side on whole `careboard validate` commands
        # run on one cursor, dropping both cost 5-19% more CPU time. The rows reported are the same
        # either way (tests/test_validate_end_to_end.py).
        if rows < SMALL_RETURN_ROWS:
            con.execute("SET threads = 1")
            con.execute(f"SET disabled_optimizers = '{','.join(SMALL_RETURN_SKIPPED_OPTIMIZERS)}'")


# Larger than a year of a council's monthly loads write; a national load passes it and is written as it goes.
CHECKPOINT_AFTER = "256MB"

# A large council's pair of returns is about 40,000 rows; at national size (over a million) DuckDB's
# parallelism and its optimisers pay.
SMALL_RETURN_ROWS = 250_000
SMALL_RETURN_SKIPPED_OPTIMIZERS = (
    "common_subplan", "statistics_propagation", "join_filter_pushdown", "late_materialization",
    "compressed_materialization", "top_n_window_elimination", "window_self_join", "aggregate_reuse",
    "row_group_pruner", "sampling_pushdown", "partitioned_execution", "partial_aggregate_pushdown", "regex_range",
    "projection_pullup")
