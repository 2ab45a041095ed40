"""Health assessments and dental checks on time, from the council's activity log (timescales.md section 2):
the initial health assessment within 20 working days of coming into care, split by whether it was done in
or out of the council's area, review health assessments by age, and dental checks. The due dates of the
last two are worked out once, in the health_due and dental_due macros (indicators/due.py)."""

from __future__ import annotations

from ...timescales import get as timescale
from ..base import Indicator

GROUP = "Health assessments"
REFERENCE = "CPPCR 2010 reg 7; Promoting the health and well-being of looked-after children (2015); timescales.md"


def _area_counts(area: str) -> dict[str, str]:
    name = area.lower()
    return {f"{name}_area": f"count(CASE WHEN area = '{area}' THEN 1 END)",
            f"{name}_area_on_time": f"count(CASE WHEN area = '{area}' AND num = 1 THEN 1 END)"}


# Each child's latest period of care starting in the period whose initial assessment was due by the as-at date
# and who was still in care that day (so a child who came back into care is judged on the assessment the
# health list asks for), with their first initial assessment from 3 months before care began. One due on the
# as-at date itself and not yet done is not late, as the list has it due, not overdue.
_IHA = f"""
WITH started AS (
  SELECT child, period_no, period_start, period_end, due_date FROM (
    SELECT child, period_no, period_start, period_end, due_date,
           row_number() OVER (PARTITION BY child ORDER BY period_start DESC) AS latest
    FROM (SELECT child, period_no, period_start, period_end, {timescale("iha").due_sql("period_start")} AS due_date
          FROM periods
          WHERE NOT short_breaks_only AND period_start BETWEEN {{period_start}} AND {{period_end}}) p
    WHERE due_date <= {{as_at}} AND (period_end IS NULL OR period_end > due_date)
  ) p WHERE latest = 1
)
SELECT s.child, s.period_start AS entered_care, s.due_date, min(a.done_on) AS assessed_on,
       value_at_min(a.area, a.done_on) AS area,
       CASE WHEN min(a.done_on) <= s.due_date THEN 1 ELSE 0 END AS num
FROM started s
LEFT JOIN activities a ON a.child = s.child AND a.activity = 'IHA' AND a.done_on <= {{as_at}}
     AND a.done_on >= {timescale("iha_earlier").before_sql("s.period_start")}
GROUP BY s.child, s.period_no, s.period_start, s.due_date
HAVING s.due_date < {{as_at}} OR min(a.done_on) IS NOT NULL
"""

IHA_ON_TIME = Indicator(
    id="iha_on_time_pct",
    title="Children coming into care with an initial health assessment within 20 working days",
    unit="%",
    aggregate="share",
    window="ytd",
    polarity="high",
    numerator="Children whose initial health assessment was done within 20 working days of coming into care",
    denominator="Children who came into care since 1 April and were still in care 20 working days later",
    definition="Children who came into care since the start of the financial year, were still in care 20 working "
               "days later and had their initial health assessment within those 20 working days (one done in "
               "the 3 months before they came into care counts). The split in and out of area is by where the "
               "assessment was done; a child not yet assessed is in neither. Assessments come from the "
               "council's activity log.",
    technical="Latest period of care (not only short breaks) starting in the window per child whose IHA was due by "
              "the as-at date (due that day and not yet done: not counted); due on the 20th "
              "working day after the start (England and Wales bank holidays). On time: the first IHA in the "
              "activity log dated from 3 months before the start, on or before the due date. AREA of that IHA "
              "gives the split.",
    sentence="Since the start of the financial year, {num} of the {den} children who came into care had their "
             "initial health assessment within 20 working days ({value}); {in_area_on_time} of {in_area} done in "
             "the area and {out_area_on_time} of {out_area} done out of the area were on time.",
    sql=_IHA,
    extras={**_area_counts("IN"), **_area_counts("OUT")},
    group=GROUP,
    reference=REFERENCE,
)


def _age_counts(name: str, condition: str) -> dict[str, str]:
    return {name: f"count(CASE WHEN {condition} THEN 1 END)",
            f"{name}_on_time": f"count(CASE WHEN {condition} AND num = 1 THEN 1 END)"}


RHA_ON_TIME = Indicator(
    id="rha_on_time_pct",
    title="Children in care over a year whose health assessments are up to date",
    unit="%",
    aggregate="share",
    window="at",
    polarity="high",
    numerator="Children whose latest health assessment was within 6 months (under 5) or 12 months (5 and over)",
    denominator="Children in care at the end of the period who had been in care for more than 12 months",
    definition="Children in care at the end of the month who had been in care for more than a year, counted when "
               "their latest health assessment, initial or review, was recent enough: within 6 months for a child "
               "under 5, within 12 months for a child of 5 or over. Assessments come from the council's "
               "activity log.",
    technical="health_due at the as-at date, children whose current period of care began more than a year "
              "before; latest IHA or RHA from 3 months before the period began; on time: due date (6 months after "
              "it if the child is still under 5 on that day, else 12 months) on or after the as-at date.",
    sentence="{num} of the {den} children in care for more than a year at the end of {month} had an up-to-date "
             "health assessment ({value}): {under_5_on_time} of {under_5} under 5 and {aged_5_plus_on_time} of "
             "{aged_5_plus} aged 5 or over.",
    sql="""
SELECT child, age, period_start, last_assessment, due_date, team, worker, file_id, line_no,
       CASE WHEN due_date >= {as_at} THEN 1 ELSE 0 END AS num
FROM health_due({as_at})
WHERE period_start < add_years({as_at}, -1) AND (due_known OR due_date < {as_at})
""",
    extras={**_age_counts("under_5", "age < 5"), **_age_counts("aged_5_plus", "age >= 5")},
    group=GROUP,
    reference=REFERENCE,
)

DENTAL_ON_TIME = Indicator(
    id="dental_on_time_pct",
    title="Children in care over a year with a dental check in the last 12 months",
    unit="%",
    aggregate="share",
    window="at",
    polarity="high",
    numerator="Children whose latest dental check was within the 12 months to the end of the period",
    denominator="Children in care at the end of the period who had been in care for more than 12 months",
    definition="Children in care at the end of the month who had been in care for more than a year, counted when "
               "they had a dental check in the 12 months before. Dental checks come from the council's activity "
               "log.",
    technical="dental_due at the as-at date, children whose current period of care began more than a year "
              "before; on time: the latest DENTAL in the activity log 12 months or less before the as-at date.",
    sentence="{num} of the {den} children in care for more than a year at the end of {month} had a dental check "
             "in the last 12 months ({value}).",
    sql="""
SELECT child, period_start, last_check, due_date, team, worker, file_id, line_no,
       CASE WHEN due_date >= {as_at} THEN 1 ELSE 0 END AS num
FROM dental_due({as_at})
WHERE period_start < add_years({as_at}, -1) AND (due_known OR due_date < {as_at})
""",
    group=GROUP,
    reference="SSDA903 guide (OC2 dental checks); timescales.md",
)

INDICATORS = (IHA_ON_TIME, RHA_ON_TIME, DENTAL_ON_TIME)
