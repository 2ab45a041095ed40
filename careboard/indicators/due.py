"""When each child's next visit, health assessment, dental check, PEP and pathway plan falls due, and which
return home interviews were offered in time: table macros over the model, each taking the date it is
worked out at, so the on-time indicators and the due lists read one definition.

Each macro gives a row per child in care on that date (per missing incident for return interviews) with the
last time it was done, from the council's activity log, and `due_date`, the last day the next one is on
time (timescales.toml). Something is on time on a date when its due date is that date or later; it is
overdue once the due date has passed. `team` and `worker` are those of the child's latest statutory visit (or
latest activity of any kind, when no visit is logged).
The bodies are plain SQL every engine reads alike, so one text serves each dialect.
"""

from __future__ import annotations

from ..model import filled
from ..sql import Macro
from ..timescales import get as timescale
from .base import Assumed


def _due(timescale_id: str, start: str) -> str:
    return timescale(timescale_id).due_sql(start)


def _last_done(column: str, kind: str, since: str | None, cohort: str = "in_care") -> str:
    """CTEs: `log`, the day the activity log begins (its earliest entry), and `seen`, each child of `cohort` with
    the latest date (as `column`) of an activity matching the condition `kind` on a.activity, from the date
    expression `since` (None: any time) up to the date d."""
    after = f" AND a.done_on >= {since}" if since else ""
    return f"""log AS (SELECT min(done_on) AS covered_from FROM activities),
seen AS (
  SELECT i.child, max(a.done_on) AS {column}
  FROM {cohort} i JOIN activities a ON a.child = i.child AND a.activity {kind}{after} AND a.done_on <= d
  GROUP BY i.child
)"""


# A log begun after something first fell due does not say whether it was done before: with nothing logged
# since, the due date is not known, and the latest it can be is an interval after the day before the log
# begins (as if done that day). Such a row is `due_known` false; the on-time figures count it only once that
# latest date has passed (surely late), as the reviews do for care begun before the return (review_schedule).
_BEFORE_LOG = "l.covered_from - 1"


def _due_date(last: str, first_due: str, next_due: str, latest: str) -> str:
    """SQL columns due_date and due_known for a macro's row: `next_due` after the `last` done, `first_due` when
    nothing is logged and that falls in the log, else `latest` (from _BEFORE_LOG)."""
    return (f"CASE WHEN {last} IS NOT NULL THEN {next_due} WHEN {first_due} >= l.covered_from THEN {first_due} "
            f"ELSE {latest} END AS due_date,\n       ({last} IS NOT NULL OR {first_due} >= l.covered_from) AS due_known")


# The team and worker of each child's latest statutory visit up to the date (their social worker), or of their
# latest activity when no visit is logged: the latest of any kind put an overdue visit against the nurse who
# did the health assessment.
_WORKERS = """SELECT child,
            coalesce(value_at_max(CASE WHEN activity = 'VISIT' THEN team END, done_on),
                     value_at_max(team, done_on)) AS team,
            coalesce(value_at_max(CASE WHEN activity = 'VISIT' THEN worker END, done_on),
                     value_at_max(worker, done_on)) AS worker
     FROM activities WHERE done_on <= d GROUP BY child"""
# What each due-date macro's rows (alias i) take from the CTE `seen` and the workers.
_JOINED = f"CROSS JOIN log l\nLEFT JOIN seen s ON s.child = i.child\nLEFT JOIN ({_WORKERS}) w ON w.child = i.child"

# Statutory visits (CPPCR reg 28): the first within a week of a placement starting, then at most 6 weeks
# apart, or 3 months apart once a child has been over a year in a placement meant to last (PLACE_LONG_TERM
# stands in for the care plan's word on that). A child living at home (P1) under an interim care order (C1), or
# placed with a relative or friend (U1-U3) whom the list of temporary approvals shows approved for now under reg
# 24, is visited weekly until the first review of this period of care, then at most 4 weeks apart (reg 28(4)): a
# return without its reviews (read as none) keeps such a child on weekly visits, the safer reading, rather than
# leaving every child's visits unworked-out. Without that list loaded, a connected carer's child is visited as any
# fostered child. Only visits since the placement began count.
def _visit_due(last: str) -> str:
    return (f"CASE WHEN i.weekly_at_first AND NOT i.reviewed THEN {_due('visit_weekly_before_review', last)} "
            f"WHEN i.weekly_at_first THEN {_due('visit_weekly_after_review', last)} "
            f"WHEN i.long_term THEN {_due('visit_interval_long_term', last)} ELSE {_due('visit_interval', last)} END")


_VISITS = f"""
WITH placed AS (
  SELECT c.child, p.place, p.placement_start, c.file_id, c.line_no,
         p.placement_start < add_years(d, -1) AND p.place IN {{PLACE_LONG_TERM}} AS long_term,
         (p.place = 'P1' AND c.ls = 'C1'
          OR p.place IN {{PLACE_CONNECTED}}
             AND EXISTS (SELECT 1 FROM temporary_approvals t WHERE t.child = c.child AND t.approval_start <= d
                                                               AND (t.approval_end IS NULL OR t.approval_end > d)))
           AS weekly_at_first,
         EXISTS (SELECT 1 FROM reviews r WHERE r.child = c.child AND r.review_date >= c.period_start
                 AND r.review_date <= d) AS reviewed
  FROM cla_on(d) c JOIN placements p ON p.child = c.child AND p.placement_seq = c.placement_seq
),
{_last_done("last_visit", "= 'VISIT'", "i.placement_start", cohort="placed")}
SELECT i.child, i.place, i.placement_start, i.long_term, s.last_visit,
       {_due_date("s.last_visit", _due("visit_first", "i.placement_start"), _visit_due("s.last_visit"),
                  _visit_due(_BEFORE_LOG))},
       w.team, w.worker, i.file_id, i.line_no
FROM placed i {_JOINED}"""

# Without the list of temporary approvals, no child placed with a relative or friend can be told to be on weekly
# visits under reg 24: each is visited as any fostered child, and the figure and the list say so.
TEMPORARY_APPROVALS_UNKNOWN = Assumed(
    "temporary_approvals",
    """SELECT c.child FROM cla_on({as_at}) c JOIN placements p ON p.child = c.child AND p.placement_seq = c.placement_seq
WHERE p.place IN {PLACE_CONNECTED}""",
    "The council's list of temporary approvals is not loaded, so children placed with a relative or friend are "
    "taken to be visited at least every 6 weeks, as other fostered children are. A child whose carer is approved "
    "only for now (a temporary approval) is due a visit every week until the first review, then every 4 weeks: "
    "load the list to count them so.")

# Health assessments: the initial one within 20 working days of coming into care (one in the 3 months before
# serves), then review assessments at most 6 months apart before the fifth birthday and 12 months apart after
# it: 6 months after the last one when the child is still under 5 on that day, else 12 months. (Not the age on
# the date the list is drawn up: a review missed at 4 would vanish from the list once the child turned 5.)
def _review_due(last: str) -> str:
    return (f"CASE WHEN age_on(i.dob, {_due('rha_under_5', last)}) < 5 THEN {_due('rha_under_5', last)} "
            f"ELSE {_due('rha_5_plus', last)} END")


_HEALTH = f"""
WITH in_care AS (
  SELECT c.child, c.period_start, ch.dob, age_on(ch.dob, d) AS age, c.file_id, c.line_no
  FROM cla_on(d) c LEFT JOIN children ch ON ch.child = c.child
),
{_last_done("last_assessment", "IN {ACTIVITY_HEALTH_ASSESSMENT}", timescale("iha_earlier").before_sql("i.period_start"))}
SELECT i.child, i.dob, i.age, i.period_start, s.last_assessment,
       CASE WHEN s.last_assessment IS NULL AND {_due("iha", "i.period_start")} >= l.covered_from THEN 'initial'
            ELSE 'review' END AS assessment,
       {_due_date("s.last_assessment", _due("iha", "i.period_start"), _review_due("s.last_assessment"),
                  _review_due(_BEFORE_LOG))},
       w.team, w.worker, i.file_id, i.line_no
FROM in_care i {_JOINED}"""

# Dental checks: at most 12 months apart, one before care began counting; a child with none recorded is due
# 12 months after coming into care.
_DENTAL = f"""
WITH in_care AS (SELECT child, period_start, file_id, line_no FROM cla_on(d)),
{_last_done("last_check", "= 'DENTAL'", None)}
SELECT i.child, i.period_start, s.last_check,
       {_due_date("s.last_check", _due("dental", "i.period_start"), _due("dental", "s.last_check"),
                  _due("dental", _BEFORE_LOG))},
       w.team, w.worker, i.file_id, i.line_no
FROM in_care i {_JOINED}"""

# Personal education plans of children of school age: in school Years 1 to 11, that is aged 5 to 15 on the 31 August
# the school year began after (a 16-year-old in Year 11 still has one; a 5-year-old in Reception not yet). The
# first within 10 working days of coming into care, or of starting Year 1 (1 September) for a child in care then,
# then reviewed each term (4 months at most). Only plans of this period of care count.
_SCHOOL_YEAR_BEGAN = "date_of(CASE WHEN month(d) >= 9 THEN year(d) ELSE year(d) - 1 END, 8, 31)"
_PEP = f"""
WITH in_care AS (
  SELECT c.child, c.period_start, age_on(ch.dob, d) AS age, c.file_id, c.line_no,
         greatest(c.period_start,
                  date_of(year(ch.dob) + CASE WHEN month(ch.dob) >= 9 THEN 6 ELSE 5 END, 9, 1)) AS counted_from
  FROM cla_on(d) c JOIN children ch ON ch.child = c.child
  WHERE age_on(ch.dob, {_SCHOOL_YEAR_BEGAN}) BETWEEN 5 AND 15
),
{_last_done("last_pep", "= 'PEP'", "i.period_start")}
SELECT i.child, i.age, i.period_start, s.last_pep,
       {_due_date("s.last_pep", _due("pep_first", "i.counted_from"), _due("pep_review", "s.last_pep"),
                  _due("pep_review", _BEFORE_LOG))},
       w.team, w.worker, i.file_id, i.line_no
FROM in_care i {_JOINED}"""

# Pathway plans of young people in care aged 16 or over: the first within 3 months of turning 16 (or of
# coming into care, if later), then reviewed at most 6 months apart. Plans of this period of care count.
_PATHWAY = f"""
WITH in_care AS (
  SELECT c.child, c.period_start, ch.dob, greatest(add_years(ch.dob, 16), c.period_start) AS eligible_from,
         c.file_id, c.line_no
  FROM cla_on(d) c JOIN children ch ON ch.child = c.child
  WHERE age_on(ch.dob, d) >= 16
),
{_last_done("last_plan", "= 'PATHWAY_PLAN'", "i.period_start")}
SELECT i.child, i.dob, i.eligible_from, s.last_plan,
       {_due_date("s.last_plan", _due("pathway_plan_first", "i.eligible_from"),
                  _due("pathway_plan_review", "s.last_plan"), _due("pathway_plan_review", _BEFORE_LOG))},
       w.team, w.worker, i.file_id, i.line_no
FROM in_care i {_JOINED}"""

# Return home interviews: each missing incident (M; not "away") the child had come back from by the date,
# with the first offer and the first interview done on or after the return and before the next incident.
# The offer is due within 72 hours of the return (timescale return_interview, whole days).
_RETURN_INTERVIEWS = f"""
WITH returned AS (
  SELECT child, mis_start, mis_end, file_id, line_no,
         lead(mis_start) OVER (PARTITION BY child ORDER BY mis_start) AS next_start
  FROM missing WHERE missing_type = 'M'
)
SELECT r.child, r.mis_start AS went_missing, r.mis_end AS returned_on,
       {_due("return_interview", "r.mis_end")} AS offer_due,
       min(a.done_on) FILTER (WHERE a.activity IN {{ACTIVITY_RETURN_INTERVIEW_OFFERED}}) AS offered_on,
       min(a.done_on) FILTER (WHERE a.activity = 'RHI_DONE') AS interviewed_on,
       max(w.team) AS team, max(w.worker) AS worker, r.file_id, r.line_no
FROM returned r
LEFT JOIN activities a ON a.child = r.child AND a.done_on >= r.mis_end AND a.done_on <= d
     AND (r.next_start IS NULL OR a.done_on < r.next_start)
LEFT JOIN ({_WORKERS}) w ON w.child = r.child
WHERE r.mis_end IS NOT NULL AND r.mis_end <= d
GROUP BY r.child, r.mis_start, r.mis_end, r.file_id, r.line_no"""


def _macro(name: str, body: str) -> Macro:
    sql = filled(body, {})
    return Macro(name, ("d",), sql, sql, sql, table=True)


MACROS = tuple(_macro(name, body) for name, body in (
    ("visits_due", _VISITS), ("health_due", _HEALTH), ("dental_due", _DENTAL), ("pep_due", _PEP),
    ("pathway_plan_due", _PATHWAY), ("return_interviews", _RETURN_INTERVIEWS)))


# The day a connected carer's temporary approval runs out: the extension's end, else the 16-week date the
# list records, else 16 weeks from the start (CPPCR regs 24-25). Over the temporary_approvals view.
TEMPORARY_APPROVAL_ENDS = (f"coalesce(extended_to, week_16, "
                           f"{timescale('temporary_approval').due_sql('approval_start')})")

# Whether a fostering application is still being assessed on the date {as_at}: received by then and not yet
# to panel; one with an outcome but no panel date (withdrawn) has ended, whenever that was.
STILL_IN_ASSESSMENT = "application <= {as_at} AND coalesce(panel > {as_at}, outcome IS NULL)"

# Care leavers the council supports under a pathway plan, relevant and former relevant (not those who have died or
# no longer want its services), and the day each one's next review is due, as Annex A List 9 records the latest
# (Care Leavers (England) Regulations 2010). Over the annex_a_leavers view.
CARE_LEAVER_WITH_A_PLAN = ("eligibility IN {CARE_LEAVER_WITH_A_PLAN} "
                           "AND coalesce(in_touch NOT IN {IN_TOUCH_NO_LONGER_SUPPORTED}, true)")
CARE_LEAVER_PLAN_DUE = timescale("pathway_plan_review").due_sql("pathway_plan_review_date")
