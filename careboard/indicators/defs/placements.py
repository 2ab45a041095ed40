"""Placement stability (indicators.md A5-A7). Placements are counted in the model (episodes.sql)."""

from ..base import Indicator

PLACEMENTS_3PLUS = Indicator(
    id="placements_3plus_pct",
    title="Children in care with 3 or more placements in the last 12 months",
    unit="%",
    aggregate="share",
    window="12m",
    polarity="low",
    numerator="Children with 3 or more placements during the 12 months",
    denominator="Children looked after at the end of the period (excluding short breaks)",
    definition="Placements are counted as the DfE does: the placement open at the start of the 12 months and "
               "each later one; temporary moves (T0-T4) and the return from one to the same carer, short-break "
               "episodes (V3/V4), placements lasting under a day and a placement for adoption with the child's "
               "own foster carers (A3/A5 reached by RNE T or U) do not count as new placements.",
    sentence="{num} out of the {den} children in care at the end of {month} had 3 or more placements in the last "
             "12 months. This is a ratio of {value}.",
    sql="""
SELECT c.child, CASE WHEN count(DISTINCT p.placement_seq) >= 3 THEN 1 ELSE 0 END AS num,
       count(DISTINCT p.placement_seq) AS placements
FROM cla_on($as_at) c
JOIN placements p ON p.child = c.child
 AND p.placement_start <= $period_end
 AND (p.placement_end IS NULL OR p.placement_end > $period_start)
GROUP BY c.child
""",
    reference="DfE CLA statistics (placement stability); LAIT LACStable_2016on; indicators.md A5",
)

INDICATORS = (PLACEMENTS_3PLUS,)
