"""The failing rows read in runs (rule_results.Failures.runs), as the CSV writer reads them side by side:
read one after another, the runs are the rows of the whole, in order, split at about equal rows."""

from __future__ import annotations

import pytest

from careboard.backends import engine
from careboard.store.rule_results import Failures


def _failures(sizes: list[int], cursors: int) -> Failures:
    con = engine().connect()
    parts = tuple(f"part_{i}" for i in range(len(sizes)))
    for i, (part, size) in enumerate(zip(parts, sizes)):
        con.execute(f"CREATE TABLE {part} AS SELECT {i} AS part, range AS n FROM range({size})")
    columns = "part, n * 10 AS tens"
    con.execute(f"CREATE VIEW rows AS SELECT {columns} FROM ("
                + " UNION ALL ".join(f"SELECT * FROM {p}" for p in parts) + ") AS described")
    return Failures(con, "rows", parts, columns, cursors)


def _read(failures: Failures, runs: list[str]) -> list[tuple]:
    return [row for run in runs for row in failures.con.execute(f"SELECT * FROM {run}").fetchall()]


@pytest.mark.parametrize("sizes, expected_runs", [
    ([10, 10, 10, 10], [[0, 1], [2, 3]]),
    ([100, 1, 1, 1], [[0], [1, 2, 3]]),      # a big first part is a run of its own
    ([1, 1, 1, 100], [[0, 1, 2], [3]]),
    ([5, 0, 5], [[0, 1], [2]]),             # an empty part goes with its neighbours
])
def test_runs_follow_one_another_in_order_at_about_equal_rows(sizes, expected_runs):
    failures = _failures(sizes, cursors=2)
    runs = failures.runs()
    assert _read(failures, runs) == failures.con.execute("SELECT * FROM rows").fetchall()
    assert [sorted({p for p, _ in failures.con.execute(f"SELECT * FROM {run}").fetchall()}) for run in runs] \
        == [[p for p in run if sizes[p]] for run in expected_runs]


@pytest.mark.parametrize("sizes, cursors", [([10, 10], 1), ([10], 2)])
def test_one_cursor_or_one_part_reads_the_whole(sizes, cursors):
    failures = _failures(sizes, cursors)
    assert failures.runs() == ["rows"]
