"""Children starting and ceasing to be looked after, how they left, and who is in care now
(indicators.md A2, A3, A11a, A13).

Short breaks (LS V3/V4) are left out throughout: a start is the first episode of a period of care
(RNE S) that is not a short break, and a child ceases when a non-short-break episode ends with any
reason other than X1. Children who start or cease more than once in the period count once; the
reason a child left is the one on their last ending in the period, as the DfE reports it.
"""

from dataclasses import replace

from ...formats.codes import fixed_lists
from ..base import Indicator

REFERENCE = "DfE CLA statistics; indicators.md"
# The code lists (formats/codes.toml) these figures count by.
ADOPTED = "REC_ADOPTED"
SPECIAL_GUARDIANSHIP = "REC_SPECIAL_GUARDIANSHIP"
RETURNED_HOME_PLANNED = "REC_RETURNED_HOME_PLANNED"
RETURNED_HOME = "REC_RETURNED_HOME"
FOSTER_CARE = "PLACE_FOSTER"


def _in(column: str, codes: str) -> str:
    """SQL: `column` is one of the codes of the list named `codes`."""
    return f"{column} IN {{{codes}}}"


# First start of each child in the period.
_STARTS = """
SELECT child, decom AS started, file_id, line_no, 1 AS num FROM (
  SELECT e.child, e.decom, e.file_id, e.line_no,
         row_number() OVER (PARTITION BY e.child ORDER BY e.decom) AS occasion
  FROM episodes e
  WHERE e.rne = 'S' AND NOT e.is_short_break AND e.decom BETWEEN {period_start} AND {period_end}
) s WHERE occasion = 1
"""


def _leavers(num: str) -> str:
    """Children who ceased to be looked after in the period, one row each for their last ending,
    with `num` an SQL expression over the ending's reason `rec`."""
    return f"""
SELECT child, ceased, rec AS reason, file_id, line_no, {num} AS num FROM (
  SELECT e.child, e.dec AS ceased, e.rec, e.file_id, e.line_no,
         row_number() OVER (PARTITION BY e.child ORDER BY e.dec DESC, e.decom DESC) AS occasion
  FROM episodes e
  WHERE e.rec <> 'X1' AND NOT e.is_short_break AND e.dec BETWEEN {{period_start}} AND {{period_end}}
) x WHERE occasion = 1
"""


def _left_by(codes: str) -> str:
    return _leavers(f"CASE WHEN {_in('rec', codes)} THEN 1 ELSE 0 END")


def _count_and_rate(stem: str, verb: str, sql: str, definition: str, technical: str, rate_polarity: str,
                    reference: str):
    """A count of children over the 12 months and the same count per 10,000 children aged 0-17."""
    numerator = f"Children who {verb} in the 12 months"
    count = Indicator(
        id=f"{stem}_count", title=f"Children who {verb}", unit="count", aggregate="count", window="12m",
        polarity=None, numerator=numerator, denominator="", definition=definition, technical=technical,
        sentence=f"In the 12 months to the end of {{month}}, {{num}} children {verb}.", sql=sql, decimals=0,
        reference=reference)
    rate = Indicator(
        id=f"{stem}_rate_10k", title=f"Children who {verb} per 10,000 children", unit="rate", aggregate="rate",
        window="12m", polarity=rate_polarity, numerator=numerator,
        denominator="Children aged 0 to 17 in the area (ONS mid-year estimate)",
        definition=f"Children who {verb} in the 12 months for every 10,000 children aged 0 to 17 living in the "
                   "area (the ONS mid-year population estimate).",
        technical=f"{stem}_count divided by the 0-17 population, times 10,000.",
        sentence=f"In the 12 months to the end of {{month}}, {{num}} children {verb}, a rate of {{value}} per "
                 "10,000 children.",
        sql=sql, reference=reference)
    return count, rate


STARTS_COUNT, STARTS_RATE = _count_and_rate(
    "starts", "started to be looked after", _STARTS,
    "Children who came into care in the 12 months, each counted once however often they came in. Starting "
    "short breaks is not coming into care, and nor is a change of legal status for a child already in care.",
    "Children with an episode starting a period of care (RNE S) in the 12 months, counted once however often they "
    "started. Short-break episodes (LS V3/V4) are not starts; a child moving from short breaks to another legal "
    "status within a period of care (RNE L) is not counted as starting.",
    rate_polarity="low", reference=f"{REFERENCE} A2")

_NOT_LEAVING = "A move from one placement to another is not leaving care, and short breaks are not counted."
_CEASED_PLAIN = f"Children who left care in the 12 months, each counted once however often they left. {_NOT_LEAVING}"
_CEASED_WORDS = ("Children with an episode ending in the 12 months for any reason other than X1 (a new episode the "
                 "same day), counted once however often they left. Episodes of short breaks (LS V3/V4) are left out.")

CEASED_COUNT, CEASED_RATE = _count_and_rate(
    "ceased", "ceased to be looked after", _leavers("1"), _CEASED_PLAIN, _CEASED_WORDS, rate_polarity="high",
    reference=f"{REFERENCE} A3")


def _left_share(id_: str, title: str, codes: str, ending: str, plain: str, meaning: str, outcome: str,
                polarity: str | None = None, **kw) -> Indicator:
    """Share of the children who ceased in the 12 months whose last ending was one of the list `codes`.

    `ending` names the ending for the numerator, `plain` says in words who is counted, `meaning` says
    which codes count and why, and
    `outcome` finishes the sentence "{num} out of the {den} children who left care ...".
    """
    return Indicator(
        id=id_, title=title, unit="%", aggregate="share", window="12m", polarity=polarity,
        numerator=f"Children whose last ending in the 12 months was {ending} (REC {', '.join(fixed_lists()[codes])})",
        denominator="Children who ceased to be looked after in the 12 months (as ceased_count)",
        definition=f"{plain} The share is of all children who left care in the 12 months, each counted once, by "
                   f"the way they last left. {_NOT_LEAVING}",
        technical=f"Each child's last ending in the 12 months decides how they left. {meaning} {_CEASED_WORDS}",
        sentence=f"In the 12 months to the end of {{month}}, {{num}} out of the {{den}} children who left care "
                 f"{outcome}. That is {{value}}.",
        sql=_left_by(codes), **kw)


CEASED_ADOPTED = _left_share(
    "ceased_adopted_pct", "Children leaving care who were adopted", ADOPTED, "an adoption",
    "Children who left care because they were adopted.",
    "Counted when that ending is an adoption (E11 application unopposed, E12 consent dispensed with).",
    "were adopted", polarity="high", group="Adoption", reference=f"{REFERENCE} A11a; LAIT '%_of LAC Adopted'")

ADOPTED_COUNT = Indicator(
    id="adopted_count",
    title="Children adopted",
    unit="count",
    aggregate="count",
    window="12m",
    polarity=None,
    numerator="Children who ceased to be looked after through adoption (REC E11 or E12) in the 12 months",
    denominator="",
    definition="Children who left care because they were adopted in the 12 months, each counted once.",
    technical=f"The children counted in ceased_adopted_pct. {CEASED_ADOPTED.technical}",
    sentence="In the 12 months to the end of {month}, {num} children left care through adoption.",
    sql=CEASED_ADOPTED.sql,
    decimals=0,
    group="Adoption",
    reference=f"{REFERENCE} A11a; LAIT 'No_of LAC Adopted'",
    same_as=(("value", "ceased_adopted_pct.numerator"),),
)

CEASED_SGO = _left_share(
    "ceased_sgo_pct", "Children leaving care through a special guardianship order", SPECIAL_GUARDIANSHIP,
    "a special guardianship order",
    "Children who left care under a special guardianship order, to their former foster carers or to other "
    "carers. A child arrangements order is not counted.",
    "Counted when that ending is a special guardianship order to former foster carers or to other carers "
    "(E45-E48); a child arrangements order (E41) is not.",
    "did so through a special guardianship order", reference=f"{REFERENCE} A13; LAIT 'LAC_ceased_SGO%'")

RETURNED_HOME_PCT = _left_share(
    "returned_home_pct", "Children leaving care who returned home", RETURNED_HOME,
    "a return home to parents or others with parental responsibility",
    "Children who went back to live with their parents, relatives or others with parental responsibility, "
    "whether or not this was part of their care plan. Going to live with someone without parental "
    "responsibility is not a return home.",
    "Counted when the child returned home to parents, relatives or others with parental responsibility, whether "
    "as part of care planning (E4A) or not (E4B); the extra `planned` counts E4A only (returned_home_planned_pct). "
    "Leaving to live with someone without parental responsibility (E13) is not a return home.",
    "returned home to their parents or others with parental responsibility, {planned} of them as part of care "
    "planning",
    extras={"planned": f"count(CASE WHEN {_in('reason', RETURNED_HOME_PLANNED)} THEN 1 END)"},
    reference=f"{REFERENCE} A13")

RETURNED_HOME_PLANNED_PCT = _left_share(
    "returned_home_planned_pct", "Children leaving care who returned home as part of care planning",
    RETURNED_HOME_PLANNED, "a planned return home",
    "Children who went back to live with their parents, relatives or others with parental responsibility as "
    "part of their care plan.",
    "Counted when the child returned home to parents, relatives or others with parental responsibility as part "
    "of the care planning process (E4A).",
    "returned home as part of care planning", reference=f"{REFERENCE} A13",
    same_as=(("numerator", "returned_home_pct.extra.planned"),))

UASC_COUNT = Indicator(
    id="uasc_count",
    title="Unaccompanied asylum-seeking children in care",
    unit="count",
    aggregate="count",
    window="at",
    polarity=None,
    numerator="Children looked after at the end of the period who were unaccompanied asylum-seeking children",
    denominator="",
    definition="Children in care at the end of the month who are unaccompanied asylum-seeking children. A child "
               "whose status as an unaccompanied asylum-seeking child had ended by then is not counted.",
    technical="Children in care at the as-at date (short breaks excluded) with a UASC record whose UASC status had "
               "not ceased by that date (DUC blank or after it).",
    sentence="At the end of {month}, {num} of the children in care were unaccompanied and seeking asylum.",
    sql="""
SELECT c.child, ch.uasc_ceased, c.file_id, c.line_no,
       CASE WHEN ch.uasc AND (ch.uasc_ceased IS NULL OR ch.uasc_ceased > {as_at}) THEN 1 ELSE 0 END AS num
FROM cla_on({as_at}) c
LEFT JOIN children ch ON ch.child = c.child
""",
    decimals=0,
    reference=f"{REFERENCE} A13; LAIT 'Unacc_Asylmn_Seek_Childn'",
)

FOSTER_PLACEMENT = Indicator(
    id="foster_placement_pct",
    title="Children in care living with foster carers",
    unit="%",
    aggregate="share",
    window="at",
    polarity="high",
    numerator="Children placed with foster carers (PLACE U1-U6) at the end of the period",
    denominator="Children looked after at the end of the period (excluding short breaks)",
    definition="Children in care at the end of the month who were living with foster carers: relatives or friends, "
               "or other foster carers, whether the council's own or an agency's. A child away from their foster "
               "home on a temporary move that day (a holiday or a hospital stay, say) is not counted as fostered.",
    technical="Children in care at the as-at date whose open episode is a foster placement: with relatives or "
               "friends (U1-U3) or with other foster carers (U4-U6), whatever the provider. A child on a temporary "
               "move (T0-T4) on that date is not counted as fostered.",
    sentence="{num} out of the {den} children in care at the end of {month} were living with foster carers. That is "
             "{value}.",
    sql=f"""
SELECT child, place, file_id, line_no, CASE WHEN {_in('place', FOSTER_CARE)} THEN 1 ELSE 0 END AS num
FROM cla_on({{as_at}})
""",
    reference=f"{REFERENCE} A13; LAIT 'LAC_Foster_Placements'",
)

# Those leaving by adoption, an SGO or a return home are parts of those leaving (by their last ending, so none twice).
CEASED_COUNT = replace(CEASED_COUNT, parts=("value", ("ceased_adopted_pct.numerator", "ceased_sgo_pct.numerator",
                                                      "returned_home_pct.numerator")))

INDICATORS = (STARTS_COUNT, STARTS_RATE, CEASED_COUNT, CEASED_RATE, CEASED_ADOPTED, ADOPTED_COUNT, CEASED_SGO,
              RETURNED_HOME_PCT, RETURNED_HOME_PLANNED_PCT, UASC_COUNT, FOSTER_PLACEMENT)
