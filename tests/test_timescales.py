"""Timescales are data: each one's due date, in Python and in SQL, worked by hand."""

from datetime import date

import duckdb
import pytest

from careboard import timescales
from careboard.calendar import register_calendar

# (timescale, start, due)
CASES = [
    ("iha", date(2024, 12, 20), date(2025, 1, 22)),         # Christmas, Boxing Day and New Year's Day skipped
    ("iha", date(2025, 3, 1), date(2025, 3, 28)),           # a Saturday start: day 0 all the same
    ("visit_first", date(2025, 1, 31), date(2025, 2, 7)),
    ("visit_interval", date(2025, 1, 1), date(2025, 2, 12)),
    ("visit_interval_long_term", date(2024, 11, 30), date(2025, 2, 28)),   # no 30 February
    ("rha_5_plus", date(2024, 2, 29), date(2025, 2, 28)),   # a leap day, a year on
    ("pep_review", date(2024, 10, 31), date(2025, 2, 28)),
    ("return_interview", date(2025, 1, 30), date(2025, 2, 2)),
    ("private_fostering_first_visit", date(2025, 4, 14), date(2025, 4, 25)),   # Good Friday and Easter Monday
]


@pytest.mark.parametrize("timescale,start,due", CASES, ids=[f"{c[0]} from {c[1]}" for c in CASES])
def test_due_dates(timescale, start, due):
    t = timescales.get(timescale)
    assert t.due(start) == due
    con = duckdb.connect()
    register_calendar(con, 2024, 2025)
    assert con.execute(f"SELECT {t.due_sql('DATE ' + repr(start.isoformat()))}").fetchone()[0] == due


def test_every_timescale_says_where_it_comes_from():
    for t in timescales.timescales().values():
        assert t.what and t.source and t.words(), t.id
    assert timescales.get("iha").words() == "20 working days"
    assert timescales.get("visit_first").words() == "1 week"
    assert timescales.get("support_contact").local and not timescales.get("iha").local


def test_an_unknown_timescale_is_named():
    with pytest.raises(timescales.UnknownTimescale, match="visits_interval"):
        timescales.get("visits_interval")


def test_docs_are_current():
    from pathlib import Path

    from careboard.docs import timescale_docs

    docs = Path(__file__).parents[1] / "docs" / "timescales.md"
    assert docs.read_text() == timescale_docs(), "docs/timescales.md is out of date: run `careboard docs`"
