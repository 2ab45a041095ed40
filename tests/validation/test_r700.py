"""Rules 700-710: deprivation of liberty orders, collected from 2026/27 (1 April 2026 to 31 March 2027).

Each case: the rows the rule must flag, worked out by hand. Every code has one variant, for 2027 only.
Episode defaults: RNE S, LS C2, PLACE U4.
"""

import pytest

from tests.cohort import ep, row
from tests.rulecheck import check_case

DL, EP = "dolo", "episodes"


def dolo(c, start, end="", dob="01/01/2012"):
    return row(child=c, dob=dob, dolo_start=start, dolo_end=end)


ROWS = [
    ("700", "a blank start and an impossible one", 2027,
     {DL: [dolo("A", ""), dolo("B", "31/04/2026"), dolo("C", "01/05/2026")]}, None, [(DL, 1), (DL, 2)]),
    ("700", "a real start date", 2027, {DL: [dolo("A", "01/05/2026", "01/06/2026")]}, None, []),
    ("701", "an end date in ISO form", 2027, {DL: [dolo("A", "01/05/2026", "2026-06-01")]}, None, [(DL, 1)]),
    ("701", "a real end date and a blank one", 2027,
     {DL: [dolo("A", "01/05/2026", "01/06/2026"), dolo("B", "01/05/2026")]}, None, []),
    ("702", "ends the day before it starts", 2027,
     {DL: [dolo("A", "01/05/2026", "30/04/2026"), dolo("B", "01/05/2026", "01/05/2026")]}, None, [(DL, 1)]),
    ("702", "ends after it starts", 2027, {DL: [dolo("A", "01/05/2026", "02/05/2026")]}, None, []),
    ("703", "starts on 1 April of the next year", 2027,
     {DL: [dolo("A", "01/04/2027"), dolo("B", "31/03/2027")]}, None, [(DL, 1)]),
    ("703", "started years ago and still in force", 2027, {DL: [dolo("A", "01/05/2024")]}, None, []),
    ("704", "ended before the year, and after it", 2027,
     {DL: [dolo("A", "01/01/2026", "31/03/2026"), dolo("B", "01/01/2027", "01/04/2027"),
           dolo("C", "01/01/2026", "01/04/2026")]}, None, [(DL, 1), (DL, 2)]),
    ("704", "ended on 31 March, and still in force", 2027,
     {DL: [dolo("A", "01/01/2027", "31/03/2027"), dolo("B", "01/01/2027")]}, None, []),
    ("707", "care ended with the order still open", 2027,
     {DL: [dolo("A", "01/06/2026"), dolo("B", "01/06/2026"), dolo("C", "01/06/2026", "01/08/2026")],
      EP: [ep("A", "01/05/2026", "01/09/2026", "E4A", place="K2"), ep("B", "01/05/2026", place="K2"),
           ep("C", "01/05/2026", "01/09/2026", "E4A", place="K2")]}, None, [(DL, 1)]),
    ("707", "left care and came back, order open", 2027,
     {DL: [dolo("A", "01/10/2026")],
      EP: [ep("A", "01/05/2026", "01/06/2026", "E4A"), ep("A", "01/09/2026", place="K2")]}, None, []),
    # Issue 9 (d): an order whose start is written but unreadable is an order (700 reports the date), and care
    # whose end date is written but unreadable has ended.
    ("707", "an order started '1st June 2026'; care ended on a date written '1st Sept 2026'", 2027,
     {DL: [dolo("A", "1st June 2026"), dolo("B", "01/06/2026")],
      EP: [ep("A", "01/05/2026", "01/09/2026", "E4A", place="K2"),
           ep("B", "01/05/2026", "1st Sept 2026", "E4A", place="K2")]}, None, [(DL, 1), (DL, 2)]),
    ("707", "an order started '1st June 2026' while care goes on", 2027,
     {DL: [dolo("A", "1st June 2026")], EP: [ep("A", "01/05/2026", place="K2")]}, None, []),
    ("708", "starts before birth", 2027,
     {DL: [dolo("A", "31/12/2011", "01/06/2026"), dolo("B", "01/01/2012", "01/06/2026")]}, None, [(DL, 1)]),
    ("708", "starts after birth", 2027, {DL: [dolo("A", "01/06/2026", dob="01/01/2012")]}, None, []),
]

ACROSS = [
    ("705", "starts while the earlier order is open, or before it ended", 2027,
     {DL: [dolo("A", "01/05/2026"), dolo("A", "01/07/2026", "01/08/2026"),
           dolo("B", "01/05/2026", "01/08/2026"), dolo("B", "01/07/2026")]}, None, [(DL, 2), (DL, 4)]),
    ("705", "a new order on the day the last one ended", 2027,
     {DL: [dolo("A", "01/06/2026"), dolo("A", "01/05/2026", "01/06/2026"), dolo("B", "01/05/2026")]}, None, []),
    ("706", "open last March, not carried over; with no order now the header row is reported", 2027,
     {DL: [dolo("A", "01/05/2026")], EP: [ep("A", "01/01/2025", place="K2"), ep("B", "01/01/2025", place="K2")]},
     {DL: [dolo("A", "01/02/2026"), dolo("B", "01/03/2026")]}, [(DL, 1), ("header", 2)]),
    ("706", "carried over with the same start, and one that ended last year", 2027,
     {DL: [dolo("A", "01/02/2026", "01/06/2026")], EP: [ep("A", "01/01/2025", place="K2")]},
     {DL: [dolo("A", "01/02/2026"), dolo("B", "01/02/2026", "01/03/2026")]}, []),
    ("709", "a foster placement during the order, open episodes too", 2027,
     {DL: [dolo("A", "01/06/2026", "01/09/2026"), dolo("B", "01/06/2026", "01/09/2026")],
      EP: [ep("A", "01/05/2026", "01/07/2026", "X1", place="K2"), ep("A", "01/07/2026", rne="P", place="U4"),
           ep("B", "01/05/2026", place="R1")]}, None, [(DL, 1), (EP, 2), (DL, 2), (EP, 3)]),
    ("709", "children's home and Z12 during the order; foster care before it; an open order", 2027,
     {DL: [dolo("A", "01/06/2026", "01/09/2026"), dolo("B", "01/06/2026")],
      EP: [ep("A", "01/01/2026", "01/06/2026", "X1", place="U4"), ep("A", "01/06/2026", rne="P", place="K2"),
           ep("A", "01/08/2026", rne="P", place="Z12"), ep("B", "01/05/2026", place="U4")]}, None, []),
    ("709", "a foster placement that ended on a date written '1st June 2026', before the order", 2027,
     {DL: [dolo("A", "01/06/2026", "01/09/2026")],
      EP: [ep("A", "01/01/2026", "1st June 2026", "X1", place="U4"), ep("A", "01/06/2026", rne="P", place="K2")]},
     None, []),
    ("710", "a secure children's home and a YOI during orders", 2027,
     {DL: [dolo("A", "01/06/2026", "01/09/2026"), dolo("B", "01/06/2026", "01/09/2026")],
      EP: [ep("A", "01/05/2026", place="K1"), ep("B", "01/05/2026", "01/06/2026", "X1", place="K2"),
           ep("B", "01/06/2026", rne="P", place="R5")]}, None, [(DL, 1), (EP, 1), (DL, 2), (EP, 3)]),
    ("710", "with parents only after the order ended", 2027,
     {DL: [dolo("A", "01/06/2026", "01/09/2026")],
      EP: [ep("A", "01/05/2026", "02/09/2026", "X1", place="K2"), ep("A", "02/09/2026", rne="P", place="P1")]},
     None, []),
]

CASES = ROWS + ACROSS


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_rule(case):
    check_case(*case)
