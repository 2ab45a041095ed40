"""Validating returns: straight from files (no store), or a snapshot as it is loaded."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..ingest.files import discover
from ..formats.registry import SSDA903 as spec
from .frame import (
    build_frame,
    drop_frame,
    frame_tables,
    inlined_views,
    make_macros,
    needed,
    typing_jobs,
    view_jobs,
)
from .reference_inputs import ReferenceInputs, install_reference
from ..store.rule_results import Outcome
from .runner import active_rules, finish, plan_rules, run_rules
from .schedule import Job, Schedule

# Below this many rows (this year's and last year's returns together, taken as twice this year's: a
# large council's pair is about 40,000) statements run on one thread each. Measured on a 3,117-child
# return: 0.50 s -> 0.47 s for the frame and rules; at national size DuckDB's own parallelism inside each
# statement matters more.
SMALL_RETURN_ROWS = 250_000
# DuckDB optimisers left out below that size. They save work over big tables and cost planning time on
# every statement: at one-council size leaving them out took a tenth off the whole validation (median
# 0.49 -> 0.44 s, CPU 0.80 -> 0.70 s). The rows reported are the same with or without them (checked on
# the national returns, where they are kept: there they save a fifth).
SMALL_RETURN_SKIPPED_OPTIMIZERS = (
    "common_subplan", "statistics_propagation", "join_filter_pushdown", "late_materialization",
    "compressed_materialization", "top_n_window_elimination", "window_self_join", "aggregate_reuse",
    "row_group_pruner", "sampling_pushdown", "partitioned_execution", "partial_aggregate_pushdown", "regex_range",
    "projection_pullup")


def _rules():
    from .registry import RULES

    return RULES


def validate_snapshot(con, snapshot_id: int, years: list[int] | None = None,
                      available: set[str] | None = None) -> list[Outcome]:
    """Run each return in a snapshot through its own year's rules, with the year before as last year."""
    rows = con.execute("SELECT DISTINCT return_year FROM source_files WHERE snapshot_id = ? ORDER BY 1",
                       [snapshot_id]).fetchall()
    present = [r[0] for r in rows]
    files = dict(con.execute("SELECT file_id, path FROM source_files WHERE snapshot_id = ?", [snapshot_id]).fetchall())
    from .years import validated_on_load

    outcomes = []
    for year in years or present:
        if not validated_on_load(year):
            continue
        last = year - 1 if year - 1 in present else None
        build_frame(con, snapshot_id, year, last)
        have = set(available or ()) | ({"last_year"} if last else set())
        outcomes.append(run_rules(con, _rules(), year, have, files))
    drop_frame(con)
    return outcomes


def validate_paths(paths: list[Path], year: int | None = None, last_year: list[Path] | None = None,
                   available: set[str] | None = None, reference: ReferenceInputs | None = None,
                   opening=None) -> Outcome:
    """Validate one return given as files, optionally against last year's, without any store.

    The files are parsed and typed straight into the rule frame: no staging, no load checks.
    `reference` names the URN list, postcode lookup and council LA for the rules that need them.
    `opening` is a backends.duckdb.Opening of an in-memory database, if the caller has started one.
    """
    from ..backends.duckdb import Opening
    from ..store.return_year import years_of_returns

    # No store: the frame is built in memory straight from the files. DuckDB sets the database up on
    # another thread while this year's files are read.
    opening = opening or Opening(":memory:")
    this = discover(paths)
    if len(this) > 1:
        raise InputError(", ".join(map(str, paths)), "holds several folders of files; validate one return at a time")
    this = this[0]
    this.year = year or this.year
    years_of_returns(opening.connection(), [this])
    from .years import rule_set_note

    notes = this.notes + [n for n in [rule_set_note(this.year)] if n]

    con = opening.connection()
    # A private in-memory database: the frame (and the reference tables) can be plain tables, built and
    # checked on two cursors.
    workers = 2
    if 2 * sum(len(t) for t in this.tables()) < SMALL_RETURN_ROWS:   # last year's is about as big
        # Each statement then costs more to plan and schedule than to run: one DuckDB thread per
        # statement, with the two cursors side by side, beats waking the pool for every operator; and
        # the optimisers that pay off only over big tables are left out.
        con.execute("SET threads = 1")
        con.execute(f"SET disabled_optimizers = '{','.join(SMALL_RETURN_SKIPPED_OPTIMIZERS)}'")
    installed = install_reference(con, reference or ReferenceInputs(), [f.path for f in this.files],
                                  this.year, temp=False)
    temp = make_macros(con, workers)
    files: dict[int, str] = {}
    cells: dict[str, int] = {}
    # One schedule from typing the files to the last rule: each statement starts once what it reads is
    # built. This year's tables are typed (every one: a full rule set reads them all) while the rules are
    # chosen and last year's files read.
    with Schedule(con, workers) as schedule:
        schedule.add(*typing_jobs(this, "", None, temp, files, cells))
        rules = _rules()
        active = active_rules(rules, this.year)
        inline = inlined_views(active, this.year)
        only = needed(active, this.year) - set(inline)
        previous = _last_year(last_year, this.year)
        schedule.add(*typing_jobs(previous, "_last", only, temp, files, cells))
        schedule.add(*view_jobs(this.year, only, temp, cells))
        if "postcodes" in installed.available:
            schedule.add(Job("postcode_lookup", installed.keep_postcodes_used, frozenset({"episodes", "episodes_last"})))
        have = set(available or ()) | ({"last_year"} if previous else set()) | installed.available
        plan = plan_rules(rules, this.year, have, workers, inline)
        schedule.add(*plan.jobs)
        schedule.finish()
    # Only this year's typed tables are read from here on: the enriched tables and last year's go first,
    # so that describing the failing rows reuses their memory (at 28,000 children, 60 MB less at peak).
    for name in set(frame_tables()) - set(spec.tables()):
        con.execute(f"DROP TABLE IF EXISTS {name}")
    outcome = finish(con, plan, files)
    outcome.notes = notes + outcome.notes + installed.notes
    # What reading the files found (blank lines skipped, cells cut, rows of the wrong width ...).
    outcome.notes += [f.note() for t in this.tables() for f in t.findings]
    return outcome


def _last_year(paths: list[Path] | None, year: int):
    """Last year's return, parsed, or None."""
    if not paths:
        return None
    found = discover(paths)
    if len(found) > 1:
        raise InputError(", ".join(map(str, paths)), "--last-year holds several folders; give one return")
    found[0].year = year - 1
    return found[0]
