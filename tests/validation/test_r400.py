"""Rules 406-460. Each case: the rows the rule must flag, worked out by hand.

Episode defaults: RNE S, LS C2, PLACE U4, PR1, URN SC111111, home AB1 1AA, placement AB1 2BB. Distances
put the home postcode at the grid origin: 16,093 m north is 10.0 miles (1 mile = 1,609.3 m).
"""

import pytest

from tests.cohort import child, ep, row
from tests.reference_tables import with_reference
from tests.rulecheck import check_case

SHORT = {"pl_post": "", "urn": ""}


def lookup(*entries):
    """Postcode lookup rows: (postcode, LA, northing in metres); easting 0."""
    return [{"pcd": pcd, "la_code": la, "easting": 0.0, "northing": north} for pcd, la, north in entries]


def moved(child_id, first: dict, second: dict):
    """Two episodes of one child joined by X1 on 01/07/2024, with their own columns."""
    return [ep(child_id, "01/05/2024", "01/07/2024", "X1", **first), ep(child_id, "01/07/2024", **second)]


CHAIN = [
    ("431", "S on the day the previous episode ended", 2025,
     {"episodes": moved("A", {}, {"rne": "S"})
      + [ep("B", "01/05/2024", "01/06/2024", "E4A"), ep("B", "01/08/2024")]}, None, [("episodes", 2)]),
    ("431", "S after a gap", 2025,
     {"episodes": [ep("B", "01/05/2024", "01/06/2024", "E4A"), ep("B", "01/08/2024")]}, None, []),
    ("432", "care ended but the next episode is not S", 2025,
     {"episodes": [ep("A", "01/05/2024", "01/06/2024", "E4A"), ep("A", "01/08/2024", rne="P")]
      + moved("B", {}, {"rne": "P", "place": "U6"})
      + [ep("C", "01/05/2024", "01/06/2024", "E4A"), ep("C", "01/08/2024")]}, None, [("episodes", 2)]),
    ("432", "X1 then P, and a return after leaving with S", 2026,
     {"episodes": [ep("C", "01/05/2025", "01/06/2025", "E4A"), ep("C", "01/08/2025")]}, None, []),
    ("433", "a continuing episode that starts a day late", 2025,
     {"episodes": [ep("A", "01/05/2024", "01/07/2024", "X1"), ep("A", "02/07/2024", rne="P", place="U6")]
      + moved("B", {}, {"rne": "P", "place": "U6"}) + [ep("C", "01/05/2023", rne="P")]}, None, [("episodes", 2)]),
    ("433", "continuing the same day; the year's first episode", 2025,
     {"episodes": moved("B", {}, {"rne": "P", "place": "U6"}) + [ep("C", "01/05/2023", rne="P")]}, None, []),
    # Issue 9 (d): the previous episode has ended (its end date is written) even when the date is unreadable.
    ("433", "continuing after an episode left open", 2025,
     {"episodes": [ep("A", "01/05/2024"), ep("A", "01/07/2024", rne="P", place="U6")]}, None, [("episodes", 2)]),
    ("433", "continuing after an episode whose end date is written '1st July 2024'", 2025,
     {"episodes": [ep("A", "01/05/2024", "1st July 2024", "X1"), ep("A", "01/07/2024", rne="P", place="U6")]},
     None, []),
    ("434", "L with the same legal status, or with a new placement", 2025,
     {"episodes": moved("A", {"ls": "C1"}, {"rne": "L"}) + moved("B", {}, {"rne": "L"})
      + moved("C", {"ls": "C1"}, {"rne": "L", "place": "U6"})
      + moved("D", {"ls": "C1"}, {"rne": "L", "pl_post": "ab12bb"})}, None, [("episodes", 4), ("episodes", 6)]),
    ("434", "L with only the legal status changed", 2024,
     {"episodes": [ep("A", "01/05/2023", "01/07/2023", "X1", ls="C1"), ep("A", "01/07/2023", rne="L")]}, None, []),
    ("435", "P with a new legal status; T with nothing changed", 2025,
     {"episodes": moved("A", {}, {"rne": "P", "place": "U6"}) + moved("B", {}, {"rne": "P", "place": "U6", "ls": "C1"})
      + moved("C", {}, {"rne": "T"}) + moved("D", {}, {"rne": "T", "pl_post": "PE1 1AA"})},
     None, [("episodes", 4), ("episodes", 6)]),
    ("435", "P with a new placement; T when the carer moved house", 2025,
     {"episodes": moved("A", {}, {"rne": "P", "place": "U6"}) + moved("D", {}, {"rne": "T", "pl_post": "PE1 1AA"})},
     None, []),
    ("436", "U with only the legal status changed; B with only the placement", 2025,
     {"episodes": moved("A", {}, {"rne": "B", "ls": "C1", "place": "U6"}) + moved("B", {}, {"rne": "U", "ls": "C1"})
      + moved("C", {}, {"rne": "B", "place": "U6"})}, None, [("episodes", 4), ("episodes", 6)]),
    ("436", "B with both changed", 2026,
     {"episodes": [ep("A", "01/05/2025", "01/07/2025", "X1"), ep("A", "01/07/2025", rne="B", ls="C1", place="U6")]},
     None, []),
    ("437", "episodes after an age assessment found the child 18", 2025,
     {"episodes": [ep("A", "01/05/2024", "01/06/2024", "E15"), ep("A", "01/08/2024"),
                   ep("B", "01/05/2024", "01/06/2024", "E2")]}, None, [("episodes", 1)]),
    ("437", "a death is the last episode", 2025, {"episodes": [ep("B", "01/05/2024", "01/06/2024", "E2")]}, None, []),
]

LEGAL = [
    ("408", "A5 without a placement order", 2025,
     {"episodes": [ep("A", "01/05/2024", place="A5"), ep("B", "01/05/2024", place="A6", ls="E1"),
                   ep("C", "01/05/2024", place="A3")]}, None, [("episodes", 1)]),
    ("408", "A6 under a placement order", 2025, {"episodes": [ep("B", "01/05/2024", place="A6", ls="E1")]}, None, []),
    ("426", "short breaks as V3 and V4 in one year", 2025,
     {"episodes": [ep("A", "01/05/2024", "03/05/2024", "E8", ls="V3", **SHORT), ep("A", "01/06/2024", ls="V4", **SHORT),
                   ep("B", "01/05/2024", "03/05/2024", "E8", ls="V3", **SHORT),
                   ep("B", "01/06/2024", "03/06/2024", "E8", ls="V3", **SHORT),
                   ep("C", "01/05/2024", "01/06/2024", "E8", ls="V4", **SHORT), ep("C", "01/08/2024")]},
     None, [("episodes", 1), ("episodes", 2)]),
    ("426", "only V3, or V4 then care", 2025,
     {"episodes": [ep("B", "01/05/2024", "03/05/2024", "E8", ls="V3", **SHORT),
                   ep("C", "01/05/2024", "01/06/2024", "E8", ls="V4", **SHORT), ep("C", "01/08/2024")]}, None, []),
    ("445", "D1 starting in 2006", 2024,
     {"episodes": [ep("A", "01/01/2006", ls="D1"), ep("B", "31/12/2005", ls="D1")]}, None, [("episodes", 1)]),
    ("445", "D1 starting in December 2005", 2024, {"episodes": [ep("B", "31/12/2005", ls="D1")]}, None, []),
    ("446", "E1 before December 2005", 2025,
     {"episodes": [ep("A", "30/11/2005", ls="E1"), ep("B", "01/12/2005", ls="E1")]}, None, [("episodes", 1)]),
    ("446", "E1 from December 2005", 2027, {"episodes": [ep("B", "01/12/2005", ls="E1")]}, None, []),
    ("451", "still freed for adoption", 2024,
     {"episodes": [ep("A", "01/05/2005", ls="D1"), ep("B", "01/05/2005", "01/06/2023", "E11", ls="D1")]},
     None, [("episodes", 1)]),
    ("451", "a freeing order that ended", 2024,
     {"episodes": [ep("B", "01/05/2005", "01/06/2023", "E11", ls="D1")]}, None, []),
]

AGES = [
    ("407", "an SGO on the 18th birthday", 2025,
     {"header": [child("A", dob="01/06/2006"), child("B", dob="01/06/2006")],
      "episodes": [ep("A", "01/05/2024", "01/06/2024", "E45"), ep("B", "01/05/2024", "31/05/2024", "E46")]},
     None, [("episodes", 1)]),
    ("407", "an SGO at 17", 2025,
     {"header": [child("B", dob="01/06/2006")], "episodes": [ep("B", "01/05/2024", "31/05/2024", "E46")]}, None, []),
    ("460", "staying put at 17", 2025,
     {"header": [child("A", dob="01/06/2006"), child("B", dob="01/06/2006")],
      "episodes": [ep("A", "01/05/2024", "31/05/2024", "E17"), ep("B", "01/05/2024", "01/06/2024", "E17")]},
     None, [("episodes", 1)]),
    ("460", "staying put at 18", 2026,
     {"header": [child("B", dob="01/06/2007")], "episodes": [ep("B", "01/05/2025", "01/06/2025", "E17")]}, None, []),
    ("440", "PN0 on the fourth birthday", 2025,
     {"reviews": [row(child="A", dob="01/06/2020", review="01/06/2024", review_code="PN0"),
                  row(child="B", dob="01/06/2020", review="31/05/2024", review_code="PN0")]}, None, [("reviews", 1)]),
    ("440", "PN0 at three", 2025,
     {"reviews": [row(child="B", dob="01/06/2020", review="31/05/2024", review_code="PN0")]}, None, []),
    ("441", "PN1 the day before the fourth birthday", 2025,
     {"reviews": [row(child="A", dob="01/06/2020", review="31/05/2024", review_code="PN1"),
                  row(child="B", dob="01/06/2020", review="01/06/2024", review_code="PN1")]}, None, [("reviews", 1)]),
    ("441", "PN6 at four", 2024,
     {"reviews": [row(child="B", dob="01/06/2019", review="01/06/2023", review_code="PN6")]}, None, []),
]

UPNS = [
    ("442", "UPN blank for a child in care", 2025,
     {"header": [child("A", upn=""), child("B", upn=""), child("C", upn=""), child("D")],
      "episodes": [ep("A", "01/05/2024"), ep("B", "01/05/2024", ls="V3", **SHORT), ep("D", "01/05/2024")]},
     None, [("header", 1)]),
    ("442", "blank for short breaks or a care leaver", 2025,
     {"header": [child("B", upn=""), child("C", upn="")], "episodes": [ep("B", "01/05/2024", ls="V3", **SHORT)]},
     None, []),
    ("444", "one UPN for two children", 2026,
     {"header": [child("A", upn="X123456789012"), child("B", upn="x123456789012"), child("C", upn="UN1"),
                 child("D", upn="UN1"), child("E", upn="Y123456789012")]}, None, [("header", 1), ("header", 2)]),
    ("444", "placeholders may repeat", 2026,
     {"header": [child("C", upn="UN1"), child("D", upn="UN1"), child("E", upn="Y123456789012")]}, None, []),
]

UASC_ROW = {"sex": "M", "dob": "01/01/2008", "duc": ""}
HOME = ("AB11AA", "100", 0.0)
# The lookup knows the cohort's default postcodes; CC1 1CC it knows but cannot place in an LA.
_PLACED = [{"pcd": "AB11AA", "la_code": "E1", "easting": 0.0, "northing": 0.0},
           {"pcd": "AB12BB", "la_code": "E1", "easting": 1609.3, "northing": 0.0},
           {"pcd": "CC11CC", "la_code": None, "easting": None, "northing": None}]
LOCATION = [
    ("406", "UASC with both postcodes", 2025,
     {"episodes": [ep("A", "01/05/2024"), ep("B", "01/05/2024", home_post=""), ep("C", "01/05/2024")],
      "uasc": [row(child="A", **UASC_ROW), row(child="B", **UASC_ROW)]}, None, [("episodes", 1)]),
    ("406", "formerly UASC, seen in last year's return", 2025,
     {"episodes": [ep("D", "01/05/2024")]}, {"uasc": [row(child="D", **UASC_ROW)]}, [("episodes", 1)]),
    ("406", "UASC without a home postcode", 2025,
     {"episodes": [ep("B", "01/05/2024", home_post=""), ep("C", "01/05/2024")],
      "uasc": [row(child="B", **UASC_ROW)]}, None, []),
    ("420", "a placement postcode on a short break", 2025,
     {"episodes": [ep("A", "01/05/2024", ls="V3", urn=""), ep("B", "01/05/2024", ls="V4", **SHORT),
                   ep("C", "01/05/2024")]}, None, [("episodes", 1)]),
    ("420", "no placement postcode on short breaks", 2026,
     {"episodes": [ep("B", "01/05/2025", ls="V4", **SHORT)]}, None, []),
    # Issue 9 (g): with a postcode lookup, a postcode it cannot place gives no distance and no LA of placement.
    ("406", "with a lookup: UASC with both postcodes known gives a distance", 2025,
     {"episodes": [ep("A", "01/05/2024"), ep("B", "01/05/2024", pl_post="ZZ9 9ZZ")],
      "uasc": [row(child="A", **UASC_ROW), row(child="B", **UASC_ROW)],
      "postcode_lookup": _PLACED}, None, [("episodes", 1)]),
    ("406", "with a lookup: UASC with a postcode the lookup cannot place", 2025,
     {"episodes": [ep("B", "01/05/2024", pl_post="ZZ9 9ZZ"), ep("C", "01/05/2024", home_post="ZZ8 8ZZ")],
      "uasc": [row(child="B", **UASC_ROW), row(child="C", **UASC_ROW)],
      "postcode_lookup": _PLACED}, None, []),
    ("420", "with a lookup: a short break's placement postcode it places in an LA", 2025,
     {"episodes": [ep("A", "01/05/2024", ls="V3", urn=""), ep("B", "01/05/2024", ls="V4", pl_post="ZZ9 9ZZ", urn=""),
                   ep("C", "01/05/2024", ls="V4", pl_post="CC1 1CC", urn="")],
      "postcode_lookup": _PLACED}, None, [("episodes", 1)]),
    ("420", "with a lookup: short-break placement postcodes it cannot place", 2026,
     {"episodes": [ep("B", "01/05/2025", ls="V4", pl_post="ZZ9 9ZZ", urn=""),
                   ep("C", "01/05/2025", ls="V3", pl_post="CC1 1CC", urn="")],
      "postcode_lookup": _PLACED}, None, []),
    ("452", "the carried-over placement is in another LA", 2025,
     {"episodes": [ep("A", "01/05/2023", pl_post="PE1 1AA"), ep("B", "01/05/2023", pl_post="PE2 2BB"),
                   ep("C", "01/09/2024", pl_post="PE2 2BB")],
      "postcode_lookup": lookup(("PE11AA", "874", 1.0), ("PE22BB", "873", 2.0))},
     {"episodes": [ep("A", "01/05/2023", pl_post="PE1 1AA"), ep("B", "01/05/2023", pl_post="PE1 1AA"),
                   ep("C", "01/05/2023", "01/06/2023", "E4A", pl_post="PE1 1AA")]}, [("episodes", 2)]),
    ("452", "a new postcode in the same LA", 2025,
     {"episodes": [ep("A", "01/05/2023", pl_post="PE1 9ZZ")],
      "postcode_lookup": lookup(("PE11AA", "874", 1.0), ("PE19ZZ", "874", 2.0))},
     {"episodes": [ep("A", "01/05/2023", pl_post="PE1 1AA")]}, []),
    ("453", "the carried-over placement is 5 miles further from home", 2025,
     {"episodes": [ep("A", "01/05/2023", pl_post="PE1 1AA"), ep("B", "01/05/2023", pl_post="PE2 2BB"),
                   ep("C", "01/05/2023", pl_post="PE3 3CC")],
      "postcode_lookup": lookup(HOME, ("PE11AA", "874", 16093.0), ("PE22BB", "874", 24139.5))
      + [{"pcd": "PE33CC", "la_code": "874", "easting": 100.0, "northing": 16093.0}]},
     {"episodes": [ep("A", "01/05/2023", pl_post="PE1 1AA"), ep("B", "01/05/2023", pl_post="PE1 1AA"),
                   ep("C", "01/05/2023", pl_post="PE1 1AA")]}, [("episodes", 2)]),
    ("453", "the same distance to one decimal place", 2026,
     {"episodes": [ep("C", "01/05/2024", pl_post="PE3 3CC")],
      "postcode_lookup": lookup(HOME, ("PE11AA", "874", 16093.0))
      + [{"pcd": "PE33CC", "la_code": "874", "easting": 100.0, "northing": 16093.0}]},
     {"episodes": [ep("C", "01/05/2024", pl_post="PE1 1AA")]}, []),
    ("454", "351 miles from home", 2026,
     {"episodes": [ep("A", "01/05/2025", pl_post="PE1 1AA"), ep("B", "01/05/2025", pl_post="PE2 2BB")],
      "postcode_lookup": lookup(HOME, ("PE11AA", "874", 564864.3), ("PE22BB", "874", 563255.0))},
     None, [("episodes", 1)]),
    ("454", "350 miles from home", 2027,
     {"episodes": [ep("B", "01/05/2026", pl_post="PE2 2BB")],
      "postcode_lookup": lookup(HOME, ("PE22BB", "874", 563255.0))}, None, []),
]

CASES = CHAIN + LEGAL + AGES + UPNS + LOCATION


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_rule(case, monkeypatch):
    case, options = with_reference(case, monkeypatch)
    check_case(*case, **options)
