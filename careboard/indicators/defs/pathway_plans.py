"""Pathway plans of young people in care aged 16 and over, from the council's activity log (timescales.md
section 2). The due dates are worked out once, in the pathway_plan_due macro (indicators/due.py)."""

from __future__ import annotations

from ..base import Indicator

PATHWAY_PLANS = Indicator(
    id="pathway_plan_pct",
    title="Young people in care aged 16 and over with an up-to-date pathway plan",
    unit="%",
    aggregate="share",
    window="at",
    polarity="high",
    numerator="Young people with a pathway plan made or reviewed in the last 6 months",
    denominator="Young people in care at the end of the period aged 16 or over whose first pathway plan was due "
                "(3 months after turning 16, or after coming into care if later)",
    definition="Young people in care at the end of the month aged 16 or over, once their first pathway plan was due "
               "(3 months after their 16th birthday, or after they came into care if that was later), counted when "
               "a pathway plan was made or reviewed in this period of care in the last 6 months. Plans come from "
               "the council's activity log. Care leavers who have left care are not counted here.",
    technical="pathway_plan_due at the as-at date: children in care aged 16+, the first plan due 3 months after the "
              "later of the 16th birthday and the start of the period of care, later ones 6 months after the last "
              "PATHWAY_PLAN. Counted once the first was due or one was made; on time: due date on or after the "
              "as-at date.",
    sentence="{num} of the {den} young people in care aged 16 or over at the end of {month} had an up-to-date "
             "pathway plan ({value}).",
    sql="""
SELECT child, dob, eligible_from, last_plan, due_date, team, worker, file_id, line_no,
       CASE WHEN due_date >= {as_at} THEN 1 ELSE 0 END AS num
FROM pathway_plan_due({as_at})
WHERE (last_plan IS NOT NULL OR due_date <= {as_at}) AND (due_known OR due_date < {as_at})
""",
    group="Care leavers",
    reference="CPPCR 2010 regs 42-43; Care Leavers (England) Regulations 2010; timescales.md section 2",
)

INDICATORS = (PATHWAY_PLANS,)
