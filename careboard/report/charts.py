"""12-month trend charts drawn with matplotlib (Agg) and inlined in the report as SVG.

A fresh matplotlib figure costs ~55 ms to lay out; updating the artists of one figure costs ~30 ms,
so a report draws every chart on one reused figure (see TrendCharts).
"""

from __future__ import annotations

import html
import io
import math
import re
from dataclasses import dataclass
from datetime import date

from careboard.report.formatting import SUPPRESSED, format_value, month_label

LINE_COLOUR = "#1d70b8"
TARGET_COLOUR = "#6f3c97"
TEXT_COLOUR = "#0b0c0c"
MUTED_COLOUR = "#505a5f"
GRID_COLOUR = "#dfe1e3"

STYLE = {
    "svg.fonttype": "none",      # real <text>: selectable, small, drawn in the page's font
    "font.size": 8,
    "font.family": "sans-serif",
    "axes.edgecolor": MUTED_COLOUR,
    "axes.labelcolor": TEXT_COLOUR,
    "xtick.color": MUTED_COLOUR,
    "ytick.color": MUTED_COLOUR,
}

AXIS_LABELS = {
    "%": "Per cent",
    "rate": "Rate per 10,000",
    "count": "Number of children",
    "days": "Days",
    "score": "Average score",
}


@dataclass(frozen=True)
class TrendSeries:
    """What one chart shows; months oldest first, a None value is a gap."""

    key: str                     # unique within the report; keeps SVG ids apart
    title: str
    unit: str
    decimals: int
    months: list[date]
    values: list[float | None]
    withheld: list[bool]         # True where the value is suppressed ("c")
    target: float | None


class TrendCharts:
    """Draws TrendSeries to SVG strings on one figure created once per report."""

    def __init__(self, width_in: float = 4.6, height_in: float = 1.9):
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib.figure import Figure

        with matplotlib.rc_context(STYLE):
            self._figure = Figure(figsize=(width_in, height_in))
            self._figure.subplots_adjust(left=0.14, right=0.98, top=0.86, bottom=0.27)
            ax = self._ax = self._figure.add_subplot()
            ax.spines[["top", "right"]].set_visible(False)
            ax.grid(axis="y", color=GRID_COLOUR, linewidth=0.6)
            ax.set_axisbelow(True)
            ax.tick_params(axis="x", labelsize=7, length=2)
            ax.tick_params(axis="y", labelsize=7, length=0)
            (self._line,) = ax.plot([], [], color=LINE_COLOUR, linewidth=1.8, marker="o",
                                    markersize=3.6, label="Monthly value")
            (self._target,) = ax.plot([], [], color=TARGET_COLOUR, linewidth=1.2, linestyle=(0, (5, 3)),
                                      label="Target")
            self._legend_with_target = self._legend([self._line, self._target])
            self._legend_without_target = self._legend([self._line])
        self._annotations: list = []   # per-chart texts, removed before the next chart

    def _legend(self, handles):
        legend = self._figure.legend(handles=handles, loc="upper right", ncols=len(handles), frameon=False,
                                     fontsize=7, bbox_to_anchor=(0.98, 1.0), handlelength=2.4)
        legend.set_visible(False)
        return legend

    def svg(self, series: TrendSeries) -> str:
        """The chart as an <svg> element ready to inline in HTML (no XML prolog, no external references)."""
        import matplotlib
        from matplotlib.ticker import FuncFormatter, MaxNLocator

        n = len(series.months)
        if not (len(series.values) == len(series.withheld) == n):
            raise ValueError(f"trend for {series.key}: months, values and withheld differ in length")
        with matplotlib.rc_context(STYLE | {"svg.hashsalt": series.key}):
            ax = self._ax
            for artist in self._annotations:
                artist.remove()
            self._annotations = []

            xs = list(range(n))
            shown = [None if hidden else v for v, hidden in zip(series.values, series.withheld)]
            self._line.set_data(xs, [math.nan if v is None else v for v in shown])
            has_target = series.target is not None
            self._target.set_visible(has_target)
            if has_target:
                self._target.set_data([-0.5, max(n - 0.5, 0.5)], [series.target, series.target])
            self._legend_with_target.set_visible(has_target)
            self._legend_without_target.set_visible(not has_target)

            low, high = _y_range([v for v in shown if v is not None] + ([series.target] if has_target else []),
                                 series.unit)
            ax.set_xlim(-0.5, max(n - 0.5, 0.5))
            ax.set_ylim(low, high)
            ax.set_xticks(xs, _month_ticks(series.months))
            ax.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=series.unit in ("count", "days")))
            ax.yaxis.set_major_formatter(FuncFormatter(
                lambda v, _pos: format_value(v, series.unit, series.decimals, whole_if_integral=True)))
            ax.set_ylabel(AXIS_LABELS[series.unit])
            ax.set_xlabel("Month end")

            for x, hidden in zip(xs, series.withheld):
                if hidden:   # say why the line has a gap rather than leave it unexplained
                    self._annotations.append(ax.text(x, low + (high - low) * 0.06, SUPPRESSED, ha="center",
                                                     va="bottom", color=MUTED_COLOUR, fontsize=8,
                                                     fontstyle="italic"))
            if shown and shown[-1] is not None:   # label the current month only, so an older point is not mistaken for it
                self._annotations.append(ax.annotate(
                    format_value(shown[-1], series.unit, series.decimals), (xs[-1], shown[-1]), xytext=(0, 5),
                    textcoords="offset points", ha="center", va="bottom", fontsize=7.5,
                    fontweight="bold", color=LINE_COLOUR))

            buffer = io.StringIO()
            self._figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None,
                                                                 "Format": None, "Type": None})
        return _inline_svg(buffer.getvalue(), _describe(series))


def _month_ticks(months: list[date]) -> list[str]:
    """Month on the first line; the year under the first month and under each January."""
    return [f"{m:%b}\n{m:%Y}" if i == 0 or m.month == 1 else f"{m:%b}" for i, m in enumerate(months)]


def _y_range(values: list[float], unit: str) -> tuple[float, float]:
    """Axis limits with some headroom, never below zero, never above 100 for percentages."""
    if not values:
        return 0.0, 100.0 if unit == "%" else 1.0
    low, high = min(values), max(values)
    pad = (high - low) * 0.18 or max(abs(high) * 0.1, 1.0)
    low, high = max(low - pad, 0.0), high + pad
    if unit == "%":
        high = min(high, 100.0 + pad / 3)   # room for the 100% marker and its label
    return low, high


def _describe(series: TrendSeries) -> str:
    """Text alternative for screen readers: the span, first and last values and the target."""
    points = [(m, v) for m, v, hidden in zip(series.months, series.values, series.withheld)
              if v is not None and not hidden]
    text = f"Trend chart: {series.title}"
    if series.months:
        text += f", {month_label(series.months[0])} to {month_label(series.months[-1])}"
    if points:
        text += (f"; {format_value(points[0][1], series.unit, series.decimals)} in "
                 f"{month_label(points[0][0])}, {format_value(points[-1][1], series.unit, series.decimals)}"
                 f" in {month_label(points[-1][0])}")
    if series.target is not None:
        text += f"; target {format_value(series.target, series.unit, series.decimals, whole_if_integral=True)}"
    if any(series.withheld):
        text += "; some months are suppressed"
    return text + "."


_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.S)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
_STYLE_SHEET = re.compile(r"\s*<style\b.*?</style>", re.S)
_NAMESPACES = re.compile(r'\s+xmlns(:\w+)?="[^"]*"')
_ID = re.compile(r'\s+id="([^"]*)"')


def _inline_svg(raw: str, description: str) -> str:
    """Strip what an inline SVG in HTML does not need and that would break the page.

    The XML prolog, DOCTYPE, metadata and namespace declarations all carry http:// addresses;
    matplotlib's style sheet uses a "*" selector that would leak to the page;
    the HTML parser puts <svg> in the SVG namespace by itself. Matplotlib names every group
    (figure_1, patch_1...), which would repeat across charts, so only ids something points at are kept
    (those are hashed with the series key and stay unique).
    """
    svg = _PROLOG.sub("", raw, count=1)
    svg = _METADATA.sub("", svg)
    svg = _STYLE_SHEET.sub("", svg)    # its "*" rule would style the whole HTML page
    svg = _NAMESPACES.sub("", svg)
    svg = svg.replace("xlink:href=", "href=")
    referenced = set(re.findall(r'href="#([^"]+)"', svg)) | set(re.findall(r"url\(#([^)]+)\)", svg))
    svg = _ID.sub(lambda m: m.group(0) if m.group(1) in referenced else "", svg)
    text = html.escape(description)
    head_end = svg.index(">")
    return f'{svg[:head_end]} role="img" aria-label="{text}"><title>{text}</title>{svg[head_end + 1:]}'
