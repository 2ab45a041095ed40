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


class Opening:
    """A connection opened on another thread, to be picked up with `connection()`.

    A process's first DuckDB connection takes 40-60 ms (setting up the database instance and its
    built-in extensions), and DuckDB lets go of the GIL meanwhile: a command that opens one this way
    before importing the rest of what it needs and reading its files has it open sooner, while the
    second core would otherwise wait.
    """

    def __init__(self, database: str = ":memory:", **kwargs):
        import threading

        self._con = None
        self._error: BaseException | None = None
        module()   # loading the compiled module holds the GIL: on another thread it would gain nothing
        self._thread = threading.Thread(target=self._open, args=(database, kwargs), daemon=True)
        self._thread.start()

    def _open(self, database: str, kwargs: dict) -> None:
        try:
            self._con = connect(database, **kwargs)
        except BaseException as e:  # noqa: BLE001 — raised by connection(), in the caller's thread
            self._error = e

    def connection(self):
        """The connection, once open (waits for it); raises what opening it raised."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._con
