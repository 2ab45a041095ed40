"""Personal education plans in place and up to date, from the council's activity log (timescales.md
section 2). The due dates are worked out once, in the pep_due macro (indicators/due.py)."""

from __future__ import annotations

from ..base import Indicator

PEP_UP_TO_DATE = Indicator(
    id="pep_up_to_date_pct",
    title="Children of school age in care with an up-to-date personal education plan",
    unit="%",
    aggregate="share",
    window="at",
    polarity="high",
    numerator="Children with a personal education plan reviewed in the last school term (4 months)",
    denominator="Children in school Years 1 to 11 in care at the end of the period who had been in care for at "
                "least a month",
    definition="Children of school age (school Years 1 to 11) in care at the end of the month who had been in care "
               "for at least a month, counted when their personal education plan was made or reviewed in this "
               "period of care within the last term (taken as 4 months). Plans come from the council's activity log.",
    technical="pep_due at the as-at date, children aged 5-15 on the 31 August the school year began after, whose "
              "current period of care began a month or more before; the first PEP due 10 working days after the "
              "later of the period's start and 1 September of Year 1, later ones 4 months after the last. On time: "
              "due date on or after the as-at date.",
    sentence="A personal education plan was in place and up to date for {num} of the {den} children of school age "
             "in care at the end of {month} ({value}); {with_plan} had a plan in this period of care.",
    sql="""
SELECT child, age, period_start, last_pep, due_date, team, worker, file_id, line_no,
       CASE WHEN due_date >= {as_at} THEN 1 ELSE 0 END AS num
FROM pep_due({as_at})
WHERE period_start <= CAST({as_at} - INTERVAL '1' MONTH AS DATE) AND (due_known OR due_date < {as_at})
""",
    extras={"with_plan": "count(last_pep)"},
    group="Education",
    reference="Promoting the education of looked-after children (2018); timescales.md section 2",
)

INDICATORS = (PEP_UP_TO_DATE,)
