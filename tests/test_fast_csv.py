"""The pyarrow fast path reads exactly what the Python reader reads, and steps aside when it cannot."""

from __future__ import annotations

import pytest

from careboard.ingest import fast_csv
from careboard.ingest.csv_reader import read_csv_text

HEADER = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
ROWS = ["1,01/04/2024,S,C2,N1,U1,PR1,,,,AB1 2CD,AB1 2CE,", " 2 ,01/05/2024,s,C2,N1,U1,PR1,02/06/2024,E4A,,,, "]


@pytest.fixture(autouse=True)
def small_files_too(monkeypatch):
    monkeypatch.setattr(fast_csv, "FAST_MIN_BYTES", 0)


def _python(text: str):
    return read_csv_text(text, "x.csv", "utf-8")


@pytest.mark.parametrize("text", [
    "\ufeff" + HEADER + "\r\n" + "\r\n".join(ROWS) + "\r\n",
    HEADER + "\n" + ROWS[0] + "\n" + "," * 12 + "\n" + ROWS[1] + "\n",   # a row of nothing but commas is a row
], ids=["BOM and CRLF", "row of commas"])
def test_same_cells_lines_and_rows_as_the_python_reader(text):
    fast = fast_csv.try_fast(text.encode(), "x.csv")
    slow = _python(text)
    assert fast.table == slow.table == "episodes" and len(fast) == len(slow) == text.count("\n") - 1
    as_lists = fast.arrow.to_pydict()
    assert [as_lists[c] for c in slow.columns] == slow.cells
    assert as_lists["line_no"] == slow.line_no and as_lists["row_no"] == slow.row_no


@pytest.mark.parametrize("text", [
    HEADER + "\n" + ROWS[0] + "\n\n" + ROWS[1] + "\n",               # blank line: line numbers would shift
    HEADER + "\n" + ROWS[0].replace("AB1 2CD", '"AB1, 2CD"') + "\n",  # quotes: a field could span lines
    HEADER + "\n1,01/04/2024,S\n",                                     # short row: the Python reader reports it
    HEADER + "\n" + ROWS[0].replace("AB1 2CE", "Z" * 300) + "\n",       # a runaway cell: the Python reader cuts it
    HEADER + "\n" + ROWS[0] + "\n" + HEADER + "\n" + ROWS[1] + "\n",    # the header again: the Python reader skips it
    HEADER + "\r\n" + ROWS[0] + "\r\n" + HEADER + "\r\n" + ROWS[1] + "\r\n",
])
def test_steps_aside(text):
    assert fast_csv.try_fast(text.encode(), "x.csv") is None


def test_not_utf8_steps_aside():
    assert fast_csv.try_fast((HEADER + "\n" + ROWS[0].replace("AB1", "£AB1") + "\n").encode("cp1252"), "x.csv") is None
