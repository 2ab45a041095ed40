"""Sub-commands that produce outputs: the report, the demo and the indicator documentation."""

from __future__ import annotations

import sys
import time
from datetime import date, timedelta
from pathlib import Path

DEMO_COUNCIL = Path(__file__).resolve().parents[1] / "councils" / "demo.toml"


class Progress:
    """One line per step with how long it took, so a long run shows it is moving."""

    def __init__(self, stream=None):
        # sys.stderr as it is now, not as it was at import (a test's capture may have replaced it since)
        self.stream, self.start = stream or sys.stderr, time.perf_counter()

    def step(self, text: str) -> None:
        print(f"[{time.perf_counter() - self.start:6.1f}s] {text}", file=self.stream, flush=True)


def _benchmarks_folder(given: Path | None, db: Path | None = None) -> Path:
    """--benchmarks, else the user's own copy (careboard benchmarks update), else the shipped copy."""
    from .published.location import data_folder

    return data_folder(given, db).path


def _inputs(args, con):
    from .committee import Inputs
    from .judge.council import check_against_published, load_council_config
    from .published.location import UPDATE_ADVICE, newer_release_note
    from .published.published import load_published_or_note

    folder = _benchmarks_folder(args.benchmarks, args.db)
    published, note = load_published_or_note(folder)
    overdue = not note and newer_release_note(folder, date.today())
    note = note or overdue
    if args.council is None:
        from .judge.without_council import ADVICE, without_council

        council, council_note = without_council(con, published, args.snapshot)
        print(f"note: no council settings were given. {ADVICE}", file=sys.stderr)
    else:
        council, council_note = load_council_config(args.council), ""
        if published is not None:
            check_against_published(council, published)
    if overdue:     # said once the settings are known to be good, so a mistake in them comes first
        print(f"note: a newer release of the published figures was due; {UPDATE_ADVICE}.", file=sys.stderr)
    return Inputs(council, published, note, council_note)


def _write_report(con, args, progress: Progress, public_too: bool = False) -> list[Path]:
    """Compute the report once; write it, and its public (suppressed) version when asked."""
    from .committee import build_report
    from .report import render_html, render_pdf, suppress

    from .cli import _known_snapshot

    inputs = _inputs(args, con)      # the council file first: its mistakes need no data to be found
    args.snapshot = _known_snapshot(con, args.snapshot)
    progress.step("benchmarks: " + (f"loaded from {inputs.published.files.folder}" if inputs.published
                                    else inputs.benchmarks_note))
    report = build_report(con, inputs, snapshot_id=args.snapshot, history=getattr(args, "history", "latest"))
    progress.step(f"computed {len(report.panels)} indicators over 12 months and {len(report.profiles)} profile tables")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    variants = [(report, "")] if not args.public else []
    if args.public or public_too:
        variants.append((suppress(report), "-public"))
    written = []
    for r, suffix in variants:
        stem = f"committee-report-{r.as_at:%Y-%m}{suffix}"
        written.append(render_html(r, out / f"{stem}.html"))
        progress.step(f"wrote {written[-1]}")
        if not args.no_pdf:
            written.append(render_pdf(r, out / f"{stem}.pdf"))
            progress.step(f"wrote {written[-1]}")
    return written


def cmd_report(args) -> int:
    from .store import open_store

    progress = Progress()
    con = open_store(args.db, read_only=True)
    _write_report(con, args, progress)
    return 0


def cmd_demo(args) -> int:
    from .store import load, open_store
    from .synth import write_demo_extracts

    progress = Progress()
    out = Path(args.out)
    db = out / "careboard.duckdb"
    for leftover in (db, db.with_suffix(".duckdb.wal")):
        leftover.unlink(missing_ok=True)
    as_at = args.as_at or (date.today().replace(day=1) - timedelta(days=1))
    from .committee import month_ends

    dates = month_ends(as_at, 12)
    _history_reaches(args.years, dates[0], as_at)
    progress.step(f"generating synthetic SSDA903 extracts for {len(dates)} month ends "
                  f"({args.children} children in care, {args.years} years, seed {args.seed})")
    extracts = write_demo_extracts(out / "extracts", args.seed, args.children, args.years, dates)
    generated = time.perf_counter()
    con = open_store(db)
    for d, folder in zip(dates, extracts):
        result = load(con, [folder], as_at=d, label=f"demo extract {d:%B %Y}")
        progress.step(result.summary())
    args.db, args.snapshot = db, None
    _write_report(con, args, progress, public_too=True)
    progress.step(f"done: open {out}/ for the reports; the store is {db}")
    print(f"Loading twelve snapshots, computing every indicator and writing the reports took "
          f"{time.perf_counter() - generated:.1f} s (generating the data took {generated - progress.start:.1f} s).",
          file=sys.stderr)
    return 0


def _history_reaches(years: int, first: date, as_at: date) -> None:
    """The simulated history must cover the first of the monthly snapshots."""
    from .dates import year_ending
    from .ingest.errors import InputError
    from .plural import counted

    need = year_ending(as_at) - year_ending(first) + 1
    if years < need:
        raise InputError("demo --years", f"{counted(years, 'year')} of history cannot reach back to {first:%B %Y}, the first "
                                          f"of the twelve monthly snapshots; use --years {need} or more")


def cmd_docs(args) -> int:
    """Relative paths are under the current folder, wherever careboard is run; missing folders are made."""
    from .docs import indicator_docs, list_docs, rule_docs

    for path, text in ((Path(args.output), indicator_docs()), (Path(args.rules_output), rule_docs()),
                       (Path(args.lists_output), list_docs())):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.resolve()}")
    return 0


def _report_args(s) -> None:
    s.add_argument("--council", type=Path, help="council settings and targets (TOML; careboard init writes one)")
    s.add_argument("--benchmarks", type=Path, help="folder of DfE/ONS published files (default: careboard's copy)")
    s.add_argument("--out", default="out/report", help="folder for the report files")
    s.add_argument("--public", action="store_true", help="suppress small numbers (DfE style) so no child can be identified")
    s.add_argument("--no-pdf", action="store_true", help="write the HTML only")


def add_commands(sub) -> None:
    from . import cli_setup
    from .cli import _date, _history_arg, _snapshot_arg, _store_arg, at_least
    from .cli_findings import add_findings

    s = sub.add_parser("report", help="write the committee report (HTML and PDF)")
    _report_args(s)
    _store_arg(s)
    _snapshot_arg(s)
    _history_arg(s)
    s.set_defaults(func=cmd_report)

    s = sub.add_parser("demo", help="generate synthetic data, load twelve monthly snapshots and write the report")
    _report_args(s)
    s.set_defaults(out="out/demo", council=DEMO_COUNCIL)
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--children", type=at_least(1, "a number of children"), default=400,
                   help="children in care at any one time")
    s.add_argument("--years", type=at_least(1, "a number of years"), default=10, help="years of history")
    s.add_argument("--as-at", type=_date, help="the latest month end (default: the end of last month)")
    s.set_defaults(func=cmd_demo)

    add_validate(sub)
    cli_setup.add_commands(sub)
    add_findings(sub)

    s = sub.add_parser("docs", help="write the indicator catalogue, the validation rules and the operational lists as Markdown")
    s.add_argument("--output", default="docs/indicators.md", metavar="FILE",
                   help="the indicator catalogue (default: docs/indicators.md under the current folder, made if missing)")
    s.add_argument("--rules-output", default="docs/validation-rules.md", metavar="FILE",
                   help="the validation rules (default: docs/validation-rules.md under the current folder)")
    s.add_argument("--lists-output", default="docs/lists.md", metavar="FILE",
                   help="the operational lists (default: docs/lists.md under the current folder)")
    s.set_defaults(func=cmd_docs)


def reference_args(s) -> None:
    """The reference inputs some DfE rules need, on `validate` and `load` alike."""
    s.add_argument("--urn-list", type=Path, metavar="FILE", help="Ofsted provider URN list (CSV or .xlsx)")
    s.add_argument("--postcodes", type=Path, metavar="FILE",
                   help="postcode lookup in the ONS Postcode Directory layout (CSV)")
    s.add_argument("--la", metavar="CODE", help="the council's own LA code, DfE (874) or GSS (E06000031); "
                                                "default: the number the return's file names start with")
    s.add_argument("--benchmarks", type=Path, metavar="FOLDER",
                   help="DfE published files mapping GSS codes to DfE LA numbers (default: careboard's copy)")


def reference_inputs(args):
    from .validate.reference_inputs import ReferenceInputs

    return ReferenceInputs(args.urn_list, args.postcodes, args.la,
                           _benchmarks_folder(args.benchmarks, getattr(args, "db", None)))


def cmd_validate(args) -> int:
    from .engine import Opening

    # Opened first: DuckDB sets its database up on another thread while the rest is imported.
    opening = Opening(":memory:")
    from .validate.output import write_any, write_summary
    from .validate.session import validate_paths

    outcome = validate_paths(args.paths, args.year, args.last_year, reference=reference_inputs(args),
                             opening=opening)
    for out in args.output or []:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_any(outcome, out)
    if args.summary:
        args.summary.parent.mkdir(parents=True, exist_ok=True)
        write_summary(outcome, args.summary)
    for note in outcome.notes:
        print(f"note: {note}")
    y = outcome.year
    skipped = [n for n in outcome.not_run if not n.crashed]
    crashed = [n for n in outcome.not_run if n.crashed]
    print(f"{y - 1}/{y % 100:02d}: {outcome.rules_run} rules run, {len(outcome.failures)} failing rows "
          f"({outcome.errors} errors, {len(outcome.failures) - outcome.errors} queries), {len(skipped)} skipped"
          + (f", {len(crashed)} failed to run" if crashed else ""))
    for n in crashed:
        print(f"  rule {n.rule} {n.reason}", file=sys.stderr)
    if args.verbose:
        for n in skipped:
            print(f"  rule {n.rule} {n.reason}")
    return 1 if outcome.errors else 0


def add_validate(sub) -> None:
    from .cli import _year, output_file

    s = sub.add_parser("validate", help="check SSDA903 files against the DfE validation rules (no store needed)")
    s.add_argument("paths", nargs="+", type=Path, help="this year's files, or the folder holding them")
    s.add_argument("--year", type=_year, help="collection year: 2025/26, 2025-26, 25/26 or 2026 (the year ending March 2026); "
                                               "default: from its dates, checked against its folder and file names")
    s.add_argument("--last-year", nargs="+", type=Path, help="last year's return, for the rules that compare years")
    s.add_argument("--output", action="append", type=output_file(".csv", ".xlsx", ".html", ".htm"),
                   help="errors.csv, errors.xlsx or errors.html (repeatable)")
    s.add_argument("--summary", type=output_file(".csv"), metavar="FILE.csv",
                   help="every rule with its status (ran, skipped, not applicable, failed to run) and failing rows")
    s.add_argument("-v", "--verbose", action="store_true", help="list the rules that were skipped and why")
    reference_args(s)
    # Nothing is left open once the outputs are written: the process may end without tearing down.
    s.set_defaults(func=cmd_validate, exit_at_once=True)
