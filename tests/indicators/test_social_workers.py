"""Children in care with 3 or more social workers in 12 months (indicators.md A13). Worked out by hand.

At 31 March 2025 the 12 months run from 1 April 2024 to 31 March 2025.
"""

from datetime import date

import pytest

from tests.cohort import check, compute, ep, row


def sw(child_id, sw_id, start, end="", reason="MANAGE") -> dict:
    return row(child=child_id, sw_id=sw_id, sw_decom=start, sw_dec=end, sw_reason=reason)


CASES = [
    # (indicator, description, returns, as-at date, expected)
    ("sw_changes_3plus_pct", "distinct workers in the 12 months; a returning worker counts once",
     # A: SW1, SW2, then SW1 again = 2 workers. B: SW1 ended on 1 April 2024 (the first day), SW2, SW3 = 3.
     # C: SW9 ended 31 March 2024 (before), SW2, SW3 = 2. D had 3 but left care on 15 March 2025; E is on
     # short breaks. 1 of A, B, C.
     {2025: {"episodes": [ep("A", "01/01/2024"), ep("B", "01/01/2024"), ep("C", "01/01/2024"),
                          ep("D", "01/01/2024", "15/03/2025", "E4A"), ep("E", "01/01/2024", ls="V3")],
             "sw_episodes": [sw("A", "SW1", "01/01/2024", "30/06/2024"), sw("A", "SW2", "01/07/2024", "30/09/2024"),
                             sw("A", "SW1", "01/10/2024"),
                             sw("B", "SW1", "01/01/2024", "01/04/2024"), sw("B", "SW2", "02/04/2024", "31/12/2024"),
                             sw("B", "SW3", "01/01/2025"),
                             sw("C", "SW9", "01/01/2024", "31/03/2024"), sw("C", "SW2", "01/04/2024", "31/12/2024"),
                             sw("C", "SW3", "01/01/2025"),
                             sw("D", "SW1", "01/04/2024", "30/06/2024"), sw("D", "SW2", "01/07/2024", "30/09/2024"),
                             sw("D", "SW3", "01/10/2024", "15/03/2025"),
                             sw("E", "SW1", "01/04/2024", "30/06/2024"), sw("E", "SW2", "01/07/2024", "30/09/2024"),
                             sw("E", "SW3", "01/10/2024")]}},
     date(2025, 3, 31), {"num": 1, "den": 3, "value": 100 / 3}),
    ("sw_changes_3plus_pct", "no figure for 12 months that start before social worker episodes were collected",
     # 12 months to 31 December 2023 start on 1 January 2023, before 2023/24: no cohort, no figure.
     {2024: {"episodes": [ep("A", "01/01/2022")],
             "sw_episodes": [sw("A", "SW1", "01/01/2023", "30/04/2023"), sw("A", "SW2", "01/05/2023", "30/06/2023"),
                             sw("A", "SW3", "01/07/2023")]}},
     date(2023, 12, 31), {"value": None, "den": 0}),
    ("sw_changes_3plus_pct", "no figure when the return's social worker episodes hold no rows",
     {2025: {"episodes": [ep("A", "01/01/2024")], "sw_episodes": []}}, date(2025, 3, 31), {"value": None, "den": 0}),
    ("sw_changes_3plus_pct", "no figure, and no count, when the return leaves out the social worker episodes",
     {2025: {"episodes": [ep("A", "01/01/2024")]}}, date(2025, 3, 31), {"value": None, "den": None}),
]


@pytest.mark.parametrize("indicator,description,returns,as_at,expected", CASES, ids=[c[1] for c in CASES])
def test_social_workers(indicator, description, returns, as_at, expected):
    check(compute(indicator, returns, as_at), expected)
