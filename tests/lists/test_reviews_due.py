"""The reviews-due list (`careboard due`): rows and summary worked out by hand.

Working days used below (England and Wales), as in tests/indicators/test_reviews.py:
  14 Apr 2025 + 20 working days = Thu 15 May 2025 (Good Friday, Easter Monday and 5 May inside);
  1 May 2025 + 20 = Mon 2 Jun 2025 (the 5 and 26 May holidays inside).
"""

from datetime import date

import pytest

from careboard.lists import registry
from careboard.lists.defs.reviews_due import RULE_WORDS
from careboard.lists.run import list_rows
from tests.lists.check import check_case
from tests.cohort import ep
from tests.indicators.test_reviews import MAY_2025, returns, review
from tests.shared_context import shared_context

D = date

# A came into care on 14 Apr 2025 and was reviewed on 15 May (on time): the second review is due 3 months
# later, 15 Aug. B was reviewed on 15 May and 15 Aug: the third is due 6 months after, 15 Feb 2026.
# K's first review is due 15 May and was held on 31 May, the as-at date itself. Z left care on 20 May.
LATER = returns(2026, [ep("A", "14/04/2025"), ep("B", "14/04/2025"), ep("K", "14/04/2025"),
                       ep("Z", "14/04/2025", "20/05/2025", "E4A")],
                [review("A", "15/05/2025"), review("B", "15/05/2025"), review("B", "15/08/2025"),
                 review("K", "31/05/2025")])

CASES = [
    # (list, description, returns, snapshot as-at date, options, expected rows, expected summary)
    ("reviews_due", "overdue first, then due soon; reviewed, left care and short breaks left out",
     # C's first review was due 15 May, none held: 16 days overdue at 31 May. E's is due 2 Jun. A and B
     # were reviewed; P left care on 9 May; L is on short breaks.
     MAY_2025, D(2025, 5, 31), {},
     [("C", "overdue", D(2025, 5, 15), 16, 1, D(2025, 4, 14), RULE_WORDS["first_20wd"]),
      ("E", "due soon", D(2025, 6, 2), 0, 1, D(2025, 5, 1), RULE_WORDS["first_20wd"])],
     "1 review overdue and 1 due in the next 28 days at 31/05/2025."),
    ("reviews_due", "a review due on the as-at date is due soon, not overdue",
     # At 15 May, A's review that day counts as held (on the day); B's is held on 16 May, after the as-at
     # date, and C has none: both due that day, 0 days overdue. E is due 2 Jun, 18 days on: outside 17 days.
     MAY_2025, D(2025, 5, 31), {"as_at": D(2025, 5, 15), "days": 17},
     [("B", "due soon", D(2025, 5, 15), 0, 1, D(2025, 4, 14), RULE_WORDS["first_20wd"]),
      ("C", "due soon", D(2025, 5, 15), 0, 1, D(2025, 4, 14), RULE_WORDS["first_20wd"])],
     "0 reviews overdue and 2 due in the next 17 days at 15/05/2025."),
    ("reviews_due", "the last day looked ahead to is in the list",
     MAY_2025, D(2025, 5, 31), {"as_at": D(2025, 5, 15), "days": 18},
     [("B", "due soon", D(2025, 5, 15), 0, 1, D(2025, 4, 14), RULE_WORDS["first_20wd"]),
      ("C", "due soon", D(2025, 5, 15), 0, 1, D(2025, 4, 14), RULE_WORDS["first_20wd"]),
      ("E", "due soon", D(2025, 6, 2), 0, 1, D(2025, 5, 1), RULE_WORDS["first_20wd"])],
     "0 reviews overdue and 3 due in the next 18 days at 15/05/2025."),
    ("reviews_due", "second review 3 months after the first as held, later ones 6 months",
     # At 31 Jan 2026, 60 days ahead: A's second review (due 15 Aug) is 169 days overdue; B's third is due
     # 15 Feb. K's review on the as-at day 31 May answered the first; its second, due 31 Aug, is overdue.
     # Z left care before anything was due.
     LATER, D(2026, 1, 31), {"days": 60},
     [("A", "overdue", D(2025, 8, 15), 169, 2, D(2025, 5, 15), RULE_WORDS["second_3m"]),
      ("K", "overdue", D(2025, 8, 31), 153, 2, D(2025, 5, 31), RULE_WORDS["second_3m"]),
      ("B", "due soon", D(2026, 2, 15), 0, 3, D(2025, 8, 15), RULE_WORDS["later_6m"])],
     "2 reviews overdue and 1 due in the next 60 days at 31/01/2026."),
    ("reviews_due", "nothing due: an empty list says so",
     LATER, D(2025, 5, 31), {"as_at": D(2025, 4, 30), "days": 0}, [],
     "0 reviews overdue and 0 due in the next 0 days at 30/04/2025."),
    ("reviews_due", "care before the data with no review in it: due 6 months after the data begins",
     # In care since 2020, no review in the 2025/26 data: due at the latest on 30 Sep 2025.
     returns(2026, [ep("W", "01/01/2020")]), D(2025, 10, 31), {},
     # which review it is is not known (care began before the data): blank
     [("W", "overdue", D(2025, 9, 30), 31, None, D(2025, 3, 31), RULE_WORDS["before_data_6m"])],
     "1 review overdue and 0 due in the next 28 days at 31/10/2025."),
    ("reviews_due", "care begun in the 20 working days before the data: the first review is known to fall in it",
     # N came into care on 25 Mar 2025: first review due 24 Apr (Good Friday and Easter Monday inside), none
     # held, 98 days overdue at 31 Jul. M came on 18 Mar, due 15 Apr, reviewed 10 Apr: the second is due 3
     # months on, 10 Jul, 21 days overdue. F came on 1 Mar: due 28 Mar, before the data began, so not known:
     # 6 months after it began at the latest, 30 Sep.
     returns(2026, [ep("N", "25/03/2025"), ep("M", "18/03/2025"), ep("F", "01/03/2025")], [review("M", "10/04/2025")]),
     D(2025, 7, 31), {"days": 70},
     [("N", "overdue", D(2025, 4, 24), 98, 1, D(2025, 3, 25), RULE_WORDS["first_20wd"]),
      ("M", "overdue", D(2025, 7, 10), 21, 2, D(2025, 4, 10), RULE_WORDS["second_3m"]),
      ("F", "due soon", D(2025, 9, 30), 0, None, D(2025, 3, 31), RULE_WORDS["before_data_6m"])],
     "2 reviews overdue and 1 due in the next 70 days at 31/07/2025."),
]


@pytest.mark.parametrize("list_id,description,returns_,snapshot_as_at,options,rows,said", CASES,
                         ids=[c[1] for c in CASES])
def test_reviews_due(list_id, description, returns_, snapshot_as_at, options, rows, said):
    assert registry.get(list_id).column_names == ["child", "status", "due_date", "days_overdue", "days_left", "review",
                                                  "counted_from", "rule"]
    check_case(list_id, returns_, snapshot_as_at, options, rows, said)


def _due(returns_, snapshot_as_at, as_at=None, days_ahead=28):
    """(child, due date, rule, days from the due date to the as-at date: negative while still to come)."""
    ctx = shared_context(returns_, snapshot_as_at)
    at = as_at or snapshot_as_at
    out = []
    for child, status, due_date, days_overdue, days_left, _, _, rule in list_rows(
            ctx, registry.get("reviews_due"), as_at, days_ahead)[1]:
        days = (at - due_date).days
        assert (status, days_overdue, days_left) == (("overdue", days, None) if days > 0 else ("due soon", 0, -days))
        out.append((child, due_date, rule, days))
    return out


def test_due_list_shows_overdue_then_due_soon():
    # At 31 May: C's first review was due 15 May and not held (16 days overdue); E's is due 2 Jun (in 2 days).
    # A and B were reviewed, next due in August; P has left care; L is on short breaks.
    assert _due(MAY_2025, date(2025, 5, 31)) == [
        ("C", date(2025, 5, 15), RULE_WORDS["first_20wd"], 16),
        ("E", date(2025, 6, 2), RULE_WORDS["first_20wd"], -2)]


def test_due_list_for_an_earlier_date_ignores_later_reviews():
    # At 14 May, A, B and C are due the next day; A's and B's reviews were held later. P left care on 9 May;
    # E (due 2 Jun) is beyond 7 days.
    got = _due(MAY_2025, date(2025, 5, 31), as_at=date(2025, 5, 14), days_ahead=7)
    assert got == [(c, date(2025, 5, 15), RULE_WORDS["first_20wd"], -1) for c in "ABC"]


def test_due_list_flags_care_before_the_data_with_no_review():
    # In care since 2020 with no review in the 2025/26 data: due at the latest 6 months after 31 March 2025,
    # 30 Sep 2025, so 31 days overdue at 31 Oct.
    got = _due(returns(2026, [ep("W", "01/01/2020")]), date(2025, 10, 31))
    assert got == [("W", date(2025, 9, 30), RULE_WORDS["before_data_6m"], 31)]
