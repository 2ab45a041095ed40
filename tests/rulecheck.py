"""Run one validation rule over a tiny hand-made return and say which rows it flags.

Cases are written as data in tests/validation/test_*.py:
    CASES = [(code, description, year, this_year_tables, last_year_tables_or_None, expected), ...]
where `expected` is the list of (table, row) the rule must flag — row is the 1-based data row in that
table's file — and [] for a passing case. Columns a case does not give are filled from tests/cohort.py's
defaults; header rows are added for children that lack one (with_headers).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from careboard.store import open_store
from careboard.ingest.files import discover
from careboard.validate.frame import build_frame_from_files, needed
from careboard.validate.registry import by_code
from careboard.validate.runner import run_rules
from tests.cohort import with_headers, write_returns


def flagged(code: str, year: int, tables: dict, last: dict | None = None, available=(), add_headers=True):
    rules = tuple(r for r in by_code()[code] if r.applies_to(year))
    assert rules, f"rule {code} has no variant for {year}"
    con = open_store(":memory:")
    with tempfile.TemporaryDirectory() as tmp:
        data = {year: tables}
        if last is not None:
            data[year - 1] = last
        paths = write_returns(Path(tmp), with_headers(data) if add_headers else data)
        returns = discover(paths)
        for r in returns:
            r.year = year if r.folder.name == f"{year - 1}-{year % 100:02d}" else year - 1
        this = next(r for r in returns if r.year == year)
        previous = next((r for r in returns if r.year == year - 1), None)
        # The same path as `careboard validate`: files typed straight into the rule frame.
        build_frame_from_files(con, this, previous, needed(rules, year))
    have = set(available) | ({"last_year"} if last is not None else set())
    outcome = run_rules(con, rules, year, have, {})
    crashed = [n for n in outcome.not_run if n.crashed]
    assert not crashed, f"rule {code} failed to run: {crashed[0].reason}"
    return sorted({(f.table, f.row) for f in outcome.failures})


def check_case(code, description, year, tables, last, expected, **kw):
    got = flagged(code, year, tables, last, **kw)
    assert got == sorted(expected), f"rule {code} ({description}): expected {sorted(expected)}, flagged {got}"
