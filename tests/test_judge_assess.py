"""Variance, RAG, change and arrows (indicators.md B1), with cases worked out by hand.

Several cases are the 2019 monthly report's own cards (shared/seeds/002_*).
"""

import pytest

from careboard.indicators.base import UNITS
from careboard.judge import assess, change, change_arrow, rag, variance, variance_rule_text, variance_unit
from careboard.results import Assessment


@pytest.mark.parametrize("value, target, unit, expected", [
    (99.8, 97, "%", 2.8),               # reviews on time: +2.8 pp
    (91.0, 98, "%", -7.0),              # visits on time
    (5.8, 6, "%", -0.2),                # 3+ placements (the report printed +0.3%)
    (76.0, 74, "rate", 200 / 74),       # CLA rate: +2.7%
    (36.4, 37, "rate", -60 / 37),       # starts: -1.6%
    (32.2, 36, "rate", -380 / 36),      # ceased: -10.6%
    (380, 370, "count", 1000 / 370),    # +2.7%
    (566, 363, "days", 203),            # A1: +203 days
    (14.9, 14, "score", 0.9),
    (5, 0, "count", None),              # no relative variance from a zero target
    (0, 0, "%", 0.0),
    (None, 97, "%", None),
    (99.8, None, "%", None),
])
def test_variance(value, target, unit, expected):
    got = variance(value, target, unit)
    assert got == (None if expected is None else pytest.approx(expected))


@pytest.mark.parametrize("unit, variance_unit_, words", [
    ("%", "pp", "percentage points"),
    ("rate", "%", "as a percentage of the target"),
    ("count", "%", "as a percentage of the target"),
    ("days", "days", "in days"),
    ("score", "points", "score points"),
])
def test_variance_rule_per_unit(unit, variance_unit_, words):
    assert variance_unit(unit) == variance_unit_
    assert words in variance_rule_text(unit)


def test_every_declared_unit_has_a_variance_rule():
    for unit in UNITS:
        assert variance_rule_text(unit)


@pytest.mark.parametrize("value, target, unit, polarity, tolerance, expected", [
    (99.8, 97, "%", "high", 2, "green"),
    (97.0, 97, "%", "high", 2, "green"),     # on target
    (95.5, 97, "%", "high", 2, "amber"),
    (95.0, 97, "%", "high", 2, "amber"),     # exactly at the tolerance
    (94.9, 97, "%", "high", 2, "red"),
    (64.7, 69.1, "%", "high", 2, "red"),     # long-term stability card: red in the report too
    (5.8, 6, "%", "low", 2, "green"),
    (6.9, 6, "%", "low", 2, "amber"),
    (76.0, 74, "rate", "low", 5, "amber"),   # 2.7% over
    (78.0, 74, "rate", "low", 5, "red"),     # 5.4% over
    (36.4, 37, "rate", "low", 5, "green"),
    (32.2, 36, "rate", "high", 5, "red"),    # 10.6% under
    (566, 363, "days", "low", 30, "red"),
    (380, 370, "count", "low", None, "red"),  # no tolerance: worse is red
    (1, 0, "count", "low", 5, "red"),        # relative tolerance means nothing against zero
    (0, 0, "count", "low", 5, "green"),
    (12, None, "count", "low", 5, None),     # no target
    (12, 10, "count", None, 5, None),        # no polarity
    (None, 10, "count", "low", 5, None),
])
def test_rag(value, target, unit, polarity, tolerance, expected):
    assert rag(value, target, unit, polarity, tolerance) == expected


@pytest.mark.parametrize("value, previous, polarity, expected", [
    (76.0, 72.0, "low", "worse"),
    (87.0, 83.7, "high", "improved"),
    (12, 20, "low", "improved"),     # missing episodes fell: the report drew ▼, performance improved
    (91.0, 91.2, "high", "worse"),
    (99.8, 99.8, "high", "same"),
    (0.1 + 0.2, 0.3, "high", "same"),
    (5.0, None, "low", "n/a"),
    (None, 5.0, "low", "n/a"),
    (5.0, 4.0, None, "n/a"),
])
def test_change(value, previous, polarity, expected):
    assert change(value, previous, polarity) == expected


@pytest.mark.parametrize("word, glyph", [("improved", "▲"), ("worse", "▼"), ("same", "■"), ("n/a", "")])
def test_change_arrow(word, glyph):
    assert change_arrow(word) == glyph


@pytest.mark.parametrize("args, expected", [
    ((76.0, 72.0, 74, "rate", "low", 5), Assessment(74, 200 / 74, "%", "amber", 72.0, "worse")),
    ((99.8, 99.8, 97, "%", "high", 2), Assessment(97, 99.8 - 97, "pp", "green", 99.8, "same")),
    ((566, 543, 363, "days", "low", 30), Assessment(363, 203, "days", "red", 543, "worse")),
    ((12, 20, None, "count", "low", 5), Assessment(None, None, "%", None, 20, "improved")),
    ((None, 20, 10, "count", "low", 5), Assessment(10, None, "%", None, 20, "n/a")),
])
def test_assess(args, expected):
    got = assess(*args)
    assert (got.target, got.variance_unit, got.rag, got.previous, got.change) == (
        expected.target, expected.variance_unit, expected.rag, expected.previous, expected.change)
    assert got.variance == (None if expected.variance is None else pytest.approx(expected.variance))


def test_assess_judges_the_figures_as_shown():
    # 96.96% and 97.04% both print as 97.0%: on target, unchanged, no variance.
    got = assess(96.96, 97.04, 97, "%", "high", 2, decimals=1)
    assert (got.rag, got.change, got.variance) == ("green", "same", 0.0)
    unrounded = assess(96.96, 97.04, 97, "%", "high", 2)
    assert (unrounded.rag, unrounded.change) == ("amber", "worse")


def test_a_half_rounds_up_as_the_report_prints_it_and_the_command_line_too():
    """Two adoptions of 482 and 743 days: 612.5, printed 613 on the card; the month before, the same two, was
    shown as 612 beside it (Python rounds a half to even), with "No change"."""
    from careboard.report.formatting import format_value
    from careboard.rounding import as_printed

    got = assess(612.5, 612.5, None, "days", "low", None, decimals=0)
    assert got.previous == 613 and format_value(612.5, "days") == "613" and got.change == "same"
    assert as_printed(0.125, 2) == 0.13 and as_printed(None, 1) is None


@pytest.mark.parametrize("call, message", [
    (lambda: variance(1, 1, "percent"), "unit must be one of"),
    (lambda: rag(1, 1, "%", "up", 2), "polarity must be"),
    (lambda: change_arrow("better"), "change must be one of"),
    (lambda: assess(1, 1, 1, "%", "High", 2), "polarity must be"),
])
def test_bad_arguments_are_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()
