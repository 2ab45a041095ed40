"""Breakdown tables worked out by hand at 31 January 2025, whose 12 months are February 2024 to January 2025,
from the fixtures of tests/indicators/test_local_lists.py and the reviews below."""

from datetime import date

import pytest

from careboard.breakdowns import registry
from careboard.breakdowns.run import draw_up
from tests.cohort import ep, row
from tests.indicators.test_annex_a import LIST_11
from tests.indicators.test_local_lists import APPLICATIONS, AS_AT, NO_HOUSEHOLDS, PRIVATE, SUPPORT
from tests.shared_context import shared_context

MONTHS = [f"{m} {y}" for y, months in ((2024, "February March April May June July August September October November "
                                              "December"), (2025, "January")) for m in months.split()]


def by_month(**rows) -> list[list]:
    """Twelve rows of noughts (a % blank), with the months named (oct_2024=[...]) given instead."""
    blank = next(iter(rows.values()))
    filler = [None if isinstance(x, float) or x is None else 0 for x in blank]
    return [[m, *rows.get(m.lower().replace(" ", "_")[:3] + "_" + m[-4:], filler)] for m in MONTHS]


# R came into care 01/01/2024: reviews 15/04/2024 (spoke for themselves), 10/10/2024 (did not attend, no views
# given), 01/12/2024 (no code recorded) and 01/02/2025 (after the report date: not yet held). Y, under 4,
# was reviewed 01/06/2024.
REVIEWS = {2025: {"episodes": [ep("R", "01/01/2024"), ep("Y", "01/04/2024")],
                  "reviews": [row(child="R", review="15/04/2024", review_code="PN1"),
                              row(child="R", review="10/10/2024", review_code="PN7"),
                              row(child="R", review="01/12/2024", review_code=""),
                              row(child="R", review="01/02/2025", review_code="PN1"),
                              row(child="Y", review="01/06/2024", review_code="PN0")]}}

# A3 was approved in January 2024, the month before the 12.
OLD_APPROVAL = {2025: {"episodes": [ep("K", "01/01/2024")],
                       "fostering_applications": [r for r in APPLICATIONS[2025]["fostering_applications"]
                                                  if r["APPLICANT"] == "A3"]}}

CASES = [
    # (table, description, returns, expected rows)
    ("reviews_by_participation", "each review once under its code; none recorded has its own row", REVIEWS,
     [["Child under 4", 1], ["Attended and spoke for themselves", 1], ["Attended, an advocate spoke for them", 0],
      ["Attended and gave their views non-verbally", 0], ["Attended but did not contribute", 0],
      ["Did not attend, briefed an advocate", 0], ["Did not attend, gave their views another way", 0],
      ["Did not attend, views not given", 1], ["Not recorded", 1]]),
    ("fostering_approvals_by_month", "approvals by the month of the panel; within 8 months of the application",
     # A1 (mainstream, in time) and A2 (connected, a day late) in October; A9 (no application date) in December.
     APPLICATIONS, by_month(oct_2024=[1, 1, 2, 1, 50.0], dec_2024=[1, 0, 1, 0, 0.0])),
    ("fostering_approvals_by_month", "nobody approved in the 12 months: twelve months of noughts", OLD_APPROVAL,
     [[m, 0, 0, 0, 0, None] for m in MONTHS]),
    ("private_fostering_by_source", "by who notified; visited within 7 working days, of those due a visit",
     # F7 (school, 22/01/2025) and F3 (health, 27/01/2025) are still within their 7 working days and not visited:
     # out of the share, as the figure has them (3 of 4).
     PRIVATE, [["Parent", 1, 0, 0.0], ["Private foster carer", 1, 1, 100.0], ["The child", 0, 0, None],
               ["School", 2, 1, 100.0], ["School admissions", 0, 0, None], ["Health", 1, 0, None],
               ["Police", 1, 1, 100.0], ["Children's social care", 0, 0, None], ["Another council", 0, 0, None],
               ["Other", 0, 0, None]]),
    ("support_requests_by_month", "by the month referred; each timescale from the referral",
     # S1 (October) met all three; S2 (November) none; S3 (January) had contact in time, the rest not yet.
     # S3's visit and assessment, not yet due, are out of the shares.
     SUPPORT, by_month(oct_2024=[1, 1, 100.0, 1, 100.0, 1, 100.0], nov_2024=[1, 0, 0.0, 0, 0.0, 0, 0.0],
                       jan_2025=[1, 1, 100.0, 0, None, 0, None])),
    ("adopter_journey", "each step in the 12 months, with the average days since the step before",
     # Stage 1: P1 31 days after enquiring, P2 14, P3 30 (P4's was before the 12 months). Stage 2: 60, 61, 60.
     # Approval: 122, 123, 275. P1 matched 61 days after approval and had children placed 31 days later.
     LIST_11, [["Enquiries", 2, None], ["Started stage 1", 3, 25.0], ["Started stage 2", 3, 181 / 3],
               ["Approved", 3, 520 / 3], ["Matched with children", 1, 61.0], ["Children placed with them", 1, 31.0],
               ["Left the process", 1, None]]),
]


@pytest.mark.parametrize("table,description,returns,rows", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_breakdown(table, description, returns, rows):
    drawn = draw_up(shared_context(returns, AS_AT), registry.get(table))
    assert drawn.headings[0] == registry.get(table).key_heading
    assert drawn.rows == rows
    assert not drawn.not_loaded or rows == []


def test_a_table_from_a_list_not_loaded_says_so():
    drawn = draw_up(shared_context(NO_HOUSEHOLDS, AS_AT), registry.get("private_fostering_by_source"))
    assert (drawn.rows, drawn.not_loaded) == ([], ("private fostering notifications",))


def test_the_months_end_with_the_as_at_month():
    drawn = draw_up(shared_context(SUPPORT, AS_AT), registry.get("support_requests_by_month"), date(2024, 11, 15))
    assert [r[0] for r in drawn.rows][::11] == ["December 2023", "November 2024"]
    assert drawn.rows[-1][1:3] == [1, 0]    # S2, referred 01/11/2024; S1's October is the month before



def test_what_is_done_after_the_date_drawn_up_is_not_yet_done():
    """Seen: a visit after the as-at date counted as a visit in time. At 02/12/2024, F5's visit on 03/12 (notified by
    the police on 01/12) has not happened, and its 7 working days are still running: out of the share. At 03/11/2024,
    S1's assessment on 15/11 has not happened and is not yet due; S2's contact, due that day, is not done: late."""
    pf = draw_up(shared_context(PRIVATE, AS_AT), registry.get("private_fostering_by_source"), date(2024, 12, 2))
    assert next(r for r in pf.rows if r[0] == "Police") == ["Police", 1, 0, None]
    support = draw_up(shared_context(SUPPORT, AS_AT), registry.get("support_requests_by_month"), date(2024, 11, 3))
    assert support.rows[-2:] == [["October 2024", 1, 1, 100.0, 1, 100.0, 0, None],
                                 ["November 2024", 1, 0, 0.0, 0, None, 0, None]]
