"""Adoption scorecard timeliness (A1, A10, A2, A3) over 12 months and 3 years. Figures worked by hand.

Report date 31 January 2025: the 12-month window is 1 February 2024 - 31 January 2025 and the
3-year window 1 February 2022 - 31 January 2025. Dates in the returns are dd/mm/yyyy.
"""

from datetime import date

import pytest

from tests.cohort import check, context, ep, row
from careboard.indicators import calculate, registry

AS_AT = date(2025, 1, 31)


def ad1(child_id, match, foster_care="0", decided=""):
    return row(child=child_id, dob="01/01/2020", date_int=decided or match, date_match=match,
               foster_care=foster_care, nb_adoptr="2", sex_adoptr="MF", ls_adoptr="L0")


def journey(child_id, entered, authority, placed, adopted, place="A6", rne="P"):
    """Foster care from `entered`, placement order (LS E1) from `authority`, placed for adoption on
    `placed` (PLACE `place` reached by RNE `rne`), adopted (E11) on `adopted`."""
    return [ep(child_id, entered, authority, "X1", place="U4"),
            ep(child_id, authority, placed, "X1", rne="L", ls="E1", place="U4"),
            ep(child_id, placed, adopted, "E11", rne=rne, ls="E1", place=place)]


# --- Adopted by a stranger family, every episode in one return -------------------------------------
# Entered 01/03/2023, PO 01/06/2023, matched 15/08/2023, placed (A6) 01/09/2023, adopted 01/06/2024.
#   A1 = A10 = 01/03/2023 -> 01/09/2023 = 31+30+31+30+31+31 = 184 days (within 426)
#   A2 = 01/06/2023 -> 15/08/2023 = 30 + 31 + 14 = 75 days (within 121)
#   A3: 01/09/2023 is before 01/05/2024 (14 months on) -> counted
STRANGER = {2025: {"episodes": journey("A", "01/03/2023", "01/06/2023", "01/09/2023", "01/06/2024"),
                   "ad1": [ad1("A", "15/08/2023")]}}

# --- The same journey recorded across three returns ------------------------------------------------
# The first episode is open at 31/03/2023 (blank DEC in 2022/23, closed in 2023/24); the
# placement for adoption is open at 31/03/2024 and closes with the adoption in 2024/25. The
# stitched journey must give the same 184 / 75 days.
ACROSS_RETURNS = {
    2023: {"episodes": [ep("A", "01/03/2023", place="U4")]},
    2024: {"episodes": [ep("A", "01/03/2023", "01/06/2023", "X1", place="U4"),
                        ep("A", "01/06/2023", "01/09/2023", "X1", rne="L", ls="E1", place="U4"),
                        ep("A", "01/09/2023", rne="P", ls="E1", place="A6")]},
    2025: {"episodes": [ep("A", "01/09/2023", "01/06/2024", "E11", rne="P", ls="E1", place="A6")],
           "ad1": [ad1("A", "15/08/2023")]},
}

# --- Adopted by own foster carers: U4 -> A3 via RNE T ----------------------------------------------
# Entered 01/01/2023 with one foster carer; moved to the carers who adopt on 01/03/2023 (RNE P);
# placed with them for adoption with consent (A3, RNE T: same carers) on 01/05/2024; adopted
# 01/10/2024; AD1 FOSTER_CARE = 1. No placement order (consent), so not in A2.
#   A1  = 01/01/2023 -> 01/05/2024 = 365 + 31 + 29 + 31 + 30 = 486 days (not within 426)
#   A10 = 01/01/2023 -> 01/03/2023 = 31 + 28 = 59 days (within 426)
OWN_FOSTER_CARERS = {2025: {
    "episodes": [ep("F", "01/01/2023", "01/03/2023", "X1", place="U4", urn="SC000001"),
                 ep("F", "01/03/2023", "01/05/2024", "X1", rne="P", place="U4", urn="SC000002"),
                 ep("F", "01/05/2024", "01/10/2024", "E11", rne="T", place="A3", urn="SC000002")],
    "ad1": [ad1("F", "01/04/2024", foster_care="1")]}}

# Same carers, placement order instead (A5 via RNE U with LS E1), AD1 FOSTER_CARE left at 0: the
# placement code alone (with current foster carers) marks the foster-carer adoption.
#   A1 = 486, A10 = 59 as above.
FOSTER_CARERS_BY_PLACE = {2025: {
    "episodes": [ep("G", "01/01/2023", "01/03/2023", "X1", place="U4", urn="SC000001"),
                 ep("G", "01/03/2023", "01/05/2024", "X1", rne="P", place="U4", urn="SC000002"),
                 ep("G", "01/05/2024", "01/10/2024", "E11", rne="U", ls="E1", place="A5", urn="SC000002")],
    "ad1": [ad1("G", "01/04/2024")]}}

# The foster carers' placement is interrupted by a 2-week temporary stay (T1) the child comes back
# from: still one spell with those carers, so A10 still counts from 01/03/2023 -> 59 days.
FOSTER_CARERS_AFTER_RESPITE = {2025: {
    "episodes": [ep("H", "01/01/2023", "01/03/2023", "X1", place="U4", urn="SC000001"),
                 ep("H", "01/03/2023", "01/08/2023", "X1", rne="P", place="U4", urn="SC000002"),
                 ep("H", "01/08/2023", "15/08/2023", "X1", rne="P", place="T1", urn=""),
                 ep("H", "15/08/2023", "01/05/2024", "X1", rne="P", place="U4", urn="SC000002"),
                 ep("H", "01/05/2024", "01/10/2024", "E11", rne="T", place="A3", urn="SC000002")],
    "ad1": [ad1("H", "01/04/2024", foster_care="1")]}}

# Placed with a new family (A6, not current foster carers) though coded RNE T, FOSTER_CARE 0: not
# a foster-carer adoption, so A10 = A1 = 01/01/2023 -> 01/05/2024 = 486 days.
STRANGERS_CODED_T = {2025: {
    "episodes": [ep("K", "01/01/2023", "01/03/2023", "X1", place="U4"),
                 ep("K", "01/03/2023", "01/05/2024", "X1", rne="L", ls="E1", place="U4"),
                 ep("K", "01/05/2024", "01/10/2024", "E11", rne="T", ls="E1", place="A6")],
    "ad1": [ad1("K", "01/04/2024")]}}

# --- A2 edge cases ---------------------------------------------------------------------------------
# M matched 15/05/2023, before the placement order of 01/06/2023 -> A2 = 0 (within 121).
# N placed with consent (A4), never under LS E1/D1 -> not in A2; still in A1.
#   A2 over {M}: den 1, mean 0.   A1 over {M, N}: M 01/03/2023 -> 01/09/2023 = 184,
#   N 01/03/2023 -> 01/07/2023 = 31+30+31+30 = 122; mean (184 + 122) / 2 = 153.
A2_EDGES = {2025: {
    "episodes": journey("M", "01/03/2023", "01/06/2023", "01/09/2023", "01/06/2024")
    + [ep("N", "01/03/2023", "01/07/2023", "X1", place="U4"),
       ep("N", "01/07/2023", "01/06/2024", "E11", rne="P", place="A4")],
    "ad1": [ad1("M", "15/05/2023"), ad1("N", "15/06/2023")]}}

# Freeing order (D1) counts as court authority: D1 from 01/06/2023, matched 01/11/2023
#   -> 30 + 31 + 31 + 30 + 31 = 153 days (not within 121).
FREEING_ORDER = {2025: {
    "episodes": [ep("D", "01/03/2023", "01/06/2023", "X1", place="U4"),
                 ep("D", "01/06/2023", "01/12/2023", "X1", rne="L", ls="D1", place="U4"),
                 ep("D", "01/12/2023", "01/06/2024", "E11", rne="P", ls="D1", place="A6")],
    "ad1": [ad1("D", "01/11/2023")]}}

# --- Windows ---------------------------------------------------------------------------------------
# Each child: entered 01/01/2021, PO 01/06/2021, placed 01/01/2022 (365 days), adopted on the day
# named. Only the adoption date differs, except W4 placed 01/07/2021 (181 days) so the windows'
# means differ.
#   W1 adopted 01/02/2024: first day of the 12-month window -> in 12m and 36m
#   W2 adopted 31/01/2024: the day before -> 36m only
#   W3 adopted 31/01/2025: the report date itself -> in both
#   W4 adopted 01/02/2022: first day of the 3-year window -> 36m only
#   W5 adopted 31/01/2022: the day before -> in neither
#   W6 adopted 01/02/2025: after the report date -> not yet adopted as at 31/01/2025
#   12m: W1, W3 -> den 2, mean 365.   36m: W1, W2, W3, W4 -> den 4, mean (3 * 365 + 181) / 4 = 319.
WINDOW_DATES = {"W1": "01/02/2024", "W2": "31/01/2024", "W3": "31/01/2025", "W4": "01/02/2022",
                "W5": "31/01/2022", "W6": "01/02/2025"}
# Each AD1 row sits in the return for the year of that adoption; all matched 01/09/2021, so A2 is
# 01/06/2021 -> 01/09/2021 = 30 + 31 + 31 = 92 days for everyone.
WINDOWS = {
    2022: {"ad1": [ad1("W4", "01/09/2021"), ad1("W5", "01/09/2021")]},
    2024: {"ad1": [ad1("W1", "01/09/2021"), ad1("W2", "01/09/2021")]},
    2025: {"episodes": [e for c, adopted in WINDOW_DATES.items()
                        for e in journey(c, "01/01/2021", "01/06/2021",
                                         "01/07/2021" if c == "W4" else "01/01/2022", adopted)],
           "ad1": [ad1("W3", "01/09/2021"), ad1("W6", "01/09/2021")]},
}

# --- Two periods of care ---------------------------------------------------------------------------
# P: in care 01/01/2021 - 01/06/2021 (returned home, E4A); back in care 01/01/2023, placed for
# adoption 01/07/2023, adopted 01/03/2024. Only the second period counts:
#   A1 = 01/01/2023 -> 01/07/2023 = 31+28+31+30+31+30 = 181 days (not 911 from 01/01/2021).
TWO_PERIODS = {2024: {
    "episodes": [ep("P", "01/01/2021", "01/06/2021", "E4A", place="U4")]
    + journey("P", "01/01/2023", "01/03/2023", "01/07/2023", "01/03/2024"),
    "ad1": [ad1("P", "01/05/2023")]}}

# R adopted twice: first adoption 01/02/2022 (PO 01/04/2021, matched 01/05/2021: A2 = 30), the
# adoption broke down and R came back into care 01/01/2023 (PO 01/03/2023, matched 01/06/2024,
# adopted 01/12/2024: A2 = 01/03/2023 -> 01/12/2023 = 275, + 183 to 01/06/2024 = 458). Each adoption takes the AD1 of its own year's return.
#   36m: den 2, mean (30 + 458) / 2 = 244.   12m: den 1, 458.
ADOPTED_TWICE = {
    2022: {"episodes": journey("R", "01/03/2021", "01/04/2021", "01/06/2021", "01/02/2022"),
           "ad1": [ad1("R", "01/05/2021")]},
    2025: {"episodes": journey("R", "01/01/2023", "01/03/2023", "01/07/2024", "01/12/2024"),
           "ad1": [ad1("R", "01/06/2024")]},
}

# --- One file holding several years --------------------------------------------------------------------
# A council's extract of its whole history is one return (2024/25) holding earlier years: R's AD1 row tells
# of the adoption of February 2024 (in 2023/24), and gives its match. Seen: A2 found no AD1 of 2023/24 and
# said "no adoptions to count".
HISTORY_IN_ONE_FILE = {2025: {"episodes": journey("R", "01/03/2021", "01/04/2021", "01/06/2021", "01/02/2024")
                                          + [ep("B", "01/05/2024")],
                              "ad1": [ad1("R", "01/05/2021")]}}

# --- A placement for adoption that broke down --------------------------------------------------------
# B entered 01/01/2023; placed with adopters X 01/06/2023 (A6), who could not go on; back to foster
# care 01/10/2023; placed with adopters Y 01/02/2024 (A6), who adopt 01/09/2024. The adoptive family
# is Y: A1 = 01/01/2023 -> 01/02/2024 = 365 + 31 = 396 days (not 151 to the first placement).
DISRUPTED = {2025: {
    "episodes": [ep("B", "01/01/2023", "01/03/2023", "X1", place="U4", urn="SC000001"),
                 ep("B", "01/03/2023", "01/06/2023", "X1", rne="L", ls="E1", place="U4", urn="SC000001"),
                 ep("B", "01/06/2023", "01/10/2023", "X1", rne="P", ls="E1", place="A6", urn="SC000009"),
                 ep("B", "01/10/2023", "01/02/2024", "X1", rne="P", ls="E1", place="U4", urn="SC000001"),
                 ep("B", "01/02/2024", "01/09/2024", "E11", rne="P", ls="E1", place="A6", urn="SC000008")],
    "ad1": [ad1("B", "01/01/2024")]}}

# --- Who is not in the cohort ----------------------------------------------------------------------
# Q adopted (E12) straight from foster care, never placed for adoption: no moving-in date -> not
# in A1, A10, A2 or A3. S looked after under short breaks only (V3) though coded as placed for
# adoption and adopted: excluded. E left care to an SGO (E45): not an adoption. Only A (184 days) remains.
NOT_COUNTED = {2025: {
    "episodes": journey("A", "01/03/2023", "01/06/2023", "01/09/2023", "01/06/2024")
    + [ep("Q", "01/03/2023", "01/06/2024", "E12", place="U4"),
       ep("S", "01/03/2023", "01/06/2024", "E11", ls="V3", place="A6"),
       ep("E", "01/03/2023", "01/06/2024", "E45", place="A6")],
    "ad1": [ad1("A", "15/08/2023"), ad1("Q", "15/08/2023", foster_care="1")]}}

# --- Care that began before the returns loaded ------------------------------------------------------
# One year's return holds only the episodes open during it. V's first episode in it began 01/09/2023 for a
# change of placement (RNE P) under a placement order: V came into care, and the order was made, before
# any return loaded, so neither date is known and V is in none of the measures (A1 would read 274 days
# from 01/09/2023). W's first episode began 01/09/2023 for a change of legal status (RNE L) to E1: when W
# came into care is not known, but the order began that day, so W is in A2: 01/09/2023 -> 15/05/2024 =
# 30+31+30+31+31+29+31+30 + 14 = 257 days. A (184 days; A2 75) came into care within the data.
#   A1 / A10 / A3 over {A}: 184 days, 1 of 1.   A2 over {A, W}: (75 + 257) / 2 = 166.
BEFORE_THE_DATA = {2025: {
    "episodes": journey("A", "01/03/2023", "01/06/2023", "01/09/2023", "01/06/2024")
    + [ep("V", "01/09/2023", "01/06/2024", "X1", rne="P", ls="E1", place="U4"),
       ep("V", "01/06/2024", "01/12/2024", "E11", rne="P", ls="E1", place="A6"),
       ep("W", "01/09/2023", "01/06/2024", "X1", rne="L", ls="E1", place="U4"),
       ep("W", "01/06/2024", "01/12/2024", "E11", rne="P", ls="E1", place="A6")],
    "ad1": [ad1("A", "15/08/2023"), ad1("V", "15/05/2024"), ad1("W", "15/05/2024")]}}

# --- A3 at the 14-month line -----------------------------------------------------------------------
# Both entered 01/03/2023; 14 months on is 01/05/2024. T1 placed 30/04/2024 (waited less than 14
# months: counted), T2 placed 01/05/2024 (exactly 14 months: not counted). 1 of 2 -> 50%.
# A1 extras: 01/03/2023 -> 30/04/2024 = 366 + 60 = 426 days (within 426), T2 427 (not).
A3_LINE = {2025: {
    "episodes": journey("T1", "01/03/2023", "01/06/2023", "30/04/2024", "01/10/2024")
    + journey("T2", "01/03/2023", "01/06/2023", "01/05/2024", "01/10/2024"),
    "ad1": [ad1("T1", "01/04/2024"), ad1("T2", "01/04/2024")]}}

CASES = [
    # (indicator, description, returns, expected)
    ("adopt_a1_days", "stranger adoption: entering care to placed for adoption",
     STRANGER, {"den": 1, "value": 184.0, "within_426": 1}),
    ("adopt_a1_days", "episodes spread over three returns stitch into one journey",
     ACROSS_RETURNS, {"den": 1, "value": 184.0, "within_426": 1}),
    ("adopt_a1_days", "own foster carers: A1 runs to the placement for adoption",
     OWN_FOSTER_CARERS, {"den": 1, "value": 486.0, "within_426": 0}),
    ("adopt_a1_days", "a broken-down placement for adoption does not stop the clock",
     DISRUPTED, {"den": 1, "value": 396.0}),
    ("adopt_a1_days", "two periods of care: only the one ending in adoption counts",
     TWO_PERIODS, {"den": 1, "value": 181.0}),
    ("adopt_a1_days", "12 months: first day of window and report date in, day before out",
     WINDOWS, {"den": 2, "value": 365.0, "within_426": 2}),
    ("adopt_a1_days", "no placement for adoption, short breaks and SGO leavers are not counted",
     NOT_COUNTED, {"den": 1, "value": 184.0}),
    ("adopt_a1_days", "a child with no placement order is still in A1",
     A2_EDGES, {"den": 2, "value": 153.0, "within_426": 2}),
    ("adopt_a1_days", "426 days is within 426, 427 is not",
     A3_LINE, {"den": 2, "within_426": 1}),
    ("adopt_a1_days", "care that began before the returns loaded: no date of entering care, not counted",
     BEFORE_THE_DATA, {"den": 1, "value": 184.0}),
    ("adopt_a1_days_3yr", "3 years: first day of window in, day before out",
     WINDOWS, {"den": 4, "value": 319.0, "within_426": 4}),
    ("adopt_a1_days_3yr", "stranger adoption over 3 years",
     STRANGER, {"den": 1, "value": 184.0, "within_426": 1}),

    ("adopt_a10_days", "own foster carers (U4 -> A3 via RNE T): clock stops when they moved in",
     OWN_FOSTER_CARERS, {"den": 1, "value": 59.0, "within_426": 1}),
    ("adopt_a10_days", "placed with current foster carers (A5 via RNE U) without the AD1 flag",
     FOSTER_CARERS_BY_PLACE, {"den": 1, "value": 59.0}),
    ("adopt_a10_days", "a temporary stay away does not end the spell with the foster carers",
     FOSTER_CARERS_AFTER_RESPITE, {"den": 1, "value": 59.0}),
    ("adopt_a10_days", "new family coded RNE T but A6 and FOSTER_CARE 0: no adjustment",
     STRANGERS_CODED_T, {"den": 1, "value": 486.0, "within_426": 0}),
    ("adopt_a10_days", "stranger adoption: A10 equals A1",
     STRANGER, {"den": 1, "value": 184.0, "within_426": 1}),
    ("adopt_a10_days", "a broken-down placement: clock runs to the family who adopted",
     DISRUPTED, {"value": 396.0}),
    ("adopt_a10_days", "care that began before the returns loaded: not counted",
     BEFORE_THE_DATA, {"den": 1, "value": 184.0}),
    ("adopt_a10_days_3yr", "3 years: windows as A1",
     WINDOWS, {"den": 4, "value": 319.0}),
    ("adopt_a10_days_3yr", "own foster carers over 3 years",
     OWN_FOSTER_CARERS, {"den": 1, "value": 59.0, "within_426": 1}),

    ("adopt_a2_days", "placement order to match",
     STRANGER, {"den": 1, "value": 75.0, "within_121": 1}),
    ("adopt_a2_days", "matched before the placement order counts 0; no PO/FO is excluded",
     A2_EDGES, {"den": 1, "value": 0.0, "within_121": 1}),
    ("adopt_a2_days", "placed with consent, no placement order: nobody in A2",
     OWN_FOSTER_CARERS, {"den": 0, "value": None, "within_121": 0}),
    ("adopt_a2_days", "freeing order (D1) is court authority",
     FREEING_ORDER, {"den": 1, "value": 153.0, "within_121": 0}),
    ("adopt_a2_days", "adopted twice: the 12 months see only the second adoption",
     ADOPTED_TWICE, {"den": 1, "value": 458.0}),
    ("adopt_a2_days", "12 months window: W1 and W3 at 92 days each",
     WINDOWS, {"den": 2, "value": 92.0, "within_121": 2}),
    ("adopt_a2_days", "an order in force before the returns loaded is not counted; one made on the first "
     "episode loaded (RNE L) is", BEFORE_THE_DATA, {"den": 2, "value": 166.0, "within_121": 1}),
    ("adopt_a2_days_3yr", "adopted twice: each adoption uses its own year's AD1",
     ADOPTED_TWICE, {"den": 2, "value": 244.0, "within_121": 1}),
    ("adopt_a2_days_3yr", "one file of several years: its AD1 tells of an earlier year's adoption",
     HISTORY_IN_ONE_FILE, {"den": 1, "value": 30.0, "within_121": 1}),
    ("adopt_a2_days_3yr", "3 years window: four children at 92 days",
     WINDOWS, {"den": 4, "value": 92.0, "within_121": 4}),

    ("adopt_a3_pct", "less than 14 months counts, exactly 14 months does not",
     A3_LINE, {"num": 1, "den": 2, "value": 50.0}),
    ("adopt_a3_pct", "own foster carers: A3 uses the placement for adoption (486 days)",
     OWN_FOSTER_CARERS, {"num": 0, "den": 1, "value": 0.0}),
    ("adopt_a3_pct", "12 months window: W1 and W3 placed 365 days after entering care",
     WINDOWS, {"num": 2, "den": 2, "value": 100.0}),
    ("adopt_a3_pct", "care that began before the returns loaded: not counted",
     BEFORE_THE_DATA, {"num": 1, "den": 1, "value": 100.0}),
    ("adopt_a3_pct_3yr", "3 years window: W1-W4 all placed within 14 months",
     WINDOWS, {"num": 4, "den": 4, "value": 100.0}),
    ("adopt_a3_pct_3yr", "3 years window: exactly 14 months is not less than 14 months",
     A3_LINE, {"num": 1, "den": 2, "value": 50.0}),
    ("adopt_a3_pct_3yr", "two periods: counted from the second (181 days)",
     TWO_PERIODS, {"num": 1, "den": 1, "value": 100.0}),
]

_contexts: dict[int, calculate.Context] = {}


def _context(returns) -> calculate.Context:
    # Several cases share one set of returns; load each set once.
    if id(returns) not in _contexts:
        _contexts[id(returns)] = context(returns, AS_AT)
    return _contexts[id(returns)]


@pytest.mark.parametrize("indicator,description,returns,expected", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_adoption(indicator, description, returns, expected):
    check(calculate.compute(_context(returns), registry.get(indicator)), expected)


def test_sentence_reads_with_the_figures():
    ind = registry.get("adopt_a1_days")
    text = ind.sentence.format(den="2", value="153", month="January 2025", within_426="2")
    assert text == ("For the 2 children adopted in the 12 months to January 2025, on average 153 days passed "
                    "between entering care and moving in with their adoptive family. 2 of the 2 moved in "
                    "within 426 days.")
    assert "3 years to {month}" in registry.get("adopt_a1_days_3yr").sentence


def test_drill_down_points_at_the_adoption_episode():
    cols, rows = calculate.rows(_context(A2_EDGES), registry.get("adopt_a2_days"))
    got = [dict(zip(cols, r)) for r in rows]
    assert [(r["child"], r["authority_date"], r["match_date"], r["num"]) for r in got] == [
        ("M", date(2023, 6, 1), date(2023, 5, 15), 0)]
    assert got[0]["file_id"] is not None and got[0]["line_no"] == 4   # header + M's three episodes
