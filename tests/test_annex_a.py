"""Reading Ofsted Annex A workbooks: headers in their variants, answers in their three styles, cells of
every kind a council's workbook holds, lists 1-7 and unknown sheets beside lists 8-11, the mapping report
and `careboard annex-a`. Every workbook is written by hand here (tests/annex_a_books.py)."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime

import pytest

from careboard.errors import InputError
from careboard.ingest.files import read_file
from careboard.ingest.mapping_report import COLUMNS, mapping_report
from careboard.ingest.xlsx_reader import cell_ref, read_xlsx

from .annex_a_books import LIST_3, LIST_8, LIST_9, LIST_10, LIST_11, list_8_row, write_book
from .cli_runs import run_cli

L8 = "annex_a_children_in_care"


def _book(tmp_path, sheets, name="annex_a.xlsx"):
    return read_xlsx(write_book(tmp_path / name, sheets))


def _table(book, table):
    found = [t for t in book.tables if t.table == table]
    assert len(found) == 1, f"expected one {table}, read {[t.table for t in book.tables]}"
    return found[0]


def assert_read(book, table: str, column: str, expected: list, codes: set[str] = frozenset(), severity=None):
    """The one check of a read: `column` of `table` holds `expected` (one per data row), and the findings about
    that column are exactly of the kinds `codes`, each naming the sheet, the row and (in words) the cell."""
    t = _table(book, table)
    assert t.cells[t.columns.index(column)] == expected
    about = [f for f in book.findings if f.table == table and f.field == column]
    assert {f.code for f in about} == set(codes), [f.message for f in about]
    for f in about:
        assert f.file.endswith(f"sheet {t.sheet}") and f.line in t.line_no, f
        assert f"sheet {t.sheet}, " in f.message and "cell " in f.message, "the message names the sheet and cell, " \
            f"as a store keeps the file alone: {f.message}"
        assert f.child == t.cells[0][t.line_no.index(f.line)], f"a finding about a row names its child: {f}"
        if severity:
            assert f.severity == severity, f


# (header of the cell changed, value written, careboard column, text read, kinds of finding, severity)
CELLS = [
    ("Gender", "b) Female", "SEX", "2", set(), None),
    ("Gender", "Female", "SEX", "2", set(), None),
    ("Gender", "a) Male", "SEX", "1", set(), None),
    ("Gender", "M", "SEX", "1", set(), None),
    ("Gender", "c) Not stated/recorded", "SEX", "0", set(), None),
    ("Gender", "d) Neither", "SEX", "9", set(), None),
    ("Gender", "Transgender Male", "SEX", "Transgender Male", {"unknown_answer"}, "warning"),
    ("Child's Legal Status", "E1: Placement order", "LS", "E1", set(), None),
    ("Child's Legal Status", "E1", "LS", "E1", set(), None),
    ("Child's Legal Status", "Placement order", "LS", "E1", set(), None),
    ("Child's Legal Status", "e1 - placement order", "LS", "E1", set(), None),
    ("Child's Legal Status", "V2: Single period under S20", "LS", "V2", set(), None),
    ("Child's Legal Status", "CLA - C2 - Full care order", "LS", "C2", set(), None),    # a CMS's display text
    ("Child's Legal Status", "Care order", "LS", "Care order", {"unknown_answer"}, "warning"),
    ("Child's Legal Status", "S20", "LS", "V2", set(), None),
    ("Child's Legal Status", "ICO (s38)", "LS", "C1", set(), None),
    ("Placement Type", "f) U6: Foster placement - not FFA", "PLACE", "U6", set(), None),
    ("Placement Type", "zz) T4: Temporary placement - seven days or less", "PLACE", "T4", set(), None),
    ("Placement Type", "K3", "PLACE", "K3", set(), None),
    ("Placement Type", "Children's Homes", "PLACE", "K2", set(), None),
    ("Placement Provider", "e) PR4 - Private provision", "PLACE_PROVIDER", "PR4", set(), None),
    ("Ethnicity", "s) NOBT", "ETHNIC", "NOBT", set(), None),
    ("Ethnicity", "s) REFU", "ETHNIC", "REFU", set(), None),
    ("Ethnicity", "White British", "ETHNIC", "WBRI", set(), None),
    ("Ethnicity", "White - British", "ETHNIC", "WBRI", set(), None),
    ("Ethnicity", "A1 - White British", "ETHNIC", "WBRI", set(), None),      # an old CMS code before the words
    ("Ethnicity", "WBRI - White British", "ETHNIC", "WBRI", set(), None),
    ("Ethnicity", "Asian or Asian British - Pakistani", "ETHNIC", "APKN", set(), None),
    ("Ethnicity", "Mixed - White and Black Caribbean", "ETHNIC", "MWBC", set(), None),
    ("Placement Provider", "Private", "PLACE_PROVIDER", "PR4", set(), None),
    (LIST_8[5], "Not UASC", "UASC", "Not UASC", {"unknown_answer"}, "warning"),     # not read as "UASC": yes
    (LIST_8[14], "Long term fostering", "PERMANENCE_PLAN", "FOSTERING", set(), None),
    ("Gender", "Not stated / recorded", "SEX", "0", set(), None),
    ("Reason Ceased to be Looked After", "v) E17: Aged 18+ and remained with current carers", "REC", "E17", set(), None),
    ("Reason Ceased to be Looked After", "E4A", "REC", "E4A", set(), None),
    ("Placement Location", "b) Out", "PL_LOCATION", "OUT", set(), None),
    (LIST_8[5], "a) Yes", "UASC", "Y", set(), None),
    (LIST_8[5], "Y", "UASC", "Y", set(), None),
    (LIST_8[5], "1 - Yes", "UASC", "Y", set(), None),
    (LIST_8[14], "c) SGO/CAO", "PERMANENCE_PLAN", "SGO_CAO", set(), None),
    ("Child's Category of Need", "N4 - Family in acute stress", "CIN", "N4", set(), None),
    ("Date of Birth", date(2012, 5, 3), "DOB", "03/05/2012", set(), None),
    ("Date of Birth", datetime(2012, 5, 3, 0, 0), "DOB", "03/05/2012", set(), None),
    ("Date of Birth", "03/05/2012", "DOB", "03/05/2012", set(), None),
    ("Date of Birth", "3/5/2012", "DOB", "03/05/2012", {"normalised"}, "warning"),
    ("Date of Birth", "2012-05-03", "DOB", "03/05/2012", {"normalised"}, "warning"),
    ("Date of Birth", "3 May 2012", "DOB", "03/05/2012", {"normalised"}, "warning"),
    ("Date of Birth", "03-May-2012", "DOB", "03/05/2012", {"normalised"}, "warning"),
    ("Date of Birth", "03.05.2012 00:00", "DOB", "03/05/2012", {"normalised"}, "warning"),
    ("Date of Birth", 41032, "DOB", "03/05/2012", {"normalised"}, "warning"),       # an Excel day number
    ("Date of Birth", "03/05/12", "DOB", "03/05/12", {"bad_date"}, "error"),        # a two-digit year
    ("Date of Birth", "31/02/2012", "DOB", "31/02/2012", {"bad_date"}, "error"),
    ("Date of Birth", "=DATE(2012,5,3)", "DOB", "", {"formula_not_calculated"}, "error"),
    ("Date of Birth", "#N/A", "DOB", "", {"error_value"}, "warning"),
    ("Date of Birth", "#REF!", "DOB", "", {"error_value"}, "error"),
    ("Date of Birth", None, "DOB", "", set(), None),
    ("Age of Child (Years)", 12.0, "AGE", "12", set(), None),
    ("Age of Child (Years)", 6.138, "AGE", "6", {"normalised"}, "warning"),
    ("Age of Child (Years)", "6.9", "AGE", "6", {"normalised"}, "warning"),
    ("Age of Child (Years)", "six", "AGE", "six", {"bad_integer"}, "error"),
    ("Number of Placements in the Last 12 months", 2.5, "PLACEMENTS_12M", "2.5", {"bad_integer"}, "error"),
    ("Number of Placements in the Last 12 months", 3.0, "PLACEMENTS_12M", "3", set(), None),
    ("Allocated Worker", "Ann\u00a0Smith", "WORKER", "Ann Smith", {"normalised"}, "warning"),
    ("Allocated Worker", " Ann Smith ", "WORKER", "Ann Smith", {"stray_spaces"}, "warning"),
    ("Child Unique ID", "C1 ", "CHILD", "C1", {"stray_spaces"}, "warning"),
    ("Date of Birth", " 03/05/2012", "DOB", "03/05/2012", {"stray_spaces"}, "warning"),
    ("Child Unique ID", 12345.0, "CHILD", "12345", set(), None),
    # seen: as text (a CSV round trip) it was kept, and List 10's family 17 never met List 11's "17.0"
    ("Child Unique ID", "12345.0", "CHILD", "12345", {"excel_number"}, "warning"),
    ("Child Unique ID", "12345.5", "CHILD", "12345.5", set(), None),
    ("Placement postcode", "#VALUE!", "PL_POST", "", {"error_value"}, "error"),
]


@pytest.mark.parametrize("header,written,column,read,codes,severity", CELLS,
                         ids=[f"{c[2]}={c[1]!r}" for c in CELLS])
def test_a_cell_is_read_as_careboard_reads_it(tmp_path, header, written, column, read, codes, severity):
    book = _book(tmp_path, {"List 8": [LIST_8, list_8_row("C1", **{header: written})]})
    assert_read(book, L8, column, [read], codes, severity)


LEAVER = ["C1", "a) Male", "a) WBRI", date(2006, 1, 1), 18, "b) No", "Leaving Care", "P Adviser",
          "b) Former relevant child", "a) Yes", "B: Parents/relatives", "a) Suitable", "F1: Full time in higher education"]

# (header of List 9 as in the template, value written, careboard column, text read, kinds of finding)
LEAVER_CELLS = [
    ("Suitability of Accomodation", "Not Suitable", "ACCOMMODATION_SUITABLE", "UNSUITABLE", set()),
    ("LA in Touch", "In touch", "IN_TOUCH", "YES", set()),
    ("LA in Touch", "Not in touch", "IN_TOUCH", "NO", set()),
    ("LA in Touch", "Young person refuses contact", "IN_TOUCH", "REFU", set()),
    ("Type of accommodation", "B1", "ACCOMMODATION", "B", set()),      # the 903's code, with its suitability digit
    ("Type of accommodation", "U2", "ACCOMMODATION", "U", set()),
    ("Activity Status", "NEET - other", "ACTIVITY", "G5", set()),
]


@pytest.mark.parametrize("header,written,column,read,codes", LEAVER_CELLS, ids=[f"{c[2]}={c[1]!r}" for c in LEAVER_CELLS])
def test_a_care_leavers_answer_is_read_as_careboard_reads_it(tmp_path, header, written, column, read, codes):
    row = [written if h == header else v for h, v in zip(LIST_9, LEAVER)]
    book = _book(tmp_path, {"List 9": [LIST_9, row]})
    assert_read(book, "annex_a_care_leavers", column, [read], codes)


def test_a_word_before_an_answer_is_passed_over_only_when_punctuation_sets_it_off():
    from careboard.formats.aliases import Answers

    answers = Answers("suitability", frozenset({"SUITABLE"}), {"suitable": "SUITABLE"})
    assert answers.read("CLA - Suitable") == answers.read("x: suitable") == "SUITABLE"
    assert answers.read("Not suitable") is None and answers.read("no suitable") is None     # never its opposite


def test_each_normalisation_is_one_warning_per_column_with_how_many_and_where(tmp_path):
    rows = [list_8_row(f"C{i}", **{"Date of Birth": f"{i}/5/2012"}) for i in range(1, 4)]
    book = _book(tmp_path, {"List 8": [LIST_8, *rows]})
    assert_read(book, L8, "DOB", ["01/05/2012", "02/05/2012", "03/05/2012"], {"normalised"})
    (f,) = [f for f in book.findings if f.field == "DOB"]
    assert (f.line, f.value) == (2, "1/5/2012") and "(sheet List 8, 3 cells, the first is cell D2)" in f.message


# (header as written in the workbook, the list's template headers it replaces, careboard column)
HEADERS = [
    ("Age", LIST_8, "Age of Child (Years)", "AGE"),
    ("AGE OF CHILD (YEARS)   ", LIST_8, "Age of Child (Years)", "AGE"),
    ("Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)", LIST_8, LIST_8[5], "UASC"),
    ("Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months", LIST_8,
     LIST_8[28], "MISSING_12M"),
    ("Number of Episodes the Child has been \u2018Absent\u2019 from their Placement in the last 12 months", LIST_8,
     LIST_8[29], "ABSENT_12M"),
    ("Child\u2019s Legal Status", LIST_8, "Child's Legal Status", "LS"),
    ("Childs Legal Status", LIST_8, "Child's Legal Status", "LS"),
    ("Child\u00a0Unique  ID", LIST_8, "Child Unique ID", "CHILD"),
    ("Child ID", LIST_8, "Child Unique ID", "CHILD"),
    ("LS", LIST_8, "Child's Legal Status", "LS"),       # careboard's own name
    ("Eligibility Category", LIST_9, "Eligibity Category", "ELIGIBILITY"),
    ("Suitability of Accommodation", LIST_9, "Suitability of Accomodation", "ACCOMMODATION_SUITABLE"),
    ("Date of Adoption Order", LIST_10, "Date of Adoption Order ", "ADOPTION_ORDER_DATE"),
    ("Date Adopter Matched With Child(ren)", LIST_11, "Date adopter matched with child(ren)", "MATCHED_DATE"),
    ("In Touch?", LIST_9, "LA in Touch", "IN_TOUCH"),
    ("Date of Enquiry", LIST_11, "Date enquiry received", "ENQUIRY_DATE"),
    ("Date Approved", LIST_11, "Date application approved", "APPROVED_DATE"),
    ("Date Matched", LIST_11, "Date adopter matched with child(ren)", "MATCHED_DATE"),
    # as councils' workbooks word them (seen: each left its column unread, and List 9 aside for want of IN_TOUCH)
    ("Is the Local Authority in Touch with the Care Leaver?", LIST_9, "LA in Touch", "IN_TOUCH"),
    ("Placement Location (Within/Outside LA boundary)", LIST_8, "Placement Location", "PL_LOCATION"),
    ("Adopter family identifier", LIST_11, "Family identifier", "FAMILY"),
    ("Does the adopter have a disability (Y/N)", LIST_11, "Disability", "DISABLED"),
    ("Date of entering care", LIST_10, "Date the Child Entered Care", "ENTERED_CARE_DATE"),
    ("Date entered care", LIST_10, "Date the Child Entered Care", "ENTERED_CARE_DATE"),
]


@pytest.mark.parametrize("written,template,replaced,column", HEADERS, ids=[h[0] for h in HEADERS])
def test_a_header_is_read_in_its_variants(tmp_path, written, template, replaced, column):
    header = [written if h == replaced else h for h in template]
    book = _book(tmp_path, {"Sheet1": [["Annex A return"], header]})
    (m,) = [m for m in book.sheets if m.status == "read"]
    assert m.header_row == 2
    assert [h.column for h in m.headers if h.cell == cell_ref(2, template.index(replaced))] == [column]
    assert column not in m.missing


def test_lists_are_recognised_by_their_columns_and_others_left_aside(tmp_path):
    book = _book(tmp_path, {
        "Contents": [["Annex A"], ["List 8 is children in care"]],
        "List 3": [LIST_3, ["C9", "a) Male", "a) WBRI", date(2015, 1, 1), 9, date(2024, 6, 1), "Police", "b) No", 1, "T", "W"]],
        "Care leavers": [["Ofsted Annex A"], ["List 9: care leavers"], [], LIST_9,
                         ["C1", "a) Male", "a) WBRI", date(2006, 1, 1), 18, "b) No", "Leaving Care", "P Adviser",
                          "b) Former relevant child", "a) Yes", "D: Semi-independent, transitional accommodation and "
                          "self-contained accommodation", "a) Suitable", "F2: Full time in education other than higher"],
                         [None] * 13,
                         ["C2", "Male", "WBRI", "1/1/2006", 18, "No", None, None, "Former relevant", "Refu", "B",
                          "Unsuitable", "G6"],
                         ["C3", "b) Female", "a) WBRI", date(2005, 6, 1), 19, "b) No", None, None, "b) Former relevant child",
                          "b) No", "Z: With former foster carers", "a) Suitable",
                          "d1) Not in education, training or employment - illness/disability"]],
        "List 10": [LIST_10],
        "Extra": [["Child Unique ID", "Date Started to be Looked After", "Legal status start"]],
        "Blank": [],
        "Numbers": [[1, 2, 3]],
    })
    by_sheet = {m.sheet: m for m in book.sheets}
    assert {s: m.status for s, m in by_sheet.items()} == {
        "Contents": "not recognised", "List 3": "left aside", "Care leavers": "read", "List 10": "read",
        "Extra": "not recognised", "Blank": "empty", "Numbers": "not recognised"}
    leavers = _table(book, "annex_a_care_leavers")
    assert (leavers.sheet, leavers.line_no, leavers.row_no) == ("Care leavers", [5, 7, 8], [1, 3, 4])
    assert_read(book, "annex_a_care_leavers", "IN_TOUCH", ["YES", "REFU", "NO"])
    assert_read(book, "annex_a_care_leavers", "ACCOMMODATION", ["D", "B", "Z"])
    assert_read(book, "annex_a_care_leavers", "ACCOMMODATION_SUITABLE", ["SUITABLE", "UNSUITABLE", "SUITABLE"])
    assert_read(book, "annex_a_care_leavers", "ACTIVITY", ["F2", "G6", "G4"])
    assert_read(book, "annex_a_care_leavers", "ELIGIBILITY", ["FORMER_RELEVANT"] * 3)
    assert len(_table(book, "annex_a_adoption")) == 0
    notes = {f.file.split("sheet ")[1]: (f.severity, f.message) for f in book.findings if f.table is None}
    assert notes["List 3"] == ("info", "sheet List 3: List 3 (referrals) is not read by careboard and was left aside")
    assert notes["Extra"][0] == "warning" and "List 8 (children in care)" in notes["Extra"][1] \
        and '"Child\'s Legal Status" (LS)' in notes["Extra"][1]
    assert notes["Contents"] == ("warning", "sheet Contents matches no list or table careboard reads and was left aside")


def test_a_header_read_twice_is_read_from_its_first_column(tmp_path):
    header = LIST_8 + ["Age"]
    book = _book(tmp_path, {"List 8": [header, list_8_row("C1", **{"Age of Child (Years)": 7}) + [8]]})
    t = _table(book, L8)
    assert t.cells[t.columns.index("AGE")] == ["7"]
    assert [(f.code, f.line, f.field) for f in book.findings] == [("header_twice", 1, "AGE")]
    assert "(sheet List 8, cell AI1)" in book.findings[0].message and "only E1 was read" in book.findings[0].message


@pytest.mark.parametrize("extra,message", [
    (["Notes"], 'column "Notes" (AI1) of sheet List 8 is not part of '),
    (["Notes", "Our reference"], 'columns "Notes" (AI1), "Our reference" (AJ1) of sheet List 8 are not part of '),
])
def test_columns_of_the_councils_own_are_named_in_one_warning(tmp_path, extra, message):
    book = _book(tmp_path, {"List 8": [LIST_8 + extra, list_8_row("C1") + ["x"] * len(extra)]})
    [finding] = [f for f in book.findings if f.code == "extra_columns"]
    assert finding.message.startswith(message) and finding.message.endswith(
        "and was ignored" if len(extra) == 1 else "and were ignored"), finding.message


def test_a_sheet_of_another_format_is_read_by_its_columns(tmp_path):
    header = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]
    book = _book(tmp_path, {"Header": [header, ["C1", 1.0, date(2012, 5, 3), "WBRI", None, None, None]]})
    t = _table(book, "header")
    assert t.cells[:3] == [["C1"], ["1"], ["03/05/2012"]]


@pytest.mark.parametrize("name,sheets,message", [
    # Text under a workbook's name (tests/test_ingest.py has real .xls and .ods files, and one with a password).
    ("old.xls", None, "cannot be read as an Excel workbook (it is not one, though named .xls); save it again from "
                      "Excel as .xlsx"),
    ("sheet.ods", None, "cannot be read as an Excel workbook (it is not one, though named .ods)"),
    ("notes.xlsx", {"Notes": [["nothing here"]]}, "no sheet holds a table careboard reads (Notes: not recognised)"),
    ("cin.xlsx", {"List 3": [LIST_3]}, "no sheet holds a table careboard reads (List 3: left aside)"),
    ("broken.xlsx", None, "cannot be read as an Excel workbook"),
    ("two.xlsx", {"List 8": [LIST_8], "List 8 (May)": [["Title"], LIST_8]},
     'sheets "List 8" and "List 8 (May)" both hold List 8 (children in care); remove the one not to load from the workbook'),
])
def test_a_workbook_careboard_cannot_read_is_refused_on_one_line(tmp_path, name, sheets, message):
    path = tmp_path / name
    if sheets:
        write_book(path, sheets)
    else:
        path.write_bytes(b"not a workbook")
    with pytest.raises(InputError) as e:
        read_file(path)
    assert e.value.file == str(path) and e.value.message.startswith(message)


def test_a_hidden_copy_of_a_list_is_named_hidden_and_annex_a_says_load_would_refuse_it(tmp_path):
    """A sheet Excel does not show is easily forgotten: the refusal says which of the two is hidden."""
    from openpyxl import load_workbook

    path = write_book(tmp_path / "annex.xlsx", {"List 8": [LIST_8, list_8_row("C1")], "List 8 (Dec)": [LIST_8]})
    book = load_workbook(path)
    book["List 8 (Dec)"].sheet_state = "hidden"
    book.save(path)
    said = 'sheets "List 8" and "List 8 (Dec)" (hidden) both hold List 8 (children in care); remove the one not to load'
    with pytest.raises(InputError) as e:
        read_file(path)
    assert e.value.message.startswith(said)
    r = run_cli("annex-a", str(path))
    assert r.code == 0 and f"careboard load would refuse the workbook: {said}" in r.out


@pytest.mark.parametrize("name", ["annex.xlsx", "annex.xlsm"])
def test_read_file_gives_a_workbooks_tables_with_the_sheets_it_left_aside(tmp_path, name):
    path = write_book(tmp_path / name, {"List 3": [LIST_3], "List 8": [LIST_8, list_8_row("C1")]})
    source = read_file(path)
    (t,) = source.tables
    assert (t.table, t.fmt, t.sheet, t.file, len(t)) == (L8, "xlsx", "List 8", str(path), 1)
    assert [f.code for f in t.findings] == ["list_not_read"]


def test_the_mapping_report_says_how_each_header_and_answer_was_read(tmp_path):
    header = [("Age" if h == "Age of Child (Years)" else h) for h in LIST_8 if h != "URN of Placement"] + ["Notes"]
    rows = [list_8_row("C1"), list_8_row("C2", Gender="Female", **{"Child's Legal Status": "#N/A"}),
            list_8_row("C3", Gender="Transgender")]
    rows = [[v for h, v in zip(LIST_8, r) if h != "URN of Placement"] + ["x"] for r in rows]
    report = mapping_report(_book(tmp_path, {"List 8": [header, *rows]}))
    lines = [dict(zip(COLUMNS, r)) for r in report.rows]
    pick = lambda part, column: [(x["written"], x["read_as"], x["rows"], x["cell"]) for x in lines
                                 if x["part"] == part and x["column"] == column]
    assert pick("answer", "SEX") == [("Transgender", "not understood", 1, "B4"), ("Female", "2", 1, "B3"),
                                     ("b) Female", "2", 1, "B2")]
    assert [(x["header"], x["cell"]) for x in lines if x["part"] == "header" and x["column"] == "AGE"] == [("Age", "E1")]
    assert [x["header"] for x in lines if x["read_as"] == "not used"] == ["Notes"]
    assert [x["column"] for x in lines if x["part"] == "missing column"] == ["URN"]
    assert pick("unreadable", "LS") == [("#N/A", None, None, "L3")]
    assert "3 rows, 33 of 34 headers read, 1 column of the list not in the sheet, 1 answer not understood, " \
           "1 cell not readable" in report.summary[0]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_careboard_annex_a_prints_a_summary_and_writes_the_report(tmp_path, suffix):
    path = write_book(tmp_path / "annex.xlsx", {"List 3": [LIST_3], "List 8": [["Title"], LIST_8, list_8_row("C1")]})
    out = tmp_path / f"mapping{suffix}"
    r = run_cli("annex-a", str(path), "--output", str(out))
    code, printed, err = r.code, r.out, r.err
    assert code == 0, err
    assert 'sheet "List 8" read as List 8 (children in care) (header in row 2): 1 row, 34 of 34 headers read' in printed
    assert 'sheet "List 3": List 3 (referrals) is not read by careboard' in printed
    if suffix == ".csv":
        text = out.read_text()
        assert text.startswith(",".join(COLUMNS)) and "List 8,answer,3,W3,,PLACE,f) U6: Foster placement - not FFA,U6,1," in text
    else:
        import openpyxl

        rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
        assert rows[0] == COLUMNS and ("List 8", "answer", 3, "W3", None, "PLACE",
                                       "f) U6: Foster placement - not FFA", "U6", 1, None) in rows


@pytest.mark.parametrize("sheets,message", [
    ({"Header": [["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]]}, "holds none of Annex A's lists 8-11 (Header: Header)"),
    ({"List 3": [LIST_3]}, "holds none of Annex A's lists 8-11 (List 3: left aside)"),
    ({"CLA": [[h if h != "Placement Type" else "Placement" for h in LIST_8]]},
     "holds none of Annex A's lists 8-11 (CLA: looks most like Annex A List 8 (children in care) (header row 1) but has "
     'no "Placement Type" (PLACE), so it was left aside)'),
    (None, "is a CSV file: careboard annex-a shows how a workbook's sheets are read, and careboard load reads a "
           "list saved as CSV as it is"),
])
def test_careboard_annex_a_refuses_a_workbook_that_is_not_annex_a(tmp_path, sheets, message):
    path = write_book(tmp_path / "other.xlsx", sheets) if sheets else tmp_path / "header.csv"
    if not sheets:
        path.write_text("CHILD,SEX\n")
    r = run_cli("annex-a", str(path))
    code, err = r.code, r.err
    assert code == 2 and len(err.strip().splitlines()) == 1 and err.startswith(f"careboard: {path}: {message}")


def test_careboard_annex_a_given_a_folder_names_a_workbook_in_it(tmp_path):
    write_book(tmp_path / "Annex A.xlsx", {"List 8": [LIST_8]})
    r = run_cli("annex-a", str(tmp_path))
    assert r.code == 2 and r.err.strip() == f"careboard: {tmp_path}: is a folder: give the workbook itself, such as " \
                                            f"{tmp_path / 'Annex A.xlsx'}"


def test_the_cells_read_are_typed_as_the_store_types_them(tmp_path):
    """Dates come out dd/mm/yyyy and whole numbers plain, as the typing SQL reads them: no date or number
    read from a workbook is lost on the way into the store."""
    from careboard.backends import engine
    from careboard.tables.schema import typed_select
    from careboard.tables.sources import table_source

    row = list_8_row("C1", **{"Date of Birth": "3 May 2012", "Age of Child (Years)": 12.7,
                              "Date Ceased to be Looked After": datetime(2025, 1, 6, 14, 30)})
    (t,) = read_file(write_book(tmp_path / "annex.xlsx", {"List 8": [LIST_8, row]})).tables
    con = engine().connect()
    source = table_source(con, t, "list_8")
    sql = typed_select(L8, source.sql).replace("$snapshot_id", "1").replace("$return_year", "2025").replace("$file_id", "1")
    names = [d[0] for d in con.execute(f"SELECT * FROM ({sql}) LIMIT 0").description]
    typed = dict(zip(names, con.execute(sql, source.params).fetchone()))
    assert {c: typed[c] for c in ("CHILD", "DOB", "AGE", "POC_END", "POC_START", "LS", "PLACE", "SEX", "UASC")} == {
        "CHILD": "C1", "DOB": date(2012, 5, 3), "AGE": 12, "POC_END": date(2025, 1, 6), "POC_START": date(2023, 6, 1),
        "LS": "C2", "PLACE": "U6", "SEX": "2", "UASC": "N"}
    assert typed["URN"] is None and typed["MISSING_12M"] == 0


def test_rows_of_formulas_giving_nothing_are_blank_rows(tmp_path):
    """A template's formulas copied down past the last child, saved by Excel with the result "", are no rows
    and no findings; a formula never calculated is a row, with its cell named."""
    blank = ['=IF(A1="","",A1)'] * len(LIST_8)
    path = write_book(tmp_path / "annex.xlsx", {"List 8": [
        LIST_8, list_8_row("C1"), list_8_row("C2", **{"Age of Child (Years)": "=1+1"}), blank, blank]})
    # Excel saves a formula's text result "" as a cell typed t="str" with an empty <v>.
    _rewrite_sheet(path, lambda xml: re.sub(rb'<c r="([A-Z]+[45])"><f>', rb'<c r="\1" t="str"><f>', xml))
    book = read_xlsx(path)
    assert_read(book, L8, "AGE", ["12", ""], {"formula_not_calculated"})
    assert _table(book, L8).line_no == [2, 3]


def _rewrite_sheet(path, change) -> None:
    """Change the first sheet's XML inside a workbook, as other programs write it."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/worksheets/sheet1.xml"] = change(parts["xl/worksheets/sheet1.xml"])
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)


def test_a_sheet_whose_used_range_is_written_wrong_is_read_whole(tmp_path):
    path = write_book(tmp_path / "annex.xlsx", {"List 8": [LIST_8, list_8_row("C1")]})
    _rewrite_sheet(path, lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:A1"', xml))
    assert_read(read_xlsx(path), L8, "WORKER", ["A Worker"])


def _loaded_findings(tmp_path, sheets: dict) -> list[tuple]:
    """A workbook loaded as a council's lists on 31/01/2025: its findings as (code, sheet and row, field)."""
    from careboard.store import open_store
    from tests.loading import load

    folder = tmp_path / "lists"
    folder.mkdir()
    write_book(folder / "Annex A.xlsx", sheets)
    con = open_store(tmp_path / "s.duckdb")
    sid = load(con, [folder], as_at=date(2025, 1, 31), validate=False).snapshot_id
    return con.execute("SELECT d.code, f.sheet, d.line_no, d.field FROM dq_findings d JOIN source_files f "
                       "USING (snapshot_id, file_id) WHERE d.snapshot_id = ? ORDER BY d.line_no", [sid]).fetchall()


def test_a_row_without_its_childs_id_is_an_error(tmp_path):
    no_id = list_8_row("C2")
    no_id[0] = None
    found = _loaded_findings(tmp_path, {"List 8": [LIST_8, list_8_row("C1"), no_id]})
    assert ("blank_required", "List 8", 3, "CHILD") in found


@pytest.mark.parametrize("guide", [
    ["Text", "a) Male etc", "Code", "dd/mm/yyyy", "number", "Y/N"],
    [None, None, None, "Date (DD/MM/YYYY)"],
])
def test_a_row_of_guidance_under_the_column_names_is_skipped_with_a_note(tmp_path, guide):
    book = _book(tmp_path, {"List 8": [LIST_8, guide + [None] * (len(LIST_8) - len(guide)), list_8_row("C1")]})
    assert _table(book, L8).line_no == [3] and _table(book, L8).cells[0] == ["C1"]
    (note,) = [f for f in book.findings if f.code == "guidance_row"]
    assert (note.severity, note.line) == ("info", 2) and "row 2 of sheet List 8, under the column names" in note.message
    assert not [f for f in book.findings if f.severity != "info"], "nothing else is said of it"


def test_a_childs_row_with_a_date_is_never_guidance(tmp_path):
    row = list_8_row("C1", **{"Date of Birth": "dd/mm/yyyy"})     # a date's form in one column, dates in others
    book = _book(tmp_path, {"List 8": [LIST_8, row]})
    assert _table(book, L8).line_no == [2] and not [f for f in book.findings if f.code == "guidance_row"]


def test_a_sheet_left_aside_is_named_by_its_own_sheet_not_another(tmp_path):
    """Its finding is stored with the workbook's first table read: it names the workbook, and the sheet in words."""
    from careboard.store import open_store
    from careboard.store.findings import as_outcome, load_findings_by_kind
    from tests.loading import load

    folder = tmp_path / "lists"
    folder.mkdir()
    write_book(folder / "Annex A.xlsx", {"List 8": [LIST_8, list_8_row("C1")], "Cover": [["Annex A"], ["Contents"]]})
    con = open_store(tmp_path / "s.duckdb")
    sid = load(con, [folder], as_at=date(2025, 1, 31), validate=False).snapshot_id
    ((file, message),) = [(f.file, f.message) for f in as_outcome(con, sid).failures if f.rule == "sheet_not_recognised"]
    assert file.endswith("Annex A.xlsx") and message.startswith("sheet Cover ")
    (kind,) = [k for k in load_findings_by_kind(con, sid) if k[1] == "sheet_not_recognised"]
    assert kind[4].endswith("Annex A.xlsx")


def test_load_says_which_sheet_looks_like_a_list_but_was_left_aside(tmp_path):
    folder = tmp_path / "lists"
    folder.mkdir()
    leavers = [h if h != "LA in Touch" else "Contact status" for h in LIST_9]
    write_book(folder / "Annex A.xlsx", {"List 8": [LIST_8, list_8_row("C1")], "Care leavers": [leavers],
                                        "Cover": [["Annex A"]]})
    run = run_cli("load", str(folder), "--as-at", "31/01/2025", "--db", str(tmp_path / "s.duckdb"))
    said = [line for line in run.out.splitlines() if "left aside" in line]
    assert said == [f'note: {folder / "Annex A.xlsx"}: sheet Care leavers looks most like Annex A List 9 (care leavers) '
                    '(header row 1) but has no "LA in Touch" (IN_TOUCH), so it was left aside: head its columns so to '
                    'have it read'], run.out      # the cover, like no list, is a finding only


def test_a_list_saved_as_csv_names_the_file_and_its_lines_not_a_sheet():
    """Seen: "List 10.csv, sheet List 10.csv": a CSV file has no sheet."""
    from careboard.ingest.xlsx_reader import read_csv_as_sheet

    text = ",".join(f'"{h}"' for h in LIST_10) + "\n" + ",".join(["100004.0"] + [""] * (len(LIST_10) - 1)) + "\n"
    table = read_csv_as_sheet(text, "lists/List 10.csv")
    assert table.sheet is None and table.cells[table.columns.index("CHILD")] == ["100004"]
    (found,) = [f for f in table.findings if f.code == "excel_number"]
    assert found.file == "lists/List 10.csv" and found.line == 2
    assert found.message == "Child Unique ID was read without the decimal point Excel had added (the file, cell A2)"


@pytest.mark.parametrize("written, says", [
    # seen: "05/20/2025" was told to be written dd/mm/yyyy with the year in full, which it looked to be
    ("05/20/2025", "there is no month 20, so it is written month first, as Excel writes dates with US settings: "
                   "write it day first (dd/mm/yyyy)"),
    ("03/05/12", "its year has two digits (it could be 1921 or 2021): write the year in full"),
    ("31/02/2012", "no such day: correct it (dd/mm/yyyy)"),
    ("next week", "write it as dd/mm/yyyy with the year in full"),
])
def test_a_date_that_cannot_be_read_says_why(tmp_path, written, says):
    book = _book(tmp_path, {"List 8": [LIST_8, list_8_row("C1", **{"Date of Birth": written})]})
    (found,) = [f for f in book.findings if f.code == "bad_date"]
    assert found.message.endswith(f'"{written}" is not a date careboard can read: {says}')


def test_a_sheet_named_as_a_list_whose_column_names_lie_too_far_down_says_so(tmp_path):
    """Seen: "List8" under 22 rows of guidance "matches no list or table careboard reads", and load said nothing."""
    guidance = [[f"Guidance line {n}"] for n in range(1, 23)]
    book = _book(tmp_path, {"List8": [*guidance, LIST_8, list_8_row("C1")]})
    (found,) = [f for f in book.findings if f.code == "list_header_not_found"]
    assert found.message == ("sheet List8 is named as Annex A List 8 (children in care), but none of the first rows "
                             "holds its column names, so it was left aside: delete the rows above them")
