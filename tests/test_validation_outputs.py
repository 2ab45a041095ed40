"""The validation writers: every failing row in the CSV exactly once, cells safe to open in a spreadsheet,
the HTML escaped and bounded, and a summary that tells "ran and found nothing" from "not run"."""

from __future__ import annotations

import csv

import duckdb
import pytest

from careboard.cli import main
from careboard.ingest.files import discover
from careboard.validate.frame import build_frame_from_files
from careboard.validate.output import (
    CSV_COLUMNS,
    SUMMARY_COLUMNS,
    write_csv,
    write_html,
    write_summary,
    write_xlsx,
)
from careboard.store.rule_results import Failures, Outcome, RuleRan
from careboard.validate.rule import Rule
from careboard.validate.runner import run_rules
from careboard.validate.session import validate_paths
from tests.cohort import child, ep, with_headers, write_returns

# Child IDs a spreadsheet would run as formulas, or a browser as markup, if written as they are.
HOSTILE = ['=HYPERLINK("http://example.org","x")', "+44 1234", "-2+3", "@SUM(A1)", "\tHIDDEN", "\r=1",
           "<script>alert(1)</script>", 'A,"B"']


def _risky(text: str) -> bool:
    return text[:1] in ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def hostile():
    """An outcome whose failing rows carry hostile child IDs and values, as the writers receive it: the
    rows in the engine (result.Failures)."""
    con = duckdb.connect()
    con.execute("CREATE TABLE failing (rule VARCHAR, severity VARCHAR, \"table\" VARCHAR, \"row\" INTEGER, "
                "child VARCHAR, fields VARCHAR, message VARCHAR, file VARCHAR, line INTEGER, \"values\" VARCHAR, "
                "file_id INTEGER)")
    for i, c in enumerate(HOSTILE + ["C1"], start=1):
        con.execute("INSERT INTO failing VALUES ('101', 'error', 'header', ?, ?, 'SEX', 'Sex is not valid.', "
                    "'header.csv', ?, ?, 1)", [i, c, i + 1, f"SEX={c}"])
    con.execute("INSERT INTO failing VALUES ('102', 'error', 'header', 1, NULL, 'DOB', '-: a message', '', 2, '', 1)")
    return Outcome(2026, 2, Failures(con, "failing"), ran=[RuleRan("101", "error", "Sex is not valid.")]), HOSTILE


def test_every_failing_row_is_in_the_csv_once_with_risky_cells_neutralised(hostile, tmp_path):
    outcome, ids = hostile
    out = write_csv(outcome, tmp_path / "errors.csv")
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == CSV_COLUMNS
    assert out.read_bytes().count(b"\r\n") >= len(rows)                 # CRLF, as Python's csv writes
    expected = [[f.rule, f.severity, f.table, str(f.row), f.child or "", f.fields, f.message, f.file,
                 str(f.line), f.values] for f in outcome.failures]
    assert rows[1:] == [[("'" + c) if _risky(c) else c for c in r] for r in expected]
    assert {r[4] for r in rows[1:] if r[0] == "101"} >= {"'" + c for c in ids if _risky(c)}
    (other,) = [r for r in rows if r[0] == "102"]
    assert [other[3], other[4], other[6]] == ["1", "", "'-: a message"]


def test_validate_writes_hostile_ids_read_from_a_return_safely(tmp_path):
    ids = [c for c in HOSTILE if not c[0].isspace()]
    paths = write_returns(tmp_path / "in", with_headers({2026: {"header": [child(c, sex="X") for c in ids]}}))
    main(["validate", str(paths[0]), "--year", "2025/26", "--output", str(tmp_path / "errors.csv")])
    with (tmp_path / "errors.csv").open(newline="", encoding="utf-8") as f:
        children = {r["child"] for r in csv.DictReader(f) if r["rule"] == "101"}
    assert children == {("'" + c) if _risky(c) else c for c in ids}


def test_the_workbook_holds_hostile_ids_as_text_never_formulas(hostile, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    outcome, ids = hostile
    book = openpyxl.load_workbook(write_xlsx(outcome, tmp_path / "errors.xlsx"))
    every = book["Every failing row"]
    header = [c.value for c in every[1]]
    assert header == CSV_COLUMNS
    cells = [row[header.index("child")] for row in every.iter_rows(min_row=2)]
    assert {c.value for c in cells} >= {c for c in ids if "\r" not in c}    # (XML reads a CR back as a line end)
    assert all(c.data_type == "s" for c in cells if c.value is not None)
    assert [c.value for c in book["Summary by rule"][1]] == SUMMARY_COLUMNS
    by_child = {r[0].value: r[1].value for r in book["By child"].iter_rows(min_row=2)}
    assert by_child['=HYPERLINK("http://example.org","x")'] == 1 and book["By child"]["A2"].data_type == "s"


def test_the_html_escapes_every_value(hostile, tmp_path):
    outcome, _ = hostile
    page = write_html(outcome, tmp_path / "errors.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<script>") == 1                                   # the page's own filter script


def test_the_notes_printed_are_in_the_page_and_the_workbook_too(tmp_path):
    # A return whose header file has a blank line and a date written month first.
    (folder,) = write_returns(tmp_path / "in", {2025: {"header": [child("A", dob="3/14/2012")],
                                                       "episodes": [ep("A", "01/05/2024")]}})
    with (folder / "header.csv").open("a") as header:
        header.write("\n")
    outcome = validate_paths([folder], 2025)
    assert any("blank" in n for n in outcome.notes) and any("month first" in n for n in outcome.notes)
    page = write_html(outcome, tmp_path / "v.html").read_text(encoding="utf-8")
    import html as html_module

    assert all(f"<li>{html_module.escape(note)}</li>" in page for note in outcome.notes)
    assert page.index("<h2>Notes</h2>") < page.index("<h2>Rules with failing rows</h2>")
    import openpyxl

    book = openpyxl.load_workbook(write_xlsx(outcome, tmp_path / "v.xlsx"))
    assert [row[0] for row in book["Notes"].iter_rows(values_only=True)] == ["note", *outcome.notes]


def test_the_html_holds_the_first_rows_of_each_rule_and_says_where_the_rest_are(tmp_path, monkeypatch):
    from careboard.validate import output

    monkeypatch.setattr(output, "HTML_ROWS_PER_RULE", 3)
    paths = write_returns(tmp_path / "in", with_headers({2026: {
        "header": [child(f"C{i}", sex="X") for i in range(8)], "episodes": [ep("C0", "01/05/2025")]}}))
    outcome = validate_paths(paths, 2026)
    page = write_html(outcome, tmp_path / "errors.html").read_text(encoding="utf-8")
    shown = page.split("<h2>Failing rows</h2>")[1]
    assert shown.count("<td>101</td>") == 3 and "the CSV and Excel outputs hold every row" in shown
    assert f"{len(outcome.failures)} failing rows" in page
    # Column names as words on the page (the CSV keeps failing_rows for programs).
    assert "<th>failing rows</th>" in page and "failing_rows" not in page


BROKEN = Rule("102", "Broken on purpose: casts text to a number.", table="header", fields=("DOB",),
              fails='CAST("ETHNIC" AS INTEGER) > 0')
SEX = Rule("101", "Sex is not valid in this test.", table="header", fields=("SEX",), fails="\"SEX\" = 'X'")
NEVER = Rule("103", "Never fails in this test.", table="header", fields=("ETHNIC",), fails="false")
LAST = Rule("104", "Compares with last year in this test.", table="header", fields=("UPN",),
            sql="SELECT row_no FROM ret_header_last", needs=("last_year",))


def test_the_summary_tells_nothing_found_from_not_run(tmp_path):
    paths = write_returns(tmp_path, with_headers({2025: {"header": [child("A", sex="X"), child("B")]}}))
    (ret,) = discover(paths)
    ret.year = 2025
    con = duckdb.connect()
    build_frame_from_files(con, ret)
    outcome = run_rules(con, (SEX, NEVER, BROKEN, LAST), 2025, set(), {})
    with write_summary(outcome, tmp_path / "rules.csv").open(newline="", encoding="utf-8") as f:
        rows = {r["rule"]: r for r in csv.DictReader(f)}
    assert list(next(iter(rows.values()))) == SUMMARY_COLUMNS
    assert (rows["101"]["status"], rows["101"]["failing_rows"], rows["101"]["children"]) == ("ran", "1", "1")
    assert (rows["103"]["status"], rows["103"]["failing_rows"], rows["103"]["children"]) == ("ran", "0", "0")
    assert rows["102"]["status"] == "failed to run" and rows["102"]["failing_rows"] == ""
    assert rows["104"]["status"] == "skipped" and "--last-year" in rows["104"]["reason"]
    assert rows["103"]["message"] == NEVER.message and rows["104"]["message"] == ""


def test_validate_writes_the_summary_of_every_rule_beside_the_csv(tmp_path):
    paths = write_returns(tmp_path / "in", with_headers({2026: {"header": [child("A", sex="X")]}}))
    code = main(["validate", str(paths[0]), "--year", "2025/26", "--output", str(tmp_path / "errors.csv"),
                 "--summary", str(tmp_path / "rules.csv")])
    with (tmp_path / "rules.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with (tmp_path / "errors.csv").open(newline="", encoding="utf-8") as f:
        failing = list(csv.DictReader(f))
    statuses = {r["status"] for r in rows}
    assert {"ran", "skipped", "not applicable"} <= statuses and code == 1
    assert sum(int(r["failing_rows"]) for r in rows if r["status"] == "ran") == len(failing)
    assert any(r["status"] == "ran" and r["failing_rows"] == "0" for r in rows)
    assert {r["rule"] for r in rows if r["status"] == "not applicable"} == {"411"}


def test_a_run_that_finds_nothing_writes_every_output(tmp_path):
    paths = write_returns(tmp_path, with_headers({2025: {"header": [child("A")]}}))
    (ret,) = discover(paths)
    ret.year = 2025
    con = duckdb.connect()
    build_frame_from_files(con, ret)
    outcome = run_rules(con, (NEVER,), 2025, set(), {})
    assert len(outcome.failures) == 0 and outcome.errors == 0 and outcome.rules_run == 1
    assert write_csv(outcome, tmp_path / "e.csv").read_text() == ",".join(CSV_COLUMNS) + "\n"
    assert "0 failing rows" in write_html(outcome, tmp_path / "e.html").read_text(encoding="utf-8")
    assert write_xlsx(outcome, tmp_path / "e.xlsx").stat().st_size > 0
    assert write_summary(outcome, tmp_path / "s.csv").read_text().splitlines()[1].startswith("103,ran,error,0,0,")


def test_the_pages_failing_rows_have_a_width_for_every_column():
    """The failing rows' table is laid out by fixed widths (see validate/output.py): one for each column."""
    from careboard.store.rule_results import COLUMNS
    from careboard.validate.output import _WIDTHS

    assert list(_WIDTHS) == list(COLUMNS) and sum(_WIDTHS.values()) == 100


def test_rules_are_listed_by_number_and_the_quiet_ones_come_last_on_the_page(tmp_path):
    """Seen: the 300 rules came before the failing rows, most of them finding nothing, in the order of text (1000,
    1001, ..., 101). The page lists the rules that found rows first and the rest after the rows, by number."""
    from careboard.validate.output import rule_order, rule_summary

    assert sorted(["1000", "SW10STG2", "101", "INT03", "197B", "1010", "197a", "504"], key=rule_order) == [
        "101", "197a", "197B", "504", "1000", "1010", "INT03", "SW10STG2"]
    (folder,) = write_returns(tmp_path / "in", {2025: {"header": [child("A", dob="3/14/2012")],
                                                       "episodes": [ep("A", "01/05/2024")]}})
    outcome = validate_paths([folder], 2025)
    quiet = [row[0] for row in rule_summary(outcome) if not row[3]]
    assert quiet[:3] == sorted(quiet, key=rule_order)[:3]
    page = write_html(outcome, tmp_path / "v.html").read_text(encoding="utf-8")
    assert (page.index("<h2>Rules with failing rows</h2>") < page.index("<h2>Failing rows</h2>")
            < page.index("<h2>Rules that found nothing or did not run</h2>"))
    found = page[page.index("<h2>Rules with failing rows</h2>"):page.index("<h2>By child</h2>")]
    assert "<td>102</td>" in found and "<td>101</td>" not in found


def test_a_rule_comparing_the_two_years_shows_last_years_value_beside_this_years(tmp_path):
    """Seen: rule 203 said the date of birth differed from last year's, showing only this year's. A's date of birth
    was 13/03/2012 last year, B's UPN A123456789012 (B is in last year's header twice: the first row is shown)."""
    this, last = write_returns(tmp_path / "in", {
        2025: {"header": [child("A", dob="12/03/2012"), child("B", upn="UN3")], "episodes": [ep("A", "01/05/2023"),
                                                                                            ep("B", "01/05/2023")]},
        2024: {"header": [child("A", dob="13/03/2012"), child("B", upn="A123456789012"),
                          child("B", upn="B123456789012")],
               "episodes": [ep("A", "01/05/2023"), ep("B", "01/05/2023")]}})
    outcome = validate_paths([this], 2025, last_year=[last])
    values = {row[0]: row[-1] for row in outcome.failures.query(
        'SELECT rule, "values" FROM {failures} WHERE rule IN (\'203\', \'208\')').fetchall()}
    assert values == {"203": "DOB=12/03/2012; last year's DOB=13/03/2012",
                      "208": "UPN=UN3; last year's UPN=A123456789012"}
    rows = list(csv.DictReader(write_csv(outcome, tmp_path / "e.csv").open(encoding="utf-8")))
    assert {r["rule"]: r["values"] for r in rows if r["rule"] in values} == values


def test_only_a_rule_reading_last_years_return_shows_last_years_values():
    with pytest.raises(ValueError, match="compared"):
        Rule("X1", "m", table="header", fields=("DOB",), fails="true", compared=("DOB",))
    with pytest.raises(ValueError, match="compared"):
        Rule("X2", "m", table="header", fields=("DOB",), fails="true", needs=("last_year",), compared=("UPN",))


def test_the_pages_rows_naming_no_child_are_said_to_be_so(tmp_path):
    """Seen: a row of commas alone, validated as a row, stood in 'By child' as a child with a blank ID."""
    (folder,) = write_returns(tmp_path / "in", {2025: {"header": [child("A")], "episodes": [ep("A", "01/05/2024")]}})
    with (folder / "episodes.csv").open("a") as f:
        f.write(",,,,,,,,,,,,\n")
    page = write_html(validate_paths([folder], 2025), tmp_path / "v.html").read_text(encoding="utf-8")
    by_child = page[page.index("<h2>By child</h2>"):page.index("<h2>Failing rows</h2>")]
    assert "<td>(no child ID)</td>" in by_child and "<td></td>" not in by_child
