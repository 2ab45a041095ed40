"""Reviews overdue or falling due soon: the list a team manager works through (`careboard due`).

The due dates come from the model's review_schedule view (CPPCR reg 33), where the schedule rules
live, as they do for the reviews-on-time indicators; this list only picks the reviews still to be held.
"""

from __future__ import annotations

from ..base import Column, due_columns_sql, due_list

# The schedule's rule for each due date (model/sql/review_schedule.sql), in the words a team manager reads.
RULE_WORDS = {
    "first_20wd": "20 working days from coming into care",
    "second_3m": "3 months from the first review",
    "later_6m": "6 months from the review before",
    "before_data_6m": "6 months from the start of the data (care began before it, with no review in it)",
}
_RULE = "CASE rule " + " ".join(f"WHEN '{code}' THEN '{words}'" for code, words in RULE_WORDS.items()) + " END"

# Only what was known at the as-at date counts (a review held after it has not happened yet), so the list
# can be drawn up again for an earlier date; a child who went on to leave care before a review fell due is
# left out, as the schedule is built from the data as loaded now. A review due on the as-at date itself is
# due, not yet overdue. Longest overdue first.
_SQL = f"""
SELECT child, {due_columns_sql("due_date")}, CASE WHEN numbered_from_start THEN due_no END AS review,
       due_from AS counted_from, {_RULE} AS rule
FROM review_schedule
WHERE due_from <= {{as_at}} AND due_date <= {{until}}
  AND (review_date IS NULL OR review_date > {{as_at}})
  AND period_start <= {{as_at}} AND (period_end IS NULL OR period_end > {{as_at}})
ORDER BY due_date, child
"""

REVIEWS_DUE = due_list(
    id="reviews_due",
    title="Reviews overdue or due soon",
    description="Children in care at the as-at date whose next review of their care plan is overdue, or falls "
                "due within the days asked for, longest overdue first. The first "
                "review is due within 20 working days of a child coming into care, the second 3 months after "
                "the first was held, and each later one 6 months after the one before. A review held after the "
                "as-at date counts as not held yet, so the list can be drawn up again for an earlier date. "
                "Children in care only for short breaks have a different timetable and are not listed.",
    key=Column("child", "the child's ID in the return"),
    columns=(
        Column("review", "which review of this period of care it is: 1 for the first; blank when care began before "
                         "the data loaded, which does not say how many reviews came before"),
        Column("counted_from", "the date the due date counts from: the day the child came into care, or the "
                               "day of the review before"),
        Column("rule", "how the due date is worked out: 20 working days from coming into care (the first review), "
                       "3 months from the first review (the second), 6 months from the review before (each later "
                       "one), or 6 months from the start of the data, when the first review fell due before the data "
                       "loaded begins and no review is in it (the latest date it can be due)",
               values=tuple(RULE_WORDS.values())),
    ),
    sql=_SQL,
    row_is="review",
    reference="CPPCR 2010 reg 33; indicators.md A9; timescales.md section 2",
    sheet="Reviews",
)

LISTS = (REVIEWS_DUE,)
