"""Which children are adopted and which are still waiting (indicators.md A11b; the regional adoption
agencies' reports to committee).

Children who are older, from an ethnic minority, in a group of brothers and sisters or disabled wait longest
for a family, so committee papers count them among the children adopted in the year. A child with a placement
order who has not been matched long after the A2 threshold is the other side of the same picture. Brothers
and sisters, disability and match dates are not in the SSDA903: Ofsted's Annex A List 10 carries them.
"""

from __future__ import annotations

from ..base import Indicator
from .adoption import A2_THRESHOLD_DAYS

REFERENCE = "DfE adoption scorecards; regional adoption agency reports; indicators.md A11b"
GROUP = "Adoption"

# Adoptions in the 12 months, one row each, with the child's date of birth and ethnicity.
_ADOPTED = """
SELECT a.child, a.adopted_on, ch.dob, ch.ethnic, a.file_id, a.line_no, {num} AS num
FROM adoptions a
LEFT JOIN children ch ON ch.child = a.child
WHERE a.adopted_on BETWEEN {{period_start}} AND {{period_end}}{condition}
"""

ADOPTED_AGED_5_PLUS = Indicator(
    id="adopted_aged_5_plus_pct",
    title="Children adopted who were aged 5 or over",
    unit="%",
    aggregate="share",
    window="12m",
    polarity=None,
    numerator="Adoptions in the 12 months of children aged 5 or over on the day of the adoption order",
    denominator="Adoptions in the 12 months (children with a date of birth recorded)",
    definition="Of the children adopted in the 12 months, the share who were 5 or older when the adoption order "
               "was made. Older children wait longest for a family, so a higher share shows the service finding "
               "families for them. A child adopted twice in the period counts twice.",
    technical="Periods of care ending E11/E12 (short breaks excluded) whose adoption date falls in the 12 months; "
              "age in whole years from DOB to that date. A child with no DOB is left out of both counts.",
    sentence="{num} of the {den} children adopted in the 12 months to {month} were aged 5 or over ({value}).",
    sql=_ADOPTED.format(num="CASE WHEN age_on(ch.dob, a.adopted_on) >= 5 THEN 1 ELSE 0 END",
                        condition="\n  AND ch.dob IS NOT NULL"),
    counts="adoptions",
    group=GROUP,
    reference=REFERENCE,
)

ADOPTED_ETHNIC_MINORITY = Indicator(
    id="adopted_ethnic_minority_pct",
    title="Children adopted from ethnic backgrounds other than White British",
    unit="%",
    aggregate="share",
    window="12m",
    polarity=None,
    numerator="Adoptions in the 12 months of children whose recorded ethnicity is not White British",
    denominator="Adoptions in the 12 months with the child's ethnicity recorded",
    definition="Of the children adopted in the 12 months, the share whose ethnicity is recorded as anything other "
               "than White British. Children whose ethnicity was refused or not yet obtained are left out.",
    technical="As adopted_aged_5_plus_pct, counting ETHNIC other than WBRI; ETHNIC REFU, NOBT or blank are left out "
              "of both counts.",
    sentence="{num} of the {den} children adopted in the 12 months to {month} were from ethnic backgrounds other "
             "than White British ({value}).",
    sql=_ADOPTED.format(num="CASE WHEN ch.ethnic IN {ETHNIC_WHITE_BRITISH} THEN 0 ELSE 1 END",
                        condition="\n  AND ch.ethnic IS NOT NULL AND ch.ethnic NOT IN {ETHNIC_NOT_RECORDED}"),
    counts="adoptions",
    group=GROUP,
    reference=REFERENCE,
)

# Children in care at the date whose legal status that day is a placement or freeing order, with when
# the authority to place began in this period of care and whether they are placed for adoption.
_WAITING = f"""
SELECT c.child, c.ls, c.place, o.authority_from, c.file_id, c.line_no,
       date_diff('day', o.authority_from, {{as_at}}) AS days_with_order,
       CASE WHEN c.place NOT IN {{PLACE_ADOPTION}}
                 AND date_diff('day', o.authority_from, {{as_at}}) > {A2_THRESHOLD_DAYS} THEN 1 ELSE 0 END AS num
FROM cla_on({{as_at}}) c
JOIN (SELECT child, period_no, min(ls_start) AS authority_from
      FROM legal_statuses WHERE ls IN {{LS_AUTHORITY_TO_PLACE}} AND ls_start <= {{as_at}}
      GROUP BY child, period_no) o ON o.child = c.child AND o.period_no = c.period_no
WHERE c.ls IN {{LS_AUTHORITY_TO_PLACE}}
"""

WAITING_WITH_ORDER = Indicator(
    id="placement_order_waiting_count",
    title="Children with a placement order waiting more than 121 days to move in with adopters",
    unit="count",
    aggregate="count",
    window="at",
    polarity="low",
    numerator=f"Children in care at the end of the period under a placement order for more than {A2_THRESHOLD_DAYS} "
              "days who are not placed for adoption",
    denominator="",
    definition=f"Children in care at the end of the month who have had a placement order (or a freeing order) for "
               f"more than {A2_THRESHOLD_DAYS} days, the threshold the A2 measure is judged against, and are not yet "
               "living with the family who will adopt them. The return records the date a child was matched only "
               "when the adoption is granted, so moving in with adopters stands in for the match here; Annex A List "
               "10 gives match dates.",
    technical=f"Children in care at the as-at date whose open episode has LS E1 or D1, counted from the first E1/D1 "
              f"episode of their current period of care, more than {A2_THRESHOLD_DAYS} days before the date, and "
              "whose open episode is not PLACE A3-A6.",
    sentence=f"At the end of {{month}}, {{num}} of the {{with_order}} children with a placement order had waited "
             f"more than {A2_THRESHOLD_DAYS} days without moving in with adopters.",
    none_sentence="At the end of {month}, no child in care had a placement order without having moved in with "
                  "adopters.",
    sql=_WAITING,
    decimals=0,
    extras={"with_order": "count(*)"},
    group=GROUP,
    reference=REFERENCE,
)


# From Ofsted's Annex A List 10, which says what the SSDA903 does not: brothers and sisters placed together
# (a shared family identifier), disability, and the date a child was matched with adopters.
_ADOPTED_A10 = """
SELECT a.child, a.family, a.disabled, a.adoption_order_date, a.file_id, a.line_no, {num} AS num
FROM annex_a_adoption a
WHERE a.adoption_order_date BETWEEN {{period_start}} AND {{period_end}}{condition}
"""

ADOPTED_WITH_SIBLINGS = Indicator(
    id="adopted_with_siblings_pct",
    title="Children adopted together with a brother or sister",
    unit="%",
    aggregate="share",
    window="12m",
    polarity=None,
    numerator="Children adopted in the 12 months who share a family identifier with another child in Annex A List 10",
    denominator="Children adopted in the 12 months (Annex A List 10)",
    definition="Of the children adopted in the 12 months, the share adopted as part of a group of brothers and "
               "sisters, which Annex A records by giving them one family identifier. From the council's Annex A "
               "List 10.",
    technical="annex_a_adoption rows with ADOPTION_ORDER_DATE in the 12 months; counted when another row of the "
              "list has the same FAMILY.",
    sentence="{num} of the {den} children adopted in the 12 months to {month}, as the council's Annex A list of "
             "adoptions records them, were adopted with a brother or sister ({value}).",
    sql=_ADOPTED_A10.format(num="CASE WHEN EXISTS (SELECT 1 FROM annex_a_adoption s WHERE s.family = a.family "
                                "AND s.child <> a.child) THEN 1 ELSE 0 END", condition=""),
    group=GROUP,
    reference="Ofsted, Annex A List 10; regional adoption agency reports",
)

ADOPTED_DISABLED = Indicator(
    id="adopted_disabled_pct",
    title="Children adopted who have a disability",
    unit="%",
    aggregate="share",
    window="12m",
    polarity=None,
    numerator="Children adopted in the 12 months recorded as having a disability",
    denominator="Children adopted in the 12 months whose disability is recorded yes or no (Annex A List 10)",
    definition="Of the children adopted in the 12 months, the share recorded as having a disability. Children "
               "recorded as not known are left out. From the council's Annex A List 10.",
    technical="annex_a_adoption rows with ADOPTION_ORDER_DATE in the 12 months and DISABLED Y or N; counted when Y.",
    sentence="{num} of the {den} children adopted in the 12 months to {month}, as the council's Annex A list of "
             "adoptions records them, had a disability ({value}).",
    sql=_ADOPTED_A10.format(num="CASE WHEN a.disabled = 'Y' THEN 1 ELSE 0 END",
                            condition="\n  AND a.disabled IN {YES_NO}"),
    group=GROUP,
    reference="Ofsted, Annex A List 10",
)

UNMATCHED_WITH_ORDER = Indicator(
    id="unmatched_with_order_count",
    title=f"Children with a placement order not matched with adopters after {A2_THRESHOLD_DAYS} days",
    unit="count",
    aggregate="count",
    window="at",
    polarity="low",
    numerator=f"Children with a placement order for more than {A2_THRESHOLD_DAYS} days not yet matched (Annex A "
              "List 10)",
    denominator="",
    definition=f"Children with a placement order who, at the end of the month, had waited more than "
               f"{A2_THRESHOLD_DAYS} days (the threshold the A2 measure is judged against) without being matched "
               "with adopters, and whose plan for adoption still stands. From the council's Annex A List 10, which "
               "records the date each child was matched.",
    technical=f"annex_a_adoption rows with PLACEMENT_ORDER_DATE more than {A2_THRESHOLD_DAYS} days before the as-at "
              "date, MATCH_DATE blank or after it, and neither ADOPTION_ORDER_DATE nor DECISION_REVERSED_DATE by then; "
              "with_order counts those with an order and no match, however long.",
    sentence=f"At the end of {{month}}, {{num}} of the {{with_order}} children with a placement order and no match "
             f"had waited more than {A2_THRESHOLD_DAYS} days.",
    none_sentence="At the end of {month}, no child had a placement order and no match with adopters.",
    sql=f"""
SELECT child, placement_order_date, match_date, file_id, line_no,
       date_diff('day', placement_order_date, {{as_at}}) AS days_waiting,
       CASE WHEN date_diff('day', placement_order_date, {{as_at}}) > {A2_THRESHOLD_DAYS} THEN 1 ELSE 0 END AS num
FROM annex_a_adoption
WHERE placement_order_date <= {{as_at}} AND (match_date IS NULL OR match_date > {{as_at}})
  AND (adoption_order_date IS NULL OR adoption_order_date > {{as_at}})
  AND (decision_reversed_date IS NULL OR decision_reversed_date > {{as_at}})
""",
    decimals=0,
    extras={"with_order": "count(*)"},
    group=GROUP,
    reference="DfE adoption scorecard A2 threshold; Ofsted, Annex A List 10",
)

INDICATORS = (ADOPTED_AGED_5_PLUS, ADOPTED_ETHNIC_MINORITY, ADOPTED_WITH_SIBLINGS, ADOPTED_DISABLED, WAITING_WITH_ORDER,
              UNMATCHED_WITH_ORDER)
