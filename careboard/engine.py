"""DuckDB, the engine under every store, frame and query: imported once, the quick way.

The `duckdb` package is a Python layer (relational API, expression helpers, version metadata read
through importlib.metadata) around the compiled module `_duckdb`, which holds the connection, the
exceptions and everything careboard calls. Importing the layer costs about 60 ms, a tenth of a whole
one-council `careboard validate`, so careboard imports the compiled module and falls back to the
package where a DuckDB build does not ship it under that name. The classes are the same objects
either way: `duckdb.Error is _duckdb.Error`.
"""

from __future__ import annotations

from functools import cache


@cache
def module():
    """The DuckDB module: `_duckdb` where installed, else `duckdb`."""
    try:
        import _duckdb
    except ImportError:  # a build without the split-out compiled module
        import duckdb as _duckdb
    return _duckdb


def connect(database: str = ":memory:", **kwargs):
    """A DuckDB connection (keywords as duckdb.connect: read_only, config)."""
    return module().connect(database, **kwargs)


def enable_python_scans() -> None:
    """Let DuckDB scan Python objects such as Arrow tables.

    Since DuckDB 2 that needs the `duckdb` package's Python layer (it sets up `duckdb._sources`), which
    `module()` skips; only the big-file reading path needs it, where 60 ms is nothing.
    """
    import duckdb  # noqa: F401  (imported for its side effect)
