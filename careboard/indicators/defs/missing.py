"""Missing and away from placement (indicators.md A8, B3 "Missing").

Incidents come from the model's missing view, where an incident open over 1 April (returned in
both years) is kept once. The cohort is the DfE one: children looked after at any time in the
period, not counting those looked after only under short breaks (LS V3/V4).
"""

from dataclasses import replace

from ..base import Indicator

# Children with a non-short-break episode overlapping the window. An episode ending on the first day
# is still care during the window (the child ceased in it).
_LOOKED_AFTER_IN_WINDOW = """
SELECT DISTINCT child FROM episodes
WHERE NOT is_short_break AND decom <= {period_end} AND (dec IS NULL OR dec >= {period_start})
"""


def _children_with(missing_type: str) -> str:
    """One row per cohort child; num 1 when an incident of this type was open at any time in the window."""
    return f"""
SELECT c.child, CASE WHEN count(m.mis_start) > 0 THEN 1 ELSE 0 END AS num, count(m.mis_start) AS incidents,
       min(m.mis_start) AS first_start
FROM ({_LOOKED_AFTER_IN_WINDOW}) c
LEFT JOIN missing m ON m.child = c.child AND m.missing_type = '{missing_type}'
 AND m.mis_start <= {{period_end}} AND (m.mis_end IS NULL OR m.mis_end >= {{period_start}})
GROUP BY c.child
"""


_COHORT_WORDS = "Children looked after at any time in the 12 months (excluding those looked after only under short breaks)"

MISSING_CHILD = Indicator(
    id="missing_child_pct",
    title="Children in care who went missing",
    unit="%",
    aggregate="share",
    window="12m",
    polarity=None,
    numerator="Children with at least one missing (M) incident in the 12 months",
    denominator=_COHORT_WORDS,
    definition="Children in care at any time in the 12 months (not counting those in care only for short breaks) "
               "who were recorded as missing at least once in the 12 months, including a missing incident that "
               "began before the 12 months. Being away from placement without authorisation is counted "
               "separately. Some councils record every such absence as missing.",
    technical="Children looked after at any time in the 12 months, excluding children looked after only under "
               "short breaks (LS V3/V4), with at least one incident recorded as missing (MISSING = M) that was "
               "open at any time in the 12 months, including incidents that began before it. Away (A) incidents "
               "are not counted here. Some councils record every away incident as missing. `incidents` is the "
               "number of those incidents.",
    sentence="{num} of the {den} children looked after in the 12 months to {month} went missing at least once "
             "({value}).",
    sql=_children_with("M"),
    group="Missing",
    extras={"incidents": "coalesce(sum(incidents), 0)"},
    reference="DfE CLA statistics; LAIT Children_missing; indicators.md A8",
    # The children in care at the end are some of those in care in the 12 months: the rest, those who left and
    # had not come back, may be few. Away from placement counts over the same children.
    parts=("denominator", ("cla_count.value",)),
    withhold_whole=True,
    same_as=(("denominator", "away_child_pct.denominator"),),
)

AWAY_CHILD = replace(
    MISSING_CHILD,
    id="away_child_pct",
    title="Children in care who were away from placement without authorisation",
    numerator="Children with at least one away (A) incident in the 12 months",
    definition="As for children who went missing, but for incidents recorded as away from placement without "
               "authorisation: where the child was is known, but they were not where they should have been.",
    technical="As missing_child_pct, for incidents recorded as away from placement without authorisation "
               "(MISSING = A): whereabouts known, but the child not where they should be.",
    sentence="{num} of the {den} children looked after in the 12 months to {month} had been away from placement "
             "without authorisation at least once ({value}).",
    sql=_children_with("A"),
    reference="DfE CLA statistics; LAIT Children_Away; indicators.md A8",
    parts=None, withhold_whole=False, same_as=(),
)

MISSING_INCIDENTS_MONTH = Indicator(
    id="missing_incidents_month",
    title="Missing-from-care incidents in the month",
    unit="count",
    aggregate="count",
    window="month",
    polarity="low",
    numerator="Missing (M) incidents that began in the month",
    denominator="",
    definition="Incidents of a child in care going missing that began in the month, each counted once. Children "
               "in care only for short breaks are not counted. The sentence also gives how many children went "
               "missing.",
    technical="Incidents recorded as missing (MISSING = M) with a start date in the month, each counted once "
               "however many returns it appears in, for children looked after in the month other than only "
               "under short breaks. `children` is the number of different children involved.",
    sentence="In {month} there were {num} missing-from-care incidents involving {children} children.",
    # one row per incident: the figure counts incidents, not children
    sql=f"""
SELECT m.child, 1 AS num, m.mis_start, m.mis_end, m.file_id, m.line_no
FROM missing m JOIN ({_LOOKED_AFTER_IN_WINDOW}) c ON c.child = m.child
WHERE m.missing_type = 'M' AND m.mis_start BETWEEN {{period_start}} AND {{period_end}}
""",
    decimals=0,
    group="Missing",
    counts="incidents",
    extras={"children": "count(DISTINCT child)"},
    reference="indicators.md A8 and B3; C2 missing_from_care_episodes_month",
)

MISSING_CHILDREN_MONTH = Indicator(
    id="missing_children_month",
    title="Children who went missing from care in the month",
    unit="count",
    aggregate="count",
    window="month",
    polarity="low",
    numerator="Children with a missing (M) incident that began in the month",
    denominator="",
    definition="Children in care in the month (not counting those in care only for short breaks) who went "
               "missing at least once in the month. The sentence also gives the number of incidents.",
    technical="Children looked after in the month (other than only under short breaks) with at least one "
               "incident recorded as missing (MISSING = M) starting in the month. `incidents` is the number of "
               "those incidents.",
    sentence="In {month}, {num} children in care went missing, in {incidents} missing-from-care incidents.",
    sql=f"""
SELECT c.child, CASE WHEN count(m.mis_start) > 0 THEN 1 ELSE 0 END AS num, count(m.mis_start) AS incidents
FROM ({_LOOKED_AFTER_IN_WINDOW}) c
LEFT JOIN missing m ON m.child = c.child AND m.missing_type = 'M'
 AND m.mis_start BETWEEN {{period_start}} AND {{period_end}}
GROUP BY c.child
""",
    decimals=0,
    group="Missing",
    extras={"incidents": "coalesce(sum(incidents), 0)"},
    reference="indicators.md A8 and B3; C2 missing_from_care_children_month",
)

INDICATORS = (MISSING_CHILD, AWAY_CHILD, MISSING_INCIDENTS_MONTH, MISSING_CHILDREN_MONTH)
