"""Adoption and special guardianship support requests by month, with how many were answered within the
local standards (first contact, a visit and an assessment, each within its time of the referral), named by
placeholders filled from the timescales a run uses, as the indicators are (indicators/defs/adoption_support.py)."""

from __future__ import annotations

from ..base import Breakdown, Column

_STEPS = (("contact", "contacted", "support_contact", "Contact"), ("visit", "visited", "support_visit", "Visit"),
          ("assessment", "assessed", "support_assessment", "Assessment"))


def _columns(name: str, timescale_id: str, heading: str) -> tuple[Column, Column, Column]:
    # The share is of the requests whose time had passed by the as-at date, or done by then, as the figures count.
    return (Column(name, f"{heading} within {{timescale:{timescale_id}}}"),
            Column(f"{name}_due", f"{heading} due", shown=False),
            Column(f"{name}_pct", "%", "%", (name, f"{name}_due")))


SUPPORT_BY_MONTH = Breakdown(
    id="support_requests_by_month",
    title="Adoption and special guardianship support requests by month",
    section="Adoption support",
    description="Requests for adoption or special guardianship support referred in each of the last 12 months, and "
                "how many had first contact within {timescale:support_contact}, a visit within "
                "{timescale:support_visit} and an assessment within {timescale:support_assessment} of the referral "
                "(local standards: the council's own where its settings set them), done by the date of this report. "
                "Each share is of the requests whose time had passed by then, or done within it, as the figures "
                "count: a request still within its time and not yet answered is left out of it.",
    by="month",
    key_heading="Month referred",
    columns=(Column("requests", "Requests"),
             *(c for name, _, timescale_id, heading in _STEPS for c in _columns(name, timescale_id, heading))),
    sql=f"""
SELECT CAST(date_trunc('month', referral) AS DATE) AS month, count(*) AS requests,
       {", ".join(f"count(CASE WHEN {done} <= {{due:{timescale_id}, referral}} AND {done} <= {{as_at}} THEN 1 END) "
                  f"AS {name}, count(CASE WHEN {{due:{timescale_id}, referral}} <= {{as_at}} OR {done} <= {{as_at}} "
                  f"THEN 1 END) AS {name}_due" for name, done, timescale_id, _ in _STEPS)}
FROM support_requests
WHERE referral BETWEEN {{period_start}} AND {{period_end}}
GROUP BY CAST(date_trunc('month', referral) AS DATE)
""",
    reference="Local standards (timescales.toml: support_contact, support_visit, support_assessment), or the "
              "council's own (its settings' [timescales])",
    sheet="Support requests by month",
)

BREAKDOWNS = (SUPPORT_BY_MONTH,)
