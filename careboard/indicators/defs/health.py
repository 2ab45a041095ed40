"""Health and wellbeing of children looked after for 12 months or more at 31 March (OC2; indicators.md A10).

The cohort comes from the model (oc2_cohort.sql): looked after on 1 April and on 31 March in one period
of care, with no short-break (V3/V4) episode in the year. Every cohort child is a row, whether or not the
return has an OC2 row for them: a missing row, a blank item and a refusal all count as "not had".
"""

from functools import partial

from ..base import Indicator

GROUP = "Health and wellbeing"
REFERENCE = "DfE CLA statistics (outcomes for looked after children); indicators.md A10"
_COHORT_WORDS = "children looked after continuously for 12 months or more at 31 March"
_NO_ROW = ("A child in the cohort with no OC2 row, a blank item or a refusal counts as not having had it. "
           "Short-break (V3/V4) episodes in the year take a child out of the cohort.")
_AGE = "Age is whole years at 31 March of the year."
_COHORT_PLAIN = ("The group is children who had been in care without a break for at least 12 months on 31 March of "
                 "the last complete year (1 April to 31 March); children who had short breaks in the year are not in it.")
_NOT_HAD = "A child with nothing recorded, or who refused, counts as not having had it."
_AGE_PLAIN = "Age is at 31 March."

_AGE_SQL = "age_on(ch.dob, date_of({year}, 3, 31))"
# Every cohort child with their age at 31 March; `no_oc2` = 1 marks children with no OC2 row.
_ROWS = """
SELECT o.child, {num} AS num, {age} AS age,
       CASE WHEN o.has_oc2 THEN 0 ELSE 1 END AS no_oc2,
       o.sdq_score, o.sdq_reason, o.file_id, o.line_no
FROM oc2_cohort o LEFT JOIN children ch ON ch.child = o.child
WHERE o.year = {{year}} {where}
"""
_MISSING_ROWS = {"no_oc2": "sum(no_oc2)"}
# What every indicator here shares: the latest complete collection year, a share unless it says otherwise.
_annual = partial(Indicator, unit="%", aggregate="share", window="year", group=GROUP, reference=REFERENCE)


def _cohort_aged(ages: str) -> str:
    return _COHORT_WORDS.replace("children", f"children aged {ages}", 1)


def _sql(num: str, where: str = "") -> str:
    return _ROWS.format(num=num, age=_AGE_SQL, where=where)


def _flag(column: str) -> str:
    """1 when the OC2 item is recorded as 1; blank, 0 and no row at all are 0."""
    return f"CASE WHEN o.{column} = '1' THEN 1 ELSE 0 END"


def _ages(low: int, high: int) -> str:
    return f"AND {_AGE_SQL} BETWEEN {low} AND {high}"


_WITH_SCORE = _ages(5, 16) + " AND o.sdq_score IS NOT NULL"


def _whole_cohort(id_, title, item, column, words, plain, polarity="high"):
    """An OC2 item as a share of the whole cohort, with how many cohort children had no OC2 row."""
    return _annual(
        id=id_, title=title, polarity=polarity,
        numerator=f"Children in the cohort with {item} = 1",
        denominator=f"All {_COHORT_WORDS}",
        definition=f"{plain} {_COHORT_PLAIN} {_NOT_HAD}",
        technical=f"{item} = 1 over every child in the OC2 cohort of the year, all ages. {_NO_ROW}",
        sentence=f"In {{period}}, {{num}} of the {{den}} {_COHORT_WORDS} {words} ({{value}}).",
        sql=_sql(_flag(column)), extras=_MISSING_ROWS,
    )


HEALTH_ASSESSMENT = _whole_cohort(
    "health_assessment_pct", "Annual health assessment done", "HEALTH_ASSESSMENT", "health_assessment",
    "had their annual health assessment",
    "The share of children who had their annual health assessment during the year.")

IMMUNISATIONS = _whole_cohort(
    "immunisations_pct", "Immunisations up to date", "IMMUNISATIONS", "immunisations",
    "had their immunisations up to date",
    "The share of children whose immunisations were up to date at 31 March.")

DENTAL_CHECK = _whole_cohort(
    "dental_check_pct", "Dental check in the year", "TEETH_CHECK", "teeth_check",
    "had their teeth checked by a dentist",
    "The share of children who had their teeth checked by a dentist during the year.")

SUBSTANCE_MISUSE = _whole_cohort(
    "substance_misuse_pct", "Identified as having a substance misuse problem", "SUBSTANCE_MISUSE",
    "substance_misuse", "were identified as having a substance misuse problem",
    "The share of children identified as having a substance misuse problem during the year.", polarity="low")

DEVELOPMENT_CHECK = _annual(
    id="development_check_pct",
    title="Development assessments up to date (under 5s)",
    polarity="high",
    numerator="Children aged 0 to 4 in the cohort with HEALTH_CHECK = 1",
    denominator=_cohort_aged("0 to 4"),
    definition=f"The share of children aged 0 to 4 whose development assessments were up to date. {_COHORT_PLAIN} "
               f"{_AGE_PLAIN} {_NOT_HAD}",
    technical=f"HEALTH_CHECK = 1 over cohort children aged 0 to 4. {_AGE} {_NO_ROW}",
    sentence=f"In {{period}}, {{num}} of the {{den}} {_cohort_aged('0 to 4')} had their "
             "development assessments up to date ({value}).",
    sql=_sql(_flag("health_check"), _ages(0, 4)),
)

CONVICTED = _annual(
    id="convicted_pct",
    title="Convicted or given a youth caution in the year (aged 10 to 17)",
    polarity="low",
    numerator="Children aged 10 to 17 in the cohort with CONVICTED = 1",
    denominator=_cohort_aged("10 to 17"),
    definition=f"The share of children aged 10 to 17 who were convicted of an offence, or given a youth caution "
               f"or youth conditional caution, during the year. {_COHORT_PLAIN} {_AGE_PLAIN}",
    technical=f"CONVICTED = 1 (convicted, or given a youth caution or youth conditional caution, during the year) "
               f"over cohort children aged 10 to 17. {_AGE} A child with no OC2 row counts as not convicted.",
    sentence=f"In {{period}}, {{num}} of the {{den}} {_cohort_aged('10 to 17')} were convicted or given a "
             "youth caution during the year ({value}).",
    sql=_sql(_flag("convicted"), _ages(10, 17)),
)

SDQ_RECEIVED = _annual(
    id="sdq_received_pct",
    title="Strengths and Difficulties Questionnaire score received (aged 5 to 16)",
    polarity="high",
    numerator="Children aged 5 to 16 in the cohort with an SDQ score",
    denominator=_cohort_aged("5 to 16"),
    definition=f"The share of children aged 5 to 16 for whom an SDQ score was returned. {_COHORT_PLAIN} "
               f"{_AGE_PLAIN} A child with a reason instead of a score (no form returned, refused, or a disability "
               "that prevents it) counts as not received.",
    technical=f"An SDQ_SCORE is present, over cohort children aged 5 to 16. {_AGE} A child with an SDQ_REASON "
               "(no form, refused, disability, other) instead of a score, or with no OC2 row, counts as not received.",
    sentence=f"In {{period}}, an SDQ score was returned for {{num}} of the {{den}} {_cohort_aged('5 to 16')} "
             "({value}).",
    sql=_sql("CASE WHEN o.sdq_score IS NOT NULL THEN 1 ELSE 0 END", _ages(5, 16)),
    extras={"with_reason": "sum(CASE WHEN sdq_reason IS NOT NULL THEN 1 ELSE 0 END)"},
    # the children with a score are the group of the average and of those with a score of concern
    same_as=(("numerator", "sdq_mean.denominator"), ("numerator", "sdq_concern_pct.denominator")),
)

SDQ_MEAN = _annual(
    id="sdq_mean",
    title="Average SDQ score (aged 5 to 16)",
    unit="score", aggregate="mean", polarity="low",
    numerator="Sum of the SDQ scores",
    denominator=_cohort_aged("5 to 16") + " with an SDQ score",
    definition=f"The average SDQ score (0 to 40, higher means more difficulties) of children aged 5 to 16 who "
               f"have a score. {_COHORT_PLAIN} {_AGE_PLAIN}",
    technical=f"Mean SDQ_SCORE (0-40) of cohort children aged 5 to 16 who have a score. {_AGE} "
               "Children with a reason instead of a score are left out.",
    sentence=f"In {{period}}, the {{den}} {_cohort_aged('5 to 16')} with an SDQ score had an average "
             "score of {value}.",
    sql=_sql("o.sdq_score", _WITH_SCORE), decimals=1,
)

SDQ_CONCERN = _annual(
    id="sdq_concern_pct",
    title="SDQ score a cause for concern (17 or more)",
    polarity="low",
    numerator="Children with an SDQ score of 17 to 40",
    denominator=_cohort_aged("5 to 16") + " with an SDQ score",
    definition=f"The share of children aged 5 to 16 with an SDQ score whose score was 17 or more, which the "
               f"Department for Education treats as a cause for concern. {_COHORT_PLAIN} {_AGE_PLAIN}",
    technical=f"SDQ_SCORE 17-40 (DfE 'cause for concern' band) over cohort children aged 5 to 16 who have a "
               f"score. {_AGE} Children with a reason instead of a score are left out.",
    sentence=f"In {{period}}, {{num}} of the {{den}} {_cohort_aged('5 to 16')} with an SDQ score had a score "
             "that is a cause for concern ({value}).",
    sql=_sql("CASE WHEN o.sdq_score BETWEEN 17 AND 40 THEN 1 ELSE 0 END", _WITH_SCORE),
)

SUBSTANCE_INTERVENTION = _annual(
    id="substance_intervention_pct",
    title="Received an intervention for substance misuse",
    polarity="high",
    numerator="Children with INTERVENTION_RECEIVED = 1",
    denominator=f"{_COHORT_WORDS} identified as having a substance misuse problem",
    definition=f"Of the children identified as having a substance misuse problem, the share who received help "
               f"for it (an intervention). A child offered help who refused it counts as not received. "
               f"{_COHORT_PLAIN}",
    technical="INTERVENTION_RECEIVED = 1 over cohort children with SUBSTANCE_MISUSE = 1. A child offered an "
               "intervention who refused it (INTERVENTION_OFFERED = 1) counts as not received.",
    sentence=f"In {{period}}, {{num}} of the {{den}} {_COHORT_WORDS} identified as having a substance misuse "
             "problem received an intervention ({value}).",
    sql=_sql(_flag("intervention_received"), "AND o.substance_misuse = '1'"),
)

INDICATORS = (HEALTH_ASSESSMENT, IMMUNISATIONS, DENTAL_CHECK, DEVELOPMENT_CHECK, CONVICTED, SDQ_RECEIVED,
              SDQ_MEAN, SDQ_CONCERN, SUBSTANCE_MISUSE, SUBSTANCE_INTERVENTION)
