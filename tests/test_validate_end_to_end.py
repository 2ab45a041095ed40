"""The whole rule set over synthetic returns: clean data passes, and planted errors are found at their row."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from careboard.cli import main
from careboard.synth import export, simulate
from careboard.validate.session import validate_paths
from tests.cli_runs import DATA

# Error kinds a DfE rule must catch (lower-case codes are a load warning, not a DfE error, and the
# DfE rules do not check a UPN's check letter).
CAUGHT = ("invalid_code", "dec_before_decom", "duplicate_key", "missing_dob", "adoption_date_mismatch",
          "bad_date", "overlapping_episodes", "x1_gap", "unknown_child", "missing_end_before_start", "sdq_out_of_range")


def _folder(out: Path, year: int) -> Path:
    return out / f"{year - 1}-{year % 100:02d}"


@pytest.fixture(scope="module")
def timeline():
    return simulate(seed=11, children_in_care=60, years=3, end=date(2026, 3, 31))


def test_clean_synthetic_returns_pass_every_rule(timeline, tmp_path):
    export(timeline, date(2026, 3, 31), tmp_path)
    for year in (2025, 2026):
        outcome = validate_paths([_folder(tmp_path, year)], year, [_folder(tmp_path, year - 1)])
        assert outcome.rules_run > 250 and not [n for n in outcome.not_run if n.crashed]
        found = list(outcome.failures)
        assert found == [], [(f.rule, f.table, f.row, f.values) for f in found[:5]]


def test_planted_errors_are_found_at_their_rows(timeline, tmp_path):
    result = export(timeline, date(2026, 3, 31), tmp_path, errors=CAUGHT)
    missed = []
    for e in result.errors:
        year = int(e.year[:4]) + 1
        last = _folder(tmp_path, year - 1)
        outcome = validate_paths([tmp_path / Path(e.file).parent], year, [last] if last.exists() else None)
        if not any(f.table == e.table and f.row == e.row for f in outcome.failures):
            missed.append((e.kind, e.year, e.table, e.row, e.field, e.injected))
    assert not missed


def test_validate_command_writes_the_csv_the_issue_asks_for(timeline, tmp_path):
    export(timeline, date(2026, 3, 31), tmp_path / "in", errors=("missing_dob",))
    out = tmp_path / "errors.csv"
    code = main(["validate", str(_folder(tmp_path / "in", 2026)), "--year", "2025/26",
                 "--last-year", str(_folder(tmp_path / "in", 2025)), "--output", str(out),
                 "--output", str(tmp_path / "errors.xlsx"), "--output", str(tmp_path / "errors.html")])
    header = out.read_text().splitlines()[0].split(",")
    assert header[:6] == ["rule", "severity", "table", "row", "child", "fields"] or \
        {"rule", "table", "row", "child", "fields", "message"} <= set(header)
    assert (tmp_path / "errors.xlsx").stat().st_size > 0 and "<table" in (tmp_path / "errors.html").read_text()
    assert code in (0, 1)


def test_the_command_ends_at_once_with_its_output_and_summary_complete(timeline, tmp_path):
    # `careboard validate` ends its process without tearing down (cli.run): everything must be written first.
    import subprocess
    import sys

    export(timeline, date(2026, 3, 31), tmp_path / "in", errors=("missing_dob",))
    out = tmp_path / "errors.csv"
    done = subprocess.run([sys.executable, "-m", "careboard", "validate", str(_folder(tmp_path / "in", 2026)),
                           "--year", "2025/26", "--output", str(out), "--output", str(tmp_path / "errors.xlsx")],
                          capture_output=True, text=True)
    assert done.returncode == 1, done.stderr                     # errors found
    assert done.stdout.startswith("2025/26: ") and "failing rows" in done.stdout
    rows = out.read_text().splitlines()
    assert len(rows) > 1 and rows[-1].count(",") >= 9 and "missing_dob" not in rows[0]
    from zipfile import ZipFile

    assert ZipFile(tmp_path / "errors.xlsx").testzip() is None   # a whole workbook, not a cut-off one


def test_a_bad_last_year_found_while_this_year_is_typed_stops_cleanly(timeline, tmp_path):
    # Last year's files are read while this year's tables are typed: a problem there must stop the
    # workers and reach the caller as the input error it is.
    import threading

    from careboard.errors import InputError

    export(timeline, date(2026, 3, 31), tmp_path)
    before = threading.active_count()
    with pytest.raises(InputError, match="several folders"):
        validate_paths([_folder(tmp_path, 2026)], 2026, [_folder(tmp_path, 2025), _folder(tmp_path, 2024)])
    assert threading.active_count() == before


def test_the_validation_settings_report_the_same_rows_as_the_engine_defaults(timeline, tmp_path, monkeypatch):
    # A validation runs with one DuckDB thread per statement and some optimisers left out. Those settings
    # change speed, never what is reported.
    from careboard.backends.duckdb import DuckDB

    export(timeline, date(2026, 3, 31), tmp_path, errors=CAUGHT)
    args = ([_folder(tmp_path, 2026)], 2026, [_folder(tmp_path, 2025)])
    tuned = validate_paths(*args)
    monkeypatch.setattr(DuckDB, "tune_for_validation", lambda self, con: None)
    default = validate_paths(*args)
    assert list(tuned.failures) and list(tuned.failures) == list(default.failures)
    assert tuned.rules_run == default.rules_run


def test_the_enriched_and_last_years_tables_go_once_read_and_every_rule_still_runs(timeline, tmp_path):
    # Each is dropped as soon as the statements reading it are done, while the rules still run.
    import duckdb

    from careboard.formats.registry import SSDA903 as spec

    export(timeline, date(2026, 3, 31), tmp_path, errors=CAUGHT)
    con = duckdb.connect()
    outcome = validate_paths([_folder(tmp_path, 2026)], 2026, [_folder(tmp_path, 2025)], connection=lambda: con)
    assert outcome.rules_run > 250 and not [n for n in outcome.not_run if n.crashed] and len(outcome.failures)
    left = {name for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    # last year's header stays for the rows of the rules comparing it with this year's to show its values
    assert {t for t in left if not t.startswith("failing_rows_")} == {f"ret_{t}" for t in spec.tables()} | {
        "ret_header_last"}, left


def test_a_folder_of_lists_alone_is_not_a_return_to_validate(tmp_path):
    """The council's lists are checked as they load; validate says so rather than asking for a year."""
    import shutil

    from careboard.errors import InputError
    from careboard.validate.session import validate_paths

    shutil.copy(Path(__file__).parents[1] / "templates" / "child_activities.csv", tmp_path / "activities.csv")
    with pytest.raises(InputError, match="holds only the council.s lists .*careboard load"):
        validate_paths([tmp_path])
    # one list given: named itself, where its folder was named
    with pytest.raises(InputError, match=f"^{tmp_path / 'activities.csv'}: is one of the council.s lists"):
        validate_paths([tmp_path / "activities.csv"])


def test_lists_beside_a_return_are_said_not_to_be_checked(tmp_path, capsys):
    import shutil

    for f in (DATA / "council" / "SSDA903_2023-24").iterdir():
        shutil.copy(f, tmp_path / f.name)
    shutil.copy(Path(__file__).parents[1] / "templates" / "child_activities.csv", tmp_path / "activities.csv")
    main(["validate", str(tmp_path)])
    assert ("note: activities.csv: the council's lists are not checked by validate (they are checked as they load, "
            "careboard load)") in capsys.readouterr().out
