"""Care leavers' pathway plan reviews overdue or falling due soon: the leaving care team's list, from Ofsted
Annex A List 9 as the council keeps it (the 903 holds no pathway plan dates for young people who have left care).

A pathway plan is reviewed at least every 6 months for as long as the council supports the young person under
it: relevant and former relevant care leavers (Care Leavers (England) Regulations 2010). Qualifying care leavers,
given advice and assistance without a plan, and young people who have died or no longer want the council's
services are not listed. One with no review recorded is overdue, as no date tells when one was held.
"""

from __future__ import annotations

from ...indicators.due import CARE_LEAVER_PLAN_DUE as _DUE
from ...indicators.due import CARE_LEAVER_WITH_A_PLAN
from ..base import Column, due_columns_sql, due_list

CARE_LEAVER_PLANS_DUE = due_list(
    id="care_leaver_plans_due",
    title="Care leavers' pathway plan reviews overdue or due soon",
    description="Care leavers with a pathway plan (relevant and former relevant, as Annex A List 9 records them; "
                "not those who have died or no longer want the council's services) whose plan's review is "
                "overdue, or falls due within the days asked for: 6 months after the latest review the list "
                "records. One with no review recorded is overdue, with no due date. The list is read as the "
                "workbook loaded records it: a review held since it was drawn up is not known.",
    key=Column("child", "the young person's ID in Annex A List 9"),
    columns=(Column("latest_review", "the latest review of the pathway plan List 9 records; blank when none"),
             Column("eligibility", "relevant or former relevant care leaver", values=("RELEVANT", "FORMER_RELEVANT")),
             Column("in_touch", "whether the council is in touch (YES, NO, or REFU: the young person refuses "
                                "contact)"),
             Column("personal_adviser", "the personal adviser List 9 names, where recorded"),
             Column("team", "the team List 9 names, where recorded"),
             Column("worker", "the worker List 9 names, where recorded")),
    sql=f"""
SELECT child, {due_columns_sql(_DUE)}, pathway_plan_review_date AS latest_review, eligibility, in_touch,
       personal_adviser, team, worker
FROM annex_a_leavers
WHERE {CARE_LEAVER_WITH_A_PLAN} AND coalesce({_DUE} <= {{until}}, true)
ORDER BY {_DUE} NULLS FIRST, child
""",
    row_is="plan",
    reference="Care Leavers (England) Regulations 2010; CPPCR 2010 reg 43; timescales.md section 2",
    sheet="Care leavers' plans",
    needs_recorded=("annex_a_leavers", "pathway_plan_review_date",
                    "Annex A List 9 records the date of the latest pathway plan review for none of its care leavers "
                    "(its column Latest Pathway Plan Review Date is missing or empty): add the dates to the workbook "
                    "and load it again"),
)

LISTS = (CARE_LEAVER_PLANS_DUE,)
