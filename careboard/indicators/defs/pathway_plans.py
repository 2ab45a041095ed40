"""Pathway plans of young people in care aged 16 and over, from the council's activity log (timescales.md
section 2), the due dates worked out once, in the pathway_plan_due macro (indicators/due.py); and of care leavers,
from the latest review Ofsted's Annex A List 9 records of each."""

from __future__ import annotations

from ..base import Indicator
from ..due import CARE_LEAVER_PLAN_DUE, CARE_LEAVER_WITH_A_PLAN

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

CARE_LEAVER_PLANS = Indicator(
    id="care_leaver_pathway_plan_pct",
    title="Care leavers with an up-to-date pathway plan",
    unit="%",
    aggregate="share",
    window="at",
    polarity="high",
    numerator="Care leavers whose pathway plan was reviewed in the 6 months before the date of the list",
    denominator="Relevant and former relevant care leavers in Annex A List 9 (not those who have died or no longer "
                "want the council's services)",
    definition="Of the care leavers the council supports under a pathway plan (relevant and former relevant care "
               "leavers, not those who have died or no longer want its services), the share whose plan was reviewed "
               "in the last 6 months, as the council's Annex A List 9 records the latest review. One with no review "
               "recorded counts as not up to date. An earlier month's figure comes from the list taken that month.",
    technical="annex_a_care_leavers rows with ELIGIBILITY RELEVANT or FORMER_RELEVANT and IN_TOUCH neither DIED nor "
              "NREQ; counted when PATHWAY_PLAN_REVIEW_DATE plus 6 months (pathway_plan_review) is on or after the "
              "as-at date. No figure when no row records a PATHWAY_PLAN_REVIEW_DATE (the column missing).",
    sentence="{num} of the {den} care leavers the council supports under a pathway plan at the end of {month} had "
             "had it reviewed in the last 6 months ({value}).",
    sql=f"""
SELECT child, eligibility, in_touch, pathway_plan_review_date AS latest_review, personal_adviser, file_id, line_no,
       CASE WHEN {CARE_LEAVER_PLAN_DUE} >= {{as_at}} THEN 1 ELSE 0 END AS num
FROM annex_a_leavers
WHERE {CARE_LEAVER_WITH_A_PLAN} AND EXISTS (SELECT 1 FROM annex_a_leavers WHERE pathway_plan_review_date IS NOT NULL)
""",
    group="Care leavers",
    reference="Care Leavers (England) Regulations 2010; Ofsted Annex A List 9; timescales.md section 2",
    needs_recorded=("annex_a_leavers", "pathway_plan_review_date",
                    "latest pathway plan review dates of Annex A List 9"),
)

INDICATORS = (PATHWAY_PLANS, CARE_LEAVER_PLANS)
