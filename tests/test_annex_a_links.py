"""Annex A List 8 children linked to the SSDA903's by child ID: each disagreement is a warning on the
Annex A row. Rows are put straight into a store's staging tables, as a load leaves them."""

from __future__ import annotations

from datetime import date

import pytest

from careboard.store import open_store
from careboard.store.annex_a_links import record_annex_a_links

SID = 1
# The 903 side: child C1 started 01/06/2023 (RNE S), moved placement 01/09/2024 (RNE P) on a care order.
HEADER = [("C1", date(2012, 5, 3))]
EPISODES = [("C1", date(2023, 6, 1), "S", "C1", "U6"), ("C1", date(2024, 9, 1), "P", "C2", "U4")]
# What list 8 says when it agrees with the 903.
AGREES = {"CHILD": "C1", "DOB": date(2012, 5, 3), "POC_START": date(2023, 6, 1), "LS": "C2", "PLACE": "U4"}


def _findings(tmp_path, list_8: list[dict], episodes=EPISODES, as_at: date | None = None) -> list[tuple]:
    con = open_store(tmp_path / "links.duckdb")
    if as_at is not None:     # the day the lists were taken: the snapshot's
        con.execute("INSERT INTO snapshots (snapshot_id, as_at, collection_year, first_year, loaded_at, fingerprint) "
                    "VALUES (?, ?, 2025, 2025, now(), 'links')", [SID, as_at])
    for child, dob in HEADER:
        con.execute('INSERT INTO stg_header (snapshot_id, return_year, file_id, line_no, row_no, "CHILD", "DOB") '
                    "VALUES (?, 2025, 1, 2, 1, ?, ?)", [SID, child, dob])
    for n, (child, decom, rne, ls, place) in enumerate(episodes, start=1):
        con.execute('INSERT INTO stg_episodes (snapshot_id, return_year, file_id, line_no, row_no, "CHILD", "DECOM", '
                    '"RNE", "LS", "PLACE") VALUES (?, 2025, 2, ?, ?, ?, ?, ?, ?, ?)',
                    [SID, n + 1, n, child, decom, rne, ls, place])
    for n, row in enumerate(list_8, start=1):
        cols = ", ".join(f'"{c}"' for c in row)
        con.execute(f"INSERT INTO stg_annex_a_children_in_care (snapshot_id, return_year, file_id, line_no, row_no, "
                    f"{cols}) VALUES (?, 2025, 3, ?, ?, {', '.join('?' * len(row))})", [SID, n + 1, n, *row.values()])
    record_annex_a_links(con, SID)
    record_annex_a_links(con, SID)      # again: replaces, never doubles
    found = con.execute("SELECT severity, code, table_name, file_id, line_no, child, field, value, message "
                        "FROM dq_findings WHERE snapshot_id = ? ORDER BY field", [SID]).fetchall()
    con.close()
    return found


def assert_links(found: list[tuple], expected: list[tuple]) -> None:
    """The findings are exactly `expected` as (code, child, field, value), each a warning on list 8's row 2
    whose message names both sides."""
    assert [(code, child, field, value) for _, code, _, _, _, child, field, value, _ in found] == expected
    for severity, _, table, file_id, line, _, _, value, message in found:
        assert (severity, table, file_id, line) == ("warning", "annex_a_children_in_care", 3, 2)
        assert all(side in message for side in value.split(" / "))


@pytest.mark.parametrize("change,expected", [
    ({}, []),
    ({"LS": "E1"}, [("annex_a_903_differs", "C1", "LS", "E1 / C2")]),
    ({"PLACE": "U6"}, [("annex_a_903_differs", "C1", "PLACE", "U6 / U4")]),       # the first placement's
    ({"DOB": date(2012, 3, 5)}, [("annex_a_903_differs", "C1", "DOB", "05/03/2012 / 03/05/2012")]),
    ({"POC_START": date(2024, 9, 1)}, [("annex_a_903_differs", "C1", "POC_START", "01/09/2024 / 01/06/2023")]),
    ({"LS": None, "PLACE": None}, []),                       # blank in list 8: nothing to compare
    ({"CHILD": "c1"}, []),                                   # IDs in another case are the same child
    ({"CHILD": "C9"}, [("annex_a_not_in_903", "C9", "CHILD", "C9")]),
], ids=["agrees", "legal status", "placement", "date of birth", "entry", "blank", "case", "unknown child"])
def test_list_8_is_compared_with_the_903s_latest_position(tmp_path, change, expected):
    assert_links(_findings(tmp_path, [{**AGREES, **change}]), expected)


def test_without_a_903_period_start_or_any_903_nothing_is_claimed(tmp_path):
    later_only = [("C1", date(2024, 9, 1), "P", "C2", "U4")]         # the return does not reach the start
    assert_links(_findings(tmp_path, [{**AGREES, "POC_START": date(2020, 1, 1)}], later_only), [])
    assert_links(_findings(tmp_path / "none", [{**AGREES, "CHILD": "C9"}], []), [])


def test_list_8_is_compared_with_the_903_on_the_day_it_was_taken(tmp_path):
    """Taken on 31/08/2024, list 8 agrees with the first episode (C1, U6): the move of 01/09/2024 came after."""
    day_before_move = {**AGREES, "LS": "C1", "PLACE": "U6"}
    assert_links(_findings(tmp_path, [day_before_move], as_at=date(2024, 8, 31)), [])
    assert_links(_findings(tmp_path / "later", [day_before_move], as_at=date(2024, 9, 30)),
                 [("annex_a_903_differs", "C1", "LS", "C1 / C2"), ("annex_a_903_differs", "C1", "PLACE", "U6 / U4")])
