"""Counting children across several years' returns (issue 9 item 6). Figures worked out by hand.

Hand-written returns shaped like a council's: episodes open over 31 March sent again, finished, the
next year; an episode a later return drops; two episodes starting the same day; one file holding
several years of reviews; a later return correcting an earlier one.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest

from careboard.indicators import calculate, registry
from careboard.errors import InputError
from careboard.model import VIEWS, build_model
from careboard.store import open_store
from careboard.synth.demo import DEMO_COUNCIL
from tests.loading import load
from tests.cohort import activity, check, child, context, ep, row, with_headers, write_returns
from tests.episode_history import returns as history

AS_AT = date(2025, 1, 31)


def _values(ctx, indicators=registry.INDICATORS, as_at=None) -> dict:
    return {k: (v.value, v.numerator, v.denominator, v.extra)
            for k, v in calculate.compute_all(ctx, indicators, as_at).items()}


def _findings(ctx, code: str) -> list[tuple]:
    return ctx.con.execute("SELECT severity, child, line_no, message FROM dq_findings WHERE code = ? ORDER BY child",
                           [code]).fetchall()


# ---- Distinct children everywhere ------------------------------------------------------------------

def review(child_id, when, code="PN1") -> dict:
    return row(child=child_id, review=when, review_code=code)


# Three years of a small council, as the returns would carry it, touching every family of indicators:
# A in foster care since 2021 with two moves, reviews, missing incidents, three social workers and an OC2
# row; B a UASC who started in June 2024; C adopted in December 2024; D went home in August 2024; E a
# 19-year-old and F a 17-year-old care leaver (OC3 in 2023/24) and G a 20-year-old one this year; H, aged 3,
# in care since 2022.
_EPISODES = (
    ep("A", "01/05/2021", "01/02/2024", "X1", place="U4"), ep("A", "01/02/2024", "01/09/2024", "X1", rne="P", place="U1"),
    ep("A", "01/09/2024", rne="P", place="U4"),
    ep("B", "10/06/2024", place="R1"),
    ep("C", "01/03/2022", "01/06/2023", "X1"), ep("C", "01/06/2023", "01/01/2024", "X1", rne="L", ls="E1"),
    ep("C", "01/01/2024", "01/12/2024", "E11", rne="P", ls="E1", place="A4"),
    ep("D", "01/04/2022", "01/08/2024", "E4A"),
    ep("F", "01/01/2021", "01/05/2023", "E8"), ep("H", "01/02/2022"),
)
EVERY_FAMILY = history(*_EPISODES, to_year=2025, extra={
    2024: {"oc2": [row(child="A", sdq_score="12", health_check="1", immunisations="1", teeth_check="1",
                       health_assessment="1", substance_misuse="1", intervention_received="1", convicted="0")],
           "oc3": [row(child="E", dob="01/06/2004", in_touch="YES", activ="F2", accom="D1"),
                   row(child="F", dob="01/06/2006", in_touch="YES", activ="G6", accom="B2")],
           "header": [child("A", dob="01/01/2012"), child("E", dob="01/06/2004"), child("F", dob="01/06/2006"),
                      child("H", dob="01/01/2021")]},
    2025: {"reviews": [review("A", "01/05/2024"), review("A", "15/07/2024", "PN7"), review("B", "05/07/2024"),
                       review("B", "20/01/2025")],
           "missing": [row(child="A", missing="M", mis_start="03/01/2025", mis_end="04/01/2025"),
                       row(child="A", missing="A", mis_start="10/10/2024", mis_end="10/10/2024")],
           "sw_episodes": [row(child="A", sw_id="SW1", sw_decom="01/02/2024", sw_dec="30/04/2024", sw_reason="MGMTDEC"),
                           row(child="A", sw_id="SW2", sw_decom="01/05/2024", sw_dec="31/08/2024", sw_reason="MGMTDEC"),
                           row(child="A", sw_id="SW3", sw_decom="01/09/2024")],
           "uasc": [row(child="B", sex="M", dob="01/01/2008", duc="")],
           "ad1": [row(child="C", date_int="01/05/2023", date_match="15/11/2023", foster_care="0")],
           "oc3": [row(child="G", dob="01/06/2004", in_touch="YES", activ="G6", accom="B2")],
           "header": [child("A", dob="01/01/2012"), child("B", dob="01/01/2008"), child("G", dob="01/06/2004"),
                      child("H", dob="01/01/2021")],
           # the council's activity log, so the figures from it have children too
           "child_activities": [activity("A", "VISIT", "20/01/2025"), activity("B", "IHA", "01/07/2024", area="IN"),
                                activity("A", "RHA", "01/06/2024"), activity("A", "DENTAL", "01/06/2024"),
                                activity("A", "PEP", "01/12/2024"), activity("B", "PATHWAY_PLAN", "01/09/2024"),
                                activity("A", "RHI_OFFERED", "05/01/2025")],
           # and the fostering team's and others' lists
           "fostering_households": [row(household="H1", household_type="MAINSTREAM", approved="01/01/2020", places="2")],
           "fostering_applications": [row(applicant="AP1", application_type="MAINSTREAM", application="01/03/2024",
                                          allocated="15/03/2024", panel="01/10/2024", outcome="APPROVED")],
           "temporary_approvals": [row(child="A", carer="C1", approval_start="01/10/2024")],
           "private_fostering": [row(child="P1", notified="01/10/2024", notified_by="SCHOOL", first_visit="08/10/2024")],
           "support_requests": [row(request="S1", support_type="ADOPTION", referral="01/10/2024", contacted="03/10/2024",
                                    visited="11/10/2024", assessed="15/11/2024")],
           # and Ofsted's Annex A lists 9, 10 and 11
           "annex_a_care_leavers": [row(child="L", eligibility="FORMER_RELEVANT", in_touch="YES",
                                        pathway_plan_review_date="01/12/2024")],
           "annex_a_adoption": [row(child="C", family="F1", disabled="N", decision_date="01/05/2023",
                                    placement_order_date="01/06/2023", match_date="15/11/2023", placed_date="01/01/2024",
                                    adoption_order_date="01/12/2024"),
                                row(child="W", family="F2", decision_date="01/05/2024", placement_order_date="01/06/2024"),
                                row(child="V", family="F3", decision_date="01/02/2024",
                                    placement_order_date="01/03/2024", match_date="01/08/2024", placed_date="01/09/2024")],
           "annex_a_adopters": [row(adopter="P1", family="F3", enquiry_date="01/01/2024",
                                    stage1_start_date="01/02/2024", stage1_end_date="20/03/2024", stage2_start_date="01/04/2024",
                                    stage2_end_date="20/07/2024", approved_date="01/08/2024")]},
})


def test_duplicated_episodes_move_no_figure():
    """Every indicator counts each child once: with every episode of the model there twice, and every
    view built from them rebuilt, no figure moves (count(*) over episode rows would double)."""
    ctx = context(EVERY_FAMILY, AS_AT, population=10_000)
    before = _values(ctx)
    empty = [k for k, (value, *_rest) in before.items() if value is None]
    assert not empty, f"the fixture should give every indicator a figure; none for {empty}"
    ctx.con.execute("INSERT INTO episodes SELECT * FROM episodes")
    build_model(ctx.con, ctx.snapshot_id, views=VIEWS[VIEWS.index("episodes") + 1:])
    after = _values(ctx)
    moved = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
    assert not moved, f"figures moved when every episode was there twice: {moved}"


def _repeated_children(ctx) -> dict[str, list[str]]:
    """Indicators about children whose rows name a child more than once."""
    out = {}
    for ind in registry.INDICATORS:
        if ind.counts != "children":
            continue
        cols, data = calculate.rows(ctx, ind)
        children = [r[cols.index("child")] for r in data]
        if len(children) != len(set(children)):
            out[ind.id] = sorted({c for c in children if children.count(c) > 1})
    return out


def test_every_indicator_about_children_has_one_row_per_child():
    """The registry-wide rule behind the figures: an indicator that counts children (Indicator.counts) has
    one row per child, even with every episode of the model there twice."""
    ctx = context(EVERY_FAMILY, AS_AT, population=10_000)
    ctx.con.execute("INSERT INTO episodes SELECT * FROM episodes")
    build_model(ctx.con, ctx.snapshot_id, views=VIEWS[VIEWS.index("episodes") + 1:])
    assert _repeated_children(ctx) == {}


def test_every_indicator_said_to_name_children_has_a_column_of_them():
    """The report's data-quality notes count the children of a figure whose rows name them (Indicator.names_children)."""
    ctx = context(EVERY_FAMILY, AS_AT, population=10_000)
    lacking = [ind.id for ind in registry.INDICATORS if ind.names_children and "child" not in calculate.rows(ctx, ind)[0]]
    assert lacking == []


# A has two episodes open at once in one return (a data error the DfE's rule 501 reports): one child.
OVERLAPPING = {2025: {"episodes": [ep("A", "01/05/2024", place="U4"), ep("A", "01/08/2024", rne="P", place="R1"),
                                   ep("B", "01/05/2024", place="U1")],
                      "uasc": [row(child="A", sex="M", dob="01/01/2010", duc="")]}}

# A's end date was mistyped (2029 for 2024) on the episode before the one in which A went home (E4B); C's first
# episode was left open when C moved, and C then went home too. Seen: both still in care, through the first
# episode, after going home.
ENDED_BY_THE_NEXT = {2025: {"episodes": [ep("A", "01/05/2024", "20/07/2029", "X1", place="U4"),
                                         ep("A", "01/07/2024", "15/12/2024", "E4B", rne="P", place="U5"),
                                         ep("C", "01/05/2024", place="U4"),
                                         ep("C", "01/08/2024", "01/01/2025", "E4B", rne="P", place="U5"),
                                         ep("B", "01/05/2024", place="U1")]}}

CASES = [
    ("cla_count", "two overlapping open episodes are one child", OVERLAPPING, {"value": 2.0}),
    ("cla_count", "an episode overlapping the next ends when it begins", ENDED_BY_THE_NEXT, {"value": 1.0}),
    ("ceased_count", "children who left through the later of two overlapping episodes left", ENDED_BY_THE_NEXT,
     {"value": 2.0}),
    ("placements_3plus_pct", "an overlapped episode is no extra placement", ENDED_BY_THE_NEXT, {"den": 1, "num": 0}),
    ("foster_placement_pct", "overlapping open episodes: the one that started last is the child's placement",
     # A's open episode from 1 August is R1 (not foster), B is U1. 1 of 2.
     OVERLAPPING, {"num": 1, "den": 2, "value": 50.0}),
    ("uasc_count", "overlapping open episodes do not count a child twice", OVERLAPPING, {"value": 1.0}),
    ("placements_3plus_pct", "overlapping open episodes: one child in the cohort", OVERLAPPING, {"den": 2}),
]


@pytest.mark.parametrize("indicator,description,returns,expected", CASES, ids=[c[1] for c in CASES])
def test_counting(indicator, description, returns, expected):
    check(calculate.compute(context(returns, AS_AT), registry.get(indicator)), expected)


def test_an_episode_begun_before_the_one_before_it_ended_continues_its_period_of_care():
    """C moved placement on 01/12/2024 (RNE P), but the episode before was closed (X1) only on 15/01/2025: an
    overlap (rule 501), not a gap. C has been in care since 01/06/2023 in one period, as the reviews count."""
    ctx = context({2025: {"episodes": [ep("C", "01/06/2023", "15/01/2025", "X1", place="U4"),
                                       ep("C", "01/12/2024", rne="P", place="U6")]}}, AS_AT)
    assert ctx.con.execute("SELECT period_no, period_start FROM periods WHERE child = 'C'").fetchall() == [
        (1, date(2023, 6, 1))]


# ---- Stale open episodes ---------------------------------------------------------------------------

# A is open at the end of 2022/23 and absent from the 2023/24 return altogether; C's 2022/23 episode is
# replaced in 2023/24 by one starting a fortnight later (a corrected date, RNE P); B is carried over and
# closed as a return should be. D's episode was open only in the last return, so it is not stale.
STALE = {2023: {"episodes": [ep("A", "01/06/2021"), ep("B", "01/06/2021"), ep("C", "01/05/2022")]},
         2024: {"episodes": [ep("B", "01/06/2021", "01/09/2023", "E4A"), ep("C", "15/05/2022", rne="P"),
                             ep("D", "01/01/2024")]}}


def test_stale_open_episodes_are_findings():
    ctx = context(STALE, date(2024, 3, 31))
    found = _findings(ctx, "stale_open_episode")
    assert [(s, c, line) for s, c, line, _ in found] == [("warning", "A", 2), ("warning", "C", 4)]
    assert "ending on 01/04/2023, without the child being counted as leaving care" in found[0][3]
    assert "ending on 15/05/2022, when the child's next episode starts" in found[1][3]
    assert "Check the later return: add the episode with its end date" in found[0][3]
    # C's corrected episode continues the period of care begun on 1 May 2022
    assert ctx.con.execute("SELECT DISTINCT period_no FROM episodes WHERE child = 'C'").fetchall() == [(1,)]


def test_a_stale_episode_before_a_year_not_loaded_asks_for_that_years_return():
    """Seen: with 2023/24 missing, the finding blamed the 2024/25 return, which was right."""
    ctx = context({2023: STALE[2023], 2025: {"episodes": [ep("B", "01/06/2021"), ep("D", "01/01/2024")]}},
                  date(2025, 3, 31))
    found = _findings(ctx, "stale_open_episode")
    assert [c for _, c, _, _ in found] == ["A", "C"]
    assert found[0][3].endswith("No 2023/24 return is loaded, which would hold its end or its carrying on: load that "
                                "year's return")


@pytest.mark.parametrize("indicator,as_at,expected", [
    # A counts on 31 March 2023 (as the 2022/23 return says) and not after; C once throughout; D from 2024.
    ("cla_count", date(2023, 3, 31), {"value": 3.0}),
    ("cla_count", date(2024, 3, 31), {"value": 2.0}),
    # A's stale episode is not a leaving: only B ceased (E4A) in the 12 months to March 2024.
    ("ceased_count", date(2024, 3, 31), {"value": 1.0}),
    ("starts_count", date(2024, 3, 31), {"value": 1.0}),     # D
], ids=["at the last year that holds it", "after it", "not a leaving", "starts"])
def test_stale_open_episode_treatment(indicator, as_at, expected):
    ctx = _stale_context()
    check(calculate.compute(ctx, registry.get(indicator), as_at), expected)


_STALE_CONTEXT = {}


def _stale_context():
    if not _STALE_CONTEXT:
        _STALE_CONTEXT["ctx"] = context(STALE, date(2024, 3, 31))
    return _STALE_CONTEXT["ctx"]


def test_stale_findings_follow_the_years_loaded():
    """The same 2022/23 file loaded alone has nothing stale: nothing later says otherwise."""
    ctx = context({2023: STALE[2023]}, date(2023, 3, 31))
    assert _findings(ctx, "stale_open_episode") == []


def test_stale_findings_are_worked_out_afresh_for_each_snapshot():
    """Files already in the store are copied into a new snapshot with their findings; whether an episode
    is stale depends on the years loaded with it, so that finding is never copied."""
    con = open_store(":memory:")
    with tempfile.TemporaryDirectory() as tmp:
        both = write_returns(Path(tmp), with_headers(STALE))
        sids = [load(con, paths, as_at=as_at, validate=False).snapshot_id
                for paths, as_at in ((both, date(2024, 3, 31)), (both[:1], date(2023, 3, 31)))]
    stale = dict(con.execute("SELECT snapshot_id, count(*) FROM dq_findings WHERE code = 'stale_open_episode' "
                             "GROUP BY snapshot_id").fetchall())
    assert stale == {sids[0]: 2}


# ---- Two episodes with the same CHILD and DECOM ---------------------------------------------------

# A started care on 1 May 2024 placed with a parent (R1, RNE S), which ended the same day, and moved to
# relatives (U1, RNE P) that evening: the DfE's query 355 (under 24 hours), not a duplicate.
SAME_DAY = {2025: {"episodes": [ep("A", "01/05/2024", "01/05/2024", "X1", place="R1"),
                                ep("A", "01/05/2024", rne="P", place="U1"), ep("B", "01/06/2024")]}}
# B's episode is simply there twice, both lasting: an error.
REPEATED = {2025: {"episodes": [ep("A", "01/05/2024"), ep("B", "01/06/2024"), ep("B", "01/06/2024", place="U1")]}}


def _load(returns, *, strict: bool):
    con = open_store(":memory:")
    with tempfile.TemporaryDirectory() as tmp:
        load(con, write_returns(Path(tmp), with_headers(returns)), as_at=AS_AT, validate=False, strict=strict)
    return con


def test_same_day_episodes_are_a_warning_and_load_strictly():
    con = _load(SAME_DAY, strict=True)
    assert con.execute("SELECT severity, code, child FROM dq_findings").fetchall() == [
        ("warning", "same_day_episode", "A")]


def test_a_repeated_lasting_episode_is_an_error():
    with pytest.raises(InputError):
        _load(REPEATED, strict=True)
    con = _load(REPEATED, strict=False)
    assert con.execute("SELECT severity, code, child FROM dq_findings").fetchall() == [("error", "duplicate_key", "B")]


@pytest.mark.parametrize("indicator,expected", [
    ("starts_count", {"value": 2.0}),                            # A started (RNE S of the first episode that day)
    ("foster_placement_pct", {"num": 2, "den": 2}),              # A is with relatives (U1), B fostered (U4)
    ("placements_3plus_pct", {"num": 0, "den": 2}),
], ids=["starts once", "placed where the day ended", "one placement"])
def test_same_day_episodes_are_one_start_and_one_placement(indicator, expected):
    ctx = context(SAME_DAY, AS_AT)
    check(calculate.compute(ctx, registry.get(indicator)), expected)
    assert ctx.con.execute("SELECT placement_seq, place FROM episodes WHERE child = 'A'").fetchall() == [(1, "U1")]


# The next year's return carries A's lasting episode on alone, as the DfE's return does: the same-day one
# ended before its year. Seen: the later row replaced both, and A's care began with RNE P, so 2024/25 lost
# a start, and a child adopted after such a day lost A1 and A10 ("no adoptions to count").
SAME_DAY_CARRIED = {**SAME_DAY, 2026: {"episodes": [ep("A", "01/05/2024", rne="P", place="U1"),
                                                    ep("B", "01/06/2024")]}}


@pytest.mark.parametrize("history", ["latest", "per-year"])
def test_a_same_day_start_survives_the_next_years_return(history):
    ctx = context(SAME_DAY_CARRIED, date(2025, 5, 31))
    ctx = calculate.Context.open(ctx.con, ctx.snapshot_id, history=history)
    assert _values(ctx, [registry.get("starts_count")], date(2025, 3, 31))["starts_count"][0] == 2


# ---- The review schedule from the child's first period of care ------------------------------------

# One 2023/24 file holding several years (a council's extract of its whole history): A came into care on
# 1 March 2021 (a Monday); the first review, due on the 20th working day after (29 March 2021; Easter
# fell later), was on 25 March; the second is due 3 months after it, 25 June, held 20 June; then 6-monthly.
SEVERAL_YEARS = {2024: {"episodes": [ep("A", "01/03/2021")],
                        "reviews": [review("A", "25/03/2021"), review("A", "20/06/2021"), review("A", "15/12/2021"),
                                    review("A", "10/06/2022"), review("A", "05/12/2022"), review("A", "01/06/2023")]}}


def test_review_schedule_uses_every_review_in_a_several_year_file():
    ctx = context(SEVERAL_YEARS, date(2024, 3, 31))
    rows = ctx.con.execute("SELECT due_no, rule, due_date, due_known, on_time FROM review_schedule ORDER BY due_no").fetchall()
    assert rows[:3] == [(1, "first_20wd", date(2021, 3, 29), True, True),
                        (2, "second_3m", date(2021, 6, 25), True, True),
                        (3, "later_6m", date(2021, 12, 20), True, True)]
    assert all(r[3] for r in rows)


# ---- Per-year or data as loaded now ---------------------------------------------------------------

# The 2024/25 return corrects A's placement (R1, placed with parents, not the U4 of 2023/24) and adds L, a
# child who came into care in February 2024 but was missing from the 2023/24 return.
CORRECTED = {2024: {"episodes": [ep("A", "01/01/2023", place="U4"), ep("B", "01/01/2023", place="U4")]},
             2025: {"episodes": [ep("A", "01/01/2023", place="R1"), ep("B", "01/01/2023", place="U4"),
                                 ep("L", "01/02/2024", place="U4")]}}
MARCH_2024 = date(2024, 3, 31)


@pytest.mark.parametrize("history,indicator,expected", [
    # as loaded now: the later return's view of March 2024, with A's correction and L
    ("latest", "cla_count", {"value": 3.0}),
    ("latest", "foster_placement_pct", {"num": 2, "den": 3}),
    # per year: March 2024 is counted from the 2023/24 return, as the DfE published it
    ("per-year", "cla_count", {"value": 2.0}),
    ("per-year", "foster_placement_pct", {"num": 2, "den": 2}),
])
def test_history_reading_of_an_earlier_date(history, indicator, expected):
    con = open_store(":memory:")
    with tempfile.TemporaryDirectory() as tmp:
        result = load(con, write_returns(Path(tmp), with_headers(CORRECTED)), as_at=AS_AT, validate=False)
    ctx = calculate.Context.open(con, result.snapshot_id, history=history)
    check(calculate.compute(ctx, registry.get(indicator), MARCH_2024), expected)
    # the current year reads the same either way
    check(calculate.compute(ctx, registry.get("cla_count"), AS_AT), {"value": 3.0})


def test_unknown_history_reading_is_refused():
    con = open_store(":memory:")
    with pytest.raises(ValueError, match="per-year"):
        calculate.Context.open(con, 1, history="newest")


@pytest.mark.parametrize("history,march_2024", [("latest", 3.0), ("per-year", 2.0)])
def test_report_trend_and_notes_follow_the_history_reading(history, march_2024):
    from careboard.report.committee import Inputs, build_report
    from careboard.judge.council import load_council_config
    from careboard.model import HISTORY_NOTES

    con = open_store(":memory:")
    with tempfile.TemporaryDirectory() as tmp:
        load(con, write_returns(Path(tmp), with_headers(CORRECTED)), as_at=date(2024, 12, 31), validate=False)
    council = load_council_config(DEMO_COUNCIL)
    report = build_report(con, Inputs(council, None, "Benchmarks are not loaded."), history=history)
    cla = next(p for p in report.panels if p.indicator_id == "cla_count")
    assert {v.as_at: v.value for v in cla.trend}[MARCH_2024] == march_2024
    assert cla.current.value == 3.0
    assert report.history_note == HISTORY_NOTES[history]


# ---- A year in progress loaded without the year before ----------------------------------------------

# Seen: the 2026/27 return loaded alone said of 2025/26's health checks "nobody was in the group", and the
# load said nothing; the 2025/26 return, with its 8 children, was simply not loaded with it.
_THIS_YEAR = {"episodes": [ep("A", "01/05/2023"), ep("B", "01/06/2025")], "oc2": []}   # OC2 comes at year end
_LAST_YEAR = {"episodes": [ep("A", "01/05/2023")],
              "oc2": [row(child="A", health_assessment="1", health_check="1", immunisations="1", teeth_check="1")]}


def test_a_years_figure_needs_that_years_return():
    from careboard.report.sentences import empty_sentence

    alone = context({2026: _THIS_YEAR}, date(2025, 11, 30))
    value = calculate.compute(alone, registry.get("health_assessment_pct"))
    assert (value.value, value.not_loaded) == (None, ("2024/25 return",))
    assert empty_sentence(registry.get("health_assessment_pct"), value) == (
        "There is no figure for 2024/25: it is drawn from the 2024/25 return, which the data loaded for this report "
        "do not hold.")
    both = context({2025: _LAST_YEAR, 2026: _THIS_YEAR}, date(2025, 11, 30))
    value = calculate.compute(both, registry.get("health_assessment_pct"))
    assert (value.value, value.not_loaded) == (100.0, ())


def test_loading_a_year_in_progress_alone_says_last_years_return_is_wanted(tmp_path):
    con = open_store(":memory:")
    result = load(con, write_returns(tmp_path, with_headers({2026: _THIS_YEAR})), as_at=date(2025, 11, 30),
                  validate=False)
    assert ("the snapshot holds no 2024/25 return: the figures of the last full year (health checks, care leavers) "
            "have no value, and those over the past 12 months count only from April 2025: load last year's return "
            "with this year's (careboard load 2024-25/ 2025-26/)") in result.notes


# ---- Lists answer for the day they were taken ------------------------------------------------------

def test_figures_from_lists_alone_are_not_worked_out_for_a_day_before_they_were_taken():
    """Seen: at --as-at 15/12/2025, a care leaver's pathway plan counted as up to date on a review of 31/12/2025
    from lists taken on 31/03/2026, and adopters approved in the 12 months to June 2025 read 0."""
    from careboard.lists import registry as lists
    from careboard.lists.run import list_rows

    ctx = context(EVERY_FAMILY, AS_AT, population=10_000)
    earlier = date(2024, 12, 1)
    value = calculate.compute(ctx, registry.get("care_leaver_pathway_plan_pct"), earlier)
    assert value.value is None and value.not_loaded == (
        "lists as taken on 01/12/2024, where those loaded were taken on 31/01/2025",)
    assert _values(ctx, [registry.get("adopters_approved_count")], earlier)["adopters_approved_count"][0] is None
    with pytest.raises(InputError, match="which answer for the day they were taken \\(31/01/2025\\), not 01/12/2024"):
        calculate.rows(ctx, registry.get("care_leaver_pathway_plan_pct"), earlier)
    with pytest.raises(InputError, match="is drawn up from the council's lists"):
        list_rows(ctx, lists.find("care"), earlier)
    # a figure from the activity log and the return is worked out from the dates each row gives
    assert calculate.compute(ctx, registry.get("visits_on_time_pct"), earlier).not_loaded == ()
    assert calculate.compute(ctx, registry.get("care_leaver_pathway_plan_pct")).value is not None
