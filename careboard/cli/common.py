"""What the commands share: argument types and options, the snapshot a command works on, progress
lines, and the reference inputs of `load` and `validate`."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from ..dates import parse_collection_year, parse_date
from ..nearest import either


def date_arg(text: str) -> date:
    try:
        return parse_date(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def year_arg(text: str) -> int:
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
            raise argparse.ArgumentTypeError(f"{text!r}: the file name must end in {either(suffixes)}")
        return Path(text)
    return check


def store_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", type=store_file, metavar="DB",
                   help="store file (default: $CAREBOARD_DB or ~/.local/share/careboard/careboard.duckdb)")


def store_file(text: str) -> Path:
    """--db: a file, not a folder (a store would otherwise be made as a file with the folder's name)."""
    path = Path(text)
    if text.endswith(("/", "\\")) or path.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} is a folder: give the store's file, such as "
                                         f"{path / 'careboard.duckdb'}")
    return path


def snapshot_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--snapshot", type=int, help="snapshot id (default: the latest as-at date)")


def history_arg(p: argparse.ArgumentParser) -> None:
    from ..readings import DEFAULT_HISTORY, HISTORY

    p.add_argument("--history", choices=HISTORY, default=DEFAULT_HISTORY,
                   help="how several years' returns are read for an earlier date: 'latest' (default) uses every "
                        "return loaded, later corrections included; 'per-year' counts each date from the returns "
                        "up to its collection year, as the DfE published it")


def known_snapshot(con, snapshot_id: int | None) -> int:
    """The snapshot a command works on: the one asked for, which must exist, or the latest as-at date."""
    from ..errors import InputError
    from ..nearest import UnknownId
    from ..store import default_path, list_snapshots

    snaps = list_snapshots(con)
    if not snaps:
        store = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
        raise InputError(str(store[0] if store and store[0] else default_path()),
                         "no snapshots are loaded yet; run careboard load PATH first")
    if snapshot_id is None:
        return snaps[-1].snapshot_id
    ids = [s.snapshot_id for s in snaps]
    if snapshot_id not in ids:
        from ..store.snapshots import removed

        if gone := removed(con, snapshot_id):
            raise InputError(f"snapshot {snapshot_id}", f"it (as at {gone[0]:%d/%m/%Y}) was removed on "
                                                        f"{gone[1]:%d/%m/%Y %H:%M} (careboard snapshots lists those held)")
        raise UnknownId("snapshot", snapshot_id, ids, "careboard snapshots lists them")
    return snapshot_id


class Progress:
    """One line per step with how long it took, so a long run shows it is moving."""

    def __init__(self, stream=None):
        # sys.stderr as it is now, not as it was at import (a test's capture may have replaced it since)
        self.stream, self.start = stream or sys.stderr, time.perf_counter()

    def step(self, text: str) -> None:
        print(f"[{time.perf_counter() - self.start:6.1f}s] {text}", file=self.stream, flush=True)


def benchmarks_folder(given: Path | None, db: Path | None = None) -> Path:
    """--benchmarks, else the user's own copy (careboard benchmarks update), else the shipped copy."""
    from ..published.location import data_folder

    return data_folder(given, db).path


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
    from ..validate.reference_inputs import ReferenceInputs

    return ReferenceInputs(args.urn_list, args.postcodes, args.la,
                           benchmarks_folder(args.benchmarks, getattr(args, "db", None)))


def say_what_misleads_the_figures(con, snapshot_id: int) -> None:
    """Before a command counts children, tell the analyst what in the snapshot makes its figures wrong."""
    say_if_episode_dates_unread(con, snapshot_id)
    say_if_child_ids_lost_zeros(con, snapshot_id)
    say_if_list_children_unknown(con, snapshot_id)
    say_if_years_missing(con, snapshot_id)


def _findings_by_file(con, snapshot_id: int, code: str) -> list[tuple[str, str]]:
    """(file, message) of each of the snapshot's findings of one kind, in the order the files were loaded."""
    return con.execute("SELECT f.path, d.message FROM dq_findings d JOIN source_files f ON f.snapshot_id = "
                       "d.snapshot_id AND f.file_id = d.file_id WHERE d.snapshot_id = ? AND d.code = ? "
                       "ORDER BY d.file_id", [snapshot_id, code]).fetchall()


def say_if_child_ids_lost_zeros(con, snapshot_id: int) -> None:
    """A file whose child IDs lost their leading zeros makes each of those children two (tables/child_zeros.py)."""
    found = _findings_by_file(con, snapshot_id, "child_id_zeros")
    if found:
        more = f" (and {len(found) - 1} other file{'s' if len(found) > 2 else ''})" if len(found) > 1 else ""
        print(f"note: {found[0][0]}{more}: {found[0][1]}. Every figure counts them so until the file is loaded again: "
              f"careboard findings --snapshot {snapshot_id} lists them", file=sys.stderr)


def say_if_periods_reach_before_the_returns(ctx, indicators, as_at) -> None:
    """Figures over 12 months (or 3 years) drawn from the returns whose period begins before the snapshot's first
    return does: they count what happened since the returns begin, not the whole period (the report says so too)."""
    from datetime import date

    from ..plural import counted
    from ..report.before_the_returns import reaching_back

    if not ctx.holds_return:
        return
    first, = ctx.con.execute("SELECT first_year FROM snapshots WHERE snapshot_id = ?", [ctx.snapshot_id]).fetchone()
    begins = date(first - 1, 4, 1)
    if reaching := reaching_back(indicators, as_at, begins):
        print(f"note: {counted(len(reaching), 'figure')} over 12 months or 3 years (such as {reaching[0].id}) reach "
              f"back before {begins:%B %Y}, when the returns of snapshot {ctx.snapshot_id} begin, and count only what "
              f"happened since: load the earlier years' returns with them", file=sys.stderr)


def say_if_years_missing(con, snapshot_id: int) -> None:
    """A year's return missing between two loaded breaks every history across it (pipeline/load._year_gaps)."""
    for (message,) in con.execute("SELECT message FROM dq_findings WHERE snapshot_id = ? AND code = 'missing_year' "
                                  "ORDER BY message", [snapshot_id]).fetchall():
        print(f"note: {message}", file=sys.stderr)


def say_if_list_children_unknown(con, snapshot_id: int) -> None:
    """A local list naming children the return does not: what it says of them counts in no figure."""
    for path, message in _findings_by_file(con, snapshot_id, "children_not_in_return"):
        print(f"note: {path}: {message}", file=sys.stderr)


def say_if_episode_dates_unread(con, snapshot_id: int) -> None:
    """Tell the analyst when episodes have a start or an end date that could not be read: every figure leaves
    the first out and takes the second as not ended (the report's front page says so when they are many)."""
    from ..plural import counted
    from ..store.findings import uncounted_episodes

    no_start, no_end, total = uncounted_episodes(con, snapshot_id)
    of_all = f" of the {counted(total, 'episode')} of care in snapshot {snapshot_id}"
    said = []
    if no_start:
        said.append(f"{no_start:,}{of_all} {'has' if no_start == 1 else 'have'} no start date that could be read, "
                    f"and every figure leaves {'it' if no_start == 1 else 'them'} out")
    if no_end:
        said.append(f"{no_end:,}{'' if no_start else of_all} {'has' if no_end == 1 else 'have'} an end date that could "
                    f"not be read, and every figure takes {'it' if no_end == 1 else 'them'} as not ended (the child "
                    "still in care)")
    if said:
        print(f"note: {'; '.join(said)}: careboard findings --snapshot {snapshot_id} lists why", file=sys.stderr)
