"""The commands that write the committee report: report, and demo (synthetic data loaded and reported on)."""

from __future__ import annotations

import sys
import time
from datetime import date, timedelta
from pathlib import Path

from .common import (Progress, at_least, benchmarks_folder, date_arg, history_arg, known_snapshot,
                     say_what_misleads_the_figures, snapshot_arg, store_arg)

PROFILE_DATES = ("snapshots", "quarter-ends")   # careboard.judge.council.PROFILE_DATES, named here to import nothing


def _inputs(args, con):
    from ..report.committee import Inputs
    from ..judge.council import check_against_published, load_council_config
    from ..published.location import UPDATE_ADVICE, newer_release_note
    from ..published.published import load_published_or_note

    folder = benchmarks_folder(args.benchmarks, args.db)
    published, note = load_published_or_note(folder)
    overdue = not note and newer_release_note(folder, date.today())
    note = note or overdue
    if args.council is None:
        from ..judge.without_council import ADVICE, without_council

        council, council_note = without_council(con, published, args.snapshot)
        print(f"note: no council settings were given. {ADVICE}", file=sys.stderr)
    else:
        council, council_note = load_council_config(args.council), ""
        if published is not None:
            from ..judge.without_council import other_council_note

            check_against_published(council, published)
            if other := other_council_note(con, published, council, args.snapshot):
                print(f"note: {other}", file=sys.stderr)
    if getattr(args, "profile_dates", None):
        from dataclasses import replace

        council = replace(council, profile_dates=args.profile_dates)
    commentary = None
    if getattr(args, "commentary", None) is not None:
        from ..report.commentary import load_commentary

        commentary = load_commentary(args.commentary, council.shown_indicators())
    if overdue:     # said once the settings are known to be good, so a mistake in them comes first
        print(f"note: a newer release of the published figures was due; {UPDATE_ADVICE}.", file=sys.stderr)
    return Inputs(council, published, note, council_note, commentary)


def _write_report(con, args, progress: Progress, public_too: bool = False) -> list[Path]:
    """Compute the report once; write it, and its public (suppressed) version when asked."""
    from ..report.committee import build_report
    from ..report import suppress
    from ..report.files import write_files

    inputs = _inputs(args, con)      # the council file first: its mistakes need no data to be found
    args.snapshot = known_snapshot(con, args.snapshot)
    _say_if_lists_alone(con, args.snapshot)
    progress.step("benchmarks: " + (f"loaded from {inputs.published.files.folder}" if inputs.published
                                    else inputs.benchmarks_note))
    report = build_report(con, inputs, snapshot_id=args.snapshot, history=getattr(args, "history", "latest"))
    progress.step(f"computed {len(report.panels)} indicators over 12 months and {len(report.profiles)} profile tables")
    _say_if_far_from_published(report)
    say_what_misleads_the_figures(con, args.snapshot)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    variants = [(report, "")] if not args.public else []
    if args.public or public_too:
        variants.append((suppress(report), "-public"))
    wanted = {"html": True, "pdf": not args.no_pdf, "docx": args.docx, "xlsx": args.xlsx}
    jobs = [(r, fmt, out / f"committee-report-{r.as_at:%Y-%m}{suffix}.{fmt}")
            for r, suffix in variants for fmt in wanted if wanted[fmt]]
    return write_files(jobs, lambda path: progress.step(f"wrote {path}"))


def _say_if_far_from_published(report) -> None:
    """Tell the analyst when counts at 31 March are far from those the DfE published for the council for that
    date (report.view.published_gap): each panel says so too, but the command line is read first."""
    from ..report.formatting import long_date
    from ..report.view import published_gap

    gaps = [(panel.title, gap) for panel in report.panels if (gap := published_gap(panel))]
    if not gaps:
        return
    first = gaps[0][1]
    la = first.la or "this council"
    listed = "; ".join(f"{title[0].lower()}{title[1:]}: {gap.current:,.0f} against {gap.published:,.0f}"
                       for title, gap in gaps)
    print(f"note: at {long_date(report.as_at)} the report's counts are far from those the Department for Education "
          f"published for {la} for {first.year} ({listed}): check that the return loaded is complete and is {la}'s",
          file=sys.stderr)


def _say_if_lists_alone(con, snapshot_id: int) -> None:
    """Tell the analyst when the snapshot reported on holds local lists but no return: every figure drawn from
    the return is left out, which loading the two together would have avoided."""
    from ..formats.registry import SSDA903
    from ..store import list_snapshots

    snaps = list_snapshots(con)
    if SSDA903.id in next(s for s in snaps if s.snapshot_id == snapshot_id).source_formats:
        return
    with_return = [s.snapshot_id for s in snaps if SSDA903.id in s.source_formats]
    print(f"note: snapshot {snapshot_id} holds the council's lists alone, so the report leaves out every figure "
          f"drawn from the SSDA903 return" + (f" (snapshot {with_return[-1]} holds the latest return)"
                                               if with_return else "")
          + "; load a month's return and lists together to report on both: careboard load RETURN-FOLDER "
            "LISTS-FOLDER", file=sys.stderr)


def cmd_report(args) -> int:
    from ..store import open_store

    progress = Progress()
    con = open_store(args.db, read_only=True)
    _write_report(con, args, progress)
    return 0


def cmd_demo(args) -> int:
    from ..pipeline.load import load
    from ..store import open_store
    from ..synth.demo import DEMO_COUNCIL, write_demo_extracts
    from ..validate.on_load import DfERules

    progress = Progress()
    args.council = args.council or DEMO_COUNCIL
    out = Path(args.out)
    db = out / "careboard.duckdb"
    as_at = args.as_at or (date.today().replace(day=1) - timedelta(days=1))
    from ..report.committee import month_ends

    dates = month_ends(as_at, 12)
    _history_reaches(args.years, dates[0], as_at)
    # The last demo's store goes only once the options are known to be good.
    for leftover in (db, db.with_suffix(".duckdb.wal")):
        leftover.unlink(missing_ok=True)
    progress.step(f"generating synthetic SSDA903 extracts and local lists for {len(dates)} month ends "
                  f"({args.children} children in care, {args.years} years, seed {args.seed})")
    extracts = write_demo_extracts(out / "extracts", args.seed, args.children, args.years, dates)
    generated = time.perf_counter()
    con = open_store(db)
    for d, folder in zip(dates, extracts):
        result = load(con, [folder], as_at=d, label=f"demo extract {d:%B %Y}", validation=DfERules())
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
    from ..dates import year_ending
    from ..errors import InputError
    from ..plural import counted

    need = year_ending(as_at) - year_ending(first) + 1
    if years < need:
        raise InputError("demo --years", f"{counted(years, 'year')} of history cannot reach back to {first:%B %Y}, the first "
                                          f"of the twelve monthly snapshots; use --years {need} or more")


def _folder(text: str) -> str:
    """--out: a folder, which the report's files are written into (it is made if need be)."""
    import argparse

    if Path(text).suffix.lower() in (".html", ".htm", ".pdf", ".docx", ".xlsx"):
        raise argparse.ArgumentTypeError(f"{text!r} names a file: --out is the folder the report's files go in "
                                         f"(committee-report-YYYY-MM.html and the rest), such as "
                                         f"{Path(text).parent / 'reports'}")
    return text


def _report_args(s) -> None:
    s.add_argument("--council", type=Path, help="council settings and targets (TOML; careboard init writes one)")
    s.add_argument("--benchmarks", type=Path, help="folder of DfE/ONS published files (default: careboard's copy)")
    # --output too, as the commands writing one file spell it: a file's name there is told to be a folder.
    s.add_argument("--out", "--output", dest="out", type=_folder, default="out/report", metavar="FOLDER",
                   help="folder for the report files")
    s.add_argument("--public", action="store_true", help="suppress small numbers (DfE style) so no child can be identified")
    s.add_argument("--no-pdf", action="store_true", help="leave the PDF out (the HTML is always written)")
    s.add_argument("--docx", action="store_true", help="also write the report as a Word document, for editing")
    s.add_argument("--xlsx", action="store_true", help="also write the scorecard and every table as an Excel workbook")
    s.add_argument("--commentary", type=Path, metavar="FILE",
                   help="the service's commentary, a text file with a '## indicator id or section' heading above each piece")
    s.add_argument("--profile-dates", choices=PROFILE_DATES,
                   help="profile table columns at the latest five snapshots' dates (default) or at quarter ends; "
                        "overrides the council file's [report] profile_dates")


def add_commands(sub) -> None:
    s = sub.add_parser("report", help="write the committee report (HTML and PDF)")
    _report_args(s)
    store_arg(s)
    snapshot_arg(s)
    history_arg(s)
    s.set_defaults(func=cmd_report)

    s = sub.add_parser("demo", help="generate synthetic data, load twelve monthly snapshots and write the report")
    _report_args(s)
    s.set_defaults(out="out/demo", docx=True, xlsx=True)
    s.add_argument("--seed", type=int, default=1, help="another number makes other children (default 1)")
    s.add_argument("--children", type=at_least(1, "a number of children"), default=400,
                   help="children in care at any one time")
    s.add_argument("--years", type=at_least(1, "a number of years"), default=10, help="years of history")
    s.add_argument("--as-at", type=date_arg, help="the latest month end (default: the end of last month)")
    s.set_defaults(func=cmd_demo)
