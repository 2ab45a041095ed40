"""Trend charts: inline SVG that is safe to put many times in one HTML page."""

import re
from datetime import date

import pytest

from careboard.report.charts import TrendCharts, TrendSeries

MONTHS = [date(2024, m, 28) for m in range(1, 7)]


@pytest.fixture(scope="module")
def charts():
    return TrendCharts()


def series(key="a", values=(5.0, 6.0, 7.0, 6.5, 6.0, 5.5), withheld=(False,) * 6, target=6.0, unit="%"):
    return TrendSeries(key, "Test measure", unit, 1, MONTHS, list(values), list(withheld), target)


def visible_points(svg: str) -> int:
    """Markers on the trend line: the marker definition most used by <use> elements outside the axes ticks."""
    line = re.search(r'<path d="[^"]*"[^>]*stroke: #1d70b8[^>]*/>\s*<defs>.*?</g>', svg, re.S).group(0)
    return len(re.findall(r"<use ", line))


@pytest.mark.parametrize("withheld, values, expected_points, has_c", [
    ((False,) * 6, (5.0, 6.0, 7.0, 6.5, 6.0, 5.5), 6, False),
    ((False, False, True, False, False, False), (5.0, 6.0, None, 6.5, 6.0, 5.5), 5, True),
    ((False,) * 6, (5.0, None, 7.0, 6.5, 6.0, 5.5), 5, False),   # no value: a gap, not a "c"
])
def test_points_gaps_and_withheld_months(charts, withheld, values, expected_points, has_c):
    svg = charts.svg(series(values=values, withheld=withheld))
    assert visible_points(svg) == expected_points
    assert (re.search(r">c</text>", svg) is not None) == has_c


def test_axis_labels_months_and_target(charts):
    svg = charts.svg(series())
    texts = re.findall(r">([^<>]+)</text>", svg)
    assert "Per cent" in texts and "Month end" in texts
    assert ["Jan", "2024", "Feb", "Mar", "Apr", "May", "Jun"] == [t for t in texts if t in
                                                                   ("Jan", "2024", "Feb", "Mar", "Apr", "May", "Jun")]
    assert "Target" in texts
    assert "stroke-dasharray" in svg           # the dashed target line
    assert "5.5%" in texts                     # the current month is labelled


def test_no_target_no_target_line(charts):
    svg = charts.svg(series(target=None, unit="count", values=(3, 4, 5, 6, 7, 8)))
    texts = re.findall(r">([^<>]+)</text>", svg)
    assert "Target" not in texts and "Number of children" in texts


def test_inline_safe(charts):
    first, second = charts.svg(series(key="one")), charts.svg(series(key="two"))
    assert first.startswith("<svg ") and "http" not in first and "<style" not in first
    ids = re.findall(r'\bid="([^"]+)"', first + second)
    assert ids and len(ids) == len(set(ids))
    for svg in (first, second):             # every reference points at an id in the same chart
        assert set(re.findall(r'href="#([^"]+)"', svg)) <= set(re.findall(r'\bid="([^"]+)"', svg))


def test_mismatched_lengths_are_named(charts):
    with pytest.raises(ValueError, match="trend for a"):
        charts.svg(TrendSeries("a", "t", "%", 1, MONTHS, [1.0], [False], None))
