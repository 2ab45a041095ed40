"""The commands on the store: load, snapshots, indicators, children, due."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from .common import (Progress, at_least, benchmarks_folder, date_arg, history_arg, known_snapshot, output_file,
                     reference_args, reference_inputs, say_if_periods_reach_before_the_returns,
                     say_what_misleads_the_figures, snapshot_arg, store_arg, year_arg)


def cmd_load(args) -> int:
    from ..pipeline.load import load
    from ..store import open_store
    from ..store.db import default_path
    from ..validate.on_load import DfERules

    db = Path(args.db or default_path())
    new = not db.exists()
    con = open_store(db)
    try:
        reference = reference_inputs(args)
        result = load(con, args.paths, as_at=args.as_at, year=args.year, label=args.label, strict=args.strict,
                      validation=None if args.no_validate else DfERules(reference), progress=Progress().step)
    except BaseException:
        # A first load that fails (a file that cannot be read, say) leaves no empty store behind.
        if new:
            con.close()
            for made in (db, db.with_name(db.name + ".wal")):
                made.unlink(missing_ok=True)
        raise
    for note in result.notes + ([result.carried] if result.carried else []):
        print(f"note: {note}")
    print(result.summary())
    if not result.already_loaded:
        _say_same_day(con, result)
    return 0


def _say_same_day(con, result) -> None:
    """Other snapshots as at the same day: the commands read the one loaded last (which reads what an earlier one
    of the day holds and it has none of: pipeline.load)."""
    same = [sid for (sid,) in con.execute("SELECT snapshot_id FROM snapshots WHERE as_at = ? AND snapshot_id <> ? "
                                          "ORDER BY 1", [result.as_at, result.snapshot_id]).fetchall()]
    if not same:
        return
    # A corrected extract loaded again, most often: the earlier one stays until removed.
    earlier = " and ".join(map(str, same))
    print(f"note: snapshot{'s' if len(same) > 1 else ''} {earlier} {'are' if len(same) > 1 else 'is'} also as at "
          f"{result.as_at:%d/%m/%Y}: commands use the one loaded last, {result.snapshot_id}, unless given "
          f"--snapshot; careboard snapshots --remove {same[0]} removes {'one' if len(same) > 1 else 'it'}")


def cmd_snapshots(args) -> int:
    from ..formats import registry
    from ..store import list_snapshots, open_store, remove_snapshot

    if args.remove is not None:
        with open_store(args.db, read_only=True) as con:   # a missing store is not made just to say so
            known_snapshot(con, args.remove)
        remove_snapshot(open_store(args.db), args.remove)
        print(f"Removed snapshot {args.remove} and everything loaded with it.")
        return 0
    con = open_store(args.db, read_only=True)
    snaps = list_snapshots(con)
    if not snaps:
        print("No snapshots loaded yet.")
        return 0
    # Errors found on loading, and rows failing the DfE rules as errors: the two counts `findings` lists.
    print(f"{'id':>4}  {'as at':10}  {'years':9}  {'files':>5}  {'episodes':>8}  {'load errors':>11}  "
          f"{'DfE rule errors':>15}  loaded")
    for s in snaps:
        lists = [registry.get(f).title for f in s.source_formats if registry.get(f).is_list]
        years = "lists" if lists and len(lists) == len(s.source_formats) else f"{s.first_year - 1}-{s.collection_year % 100:02d}"
        rule_errors = "not run" if s.rule_errors is None else s.rule_errors
        print(f"{s.snapshot_id:>4}  {s.as_at:%d/%m/%Y}  {years:9}  {s.files:>5}  {s.episodes:>8}  {s.errors:>11}  "
              f"{rule_errors:>15}  {s.loaded_at:%d/%m/%Y %H:%M}{'  ' + s.label if s.label else ''}"
              f"{'  (with ' + ', '.join(lists) + ')' if lists else ''}")
    return 0


def _context(args, con):
    from ..indicators.calculate import Context

    sid = known_snapshot(con, args.snapshot)
    ctx = Context.open(con, sid, population=getattr(args, "population", None),
                       history=getattr(args, "history", "latest"))
    as_at = getattr(args, "as_at", None)
    if as_at is not None and as_at > ctx.as_at:
        # After the extract nothing is known: every child would stay in care and every review be missed.
        from ..errors import InputError

        raise InputError("--as-at", f"{as_at:%d/%m/%Y} is after {ctx.as_at:%d/%m/%Y}, the date snapshot {sid}'s "
                                    "data were extracted, so they cannot say what happened by then: give a date up "
                                    "to it, or load a later extract")
    if as_at is not None and ctx.holds_return:
        # Before its earliest year the returns miss every child who had left care by then.
        from datetime import date

        from ..dates import year_label
        from ..errors import InputError

        (first,) = con.execute("SELECT first_year FROM snapshots WHERE snapshot_id = ?", [sid]).fetchone()
        if as_at < (start := date(first - 1, 4, 1)):
            raise InputError("--as-at", f"{as_at:%d/%m/%Y} is before {start:%d/%m/%Y}, the start of {year_label(first)}, "
                                        f"the earliest year of the returns in snapshot {sid}: they do not hold the "
                                        "children who had left care by then. Give a date from it on, or load the "
                                        "earlier years' returns with this one")
    return ctx


def _ratio(ind, v) -> str:
    """What lies behind a shown value, or why there is none, for the indicators table."""
    if why := _why_empty(ind, v):
        return f"  ({why})"
    if ind.aggregate == "count":
        return ""
    return f"  ({v.numerator or 0:g} / {v.denominator:g})"


def _why_empty(ind, v) -> str:
    """Why an indicator has no value, or '' when it has one."""
    if v.not_loaded:
        return f"needs the {' and the '.join(v.not_loaded)}: not loaded"
    if v.value is not None or ind.aggregate == "count":
        return ""
    if ind.aggregate == "rate" and v.denominator is None:
        return "no population: give --council or --population"
    # what it counts says it plainest: "no reviews to count", where reviews are no children
    return "no children in the cohort" if ind.counts == "children" else f"no {ind.counts} to count"


def _population(args, con, snapshot_id: int, as_at: date) -> int | None:
    """The 0-17 population for rates per 10,000: --population; else the published figure for as_at's year for
    the LA of --council; else, as the report takes it, for the LA the return's file names start with, said in
    a note (judge.without_council)."""
    if getattr(args, "population", None) is not None:
        return args.population
    from ..published.published import load_published_or_note

    published, _ = load_published_or_note(benchmarks_folder(None, args.db))
    if published is None:
        return None
    if getattr(args, "council", None) is not None:
        from ..judge.council import load_council_config

        la_code = load_council_config(args.council).la_code
        return published.population_for_rates(la_code, as_at) if la_code else None
    from ..judge.without_council import la_from_file_names

    la, example = la_from_file_names(con, published, snapshot_id)
    population = published.population_for_rates(la, as_at) if la else None
    if population:
        print(f"note: rates per 10,000 use the published population aged 0 to 17 of {published.la_name(la)} ({la}), "
              f"the council whose number the return's file names start with (such as “{example}”): give --council "
              "or --population for another", file=sys.stderr)
    return population


def _catalogue(args) -> tuple:
    """Every indicator, judging by the council's own local timescales when --council names its settings."""
    from ..indicators import registry

    if getattr(args, "council", None) is None:
        return registry.INDICATORS
    from ..judge.council import load_council_config

    return load_council_config(args.council).catalogue()


def indicator_table(values: dict, indicators: tuple) -> tuple[list[str], list[list]]:
    """One row per indicator, for --output: what it is, the period it covers, its figures, and why it has none
    when it has none (the words the printed table gives)."""
    from ..indicators.periods import period_for
    from ..rounding import as_printed

    header = ["id", "title", "period", "period_start", "period_end", "numerator", "denominator", "value", "unit",
              "note"]
    rows = []
    for ind in indicators:
        v = values[ind.id]
        value = as_printed(v.value, ind.decimals)
        rows.append([ind.id, ind.title, period_for(ind.window, v.as_at).label, v.period_start, v.period_end,
                     *map(_whole, (v.numerator, v.denominator, value)), ind.unit, _why_empty(ind, v)])
    return header, rows


def _whole(x):
    """425.0 -> 425, so counts read as counts in a CSV."""
    return int(x) if isinstance(x, float) and x.is_integer() else x


def cmd_indicators(args) -> int:
    from ..indicators import calculate
    from ..rounding import round_half_up
    from ..store import open_store

    indicators = _catalogue(args)     # the council file first: its mistakes need no data to be found
    con = open_store(args.db, read_only=True)
    ctx = _context(args, con)
    as_at = args.as_at or ctx.as_at
    ctx.population = _population(args, con, ctx.snapshot_id, as_at)
    values = calculate.compute_all(ctx, indicators, as_at)
    say_what_misleads_the_figures(con, ctx.snapshot_id)
    say_if_periods_reach_before_the_returns(ctx, indicators, as_at)
    for ind in indicators:
        for said in ctx.assumed(ind, as_at) if not values[ind.id].not_loaded else ():
            print(f"note: {ind.id}: {said}", file=sys.stderr)
    if args.output:
        from ..safe_cells import write_table

        header, rows = indicator_table(values, indicators)
        print(f"wrote {write_table(args.output, header, rows, sheet_name='Indicators')} "
              f"(snapshot {ctx.snapshot_id}, as at {as_at:%d/%m/%Y})")
        return 0
    print(f"Snapshot {ctx.snapshot_id}, as at {as_at:%d/%m/%Y}")
    width = max(len(ind.id) for ind in indicators)
    for ind in indicators:
        v = values[ind.id]
        shown = "-" if v.value is None else f"{round_half_up(v.value, ind.decimals):,.{ind.decimals}f}"
        print(f"  {ind.id:{width}} {shown:>10} {ind.unit:6}{_ratio(ind, v)}")
    return 0


def cmd_children(args) -> int:
    """The children behind an indicator, printed as CSV or written to --output (.csv or .xlsx)."""
    from ..indicators import calculate, registry
    from ..plural import counted
    from ..safe_cells import SHEET_NAME_MOST, write_csv, write_table
    from ..store import open_store
    from ..store.findings import file_named

    if args.indicator is None:
        from ..errors import InputError

        raise InputError("children", "give the indicator whose children to list, such as cla_count (children in "
                                     "care) or reviews_on_time_pct; careboard indicators lists every id")
    ind = {i.id: i for i in _catalogue(args)}[registry.get(args.indicator).id]
    con = open_store(args.db, read_only=True)
    ctx = _context(args, con)
    cols, data = calculate.rows(ctx, ind, args.as_at)
    if "episodes" in calculate.input_tables(ind.sql):
        say_what_misleads_the_figures(con, ctx.snapshot_id)
    for said in ctx.assumed(ind, args.as_at):
        print(f"note: {said}", file=sys.stderr)
    files = dict(con.execute(f"SELECT file_id, {file_named('f')} FROM source_files f WHERE snapshot_id = ?",
                             [ctx.snapshot_id]).fetchall())
    cols, data = _for_people(ind, cols, data, files)
    if args.output is None:
        write_csv(sys.stdout, cols, data)
    else:
        print(f"wrote {write_table(args.output, cols, data, sheet_name=ind.id[:SHEET_NAME_MOST])}: {counted(len(data), 'row')}",
              file=sys.stderr)
    return 0


def _for_people(ind, cols: list[str], data: list[tuple], files: dict[int, str]) -> tuple[list[str], list[list]]:
    """An indicator's rows as the children command shows them: whether each row counts towards the figure
    ("counted", yes or no) or, for an average, its own figure named by its unit; a review's schedule rule in
    words; and the file and line each row was read from in place of the store's numbers for them."""
    from ..lists.defs.reviews_due import RULE_WORDS

    def shown(name: str, value):
        if name == "num":
            return value if ind.aggregate == "mean" else ("yes" if value else "no")
        if name == "rule":
            return RULE_WORDS.get(value, value)
        return value

    # The model's numbers for a child's periods of care and reviews, under the names the due lists use.
    names = {"num": ind.unit if ind.aggregate == "mean" else "counted", "period_no": "period_of_care", "due_no": "review"}
    keep = [i for i, c in enumerate(cols) if c not in ("file_id", "line_no")]
    at_file = cols.index("file_id") if "file_id" in cols else None
    at_line = cols.index("line_no") if "line_no" in cols else None
    out = [[shown(cols[i], r[i]) for i in keep]
           + ([] if at_file is None else [files.get(r[at_file], "") if r[at_file] is not None else "",
                                          r[at_line] if at_line is not None else None])
           for r in data]
    return [names.get(cols[i], cols[i]) for i in keep] + ([] if at_file is None else ["file", "line"]), out


def cmd_due(args) -> int:
    """What is overdue or falling due soon (reviews, unless --list names another), as a CSV a team manager
    can work through, or a workbook with a sheet per list (--list all)."""
    from ..errors import InputError
    from ..lists import registry
    from ..lists.run import list_rows, summary
    from ..safe_cells import write_csv, write_sheets, write_table
    from ..store import open_store

    units = registry.LISTS if args.list == "all" else (registry.find(args.list),)
    if args.list == "all" and (args.output is None or args.output.suffix.lower() != ".xlsx"):
        raise InputError("--list all", "writes a workbook with a sheet per list: give --output FILE.xlsx")
    con = open_store(args.db, read_only=True)
    ctx = _context(args, con)
    say_what_misleads_the_figures(con, ctx.snapshot_id)
    as_at = args.as_at or ctx.as_at
    sheets, said = [], []
    for unit in units:
        if args.list == "all" and (missing := ctx.not_loaded(unit.sql)):
            said.append((unit.title, f"not drawn up, as snapshot {ctx.snapshot_id} does not hold the "
                                     f"{' and the '.join(missing)}"))
            print(f"{unit.title}: {said[-1][1]}", file=sys.stderr)
            continue
        try:
            columns, rows = list_rows(ctx, unit, args.as_at, args.days)
        except InputError as e:
            if args.list != "all":
                raise
            said.append((unit.title, e.message))     # what the snapshot lacks for it, as for one not loaded
            print(f"{unit.title}: {said[-1][1]}", file=sys.stderr)
            continue
        sheets.append((unit.sheet, columns, rows))
        said.append((unit.title, " ".join([summary(unit, rows, as_at, args.days), *ctx.assumed(unit, as_at)])))
        print(f"{unit.title}: {said[-1][1]}" if len(units) > 1 else said[-1][1], file=sys.stderr)
    if not sheets:      # every list needs what the snapshot does not hold: no workbook of nothing
        raise InputError("--list all", f"none of the lists can be drawn up from snapshot {ctx.snapshot_id}, as said "
                                       "above: load what they need with the month's files")
    if args.output is None:
        write_csv(sys.stdout, sheets[0][1], sheets[0][2])
    elif args.list == "all":
        # the first sheet says what each list holds, and why any is missing, as the command line did
        summary_sheet = ("Summary", ["list", f"at {as_at:%d/%m/%Y}"], said)
        print(f"wrote {write_sheets(args.output, [summary_sheet, *sheets])}", file=sys.stderr)
    else:
        print(f"wrote {write_table(args.output, sheets[0][1], sheets[0][2], sheet_name=sheets[0][0])}",
              file=sys.stderr)
    return 0


def council_arg(p) -> None:
    p.add_argument("--council", type=Path, metavar="FILE",
                   help="the council's settings file: figures judge by its own local timescales "
                        "(docs/timescales.md), and rates use its LA's published population unless "
                        "--population gives one; default: the timescales careboard declares")


def add_commands(sub) -> None:
    from ..safe_cells import TABLE_SUFFIXES

    s = sub.add_parser("load", help="load SSDA903 files (CSV or XML) as a new snapshot")
    s.add_argument("paths", nargs="+", type=Path, help="files or folders; each folder of files is one year's return")
    s.add_argument("--as-at", type=date_arg, help="the date the extract was taken (default: end of the latest year, or today)")
    s.add_argument("--year", type=year_arg, help="collection year of a single return: 2024/25, 2024-25, 24/25 or 2025 (the year ending "
                   "March 2025); default: from its dates, checked against its folder and file names")
    s.add_argument("--label", help="a note kept with the snapshot")
    s.add_argument("--strict", action="store_true", help="refuse to load when any data error is found")
    s.add_argument("--no-validate", action="store_true",
                   help="skip the DfE validation rules (for bulk loads; run careboard validate separately)")
    store_arg(s)
    reference_args(s)
    s.set_defaults(func=cmd_load)

    s = sub.add_parser("snapshots", help="list snapshots, or remove one")
    s.add_argument("--remove", type=int, metavar="ID", help="remove this snapshot and everything loaded with it")
    store_arg(s)
    s.set_defaults(func=cmd_snapshots)

    s = sub.add_parser("indicators", help="compute every indicator for a snapshot")
    s.add_argument("--as-at", type=date_arg, help="compute as at this date (default: the snapshot's)")
    s.add_argument("--population", type=at_least(1, "a population"),
                   help="0-17 population for rates per 10,000 (default: the published one of the LA of --council, "
                        "or of the LA the return's file names start with)")
    s.add_argument("--output", type=output_file(*TABLE_SUFFIXES), metavar="FILE",
                   help="write the table to FILE (.csv or .xlsx), one row per indicator, instead of printing it")
    council_arg(s)
    store_arg(s)
    snapshot_arg(s)
    history_arg(s)
    s.set_defaults(func=cmd_indicators)

    s = sub.add_parser("children", help="list the children behind an indicator, with the file and line of each")
    s.add_argument("indicator", nargs="?", help="the indicator's id, as careboard indicators lists it (e.g. cla_count)")
    s.add_argument("--output", type=output_file(*TABLE_SUFFIXES), metavar="FILE",
                   help="write the list to FILE (.csv or .xlsx) instead of printing it")
    s.add_argument("--as-at", type=date_arg, help="the children as at this date (default: the snapshot's)")
    council_arg(s)
    store_arg(s)
    snapshot_arg(s)
    history_arg(s)
    s.set_defaults(func=cmd_children)

    s = sub.add_parser("due", help="list reviews, visits, health checks, PEPs, pathway plans, return interviews and "
                                   "fostering deadlines overdue or due soon (CSV or Excel)")
    s.add_argument("--list", default="reviews", metavar="NAME",
                   help="which list: reviews (default), visits, health, dental, peps, pathway, return, care "
                        "(care leavers' pathway plans, from Annex A), temporary, fostering, a list id "
                        "(docs/lists.md), or all (a workbook with a sheet each; needs --output FILE.xlsx)")
    s.add_argument("--output", type=output_file(*TABLE_SUFFIXES), metavar="FILE",
                   help="write the list to FILE (.csv or .xlsx) instead of printing it")
    s.add_argument("--as-at", type=date_arg, help="what is overdue or due as at this date (default: the snapshot's)")
    s.add_argument("--days", type=at_least(0, "a number of days"), default=28, help="how far ahead to look (default 28 days)")
    store_arg(s)
    snapshot_arg(s)
    history_arg(s)
    s.set_defaults(func=cmd_due)
