"""Rules 500-599. Each case: the rows the rule must flag, worked out by hand.

Years are named by the year ending 31 March: 2025 runs 1 April 2024 to 31 March 2025. Codes with a
variant per range of years have cases in each range; the rest run in 2025 and sometimes another year.
Cases that need the postcode lookup name its tables beside the return (tests/reference_tables.py).
"""

import pytest

from tests.cohort import ep, row
from tests.rule_rows import YEAR_END_CHILDREN, ad1, cla, oc2, p4a, year_end_episodes
from tests.reference_tables import with_reference
from tests.rulecheck import check_case

EP, PA, MIS, AD = "episodes", "placed_for_adoption", "missing", "ad1"


def gone(c, start, end="", kind="M", dob="01/01/2010"):
    return row(child=c, dob=dob, missing=kind, mis_start=start, mis_end=end)


def place(p, provider="PR1", **kw):
    return ep("A", "01/05/2024", place=p, place_provider=provider, **kw)


# --- Last year's open episode and this year's first: the 503 family compares one field each.
OPEN_LAST = {EP: [ep("A", "01/01/2023", "01/06/2023", "X1"), ep("A", "01/06/2023", place="U4")]}
CLOSED_LAST = {EP: [ep("A", "01/01/2023", "01/06/2023", "E13")]}
_SAME_FIELD = [("503A", "rne", "S", "P"), ("503B", "ls", "C2", "C1"), ("503C", "cin", "N1", "N4"),
               ("503E", "place_provider", "PR1", "PR4"), ("503F", "urn", "SC111111", "SC222222")]


def _carried(**kw):
    return {EP: [ep("A", "01/06/2023", **{"place": "U4", **kw})]}


def _last_open(**kw):
    return {EP: [ep("A", "01/01/2023", "01/06/2023", "X1"), ep("A", "01/06/2023", **{"place": "U4", **kw})]}


SAME_FIELD_CASES = [case for code, col, before, after in _SAME_FIELD for case in (
    (code, f"{col} changed from last year's open episode", 2025, _carried(**{col: after}),
     _last_open(**{col: before}), [(EP, 1)]),
    (code, f"{col} carried over unchanged", 2025, _carried(**{col: before}),
     _last_open(**{col: before}), []),
    (code, "last year's final episode had ended: nothing to compare", 2026,
     {EP: [ep("A", "01/05/2025", **{col: after})]}, {EP: [ep("A", "01/06/2024", "01/09/2024", "E13",
                                                              **{col: before})]}, []),
)] + [
    # Seen: a URN written in lower case this year failed 503F, though rule 1008 found it on the URN list.
    ("503F", "a URN carried over in lower case is the same URN", 2025, _carried(urn="sc111111"),
     _last_open(urn="SC111111"), []),
]

# Postcodes on a line east of AA1 1AA, 10 miles (16093 m) apart, in three LAs (E1 is the council).
LOOKUP = [{"pcd": "AA11AA", "la_code": "E1", "easting": 0, "northing": 0},
          {"pcd": "BB11BB", "la_code": "E1", "easting": 16093, "northing": 0},
          {"pcd": "CC11CC", "la_code": "E2", "easting": 32186, "northing": 0},
          {"pcd": "DD11DD", "la_code": "E3", "easting": 32186, "northing": 0},
          {"pcd": "EE11EE", "la_code": "E1", "easting": 48279, "northing": 0}]


def _geo(now_post, last_post, home_now="AA1 1AA"):
    this = {EP: [ep("A", "01/06/2023", home_post=home_now, pl_post=now_post)],
            "postcode_lookup": LOOKUP, "council": [{"la_code": "E1"}]}
    return this, _last_open(home_post="AA1 1AA", pl_post=last_post)


GEO_CASES = [
    ("503G", "home moved: distance 10 -> 20 miles", 2025, *_geo("BB1 1BB", "BB1 1BB", home_now="EE1 1EE"), [(EP, 1)]),
    ("503G", "same postcodes, same distance", 2025, *_geo("BB1 1BB", "BB1 1BB"), []),
    ("503H", "placement LA E1 -> E2", 2025, *_geo("CC1 1CC", "BB1 1BB"), [(EP, 1)]),
    ("503H", "another postcode in the same LA", 2026, *_geo("BB1 1BB", "AA1 1AA"), []),
    ("503J", "inside the council's area -> outside", 2025, *_geo("CC1 1CC", "BB1 1BB"), [(EP, 1)]),
    ("503J", "outside in E2 -> outside in E3: still OUT", 2025, *_geo("DD1 1DD", "CC1 1CC"), []),
]

CASES = SAME_FIELD_CASES + GEO_CASES + [
    # --- Episodes
    ("501", "second episode starts before the first ended", 2025,
     {EP: [ep("A", "01/05/2024", "10/06/2024", "X1"), ep("A", "01/06/2024"), ep("B", "01/05/2024")]}, None,
     [(EP, 2)]),
    ("501", "episodes follow on the same day", 2025,
     {EP: [ep("A", "01/05/2024", "01/06/2024", "X1"), ep("A", "01/06/2024")]}, None, []),
    ("502", "first episode is not last year's open one", 2025, {EP: [ep("A", "02/06/2023")]}, OPEN_LAST, [(EP, 1)]),
    ("502", "first episode is last year's open one", 2025,
     {EP: [ep("A", "01/06/2023", "01/07/2024", "X1"), ep("A", "01/07/2024")]}, OPEN_LAST, []),
    ("502", "last year ended closed: a new start is fine", 2025, {EP: [ep("A", "02/06/2024")]}, CLOSED_LAST, []),
    ("503D", "U4 last year, K2 now", 2025, _carried(place="K2"), _last_open(place="U4"), [(EP, 1)]),
    ("503D", "H5 recoded K3 in 2024/25", 2025, _carried(place="K3"), _last_open(place="H5"), []),
    ("503D", "H5 recoded K3 in 2023/24", 2024, _carried(place="K3"), _last_open(place="H5"), []),
    ("503D", "H5 to K2 is not the allowed remap", 2024, _carried(place="K2"), _last_open(place="H5"), [(EP, 1)]),
    ("503D", "Z1 recoded Z12 in 2025/26", 2026, {EP: [ep("A", "01/06/2024", place="Z12")]},
     {EP: [ep("A", "01/06/2024", place="Z1")]}, []),
    ("503D", "H5 -> K3 is no longer allowed in 2025/26", 2026, {EP: [ep("A", "01/06/2024", place="K3")]},
     {EP: [ep("A", "01/06/2024", place="H5")]}, [(EP, 1)]),
    ("503D", "Z1 recoded Z14 in 2026/27", 2027, {EP: [ep("A", "01/06/2025", place="Z14")]},
     {EP: [ep("A", "01/06/2025", place="Z1")]}, []),
    ("503D", "U4 -> U6 in 2026/27", 2027, {EP: [ep("A", "01/06/2025", place="U6")]},
     {EP: [ep("A", "01/06/2025", place="U4")]}, [(EP, 1)]),
    ("504", "CIN changes across an X1 link", 2025,
     {EP: [ep("A", "01/05/2024", "01/06/2024", "X1", cin="N1"), ep("A", "01/06/2024", cin="N2")]}, None, [(EP, 2)]),
    # Seen: a CIN changed for one episode and changed back flagged both, the second told to take the first's CIN.
    ("504", "judged against the period's first episode: changed and changed back is one row", 2025,
     {EP: [ep("A", "01/05/2024", "01/06/2024", "X1", cin="N1"), ep("A", "01/06/2024", "01/07/2024", "X1", cin="N2"),
           ep("A", "01/07/2024", cin="N1"), ep("B", "01/05/2024", "01/06/2024", "X1", cin="N1"),
           ep("B", "01/06/2024", "01/07/2024", "X1", cin="N2"), ep("B", "01/07/2024", cin="N2")]}, None,
     [(EP, 2), (EP, 5), (EP, 6)]),
    ("504", "a new period of care may have a new CIN", 2025,
     {EP: [ep("A", "01/05/2024", "01/06/2024", "E13", cin="N1"), ep("A", "01/09/2024", cin="N2")]}, None, []),
    ("516", "SGO to former foster carers from a children's home", 2025,
     {EP: [ep("A", "01/05/2024", "01/06/2024", "E45", place="K2"), ep("B", "01/05/2024", "01/06/2024", "E46",
                                                                     place="U3")]}, None, [(EP, 1)]),
    ("516", "E46 from foster care", 2025, {EP: [ep("B", "01/05/2024", "01/06/2024", "E46", place="U3")]}, None, []),
    ("562", "began before April but last year's final episode started elsewhere", 2025,
     {EP: [ep("A", "01/01/2024"), ep("B", "01/02/2024")]}, {EP: [ep("A", "01/01/2023")]}, [(EP, 1), (EP, 2)]),
    ("562", "began before April and continues last year's final episode", 2025,
     {EP: [ep("A", "01/06/2023"), ep("C", "01/06/2024")]}, OPEN_LAST, []),
    # --- Providers: Z1 has none up to 2024/25, Z11-Z14 from 2025/26.
    ("526", "U4 without a provider", 2025, {EP: [place("U4", ""), place("Z1", ""), place("T1", "")]}, None,
     [(EP, 1)]),
    ("526", "Z1 without a provider in 2023/24", 2024, {EP: [place("Z1", ""), place("K2")]}, None, []),
    ("526", "Z1 needs a provider from 2025/26", 2026, {EP: [place("Z1", ""), place("Z12", "")]}, None, [(EP, 1)]),
    ("526", "Z13 and T4 without a provider in 2026/27", 2027, {EP: [place("Z13", ""), place("T4", "")]}, None, []),
    ("527", "PR1 for a YOI", 2025, {EP: [place("R5", "PR1")]}, None, [(EP, 1)]),
    ("527", "PR1 for foster care", 2025, {EP: [place("U4", "PR1")]}, None, []),
    ("528", "PR2 for a health setting", 2025, {EP: [place("R2", "PR2")]}, None, [(EP, 1)]),
    ("528", "PR2 for a children's home", 2025, {EP: [place("K2", "PR2")]}, None, []),
    ("529", "PR3 for a children's home", 2025, {EP: [place("K2", "PR3")]}, None, [(EP, 1)]),
    ("529", "PR3 for a health setting", 2025, {EP: [place("R2", "PR3")]}, None, []),
    ("530", "PR4 for placement with parents", 2025, {EP: [place("P1", "PR4")]}, None, [(EP, 1)]),
    ("530", "PR4 for a children's home", 2025, {EP: [place("K2", "PR4")]}, None, []),
    ("531", "PR5 for placement with parents", 2025, {EP: [place("P1", "PR5")]}, None, [(EP, 1)]),
    ("531", "PR5 for foster care", 2025, {EP: [place("U6", "PR5")]}, None, []),
    ("550", "PR0 for foster care", 2025, {EP: [place("U4", "PR0")]}, None, [(EP, 1)]),
    ("550", "PR0 for placement with parents", 2025, {EP: [place("P1", "PR0")]}, None, []),
    # --- Adopters
    ("511", "two adopters coded single male", 2025, {AD: [ad1("A", sex_adoptr="M1")]}, None, [(AD, 1)]),
    ("511", "two adopters coded MF", 2025, {AD: [ad1("A")]}, None, []),
    ("514", "single adopter coded as a couple", 2025, {AD: [ad1("A", ls_adoptr="L0", nb_adoptr="1")]}, None,
     [(AD, 1)]),
    ("514", "single female adopter", 2025, {AD: [ad1("A", ls_adoptr="L0", nb_adoptr="1", sex_adoptr="F1")]},
     None, []),
    ("517", "L3 coded FF", 2025, {AD: [ad1("A", ls_adoptr="L3", sex_adoptr="FF")]}, None, [(AD, 1)]),
    ("517", "L3 coded MF", 2025, {AD: [ad1("A", ls_adoptr="L3")]}, None, []),
    ("518", "L4 coded MF", 2025, {AD: [ad1("A", ls_adoptr="L4")]}, None, [(AD, 1)]),
    ("518", "L4 coded FF", 2025, {AD: [ad1("A", ls_adoptr="L4", sex_adoptr="FF")]}, None, []),
    ("519", "L2 coded single", 2025, {AD: [ad1("A", ls_adoptr="L2", sex_adoptr="M1")]}, None, [(AD, 1)]),
    ("519", "L2 coded MM", 2025, {AD: [ad1("A", ls_adoptr="L2", sex_adoptr="MM")]}, None, []),
    ("520", "L11 coded FF", 2025, {AD: [ad1("A", sex_adoptr="FF")]}, None, [(AD, 1)]),
    ("520", "L11 coded MF", 2025, {AD: [ad1("A")]}, None, []),
    ("524", "L12 coded MF", 2025, {AD: [ad1("A", ls_adoptr="L12")]}, None, [(AD, 1)]),
    ("524", "L12 coded MM", 2025, {AD: [ad1("A", ls_adoptr="L12", sex_adoptr="MM")]}, None, []),
    # --- OC2 (the 12-month group: episode open since 2020)
    ("542", "convicted at 9", 2025, {EP: [cla("A")], "oc2": [oc2("A", dob="01/06/2015")]}, None, [("oc2", 1)]),
    ("542", "convicted at 10", 2025, {EP: [cla("A")], "oc2": [oc2("A", dob="31/03/2015")]}, None, []),
    ("543", "aged 11, in care 12 months, CONVICTED blank", 2025,
     {EP: [cla("A"), ep("B", "01/06/2024")], "oc2": [oc2("A", convicted=""), oc2("B", convicted="")]}, None,
     [("oc2", 1)]),
    ("543", "aged 10 with CONVICTED given", 2024, {EP: [cla("A")], "oc2": [oc2("A")]}, None, []),
    ("544", "CONVICTED given, immunisations blank", 2025,
     {EP: [cla("A")], "oc2": [oc2("A", immunisations="")]}, None, [("oc2", 1)]),
    ("544", "CONVICTED with the four items", 2025, {EP: [cla("A")], "oc2": [oc2("A")]}, None, []),
    ("545", "aged 3 with no health promotion", 2025,
     {EP: [cla("A")], "oc2": [oc2("A", dob="01/06/2021", convicted="", sdq_score="")]}, None, [("oc2", 1)]),
    ("545", "aged 3 with health promotion", 2025,
     {EP: [cla("A")], "oc2": [oc2("A", dob="01/06/2021", convicted="", sdq_score="", health_check="1")]},
     None, []),
    ("546", "aged 11 with health promotion", 2025, {EP: [cla("A")], "oc2": [oc2("A", health_check="1")]},
     None, [("oc2", 1)]),
    ("546", "aged 4 with health promotion", 2025,
     {EP: [cla("A")], "oc2": [oc2("A", dob="01/04/2020", convicted="", health_check="0")]}, None, []),
    # Issue 9 (e): the end of the year (tests/rule_rows.py, year_end_episodes): A, B, C and F are in the
    # 12-month group; D left care on 31 March, E came into care after it. OC2 rows are 1-6 for A-F.
    ("543", "CONVICTED blank at the end of the year: the children in the 12-month group", 2025,
     {EP: year_end_episodes(), "oc2": [oc2(c, convicted="") for c in YEAR_END_CHILDREN]}, None,
     [("oc2", 1), ("oc2", 2), ("oc2", 3), ("oc2", 6)]),
    ("543", "CONVICTED blank for children who left on 31 March or came in after it", 2025,
     {EP: year_end_episodes()[5:7], "oc2": [oc2(c, convicted="") for c in "DE"]}, None, []),
    ("545", "health promotion blank at 3 at the end of the year: the children in the 12-month group", 2025,
     {EP: year_end_episodes(),
      "oc2": [oc2(c, dob="01/06/2021", convicted="", sdq_score="") for c in YEAR_END_CHILDREN]}, None,
     [("oc2", 1), ("oc2", 2), ("oc2", 3), ("oc2", 6)]),
    ("546", "health promotion at 11 at the end of the year: the children in the 12-month group", 2025,
     {EP: year_end_episodes(), "oc2": [oc2(c, health_check="1") for c in YEAR_END_CHILDREN]}, None,
     [("oc2", 1), ("oc2", 2), ("oc2", 3), ("oc2", 6)]),
    ("547", "health promotion given, teeth check blank", 2025,
     {EP: [cla("A")], "oc2": [oc2("A", dob="01/06/2021", convicted="", health_check="1", teeth_check="")]},
     None, [("oc2", 1)]),
    ("547", "health promotion with the four items", 2025,
     {EP: [cla("A")], "oc2": [oc2("A", dob="01/06/2021", convicted="", health_check="1")]}, None, []),
    # --- Decisions to place for adoption
    ("522", "reversed before it was made", 2025, {PA: [p4a("A", "01/06/2024", "01/05/2024", "RD1")]}, None,
     [(PA, 1)]),
    ("522", "reversed after it was made", 2025, {PA: [p4a("A", "01/06/2024", "01/07/2024", "RD1")]}, None, []),
    ("563", "reversal without the decision date", 2025,
     {PA: [p4a("A", "", "01/07/2024", "RD1"), p4a("B", "", "01/07/2024")]}, None, [(PA, 1)]),
    ("563", "reversal with the decision date", 2025, {PA: [p4a("A", "01/06/2024", "01/07/2024", "RD1")]}, None,
     []),
    ("579", "second decision while the first is open", 2025,
     {PA: [p4a("A", "01/01/2024"), p4a("A", "01/06/2024")]}, None, [(PA, 2)]),
    ("579", "second decision before the first was reversed", 2025,
     {PA: [p4a("A", "01/06/2024"), p4a("A", "01/01/2024", "01/07/2024", "RD3")]}, None, [(PA, 1)]),
    ("579", "second decision on the day the first was reversed", 2025,
     {PA: [p4a("A", "01/01/2024", "01/06/2024", "RD3"), p4a("A", "01/06/2024")]}, None, []),
    ("583", "earlier decision never reversed", 2025,
     {PA: [p4a("A", "01/06/2024"), p4a("A", "01/01/2024")]}, None, [(PA, 2)]),
    ("583", "earlier decision reversed", 2025,
     {PA: [p4a("A", "01/01/2024", "01/03/2024", "RD1"), p4a("A", "01/06/2024")]}, None, []),
    ("551", "placed for adoption with no dated decision", 2025,
     {EP: [ep("A", "01/06/2024", place="A4"), ep("B", "01/06/2024", place="A6")],
      PA: [p4a("B", placed="")]}, None, [(EP, 1), (EP, 2)]),
    ("551", "placed for adoption after a decision", 2025,
     {EP: [ep("A", "01/06/2024", place="A4")], PA: [p4a("A")]}, None, []),
    # Issue 9 (d), the community validator's own case: children 0 to I (rows 1-10), H's decision dated
    # "28th Jan 1930". H has a dated decision (rule 115 reports the date); A-D have blank dates, I no row.
    ("551", "no dated decision, with H's decision date unreadable", 2025,
     {EP: [ep(c, "01/06/2024", place=p) for c, p in zip("0ABCDEFGHI", ["U4", "A3", "A4", "A5", "A6", "A3", "A4",
                                                                        "U4", "A3", "A5"])],
      PA: [p4a(c, placed=d) for c, d in zip("ABCDEFGH", ["", "", "", "", "01/01/2020", "15/04/2020", "",
                                                          "28th Jan 1930"])]}, None,
     [(EP, 2), (EP, 3), (EP, 4), (EP, 5), (EP, 10)]),
    ("551", "a decision dated '28th Jan 1930' is a dated decision", 2025,
     {EP: [ep("H", "01/06/2024", place="A3")], PA: [p4a("H", placed="28th Jan 1930")]}, None, []),
    ("552", "decision after the adoptive placement began", 2025,
     {EP: [ep("A", "01/06/2024", place="A4")], PA: [p4a("A", "01/07/2024")]}, None, [(EP, 1), (PA, 1)]),
    ("552", "an earlier decision came before the placement", 2025,
     {EP: [ep("A", "01/06/2024", place="A4")],
      PA: [p4a("A", "01/07/2024"), p4a("A", "01/01/2024", "01/08/2024", "RD1")]}, None, []),
    ("553", "placement order without a decision; open order with the decision reversed", 2025,
     {EP: [ep("A", "01/06/2024", ls="E1"), ep("B", "01/06/2024", ls="E1")],
      PA: [p4a("B", "01/01/2024", "01/08/2024", "RD2")]}, None, [(EP, 1), (PA, 1)]),
    ("553", "placement order after a decision", 2025,
     {EP: [ep("A", "01/06/2024", ls="E1")], PA: [p4a("A", "01/01/2024")]}, None, []),
    # Issue 9 (d): "if a placement order decision date is present" asks the cell as written.
    ("553", "placement order with a decision whose date is blank", 2025,
     {EP: [ep("A", "01/06/2024", ls="E1")], PA: [p4a("A", placed="")]}, None, [(EP, 1)]),
    ("553", "placement order with a decision dated '28th Jan 1930'", 2025,
     {EP: [ep("A", "01/06/2024", ls="E1")], PA: [p4a("A", placed="28th Jan 1930")]}, None, []),
    ("554", "decision after the placement order", 2025,
     {EP: [ep("A", "01/06/2024", ls="E1")], PA: [p4a("A", "01/07/2024")]}, None, [(EP, 1), (PA, 1)]),
    ("554", "decision the day the order was granted", 2025,
     {EP: [ep("A", "01/06/2024", ls="E1")], PA: [p4a("A", "01/06/2024")]}, None, []),
    ("555", "freeing order without a decision", 2024, {EP: [ep("A", "01/06/2023", ls="D1")]}, None, [(EP, 1)]),
    ("555", "freeing order after a decision", 2024,
     {EP: [ep("A", "01/06/2023", ls="D1")], PA: [p4a("A", "01/05/2023")]}, None, []),
    ("556", "decision after the freeing order", 2024,
     {EP: [ep("A", "01/06/2023", ls="D1")], PA: [p4a("A", "01/07/2023")]}, None, [(EP, 1), (PA, 1)]),
    ("556", "decision before the freeing order", 2024,
     {EP: [ep("A", "01/06/2023", ls="D1")], PA: [p4a("A", "01/05/2023")]}, None, []),
    ("557", "left care from an adoptive placement, decision still open; another with no decision", 2025,
     {EP: [ep("A", "01/06/2024", "01/12/2024", "E13", place="A4"),
           ep("B", "01/06/2024", "01/12/2024", "E41", ls="E1")], PA: [p4a("A")]}, None,
     [(EP, 1), (EP, 2), (PA, 1)]),
    ("557", "decision reversed, or the child adopted", 2025,
     {EP: [ep("A", "01/06/2024", "01/12/2024", "E13", place="A4"),
           ep("B", "01/06/2024", "01/12/2024", "E11", place="A5")],
      PA: [p4a("A", ceased="01/11/2024", reason="RD1"), p4a("B")]}, None, []),
    ("558", "adopted with a reversed decision", 2025,
     {EP: [ep("A", "01/06/2024", "01/12/2024", "E11", place="A4")],
      PA: [p4a("A", ceased="01/11/2024", reason="RD4")]}, None, [(EP, 1), (PA, 1)]),
    ("558", "adopted with the decision in force", 2025,
     {EP: [ep("A", "01/06/2024", "01/12/2024", "E11", place="A4")], PA: [p4a("A")]}, None, []),
    # Issue 9 (f): only the latest decision is judged; an earlier one reversed before it is history.
    ("558", "adopted; an earlier decision was reversed before the latest, which is in force", 2025,
     {EP: [ep("A", "01/06/2024", "01/12/2024", "E11", place="A4")],
      PA: [p4a("A", "01/06/2023", "01/09/2023", "RD1"), p4a("A", "01/01/2024")]}, None, []),
    ("558", "adopted; the latest of two decisions is the reversed one", 2025,
     {EP: [ep("A", "01/06/2024", "01/12/2024", "E12", place="A4")],
      PA: [p4a("A", "01/01/2024", "01/05/2024", "RD1"), p4a("A", "01/06/2023")]}, None, [(EP, 1), (PA, 1)]),
    # An unreadable reversal date is still a reversal recorded (rule 116 flags the date).
    ("558", "adopted; the reversal date is written '28th Jan 1930'", 2025,
     {EP: [ep("A", "01/06/2024", "01/12/2024", "E11", place="A4")],
      PA: [p4a("A", ceased="28th Jan 1930", reason="RD4")]}, None, [(EP, 1), (PA, 1)]),
    ("521", "placed for adoption before DATE_INT", 2025,
     {EP: [ep("A", "01/06/2024", place="A4")], AD: [ad1("A", date_int="01/07/2024")]}, None, [(EP, 1), (AD, 1)]),
    ("521", "placed for adoption after DATE_INT", 2025,
     {EP: [ep("A", "01/06/2024", place="A4")], AD: [ad1("A", date_int="01/05/2024")]}, None, []),
    ("523", "DATE_INT differs from the decision in force", 2025,
     {AD: [ad1("A", date_int="02/06/2023")], PA: [p4a("A", "01/06/2023")]}, None, [(AD, 1), (PA, 1)]),
    ("523", "DATE_INT is the latest decision's date", 2025,
     {AD: [ad1("A")], PA: [p4a("A", "01/01/2023", "01/05/2023", "RD3"), p4a("A", "01/06/2023")]},
     None, []),
    ("525", "reversed decision and adoption details", 2025,
     {AD: [ad1("A")], PA: [p4a("A", ceased="01/05/2024", reason="RD1")]}, None, [(AD, 1), (PA, 1)]),
    ("525", "decision in force and adoption details", 2025, {AD: [ad1("A")], PA: [p4a("A")]}, None, []),
    ("582", "adopted the day of matching", 2025,
     {EP: [ep("A", "01/06/2024", "01/12/2024", "E11", place="A4")], AD: [ad1("A", date_match="01/12/2024")]},
     None, [(EP, 1)]),
    ("582", "matched before the adoption", 2025,
     {EP: [ep("A", "01/06/2024", "01/12/2024", "E11", place="A4")], AD: [ad1("A")]}, None, []),
    # --- Decisions against last year's
    ("559", "decision before April, none last year", 2025, {PA: [p4a("A"), p4a("B")]},
     {PA: [p4a("B")]}, [(PA, 1)]),
    ("559", "decision this year needs nothing from last year", 2025, {PA: [p4a("A", "01/06/2024")]},
     {EP: [ep("B", "01/06/2023")]}, []),
    ("559", "decision before April; last year's row for the child has a blank date", 2025,
     {PA: [p4a("A")]}, {PA: [p4a("A", placed="")]}, [(PA, 1)]),
    ("559", "decision before April; last year's decision is dated, if unreadably ('1st June 2023')", 2025,
     {PA: [p4a("A")]}, {PA: [p4a("A", placed="1st June 2023")]}, []),
    ("560", "open decision last year comes back with another date", 2025, {PA: [p4a("A", "02/06/2023")]},
     {PA: [p4a("A", "01/06/2023")]}, [(PA, 1)]),
    ("560", "open decision last year comes back with its date", 2025,
     {PA: [p4a("A", "01/06/2023", "01/07/2024", "RD1")]}, {PA: [p4a("A", "01/06/2023")]}, []),
    ("561", "a decision reversed last year is back", 2025, {PA: [p4a("A", "01/06/2023")]},
     {PA: [p4a("A", "01/06/2023", "01/01/2024", "RD1")]}, [(PA, 1)]),
    ("561", "a new decision after last year's reversal", 2025, {PA: [p4a("A", "01/06/2024")]},
     {PA: [p4a("A", "01/06/2023", "01/01/2024", "RD1")]}, []),
    ("584", "new decision dated before last year's reversed one", 2025, {PA: [p4a("A", "01/05/2023")]},
     {PA: [p4a("A", "01/06/2023", "01/01/2024", "RD1")]}, [(PA, 1)]),
    ("584", "new decision after last year's reversed one", 2025, {PA: [p4a("A", "01/06/2024")]},
     {PA: [p4a("A", "01/06/2023", "01/01/2024", "RD1")]}, []),
    ("584", "a new decision with no date after last year's reversed one", 2025, {PA: [p4a("A", "")]},
     {PA: [p4a("A", "01/06/2023", "01/01/2024", "RD1")]}, [(PA, 1)]),
    ("584", "a new decision dated '1st June 2024' after last year's reversed one", 2025,
     {PA: [p4a("A", "1st June 2024")]}, {PA: [p4a("A", "01/06/2023", "01/01/2024", "RD1")]}, []),
    # --- Missing periods
    ("564", "missing with no start", 2025, {MIS: [gone("A", ""), gone("B", "01/06/2024")]}, None, [(MIS, 1)]),
    ("564", "missing with a start", 2025, {MIS: [gone("A", "01/06/2024")]}, None, []),
    ("565", "start without M or A", 2025, {MIS: [gone("A", "01/06/2024", kind="")]}, None, [(MIS, 1)]),
    ("565", "start with A", 2025, {MIS: [gone("A", "01/06/2024", kind="A")]}, None, []),
    ("566", "end without M or A", 2025, {MIS: [gone("A", "", "02/06/2024", kind="")]}, None, [(MIS, 1)]),
    ("566", "end with M", 2025, {MIS: [gone("A", "01/06/2024", "02/06/2024")]}, None, []),
    ("567", "ends before it starts", 2025, {MIS: [gone("A", "02/06/2024", "01/06/2024")]}, None, [(MIS, 1)]),
    ("567", "ends the day it starts", 2025, {MIS: [gone("A", "02/06/2024", "02/06/2024")]}, None, []),
    ("570", "starts after 31 March", 2025, {MIS: [gone("A", "01/04/2025"), gone("B", "31/03/2025")]}, None,
     [(MIS, 1)]),
    ("570", "starts on 31 March", 2026, {MIS: [gone("A", "31/03/2026")]}, None, []),
    ("571", "ends before 1 April or after 31 March", 2025,
     {MIS: [gone("A", "01/03/2024", "31/03/2024"), gone("B", "01/03/2025", "01/04/2025"),
            gone("C", "01/03/2024", "01/04/2024")]}, None, [(MIS, 1), (MIS, 2)]),
    ("571", "ends within the year", 2025, {MIS: [gone("A", "01/03/2025", "31/03/2025")]}, None, []),
    ("586", "starts before birth", 2025, {MIS: [gone("A", "01/01/2009", dob="01/01/2010")]}, None, [(MIS, 1)]),
    ("586", "starts after birth", 2025, {MIS: [gone("A", "02/01/2010", dob="01/01/2010")]}, None, []),
    ("574", "an open period, then another; a period inside a longer one", 2025,
     {MIS: [gone("A", "01/06/2024"), gone("A", "05/06/2024", "06/06/2024"),
            gone("B", "01/06/2024", "30/06/2024"), gone("B", "10/06/2024", "11/06/2024"),
            gone("B", "20/06/2024", "21/06/2024")]}, None, [(MIS, 2), (MIS, 4), (MIS, 5)]),
    ("574", "a period starting the day the last ended", 2025,
     {MIS: [gone("A", "05/06/2024", "06/06/2024"), gone("A", "01/06/2024", "05/06/2024")]}, None, []),
    ("575", "placement ended while the child was still missing", 2025,
     {EP: [ep("A", "01/05/2024", "01/08/2024", "X1"), ep("A", "01/08/2024", rne="P")],
      MIS: [gone("A", "01/06/2024"), gone("A", "01/09/2024")]}, None, [(MIS, 1)]),
    ("575", "only the legal status changed, or the period ended", 2025,
     {EP: [ep("A", "01/05/2024", "01/08/2024", "X1"), ep("A", "01/08/2024", rne="L")],
      MIS: [gone("A", "01/06/2024"), gone("A", "01/05/2024", "02/05/2024")]}, None, []),
    ("577", "open missing period after care ended; after the child came back into care", 2025,
     {EP: [ep("A", "01/05/2024", "01/08/2024", "E13"), ep("B", "01/05/2024", "01/07/2024", "E13"),
           ep("B", "01/09/2024")],
      MIS: [gone("A", "01/06/2024"), gone("B", "01/06/2024")]}, None, [(MIS, 1), (MIS, 2)]),
    ("577", "open missing period while still in care", 2025,
     {EP: [ep("A", "01/05/2024", "01/08/2024", "X1"), ep("A", "01/08/2024")], MIS: [gone("A", "01/06/2024")]},
     None, []),
    ("577", "open missing period; care ended on a date written '28th Aug 2024'", 2025,
     {EP: [ep("A", "01/05/2024", "28th Aug 2024", "E13")], MIS: [gone("A", "01/06/2024")]}, None, [(MIS, 1)]),
    ("578", "starts after care ended, or between periods of care", 2025,
     {EP: [ep("A", "01/05/2024", "01/07/2024", "E13"), ep("B", "01/05/2024", "01/07/2024", "E13"),
           ep("B", "01/10/2024")],
      MIS: [gone("A", "01/08/2024", "02/08/2024"), gone("B", "01/08/2024", "02/08/2024")]}, None,
     [(MIS, 1), (MIS, 2)]),
    ("578", "starts on the day care ended", 2025,
     {EP: [ep("A", "01/05/2024", "01/07/2024", "E13")], MIS: [gone("A", "01/07/2024", "01/07/2024")]}, None, []),
    ("581", "missing before care started", 2025,
     {EP: [ep("A", "01/06/2024")], MIS: [gone("A", "01/05/2024", "02/05/2024")]}, None, [(MIS, 1)]),
    ("581", "care began before this year's first episode, or missing after it started", 2025,
     {EP: [ep("A", "01/06/2024", rne="P"), ep("B", "01/06/2024")],
      MIS: [gone("A", "01/05/2024", "02/05/2024"), gone("B", "01/07/2024", "02/07/2024")]}, None, []),
    ("580", "missing until the 18th birthday, care ended E17", 2025,
     {EP: [cla("A", dec="01/12/2024", rec="E17")], MIS: [gone("A", "01/11/2024", "01/12/2024", dob="01/12/2006")]},
     None, [(EP, 1)]),
    ("580", "missing until the 18th birthday, care ended E8", 2025,
     {EP: [cla("A", dec="01/12/2024", rec="E8")], MIS: [gone("A", "01/11/2024", "01/12/2024", dob="01/12/2006")]},
     None, []),
    ("576", "open last year, this year's period starts another day; child with no period this year", 2025,
     {EP: [cla("A"), cla("B")], MIS: [gone("A", "02/03/2024", "05/04/2024")]},
     {MIS: [gone("A", "01/03/2024"), gone("B", "01/03/2024")]}, [(MIS, 1), ("header", 2)]),
    ("576", "open last year and carried over", 2025, {EP: [cla("A")], MIS: [gone("A", "01/03/2024", "05/04/2024")]},
     {MIS: [gone("A", "01/03/2024")]}, []),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_rule(case, monkeypatch):
    case, kw = with_reference(case, monkeypatch)
    check_case(*case, **kw)
