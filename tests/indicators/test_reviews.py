"""Reviews on time and participation (indicators.md A9). Expected figures worked out by hand; the due list
is tested in tests/lists/.

Working days used below (England and Wales):
  14 Apr 2025 + 20 working days = Thu 15 May 2025: four weeks would be Mon 12 May, but Good Friday
    (18 Apr), Easter Monday (21 Apr) and the May Day holiday (5 May) fall inside, adding three days.
  1 May 2025 + 20 = Mon 2 Jun 2025 (the 5 and 26 May holidays inside).
  2 Jun 2025 + 20 = Mon 30 Jun 2025 (no holidays in June).
  3 May 2024 + 20 = Tue 4 Jun 2024 (6 and 27 May holidays inside).
A snapshot whose first return is 2025/26 sees reviews from 1 April 2025; one starting with 2024/25
sees them from 1 April 2024.
"""

from datetime import date

import pytest

from tests.cohort import check, child, ep, row
from tests.shared_context import compute_shared


def review(child_id, when, code="PN1") -> dict:
    return row(child=child_id, review=when, review_code=code)


def returns(year, episodes, reviews=(), headers=()) -> dict:
    return {year: {"episodes": list(episodes), "reviews": list(reviews), "header": list(headers)}}


# B, C, E, L and M share this cohort; A the on-time 20th working day.
MAY_2025 = returns(2026,
                   [ep("A", "14/04/2025"), ep("B", "14/04/2025"), ep("C", "14/04/2025"), ep("E", "01/05/2025"),
                    ep("L", "14/04/2025", ls="V3"), ep("P", "14/04/2025", "09/05/2025", "E4A")],
                   [review("A", "15/05/2025"), review("B", "16/05/2025", "PN7")])

# Both in care from 3 May 2024: first review 31 May 2024 (due 4 Jun), second 31 Aug 2024 (due 31 May
# + 3 months = 31 Aug, on the day). The third is due 31 Aug + 6 months = 28 Feb 2025, clamped.
CLAMP = returns(2025, [ep("F", "03/05/2024"), ep("G", "03/05/2024")],
                [review("F", "31/05/2024"), review("F", "31/08/2024"), review("F", "28/02/2025"),
                 review("G", "31/05/2024"), review("G", "31/08/2024"), review("G", "01/03/2025")])

# H: first period 14 Apr - 30 May 2025 with its review on 15 May (due 15 May). Second period from 2 Jun:
# its first review is due 30 Jun and was held 1 Jul, late. Without the reset the 1 Jul review would be
# the second of one schedule (due 15 May + 3 months = 15 Aug) and on time.
RESET = returns(2026, [ep("H", "14/04/2025", "30/05/2025", "E4A"), ep("H", "02/06/2025")],
                [review("H", "15/05/2025"), review("H", "01/07/2025")])

# J's first review was late (16 May, due 15 May): the second is due 3 months after the review as held,
# 16 Aug, so the 16 Aug review is on time. K's first was on the day (15 May), second due 15 Aug, held 16 Aug.
FROM_ACTUAL = returns(2026, [ep("J", "14/04/2025"), ep("K", "14/04/2025")],
                      [review("J", "16/05/2025"), review("J", "16/08/2025"),
                       review("K", "15/05/2025"), review("K", "16/08/2025")])

# M and N have been in care since 2020, before the 2025/26 return: their first review in the data (10 May)
# has no known due date; the next is due 6 months after it, 10 Nov 2025 (a later review, not a second). O and
# Q have been in care as long: their first review was due by 30 Sep 2025 at the latest; O has none, Q's came
# on 20 Oct, both surely late.
BEFORE_DATA = returns(2026, [ep("M", "01/01/2020"), ep("N", "01/01/2020"), ep("O", "01/01/2020"),
                             ep("Q", "01/01/2020")],
                      [review("M", "10/05/2025"), review("M", "09/11/2025"),
                       review("N", "10/05/2025"), review("N", "11/11/2025"), review("Q", "20/10/2025")])

CASES = [
    # (indicator, description, returns, as-at date, expected)
    ("reviews_on_time_pct", "20th working day is on time, 21st late, no review by the due date late",
     # Due 15 May for A, B and C: A held on the 20th working day (on time), B on the 21st (late), C none
     # (late). E is due 2 Jun, after May. L is on short breaks: no schedule. P left care on 9 May, before
     # their review was due. 1 of 3.
     MAY_2025, date(2025, 5, 31), {"num": 1, "den": 3, "value": 100 / 3}),
    ("reviews_on_time_ytd_pct", "31 August + 6 months is 28 February",
     # F: 4 Jun, 31 Aug and 28 Feb dues all met on time. G: 4 Jun and 31 Aug met; the third, due 28 Feb,
     # was held 1 Mar, late (without clamping it would be due 3 Mar and on time). Next dues (28 Aug and
     # 1 Sep 2025) are after the year. 5 of 6.
     CLAMP, date(2025, 3, 31), {"num": 5, "den": 6, "value": 500 / 6}),
    ("reviews_on_time_pct", "the third review due on 28 February is counted in February",
     # F held it on 28 Feb (on time). G's 1 Mar review is after the as-at date, so at 28 Feb it is
     # overdue: late. 1 of 2.
     CLAMP, date(2025, 2, 28), {"num": 1, "den": 2, "value": 50.0}),
    ("reviews_on_time_ytd_pct", "a second period of care restarts the schedule",
     # 15 May (period 1, on time) and 30 Jun (period 2, held 1 Jul, late); period 1's 15 Aug due is gone
     # because H left care on 30 May. 1 of 2.
     RESET, date(2025, 7, 31), {"num": 1, "den": 2, "value": 50.0}),
    ("reviews_on_time_pct", "the next review is due from the date the last one was actually held",
     # In August: J due 16 Aug held 16 Aug (on time); K due 15 Aug held 16 Aug (late). 1 of 2.
     FROM_ACTUAL, date(2025, 8, 31), {"num": 1, "den": 2, "value": 50.0}),
    ("reviews_on_time_pct", "care that began before the data: later reviews 6-monthly from the first seen",
     # Both due 10 Nov 2025: M held 9 Nov (on time), N 11 Nov (late). 1 of 2.
     BEFORE_DATA, date(2025, 11, 30), {"num": 1, "den": 2, "value": 50.0}),
    ("reviews_on_time_ytd_pct", "care that began before the data: an unknown first due date counts only when missed",
     # Counted since 1 April: the 10 Nov dues (M on time, N late), and O's and Q's first reviews, not held by
     # 30 Sep, the latest they can have been due (late, as the list of reviews due has them overdue); the
     # 10 May reviews answer due dates that cannot be known. 1 of 4.
     BEFORE_DATA, date(2025, 11, 30), {"num": 1, "den": 4}),
    ("reviews_on_time_pct", "care that began before the data: a first review missed counts in its latest month",
     # In September: O's and Q's first reviews, due by 30 Sep at the latest, not held by then. 0 of 2.
     BEFORE_DATA, date(2025, 9, 30), {"num": 0, "den": 2, "value": 0.0}),
    ("review_participation_pct", "PN1-PN6 take part, PN7 does not; under-4s and short breaks left out",
     # Reviews held in May 2025: A (aged 15, PN1) took part; B (15, PN7) did not; Q (aged 3, PN0) left out;
     # R turned 4 on the day of the review (PN3) and took part; S (short breaks, PN1) left out; T's review
     # was in April. 2 of A, B, R.
     returns(2026,
             [ep("A", "14/04/2025"), ep("B", "14/04/2025"), ep("Q", "14/04/2025"), ep("R", "14/04/2025"),
              ep("S", "14/04/2025", ls="V4"), ep("T", "01/04/2025")],
             [review("A", "15/05/2025"), review("B", "16/05/2025", "PN7"), review("Q", "14/05/2025", "PN0"),
              review("R", "20/05/2025", "PN3"), review("S", "15/05/2025"), review("T", "30/04/2025")],
             [child("Q", dob="01/01/2022"), child("R", dob="20/05/2021")]),
     date(2025, 5, 31), {"num": 2, "den": 3, "value": 200 / 3}),
]


@pytest.mark.parametrize("indicator,description,returns,as_at,expected", CASES, ids=[c[1] for c in CASES])
def test_reviews(indicator, description, returns, as_at, expected):
    check(compute_shared(indicator, returns, as_at), expected)
