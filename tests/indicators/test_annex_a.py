"""Adoption figures from Ofsted's Annex A lists 10 and 11, loaded as CSV beside a 903 return. Figures worked by
hand; report date 31 January 2025, the 12 months from 1 February 2024."""

from datetime import date

import pytest

from careboard.indicators import calculate, registry
from tests.cohort import check, ep, row
from tests.shared_context import shared_context

AS_AT = date(2025, 1, 31)
IN_CARE = [ep("K", "01/01/2024")]


def child(child_id, family, disabled="N", **dates) -> dict:
    return row(child=child_id, family=family, disabled=disabled, decision_date="01/01/2023", **dates)


# L1 and L2 (one family; L2 disabled) adopted 01/03/2024; L3 adopted 01/05/2024; L4 (disability not known)
# 01/06/2024; L5 01/01/2024, before the 12 months. W1 has had a placement order since 01/03/2024 (336 days)
# and W5 since 01/06/2024 (244 days), neither matched by the report date (W5 is matched on 15/02/2025); W2's
# order of 15/10/2024 is 108 days old. W3 was matched and W4's plan reversed.
LIST_10 = {2025: {"episodes": IN_CARE, "annex_a_adoption": [
    child("L1", "F1", placement_order_date="01/03/2023", match_date="01/06/2023", placed_date="01/07/2023",
          adoption_order_date="01/03/2024"),
    child("L2", "F1", "Y", placement_order_date="01/03/2023", match_date="01/06/2023", placed_date="01/07/2023",
          adoption_order_date="01/03/2024"),
    child("L3", "F2", match_date="01/06/2023", adoption_order_date="01/05/2024"),
    child("L4", "F3", "U", match_date="01/06/2023", adoption_order_date="01/06/2024"),
    child("L5", "F4", match_date="01/06/2023", adoption_order_date="01/01/2024"),
    child("W1", "F5", placement_order_date="01/03/2024"),
    child("W2", "F6", placement_order_date="15/10/2024"),
    child("W3", "F7", placement_order_date="01/02/2024", match_date="01/01/2025"),
    child("W4", "F8", placement_order_date="01/01/2024", decision_reversed_date="01/12/2024"),
    child("W5", "F9", placement_order_date="01/06/2024", match_date="15/02/2025")]}}

# P1 went from enquiry to children placed in the 12 months; P2 and P4 are approved and waiting; P3 left at stage
# 1; P5 was approved and matched before the 12 months. Stage 1 (2 months): P1 01/02-20/03 and P4 01/01-15/02
# in time, P2 15/03-20/05 five days late. Stage 2 (4 months): P1 01/04-20/07 and P2 15/05-01/09 in time, P4
# 01/03-15/11 late. P3 left before ending stage 1.
LIST_11 = {2025: {"episodes": IN_CARE, "annex_a_adopters": [
    row(adopter="P1", enquiry_date="01/01/2024", stage1_start_date="01/02/2024", stage1_end_date="20/03/2024",
        stage2_start_date="01/04/2024", stage2_end_date="20/07/2024", approved_date="01/08/2024",
        matched_date="01/10/2024", children_placed_date="01/11/2024"),
    row(adopter="P2", enquiry_date="01/03/2024", stage1_start_date="15/03/2024", stage1_end_date="20/05/2024",
        stage2_start_date="15/05/2024", stage2_end_date="01/09/2024", approved_date="15/09/2024"),
    row(adopter="P3", enquiry_date="01/06/2024", stage1_start_date="01/07/2024", left_date="01/08/2024"),
    row(adopter="P4", enquiry_date="01/12/2023", stage1_start_date="01/01/2024", stage1_end_date="15/02/2024",
        stage2_start_date="01/03/2024", stage2_end_date="15/11/2024", approved_date="01/12/2024"),
    row(adopter="P5", enquiry_date="01/01/2023", approved_date="01/06/2023", matched_date="01/01/2024")]}}

CASES = [
    # (indicator, description, returns, expected)
    ("adopted_with_siblings_pct", "one family identifier shared by two children adopted", LIST_10,
     {"num": 2, "den": 4, "value": 50.0}),
    ("adopted_disabled_pct", "disability not known is left out", LIST_10, {"num": 1, "den": 3, "value": 100 / 3}),
    ("unmatched_with_order_count", "more than 121 days with an order and no match by the report date", LIST_10,
     {"value": 2.0, "with_order": 3}),
    ("adopters_approved_count", "approved in the 12 months", LIST_11, {"value": 3.0}),
    ("adopters_waiting_count", "approved, not matched, not left; over 3 months since approval", LIST_11,
     {"value": 2.0, "over_3_months": 1}),
    ("adopter_stage1_on_time_pct", "stage 1 within 2 months of starting", LIST_11,
     {"num": 2, "den": 3, "value": 200 / 3}),
    ("adopter_stage2_on_time_pct", "stage 2 within 4 months of starting", LIST_11,
     {"num": 2, "den": 3, "value": 200 / 3}),
    ("adopter_approval_days", "days from the start of stage 1 to approval: (182 + 184 + 335) / 3", LIST_11,
     {"den": 3, "value": 701 / 3}),
]


@pytest.mark.parametrize("indicator,description,returns,expected", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_annex_a(indicator, description, returns, expected):
    check(calculate.compute(shared_context(returns, AS_AT), registry.get(indicator)), expected)
