"""Child IDs that lost their leading zeros: a file opened and saved in Excel turns 000123 into 123, so the child
in that file and the same child in the others read as two. load records one error per such file, naming the
other file and an example (hand-written returns; store/checks.py)."""

from __future__ import annotations

from datetime import date

from careboard.store import open_store
from tests.cohort import child, ep, write_returns
from tests.loading import load

PADDED = [child("000123"), child("004567"), child("C8")]
EPISODES = [ep("000123", "01/05/2024"), ep("004567", "01/06/2024"), ep("C8", "01/07/2024")]
STRIPPED = [ep("123", "01/05/2024"), ep("4567", "01/06/2024"), ep("C8", "01/07/2024")]


def _found(tmp_path, returns) -> list[tuple]:
    con = open_store(tmp_path / "s.duckdb")
    load(con, write_returns(tmp_path / "in", returns), as_at=date(2025, 3, 31))
    return con.execute("SELECT severity, table_name, line_no, child, value, message FROM dq_findings "
                       "WHERE code = 'child_id_zeros'").fetchall()


def test_a_file_saved_through_excel_is_one_error_naming_the_other_file(tmp_path):
    assert _found(tmp_path, {2025: {"header": PADDED, "episodes": STRIPPED}}) == [
        ("error", "episodes", 2, "123", "123",
         "2 child IDs here match IDs in 2024-25/header.csv only without that file's leading zeros (123 here is 000123 "
         "there), so each of those children reads as two. Excel drops the zeros at the start of a number when it "
         "saves a CSV: export the file again without saving it in Excel, or set the column to Text first")]


def test_ids_written_alike_everywhere_are_no_finding(tmp_path):
    assert _found(tmp_path, {2025: {"header": PADDED, "episodes": EPISODES}}) == []


def test_last_years_file_is_compared_too(tmp_path):
    found = _found(tmp_path, {2024: {"header": PADDED[:1], "episodes": [ep("000123", "01/05/2023")]},
                              2025: {"header": [child("123")], "episodes": [ep("123", "01/05/2023")]}})
    # This year's two files each match last year's two.
    assert sorted((table, child_id) for _, table, _, child_id, _, _ in found) == [("episodes", "123"), ("header", "123")]
    # named by folder and file: every year's file has one name
    assert all(message.startswith("1 child ID here matches an ID in 2023-24/episodes.csv (and 1 other file) only without")
               for *_, message in found)


def test_a_reload_with_a_file_more_keeps_one_finding_per_file(tmp_path):
    con = open_store(tmp_path / "s.duckdb")
    first = write_returns(tmp_path / "a", {2025: {"header": PADDED, "episodes": STRIPPED}})
    load(con, first, as_at=date(2025, 3, 31))
    (first[0] / "reviews.csv").write_text("CHILD,DOB,REVIEW,REVIEW_CODE\n000123,01/01/2010,10/06/2024,PN1\n")
    load(con, first, as_at=date(2025, 3, 31))
    counts = con.execute("SELECT snapshot_id, count(*) FROM dq_findings WHERE code = 'child_id_zeros' "
                         "GROUP BY ALL ORDER BY 1").fetchall()
    assert counts == [(1, 1), (2, 1)]


def test_validate_and_every_command_counting_children_say_it(tmp_path):
    """Seen: load recorded it, but validate printed rule failures only and indicators showed wrong figures
    without a word."""
    from careboard.validate.session import validate_paths
    from tests.cli_runs import assert_clean, run_cli

    (folder,) = write_returns(tmp_path / "in", {2025: {"header": PADDED, "episodes": STRIPPED, "reviews": []}})
    said = ("2 child IDs here match IDs in 2024-25/header.csv only without that file's leading zeros (123 here is 000123 "
            "there), so each of those children reads as two.")
    notes = [n for n in validate_paths([folder]).notes if "leading zeros" in n]
    assert len(notes) == 1 and notes[0].startswith(f"{folder / 'episodes.csv'}, line 2: {said}")
    db = str(tmp_path / "s.duckdb")
    assert_clean(run_cli("load", str(folder), "--db", db, "--as-at", "31/03/2025"), {0})
    for command in (["indicators"], ["children", "cla_count"], ["due"]):
        run = run_cli(*command, "--db", db)
        assert_clean(run, {0})
        assert f"note: {folder / 'episodes.csv'}: {said}" in run.err, command


def test_an_activity_log_saved_through_excel_is_the_error_too_and_its_children_are_in_no_return(tmp_path):
    """Seen: a log whose IDs lost their zeros gave every activity-log figure 0%, without a word. Both are said of
    the log: its IDs match the return's only without the zeros, and its children are in no return loaded."""
    from tests.cohort import activity

    log = [activity("123", "VISIT", "10/03/2025"), activity("4567", "VISIT", "12/03/2025"),
           activity("C8", "VISIT", "14/03/2025")]
    con = open_store(tmp_path / "s.duckdb")
    load(con, write_returns(tmp_path / "in", {2025: {"header": PADDED, "episodes": EPISODES, "child_activities": log}}),
         as_at=date(2025, 3, 31))
    found = dict(con.execute("SELECT code, message FROM dq_findings WHERE table_name = 'child_activities' AND code IN "
                             "('child_id_zeros', 'children_not_in_return')").fetchall())
    assert found["child_id_zeros"].startswith("2 child IDs here match IDs in 2024-25/episodes.csv (and 1 other file) only "
                                              "without that file's leading zeros (123 here is 000123 there)")
    assert found["children_not_in_return"] == (
        "2 of the 3 children in this list (123 the first, on line 2) are in no SSDA903 return loaded, so what the "
        "list says of them counts in no figure: check that the list gives each child the ID the return gives them")


def test_a_list_of_children_privately_fostered_is_not_matched_with_the_return():
    """Children privately fostered are not looked after: in no return, whatever their IDs."""
    from careboard.tables.child_zeros import tables_with_children

    assert "private_fostering" not in tables_with_children()
    assert {"child_activities", "temporary_approvals", "annex_a_children_in_care", "episodes"} <= set(tables_with_children())


def test_a_list_of_one_child_not_in_the_return_says_so(tmp_path):
    """Seen: an episode with no child ID beside them hid every child of the list not in the return."""
    from tests.cohort import activity

    con = open_store(tmp_path / "s.duckdb")
    load(con, write_returns(tmp_path / "in", {2025: {"header": PADDED, "episodes": [*EPISODES, ep("", "01/08/2024")],
                                                     "child_activities": [activity("X1", "VISIT", "10/03/2025")]}}),
         as_at=date(2025, 3, 31))
    (message,) = con.execute("SELECT message FROM dq_findings WHERE code = 'children_not_in_return'").fetchone()
    assert message.startswith("the one child in this list (X1, on line 2) is in no SSDA903 return loaded")


def test_one_child_of_a_list_not_in_the_return_is_said_in_the_singular(tmp_path):
    from tests.cohort import activity

    con = open_store(tmp_path / "s.duckdb")
    load(con, write_returns(tmp_path / "in", {2025: {"header": PADDED, "episodes": EPISODES, "child_activities": [
        activity("C8", "VISIT", "10/03/2025"), activity("X1", "VISIT", "11/03/2025")]}}), as_at=date(2025, 3, 31))
    (message,) = con.execute("SELECT message FROM dq_findings WHERE code = 'children_not_in_return'").fetchone()
    assert message.startswith("1 of the 2 children in this list (X1, on line 3) is in no SSDA903 return loaded")
