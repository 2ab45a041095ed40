"""Care leavers' activity, accommodation and contact (OC3; indicators.md A12). Figures worked out by hand.

The as-at date is 31 January 2026: the annual figures are for 2024/25 (birthdays 1 April 2024 to
31 March 2025, 2025 return); the year-to-date figures are for birthdays 1 April 2025 to 31 January 2026
(2026 in-year extract). Ages are the one reached at the birthday in the collection year.
"""

from datetime import date

import pytest

from tests.cohort import check, child, compute, ep, row

AS_AT = date(2026, 1, 31)

# A date of birth giving each age at a birthday on 1 June 2024 (inside 2024/25).
DOB_2025 = {age: f"01/06/{2024 - age}" for age in range(16, 26)}


def leaver(child_id, dob, in_touch, activ="0", accom="0") -> tuple[dict, dict]:
    return child(child_id, dob=dob), row(child=child_id, dob=dob, in_touch=in_touch, activ=activ, accom=accom)


def at(age, child_id, in_touch, activ="0", accom="0"):
    """A 2024/25 care leaver of a given age (birthday 1 June 2024)."""
    return leaver(child_id, DOB_2025[age], in_touch, activ, accom)


def oc3_year(*leavers, episodes=(), year=2025) -> dict:
    return {year: {"header": [h for h, _ in leavers], "oc3": [o for _, o in leavers], "episodes": list(episodes)}}


# 17 and 18-year-olds, birthday 01/06/2024. The DfE counts those who "left care before that birthday":
# G left a month before and J the day before (both count); I left on the 18th birthday itself and K the
# day after the 17th (neither counts: looked after on the birthday); H was still looked after months later.
LEFT_BEFORE = oc3_year(
    at(17, "G", "YES", "F2", "D1"), at(18, "H", "YES", "G5", "B2"), at(18, "I", "YES", "G5", "B2"),
    at(17, "J", "YES", "G6", "B2"), at(17, "K", "YES", "F2", "D1"),
    episodes=[ep("G", "01/01/2020", "01/05/2024", "E8"), ep("H", "01/01/2020", "01/09/2024", "E8"),
              ep("I", "01/01/2020", "01/06/2024", "E8"), ep("J", "01/01/2020", "31/05/2024", "E8"),
              ep("K", "01/01/2020", "02/06/2024", "E8")])

# Birthdays either side of 31 March / 1 April 2024/25: J born 31/03/2006 turns 19 on 31/03/2025 (19-21);
# K born 01/04/2006 turns 18 on 01/04/2024 (17-18); L born 01/04/2003 turns 21 on 01/04/2024 (19-21);
# M born 31/03/2003 turns 22 on 31/03/2025 (not in the headline bands).
BOUNDARY = oc3_year(
    leaver("J", "31/03/2006", "YES", "G5", "U1"), leaver("K", "01/04/2006", "YES", "G5", "U1"),
    leaver("L", "01/04/2003", "YES", "F2", "U1"), leaver("M", "31/03/2003", "YES", "G5", "U1"))

# 19 to 21: A NEET, B EET, C no longer requires services (in the base, activity unknown), D died and
# E returned home (both out of the base), F aged 22 (out of the headline bands).
STATUS_19_21 = oc3_year(
    at(19, "A", "YES", "G5", "D1"), at(20, "B", "YES", "F2", "U1"), at(21, "C", "NREQ"),
    at(19, "D", "DIED"), at(20, "E", "RHOM"), at(22, "F", "YES", "G4", "U1"))

CASES = [
    # (indicator, description, returns, expected)
    ("cl_neet_pct_19_21", "DIED and RHOM leave the base; NREQ stays in; 22-year-olds are out",
     # A of A, B, C = 1 of 3.
     STATUS_19_21, {"num": 1, "den": 3, "value": 100 / 3}),
    ("cl_neet_pct_19_21", "a 31 March birthday is in the year; a 22nd birthday is not",
     # J (19) NEET and L (21) EET; K is 18, M is 22. 1 of 2.
     BOUNDARY, {"num": 1, "den": 2, "value": 50.0}),
    ("cl_eet_pct_19_21", "EET over the same base as NEET",
     # B of A, B, C = 1 of 3.
     STATUS_19_21, {"num": 1, "den": 3, "value": 100 / 3}),
    ("cl_eet_pct_19_21", "every EET activity code counts; NEET and unknown do not",
     # F1, P4, F5 count; G6 and 0 (not in touch) do not. 3 of 5.
     oc3_year(at(19, "A", "YES", "F1", "U1"), at(20, "B", "YES", "P4", "U1"), at(21, "C", "YES", "F5", "U1"),
              at(19, "D", "YES", "G6", "U1"), at(20, "E", "NO")),
     {"num": 3, "den": 5, "value": 60.0}),
    ("cl_eet_pct_17_18", "17/18: left care before the birthday counts; still looked after on it does not",
     # G (EET) and J (NEET) count; H, I (left on the birthday) and K (the day after) do not. 1 of 2.
     LEFT_BEFORE, {"num": 1, "den": 2, "value": 50.0}),
    ("cl_neet_pct_17_18", "17/18: leaving care the day before the birthday counts, on it or the day after does not",
     # J NEET of G, J; I (NEET, left on the birthday) is out. 1 of 2.
     LEFT_BEFORE, {"num": 1, "den": 2, "value": 50.0}),
    ("cl_neet_pct_17_18", "an 18th birthday on 1 April is in the year",
     # K (18, NEET) is the only 17-18. 1 of 1.
     BOUNDARY, {"num": 1, "den": 1, "value": 100.0}),
    ("cl_suitable_accom_pct_19_21", "G, H and R accommodation leave the base; not in touch and NREQ stay in",
     # A D1 suitable; B U2 unsuitable; C R1 (residence unknown), D G1 (abroad), E H2 (deported) out;
     # F not in touch (0) and H NREQ (0) in; G died, out. 1 of A, B, F, H = 25%.
     oc3_year(at(19, "A", "YES", "F2", "D1"), at(20, "B", "YES", "G5", "U2"), at(21, "C", "YES", "G5", "R1"),
              at(19, "D", "YES", "F2", "G1"), at(20, "E", "YES", "G5", "H2"), at(21, "F", "NO"),
              at(19, "G", "DIED"), at(20, "H", "NREQ")),
     {"num": 1, "den": 4, "value": 25.0}),
    ("cl_suitable_accom_pct_17_18", "suitable accommodation at 17 or 18",
     # A (17) E1 suitable; B (18) R2 out; C (18) B2 unsuitable. 1 of 2.
     oc3_year(at(17, "A", "YES", "F2", "E1"), at(18, "B", "YES", "G5", "R2"), at(18, "C", "YES", "G5", "B2")),
     {"num": 1, "den": 2, "value": 50.0}),
    ("cl_suitable_accom_pct_17_18", "17/18: still looked after on the birthday is out of the accommodation base too",
     # G D1 suitable; H out; I B2. 1 of 2.
     LEFT_BEFORE, {"num": 1, "den": 2, "value": 50.0}),
    ("cl_in_touch_pct_19_21", "in touch: NO, REFU and NREQ are in the base, DIED and RHOM are not",
     # A YES of A, B (NO), C (REFU), D (NREQ). 1 of 4.
     oc3_year(at(19, "A", "YES", "F2", "U1"), at(20, "B", "NO"), at(21, "C", "REFU"), at(19, "D", "NREQ"),
              at(20, "E", "DIED"), at(21, "F", "RHOM")),
     {"num": 1, "den": 4, "value": 25.0}),
    ("cl_higher_education_pct_19_21", "full- or part-time higher education over the EET base",
     # F1 and P1 count; F2, G5 and not in touch do not. 2 of 5.
     oc3_year(at(19, "A", "YES", "F1", "U1"), at(20, "B", "YES", "P1", "U1"), at(21, "C", "YES", "F2", "U1"),
              at(19, "D", "YES", "G5", "U1"), at(20, "E", "NO")),
     {"num": 2, "den": 5, "value": 40.0}),
    ("cl_neet_ytd_pct_19_21", "year to date: birthdays from 1 April to the report date in the in-year extract",
     # 2026 extract: A (born 15/01/2006) turned 20 on 15/01/2026, NEET; B (born 15/02/2006) turns 20 after
     # the report date, left out; C (born 10/04/2005) turned 20 on 10/04/2025, EET. The 2025 return's
     # NEET 19-year-old Z belongs to last year. 1 of A, C = 50%.
     {**oc3_year(at(19, "Z", "YES", "G5", "U1")),
      **oc3_year(leaver("A", "15/01/2006", "YES", "G5", "U1"), leaver("B", "15/02/2006", "YES", "G5", "U1"),
                 leaver("C", "10/04/2005", "YES", "F2", "U1"), year=2026)},
     {"num": 1, "den": 2, "value": 50.0}),
    ("cl_neet_ytd_pct_19_21", "year to date: an in-year extract without OC3 rows gives no figure, not 0%",
     {2026: {"episodes": [ep("A", "01/05/2025")], "oc3": []}},
     {"den": 0, "value": None}),
    ("cl_neet_ytd_pct_19_21", "a return that leaves out the OC3 file: no figure, and no count",
     {2026: {"episodes": [ep("A", "01/05/2025")]}},
     {"den": None, "value": None}),
    ("cl_unsuitable_accom_ytd_pct_19_21", "year to date: unsuitable accommodation, R left out of the base",
     # 2026 extract, birthdays so far: A U2 unsuitable, B D1 suitable, C R2 out. 1 of 2.
     oc3_year(leaver("A", "15/01/2006", "YES", "G5", "U2"), leaver("B", "10/04/2005", "YES", "F2", "D1"),
              leaver("C", "10/05/2004", "YES", "G5", "R2"), year=2026),
     {"num": 1, "den": 2, "value": 50.0}),
]


@pytest.mark.parametrize("indicator,description,returns,expected", CASES, ids=[c[1] for c in CASES])
def test_care_leavers(indicator, description, returns, expected):
    check(compute(indicator, returns, AS_AT), expected)
