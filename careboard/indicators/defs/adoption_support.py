"""Adoption and special guardianship support: how quickly requests are answered. There is no national
timescale; careboard follows the local standards a council reported to its committee (first contact within 48
hours, a visit within 10 days and an assessment within 45 days of the referral; timescales.md section 4),
declared in timescales.toml as local, so a council can see where they come from and set its own in its
settings file. The words and SQL name each timescale by a placeholder, filled from the timescales a run uses
(careboard.timescales.timed); the ids keep their names whatever amount a council sets. From the council's
list of support requests (docs/local-lists.md)."""

from __future__ import annotations

from ...timescales import get as timescale
from ..base import Indicator

GROUP = "Adoption support"


def _within(id: str, timescale_id: str, column: str, step: str) -> Indicator:
    within = f"{{timescale:{timescale_id}}}"
    return Indicator(
        id=id,
        title=f"Adoption and special guardianship support requests with {step} within {within}",
        unit="%",
        aggregate="share",
        window="12m",
        polarity="high",
        numerator=f"Requests referred in the 12 months with {step} within {within} of the referral",
        denominator=f"Requests referred in the 12 months whose {within} had passed by the end of the period",
        definition=f"Of the requests for adoption or special guardianship support referred in the 12 months, the "
                   f"share with {step} within {within} of the referral. There is no national timescale: "
                   f"{{standard:{timescale_id}}}. A request still within its {within} is counted once they have "
                   f"passed, or once it is done.",
        technical=f"support_requests with REFERRAL in the 12 months and REFERRAL + {within} on or before the as-at "
                  f"date (or {column.upper()} by then); counted when {column.upper()} is on or before that day. "
                  f"The timescale is {timescale_id}, which a council may set in its settings' [timescales].",
        sentence=f"{{num}} of the {{den}} support requests referred in the 12 months to {{month}} had {step} within "
                 f"{within} ({{value}}).",
        sql=f"""
SELECT request, support_type, referral, {column}, due_date, file_id, line_no,
       CASE WHEN {column} <= due_date THEN 1 ELSE 0 END AS num
FROM (SELECT *, {{due:{timescale_id}, referral}} AS due_date FROM support_requests) r
WHERE referral BETWEEN {{period_start}} AND {{period_end}} AND (due_date <= {{as_at}} OR {column} <= {{as_at}})
""",
        extras={"adoption": "count(CASE WHEN support_type = 'ADOPTION' THEN 1 END)",
                "sgo": "count(CASE WHEN support_type = 'SGO' THEN 1 END)"},
        counts="requests",
        group=GROUP,
        reference=f"{timescale(timescale_id).source} (local standard); timescales.md section 4",
    )


INDICATORS = (
    _within("support_contact_48h_pct", "support_contact", "contacted", "first contact"),
    _within("support_visit_10d_pct", "support_visit", "visited", "a visit"),
    _within("support_assessment_45d_pct", "support_assessment", "assessed", "an assessment"),
)
