"""A file saved by Excel with US settings writes its dates month first (3/14/2010): read day first, as returns
are written, its dates with a day and month both 12 or under are read wrongly without complaint. `load` says
so once per file as an error finding, and `validate` as a note, with the same words (tables/month_first.py)."""

from __future__ import annotations

from datetime import date

import pytest

from careboard.ingest.files import discover
from careboard.store import open_store
from careboard.tables.month_first import may_be_month_first
from careboard.validate.session import validate_paths
from tests.cohort import child, ep, write_returns
from tests.loading import load

CASES = [
    # Saved with US settings: 3/14 and 12/25 can only be month first, and 11/2 (2 November) was read as 11 February.
    (["3/14/2010", "11/2/2012", "5/5/2015", "12/25/2016"],
     '2 dates in this file can be read only month first, as Excel saves dates with US settings (DOB "3/14/2010" on '
     'line 2), and none only day first: the file looks written mm/dd/yyyy, not dd/mm/yyyy. Its 1 date with a day '
     'and month both 12 or under (DOB "11/2/2012" on line 3) was read day first and may be wrong. Save the file '
     'again with the dates as dd/mm/yyyy'),
    (["3/14/2010", "5/5/2015"], '1 date in this file can be read only month first, as Excel saves dates with US '
                                'settings (DOB "3/14/2010" on line 2), and none only day first: the file looks '
                                'written mm/dd/yyyy, not dd/mm/yyyy. Save the file again with the dates as dd/mm/yyyy'),
    (["3/14/2010", "11/2/2012", "25/12/2016"], None),     # one date typed month first in a dd/mm/yyyy file
    (["1/2/2010", "11/2/2012"], None),                     # unpadded, but nothing says month first
]


def _return(tmp_path, dobs):
    children = [child(f"C{i}", dob=dob) for i, dob in enumerate(dobs)]
    return write_returns(tmp_path / "in", {2025: {"header": children, "episodes": [ep("C0", "01/05/2024")]}})


@pytest.mark.parametrize("dobs, says", CASES)
def test_load_records_one_error_for_the_file(tmp_path, dobs, says):
    con = open_store(tmp_path / "s.duckdb")
    load(con, _return(tmp_path, dobs), as_at=date(2025, 3, 31))
    found = con.execute("SELECT severity, table_name, line_no, field, value, message FROM dq_findings "
                        "WHERE code = 'month_first_dates'").fetchall()
    assert found == ([("error", "header", 2, "DOB", "3/14/2010", says)] if says else [])


@pytest.mark.parametrize("dobs, says", CASES)
def test_validate_says_it_in_a_note(tmp_path, dobs, says):
    (folder,) = _return(tmp_path, dobs)
    notes = [n for n in validate_paths([folder], 2025).notes if "month first" in n]
    assert notes == ([f"{folder / 'header.csv'}, line 2: {says}"] if says else [])


def test_a_plain_file_is_searched_before_any_statement_looks(tmp_path):
    (folder,) = write_returns(tmp_path / "in", {2025: {"header": [child("A", dob="3/14/2010"), child("B")],
                                                       "episodes": [ep("A", "01/05/2024")]}})
    tables = {t.table: t for t in discover([folder])[0].tables()}
    assert may_be_month_first(tables["header"]) and not may_be_month_first(tables["episodes"])


def test_an_xml_return_is_checked_too(tmp_path):
    (tmp_path / "r.xml").write_text(
        "<EXPSSDA903>" + "".join(f"<CHILD><HEADER><CHILDID>{c}</CHILDID><SEX>M</SEX><DOB>{dob}</DOB></HEADER>"
                                 f"<EPISODE><DECOM>01/05/2024</DECOM></EPISODE></CHILD>"
                                 for c, dob in (("A", "3/14/2010"), ("B", "11/2/2012"))) + "</EXPSSDA903>")
    notes = [n for n in validate_paths([tmp_path / "r.xml"], 2025).notes if "month first" in n]
    assert len(notes) == 1 and '(DOB "11/2/2012" on line 1) was read day first' in notes[0]


def test_a_local_list_written_month_first_is_found_too(tmp_path):
    folder = tmp_path / "lists 2025-01-31"
    folder.mkdir()
    (folder / "Fostering applications.csv").write_text(
        "APPLICANT,APPLICATION_TYPE,ENQUIRY,APPLICATION,ALLOCATED,PANEL_PREDICTED,PANEL,OUTCOME,TEAM,WORKER,HOUSEHOLD\n"
        "AP101,MAINSTREAM,2/3/2024,3/17/2024,3/24/2024,10/20/2024,11/14/2024,APPROVED,Recruitment,Sam Patel,FH003\n"
        "AP102,MAINSTREAM,6/12/2024,8/1/2024,8/15/2024,,,,Recruitment,Sam Patel,\n")
    con = open_store(tmp_path / "s.duckdb")
    load(con, [folder])
    (found,) = con.execute("SELECT table_name, line_no, field, value, message FROM dq_findings "
                           "WHERE code = 'month_first_dates'").fetchall()
    assert found[:4] == ("fostering_applications", 2, "APPLICATION", "3/17/2024")
    assert found[4].startswith("5 dates in this file can be read only month first") and "Its 3 dates" in found[4]
