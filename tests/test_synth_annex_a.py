"""The synthetic Annex A workbook (careboard/synth/annex_a.py): Ofsted's headers and answers read back with
nothing unreadable, list 8 holds the 903's children in care that day, list 10's children are those the 903
shows with a decision to adopt, list 11's matched adopters are the children's, and the load finds no
disagreement between list 8 and the 903 beyond the short breaks list 8 leaves out."""

from __future__ import annotations

from datetime import date

import pytest

from careboard.ingest.xlsx_reader import read_xlsx
from careboard.store import open_store
from careboard.synth import export, simulate
from careboard.synth.annex_a import ERROR_KINDS, write_annex_a
from tests.loading import load

AS_AT = date(2025, 10, 31)


@pytest.fixture(scope="module")
def council(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth")
    timeline = simulate(seed=7, children_in_care=150, years=4, end=AS_AT)
    export(timeline, AS_AT, out)
    book = out / "lists" / "annex_a.xlsx"
    write_annex_a(timeline, AS_AT, book)
    con = open_store(tmp_path_factory.mktemp("store") / "s.duckdb")
    result = load(con, [out], as_at=AS_AT, validate=False)
    return timeline, book, con, result.snapshot_id


def test_every_header_and_answer_is_read(council):
    _, book, _, _ = council
    read = read_xlsx(book)
    assert read.findings == []
    not_understood = {(m.sheet, column, written) for m in read.sheets for column, answers in m.answers.items()
                      for written, (code, *_rest) in answers.items() if code is None}
    assert not not_understood
    assert {t.table for t in read.tables} == {"annex_a_children_in_care", "annex_a_care_leavers",
                                             "annex_a_adoption", "annex_a_adopters"}


def test_list_8_holds_the_children_in_care_that_day(council):
    timeline, _, con, sid = council
    in_care = {c.id for c in timeline.looked_after_on(AS_AT)}
    listed = {c for (c,) in con.execute("""SELECT "CHILD" FROM stg_annex_a_children_in_care WHERE snapshot_id = ?
                                            AND ("POC_END" IS NULL OR "POC_END" > ?)""", [sid, AS_AT]).fetchall()}
    assert listed == in_care


def test_list_10_and_11_are_the_children_and_adopters_of_the_903(council):
    timeline, _, con, sid = council
    decided = {c.id for c in timeline.children if any(d.date_placed <= AS_AT for d in c.decisions)}
    children = con.execute("""SELECT "CHILD", "FAMILY", "MATCH_DATE" FROM stg_annex_a_adoption WHERE snapshot_id = ?""",
                           [sid]).fetchall()
    assert children and {c for c, _, _ in children} <= decided
    matched_families = {f for _, f, m in children if m is not None}
    adopter_families = [f for (f,) in con.execute("""SELECT "FAMILY" FROM stg_annex_a_adopters WHERE snapshot_id = ?
                                                     AND "MATCHED_DATE" IS NOT NULL""", [sid]).fetchall()]
    # one adopter row per family matched, each a family of list 10, but for the few placed with another
    # agency's adopters (who are in that agency's list 11)
    assert len(adopter_families) == len(set(adopter_families))
    assert set(adopter_families) <= matched_families
    assert len(matched_families - set(adopter_families)) <= len(matched_families) / 4


def test_adopters_not_yet_matched_are_families_of_their_own(council):
    _, _, con, sid = council
    families = con.execute("""SELECT "FAMILY" FROM stg_annex_a_adopters WHERE snapshot_id = ?
                              AND "MATCHED_DATE" IS NULL""", [sid]).fetchall()
    in_list_10 = {f for (f,) in con.execute('SELECT "FAMILY" FROM stg_annex_a_adoption WHERE snapshot_id = ?',
                                            [sid]).fetchall()}
    assert families and all(f is not None and f not in in_list_10 for (f,) in families)


def test_list_8_agrees_with_the_903(council):
    _, _, con, sid = council
    differs = con.execute("""SELECT message FROM dq_findings WHERE snapshot_id = ? AND code LIKE 'annex_a_%'""",
                          [sid]).fetchall()
    assert len(differs) <= 2, differs


def test_each_known_error_asked_for_is_found_where_it_was_planted(council, tmp_path):
    timeline, _, _, _ = council
    planted = write_annex_a(timeline, AS_AT, tmp_path / "messy.xlsx", errors=tuple(ERROR_KINDS))
    found = {(f.code, f.line, f.field) for f in read_xlsx(tmp_path / "messy.xlsx").findings}
    codes = {"error_value": "error_value", "bad_date": "bad_date", "unknown_answer": "unknown_answer"}
    assert [(p.sheet, (codes[p.kind], p.row, p.column) in found) for p in planted] == [("List 8", True)] * 3


def test_a_workbook_cell_is_reported_once_when_loaded(council, tmp_path):
    """The reader checks a workbook's cells as it reads them; the store does not check them again."""
    timeline, _, _, _ = council
    (tmp_path / "lists").mkdir()
    planted = write_annex_a(timeline, AS_AT, tmp_path / "lists" / "annex_a.xlsx", errors=tuple(ERROR_KINDS))
    con = open_store(tmp_path / "s.duckdb")
    sid = load(con, [tmp_path / "lists"], as_at=AS_AT, validate=False).snapshot_id
    for p in planted:
        found = con.execute("SELECT code FROM dq_findings WHERE snapshot_id = ? AND line_no = ? AND field = ?",
                            [sid, p.row, p.column]).fetchall()
        assert len(found) == 1, (p, found)


def _as_csv(value) -> str:
    """A cell of an Annex A list as a spreadsheet saves it in a CSV."""
    return value.strftime("%d/%m/%Y") if isinstance(value, date) else "" if value is None else str(value)


def test_a_list_saved_as_csv_with_ofsteds_headers_is_read_as_its_sheet(tmp_path):
    """A council may save a sheet as CSV: Ofsted's long headers and answers are read as in the workbook."""
    import csv

    from tests.annex_a_books import LIST_8, list_8_row

    (tmp_path / "lists").mkdir()
    with (tmp_path / "lists" / "list 8.csv").open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["Children looked after, list 8"], LIST_8,
                                 *([_as_csv(v) for v in list_8_row(c)] for c in ("A1", "A2"))])
    con = open_store(tmp_path / "s.duckdb")
    sid = load(con, [tmp_path / "lists"], as_at=AS_AT, validate=False).snapshot_id
    rows = con.execute("""SELECT "CHILD", "SEX", "ETHNIC", "LS", "PLACE", "POC_START" FROM stg_annex_a_children_in_care
                          WHERE snapshot_id = ? ORDER BY "CHILD" """, [sid]).fetchall()
    assert rows == [("A1", "2", "WBRI", "C2", "U6", date(2023, 6, 1)), ("A2", "2", "WBRI", "C2", "U6", date(2023, 6, 1))]


def test_a_list_saved_as_csv_with_a_quote_left_open_is_refused(tmp_path):
    """The quote would take every later line into one cell: refused, as a return's CSV is."""
    import csv
    import io

    from careboard.errors import InputError
    from careboard.ingest.files import read_file
    from tests.annex_a_books import LIST_8, list_8_row

    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([LIST_8, *([_as_csv(v) for v in list_8_row(c)] for c in ("A1", "A2", "A3"))])
    lines = out.getvalue().splitlines()
    lines[2] = '"' + lines[2]          # a stray quote opening the second child's first cell
    (tmp_path / "list 8.csv").write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError, match=r"line 3: .*a quote \(\"\) opens a cell that is never closed, so lines 3-4"):
        read_file(tmp_path / "list 8.csv")


def test_most_children_placed_at_the_demos_size_go_to_the_agencys_own_adopters(tmp_path):
    """At the demo's size (a dozen children placed a year) most go to adopters in the agency's own list 11 and
    some to another agency's, so the figure has a value like a council's."""
    from careboard.indicators import calculate, registry
    from tests.synth_helpers import demo_timeline

    as_at = date(2026, 3, 31)
    write_annex_a(demo_timeline(), as_at, tmp_path / "lists" / "annex_a.xlsx")
    con = open_store(tmp_path / "s.duckdb")
    sid = load(con, [tmp_path / "lists"], as_at=as_at, validate=False).snapshot_id
    value = calculate.compute(calculate.Context.open(con, sid), registry.get("placed_with_own_adopters_pct"))
    assert value.denominator >= 8 and 75 <= value.value < 100, value
