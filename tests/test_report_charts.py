"""Trend charts: small inline SVG with a line, markers, a dashed target and month labels."""

import re
from datetime import date

import pytest

from careboard.report.charts import BOTTOM, TOP, TrendSeries, nice_ticks, trend_svg

MONTHS = [date(2024, m, 28) for m in range(1, 7)]


def series(values=(5.0, 6.0, 7.0, 6.5, 6.0, 5.5), withheld=(False,) * 6, target=6.0, unit="%"):
    return TrendSeries("Test measure", unit, 1, MONTHS, list(values), list(withheld), target)


def texts(svg: str) -> list[str]:
    return re.findall(r">([^<>]+)</text>", svg)


def trend_path(svg: str) -> str:
    return re.search(r'<path d="([^"]*)" fill="none" stroke="#1d70b8" stroke-width="2.2"', svg).group(1)


@pytest.mark.parametrize("values, withheld, points, pieces, c_marks", [
    ((5.0, 6.0, 7.0, 6.5, 6.0, 5.5), (False,) * 6, 6, 1, 0),
    ((5.0, 6.0, None, 6.5, 6.0, 5.5), (False, False, True, False, False, False), 5, 2, 1),
    ((5.0, None, 7.0, 6.5, None, 5.5), (False,) * 6, 4, 3, 0),    # no value: a gap, not a "c"
])
def test_points_gaps_and_withheld_months(values, withheld, points, pieces, c_marks):
    svg = trend_svg(series(values=values, withheld=withheld))
    assert svg.count("<circle ") == points
    assert trend_path(svg).count("M") == pieces          # the pen lifts over every gap
    assert texts(svg).count("c") == c_marks


def test_points_are_placed_by_value():
    # ticks for 5.0..7.0 with a target of 6 run 4, 5, 6, 7, 8 after padding: 7.0 is 3/4 of the way up
    svg = trend_svg(series())
    ys = [float(y) for y in re.findall(r'<circle cx="[^"]+" cy="([^"]+)"', svg)]
    assert ys[2] == pytest.approx(BOTTOM - 0.75 * (BOTTOM - TOP), abs=0.1)
    assert ys[0] > ys[1] > ys[2]                            # higher values higher up the page


def test_axis_labels_months_target_and_current_value():
    labels = texts(trend_svg(series()))
    assert "Per cent" in labels and "Month end" in labels
    assert [t for t in labels if t in ("Jan", "2024", "Feb", "Mar", "Apr", "May", "Jun")] == \
        ["Jan", "2024", "Feb", "Mar", "Apr", "May", "Jun"]   # the year once, under the first month
    assert ["4%", "5%", "6%", "7%", "8%"] == [t for t in labels if re.fullmatch(r"\d+%", t)]
    assert "Target" in labels and "5.5%" in labels
    assert 'stroke-dasharray="6 4"' in trend_svg(series())


def test_no_target_no_target_line():
    svg = trend_svg(series(target=None, unit="count", values=(3, 4, 5, 6, 7, 8)))
    assert "Target" not in texts(svg) and "Number of children" in texts(svg)
    assert "stroke-dasharray" not in svg


def test_accessible_and_inline_safe():
    svg = trend_svg(series(values=(5.0, 6.0, None, 6.5, 6.0, 5.5), withheld=(False, False, True, False, False, False)))
    assert svg.startswith('<svg viewBox="0 0 ') and 'role="img"' in svg
    assert "<title>Trend chart: Test measure, Jan 2024 to Jun 2024; 5.0% in Jan 2024, 5.5% in Jun 2024; " \
           "target 6%; some months are suppressed.</title>" in svg
    assert not re.search(r"https?:|\bid=|<style|xmlns", svg)


def test_one_point_is_described_once():
    svg = trend_svg(series(values=(None, None, None, None, None, 12.5)))
    assert "<title>Trend chart: Test measure, Jan 2024 to Jun 2024; 12.5% in Jun 2024; target 6%.</title>" in svg


@pytest.mark.parametrize("low, high, integer, expected", [
    (5.1, 7.2, False, [5, 6, 7, 8]),
    (0.7, 8.3, False, [0, 2.5, 5, 7.5, 10]),
    (400, 580, True, [400, 450, 500, 550, 600]),
    (3, 12, True, [0, 5, 10, 15]),
    (3.5, 4.5, True, [3, 4, 5]),                            # counts never get fractional ticks
    (2.0, 2.0, False, [2, 2.25, 2.5, 2.75, 3]),             # a flat line still gets an axis
])
def test_nice_ticks(low, high, integer, expected):
    assert nice_ticks(low, high, integer=integer) == pytest.approx(expected)


def test_mismatched_lengths_are_named():
    with pytest.raises(ValueError, match="trend for 't'"):
        trend_svg(TrendSeries("t", "%", 1, MONTHS, [1.0], [False], None))


# Nearly flat lines seen in the demo report, whose axes printed the same label twice ("4.1%", "4.1%").
@pytest.mark.parametrize("values, unit, decimals", [
    ((4.2, 4.2, 4.1, 4.1, 4.1, 4.1), "%", 1),
    ((80.5, 80.5, 80.4, 80.4, 80.4, 80.4), "%", 1),
    ((14.8, 14.9, 14.9, 15.0, 15.0, 15.0), "score", 1),
    ((509, 509, 509, 509, 509, 509), "days", 0),
    ((3, 3, 3, 3, 3, 3), "count", 0),
])
def test_flat_lines_get_distinct_axis_labels_in_one_format(values, unit, decimals):
    svg = trend_svg(TrendSeries("Flat", unit, decimals, MONTHS, list(values), [False] * 6, None))
    ticks = re.findall(r'<text x="53.0"[^>]*>([^<]*)</text>', svg)
    assert len(ticks) >= 3 and len(set(ticks)) == len(ticks), ticks
    assert len({len(t.split(".")[-1]) if "." in t else 0 for t in ticks}) == 1, ticks   # "15" beside "14.9" no more


@pytest.mark.parametrize("low, high, resolution, expected", [
    (3.9, 4.4, 0.1, [3.8, 4.0, 4.2, 4.4]),      # not 3.9, 4.025 ... which print alike at one decimal
    (14.6, 15.2, 0.1, [14.6, 14.8, 15.0, 15.2]),
    (0.0, 1.0, 1.0, [0, 1]),
])
def test_nice_ticks_keep_to_the_printed_resolution(low, high, resolution, expected):
    assert nice_ticks(low, high, resolution=resolution) == pytest.approx(expected)


def test_the_legend_says_what_the_line_is():
    """Seen: an annual figure drawn month by month was the 'Monthly value', as if measured again each month."""
    assert "Monthly value" in texts(trend_svg(series()))
    annual = TrendSeries("Test measure", "%", 1, MONTHS, [5.0] * 6, [False] * 6, None, line="Latest full year")
    assert "Latest full year" in texts(trend_svg(annual)) and "Monthly value" not in texts(trend_svg(annual))


def test_an_annual_or_year_to_date_panels_line_is_named_so():
    from dataclasses import replace

    import tests.report_fixture as fx
    from careboard.report.view import _line_words

    panel = fx.stability_panel()
    assert [_line_words(replace(panel, indicator_id=i)) for i in ("health_assessment_pct", "reviews_on_time_ytd_pct",
                                                                   "cla_count")] == [
        "Latest full year", "Year to date", "Monthly value"]
