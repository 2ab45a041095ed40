"""The runner: a rule that breaks is reported and every other rule still runs, in batches or alone."""

from __future__ import annotations

import duckdb
import pytest

from careboard.ingest.files import discover
from careboard.validate.frame import build_frame_from_files
from careboard.validate.rule import Rule
from careboard.validate.runner import run_rules
from tests.cohort import child, ep, with_headers, write_returns

GOOD_ROW = Rule("101", "Sex is not valid in this test.", table="header", fields=("SEX",), fails='"SEX" = \'X\'')
BROKEN_ROW = Rule("102", "Broken on purpose: casts text to a number.", table="header", fields=("DOB",),
                  fails='CAST("ETHNIC" AS INTEGER) > 0')
GOOD_SET = Rule("103", "Ethnicity check as a set rule in this test.", table="header", fields=("ETHNIC",),
                sql='SELECT row_no FROM ret_header WHERE "ETHNIC" = \'ZZZZ\'')
BROKEN_SET = Rule("104", "Broken on purpose: reads a table that does not exist.", table="uasc", fields=("DUC",),
                  sql="SELECT row_no FROM no_such_table")


@pytest.mark.parametrize("workers", [1, 2])
def test_a_broken_rule_is_reported_and_the_others_still_run(tmp_path, workers):
    paths = write_returns(tmp_path, with_headers({2025: {
        "header": [child("A", sex="X"), child("B", ethnic="ZZZZ")], "episodes": [ep("A", "01/05/2024")]}}))
    (ret,) = discover(paths)
    ret.year = 2025
    con = duckdb.connect()
    build_frame_from_files(con, ret, None, None, workers)
    outcome = run_rules(con, (GOOD_ROW, BROKEN_ROW, GOOD_SET, BROKEN_SET), 2025, set(), {}, workers)
    assert sorted((f.rule, f.row) for f in outcome.failures) == [("101", 1), ("103", 2)]
    broken = sorted((n.rule, n.crashed) for n in outcome.not_run if n.crashed)
    assert broken == [("102", True), ("104", True)]
    assert all(n.reason.startswith("failed to run: ") for n in outcome.not_run if n.crashed)
    assert outcome.rules_run == 2


# A set rule that runs for minutes unless stopped.
ENDLESS_SET = Rule("103", "Runs until stopped, in this test.", table="header", fields=("SEX",),
                   sql="SELECT a.range AS row_no FROM range(100000) AS a, range(100000) AS b WHERE a.range * b.range = -1")


def test_ctrl_c_stops_the_run_rather_than_counting_as_a_broken_rule(tmp_path):
    # A rule whose statement fails is set aside and the others run; a statement stopped by Ctrl-C is not
    # a broken rule: the run stops (with workers, Schedule stops the others: tests/test_schedule.py).
    import threading

    from careboard.backends import engine

    paths = write_returns(tmp_path, with_headers({2025: {"header": [child("A", sex="X")], "episodes": []}}))
    (ret,) = discover(paths)
    ret.year = 2025
    con = duckdb.connect()
    con.execute("SET threads = 1")
    build_frame_from_files(con, ret, None, None, 1)
    timer = threading.Timer(0.5, engine().interrupt, [con])
    timer.start()
    with pytest.raises(Exception) as stopped:
        run_rules(con, (GOOD_ROW, ENDLESS_SET), 2025, set(), {}, 1)
    timer.join()
    assert engine().interrupted(stopped.value)


QUERY_ROW = Rule("105", "Ethnicity looks odd in this test.", table="header", fields=("ETHNIC",),
                 fails='"ETHNIC" = \'ZZZZ\'', severity="query")
LEGAL_STATUS_ROW = Rule("103", "Legal status is odd in this test.", table="episodes", fields=("LS",),
                        fails='"LS" = \'C2\'')


@pytest.mark.parametrize("workers", [1, 2])
def test_the_counts_taken_as_the_rows_are_described_match_the_rows(tmp_path, workers):
    paths = write_returns(tmp_path, with_headers({2025: {
        "header": [child("A", sex="X"), child("B", ethnic="ZZZZ"), child("C", sex="X", ethnic="ZZZZ")],
        "episodes": [ep("A", "01/05/2024", ls="C2"), ep("C", "01/06/2024", ls="C2")]}}))
    (ret,) = discover(paths)
    ret.year = 2025
    con = duckdb.connect()
    build_frame_from_files(con, ret, None, None, workers)
    outcome = run_rules(con, (GOOD_ROW, QUERY_ROW, LEGAL_STATUS_ROW, BROKEN_ROW), 2025, set(), {}, workers)
    failures = outcome.failures
    assert failures.counts    # (rows, errors) of each table's failing rows, counted as they were described
    counted = con.execute(f"SELECT count(*), count(*) FILTER (WHERE severity = 'error') FROM {failures.source}").fetchone()
    rows = [(f.rule, f.table, f.row) for f in failures]
    assert sorted(rows) == [("101", "header", 1), ("101", "header", 3), ("103", "episodes", 1), ("103", "episodes", 2),
                            ("105", "header", 2), ("105", "header", 3)]
    assert counted == (6, 4)
    assert (len(failures), outcome.errors) == counted
    # The writers' runs of parts, split by those counts, read the same rows in the same order.
    runs = failures.runs()
    assert [r for run in runs for r in con.execute(f"SELECT rule, \"table\", \"row\" FROM {run}").fetchall()] == rows


def _schema(con, name):
    return con.execute(f"SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = '{name}' "
                       "ORDER BY column_index").fetchall()


def test_a_table_the_return_lacks_has_the_columns_and_types_typing_gives(tmp_path):
    from careboard.formats.registry import SSDA903 as spec

    # Every table with a row typed from text, then the same tables made empty without the SELECT.
    rows = {t: [{c: "1" for c in spec.table(t).all_columns}] for t in spec.tables()}
    (full,) = discover(write_returns(tmp_path / "full", with_headers({2025: rows})))
    (bare,) = discover(write_returns(tmp_path / "bare", with_headers({2025: {"header": rows["header"]}})))
    full.year = bare.year = 2025
    typed, empty = duckdb.connect(), duckdb.connect()
    build_frame_from_files(typed, full)
    build_frame_from_files(empty, bare)
    for table in spec.tables():
        assert typed.execute(f"SELECT count(*) FROM ret_{table}").fetchone() == (1,), table
    assert empty.execute("SELECT count(*) FROM ret_episodes").fetchone() == (0,)
    for table in spec.tables():
        for name in ("ret_" + table, "ret_" + table + "_last"):
            assert _schema(empty, name) == _schema(typed, name), name


SAME_SEX = '(SELECT row_no, "SEX", count(*) OVER (PARTITION BY "SEX") AS n FROM ret_header) AS o'


@pytest.mark.parametrize("workers", [1, 2])
def test_row_rules_over_a_shared_source_share_one_scan_and_break_alone(tmp_path, workers):
    over = (Rule("105", "Two children share a sex in this test.", table="header", fields=("SEX",),
                 fails="n > 1", over=SAME_SEX),
            Rule("112", "Sex X in this test.", table="header", fields=("SEX",), fails="\"SEX\" = 'X'", over=SAME_SEX),
            Rule("113", "Broken on purpose: no such column.", table="header", fields=("SEX",),
                 fails="no_such_column > 1", over=SAME_SEX))
    paths = write_returns(tmp_path, with_headers({2025: {
        "header": [child("A", sex="X"), child("B", sex="1"), child("C", sex="1")], "episodes": []}}))
    (ret,) = discover(paths)
    ret.year = 2025
    con = duckdb.connect()
    build_frame_from_files(con, ret, None, None, workers)
    outcome = run_rules(con, over, 2025, set(), {}, workers)
    assert sorted((f.rule, f.row) for f in outcome.failures) == [("105", 2), ("105", 3), ("112", 1)]
    assert [(n.rule, n.crashed) for n in outcome.not_run if n.crashed] == [("113", True)]
    assert outcome.rules_run == 2


def test_over_is_for_row_rules():
    with pytest.raises(ValueError, match="`over` is for row rules"):
        Rule("108", "A set rule cannot have a source.", table="header", fields=("SEX",),
             sql="SELECT row_no FROM ret_header", over=SAME_SEX)


def test_an_enriched_table_only_its_row_rules_read_is_read_in_place():
    from careboard.validate.frame import inlined_views

    row = Rule("101", "Row rule in this test.", table="oc3", fields=("IN_TOUCH",), fails='"IN_TOUCH" IS NULL')
    reads_v_oc3 = Rule("103", "Set rule in this test.", table="oc3", fields=("IN_TOUCH",),
                       sql="SELECT row_no FROM ret_v_oc3 WHERE age_end > 21")
    assert "ret_v_oc3" in inlined_views((row,), 2025)
    assert "ret_v_oc3" not in inlined_views((row, reads_v_oc3), 2025)
    assert "child_episodes" not in inlined_views((row,), 2025)      # other enriched tables read it


def test_a_fallback_variant_runs_only_without_the_input_its_twin_needs(tmp_path):
    from careboard.validate.registry import by_code
    from careboard.validate.rules.reference import load_reference

    paths = write_returns(tmp_path, with_headers({2026: {
        "episodes": [ep("A", "01/05/2025", pl_post="ZZ9 9ZZ"), ep("B", "01/05/2025", pl_post="")]}}))
    (ret,) = discover(paths)
    ret.year = 2026
    con = duckdb.connect()
    build_frame_from_files(con, ret)
    variants = tuple(by_code()["169"])
    without = run_rules(con, variants, 2026, set(), {})
    assert [(f.rule, f.row) for f in without.failures] == [("169", 2)]      # by shape: ZZ9 9ZZ looks fine
    assert "169" not in {n.rule for n in without.not_run} and without.rules_run == 1   # not "skipped"
    load_reference(con, postcode_lookup=[{"pcd": "PE11AA", "la_code": "874", "easting": 0.0, "northing": 0.0}])
    given = run_rules(con, variants, 2026, {"postcodes"}, {})
    assert sorted((f.rule, f.row) for f in given.failures) == [("169", 1), ("169", 2)]
    assert given.rules_run == 1


EPISODE_ROW = Rule("105", "Episode check in this test.", table="episodes", fields=("DECOM",), fails="true")


@pytest.mark.parametrize("workers", [1, 2])
def test_failing_rows_come_table_by_table_in_row_then_rule_order_and_drop_leaves_nothing(tmp_path, workers):
    paths = write_returns(tmp_path, with_headers({2025: {
        "header": [child("A", sex="X"), child("B", sex="X", ethnic="ZZZZ"), child("C", ethnic="ZZZZ")],
        "episodes": [ep("A", "01/05/2024"), ep("B", "01/06/2024")]}}))
    (ret,) = discover(paths)
    ret.year = 2025
    con = duckdb.connect()
    build_frame_from_files(con, ret, None, None, workers)
    before = {name for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    # Set rules and row rules found in any order; the failing rows read back in the outputs' order.
    outcome = run_rules(con, (GOOD_SET, EPISODE_ROW, GOOD_ROW), 2025, set(), {}, workers)
    assert [(f.table, f.row, f.rule) for f in outcome.failures] == [
        ("episodes", 1, "105"), ("episodes", 2, "105"),
        ("header", 1, "101"), ("header", 2, "101"), ("header", 2, "103"), ("header", 3, "103")]
    outcome.failures.drop()
    after = {name for (name,) in con.execute("SELECT table_name FROM duckdb_tables() UNION ALL "
                                             "SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert after == before


def test_each_failing_row_gets_its_rules_words_and_its_files_name_even_with_quotes(tmp_path):
    paths = write_returns(tmp_path, with_headers({2025: {"header": [child("A", sex="X"), child("B")]}}))
    (ret,) = discover(paths)
    ret.year = 2025
    con = duckdb.connect()
    files = build_frame_from_files(con, ret, None)
    named = {i: f"O'Brien's {{council}}/{name}" for i, name in files.items()}
    quoted = Rule("101", "Sex isn't 'X' in {this} test.", table="header", fields=("SEX", "DOB"), fails='"SEX" = \'X\'',
                  severity="query")
    outcome = run_rules(con, (quoted,), 2025, set(), named)
    (f,) = outcome.failures
    assert (f.rule, f.severity, f.fields, f.message, f.file, f.line) == (
        "101", "query", "SEX DOB", "Sex isn't 'X' in {this} test.", named[f.file_id], 2)
    assert f.values.startswith("SEX=X; DOB=") and "{council}" in f.file
    assert outcome.errors == 0 and outcome.failures.count("severity = 'query'") == 1
