"""Who is adopted and who is still waiting: age and ethnicity of children adopted, and children waiting
with a placement order past the A2 threshold. Figures worked by hand.

Report date 31 January 2025: the 12-month window is 1 February 2024 - 31 January 2025.
"""

from datetime import date

import pytest

from careboard.indicators import calculate, registry
from tests.cohort import check, child, ep
from tests.shared_context import shared_context
from tests.indicators.test_adoption import journey

AS_AT = date(2025, 1, 31)

# --- Age on the day of adoption ----------------------------------------------------------------------
# F5 born 01/06/2019, adopted 01/06/2024: 5 that very day -> counted.
# U5 born 02/06/2019, adopted 01/06/2024: 4 until the next day -> not counted.
# OLD born 01/01/2015, adopted 01/10/2024: 9 -> counted.
# OUT adopted 31/01/2024, the day before the window: not in either count.
#   2 of 3 -> 66.7%
AGES = {2025: {"episodes": journey("F5", "01/03/2023", "01/06/2023", "01/09/2023", "01/06/2024")
               + journey("U5", "01/03/2023", "01/06/2023", "01/09/2023", "01/06/2024")
               + journey("OLD", "01/03/2023", "01/06/2023", "01/09/2023", "01/10/2024")
               + journey("OUT", "01/03/2022", "01/06/2022", "01/09/2022", "31/01/2024")}}
AGES_DOBS = {"F5": "01/06/2019", "U5": "02/06/2019", "OLD": "01/01/2015", "OUT": "01/01/2012"}

# --- Ethnicity ---------------------------------------------------------------------------------------
# WB White British, WI White Irish, MX mixed White and Black Caribbean, RF refused: RF is left out,
# WI and MX count.   2 of 3 -> 66.7%
ETHNICITY = {2025: {
    "episodes": [e for c in ("WB", "WI", "MX", "RF")
                 for e in journey(c, "01/03/2023", "01/06/2023", "01/09/2023", "01/06/2024")],
    "header": [child("WB", ethnic="WBRI"), child("WI", ethnic="WIRI"), child("MX", ethnic="MWBC"),
               child("RF", ethnic="REFU")]}}

# --- Waiting with a placement order at 31/01/2025 -----------------------------------------------------
# W1 placement order 01/06/2024, fostered: 244 days -> waiting.
# W2 placement order 02/10/2024: 30 + 30 + 31 + 30 = 121 days, not more than 121 -> not yet.
# W3 placement order 01/03/2024, placed for adoption (A6) 01/12/2024 -> not waiting.
# W4 placement order revoked (back to C2) 01/06/2024 -> no order now, not in either count.
# W5 freeing order (D1) since 01/01/2024 -> waiting.
# W6 had a placement order in an earlier period of care (2020); back in care 01/11/2024 with a new one:
#    91 days in this period -> not yet.
#   waiting 2 (W1, W5) of 5 with an order (W1, W2, W3, W5, W6)
WAITING = {
    2021: {"episodes": [ep("W6", "01/01/2020", "01/06/2020", "X1"),
                        ep("W6", "01/06/2020", "01/01/2021", "E4A", rne="L", ls="E1")]},
    2025: {"episodes": [
        ep("W1", "01/01/2024", "01/06/2024", "X1"), ep("W1", "01/06/2024", rne="L", ls="E1"),
        ep("W2", "01/01/2024", "02/10/2024", "X1"), ep("W2", "02/10/2024", rne="L", ls="E1"),
        ep("W3", "01/01/2024", "01/03/2024", "X1"), ep("W3", "01/03/2024", "01/12/2024", "X1", rne="L", ls="E1"),
        ep("W3", "01/12/2024", rne="P", ls="E1", place="A6"),
        ep("W4", "01/01/2024", "01/06/2024", "X1", ls="E1"), ep("W4", "01/06/2024", rne="L", ls="C2"),
        ep("W5", "01/01/2024", ls="D1"),
        ep("W6", "01/11/2024", ls="E1")]},
}

# Nobody adopted and nobody with an order: empty cohorts give no figure, not a crash.
NOBODY = {2025: {"episodes": [ep("Z", "01/01/2024")]}}

CASES = [
    # (indicator, description, returns, dates of birth, expected)
    ("adopted_aged_5_plus_pct", "5 on the day of adoption counts, 4 does not; outside the window left out",
     AGES, AGES_DOBS, {"num": 2, "den": 3, "value": 200 / 3}),
    ("adopted_aged_5_plus_pct", "nobody adopted", NOBODY, None, {"num": None, "den": 0, "value": None}),
    ("adopted_ethnic_minority_pct", "any ethnicity but White British counts; refused is left out",
     ETHNICITY, None, {"num": 2, "den": 3, "value": 200 / 3}),
    ("adopted_ethnic_minority_pct", "nobody adopted", NOBODY, None, {"den": 0, "value": None}),
    ("placement_order_waiting_count", "more than 121 days under an order this period, not placed for adoption",
     WAITING, None, {"num": 2, "value": 2.0, "with_order": 5}),
    ("placement_order_waiting_count", "nobody with an order", NOBODY, None, {"value": 0.0, "with_order": 0}),
]

@pytest.mark.parametrize("indicator,description,returns,dobs,expected", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_adopted_and_waiting(indicator, description, returns, dobs, expected):
    check(calculate.compute(shared_context(returns, AS_AT, dobs), registry.get(indicator)), expected)


def test_waiting_children_are_named_with_their_days():
    cols, rows = calculate.rows(shared_context(WAITING, AS_AT), registry.get("placement_order_waiting_count"))
    got = {r[cols.index("child")]: (r[cols.index("days_with_order")], r[cols.index("num")]) for r in rows}
    assert got == {"W1": (244, 1), "W2": (121, 0), "W3": (336, 0), "W5": (396, 1), "W6": (91, 0)}
