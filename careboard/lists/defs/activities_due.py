"""Visits, health assessments, dental checks, PEPs, pathway plans and return home interviews overdue or
falling due soon: the lists social workers and their managers work through each morning.

The due dates come from the macros the on-time indicators read (indicators/due.py), where the timescales are
applied, so a child overdue here is the child the indicator counts as late. Longest overdue first; the team
and worker are those of the child's latest statutory visit in the council's activity log (their social
worker), or of their latest activity when no visit is logged. Where the first fell due before the log begins
and nothing is logged since, the due date is the latest it can be (indicators/due.py).
"""

from __future__ import annotations

from ...indicators.due import TEMPORARY_APPROVALS_UNKNOWN
from ..base import Column, OperationalList, due_columns_sql, due_list

_CHILD = Column("child", "the child's ID, as in the return and the activity log")
_WHO = (Column("team", "the team of the child's latest statutory visit in the activity log (of their latest activity "
                       "when no visit is logged), where recorded"),
        Column("worker", "the worker of the child's latest statutory visit in the activity log (of their latest "
                         "activity when no visit is logged), where recorded"))


def _sql(macro: str, columns: str, condition: str = "", due: str = "due_date") -> str:
    """The list from a due-date macro: `due` is the macro's column holding the last day on time."""
    return f"""
SELECT child, {due_columns_sql(due)}, {columns}, team, worker
FROM {macro}({{as_at}})
WHERE {due} <= {{until}}{condition}
ORDER BY {due}, child
"""


def _due_list(id: str, title: str, description: str, columns: tuple[Column, ...], sql: str, row_is: str,
              reference: str, sheet: str, assumed: tuple = ()) -> OperationalList:
    return due_list(id, title, description, _CHILD, (*columns, *_WHO), sql, row_is, reference, sheet, assumed=assumed)


VISITS_DUE = _due_list(
    "visits_due", "Statutory visits overdue or due soon",
    "Children in care whose next statutory visit is overdue or falls due within the days asked for: the first "
    "within a week of a placement starting, then at least every 6 weeks, or every 3 months once a child has been "
    "over a year in a placement meant to last (long-term fostering or a placement for adoption); a child at home on "
    "an interim care order, or with a relative or friend approved for now as a foster carer (where the list of "
    "temporary approvals is loaded), weekly until the first review, then every 4 weeks. Only visits since the "
    "current placement began count.",
    (Column("last_visit", "the latest visit recorded since the placement began; blank when none"),
     Column("placement_start", "the day the child's current placement began")),
    _sql("visits_due", "last_visit, placement_start"), "visit", "CPPCR 2010 reg 28; timescales.md section 2", "Statutory visits",
    assumed=(TEMPORARY_APPROVALS_UNKNOWN,))

HEALTH_DUE = _due_list(
    "health_assessments_due", "Health assessments overdue or due soon",
    "Children in care whose initial health assessment (within 20 working days of coming into care) or next review "
    "health assessment (6-monthly under 5, yearly from 5) is overdue or falls due within the days asked for.",
    (Column("assessment", "initial when no assessment is recorded since shortly before care began, else review",
            values=("initial", "review")),
     Column("last_assessment", "the latest initial or review health assessment recorded; blank when none")),
    _sql("health_due", "assessment, last_assessment"), "assessment",
    "CPPCR 2010 reg 7; Promoting the health and well-being of looked-after children (2015)",
    "Health assessments")

DENTAL_DUE = _due_list(
    "dental_checks_due", "Dental checks overdue or due soon",
    "Children in care whose yearly dental check is overdue or falls due within the days asked for; a child with "
    "none recorded is due a year after coming into care.",
    (Column("last_check", "the latest dental check recorded; blank when none"),),
    _sql("dental_due", "last_check"), "check", "SSDA903 guide (OC2 dental checks)", "Dental checks")

PEPS_DUE = _due_list(
    "peps_due", "Personal education plans overdue or due soon",
    "Children of school age (school Years 1 to 11) in care whose personal education plan is overdue or falls due "
    "within the days asked for: the first within 10 working days of coming into care (or of starting Year 1, for a "
    "child in care before then), then reviewed each term (4 months at most). A child in care for less than a month "
    "is listed too, though the figure for plans up to date counts only children in care for a month or more.",
    (Column("last_pep", "the latest PEP of this period of care; blank when none"),),
    _sql("pep_due", "last_pep"), "plan", "Promoting the education of looked-after children (2018)",
    "Personal education plans")

PATHWAY_PLANS_DUE = _due_list(
    "pathway_plans_due", "Pathway plans overdue or due soon",
    "Young people in care aged 16 or over whose pathway plan is overdue or falls due within the days asked for: "
    "the first 3 months after turning 16 (or after coming into care, if later), then reviewed every 6 months.",
    (Column("last_plan", "the latest pathway plan of this period of care; blank when none"),),
    _sql("pathway_plan_due", "last_plan"), "plan", "CPPCR 2010 regs 42-43", "Pathway plans")

RETURN_INTERVIEWS_DUE = _due_list(
    "return_interviews_due", "Return home interviews not yet offered",
    "Missing incidents in the last 12 months after which no return home interview has been offered, whose 72 "
    "hours are past (overdue) or running out within the days asked for. An interview held shows one was offered.",
    (Column("went_missing", "the day the child went missing"),
     Column("returned_on", "the day the child came back")),
    _sql("return_interviews", "went_missing, returned_on",
         "\n  AND offered_on IS NULL AND returned_on > add_years({as_at}, -1)", due="offer_due"),
    "incident", "Statutory guidance on children who run away or go missing from home or care (DfE, 2014)",
    "Return home interviews")

LISTS = (VISITS_DUE, HEALTH_DUE, DENTAL_DUE, PEPS_DUE, PATHWAY_PLANS_DUE, RETURN_INTERVIEWS_DUE)
