"""Placement stability (indicators.md A5). Placements are counted in the model (episodes.sql).

`three_or_more_placements` is shared with the 2-year variant in stability.py: the two differ only in
their cohort and in how far back the placements are counted.
"""

from ..base import Indicator


def three_or_more_placements(cohort: str, since: str) -> str:
    """One row per child of `cohort` (a query with a `child` column) with the number of placements
    they were in at some time from `since` (an SQL date) to the as-at date, and num = 1 for 3 or more.

    A placement is counted when one of its episodes was open at the end of a day in that span
    (`dec > since`, the "looked after on a day" rule); temporary (T0-T4) and short-break episodes
    never count, so a child whose only episode is temporary stays in the cohort with no placements.
    """
    return f"""
SELECT c.*, coalesce(n.placements, 0) AS placements,
       CASE WHEN coalesce(n.placements, 0) >= 3 THEN 1 ELSE 0 END AS num
FROM ({cohort}) c
LEFT JOIN (
  SELECT e.child, count(DISTINCT e.placement_seq) AS placements
  FROM episodes e
  WHERE e.placement_seq > 0 AND NOT e.is_short_break AND NOT e.is_temporary
    AND e.decom <= {{as_at}} AND (e.dec IS NULL OR e.dec > {since})
  GROUP BY e.child
) n ON n.child = c.child
"""


PLACEMENTS_3PLUS = Indicator(
    id="placements_3plus_pct",
    title="Children in care with 3 or more placements in the last 12 months",
    unit="%",
    aggregate="share",
    window="12m",
    polarity="low",
    numerator="Children with 3 or more placements during the 12 months",
    denominator="Children looked after at the end of the period (excluding short breaks)",
    definition="Children in care at the end of the month who lived in 3 or more placements in the 12 months, "
               "counting the one they were in at the start. As the Department for Education counts them, these "
               "are not new placements: a temporary move and the return from it, short breaks, a placement that "
               "lasted less than a day, a change of legal status only, and foster carers becoming the child's "
               "adopters.",
    technical="Placements are counted as the DfE does: the placement the child was in at the end of the first "
               "day of the 12 months and each later one; temporary moves (T0-T4) and the return from one to the "
               "same carer, short-break episodes (V3/V4), placements lasting under a day and a placement for "
               "adoption with the child's own foster carers (A3/A5 reached by RNE T or U) do not count as new "
               "placements. A change of legal status only (RNE L) is not a new placement.",
    sentence="{num} out of the {den} children in care at the end of {month} had 3 or more placements in the last "
             "12 months. That is {value}.",
    sql=three_or_more_placements(
        "SELECT child, decom AS episode_start, place, file_id, line_no FROM cla_on({as_at})", "{period_start}"),
    reference="DfE CLA statistics (placement stability); LAIT LACStable_2016on; indicators.md A5",
)

INDICATORS = (PLACEMENTS_3PLUS,)
