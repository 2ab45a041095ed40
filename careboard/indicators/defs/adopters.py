"""Adopter recruitment, from Ofsted's Annex A List 11: adopters approved, approved adopters waiting for a
match, and how long approval takes from the start of stage 1 (the two-stage process: stage 1 about 2 months,
stage 2 about 4; timescales.md section 4); and, with list 10, how many of the children placed for adoption
went to the agency's own adopters rather than to another agency's (indicators.md C5)."""

from __future__ import annotations

from ...timescales import get as timescale
from ..base import Indicator

GROUP = "Adoption"
REFERENCE = "Ofsted, Annex A List 11; Adoption Agencies Regulations 2005 as amended 2013; timescales.md section 4"

APPROVED = Indicator(
    id="adopters_approved_count",
    title="Adopters approved",
    unit="count",
    aggregate="count",
    window="12m",
    polarity="high",
    numerator="Prospective adopters approved in the 12 months",
    denominator="",
    definition="Prospective adopters the agency approved in the 12 months. From the council's Annex A List 11.",
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
               "council's Annex A List 11.",
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
               "take about 6 months together. From the council's Annex A List 11.",
    technical="annex_a_adopters rows with APPROVED_DATE in the 12 months and STAGE1_START_DATE recorded: the mean of "
              "APPROVED_DATE - STAGE1_START_DATE in days.",
    sentence="For the {den} adopters approved in the 12 months to {month}, on average {value} days passed between the "
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
                   "List 11.",
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


# Children placed for adoption in the 12 months (list 10), one row each: a child placed twice in the
# period (a placement that ended and a new one) counts once, at the later placement.
_PLACED = """
SELECT child, family, placed_date, file_id, line_no FROM (
  SELECT child, family, placed_date, file_id, line_no,
         row_number() OVER (PARTITION BY child ORDER BY placed_date DESC, decision_date DESC) AS latest_
  FROM annex_a_adoption WHERE placed_date BETWEEN {period_start} AND {period_end}
) placed_ WHERE latest_ = 1"""

# A list 11 recording no family at all (a workbook without the column) tells no child's adopters apart.
_FAMILIES_KNOWN = "EXISTS (SELECT 1 FROM annex_a_adopters WHERE family IS NOT NULL)"

# The agency's own adopters are the families in its list 11 it approved. Leaving the process later does not
# change who approved them; a family who left before approval may have been approved by another agency.
PLACED_WITH_OWN_ADOPTERS = Indicator(
    id="placed_with_own_adopters_pct",
    title="Children placed for adoption with the agency's own adopters",
    unit="%",
    aggregate="share",
    window="12m",
    polarity="high",
    numerator="Children placed for adoption in the 12 months with adopters the agency itself approved",
    denominator="Children placed for adoption in the 12 months whose adoptive family is recorded",
    definition="Of the children placed for adoption in the 12 months, the share who went to live with adopters "
               "the agency assessed and approved itself (for a regional adoption agency, adopters from within the "
               "region) rather than adopters approved by another agency. Brothers and sisters placed together "
               "count as one child each. Adopters who have since left the agency's process still count as its "
               "own. A child whose adoptive family is not recorded cannot be told either way: they are left out "
               "and counted separately; so is every child where list 11 records no family at all (the loading "
               "warns of it). From the council's Annex A lists 10 and 11.",
    technical="annex_a_adoption rows with PLACED_DATE in the 12 months, one per child (the latest placement), "
              "FAMILY recorded; counted when an annex_a_adopters row has the same FAMILY and an APPROVED_DATE "
              "(whatever its LEFT_DATE). Children placed with FAMILY blank are left out of both counts and "
              "counted in family_not_recorded; all are, when no annex_a_adopters row has a FAMILY.",
    sentence="{num} of the {den} children placed for adoption in the 12 months to {month} went to live with "
             "adopters the agency approved itself ({value}). Children placed with no adoptive family recorded, and "
             "so not counted: {family_not_recorded}.",
    sql=f"""
SELECT p.child, p.family, p.placed_date, p.file_id, p.line_no,
       CASE WHEN EXISTS (SELECT 1 FROM annex_a_adopters o WHERE o.family = p.family AND o.approved IS NOT NULL)
            THEN 1 ELSE 0 END AS num
FROM ({_PLACED}) p WHERE p.family IS NOT NULL AND {_FAMILIES_KNOWN}
""",
    extras={"family_not_recorded":
            f"(SELECT count(*) FROM ({_PLACED}) p WHERE p.family IS NULL OR NOT {_FAMILIES_KNOWN})"},
    group=GROUP,
    reference="Ofsted, Annex A lists 10 and 11; regional adoption agency reports; indicators.md C5",
)

INDICATORS = (APPROVED, WAITING, DAYS_TO_APPROVAL, _stage_on_time(1, "adopter_stage_1"),
              _stage_on_time(2, "adopter_stage_2"), PLACED_WITH_OWN_ADOPTERS)
