"""Children placed for adoption with the agency's own adopters (Annex A lists 10 and 11 together), worked by
hand; report date 31 January 2025, the 12 months from 1 February 2024."""

from datetime import date

import pytest

from careboard.indicators import calculate, registry
from tests.cohort import check, context, ep, row
from tests.shared_context import shared_context

AS_AT = date(2025, 1, 31)
IN_CARE = [ep("K", "01/01/2024")]
INDICATOR = "placed_with_own_adopters_pct"


def placed(child_id, family, placed_date, **dates) -> dict:
    return row(child=child_id, family=family, decision_date="01/01/2023", placement_order_date="01/03/2023",
               placed_date=placed_date, **dates)


def adopter(adopter_id, family, approved_date="01/06/2023", **dates) -> dict:
    return row(adopter=adopter_id, family=family, enquiry_date="01/01/2023", approved_date=approved_date, **dates)


# Placed in the 12 months: A1 with family FA (a couple, two adopter rows); S1 and S2, brother and sister,
# together with FB; N1 with FX, another agency's adopters (not in list 11); L1 with FL, who were approved and
# later left the process; W1 with FW, who withdrew at stage 1 and were never approved by the agency; B1 with no
# family recorded. O1 was placed with FA before the 12 months; Q1 (family FA) is not placed yet.
# Placed with own adopters: A1, S1, S2, L1 (4) of A1, S1, S2, N1, L1, W1 (6); B1 counted apart.
LISTS = {2025: {"episodes": IN_CARE,
                "annex_a_adoption": [
                    placed("A1", "FA", "01/03/2024"),
                    placed("S1", "FB", "15/07/2024"), placed("S2", "FB", "15/07/2024"),
                    placed("N1", "FX", "01/09/2024"),
                    placed("L1", "FL", "01/05/2024"),
                    placed("W1", "FW", "01/12/2024"),
                    placed("B1", "", "01/10/2024"),
                    placed("O1", "FA", "15/01/2024"),
                    row(child="Q1", family="FA", decision_date="01/06/2024")],
                "annex_a_adopters": [
                    adopter("P1", "FA"), adopter("P2", "FA"),
                    adopter("P3", "FB", matched_date="01/07/2024", children_placed_date="15/07/2024",
                            children_placed="2"),
                    adopter("P4", "FL", left_date="01/11/2024", left_reason="1"),
                    adopter("P5", "FW", approved_date="", stage1_start_date="01/02/2023", left_date="01/03/2023",
                            left_reason="1")]}}

# A child placed twice in the 12 months, first with another agency's adopters (FX) and, after that placement
# ended, with the agency's own (FA): one child, counted at the later placement.
PLACED_TWICE = {2025: {"episodes": IN_CARE,
                       "annex_a_adoption": [
                           placed("T1", "FX", "01/03/2024"),
                           row(child="T1", family="FA", decision_date="01/06/2024", placed_date="01/10/2024")],
                       "annex_a_adopters": [adopter("P1", "FA")]}}

# The lists are kept by hand: one writes the family fc1, the other FC1.
ANY_CASE = {2025: {"episodes": IN_CARE,
                   "annex_a_adoption": [placed("C1", "fc1", "01/03/2024")],
                   "annex_a_adopters": [adopter("P1", "FC1 ")]}}

# Seen: a list 11 whose family column was not read (its header otherwise worded) gave 0%: no child can be told.
NO_FAMILIES = {2025: {"episodes": IN_CARE,
                      "annex_a_adoption": [placed("C1", "FC1", "01/03/2024"), placed("C2", "FC2", "01/04/2024")],
                      "annex_a_adopters": [adopter("P1", ""), adopter("P2", "")]}}

CASES = [
    # (indicator, description, returns, expected)
    (INDICATOR, "list 11 with no family at all: no child can be told, and none is counted", NO_FAMILIES,
     {"num": None, "den": 0, "value": None, "family_not_recorded": 2}),
    (INDICATOR, "own adopters, another agency's, a couple counted once, siblings as two, a blank family apart",
     LISTS, {"num": 4, "den": 6, "value": 400 / 6, "family_not_recorded": 1}),
    (INDICATOR, "a child placed twice in the 12 months counts once, at the later placement", PLACED_TWICE,
     {"num": 1, "den": 1, "value": 100.0, "family_not_recorded": 0}),
    (INDICATOR, "a family identifier matches whatever its case", ANY_CASE,
     {"num": 1, "den": 1, "value": 100.0, "family_not_recorded": 0}),
]


@pytest.mark.parametrize("indicator,description,returns,expected", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_own_adopters(indicator, description, returns, expected):
    check(calculate.compute(shared_context(returns, AS_AT), registry.get(indicator)), expected)


def test_the_children_behind_the_figure_are_the_placed_children_with_a_family():
    columns, data = calculate.rows(shared_context(LISTS, AS_AT), registry.get(INDICATOR))
    got = {r[columns.index("child")]: r[columns.index("num")] for r in data}
    assert got == {"A1": 1, "S1": 1, "S2": 1, "N1": 0, "L1": 1, "W1": 0}


@pytest.mark.parametrize("leave_out,missing", [("annex_a_adopters", ("Annex A List 11 (adopters)",)),
                                               ("annex_a_adoption", ("Annex A List 10 (adoption)",))])
def test_without_both_lists_there_is_no_figure(leave_out, missing):
    """Without list 11 every child would look placed with another agency's adopters; without list 10 there is
    nobody placed: either way the figure is not known, and says which list is missing."""
    lists = {2025: {t: rows for t, rows in LISTS[2025].items() if t != leave_out}}
    value = calculate.compute(context(lists, AS_AT), registry.get(INDICATOR))
    assert (value.value, value.not_loaded) == (None, missing)


def test_a_list_11_with_no_family_is_a_warning_on_loading(tmp_path):
    from careboard.store import open_store
    from tests.cohort import write_returns
    from tests.loading import load

    con = open_store(tmp_path / "s.duckdb")
    load(con, write_returns(tmp_path / "in", NO_FAMILIES), as_at=AS_AT)
    found = con.execute("SELECT table_name, field, message FROM dq_findings WHERE code = 'annex_a_no_family'").fetchall()
    assert [(t, f) for t, f, _ in found] == [("annex_a_adopters", "FAMILY")]
    assert found[0][2].startswith("Annex A List 11 records no family identifier for any of its adopters")
