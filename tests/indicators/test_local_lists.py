"""Fostering, private fostering and adoption support figures from hand-written local lists beside a 903
return. Figures worked by hand.

Report date Friday 31 January 2025; the 12 months run from 1 February 2024. Working days (England and
Wales): 1 Oct 2024 + 7 = 10 Oct; 1 Nov + 7 = 12 Nov; 27 Jan 2025 + 7 = 5 Feb; 1 Dec 2024 + 7 = 10 Dec.
"""

from datetime import date

import pytest

from careboard.indicators import calculate, registry
from tests.cohort import check, ep, row
from tests.shared_context import shared_context

AS_AT = date(2025, 1, 31)
IN_CARE = [ep("K", "01/01/2024")]    # a 903 return beside the lists, as a council loads them

# H1-H6: H3 deregistered 01/12/2024 and H5, approved 01/03/2025, is not yet: neither counts. H6 is
# deregistered after the report date, so it still counts. 4 households: 2 mainstream, 1 connected, 1 short
# breaks; 2 + 1 + 1 + 2 = 6 places.
HOUSEHOLDS = {2025: {"episodes": IN_CARE, "fostering_households": [
    row(household="H1", household_type="MAINSTREAM", approved="01/01/2020", places="2"),
    row(household="H2", household_type="CONNECTED", approved="01/06/2024", places="1"),
    row(household="H3", household_type="MAINSTREAM", approved="01/01/2019", places="3", deregistered="01/12/2024",
        dereg_reason="RETIRED"),
    row(household="H4", household_type="SHORT_BREAKS", approved="01/01/2023", places="1"),
    row(household="H5", household_type="MAINSTREAM", approved="01/03/2025", places="1"),
    row(household="H6", household_type="MAINSTREAM", approved="01/01/2021", places="2", deregistered="01/02/2025",
        dereg_reason="RETIRED")]}}
NO_HOUSEHOLDS = {2025: {"episodes": IN_CARE, "fostering_households": []}}
# Seen: a type the list does not allow was counted among "the other types: short breaks, supported lodgings or
# staying put".
UNKNOWN_TYPE = {2025: {"episodes": IN_CARE, "fostering_households": [
    row(household="H1", household_type="MAINSTREAM", approved="01/01/2020", places="2"),
    row(household="H2", household_type="Relative carer", approved="01/06/2024", places="1"),
    row(household="H3", household_type="STAYING_PUT", approved="01/06/2024", places="1")]}}

# A1 applied 01/03/2024, allocated 15/03, approved 01/10/2024: within 8 months (by 01/11); 200 days from allocation.
# A2 connected, applied and allocated 01/02/2024, approved 02/10/2024: a day past 8 months; 244 days.
# A3 approved 15/01/2024, before the 12 months. A9 approved 01/12/2024 with no dates recorded: an approval, but
#    in neither timeliness figure. A8 not approved; A6 withdrew.
# In assessment at 31/01/2025: A4 (applied 01/07/2024, allocated), A5 (applied 01/03/2024, not allocated, past
# 8 months), A7 (applied 01/12/2024, allocated; its panel on 15/02/2025 has not happened yet).
APPLICATIONS = {2025: {"episodes": IN_CARE, "fostering_applications": [
    row(applicant="A1", application_type="MAINSTREAM", application="01/03/2024", allocated="15/03/2024",
        panel="01/10/2024", outcome="APPROVED"),
    row(applicant="A2", application_type="CONNECTED", application="01/02/2024", allocated="01/02/2024",
        panel="02/10/2024", outcome="APPROVED"),
    row(applicant="A3", application_type="MAINSTREAM", application="01/03/2023", panel="15/01/2024", outcome="APPROVED"),
    row(applicant="A4", application_type="MAINSTREAM", application="01/07/2024", allocated="01/08/2024"),
    row(applicant="A5", application_type="MAINSTREAM", application="01/03/2024"),
    row(applicant="A6", application_type="MAINSTREAM", application="01/04/2024", outcome="WITHDRAWN"),
    row(applicant="A7", application_type="MAINSTREAM", application="01/12/2024", allocated="10/12/2024",
        panel_predicted="01/06/2025", panel="15/02/2025", outcome="APPROVED"),
    row(applicant="A8", application_type="MAINSTREAM", application="01/01/2024", panel="01/09/2024",
        outcome="NOT_APPROVED"),
    row(applicant="A9", application_type="MAINSTREAM", panel="01/12/2024", outcome="APPROVED")]}}

# T1 from 01/10/2024, no dates: 16 weeks end 21/01/2025 -> past. T2 extended to 17/03/2025. T3's 16 weeks end
# 04/02/2025 and T6's extension 16/02/2025: both within 4 weeks. T4 ended; T5 starts after the report date.
TEMPORARY = {2025: {"episodes": IN_CARE, "temporary_approvals": [
    row(child="T1", carer="C1", approval_start="01/10/2024"),
    row(child="T2", carer="C2", approval_start="01/10/2024", extended_to="17/03/2025"),
    row(child="T3", carer="C3", approval_start="15/10/2024", week_16="04/02/2025"),
    row(child="T4", carer="C4", approval_start="01/06/2024", approval_end="20/09/2024", end_outcome="FULL_APPROVAL"),
    row(child="T5", carer="C5", approval_start="01/02/2025"),
    row(child="T6", carer="C6", approval_start="01/09/2024", week_16="22/12/2024", extended_to="16/02/2025")]}}

# F1 visited within 7 working days (due 10/10/2024); F2 late (due 12/11, visited 13/11); F3's 7 days run to
# 05/02/2025, no visit yet: not counted in the share; F5 (police: "other") on time; F6 visited the next day,
# before its 7 days were out: counted, on time. F7's 7 days run to 31/01/2025, the as-at date, no visit yet: not
# late yet, not counted. F4 was notified before the 12 months.
PRIVATE = {2025: {"episodes": IN_CARE, "private_fostering": [
    row(child="F1", notified="01/10/2024", notified_by="SCHOOL", first_visit="08/10/2024"),
    row(child="F2", notified="01/11/2024", notified_by="PARENT", first_visit="13/11/2024"),
    row(child="F3", notified="27/01/2025", notified_by="HEALTH"),
    row(child="F4", notified="01/01/2024", notified_by="SCHOOL", first_visit="02/01/2024"),
    row(child="F5", notified="01/12/2024", notified_by="POLICE", first_visit="03/12/2024"),
    row(child="F6", notified="28/01/2025", notified_by="CARER", first_visit="29/01/2025"),
    row(child="F7", notified="22/01/2025", notified_by="SCHOOL")]}}
# Seen: a school admissions team's notification was "from others", and the sentence said "0 from schools".
ADMISSIONS = {2025: {"episodes": IN_CARE, "private_fostering": [
    row(child="F8", notified="01/10/2024", notified_by="SCHOOL_ADMISSIONS"),
    row(child="F9", notified="01/11/2024", notified_by="POLICE")]}}

# S1 referred 01/10/2024: contact 03/10 (48 hours: by 03/10), visit 11/10 (10 days: by 11/10), assessment
# 15/11 (45 days: by 15/11) -> all on time. S2 referred 01/11/2024: contact 04/11, visit 20/11, no assessment
# (due 16/12) -> all late. S3 referred 25/01/2025: contact 26/01 on time; its visit and assessment are not yet
# due. S4 was referred before the 12 months.
SUPPORT = {2025: {"episodes": IN_CARE, "support_requests": [
    row(request="S1", support_type="ADOPTION", referral="01/10/2024", contacted="03/10/2024", visited="11/10/2024",
        assessed="15/11/2024"),
    row(request="S2", support_type="SGO", referral="01/11/2024", contacted="04/11/2024", visited="20/11/2024"),
    row(request="S3", support_type="ADOPTION", referral="25/01/2025", contacted="26/01/2025"),
    row(request="S4", support_type="ADOPTION", referral="01/01/2024", contacted="02/01/2024")]}}

ONLY_OLD_REQUESTS = {2025: {"episodes": IN_CARE, "support_requests": SUPPORT[2025]["support_requests"][3:]}}

# C1 and C3 live with the council's own foster carers, C2 with an agency's; C4 is in a children's home.
IN_HOUSE = {2025: {"episodes": [ep("C1", "01/01/2024", place="U4", place_provider="PR1"),
                                ep("C2", "01/01/2024", place="U4", place_provider="PR4"),
                                ep("C3", "01/01/2024", place="U1", place_provider="PR1"),
                                ep("C4", "01/01/2024", place="R1", place_provider="PR1")]}}

CASES = [
    # (indicator, description, returns, expected)
    ("fostering_households_count", "approved and not deregistered on the report date", HOUSEHOLDS,
     {"value": 4.0, "mainstream": 2, "connected": 1, "other": 1, "places": 6}),
    ("fostering_households_count", "the list loaded without rows: none, not an unknown", NO_HOUSEHOLDS,
     {"value": 0.0, "places": 0}),
    ("fostering_households_count", "a type the list does not allow is counted, but as none of the types",
     UNKNOWN_TYPE, {"value": 3.0, "mainstream": 1, "connected": 0, "other": 1, "places": 4}),
    ("in_house_foster_pct", "the council's own carers among children in foster care", IN_HOUSE,
     {"num": 2, "den": 3, "value": 200 / 3}),
    ("fostering_approvals_count", "approved at panel in the 12 months, by type", APPLICATIONS,
     {"value": 3.0, "mainstream": 2, "connected": 1}),
    ("fostering_approved_in_8_months_pct", "8 months to the day is in time, a day more is not", APPLICATIONS,
     {"num": 1, "den": 2, "value": 50.0}),
    ("fostering_allocation_to_panel_days", "mean days from allocation to panel", APPLICATIONS,
     {"den": 2, "value": 222.0}),
    ("fostering_in_assessment_count", "applied, no panel yet, not withdrawn; a panel after the report date not yet",
     APPLICATIONS, {"value": 3.0, "allocated": 2, "past_8_months": 1}),
    ("temporary_approvals_past_deadline_count", "16 weeks, or the date recorded, or the extension", TEMPORARY,
     {"value": 1.0, "running": 4, "ending_soon": 2}),
    ("private_fostering_notifications_count", "notifications in the 12 months by who made them", PRIVATE,
     {"value": 6.0, "school": 2, "parent": 1, "health": 1, "carer": 1, "social_care": 0, "other": 1}),
    ("private_fostering_notifications_count", "a school's admissions team is a school", ADMISSIONS,
     {"value": 2.0, "school": 1, "other": 1}),
    ("private_fostering_first_visit_pct", "7 working days; a notification still within them counts once visited",
     PRIVATE, {"num": 3, "den": 4, "value": 75.0}),
    ("support_contact_48h_pct", "first contact within 48 hours", SUPPORT,
     {"num": 2, "den": 3, "value": 200 / 3, "adoption": 2, "sgo": 1}),
    ("support_visit_10d_pct", "a visit within 10 days; not yet due is left out", SUPPORT,
     {"num": 1, "den": 2, "value": 50.0}),
    ("support_assessment_45d_pct", "an assessment within 45 days; none made and overdue is late", SUPPORT,
     {"num": 1, "den": 2, "value": 50.0}),
    ("support_assessment_45d_pct", "no request referred in the 12 months: no figure", ONLY_OLD_REQUESTS,
     {"num": None, "den": 0, "value": None}),
    ("support_assessment_45d_pct", "the support requests not loaded: no figure, and no count", NO_HOUSEHOLDS,
     {"num": None, "den": None, "value": None}),
]


@pytest.mark.parametrize("indicator,description,returns,expected", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_local_lists(indicator, description, returns, expected):
    check(calculate.compute(shared_context(returns, AS_AT), registry.get(indicator)), expected)
