"""A store made by an earlier careboard opens and works: its snapshots gain the formats and period they
cover (store/upgrade.py), for good when opened for writing, through a view when opened read-only."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from careboard.store import list_snapshots, open_store
from tests.cohort import ep, with_headers, write_returns
from tests.loading import load

# The snapshots table as careboard made it before snapshots recorded their formats and period.
OLD_SNAPSHOTS = """CREATE TABLE snapshots (
  snapshot_id INTEGER PRIMARY KEY,
  as_at DATE NOT NULL,
  collection_year INTEGER NOT NULL,
  first_year INTEGER NOT NULL,
  loaded_at TIMESTAMP NOT NULL,
  fingerprint VARCHAR NOT NULL UNIQUE,
  label VARCHAR
)"""
OLD_COLUMNS = "snapshot_id, as_at, collection_year, first_year, loaded_at, fingerprint, label"


def _columns(path, con=None) -> list[str]:
    """The snapshots table's columns as stored in the file (not as a read-only view shows them)."""
    if con is None:
        with duckdb.connect(str(path), read_only=True) as con:
            return _columns(path, con)
    return [c for (c,) in con.execute("SELECT name FROM pragma_table_info('main.snapshots')").fetchall()]


@pytest.fixture
def old_store(tmp_path):
    """Two snapshots (2023/24 alone; 2022/23 and 2023/24 together), then the snapshots table put back as it was."""
    years = with_headers({2023: {"episodes": [ep("A", "01/05/2022")]},
                          2024: {"episodes": [ep("A", "01/05/2022", "01/06/2023", "E4A"), ep("B", "15/09/2023")]}})
    paths = write_returns(tmp_path / "in", years)
    path = tmp_path / "old.duckdb"
    con = open_store(path)
    load(con, paths[1:], validate=False)
    load(con, paths, validate=False, label="two years")
    con.execute(f"CREATE TABLE kept AS SELECT {OLD_COLUMNS} FROM snapshots")
    con.execute("DROP TABLE snapshots")
    con.execute(OLD_SNAPSHOTS)
    con.execute("INSERT INTO snapshots SELECT * FROM kept")
    con.execute("DROP TABLE kept")
    con.close()
    assert _columns(path) == OLD_COLUMNS.split(", ")
    return path, paths


EXPECTED = [(2024, 2024, ("ssda903",), date(2023, 4, 1), date(2024, 3, 31), None),
            (2024, 2023, ("ssda903",), date(2022, 4, 1), date(2024, 3, 31), "two years")]


def _described(con) -> list[tuple]:
    return [(s.collection_year, s.first_year, s.source_formats, s.period_start, s.period_end, s.label)
            for s in list_snapshots(con)]


def test_an_old_store_is_read_as_it_is_without_being_changed(old_store):
    path, _ = old_store
    with open_store(path, read_only=True) as con:
        assert _described(con) == EXPECTED
        assert con.execute("SELECT count(*) FROM snapshots WHERE period_end = DATE '2024-03-31'").fetchone() == (2,)
    assert _columns(path) == OLD_COLUMNS.split(", ")


def test_an_old_store_opened_for_writing_gains_the_columns_and_loads_again(old_store, tmp_path):
    path, paths = old_store
    con = open_store(path)
    assert _columns(path, con)[-3:] == ["source_formats", "period_start", "period_end"]
    assert _described(con) == EXPECTED
    third = load(con, paths[:1], validate=False, as_at=date(2023, 3, 31))
    assert _described(con)[0] == (2023, 2023, ("ssda903",), date(2022, 4, 1), date(2023, 3, 31), None)
    assert third.snapshot_id == 3
    con.close()
    with open_store(path, read_only=True) as again:        # upgraded once: nothing left to do
        assert len(_described(again)) == 3


def test_a_new_store_has_the_same_shape_as_an_upgraded_one(old_store, tmp_path):
    path, _ = old_store
    open_store(path).close()
    open_store(tmp_path / "new.duckdb").close()
    assert _columns(path) == _columns(tmp_path / "new.duckdb")


def test_a_load_records_its_format_and_the_years_it_covers(tmp_path):
    paths = write_returns(tmp_path / "in", with_headers({2024: {"episodes": [ep("A", "01/05/2023")]}}))
    con = open_store(":memory:")
    load(con, paths, validate=False, as_at=date(2023, 12, 31))
    (snap,) = list_snapshots(con)
    # An in-year snapshot: its file is the 2023/24 return, though the data stop at the as-at date.
    assert (snap.source_formats, snap.period_start, snap.period_end) == (("ssda903",), date(2023, 4, 1), date(2024, 3, 31))


@pytest.fixture
def store_without_sheets(tmp_path):
    """A store as careboard made it before source files recorded the workbook sheet of each table."""
    years = with_headers({2024: {"episodes": [ep("A", "01/05/2023"), ep("B", "15/09/2023")]}})
    paths = write_returns(tmp_path / "in", years)
    path = tmp_path / "old.duckdb"
    con = open_store(path)
    load(con, paths, validate=False)
    con.execute("ALTER TABLE source_files DROP COLUMN sheet")
    con.close()
    return path, paths


def test_a_store_without_sheets_reads_read_only_and_gains_them_for_writing(store_without_sheets):
    from careboard.store.findings import file_named

    path, paths = store_without_sheets
    con = open_store(path, read_only=True)
    named = con.execute(f"SELECT DISTINCT {file_named('f')}, sheet FROM source_files f ORDER BY 1").fetchall()
    stored = [p for (p,) in con.execute("SELECT DISTINCT path FROM source_files ORDER BY 1").fetchall()]
    assert stored and named == [(p, None) for p in stored]     # the files' names, as they were, through the view
    con.close()
    with duckdb.connect(str(path), read_only=True) as raw:
        assert "sheet" not in [c for (c,) in raw.execute("SELECT name FROM pragma_table_info('source_files')").fetchall()]
    con = open_store(path)
    load(con, paths, validate=False, label="again")
    assert "sheet" in [c for (c,) in con.execute("SELECT name FROM pragma_table_info('main.source_files')").fetchall()]
    con.close()
