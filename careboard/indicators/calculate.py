"""Running indicators against one snapshot's model.

The model is materialised once per snapshot (careboard.model.build_model); each indicator is then
one aggregate query over its child-level SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache

from ..backends import engine
from ..dates import year_ending, year_label
from ..errors import InputError
from ..formats import registry as formats
from ..formats.period import ListPeriod
from ..model import ALL_YEARS, DEFAULT_HISTORY, HISTORY, VIEW_INPUTS, build_model, filled
from ..results import Value
from ..sql import Macro
from ..sql import install as install_macros
from .base import Indicator
from .due import MACROS as DUE_MACROS
from .periods import period_for

# Children looked after at the end of day d (short breaks excluded), one row each with their open
# episode: when episodes overlap (a data error), the one that started last, so a child counts once.
# A table macro over the model, beside careboard's own (careboard/sql), which the model installs.
_OPEN_ON = "NOT {e}.is_short_break AND {e}.decom <= d AND ({e}.dec IS NULL OR {e}.dec > d)"
CLA_ON = Macro(
    "cla_on", ("d",), table=True,
    duckdb=f"""SELECT * EXCLUDE (latest_) FROM (
         SELECT e.*, row_number() OVER (PARTITION BY e.child ORDER BY e.decom DESC) AS latest_
         FROM episodes e WHERE {_OPEN_ON.format(e="e")}
       ) open_ WHERE latest_ = 1""",
    postgres=f"SELECT DISTINCT ON (e.child) e.* FROM episodes e WHERE {_OPEN_ON.format(e='e')} ORDER BY e.child, e.decom DESC",
    spark=f"""SELECT e.* FROM episodes e WHERE {_OPEN_ON.format(e="e")}
       AND NOT EXISTS (SELECT 1 FROM episodes l WHERE l.child = e.child AND {_OPEN_ON.format(e="l")} AND l.decom > e.decom)""")
# cla_on first: the due-date macros read it (DuckDB binds a macro's body when it is made).
MACROS = (CLA_ON, *DUE_MACROS)


@dataclass
class Context:
    """A connection with one snapshot's model built, plus what indicators need from outside the 903."""

    con: object
    snapshot_id: int
    as_at: date
    population: int | None = None      # 0-17 population for rates, None when not known
    history: str = DEFAULT_HISTORY     # how several years' returns are read: careboard.model.HISTORY
    built_for: int | None = None       # the collection year the model was last built up to (ALL_YEARS: all)
    tables_loaded: frozenset[str] = frozenset()   # the tables the snapshot has files of
    xml_return: bool = False           # whether a return came as XML, which holds every table, rows or none
    return_years: frozenset[int] = frozenset()    # the collection years of the SSDA903 returns it holds
    # Rows already worked out on this model, by statement: a year's figure asked at each month of that year
    # is the same statement (its period is the year), so a report's twelve months run it once, not twelve times.
    worked_out: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def open(cls, con, snapshot_id: int, population: int | None = None, history: str = DEFAULT_HISTORY) -> "Context":
        if history not in HISTORY:
            raise ValueError(f"history must be one of {', '.join(HISTORY)}, not {history!r}")
        as_at = con.execute("SELECT as_at FROM snapshots WHERE snapshot_id = ?", [snapshot_id]).fetchone()[0]
        loaded = con.execute("SELECT DISTINCT table_name, format, return_year FROM source_files WHERE snapshot_id = ?",
                             [snapshot_id]).fetchall()
        ctx = cls(con, snapshot_id, as_at, population, history, tables_loaded=frozenset(t for t, _, _ in loaded),
                  xml_return=any(f == "xml" for _, f, _ in loaded),
                  return_years=frozenset(y for t, _, y in loaded if formats.format_of(t) is formats.SSDA903))
        ctx.model_for(as_at)
        return ctx

    def model_for(self, as_at: date) -> None:
        """Have the model built for figures at `as_at`: once for data as loaded now; for the per-year
        reading, from the returns up to as_at's collection year, rebuilt when that year changes."""
        year = year_ending(as_at) if self.history == "per-year" else ALL_YEARS
        if year == self.built_for:
            return
        build_model(self.con, self.snapshot_id, year)
        install_macros(self.con, macros=MACROS)
        self.built_for = year


    def not_loaded(self, sql: str) -> tuple[str, ...]:
        """What SQL reads (through the model) that this snapshot does not hold, as named in a sentence: the local
        lists it lacks; the SSDA903 return when the snapshot holds none (lists loaded alone); and a table of
        the return that every council's has rows in (children's details, care leavers' records ...) when its
        CSV files leave it out. Another 903 table with no file is read as empty: a return with no adoptions
        may well leave AD1 out. A list not loaded says nothing."""
        reads = input_tables(sql)
        lists = {formats.table(t).in_text for t in reads
                 if isinstance(formats.format_of(t).period, ListPeriod) and t not in self.tables_loaded}
        if not self.holds_return and any(formats.format_of(t) is formats.SSDA903 for t in reads):
            lists.add(RETURN_NOT_LOADED)
        elif not self.xml_return:
            lists |= {formats.table(t).records for t in reads if formats.format_of(t) is formats.SSDA903
                      and formats.table(t).every_return and t not in self.tables_loaded}
        return tuple(sorted(lists))

    def year_not_loaded(self, ind: Indicator, as_at: date) -> tuple[str, ...]:
        """A figure of a whole collection year (window "year") drawn from the return, when the snapshot holds
        returns but not that year's: it would count no one, as if nobody had been in the group."""
        if ind.window != "year" or not self.holds_return:
            return ()
        year = period_for(ind.window, as_at).year
        if year in self.return_years or not any(formats.format_of(t) is formats.SSDA903
                                                for t in input_tables(ind.sql)):
            return ()
        return (f"{year_label(year)} return",)

    def lists_taken_later(self, sql: str, as_at: date | None) -> tuple[str, ...]:
        """What a unit drawn from the council's lists alone needs at `as_at`, a day before the lists were taken: a
        list answers for its own day (the 12 months before it, each row's latest dates), so from later lists an
        earlier day reads wrong (report/earlier_lists.py draws earlier months from the lists taken then)."""
        if as_at is None or as_at >= self.as_at or not lists_alone(input_tables(sql)):
            return ()
        if then := self.taken_on(as_at):
            return (f"lists as taken on {as_at:%d/%m/%Y}, which snapshot {then} holds (give --snapshot {then})",)
        return (f"lists as taken on {as_at:%d/%m/%Y}, where those loaded were taken on {self.as_at:%d/%m/%Y}",)

    def taken_on(self, day: date) -> int | None:
        """The snapshot (the one loaded last) holding lists taken on `day`, or None."""
        lists = [t for t in formats.all_tables() if isinstance(formats.format_of(t).period, ListPeriod)]
        marks = ", ".join("?" for _ in lists)
        return self.con.execute(f"""SELECT max(s.snapshot_id) FROM snapshots s WHERE s.as_at = ? AND EXISTS (
                                        SELECT 1 FROM source_files f WHERE f.snapshot_id = s.snapshot_id
                                        AND f.table_name IN ({marks}))""", [day, *lists]).fetchone()[0]

    def recorded_by_none(self, view: str, column: str) -> bool:
        """Whether the model view has rows, none of which records `column` (a list of an older template lacking
        it): the model built for the date first."""
        rows, recorded = self.con.execute(f"SELECT count(*), count({column}) FROM {view}").fetchone()
        return bool(rows) and not recorded

    def unrecorded(self, ind: Indicator) -> tuple[str, ...]:
        """The values a figure needs (Indicator.needs_recorded) that no row of the model records, in words, or ()."""
        if ind.needs_recorded is None:
            return ()
        view, column, words = ind.needs_recorded
        return (words,) if self.recorded_by_none(view, column) else ()

    def missing(self, ind: Indicator, as_at: date) -> tuple[str, ...]:
        """What figure `ind` needs at `as_at` that the snapshot does not hold, in words; () when it holds all."""
        return (self.not_loaded(ind.sql) or self.year_not_loaded(ind, as_at)
                or self.lists_taken_later(ind.sql, as_at) or self.unrecorded(ind))

    def assumed(self, unit, as_at: date | None = None) -> list[str]:
        """What an indicator or list (`unit`) takes as so at `as_at` for want of a list the snapshot does not hold,
        in words (its Assumed said where any child is touched)."""
        as_at, said = as_at or self.as_at, []
        for a in unit.assumed:
            if a.table not in self.tables_loaded:
                self.model_for(as_at)
                if self.con.execute(f"SELECT EXISTS ({filled(a.who, {'as_at': as_at})})").fetchone()[0]:
                    said.append(a.said)
        return said

    @property
    def holds_return(self) -> bool:
        """Whether the snapshot holds an SSDA903 return (a snapshot of local lists alone does not)."""
        return any(formats.format_of(t) is formats.SSDA903 for t in self.tables_loaded)

    def require_loaded(self, sql: str, unit_id: str, made: str, as_at: date | None = None) -> None:
        """Refuse, in one line, to draw up a unit (`made`: "is worked out", "is drawn up") whose lists the
        snapshot does not hold, or holds as taken after `as_at`: its rows would be everyone or no one, or another
        day's, not the truth."""
        if self.lists_taken_later(sql, as_at):
            then = self.taken_on(as_at)
            give = (f"give --snapshot {then}, which holds those taken then" if then else
                    "give a snapshot of the lists taken then (--snapshot; careboard snapshots lists them)")
            raise InputError(unit_id, f"{made} from the council's lists, which answer for the day they were taken "
                                      f"({self.as_at:%d/%m/%Y}), not {as_at:%d/%m/%Y}: {give}, or leave --as-at out")
        if missing := self.not_loaded(sql):
            lists = any(isinstance(formats.format_of(t).period, ListPeriod) and t not in self.tables_loaded
                        for t in input_tables(sql))
            raise InputError(unit_id, f"{made} from the council's {' and '.join(missing)}, "
                                      f"which snapshot {self.snapshot_id} does not hold: load "
                                      f"{'it' if len(missing) == 1 else 'them'} with the month's files"
                                      + (" (docs/local-lists.md)" if lists else ""))


# How a snapshot without an SSDA903 return names what a figure from it needs, as a list not loaded is named.
RETURN_NOT_LOADED = "SSDA903 return"


def lists_alone(tables) -> bool:
    """Whether `tables` are some, and every one a list's (taken on a day), none a yearly return's."""
    return bool(tables) and all(isinstance(formats.format_of(t).period, ListPeriod) for t in tables)


@cache
def input_tables(sql: str) -> frozenset[str]:
    """The tables of the formats that SQL reads, through the model views and macros it names."""
    # Asked for each indicator at every date of a report: worked out once per statement.
    sql = sql.lower()
    return frozenset(t for view, tables in VIEW_INPUTS.items() if view in sql for t in tables)


def _aggregate_sql(ind: Indicator, params: dict) -> str:
    extras = "".join(f", CAST({filled(expr, params)} AS DOUBLE) AS \"{name}\"" for name, expr in ind.extras.items())
    return (f"SELECT count(*) AS den, CAST(sum(num) AS DOUBLE) AS num, CAST(avg(num) AS DOUBLE) AS mean{extras} "
            f"FROM ({filled(ind.sql, params)}) AS rows_")


def compute(ctx: Context, ind: Indicator, as_at: date | None = None) -> Value:
    as_at = as_at or ctx.as_at
    ctx.model_for(as_at)
    period = period_for(ind.window, as_at)
    if missing := ctx.missing(ind, as_at):
        return _not_known(ind, as_at, period, missing)
    row = ctx.con.execute(_aggregate_sql(ind, period.params())).fetchall()[0]
    return _value(ctx, ind, as_at, period, row)


def _not_known(ind: Indicator, as_at: date, period, missing: tuple[str, ...]) -> Value:
    return Value(ind.id, as_at, None if ind.window == "at" else period.start, period.end, None, None, None,
                 not_loaded=missing)


def compute_all(ctx: Context, indicators, as_at: date | None = None) -> dict[str, Value]:
    """Every indicator at one date in a single query; an indicator whose SQL breaks is retried alone."""
    as_at = as_at or ctx.as_at
    ctx.model_for(as_at)
    unknown = {ind.id: _not_known(ind, as_at, period_for(ind.window, as_at), missing) for ind in indicators
               if (missing := ctx.missing(ind, as_at))}
    indicators = [ind for ind in indicators if ind.id not in unknown]
    if not indicators:
        return unknown
    periods = {ind.id: period_for(ind.window, as_at) for ind in indicators}
    statements = {ind.id: (ctx.built_for, _aggregate_sql(ind, periods[ind.id].params())) for ind in indicators}
    parts = []
    for i, ind in enumerate(indicators):
        if statements[ind.id] in ctx.worked_out:
            continue
        extras = ", ".join(f'"{n}"' for n in ind.extras)
        packed = f"[{extras}]::DOUBLE[]" if ind.extras else "[]::DOUBLE[]"
        parts.append(f"SELECT {i} AS k, den, num, mean, {packed} AS extras FROM ({statements[ind.id][1]}) AS a{i}")
    try:
        rows = ctx.con.execute(" UNION ALL ".join(parts)).fetchall() if parts else []
    except Exception as e:  # noqa: BLE001 — find the broken indicator by running each alone
        if engine().interrupted(e):     # unless the user pressed Ctrl-C
            raise
        return {**unknown, **{ind.id: compute(ctx, ind, as_at) for ind in indicators}}
    for k, den, num, mean, extras in rows:
        ctx.worked_out[statements[indicators[k].id]] = (den, num, mean, *extras)
    return {**unknown, **{ind.id: _value(ctx, ind, as_at, periods[ind.id], ctx.worked_out[statements[ind.id]])
                          for ind in indicators}}


def _value(ctx: Context, ind: Indicator, as_at: date, period, row) -> Value:
    den, num, mean = row[0], row[1], row[2]
    extra = {k: (int(v) if v is not None and float(v).is_integer() else v) for k, v in zip(ind.extras, row[3:])}
    value: float | None
    if ind.aggregate == "count":
        value, num, den = float(num or 0), float(num or 0), None
    elif ind.aggregate == "share":
        value = 100.0 * num / den if den else None
    elif ind.aggregate == "mean":
        value = float(mean) if mean is not None else None
        num = float(num) if num is not None else None
    else:  # rate per 10,000 of the 0-17 population
        num = float(num or 0)
        den = ctx.population
        value = num / den * 10_000 if den else None
    # A figure at a date has no period: the report then reads "At 31 October 2026".
    start = None if ind.window == "at" else period.start
    return Value(ind.id, as_at, start, period.end, value, num, den, extra)


def rows(ctx: Context, ind: Indicator, as_at: date | None = None) -> tuple[list[str], list[tuple]]:
    """The children behind a figure: the indicator's own rows, for drill-down and audit."""
    ctx.model_for(as_at or ctx.as_at)
    period = period_for(ind.window, as_at or ctx.as_at)
    ctx.require_loaded(ind.sql, ind.id, "is worked out", as_at)
    if unrecorded := ctx.unrecorded(ind):
        raise InputError(ind.id, f"is worked out from the {unrecorded[0]}, which none of its rows records (the column "
                                 f"is missing or empty): add them to the list and load it again")
    sql = filled(ind.sql, period.params())
    # Rows about children in child order; a request's, household's or applicant's by their own key, first.
    columns = [d[0] for d in ctx.con.execute(f"SELECT * FROM ({sql}) AS rows_ LIMIT 0").description]
    cur = ctx.con.execute(f"SELECT * FROM ({sql}) AS rows_ ORDER BY {'child' if 'child' in columns else columns[0]}")
    return columns, cur.fetchall()
