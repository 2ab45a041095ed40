"""Validating returns: straight from files (no store), or a snapshot as it is loaded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import InputError
from ..formats.councils import council_number, several_councils
from ..ingest.files import discover
from ..plural import listed
from ..formats.registry import SSDA903 as spec
from .frame import (
    build_frame,
    drop_frame,
    frame_name,
    frame_tables,
    inlined_views,
    make_macros,
    needed,
    typing_jobs,
    view_jobs,
)
from .file_notes import file_note_jobs, file_notes, left_out_note
from .reference_inputs import ReferenceInputs, install_reference
from ..store.findings import file_named
from ..store.return_year import nested_copy
from ..store.rule_results import Outcome, RuleRan
from .runner import active_rules, finish, plan_rules, run_rules
from .schedule import Job, Schedule

def _rules():
    from .registry import RULES

    return RULES


def validate_snapshot(con, snapshot_id: int, years: list[int] | None = None,
                      available: set[str] | None = None) -> list[Outcome]:
    """Run each return in a snapshot through its own year's rules, with the year before as last year."""
    rows = con.execute("SELECT DISTINCT return_year FROM source_files WHERE snapshot_id = ? ORDER BY 1",
                       [snapshot_id]).fetchall()
    present = [r[0] for r in rows]
    files = dict(con.execute(f"SELECT file_id, {file_named('f')} FROM source_files f WHERE snapshot_id = ?",
                             [snapshot_id]).fetchall())
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


def rules_ran(con, snapshot_id: int) -> list[RuleRan]:
    """The rules a snapshot's load ran: each validated year's rules but those it records as not run, as long as
    they are as many as it counted (a careboard with other rules may have loaded it); a rule in several years
    once."""
    ran: dict[str, RuleRan] = {}
    for year, count in con.execute("SELECT return_year, rules_run FROM validation_runs WHERE snapshot_id = ? "
                                   "ORDER BY return_year DESC", [snapshot_id]).fetchall():
        not_run = {r for (r,) in con.execute("SELECT rule FROM validation_not_run WHERE snapshot_id = ? AND "
                                             "return_year = ?", [snapshot_id, year]).fetchall()}
        # A code may have two variants, one using an input and one without it: one of them ran.
        these = {r.code: r for r in reversed(active_rules(_rules(), year)) if r.code not in not_run}
        if len(these) != count:
            return []
        for code, r in these.items():
            ran.setdefault(code, RuleRan(code, r.severity, r.message))
    return list(ran.values())


def validate_paths(paths: list[Path], year: int | None = None, last_year: list[Path] | None = None,
                   available: set[str] | None = None, reference: ReferenceInputs | None = None,
                   connection: Callable[[], object] | None = None) -> Outcome:
    """Validate one return given as files, optionally against last year's, without any store.

    The files are parsed and typed straight into the rule frame: no staging, no load checks.
    `reference` names the URN list, postcode lookup and council LA for the rules that need them.
    `connection` gives a private in-memory database to build it in (as Backend.connect_soon does); by
    default one is opened here.
    """
    from ..backends import engine
    from ..store.return_year import years_of_returns

    this, chose = _one_return(discover(paths), paths, year)
    if not this.files and this.lists:
        one = len(this.lists) == 1 and paths == [this.lists[0].path]
        raise InputError(str(this.lists[0].path) if one else str(this.folder),
                         f"{'is one of' if one else 'holds only'} the council's lists (Annex A or a local list), "
                         f"not an SSDA903 return: careboard validate checks an SSDA903 return; the lists are checked "
                         f"as they load (careboard load)")
    if this.lists:      # beside the return's files: said, not checked
        this.notes.append(f"{listed([f.path.name for f in this.lists])}: the council's lists are not checked by "
                          f"validate (they are checked as they load, careboard load)")
    this.year = year or this.year
    # No store: the frame is built in memory straight from the files.
    con = connection() if connection else engine().connect(":memory:")
    # A private in-memory database: the frame (and the reference tables) can be plain tables, built and
    # checked on two cursors.
    workers = 2
    engine().tune_for_validation(con)
    temp = make_macros(con, workers)
    files: dict[int, str] = {}
    # One schedule from typing the files to the last rule: each statement starts once what it reads is
    # built. This year's tables are typed (every one: a full rule set reads them all) while the year is
    # worked out, the rules chosen and last year's files read.
    with Schedule(con, workers) as schedule:
        schedule.add(*typing_jobs(this, "", None, temp, files))
        previous = _last_year(last_year)
        rules = _rules()
        # The year is read from the typed tables' text, each once it is typed, rather than from the files
        # again: that took 20 ms at one council's size and 0.15 s at ten times it, before any table was typed.
        years_of_returns(con, [this], read=lambda table: schedule.wait(frame_name(table)))
        # The workers are soon through this year's tables: what they do next is added first.
        active = active_rules(rules, this.year)
        inline = inlined_views(active, this.year)
        only = needed(active, this.year) - set(inline)
        if previous:
            previous, _ = _one_return(previous, last_year, this.year - 1, "--last-year")
            previous.year = this.year - 1
        last_notes = _check_last_year(this, previous) if previous else []
        schedule.add(*typing_jobs(previous, "_last", only, temp, files))
        schedule.add(*view_jobs(this.year, only, temp))
        from .years import rule_set_note

        notes = chose + this.notes + [n for n in [rule_set_note(this.year), left_out_note(this)] if n] + last_notes
        installed = install_reference(con, reference or ReferenceInputs(), [f.path for f in this.files],
                                      this.year, temp=False)
        if "postcodes" in installed.available:
            schedule.add(Job("postcode_lookup", installed.keep_postcodes_used, frozenset({frame_name("episodes"), frame_name("episodes_last")})))
        have = set(available or ()) | ({"last_year"} if previous else set()) | installed.available
        plan = plan_rules(rules, this.year, have, workers, inline)
        schedule.add(*plan.jobs)
        # Only this year's typed tables are read after the rules: the enriched tables and last year's go as
        # soon as the last statement reading each is done, and describing the failing rows reuses their memory.
        # (Last year's table of a rule showing last year's values stays for describing its failing rows.)
        kept = {frame_name(t) for t in spec.tables()} | {frame_name(f"{r.table}_last") for r in plan.running.values()
                                                         if r.compared}
        schedule.add(*_drops(schedule.jobs(), set(frame_tables()) - kept))
        # Searched for while the workers are busy with the rules.
        schedule.add(*file_note_jobs(this, files))
        found = schedule.finish()
    outcome = finish(con, plan, files)
    outcome.notes = notes + outcome.notes + installed.notes
    # What reading the files found (blank lines skipped, cells cut, rows of the wrong width ...).
    outcome.notes += [f.note() for t in this.tables() for f in sorted(t.findings, key=lambda f: f.line or 0)]
    outcome.notes += file_notes(found, files)
    return outcome


def _drops(jobs: list[Job], tables: set[str]) -> list[Job]:
    """A job dropping each of `tables` once the job making it and every job reading it have run."""
    return [Job(f"drop {t}", lambda c, t=t: c.execute(f"DROP TABLE IF EXISTS {t}"),
                frozenset({t} | {job.name for job in jobs if t in job.after})) for t in sorted(tables)]


def _check_last_year(this, previous) -> list[str]:
    """Refuse last year's return when it is the return being validated; a note when its names claim
    another year than the one before this return's (the dates are not read again to settle it), or another
    council's LA number."""
    from ..dates import year_label

    if {f.path.resolve() for f in previous.files} == {f.path.resolve() for f in this.files}:
        raise InputError(str(previous.folder), "--last-year names the return being validated: give the folder of "
                                               "the previous year's return")
    notes = []
    councils = [{n for f in r.files if (n := council_number(f.path.name))} for r in (this, previous)]
    if all(councils) and several_councils(councils[0] | councils[1]):
        notes.append(f"--last-year: its file names start with the LA number {', '.join(sorted(councils[1]))}, this "
                     f"return's with {', '.join(sorted(councils[0]))}: {COMPARED} if it is another council's")
    claim = previous.declared()
    if claim is None or previous.year in claim.years():
        return notes
    return notes + [f"--last-year: {claim.describe()} says it is {year_label(claim.year)}, not "
                    f"{year_label(previous.year)}, the year before this return's: {COMPARED}"]


COMPARED = ("the rules comparing the two returns (episodes carried over, dates of birth, UPNs) may report what is "
            "not wrong")


def _last_year(paths: list[Path] | None):
    """Last year's returns, parsed (their years not yet set: one is chosen once this year's is known), or None."""
    return discover(paths) if paths else None


def _one_return(found, paths: list[Path], year: int | None, option: str = "") -> tuple[object, list[str]]:
    """The return to validate among those found, and a note when it was chosen from several.

    A folder holding several years' files side by side (ingest.files.Return.part) gives the one of `year`,
    by default the latest; files in several folders are refused."""
    given = (option + " " if option else "") + ", ".join(map(str, paths))
    if len(found) == 1:
        return found[0], []
    if len({r.folder for r in found}) > 1:
        for outer in found:
            inner = next((r for r in found if outer.folder in r.folder.parents), None)
            if inner is not None and (copy := nested_copy(outer, inner)):
                raise InputError(str(outer.folder), copy)
        raise InputError(given, "holds several folders of files; give the folder of one return")
    named = ", ".join(r.part for r in found)
    if year is None:
        latest = found[-1]
        return latest, [f"{latest.folder} holds returns of several years (its files are named {named}): the latest, "
                        f"{latest.part}, is validated; give --year for another, and --last-year {latest.folder} to "
                        f"check it against the year before's files"]
    chosen = ([r for r in found if r.named.year == year and not r.named.bare]
              or [r for r in found if year in r.named.years()])
    if len(chosen) != 1:
        from ..dates import year_label

        raise InputError(given, f"holds returns of several years (its files are named {named}), none of them "
                                f"clearly {year_label(year)}" + ("" if option else ": give --year as one of them"))
    return chosen[0], []
