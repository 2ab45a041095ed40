"""The `careboard` command. Each sub-command imports what it needs when it runs, so start-up stays quick."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from .dates import parse_date


def _date(text: str) -> date:
    try:
        return parse_date(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _year(text: str) -> int:
    """'2024/25', '2024-25' or '2025' -> 2025 (the year ending 31 March)."""
    t = text.replace("-", "/")
    try:
        if "/" in t:
            first, second = t.split("/")
            if (int(first) + 1) % 100 != int(second) % 100:
                raise ValueError
            return int(first) + 1
        return int(t)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a collection year (use 2024/25)") from None


def _store_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", type=Path, help="store file (default: $CAREBOARD_DB or ~/.local/share/careboard/careboard.duckdb)")


def _snapshot_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--snapshot", type=int, help="snapshot id (default: the latest as-at date)")


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
        con = open_store(args.db)
        if not remove_snapshot(con, args.remove):
            print(f"There is no snapshot {args.remove}.", file=sys.stderr)
            return 1
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


def _context(args, con):
    from .indicators.engine import Context
    from .store import list_snapshots

    snaps = list_snapshots(con)
    if not snaps:
        raise SystemExit("No snapshots loaded yet: run careboard load PATH first.")
    sid = args.snapshot or snaps[-1].snapshot_id
    return Context.open(con, sid, population=getattr(args, "population", None))


def cmd_indicators(args) -> int:
    from .indicators import engine, registry
    from .store import open_store

    con = open_store(args.db, read_only=True)
    ctx = _context(args, con)
    as_at = args.as_at or ctx.as_at
    print(f"Snapshot {ctx.snapshot_id}, as at {as_at:%d/%m/%Y}")
    values = engine.compute_all(ctx, registry.INDICATORS, as_at)
    for ind in registry.INDICATORS:
        v = values[ind.id]
        shown = "-" if v.value is None else f"{v.value:,.{ind.decimals}f}"
        ratio = "" if v.denominator is None or ind.aggregate == "count" else f"  ({v.numerator:g} / {v.denominator:g})"
        print(f"  {ind.id:34} {shown:>10} {ind.unit:6}{ratio}")
    return 0


def cmd_children(args) -> int:
    from .indicators import engine, registry
    from .store import open_store

    con = open_store(args.db, read_only=True)
    ctx = _context(args, con)
    cols, data = engine.rows(ctx, registry.get(args.indicator), args.as_at)
    files = dict(con.execute("SELECT file_id, path FROM source_files WHERE snapshot_id = ?", [ctx.snapshot_id]).fetchall())
    import csv

    w = csv.writer(sys.stdout)
    w.writerow(cols + (["source"] if "file_id" in cols else []))
    for r in data:
        extra = []
        if "file_id" in cols:
            rec = dict(zip(cols, r))
            extra = [f"{files.get(rec['file_id'], '?')}:{rec.get('line_no', '')}"]
        w.writerow(list(r) + extra)
    return 0


def cmd_due(args) -> int:
    """Reviews overdue or falling due soon, as a CSV a team manager can work through."""
    import csv

    from .indicators.defs.reviews import reviews_due
    from .store import open_store

    con = open_store(args.db, read_only=True)
    ctx = _context(args, con)
    due = reviews_due(ctx, args.as_at, args.days)
    w = csv.writer(sys.stdout)
    w.writerow(["child", "status", "due_date", "days_overdue", "review", "counted_from", "rule"])
    for d in due:
        w.writerow([d.child, "overdue" if d.overdue else "due soon", f"{d.due_date:%d/%m/%Y}",
                    max(d.days_overdue, 0), d.due_no, f"{d.due_from:%d/%m/%Y}", d.rule])
    overdue = sum(d.overdue for d in due)
    print(f"{overdue} review(s) overdue and {len(due) - overdue} due in the next {args.days} days "
          f"at {(args.as_at or ctx.as_at):%d/%m/%Y}.", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    from . import cli_more

    p = argparse.ArgumentParser(prog="careboard", description="Corporate-parenting performance from the SSDA903 return.")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("load", help="load SSDA903 files (CSV or XML) as a new snapshot")
    s.add_argument("paths", nargs="+", type=Path, help="files or folders; each folder of files is one year's return")
    s.add_argument("--as-at", type=_date, help="the date the extract was taken (default: end of the latest year, or today)")
    s.add_argument("--year", type=_year, help="collection year of a single return, e.g. 2024/25 (default: from folder name or dates)")
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
    s.add_argument("--population", type=int, help="0-17 population for rates per 10,000")
    _store_arg(s)
    _snapshot_arg(s)
    s.set_defaults(func=cmd_indicators)

    s = sub.add_parser("children", help="list the children behind an indicator, with the file and line of each")
    s.add_argument("indicator")
    s.add_argument("--as-at", type=_date)
    _store_arg(s)
    _snapshot_arg(s)
    s.set_defaults(func=cmd_children)

    s = sub.add_parser("due", help="list statutory reviews overdue or due soon (CSV)")
    s.add_argument("--as-at", type=_date)
    s.add_argument("--days", type=int, default=28, help="how far ahead to look (default 28 days)")
    _store_arg(s)
    _snapshot_arg(s)
    s.set_defaults(func=cmd_due)

    cli_more.add_commands(sub)
    return p


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
    from .ingest.errors import InputError

    try:
        return args.func(args)
    except InputError as e:
        print(f"careboard: {e}", file=sys.stderr)
        return 2
    except FileNotFoundError as e:
        print(f"careboard: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    run()
