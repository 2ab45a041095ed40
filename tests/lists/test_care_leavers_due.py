"""The leaving care team's list of pathway plan reviews (`careboard due --list care`), from Annex A List 9: rows
and summaries worked out by hand at 31 January 2025."""

from datetime import date

import pytest

from careboard.errors import InputError
from careboard.lists import registry
from careboard.lists.run import list_rows
from tests.cohort import context, row
from tests.indicators.test_local_lists import AS_AT, IN_CARE
from tests.lists.check import check_case

D = date


def leaver(child, eligibility, in_touch, review="", **kw) -> dict:
    return row(child=child, eligibility=eligibility, in_touch=in_touch, pathway_plan_review_date=review, **kw)


LIST_9 = {2025: {"episodes": IN_CARE, "annex_a_care_leavers": [
    leaver("L1", "RELEVANT", "YES", "15/08/2024", personal_adviser="Ann Lee", team="Leaving Care"),
    leaver("L2", "FORMER_RELEVANT", "YES", "01/06/2024"),
    leaver("L3", "FORMER_RELEVANT", "NO"),
    leaver("L4", "QUALIFYING", "YES", "01/01/2024"),
    leaver("L5", "FORMER_RELEVANT", "NREQ", "01/01/2024"),
    leaver("L6", "RELEVANT", "YES", "20/12/2024"),
    leaver("L7", "FORMER_RELEVANT", "DIED", "01/03/2024"),
    leaver("L8", "FORMER_RELEVANT", "REFU", "31/07/2024")]}}

NONE_DUE = {2025: {"episodes": IN_CARE, "annex_a_care_leavers": [leaver("L4", "QUALIFYING", "YES"),
                                                                 leaver("L6", "RELEVANT", "YES", "20/12/2024")]}}

CASES = [
    # (list, description, returns, snapshot as-at date, options, expected rows, expected summary)
    ("care_leaver_plans_due", "6 months from the latest review; none recorded is overdue; only those with a plan",
     # L3 has no review recorded: overdue, with no due date. L2's was due 01/12/2024: 61 days overdue. L8, who
     # refuses contact, was due 31/01/2025, the as-at date itself: due. L1's is due 15/02/2025. L6's (20/06/2025)
     # is beyond 28 days; L4 is a qualifying care leaver, with no plan; L5 no longer wants services; L7 died.
     LIST_9, AS_AT, {},
     [("L3", "overdue", None, None, None, "FORMER_RELEVANT", "NO", None, None, None),
      ("L2", "overdue", D(2024, 12, 1), 61, D(2024, 6, 1), "FORMER_RELEVANT", "YES", None, None, None),
      ("L8", "due soon", D(2025, 1, 31), 0, D(2024, 7, 31), "FORMER_RELEVANT", "REFU", None, None, None),
      ("L1", "due soon", D(2025, 2, 15), 0, D(2024, 8, 15), "RELEVANT", "YES", "Ann Lee", "Leaving Care", None)],
     "2 plans overdue and 2 due in the next 28 days at 31/01/2025."),
    ("care_leaver_plans_due", "a qualifying care leaver and a plan reviewed last month: no one",
     NONE_DUE, AS_AT, {}, [], "0 plans overdue and 0 due in the next 28 days at 31/01/2025."),
]


@pytest.mark.parametrize("list_id,description,returns,snapshot_as_at,options,rows,said", CASES,
                         ids=[c[1] for c in CASES])
def test_care_leaver_lists(list_id, description, returns, snapshot_as_at, options, rows, said):
    check_case(list_id, returns, snapshot_as_at, options, rows, said)


def test_without_annex_a_the_list_says_it_was_not_loaded():
    ctx = context({2025: {"episodes": IN_CARE}}, AS_AT)
    with pytest.raises(InputError, match="Annex A List 9"):
        list_rows(ctx, registry.find("care"))


def test_a_list_9_recording_no_review_dates_at_all_gives_no_list_rather_than_everyone_overdue():
    """A workbook without the column: every care leaver would be listed as overdue for want of a date."""
    ctx = context({2025: {"episodes": IN_CARE, "annex_a_care_leavers": [leaver("L2", "FORMER_RELEVANT", "YES"),
                                                                        leaver("L3", "RELEVANT", "YES")]}}, AS_AT)
    with pytest.raises(InputError, match="records the date of the latest pathway plan review for none of its care "
                                         "leavers"):
        list_rows(ctx, registry.get("care_leaver_plans_due"))
