"""Adopter recruitment, from Ofsted's Annex A list 11: adopters approved, approved adopters waiting for a
match, and how long approval takes from the start of stage 1 (the two-stage process: stage 1 about 2 months,
stage 2 about 4; timescales.md section 4)."""

from __future__ import annotations

from ...timescales import get as timescale
from ..base import Indicator

GROUP = "Adoption"
REFERENCE = "Ofsted, Annex A list 11; Adoption Agencies Regulations 2005 as amended 2013; timescales.md section 4"

APPROVED = Indicator(
    id="adopters_approved_count",
    title="Adopters approved",
    unit="count",
    aggregate="count",
    window="12m",
    polarity="high",
    numerator="Prospective adopters approved in the 12 months",
    denominator="",
    definition="Prospective adopters the agency approved in the 12 months. From the council's Annex A list 11.",
    technical="annex_a_adopters rows with APPROVED_DATE in the 12 months.",
    sentence="In the 12 months to {month}, {num} adopters were approved.",
    sql="""
SELECT adopter, approved, file_id, line_no, 1 AS num
FROM annex_a_adopters WHERE approved BETWEEN {period_start} AND {period_end}
""",
    decimals=0,
    counts="approvals",
    group=GROUP,
    reference=REFERENCE,
)

WAITING = Indicator(
    id="adopters_waiting_count",
    title="Approved adopters waiting to be matched",
    unit="count",
    aggregate="count",
    window="at",
    polarity=None,
    numerator="Approved adopters not yet matched with children and still in the process at the end of the period",
    denominator="",
    definition="Adopters approved and not yet matched with a child at the end of the month, leaving out those who "
               "have left the process; with how many have waited more than 3 months since approval. From the "
               "council's Annex A list 11.",
    technical="annex_a_adopters rows with APPROVED_DATE on or before the as-at date, MATCHED_DATE and LEFT_DATE "
              "blank or after it; over_3_months counts those approved more than 3 months before.",
    sentence="At the end of {month}, {num} approved adopters were waiting to be matched, {over_3_months} of them "
             "for more than 3 months.",
    sql="""
SELECT adopter, approved, file_id, line_no, 1 AS num,
       CASE WHEN approved < CAST({as_at} - INTERVAL '3' MONTH AS DATE) THEN 1 ELSE 0 END AS long_wait
FROM annex_a_adopters
WHERE approved <= {as_at} AND (matched IS NULL OR matched > {as_at}) AND (left_on IS NULL OR left_on > {as_at})
""",
    decimals=0,
    extras={"over_3_months": "coalesce(sum(long_wait), 0)"},
    counts="approvals",
    group=GROUP,
    reference=REFERENCE,
)

DAYS_TO_APPROVAL = Indicator(
    id="adopter_approval_days",
    title="Days from the start of stage 1 to approval, for adopters approved",
    unit="days",
    aggregate="mean",
    window="12m",
    polarity="low",
    numerator="Days from the start of stage 1 to approval, summed over the adopters approved",
    denominator="Adopters approved in the 12 months whose stage 1 start is recorded",
    definition="For the adopters approved in the 12 months, the average number of days from the start of stage 1 "
               "(the agency accepting their registration of interest) to approval; the two stages are expected to "
               "take about 6 months together. From the council's Annex A list 11.",
    technical="annex_a_adopters rows with APPROVED_DATE in the 12 months and STAGE1_START_DATE recorded: the mean of "
              "APPROVED_DATE - STAGE1_START_DATE in days.",
    sentence="For the {den} adopters approved in the 12 months to {month}, on average {value} passed between the "
             "start of stage 1 and approval.",
    sql="""
SELECT adopter, stage1_start, approved, file_id, line_no, date_diff('day', stage1_start, approved) AS num
FROM annex_a_adopters WHERE approved BETWEEN {period_start} AND {period_end} AND stage1_start IS NOT NULL
""",
    decimals=0,
    counts="approvals",
    group=GROUP,
    reference=REFERENCE,
)



def _stage_on_time(number: int, months_id: str) -> Indicator:
    t = timescale(months_id)
    start, end = f"stage{number}_start", f"stage{number}_end"
    return Indicator(
        id=f"adopter_stage{number}_on_time_pct",
        title=f"Adopters' stage {number} completed within {t.words()}",
        unit="%",
        aggregate="share",
        window="12m",
        polarity="high",
        numerator=f"Adopters whose stage {number} ended within {t.words()} of starting",
        denominator=f"Adopters whose stage {number} ended in the 12 months, with its start recorded",
        definition=f"Of the prospective adopters who finished stage {number} in the 12 months, the share who finished "
                   f"it within {t.words()} of starting it, the national expectation. From the council's Annex A "
                   "list 11.",
        technical=f"annex_a_adopters rows with STAGE{number}_END_DATE in the 12 months and STAGE{number}_START_DATE "
                  f"recorded; counted when the end is on or before the start + {t.words()}.",
        sentence=f"{{num}} of the {{den}} adopters who finished stage {number} in the 12 months to {{month}} did so "
                 f"within {t.words()} ({{value}}).",
        sql=f"""
SELECT adopter, {start}, {end}, file_id, line_no,
       CASE WHEN {end} <= {t.due_sql(start)} THEN 1 ELSE 0 END AS num
FROM annex_a_adopters WHERE {end} BETWEEN {{period_start}} AND {{period_end}} AND {start} IS NOT NULL
""",
        counts="approvals",
        group=GROUP,
        reference=REFERENCE,
    )


INDICATORS = (APPROVED, WAITING, DAYS_TO_APPROVAL, _stage_on_time(1, "adopter_stage_1"),
              _stage_on_time(2, "adopter_stage_2"))
