"""The due lists of the activity log (`careboard due --list ...`): rows and summaries worked out by hand, at
31 January 2025 looking 28 days ahead (to 28 February), from the fixtures of tests/indicators/test_activities.py.
A child overdue here is one the on-time indicator counts as late: both read the same due dates.
"""

from datetime import date

import pytest

from careboard.errors import InputError
from careboard.lists import registry
from careboard.lists.run import list_rows
from tests.lists.check import check_case
from tests.shared_context import shared_context
from tests.cohort import activity, context, ep
from tests.indicators.test_activities import (AS_AT, DENTAL, PATHWAY, PATHWAY_DOBS, PEP, PEP_DOBS, RETURNS, RHA,
                                              RHA_DOBS, VISITS)

D = date
TEAM = ("Children in Care", "A Worker")    # every activity row of the fixtures has these (tests/cohort.py)
NO_TEAM = (None, None)                     # a child with no activity logged

# Q was visited, assessed and had a PEP the day before: the next are due 13/03/2025, 30/01/2026 and 30/05/2025,
# beyond the 28 days. Nothing to list.
NOTHING_DUE = {2025: {"episodes": [ep("Q", "01/10/2024")],
                      "child_activities": [activity("Q", kind, "30/01/2025") for kind in ("VISIT", "IHA", "PEP")]}}

CASES = [
    # (list, description, returns, dates of birth, options, expected rows, expected summary)
    ("visits_due", "overdue first; the first visit of a new placement; 3-monthly in a settled long-term placement",
     # V6's 6-weekly visit was due 17/12/2024; V7 moved placement on 01/01/2025 and was not visited there (due
     # 08/01); V4 was placed 20/01 (due 27/01); V2 last seen 19/12 (due 30/01). Due soon: V1 today, V3 placed
     # 28/01 (due 04/02), V5 long-term, last 05/11/2024 (due 05/02).
     VISITS, None, {},
     [("V6", "overdue", D(2024, 12, 17), 45, D(2024, 11, 5), D(2023, 6, 1), *TEAM),
      ("V7", "overdue", D(2025, 1, 8), 23, None, D(2025, 1, 1), *TEAM),
      ("V4", "overdue", D(2025, 1, 27), 4, None, D(2025, 1, 20), *NO_TEAM),
      ("V2", "overdue", D(2025, 1, 30), 1, D(2024, 12, 19), D(2024, 10, 1), *TEAM),
      ("V1", "due soon", D(2025, 1, 31), 0, D(2024, 12, 20), D(2024, 10, 1), *TEAM),
      ("V3", "due soon", D(2025, 2, 4), 0, None, D(2025, 1, 28), *NO_TEAM),
      ("V5", "due soon", D(2025, 2, 5), 0, D(2024, 11, 5), D(2023, 6, 1), *TEAM)],
     "4 visits overdue and 3 due in the next 28 days at 31/01/2025."),
    ("visits_due", "nobody due: an empty list says so", NOTHING_DUE, None, {}, [],
     "0 visits overdue and 0 due in the next 28 days at 31/01/2025."),
    ("health_assessments_due", "initial when none is recorded, then 6-monthly under 5 and yearly from 5",
     # R6 came into care 01/01/2020 with no assessment logged; the log begins on 30/01/2024 (R4's), long after
     # the initial one was due, so one may have been held before it: a review is due 12 months after the day
     # before the log begins at the latest, 29/01/2025. R3 (due 01/03/2025) and R5 (10/06/2025) are beyond 28 days.
     RHA, RHA_DOBS, {},
     [("R7", "overdue", D(2024, 8, 10), 174, "review", D(2024, 2, 10), *TEAM),
      ("R2", "overdue", D(2025, 1, 15), 16, "review", D(2024, 7, 15), *TEAM),
      ("R6", "overdue", D(2025, 1, 29), 2, "review", None, *NO_TEAM),
      ("R4", "overdue", D(2025, 1, 30), 1, "review", D(2024, 1, 30), *TEAM),
      ("R1", "due soon", D(2025, 2, 1), 0, "review", D(2024, 8, 1), *TEAM)],
     "4 assessments overdue and 1 due in the next 28 days at 31/01/2025."),
    ("health_assessments_due", "nobody due", NOTHING_DUE, None, {"days": 0}, [],
     "0 assessments overdue and 0 due in the next 0 days at 31/01/2025."),
    ("dental_checks_due", "a year after the last check, or after coming into care when none",
     # D5's only check, 01/06/2022, was before care: due 01/06/2023. D4 has none: due a year after coming into
     # care, 01/01/2024. D6 (due 01/04/2025) is beyond the 28 days.
     DENTAL, None, {},
     [("D5", "overdue", D(2023, 6, 1), 610, D(2022, 6, 1), *TEAM),
      ("D4", "overdue", D(2024, 1, 1), 396, None, *NO_TEAM),
      ("D3", "overdue", D(2025, 1, 30), 1, D(2024, 1, 30), *TEAM),
      ("D2", "due soon", D(2025, 1, 31), 0, D(2024, 1, 31), *TEAM),
      ("D1", "due soon", D(2025, 2, 1), 0, D(2024, 2, 1), *TEAM)],
     "3 checks overdue and 2 due in the next 28 days at 31/01/2025."),
    ("dental_checks_due", "nobody due", NOTHING_DUE, None, {"as_at": D(2024, 10, 31)}, [],
     "0 checks overdue and 0 due in the next 28 days at 31/10/2024."),
    ("peps_due", "school age only; the first 10 working days after coming into care, then each term",
     # P7's only PEP predates this period of care (from 01/06/2024): first due 14/06/2024. P3 (in care from
     # 01/12/2024) was due 13/12/2024 and P6 (from 15/01/2025) 29/01/2025. P4 (3), P5 (17) and P9 (5, in
     # Reception) are not of school age. P10 started Year 1 on 01/09/2024: due 13/09/2024. P8's is due in April.
     PEP, PEP_DOBS, {},
     [("P7", "overdue", D(2024, 6, 14), 231, None, *TEAM),
      ("P10", "overdue", D(2024, 9, 13), 140, None, *NO_TEAM),
      ("P3", "overdue", D(2024, 12, 13), 49, None, *NO_TEAM),
      ("P6", "overdue", D(2025, 1, 29), 2, None, *NO_TEAM),
      ("P2", "overdue", D(2025, 1, 30), 1, D(2024, 9, 30), *TEAM),
      ("P1", "due soon", D(2025, 2, 1), 0, D(2024, 10, 1), *TEAM)],
     "5 plans overdue and 1 due in the next 28 days at 31/01/2025."),
    ("peps_due", "a plan made the day before", NOTHING_DUE, None, {}, [],
     "0 plans overdue and 0 due in the next 28 days at 31/01/2025."),
    ("pathway_plans_due", "3 months after turning 16, then every 6 months",
     # W3 and W5 are first due 01/03/2025, beyond the 28 days; W6 is 13.
     PATHWAY, PATHWAY_DOBS, {},
     [("W4", "overdue", D(2024, 12, 1), 61, None, *NO_TEAM),
      ("W2", "overdue", D(2025, 1, 1), 30, D(2024, 7, 1), *TEAM),
      ("W1", "due soon", D(2025, 2, 15), 0, D(2024, 8, 15), *TEAM)],
     "2 plans overdue and 1 due in the next 28 days at 31/01/2025."),
    ("pathway_plans_due", "nobody aged 16", NOTHING_DUE, None, {}, [],
     "0 plans overdue and 0 due in the next 28 days at 31/01/2025."),
    ("return_interviews_due", "no offer yet: 72 hours past, or running out; older than a year left out",
     # M5's first incident (back 02/11/2024) had no offer before the next began: due 05/11/2024. M3 came back
     # 29/01/2025: due 01/02/2025; M7 came back 28/01/2025: due on the as-at date. M6's return, 02/01/2024, is
     # over a year ago; M4 was away, not missing; M8 was offered one.
     RETURNS, None, {},
     [("M5", "overdue", D(2024, 11, 5), 87, D(2024, 11, 1), D(2024, 11, 2), *TEAM),
      ("M7", "due soon", D(2025, 1, 31), 0, D(2025, 1, 27), D(2025, 1, 28), *NO_TEAM),
      ("M3", "due soon", D(2025, 2, 1), 0, D(2025, 1, 28), D(2025, 1, 29), *NO_TEAM)],
     "1 incident overdue and 2 due in the next 28 days at 31/01/2025."),
    ("return_interviews_due", "nobody went missing", NOTHING_DUE, None, {}, [],
     "0 incidents overdue and 0 due in the next 28 days at 31/01/2025."),
]

@pytest.mark.parametrize("list_id,description,returns,dobs,options,rows,said", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_activity_lists(list_id, description, returns, dobs, options, rows, said):
    check_case(list_id, returns, AS_AT, options, rows, said, dobs)


def test_a_list_needing_the_activity_log_says_it_was_not_loaded():
    ctx = context({2025: {"episodes": [ep("Q", "01/10/2024")]}}, AS_AT)
    with pytest.raises(InputError, match="activity log, which snapshot 1 does not hold"):
        list_rows(ctx, registry.get("visits_due"))


@pytest.mark.parametrize("name,list_id", [("visits", "visits_due"), ("health", "health_assessments_due"),
                                          ("pep", "peps_due"), ("return", "return_interviews_due"),
                                          ("reviews_due", "reviews_due")])
def test_a_list_is_found_by_a_short_name(name, list_id):
    assert registry.find(name).id == list_id


def test_a_list_names_the_childs_social_worker_not_whoever_saw_them_last():
    """Seen: an overdue visit put against the nurse who did the child's health assessment since. The team and worker
    are those of the latest statutory visit; of the latest activity only when no visit is logged (W2)."""
    returns = {2025: {"episodes": [ep("W1", "01/10/2024"), ep("W2", "25/01/2025")],
                      "child_activities": [
                          activity("W1", "VISIT", "20/12/2024", team="CiC Team C", worker="Jo Reid"),
                          activity("W1", "IHA", "28/01/2025", team="LAC Health", worker="Amy Fox"),
                          activity("W2", "IHA", "27/01/2025", team="LAC Health", worker="Amy Fox")]}}
    _, rows = list_rows(shared_context(returns, AS_AT), registry.get("visits_due"))
    # W1 visited 20/12: due 6 weeks on, 31/01; W2 placed 25/01, not visited: due a week on, 01/02
    assert rows == [("W1", "due soon", D(2025, 1, 31), 0, 0, D(2024, 12, 20), D(2024, 10, 1), "CiC Team C", "Jo Reid"),
                    ("W2", "due soon", D(2025, 2, 1), 0, 1, None, D(2025, 1, 25), "LAC Health", "Amy Fox")]


def test_what_fell_due_before_the_activity_log_begins_is_due_at_the_latest_an_interval_after():
    """Seen: a log kept from October listed a child placed in 2020 as 1,500 days overdue for a visit, and the
    figure for the months before it began read 0%. X, placed in 2020 (U6, 6-weekly), has no visit logged; the log
    begins with Y's visit on 01/10/2024, so a visit may have been made the day before: the next is due 6 weeks on
    at the latest, 11/11/2024."""
    from careboard.indicators import calculate
    from careboard.indicators.registry import BY_ID

    returns = {2025: {"episodes": [ep("X", "01/01/2020", place="U6"), ep("Y", "01/09/2024", place="U6")],
                      "child_activities": [activity("Y", "VISIT", "01/10/2024"), activity("Y", "VISIT", "05/11/2024"),
                                           activity("Y", "VISIT", "10/12/2024"), activity("Y", "VISIT", "20/01/2025")]}}
    ctx = shared_context(returns, AS_AT)
    _, rows = list_rows(ctx, registry.get("visits_due"))
    assert [r[:4] for r in rows] == [("X", "overdue", D(2024, 11, 11), 81)]
    visits = BY_ID["visits_on_time_pct"]
    # at 31/10/2024 X's visit is not known to be late: left out; at 31/01/2025 it surely is
    early = calculate.compute(ctx, visits, D(2024, 10, 31))
    late = calculate.compute(ctx, visits, AS_AT)
    assert (early.numerator, early.denominator) == (1, 1) and (late.numerator, late.denominator) == (1, 2)


def test_a_child_at_home_on_an_interim_care_order_is_visited_weekly_until_the_first_review_then_4_weekly():
    """CPPCR reg 28(4). H1 is at home (P1) on an interim care order (C1), not yet reviewed: visited 20/01/2025, due
    a week on, 27/01. H2 likewise but reviewed on 10/12/2024: visited 10/01/2025, due 4 weeks on, 07/02. H3 is at
    home on a full care order (C2): the standard 6 weeks, 21/02."""
    from tests.indicators.test_reviews import review

    home = {"place": "P1", "place_provider": ""}
    returns = {2025: {"episodes": [ep("H1", "01/12/2024", ls="C1", **home), ep("H2", "01/12/2024", ls="C1", **home),
                                   ep("H3", "01/12/2024", ls="C2", **home)],
                      "reviews": [review("H2", "10/12/2024")],
                      "child_activities": [activity("H1", "VISIT", "20/01/2025"), activity("H2", "VISIT", "10/01/2025"),
                                           activity("H3", "VISIT", "10/01/2025")]}}
    _, rows = list_rows(shared_context(returns, AS_AT), registry.get("visits_due"))
    assert [r[:4] for r in rows] == [("H1", "overdue", D(2025, 1, 27), 4), ("H2", "due soon", D(2025, 2, 7), 0),
                                     ("H3", "due soon", D(2025, 2, 21), 0)]


def test_a_child_with_a_connected_carer_approved_for_now_is_visited_weekly_until_the_first_review_then_4_weekly():
    """CPPCR reg 28(4) with reg 24. All placed with a relative or friend (U3) on 01/12/2024. K1's carer is approved
    for now, no review yet: visited 20/01/2025, due a week on, 27/01. K2's likewise but reviewed on 10/12/2024:
    visited 10/01/2025, due 4 weeks on, 07/02. K3's carer was fully approved on 05/01/2025, ending the temporary
    approval: the standard 6 weeks, 21/02. K4's carer's approval begins only after the as-at date: 6 weeks too."""
    from tests.cohort import row
    from tests.indicators.test_reviews import review

    kin = {"place": "U3", "place_provider": "PR1"}
    returns = {2025: {"episodes": [ep(c, "01/12/2024", **kin) for c in ("K1", "K2", "K3", "K4")],
                      "reviews": [review("K2", "10/12/2024")],
                      "child_activities": [activity("K1", "VISIT", "20/01/2025"), activity("K2", "VISIT", "10/01/2025"),
                                           activity("K3", "VISIT", "10/01/2025"), activity("K4", "VISIT", "10/01/2025")],
                      "temporary_approvals": [
                          row(child="K1", carer="R1", approval_start="01/12/2024"),
                          row(child="K2", carer="R2", approval_start="01/12/2024"),
                          row(child="K3", carer="R3", approval_start="01/12/2024", approval_end="05/01/2025",
                              end_outcome="FULL_APPROVAL"),
                          row(child="K4", carer="R4", approval_start="03/02/2025")]}}
    _, rows = list_rows(shared_context(returns, AS_AT), registry.get("visits_due"))
    assert [r[:4] for r in rows] == [("K1", "overdue", D(2025, 1, 27), 4), ("K2", "due soon", D(2025, 2, 7), 0),
                                     ("K3", "due soon", D(2025, 2, 21), 0), ("K4", "due soon", D(2025, 2, 21), 0)]


def test_without_the_list_of_temporary_approvals_the_visits_to_children_placed_with_relatives_say_what_is_assumed():
    """K1 is placed with a relative (U3) and K2 in foster care (U4). Without the list of temporary approvals K1 is
    visited 6-weekly, which the visits figure and list say; with the list loaded, or with no child placed with a
    relative or friend, they say nothing."""
    from careboard.indicators.registry import BY_ID
    from tests.cohort import row

    episodes = [ep("K1", "01/12/2024", place="U3", place_provider="PR1"), ep("K2", "01/12/2024", place="U4")]
    visits = [activity("K1", "VISIT", "10/01/2025"), activity("K2", "VISIT", "10/01/2025")]
    approvals = [row(child="K1", carer="R1", approval_start="01/12/2024")]
    without = shared_context({2025: {"episodes": episodes, "child_activities": visits}}, AS_AT)
    with_list = shared_context({2025: {"episodes": episodes, "child_activities": visits,
                                       "temporary_approvals": approvals}}, AS_AT)
    fostered = shared_context({2025: {"episodes": episodes[1:], "child_activities": visits}}, AS_AT)
    for unit in (registry.get("visits_due"), BY_ID["visits_on_time_pct"]):
        (said,) = without.assumed(unit)
        assert said.startswith("The council's list of temporary approvals is not loaded, so children placed with a "
                               "relative or friend are taken to be visited at least every 6 weeks")
        assert with_list.assumed(unit) == [] and fostered.assumed(unit) == []
    _, rows = list_rows(without, registry.get("visits_due"))
    assert [r[:3] for r in rows] == [("K1", "due soon", D(2025, 2, 21)), ("K2", "due soon", D(2025, 2, 21))]


def test_a_check_that_left_this_months_log_is_known_from_an_earlier_months(tmp_path):
    """Seen: a log exported monthly holds the 12 months before it, so a yearly dental check done 13 months ago has
    left it, and a child whose next check was missed was 'due soon, 0 days left' month after month, never overdue.
    X's check of 05/11/2024 is in October's log only: at 30/11/2025 the next, due 05/11/2025, is 25 days overdue."""
    from careboard.indicators import calculate
    from careboard.store import open_store
    from tests.cohort import write_returns
    from tests.loading import load

    head = "CHILD,ACTIVITY,DATE,AREA,TEAM,WORKER\n"
    con = open_store(tmp_path / "s.duckdb")
    episodes = {2026: {"episodes": [ep("X", "01/01/2024", place="U4")], "header": [{"CHILD": "X", "SEX": "1",
                                                                                      "DOB": "01/01/2012"}]}}
    for month, log in (("2025-10-31", head + "X,DENTAL,05/11/2024,,,\nX,VISIT,01/10/2025,,,\n"),
                       ("2025-11-30", head + "X,VISIT,01/10/2025,,,\nX,VISIT,25/11/2025,,,\n")):
        (folder,) = write_returns(tmp_path / month, episodes)
        (folder / "activity log.csv").write_text(log)
        load(con, [folder], as_at=date.fromisoformat(month), validate=False)
    ctx = calculate.Context.open(con, 2)
    _, rows = list_rows(ctx, registry.get("dental_checks_due"))
    assert [r[:4] for r in rows] == [("X", "overdue", D(2025, 11, 5), 25)]
