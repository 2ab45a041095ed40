"""Care leavers with an up-to-date pathway plan, from Annex A List 9 (report date 31 January 2025); the fixtures
are the leaving care team's list's (tests/lists/test_care_leavers_due.py), worked by hand."""

from datetime import date

import pytest

from careboard.errors import InputError
from careboard.indicators import calculate, registry
from tests.cohort import check, context
from tests.indicators.test_local_lists import AS_AT, IN_CARE
from tests.lists.test_care_leavers_due import LIST_9, NONE_DUE, leaver
from tests.shared_context import shared_context

INDICATOR = "care_leaver_pathway_plan_pct"

CASES = [
    # (indicator, description, returns, expected)
    # With a plan: L1, L2, L3, L6, L8 (L4 qualifying, L5 no longer wants services, L7 died). Reviewed in the 6
    # months to 31/01/2025: L1 (15/08/2024), L6 (20/12/2024), L8 (31/07/2024: due 31/01/2025, the day itself);
    # L2's (01/06/2024) ran out on 01/12/2024, L3 has none recorded.
    (INDICATOR, "reviewed in the last 6 months; none recorded is not; only those with a plan", LIST_9,
     {"num": 3, "den": 5, "value": 60.0}),
    (INDICATOR, "a qualifying care leaver has no plan to count", NONE_DUE, {"num": 1, "den": 1, "value": 100.0}),
]


@pytest.mark.parametrize("indicator,description,returns,expected", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_care_leaver_plans(indicator, description, returns, expected):
    check(calculate.compute(shared_context(returns, AS_AT), registry.get(indicator)), expected)


def test_a_list_9_recording_no_review_at_all_gives_no_figure_and_says_why():
    """Seen: an older template's List 9, without the column, read "no children in the cohort" of 5 care leavers."""
    ctx = context({2025: {"episodes": IN_CARE, "annex_a_care_leavers": [leaver("L2", "FORMER_RELEVANT", "YES")]}}, AS_AT)
    value = calculate.compute(ctx, registry.get(INDICATOR))
    assert (value.value, value.not_loaded) == (None, ("latest pathway plan review dates of Annex A List 9",))
    with pytest.raises(InputError, match=r"which none of its rows records \(the column is missing or empty\)"):
        calculate.rows(ctx, registry.get(INDICATOR))


def test_an_earlier_months_figure_comes_only_from_the_list_taken_then(tmp_path):
    """List 9 gives each plan's latest review: at an earlier month, an earlier review is not known from it."""
    from careboard.judge.council import no_council
    from careboard.report.committee import Inputs, build_report
    from careboard.store import open_store
    from tests.cohort import write_returns
    from tests.loading import load

    con = open_store(tmp_path / "s.duckdb")
    load(con, write_returns(tmp_path / "in", LIST_9), as_at=AS_AT)
    panel = next(p for p in build_report(con, Inputs(no_council(), None)).panels if p.indicator_id == INDICATOR)
    assert [(p.as_at, p.value) for p in panel.trend if p.value is not None] == [(date(2025, 1, 31), 60.0)]
