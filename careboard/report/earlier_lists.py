"""Earlier months of the figures drawn from the council's lists alone, from the lists taken in those months.

A list answers for the day it was taken: it holds what happened in the 12 months before (formats.period.ListPeriod),
the rows still open then and each row's latest dates. Worked out from the latest lists, an earlier month's figure
reads low or wrong: a 12-month count lacks the months before they begin (notifications "rising" from 2 to 8 over
a year in which 8 came), an application approved since that was in assessment then has left the list, a plan's
earlier review was overwritten by its latest. Each earlier month's figure is the one the lists taken that month
give, where a snapshot holds them, as the committee saw it then; else none is shown for that month.
"""

from __future__ import annotations

from datetime import date

from ..indicators import calculate
from ..indicators.base import Indicator
from ..model import ALL_YEARS, VIEW_INPUTS, VIEWS, build_model
from ..results import Value


# The model's views drawn from the lists alone: all an earlier snapshot needs built for these figures.
LIST_VIEWS = tuple(view for view in VIEWS if calculate.lists_alone(VIEW_INPUTS.get(view, ())))

NOT_SHOWN_NOTE = ("Earlier months of the figures drawn from the council's lists alone are shown only where the "
                  "lists taken in that month were loaded: a list answers for the day it was taken (it reaches back "
                  "12 months), so from the latest lists earlier months would read wrong.")


def from_lists_taken_then(ctx, dates: list[date], indicators: tuple[Indicator, ...],
                          series: dict[str, dict[date, Value]]) -> bool:
    """Replace in `series` each point before the snapshot's date of a figure drawn from the lists alone: with the
    figure from the snapshot of lists taken that day, or with no value. True when any point was left with none
    (the report says why)."""
    reach = [ind for ind in indicators if calculate.lists_alone(calculate.input_tables(ind.sql))]
    late = {(ind.id, d) for ind in reach for d in dates if d < ctx.as_at}
    if not late:
        return False
    taken = dict(ctx.con.execute("SELECT as_at, max(snapshot_id) FROM snapshots WHERE snapshot_id <> ? "
                                 "GROUP BY as_at", [ctx.snapshot_id]).fetchall())
    blank, built = False, set()
    for d in sorted({d for _, d in late}):
        wanted = [ind for ind in reach if (ind.id, d) in late]
        then = _context(ctx, taken[d], wanted, built) if d in taken else None
        held = [ind for ind in wanted if then is not None and not then.not_loaded(ind.sql)]
        for ind_id, v in (calculate.compute_all(then, held, d) if held else {}).items():
            series[ind_id][d] = v
        for ind in wanted:
            if ind not in held:
                series[ind.id][d] = series[ind.id][d].without_figure()
                blank = True
    if built:   # views were built over an earlier snapshot: back to the latest's
        views = tuple(view for view in LIST_VIEWS if view in built)
        build_model(ctx.con, ctx.snapshot_id, ctx.built_for or ALL_YEARS, views=views)
    return blank


def _context(ctx, sid: int, indicators: list[Indicator], built: set[str]):
    """A context over snapshot `sid` with only the lists' views `indicators` read built (a figure drawn from
    the lists alone reads nothing else); adds them to `built`."""
    as_at, = ctx.con.execute("SELECT as_at FROM snapshots WHERE snapshot_id = ?", [sid]).fetchone()
    loaded = frozenset(t for (t,) in ctx.con.execute("SELECT DISTINCT table_name FROM source_files WHERE "
                                                      "snapshot_id = ?", [sid]).fetchall())
    then = calculate.Context(ctx.con, sid, as_at, ctx.population, ctx.history, built_for=ALL_YEARS,
                             tables_loaded=loaded)
    read = " ".join(ind.sql.lower() for ind in indicators if not then.not_loaded(ind.sql))
    if views := tuple(view for view in LIST_VIEWS if view in read):
        build_model(ctx.con, sid, ALL_YEARS, views=views)
        built.update(views)
    return then
