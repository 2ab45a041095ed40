"""Connected carers' temporary approvals running out or past their deadline, and fostering assessments
running past the 8 months the national minimum standards allow: the fostering team's lists.

The deadlines are the ones the fostering indicators count by (indicators/due.py, timescales.toml).
"""

from __future__ import annotations

from ...indicators.due import STILL_IN_ASSESSMENT, TEMPORARY_APPROVAL_ENDS
from ...timescales import get as timescale
from ..base import Column, due_columns_sql, due_list

_WHO = (Column("team", "the team named in the list, where recorded"),
        Column("worker", "the worker named in the list, where recorded"))


TEMPORARY_APPROVALS_DUE = due_list(
    id="temporary_approvals_due",
    title="Connected carers' temporary approvals ending or past their deadline",
    description="Children placed with a relative or friend under a temporary approval still in force whose "
                "deadline has passed (overdue) or falls within the days asked for: 16 weeks from the start, or the "
                "16-week date the list records, or the end of the one extension allowed (as recorded: an extension "
                "of more than 8 weeks is a warning on loading). By then the carer should be fully approved, or the "
                "child placed elsewhere.",
    key=Column("child", "the child's ID, as in the return"),
    columns=(Column("carer", "the carer's ID in the list"),
             Column("approval_start", "the day the temporary approval began"),
             Column("extended_to", "the end of the extension, where one was granted"), *_WHO),
    sql=f"""
SELECT child, {due_columns_sql("ends_on")}, carer, approval_start, extended_to, team, worker
FROM (SELECT *, {TEMPORARY_APPROVAL_ENDS} AS ends_on FROM temporary_approvals) t
WHERE approval_start <= {{as_at}} AND (approval_end IS NULL OR approval_end > {{as_at}}) AND ends_on <= {{until}}
ORDER BY ends_on, child, carer
""",
    row_is="approval",
    reference="CPPCR 2010 regs 24-25; timescales.md section 3",
    sheet="Temporary approvals",
)

FOSTERING_ASSESSMENTS_DUE = due_list(
    id="fostering_assessments_due",
    title="Fostering assessments past or near 8 months",
    description="Applicants to foster still being assessed (application received, no panel yet, not withdrawn) "
                "whose 8 months from the application have passed (overdue) or end within the days asked for: the "
                "national minimum standard for the panel's recommendation.",
    key=Column("applicant", "the applicant's ID in the list of applications"),
    columns=(Column("application_type", "mainstream or connected (family and friends)",
                    values=("MAINSTREAM", "CONNECTED")),
             Column("application", "the day the application to be assessed was received"),
             Column("allocated", "the day an assessing social worker was allocated; blank when none yet"),
             Column("panel_predicted", "the panel date the team expects, where recorded"), *_WHO),
    sql=f"""
SELECT applicant, {due_columns_sql("due_on")}, application_type, application, allocated, panel_predicted, team, worker
FROM (SELECT *, {timescale("fostering_assessment").due_sql("application")} AS due_on FROM fostering_applications) a
WHERE {STILL_IN_ASSESSMENT} AND due_on <= {{until}}
ORDER BY due_on, applicant
""",
    row_is="assessment",
    reference="Fostering Services: National Minimum Standards (2011), standard 14.4",
    sheet="Fostering assessments",
)

LISTS = (TEMPORARY_APPROVALS_DUE, FOSTERING_ASSESSMENTS_DUE)
