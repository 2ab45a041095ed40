"""Assembling the committee report: every indicator for the latest snapshot, judged, trended, benchmarked.

Earlier months and the profile tables' earlier dates are recomputed at those dates from the latest
snapshot, the data as loaded now (so late-recorded events are counted in the month they happened);
each snapshot keeps its own files, so the figure as first reported can always be recomputed from it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..dates import add_months, year_ending, year_label
from ..indicators import calculate, registry
from ..indicators.base import Indicator
from ..indicators.periods import period_for
from ..model import HISTORY_NOTES
from ..plural import counted, listed
from ..results import BenchmarkRow, Panel, Report, SummaryTable, Value
from .before_the_returns import before_the_returns
from .data_quality import figure_notes
from .earlier_lists import NOT_SHOWN_NOTE as LISTS_SHORT_NOTE
from .earlier_lists import from_lists_taken_then
from .view import PROFILES_TITLE


def month_ends(as_at: date, n: int) -> list[date]:
    """`as_at` and the n-1 month ends before it, oldest first."""
    out = [as_at]
    d = as_at.replace(day=1) - timedelta(days=1)
    while len(out) < n:
        out.append(d)
        d = d.replace(day=1) - timedelta(days=1)
    return out[::-1]


def quarter_ends(as_at: date, n: int, data_from: date | None) -> tuple[list[date], str]:
    """The profile tables' dates at quarter ends: ``as_at`` and the quarter ends (30 June, 30 September,
    31 December, 31 March) before it, n dates in all, oldest first, leaving out any before ``data_from``
    (the data loaded does not reach them); and a note saying which dates the columns are."""
    from .formatting import long_date

    dates, d = [as_at], as_at.replace(day=1) - timedelta(days=1)
    while len(dates) < n:
        if d.month % 3 == 0:
            dates.append(d)
        d = d.replace(day=1) - timedelta(days=1)
    dates.reverse()
    missing = [d for d in dates if data_from is not None and d < data_from]
    shown = [d for d in dates if d not in missing]
    ends = [d for d in shown if d != as_at or as_at.month % 3 == 0]
    note = ("The profile tables show the children looked after at the end of each quarter"
            + (f" ({', '.join(long_date(d) for d in ends)})" if ends else ""))
    note += ("" if as_at.month % 3 == 0 else f" and at the latest month end, {long_date(as_at)}") + "."
    if missing:
        note += (f" There is no column for {', '.join(long_date(d) for d in missing)}: the data loaded starts on "
                 f"{long_date(data_from)}.")
    return shown, note


def snapshot_gaps(dates: list[date]) -> str:
    """For profile columns at the snapshots' dates: a note naming the month ends between the first and the last
    that have none (a month not loaded, or removed), and, when the latest column's change is over more than a
    month, over how many."""
    from .formatting import long_date

    if len(dates) < 2:
        return ""
    gaps = [d for d in month_ends(dates[-1], 1 + _months_between(dates[0], dates[-1]))
            if d not in dates and d > dates[0] and d.replace(day=1) not in {x.replace(day=1) for x in dates}]
    if not gaps:
        return ""
    note = (f"There is no column for {listed([long_date(d) for d in gaps])}: no data was loaded as at "
            f"{'that date' if len(gaps) == 1 else 'those dates'}.")
    if (months := _months_between(dates[-2], dates[-1])) > 1:
        note += f" The change shown is over the {months} months since {dates[-2]:%B %Y}."
    return note


def _months_between(a: date, b: date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


@dataclass
class Inputs:
    """What the report needs besides the store: the council's settings and published figures."""

    council: object                   # careboard.judge.council.CouncilConfig
    published: object | None          # careboard.published.Published, or None when not loaded
    benchmarks_note: str = ""
    council_note: str = ""            # for the front page, e.g. that no council file was given
    commentary: object | None = None  # careboard.report.commentary.Commentary, checked against the indicators shown


def _population(inputs: Inputs, d: date) -> int | None:
    if inputs.published is None or inputs.council.la_code is None:
        return None
    return inputs.published.population_for_rates(inputs.council.la_code, d)


def compute_series(ctx, inputs: Inputs, dates: list[date], indicators: tuple[Indicator, ...]) -> dict[str, dict[date, Value]]:
    """Every indicator at every date, from one snapshot's data read as ctx.history says (one batched query per date)."""
    out: dict[str, dict[date, Value]] = defaultdict(dict)
    for d in dates:
        ctx.population = _population(inputs, d)
        for ind_id, v in calculate.compute_all(ctx, indicators, d).items():
            out[ind_id][d] = v
    return out


# For the front page, when the month's data are the council's lists alone.
NO_RETURN_NOTE = ("No children-in-care return was loaded with this month's data, so this report shows only the "
                  "figures drawn from the council's own lists; the notes at the end say which are left out.")
# The words an indicator's window gets in the scorecard's period column.
PERIOD_WORDS = {"at": "Month end", "month": "Month", "12m": "Rolling 12 months", "36m": "Rolling 3 years",
                "ytd": "Year to date"}

# The return's tables as a committee member knows them, for data-quality notes.
def period_words(ind: Indicator, as_at: date) -> str:
    """The span a figure covers, short, for the scorecard: "Rolling 12 months", "Year 2025/26"."""
    if ind.window == "year":
        return f"Year {period_for(ind.window, as_at).label}"
    return PERIOD_WORDS[ind.window]


def previous_year(ctx, inputs: Inputs, as_at: date, indicators: tuple[Indicator, ...]) -> dict[str, Value]:
    """Annual indicators a year before ``as_at``: the latest complete year before the one reported."""
    annual = tuple(ind for ind in indicators if ind.window == "year")
    if not annual:
        return {}
    series = compute_series(ctx, inputs, [add_months(as_at, -12)], annual)
    return {ind_id: next(iter(by_date.values())) for ind_id, by_date in series.items()}


def _shown(council) -> tuple[Indicator, ...]:
    """The council's choice of indicators ([report] in its file), or every one."""
    chosen = getattr(council, "shown_indicators", None)
    return chosen() if chosen else registry.INDICATORS


def _tables(council) -> tuple | None:
    """The breakdown tables judging by the council's timescales (None: every one as declared)."""
    tables = getattr(council, "tables", None)
    return tables() if tables else None


def sentence(ind: Indicator, v: Value, target: float | None) -> str:
    from .sentences import sentence as fill

    return fill(ind, v, target)


def not_shown_note(left_out: dict[str, tuple[str, ...]]) -> str:
    """Which figures and tables (by title) the report leaves out because the lists they need were not loaded;
    those drawn from the children-in-care return, when the month's data hold none, are counted, not named."""
    if not left_out:
        return ""
    no_return = [title for title, missing in left_out.items() if calculate.RETURN_NOT_LOADED in missing]
    left_out = {title: missing for title, missing in left_out.items() if calculate.RETURN_NOT_LOADED not in missing}
    said = [f"No children-in-care return was loaded with this month's data, so the "
            f"{counted(len(no_return), 'figure or table', 'figures and tables')} drawn from it "
            f"{'is' if len(no_return) == 1 else 'are'} not shown."] if no_return else []
    if left_out:
        lists = sorted({name for missing in left_out.values() for name in missing}, key=str.casefold)
        named = listed(lists)
        said.append(f"{counted(len(left_out), 'figure or table', 'figures and tables')} "
                    f"{'is' if len(left_out) == 1 else 'are'} not shown, as "
                    f"{'it needs' if len(left_out) == 1 else 'they need'} the council's {named}, not loaded with "
                    "this month's data: " + "; ".join(sorted(left_out)) + ".")
    return " ".join(said)


def stale_data_note(as_at: date, collection_year: int) -> str:
    """For the front page, when the latest return ended more than a year before the position shown."""
    from ..dates import year_end
    from ..store.return_year import stale_by
    from .formatting import long_date

    gap = stale_by(as_at, collection_year)
    return gap and (f"The most recent children-in-care return in these figures covers the year to "
                    f"{long_date(year_end(collection_year))}, {gap} before the position shown: children in care "
                    "then are counted as still in care, and their reviews and visits as overdue since. Figures for "
                    "this date need a more recent return.")


def uncounted_episodes_note(con, snapshot_id: int) -> str:
    """For the front page, when at least one in twenty of the episodes loaded has no start date that could be
    read (a return exported with its dates in another form, say): the figures leave those out entirely; or
    an end date that could not be read: the figures count those children as still in care."""
    from ..store.findings import uncounted_episodes

    no_start, no_end, total = uncounted_episodes(con, snapshot_id)
    said = []
    if many_uncounted(no_start, total):
        one = no_start == 1
        said.append(f"{no_start:,} of the {counted(total, 'episode')} of care loaded {'has' if one else 'have'} no "
                    f"start date that could be read, so the figures in this report leave {'it' if one else 'them'} "
                    "out")
    if many_uncounted(no_end, total):
        one = no_end == 1
        said.append(f"{no_end:,} of the {counted(total, 'episode')} of care loaded {'has' if one else 'have'} an end "
                    f"date that could not be read, so the figures count {'that child' if one else 'those children'} "
                    "as still in care")
    if not said:
        return ""
    return f"{'; '.join(said)}: the data team can see each one in the load's findings and correct the return."


def many_uncounted(uncounted: int, total: int) -> bool:
    return uncounted > 0 and uncounted * 20 >= total


def summary_tables(ctx, as_at: date, sections: set[str], breakdowns: tuple | None = None
                   ) -> tuple[list[SummaryTable], dict[str, tuple[str, ...]]]:
    """The breakdown tables of the sections shown (of `breakdowns`: the council's, judging by its timescales;
    default every table as declared), and (by title) those left out for want of their lists."""
    from ..breakdowns.registry import BREAKDOWNS
    from ..breakdowns.run import draw_up

    tables, left_out = [], {}
    for b in breakdowns or BREAKDOWNS:
        if b.section not in sections:
            continue
        drawn = draw_up(ctx, b, as_at)
        if drawn.not_loaded:
            left_out[b.title] = drawn.not_loaded
            continue
        tables.append(SummaryTable(b.id, b.title, b.section, b.description, drawn.headings,
                                   [c.kind for c in b.columns if c.shown], drawn.rows, sheet=b.sheet_name))
    return tables, left_out


def build_report(con, inputs: Inputs, snapshot_id: int | None = None, months: int = 12,
                 public: bool = False, indicators: tuple[Indicator, ...] | None = None,
                 history: str = "latest") -> Report:
    from ..judge.assess import assess
    from ..profiles import build_profiles, countable, profile_counts
    from ..store import list_snapshots, looking_back

    indicators = indicators or _shown(inputs.council)
    snapshots = looking_back(list_snapshots(con), snapshot_id)
    if not snapshots:
        raise SystemExit("No snapshots loaded yet: run careboard load PATH first.")
    latest = snapshots[-1]
    dates = month_ends(latest.as_at, months)
    ctx = calculate.Context.open(con, latest.snapshot_id, history=history)
    sections = {ind.group for ind in indicators}     # the sections asked for, whose tables go with them
    # A figure from a local list the month's data lack is left out, and the report says so.
    left_out = {ind.title: missing for ind in indicators if (missing := ctx.not_loaded(ind.sql))}
    indicators = tuple(ind for ind in indicators if ind.title not in left_out)
    series = compute_series(ctx, inputs, dates, indicators)
    lists_short = from_lists_taken_then(ctx, dates, indicators, series)
    returns_begin = (before_the_returns(date(latest.first_year - 1, 4, 1), dates, indicators, series)
                     if ctx.holds_return else "")
    last_year = previous_year(ctx, inputs, latest.as_at, indicators)
    notes = figure_notes(ctx, indicators, latest.as_at)
    for ind in indicators:     # what a figure takes as so for want of a list comes first: it bears on every month
        if said := ctx.assumed(ind, latest.as_at):
            notes[ind.id] = " ".join([*said, notes.get(ind.id, "")]).strip()
    council = inputs.council
    panels = []
    for ind in indicators:
        trend = [series[ind.id][d] for d in dates]
        current = trend[-1]
        if ind.window == "year":   # an annual figure is compared with the year before, not last month's copy
            previous, compared_with = last_year[ind.id], "Previous year"
        else:
            previous, compared_with = (trend[-2] if len(trend) > 1 else None), "Previous month"
        if ind.window == "ytd" and previous is not None and previous.period_start != current.period_start:
            previous = None     # April's year to date is not compared with the whole of last year
        if ind.window == "ytd":    # this year's points only: last year's running total is another measure
            trend = [point for point in trend if point.period_start >= current.period_start]
        target = council.target_for(ind.id, current.as_at)
        polarity = council.polarity_for(ind.id, ind.polarity)
        assessment = assess(current.value, previous.value if previous else None, target, ind.unit,
                            polarity, council.amber_for(ind.id, ind.unit), decimals=ind.decimals)
        benchmarks = []
        if inputs.published is not None and council.la_code and ind.id in inputs.published.indicator_ids():
            # the latest published year up to the position's, so an old position meets its own year's figures
            year = inputs.published.benchmark_year(ind.id, year_ending(current.as_at))
            benchmarks = inputs.published.benchmark_rows(ind.id, council.la_code, year, sn_method=council.sn_method,
                                                         neighbours=council.neighbours)
            if ind.unit == "count":   # other areas' counts say nothing about this council's
                benchmarks = [b for b in benchmarks if b.label == "Local Authority"]
        elif comparator := getattr(council, "comparators", {}).get(ind.id):
            benchmarks = [BenchmarkRow("England", year_label(comparator.year_ending), comparator.england,
                                       f"from the council's settings: {comparator.source}", comparator.year_ending)]
        dq = notes.get(ind.id, "")
        panels.append(Panel(ind.id, ind.title, ind.unit, polarity, ind.decimals, current, assessment,
                            sentence(ind, current, target), trend, benchmarks, ind.definition, dq,
                            section=ind.group, period=period_words(ind, current.as_at),
                            compared_with=compared_with, previous=previous))
    # Profiles at the last five snapshots' dates (or quarter ends), counted from the latest data like the trend.
    profile_dates = [s.as_at for s in snapshots[-5:]]
    profile_note = snapshot_gaps(profile_dates)
    if getattr(council, "profile_dates", "snapshots") == "quarter-ends":
        profile_dates, profile_note = quarter_ends(latest.as_at, 5, date(latest.first_year - 1, 4, 1))
    counts = {}
    profile_tables, lacking = countable(ctx)
    for d in profile_dates if ctx.holds_return else ():
        ctx.model_for(d)
        counts[d] = profile_counts(ctx, d, profile_tables)
    if not ctx.holds_return:
        left_out[PROFILES_TITLE] = (calculate.RETURN_NOT_LOADED,)
    else:
        left_out.update({f"{title} (profile table)": missing for title, missing in lacking.items()})
    tables, tables_left_out = summary_tables(ctx, latest.as_at, sections, _tables(council))
    commentary = inputs.commentary
    data_note = " ".join(note for note in (
        *((stale_data_note(latest.as_at, latest.collection_year), uncounted_episodes_note(con, latest.snapshot_id))
          if ctx.holds_return else (NO_RETURN_NOTE,)),
        returns_begin, LISTS_SHORT_NOTE if lists_short else "") if note)
    report = Report(council.name, latest.as_at, f"{datetime.now():%d/%m/%Y %H:%M}", panels,
                    build_profiles(counts, profile_tables), inputs.benchmarks_note,
                    # how the returns' years are read: nothing to say without a return
                    history_note=HISTORY_NOTES[history] if ctx.holds_return else "",
                    council_note=inputs.council_note, data_note=data_note,
                    not_shown=not_shown_note(left_out | tables_left_out), tables=tables,
                    profile_note=profile_note,
                    commentary=dict(commentary.by_indicator) if commentary else {},
                    section_commentary=dict(commentary.by_section) if commentary else {})
    if public:
        from ..report import suppress

        report = suppress(report)
    return report
