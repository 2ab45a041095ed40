"""Visits, health assessments, dental checks, PEPs, pathway plans and return home interviews on time, from a
hand-written activity log beside a 903 return. Figures worked by hand.

Report date Friday 31 January 2025. Working days (England and Wales): 1 Dec 2024 + 20 = 31 Dec (Christmas
and Boxing Day skipped); 2 Jan 2025 + 20 = 30 Jan; 10 Jan + 20 = 7 Feb; 1 Dec 2024 + 10 = 13 Dec.
"""

from datetime import date

import pytest

from careboard.indicators import calculate, registry
from tests.shared_context import shared_context
from tests.cohort import activity, check, context, ep, row

AS_AT = date(2025, 1, 31)


def log(*rows) -> list[dict]:
    return list(rows)


# --- Statutory visits -------------------------------------------------------------------------------------
# V1 placed 01/10/2024, last visit 20/12/2024: due 6 weeks on, 31/01/2025, the report date -> on time.
# V2 placed 01/10/2024, last visit 19/12/2024: due 30/01/2025 -> overdue.
# V3 placed 28/01/2025, not visited: first visit due 04/02/2025 -> not yet due, not counted.
# V4 placed 20/01/2025, not visited: due 27/01/2025 -> overdue.
# V5 in long-term foster care (U4) since 01/06/2023, over a year: 3-monthly, last 05/11/2024 -> due 05/02/2025.
# V6 the same but U6 (not long-term): 6-weekly, last 05/11/2024 -> due 17/12/2024, overdue.
# V7 moved placement 01/01/2025; its last visit, 20/12/2024, was to the placement before: a visit to the new
#    one was due 08/01/2025 -> overdue.
#   6 children due a visit, 2 up to date (V1, V5) -> 33.3%
VISITS = {2025: {
    "episodes": [ep("V1", "01/10/2024"), ep("V2", "01/10/2024"), ep("V3", "28/01/2025"), ep("V4", "20/01/2025"),
                 ep("V5", "01/06/2023"), ep("V6", "01/06/2023", place="U6"),
                 ep("V7", "01/06/2023", "01/01/2025", "X1", place="U6"), ep("V7", "01/01/2025", rne="P", place="U6")],
    "child_activities": log(activity("V1", "VISIT", "05/10/2024"), activity("V1", "VISIT", "10/11/2024"),
                            activity("V1", "VISIT", "20/12/2024"), activity("V2", "VISIT", "05/10/2024"),
                            activity("V2", "VISIT", "19/12/2024"), activity("V5", "VISIT", "05/11/2024"),
                            activity("V6", "VISIT", "05/11/2024"), activity("V7", "VISIT", "20/12/2024"))}}

# --- Initial health assessments (financial year to date: 1 April 2024 - 31 January 2025) ------------------
# I1 came into care 01/12/2024: due 31/12/2024, assessed that day in area -> on time.
# I2 came into care 01/12/2024, assessed 02/01/2025 out of area -> late.
# I3 came into care 02/01/2025: due 30/01/2025, not assessed -> late (in neither area count).
# I4 came into care 10/01/2025: due 07/02/2025 -> not yet due, not counted.
# I5 came into care 01/11/2024 and went home 15/11/2024, before it was due -> not counted.
# I6 came into care 01/12/2024, assessed out of area on 15/10/2024, in the 3 months before -> on time.
# I7 came into care 01/03/2024, before the financial year -> not counted.
# I8 came into care 03/01/2025: due 31/01/2025, the as-at date, not yet assessed -> not late yet, not counted
#    (the health list has it due, not overdue).
# I9 came into care 01/06/2024 (assessed 10/06), went home 01/08/2024 and came back 01/12/2024: the new
#    period's assessment was due 31/12/2024 (Christmas and Boxing Day inside) and none is recorded -> late.
#   5 children, 2 on time -> 40%; in area 1 of 1, out of area 1 of 2.
IHA = {2025: {
    "episodes": [ep("I1", "01/12/2024"), ep("I2", "01/12/2024"), ep("I3", "02/01/2025"), ep("I4", "10/01/2025"),
                 ep("I5", "01/11/2024", "15/11/2024", "E4A"), ep("I6", "01/12/2024"), ep("I7", "01/03/2024"),
                 ep("I8", "03/01/2025"), ep("I9", "01/06/2024", "01/08/2024", "E4A"), ep("I9", "01/12/2024")],
    "child_activities": log(activity("I1", "IHA", "31/12/2024", area="IN"), activity("I2", "IHA", "02/01/2025", area="OUT"),
                            activity("I6", "IHA", "15/10/2024", area="OUT"), activity("I7", "IHA", "01/04/2024"),
                            activity("I9", "IHA", "10/06/2024", area="IN"))}}

# --- Review health assessments (in care over a year at 31/01/2025) ----------------------------------------
# R1 aged 2, last assessed 01/08/2024: due 6 months on, 01/02/2025 -> up to date.
# R2 aged 2, last assessed 15/07/2024: due 15/01/2025 -> overdue.
# R3 aged 10, last assessed 01/03/2024: due 01/03/2025 -> up to date.
# R4 aged 10, last assessed 30/01/2024: due 30/01/2025 -> overdue.
# R5 in care since 01/06/2024, not a year -> not counted.
# R6 aged 10, in care since 2020, never assessed -> overdue.
# R7 aged 5 since 10/12/2024, last assessed at 4 on 10/02/2024: still under 5 six months on, so due 10/08/2024
#    -> overdue (yearly from the age on the date would make it due 10/02/2025).
#   6 children, 2 up to date -> 33.3%: under 5, 1 of 2; 5 and over, 1 of 4.
RHA = {2025: {
    "episodes": [ep("R1", "01/01/2023"), ep("R2", "01/01/2023"), ep("R3", "01/01/2020"), ep("R4", "01/01/2020"),
                 ep("R5", "01/06/2024"), ep("R6", "01/01/2020"), ep("R7", "01/06/2020")],
    "child_activities": log(activity("R1", "RHA", "01/08/2024"), activity("R2", "RHA", "15/07/2024"),
                            activity("R3", "RHA", "01/03/2024"), activity("R4", "IHA", "30/01/2024"),
                            activity("R5", "IHA", "10/06/2024"), activity("R7", "RHA", "10/02/2024"))}}
RHA_DOBS = {"R1": "01/06/2022", "R2": "01/06/2022", "R3": "01/01/2015", "R4": "01/01/2015", "R5": "01/01/2015",
            "R6": "01/01/2015", "R7": "10/12/2019"}

# --- Dental checks (in care over a year) ------------------------------------------------------------------
# D1 checked 01/02/2024 and D2 31/01/2024 (exactly 12 months) -> up to date; D3 checked 30/01/2024 -> overdue;
# D4 never checked -> overdue; D5 checked only before care, 01/06/2022 -> overdue; D6 in care under a year.
#   5 children, 2 up to date -> 40%
DENTAL = {2025: {
    "episodes": [ep(c, "01/01/2023") for c in ("D1", "D2", "D3", "D4", "D5")] + [ep("D6", "01/03/2024")],
    "child_activities": log(activity("D1", "DENTAL", "01/02/2024"), activity("D2", "DENTAL", "31/01/2024"),
                            activity("D3", "DENTAL", "30/01/2024"), activity("D5", "DENTAL", "01/06/2022"),
                            activity("D6", "DENTAL", "01/04/2024"))}}

# --- PEPs (school Years 1 to 11: aged 5 to 15 on 31/08/2024; in care a month or more) ---------------------
# P1 PEP 01/10/2024: due 01/02/2025 -> up to date. P2 PEP 30/09/2024: due 30/01/2025 -> overdue.
# P3 in care since 01/12/2024, no PEP: first due 13/12/2024 -> overdue. P4 aged 3 and P5 aged 17 (16 on
# 31/08/2024): not school age. P6 in care since 15/01/2025, under a month. P7 in care since 01/06/2024; its only
# PEP, 01/03/2024, was before this period of care -> overdue, and no plan in this period.
# P8 is 16 since 20/10/2024 but in Year 11 (15 on 31/08/2024); PEP 05/12/2024, due 05/04/2025 -> up to date.
# P9 is 5 since 10/12/2024 but in Reception (4 on 31/08/2024): not yet of school age, though in care since 2023.
# P10 started Year 1 on 01/09/2024, in care since 01/06/2023 (aged 3): first PEP due 10 working days after
#   starting Year 1, 13/09/2024 -> overdue (not 10 working days after coming into care).
#   6 children, 2 up to date -> 33.3%; 3 with a plan in this period of care.
PEP = {2025: {
    "episodes": [ep("P1", "01/01/2024"), ep("P2", "01/01/2024"), ep("P3", "01/12/2024"), ep("P4", "01/01/2024"),
                 ep("P5", "01/01/2024"), ep("P6", "15/01/2025"), ep("P7", "01/06/2024"), ep("P8", "01/01/2020"),
                 ep("P9", "01/06/2023"), ep("P10", "01/06/2023")],
    "child_activities": log(activity("P1", "PEP", "01/10/2024"), activity("P2", "PEP", "30/09/2024"),
                            activity("P4", "PEP", "01/10/2024"), activity("P7", "PEP", "01/03/2024"),
                            activity("P8", "PEP", "05/12/2024"))}}
PEP_DOBS = {"P4": "01/01/2022", "P5": "01/01/2008", "P8": "20/10/2008", "P9": "10/12/2019", "P10": "15/06/2019",
            **{c: "01/01/2015" for c in ("P1", "P2", "P3", "P6", "P7")}}

# --- Pathway plans (in care, aged 16 or over) -------------------------------------------------------------
# W1 16 on 01/06/2024, plan 15/08/2024: next due 15/02/2025 -> up to date. W2 16 on 01/06/2024, plan
# 01/07/2024: due 01/01/2025 -> overdue. W3 16 on 01/12/2024: first due 01/03/2025 -> not yet counted.
# W4 16 on 01/09/2024, no plan: first due 01/12/2024 -> overdue. W5 17, came into care 01/12/2024: first
# due 01/03/2025 -> not yet counted. W6 aged 13.
#   3 young people, 1 up to date -> 33.3%
PATHWAY = {2025: {
    "episodes": [ep(c, "01/01/2020") for c in ("W1", "W2", "W3", "W4", "W6")] + [ep("W5", "01/12/2024")],
    "child_activities": log(activity("W1", "PATHWAY_PLAN", "15/08/2024"), activity("W2", "PATHWAY_PLAN", "01/07/2024"))}}
PATHWAY_DOBS = {"W1": "01/06/2008", "W2": "01/06/2008", "W3": "01/12/2008", "W4": "01/09/2008", "W5": "01/01/2008",
                "W6": "01/01/2012"}

# --- Return home interviews (12 months to 31/01/2025) -----------------------------------------------------
# M1 back 12/01/2025: offered 13/01, interviewed 15/01 (72 hours: by 15/01) -> both on time.
# M2 back 02/12/2024: offered 06/12, interviewed 10/12 -> neither on time, but interviewed.
# M3 back 29/01/2025: 72 hours not yet passed -> not counted. M4 away, not missing -> not counted.
# M5 back 02/11/2024 and missing again 03/11-04/11; interviewed 05/11: that answers the second incident only.
# M6 back 02/01/2024, before the 12 months.
# M7 back 28/01/2025: due by 31/01, the as-at date, and not yet offered -> not late yet, not counted.
# M8 back 28/01/2025, offered 30/01 and interviewed 31/01 -> both on time.
#   5 incidents (M1, M2, M5 twice, M8): offered in time 3, interviewed in time 3, interviewed at all 4.
RETURNS = {2025: {
    "episodes": [ep(c, "01/01/2023") for c in ("M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8")],
    "missing": [row(child="M1", missing="M", mis_start="10/01/2025", mis_end="12/01/2025"),
                row(child="M2", missing="M", mis_start="01/12/2024", mis_end="02/12/2024"),
                row(child="M3", missing="M", mis_start="28/01/2025", mis_end="29/01/2025"),
                row(child="M4", missing="A", mis_start="05/01/2025", mis_end="06/01/2025"),
                row(child="M5", missing="M", mis_start="01/11/2024", mis_end="02/11/2024"),
                row(child="M5", missing="M", mis_start="03/11/2024", mis_end="04/11/2024"),
                row(child="M6", missing="M", mis_start="01/01/2024", mis_end="02/01/2024"),
                row(child="M7", missing="M", mis_start="27/01/2025", mis_end="28/01/2025"),
                row(child="M8", missing="M", mis_start="27/01/2025", mis_end="28/01/2025")],
    "child_activities": log(activity("M1", "RHI_OFFERED", "13/01/2025"), activity("M1", "RHI_DONE", "15/01/2025"),
                            activity("M2", "RHI_OFFERED", "06/12/2024"), activity("M2", "RHI_DONE", "10/12/2024"),
                            activity("M4", "RHI_DONE", "07/01/2025"), activity("M5", "RHI_DONE", "05/11/2024"),
                            activity("M8", "RHI_OFFERED", "30/01/2025"), activity("M8", "RHI_DONE", "31/01/2025"))}}

CASES = [
    # (indicator, description, returns, dates of birth, expected)
    ("visits_on_time_pct", "6-weekly, 3-monthly after a year in a long-term placement, only visits to this placement",
     VISITS, None, {"num": 2, "den": 6, "value": 100 / 3}),
    ("iha_on_time_pct", "20 working days from coming into care; one in the 3 months before counts",
     IHA, None, {"num": 2, "den": 5, "value": 40.0, "in_area": 1, "in_area_on_time": 1, "out_area": 2,
                 "out_area_on_time": 1}),
    ("rha_on_time_pct", "6-monthly under 5, yearly from 5, for children in care over a year",
     RHA, RHA_DOBS, {"num": 2, "den": 6, "value": 100 * 2 / 6, "under_5": 2, "under_5_on_time": 1, "aged_5_plus": 4,
                     "aged_5_plus_on_time": 1}),
    ("dental_on_time_pct", "a check exactly 12 months ago is in time; one before care is not",
     DENTAL, None, {"num": 2, "den": 5, "value": 40.0}),
    ("pep_up_to_date_pct", "school age, in care a month; a plan from an earlier period of care does not count",
     PEP, PEP_DOBS, {"num": 2, "den": 6, "value": 100 * 2 / 6, "with_plan": 3}),
    ("pathway_plan_pct", "due 3 months after 16 or after coming into care, then 6-monthly",
     PATHWAY, PATHWAY_DOBS, {"num": 1, "den": 3, "value": 100 / 3}),
    ("rhi_offered_72h_pct", "offered within 72 hours of each return; away incidents left out",
     RETURNS, None, {"num": 3, "den": 5, "value": 60.0}),
    ("rhi_done_72h_pct", "held within 72 hours; an interview answers the incident it follows",
     RETURNS, None, {"num": 3, "den": 5, "value": 60.0, "held_at_all": 4}),
]

@pytest.mark.parametrize("indicator,description,returns,dobs,expected", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_activities(indicator, description, returns, dobs, expected):
    check(calculate.compute(shared_context(returns, AS_AT, dobs), registry.get(indicator)), expected)
