"""12-month trend charts as small hand-written SVG, inlined in the report.

Matplotlib drew these at ~35 ms a chart, but its SVG has ~150 elements per chart, each styled through
CSS, and WeasyPrint spent most of a 40-panel PDF drawing them. A chart here has ~45 elements with
presentation attributes only, costs well under a millisecond, and needs no ids, fonts or namespaces.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from datetime import date

from careboard.report.formatting import SUPPRESSED, format_value, month_label

LINE = "#1d70b8"
TARGET = "#6f3c97"
INK = "#0b0c0c"
MUTED = "#505a5f"
GRID = "#dfe1e3"

AXIS_LABELS = {
    "%": "Per cent",
    "rate": "Rate per 10,000",
    "count": "Number of children",
    "days": "Days",
    "score": "Average score",
}

# Drawing box in SVG units; at the report's chart width (~117 mm) one unit is ~0.72 pt.
WIDTH, HEIGHT = 460, 190
LEFT, RIGHT, TOP, BOTTOM = 58, 452, 30, 146
FONT = 10


@dataclass(frozen=True)
class TrendSeries:
    """What one chart shows; months oldest first, a None value is a gap."""

    title: str
    unit: str
    decimals: int
    months: list[date]
    values: list[float | None]
    withheld: list[bool]         # True where the value is suppressed ("c")
    target: float | None
    axis: str = ""               # the y axis's label, when not the unit's usual one (AXIS_LABELS)
    line: str = "Monthly value"  # what the line is, in the legend: an annual figure is the latest year's at each month


def trend_svg(series: TrendSeries) -> str:
    """The chart as an <svg> element ready to inline in HTML."""
    n = len(series.months)
    if not (len(series.values) == len(series.withheld) == n):
        raise ValueError(f"trend for {series.title!r}: months, values and withheld differ in length")
    shown = [None if hidden else value for value, hidden in zip(series.values, series.withheld)]
    places = 0 if series.unit in ("count", "days") else series.decimals
    # ticks no closer than the figures are printed, so a flat line never gets two labels that read the same
    ticks = nice_ticks(*_y_range([v for v in shown if v is not None]
                                 + ([series.target] if series.target is not None else []), series.unit,
                                 10.0 ** -places),
                       integer=places == 0, resolution=10.0 ** -places)
    tick_places = min(places, _places(ticks[1] - ticks[0]))
    low, high = ticks[0], ticks[-1]
    step = (RIGHT - LEFT) / max(n, 1)

    def x(i: int) -> float:
        return LEFT + (i + 0.5) * step

    def y(v: float) -> float:
        return BOTTOM - (v - low) / (high - low) * (BOTTOM - TOP)

    parts = [
        _path("".join(f"M{LEFT} {y(t):.1f}H{RIGHT}" for t in ticks[1:]), GRID, 0.8),
        _path(f"M{LEFT} {TOP - 4}V{BOTTOM}H{RIGHT}", MUTED, 1),
        _path("".join(f"M{x(i):.1f} {BOTTOM}v3" for i in range(n)), MUTED, 1),
        *(_text(LEFT - 5, y(t) + 3.5, format_value(t, series.unit, tick_places), anchor="end", fill=MUTED)
          for t in ticks),
        _text(12, (TOP + BOTTOM) / 2, series.axis or AXIS_LABELS[series.unit], anchor="middle", fill=INK,
              transform=f"rotate(-90 12 {(TOP + BOTTOM) / 2})"),
        _text((LEFT + RIGHT) / 2, HEIGHT - 4, "Month end", anchor="middle", fill=INK),
    ]
    for i, month in enumerate(series.months):
        parts.append(_text(x(i), BOTTOM + 14, f"{month:%b}", anchor="middle", fill=MUTED))
        if i == 0 or month.month == 1:   # the year under the first month and under each January
            parts.append(_text(x(i), BOTTOM + 26, f"{month:%Y}", anchor="middle", fill=MUTED))
    if series.target is not None:
        parts.append(_path(f"M{LEFT} {y(series.target):.1f}H{RIGHT}", TARGET, 1.5, dash="6 4"))
    parts.append(_path(_line(shown, x, y), LINE, 2.2))
    parts.extend(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="2.8" fill="{LINE}"/>'
                 for i, v in enumerate(shown) if v is not None)
    parts.extend(_text(x(i), BOTTOM - 5, SUPPRESSED, anchor="middle", fill=MUTED, style="italic")
                 for i, hidden in enumerate(series.withheld) if hidden)
    if shown and shown[-1] is not None:   # the current month only, so an older point is not taken for it
        parts.append(_text(x(n - 1), _label_y(y(shown[-1]), None if series.target is None else y(series.target)),
                           format_value(shown[-1], series.unit, series.decimals), anchor="middle", fill=LINE,
                           weight="bold"))
    parts.extend(_legend(series.line, series.target is not None))
    text = html.escape(_describe(series))
    return (f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" '
            f'aria-label="{text}" font-family="DejaVu Sans, Arial, Helvetica, sans-serif" font-size="{FONT}">'
            f'<title>{text}</title>{"".join(parts)}</svg>')


def _label_y(point: float, target: float | None) -> float:
    """Baseline for the current value's label: above its point unless the target line or the top is in the way."""
    above, below = point - 7, point + 15
    blocked = (target is not None and above - FONT <= target <= point) or above - FONT < TOP - 8
    return below if blocked and below <= BOTTOM - 2 else above


def _line(values: list[float | None], x, y) -> str:
    """Path through the points, lifting the pen over gaps."""
    out, pen_down = [], False
    for i, v in enumerate(values):
        if v is None:
            pen_down = False
            continue
        out.append(f"{'L' if pen_down else 'M'}{x(i):.1f} {y(v):.1f}")
        pen_down = True
    return "".join(out)


def _legend(line: str, with_target: bool) -> list[str]:
    entries = [(line, LINE, "")] + ([("Target", TARGET, "6 4")] if with_target else [])
    parts, right = [], RIGHT
    for name, colour, dash in reversed(entries):
        width = 5.4 * len(name)            # DejaVu Sans at 9 units: ~5.4 units a character
        parts.append(_text(right, 12, name, anchor="end", fill=INK, size=9))
        right -= width + 6
        parts.append(_path(f"M{right - 22:.1f} 9H{right:.1f}", colour, 2 if not dash else 1.5, dash=dash))
        right -= 36
    return parts


def _path(d: str, colour: str, width: float, dash: str = "") -> str:
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{width}"{dashes}/>'


def _text(x: float, y: float, content: str, *, anchor: str, fill: str, size: float | None = None,
          weight: str = "", style: str = "", transform: str = "") -> str:
    extra = "".join([f' font-size="{size}"' if size else "", f' font-weight="{weight}"' if weight else "",
                     f' font-style="{style}"' if style else "", f' transform="{transform}"' if transform else ""])
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}"{extra}>'
            f"{html.escape(content)}</text>")


def _places(step: float) -> int:
    """Decimal places a tick step needs: 0 for 5, 1 for 0.5, 2 for 0.25."""
    for places in range(6):
        if abs(round(step, places) - step) < 1e-9:
            return places
    return 6


def _y_range(values: list[float], unit: str, resolution: float = 1.0) -> tuple[float, float]:
    """Data range with some headroom (at least two printed steps each side), never below zero, never above
    100 for percentages."""
    if not values:
        return 0.0, 100.0 if unit == "%" else 1.0
    low, high = min(values), max(values)
    pad = max((high - low) * 0.15 or max(abs(high) * 0.1, 1.0), 2 * resolution)
    low, high = max(low - pad, 0.0), high + pad
    return low, min(high, 100.0) if unit == "%" else high


def nice_ticks(low: float, high: float, most: int = 5, integer: bool = False,
               resolution: float = 0.0) -> list[float]:
    """Round tick values covering low..high, at most ``most`` of them.

    Steps are 1, 2, 2.5 or 5 times a power of ten (whole steps of 1, 2 or 5 for counts and days), and
    whole multiples of ``resolution`` (the smallest difference the printed labels show) when given.
    """
    if high <= low:
        high = low + 1
    base = 10 ** math.floor(math.log10((high - low) / (most - 1)))
    if integer:
        base = max(base, 1)
    for magnitude in (base, base * 10, base * 100):
        for multiple in ((1, 2, 5) if integer else (1, 2, 2.5, 5)):
            step = multiple * magnitude
            if resolution and (step < resolution - 1e-12 or abs(step / resolution - round(step / resolution)) > 1e-9):
                continue
            first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
            if last - first <= most - 1:
                return [round(k * step, 10) for k in range(first, last + 1)]
    raise AssertionError("unreachable: a step of 20 times the raw step always fits")


def _describe(series: TrendSeries) -> str:
    """Text alternative for screen readers: the span, first and last values and the target."""
    points = [(m, v) for m, v, hidden in zip(series.months, series.values, series.withheld)
              if v is not None and not hidden]
    text = f"Trend chart: {series.title}"
    if series.months:
        text += f", {month_label(series.months[0])} to {month_label(series.months[-1])}"
    said = [f"{format_value(v, series.unit, series.decimals)} in {month_label(m)}"
            for m, v in points[:1] + points[1:][-1:]]
    if said:   # one point (an annual measure's one year) is said once
        text += "; " + ", ".join(said)
    if series.target is not None:
        text += f"; target {format_value(series.target, series.unit, series.decimals, whole_if_integral=True)}"
    if any(series.withheld):
        text += "; some months are suppressed"
    return text + "."
