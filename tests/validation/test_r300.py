"""Rules 301-399 and 3001. Each case: the rows the rule must flag, worked out by hand.

Unless a case says otherwise the year is 2024/25 (2025): 1 April 2024 to 31 March 2025.
"""

import pytest

from tests.cohort import child, ep, row
from tests.reference_tables import with_reference
from tests.rulecheck import check_case


def oc3(kid, dob, in_touch="", activ="", accom=""):
    return row(child=kid, dob=dob, in_touch=in_touch, activ=activ, accom=accom)


def ad1(kid, date_int="", date_match="", foster_care="1"):
    return row(child=kid, dob="01/01/2020", date_int=date_int, date_match=date_match, foster_care=foster_care,
               nb_adoptr="2", sex_adoptr="MF", ls_adoptr="L11")


def uasc(kid, dob="01/01/2008", duc=""):
    return row(child=kid, sex="M", dob=dob, duc=duc)


def review(kid, when, code):
    return row(child=kid, dob="01/01/2010", review=when, review_code=code)


def at_place(kid, place, dob, decom="01/06/2024"):
    """A child with a header and one open episode in `place`, for placement age limits."""
    return child(kid, dob=dob), ep(kid, decom, place=place)


def age_cases(code, place, age, year=2025, decom="01/06/2024"):
    """Under `age` on the day placed fails; placed on the birthday itself passes."""
    y, m, d = int(decom[6:]), decom[3:5], decom[:2]
    turns_tomorrow = f"{int(d) + 1:02d}/{m}/{y - age}"
    birthday = f"{d}/{m}/{y - age}"
    young_h, young_e = at_place("A", place, turns_tomorrow, decom)
    ok_h, ok_e = at_place("B", place, birthday, decom)
    other_h, other_e = at_place("C", "U4", turns_tomorrow, decom)
    return [
        (code, f"placed in {place} a day before turning {age}", year,
         {"header": [young_h, ok_h], "episodes": [young_e, ok_e]}, None, [("episodes", 1)]),
        (code, f"placed in {place} on the {age}th birthday, or younger elsewhere", year,
         {"header": [ok_h, other_h], "episodes": [ok_e, other_e]}, None, []),
    ]


def duration_cases(code, place, days):
    """A temporary placement one day over the limit fails; exactly at the limit passes."""
    from datetime import date, timedelta
    start = date(2024, 5, 1)
    at = (start + timedelta(days=days)).strftime("%d/%m/%Y")
    over = (start + timedelta(days=days + 1)).strftime("%d/%m/%Y")
    return [
        (code, f"{place} lasting {days + 1} days, and one open since 1 January (counted to 31 March)", 2025,
         {"episodes": [ep("A", "01/05/2024", over, "X1", place=place, rne="P"),
                       ep("B", "01/05/2024", at, "X1", place=place, rne="P"),
                       ep("C", "01/01/2025", place=place, rne="P")]},
         None, [("episodes", 1), ("episodes", 3)]),
        (code, f"{place} lasting exactly {days} days", 2025,
         {"episodes": [ep("B", "01/05/2024", at, "X1", place=place, rne="P")]}, None, []),
    ]


def spell_cases(code, ls, days):
    """An unbroken spell of one legal status one day over its limit, split over two episodes, fails."""
    from datetime import date, timedelta
    start = date(2024, 5, 1)
    mid = (start + timedelta(days=1)).strftime("%d/%m/%Y")
    over = (start + timedelta(days=days + 1)).strftime("%d/%m/%Y")
    at = (start + timedelta(days=days)).strftime("%d/%m/%Y")
    return [
        (code, f"{ls} over two episodes lasting {days + 1} days, and one open since 1 January", 2025,
         {"episodes": [ep("A", "01/05/2024", mid, "X1", ls=ls), ep("A", mid, over, "X1", ls=ls, rne="L"),
                       ep("A", over, ls="C1", rne="L"), ep("B", "01/05/2024", at, "X1", ls=ls),
                       ep("B", at, ls="C1", rne="L"), ep("D", "01/01/2025", ls=ls)]},
         None, [("episodes", 1), ("episodes", 2), ("episodes", 6)]),
        (code, f"{ls} for exactly {days} days, and two short spells broken by another status", 2025,
         {"episodes": [ep("B", "01/05/2024", at, "X1", ls=ls), ep("B", at, ls="C1", rne="L"),
                       ep("C", "01/05/2024", mid, "X1", ls=ls), ep("C", mid, "10/05/2024", "X1", ls="C1", rne="L"),
                       ep("C", "10/05/2024", "11/05/2024", "E4A", ls=ls, rne="L")]},
         None, []),
    ]


HEADER_AND_UASC = [
    ("301", "born the day after the year ends", 2025,
     {"header": [child("A", dob="01/04/2025"), child("B", dob="31/03/2025")]}, None, [("header", 1)]),
    ("301", "born on 31 March", 2025, {"header": [child("B", dob="31/03/2025")]}, None, []),
    ("302", "first episode before birth", 2025,
     {"header": [child("A", dob="10/05/2024")],
      "episodes": [ep("A", "01/05/2024", "01/07/2024", "X1"), ep("A", "01/07/2024", place="U6", rne="P")]},
     None, [("episodes", 1)]),
    ("302", "first episode on the day of birth", 2025,
     {"header": [child("A", dob="01/05/2024")], "episodes": [ep("A", "01/05/2024")]}, None, []),
    ("303", "ceased date for a child with no header row", 2025,
     {"header": [child("B")], "uasc": [uasc("A", duc="01/06/2024"), uasc("B", duc="01/06/2024")]}, None,
     [("uasc", 1)]),
    ("303", "ceased date for a child in the header", 2025,
     {"header": [child("A")], "uasc": [uasc("A", duc="01/06/2024")]}, None, []),
    ("303", "header carries the UASC flag: a ceased date needs it coded 1", 2025,
     {"header": [child("A", uasc="1"), child("B", uasc=""), child("C", uasc="0"), child("D", uasc="")],
      "uasc": [uasc("A", duc="01/06/2024"), uasc("B", duc="01/06/2024"), uasc("C", duc="01/06/2024"),
               uasc("D")]}, None, [("uasc", 2), ("uasc", 3)]),
    ("304", "UASC ceased the day after the 18th birthday", 2025,
     {"uasc": [uasc("A", dob="01/06/2006", duc="02/06/2024"), uasc("B", dob="01/06/2006", duc="01/06/2024")]},
     None, [("uasc", 1)]),
    ("304", "ceased on the 18th birthday, or not ceased", 2025,
     {"uasc": [uasc("B", dob="01/06/2006", duc="01/06/2024"), uasc("C", dob="01/06/2006")]}, None, []),
    ("351", "25th birthday the day before the year starts", 2025,
     {"header": [child("A", dob="31/03/1999"), child("B", dob="01/04/1999")]}, None, [("header", 1)]),
    ("351", "25th birthday on 1 April", 2025, {"header": [child("B", dob="01/04/1999")]}, None, []),
    ("393", "2023/24: girl (2) looked after with no mother field", 2024,
     {"header": [child("A", sex="2"), child("B", sex="2", mother="0"), child("C", sex="1"),
                 child("D", sex="2"), child("E", sex="2", dob="01/01/2005")],
      "episodes": [ep("A", "01/05/2023"), ep("B", "01/05/2023"), ep("C", "01/05/2023"),
                   ep("D", "01/05/2023", "02/05/2023", "E4A", ls="V3")]},
     None, [("header", 1)]),
    ("393", "2023/24: mother given, a boy, short breaks only, care leaver only", 2024,
     {"header": [child("B", sex="2", mother="0"), child("C", sex="1"), child("D", sex="2"),
                 child("E", sex="2", dob="01/01/2005")],
      "episodes": [ep("B", "01/05/2023"), ep("C", "01/05/2023"), ep("D", "01/05/2023", "02/05/2023", "E4A", ls="V3")]},
     None, []),
    ("393", "2024/25: girl (F) looked after with no mother field", 2025,
     {"header": [child("A", sex="F"), child("B", sex="F", mother="1", mc_dob="01/01/2024"), child("C", sex="M")],
      "episodes": [ep("A", "01/05/2024"), ep("B", "01/05/2024"), ep("C", "01/05/2024")]},
     None, [("header", 1)]),
    ("393", "2024/25: the old code 2 is not read as a girl", 2025,
     {"header": [child("A", sex="2")], "episodes": [ep("A", "01/05/2024")]}, None, []),
    ("393", "2026/27: girl with no mother field", 2027,
     {"header": [child("A", sex="F")], "episodes": [ep("A", "01/05/2026")]}, None, [("header", 1)]),
    ("399", "short breaks only, with mother field and a review", 2025,
     {"header": [child("A", mother="0"), child("B", mother="0"), child("C")],
      "episodes": [ep("A", "01/05/2024", "03/05/2024", "E4A", ls="V3"),
                   ep("B", "01/05/2024", "03/05/2024", "E4A", ls="V3"), ep("B", "01/06/2024", ls="C2"),
                   ep("C", "01/05/2024", ls="V4")],
      "reviews": [review("A", "01/05/2024", "PN1"), review("B", "01/07/2024", "PN1")]},
     None, [("header", 1), ("reviews", 1)]),
    ("399", "other care besides short breaks, or nothing returned", 2025,
     {"header": [child("B", mother="0"), child("C")],
      "episodes": [ep("B", "01/05/2024", "03/05/2024", "E4A", ls="V3"), ep("B", "01/06/2024", ls="C2"),
                   ep("C", "01/05/2024", ls="V4")],
      "reviews": [review("B", "01/07/2024", "PN1")]},
     None, []),
]

# Child A: foster placement, placed for adoption (A5) on 1 July, legal status changed to E1 on 1 September
# (same placement), adopted 1 February.
_ADOPTED_A = [ep("A", "01/05/2024", "01/07/2024", "X1", place="U4"),
              ep("A", "01/07/2024", "01/09/2024", "X1", place="A5", rne="P"),
              ep("A", "01/09/2024", "01/02/2025", "E11", place="A5", ls="E1", rne="L")]

ADOPTION = [
    ("331", "matched after placement began, before the legal status change", 2025,
     {"episodes": _ADOPTED_A, "ad1": [ad1("A", "01/03/2024", "01/08/2024")]}, None,
     [("ad1", 1), ("episodes", 3)]),
    ("331", "matched on the day of placement", 2025,
     {"episodes": _ADOPTED_A, "ad1": [ad1("A", "01/03/2024", "01/07/2024")]}, None, []),
    ("333", "decision missing or after the match", 2025,
     {"ad1": [ad1("A", "01/06/2024", "05/06/2024"), ad1("B", "", "05/06/2024"),
              ad1("C", "06/06/2024", "05/06/2024"), ad1("D", "01/06/2024", "")]},
     None, [("ad1", 2), ("ad1", 3)]),
    ("333", "decision before the match, or no match yet", 2025,
     {"ad1": [ad1("A", "01/06/2024", "05/06/2024"), ad1("D", "01/06/2024", "")]}, None, []),
    # Issue 9 (d): a decision date written but unreadable is given (rule 112 reports it), not missing.
    ("333", "a match with the decision date blank, the match date readable or not", 2025,
     {"ad1": [ad1("B", "", "05/06/2024"), ad1("C", "", "5th June 2024")]}, None, [("ad1", 1), ("ad1", 2)]),
    ("333", "a match with the decision date written '1st June 2024'", 2025,
     {"ad1": [ad1("A", "1st June 2024", "05/06/2024")]}, None, []),
    ("334", "decision before the latest period of care began", 2025,
     {"episodes": [ep("A", "01/05/2023", "01/06/2023", "E4A"), ep("A", "01/05/2024", place="U6")],
      "ad1": [ad1("A", "01/04/2024", "01/06/2024")]},
     None, [("ad1", 1), ("episodes", 2)]),
    ("334", "decision on the day the period of care began", 2025,
     {"episodes": [ep("A", "01/05/2024", place="U6")], "ad1": [ad1("A", "01/05/2024", "01/06/2024")]}, None, []),
    ("335", "adopted from A5 (foster carers) but FOSTER_CARE 0", 2025,
     {"episodes": [ep("A", "01/05/2024", "01/02/2025", "E11", place="A5"),
                   ep("B", "01/05/2024", "01/02/2025", "E12", place="A4")],
      "ad1": [ad1("A", foster_care="0"), ad1("B", foster_care="0")]},
     None, [("ad1", 1), ("episodes", 1)]),
    ("335", "A5 with foster carers 1, A6 with 0", 2025,
     {"episodes": [ep("A", "01/05/2024", "01/02/2025", "E11", place="A5"),
                   ep("B", "01/05/2024", "01/02/2025", "E12", place="A6")],
      "ad1": [ad1("A", foster_care="1"), ad1("B", foster_care="0")]},
     None, []),
    ("336", "A3 straight from a children's home", 2025,
     {"episodes": [ep("A", "01/05/2024", "01/06/2024", "X1", place="U4"), ep("A", "01/06/2024", place="A5", rne="P"),
                   ep("B", "01/05/2024", "01/06/2024", "X1", place="K2"), ep("B", "01/06/2024", place="A3", rne="P"),
                   ep("C", "01/05/2024", place="A3")]},
     None, [("episodes", 4)]),
    ("336", "A5 from foster care, A3 from an adoption placement", 2025,
     {"episodes": [ep("A", "01/05/2024", "01/06/2024", "X1", place="U4"), ep("A", "01/06/2024", place="A5", rne="P"),
                   ep("B", "01/05/2024", "01/06/2024", "X1", place="A4"), ep("B", "01/06/2024", place="A3", rne="T")]},
     None, []),
    # A3 and A5 are the placements with current foster carers; A4 is with new adopters, from anywhere.
    ("336", "A5 straight from a children's home; A4 straight from one", 2025,
     {"episodes": [ep("D", "01/05/2024", "01/06/2024", "X1", place="K2"), ep("D", "01/06/2024", place="A5", rne="P"),
                   ep("E", "01/05/2024", "01/06/2024", "X1", place="K2"), ep("E", "01/06/2024", place="A4", rne="P")]},
     None, [("episodes", 2)]),
    ("386", "adopted on the 18th birthday", 2025,
     {"header": [child("A", dob="01/06/2006"), child("B", dob="02/06/2006")],
      "episodes": [ep("A", "01/05/2024", "01/06/2024", "E11", place="A5"),
                   ep("B", "01/05/2024", "01/06/2024", "E12", place="A5")]},
     None, [("episodes", 1)]),
    ("386", "adopted the day before the 18th birthday", 2025,
     {"header": [child("B", dob="02/06/2006")], "episodes": [ep("B", "01/05/2024", "01/06/2024", "E12", place="A5")]},
     None, []),
    ("390", "adopted from a foster placement", 2025,
     {"episodes": [ep("A", "01/05/2024", "01/02/2025", "E11", place="U4"),
                   ep("B", "01/05/2024", "01/02/2025", "E12", place="A6")]},
     None, [("episodes", 1)]),
    ("390", "adopted from an adoption placement", 2025,
     {"episodes": [ep("B", "01/05/2024", "01/02/2025", "E12", place="A6")]}, None, []),
]

CARE_LEAVERS = [
    ("344", "died or returned home but activity or accommodation given", 2025,
     {"oc3": [oc3("A", "01/06/2006", "DIED", "0", "0"), oc3("B", "01/06/2006", "RHOM", "F1", "0"),
              oc3("C", "01/06/2006", "DIED", "0", "D1"), oc3("D", "01/06/2006", "YES", "F1", "D1")]},
     None, [("oc3", 2), ("oc3", 3)]),
    ("344", "died with both 0; in touch with both given", 2025,
     {"oc3": [oc3("A", "01/06/2006", "DIED", "0", "0"), oc3("D", "01/06/2006", "YES", "F1", "D1")]}, None, []),
    ("345", "in touch but activity or accommodation 0", 2025,
     {"oc3": [oc3("A", "01/06/2006", "YES", "0", "D1"), oc3("B", "01/06/2006", "YES", "F1", "0"),
              oc3("C", "01/06/2006", "YES", "F1", "D1"), oc3("D", "01/06/2006", "NO", "0", "0")]},
     None, [("oc3", 1), ("oc3", 2)]),
    ("345", "in touch with both given; not in touch with 0", 2025,
     {"oc3": [oc3("C", "01/06/2006", "YES", "F1", "D1"), oc3("D", "01/06/2006", "NO", "0", "0")]}, None, []),
    ("347", "foyer at 17 on 1 April", 2025,
     {"oc3": [oc3("A", "02/04/2006", "YES", "F1", "T1"), oc3("B", "01/04/2006", "YES", "F1", "T2"),
              oc3("C", "02/04/2006", "YES", "F1", "D1")]},
     None, [("oc3", 1)]),
    ("347", "foyer from the 18th birthday on 1 April; under 18 elsewhere", 2025,
     {"oc3": [oc3("B", "01/04/2006", "YES", "F1", "T2"), oc3("C", "02/04/2006", "YES", "F1", "D1")]}, None, []),
    ("348", "2025/26: died last year, not this year", 2026,
     {"oc3": [oc3("A", "01/06/2005", "NO", "0", "0"), oc3("B", "01/06/2005", "DIED", "0", "0"),
              oc3("C", "01/06/2005", "YES", "F1", "D1")]},
     {"oc3": [oc3("A", "01/06/2005", "DIED", "0", "0"), oc3("B", "01/06/2005", "DIED", "0", "0"),
              oc3("C", "01/06/2005", "NO", "0", "0")]},
     [("oc3", 1)]),
    ("348", "2026/27: died both years", 2027,
     {"oc3": [oc3("B", "01/06/2005", "DIED", "0", "0")]}, {"oc3": [oc3("B", "01/06/2005", "DIED", "0", "0")]}, []),
    ("391", "turns 17 the day after the year ends", 2025,
     {"oc3": [oc3("A", "01/04/2008", "YES", "F2", "B1"), oc3("B", "31/03/2008", "YES", "F2", "B1"),
              oc3("C", "01/04/2008")]},
     None, [("oc3", 1)]),
    ("391", "turns 17 on 31 March; nothing given for a 16-year-old", 2025,
     {"oc3": [oc3("B", "31/03/2008", "YES", "F2", "B1"), oc3("C", "01/04/2008")]}, None, []),
    ("3001", "17th birthday this year and with former foster carers", 2025,
     {"header": [child("A", dob="01/06/2007"), child("B", dob="01/06/2006"), child("C", dob="01/04/2007"),
                 child("D", dob="01/06/2007")],
      "oc3": [oc3("A", "01/06/2007", "YES", "F2", "Z1"), oc3("B", "01/06/2006", "YES", "F2", "Z1"),
              oc3("C", "01/04/2007", "YES", "F2", "Z2"), oc3("D", "01/06/2007", "YES", "F2", "D1")]},
     None, [("oc3", 1), ("oc3", 3)]),
    ("3001", "18th birthday with former foster carers; 17th elsewhere", 2025,
     {"header": [child("B", dob="01/06/2006"), child("D", dob="01/06/2007")],
      "oc3": [oc3("B", "01/06/2006", "YES", "F2", "Z1"), oc3("D", "01/06/2007", "YES", "F2", "D1")]},
     None, []),
]

EPISODE_DATES = [
    ("352", "started to be looked after on the 18th birthday", 2025,
     {"header": [child("A", dob="01/06/2006"), child("B", dob="02/06/2006"), child("C", dob="01/01/2000")],
      "episodes": [ep("A", "01/06/2024"), ep("B", "01/06/2024"), ep("C", "01/06/2024", rne="P")]},
     None, [("episodes", 1)]),
    ("352", "started aged 17", 2025,
     {"header": [child("B", dob="02/06/2006")], "episodes": [ep("B", "01/06/2024")]}, None, []),
    ("353", "starts on 13 October 1991", 2025,
     {"episodes": [ep("A", "13/10/1991"), ep("B", "14/10/1991")]}, None, [("episodes", 1)]),
    ("353", "starts on 14 October 1991", 2025, {"episodes": [ep("B", "14/10/1991")]}, None, []),
    ("354", "starts after 31 March", 2025,
     {"episodes": [ep("A", "01/04/2025"), ep("B", "31/03/2025")]}, None, [("episodes", 1)]),
    ("354", "starts on 31 March", 2025, {"episodes": [ep("B", "31/03/2025")]}, None, []),
    ("355", "starts and ends the same day", 2025,
     {"episodes": [ep("A", "01/05/2024", "01/05/2024", "E4A"), ep("B", "01/05/2024", "02/05/2024", "E4A")]},
     None, [("episodes", 1)]),
    ("355", "lasts a day", 2025, {"episodes": [ep("B", "01/05/2024", "02/05/2024", "E4A")]}, None, []),
    ("356", "ends before it starts", 2025,
     {"episodes": [ep("A", "10/05/2024", "09/05/2024", "E4A"), ep("B", "10/05/2024")]}, None, [("episodes", 1)]),
    ("356", "open, or ending after the start", 2025,
     {"episodes": [ep("B", "10/05/2024"), ep("C", "10/05/2024", "11/05/2024", "E4A")]}, None, []),
    ("357", "first episode in the year is not S", 2025,
     {"episodes": [ep("A", "01/05/2024", rne="P"), ep("B", "01/03/2024", rne="P"),
                   ep("C", "01/05/2024", "01/06/2024", "X1"), ep("C", "01/06/2024", rne="P")]},
     None, [("episodes", 1)]),
    ("357", "first episode S, or carried over from last year", 2025,
     {"episodes": [ep("B", "01/03/2024", rne="P"), ep("C", "01/05/2024", "01/06/2024", "X1"),
                   ep("C", "01/06/2024", rne="P")]},
     None, []),
    ("385", "ends after 31 March", 2025,
     {"episodes": [ep("A", "01/05/2024", "01/04/2025", "E4A"), ep("B", "01/05/2024", "31/03/2025", "E4A")]},
     None, [("episodes", 1)]),
    ("385", "ends on 31 March", 2025, {"episodes": [ep("B", "01/05/2024", "31/03/2025", "E4A")]}, None, []),
    ("388", "X1 gap, same-day follow-on without X1, X1 on the last episode", 2025,
     {"episodes": [ep("A", "01/05/2024", "01/06/2024", "X1"), ep("A", "02/06/2024", rne="P"),
                   ep("B", "01/05/2024", "01/06/2024", "E4A"), ep("B", "01/06/2024", rne="P"),
                   ep("C", "01/05/2024", "01/06/2024", "X1"),
                   ep("D", "01/05/2024", "01/06/2024", "X1"), ep("D", "01/06/2024", rne="P"),
                   ep("E", "01/05/2024", "01/06/2024", "E4A"), ep("E", "01/09/2024")]},
     None, [("episodes", 1), ("episodes", 3), ("episodes", 5)]),
    ("388", "X1 followed the same day; care ended and began again later", 2025,
     {"episodes": [ep("D", "01/05/2024", "01/06/2024", "X1"), ep("D", "01/06/2024", rne="P"),
                   ep("E", "01/05/2024", "01/06/2024", "E4A"), ep("E", "01/09/2024")]},
     None, []),
]

LEGAL_STATUS = [
    ("358", "remanded aged 9", 2025,
     {"header": [child("A", dob="02/06/2014"), child("B", dob="01/06/2014")],
      "episodes": [ep("A", "01/06/2024", ls="J1"), ep("B", "01/06/2024", ls="J3")]},
     None, [("episodes", 1)]),
    ("358", "remanded on the 10th birthday; under 10 on a care order", 2025,
     {"header": [child("B", dob="01/06/2014"), child("C", dob="02/06/2014")],
      "episodes": [ep("B", "01/06/2024", ls="J3"), ep("C", "01/06/2024", ls="C2")]},
     None, []),
    ("359", "still looked after after the 18th birthday, not V2 in K2", 2025,
     {"header": [child("A", dob="01/03/2007"), child("B", dob="01/03/2007"), child("C", dob="31/03/2007"),
                 child("D", dob="01/03/2007")],
      "episodes": [ep("A", "01/05/2024"), ep("B", "01/05/2024", ls="V2", place="K2"), ep("C", "01/05/2024"),
                   ep("D", "01/05/2024", "01/03/2025", "E17")]},
     None, [("episodes", 1)]),
    ("359", "V2 in K2; 18 on 31 March; left care at 18", 2025,
     {"header": [child("B", dob="01/03/2007"), child("C", dob="31/03/2007"), child("D", dob="01/03/2007")],
      "episodes": [ep("B", "01/05/2024", ls="V2", place="K2"), ep("C", "01/05/2024"),
                   ep("D", "01/05/2024", "01/03/2025", "E17")]},
     None, []),
    # An end date is written, so the episode is not open; that it cannot be read is rule 147's.
    ("359", "an 18-year-old's episode with an unreadable end date", 2025,
     {"header": [child("E", dob="01/03/2007")], "episodes": [ep("E", "01/05/2024", "30/02/2025", "E17")]},
     None, []),
    *spell_cases("361", "L1", 3),
    *spell_cases("362", "L2", 21),
    *spell_cases("363", "L3", 7),
    *spell_cases("364", "J2", 21),
    ("365", "a short break of 18 days, and one open since 1 March", 2025,
     {"episodes": [ep("A", "01/05/2024", "19/05/2024", "E4A", ls="V3"),
                   ep("B", "01/05/2024", "18/05/2024", "E4A", ls="V3"), ep("C", "01/03/2025", ls="V3")]},
     None, [("episodes", 1), ("episodes", 3)]),
    ("365", "a short break of 17 days", 2025,
     {"episodes": [ep("B", "01/05/2024", "18/05/2024", "E4A", ls="V3")]}, None, []),
    # An end date written but unreadable: the episode is not open, and its length is unknown (147 reports it).
    ("365", "a short break whose end date is written '19th May 2024'", 2025,
     {"episodes": [ep("A", "01/05/2024", "19th May 2024", "E4A", ls="V3")]}, None, []),
    ("361", "police protection (L1) whose end date is written '3rd May 2024'", 2025,
     {"episodes": [ep("A", "01/05/2024", "3rd May 2024", "E4A", ls="L1")]}, None, []),
    ("366", "a short break that is not a new period of care", 2025,
     {"episodes": [ep("A", "01/05/2024", "03/05/2024", "E4A", ls="V3", rne="P"),
                   ep("B", "01/05/2024", "03/05/2024", "E4A", ls="V3"),
                   ep("C", "01/05/2024", "03/05/2024", "E4A", ls="V4", rne="P")]},
     None, [("episodes", 1)]),
    ("366", "short breaks starting with S; V4 is not checked", 2025,
     {"episodes": [ep("B", "01/05/2024", "03/05/2024", "E4A", ls="V3"),
                   ep("C", "01/05/2024", "03/05/2024", "E4A", ls="V4", rne="P")]},
     None, []),
    ("367", "five breaks of 17 days: 85 days in the year", 2025,
     {"episodes": [ep("A", f"01/{m:02d}/2024", f"18/{m:02d}/2024", "E4A", ls="V3") for m in range(5, 10)]},
     None, [("episodes", r) for r in range(1, 6)]),
    ("367", "a break from before 1 April counts from 1 April: 9 + 3 x 17 = 60 days", 2025,
     {"episodes": [ep("B", "01/03/2024", "10/04/2024", "E4A", ls="V3")]
      + [ep("B", f"01/{m:02d}/2024", f"18/{m:02d}/2024", "E4A", ls="V3") for m in range(5, 8)]},
     None, []),
    ("378", "placed with parents under V2", 2025,
     {"episodes": [ep("A", "01/05/2024", ls="V2", place="P1"), ep("B", "01/05/2024", ls="C2", place="P1"),
                   ep("C", "01/05/2024", ls="V2", place="U4")]},
     None, [("episodes", 1)]),
    ("378", "with parents on a care order; V2 in foster care", 2025,
     {"episodes": [ep("B", "01/05/2024", ls="C2", place="P1"), ep("C", "01/05/2024", ls="V2", place="U4")]},
     None, []),
    ("382", "short breaks in temporary placements", 2025,
     {"episodes": [ep("A", "01/05/2024", ls="V3", place="T0"), ep("B", "01/05/2024", ls="V4", place="T2"),
                   ep("C", "01/05/2024", ls="C2", place="T1"), ep("D", "01/05/2024", ls="V3", place="U6")]},
     None, [("episodes", 1), ("episodes", 2)]),
    ("382", "temporary placement on a care order; short break in foster care", 2025,
     {"episodes": [ep("C", "01/05/2024", ls="C2", place="T1"), ep("D", "01/05/2024", ls="V3", place="U6")]},
     None, []),
    ("384", "short breaks in long-term foster care", 2025,
     {"episodes": [ep("A", "01/05/2024", ls="V3", place="U1"), ep("B", "01/05/2024", ls="V4", place="U4"),
                   ep("C", "01/05/2024", ls="V3", place="U6")]},
     None, [("episodes", 1), ("episodes", 2)]),
    ("384", "short break in short-term foster care", 2025,
     {"episodes": [ep("C", "01/05/2024", ls="V3", place="U6")]}, None, []),
    ("387", "independent living at 13", 2025,
     {"header": [child("A", dob="02/06/2010"), child("B", dob="01/06/2010")],
      "episodes": [ep("A", "01/05/2024", "01/06/2024", "E5"), ep("B", "01/05/2024", "01/06/2024", "E6")]},
     None, [("episodes", 1)]),
    ("387", "independent living from the 14th birthday", 2025,
     {"header": [child("B", dob="01/06/2010")], "episodes": [ep("B", "01/05/2024", "01/06/2024", "E6")]}, None, []),
    ("389", "adult social care at 15", 2025,
     {"header": [child("A", dob="02/06/2008"), child("B", dob="01/06/2008")],
      "episodes": [ep("A", "01/05/2024", "01/06/2024", "E7"), ep("B", "01/05/2024", "01/06/2024", "E7")]},
     None, [("episodes", 1)]),
    ("389", "adult social care from the 16th birthday", 2025,
     {"header": [child("B", dob="01/06/2008")], "episodes": [ep("B", "01/05/2024", "01/06/2024", "E7")]}, None, []),
]

PLACEMENTS = [
    *age_cases("370", "P2", 16, year=2024, decom="01/06/2023"),
    *age_cases("371", "H5", 16, year=2024, decom="01/06/2023"),
    ("371", "2023/24: K3 is not the code checked yet", 2024,
     {"header": [child("A", dob="02/06/2008")], "episodes": [ep("A", "01/06/2023", place="K3")]}, None, []),
    *age_cases("371", "K3", 16),
    ("371", "2024/25: H5 is no longer the code checked", 2025,
     {"header": [child("A", dob="02/06/2009")], "episodes": [ep("A", "01/06/2024", place="H5")]}, None, []),
    ("371", "2026/27: K3 under 16", 2027,
     {"header": [child("A", dob="02/06/2010")], "episodes": [ep("A", "01/06/2026", place="K3")]}, None,
     [("episodes", 1)]),
    *age_cases("372", "R5", 10),
    *age_cases("373", "S1", 4),
    *age_cases("374", "P3", 14),
    ("375", "a T1 placement whose end date is written '1st Aug 2024'", 2025,
     {"episodes": [ep("A", "01/05/2024", "1st Aug 2024", "E4A", place="T1")]}, None, []),
    *duration_cases("375", "T1", 42),
    *duration_cases("376", "T3", 21),
    *duration_cases("379", "T4", 7),
    ("377", "three T3 placements within 12 months", 2025,
     {"episodes": [ep("A", "01/05/2024", "02/05/2024", "X1", place="T3", rne="P"),
                   ep("A", "01/08/2024", "02/08/2024", "X1", place="T3", rne="P"),
                   ep("A", "01/11/2024", "02/11/2024", "X1", place="T3", rne="P"),
                   ep("B", "01/04/2024", "02/04/2024", "X1", place="T3", rne="P"),
                   ep("B", "05/04/2024", "06/04/2024", "X1", place="T3", rne="P"),
                   ep("C", "01/05/2023", "02/05/2023", "X1", place="T3", rne="P"),
                   ep("C", "01/04/2024", "02/04/2024", "X1", place="T3", rne="P"),
                   ep("C", "02/05/2024", "03/05/2024", "X1", place="T3", rne="P")]},
     None, [("episodes", 1), ("episodes", 2), ("episodes", 3)]),
    ("377", "two T3 placements; three spread over more than 12 months", 2025,
     {"episodes": [ep("B", "01/04/2024", "02/04/2024", "X1", place="T3", rne="P"),
                   ep("B", "05/04/2024", "06/04/2024", "X1", place="T3", rne="P"),
                   ep("C", "01/05/2023", "02/05/2023", "X1", place="T3", rne="P"),
                   ep("C", "01/04/2024", "02/04/2024", "X1", place="T3", rne="P"),
                   ep("C", "02/05/2024", "03/05/2024", "X1", place="T3", rne="P")]},
     None, []),
    ("380", "temporary placement not entered by P or B", 2025,
     {"episodes": [ep("A", "01/05/2024", place="T1"), ep("B", "01/05/2024", place="T1", rne="P"),
                   ep("C", "01/05/2024", place="T2", rne="B"), ep("D", "01/05/2024", place="T3", rne="L")]},
     None, [("episodes", 1), ("episodes", 4)]),
    ("380", "temporary placements entered by P or B", 2025,
     {"episodes": [ep("B", "01/05/2024", place="T1", rne="P"), ep("C", "01/05/2024", place="T2", rne="B")]},
     None, []),
    ("381", "care ends in a temporary placement", 2025,
     {"episodes": [ep("A", "01/05/2024", "05/05/2024", "E4A", place="T1"),
                   ep("B", "01/05/2024", "05/05/2024", "X1", place="T1"), ep("C", "01/05/2024", place="T2")]},
     None, [("episodes", 1)]),
    ("381", "temporary placement followed by another episode, or still open", 2025,
     {"episodes": [ep("B", "01/05/2024", "05/05/2024", "X1", place="T1"), ep("C", "01/05/2024", place="T2")]},
     None, []),
    ("383", "after the temporary placement: other placement, reason T, other postcode", 2025,
     {"episodes": [ep("A", "01/05/2024", "01/06/2024", "X1"), ep("A", "01/06/2024", "05/06/2024", "X1", place="T2",
                                                                  rne="P"),
                   ep("A", "05/06/2024", rne="P", pl_post="ab12bb"),
                   ep("B", "01/05/2024", "01/06/2024", "X1"), ep("B", "01/06/2024", "05/06/2024", "X1", place="T1",
                                                                  rne="P"),
                   ep("B", "05/06/2024", rne="P", place="U6"),
                   ep("C", "01/05/2024", "01/06/2024", "X1"), ep("C", "01/06/2024", "05/06/2024", "X1", place="T3",
                                                                  rne="P"),
                   ep("C", "05/06/2024", rne="T"),
                   ep("D", "01/05/2024", "01/06/2024", "X1"), ep("D", "01/06/2024", "05/06/2024", "X1", place="T3",
                                                                  rne="P"),
                   ep("D", "05/06/2024", rne="P", pl_post="CD3 4EF")]},
     None, [("episodes", 6), ("episodes", 9), ("episodes", 12)]),
    ("383", "back to the same placement and postcode; nothing before the temporary one", 2025,
     {"episodes": [ep("A", "01/05/2024", "01/06/2024", "X1"), ep("A", "01/06/2024", "05/06/2024", "X1", place="T2",
                                                                  rne="P"),
                   ep("A", "05/06/2024", rne="P", pl_post="ab12bb"),
                   ep("E", "01/05/2024", "05/05/2024", "X1", place="T1"), ep("E", "05/05/2024", rne="P")]},
     None, []),
]

# The episode defaults' postcodes with grid points, and one the lookup knows without a grid reference.
DISTANCES = {"postcode_lookup": [{"pcd": "AB11AA", "la_code": "SCO", "easting": 390000.0, "northing": 800000.0},
                                 {"pcd": "AB12BB", "la_code": "SCO", "easting": 391000.0, "northing": 801000.0},
                                 {"pcd": "AB13CC", "la_code": "SCO", "easting": None, "northing": None}]}

# A postcode lookup knowing the two postcodes the cohort's episodes carry by default.
_KNOWN_POSTCODES = [{"pcd": "AB11AA", "la_code": "E1", "easting": 0.0, "northing": 0.0},
                    {"pcd": "AB12BB", "la_code": "E1", "easting": 1609.3, "northing": 0.0}]

POSTCODES = [
    ("392a", "no distance: blank, malformed, unknown or ungridded postcode", 2025,
     {"episodes": [ep("A", "01/05/2024", home_post=""), ep("B", "01/05/2024", pl_post="NOT A POSTCODE"),
                   ep("C", "01/05/2024", ls="V3", home_post="", pl_post=""),
                   ep("D", "01/05/2024", home_post=""), ep("F", "01/05/2024"),
                   ep("G", "01/05/2024", pl_post="ZZ9 9ZZ"), ep("H", "01/05/2024", pl_post="AB1 3CC")],
      "uasc": [uasc("D")], **DISTANCES},
     None, [("episodes", 1), ("episodes", 2), ("episodes", 6), ("episodes", 7)]),
    ("392a", "postcodes given; short break or UASC without them", 2025,
     {"episodes": [ep("C", "01/05/2024", ls="V3", home_post="", pl_post=""), ep("D", "01/05/2024", home_post=""),
                   ep("F", "01/05/2024", home_post="ab1 1aa", pl_post="AB12BB")],
      "uasc": [uasc("D")], **DISTANCES},
     None, []),
    ("392b", "looked after with a blank postcode", 2025,
     {"episodes": [ep("A", "01/05/2024", pl_post=""), ep("B", "01/05/2024", ls="V4", home_post=""),
                   ep("C", "01/05/2024", home_post=""), ep("D", "01/05/2024", home_post=""),
                   ep("E", "01/05/2024", pl_post="rubbish")],
      "uasc": [uasc("C")]},
     {"uasc": [uasc("D")]}, [("episodes", 1)]),
    ("392b", "short break, UASC this year or last, or postcodes given", 2025,
     {"episodes": [ep("B", "01/05/2024", ls="V4", home_post=""), ep("C", "01/05/2024", home_post=""),
                   ep("D", "01/05/2024", home_post=""), ep("E", "01/05/2024")],
      "uasc": [uasc("C")]},
     {"uasc": [uasc("D")]}, []),
    ("392c", "postcodes not shaped like UK postcodes", 2025,
     {"episodes": [ep("A", "01/05/2024", home_post="AB1"), ep("B", "01/05/2024", pl_post="12345"),
                   ep("C", "01/05/2024", pl_post="AB1 1A"), ep("D", "01/05/2024", home_post="SW1A 1AA")]},
     None, [("episodes", 1), ("episodes", 2), ("episodes", 3)]),
    ("392c", "every outward-code shape, any case and spacing; blank is for 392b", 2025,
     {"episodes": [ep("A", "01/05/2024", home_post="ab11aa", pl_post="M1 1AE"),
                   ep("B", "01/05/2024", home_post="B33 8TH", pl_post="CR2 6XH"),
                   ep("C", "01/05/2024", home_post="DN55 1PT", pl_post="W1A 0AX"),
                   ep("D", "01/05/2024", home_post="EC1A1BB", pl_post="")]},
     None, []),
    # Issue 9 (g): with a postcode lookup (--postcodes) a well-formed postcode it does not know is invalid too.
    ("392c", "with a lookup: well-formed home or placement postcodes the lookup does not know", 2025,
     {"episodes": [ep("A", "01/05/2024", home_post="ZZ9 9ZZ", pl_post="AB1 2BB"),
                   ep("B", "01/05/2024", home_post="ab1 1aa", pl_post="ZZ8 8ZZ"),
                   ep("C", "01/05/2024", home_post="AB1", pl_post="AB1 2BB"),
                   ep("D", "01/05/2024", home_post="AB1 1AA", pl_post="AB12BB"),
                   ep("E", "01/05/2024", home_post="", pl_post="ab1 2bb")],
      "postcode_lookup": _KNOWN_POSTCODES}, None, [("episodes", 1), ("episodes", 2), ("episodes", 3)]),
    ("392c", "with a lookup: postcodes it knows, in any case and spacing, or blank", 2025,
     {"episodes": [ep("D", "01/05/2024", home_post="AB1 1AA", pl_post="AB12BB"),
                   ep("E", "01/05/2024", home_post="", pl_post="ab1 2bb")],
      "postcode_lookup": _KNOWN_POSTCODES}, None, []),
    ("392d", "same home and placement postcode away from parents", 2025,
     {"episodes": [ep("A", "01/05/2024", home_post="AB1 1AA", pl_post="ab11aa"),
                   ep("B", "01/05/2024", place="P1", home_post="AB1 1AA", pl_post="AB1 1AA"),
                   ep("C", "01/05/2024")]},
     None, [("episodes", 1)]),
    ("392d", "same postcode when placed with parents; different otherwise", 2025,
     {"episodes": [ep("B", "01/05/2024", place="P1", home_post="AB1 1AA", pl_post="AB1 1AA"),
                   ep("C", "01/05/2024")]},
     None, []),
    ("398", "postcodes given for a short break", 2025,
     {"episodes": [ep("A", "01/05/2024", "02/05/2024", "E4A", ls="V3"),
                   ep("B", "01/05/2024", ls="V4", home_post="", pl_post=""), ep("C", "01/05/2024")]},
     None, [("episodes", 1)]),
    ("398", "short break without postcodes; care order with them", 2025,
     {"episodes": [ep("B", "01/05/2024", ls="V4", home_post="", pl_post=""), ep("C", "01/05/2024")]}, None, []),
]

CASES = HEADER_AND_UASC + ADOPTION + CARE_LEAVERS + EPISODE_DATES + LEGAL_STATUS + PLACEMENTS + POSTCODES

# 303 is about a child with no header row, which the helper would otherwise add.
OPTIONS = {"303": {"add_headers": False}}


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_rule(case, monkeypatch):
    case, options = with_reference(case, monkeypatch)    # 392a's postcode lookup
    check_case(*case, **options, **OPTIONS.get(case[0], {}))
