"""Health and wellbeing of the OC2 cohort (indicators.md A10). Expected figures worked out by hand.

The as-at date is 31 January 2026, so the latest complete collection year is 2024/25 (1 April 2024 to
31 March 2025) and ages are taken at 31 March 2025. Children default to DOB 01/01/2010: aged 15.
"""

from datetime import date

import pytest

from tests.cohort import check, child, compute, ep, row

AS_AT = date(2026, 1, 31)
ITEMS = ("convicted", "health_check", "immunisations", "teeth_check", "health_assessment", "substance_misuse",
         "intervention_received", "intervention_offered")


def oc2(child_id, sdq_score="", sdq_reason="", **items) -> dict:
    """An OC2 row; items not named are 0, an item given as "" is left blank."""
    return row(child=child_id, sdq_score=sdq_score, sdq_reason=sdq_reason,
               **{i: items.get(i, "0") for i in ITEMS})


def in_care(*children) -> list[dict]:
    """Episodes for children looked after since 2023, so in the cohort for 2024/25."""
    return [ep(c, "01/01/2023") for c in children]


def year(episodes, oc2_rows, headers=()) -> dict:
    return {2025: {"episodes": list(episodes), "oc2": list(oc2_rows), "header": list(headers)}}


def aged(**dobs) -> list[dict]:
    return [child(c, dob=d) for c, d in dobs.items()]


CASES = [
    # (indicator, description, returns, expected)
    ("health_assessment_pct", "no OC2 row counts as not had; a child entering care on 2 April is not in the cohort",
     # A had it, B did not, C is in the cohort with no OC2 row; D started 02/04/2024 (after 1 April), so
     # is outside the cohort even though an OC2 row was returned for them. 1 of A, B, C = 33.3%.
     year(in_care("A", "B", "C") + [ep("D", "02/04/2024")],
          [oc2("A", health_assessment="1"), oc2("B"), oc2("D", health_assessment="1")]),
     {"num": 1, "den": 3, "value": 100 / 3, "no_oc2": 1}),
    ("health_assessment_pct", "entering care on 1 April itself is 12 months at 31 March",
     # E started 01/04/2024 and is open: in the cohort, with the assessment. F left care on 31/03/2025,
     # so was not looked after at 31 March. 1 of 1.
     year([ep("E", "01/04/2024"), ep("F", "01/01/2023", "31/03/2025", "E4A")],
          [oc2("E", health_assessment="1"), oc2("F", health_assessment="1")]),
     {"num": 1, "den": 1, "value": 100.0, "no_oc2": 0}),
    ("health_assessment_pct", "a short break in the year takes a child out; one before the year does not",
     # G moved to a V3 short-break episode in May 2024 (same period of care): excluded.
     # H had a short break in January 2023, then entered care on 01/03/2023: in the cohort, not assessed.
     # J is in the cohort and assessed. 1 of H, J = 50%.
     year([ep("G", "01/01/2023", "01/05/2024", "X1"), ep("G", "01/05/2024", rne="L", ls="V3"),
           ep("H", "01/01/2023", "01/02/2023", "E8", ls="V3"), ep("H", "01/03/2023")] + in_care("J"),
          [oc2("G", health_assessment="1"), oc2("H"), oc2("J", health_assessment="1")]),
     {"num": 1, "den": 2, "value": 50.0}),
    ("health_assessment_pct", "leaving and coming back in the year breaks 12 months; an X1 change does not",
     # K left on 01/09/2024 and came back on 01/10/2024: a new period, excluded.
     # L changed placement on 01/08/2024 (X1, RNE P): still one period, in the cohort and assessed. 1 of 1.
     year([ep("K", "01/01/2023", "01/09/2024", "E13"), ep("K", "01/10/2024"),
           ep("L", "01/01/2023", "01/08/2024", "X1"), ep("L", "01/08/2024", rne="P")],
          [oc2("K", health_assessment="1"), oc2("L", health_assessment="1")]),
     {"num": 1, "den": 1, "value": 100.0}),
    ("health_assessment_pct", "the latest complete year's OC2 is used, not the year before",
     # A is in both cohorts; assessed in 2023/24 but not in 2024/25. 0 of 1.
     {2024: {"episodes": in_care("A"), "oc2": [oc2("A", health_assessment="1")]},
      2025: {"episodes": in_care("A"), "oc2": [oc2("A")]}},
     {"num": 0, "den": 1, "value": 0.0}),
    ("immunisations_pct", "immunisations up to date over the whole cohort",
     # A up to date, B not. 1 of 2.
     year(in_care("A", "B"), [oc2("A", immunisations="1"), oc2("B")]),
     {"num": 1, "den": 2, "value": 50.0}),
    ("dental_check_pct", "a blank item counts as not had",
     # A checked, B blank, C no row. 1 of 3.
     year(in_care("A", "B", "C"), [oc2("A", teeth_check="1"), oc2("B", teeth_check="")]),
     {"num": 1, "den": 3, "value": 100 / 3, "no_oc2": 1}),
    ("development_check_pct", "under 5 at 31 March: a 31 March birthday makes a child 5",
     # P born 31/03/2020 is 5 on 31/03/2025: out. Q born 01/04/2020 is 4: in, checked.
     # R born 01/01/2022 is 3: in, not checked; S (aged 15) out. 1 of Q, R = 50%.
     year(in_care("P", "Q", "R", "S"),
          [oc2("P", health_check="1"), oc2("Q", health_check="1"), oc2("R"), oc2("S", health_check="1")],
          aged(P="31/03/2020", Q="01/04/2020", R="01/01/2022")),
     {"num": 1, "den": 2, "value": 50.0}),
    ("convicted_pct", "aged 10 to 17 at 31 March",
     # S born 01/04/2014 is 10: in, convicted. T born 01/04/2015 is 9: out. U born 01/04/2007 is 17: in,
     # not convicted. V born 31/03/2007 is 18 on 31/03/2025: out. 1 of S, U = 50%.
     year(in_care("S", "T", "U", "V"),
          [oc2("S", convicted="1"), oc2("T", convicted="1"), oc2("U"), oc2("V", convicted="1")],
          aged(S="01/04/2014", T="01/04/2015", U="01/04/2007", V="31/03/2007")),
     {"num": 1, "den": 2, "value": 50.0}),
    ("sdq_received_pct", "a reason instead of a score, or no OC2 row, is not received",
     # W scored 20; X has reason SDQ2 (carer refused); Y no OC2 row; Z aged 4 with a score is out.
     # 1 of W, X, Y = 33.3%, one with a reason.
     year(in_care("W", "X", "Y", "Z"),
          [oc2("W", sdq_score="20"), oc2("X", sdq_reason="SDQ2"), oc2("Z", sdq_score="12")],
          aged(Z="01/01/2021")),
     {"num": 1, "den": 3, "value": 100 / 3, "with_reason": 1}),
    ("sdq_mean", "mean of the scores of 5 to 16 year olds who have one",
     # A 10, B 21; C has a reason (left out); D aged 17 (born 01/01/2008) scored 40 (left out).
     # (10 + 21) / 2 = 15.5 over 2 children.
     year(in_care("A", "B", "C", "D"),
          [oc2("A", sdq_score="10"), oc2("B", sdq_score="21"), oc2("C", sdq_reason="SDQ5"),
           oc2("D", sdq_score="40")],
          aged(D="01/01/2008")),
     {"num": 31.0, "den": 2, "value": 15.5}),
    ("sdq_mean", "no scores: no value",
     year(in_care("A"), [oc2("A", sdq_reason="SDQ4")]),
     {"den": 0, "value": None}),
    ("sdq_concern_pct", "17 to 40 is a cause for concern; 16 is borderline",
     # Scores 16, 17, 40, 0 and one reason (left out): 17 and 40 count. 2 of 4.
     year(in_care("A", "B", "C", "D", "E"),
          [oc2("A", sdq_score="16"), oc2("B", sdq_score="17"), oc2("C", sdq_score="40"), oc2("D", sdq_score="0"),
           oc2("E", sdq_reason="SDQ3")]),
     {"num": 2, "den": 4, "value": 50.0}),
    ("substance_misuse_pct", "identified substance misuse over the whole cohort",
     # A identified, B not, C no row. 1 of 3.
     year(in_care("A", "B", "C"), [oc2("A", substance_misuse="1"), oc2("B")]),
     {"num": 1, "den": 3, "value": 100 / 3}),
    ("substance_intervention_pct", "received an intervention, of those with a problem; refused is not received",
     # A misuse, received; B misuse, offered and refused; C no misuse but 'received' (not in the base).
     # 1 of A, B = 50%.
     year(in_care("A", "B", "C"),
          [oc2("A", substance_misuse="1", intervention_received="1"),
           oc2("B", substance_misuse="1", intervention_offered="1"),
           oc2("C", intervention_received="1")]),
     {"num": 1, "den": 2, "value": 50.0}),
]


@pytest.mark.parametrize("indicator,description,returns,expected", CASES, ids=[c[1] for c in CASES])
def test_health(indicator, description, returns, expected):
    check(compute(indicator, returns, AS_AT), expected)
