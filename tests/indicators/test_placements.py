"""Children in care with 3 or more placements in the last 12 months (A5). Expected figures by hand.

As-at 31/01/2025: the 12 months run from 01/02/2024. A placement counts when the child was in it
at the end of some day from 01/02/2024 to 31/01/2025. Carers X, Y, Z, W are different settings.
"""

import pytest

from tests.cohort import check, compute, ep
from tests.placement_moves import AS_AT, at, history, start, temporary

CASES = [
    # (indicator, description, returns, expected)
    ("placements_3plus_pct", "3 placements in the 12 months count, 2 do not; a child who left is not in the cohort",
     # A: X (to 01/03/2024), Y, Z = 3 -> yes. B: X, Y = 2 -> no. C left care in December.
     # 1 of 2 = 50%
     history(start("A", "X", "01/06/2023", "01/03/2024", "X1"), at("A", "Y", "01/03/2024", "01/09/2024", "X1"),
             at("A", "Z", "01/09/2024"),
             start("B", "X", "01/06/2023", "01/03/2024", "X1"), at("B", "Y", "01/03/2024"),
             start("C", "X", "01/06/2023", "01/03/2024", "X1"), at("C", "Y", "01/03/2024", "01/09/2024", "X1"),
             at("C", "Z", "01/09/2024", "01/12/2024", "E4A")),
     {"num": 1, "den": 2, "value": 50.0}),
    ("placements_3plus_pct", "a placement ending on the first day of the 12 months is not in them; the next day it is",
     # A left X on 01/02/2024: Y, Z = 2 -> no. B left X on 02/02/2024: X, Y, Z = 3 -> yes. 1 of 2
     history(start("A", "X", "01/06/2023", "01/02/2024", "X1"), at("A", "Y", "01/02/2024", "01/06/2024", "X1"),
             at("A", "Z", "01/06/2024"),
             start("B", "X", "01/06/2023", "02/02/2024", "X1"), at("B", "Y", "02/02/2024", "01/06/2024", "X1"),
             at("B", "Z", "01/06/2024")),
     {"num": 1, "den": 2, "value": 50.0}),
    ("placements_3plus_pct", "an episode open over 31 March is in two returns and counts once",
     # Y's episode is open in the 2024 return and ended (X1, legal change only) in the 2025 one:
     # X, Y = 2 -> no. Counting the two copies of Y separately would make 3.
     {2024: {"episodes": [start("A", "X", "01/06/2023", "01/03/2024", "X1"), at("A", "Y", "01/03/2024", ls="C1")]},
      2025: {"episodes": [at("A", "Y", "01/03/2024", "01/09/2024", "X1", ls="C1"),
                          at("A", "Y", "01/09/2024", rne="L", ls="C2")]}},
     {"num": 0, "den": 1, "value": 0.0}),
    ("placements_3plus_pct", "same-day X1 change: RNE L is not a new placement, RNE P is",
     # A: X (C1), X (C2, RNE L), Y = 2 placements -> no. B: X, Y, Z all by RNE P = 3 -> yes. 1 of 2
     history(start("A", "X", "01/06/2023", "01/03/2024", "X1", ls="C1"),
             at("A", "X", "01/03/2024", "01/06/2024", "X1", rne="L", ls="C2"), at("A", "Y", "01/06/2024"),
             start("B", "X", "01/06/2023", "01/03/2024", "X1"), at("B", "Y", "01/03/2024", "01/06/2024", "X1"),
             at("B", "Z", "01/06/2024")),
     {"num": 1, "den": 2, "value": 50.0}),
    ("placements_3plus_pct",
     "a temporary move with return to the same carer is not a new placement; without return it is",
     # A: X, T1, back to X, then Y = 2 placements (X, Y) -> no.
     # B: X, T1, then Y (not back), then Z = 3 (X, Y, Z) -> yes. 1 of 2
     history(start("A", "X", "01/06/2023", "01/05/2024", "X1"), temporary("A", "01/05/2024", "10/05/2024"),
             at("A", "X", "10/05/2024", "01/09/2024", "X1"), at("A", "Y", "01/09/2024"),
             start("B", "X", "01/06/2023", "01/05/2024", "X1"), temporary("B", "01/05/2024", "10/05/2024"),
             at("B", "Y", "10/05/2024", "01/09/2024", "X1"), at("B", "Z", "01/09/2024")),
     {"num": 1, "den": 2, "value": 50.0}),
    ("placements_3plus_pct", "a child whose only episode is a temporary move stays in the cohort with no placements",
     # A entered care on a temporary move (T2) and is still on it: 0 placements, in the cohort.
     # B: X, Y, Z = 3 -> yes. 1 of 2 (not 1 of 1)
     history(ep("A", "01/12/2024", place="T2", urn="", pl_post=""),
             start("B", "X", "01/06/2023", "01/03/2024", "X1"), at("B", "Y", "01/03/2024", "01/09/2024", "X1"),
             at("B", "Z", "01/09/2024")),
     {"num": 1, "den": 2, "value": 50.0}),
    ("placements_3plus_pct", "short breaks (V3/V4) are not placements and short-break children are not in the cohort",
     # A: two short-break stays (V3) then full care with Z: 1 placement -> no (3 if breaks counted).
     # B: only on short breaks (V4) -> not in the cohort. C: X, Y, Z = 3 -> yes. 1 of 2
     history(start("A", "X", "01/03/2024", "03/03/2024", "E8", ls="V3"),
             start("A", "Y", "01/05/2024", "04/05/2024", "E8", ls="V3"), start("A", "Z", "01/07/2024"),
             start("B", "X", "01/06/2024", ls="V4"),
             start("C", "X", "01/06/2023", "01/03/2024", "X1"), at("C", "Y", "01/03/2024", "01/09/2024", "X1"),
             at("C", "Z", "01/09/2024")),
     {"num": 1, "den": 2, "value": 50.0}),
    ("placements_3plus_pct", "placed for adoption with own foster carer (A3/A5 by RNE T or U) is not a move",
     # A: X, Y, then A3 with Y by RNE T = 2 -> no. B: X, Y, then A5 with Y by RNE U = 2 -> no.
     # C: X, Y, then A4 with new adopters Z by RNE P = 3 -> yes. 1 of 3
     history(start("A", "X", "01/06/2023", "01/03/2024", "X1"), at("A", "Y", "01/03/2024", "01/08/2024", "X1"),
             at("A", "Y", "01/08/2024", rne="T", place="A3", ls="E1"),
             start("B", "X", "01/06/2023", "01/03/2024", "X1"), at("B", "Y", "01/03/2024", "01/08/2024", "X1"),
             at("B", "Y", "01/08/2024", rne="U", place="A5", ls="E1"),
             start("C", "X", "01/06/2023", "01/03/2024", "X1"), at("C", "Y", "01/03/2024", "01/08/2024", "X1"),
             at("C", "Z", "01/08/2024", place="A4", ls="E1")),
     {"num": 1, "den": 3, "value": 100 / 3}),
    ("placements_3plus_pct", "a placement lasting under a day is not counted",
     # Y began and ended on 01/03/2024 (X1) and Z began the same day: the two episodes share CHILD +
     # DECOM and the later line (Z) stands. X, Z = 2 -> no; counting Y would make 3.
     history(start("A", "X", "01/06/2023", "01/03/2024", "X1"), at("A", "Y", "01/03/2024", "01/03/2024", "X1"),
             at("A", "Z", "01/03/2024")),
     {"num": 0, "den": 1, "value": 0.0}),
]


@pytest.mark.parametrize("indicator,description,returns_,expected", CASES, ids=[c[1] for c in CASES])
def test_placements(indicator, description, returns_, expected):
    check(compute(indicator, returns_, AS_AT), expected)
