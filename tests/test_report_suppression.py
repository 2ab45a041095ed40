"""Small-number suppression for the public report; every expected cell worked out by hand."""

from dataclasses import replace
from datetime import date

import pytest

import tests.report_fixture as fx
from careboard.report.suppression import (
    NEUTRAL_DQ_NOTE, neutral_sentence, suppress, suppress_panel, suppress_panels, suppress_table, suppress_value,
)
from careboard.results import Assessment, ProfileTable, Value

D1 = [date(2025, 1, 31)]


def table(*rows, dates=D1) -> ProfileTable:
    return ProfileTable("Test", dates, [(f"row {i}", list(counts), subtotal) for i, (counts, subtotal) in enumerate(rows)])


def assert_withheld(before: ProfileTable, threshold: int, expected: set[tuple[int, int]]):
    after = suppress_table(before, threshold)
    assert after.suppressed == expected
    for r, (label, counts, subtotal) in enumerate(after.rows):
        original = before.rows[r]
        assert (label, subtotal) == (original[0], original[2])
        for c, count in enumerate(counts):
            assert count == (None if (r, c) in expected else original[1][c]), (label, c)


# Ethnicity table (tests/report_fixture.py), threshold 5. Rows: 0-2 White detail, 3 White; 4-5 Mixed detail,
# 6 Mixed; 7-9 Black detail, 10 Black; 11 and 12 stand alone. Per column:
#  Mar/Jun/Sep: primary 4 (Mixed W&BC 4/5/5), 7 (Caribbean 2), 12 (Not stated 5/2/4).
#     Mixed sum then hides one cell -> next smallest non-zero: 5 (37/41/38 < Mixed 41/46/43).
#     Black sum hides one -> smallest of African 13/10/12, Other Black 8, Black 23/20/22: 9.
#     Column (top level White, Mixed, Black, Asian & other, Not stated) hides one -> Black 23/20/22 (row 10).
#  Dec: primary 12 (4) only; Caribbean is 0, Mixed W&BC is 6. Column -> Black 17 (row 10);
#     then the Black sum hides only its subtotal -> smallest non-zero detail, Other Black 7 (row 9), skipping the 0.
#  Jan: primary 1 (White Irish 2), 7 (2); Not stated is 6. White sum -> Other White 49 (row 2); Black -> 7
#     (row 9); the column then hides no top-level row, so nothing more.
ETHNICITY_WITHHELD = (
    {(r, c) for c in (0, 1, 2) for r in (4, 5, 7, 9, 10, 12)}
    | {(9, 3), (10, 3), (12, 3)}
    | {(r, 4) for r in (1, 2, 7, 9)}
)


@pytest.mark.parametrize("before, threshold, expected", [
    pytest.param(fx.ethnicity_table(), 5, ETHNICITY_WITHHELD, id="ethnicity-subtotals"),
    pytest.param(fx.age_table(), 5, set(), id="age-nothing-small"),
    pytest.param(table(([202], False), ([150], False), ([1], False)), 5, {(2, 0), (1, 0)}, id="gender"),
    pytest.param(table(([3], False), ([0], False), ([40], False)), 5, {(0, 0), (2, 0)}, id="zero-is-not-a-partner"),
    pytest.param(table(([3], False), ([0], False)), 5, {(0, 0), (1, 0)}, id="zero-when-nothing-else"),
    # Two small cells whose sum (5) is small itself: "5 children in these two rows" is given away, so a third
    pytest.param(table(([2], False), ([3], False), ([50], False)), 5, {(0, 0), (1, 0), (2, 0)},
                 id="two-small-adding-up-to-a-small-count"),
    pytest.param(table(([2], False), ([4], False), ([50], False)), 5, {(0, 0), (1, 0)}, id="two-small-protect-each-other"),
    pytest.param(table(([6], False), ([50], False), ([40], False)), 10, {(0, 0), (2, 0)}, id="threshold-10"),
    pytest.param(table(([6], False), ([50], False), ([40], False)), 5, set(), id="threshold-5"),
    pytest.param(table(([3], False)), 5, {(0, 0)}, id="single-row"),
    pytest.param(table(([2], False), ([None], False), ([50], False)), 5, {(0, 0)}, id="unknown-cell-already-hides"),
    # Two withheld cells that leave 2 of the 9 are both 1 (zeros are shown), so a third is withheld; leaving 10,
    # both are 5, the most a withheld count can be.
    pytest.param(table(([7], False), ([1], False), ([1], False), ([0], False), ([0], False)), 5,
                 {(0, 0), (1, 0), (2, 0)}, id="two-ones-give-each-other-away"),
    pytest.param(table(([5], False), ([5], False), ([50], False)), 5, {(0, 0), (1, 0), (2, 0)}, id="two-fives-too"),
])
def test_profile_table_suppression(before, threshold, expected):
    assert_withheld(before, threshold, expected)


def test_a_sum_the_scorecard_publishes_is_protected_as_a_subtotal():
    # Placement at one date: In House 20, Agency 3, other provider 0, relatives 10, with parents 8, residential 2,
    # placed for adoption 9; the scorecard shows 33 children in foster care (the first four rows).
    rows = [20, 3, 0, 10, 8, 2, 9]
    before = replace(table(*(([n], False) for n in rows)), published_sums=(("row 0", "row 1", "row 2", "row 3"),))
    # Agency and residential are small, and add up to 5, small itself: with parents (8) is withheld. 33 less 20 and
    # 10 gives Agency away, so relatives (smallest non-zero of the four) is withheld too.
    assert_withheld(before, 5, {(1, 0), (3, 0), (4, 0), (5, 0)})
    # without the published sum, the two small cells and, as they add up to 5 (small itself), with parents (8)
    assert_withheld(table(*(([n], False) for n in rows)), 5, {(1, 0), (4, 0), (5, 0)})


def test_suppressing_twice_changes_nothing_more():
    once = suppress_table(fx.ethnicity_table(), 5)
    assert suppress_table(once, 5) == once


@pytest.mark.parametrize("rows, message", [
    ([([10], False), ([4], False), ([15], True)], "subtotal 15 at 2025-01-31 is not the sum of the 2 rows above it"),
    ([([10], True), ([4], False)], "subtotal has no rows above it"),
])
def test_layout_mistakes_are_named(rows, message):
    with pytest.raises(ValueError, match=message):
        suppress_table(table(*rows), 5)


def test_count_panel_withholds_value_and_what_follows():
    panel = suppress_panel(fx.missing_panel(), 5)
    assert (panel.current.value, panel.current.numerator) == (None, None)
    assert panel.current.suppressed == {"value", "numerator"}
    assert panel.current.extra == {"episodes": 7}                      # 7 episodes is not a small count
    # no target, so no RAG or variance to withhold; the change would tell 4 from 9
    assert panel.assessment == Assessment(None, None, "", None, 9.0, "n/a", frozenset({"change"}))
    assert panel.sentence == ("The number of children counted is between 1 and 5, so it is not published, to "
                              "protect their privacy.")
    # Apr 2024 had 5 missing children and Jan 2025 has 4: both gaps in the trend
    assert [i for i, point in enumerate(panel.trend) if point.suppressed] == [2, 11]


def test_percentage_panel_keeps_a_safe_month_and_hides_a_small_trend_point():
    original = fx.stability_panel()
    panel = suppress_panel(original, 5)
    assert panel.current == original.current                          # 22 of 380
    assert panel.assessment == original.assessment
    assert panel.sentence == original.sentence
    april = panel.trend[2]                                             # 3 of 355
    assert (april.value, april.numerator, april.denominator) == (None, None, 355)
    assert panel.dq_note == NEUTRAL_DQ_NOTE                            # "2 episodes ..." is not published


def test_small_extra_count_is_written_in_words_and_the_average_kept():
    panel = suppress_panel(fx.adoption_panel(), 5)
    assert panel.current.value == pytest.approx(10_181 / 18)           # 18 children: safe
    assert panel.current.extra == {"within_426": None}                 # 4 children moved in within 426 days
    assert panel.current.suppressed == {"extra.within_426"}
    # the A1 sentence filled again, the withheld count in words, rather than a note beside a shown figure
    assert panel.sentence.endswith("average 566 days passed between entering care and moving in with their "
                                   "adoptive family. Between 1 and 5 of the 18 moved in within 426 days.")
    assert "566" in panel.sentence and "4 of" not in panel.sentence


def test_nothing_small_leaves_the_panel_alone():
    assert suppress_panel(fx.rate_panel(), 5) == fx.rate_panel()


@pytest.mark.parametrize("numerator, denominator, withheld", [
    (0, 4, {"value", "numerator", "denominator", "complement"}),   # 0% of 4 still points at those 4 children
    (4, 400, {"value", "numerator"}),
    (0, 400, set()),                                 # none of 400: zero is shown
    (6, 6, set()),
    (6, 7, {"value", "numerator", "complement"}),    # 6 of 7: the 1 not counted could be worked out
    (302, 307, {"value", "numerator", "complement"}),
    (301, 307, set()),                               # 6 not counted
])
def test_percentage_small_numerator_or_denominator(numerator, denominator, withheld):
    current = Value("x", fx.AS_AT, None, fx.AS_AT, numerator / denominator * 100, numerator, denominator)
    panel = suppress_panel(replace(fx.stability_panel(), current=current), 5)
    assert panel.current.suppressed == withheld
    assert {name for name in ("value", "numerator", "denominator") if getattr(panel.current, name) is None} == (
        withheld - {"complement"})


def test_previous_month_withheld_when_it_rested_on_a_small_count():
    base = fx.missing_panel()
    trend = base.trend[:-2] + [replace(base.trend[-2], value=3.0, numerator=3), fx.missing_panel().trend[-1]]
    big_now = replace(base.current, value=12.0, numerator=12, extra={})
    panel = suppress_panel(replace(base, current=big_now, trend=trend[:-1] + [big_now],
                                   assessment=replace(base.assessment, previous=3.0, change="worse")), 5)
    assert "value" not in panel.current.suppressed
    assert panel.assessment.previous is None and panel.assessment.change == "n/a"
    assert panel.assessment.suppressed == {"previous", "change"}


def test_previous_percentage_without_a_trend_is_withheld_to_be_safe():
    panel = suppress_panel(replace(fx.stability_panel(), trend=[]), 5)
    assert panel.assessment.suppressed == {"previous", "change"}


def test_report_is_marked_public_and_the_original_is_untouched():
    original = fx.report()
    public = suppress(original, threshold=5)
    assert public.public and public.suppression_threshold == 5
    assert not original.public and original == fx.report()
    assert public.profiles[1].suppressed == ETHNICITY_WITHHELD


def test_threshold_must_be_positive():
    with pytest.raises(ValueError, match="at least 1"):
        suppress(fx.report(), threshold=0)


@pytest.mark.parametrize("compared_with, period", [("Previous month", "Last month's"), ("Previous year", "Last year's")])
def test_only_the_previous_figure_small_keeps_the_sentence_and_says_so(compared_with, period):
    # this month 22 of 380 is safe; last month 3 of 376 is not, so "previous" and "change" are withheld
    original = fx.stability_panel()
    trend = original.trend[:-2] + [replace(original.trend[-2], numerator=3, value=3 / 376 * 100), original.trend[-1]]
    panel = suppress_panel(replace(original, trend=trend, previous=trend[-2], compared_with=compared_with), 5)
    assert panel.current == original.current
    assert panel.assessment.suppressed == {"previous", "change"}
    assert panel.sentence == (f"{original.sentence} {period} figure rests on a count of between 1 and 5 children, "
                              "so it is not published, to protect their privacy; nor is the change since then.")


def test_a_numerator_withheld_for_those_not_counted_says_so():
    current = Value("x", date(2025, 1, 31), None, date(2025, 1, 31), 6 / 7 * 100, 6, 7)
    panel = suppress_panel(replace(fx.stability_panel(), current=current), 5)
    assert (panel.current.numerator, panel.current.denominator) == (None, 7)
    assert panel.sentence == ("All but between 1 and 5 of the group were counted, so the number counted is not "
                              "published, to protect the privacy of those not counted; the figure worked out from "
                              "it, its comparison with the target and its change are withheld too.")


def _share_panel(indicator_id: str, numerator: int, denominator: int):
    current = Value(indicator_id, fx.AS_AT, None, fx.AS_AT, numerator / denominator * 100, numerator, denominator)
    return replace(fx.stability_panel(), indicator_id=indicator_id, current=current, trend=[current])


def test_a_count_two_panels_publish_is_withheld_in_both():
    """Seen: 26 of the 30 in care in foster care was withheld (4 not fostered), but the in-house panel's '19 of the
    26 children in foster care' gave it back. The two figures share the count (Indicator.same_as)."""
    foster, in_house = suppress_panels([_share_panel("foster_placement_pct", 26, 30),
                                        _share_panel("in_house_foster_pct", 19, 26)], 5)
    assert foster.current.numerator is None and "complement" in foster.current.suppressed
    assert (in_house.current.value, in_house.current.numerator, in_house.current.denominator) == (None, None, None)
    assert in_house.sentence.startswith("A count behind this figure is published elsewhere in this report, where it "
                                        "would give away a count of between 1 and 5 children that is withheld")
    # with 20 not fostered, both stand
    foster, in_house = suppress_panels([_share_panel("foster_placement_pct", 26, 46),
                                        _share_panel("in_house_foster_pct", 19, 26)], 5)
    assert not foster.current.suppressed and not in_house.current.suppressed


def test_parts_of_a_whole_leaving_a_small_rest_withhold_the_smallest_part():
    """Seen: of 15 who left care, 8 returned home, 6 under an SGO and none were adopted: 1 left otherwise."""
    left = _share_panel("ceased_count", 15, 15)
    left = replace(left, unit="count", current=replace(left.current, value=15.0, numerator=15, denominator=None),
                   trend=[replace(left.current, value=15.0, numerator=15, denominator=None)])
    panels = [left, _share_panel("ceased_adopted_pct", 0, 15), _share_panel("ceased_sgo_pct", 6, 15),
              _share_panel("returned_home_pct", 8, 15)]
    _, adopted, sgo, home = suppress_panels(panels, 5)
    assert sgo.current.numerator is None and "shared" in sgo.current.suppressed       # 6 is the smallest part shown
    assert (adopted.current.numerator, home.current.numerator) == (0, 8)
    # with 9 returned home there is no rest: all stand
    _, adopted, sgo, home = suppress_panels(panels[:3] + [_share_panel("returned_home_pct", 9, 15)], 5)
    assert (adopted.current.numerator, sgo.current.numerator, home.current.numerator) == (0, 6, 9)


def _count_panel(indicator_id: str, count: int):
    panel = _share_panel(indicator_id, count, count)
    point = replace(panel.current, value=float(count), numerator=count, denominator=None)
    return replace(panel, unit="count", current=point, trend=[point])


def test_the_group_of_a_rolling_figure_less_the_children_in_care_now_is_not_a_small_count():
    """Seen: 'children in care who went missing' was withheld (2 of 13), but its group, the 13 in care at any time
    in the 12 months, was published in the workbook beside the 8 in care now: 5 had left, which the withheld count of
    those leaving hid. The group is withheld there, and in the figure for those away, over the same children."""
    cla, missing, away = suppress_panels([_count_panel("cla_count", 8), _share_panel("missing_child_pct", 2, 13),
                                          _share_panel("away_child_pct", 7, 13)], 5)
    assert cla.current.value == 8
    assert missing.current.denominator is None and away.current.denominator is None
    assert (away.current.value, away.current.numerator) == (None, None)    # 7 of a withheld group gives it back
    # 20 in care at any time: 12 had left, and every figure stands
    cla, missing, away = suppress_panels([_count_panel("cla_count", 8), _share_panel("missing_child_pct", 6, 20),
                                          _share_panel("away_child_pct", 7, 20)], 5)
    assert not (cla.current.suppressed or missing.current.suppressed or away.current.suppressed)


def test_the_children_with_an_sdq_score_withheld_in_one_figure_are_withheld_in_the_average():
    """Seen: 6 of 7 children had an SDQ score, so 6 was withheld (1 had none), but the average score was 'of the 6
    children with a score' beside the group of 7."""
    received, mean = suppress_panels([_share_panel("sdq_received_pct", 6, 7),
                                      replace(_share_panel("sdq_mean", 82, 6), unit="score")], 5)
    assert received.current.numerator is None and mean.current.denominator is None and mean.current.value is None
    received, mean = suppress_panels([_share_panel("sdq_received_pct", 6, 17),
                                      replace(_share_panel("sdq_mean", 82, 6), unit="score")], 5)
    assert mean.current.value is not None and received.current.numerator == 6


def test_a_part_leaving_a_small_rest_of_the_count_beside_it_is_withheld_in_words():
    """Seen: '8 out of the 15 children who left care returned home ..., 6 of them as part of care planning': 2 did
    not."""
    base = _share_panel("returned_home_pct", 8, 15)
    current = replace(base.current, extra={"planned": 6})
    panel = suppress_panel(replace(base, current=current, trend=[current]), 5)
    assert panel.current.extra == {"planned": None} and panel.current.numerator == 8
    assert "all but between 1 and 5 of them as part of care planning" in panel.sentence and " 6 " not in panel.sentence
    current = replace(base.current, extra={"planned": 2})      # 6 unplanned: only the small part itself is withheld
    assert "between 1 and 5 of them as part" in suppress_panel(replace(base, current=current, trend=[current]), 5).sentence


@pytest.mark.parametrize("unit, current, words", [
    ("%", Value("x", date(2025, 1, 31), None, date(2025, 1, 31), 1.0, 4, 400), "The number of children counted"),
    ("%", Value("x", date(2025, 1, 31), None, date(2025, 1, 31), 0.0, 0, 4),
     "The number of children in the group this percentage is worked out over"),
    ("days", Value("x", date(2025, 1, 31), None, date(2025, 1, 31), 500.0, 1500, 3),
     "The number of children this average is worked out over"),
])
def test_withheld_figure_note_names_the_small_count(unit, current, words):
    sentence = neutral_sentence(5, suppress_value(current, unit, 5), unit)
    assert sentence == (f"{words} is between 1 and 5, so it is not published, to protect their privacy; the figure "
                        "worked out from it, its comparison with the target and its change are withheld too.")


def _by_source(*rows) -> "SummaryTable":
    from careboard.results import SummaryTable

    return SummaryTable("private_fostering_by_source", "Notifications by source", "Private fostering", "",
                        ["Notified by", "Notifications", "Visited", "Visited in time"], ["count", "count", "%"],
                        [list(r) for r in rows])


def test_a_breakdowns_small_group_is_withheld_with_every_count_of_it_and_its_column_protected():
    """The Police's 3 notifications are withheld, and so is their 0 visited (it says so of every one of them); the
    column adds up to 33, which the scorecard publishes, so the smallest other count (10) is withheld with the 3:
    they add up to 13, which pins neither down. Likewise the 0 visited beside 18 and 9 would be what 27 leaves:
    the 9 goes too."""
    from careboard.report.suppression import suppress_summary

    table = _by_source(["School", 20, 18, 90.0], ["Police", 3, 0, 0.0], ["Health", 0, 0, None],
                       ["Parent", 10, 9, 90.0])
    shown = suppress_summary(table, 5)
    assert shown.rows == [["School", 20, 18, 90.0], ["Police", None, None, None], ["Health", 0, 0, None],
                          ["Parent", None, None, None]]


def test_a_column_of_ones_adding_up_to_a_published_total_gives_none_away():
    """Seen: 8 notifications published, and 8 sources withheld beside two noughts: each withheld cell was 1."""
    from careboard.report.suppression import suppress_summary

    table = _by_source(*[[s, 1, 1, 100.0] for s in "ABCDEFGH"], ["I", 0, 0, None], ["J", 0, 0, None])
    shown = suppress_summary(table, 5)
    assert all(row[1] is None for row in shown.rows)


def test_a_column_whose_total_is_small_is_not_protected_beyond_its_small_cells():
    """A total of 1 is withheld wherever it is published: the noughts of the other months give nothing away."""
    from careboard.report.suppression import suppress_summary

    table = _by_source(["A", 1, 1, 100.0], ["B", 0, 0, None], ["C", 0, 0, None])
    assert suppress_summary(table, 5).rows == [["A", None, None, None], ["B", 0, 0, None], ["C", 0, 0, None]]
