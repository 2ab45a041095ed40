"""Reviews held on time and children's participation in them (indicators.md A9, timescales.md section 2).

The due dates come from the model's review_schedule view (CPPCR reg 33), which is where the
schedule rules live; here they are only counted. The list of reviews due or overdue behind them is an
operational list (careboard/lists/defs/reviews_due.py), not an indicator.
"""

from __future__ import annotations

from dataclasses import replace

from ..base import Indicator

_SCHEDULE_RULES = (
    "Each review due is counted in the month of its due date. Per period of care (CPPCR reg 33): the first "
    "review is due 20 working days after the child became looked after (England and Wales working days, the "
    "start being day 0), the second 3 months after the first was actually held, and each later one 6 months "
    "after the previous one was held; a month later keeps the day number, or the last day of a shorter month. "
    "A review on or before its due date is on time; one held later, or none held by the due date, is late. "
    "The schedule restarts with each period of care and stops when the child leaves care. Periods of short "
    "breaks (LS V3/V4) are excluded, as reg 48 modifies their schedule. Every review loaded counts, from the "
    "first year loaded or the year of the earliest review when one file holds several years; for periods of care "
    "that began before then, the first due date seen is unknown: it was 6 months after the data began at the "
    "latest, so with no review held by then it is counted late (as the list of reviews due has it overdue), and "
    "one held by then, which may or may not have been on time, is not counted."
)



def _schedule_plain(when: str) -> str:
    return (f"Reviews of children's care plans that fell due {when}. The first review is due within 20 working "
            "days of a child coming into care, the second 3 months after the first, and each later one 6 months "
            "after the one before. A review held on or before its due date is on time; one held later, or not "
            "held yet, is late. Children in care only for short breaks have a different timetable and are not "
            "counted. Where a child came into care before the earliest data loaded, the first due date is not "
            "known: a review not held within 6 months of the start of the data is late, and one held within them "
            "is not counted.")


# One row per review due in the window (a child can have more than one), late when none was held. A first due
# date not known (care began before the data) is the latest it can have been: not met, it is surely late.
_DUE_IN_WINDOW = """
SELECT child, CASE WHEN on_time THEN 1 ELSE 0 END AS num, period_no, due_no, rule, due_from, due_date,
       review_date, file_id, line_no
FROM review_schedule
WHERE (due_known OR review_date IS NULL OR review_date > due_date) AND due_date BETWEEN {period_start} AND {period_end}
"""

REVIEWS_ON_TIME = Indicator(
    id="reviews_on_time_pct",
    title="Reviews held on time",
    unit="%",
    aggregate="share",
    window="month",
    polarity="high",
    numerator="Reviews due in the month that were held on or before their due date",
    denominator="Reviews due in the month (a due date with no review held counts as late)",
    definition=_schedule_plain("in the month"),
    technical=_SCHEDULE_RULES,
    sentence="For {num} out of the {den} reviews due in {month}, the review was held on time ({value}).",
    none_sentence="No review fell due in {month}.",
    sql=_DUE_IN_WINDOW,
    counts="reviews",
    group="Reviews",
    reference="CPPCR 2010 reg 33; indicators.md A9; timescales.md section 2",
)

# The same count since 1 April: the second line of the reviews narrative.
REVIEWS_ON_TIME_YTD = replace(
    REVIEWS_ON_TIME,
    id="reviews_on_time_ytd_pct",
    title="Reviews held on time, year to date",
    window="ytd",
    definition=_schedule_plain("from 1 April to the end of the month"),
    numerator="Reviews due since 1 April that were held on or before their due date",
    denominator="Reviews due from 1 April to the end of the month (a due date with no review held counts as late)",
    sentence="Since the start of the financial year, {num} of the {den} reviews due were held on time ({value}).",
    none_sentence="No review has fallen due since the start of the financial year ({period}).",
)

REVIEW_PARTICIPATION = Indicator(
    id="review_participation_pct",
    title="Children participating in their reviews",
    unit="%",
    aggregate="share",
    window="month",
    polarity="high",
    numerator="Reviews where the child took part (REVIEW_CODE PN1 to PN6)",
    denominator="Reviews held in the month of children aged 4 or over on the day of the review",
    definition="Reviews held in the month of children aged 4 or over, counted when the child took part: by "
               "attending, or by giving their views through an advocate or in another way. A child who did not "
               "attend and whose views were not given, or whose part in the review was not recorded, is counted "
               "as not taking part. Reviews of children in care only for short breaks are left out.",
    technical="Reviews held in the month, of children aged 4 or over at the review, in a period of care that "
               "is not only short breaks. Participation is REVIEW_CODE PN1-PN6 (attending, or conveying views "
               "through an advocate or another medium); PN7 (did not attend, views not conveyed) and a missing "
               "code count as not participating. PN0 (under 4) reviews are left out. This reading of the codes "
               "is careboard's, not a DfE definition.",
    sentence="Children took part in {num} of the {den} reviews of children aged 4 or over held in {month} "
             "({value}).",
    sql="""
SELECT s.child, CASE WHEN s.review_code IN {REVIEW_PARTICIPATED} THEN 1 ELSE 0 END AS num,
       s.review_date, s.review_code, age_on(c.dob, s.review_date) AS age, s.file_id, s.line_no
FROM review_schedule s JOIN children c ON c.child = s.child
WHERE s.review_date BETWEEN {period_start} AND {period_end}
  AND age_on(c.dob, s.review_date) >= 4 AND s.review_code IS DISTINCT FROM 'PN0'
""",
    group="Reviews",
    counts="reviews",
    reference="SSDA903 REVIEW_CODE; indicators.md A9",
)

INDICATORS = (REVIEWS_ON_TIME, REVIEWS_ON_TIME_YTD, REVIEW_PARTICIPATION)
