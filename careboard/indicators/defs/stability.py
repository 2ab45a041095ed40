"""Placement stability over longer spans (indicators.md A6 and A7).

Both measures need to know how long a child has been looked after without a break. careboard reads
"continuously" the way the OC2 cohort does: the current period of care (episodes linked by X1),
counted from its start or from the end of the last short-break (V3/V4) episode in it, whichever is
later, because time looked after only under short breaks is not counted as being in care.
"""

from ..base import Indicator
from .placements import three_or_more_placements


def months_before_as_at(months: int) -> str:
    """The same day `months` earlier (clamped to a shorter month's end), as SQL."""
    return f"CAST({{as_at}} - INTERVAL '{months}' MONTH AS DATE)"


# Children in care at the as-at date, with the date since which they have been looked after continuously.
IN_CARE_SINCE = """
SELECT c.child, c.period_no, c.carer_seq, c.place, c.file_id, c.line_no,
       coalesce(max(s.dec), c.period_start) AS looked_after_since
FROM cla_on({as_at}) c
LEFT JOIN episodes s ON s.child = c.child AND s.period_no = c.period_no AND s.is_short_break
GROUP BY c.child, c.period_no, c.carer_seq, c.place, c.period_start, c.file_id, c.line_no
"""

# The 24 months ending on the as-at date start on the day after the same date two years before.
_TWO_YEARS_START = "CAST({as_at} + INTERVAL '1' DAY - INTERVAL '24' MONTH AS DATE)"

PLACEMENTS_3PLUS_2YR = Indicator(
    id="placements_3plus_2yr_pct",
    title="Children in care for 2 years or more with 3 or more placements in the last 2 years",
    unit="%",
    aggregate="share",
    window="at",
    polarity="low",
    numerator="Children with 3 or more placements during the 2 years to the end of the period",
    denominator="Children looked after at the end of the period who had been looked after continuously for at "
                "least 2 years (excluding short breaks)",
    definition="Children who had been in care for at least 2 years without a break at the end of the month and "
               "lived in 3 or more placements in those 2 years, counted as in the 12-month measure. The Department "
               "for Education does not say whether the 2 years must be unbroken; this report takes them to be.",
    technical="Cohort: children in care at the as-at date whose current period of care began on or before the same "
               "date two years earlier, with no short-break (V3/V4) episode since then (careboard's reading of "
               "'looked after for at least 2 years'; the DfE wording does not say whether it must be continuous). "
               "Placements are counted over the 24 months ending on the as-at date with the same rules as the "
               "12-month measure: temporary moves (T0-T4) and the return from one to the same carer, short breaks, "
               "placements lasting under a day and a placement for adoption with the child's own foster carers "
               "(A3/A5 by RNE T or U) are not new placements.",
    sentence="{num} out of the {den} children in care for 2 years or more at the end of {month} had 3 or more "
             "placements in the last 2 years. That is {value}.",
    sql=three_or_more_placements(
        f"SELECT child, looked_after_since, place, file_id, line_no FROM ({IN_CARE_SINCE}) i "
        f"WHERE looked_after_since <= {months_before_as_at(24)}",
        _TWO_YEARS_START),
    reference="DfE CLA statistics, la_cla_placement_stability ('CLA 2 years on 31 March'); indicators.md A6",
)

_TWO_YEARS_AGO = months_before_as_at(24)
# Placed for adoption, and the adoptive placement plus the carer spell just before it make 2 years.
_BY_ADOPTION = (f"i.place IN {{PLACE_ADOPTION}} AND prev.carer_start <= {_TWO_YEARS_AGO}")

LONG_TERM_STABILITY = Indicator(
    id="long_term_stability_pct",
    title="Children in care for 2.5 years or more living with the same carer for 2 years or more",
    unit="%",
    aggregate="share",
    window="at",
    polarity="high",
    numerator="Children living with the same carer for at least 2 years, or placed for adoption where the adoptive "
              "placement and the one before it together last at least 2 years",
    denominator="Children aged under 16 at the end of the period who had been looked after continuously for at "
                "least 2.5 years (excluding short breaks)",
    definition="Children under 16 who had been in care for at least 2.5 years without a break at the end of the "
               "month, counted when they had lived with the same carer for at least 2 years. A change of legal "
               "status, a temporary move the child came back from, or their carers becoming their adopters does "
               "not end the time with a carer. A child placed for adoption is counted when that placement and the "
               "one before it together make 2 years.",
    technical="Cohort: children in care at the as-at date, aged under 16 on that date, whose current period of care "
               "began on or before the same date 30 months earlier with no short-break (V3/V4) episode since. "
               "Counted when their spell with the current carer began on or before the same date 2 years earlier: "
               "a change of legal status (RNE L), a change of placement with the same carer (RNE T or U, including "
               "a placement for adoption with the child's own foster carers) and a temporary move (T0-T4) the child "
               "returns from do not end the spell. Also counted: a child placed for adoption (A3-A6) whose spell "
               "with the previous carer began 2 years or more before the as-at date. A temporary move the child is "
               "still on at the as-at date is treated as a stay with the carer before it.",
    sentence="{num} out of the {den} children aged under 16 in care for 2.5 years or more at the end of {month} have "
             "been in their current placement for 2 years or more. That is {value}.",
    sql=f"""
SELECT i.child, i.looked_after_since, i.place, cur.carer_start AS with_carer_since,
       prev.carer_start AS previous_carer_since, i.file_id, i.line_no,
       CASE WHEN cur.carer_start <= {_TWO_YEARS_AGO} OR {_BY_ADOPTION} THEN 1 ELSE 0 END AS num,
       CASE WHEN NOT coalesce(cur.carer_start <= {_TWO_YEARS_AGO}, false) AND {_BY_ADOPTION} THEN 1 ELSE 0 END
         AS by_adoption
FROM ({IN_CARE_SINCE}) i
JOIN children ch ON ch.child = i.child
LEFT JOIN carers cur ON cur.child = i.child AND cur.carer_seq = i.carer_seq
LEFT JOIN carers prev ON prev.child = i.child AND prev.carer_seq = i.carer_seq - 1 AND prev.period_no = i.period_no
WHERE age_on(ch.dob, {{as_at}}) < 16 AND i.looked_after_since <= {months_before_as_at(30)}
""",
    extras={"by_adoption": "count(CASE WHEN by_adoption = 1 THEN 1 END)"},
    reference="DfE CLA statistics (long-term stability); LAIT LAC_LongStable%; indicators.md A7",
)

INDICATORS = (PLACEMENTS_3PLUS_2YR, LONG_TERM_STABILITY)
