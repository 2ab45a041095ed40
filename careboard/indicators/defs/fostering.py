"""Fostering: the council's own foster carers, how recruitment is going against the 8-month assessment
standard, and connected carers' temporary approvals (NMS 2011 standard 14; CPPCR regs 24-25). All but the
in-house share come from the fostering team's local lists (docs/local-lists.md)."""

from __future__ import annotations

from ...timescales import get as timescale
from ..base import Indicator
from ..due import STILL_IN_ASSESSMENT, TEMPORARY_APPROVAL_ENDS

GROUP = "Fostering"
REFERENCE = "Fostering Services: National Minimum Standards (2011); CPPCR 2010 regs 24-25; timescales.md section 3"
EIGHT_MONTHS = timescale("fostering_assessment")


def _of_type(kind: str, column: str) -> dict[str, str]:
    return {kind.lower(): f"count(CASE WHEN {column} = '{kind}' THEN 1 END)"}


HOUSEHOLDS = Indicator(
    id="fostering_households_count",
    title="Approved fostering households",
    unit="count",
    aggregate="count",
    window="at",
    polarity="high",
    numerator="Fostering households approved by the council and not deregistered at the end of the period",
    denominator="",
    definition="The council's own fostering households approved at the end of the month, of every type (mainstream, "
               "connected, short breaks, supported lodgings, staying put), with the places they are approved for. "
               "A household deregistered by then is not counted. From the fostering team's list of households.",
    technical="fostering_households rows with APPROVED on or before the as-at date and DEREGISTERED blank or after "
              "it; places is the sum of PLACES.",
    sentence="At the end of {month} the council had {num} approved fostering households ({mainstream} mainstream, "
             "{connected} connected and {other} of the other types: short breaks, supported lodgings or staying "
             "put), approved for {places} children.",
    sql="""
SELECT household, household_type, approved, places, file_id, line_no, 1 AS num
FROM fostering_households
WHERE approved <= {as_at} AND (deregistered IS NULL OR deregistered > {as_at})
""",
    decimals=0,
    extras={**_of_type("MAINSTREAM", "household_type"), **_of_type("CONNECTED", "household_type"),
            # the other types the list allows (one it does not allow is none of them: an error on loading)
            "other": "count(CASE WHEN household_type IN ('SHORT_BREAKS', 'SUPPORTED_LODGINGS', 'STAYING_PUT') "
                     "THEN 1 END)",
            "places": "coalesce(sum(places), 0)"},
    counts="households",
    group=GROUP,
    reference=REFERENCE,
)

IN_HOUSE_SHARE = Indicator(
    id="in_house_foster_pct",
    title="Children in foster care placed with the council's own foster carers",
    unit="%",
    aggregate="share",
    window="at",
    polarity="high",
    numerator="Children in foster care at the end of the period placed with the council's own carers",
    denominator="Children in foster care at the end of the period",
    definition="Of the children living with foster carers at the end of the month, the share whose carers are the "
               "council's own rather than an agency's or another council's.",
    technical="Children in care at the as-at date whose open episode is PLACE U1-U6; counted when PLACE_PROVIDER "
              "is PR1 (the council's own provision).",
    sentence="{num} of the {den} children in foster care at the end of {month} lived with the council's own foster "
             "carers ({value}).",
    sql="""
SELECT child, place, provider, file_id, line_no, CASE WHEN provider = 'PR1' THEN 1 ELSE 0 END AS num
FROM cla_on({as_at})
WHERE place IN {PLACE_FOSTER}
""",
    group=GROUP,
    reference="SSDA903 PLACE_PROVIDER; indicators.md",
    same_as=(("denominator", "foster_placement_pct.numerator"),),
)

def _approved(num: str, condition: str = "") -> str:
    """Applicants the panel approved in the period, one row each, `num` an expression over their dates."""
    return f"""
SELECT applicant, application_type, application, allocated, panel, file_id, line_no, {num} AS num
FROM fostering_applications
WHERE outcome = 'APPROVED' AND panel BETWEEN {{period_start}} AND {{period_end}}{condition}
"""


APPROVALS = Indicator(
    id="fostering_approvals_count",
    title="New fostering households approved",
    unit="count",
    aggregate="count",
    window="12m",
    polarity="high",
    numerator="Fostering applicants approved at panel in the 12 months",
    denominator="",
    definition="Applicants the fostering panel recommended for approval in the 12 months, mainstream and connected "
               "(family and friends) carers. From the fostering team's list of applications.",
    technical="fostering_applications with OUTCOME APPROVED and PANEL in the 12 months.",
    sentence="In the 12 months to {month}, {num} fostering households were approved: {mainstream} mainstream and "
             "{connected} connected.",
    sql=_approved("1"),
    decimals=0,
    extras={**_of_type("MAINSTREAM", "application_type"), **_of_type("CONNECTED", "application_type")},
    counts="approvals",
    group=GROUP,
    reference=REFERENCE,
)

WITHIN_8_MONTHS = Indicator(
    id="fostering_approved_in_8_months_pct",
    title="Fostering approvals within 8 months of the application",
    unit="%",
    aggregate="share",
    window="12m",
    polarity="high",
    numerator="Applicants approved in the 12 months whose panel came within 8 months of their application",
    denominator="Applicants approved at panel in the 12 months, with an application date",
    definition="Of the applicants approved in the 12 months, the share whose panel came within 8 months of their "
               "application to be assessed, the national minimum standard.",
    technical="As fostering_approvals_count, with APPLICATION recorded; counted when PANEL is on or before "
              "APPLICATION + 8 months.",
    sentence="{num} of the {den} fostering approvals in the 12 months to {month} came within 8 months of the "
             "application ({value}).",
    sql=_approved(f"CASE WHEN panel <= {EIGHT_MONTHS.due_sql('application')} THEN 1 ELSE 0 END",
                  " AND application IS NOT NULL"),
    counts="approvals",
    group=GROUP,
    reference=REFERENCE,
)

ALLOCATION_TO_PANEL = Indicator(
    id="fostering_allocation_to_panel_days",
    title="Days from allocation of an assessor to panel, for fostering approvals",
    unit="days",
    aggregate="mean",
    window="12m",
    polarity="low",
    numerator="Days from the assessment being allocated to the panel, summed over the approvals",
    denominator="Applicants approved at panel in the 12 months whose assessment was allocated",
    definition="For the applicants approved in the 12 months, the average number of days from their assessment "
               "being allocated to a social worker to the panel.",
    technical="As fostering_approvals_count, with ALLOCATED recorded: the mean of PANEL - ALLOCATED in days.",
    sentence="For the {den} fostering approvals in the 12 months to {month}, on average {value} days passed between "
             "the assessment being allocated and the panel.",
    sql=_approved("date_diff('day', allocated, panel)", " AND allocated IS NOT NULL"),
    decimals=0,
    counts="approvals",
    group=GROUP,
    reference=REFERENCE,
)

IN_ASSESSMENT = Indicator(
    id="fostering_in_assessment_count",
    title="Fostering applicants in assessment",
    unit="count",
    aggregate="count",
    window="at",
    polarity=None,
    numerator="Applicants whose application was received and who have not yet been to panel or withdrawn",
    denominator="",
    definition="Applicants to foster whose application to be assessed was received and who had not been to panel "
               "or withdrawn by the end of the month, with how many of them had passed 8 months since applying "
               "and how many had an assessor allocated.",
    technical="fostering_applications with APPLICATION on or before the as-at date and a PANEL after it, or no "
              "PANEL and no OUTCOME; past_8_months counts those whose APPLICATION + 8 months is before the as-at date.",
    sentence="At the end of {month}, {num} fostering applicants were being assessed; {allocated} had an assessor "
             "allocated and {past_8_months} had passed 8 months since applying.",
    sql=f"""
SELECT applicant, application_type, application, allocated, panel_predicted, file_id, line_no, 1 AS num,
       CASE WHEN {EIGHT_MONTHS.due_sql("application")} < {{as_at}} THEN 1 ELSE 0 END AS past_due
FROM fostering_applications
WHERE {STILL_IN_ASSESSMENT}
""",
    decimals=0,
    extras={"allocated": "count(allocated)", "past_8_months": "coalesce(sum(past_due), 0)"},
    counts="applications",
    group=GROUP,
    reference=REFERENCE,
)

TEMPORARY_PAST_DEADLINE = Indicator(
    id="temporary_approvals_past_deadline_count",
    title="Connected carers' temporary approvals past their deadline",
    unit="count",
    aggregate="count",
    window="at",
    polarity="low",
    numerator="Temporary approvals still running at the end of the period after the day they should have ended",
    denominator="",
    definition="Children placed with a connected person (a relative or friend) under a temporary approval still in "
               "force at the end of the month after its deadline: 16 weeks from the start, or the end of the one "
               "extension allowed. Also shown: how many temporary approvals are running and how many end within "
               "the next 4 weeks.",
    technical="temporary_approvals with APPROVAL_START on or before the as-at date and APPROVAL_END blank or after "
              "it; the deadline is EXTENDED_TO, else WEEK_16, else APPROVAL_START + 16 weeks; past when before the "
              "as-at date.",
    sentence="At the end of {month}, {num} of the {running} connected carers' temporary approvals had run past "
             "their deadline, and {ending_soon} end within 4 weeks.",
    sql=f"""
SELECT child, carer, approval_start, extended_to, ends_on, file_id, line_no,
       CASE WHEN ends_on < {{as_at}} THEN 1 ELSE 0 END AS num
FROM (SELECT *, {TEMPORARY_APPROVAL_ENDS} AS ends_on FROM temporary_approvals) t
WHERE approval_start <= {{as_at}} AND (approval_end IS NULL OR approval_end > {{as_at}})
""",
    decimals=0,
    extras={"running": "count(*)",
            "ending_soon": "count(CASE WHEN ends_on >= {as_at} AND ends_on <= CAST({as_at} + INTERVAL '28' DAY AS DATE) "
                           "THEN 1 END)"},
    counts="approvals",
    group=GROUP,
    reference=REFERENCE,
)

INDICATORS = (HOUSEHOLDS, IN_HOUSE_SHARE, APPROVALS, WITHIN_8_MONTHS, ALLOCATION_TO_PANEL, IN_ASSESSMENT,
              TEMPORARY_PAST_DEADLINE)
