"""What careboard asks of an engine that runs its SQL: one subclass of Backend per engine.

DuckDB (duckdb.py) is the only engine today. A PostgreSQL or Spark backend would fill in the same few
methods; what careboard does with a connection beyond them is plain DB-API: `execute(sql, params)` with
`?` placeholders, then `fetchone`, `fetchall` or `fetchmany`; `executemany`; `close()`.
Anything only one engine can do, or needs to run well, belongs in that engine's class, not in callers.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path


class Backend(ABC):
    @property
    @abstractmethod
    def error(self) -> type[Exception]:
        """The class of every error the engine raises (a bad statement, a file it cannot open)."""

    @abstractmethod
    def describe(self) -> str:
        """The engine's name and version, as `careboard --version` says them."""

    def interrupted(self, error: BaseException) -> bool:
        """Whether `error` is the engine stopping a statement because the user pressed Ctrl-C."""
        return isinstance(error, KeyboardInterrupt)

    def held_by(self, error: BaseException) -> int | None:
        """The process holding a database open, when `error` is the engine refusing to open it for that."""
        return None

    def file_failure(self, error: BaseException) -> tuple[str, str, str] | None:
        """(file, "opened", "read" or "written", the reason) when `error` is the engine failing to open, read
        or write a file (a full disk, no such folder), else None."""
        return None

    def interrupt(self, con) -> None:
        """Stop the statement running on `con`, from another thread (nothing by default: it runs to its end)."""

    @abstractmethod
    def connect(self, database: str = ":memory:", *, read_only: bool = False):
        """A connection to `database` (a store's path, or ":memory:" for a private scratch database)."""

    def load(self) -> None:
        """Import the engine's modules now, if they are imported on first use (nothing by default)."""

    def connect_soon(self, database: str = ":memory:") -> Callable[[], object]:
        """Start connecting to `database` on a thread; return a function that waits for the connection and
        returns it (or raises what connecting raised). Worth it where the engine lets go of Python's lock
        as it starts up and there is Python work to do meanwhile. The engine's modules are imported here,
        on the caller's thread: a module imported on two threads at once can be met half made."""
        from concurrent.futures import ThreadPoolExecutor

        self.load()
        pool = ThreadPoolExecutor(1, thread_name_prefix="careboard-connect")
        opening = pool.submit(self.connect, database)
        pool.shutdown(wait=False)       # the thread ends once connected
        return opening.result

    def tune_for_validation(self, con) -> None:
        """Settings for a private connection about to validate a return (none by default)."""

    @abstractmethod
    def copy_csv(self, con, queries: list[str], path: Path) -> None:
        """Write what `queries` return, one query's rows after another's, each in its order, to `path` as
        CSV: a header row, values as the engine writes them, CRLF line ends. The queries may run at once,
        each on a cursor of its own: what they read must be visible to every cursor of `con`."""

    @abstractmethod
    def copy_lines(self, con, query: str, path: Path) -> None:
        """Write the one text column `query` returns to `path`, in the query's row order: each value as it
        is (no header, no quoting, no escaping), then a line end."""

    @contextmanager
    def numbered(self, con, query: str, first: int):
        """The SQL of the rows of `query`, in its order, with a column `n`: each row's number in that order
        counting from `first`, as text. Valid on `con` inside the `with` block."""
        yield f"SELECT *, CAST(row_number() OVER () + {int(first) - 1} AS VARCHAR) AS n FROM ({query}) AS q"

    @abstractmethod
    def inline_string_sql(self, text: str) -> str:
        """An SQL expression for the text `text` (an SQL expression) as a spreadsheet's inline
        string, `<is><t>...</t></is>` (SpreadsheetML): cut to the longest start a cell holds (32,767 UTF-16
        units, as xlsxwriter cuts it); XML-escaped; a control character XML 1.0 cannot
        carry, or a non-character U+FFFE/U+FFFF, as its `_xHHHH_` escape, and text that already reads like
        such an escape with its underscore escaped (`_x005F_`), as spreadsheets write them; `xml:space`
        kept when it begins or ends with white space."""

    @abstractmethod
    def scan_python(self, con, name: str, data) -> None:
        """Make `data` (an Arrow table, or a dict of column arrays) readable as table `name` until
        `forget_python(con, name)`."""

    @abstractmethod
    def forget_python(self, con, name: str) -> None:
        """Undo `scan_python`."""
