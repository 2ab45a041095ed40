"""Assembling the committee report: every indicator for the latest snapshot, judged, trended, benchmarked.

Earlier months and the profile tables' earlier dates are recomputed at those dates from the latest
snapshot, the data as loaded now (so late-recorded events are counted in the month they happened);
each snapshot keeps its own files, so the figure as first reported can always be recomputed from it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .dates import year_ending
from .indicators import engine, registry
from .indicators.base import Indicator
from .indicators.periods import period_for
from .model import HISTORY_NOTES
from .results import Panel, Report, Value


def month_ends(as_at: date, n: int) -> list[date]:
    """`as_at` and the n-1 month ends before it, oldest first."""
    out = [as_at]
    d = as_at.replace(day=1) - timedelta(days=1)
    while len(out) < n:
        out.append(d)
        d = d.replace(day=1) - timedelta(days=1)
    return out[::-1]


@dataclass
class Inputs:
    """What the report needs besides the store: the council's settings and published figures."""

    council: object                   # careboard.judge.council.CouncilConfig
    published: object | None          # careboard.published.Published, or None when not loaded
    benchmarks_note: str = ""
    council_note: str = ""            # for the front page, e.g. that no council file was given


def _population(inputs: Inputs, d: date) -> int | None:
    if inputs.published is None or inputs.council.la_code is None:
        return None
    try:
        return inputs.published.population_for_year_ending(inputs.council.la_code, year_ending(d)).value
    except KeyError:   # the council's LA code is not in the published files
        return None


def compute_series(ctx, inputs: Inputs, dates: list[date], indicators: tuple[Indicator, ...]) -> dict[str, dict[date, Value]]:
    """Every indicator at every date, from one snapshot's data read as ctx.history says (one batched query per date)."""
    out: dict[str, dict[date, Value]] = defaultdict(dict)
    for d in dates:
        ctx.population = _population(inputs, d)
        for ind_id, v in engine.compute_all(ctx, indicators, d).items():
            out[ind_id][d] = v
    return out


def sentence(ind: Indicator, v: Value, target: float | None) -> str:
    from .report.formatting import format_value, month_name

    if v.value is None:
        return f"No children were in the cohort for {ind.title.lower()} at the end of {month_name(v.as_at)}."
    fields = {
        "num": format_value(v.numerator, "count") if ind.aggregate != "mean" else format_value(v.numerator, ind.unit),
        "den": format_value(v.denominator, "count") if v.denominator is not None else "",
        "value": format_value(v.value, ind.unit, ind.decimals),
        "month": month_name(v.as_at),
        "period": period_for(ind.window, v.as_at).label,
        "target": format_value(target, ind.unit, ind.decimals) if target is not None else "no target",
        **{k: (format_value(x, "count") if isinstance(x, (int, float)) else str(x)) for k, x in v.extra.items()},
    }
    try:
        return ind.sentence.format(**fields)
    except (KeyError, IndexError, ValueError) as e:
        raise ValueError(f"indicator {ind.id}: sentence template needs {e}") from None


def dq_notes(con, snapshot_id: int) -> dict[str, str]:
    """A short note per input table whose rows have errors in this snapshot (load findings and DfE rules)."""
    rows = con.execute("""
        SELECT table_name, count(*), count(DISTINCT rule) FROM (
          SELECT table_name, code AS rule FROM dq_findings
          WHERE snapshot_id = $s AND severity = 'error' AND table_name IS NOT NULL
          UNION ALL
          SELECT table_name, rule FROM validation_failures WHERE snapshot_id = $s AND severity = 'error'
        ) e GROUP BY table_name""", {"s": snapshot_id}).fetchall()
    return {t: f"The {t} data has {n} error(s) against {k} check(s), which may affect this figure "
               f"(see `careboard validate`)." for t, n, k in rows}


def _input_tables(ind: Indicator) -> set[str]:
    """Staging tables an indicator's SQL reads, through the model views it names."""
    from .model import VIEW_INPUTS

    sql = ind.sql.lower()
    return {t for view, tables in VIEW_INPUTS.items() if view in sql for t in tables}


def build_report(con, inputs: Inputs, snapshot_id: int | None = None, months: int = 12,
                 public: bool = False, indicators: tuple[Indicator, ...] | None = None,
                 history: str = "latest") -> Report:
    from .judge.assess import assess
    from .profiles import build_profiles, profile_counts
    from .store import list_snapshots

    indicators = indicators or registry.INDICATORS
    snapshots = list_snapshots(con)
    if snapshot_id is not None:
        snapshots = [s for s in snapshots if s.snapshot_id <= snapshot_id] or snapshots
    if not snapshots:
        raise SystemExit("No snapshots loaded yet: run careboard load PATH first.")
    latest = snapshots[-1]
    dates = month_ends(latest.as_at, months)
    ctx = engine.Context.open(con, latest.snapshot_id, history=history)
    series = compute_series(ctx, inputs, dates, indicators)
    notes = dq_notes(con, latest.snapshot_id)
    council = inputs.council
    panels = []
    for ind in indicators:
        trend = [series[ind.id][d] for d in dates]
        current, previous = trend[-1], (trend[-2] if len(trend) > 1 else None)
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
        dq = " ".join(notes[t] for t in sorted(_input_tables(ind)) if t in notes)
        panels.append(Panel(ind.id, ind.title, ind.unit, polarity, ind.decimals, current, assessment,
                            sentence(ind, current, target), trend, benchmarks, ind.definition, dq,
                            section=ind.group))
    # Profiles at the last five snapshots' dates, counted from the latest data like the trend.
    counts = {}
    for s in snapshots[-5:]:
        ctx.model_for(s.as_at)
        counts[s.as_at] = profile_counts(ctx, s.as_at)
    report = Report(council.name, latest.as_at, f"{datetime.now():%d/%m/%Y %H:%M}", panels,
                    build_profiles(counts), inputs.benchmarks_note, history_note=HISTORY_NOTES[history],
                    council_note=inputs.council_note)
    if public:
        from .report import suppress

        report = suppress(report)
    return report
