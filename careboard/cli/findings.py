"""`careboard findings`: what a load found in a snapshot's files, and what the DfE validation rules found.

Without --output it prints counts by kind and by rule; with it, every finding with its file, line,
field and value, written as `careboard validate` writes its results (CSV, Excel or HTML).
"""

from __future__ import annotations

from .common import known_snapshot, output_file, snapshot_arg, store_arg


# Lines printed per list before saying how many more there are.
_SHOWN = 15


def cmd_findings(args) -> int:
    from ..store import list_snapshots, open_store
    from ..plural import counted
    from ..store.findings import as_outcome, failures_by_rule, load_findings_by_kind, snapshot_counts

    con = open_store(args.db, read_only=True)
    sid = known_snapshot(con, args.snapshot)
    snaps = {s.snapshot_id: s for s in list_snapshots(con)}
    if args.output:
        from ..validate.output import write_any
        from ..validate.session import rules_ran

        outcome = as_outcome(con, sid)
        outcome.ran = rules_ran(con, sid)
        for out in args.output:
            out.parent.mkdir(parents=True, exist_ok=True)
            write_any(outcome, out, title="Load findings and SSDA903 validation")
            print(f"wrote {out}: {counted(len(outcome.failures), 'finding')}")
        return 0
    print(f"Snapshot {sid} (as at {snaps[sid].as_at:%d/%m/%Y}): {snapshot_counts(con, sid).describe()}.")
    kinds = load_findings_by_kind(con, sid)
    if kinds:
        print("\nData-quality findings from loading, by kind:")
        for severity, kind, table, n, file, first, message in kinds[:_SHOWN]:
            # A workbook's table is named with its sheet (store.findings.file_named), whose lines are rows.
            unit = "row" if ", sheet " in (file or "") else "line"
            where = f"{file}{f', {unit} {first}' if first else ''}" if file else "the load"
            print(f"  {severity:7} {kind:20} {table:20} {n:>9,}  first at {where}: {message}")
        _more(len(kinds) - _SHOWN, "kind")
    rules = failures_by_rule(con, sid)
    print_failing_rules(rules)
    if kinds or rules:
        print(f"\nEvery finding with its file, line, field and value: "
              f"careboard findings --snapshot {sid} --output findings.csv (or .xlsx, .html)")
    return 0


def print_failing_rules(rules: list[tuple[str, str, int, int, str]]) -> None:
    """The rules with failing rows, as (rule, severity, rows, children, message), most rows first."""
    from ..plural import counted

    if not rules:
        return
    print("\nDfE validation rules with failing rows:")
    width = max(len(rule) for rule, *_ in rules[:_SHOWN])     # SW12STG2 is longer than 101
    for rule, severity, n, children, message in rules[:_SHOWN]:
        print(f"  rule {rule:{width}} {severity:5} {counted(n, 'row'):>12}, {counted(children, 'child', 'children'):>14}  "
              f"{message}")
    _more(len(rules) - _SHOWN, "rule")


def _more(n: int, what: str) -> None:
    if n > 0:
        print(f"  ... and {n} more {what}{'s' if n != 1 else ''}")


def add_commands(sub) -> None:
    s = sub.add_parser("findings", help="list a snapshot's data-quality findings and DfE validation results")
    s.add_argument("--output", action="append", type=output_file(".csv", ".xlsx", ".html", ".htm"),
                   help="findings.csv, findings.xlsx or findings.html: every finding, as validate writes them (repeatable)")
    store_arg(s)
    snapshot_arg(s)
    s.set_defaults(func=cmd_findings)
