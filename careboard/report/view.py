"""Turns a Report into the words and figures the HTML template prints.

Every figure is formatted here, once, so the template only lays text out; a withheld figure
(named in a record's ``suppressed`` field) becomes "c" here and nowhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from careboard.judge.assess import change_arrow, variance, variance_rule_text, variance_unit
from careboard.plural import listed
from careboard.report.charts import TrendSeries, trend_svg
from careboard.report.glossary import glossary
from careboard.report.formatting import (
    MISSING, SUPPRESSED, format_change, format_signed, format_value, long_date, month_label, month_name,
)
from careboard.report.profile_layout import layout
from careboard.results import Panel, ProfileTable, Report, SummaryTable
from careboard.rounding import as_printed

# The heading over the profile tables, in every version of the report and in its notes of what is left out.
PROFILES_TITLE = "Profile of children looked after"

RAG_WORDS = {"red": "Red", "amber": "Amber", "green": "Green"}
CHANGES = {   # performance direction (polarity already applied by careboard.judge)
    "improved": ("Improved", "up"),
    "worse": ("Worse", "down"),
    "same": ("No change", "same"),
    "n/a": (MISSING, "none"),   # no arrow; the notes say what "–" means
}
# Under the profile tables (the HTML template prints the same words).
TABLE_NOTE = ("Change is the latest count minus the one in the column before it. Rows in bold are subtotals "
              "of the indented rows above them.")
POLARITY = {"high": "High is good", "low": "Low is good", None: "Context only"}


@dataclass
class Chip:
    word: str
    css: str
    symbol: str = ""


@dataclass
class PanelView:
    anchor: str
    title: str
    section: str
    polarity: str
    value: str
    target: str
    variance: str
    previous: str
    rag: Chip
    change: Chip
    period: str            # the dates the figure covers, for the panel's head
    span: str              # the kind of period, for the scorecard: "Rolling 12 months", "Year 2025/26"
    compared_with: str     # what "previous" is: "Previous month" or "Previous year"
    sentence: str
    chart: str
    benchmarks: list[dict]
    benchmark_notes: bool
    definition: str
    dq_note: str
    benchmark_caution: str = ""    # how far to trust the comparison (benchmark_year_note, published_gap_note)
    commentary: tuple[str, ...] = ()   # the service's paragraphs about this indicator, as written


@dataclass
class ProfileView:
    title: str
    dates: list[str]
    has_change: bool
    rows: list[dict] = field(default_factory=list)


def build(report: Report) -> dict:
    panels = [_panel(panel, report.commentary.get(panel.indicator_id, ())) for panel in report.panels]
    footnotes = _footnotes(report)
    profiles = [_profile(table) for table in report.profiles]
    return {
        "council": report.council,
        "council_note": report.council_note,
        "data_note": report.data_note,
        "month": month_name(report.as_at),
        "as_at": long_date(report.as_at),
        "generated": report.generated,
        "public": report.public,
        "threshold": report.suppression_threshold,
        "sections": _sections(panels, report.section_commentary, [_summary(t) for t in report.tables]),
        "panels": panels,
        "profiles": profiles,
        "profiles_title": PROFILES_TITLE,
        # which dates the columns are, then how to read a table, once under them all
        "profile_note": " ".join(note for note in (report.profile_note, *(t.note for t in report.profiles)) if note),
        "footnotes": footnotes,
        "glossary": glossary(_printed_text(panels, profiles, footnotes, report.section_commentary, report.tables)),
    }


def _printed_text(panels: list[PanelView], profiles: list[ProfileView], footnotes: list[str],
                  section_commentary: dict[str, tuple[str, ...]], tables=()) -> str:
    """The words the report prints outside the glossary, to find the terms the glossary must explain."""
    words = ["RAG", *footnotes, *(p for paragraphs in section_commentary.values() for p in paragraphs)]
    for panel in panels:
        words += [panel.title, panel.section, panel.span, panel.sentence, panel.definition, panel.dq_note,
                  *panel.commentary,
                  panel.variance, *(row[key] for row in panel.benchmarks for key in ("label", "note"))]
    for table in profiles:
        words += [table.title, *(row["label"] for row in table.rows)]
    for summary in tables:
        words += [summary.title, summary.description, *summary.headings]
    return "\n".join(words)


def _shown(panel: Panel, number: float | None, withheld: bool, *, whole_if_integral: bool = False) -> str:
    if withheld:
        return SUPPRESSED
    return format_value(number, panel.unit, panel.decimals, whole_if_integral=whole_if_integral)


def _rag(rag: str | None, withheld: bool, has_target: bool = False) -> Chip:
    if withheld:
        return Chip(SUPPRESSED, "rag-c")
    if rag is None:   # a target with no figure to judge is not the same as no target
        return Chip("No figure" if has_target else "No target", "rag-none")
    if rag not in RAG_WORDS:
        raise ValueError(f"unknown RAG rating {rag!r}; expected red, amber, green or None")
    return Chip(RAG_WORDS[rag], f"rag-{rag}")


def _change(change: str, withheld: bool) -> Chip:
    if withheld:
        return Chip(SUPPRESSED, "chg-none")
    symbol = change_arrow(change)   # raises, naming it, on an unknown change
    word, css = CHANGES[change]
    return Chip(word, f"chg-{css}", symbol)


def _polarity(polarity: str | None) -> str:
    if polarity not in POLARITY:
        raise ValueError(f"unknown polarity {polarity!r}; expected 'high', 'low' or None")
    return POLARITY[polarity]


def _anchor(indicator_id: str) -> str:
    return "ind-" + re.sub(r"[^A-Za-z0-9_-]", "-", indicator_id)


def _period(panel: Panel) -> str:
    current = panel.current
    if current.period_start is None:
        return f"At {long_date(current.period_end)}"
    return f"{long_date(current.period_start)} to {long_date(current.period_end)}"


def _panel(panel: Panel, commentary: tuple[str, ...] = ()) -> PanelView:
    current, assessment = panel.current, panel.assessment
    value_withheld = "value" in current.suppressed
    variance = (SUPPRESSED if "variance" in assessment.suppressed
                else format_signed(assessment.variance, assessment.variance_unit, panel.unit, panel.decimals))
    return PanelView(
        anchor=_anchor(panel.indicator_id),
        title=panel.title,
        section=panel.section,
        polarity=_polarity(panel.polarity),
        value=_shown(panel, current.value, value_withheld),
        target=_shown(panel, assessment.target, False, whole_if_integral=True),
        variance=variance,
        previous=_shown(panel, assessment.previous, "previous" in assessment.suppressed),
        rag=_rag(assessment.rag, "rag" in assessment.suppressed, assessment.target is not None),
        change=_change(assessment.change, "change" in assessment.suppressed),
        period=_period(panel),
        span=panel.period,
        compared_with=panel.compared_with,
        sentence=panel.sentence,
        chart=trend_svg(_series(panel)) if _has_points(panel) else "",
        benchmarks=_benchmarks(panel, value_withheld),
        benchmark_notes=any(row.note for row in panel.benchmarks),
        definition=panel.definition,
        dq_note=panel.dq_note,
        benchmark_caution=" ".join(filter(None, (benchmark_year_note(panel),
                                                 "" if value_withheld else published_gap_note(panel)))),
        commentary=tuple(commentary),
    )


def benchmark_year_note(panel: Panel) -> str:
    """A sentence when the benchmarks' year is more than a year from the position's ("" otherwise)."""
    from careboard.dates import year_ending, year_label

    years = {row.year_ending for row in panel.benchmarks if row.year_ending is not None}
    if len(years) != 1:
        return ""
    # an annual figure is for its own year (2025/26 in November 2026), not the year of the report's date
    end = panel.current.period_end or panel.current.as_at
    published, position = years.pop(), year_ending(end)
    if abs(position - published) <= 1:
        return ""
    when = (f"is for {year_label(position)}" if end < panel.current.as_at else
            f"is at {long_date(end)} (in {year_label(position)})")
    return (f"These published figures are for {year_label(published)}; this council's figure {when}, more than a "
            f"year {'later' if position > published else 'earlier'}, so compare them with care.")


# A council's count at 31 March this far from the one the DfE published for it for that date (more than
# both) is worth a word: the DfE's figure comes from the council's own return.
PUBLISHED_GAP_SHARE = 0.1
PUBLISHED_GAP_CHILDREN = 10


class PublishedGap(NamedTuple):
    current: float      # this report's count
    published: float    # the DfE's, for the same council and year
    la: str             # the LA it is published for, as the benchmark row names it
    year: str           # "2024/25"


def published_gap(panel: Panel) -> PublishedGap | None:
    """The gap when a count at 31 March is far from the one published for the same council and year; None
    otherwise. The DfE's figures are drawn from the council's own returns, so a wide gap most often means
    the return loaded is incomplete, or is another council's."""
    from careboard.dates import year_ending

    as_at, current = panel.current.as_at, panel.current.value
    if panel.unit != "count" or current is None or (as_at.month, as_at.day) != (3, 31):
        return None
    own = [row for row in panel.benchmarks if row.label == "Local Authority" and row.value is not None
           and row.year_ending == year_ending(as_at)]
    if not own:
        return None
    published = own[0].value
    if abs(current - published) <= max(PUBLISHED_GAP_CHILDREN, PUBLISHED_GAP_SHARE * published):
        return None
    return PublishedGap(current, published, own[0].note, own[0].period_label)


def published_gap_note(panel: Panel) -> str:
    """A sentence when this report's count is far from the one the DfE published (see published_gap)."""
    gap = published_gap(panel)
    if gap is None:
        return ""
    return (f"The Department for Education published {format_value(gap.published, 'count', 0)} for "
            f"{gap.la or 'this council'} for {gap.year}, against {format_value(gap.current, 'count', 0)} here: so "
            f"wide a gap usually means the return loaded is incomplete or is another council's.")


def _has_points(panel: Panel) -> bool:
    """Whether the chart has anything to draw: an empty chart would look like a line of zeros."""
    return any(point.value is not None or point.suppressed for point in panel.trend)


def _series(panel: Panel) -> TrendSeries:
    return TrendSeries(
        title=panel.title,
        unit=panel.unit,
        decimals=panel.decimals,
        months=[point.as_at for point in panel.trend],
        values=[point.value for point in panel.trend],
        withheld=["value" in point.suppressed for point in panel.trend],
        target=panel.assessment.target,
        axis=_count_axis(panel),
        line=_line_words(panel),
    )


# What a chart's line is, by the figure's window, where it is not a figure for each month.
LINE_WORDS = {"year": "Latest full year", "ytd": "Year to date"}


def _line_words(panel: Panel) -> str:
    from careboard.indicators.registry import BY_ID

    ind = BY_ID.get(panel.indicator_id)
    return LINE_WORDS.get(ind.window if ind else "", "Monthly value")


def _count_axis(panel: Panel) -> str:
    """A count's axis names what it counts ("Number of households"); children, as most do, by default."""
    from careboard.indicators.registry import BY_ID

    counts = getattr(BY_ID.get(panel.indicator_id), "counts", "children")
    return f"Number of {counts}" if panel.unit == "count" and counts != "children" else ""


def _benchmarks(panel: Panel, value_withheld: bool) -> list[dict]:
    """Benchmark rows with "current vs benchmark", measured like the variance from target."""
    rule = variance_unit(panel.unit)
    current = panel.current.value
    if current is not None:
        current = as_printed(current, panel.decimals)   # as the judge does: compare the figure as printed
    rows = []
    for row in panel.benchmarks:
        if value_withheld:
            gap = SUPPRESSED
        elif current is None or row.value is None:
            gap = MISSING
        else:
            gap = format_signed(variance(current, row.value, panel.unit), rule, panel.unit, panel.decimals)
        rows.append({
            "label": row.label,
            "period": row.period_label,
            "value": format_value(row.value, panel.unit, panel.decimals, whole_if_integral=True),
            "gap": gap,
            "note": row.note,
        })
    return rows


def _sections(panels: list[PanelView], commentary: dict[str, tuple[str, ...]], tables: list[dict] = ()) -> list[dict]:
    """Panels sharing a section name form one group, in the order each section first appears, so a
    section is never printed twice; each with the service's commentary on it and its breakdown tables."""
    sections: dict[str, dict] = {}
    for panel in panels:
        sections.setdefault(panel.section, {"name": panel.section, "panels": [], "tables": [],
                                            "commentary": tuple(commentary.get(panel.section, ()))}
                            )["panels"].append(panel)
    for table in tables:
        if table["section"] in sections:
            sections[table["section"]]["tables"].append(table)
    return list(sections.values())


_TABLE_UNITS = {"count": ("count", None), "%": ("%", 1), "mean": ("days", 0)}


def _summary(table: SummaryTable) -> dict:
    """A breakdown table's cells as printed: counts, percentages to one place, averages in whole days."""
    rows = []
    for r, row in enumerate(table.rows):
        cells = [SUPPRESSED if (r, c) in table.suppressed else format_value(cell, *_TABLE_UNITS[kind])
                 for c, (cell, kind) in enumerate(zip(row[1:], table.kinds), start=1)]
        rows.append({"label": row[0], "cells": cells})
    return {"id": table.table_id, "title": table.title, "section": table.section, "description": table.description,
            "headings": table.headings, "rows": rows}


def _profile(table: ProfileTable) -> ProfileView:
    grouped = layout(table).grouped_rows()
    has_change = len(table.dates) >= 2
    view = ProfileView(table.title, [month_label(day) for day in table.dates], has_change)
    last = len(table.dates) - 1
    for index, (label, counts, is_subtotal) in enumerate(table.rows):
        hidden = [(index, column) in table.suppressed for column in range(len(counts))]
        cells = [SUPPRESSED if hide else format_value(count, "count") for count, hide in zip(counts, hidden)]
        change = ""
        if has_change:
            # a change next to one hidden count would give that count back
            change = (SUPPRESSED if hidden[last] or hidden[last - 1]
                      else format_change(counts[last], counts[last - 1]))
        view.rows.append({"label": label, "cells": cells, "change": change, "subtotal": is_subtotal,
                          "grouped": index in grouped})
    return view


# How variance is measured, per unit, as one clause of the single variance note.
VARIANCE_CLAUSES = {
    "%": "in percentage points (pp) for percentages",
    "rate": "as a percentage of the target for rates",
    "count+rate": "as a percentage of the target for numbers and rates",
    "count": "as a percentage of the target for numbers of children",
    "days": "in days for measures in days",
    "score": "in points for average scores",
}


def variance_note(units: list[str]) -> str:
    """One sentence for every unit shown, in the order the units first appear."""
    if "count" in units and "rate" in units:   # both relative: one clause
        units = ["count+rate" if unit in ("count", "rate") else unit for unit in units]
    clauses = list(dict.fromkeys(VARIANCE_CLAUSES[unit] for unit in units))
    return (f"Variance is the value minus the target: {listed(clauses)}. "
            "“Current vs benchmark” is measured the same way against each benchmark.")


def _footnotes(report: Report) -> list[str]:
    notes = []
    measured = [panel.unit for panel in report.panels if panel.assessment.variance is not None or panel.benchmarks]
    if measured:
        notes.append(variance_note(measured))
    unrated = any(panel.assessment.target is not None and panel.assessment.rag is None
                  and "rag" not in panel.assessment.suppressed for panel in report.panels)
    notes.append("RAG rating: Green = on target or better; Amber = worse than target but within the agreed "
                 "tolerance; Red = worse than target by more than the tolerance; “No target” = context "
                 "measure, not rated" + ("; “No figure” = a target is set but there is no figure to rate."
                                         if unrated else "."))
    notes.append("Change shows the direction of performance, not of the number: ▲ improved, ▼ deteriorated, "
                 "■ unchanged, taking account of whether a high or a low value is good. It compares each figure "
                 "with the previous month's, or, for a figure that covers a whole year, with the year before.")
    if any(panel.period for panel in report.panels):
        notes.append("Period says what span of time each figure covers; the glossary explains each kind of "
                     "period. Figures that cover different periods are not directly comparable.")
    if any(panel.benchmarks for panel in report.panels):
        notes.append("Benchmarks are the latest published annual figures for the year shown: Local Authority is "
                     "this council's own published figure, Stat Neighbours the average of its statistical "
                     "neighbours, Region and England the published averages. Current values cover the period "
                     "shown on each panel, so they are not always for the same span as the benchmark.")
    if report.not_shown:
        notes.append(report.not_shown)
    if report.benchmarks_note:
        notes.append(report.benchmarks_note)
    if report.history_note:
        notes.append(report.history_note)
    if report.public:
        notes.append(f"c = suppressed to protect confidentiality: a count of between 1 and "
                     f"{report.suppression_threshold} children, a count that leaves between 1 and "
                     f"{report.suppression_threshold} of its group uncounted, a figure worked out from either "
                     "(percentage, rate, average, variance, RAG rating or change), or a further cell withheld so that "
                     "a hidden figure cannot be worked out from a total. 0 means none: zero is not suppressed, following "
                     "Department for Education practice.")
    notes.append(f"{MISSING} = not available (no children in the group, no target, or no earlier figure).")
    return list(dict.fromkeys(notes))   # a note said twice (the benchmarks note, say) is printed once
