"""Placement stability over 2 years (A6) and long-term stability (A7). Expected figures by hand.

As-at 31/01/2025. A6: in care continuously since 31/01/2023 or earlier; placements counted from
01/02/2023. A7: aged under 16 and in care continuously since 31/07/2022 or earlier; counted when with
the same carer since 31/01/2023 or earlier. Histories are spread over yearly returns, so episodes
open over 31 March appear in two or more returns. Carers X, Y, Z, W are different settings.
"""

import pytest

from tests.cohort import check, child, compute
from tests.placement_moves import AS_AT, at, history, start, temporary

TWO_YEAR = "placements_3plus_2yr_pct"
LONG_TERM = "long_term_stability_pct"

CASES = [
    # (indicator, description, returns, expected)

    # --- A6: 3 or more placements in 2 years ----------------------------------------------------
    (TWO_YEAR, "3 placements in 2 years count, 2 do not; a child in care under 2 years is not in the cohort",
     # A: X (to 01/06/2023), Y, Z = 3 -> yes (only Y, Z in the last 12 months).
     # B: X ended 01/01/2023, before the 2 years: Y, Z = 2 -> no. C: in care since 01/03/2023 -> out.
     # 1 of 2
     history(start("A", "X", "01/01/2022", "01/06/2023", "X1"), at("A", "Y", "01/06/2023", "01/06/2024", "X1"),
             at("A", "Z", "01/06/2024"),
             start("B", "X", "01/01/2022", "01/01/2023", "X1"), at("B", "Y", "01/01/2023", "01/06/2024", "X1"),
             at("B", "Z", "01/06/2024"),
             start("C", "X", "01/03/2023", "01/06/2023", "X1"), at("C", "Y", "01/06/2023", "01/06/2024", "X1"),
             at("C", "Z", "01/06/2024")),
     {"num": 1, "den": 2, "value": 50.0}),
    (TWO_YEAR, "in care since exactly 2 years before the as-at date is in the cohort, a day less is not",
     # A since 31/01/2023 -> in, 1 placement. B since 01/02/2023 -> out. 0 of 1
     history(start("A", "X", "31/01/2023"), start("B", "X", "01/02/2023")),
     {"num": 0, "den": 1, "value": 0.0}),
    (TWO_YEAR, "leaving care breaks continuity; a legal-status change (RNE L) does not",
     # A left on 01/06/2023 and came back on 01/09/2023 -> in care since then -> out.
     # B: X (C1) then X (C2, RNE L): one period since 2020 -> in, 1 placement -> no. 0 of 1
     history(start("A", "X", "01/01/2020", "01/06/2023", "E4A"), start("A", "Y", "01/09/2023"),
             start("B", "X", "01/01/2020", "01/06/2023", "X1", ls="C1"), at("B", "X", "01/06/2023", rne="L", ls="C2")),
     {"num": 0, "den": 1, "value": 0.0}),
    (TWO_YEAR, "time on short breaks does not count towards the 2 years",
     # A: short breaks (V3) from 2021, full care (RNE L, C2) from 01/06/2024 -> out.
     # B: X (to 01/03/2023), Y, Z = 3 -> yes. 1 of 1
     history(start("A", "X", "01/01/2021", "01/06/2024", "X1", ls="V3"), at("A", "X", "01/06/2024", rne="L", ls="C2"),
             start("B", "X", "01/01/2021", "01/03/2023", "X1"), at("B", "Y", "01/03/2023", "01/03/2024", "X1"),
             at("B", "Z", "01/03/2024")),
     {"num": 1, "den": 1, "value": 100.0}),

    # --- A7: long-term stability ------------------------------------------------------------------
    (LONG_TERM, "same carer for 2 years counts, a move within 2 years does not; under 2.5 years in care is out",
     # A: X since 01/01/2022 -> yes. B: Y since 01/06/2023 -> no. C: in care since 01/09/2022 -> out. 1 of 2
     history(start("A", "X", "01/01/2022"),
             start("B", "X", "01/01/2022", "01/06/2023", "X1"), at("B", "Y", "01/06/2023"),
             start("C", "X", "01/09/2022")),
     {"num": 1, "den": 2, "value": 50.0, "by_adoption": 0}),
    (LONG_TERM, "2.5 years in care and 2 years with the carer, to the day",
     # A: in care since 31/07/2022 -> in; Y since 31/01/2023 -> yes. B: since 01/08/2022 -> out.
     # C: in care since 31/07/2022 -> in; Y since 01/02/2023 -> no. 1 of 2
     history(start("A", "X", "31/07/2022", "31/01/2023", "X1"), at("A", "Y", "31/01/2023"),
             start("B", "X", "01/08/2022"),
             start("C", "X", "31/07/2022", "01/02/2023", "X1"), at("C", "Y", "01/02/2023")),
     {"num": 1, "den": 2, "value": 50.0}),
    (LONG_TERM, "children aged 16 or over at the as-at date are not in the cohort",
     # A turns 16 on 31/01/2025 -> out. B is 15 (16 on 01/02/2025) -> in, X since 2020 -> yes. 1 of 1
     history(start("A", "X", "01/01/2020"), start("B", "X", "01/01/2020"),
             extra={2025: {"header": [child("A", dob="31/01/2009"), child("B", dob="01/02/2009")]}}),
     {"num": 1, "den": 1, "value": 100.0}),
    (LONG_TERM, "changes with the same carer (RNE L, T, U) keep the spell; RNE P starts a new one",
     # A: X from 01/01/2021, then L (legal status), T (U5 -> U4) and U (both) with X -> yes.
     # B: X from 01/01/2021, moved to Y (RNE P) on 01/06/2023 -> no. 1 of 2
     history(start("A", "X", "01/01/2021", "01/06/2023", "X1", ls="C1", place="U5"),
             at("A", "X", "01/06/2023", "01/09/2023", "X1", rne="L", ls="C2", place="U5"),
             at("A", "X", "01/09/2023", "01/03/2024", "X1", rne="T", ls="C2", place="U4"),
             at("A", "X", "01/03/2024", rne="U", ls="E1", place="U6"),
             start("B", "X", "01/01/2021", "01/06/2023", "X1"), at("B", "Y", "01/06/2023")),
     {"num": 1, "den": 2, "value": 50.0}),
    (LONG_TERM, "a temporary move with return keeps the spell; without return it ends",
     # A: X, T1 for 9 days, back to X -> X since 2021 -> yes. B: X, T1, then Y on 10/06/2024 -> no.
     # C: X, then on a temporary move at the as-at date -> still X's spell -> yes. 2 of 3
     history(start("A", "X", "01/01/2021", "01/06/2024", "X1"), temporary("A", "01/06/2024", "10/06/2024"),
             at("A", "X", "10/06/2024"),
             start("B", "X", "01/01/2021", "01/06/2024", "X1"), temporary("B", "01/06/2024", "10/06/2024"),
             at("B", "Y", "10/06/2024"),
             start("C", "X", "01/01/2021", "01/12/2024", "X1"), temporary("C", "01/12/2024")),
     {"num": 2, "den": 3, "value": 200 / 3}),
    (LONG_TERM, "placed for adoption with own foster carer (A3/A5 by RNE T or U) continues the carer spell",
     # A: W, then foster carer X from 01/06/2022, placed for adoption with X (A5, RNE T) on 01/10/2024.
     # B: the same with A3 by RNE U. X's spell runs from 01/06/2022 -> both counted by the carer rule,
     # none by the adoption rule. 2 of 2
     history(start("A", "W", "01/01/2022", "01/06/2022", "X1"), at("A", "X", "01/06/2022", "01/10/2024", "X1"),
             at("A", "X", "01/10/2024", rne="T", place="A5", ls="E1"),
             start("B", "W", "01/01/2022", "01/06/2022", "X1"), at("B", "X", "01/06/2022", "01/10/2024", "X1"),
             at("B", "X", "01/10/2024", rne="U", place="A3", ls="E1")),
     {"num": 2, "den": 2, "value": 100.0, "by_adoption": 0}),
    (LONG_TERM, "placed with new adopters: the adoptive placement and the carer spell before it make 2 years",
     # A: X from 01/06/2022, adopters Z (A4) from 01/09/2024 -> X + Z since 01/06/2022 -> yes (adoption rule).
     # B: X only from 01/06/2023, adopters Z (A6) from 01/09/2024 -> since 01/06/2023 -> no.
     # C: as A but Z is a foster placement (U4) -> no.
     # D: as A with a temporary move between X and the adopters -> X + Z -> yes (adoption rule). 2 of 4
     history(start("A", "W", "01/01/2022", "01/06/2022", "X1"), at("A", "X", "01/06/2022", "01/09/2024", "X1"),
             at("A", "Z", "01/09/2024", place="A4", ls="E1"),
             start("B", "W", "01/01/2022", "01/06/2023", "X1"), at("B", "X", "01/06/2023", "01/09/2024", "X1"),
             at("B", "Z", "01/09/2024", place="A6", ls="E1"),
             start("C", "W", "01/01/2022", "01/06/2022", "X1"), at("C", "X", "01/06/2022", "01/09/2024", "X1"),
             at("C", "Z", "01/09/2024"),
             start("D", "W", "01/01/2022", "01/06/2022", "X1"), at("D", "X", "01/06/2022", "01/08/2024", "X1"),
             temporary("D", "01/08/2024", "01/09/2024"), at("D", "Z", "01/09/2024", place="A4", ls="E1")),
     {"num": 2, "den": 4, "value": 50.0, "by_adoption": 2}),
    (LONG_TERM, "time on short breaks does not count towards the 2.5 years",
     # A: short breaks (V4) from 2021, full care (RNE L, V2) from 01/06/2024 -> out. B: X since 2021 -> yes.
     history(start("A", "X", "01/01/2021", "01/06/2024", "X1", ls="V4"), at("A", "X", "01/06/2024", rne="L", ls="V2"),
             start("B", "X", "01/01/2021")),
     {"num": 1, "den": 1, "value": 100.0}),
]


@pytest.mark.parametrize("indicator,description,returns_,expected", CASES, ids=[c[1] for c in CASES])
def test_stability(indicator, description, returns_, expected):
    check(compute(indicator, returns_, AS_AT), expected)
