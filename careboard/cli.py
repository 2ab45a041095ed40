"""The `careboard` command. Each sub-command imports what it needs when it runs, so start-up stays quick."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from .dates import parse_collection_year, parse_date


def _date(text: str) -> date:
    try:
        return parse_date(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _year(text: str) -> int:
    """'2024/25', '2024-25', '24/25', '24-25' or '2025' -> 2025 (the year ending 31 March): see dates.parse_collection_year."""
    try:
        return parse_collection_year(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def at_least(minimum: int, what: str):
    """An argparse type for a whole number of at least `minimum`, e.g. at_least(0, "a number of days")."""
    def check(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            n = None
        if n is None or n < minimum:
            raise argparse.ArgumentTypeError(f"{text!r} is not {what} ({minimum} or more)")
        return n
    return check


def output_file(*suffixes: str):
    """An argparse type for an output file that must end in one of `suffixes`, checked before any work."""
    def check(text: str) -> Path:
        if Path(text).suffix.lower() not in suffixes:
            endings = f"{', '.join(suffixes[:-1])} or {suffixes[-1]}" if len(suffixes) > 1 else suffixes[0]
            raise argparse.ArgumentTypeError(f"{text!r}: the file name must end in {endings}")
        return Path(text)
    return check


def _store_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", type=Path, help="store file (default: $CAREBOARD_DB or ~/.local/share/careboard/careboard.duckdb)")


def _snapshot_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--snapshot", type=int, help="snapshot id (default: the latest as-at date)")


def _history_arg(p: argparse.ArgumentParser) -> None:
    from .model import DEFAULT_HISTORY, HISTORY

    p.add_argument("--history", choices=HISTORY, default=DEFAULT_HISTORY,
                   help="how several years' returns are read for an earlier date: 'latest' (default) uses every "
                        "return loaded, later corrections included; 'per-year' counts each date from the returns "
                        "up to its collection year, as the DfE published it")


def cmd_load(args) -> int:
    from .cli_more import Progress, reference_inputs
    from .store import load, open_store

    con = open_store(args.db)
    result = load(con, args.paths, as_at=args.as_at, year=args.year, label=args.label, strict=args.strict,
                  validate=not args.no_validate, reference=reference_inputs(args), progress=Progress().step)
    for note in result.notes:
        print(f"note: {note}")
    print(result.summary())
    return 0


def cmd_snapshots(args) -> int:
    from .store import list_snapshots, open_store, remove_snapshot

    if args.remove is not None:
        with open_store(args.db, read_only=True) as con:   # a missing store is not made just to say so
            _known_snapshot(con, args.remove)
        remove_snapshot(open_store(args.db), args.remove)
        print(f"Removed snapshot {args.remove} and everything loaded with it.")
        return 0
    con = open_store(args.db, read_only=True)
    snaps = list_snapshots(con)
    if not snaps:
        print("No snapshots loaded yet.")
        return 0
    print(f"{'id':>4}  {'as at':10}  {'years':9}  {'files':>5}  {'episodes':>8}  {'errors':>6}  loaded")
    for s in snaps:
        years = f"{s.first_year - 1}-{s.collection_year % 100:02d}"
        print(f"{s.snapshot_id:>4}  {s.as_at:%d/%m/%Y}  {years:9}  {s.files:>5}  {s.episodes:>8}  {s.errors:>6}  "
              f"{s.loaded_at:%d/%m/%Y %H:%M}{'  ' + s.label if s.label else ''}")
    return 0


def _known_snapshot(con, snapshot_id: int | None) -> int:
    """The snapshot a command works on: the one asked for, which must exist, or the latest as-at date."""
    from .ingest.errors import InputError
    from .nearest import UnknownId
    from .store import default_path, list_snapshots

    snaps = list_snapshots(con)
    if not snaps:
        store = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
        raise InputError(str(store[0] if store and store[0] else default_path()),
                         "no snapshots are loaded yet; run careboard load PATH first")
    if snapshot_id is None:
        return snaps[-1].snapshot_id
    ids = [s.snapshot_id for s in snaps]
    if snapshot_id not in ids:
        raise UnknownId("snapshot", snapshot_id, ids, "careboard snapshots lists them")
    return snapshot_id


def _context(args, con):
    from .indicators.engine import Context

    sid = _known_snapshot(con, args.snapshot)
    ctx = Context.open(con, sid, population=getattr(args, "population", None),
                       history=getattr(args, "history", "latest"))
    as_at = getattr(args, "as_at", None)
    if as_at is not None and as_at > ctx.as_at:
        # After the extract nothing is known: every child would stay in care and every review be missed.
        from .ingest.errors import InputError

        raise InputError("--as-at", f"{as_at:%d/%m/%Y} is after {ctx.as_at:%d/%m/%Y}, the date snapshot {sid}'s "
                                    "data were extracted, so they cannot say what happened by then: give a date up "
                                    "to it, or load a later extract")
    return ctx


def _ratio(ind, v) -> str:
    """What lies behind a shown value, or why there is none, for the indicators table."""
    if ind.aggregate == "count":
        return ""
    if v.value is None:
        if ind.aggregate == "rate" and v.denominator is None:
            return "  (no population: give --population)"
        return "  (no children in the cohort)"
    return f"  ({v.numerator or 0:g} / {v.denominator:g})"


def indicator_table(values: dict) -> tuple[list[str], list[list]]:
    """One row per indicator, for --output: what it is, the period it covers, and its figures."""
    from .indicators import registry
    from .indicators.periods import period_for

    header = ["id", "title", "period", "period_start", "period_end", "numerator", "denominator", "value", "unit"]
    rows = []
    for ind in registry.INDICATORS:
        v = values[ind.id]
        value = None if v.value is None else round(v.value, ind.decimals)
        rows.append([ind.id, ind.title, period_for(ind.window, v.as_at).label, v.period_start, v.period_end,
                     *map(_whole, (v.numerator, v.denominator, value)), ind.unit])
    return header, rows


def _whole(x):
    """425.0 -> 425, so counts read as counts in a CSV."""
    return int(x) if isinstance(x, float) and x.is_integer() else x


def cmd_indicators(args) -> int:
    from .indicators import engine, registry
    from .store import open_store

    con = open_store(args.db, read_only=True)
    ctx = _context(args, con)
    as_at = args.as_at or ctx.as_at
    values = engine.compute_all(ctx, registry.INDICATORS, as_at)
    if args.output:
        from .safe_cells import write_table

        header, rows = indicator_table(values)
        print(f"wrote {write_table(args.output, header, rows, sheet_name='Indicators')} "
              f"(snapshot {ctx.snapshot_id}, as at {as_at:%d/%m/%Y})")
        return 0
    print(f"Snapshot {ctx.snapshot_id}, as at {as_at:%d/%m/%Y}")
    for ind in registry.INDICATORS:
        v = values[ind.id]
        shown = "-" if v.value is None else f"{v.value:,.{ind.decimals}f}"
        print(f"  {ind.id:34} {shown:>10} {ind.unit:6}{_ratio(ind, v)}")
    return 0


def cmd_children(args) -> int:
    from .indicators import engine, registry
    from .safe_cells import write_csv
    from .store import open_store

    ind = registry.get(args.indicator)
    con = open_store(args.db, read_only=True)
    ctx = _context(args, con)
    cols, data = engine.rows(ctx, ind, args.as_at)
    if "file_id" not in cols:
        write_csv(sys.stdout, cols, data)
        return 0
    files = dict(con.execute("SELECT file_id, path FROM source_files WHERE snapshot_id = ?", [ctx.snapshot_id]).fetchall())
    at_file, at_line = cols.index("file_id"), cols.index("line_no") if "line_no" in cols else None

    def source(r) -> str:
        if r[at_file] is None:
            return ""
        line = "" if at_line is None or r[at_line] is None else f":{r[at_line]}"
        return f"{files.get(r[at_file], '?')}{line}"

    write_csv(sys.stdout, cols + ["source"], (list(r) + [source(r)] for r in data))
    return 0


def cmd_due(args) -> int:
    """Reviews overdue or falling due soon, as a CSV a team manager can work through."""
    from .lists.defs.reviews_due import REVIEWS_DUE
    from .lists.run import list_rows, summary
    from .safe_cells import write_csv
    from .store import open_store

    con = open_store(args.db, read_only=True)
    ctx = _context(args, con)
    columns, rows = list_rows(ctx, REVIEWS_DUE, args.as_at, args.days)
    write_csv(sys.stdout, columns, rows)
    print(summary(REVIEWS_DUE, rows, args.as_at or ctx.as_at, args.days), file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    from . import cli_more
    from .safe_cells import TABLE_SUFFIXES

    p = argparse.ArgumentParser(prog="careboard", description="Corporate-parenting performance from the SSDA903 return.")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("load", help="load SSDA903 files (CSV or XML) as a new snapshot")
    s.add_argument("paths", nargs="+", type=Path, help="files or folders; each folder of files is one year's return")
    s.add_argument("--as-at", type=_date, help="the date the extract was taken (default: end of the latest year, or today)")
    s.add_argument("--year", type=_year, help="collection year of a single return: 2024/25, 2024-25, 24/25 or 2025 (the year ending "
                   "March 2025); default: from its dates, checked against its folder and file names")
    s.add_argument("--label", help="a note kept with the snapshot")
    s.add_argument("--strict", action="store_true", help="refuse to load when any data error is found")
    s.add_argument("--no-validate", action="store_true",
                   help="skip the DfE validation rules (for bulk loads; run careboard validate separately)")
    _store_arg(s)
    cli_more.reference_args(s)
    s.set_defaults(func=cmd_load)

    s = sub.add_parser("snapshots", help="list snapshots, or remove one")
    s.add_argument("--remove", type=int, metavar="ID", help="remove this snapshot and everything loaded with it")
    _store_arg(s)
    s.set_defaults(func=cmd_snapshots)

    s = sub.add_parser("indicators", help="compute every indicator for a snapshot")
    s.add_argument("--as-at", type=_date, help="compute as at this date (default: the snapshot's)")
    s.add_argument("--population", type=at_least(1, "a population"), help="0-17 population for rates per 10,000")
    s.add_argument("--output", type=output_file(*TABLE_SUFFIXES), metavar="FILE",
                   help="write the table to FILE (.csv or .xlsx), one row per indicator, instead of printing it")
    _store_arg(s)
    _snapshot_arg(s)
    _history_arg(s)
    s.set_defaults(func=cmd_indicators)

    s = sub.add_parser("children", help="list the children behind an indicator, with the file and line of each")
    s.add_argument("indicator")
    s.add_argument("--as-at", type=_date)
    _store_arg(s)
    _snapshot_arg(s)
    _history_arg(s)
    s.set_defaults(func=cmd_children)

    s = sub.add_parser("due", help="list statutory reviews overdue or due soon (CSV)")
    s.add_argument("--as-at", type=_date)
    s.add_argument("--days", type=at_least(0, "a number of days"), default=28, help="how far ahead to look (default 28 days)")
    _store_arg(s)
    _snapshot_arg(s)
    _history_arg(s)
    s.set_defaults(func=cmd_due)

    cli_more.add_commands(sub)
    _debug_args(p, sub)
    return p


def _debug_args(p: argparse.ArgumentParser, sub) -> None:
    """--debug before or after the sub-command (SUPPRESS: a sub-command left without it keeps the top one's)."""
    text = "show the full Python traceback of an internal error (also: CAREBOARD_DEBUG=1)"
    p.add_argument("--debug", action="store_true", help=text)
    commands = list(sub.choices.values())
    for s in commands:
        s.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=text)
        # and after an action of a sub-command (careboard benchmarks update FOLDER --debug)
        commands += [c for a in s._actions if isinstance(a, argparse._SubParsersAction) for c in a.choices.values()]


def main(argv: list[str] | None = None) -> int:
    return _dispatch(build_parser().parse_args(argv))


def run() -> None:
    """The `careboard` command: main(), then exit.

    A command that leaves nothing open behind it (validate writes its files and keeps no store) ends the
    process at once: freeing DuckDB's in-memory tables and Python's objects one by one took ~20 ms of a
    0.6 s one-council validation."""
    args = build_parser().parse_args()
    code = _dispatch(args)
    if getattr(args, "exit_at_once", False):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


def _dispatch(args) -> int:
    """Run a command. Expected failures (a user's mistake, bad data, a file that cannot be read or written, a
    store that cannot be opened) are one line and exit 2; anything else is careboard's own fault: one line
    saying so (the traceback with --debug) and exit 3. A reader that stops reading (`| head`) ends it quietly."""
    from .ingest.errors import InputError

    try:
        code = args.func(args)
        sys.stdout.flush()   # inside the try, so a closed pipe is noticed here rather than at exit
        return code
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except InputError as e:
        return _fail(str(e))
    except OSError as e:
        return _fail(f"{e.filename}: {e.strerror}" if e.filename and e.strerror else str(e))
    except KeyboardInterrupt:
        return _fail("stopped (Ctrl-C)", 130)
    except Exception as e:  # noqa: BLE001 — the last resort: never a traceback unless asked for
        if (store := _store_not_opened(e)) is not None:
            return _fail(f"{store}: cannot be opened as a careboard store ({e}); is it in use by another "
                         f"careboard, or not a store? Give the store's file with --db")
        if getattr(args, "debug", False) or os.environ.get("CAREBOARD_DEBUG", "") not in ("", "0"):
            raise
        return _fail(f"internal error ({type(e).__name__}: {str(e)[:200]}). This is a fault in careboard, not in "
                     f"your data: please report it to the careboard maintainers with the command you ran and "
                     f"its output with --debug (or CAREBOARD_DEBUG=1), which shows the traceback.", 3)


def _store_not_opened(e: Exception) -> str | None:
    """The store's path when `e` is DuckDB refusing to open it (not a DuckDB file, locked by another process)."""
    from .engine import module
    from .store.db import default_path, open_store

    if not isinstance(e, module().Error):
        return None
    tb = e.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code is open_store.__code__:
            return str(tb.tb_frame.f_locals.get("path") or default_path())
        tb = tb.tb_next
    return None


def _fail(message: str, code: int = 2) -> int:
    print(f"careboard: {message}", file=sys.stderr)
    return code


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so Python's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):   # stdout without a file descriptor (tests, embedding)
        pass


if __name__ == "__main__":
    run()
