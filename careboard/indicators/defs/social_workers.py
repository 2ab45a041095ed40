"""Social worker stability: children in care with 3 or more social workers in a year (indicators.md A13).

Social worker episodes (SWEpisodes) are collected from 2023/24, so the figure is only computed for
12 months that start on or after 1 April 2023 and only when the snapshot holds any; otherwise the
cohort is empty and there is no figure rather than a misleading 0%.
"""

from ..base import Indicator

SW_CHANGES_3PLUS = Indicator(
    id="sw_changes_3plus_pct",
    title="Children in care with 3 or more social workers in the last 12 months",
    unit="%",
    aggregate="share",
    window="12m",
    polarity="low",
    numerator="Children with 3 or more different social workers during the 12 months",
    denominator="Children looked after at the end of the period (excluding short breaks)",
    definition="Children in care at the end of the month who had 3 or more different social workers in the 12 "
               "months, including any time before they came into care. A social worker who comes back is counted "
               "once. Councils have sent the Department for Education their records of social workers only "
               "since April 2023, so there is no figure for earlier periods.",
    technical="Different social worker ids (SW_ID) with a social worker episode open at any time in the 12 "
               "months, including time when the child was not looked after, for children looked after at the end "
               "of the period. A worker who returns counts once. Social worker episodes exist from 2023/24: "
               "no figure for earlier periods.",
    sentence="{num} out of the {den} children in care at the end of {month} had 3 or more social workers in the "
             "last 12 months ({value}).",
    sql="""
SELECT c.child, CASE WHEN count(DISTINCT s.sw_id) >= 3 THEN 1 ELSE 0 END AS num,
       count(DISTINCT s.sw_id) AS social_workers
FROM (SELECT DISTINCT child FROM cla_on({as_at})) c
LEFT JOIN sw_episodes s ON s.child = c.child
 AND s.sw_start <= {period_end} AND (s.sw_end IS NULL OR s.sw_end >= {period_start})
WHERE {period_start} >= DATE '2023-04-01'        -- first year SWEpisodes were collected
  AND EXISTS (SELECT 1 FROM sw_episodes)
GROUP BY c.child
""",
    group="Children in care",
    reference="DfE stability measures; LAIT Stability_SocialWorker; indicators.md A13",
)

INDICATORS = (SW_CHANGES_3PLUS,)
