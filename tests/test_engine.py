"""careboard reaches its engine through careboard.backends: DuckDB today, the same classes as the duckdb
package, and every kind of source still scans when the package's Python layer was never imported."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import duckdb
import pytest

from careboard.backends import engine
from careboard.backends.base import Backend


def test_the_engine_is_the_duckdb_package_underneath():
    con = engine().connect()
    assert isinstance(engine(), Backend)
    assert isinstance(con, duckdb.DuckDBPyConnection)
    assert engine().error is duckdb.Error
    assert con.execute("SELECT 40 + 2").fetchall() == [(42,)]


def test_a_connection_opened_on_a_thread_is_waited_for_and_its_error_raised_to_the_caller(tmp_path):
    assert engine().connect_soon(":memory:")().execute("SELECT 40 + 2").fetchall() == [(42,)]
    (tmp_path / "not a store").write_text("plain text, not a database")
    waiting = engine().connect_soon(str(tmp_path / "not a store"))
    with pytest.raises(engine().error):
        waiting()


def test_arrow_and_numpy_sources_scan_in_a_fresh_process():
    # A fresh interpreter: the test session itself has imported the duckdb package above.
    script = textwrap.dedent("""
        import sys
        from careboard.backends import engine
        from careboard.ingest import fast_csv
        from careboard.ingest.csv_reader import read_csv_text
        from careboard.tables.sources import release, table_source

        assert "duckdb" not in sys.modules
        con = engine().connect()
        text = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\\n7,1,01/01/2015,WBRI,,,\\n"
        fast_csv.FAST_MIN_BYTES = 0
        for table in (fast_csv.try_fast(text.encode(), "h.csv"), read_csv_text(text, "h.csv", "utf-8")):
            source = table_source(con, table, "src")
            print(con.execute(f'SELECT "CHILD", "DOB", row_no FROM {source.sql}', source.params).fetchall())
            release(con, source)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[('7', '01/01/2015', 1)]"] * 2


def test_a_query_is_copied_to_csv_in_its_order_with_crlf_and_the_thread_setting_kept(tmp_path):
    con = engine().connect()
    con.execute("SET threads = 2")
    engine().copy_csv(con, ["SELECT * FROM range(3, 0, -1) AS t(n)"], tmp_path / "n.csv")
    assert (tmp_path / "n.csv").read_bytes() == b"n\r\n3\r\n2\r\n1\r\n"
    assert con.execute("SELECT current_setting('threads')").fetchone() == (2,)


def test_several_queries_are_copied_side_by_side_into_one_csv_one_after_another(tmp_path):
    con = engine().connect()
    con.execute("SET threads = 2")
    con.execute("CREATE TABLE big AS SELECT range AS n, 'x' || range AS s FROM range(300000)")
    queries = ["SELECT * FROM big WHERE n < 200000", "SELECT n, s FROM big WHERE n >= 200000 ORDER BY n DESC",
               "SELECT -1 AS n, 'a,b' AS s WHERE false", "SELECT -2, 'a,b'"]
    engine().copy_csv(con, queries, tmp_path / "n.csv")
    lines = (tmp_path / "n.csv").read_bytes().split(b"\r\n")
    expected = ([f"{n},x{n}" for n in range(200000)] + [f"{n},x{n}" for n in range(299999, 199999, -1)]
                + ['-2,"a,b"'])
    assert lines == [b"n,s"] + [e.encode() for e in expected] + [b""]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n.csv"]     # the files of the later queries are gone
    assert con.execute("SELECT current_setting('threads')").fetchone() == (2,)


@pytest.mark.parametrize("queries", [["SELECT 1 AS n", "SELECT * FROM no_such_table"], ["SELECT * FROM no_such_table"]])
def test_a_failing_query_leaves_the_file_as_it_was_and_nothing_beside_it(tmp_path, queries):
    con = engine().connect()
    (tmp_path / "n.csv").write_text("the last run's rows\n")
    with pytest.raises(engine().error):
        engine().copy_csv(con, queries, tmp_path / "n.csv")
    assert [p.name for p in tmp_path.iterdir()] == ["n.csv"]
    assert (tmp_path / "n.csv").read_text() == "the last run's rows\n"


@pytest.mark.parametrize("value", ['a,b', 'say "hi"', "two\nlines", "back\\slash", "", "tab\there", "é😀"])
def test_a_query_is_copied_as_lines_with_each_value_as_it_is(tmp_path, value):
    con = engine().connect()
    con.execute("SET threads = 2")
    literal = "'" + value.replace("'", "''") + "'"
    engine().copy_lines(con, f"SELECT s FROM (VALUES (1, {literal}), (2, 'last')) AS t(n, s) ORDER BY n DESC",
                        tmp_path / "s.txt")
    assert (tmp_path / "s.txt").read_bytes() == f"last\n{value}\n".encode()
    assert con.execute("SELECT current_setting('threads')").fetchone() == (2,)


def test_rows_are_numbered_in_their_order_by_the_engine_as_by_the_portable_sql():
    con = engine().connect()
    query = "SELECT * FROM range(5000, 0, -1) AS t(v)"      # more rows than DuckDB passes at once (2,048)
    expected = [(v, str(5002 - v)) for v in range(5000, 0, -1)]
    for numbered in (engine().numbered, lambda c, q, first: Backend.numbered(engine(), c, q, first)):
        with numbered(con, query, 2) as sql:
            assert con.execute(sql).fetchall() == expected


def test_a_csv_that_cannot_be_written_is_a_file_error_naming_the_file_asked_for(tmp_path):
    con = engine().connect()
    target = tmp_path / "no such folder" / "n.csv"
    with pytest.raises(OSError) as raised:
        engine().copy_csv(con, ["SELECT 1 AS n", "SELECT 2 AS n"], target)
    assert raised.value.filename == str(target) and "cannot be written (No such file or directory)" in str(raised.value)
    assert list(tmp_path.iterdir()) == []


def test_the_engine_says_which_file_it_could_not_open_read_or_write_and_why(tmp_path):
    con = engine().connect()
    with pytest.raises(engine().error) as missing:
        con.execute(f"COPY (SELECT 1) TO '{tmp_path}/no such folder/n.csv'")
    assert engine().file_failure(missing.value) == (f"{tmp_path}/no such folder/n.csv", "opened", "No such file or directory")
    # A write made in the background reports the system's error number inside a JSON text (DuckDB 2.0).
    full = engine().error('IO Error: Async write failed for range [offset=20, size=2050047]: {"exception_type":"IO",'
                          '"exception_message":"Could not write file \\"/mnt/small/big.csv\\": No space left on '
                          'device","errno":"28"}')
    assert engine().file_failure(full) == ("/mnt/small/big.csv", "written", "No space left on device")
    at_commit = engine().error('TransactionContext Error: Failed to commit: Could not write file "/x/s.duckdb.wal": '
                               'No space left on device')
    assert engine().file_failure(at_commit) == ("/x/s.duckdb.wal", "written", "No space left on device")
    assert engine().file_failure(engine().error("Binder Error: no such column")) is None
    assert engine().file_failure(OSError("Could not write file \"a\": b")) is None
