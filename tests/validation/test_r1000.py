"""Rules 1000-1016. Each case: the rows the rule must flag, worked out by hand.

Years are named by the year ending 31 March: 2025 runs 1 April 2024 to 31 March 2025, so last year's
return (2024) starts 1 April 2023. Every code has one variant for all years. Care leaver details are given
on each OC3 row (YES, F2, D1) unless a case says otherwise; the young person born 01/06/2007 turns 14 on
01/06/2021, 16 on 01/06/2023 and 17 on 01/06/2024. Cases that need the URN list or the postcode lookup
name those tables beside the return (tests/reference_tables.py).
"""

import pytest

from tests.cohort import ep, row
from tests.reference_tables import with_reference
from tests.rule_rows import p4a, review
from tests.rulecheck import check_case

OC, EP, UA, PA, MIS = "oc3", "episodes", "uasc", "placed_for_adoption", "missing"
TEEN = "01/06/2007"


def leaver(c, dob=TEEN, in_touch="YES", activ="F2", accom="D1"):
    return row(child=c, dob=dob, in_touch=in_touch, activ=activ, accom=accom)


def gone(c, start, end="", kind="M"):
    return row(child=c, dob="01/01/2010", missing=kind, mis_start=start, mis_end=end)


def uasc(c):
    return row(child=c, sex="M", dob=TEEN, duc="")


def lookup(*entries):
    """Postcode lookup rows (postcode, LA) and the council making the return, 874."""
    return {"postcode_lookup": [{"pcd": p, "la_code": la, "easting": 0.0, "northing": 0.0} for p, la in entries],
            "council": [{"la_code": "874"}]}


# Default placement postcode AB1 2BB lies in LA 873 here, home AB1 1AA in 874.
ELSEWHERE = lookup(("AB11AA", "874"), ("AB12BB", "873"))

LEAVERS = [
    ("1000", "died in care this year, and last year", 2025,
     {OC: [leaver("A"), leaver("B"), leaver("C")],
      EP: [ep("A", "01/01/2024", "01/06/2024", "E2"), ep("C", "01/01/2024", "01/06/2024", "E4A")]},
     {EP: [ep("B", "01/01/2023", "01/06/2023", "E2")]}, [(OC, 1), (OC, 2)]),
    ("1000", "without last year's return only this year's episodes count; blank details pass", 2026,
     {OC: [leaver("A", in_touch="", activ="", accom=""), leaver("C")],
      EP: [ep("A", "01/01/2025", "01/06/2025", "E2"), ep("C", "01/01/2025", "01/06/2025", "E4A")]}, None, []),
    # A: 212 days after 14, 61 after 16. B: care ended before 16. C: short breaks only. E: 61 days after 14.
    # F: adopted. G: last year's copy open, this year's ends 15/04/2024: 45 days. H: no episodes (rule 1002).
    ("1001", "not eligible: no care after 16, short breaks, too short, adopted", 2025,
     {OC: [leaver("A"), leaver("B"), leaver("C"), leaver("E"), leaver("F"), leaver("G"), leaver("H")],
      EP: [ep("G", "01/03/2024", "15/04/2024", "E4A")]},
     {EP: [ep("A", "01/01/2023", "01/08/2023", "E4A"), ep("B", "01/01/2023", "01/05/2023", "E4A"),
           ep("C", "01/01/2023", "01/08/2023", "E4A", ls="V3"), ep("E", "01/05/2023", "01/07/2023", "E4A"),
           ep("F", "01/01/2020", "01/12/2023", "E11"), ep("G", "01/03/2024")]},
     [(OC, 2), (OC, 3), (OC, 4), (OC, 5), (OC, 6)]),
    # A care leaver whose last placement (RNE P) began shortly before care ended: the start of care is not
    # in either return, so 15 days seen cannot show the 91 were not met.
    ("1001", "care began before both returns", 2025,
     {OC: [leaver("A")]}, {EP: [ep("A", "01/03/2024", "16/03/2024", "E4A", rne="P")]}, []),
    # 01/03/2024-01/07/2024: 122 days after 14, 30 after 16; this year 01/04/2025-01/05/2025 after a break.
    ("1001", "eligible over both returns", 2026,
     {OC: [leaver("A", dob="01/06/2008")], EP: [ep("A", "01/04/2025", "01/05/2025", "E4A")]},
     {EP: [ep("A", "01/03/2024", "01/07/2024", "E4A")]}, []),
    ("1002", "turned 16 last year with no episodes in either return", 2025,
     {OC: [leaver("A"), leaver("B", dob="01/06/2005"), leaver("C"), leaver("D")], EP: [ep("D", "01/01/2024")]},
     {EP: [ep("C", "01/01/2023", "01/08/2023", "E4A")]}, [(OC, 1)]),
    ("1002", "turned 16 on 1 April of last year, with episodes then", 2024,
     {OC: [leaver("A", dob="01/04/2006")]}, {EP: [ep("A", "01/01/2022", "01/08/2022", "E4A")]}, []),
    ("1007", "looked after on the 17th birthday, even from an episode still open", 2025,
     {OC: [leaver("A"), leaver("B"), leaver("C"), leaver("D")],
      EP: [ep("A", "01/01/2024"), ep("B", "01/01/2024", "01/05/2024", "E4A"), ep("C", "01/01/2024", "01/06/2024", "E4A"),
           ep("D", "01/01/2024", "01/08/2024", "E4A")]}, None, [(OC, 1), (OC, 4)]),
    ("1007", "left care before the 18th birthday", 2026,
     {OC: [leaver("A")], EP: [ep("A", "01/01/2025", "31/05/2025", "E4A")]}, None, []),
    # Issue 9 (d): an end date written but unreadable is an end; when it fell is unknown, so nothing is flagged.
    ("1007", "the episode's end date is written '1st Sept 2024'", 2025,
     {OC: [leaver("A")], EP: [ep("A", "01/01/2024", "1st Sept 2024", "E4A")]}, None, []),
    ("1010", "care open at the end of last year, nothing this year", 2025,
     {OC: [leaver("A"), leaver("B"), leaver("C")], EP: [ep("C", "01/01/2023", "01/05/2024", "E4A")]},
     {EP: [ep("A", "01/01/2023", "01/03/2024", "X1"), ep("A", "01/03/2024", rne="P"),
           ep("B", "01/01/2023", "01/03/2024", "E4A"), ep("C", "01/01/2023")]}, [(OC, 1)]),
    ("1010", "last year's final episode ended", 2027,
     {OC: [leaver("A")]}, {EP: [ep("A", "01/01/2025", "01/03/2026", "E4A")]}, []),
    ("1011", "care taken over by another LA", 2025,
     {OC: [leaver("A"), leaver("B"), leaver("C")],
      EP: [ep("A", "01/01/2024", "01/05/2024", "E3"), ep("B", "01/01/2024", "01/05/2024", "E4A"),
           ep("C", "01/01/2024", "01/05/2024", "E3"), ep("C", "01/07/2024", "01/09/2024", "E4A")]}, None, [(OC, 1)]),
    ("1011", "E3 with no care leaver details", 2024,
     {OC: [leaver("A", in_touch="", activ="", accom="")], EP: [ep("A", "01/01/2023", "01/05/2023", "E3")]}, None, []),
    ("1016", "left care after the 17th birthday", 2025,
     {OC: [leaver("A"), leaver("B"), leaver("C")],
      EP: [ep("A", "01/01/2024", "01/08/2024", "E4A"), ep("B", "01/01/2024", "01/06/2024", "E4A"),
           ep("C", "01/01/2024", "01/08/2024", "X1"), ep("C", "01/08/2024", rne="P")]}, None, [(OC, 1)]),
    ("1016", "a 19-year-old who left care this year", 2027,
     {OC: [leaver("A")], EP: [ep("A", "01/01/2026", "01/08/2026", "E4A")]}, None, []),
]

OTHER_DATA = [
    ("1012", "a review and a missing period for a child with no episodes", 2025,
     {EP: [ep("A", "01/01/2024")], "reviews": [review("A"), review("B")],
      MIS: [gone("A", "01/05/2024", "02/05/2024"), gone("C", "01/05/2024", "02/05/2024")]}, None,
     [("reviews", 2), (MIS, 2)]),
    ("1012", "other data for a child in care", 2026,
     {EP: [ep("A", "01/01/2025")], "reviews": [review("A", "01/06/2025")], PA: [p4a("A", "01/06/2025")]}, None, []),
    ("1014", "UASC for a care leaver not in care this year", 2025,
     {OC: [leaver("A"), leaver("B")], UA: [uasc("A"), uasc("B")], EP: [ep("B", "01/01/2024", "01/06/2024", "E4A")]},
     None, [(UA, 1), (OC, 1)]),
    ("1014", "UASC for a child in care", 2027, {UA: [uasc("A")], EP: [ep("A", "01/01/2026")]}, None, []),
]

RECORDS = [
    ("1003", "decision before care began", 2025,
     {EP: [ep("A", "01/06/2024"), ep("B", "01/06/2024")], PA: [p4a("A", "01/05/2024"), p4a("B", "01/06/2024")]},
     None, [(PA, 1), (EP, 1)]),
    ("1003", "decision during care, care from before this year", 2024,
     {EP: [ep("A", "01/01/2020", rne="P")], PA: [p4a("A", "01/05/2019")]}, None, []),
    ("1004", "blank and impossible start dates", 2025,
     {MIS: [gone("A", ""), gone("B", "30/02/2025"), gone("C", "01/05/2024")]}, None, [(MIS, 1), (MIS, 2)]),
    ("1004", "a real start date", 2024, {MIS: [gone("A", "01/05/2023")]}, None, []),
    ("1005", "an end date without the century", 2025,
     {MIS: [gone("A", "01/05/2024", "02/05/24"), gone("B", "01/05/2024")]}, None, [(MIS, 1)]),
    ("1005", "a real end date", 2026, {MIS: [gone("A", "01/05/2025", "02/05/2025")]}, None, []),
    ("1006", "AWAY is not a code", 2025, {MIS: [gone("A", "01/05/2024", kind="AWAY"), gone("B", "01/05/2024")]},
     None, [(MIS, 1)]),
    ("1006", "A and a blank type pass", 2027, {MIS: [gone("A", "01/05/2026", kind="A"), gone("B", "01/05/2026", kind="")]},
     None, []),
    ("1008", "a URN Ofsted does not list", 2025,
     {EP: [ep("A", "01/05/2024", place="K2", urn="SC222222"), ep("B", "01/05/2024", place="K2"),
           ep("C", "01/05/2024", urn="XXXXXXX"), ep("D", "01/05/2024", place="P1", urn="")],
      "urn_list": [{"URN": "SC111111", "place_codes": ["K2"], "provider_codes": ["PR4"], "reg_end": None,
                    "postcode": "AB12BB", "la_code": "874"}]}, None, [(EP, 1)]),
    ("1008", "a listed URN written in lower case", 2026,
     {EP: [ep("A", "01/05/2025", place="K2", urn="sc111111")],
      "urn_list": [{"URN": "SC111111", "place_codes": ["K2"], "provider_codes": ["PR4"], "reg_end": None,
                    "postcode": "AB12BB", "la_code": "874"}]}, None, []),
    ("1009", "a code of another field, and lower case is read as upper", 2025,
     {EP: [ep("A", "01/05/2024", "01/06/2024", "X1", reason_place_change="E4A"),
           ep("B", "01/05/2024", "01/06/2024", "X1", reason_place_change="carpl")]}, None, [(EP, 1)]),
    ("1009", "CUSTOD and a blank reason", 2024,
     {EP: [ep("A", "01/05/2023", "01/06/2023", "X1", reason_place_change="CUSTOD"), ep("B", "01/05/2023")]},
     None, []),
    ("1015", "own provision in another LA; fostering and short breaks may be elsewhere", 2025,
     {EP: [ep("A", "01/05/2024", place="K2"), ep("B", "01/05/2024", place="U4"),
           ep("C", "01/05/2024", place="K2", ls="V3"), ep("D", "01/05/2024", place="K2", place_provider="PR2"),
           ep("E", "01/05/2024", place="K3")], **ELSEWHERE}, None, [(EP, 1), (EP, 5)]),
    ("1015", "from 2025/26 supported accommodation may be elsewhere", 2026,
     {EP: [ep("E", "01/05/2025", place="K3")], **ELSEWHERE}, None, []),
    ("1015", "own provision in the council's own area", 2027,
     {EP: [ep("A", "01/05/2026", place="K2")], **lookup(("AB12BB", "874"))}, None, []),
]

CASES = LEAVERS + OTHER_DATA + RECORDS


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_rule(case, monkeypatch):
    case, options = with_reference(case, monkeypatch)
    check_case(*case, **options)
