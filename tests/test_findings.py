"""Findings a user can see: every normalisation, runaway and over-long cells, blank and empty rows,
two-digit years, the load summary and `careboard findings`.

The fixture (tests/data/findings/2024-25) is a small return written by hand the way councils' files
go wrong: a row of nothing but commas and a blank line in the middle, a lower-case code, an unpadded
date, stray spaces, Excel's "0.0", a two-digit year and a UPN too long for its field.
"""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import pytest

from careboard.cli import main
from careboard.ingest.files import read_file
from careboard.store import open_store
from tests.loading import load
from careboard.validate.output import CSV_COLUMNS
from careboard.validate.session import validate_paths

RETURN = Path(__file__).parent / "data" / "findings" / "2024-25"
EPISODES_HEADER = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """(read-only connection, load result, store path) for the fixture loaded once."""
    db = tmp_path_factory.mktemp("store") / "s.duckdb"
    con = open_store(db)
    result = load(con, [RETURN], as_at=date(2025, 3, 31))
    con.close()
    con = open_store(db, read_only=True)
    yield con, result, db
    con.close()


def _findings(con, codes) -> set[tuple]:
    rows = con.execute("""SELECT d.severity, d.code, f.path, d.line_no, d.field, d.value FROM dq_findings d
                          JOIN source_files f USING (snapshot_id, file_id) WHERE d.code IN ?""", [list(codes)]).fetchall()
    return {(s, c, Path(p).name, line, field, value) for s, c, p, line, field, value in rows}


# (severity, kind, file, line, field, value as written) for each cell careboard read differently.
NORMALISED = {
    ("warning", "lower_case_code", "header.csv", 5, "SEX", "f"),
    ("warning", "unpadded_date", "header.csv", 5, "DOB", "1/4/2011"),
    ("warning", "lower_case_code", "header.csv", 5, "ETHNIC", "wbri"),
    ("warning", "stray_spaces", "header.csv", 5, "UPN", " UN2 "),
    ("warning", "excel_number", "header.csv", 7, "MOTHER", "0.0"),
    ("warning", "lower_case_code", "episodes.csv", 4, "LS", "c2"),
}


def test_every_normalisation_is_a_warning_naming_file_line_field_and_value(loaded):
    con, _, _ = loaded
    assert _findings(con, {k for _, k, *_ in NORMALISED}) == NORMALISED


@pytest.mark.parametrize("codes,expected", [
    ({"bad_date"}, {("error", "bad_date", "header.csv", 6, "DOB", "13/10/21")}),
    ({"too_long"}, {("error", "too_long", "header.csv", 8, "UPN", "A12345678901234")}),
    ({"blank_line"}, {("warning", "blank_line", "header.csv", 4, None, None)}),
    ({"missing_child"}, {("error", "missing_child", "header.csv", 3, "CHILD", None),
                         ("error", "missing_child", "episodes.csv", 3, "CHILD", None)}),
], ids=["two-digit year", "longer than its field", "blank line", "row of commas"])
def test_load_findings(loaded, codes, expected):
    con, _, _ = loaded
    assert _findings(con, codes) == expected


def test_rows_are_numbered_as_in_the_file_whatever_comes_before_them(loaded):
    con, _, _ = loaded
    got = con.execute('SELECT "CHILD", row_no, line_no, "DOB" FROM stg_header ORDER BY row_no').fetchall()
    # The row of commas is row 2; the blank line (line 4) holds no row but keeps its place; A3's
    # two-digit year is not read as a date.
    assert got == [("A1", 1, 2, date(2010, 4, 1)), (None, 2, 3, None), ("A2", 4, 5, date(2011, 4, 1)),
                   ("A3", 5, 6, None), ("A4", 6, 7, date(2012, 4, 1)), ("A5", 7, 8, date(2013, 4, 1))]


# (rule, table, row, line, child): the row of commas is validated as a row, and rows after it and after
# the blank line keep their numbers; the two-digit year fails the date rule.
EXPECTED_FAILURES = {
    ("101", "header", 2, 3, None), ("102", "header", 2, 3, None), ("103", "header", 2, 3, None),
    ("102", "header", 5, 6, "A3"),
}


def _failures(rows) -> set[tuple]:
    return {r for r in rows if r in EXPECTED_FAILURES or (r[0] in ("101", "102", "103") and r[1] == "header")}


def test_validate_numbers_rows_as_in_the_file_and_checks_the_empty_row():
    outcome = validate_paths([RETURN])
    got = {(f.rule, f.table, f.row, f.line, f.child or None) for f in outcome.failures}
    assert _failures(got) == EXPECTED_FAILURES
    assert any("line 4 is blank" in n for n in outcome.notes)


def test_load_validates_the_same_rows(loaded):
    con, _, _ = loaded
    got = set(con.execute("SELECT rule, table_name, row_no, line_no, nullif(child, '') FROM validation_failures").fetchall())
    assert _failures(got) == EXPECTED_FAILURES


def test_the_load_summary_counts_findings_and_failing_rows_in_plain_english(loaded):
    con, result, _ = loaded
    text = result.summary()
    n, errors = con.execute("SELECT count(*), count(*) FILTER (severity = 'error') FROM dq_findings").fetchone()
    failing, failing_errors = con.execute(
        "SELECT count(*), count(*) FILTER (severity = 'error') FROM validation_failures").fetchone()
    assert f"{n} data-quality findings ({errors} errors, {n - errors} warnings)" in text
    assert (f"{failing} failing rows on the DfE validation rules ({failing_errors} errors, "
            f"{failing - failing_errors} quer") in text
    assert "See careboard findings --snapshot 1." in text and "(s)" not in text


def test_findings_command_writes_load_findings_and_validation_results_as_validate_does(loaded, tmp_path, capsys):
    con, _, db = loaded
    out = tmp_path / "findings.csv"
    assert main(["findings", "--db", str(db)]) == 0
    printed = capsys.readouterr().out
    assert "unpadded_date" in printed and "rule 102" in printed and "--output findings.csv" in printed
    assert main(["findings", "--db", str(db), "--snapshot", "1", "--output", str(out)]) == 0
    with out.open(newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == CSV_COLUMNS
    shown = {(r["rule"], r["severity"], Path(r["file"]).name, r["line"], r["row"], r["fields"], r["values"]) for r in rows}
    assert ("unpadded_date", "warning", "header.csv", "5", "4", "DOB", "DOB=1/4/2011") in shown
    assert ("102", "error", "header.csv", "6", "5", "DOB", "DOB=13/10/21") in shown
    n = con.execute("SELECT (SELECT count(*) FROM dq_findings) + (SELECT count(*) FROM validation_failures)").fetchone()[0]
    assert len(rows) == n


@pytest.mark.parametrize("suffix", [".xlsx", ".html"])
def test_findings_command_writes_excel_and_html(loaded, tmp_path, suffix):
    _, _, db = loaded
    out = tmp_path / f"findings{suffix}"
    assert main(["findings", "--db", str(db), "--output", str(out)]) == 0
    assert out.stat().st_size > 0
    if suffix == ".html":
        assert "unpadded_date" in out.read_text() and ">None<" not in out.read_text()


def test_findings_command_refuses_an_unknown_snapshot(loaded, capsys):
    _, _, db = loaded
    assert main(["findings", "--db", str(db), "--snapshot", "9"]) == 2
    assert "there is no snapshot 9" in capsys.readouterr().err


def _huge(tmp_path: Path, n: int = 2_000_000) -> Path:
    folder = tmp_path / "2024-25"
    folder.mkdir()
    shutil.copy(RETURN / "header.csv", folder / "header.csv")
    (folder / "episodes.csv").write_text(
        f"{EPISODES_HEADER}\nA1,01/05/2024,S,C2,N1,U1,PR1,,,,AB1 2CD,{'Z' * n},XXXXXXX\n"
        f"A2,01/06/2024,S,C2,N1,U1,PR1,,,,AB1 2CD,AB1 2CE,XXXXXXX\n")
    return folder


def test_a_runaway_cell_is_cut_with_a_finding(tmp_path):
    folder = _huge(tmp_path)
    (t,) = read_file(folder / "episodes.csv").tables
    (f,) = [f for f in t.findings if f.code == "cell_cut"]
    assert (f.severity, f.line, f.field, f.table) == ("error", 2, "PL_POST", "episodes")
    assert "2,000,000 characters" in f.message and len(f.value) < 50
    assert max(len(c) for c in t.cells[t.columns.index("PL_POST")]) == 255
    con = open_store(tmp_path / "s.duckdb")
    load(con, [folder], as_at=date(2025, 3, 31))
    assert con.execute("SELECT max(length(raw[12])), max(length(\"PL_POST\")) FROM stg_episodes").fetchone() == (255, 255)
    assert con.execute("SELECT max(length(\"values\")) FROM validation_failures").fetchone()[0] < 400
    assert _findings(con, {"cell_cut"}) == {("error", "cell_cut", "episodes.csv", 2, "PL_POST", "Z" * 40 + "…")}
    assert ("error", "too_long", "episodes.csv", 2, "PL_POST", "Z" * 255) in _findings(con, {"too_long"})


def test_a_runaway_value_in_xml_is_cut_with_a_finding():
    from careboard.ingest.xml_reader import read_xml_bytes

    xml = (b"<EXPSSDA903>\n<CHILD>\n<HEADER>\n<CHILDID>A1</CHILDID>\n<SEX>M</SEX>\n<DOB>01/04/2010</DOB>\n"
           b"<ETHNIC>" + b"W" * 1000 + b"</ETHNIC>\n</HEADER>\n</CHILD>\n</EXPSSDA903>\n")
    (header,) = read_xml_bytes(xml, "x.xml")
    (f,) = header.findings
    assert (f.code, f.line, f.field, f.table) == ("cell_cut", 7, "ETHNIC", "header")
    assert header.cells[header.columns.index("ETHNIC")] == ["W" * 255]


def test_a_windows_1252_file_is_a_warning_naming_the_first_line_to_check(tmp_path):
    p = tmp_path / "episodes.csv"
    p.write_bytes(f"{EPISODES_HEADER}\nA1,01/05/2024,S,C2,N1,U1,PR1,,,,AB1 2CD,AB1 2CE,\n"
                  f"A2,01/06/2024,S,C2,N1,U1,PR1,,,,£B1 2CD,AB1 2CE,\n".encode("cp1252"))
    (t,) = read_file(p).tables
    assert [(f.code, f.line, f.value) for f in t.findings] == [("windows_1252", 3, "£")]


@pytest.mark.parametrize("body,rows,lines", [
    ("A1,M,01/04/2010,WBRI,UN1,,\n\n\n\nA2,M,01/04/2010,WBRI,UN1,,\n", [1, 5], [2, 6]),
    (",,,,,,\nA2,M,01/04/2010,WBRI,UN1,,\n", [1, 2], [2, 3]),
    ('"A1",M,01/04/2010,WBRI,UN1,,\n,,,,,,\n\n"A2",M,01/04/2010,WBRI,UN1,,\n', [1, 2, 4], [2, 3, 5]),
], ids=["blank lines", "row of commas first", "quoted file"])
def test_row_numbers_follow_the_file(tmp_path, body, rows, lines):
    from tests.readback import read_back

    p = tmp_path / "header.csv"
    p.write_text("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n" + body)
    (t,) = read_file(p).tables
    got = read_back(t)
    assert (got["row_no"], got["line_no"]) == (rows, lines)


@pytest.mark.parametrize("header,expected", [
    (" child ,sex,DOB,ETHNIC,UPN,MOTHER,MC_DOB", [("header_names", 1, "CHILD,SEX", ' child ,sex')]),
    ("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB", []),
    ("\n\nCHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB", [("blank_line", 1, None, None)]),
    # A column careboard ignores is named as written, and not said to be read otherwise.
    ("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB, Team", [("extra_columns", 1, "Team", None)]),
], ids=["lower case and spaces", "as the DfE writes it", "blank lines before the header", "a column ignored"])
def test_header_names_read_differently_are_a_warning(tmp_path, header, expected):
    p = tmp_path / "header.csv"
    extra = header.rsplit("\n", 1)[-1].count(",") - 6      # a value under each extra column
    p.write_text(header + "\nA1,M,01/04/2010,WBRI,UN1,," + ",x" * extra + "\n")
    (t,) = read_file(p).tables
    assert [(f.code, f.line, f.field, f.value) for f in t.findings] == expected
    assert all("TEAM" not in f.message for f in t.findings)


def test_findings_command_refuses_an_unknown_output_before_writing_any(loaded, tmp_path):
    from tests.cli_runs import run_cli

    _, _, db = loaded
    good, bad = tmp_path / "findings.csv", tmp_path / "findings.pdf"
    run = run_cli("findings", "--db", str(db), "--output", str(good), "--output", str(bad))
    assert run.code == 2
    assert "must end in .csv, .xlsx, .html or .htm" in run.err and not good.exists()


def test_notes_are_counted_apart_from_warnings():
    """A finding for information (one of Annex A Lists 1-7, left aside) is a note, not a warning."""
    from careboard.store.findings import Counts

    assert Counts(6, 3, 0, 0, 0, 1).describe().startswith("6 data-quality findings (3 errors, 2 warnings, 1 note)")
    assert Counts(5, 3, 0, 0, 0).describe().startswith("5 data-quality findings (3 errors, 2 warnings);")
    # the load prints each year's failing rows as it validates them: the summary's are said to be of every year
    assert Counts(0, 0, 38, 38, 2).describe().endswith("; 38 failing rows on the DfE validation rules over the 2 "
                                                       "years validated (38 errors, 0 queries)")
    assert Counts(0, 0, 21, 20, 1).describe().endswith("; 21 failing rows on the DfE validation rules (20 errors, "
                                                       "1 query)")


# A database export's empty cells, written NULL, in each reader: plain text, the csv module's (a quoted cell),
# pyarrow's (a big file), a workbook's and XML's. Read as written; one warning for the file.
_NULLS = (f"{EPISODES_HEADER},WORKER\nA1,01/05/2024,S,C2,N1,U1,PR1,NULL,NULL,NULL,AB1 2CD,AB1 2CE,,NULL\n"
          f"A2,01/06/2024,S,C2,N1,U1,PR1, null ,NULL,,AB1 2CD,AB1 2CE,,\n")
_SAID = ("5 cells hold the word NULL (DEC, REC, REASON_PLACE_CHANGE), as a database export writes an empty cell: "
         "careboard reads them as written, not as blank; leave such cells blank")


@pytest.mark.parametrize("text", [_NULLS, _NULLS.replace("AB1 2CD", '"AB1 2CD"'), "big"],
                         ids=["plain", "quoted", "big file"])
def test_cells_of_null_are_one_warning_for_the_file(tmp_path, monkeypatch, text):
    from careboard.ingest import fast_csv

    if text == "big":
        monkeypatch.setattr(fast_csv, "FAST_MIN_BYTES", 0)
        text = _NULLS
    p = tmp_path / "episodes.csv"
    p.write_text(text)
    (t,) = read_file(p).tables
    assert (getattr(t, "arrow", None) is not None) == (fast_csv.FAST_MIN_BYTES == 0)
    (null,) = [f for f in t.findings if f.code == "null_cells"]
    assert (null.severity, null.line, null.field, null.value, null.message) == ("warning", 2, "DEC", "NULL", _SAID)
    assert t.cells == [] or t.cells[t.columns.index("REC")] == ["NULL", "NULL"]     # read as written


def test_null_in_a_workbook_and_in_xml_too(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    for r in _NULLS.splitlines():
        book.active.append(r.split(","))
    book.save(tmp_path / "episodes.xlsx")
    (t,) = read_file(tmp_path / "episodes.xlsx").tables
    assert [(f.line, f.field, f.message) for f in t.findings if f.code == "null_cells"] == [(2, "DEC", _SAID)]
    (tmp_path / "r.xml").write_text("<EXPSSDA903><CHILD><HEADER><CHILDID>A1</CHILDID><SEX>M</SEX><DOB>01/01/2012"
                                    "</DOB><UPN>NULL</UPN></HEADER></CHILD></EXPSSDA903>")
    (t, *_) = read_file(tmp_path / "r.xml").tables
    assert [(f.field, f.message[:37]) for f in t.findings if f.code == "null_cells"] == [
        ("UPN", "1 cell holds the word NULL (UPN), as ")]


def test_a_file_without_null_cells_has_no_such_warning(tmp_path):
    p = tmp_path / "episodes.csv"
    p.write_text(f"{EPISODES_HEADER}\nNULLA,01/05/2024,S,C2,N1,U1,PR1,,,,AB1 2CD,AB1 2CE,\n")   # NULL inside a cell
    (t,) = read_file(p).tables
    assert not [f for f in t.findings if f.code == "null_cells"]


def test_validate_and_load_say_it(tmp_path):
    folder = tmp_path / "2024-25"
    folder.mkdir()
    (folder / "episodes.csv").write_text(_NULLS)
    (folder / "header.csv").write_text("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,M,01/01/2012,WBRI,UN1,,\n"
                                       "A2,M,01/01/2012,WBRI,UN1,,\n")
    assert f"{folder / 'episodes.csv'}, line 2: {_SAID}" in validate_paths([folder]).notes
    con = open_store(tmp_path / "s.duckdb")
    load(con, [folder], as_at=date(2025, 3, 31))
    assert _findings(con, {"null_cells"}) == {("warning", "null_cells", "episodes.csv", 2, "DEC", "NULL")}


def test_invisible_characters_around_a_child_are_removed_and_said(tmp_path):
    """A zero-width space (text copied from a web page) or a byte-order mark after "A1" made another child."""
    folder = tmp_path / "2024-25"
    folder.mkdir()
    (folder / "header.csv").write_text("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1\u200b,M,01/04/2010,WBRI,UN1,,\n"
                                       "\ufeffA2,F,01/04/2011,WBRI,UN1,,\n", encoding="utf-8")
    (folder / "episodes.csv").write_text(f"{EPISODES_HEADER}\nA1,01/05/2024,S,C2,N1,U1,PR1,,,,AB1 2CD,AB1 2CE,\n"
                                         f"A2,01/05/2024,S,C2,N1,U1,PR1,,,,AB1 2CD,AB1 2CE,\n", encoding="utf-8")
    con = open_store(tmp_path / "s.duckdb")
    load(con, [folder], as_at=date(2025, 3, 31))
    assert con.execute('SELECT list("CHILD" ORDER BY row_no) FROM stg_header').fetchone()[0] == ["A1", "A2"]
    assert _findings(con, {"invisible_characters", "stray_spaces"}) == {
        ("warning", "invisible_characters", "header.csv", 2, "CHILD", "A1\u200b"),
        ("warning", "invisible_characters", "header.csv", 3, "CHILD", "\ufeffA2")}
    (message,) = con.execute("SELECT DISTINCT message FROM dq_findings WHERE line_no = 2 AND code = "
                             "'invisible_characters'").fetchone()
    assert message.endswith("was read as \"A1\" (it held invisible characters, such as the zero-width space text "
                            "copied from a web page brings, which were removed)")


def test_a_non_breaking_space_inside_a_postcode_is_read_as_a_space_and_said(tmp_path):
    """Seen: "PE1 1AA" typed in Word holds a non-breaking space; every postcode rule found it not a postcode,
    while the value printed looked right."""
    folder = tmp_path / "2024-25"
    folder.mkdir()
    (folder / "header.csv").write_text("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,M,01/04/2010,WBRI,UN1,,\n")
    (folder / "episodes.csv").write_text(f"{EPISODES_HEADER}\nA1,01/05/2024,S,C2,N1,U1,PR1,,,,AB1\u00a02CD,AB1 2CE,\n",
                                         encoding="utf-8")
    assert not [f for f in validate_paths([folder]).failures if "HOME_POST" in f.fields]
    con = open_store(tmp_path / "s.duckdb")
    load(con, [folder], as_at=date(2025, 3, 31))
    assert con.execute('SELECT "HOME_POST" FROM stg_episodes').fetchone() == ("AB1 2CD",)
    assert _findings(con, {"non_breaking_space", "stray_spaces"}) == {
        ("warning", "non_breaking_space", "episodes.csv", 2, "HOME_POST", "AB1\u00a02CD")}


def _store_with_an_error_a_warning_and_a_note(tmp_path: Path) -> Path:
    """A store of one return whose load found a blank child, an unpadded date and Excel's note of the separator."""
    folder = tmp_path / "2024-25"
    folder.mkdir()
    (folder / "header.csv").write_text("sep=,\nCHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,M,1/4/2010,WBRI,UN1,,\n"
                                       ",M,01/04/2010,WBRI,UN1,,\n")
    db = tmp_path / "s.duckdb"
    con = open_store(db)
    load(con, [folder], as_at=date(2025, 3, 31))
    con.close()
    return db


def test_findings_lists_errors_then_warnings_then_notes_named_as_the_counts_name_them(tmp_path):
    from tests.cli_runs import run_cli

    db = _store_with_an_error_a_warning_and_a_note(tmp_path)
    run = run_cli("findings", "--db", str(db))
    kinds = [line.split()[:2] for line in run.out.split("by kind:\n")[1].split("\n\n")[0].splitlines()]
    assert kinds == [["error", "missing_child"], ["warning", "unpadded_date"], ["note", "separator_line"]]
    assert "(1 error, 1 warning, 1 note)" in run.out
    run_cli("findings", "--db", str(db), "--output", str(tmp_path / "f.csv"))
    with (tmp_path / "f.csv").open(newline="") as f:
        assert {(r["rule"], r["severity"]) for r in csv.DictReader(f) if r["rule"] == "separator_line"} == {
            ("separator_line", "note")}


def test_a_workbooks_cells_read_otherwise_than_written_are_findings_as_a_csv_files_are(tmp_path):
    """A lower-case code, spaces around a code or a value too long for its field, in a return's sheet, was read
    without a word."""
    from openpyxl import Workbook

    folder = tmp_path / "2024-25"
    folder.mkdir()
    book = Workbook()
    book.active.title = "Episodes"
    book.active.append(EPISODES_HEADER.split(","))
    book.active.append(["A1", "01/05/2024", "S", "c2", "N1XYZ", " U1 ", "PR1", None, None, None, "AB1 2CD", "AB1 2CE",
                        None])
    book.save(folder / "episodes.xlsx")
    (folder / "header.csv").write_text("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,M,01/04/2010,WBRI,UN1,,\n")
    con = open_store(tmp_path / "s.duckdb")
    load(con, [folder], as_at=date(2025, 3, 31))
    assert _findings(con, {"lower_case_code", "too_long", "stray_spaces"}) == {
        ("warning", "lower_case_code", "episodes.xlsx", 2, "LS", "c2"),
        ("warning", "stray_spaces", "episodes.xlsx", 2, "PLACE", " U1 "),
        ("error", "too_long", "episodes.xlsx", 2, "CIN", "N1XYZ")}
    assert con.execute('SELECT "PLACE", "LS" FROM stg_episodes').fetchall() == [("U1", "C2")]


def test_rows_read_from_a_workbook_are_placed_by_their_sheet_in_every_output(tmp_path):
    """'episodes.xlsx, line 3' leaves the reader to find the sheet: the file names it, in the findings, validate's
    rows and the children an indicator counts."""
    from openpyxl import Workbook

    from tests.cli_runs import run_cli

    folder = tmp_path / "2024-25"
    folder.mkdir()
    book = Workbook()
    book.active.title = "Care episodes"
    for r in (EPISODES_HEADER, "A1,01/05/2024,S,c2,N1,U1,PR1,,,,AB1 2CD,AB1 2CE,"):
        book.active.append(r.split(","))
    book.save(folder / "episodes.xlsx")
    (folder / "header.csv").write_text("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,M,01/04/2010,WBRI,UN1,,\n")
    sheet = f"{folder / 'episodes.xlsx'}, sheet Care episodes"
    run_cli("validate", str(folder), "--output", str(tmp_path / "v.csv"))
    db = tmp_path / "s.duckdb"
    run_cli("load", str(folder), "--db", str(db), "--as-at", "31/03/2025")
    run_cli("findings", "--db", str(db), "--output", str(tmp_path / "f.csv"))
    for out in ("v.csv", "f.csv"):
        with (tmp_path / out).open(newline="") as f:
            files = {r["file"] for r in csv.DictReader(f) if r["table"] == "episodes"}
        assert files == {sheet}, out
    children = run_cli("children", "cla_count", "--db", str(db))
    assert f"A1,yes,{sheet},2" in children.out.replace('"', "")
    listed = run_cli("findings", "--db", str(db)).out
    assert f"first at {sheet}, row 2: LS" in listed        # the lower-case code, by its sheet's row


def test_an_id_excel_wrote_in_scientific_notation_is_said_to_be_one(tmp_path):
    folder = tmp_path / "2024-25"
    folder.mkdir()
    (folder / "header.csv").write_text("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1.23457E+11,M,01/04/2010,WBRI,UN1,,\n"
                                       "A12345678901,M,01/04/2010,WBRI,UN1,,\n")
    con = open_store(tmp_path / "s.duckdb")
    load(con, [folder], as_at=date(2025, 3, 31))
    said = dict(con.execute("SELECT value, message FROM dq_findings WHERE code = 'too_long'").fetchall())
    assert said["1.23457E+11"] == ('CHILD "1.23457E+11" is 11 characters long; the return allows at most 10: it is a '
                                   'long number that Excel wrote in scientific notation, losing its last digits (two '
                                   'IDs may have become one); format the column as text and export it again')
    assert said["A12345678901"].endswith("the return allows at most 10")      # merely too long


def test_a_snapshots_findings_outputs_list_the_rules_that_ran_and_the_loads_findings_by_severity(tmp_path):
    """The rules that ran were missing from the summary of findings' outputs, and a warning or a note of the
    load was counted as a query."""
    import openpyxl

    from tests.cli_runs import run_cli

    db = _store_with_an_error_a_warning_and_a_note(tmp_path)
    con = open_store(db, read_only=True)
    ran, = con.execute("SELECT sum(rules_run) FROM validation_runs").fetchone()
    failing = dict(con.execute("SELECT severity, count(*) FROM validation_failures GROUP BY 1").fetchall())
    con.close()
    run_cli("findings", "--db", str(db), "--output", str(tmp_path / "f.xlsx"), "--output", str(tmp_path / "f.html"))
    summary = list(openpyxl.load_workbook(tmp_path / "f.xlsx")["Summary by rule"].iter_rows(values_only=True))[1:]
    statuses = [status for _, status, *_ in summary]
    assert statuses.count("ran") == ran and statuses[:ran] == ["ran"] * ran
    assert [(r[0], r[1], r[2], r[3]) for r in summary if r[1] == "found on loading"] == [
        ("missing_child", "found on loading", "error", 1), ("separator_line", "found on loading", "note", 1),
        ("unpadded_date", "found on loading", "warning", 1)]
    page = (tmp_path / "f.html").read_text()
    assert "<h1>Load findings and SSDA903 validation 2024/25</h1>" in page
    errors, queries = failing.get("error", 0) + 1, failing.get("query", 0)
    said = ", ".join(w for w in (f"{errors} errors" if errors != 1 else "1 error",
                                 f"{queries} quer{'y' if queries == 1 else 'ies'}" if queries else "",
                                 "1 warning", "1 note") if w)
    assert f"failing rows ({said})." in page


def test_a_snapshot_of_two_years_says_each_years_rules_apart(tmp_path):
    """Seen: the findings page of a snapshot holding 2024/25 and 2025/26 headed '2025/26: 586 rules run', the two
    years' runs added, and listed a rule both as run and, without saying which year, as skipped."""
    from careboard.store.findings import as_outcome
    from careboard.validate.output import rule_summary, write_html
    from careboard.validate.session import rules_ran
    from tests.cohort import ep, whole, with_headers, write_returns

    paths = write_returns(tmp_path / "in", whole(with_headers({
        2025: {"episodes": [ep("A", "01/05/2023")]}, 2026: {"episodes": [ep("A", "01/05/2023")]}})))
    con = open_store(tmp_path / "s.duckdb")
    load(con, paths, as_at=date(2026, 3, 31))
    runs = dict(con.execute("SELECT return_year, rules_run FROM validation_runs").fetchall())
    outcome = as_outcome(con, 1)
    outcome.ran = rules_ran(con, 1)
    page = write_html(outcome, tmp_path / "f.html", title="Findings").read_text(encoding="utf-8")
    assert "<h1>Findings 2024/25 and 2025/26</h1>" in page
    assert (f"{runs[2025] + runs[2026]:,} rules run ({runs[2025]:,} for 2024/25, {runs[2026]:,} for 2025/26)"
            in page)
    skipped = {row[0]: row[-1] for row in rule_summary(outcome) if row[1] == "skipped"}
    assert skipped["503F"] == "2024/25: skipped: needs last year's return (--last-year)"
