"""Optional columns (the header's UASC flag): read from XML and from CSVs that carry them, unknown (NULL)
where a file does not, kept through the store and into the rule frame, and never used to recognise a table."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from careboard.ingest.files import discover, read_file
from tests.readback import read_back
from careboard.store import open_store
from tests.loading import load
from careboard.tables.schema import staging_name
from careboard.validate.frame import build_frame, build_frame_from_files
from careboard.validate.registry import by_code
from careboard.validate.runner import run_rules

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"


def _child(child_id: str, uasc_element: str) -> str:
    return (f"<CHILD><HEADER><CHILDID>{child_id}</CHILDID><SEX>M</SEX><DOB>01/01/2008</DOB><ETHNIC>WBRI</ETHNIC>"
            f"<UPN>UN1</UPN>{uasc_element}<DUC>01/06/2024</DUC></HEADER></CHILD>")


# C1 is UASC, C2's flag is present but blank, C3's return leaves the element out.
XML = ("<?xml version='1.0' encoding='utf-8'?>\n<EXPSSDA903>\n"
       + "\n".join([_child("C1", "<UASC>1</UASC>"), _child("C2", "<UASC/>"), _child("C3", "")])
       + "\n</EXPSSDA903>\n")


def _cells(raw, column):
    return read_back(raw)[column]


def test_xml_keeps_the_flag_and_leaves_a_missing_element_unknown(tmp_path):
    p = tmp_path / "r.xml"
    p.write_text(XML)
    tables = {t.table: t for t in read_file(p).tables}
    assert _cells(tables["header"], "UASC") == ["1", "", None]
    assert "UASC" not in tables["uasc"].columns and _cells(tables["uasc"], "CHILD") == ["C1", "C2", "C3"]


CSV = [
    # (description, text, UASC cells, finding codes)
    ("a header CSV with a UASC column", f"{HEADER},UASC\nA,M,01/01/2008,WBRI,UN1,,,1\nB,M,01/01/2008,WBRI,UN1,,,\n",
     ["1", ""], []),
    ("a header CSV without one", f"{HEADER}\nA,M,01/01/2008,WBRI,UN1,,\n", [None], []),
    ("UASC first, beside a column that is no part of the table",
     "uasc,NOTES," + HEADER + "\n0,hi,A,M,01/01/2008,WBRI,UN1,,\n", ["0"], ["header_names", "extra_columns"]),   # uasc is read as UASC, with a warning
]


@pytest.mark.parametrize("description,text,cells,findings", CSV, ids=[c[0] for c in CSV])
def test_csv_reads_an_optional_column_when_present(tmp_path, description, text, cells, findings):
    p = tmp_path / "h.csv"
    p.write_text(text)
    (t,) = read_file(p).tables
    assert t.table == "header" and _cells(t, "UASC") == cells
    assert [f.code for f in t.findings] == findings
    assert all("UASC" not in f.message for f in t.findings if f.code == "extra_columns")   # UASC is no extra column


def test_an_optional_column_alone_does_not_make_a_table(tmp_path):
    p = tmp_path / "h.csv"
    p.write_text("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,UASC\nA,M,01/01/2008,WBRI,UN1,,1\n")
    with pytest.raises(Exception, match="missing column MC_DOB"):
        read_file(p)


def _returns(tmp_path: Path) -> list[Path]:
    """2024-25 with a UASC column (A flagged, B blank); 2023-24 without one."""
    paths = []
    for folder, text in (("2024-25", f"{HEADER},UASC\nA,M,01/01/2008,WBRI,UN1,,,1\nB,M,01/01/2008,WBRI,UN1,,,\n"),
                         ("2023-24", f"{HEADER}\nA,M,01/01/2008,WBRI,UN1,,\n")):
        d = tmp_path / "in" / folder
        d.mkdir(parents=True)
        (d / "header.csv").write_text(text)
        (d / "episodes.csv").write_text("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
                                        f"HOME_POST,PL_POST,URN\nA,01/05/{folder[:4]},S,C2,N1,U4,PR1,,,,,,\n")
        paths.append(d)
    return paths


def _flags(con, sid):
    return con.execute(f'SELECT return_year, "CHILD", "UASC", raw[8] FROM {staging_name("header")} '
                       "WHERE snapshot_id = ? ORDER BY ALL", [sid]).fetchall()


EXPECTED = [(2024, "A", None, None), (2025, "A", "1", "1"), (2025, "B", None, "")]


def test_store_keeps_the_flag_and_copies_it_with_a_stored_file(tmp_path):
    con = open_store(tmp_path / "s.duckdb")
    paths = _returns(tmp_path)
    first = load(con, paths, as_at=date(2025, 1, 31), validate=False)
    second = load(con, paths, as_at=date(2025, 2, 28), validate=False)     # same files: copied, not parsed
    assert _flags(con, first.snapshot_id) == EXPECTED == _flags(con, second.snapshot_id)


def test_a_store_made_before_the_column_gains_it(tmp_path):
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as old:
        old.execute(f"""CREATE TABLE {staging_name("header")} (snapshot_id INTEGER NOT NULL, return_year INTEGER
                        NOT NULL, file_id INTEGER NOT NULL, line_no INTEGER NOT NULL, row_no INTEGER NOT NULL,
                        "CHILD" VARCHAR, "SEX" VARCHAR, "DOB" DATE, "ETHNIC" VARCHAR, "UPN" VARCHAR,
                        "MOTHER" VARCHAR, "MC_DOB" DATE, raw VARCHAR[])""")
    con = open_store(path)
    r = load(con, _returns(tmp_path), as_at=date(2025, 1, 31), validate=False)
    assert _flags(con, r.snapshot_id) == EXPECTED


def _frame_flags(con, table="ret_header"):
    return con.execute(f'SELECT "CHILD", "UASC", "r_UASC" FROM {table} ORDER BY "CHILD"').fetchall()


def test_both_frame_paths_give_the_flag_and_its_text(tmp_path):
    paths = _returns(tmp_path)
    stored = open_store(":memory:")
    r = load(stored, paths, as_at=date(2025, 1, 31), validate=False)
    build_frame(stored, r.snapshot_id, 2025, 2024)
    direct = open_store(":memory:")
    returns = sorted(discover(paths), key=lambda ret: ret.named.year)
    for ret in returns:
        ret.year = ret.named.year
    build_frame_from_files(direct, returns[1], returns[0])
    for con in (stored, direct):
        assert _frame_flags(con) == [("A", "1", "1"), ("B", None, "")]
        assert _frame_flags(con, "ret_header_last") == [("A", None, None)]


def test_rule_303_weighs_the_xml_flag(tmp_path):
    """C2's blank flag beside a ceased date fails; C3's return gives no flag, so its UASC row is the status."""
    d = tmp_path / "2024-25"
    d.mkdir()
    (d / "r.xml").write_text(XML)
    con = open_store(":memory:")
    (ret,) = discover([d])
    ret.year = ret.named.year
    build_frame_from_files(con, ret)
    outcome = run_rules(con, tuple(by_code()["303"]), 2025, set(), {})
    assert [(f.table, f.row, f.child) for f in outcome.failures] == [("uasc", 2, "C2")]
