"""The synthetic local lists (careboard/synth/local_lists.py): they load without a finding, they are about the
903's own children and foster placements, a realistic share of what is due is late, each month's lists agree
with the month before, and each known error asked for is found where it was planted."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from careboard.store import open_store
from careboard.synth import export, simulate
from careboard.synth.local_lists import ERROR_KINDS, LocalLists
from tests.loading import load

AS_AT = date(2025, 10, 31)


@pytest.fixture(scope="module")
def council(tmp_path_factory):
    """A small simulated council's 903 extract and lists as at AS_AT, loaded into a store."""
    out = tmp_path_factory.mktemp("synth")
    timeline = simulate(seed=5, children_in_care=120, years=3, end=AS_AT)
    export(timeline, AS_AT, out)
    lists = LocalLists.build(timeline, since=date(2024, 10, 31))
    lists.export(AS_AT, out / "lists")
    con = open_store(tmp_path_factory.mktemp("store") / "s.duckdb")
    result = load(con, [out], as_at=AS_AT, validate=False)
    return timeline, lists, out, con, result


def _rows(folder: Path, table: str) -> list[dict]:
    with (folder / f"{table}.csv").open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_the_lists_load_without_a_finding_of_their_own(council):
    _, _, _, con, result = council
    assert all(result.rows[t] for t in ("fostering_households", "fostering_applications", "temporary_approvals",
                                        "private_fostering", "support_requests", "child_activities"))
    assert con.execute("""SELECT count(*) FROM dq_findings WHERE snapshot_id = ? AND table_name IN
                          ('fostering_households', 'fostering_applications', 'temporary_approvals',
                           'private_fostering', 'support_requests', 'child_activities')""",
                       [result.snapshot_id]).fetchone() == (0,)


def test_activities_are_the_903_childrens_and_in_the_lists_year(council):
    _, _, _, con, result = council
    outside, dated = con.execute("""
        SELECT count(*) FILTER (WHERE a."CHILD" NOT IN (SELECT "CHILD" FROM stg_header WHERE snapshot_id = $s)),
               count(*) FILTER (WHERE a."DATE" <= DATE '2024-10-31' OR a."DATE" > DATE '2025-10-31')
        FROM stg_child_activities a WHERE snapshot_id = $s""", {"s": result.snapshot_id}).fetchone()
    assert (outside, dated) == (0, 0)


@pytest.mark.parametrize("activity,least,most", [("VISIT", 0.03, 0.4), ("IHA", 0.1, 0.6), ("RHI_OFFERED", 0.05, 0.6)])
def test_a_realistic_share_of_each_activity_is_late(council, activity, least, most):
    _, _, _, con, result = council
    late, n = con.execute("""SELECT count(*) FILTER (WHERE "DATE" > "DUE"), count(*) FROM stg_child_activities
                             WHERE snapshot_id = ? AND "ACTIVITY" = ? AND "DUE" IS NOT NULL""",
                          [result.snapshot_id, activity]).fetchone()
    assert n and least <= late / n <= most, (late, n)


def test_temporary_approvals_start_with_connected_foster_placements(council):
    _, _, _, con, result = council
    unmatched, n = con.execute("""
        SELECT count(*) FILTER (WHERE e."CHILD" IS NULL), count(*) FROM stg_temporary_approvals t
        LEFT JOIN stg_episodes e ON e.snapshot_id = t.snapshot_id AND e."CHILD" = t."CHILD"
             AND e."DECOM" = t."APPROVAL_START" AND e."PLACE" IN ('U1', 'U2', 'U3') AND e."PLACE_PROVIDER" = 'PR1'
        WHERE t.snapshot_id = ?""", [result.snapshot_id]).fetchone()
    assert n and unmatched == 0


def test_approved_applicants_are_households(council):
    _, _, _, con, result = council
    assert con.execute("""SELECT count(*) FROM stg_fostering_applications a WHERE snapshot_id = $s AND "OUTCOME" = 'APPROVED'
                          AND "HOUSEHOLD" NOT IN (SELECT "HOUSEHOLD" FROM stg_fostering_households WHERE snapshot_id = $s)""",
                       {"s": result.snapshot_id}).fetchone() == (0,)


def test_a_later_months_lists_keep_what_was_already_known(council):
    """What a list showed at the end of one month is still there a month later, unless it dropped out of
    the year the list covers, or an event since filled a blank."""
    _, lists, _, _, _ = council
    before = lists.as_at(AS_AT - timedelta(days=31))
    after = lists.as_at(AS_AT)
    for table in ("fostering_households", "child_activities", "support_requests"):
        later = {tuple(r[:3]) for r in after[table]}
        kept = [r for r in before[table] if tuple(r[:3]) in later]
        assert len(kept) >= 0.8 * len(before[table]), table


@pytest.mark.parametrize("kind", sorted(ERROR_KINDS))
def test_each_known_error_is_found_where_it_was_planted(council, tmp_path, kind):
    timeline, lists, _, _, _ = council
    hits = lists.export(AS_AT, tmp_path / "lists", errors=[kind])
    con = open_store(tmp_path / "store.duckdb")
    result = load(con, [tmp_path / "lists"], as_at=AS_AT, validate=False)
    found = con.execute("""SELECT d.table_name, d.line_no, d.field FROM dq_findings d WHERE snapshot_id = ? AND code = ?""",
                        [result.snapshot_id, kind]).fetchall()
    assert [(h.table, h.row + 1, h.field) for h in hits] == found
