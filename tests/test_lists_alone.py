"""A snapshot of the council's local lists loaded alone, with no SSDA903 return (tests/data/local_lists, hand
written): nothing drawn from the return may read as zero children. Its figures say the return was not loaded,
its lists refuse to be drawn up, and the report shows the lists' figures only, saying so on its front page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from careboard.formats import registry as formats
from careboard.indicators import calculate, registry
from careboard.report.committee import NO_RETURN_NOTE, Inputs, build_report, not_shown_note
from careboard.judge.council import no_council
from careboard.store import open_store
from tests.cli_runs import assert_clean, run_cli
from tests.loading import load

LISTS = Path(__file__).parent / "data" / "local_lists" / "lists 2025-01-31"
ID_WIDTH = max(len(ind.id) for ind in registry.INDICATORS)     # the indicators table's first column


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("lists") / "s.duckdb"
    con = open_store(db)
    load(con, [LISTS])
    con.close()
    return db


def test_figures_from_the_return_say_it_was_not_loaded(store):
    ctx = calculate.Context.open(open_store(store, read_only=True), 1)
    cla = calculate.compute(ctx, registry.BY_ID["cla_count"])
    assert (cla.value, cla.not_loaded) == (None, ("SSDA903 return",))
    approvals = calculate.compute(ctx, registry.BY_ID["fostering_approvals_count"])
    assert approvals.value is not None and approvals.not_loaded == ()


@pytest.mark.parametrize("argv, says", [
    (["indicators"], "cla_count" + " " * (ID_WIDTH + 1) + "- count   (needs the SSDA903 return: not loaded)"),
    (["due"], "careboard: reviews_due: is drawn up from the council's SSDA903 return, which snapshot 1 does not hold: "
              "load it with the month's files"),
    (["children", "cla_count"], "careboard: cla_count: is worked out from the council's SSDA903 return, which "
                                "snapshot 1 does not hold"),
])
def test_commands_say_the_return_was_not_loaded(store, argv, says):
    run = run_cli(*argv, "--db", str(store))
    assert_clean(run, {0, 2})
    assert says in run.out + run.err


def test_the_report_shows_the_lists_figures_only_and_says_so(store):
    report = build_report(open_store(store, read_only=True), Inputs(no_council(), None, "Benchmarks are not loaded."))
    assert report.data_note.startswith(NO_RETURN_NOTE) and report.profiles == []
    assert "Children in care per 10,000 children" not in {p.title for p in report.panels}
    assert "New fostering households approved" in {p.title for p in report.panels}
    assert report.not_shown.startswith("No children-in-care return was loaded with this month's data, so the ")
    assert report.history_note == ""      # how the returns' years are read: there is none


def test_the_note_counts_what_the_return_would_give_and_names_what_lists_would():
    note = not_shown_note({"Children in care": ("SSDA903 return",), "Profile of children looked after": ("SSDA903 return",),
                           "Private fostering notifications": ("private fostering notifications",)})
    assert note == ("No children-in-care return was loaded with this month's data, so the 2 figures and tables drawn "
                    "from it are not shown. 1 figure or table is not shown, as it needs the council's private fostering "
                    "notifications, not loaded with this month's data: Private fostering notifications.")


def test_the_analyst_is_told_to_load_the_return_and_lists_together(store, tmp_path):
    run = run_cli("report", "--db", str(store), "--out", str(tmp_path), "--no-pdf")
    assert_clean(run, {0})
    assert ("note: snapshot 1 holds the council's lists alone, so the report leaves out every figure drawn from the "
            "SSDA903 return; load a month's return and lists together") in run.err


@pytest.mark.parametrize("tables, left_out", [
    (("header", "episodes"), {"cl_eet_pct_19_21": "care leavers' records", "health_assessment_pct":
                              "annual health and wellbeing records", "reviews_on_time_pct": "reviews"}),
    (("episodes", "reviews", "oc2", "oc3", "sw_episodes"), {"uasc_count": "children's details",
                                                            "cl_eet_pct_19_21": "children's details"}),
])
def test_a_return_leaving_out_a_table_every_return_has_rows_in_gives_no_figure_from_it(tmp_path, tables, left_out):
    """Seen: a return of CSV files without its Header file gave 0 unaccompanied children, one without OC3 said
    of every care leaver figure that nobody was in the group. A table a return with no adoptions may well
    leave out (AD1) is read as empty; so is every table of an XML return, which holds them all."""
    from tests.cohort import ep, row, write_returns

    rows = {"header": [row(child="A", sex="1", dob="01/01/2006", ethnic="WBRI")],
            "episodes": [ep("A", "01/05/2024", rne="S", ls="C2", place="U4")], "reviews": [], "oc2": [], "oc3": [],
            "sw_episodes": []}
    (folder,) = write_returns(tmp_path / "files", {2025: {t: rows[t] for t in tables}})
    db = str(tmp_path / "s.duckdb")
    load = run_cli("load", str(folder), "--db", db, "--no-validate", "--as-at", "31/03/2025")
    assert_clean(load, {0})
    run = run_cli("indicators", "--db", db)
    assert_clean(run, {0})
    for ind, missing in left_out.items():
        assert re.search(rf"{ind} +- +\S+ +\(needs the {re.escape(missing)}: not loaded\)", run.out), ind
    assert re.search(r"adopt_a1_days +- +days +\(no adoptions to count\)", run.out)      # no AD1: none adopted
    assert "cla_count" + " " * (ID_WIDTH + 1) + "1 count" in run.out
    left = [t for t in ("header", "reviews", "oc2", "oc3", "sw_episodes") if t not in tables]
    said = [line for line in load.out.splitlines() if " has no " in line]
    assert len(said) == 1 and said[0].startswith(f"note: {folder}: has no ") and all(
        f"{formats.table(t).title} ({formats.table(t).records})" in said[0] for t in left), said
    # validate says it once too, rather than only row by row in the rules comparing the tables
    from careboard.validate.session import validate_paths

    told = [n for n in validate_paths([folder]).notes if " has no " in n]
    assert len(told) == 1 and told[0].startswith(f"{folder}: has no ") and told[0].endswith("and validate again") \
        and all(f"{formats.table(t).title} ({formats.table(t).records})" in told[0] for t in left), told


def test_a_return_of_a_year_in_progress_without_its_year_end_table_says_what_its_figures_are(tmp_path):
    """Seen: a 2025/26 return loaded in January with last year's was said to have 'no OC2 file, so every figure drawn
    from it has no value', though the report showed last year's health figures, as it should: OC2 is drawn up once
    the year has ended. A table another return of the load holds leaves this year's figures counting none."""
    from tests.cohort import ep, row, write_returns

    child = [row(child="A", sex="1", dob="01/01/2012", ethnic="WBRI")]
    full = {"header": child, "episodes": [ep("A", "01/05/2022", rne="S", ls="C2", place="U4")], "reviews": [],
            "oc2": [row(child="A", dob="01/01/2012", health_assessment="1")], "oc3": [], "sw_episodes": []}
    this = {t: rows for t, rows in full.items() if t not in ("oc2", "sw_episodes")}
    folders = write_returns(tmp_path / "files", {2025: full, 2026: this})
    db = str(tmp_path / "s.duckdb")
    load = run_cli("load", *map(str, folders), "--db", db, "--no-validate", "--as-at", "31/01/2026")
    assert_clean(load, {0})
    said = [line for line in load.out.splitlines() if " has no " in line]
    assert said == [f"note: {folders[1]}: has no OC2 (annual health and wellbeing records) file, which is drawn up "
                    "once the year has ended: the figures drawn from it are the last complete year's",
                    f"note: {folders[1]}: has no SWEpisodes (social worker records) file, so 2025/26's figures drawn "
                    "from it count none: add it to the return's files and load again"], said
    run = run_cli("indicators", "--db", db)
    assert_clean(run, {0})
    assert re.search(r"health_assessment_pct +100\.0 %", run.out), run.out


def test_due_list_all_writes_no_workbook_when_no_list_can_be_drawn_up(tmp_path):
    """Private fostering notifications alone: no operational list is drawn from them, so there is nothing to write."""
    import shutil

    (tmp_path / "lists").mkdir()
    shutil.copy(LISTS / "Private fostering.csv", tmp_path / "lists")
    db = str(tmp_path / "s.duckdb")
    assert_clean(run_cli("load", str(tmp_path / "lists"), "--as-at", "31/01/2025", "--db", db), {0})
    run = run_cli("due", "--list", "all", "--output", str(tmp_path / "due.xlsx"), "--db", db)
    assert_clean(run, {2})
    assert run.err.splitlines()[-1].startswith("careboard: --list all: none of the lists can be drawn up from snapshot 1")
    assert not (tmp_path / "due.xlsx").exists()


def test_a_return_without_its_header_file_leaves_out_the_profile_tables_drawn_from_it(tmp_path):
    """Seen: every child under "Date of birth not recorded", "Unknown" gender and "Not stated" ethnicity."""
    from tests.cohort import ep, write_returns

    episodes = [ep("A", "01/05/2024", rne="S", ls="C2", place="U4"), ep("B", "01/06/2024", rne="S", ls="V2", place="K2")]
    (folder,) = write_returns(tmp_path / "files", {2025: {"episodes": episodes, "reviews": [], "oc2": [], "oc3": [],
                                                          "sw_episodes": []}})
    db = tmp_path / "s.duckdb"
    assert_clean(run_cli("load", str(folder), "--db", str(db), "--no-validate", "--as-at", "31/03/2025"), {0})
    report = build_report(open_store(db, read_only=True), Inputs(no_council(), None, ""))
    tables = {table.title: table.rows for table in report.profiles}
    assert list(tables) == ["Children looked after", "Legal status", "Placement", "Length of time in care"]
    assert tables["Legal status"][1:3] == [("Full care orders", [1], False), ("Voluntary agreements", [1], False)]
    for title in ("Age", "Gender", "Ethnicity", "Unaccompanied asylum-seeking children"):
        assert f"; {title} (profile table)" in report.not_shown, title
    assert "they need the council's " in report.not_shown and "children's details" in report.not_shown


def test_a_months_lists_loaded_on_their_own_are_read_with_its_return_loaded_the_same_day(tmp_path):
    """Seen: the lists loaded as at 31/01 on their own, then the month's return as another snapshot the same day:
    every figure from the lists had no value ('not loaded with this month's data'), and the note advised removing
    the snapshot that held them. The return's snapshot reads the lists of the same day it has none of its own, and
    loaded the other way round, the lists' snapshot reads the return."""
    import shutil

    ret = tmp_path / "return" / "2024-25"
    shutil.copytree(Path(__file__).parent / "data" / "local_lists" / "with_903" / "2024-25", ret)
    for name in ("activity log.csv", "temporary approvals.csv"):
        (ret / name).unlink()
    db = str(tmp_path / "s.duckdb")
    assert_clean(run_cli("load", str(LISTS), "--as-at", "31/01/2025", "--db", db), {0})
    run = run_cli("load", str(ret), "--as-at", "31/01/2025", "--db", db)
    assert_clean(run, {0})
    assert ("note: The activity log, fostering applications, fostering households, private fostering notifications, "
            "adoption and special guardianship support requests and connected carers' temporary approvals of "
            "snapshot 1, taken the same day (31/01/2025), are read with this one, which has none of their own."
            in run.out), run.out
    ctx = calculate.Context.open(open_store(db, read_only=True), 2)
    assert {"child_activities", "fostering_households", "episodes"} <= ctx.tables_loaded
    visits = calculate.compute(ctx, registry.BY_ID["visits_on_time_pct"])
    assert visits.not_loaded == () and visits.denominator
    # the other way round, at the end of the year: the lists' snapshot reads the return, its years and its DfE
    # rules' results
    db = str(tmp_path / "t.duckdb")
    assert_clean(run_cli("load", str(ret), "--as-at", "31/03/2025", "--db", db), {0})
    run = run_cli("load", str(LISTS), "--as-at", "31/03/2025", "--db", db)
    assert_clean(run, {0})
    assert ("note: The SSDA903 return of snapshot 1, taken the same day (31/03/2025), is read with this one, which "
            "has none of its own." in run.out), run.out
    assert "Loaded snapshot 2 as at 31/03/2025 (collection year 2024/25)" in run.out
    con = open_store(db, read_only=True)
    ctx = calculate.Context.open(con, 2)
    assert ctx.holds_return and calculate.compute(ctx, registry.BY_ID["cla_count"]).value == 2
    for table in ("validation_failures WHERE", "validation_runs WHERE"):
        n = [con.execute(f"SELECT count(*) FROM {table} snapshot_id = ?", [sid]).fetchone()[0] for sid in (1, 2)]
        assert n[0] and n[0] == n[1], (table, n)


def test_an_xml_return_written_to_the_dfe_schema_says_it_holds_no_social_worker_episodes():
    """Seen: an XML return to the 2021 schema, which has no SWEPISODE, got SW12STG2 for every child, and no word
    that the table was missing, where a return of CSV files without it got one. Tables of the schema with no rows
    have none (a council with no adoptions), and say nothing."""
    from careboard.validate.session import validate_paths

    folder = Path(__file__).parent / "data" / "cli" / "xml"
    told = [n for n in validate_paths([folder]).notes if " holds no " in n or " has no " in n]
    assert told == [f"{folder}: holds no SWEpisodes (social worker records), so the rules comparing other tables "
                    "with it report rows as missing from it: add it to the return's files and validate again"]


def test_a_list_with_its_column_names_and_no_rows_is_said_to_count_none(tmp_path):
    """Seen: an Annex A whose lists held Ofsted's headers and no rows loaded with no word, and the report said
    no adopters were approved in the year: a template nobody filled in reads as a year of nothing."""
    folder = tmp_path / "lists 2025-01-31"
    folder.mkdir()
    for f in LISTS.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    emptied = sorted(folder.glob("*.csv"))[0]
    emptied.write_text(emptied.read_text().splitlines()[0] + "\n")
    con = open_store(":memory:")
    result = load(con, [folder])
    table = con.execute("SELECT table_name FROM source_files WHERE rows = 0").fetchone()[0]
    said = [n for n in result.notes if "has its column names but no rows" in n]
    assert said == [f"{emptied}: the {formats.table(table).in_text} has its column names but no rows: every figure "
                    "drawn from it counts none. If it was not filled in, leave it out and load again, and those "
                    "figures have no value"]
    assert con.execute("SELECT severity, table_name FROM dq_findings WHERE code = 'empty_list'").fetchall() == [
        ("warning", table)]


def test_a_day_before_the_lists_were_taken_names_the_snapshot_of_lists_taken_then(tmp_path, capsys):
    """Seen: with the lists taken on the day in snapshot 1, snapshot 2's figures for that day said only 'not loaded'."""
    from datetime import date

    from careboard.cli import main

    db = tmp_path / "s.duckdb"
    con = open_store(db)
    load(con, [LISTS], as_at=date(2024, 12, 31))
    load(con, [LISTS])
    ctx = calculate.Context.open(con, 2)
    value = calculate.compute(ctx, registry.BY_ID["fostering_approvals_count"], date(2024, 12, 31))
    assert value.not_loaded == ("lists as taken on 31/12/2024, which snapshot 1 holds (give --snapshot 1)",)
    con.close()
    assert main(["children", "fostering_approvals_count", "--db", str(db), "--as-at", "31/12/2024"]) == 2
    assert "give --snapshot 1, which holds those taken then, or leave --as-at out" in capsys.readouterr().err
