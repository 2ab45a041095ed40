"""Statutory visits to children in care on time (CPPCR reg 28; timescales.md section 2), from the council's
activity log. The due dates are worked out once, in the visits_due macro (indicators/due.py), which the
visits-due list reads too."""

from __future__ import annotations

from ..base import Indicator
from ..due import TEMPORARY_APPROVALS_UNKNOWN

VISITS_ON_TIME = Indicator(
    id="visits_on_time_pct",
    title="Children in care whose statutory visits are up to date",
    unit="%",
    aggregate="share",
    window="at",
    polarity="high",
    numerator="Children in care at the end of the period visited within their visiting interval",
    denominator="Children in care at the end of the period who had been due a visit (in their placement a week "
                "or more, or visited there already)",
    definition="Children in care at the end of the month whose social worker's statutory visits were up to date: "
               "visited within a week of their placement starting, and since then at least every 6 weeks, or "
               "every 3 months for a child settled for over a year in a placement meant to last (long-term "
               "fostering or a placement for adoption); a child at home on an interim care order, or with a "
               "relative or friend approved for now as a foster carer, weekly until the first review, then every "
               "4 weeks. A child placed less than a week ago and not yet visited is not yet due. Visits come from "
               "the council's activity log, temporary approvals from the council's list of them where loaded.",
    technical="Children in care at the as-at date (cla_on) with, from the activity log, the latest VISIT since "
              "their current placement began; due 1 week after the placement start when none, else 6 weeks after "
              "the last visit, or 3 months when the placement began over a year before and is PLACE U1, U4 or "
              "A3-A6; 1 week, then 4 weeks after the first review of the period, for PLACE P1 under LS C1, and for "
              "PLACE U1-U3 with a temporary approval of the child's in force at the as-at date (temporary_approvals: "
              "APPROVAL_START on or before it, APPROVAL_END blank or after it). On time: due date on or after the "
              "as-at date.",
    sentence="{num} of the {den} children in care at the end of {month} had their statutory visits up to date "
             "({value}).",
    sql="""
SELECT child, place, placement_start, last_visit, due_date, team, worker, file_id, line_no,
       CASE WHEN due_date >= {as_at} THEN 1 ELSE 0 END AS num
FROM visits_due({as_at})
WHERE (last_visit IS NOT NULL OR due_date <= {as_at}) AND (due_known OR due_date < {as_at})
""",
    group="Statutory visits",
    reference="CPPCR 2010 reg 28; timescales.md section 2",
    assumed=(TEMPORARY_APPROVALS_UNKNOWN,),
)

INDICATORS = (VISITS_ON_TIME,)
