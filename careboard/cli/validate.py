"""`careboard validate`: a return checked against the DfE validation rules, no store needed."""

from __future__ import annotations

import sys
from pathlib import Path

from ..plural import counted
from .common import output_file, reference_args, reference_inputs, year_arg


def cmd_validate(args) -> int:
    from ..backends import engine

    # DuckDB takes 40-70 ms to load and start, most of it without holding Python's lock: it starts while
    # the validation's modules load and the files are read (see the README, "Engines").
    connection = engine().connect_soon(":memory:")
    from ..validate.output import write_any, write_summary
    from ..validate.session import validate_paths

    outcome = validate_paths(args.paths, args.year, args.last_year, reference=reference_inputs(args),
                             connection=connection)
    written = []
    for out in args.output or []:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_any(outcome, out)
        written.append(out)
    if args.summary:
        args.summary.parent.mkdir(parents=True, exist_ok=True)
        write_summary(outcome, args.summary)
    for note in outcome.notes:
        print(f"note: {note}")
    y = outcome.year
    skipped = [n for n in outcome.not_run if not n.crashed]
    crashed = [n for n in outcome.not_run if n.crashed]
    total = len(outcome.failures)
    print(f"{y - 1}/{y % 100:02d}: {counted(outcome.rules_run, 'rule')} run, {counted(total, 'failing row')} "
          f"({counted(outcome.errors, 'error')}, {counted(total - outcome.errors, 'query', 'queries')}), "
          f"{len(skipped):,} skipped" + (f", {len(crashed):,} failed to run" if crashed else ""))
    for n in crashed:
        print(f"  rule {n.rule} {n.reason}", file=sys.stderr)
    if args.verbose:
        for n in skipped:
            print(f"  rule {n.rule} {n.reason}")
    for out in written:
        print(f"wrote {out}")
    if total and not written:
        from ..validate.output import rule_summary
        from .findings import print_failing_rules

        print_failing_rules([(rule, severity, n, children, message)
                             for rule, status, severity, n, children, message, _ in rule_summary(outcome) if n])
        print("\nEvery failing row with its file, line, field and value: add --output errors.csv (or .xlsx, .html)")
    return 1 if outcome.errors else 0


def add_commands(sub) -> None:
    s = sub.add_parser("validate", help="check SSDA903 files against the DfE validation rules (no store needed)")
    s.add_argument("paths", nargs="+", type=Path, help="this year's files, or the folder holding them")
    s.add_argument("--year", type=year_arg, help="collection year: 2025/26, 2025-26, 25/26 or 2026 (the year ending March 2026); "
                                                  "default: from its dates, checked against its folder and file names")
    s.add_argument("--last-year", nargs="+", type=Path, help="last year's return, for the rules that compare years")
    s.add_argument("--output", action="append", type=output_file(".csv", ".xlsx", ".html", ".htm"),
                   help="errors.csv, errors.xlsx or errors.html (repeatable)")
    s.add_argument("--summary", type=output_file(".csv"), metavar="FILE.csv",
                   help="every rule with its status (ran, skipped, not applicable, failed to run) and failing rows")
    s.add_argument("-v", "--verbose", action="store_true", help="list the rules that were skipped and why")
    reference_args(s)
    s.set_defaults(func=cmd_validate)
