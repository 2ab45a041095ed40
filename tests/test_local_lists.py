"""Loading the local lists (docs/local-lists.md): alone or with an SSDA903 return, with the findings a
council's real exports give, one copy of each list, and nothing stored when a load is refused. The cases
are data (tests/data/local_lists/cases.toml); one helper checks each."""

from __future__ import annotations

import shutil
import tomllib
from datetime import date
from pathlib import Path

import pytest

from careboard.dates import parse_date
from careboard.errors import InputError
from careboard.formats import registry
from careboard.ingest.list_dates import as_at_of_lists
from careboard.store import open_store
from tests.loading import load

DATA = Path(__file__).parent / "data" / "local_lists"
TEMPLATES = Path(__file__).parents[1] / "templates"
CASES = tomllib.loads((DATA / "cases.toml").read_text())["case"]
LISTS = registry.get("local_lists")


def _findings(con, sid: int) -> list[str]:
    rows = con.execute("""SELECT severity, code, table_name, line_no, coalesce(field, '-') FROM dq_findings
                          WHERE snapshot_id = ?""", [sid]).fetchall()
    return sorted(" ".join(map(str, r)) for r in rows)


def check_load(tmp_path, case: dict) -> None:
    """Load the case's folders into a new store and compare what was stored, and found, with the case."""
    con = open_store(tmp_path / "s.duckdb")
    given = parse_date(case["given"]) if "given" in case else None
    paths = [DATA / p for p in case["paths"]]
    if "error" in case:
        with pytest.raises(InputError) as e:
            load(con, paths, as_at=given, validate=False)
        assert case["error"] in e.value.message
        assert con.execute("SELECT count(*) FROM snapshots").fetchone() == (0,)
        assert all(con.execute(f"SELECT count(*) FROM stg_{t}").fetchone() == (0,) for t in registry.all_tables())
        return
    result = load(con, paths, as_at=given, validate=False)
    sid = result.snapshot_id
    assert result.as_at == parse_date(case["as_at"])
    for table, n in case["rows"].items():
        assert result.rows[table] == n, table
        assert con.execute(f"SELECT count(*), min(return_year), max(return_year) FROM stg_{table} WHERE snapshot_id = ?",
                           [sid]).fetchone() == (n, case["return_year"], case["return_year"]), table
    if "note" in case:
        assert any(case["note"] in n for n in result.notes), result.notes
    formats, start, end = con.execute("SELECT source_formats, period_start, period_end FROM snapshots WHERE snapshot_id = ?",
                                      [sid]).fetchone()
    assert formats == case.get("formats", "local_lists")
    if "period" in case:
        assert (start, end) == tuple(parse_date(d) for d in case["period"])
    found = _findings(con, sid)
    if "findings" in case:
        assert found == sorted(case["findings"])
    for code in case.get("findings_without", ()):
        assert not [f for f in found if f.split()[1] == code], found


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_loading_lists(tmp_path, case):
    check_load(tmp_path, case)


@pytest.mark.parametrize("template", sorted(TEMPLATES.glob("*.csv")), ids=lambda p: p.name)
def test_each_template_loads_cleanly_as_its_list(tmp_path, template):
    folder = tmp_path / "lists"
    folder.mkdir()
    shutil.copy(template, folder)
    con = open_store(tmp_path / "s.duckdb")
    result = load(con, [folder], as_at=date(2025, 12, 31), validate=False)
    assert result.rows[template.stem] == 1
    assert _findings(con, result.snapshot_id) == []


def test_every_list_has_a_template():
    assert sorted(p.stem for p in TEMPLATES.glob("*.csv")) == sorted(LISTS.tables())


@pytest.mark.parametrize("cell, hint", [
    ("31/02/2020", "there is no such date"),          # as the hand-written list has it
    ("TBC", "leave the cell blank where there is no date"),
    ("Jan 2020", "give the day as well as the month and year"),
    ("3/14/2020", "it reads only month first (as Excel saves dates with US settings); save the dates as dd/mm/yyyy"),
])
def test_an_unreadable_date_in_a_list_says_why(tmp_path, cell, hint):
    folder = tmp_path / "lists 2025-01-31"
    shutil.copytree(DATA / "lists 2025-01-31", folder)
    households = folder / "Fostering households.csv"
    households.write_text(households.read_text().replace("31/02/2020", cell))
    con = open_store(tmp_path / "s.duckdb")
    load(con, [folder], validate=False)
    (message,) = con.execute("SELECT message FROM dq_findings WHERE code = 'bad_date'").fetchone()
    assert message == f'APPROVED "{cell}" is not a date (written dd/mm/yyyy): {hint}'


def test_loading_the_same_lists_again_changes_nothing(tmp_path):
    con = open_store(tmp_path / "s.duckdb")
    first = load(con, [DATA / "lists 2025-01-31"], validate=False)
    again = load(con, [DATA / "lists 2025-01-31"], validate=False)
    assert again.already_loaded and again.snapshot_id == first.snapshot_id


def test_lists_already_stored_are_copied_with_their_findings(tmp_path):
    """A list file unchanged since an earlier load is copied from the store, findings and all; its
    dates are checked again against the new as-at date."""
    con = open_store(tmp_path / "s.duckdb")
    first = load(con, [DATA / "lists 2025-01-31"], validate=False)
    later = load(con, [DATA / "lists 2025-01-31"], as_at=date(2025, 2, 28), validate=False)
    assert later.rows == first.rows
    before, after = _findings(con, first.snapshot_id), _findings(con, later.snapshot_id)
    assert [f for f in before if "date_after_as_at" not in f] == after


@pytest.mark.parametrize("names,today,expected,said", [
    (["lists 2025-01-31/households.csv"], date(2025, 6, 1), date(2025, 1, 31), "the date in the name 'lists 2025-01-31'"),
    (["lists/households_31-01-2025.csv", "lists/activity 20250228.csv"], date(2025, 6, 1), date(2025, 2, 28),
     "the names also give 31/01/2025; the latest is taken"),
    (["lists/households.csv"], date(2025, 6, 1), date(2025, 6, 1), "so the lists are taken as at today, 01/06/2025"),
    (["lists/households 2025-13-45.csv"], date(2025, 6, 1), date(2025, 6, 1), "as at today"),    # not a date
    (["lists/households 2031-01-31.csv"], date(2025, 6, 1), date(2025, 6, 1), "as at today"),    # after today
    (["lists/export 4202501310.csv"], date(2025, 6, 1), date(2025, 6, 1), "as at today"),        # inside a number
])
def test_the_day_lists_were_taken_comes_from_their_names_or_today(names, today, expected, said):
    as_at, note = as_at_of_lists([Path(n) for n in names], today)
    assert as_at == expected and said in note


@pytest.mark.parametrize("argv,code,says", [
    (["load", str(DATA / "with_903"), "--no-validate"], 0,
     "the local lists (2 files) are taken as at 31/03/2025, the snapshot's as-at date"),
    (["load", str(DATA / "lists 2025-01-31")], 0, "(local lists, no SSDA903 return): 10 fostering_households"),
    (["load", str(DATA / "second_copy"), "--as-at", "31/01/2025"], 2, "is a second fostering households list"),
    (["load", str(DATA / "own_folder" / "lists"), "--year", "2025"], 2, "only local lists were given"),
])
def test_the_load_command_on_lists(tmp_path, argv, code, says):
    from tests.cli_runs import assert_clean, run_cli

    run = run_cli(*argv, "--db", str(tmp_path / "s.duckdb"))
    assert_clean(run, {code})
    assert says in run.out + run.err


def test_snapshots_and_findings_show_the_lists(tmp_path):
    from tests.cli_runs import assert_clean, run_cli

    db = str(tmp_path / "s.duckdb")
    assert_clean(run_cli("load", str(DATA / "with_903"), "--no-validate", "--db", db), {0})
    assert_clean(run_cli("load", str(DATA / "lists 2025-01-31"), "--db", db), {0})
    listed = run_cli("snapshots", "--db", db)
    assert [line.split()[2] for line in listed.out.splitlines()[1:]] == ["lists", "2024-25"]     # oldest first
    assert all(line.endswith("(with the council's local lists)") for line in listed.out.splitlines()[1:])
    out = tmp_path / "findings.csv"
    assert_clean(run_cli("findings", "--db", db, "--snapshot", "2", "--output", str(out)), {0})
    assert "HOUSEHOLD_TYPE \"\"RELATIVES\"\" is not one of the codes this list allows" in out.read_text()


def test_a_store_made_before_the_lists_is_still_read(tmp_path):
    """A store an earlier careboard made has no list tables: read-only commands read it as holding no lists."""
    from tests.cli_runs import assert_clean, run_cli

    db = tmp_path / "old.duckdb"
    con = open_store(db)
    load(con, [DATA / "own_folder" / "2024-25"], validate=False)
    for table in LISTS.tables():
        con.execute(f"DROP TABLE stg_{table}")
    con.close()
    run = run_cli("findings", "--db", str(db), "--output", str(tmp_path / "findings.csv"))
    assert_clean(run, {0})
    assert run_cli("snapshots", "--db", str(db)).out.splitlines()[1].split()[2] == "2024-25"


def test_a_code_no_list_allows_is_one_error_and_a_long_value_is_the_lists_to_refuse(tmp_path):
    """An activity the log does not know, written long, is an unknown code, not also a value too long; a team's
    name too long is too long for the list, not for 'the return'."""
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "Activity log.csv").write_text(
        "CHILD,ACTIVITY,DATE,AREA,TEAM,WORKER,DUE\n"
        f"C101,HEALTH ASSESSMENT DONE,13/08/2024,,{'T' * 61},Ali Khan,13/08/2024\n")
    con = open_store(tmp_path / "s.duckdb")
    sid = load(con, [tmp_path / "lists"], as_at=date(2025, 1, 31), validate=False).snapshot_id
    found = con.execute("SELECT code, field, message FROM dq_findings WHERE snapshot_id = ? AND severity = 'error' "
                        "ORDER BY field", [sid]).fetchall()
    assert [(code, field) for code, field, _ in found] == [("unknown_code", "ACTIVITY"), ("too_long", "TEAM")]
    assert "characters long; the list allows at most 60" in found[1][2]


def test_files_set_aside_from_a_folder_of_lists_are_said(tmp_path):
    """As they are from a return's folder: a readme, and a workbook holding no table careboard reads."""
    from tests.annex_a_books import write_book

    folder = tmp_path / "lists"
    shutil.copytree(DATA / "lists 2025-01-31", folder)
    (folder / "readme.docx").write_bytes(b"PK\x03\x04 not really a document")
    write_book(folder / "budget 2024.xlsx", {"Budget": [["Cost centre", "Spend"], ["CiC", 1200]]})
    result = load(open_store(tmp_path / "s.duckdb"), [folder], as_at=date(2025, 1, 31), validate=False)
    aside = [n for n in result.notes if "set aside" in n]
    assert aside == [f"{folder}: 1 file set aside (readme.docx), as careboard reads only CSV, XML and Excel files",
                     f"{folder}: 1 file set aside (budget 2024.xlsx), as it holds no table careboard reads"]


def test_an_extension_of_a_temporary_approval_beyond_8_weeks_is_a_warning(tmp_path):
    """CPPCR reg 25: one extension of up to 8 weeks after the 16-week date. T1's runs 8 weeks after its recorded
    16-week date (02/01/2025 to 27/02/2025): allowed. T2 began 01/10/2024, so its 16-week date is 21/01/2025,
    the latest extension 18/03/2025, and it is recorded to 31/03/2025: warned, and kept as written."""
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "temporary approvals.csv").write_text(
        "CHILD,CARER,APPROVAL_START,WEEK_16,EXTENDED_TO,APPROVAL_END,END_OUTCOME\n"
        "T1,K1,12/09/2024,02/01/2025,27/02/2025,,\n"
        "T2,K2,01/10/2024,,31/03/2025,,\n")
    con = open_store(tmp_path / "s.duckdb")
    sid = load(con, [tmp_path / "lists"], as_at=date(2025, 1, 31), validate=False).snapshot_id
    found = con.execute("SELECT severity, code, line_no, field, value, message FROM dq_findings WHERE snapshot_id = ? "
                        "AND code = 'extension_too_long'", [sid]).fetchall()
    assert [f[:5] for f in found] == [("warning", "extension_too_long", 3, "EXTENDED_TO", "31/03/2025")]
    assert found[0][5].startswith("EXTENDED_TO 31/03/2025 is more than 8 weeks after the 16-week date (21/01/2025)")
    assert con.execute("SELECT count(*) FROM stg_temporary_approvals WHERE snapshot_id = ?", [sid]).fetchone() == (2,)


def test_a_day_number_written_as_text_in_a_workbook_is_read_as_its_date_with_a_note_not_an_error(tmp_path):
    """Seen: '45975 (a day number saved as text) was an error saying it could not be read, and a warning saying it
    was read as 14/11/2025, which it was."""
    from tests.annex_a_books import write_book

    (tmp_path / "lists").mkdir()
    write_book(tmp_path / "lists" / "activity.xlsx", {"Activities": [
        ["CHILD", "ACTIVITY", "DATE", "AREA", "TEAM", "WORKER"],
        ["C101", "VISIT", "45975", None, "CiC North", "Ali Khan"],
        ["C102", "VISIT", 45976, None, "CiC North", "Ali Khan"]]})
    con = open_store(tmp_path / "s.duckdb")
    sid = load(con, [tmp_path / "lists"], as_at=date(2025, 11, 30), validate=False).snapshot_id
    assert con.execute('SELECT "DATE" FROM stg_child_activities WHERE snapshot_id = ? ORDER BY line_no',
                       [sid]).fetchall() == [(date(2025, 11, 14),), (date(2025, 11, 15),)]
    assert con.execute("SELECT count(*) FROM dq_findings WHERE snapshot_id = ? AND severity = 'error'",
                       [sid]).fetchone() == (0,)


def test_the_note_on_the_lists_date_names_an_annex_a_workbook_apart_from_the_local_lists(tmp_path):
    """Seen: "the local lists (7 files)" for six lists and an Annex A workbook."""
    from tests.annex_a_books import LIST_8, list_8_row, write_book
    from tests.cli_runs import assert_clean, run_cli

    folder = tmp_path / "2024-25"
    shutil.copytree(DATA / "with_903" / "2024-25", folder)
    write_book(folder / "annex a.xlsx", {"List 8": [LIST_8, list_8_row("C101")]})
    run = run_cli("load", str(folder), "--no-validate", "--db", str(tmp_path / "s.duckdb"))
    assert_clean(run, {0})
    assert ("the local lists (2 files) and the Annex A workbook are taken as at 31/03/2025, the snapshot's as-at date"
            in run.out + run.err)


def test_a_list_workbook_with_two_copies_of_a_list_is_refused_without_pointing_to_annex_a(tmp_path):
    """careboard annex-a reads Annex A workbooks only: it refused the workbook its advice named."""
    from tests.annex_a_books import write_book

    header = ["HOUSEHOLD", "HOUSEHOLD_TYPE", "APPROVED", "PLACES", "DEREGISTERED", "DEREG_REASON"]
    path = write_book(tmp_path / "households.xlsx", {"Households": [header, ["H1", "MAINSTREAM", date(2020, 1, 1), 2]],
                                                    "Old": [header, ["H1", "MAINSTREAM", date(2020, 1, 1), 1]]})
    with pytest.raises(InputError) as e:
        load(open_store(tmp_path / "s.duckdb"), [path], as_at=date(2025, 1, 31), validate=False)
    assert e.value.message.endswith("both hold Fostering households; remove the one not to load from the workbook")


def test_a_list_holding_its_column_names_alone_is_in_the_load_summary_with_no_rows(tmp_path):
    """Seen: read rightly as no notifications, but the summary never named it, so nobody could tell it was found."""
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "private fostering.csv").write_text("CHILD,NOTIFIED,NOTIFIED_BY,FIRST_VISIT,ASSESSED,"
                                                              "LATEST_VISIT,ENDED\n")
    (tmp_path / "lists" / "households.csv").write_text("HOUSEHOLD,HOUSEHOLD_TYPE,APPROVED,PLACES,DEREGISTERED,"
                                                       "DEREG_REASON\nH1,MAINSTREAM,01/01/2020,2,,\n")
    result = load(open_store(tmp_path / "s.duckdb"), [tmp_path / "lists"], as_at=date(2025, 1, 31), validate=False)
    assert "1 fostering_households, 0 private_fostering" in result.summary()


def test_a_code_written_in_the_councils_own_words_is_read_as_the_code_with_a_warning(tmp_path):
    """Seen: "Family and friends", as docs/local-lists.md itself describes CONNECTED, was an unknown code."""
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "households.csv").write_text(
        "HOUSEHOLD,HOUSEHOLD_TYPE,APPROVED,PLACES,DEREGISTERED,DEREG_REASON\n"
        "H1,Family and friends,01/01/2020,1,,\nH2,Respite,01/01/2020,1,,\nH3,Grandparents,01/01/2020,1,,\n")
    con = open_store(tmp_path / "s.duckdb")
    sid = load(con, [tmp_path / "lists"], as_at=date(2025, 1, 31), validate=False).snapshot_id
    assert con.execute('SELECT "HOUSEHOLD_TYPE" FROM stg_fostering_households WHERE snapshot_id = ? ORDER BY line_no',
                       [sid]).fetchall() == [("CONNECTED",), ("SHORT_BREAKS",), ("GRANDPARENTS",)]
    found = con.execute("SELECT code, line_no, message FROM dq_findings WHERE snapshot_id = ? AND code IN "
                        "('code_in_other_words', 'unknown_code') ORDER BY line_no", [sid]).fetchall()
    assert [(code, line) for code, line, _ in found] == [("code_in_other_words", 2), ("code_in_other_words", 3),
                                                         ("unknown_code", 4)]
    assert found[0][2] == 'HOUSEHOLD_TYPE "Family and friends" was read as "CONNECTED" (the list\'s code for those words)'


def test_a_codes_other_words_name_a_code_of_its_column():
    for name, t in registry.all_tables().items():
        for column, words in t.code_words.items():
            assert set(words.values()) <= set(t.codes.get(column, ())), (name, column)
