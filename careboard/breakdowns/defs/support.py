"""Adoption and special guardianship support requests by month, with how many were answered within the
local standards (first contact within 48 hours, a visit within 10 days, an assessment within 45 days)."""

from __future__ import annotations

from ...timescales import get as timescale
from ..base import Breakdown, Column


def _within(column: str, timescale_id: str) -> str:
    return f"count(CASE WHEN {column} <= {timescale(timescale_id).due_sql('referral')} THEN 1 END)"


SUPPORT_BY_MONTH = Breakdown(
    id="support_requests_by_month",
    title="Adoption and special guardianship support requests by month",
    section="Adoption support",
    description="Requests for adoption or special guardianship support referred in each of the last 12 months, and "
                "how many had first contact within 48 hours, a visit within 10 days and an assessment within 45 "
                "days of the referral (local standards). The latest months' requests may still be within time.",
    by="month",
    key_heading="Month referred",
    columns=(Column("requests", "Requests"),
             Column("contact", "Contact within 48 hours"), Column("contact_pct", "%", "%", ("contact", "requests")),
             Column("visit", "Visit within 10 days"), Column("visit_pct", "%", "%", ("visit", "requests")),
             Column("assessment", "Assessment within 45 days"),
             Column("assessment_pct", "%", "%", ("assessment", "requests"))),
    sql=f"""
SELECT CAST(date_trunc('month', referral) AS DATE) AS month, count(*) AS requests,
       {_within("contacted", "support_contact")} AS contact,
       {_within("visited", "support_visit")} AS visit,
       {_within("assessed", "support_assessment")} AS assessment
FROM support_requests
WHERE referral BETWEEN {{period_start}} AND {{period_end}}
GROUP BY CAST(date_trunc('month', referral) AS DATE)
""",
    reference="Local standards (timescales.toml: support_contact, support_visit, support_assessment)",
)

BREAKDOWNS = (SUPPORT_BY_MONTH,)
