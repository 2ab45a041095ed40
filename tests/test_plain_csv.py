"""Plain CSV files, split in SQL, read exactly what the csv-module reader reads; other files step aside."""

from __future__ import annotations

from datetime import date

import pytest

from careboard.ingest.csv_reader import read_csv_text
from careboard.ingest.plain_csv import TextTable, _padded, try_plain
from tests.readback import read_back

HEADER = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
ROWS = ["1,01/04/2024,S,C2,N1,U1,PR1,,,,AB1 2CD,AB1 2CE,", " 2 ,01/05/2024,s,C2,N1,U1,PR1,02/06/2024,E4A,,,, \xa0"]


def _both(text: str):
    return try_plain(text, "x.csv", "utf-8"), read_csv_text(text, "x.csv", "utf-8")


@pytest.mark.parametrize("text", [
    HEADER + "\n" + "\n".join(ROWS) + "\n",
    HEADER + "\r\n" + "\r\n".join(ROWS),                                   # Windows line ends, no final one
    HEADER.replace("CHILD,", "") + ",CHILD,NOTES\n" + "\n".join(r.split(",", 1)[1] + "," + r.split(",")[0] + ",x"
                                                         for r in ROWS),  # reordered and extra columns
    "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB,UASC\nC1,1,01/01/2010,WBRI,UN1,,,1\n",   # an optional column
    HEADER + "\n" + ROWS[0] + "\n" + "," * 12 + "\n" + ROWS[1] + "\n",   # a row of nothing but commas is a row
])
def test_same_cells_lines_rows_and_findings_as_the_csv_module(text):
    plain, slow = _both(text)
    assert isinstance(plain, TextTable) and not isinstance(slow, TextTable)
    assert (plain.table, len(plain), plain.columns) == (slow.table, len(slow), slow.columns)
    assert [(f.code, f.message) for f in plain.findings] == [(f.code, f.message) for f in slow.findings]
    got = read_back(plain)
    assert [got[c] for c in slow.columns] == slow.cells
    assert got["line_no"] == slow.line_no and got["row_no"] == slow.row_no


def test_an_optional_column_the_file_lacks_is_unknown():
    got = read_back(try_plain("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC1,1,01/01/2010,WBRI,UN1,,\n", "x.csv", "utf-8"))
    assert got["UASC"] == [None] and got["MOTHER"] == [""]


@pytest.mark.parametrize("text", [
    HEADER + "\n" + ROWS[0] + "\n\n" + ROWS[1] + "\n",                 # a blank line: line numbers shift
    HEADER + "\n" + ROWS[0] + "\n" + "x" * 300 + "," * 12 + "\n",         # a runaway cell is cut, with a finding
    HEADER + "\n" + ROWS[0] + "\n\n",                                    # blank lines at the end are reported
    "\n" + HEADER + "\n" + ROWS[0] + "\n",                               # blank line before the header
    HEADER + "\n" + ROWS[0].replace("AB1 2CD", '"AB1, 2CD"') + "\n",     # quotes: a field could span lines
    HEADER + "\n1,01/04/2024,S\n",                                       # a short row is reported by line
    HEADER + "\n" + ROWS[0] + ",extra\n" + ROWS[1].rsplit(",", 1)[0] + "\n",  # widths that only balance out
    HEADER + "\n" + ROWS[0] + "\rmore\n",                                # a lone carriage return
    HEADER + "\n",                                                       # no rows at all
])
def test_steps_aside(text):
    assert try_plain(text, "x.csv", "utf-8") is None


@pytest.mark.parametrize("body, padded", [
    ("1,a,b\n2,c,d", False),
    ("1,AB1 2CD,b", False),         # a space inside a cell is kept
    ("1, a,b", True), ("1,a ,b", True), (" 1,a,b", True), ("1,a,b ", True),
    ("1,a,b\n 2,c,d", True), ("1,a,b \n2,c,d", True), ("1,a\tx,b", True),
    ("1,caf\u00e9,b", True),        # not ASCII: DuckDB's trim() takes Unicode spaces, so always trim
])
def test_which_files_have_cells_to_trim(body, padded):
    assert _padded(body) is padded


def test_a_file_with_nothing_to_trim_types_as_a_padded_one(tmp_path):
    from careboard.backends import engine
    from careboard.ingest.files import discover
    from careboard.validate.frame import build_frame_from_files

    tidy = [",".join(cell.strip(" \xa0") for cell in row.split(",")) for row in ROWS]
    frames = []
    for name, rows in (("padded", ROWS), ("tidy", tidy)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "episodes.csv").write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
        (ret,) = discover([tmp_path / name])
        ret.year = 2025
        (table,) = ret.tables()
        assert table.padded is (name == "padded")
        con = engine().connect()
        build_frame_from_files(con, ret)
        frames.append(con.execute("SELECT * EXCLUDE (file_id) FROM ret_episodes ORDER BY row_no").fetchall())
    assert frames[0] == frames[1]
    assert frames[1][1][1:4] == (3, "2", date(2024, 5, 1))   # line, CHILD, DECOM


def test_a_file_with_nothing_to_trim_loads_as_a_padded_one(tmp_path):
    # The store's staging types files the same way, and skips the trim the same way.
    from careboard.store import open_store
    from tests.loading import load

    tidy = [",".join(cell.strip(" \xa0") for cell in row.split(",")) for row in ROWS]
    staged = []
    for name, rows in (("padded", ROWS), ("tidy", tidy)):
        (tmp_path / name / "2024-25").mkdir(parents=True)
        (tmp_path / name / "2024-25" / "episodes.csv").write_text(HEADER + "\n" + "\n".join(rows) + "\n",
                                                                  encoding="utf-8")
        con = open_store(":memory:")
        load(con, [tmp_path / name / "2024-25"], as_at=date(2025, 3, 31), validate=False)
        staged.append(con.execute('SELECT * EXCLUDE (file_id, raw) FROM stg_episodes ORDER BY row_no').fetchall())
        children = [c for (c,) in con.execute('SELECT "CHILD" FROM stg_episodes ORDER BY row_no').fetchall()]
        assert children == ["1", "2"], name     # trimmed
    assert staged[0] == staged[1]
