"""Missing and away from placement (indicators.md A8, B3). Expected figures worked out by hand.

The as-at date is 30 April 2025: the 12 months run from 1 May 2024 to 30 April 2025, the month is April 2025.
"""

from datetime import date

import pytest

from tests.cohort import check, ep, row
from tests.shared_context import compute_shared

AS_AT = date(2025, 4, 30)


def incident(child_id, kind, start, end="") -> dict:
    return row(child=child_id, missing=kind, mis_start=start, mis_end=end)


# U went missing on 28 March 2025 and came back on 2 April: the 2024/25 return shows the incident open,
# the 2025/26 return shows it closed. V was only ever away (A). W had neither.
ACROSS_APRIL = {
    2025: {"episodes": [ep("U", "01/01/2024"), ep("V", "01/01/2024"), ep("W", "01/01/2024")],
           "missing": [incident("U", "M", "28/03/2025"), incident("V", "A", "10/10/2024", "10/10/2024")]},
    2026: {"episodes": [ep("U", "01/01/2024"), ep("V", "01/01/2024"), ep("W", "01/01/2024")],
           "missing": [incident("U", "M", "28/03/2025", "02/04/2025")]},
}

# X was missing from 20 April to 3 May 2024, open when the 12 months began. Y's incident ended on 30 April
# 2024, before them. Z is looked after only under short breaks. Q left care on 1 April 2024, before the 12
# months. R left care on 1 May 2024, the first day of them: looked after in the 12 months, no incident.
WINDOW_EDGES = {2025: {"episodes": [ep("X", "01/01/2024"), ep("Y", "01/01/2024"), ep("Z", "01/01/2024", ls="V3"),
                                    ep("Q", "01/01/2024", "01/04/2024", "E4A"), ep("R", "01/01/2024", "01/05/2024", "E4A")],
                       "missing": [incident("X", "M", "20/04/2024", "03/05/2024"),
                                   incident("Y", "M", "01/04/2024", "30/04/2024"),
                                   incident("Z", "M", "01/06/2024", "02/06/2024"),
                                   incident("Q", "M", "01/03/2024", "02/03/2024")]}}

# April 2025: U missing twice (3 April, and 20 April still open); V missing once and away once; W away only;
# Z (short breaks only) missing once. U's incident from 31 March, in both returns, began in March.
APRIL = {
    2025: {"episodes": [ep("U", "01/01/2024"), ep("V", "01/01/2024"), ep("W", "01/01/2024")],
           "missing": [incident("U", "M", "31/03/2025")]},
    2026: {"episodes": [ep("U", "01/01/2024"), ep("V", "01/01/2024"), ep("W", "01/01/2024"),
                        ep("Z", "01/01/2025", ls="V4")],
           "missing": [incident("U", "M", "31/03/2025", "01/04/2025"), incident("U", "M", "03/04/2025", "04/04/2025"),
                       incident("U", "M", "20/04/2025"), incident("V", "M", "15/04/2025", "16/04/2025"),
                       incident("V", "A", "18/04/2025", "18/04/2025"), incident("W", "A", "05/04/2025", "05/04/2025"),
                       incident("Z", "M", "10/04/2025", "10/04/2025")]},
}

CASES = [
    # (indicator, description, returns, expected)
    ("missing_child_pct", "an incident open over 1 April is counted once; away-only is not missing",
     # Cohort U, V, W. Only U was missing, in one incident returned twice. 1 of 3.
     ACROSS_APRIL, {"num": 1, "den": 3, "value": 100 / 3, "incidents": 1}),
    ("away_child_pct", "away counted separately from missing",
     # V was away once (10 October 2024). 1 of 3.
     ACROSS_APRIL, {"num": 1, "den": 3, "value": 100 / 3, "incidents": 1}),
    ("missing_child_pct", "incident open when the 12 months begin counts; short breaks and earlier leavers out",
     # Cohort X, Y, R (Z short breaks only, Q left before). X's incident was open on 1 May 2024. 1 of 3.
     WINDOW_EDGES, {"num": 1, "den": 3, "value": 100 / 3, "incidents": 1}),
    ("missing_incidents_month", "missing incidents starting in the month, and the children involved",
     # U 3 and 20 April, V 15 April: 3 incidents, 2 children. Away incidents, Z's short-break-only care and
     # U's incident from 31 March are not counted.
     APRIL, {"value": 3.0, "num": 3.0, "children": 2}),
    ("missing_children_month", "children with a missing incident starting in the month",
     # U and V; W was only away. 3 incidents between them.
     APRIL, {"value": 2.0, "num": 2.0, "incidents": 3}),
]


@pytest.mark.parametrize("indicator,description,returns,expected", CASES, ids=[c[1] for c in CASES])
def test_missing(indicator, description, returns, expected):
    check(compute_shared(indicator, returns, AS_AT), expected)
