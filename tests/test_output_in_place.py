"""Outputs are written whole beside the file asked for and then moved there: what is replaced, and what is
left behind when the move fails."""

from __future__ import annotations

import pytest

from tests.cli_runs import DATA, assert_clean, run_cli


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_validate_twice_to_one_file_leaves_the_second_run_only(tmp_path, suffix):
    out = tmp_path / f"errors{suffix}"
    assert_clean(run_cli("validate", str(DATA / "foreign"), "--output", str(out)), {0, 1})
    first = out.read_bytes()
    out.write_bytes(b"an older file, to be replaced")
    assert_clean(run_cli("validate", str(DATA / "foreign"), "--output", str(out)), {0, 1})
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
    if suffix == ".csv":
        assert out.read_bytes() == first
    else:
        assert out.read_bytes().startswith(b"PK")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_folder_named_as_the_output_is_refused_in_one_line(tmp_path, suffix):
    out = tmp_path / f"errors{suffix}"
    out.mkdir()
    run = run_cli("validate", str(DATA / "foreign"), "--output", str(out))
    assert run.code == 2 and run.err.startswith(f"careboard: {out}") and "Traceback" not in run.err
    assert out.is_dir() and [p.name for p in tmp_path.iterdir()] == [out.name]


@pytest.fixture(scope="module")
def council_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("store") / "council.duckdb"
    assert_clean(run_cli("load", str(DATA / "council"), "--db", str(db)), {0})
    return db


@pytest.mark.parametrize("command", ["indicators", "due", "findings"])
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_folder_named_as_a_table_is_refused_in_one_line(council_store, tmp_path, command, suffix):
    out = tmp_path / f"table{suffix}"
    out.mkdir()
    run = run_cli(command, "--db", str(council_store), "--output", str(out))
    # (`due` says what it found before it writes the list)
    assert run.code == 2 and run.err.endswith(f"careboard: {out}: Is a directory\n") and "Traceback" not in run.err
    assert out.is_dir() and [p.name for p in tmp_path.iterdir()] == [out.name]
