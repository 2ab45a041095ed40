"""Snapshots: atomic loads, no-op reloads, findings kept with the load, explicit removal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from careboard.backends import engine
from careboard.formats.registry import SSDA903 as spec
from careboard.errors import InputError
from careboard.store import list_snapshots, open_store, remove_snapshot
from tests.loading import load
from careboard.tables.schema import staging_name
from tests.cohort import child, ep, with_headers, write_returns


def _counts(con) -> dict[str, int]:
    tables = ["snapshots", "source_files", "dq_findings"] + [staging_name(t) for t in spec.tables()]
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


@pytest.fixture
def returns(tmp_path) -> list[Path]:
    return write_returns(tmp_path / "in", with_headers({
        2024: {"episodes": [ep("A", "01/05/2023")]},
        2025: {"episodes": [ep("A", "01/05/2023", "01/06/2024", "E4A"), ep("B", "15/13/2024")]},
    }))


def test_load_records_snapshot_files_and_findings(tmp_path, returns):
    con = open_store(tmp_path / "s.duckdb")
    r = load(con, returns, as_at=date(2025, 1, 31))
    assert (r.snapshot_id, r.collection_year, r.already_loaded) == (1, 2025, False)
    assert r.rows["episodes"] == 3 and r.rows["header"] == 3
    (snap,) = list_snapshots(con)
    assert (snap.as_at, snap.first_year, snap.files, snap.errors) == (date(2025, 1, 31), 2024, 4, 1)
    finding = con.execute("SELECT code, field, line_no, child FROM dq_findings WHERE severity = 'error'").fetchone()
    assert finding == ("bad_date", "DECOM", 3, "B")


@pytest.mark.parametrize("dob, says", [
    ("13/10/12", 'DOB "13/10/12" is not a date written dd/mm/yyyy: the year needs all four digits'),
    ("31/02/2012", 'DOB "31/02/2012" is not a date written dd/mm/yyyy: there is no such date'),
    ("3/14/2012", 'DOB "3/14/2012" is not a date written dd/mm/yyyy: it reads only month first (as Excel saves '
                  'dates with US settings); save the dates as dd/mm/yyyy'),
    ("14-03-2012", 'DOB "14-03-2012" is not a date written dd/mm/yyyy: the day, month and year are separated by '
                   'hyphens, not slashes; save the dates as dd/mm/yyyy'),
    ("14 March 2012", 'DOB "14 March 2012" is not a date written dd/mm/yyyy: the month is written in words; save the '
                      'dates as dd/mm/yyyy'),
    ("4098", 'DOB "4098" is not a date written dd/mm/yyyy'),          # too few digits for a date of these years
    ("409821", 'DOB "409821" is not a date written dd/mm/yyyy'),
    # What stands in for a date not yet known, and a month without its day.
    ("TBC", 'DOB "TBC" is not a date written dd/mm/yyyy: leave the cell blank where there is no date'),
    ("n/a", 'DOB "n/a" is not a date written dd/mm/yyyy: leave the cell blank where there is no date'),
    ("03/2012", 'DOB "03/2012" is not a date written dd/mm/yyyy: give the day as well as the month and year'),
    ("March 2012", 'DOB "March 2012" is not a date written dd/mm/yyyy: give the day as well as the month and year'),
])
def test_a_date_in_another_form_says_how_to_write_it(tmp_path, dob, says):
    paths = write_returns(tmp_path / "in", {2025: {"header": [child("A", dob=dob)], "episodes": [ep("A", "01/05/2024")]}})
    con = open_store(tmp_path / "s.duckdb")
    load(con, paths, as_at=date(2025, 3, 31))
    (message,) = con.execute("SELECT message FROM dq_findings WHERE code = 'bad_date'").fetchone()
    assert message == says


@pytest.mark.parametrize("dob, read", [
    ("2012-03-04", "04/03/2012"), ("2012-03-04 00:00:00.000", "04/03/2012"), ("2012-03-04T00:00:00", "04/03/2012"),
    ("14/03/2012 00:00", "14/03/2012"), ("14.3.2012", "14/03/2012"), (" 14.3.2012 ", "14/03/2012"),
    ("14-Mar-2012", "14/03/2012"), ("14 Mar 2012", "14/03/2012"),
    # A date cell saved as General: Excel's count of days from 30 December 1899.
    ("40982", "14/03/2012"), ("40982.0", "14/03/2012"),
])
def test_a_date_in_a_form_exports_use_is_read_and_said(tmp_path, dob, read):
    """As databases, case systems and Excel export them: read, so the figures count the child, with a warning."""
    paths = write_returns(tmp_path / "in", {2025: {"header": [child("A", dob=dob)], "episodes": [ep("A", "01/05/2024")]}})
    con = open_store(tmp_path / "s.duckdb")
    load(con, paths, as_at=date(2025, 3, 31))
    assert con.execute("SELECT strftime(\"DOB\", '%d/%m/%Y') FROM stg_header").fetchall() == [(read,)]
    assert con.execute("SELECT severity, code, message FROM dq_findings WHERE field = 'DOB'").fetchall() == [
        ("warning", "date_form", f'DOB "{dob}" was read as "{read}" (the date was written another way; the DfE '
                                 'takes dates written dd/mm/yyyy only)')]


def test_identical_reload_is_a_no_op(tmp_path, returns):
    con = open_store(tmp_path / "s.duckdb")
    load(con, returns, as_at=date(2025, 1, 31))
    before = _counts(con)
    again = load(con, returns, as_at=date(2025, 1, 31))
    assert again.already_loaded and "already loaded as snapshot 1" in again.summary()
    assert _counts(con) == before


def test_failed_load_leaves_store_exactly_as_before(tmp_path, returns):
    con = open_store(tmp_path / "s.duckdb")
    load(con, returns, as_at=date(2025, 1, 31))
    before = _counts(con)
    bad = tmp_path / "bad" / "2025-26"
    bad.mkdir(parents=True)
    (bad / "ok.csv").write_text("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA,M,01/01/2010,WBRI,UN1,,\n")
    (bad / "broken.csv").write_text("CHILD,DECOM\nA,01/01/2025\n")
    with pytest.raises(InputError, match="broken.csv"):
        load(con, [bad], as_at=date(2025, 5, 31))
    assert _counts(con) == before


def test_strict_load_with_errors_rolls_back(tmp_path, returns):
    con = open_store(tmp_path / "s.duckdb")
    with pytest.raises(InputError, match="--strict"):
        load(con, returns, as_at=date(2025, 1, 31), strict=True)
    assert sum(_counts(con).values()) == 0


class _CommitFails:
    """A store connection whose COMMIT fails as on a full disk: DuckDB has rolled back by the time it says so."""

    def __init__(self, con):
        self.con = con

    def execute(self, sql, *args):
        if sql == "COMMIT":
            self.con.execute("ROLLBACK")
            raise engine().error('TransactionContext Error: Failed to commit: Could not write file "s.duckdb.wal": '
                                 'No space left on device')
        return self.con.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self.con, name)


def test_a_commit_that_fails_is_the_error_raised_and_the_store_is_as_before(tmp_path, returns):
    con = open_store(tmp_path / "s.duckdb")
    load(con, returns[:1], as_at=date(2024, 3, 31))
    before = _counts(con)
    with pytest.raises(engine().error, match="No space left on device"):
        load(_CommitFails(con), returns, as_at=date(2025, 1, 31))
    assert _counts(con) == before


def test_remove_snapshot_is_explicit_and_complete(tmp_path, returns):
    con = open_store(tmp_path / "s.duckdb")
    load(con, returns, as_at=date(2025, 1, 31))
    load(con, returns, as_at=date(2025, 2, 28))
    assert remove_snapshot(con, 1)
    assert [s.snapshot_id for s in list_snapshots(con)] == [2]
    assert con.execute("SELECT DISTINCT snapshot_id FROM stg_episodes").fetchall() == [(2,)]
    assert not remove_snapshot(con, 99)


def test_year_inferred_from_dates_when_folder_has_no_year(tmp_path):
    (tmp_path / "extract").mkdir()
    (tmp_path / "extract" / "e.csv").write_text(
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
        "A,01/05/2024,S,C2,N1,U4,PR1,02/04/2025,E4A,,,,\n")
    con = open_store(":memory:")
    assert load(con, [tmp_path / "extract"]).collection_year == 2026


def test_load_keeps_validation_results_and_reuses_them_for_unchanged_returns(tmp_path):
    paths = write_returns(tmp_path / "in", with_headers({2025: {"episodes": [ep("A", "01/05/2024")]}}))
    (tmp_path / "in" / "2024-25" / "header.csv").write_text(
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA,Q,01/01/2010,WBRI,UN1,,\n")
    con = open_store(tmp_path / "s.duckdb")
    first = load(con, paths, as_at=date(2025, 3, 31))
    second = load(con, paths, as_at=date(2025, 4, 30))
    rows = con.execute("""SELECT v.snapshot_id, v.rule, v.row_no, f.path FROM validation_failures v
                          JOIN source_files f ON f.snapshot_id = v.snapshot_id AND f.file_id = v.file_id
                          WHERE v.rule = '101' ORDER BY 1""").fetchall()
    header = str(tmp_path / "in" / "2024-25" / "header.csv")
    assert rows == [(first.snapshot_id, "101", 1, header), (second.snapshot_id, "101", 1, header)]
    assert con.execute("SELECT count(*) FROM validation_runs").fetchall()[0][0] == 2


def test_files_already_stored_are_copied_not_reparsed(tmp_path, returns, monkeypatch):
    con = open_store(tmp_path / "s.duckdb")
    first = load(con, returns, as_at=date(2025, 1, 31))
    import careboard.ingest.files as files

    def no_parsing(*a, **k):
        raise AssertionError("a stored file was parsed again")

    monkeypatch.setattr(files, "read_csv_text", no_parsing)
    second = load(con, returns, as_at=date(2025, 2, 28))
    table = lambda sid: con.execute(  # noqa: E731
        "SELECT return_year, line_no, row_no, \"CHILD\", \"DECOM\", raw FROM stg_episodes WHERE snapshot_id = ? ORDER BY ALL",
        [sid]).fetchall()
    assert table(first.snapshot_id) == table(second.snapshot_id) and second.rows == first.rows
    codes = lambda sid: sorted(con.execute(  # noqa: E731
        "SELECT code, line_no FROM dq_findings WHERE snapshot_id = ?", [sid]).fetchall())
    assert codes(first.snapshot_id) == codes(second.snapshot_id)


def test_a_year_still_in_progress_is_not_validated_at_load(tmp_path):
    paths = write_returns(tmp_path / "in", with_headers({2025: {"episodes": [ep("A", "01/05/2024")]}}))
    (tmp_path / "in" / "2024-25" / "header.csv").write_text(
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA,Q,01/01/2010,WBRI,UN1,,\n")
    con = open_store(":memory:")
    load(con, paths, as_at=date(2025, 1, 31))
    assert con.execute("SELECT count(*) FROM validation_runs").fetchall()[0][0] == 0


def test_identical_file_in_two_year_folders_reloads(tmp_path):
    same = {"episodes": [ep("A", "01/05/2022")]}
    paths = write_returns(tmp_path / "in", with_headers({2024: same, 2025: same}))
    con = open_store(":memory:")
    load(con, paths, as_at=date(2025, 3, 31), validate=False)
    again = load(con, paths, as_at=date(2025, 4, 30), validate=False)
    years = con.execute("SELECT return_year, count(*) FROM stg_episodes WHERE snapshot_id = ? GROUP BY 1 ORDER BY 1",
                        [again.snapshot_id]).fetchall()
    assert years == [(2024, 1), (2025, 1)]


def test_cells_are_trimmed_of_tabs_and_non_breaking_spaces(tmp_path):
    d = tmp_path / "2024-25"
    d.mkdir()
    (d / "e.csv").write_text(
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
        "A ,\t01/05/2024,S,\xa0c2\t,N1,U4,PR1,,,, AB1 2CD\xa0,,\n", encoding="utf-8")
    con = open_store(":memory:")
    load(con, [d], validate=False)
    assert con.execute('SELECT "CHILD", "DECOM", "LS", "HOME_POST" FROM stg_episodes').fetchall() == [
        ("A", date(2024, 5, 1), "C2", "AB1 2CD")]


def test_duplicate_keys_are_findings_pointing_at_the_first_row(tmp_path):
    d = tmp_path / "2024-25"
    d.mkdir()
    row = "A,01/05/2024,S,C2,N1,U4,PR1,,,,,,\n"
    (d / "e.csv").write_text("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
                             + row + row + row.replace("A,", "B,", 1) + row)
    con = open_store(":memory:")
    load(con, [d], validate=False)
    found = con.execute("SELECT line_no, child, message FROM dq_findings WHERE code = 'duplicate_key' ORDER BY 1").fetchall()
    said = "another row (line 2) has the same CHILD + DECOM; the figures read the last of them (line 5)"
    assert found == [(3, "A", said), (5, "A", said)]
    from careboard.store.findings import as_outcome

    rows = as_outcome(con, 1).failures   # as careboard findings writes them: each key once, as the file has it
    values = rows.query("""SELECT "values" FROM {failures} WHERE "rule" = 'duplicate_key'""").fetchall()
    assert values == [("CHILD=A, DECOM=01/05/2024",)] * 2


def test_a_missing_year_between_returns_is_a_warning(tmp_path):
    paths = write_returns(tmp_path / "in", with_headers({2023: {"episodes": [ep("A", "01/05/2022")]},
                                                          2025: {"episodes": [ep("A", "01/05/2022")]}}))
    con = open_store(":memory:")
    load(con, paths, validate=False)
    (message,) = con.execute("SELECT message FROM dq_findings WHERE code = 'missing_year'").fetchall()[0]
    assert message.startswith("no return for 2023/24 was loaded")


def test_commands_counting_children_say_a_year_is_missing(tmp_path, capsys):
    """Seen: figures of a year with no return were printed with no word; the finding was in `findings` alone."""
    from careboard.cli import main

    paths = write_returns(tmp_path / "in", with_headers({2023: {"episodes": [ep("A", "01/05/2022")]},
                                                          2025: {"episodes": [ep("A", "01/05/2022")]}}))
    db = str(tmp_path / "s.duckdb")
    assert main(["load", *map(str, paths), "--db", db, "--no-validate"]) == 0
    capsys.readouterr()
    assert main(["indicators", "--db", db, "--as-at", "31/03/2024"]) == 0
    assert "note: no return for 2023/24 was loaded: periods of care" in capsys.readouterr().err


@pytest.mark.parametrize("score,kind", [("twelve", "bad_integer"), ("12.5", "bad_integer")])
def test_a_number_that_is_not_one_is_found_in_an_otherwise_clean_file(tmp_path, score, kind):
    # Typing marks the rows worth a second look (schema.NORMALISED); a cell it could not read must be one
    # of them, or the load would skip the check for a file with no other problem.
    d = tmp_path / "2024-25"
    d.mkdir()
    (d / "oc2.csv").write_text("CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,"
                               "HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED\n"
                               "A,01/05/2012,14,SDQ1,0,1,1,1,1,0,,\n"
                               f"B,01/05/2013,{score},SDQ1,0,1,1,1,1,0,,\n")
    con = open_store(":memory:")
    load(con, [d], validate=False)
    found = con.execute("SELECT code, field, line_no, child, value FROM dq_findings WHERE severity = 'error'").fetchall()
    assert found == [(kind, "SDQ_SCORE", 3, "B", score)]


def test_a_removed_snapshots_id_is_never_given_again_and_is_said_to_be_removed(tmp_path, capsys):
    """Seen: after removing snapshot 2 the next load was snapshot 2 again, so a findings file citing it meant
    other data."""
    from careboard.cli import main

    paths = write_returns(tmp_path / "in", with_headers({2025: {"episodes": [ep("A", "01/05/2024")]}}))
    con = open_store(tmp_path / "s.duckdb")
    for as_at in (date(2025, 1, 31), date(2025, 2, 28)):
        load(con, paths, as_at=as_at, validate=False)
    assert remove_snapshot(con, 2)
    assert load(con, paths, as_at=date(2025, 3, 31), validate=False).snapshot_id == 3
    con.close()
    assert main(["indicators", "--snapshot", "2", "--db", str(tmp_path / "s.duckdb")]) == 2
    assert "careboard: snapshot 2: it (as at 28/02/2025) was removed on " in capsys.readouterr().err


def test_a_return_whose_episodes_file_has_no_rows_is_said_to_be_an_export_that_failed(tmp_path):
    """Seen: a year's files cut to their column names loaded with a note about its year alone."""
    paths = write_returns(tmp_path / "in", with_headers({2024: {"episodes": [ep("A", "01/05/2022")]},
                                                          2025: {"episodes": []}}))
    con = open_store(":memory:")
    result = load(con, paths, validate=False)
    said = [n for n in result.notes if "its episodes file has no rows" in n]
    assert len(said) == 1 and said[0].startswith(f"{paths[1]}: ") and "2024/25's figures miss all it should hold" in said[0]
    assert con.execute("SELECT severity FROM dq_findings WHERE code = 'empty_episodes'").fetchall() == [("warning",)]


def test_indicators_say_when_figures_over_12_months_reach_back_before_the_returns(tmp_path, capsys):
    """Seen: a year in progress loaded alone gave starts and leavings over 12 months of its months alone, unsaid."""
    from careboard.cli import main

    paths = write_returns(tmp_path / "in", with_headers({2025: {"episodes": [ep("A", "01/05/2024")]}}))
    db = str(tmp_path / "s.duckdb")
    assert main(["load", *map(str, paths), "--db", db, "--no-validate", "--as-at", "30/11/2024"]) == 0
    capsys.readouterr()
    assert main(["indicators", "--db", db]) == 0
    assert ("figures over 12 months or 3 years (such as starts_count) reach back before April 2024, when the returns "
            "of snapshot 1 begin, and count only what happened since") in capsys.readouterr().err
