"""Starts, ceasings, how children left, UASC and fostering. Expected figures worked out by hand.

As-at date 31/01/2025: the 12 months run from 01/02/2024 to 31/01/2025. Histories are spread over
the yearly returns by tests.episode_history, so an episode open on 31/03/2024 is in both returns.
"""

from datetime import date

import pytest

from tests.cohort import check, compute, ep, row
from tests.episode_history import returns

AS_AT = date(2025, 1, 31)
POPULATION = 4000


def history(*episodes, extra=None):
    return returns(*episodes, to_year=2025, extra=extra)


def left(child, decom, dec, rec):
    """A child's whole period of care: one episode from `decom` ending on `dec` for reason `rec`."""
    return ep(child, decom, dec, rec)


# A: home (E4A) in May, back in care, adopted (E11) in December. B: adopted (E12) in May, back in care,
# home (E4B) in November. C: adopted before the 12 months.
LEFT_TWICE = history(left("A", "01/03/2024", "01/05/2024", "E4A"), left("A", "01/06/2024", "01/12/2024", "E11"),
                     left("B", "01/03/2022", "01/05/2024", "E12"), left("B", "01/09/2024", "01/11/2024", "E4B"),
                     left("C", "01/03/2022", "01/01/2024", "E12"))

# Four leavers: home as planned (E4A), home not as planned (E4B), to someone without parental
# responsibility (E13), adopted (E11).
FOUR_WAYS_HOME = history(left("A", "01/03/2024", "01/05/2024", "E4A"), left("B", "01/03/2024", "01/06/2024", "E4B"),
                         left("C", "01/03/2024", "01/07/2024", "E13"), left("D", "01/03/2022", "01/08/2024", "E11"))

CASES = [
    # (indicator, description, returns, expected)

    # --- starts --------------------------------------------------------------------------------
    ("starts_count", "a start in the 12 months counts; one before them does not",
     history(ep("A", "01/05/2024"), ep("B", "01/05/2023")),
     {"num": 1.0, "value": 1.0}),
    ("starts_count", "a start on the first day of the 12 months counts, the day before does not",
     history(ep("A", "01/02/2024"), ep("B", "31/01/2024")),
     {"value": 1.0}),
    ("starts_count", "a start after the as-at date is not counted",
     history(ep("A", "15/02/2025"), ep("B", "31/01/2025")),
     {"value": 1.0}),
    ("starts_count", "a child who starts twice in the 12 months counts once",
     # A: S 01/03/2024 left 01/05/2024, S again 01/09/2024 -> 1 child; B starts once -> 2
     history(left("A", "01/03/2024", "01/05/2024", "E4A"), ep("A", "01/09/2024"), ep("B", "01/10/2024")),
     {"value": 2.0}),
    ("starts_count", "changes within a period of care (RNE P, L after X1) are not starts",
     history(ep("A", "01/03/2024", "01/05/2024", "X1"),
             ep("A", "01/05/2024", "01/06/2024", "X1", rne="P", urn="SC222222"),
             ep("A", "01/06/2024", rne="L", ls="C1", urn="SC222222")),
     {"value": 1.0}),
    ("starts_count", "short breaks (V3/V4) are not starts",
     history(left("A", "01/05/2024", "03/05/2024", "E8") | {"LS": "V3"}, ep("B", "01/06/2024", ls="V4"),
             ep("C", "01/07/2024")),
     {"value": 1.0}),
    ("starts_rate_10k", "rate: 2 starts over a population of 4,000 is 5.0 per 10,000",
     # 2 / 4000 * 10000 = 5.0; C started before the 12 months
     history(ep("A", "01/05/2024"), ep("B", "01/06/2024"), ep("C", "01/05/2023")),
     {"num": 2.0, "den": POPULATION, "value": 5.0}),

    # --- ceased --------------------------------------------------------------------------------
    ("ceased_count", "a non-X1 ending in the 12 months counts; an X1 change does not",
     # A ends E4A on 01/08/2024 after an X1 move; B only changed placement (X1) and is still in care
     history(ep("A", "01/03/2024", "01/05/2024", "X1"),
             ep("A", "01/05/2024", "01/08/2024", "E4A", rne="P", urn="SC222222"),
             ep("B", "01/03/2024", "01/06/2024", "X1"), ep("B", "01/06/2024", rne="P", urn="SC222222")),
     {"value": 1.0}),
    ("ceased_count", "endings on the first and last day count; before the 12 months or after as-at do not",
     # A 01/02/2024 and B 31/01/2025 count; C 31/01/2024 is before; D 15/02/2025 is after the as-at date
     history(left("A", "01/05/2023", "01/02/2024", "E4A"), left("B", "01/05/2023", "31/01/2025", "E4B"),
             left("C", "01/05/2023", "31/01/2024", "E4A"), left("D", "01/05/2023", "15/02/2025", "E13")),
     {"value": 2.0}),
    ("ceased_count", "an episode open over 31 March, ended in the next return, counts once",
     # in the 2024 return A's episode is open; the 2025 return carries the ending
     {2024: {"episodes": [ep("A", "01/03/2024")]},
      2025: {"episodes": [ep("A", "01/03/2024", "01/06/2024", "E4A")]}},
     {"value": 1.0}),
    ("ceased_count", "a child who leaves twice counts once",
     history(left("A", "01/03/2024", "01/05/2024", "E4A"), left("A", "01/07/2024", "01/12/2024", "E11")),
     {"value": 1.0}),
    ("ceased_count", "short-break endings are left out",
     history(left("A", "01/05/2024", "03/05/2024", "E8") | {"LS": "V3"}, left("B", "01/05/2024", "04/06/2024", "E4A")),
     {"value": 1.0}),
    ("ceased_rate_10k", "rate: 3 children ceased over a population of 4,000 is 7.5 per 10,000",
     # 3 / 4000 * 10000 = 7.5
     history(left("A", "01/03/2024", "01/05/2024", "E4A"), left("B", "01/03/2024", "01/06/2024", "E11"),
             left("C", "01/03/2024", "01/07/2024", "E45"), ep("D", "01/03/2024")),
     {"num": 3.0, "den": POPULATION, "value": 7.5}),

    # --- how children left --------------------------------------------------------------------
    ("ceased_adopted_pct", "E11 and E12 are adoptions; E4A and E45 are not",
     # 2 adopted of 4 leavers = 50%; E was adopted before the 12 months and is not a leaver in them
     history(left("A", "01/03/2022", "01/05/2024", "E11"), left("B", "01/03/2022", "01/06/2024", "E12"),
             left("C", "01/03/2024", "01/07/2024", "E4A"), left("D", "01/03/2023", "01/08/2024", "E45"),
             left("E", "01/03/2022", "01/01/2024", "E11")),
     {"num": 2, "den": 4, "value": 50.0}),
    ("ceased_adopted_pct", "a child who left twice is judged on the last ending",
     # A: E4A then E11 -> adopted. B: E12, back in care, then E4B -> not adopted. C left before the
     # 12 months. 1 of 2 = 50%
     LEFT_TWICE, {"num": 1, "den": 2, "value": 50.0}),
    ("adopted_count", "children adopted in the 12 months, each once, judged on the last ending",
     # A adopted; B's last ending is E4B; C adopted before the 12 months -> 1
     LEFT_TWICE, {"value": 1.0}),
    ("ceased_sgo_pct", "E45-E48 are special guardianship; a child arrangements order (E41) is not",
     # A E45, B E48 of 4 leavers = 50%
     history(left("A", "01/03/2023", "01/05/2024", "E45"), left("B", "01/03/2023", "01/06/2024", "E48"),
             left("C", "01/03/2023", "01/07/2024", "E41"), left("D", "01/03/2024", "01/08/2024", "E4A")),
     {"num": 2, "den": 4, "value": 50.0}),
    ("ceased_sgo_pct", "the last ending decides: SGO then back in care and home is not an SGO",
     # A: E46 then E4A -> no; B: E47 -> yes; 1 of 2
     history(left("A", "01/03/2023", "01/04/2024", "E46"), left("A", "01/06/2024", "01/09/2024", "E4A"),
             left("B", "01/03/2023", "01/06/2024", "E47")),
     {"num": 1, "den": 2, "value": 50.0}),
    ("returned_home_pct", "E4A and E4B are returns home, E13 (no parental responsibility) is not",
     # A E4A, B E4B of 4 leavers = 50%; planned (E4A) = 1
     FOUR_WAYS_HOME, {"num": 2, "den": 4, "value": 50.0, "planned": 1}),
    ("returned_home_planned_pct", "only E4A is a planned return home",
     # A E4A of 4 leavers = 25%
     FOUR_WAYS_HOME, {"num": 1, "den": 4, "value": 25.0}),

    # --- in care at the as-at date --------------------------------------------------------------
    ("uasc_count", "UASC in care at the as-at date whose status has not ceased",
     # A: UASC, status ceases 2027 -> counts. B: UASC with no end date -> counts. C: UASC status ceased
     # 01/10/2024. D: UASC but left care. E: not UASC. -> 2
     history(ep("A", "01/06/2024"), ep("B", "01/06/2024"), ep("C", "01/06/2023"),
             left("D", "01/06/2024", "01/09/2024", "E8"), ep("E", "01/06/2024"),
             extra={2025: {"uasc": [row(child="A", sex="M", dob="01/01/2009", duc="01/01/2027"),
                                    row(child="B", sex="M", dob="01/01/2009", duc=""),
                                    row(child="C", sex="M", dob="01/10/2006", duc="01/10/2024"),
                                    row(child="D", sex="M", dob="01/01/2009", duc="01/01/2027")]}}),
     {"value": 2.0}),
    ("foster_placement_pct", "U1-U6 are foster care; residential and placed with parents are not",
     # A U1, B U6 of A-D in care = 50%; E left care; F is on short breaks with foster carers
     history(ep("A", "01/06/2024", place="U1"), ep("B", "01/06/2024", place="U6"), ep("C", "01/06/2024", place="K2"),
             ep("D", "01/06/2024", place="P1"), left("E", "01/06/2024", "01/09/2024", "E4A"),
             ep("F", "01/06/2024", ls="V3", place="U4")),
     {"num": 2, "den": 4, "value": 50.0}),
]


@pytest.mark.parametrize("indicator,description,returns_,expected", CASES, ids=[c[1] for c in CASES])
def test_flows(indicator, description, returns_, expected):
    check(compute(indicator, returns_, AS_AT, population=POPULATION), expected)
