"""DuckDB, the engine under every store, validation and query today.

Everything careboard does only because the engine is DuckDB lives in this class: the `duckdb` module is
imported here and nowhere else, and so are DuckDB's settings.
"""

from __future__ import annotations

import itertools
import shutil
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from ..sql.params import literal
from ..whole_files import written
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

    def describe(self) -> str:
        return f"DuckDB {module().__version__}"

    def interrupted(self, error: BaseException) -> bool:
        # Ctrl-C while a statement runs on the main thread stops it, and DuckDB (2.0) raises a plain
        # RuntimeError saying so, rather than its InterruptException or Python's KeyboardInterrupt.
        return (super().interrupted(error) or isinstance(error, module().InterruptException)
                or (type(error) is RuntimeError and str(error) == "Query interrupted"))

    def interrupt(self, con) -> None:
        con.interrupt()

    def file_failure(self, error: BaseException) -> tuple[str, str, str] | None:
        # DuckDB (2.0) says which file in its message, and the reason as the system's words or, for a write
        # made in the background, as an errno inside a JSON text.
        import os
        import re

        found = re.search(r'(Could not write file|Cannot open file|Could not read from file) \\?"(.+?)\\?": '
                          r'([^"\\{}]+)', str(error))
        if not isinstance(error, module().Error) or found is None:
            return None
        errno = re.search(r'"errno":\s*"?(\d+)', str(error))
        reason = os.strerror(int(errno.group(1))) if errno else found.group(3).strip()
        action = {"Could not write file": "written", "Cannot open file": "opened"}.get(found.group(1), "read")
        return found.group(2), action, reason

    def held_by(self, error: BaseException) -> int | None:
        # One process at a time may write a DuckDB file; DuckDB (2.0) names the one that has it open.
        import re

        found = re.search(r"Conflicting lock is held in .* \(PID (\d+)\)", str(error))
        return int(found.group(1)) if isinstance(error, module().Error) and found else None

    def load(self) -> None:
        # Connecting imports only pathlib besides, which base.py has imported already.
        module()

    def connect(self, database: str = ":memory:", *, read_only: bool = False):
        try:
            con = module().connect(database, read_only=read_only)
        except module().CatalogException:
            if database != ":memory:" and Path(database).is_file():
                raise _not_a_database(database) from None     # read-only, the same file says only this
            raise
        if database != ":memory:" and con.execute("SELECT path FROM duckdb_databases() "
                                                  "WHERE database_name = current_database()").fetchone()[0] is None:
            # DuckDB (2.0) opens an existing CSV file as an in-memory database without a word: whatever was
            # stored in it would be lost on closing.
            con.close()
            raise _not_a_database(database)
        if not read_only and database != ":memory:":
            # DuckDB writes its log into the store file whenever the log passes 16 MB: every third of the
            # demo's monthly loads, each pass rewriting what the last one wrote. Writing once, on closing,
            # made the whole demo 7% faster (side by side, median of 4) and its store half the size (20 MB,
            # the same rows), for some 70 MB more memory at its peak.
            con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_AFTER}'")
        return con

    def copy_csv(self, con, queries: list[str], path: Path) -> None:
        # Each query is written to a file of its own on a cursor of its own, and the files are then joined:
        # a COPY keeps its order only on one thread (see _one_thread), and at 442,000 failing rows writing
        # two halves side by side took 0.5 s against 0.9 s for the lot on one cursor. They are written
        # beside `path` and moved there once whole, so a failure leaves no half-written file.
        path = Path(path)
        with written(path) as whole:
            rest = [path.with_name(f".{path.name}.{i}.part") for i in range(1, len(queries))]
            try:
                try:
                    _copy_side_by_side(con, queries, [whole, *rest])
                except module().IOException as e:
                    # A file that cannot be written (a folder that is not there, no permission, a full disk)
                    # is the user's to fix: a file error, which written() says of the file they named.
                    *_, reason = self.file_failure(e) or (None, None, str(e).rpartition(": ")[2])
                    raise OSError(0, reason) from None
                with whole.open("ab") as joined:
                    for part in rest:
                        with part.open("rb") as rows:
                            shutil.copyfileobj(rows, joined, 1 << 20)
            finally:
                for part in rest:
                    part.unlink(missing_ok=True)

    def copy_lines(self, con, query: str, path: Path) -> None:
        # A CSV with no quote and no escape character writes each value exactly as it is.
        with _one_thread(con):
            con.execute(f"COPY ({query}) TO {literal(str(path))} (FORMAT csv, HEADER false, QUOTE '', ESCAPE '')")

    @contextmanager
    def numbered(self, con, query: str, first: int):
        # row_number() OVER () held every row before passing any on (DuckDB 2.0: 40 MB more at 442,000
        # failing rows); a sequence numbers them as they pass. Run on one thread (copy_lines) the rows
        # pass in the query's order.
        name = f"careboard_n_{next(_SEQUENCES)}"
        con.execute(f"CREATE TEMP SEQUENCE {name} START {int(first)}")
        try:
            yield f"SELECT *, CAST(nextval('{name}') AS VARCHAR) AS n FROM ({query}) AS q"
        finally:
            con.execute(f"DROP SEQUENCE {name}")

    def inline_string_sql(self, text: str) -> str:
        cut = _within_cell_limit(text)
        # Most text needs only &, < and > escaped; the rare text with a character to escape as _xHHHH_ (or
        # already reading like such an escape) is taken apart a character at a time.
        odd = f"regexp_matches({cut}, '{_OOXML_ESCAPED}|_x[0-9A-Fa-f]{{4}}_')"
        one_by_one = (f"array_to_string(list_transform(string_split(regexp_replace({cut}, '(_x[0-9A-Fa-f]{{4}}_)', "
                      f"'_x005F\\1', 'g'), ''), lambda c: CASE WHEN regexp_matches(c, '{_OOXML_ESCAPED}') "
                      f"THEN printf('_x%04X_', unicode(c)) ELSE c END), '')")
        escaped = (f"replace(replace(replace(CASE WHEN {odd} THEN {one_by_one} ELSE {cut} END, '&', '&amp;'), "
                   f"'<', '&lt;'), '>', '&gt;')")
        # White space as XML reads it (a carriage return is escaped above).
        space = " OR ".join(f"{end}({cut}, {c})" for end in ("starts_with", "ends_with")
                            for c in ("' '", "chr(9)", "chr(10)"))
        space = f"""CASE WHEN {space} THEN ' xml:space="preserve"' ELSE '' END"""
        return f"'<is><t' || {space} || '>' || {escaped} || '</t></is>'"

    def scan_python(self, con, name: str, data) -> None:
        # Since DuckDB 2, scanning Python objects needs the `duckdb` package's Python layer (it sets up
        # `duckdb._sources`), which `module()` skips.
        import duckdb  # noqa: F401  (imported for its side effect)

        con.register(name, data)

    def forget_python(self, con, name: str) -> None:
        con.unregister(name)

    def tune_for_validation(self, con) -> None:
        # A validation runs its statements two at a time, on two cursors, and at one council's size each
        # costs DuckDB more to plan than to run: one thread per statement, and the optimisers that pay off
        # only over big tables left out. Side by side on whole `careboard validate` commands run on one
        # cursor, dropping both cost 5-19% more CPU time. At 28,000 children (370,000 rows in the two
        # years) and at national size (1.35 million) they were also as quick or quicker than DuckDB's
        # defaults (median 3.0 s against 3.2 s, and 4.1 s against 5.2 s) with 7-50 MB less memory. The
        # rows reported are the same either way (tests/test_validate_end_to_end.py).
        con.execute("SET threads = 1")
        con.execute(f"SET disabled_optimizers = '{','.join(VALIDATION_SKIPPED_OPTIMIZERS)}'")


def _not_a_database(path: str):
    from ..errors import InputError

    return InputError(path, "is a file of data (a CSV file, say), not a careboard store: give the store's own file "
                            "with --db, such as careboard.duckdb")


# Larger than a year of a council's monthly loads write; a national load passes it and is written as it goes.
CHECKPOINT_AFTER = "256MB"


def _copy_side_by_side(con, queries: list[str], targets: list[Path]) -> None:
    """Each query to its CSV file, at once on a cursor each (one query on `con` itself); only the first
    file has the header."""
    def write(query: str, target: Path, header: bool) -> None:
        cur = con.cursor() if len(queries) > 1 else con
        try:
            cur.execute(f"COPY ({query}) TO {literal(str(target))} (HEADER {str(header).lower()}, NEW_LINE '\r\n')")
        finally:
            if cur is not con:
                cur.close()

    with _one_thread(con):
        if len(queries) == 1:
            write(queries[0], targets[0], True)
            return
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(len(queries)) as pool:
            # list() waits for every file, and raises the first error met.
            list(pool.map(write, queries, targets, [True] + [False] * (len(queries) - 1)))


@contextmanager
def _one_thread(con):
    """The database's COPYs on one thread each, for the time of the block.

    On several threads DuckDB (2.0) wrote a COPY computing new strings out of the query's order (seen at
    450,000 rows); on one it keeps the order, for the same CPU time and no sort. The setting is the
    database's, shared by its cursors: set and put back here, around them all."""
    (threads,) = con.execute("SELECT current_setting('threads')").fetchone()
    con.execute("SET threads = 1")
    try:
        yield
    finally:
        con.execute(f"SET threads = {int(threads)}")


_SEQUENCES = itertools.count(1)
# The longest text a spreadsheet cell holds, in UTF-16 units (Excel's limit).
CELL_TEXT_LIMIT = 32_767
# The characters a spreadsheet writes as _xHHHH_ (RE2): the control characters XML 1.0 forbids (tab and
# line feed are allowed; carriage return is escaped too, or XML would read it back as a line feed) and the
# two non-characters.
_OOXML_ESCAPED = "[\\x00-\\x08\\x0B-\\x1F\\x{FFFE}\\x{FFFF}]"


def _within_cell_limit(text: str) -> str:
    """`text` cut to the longest start that a spreadsheet cell holds (CELL_TEXT_LIMIT UTF-16 units, where a
    character beyond U+FFFF counts two), as xlsxwriter cuts it. Each such character is marked first with a
    NUL before it, so that one character counts as one unit; a cut that would split a marked
    character from its mark drops both."""
    wide, limit = "[\\x{10000}-\\x{10FFFF}]", CELL_TEXT_LIMIT
    marked = f"regexp_replace({text}, '({wide})', chr(0) || '\\1', 'g')"
    cut = (f"left({marked}, CASE WHEN regexp_matches(substr({marked}, {limit + 1}, 1), '{wide}') "
           f"THEN {limit - 1} ELSE {limit} END)")
    # A text of n bytes of UTF-8 has at most n UTF-16 units.
    return (f"(CASE WHEN strlen({text}) > {limit} THEN regexp_replace({cut}, '\\x00({wide})', '\\1', 'g') "
            f"ELSE {text} END)")


VALIDATION_SKIPPED_OPTIMIZERS = (
    "common_subplan", "statistics_propagation", "join_filter_pushdown", "late_materialization",
    "compressed_materialization", "top_n_window_elimination", "window_self_join", "aggregate_reuse",
    "row_group_pruner", "sampling_pushdown", "partitioned_execution", "partial_aggregate_pushdown", "regex_range",
    "projection_pullup")
