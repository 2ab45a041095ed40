"""Loading returns into the store as one immutable snapshot, all or nothing: read (careboard.ingest),
store (careboard.store), then check with the validation the caller plugs in (pipeline/validation.py)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..backends import engine
from ..formats import registry
from ..formats.councils import council_number, several_councils
from ..dates import year_end, year_ending, year_label, year_start
from ..errors import Finding, InputError
from ..ingest.files import Return, SourceFile, StoredTable, discover
from ..ingest.list_dates import as_at_of_lists, named_dates
from ..ingest.raw import RawTable
from ..plural import counted, listed
from ..store import annex_a_links, checks, year_findings
from ..store.findings import Counts, snapshot_counts
from ..store.snapshots import next_snapshot_id
from ..store.return_year import check_as_at, late_as_at_note, loose_files, nested_copy, years_of_returns
from ..tables.schema import NORMALISED, insert_columns, staging_columns, staging_name, typed_select
from ..tables.sources import release, table_source
from .validation import InUse, Validation


@dataclass
class LoadResult:
    snapshot_id: int
    as_at: date
    collection_year: int
    already_loaded: bool
    rows: dict[str, int] = field(default_factory=dict)
    findings: int = 0
    errors: int = 0
    notes: list[str] = field(default_factory=list)     # the years worked out, and the validation's inputs
    counts: Counts | None = None                        # the load's findings and the DfE rules' failing rows
    lists_only: bool = False                            # local lists with no SSDA903 return
    given: frozenset[str] = frozenset()                 # the tables a file held, rows or none (a list's header alone)
    carried: str = ""       # which lists an earlier snapshot of the same day gave this one, in words

    def summary(self) -> str:
        if self.already_loaded:
            return (f"These files were already loaded as snapshot {self.snapshot_id} "
                    f"(as at {self.as_at:%d/%m/%Y}); nothing was changed.")
        rows = ", ".join(f"{n:,} {t}" for t, n in self.rows.items() if n or t in self.given)
        c = self.counts
        see = f" See careboard findings --snapshot {self.snapshot_id}." if c.findings or c.failing_rows else ""
        what = ("local lists, no SSDA903 return" if self.lists_only
                else f"collection year {self.collection_year - 1}/{self.collection_year % 100:02d}")
        return (f"Loaded snapshot {self.snapshot_id} as at {self.as_at:%d/%m/%Y} "
                f"({what}): {rows}. "
                f"{c.describe()}.{see}")


def _known_files(con) -> dict[str, list[StoredTable]]:
    """Every file already in the store, by checksum (its latest copy), so it need not be parsed again."""
    rows = con.execute("""SELECT sha256, table_name, format, encoding, rows, return_year, snapshot_id, file_id, sheet
                          FROM source_files QUALIFY snapshot_id = max(snapshot_id) OVER (PARTITION BY sha256)""").fetchall()
    known: dict[str, list[StoredTable]] = {}
    for sha, *rest in rows:
        known.setdefault(sha, []).append(StoredTable(*rest))
    return known


def _copy_stored(con, sid: int, copies: list[tuple[int, int, StoredTable]]) -> None:
    """Copy the rows and findings of files already in the store: one statement per table, not per file."""
    con.execute("CREATE OR REPLACE TEMP TABLE file_map (old_sid INTEGER, old_fid INTEGER, new_fid INTEGER, year INTEGER)")
    con.executemany("INSERT INTO file_map VALUES (?, ?, ?, ?)",
                    [(t.snapshot_id, t.file_id, fid, year) for fid, year, t in copies])
    # Naming the source snapshots lets DuckDB skip every other snapshot's row groups.
    old_sids = ", ".join(str(int(x)) for x in sorted({t.snapshot_id for _, _, t in copies}))
    for table in sorted({t.table for _, _, t in copies}):
        cols = ", ".join(f's."{c}"' for c in staging_columns(table))
        con.execute(f"""INSERT INTO {staging_name(table)} {insert_columns(table)}
                        SELECT {sid}, m.year, m.new_fid, s.line_no, s.row_no, {cols}, s.{NORMALISED}
                        FROM {staging_name(table)} s JOIN file_map m ON s.snapshot_id = m.old_sid AND s.file_id = m.old_fid
                        WHERE s.snapshot_id IN ({old_sids})""")
    # The file's findings travel with it; the set-based checks run only on newly read files.
    con.execute(f"""INSERT INTO dq_findings SELECT {sid}, d.severity, d.code, d.table_name, m.new_fid, d.line_no, d.child,
                    d.field, d.value, d.message FROM dq_findings d JOIN file_map m
                    ON d.snapshot_id = m.old_sid AND d.file_id = m.old_fid WHERE d.snapshot_id IN ({old_sids})
                    AND d.code NOT IN {year_findings.CODES}""")
    con.execute("DROP TABLE file_map")


def _fingerprint(returns: list[Return], as_at: date, reference: str = "") -> str:
    """Identifies a load: the same files as at the same date, validated against the same reference data."""
    h = hashlib.sha256()
    for sha in sorted(f.sha256 for r in returns for f in (*r.files, *r.lists)):
        h.update(sha.encode())
    h.update(as_at.isoformat().encode())
    h.update(reference.encode())
    return h.hexdigest()


def load(con, paths: list[Path], *, as_at: date | None = None, year: int | None = None,
         label: str | None = None, strict: bool = False, validation: Validation | None = None,
         progress=None) -> LoadResult:
    """Read every file under `paths` and store them as one snapshot.

    Files are read and checked before the store is touched; the writes happen in one transaction,
    so a failure leaves the store exactly as it was. `validation` checks each return stored (None: they
    are not checked); it brings the reference data (URN list, postcode lookup, council LA) its rules
    run with. `progress`, if given, is called with a line of text as each long step (validating a
    year's return) starts and ends.
    """
    if progress:
        progress(f"reading {', '.join(map(str, paths))}")
    returns = discover([Path(p) for p in paths], _known_files(con))
    if year is not None:
        if not any(r.files for r in returns):
            raise InputError(", ".join(map(str, paths)), "--year names an SSDA903 return's collection year, but only "
                                                         "local lists were given: give the day they were taken with --as-at")
        if len(returns) > 1:
            several = ("several folders were given: leave --year out to load each by the year its names and dates "
                       "give (the note says how each was worked out), or name a folder by its year (2024-25)"
                       if len({r.folder for r in returns}) > 1 else
                       f"the folder holds returns of several years (its files are named {', '.join(r.part for r in returns)}); leave "
                       f"--year out to load them all, each by the year its files are named with")
            raise InputError(", ".join(map(str, paths)), f"--year applies to a single return, but {several}")
        returns[0].year = year      # kept by load_returns, with a note if the dates disagree
    return load_returns(con, returns, as_at=as_at, label=label, strict=strict, validation=validation,
                        progress=progress)


def _tables_left_out(r: Return, returns: list[Return], as_at: date) -> list[str]:
    """Notes when a return of CSV files (or sheets) has no file of a table every council's return has rows in. With
    no other return of the load holding it, the figures drawn from it have no value (indicators.calculate.Context.
    not_loaded); with another holding it, this year's count none. A table drawn up once the year has ended (OC2) is
    said to be so when the return's year is still in progress. An XML return holds every table."""
    missing = r.tables_left_out()
    elsewhere = {t for other in returns if other is not r for f in other.files for t, _ in f.table_names()}
    in_progress = r.year is not None and as_at < year_end(r.year)
    notes = []
    for early, held in ((True, False), (True, True), (False, False), (False, True)):
        tables = [t for t in missing if (in_progress and t.at_year_end) == early and (t.name in elsewhere) == held]
        if not tables:
            continue
        one = len(tables) == 1
        it, has = ("it" if one else "them"), r.left_out_in_words(tables)
        if early:
            said = (f"the figures drawn from {it} are the last complete year's" if held else
                    f"the figures drawn from {it} have no value until a return with {it} is loaded")
            notes.append(f"{r.label}: {has}, which {'is' if one else 'are'} drawn up once the year has ended: {said}")
        else:
            # an XML return is read as holding every table (calculate.Context.not_loaded): its figures count none
            said = (f"{year_label(r.year)}'s figures drawn from {it} count none" if held or r.is_xml else
                    f"every figure drawn from {it} has no value")
            notes.append(f"{r.label}: {has}, so {said}: add {it} to the return's files and load again")
    return notes


def _empty_lists(lists: list[SourceFile]) -> list[str]:
    """A list with its column names and no rows counts none in every figure drawn from it, which a template nobody
    filled in (or an export that failed) would read as a month of nothing: a warning kept with the file, and a note."""
    notes = []
    for f in lists:
        for t in f.tables:
            if len(t):
                continue
            message = (f"the {registry.table(t.table).in_text} has its column names but no rows: every figure drawn "
                       f"from it counts none. If it was not filled in, leave it out and load again, and those figures "
                       f"have no value")
            t.findings.append(Finding("warning", "empty_list", t.file, t.table, None, None, None, message))
            notes.append(f"{t.file}{f', sheet {t.sheet}' if t.sheet else ''}: {message}")
    return notes


def _empty_episodes(returns: list[Return]) -> list[str]:
    """A return whose episodes file has its column names and no rows: every council has children in care in a
    year, so it is an export that failed, and the year's figures would count no one. A warning and a note."""
    notes = []
    for r in returns:
        episodes = [t for t in r.tables() if t.table == "episodes"]
        stored = [st for f in r.files for st in f.stored if st.table == "episodes"]
        if not episodes or stored or any(len(t) for t in episodes):
            continue
        message = (f"its episodes file has no rows, though every return holds the episodes of the children looked "
                   f"after in its year: an export that failed, it seems, so {year_label(r.year)}'s figures miss all it "
                   f"should hold. Export it again and load it")
        episodes[0].findings.append(Finding("warning", "empty_episodes", episodes[0].file, "episodes", None, None,
                                            None, message))
        notes.append(f"{r.label}: {message}")
    return notes


def _without_last_year(returns: list[Return], as_at: date) -> list[str]:
    """A note when a year in progress is loaded without the year before: a snapshot holds what was loaded with it,
    so the last full year's figures have none of the children they count."""
    years = {r.year for r in returns}
    if not years:
        return []
    latest = max(years)
    if as_at >= year_end(latest) or latest - 1 in years:
        return []
    return [f"the snapshot holds no {year_label(latest - 1)} return: the figures of the last full year (health "
            f"checks, care leavers) have no value, and those over the past 12 months count only from "
            f"{year_start(latest):%B %Y}: load last year's return with this year's (careboard load "
            f"{year_label(latest - 1).replace('/', '-')}/ {year_label(latest).replace('/', '-')}/)"]


def load_returns(con, returns: list[Return], *, as_at: date | None = None, label: str | None = None,
                 strict: bool = False, validation: Validation | None = None, progress=None) -> LoadResult:
    """Store returns already read (and possibly given their years) as one snapshot."""
    paths = list(dict.fromkeys(r.folder for r in returns))
    lists = [f for r in returns for f in r.lists]
    # What reading a folder of lists alone set aside (a budget workbook, a readme) is said with the rest.
    lists_notes = [n for r in returns if not r.files for n in r.notes]
    returns = [r for r in returns if r.files]       # the yearly returns (SSDA903)
    _one_council(con, returns, lists)
    as_at, collection_year, said = _as_at(con, returns, lists, as_at)
    check_as_at(as_at, collection_year, ", ".join(map(str, paths)))
    late = late_as_at_note(as_at, collection_year) if returns else ""
    notes = [n for r in returns for n in r.notes] + lists_notes + [n for n in (said, late) if n] + (
        validation.notes(sorted(r.year for r in returns)) if validation and returns else [])
    notes += [n for r in returns for n in _tables_left_out(r, returns, as_at)] + _without_last_year(returns, as_at)
    # A sheet left aside that looks like a list is most likely the list, its headers written otherwise.
    notes += [f"{f.path}: {x.message}: head its columns so to have it read"
              for f in lists for t in f.tables for x in t.findings if x.code == "sheet_like_a_list"]
    notes += [f"{f.path}: {x.message}" for f in lists for t in f.tables for x in t.findings
              if x.code == "list_header_not_found"]
    notes += _empty_lists(lists) + _empty_episodes(returns)
    # Read before the store is touched, as the returns are: a bad reference file changes nothing.
    installed = validation.install(con, [f.path for r in returns for f in r.files],
                                   collection_year) if validation else None
    try:
        fingerprint = _fingerprint(returns + [Return(paths[0], lists=lists)], as_at, installed.key if installed else "")
        existing = con.execute("SELECT snapshot_id, as_at, collection_year FROM snapshots WHERE fingerprint = ?",
                               [fingerprint]).fetchone()
        if existing:
            return LoadResult(existing[0], existing[1], existing[2], already_loaded=True, notes=notes)

        con.execute("BEGIN TRANSACTION")
        try:
            result = _write(con, returns, lists, as_at, collection_year, fingerprint, label, validation, installed,
                            progress)
            if strict and result.errors:
                raise InputError(", ".join(map(str, paths)), f"{counted(result.errors, 'data error')} found and --strict was given; nothing was loaded")
            con.execute("COMMIT")
        except BaseException:
            try:
                con.execute("ROLLBACK")
            except engine().error:      # a COMMIT that failed (a full disk) has rolled back already
                pass
            raise
    finally:
        if installed:
            validation.drop(con)
    result.notes = notes + (installed.notes if installed else [])
    return result


def _one_council(con, returns: list[Return], lists: list[SourceFile]) -> None:
    """Refuse files (returns and lists alike) whose names start with the LA numbers of two councils, among
    themselves or with the files the store holds: a snapshot series mixing councils would make every trend
    wrong, and another council's lists would put its children in this one's figures."""
    given: dict[str, str] = {}         # LA number -> the first file named with it
    for f in [f for r in returns for f in r.files] + lists:
        given.setdefault(council_number(f.path.name), str(f.path))
    stored: dict[str, str] = {}
    for (path,) in con.execute("SELECT path FROM source_files ORDER BY file_id").fetchall():
        stored.setdefault(council_number(Path(path).name), path)
    for number, path in given.items():
        for theirs, other in [*stored.items(), *given.items()]:
            if number and theirs and several_councils({number, theirs}):
                where = "which this store holds" if other == stored.get(theirs) else "given with it"
                raise InputError(path, f"its name starts with the LA number {number}, but {other}, {where}, starts "
                                       f"with {theirs}: a store holds one council's returns and lists, so load each "
                                       f"council's into a store of its own (--db FILE)")


def _as_at(con, returns: list[Return], lists: list[SourceFile], as_at: date | None) -> tuple[date, int, str]:
    """The snapshot's as-at date, its collection year, and what to tell the user about the lists' date.

    With a return, its years decide as before and the lists are taken as at the same day. Lists alone
    are taken as at --as-at, else the date in their names, else today (the note says which)."""
    if returns:
        collection_year = _years(con, returns, as_at)
        if as_at is None:
            as_at = min(year_end(collection_year), date.today())
        said = (f"{_lists_in_words(lists)} taken as at {as_at:%d/%m/%Y}, the snapshot's as-at date" if lists else "")
        named = named_dates([f.path for f in lists])
        if named and as_at not in named:
            # Lists taken on another day hold another position: their year's figures would be read as this one's.
            day = max(named)
            said += (f", though the name {named[day]!r} says they were taken on {day:%d/%m/%Y}: load them with a "
                     f"return reaching that day, giving --as-at {day:%d/%m/%Y}, or alone")
        return as_at, collection_year, said
    said = ""
    if as_at is None:
        as_at, said = as_at_of_lists([f.path for f in lists])
    return as_at, year_ending(as_at), said


def _lists_in_words(lists: list[SourceFile]) -> str:
    """"the local lists (6 files) and the Annex A workbook are", as the files loaded are."""
    annex_a = sum(1 for f in lists if any(registry.format_of(t).id == "annex_a" for t, _ in f.table_names()))
    local = len(lists) - annex_a
    said = [f"the local lists ({counted(local, 'file')})" if local else "",
            ("the Annex A workbook" if annex_a == 1 else f"{annex_a} Annex A files") if annex_a else ""]
    return " and ".join(part for part in said if part) + (" is" if len(lists) == 1 and annex_a else " are")


def _years(con, returns: list[Return], as_at: date | None) -> int:
    """Work out each return's collection year (one given beforehand is kept); the latest is the snapshot's."""
    years_of_returns(con, returns, as_at=as_at)
    by_year: dict[int, Return] = {}
    for r in returns:
        if r.year in by_year:
            first = by_year[r.year]
            for loose, other in ((first, r), (r, first)):
                if loose.folder in other.folder.parents and (copy := nested_copy(loose, other)):
                    raise InputError(loose.label, copy)
                # Files lying in a folder above another return's are most often that year's, left outside it.
                if loose.folder in other.folder.parents and (advice := loose_files(loose)):
                    raise InputError(loose.label, f"is a second return for {year_label(r.year)}: {advice}")
            how = "; ".join(x.notes[-1] for x in (first, r) if x.notes)
            raise InputError(r.label, f"is a second return for {year_label(r.year)} (the first is "
                                            f"{first.label}){'; ' + how if how else ''}. Name each folder by its "
                                            f"year, like 2024-25, or load them one at a time with --year")
        by_year[r.year] = r
    return max(by_year)


# The files of yearly returns (the 903's): only those are validated, and only they make a validation's inputs.
_RETURN_TABLES = tuple(t for f in registry.FORMATS if not f.is_list for t in f.tables())
_YEARLY = "table_name IN (" + ", ".join(f"'{t}'" for t in _RETURN_TABLES) + ")"


def _validation_inputs(con, sid: int, year: int, reference: InUse) -> str:
    """What a return's validation depends on: its files and last year's, by checksum, then the
    reference files and council LA it was checked against (readable, so the store says which)."""
    parts = con.execute(f"""SELECT return_year || ':' || table_name || ':' || sha256 FROM source_files
                            WHERE snapshot_id = ? AND return_year IN (?, ?) AND {_YEARLY}""", [sid, year, year - 1]).fetchall()
    files = hashlib.sha256(",".join(sorted(p for (p,) in parts)).encode()).hexdigest()
    return f"{files} {reference.key}" if reference.key else files


def _record_validation(con, sid: int, validation: Validation, reference: InUse, progress=None) -> None:
    """Run each return's DfE rules and keep the results with the snapshot (errors are findings, not failures).

    A return whose files (and last year's) were validated in an earlier snapshot is not run again:
    its results are copied, pointing at this snapshot's files.
    """
    as_at = con.execute("SELECT as_at FROM snapshots WHERE snapshot_id = ?", [sid]).fetchall()[0][0]
    # A year still in progress is not a return yet: the DfE rules assume the year has ended (OC2 due
    # for everyone in care a year at 31 March, ages at 31 March ...), so it is checked once complete.
    # Returns older than careboard's first rule set are not checked at all (Validation.checks_on_load).
    years = [y for (y,) in con.execute(f"SELECT DISTINCT return_year FROM source_files WHERE snapshot_id = ? AND {_YEARLY}",
                                       [sid]).fetchall() if validation.checks_on_load(y) and year_end(y) <= as_at]
    to_run = []
    for year in years:
        key = _validation_inputs(con, sid, year, reference)
        done = con.execute("SELECT snapshot_id, rules_run FROM validation_runs WHERE inputs = ? LIMIT 1", [key]).fetchall()
        if not done:
            to_run.append((year, key))
            continue
        old, rules_run = done[0]
        con.execute("INSERT INTO validation_runs VALUES (?, ?, ?, ?)", [sid, year, key, rules_run])
        for table in ("validation_failures", "validation_not_run"):
            cols = [c for (c,) in con.execute(f"SELECT name FROM pragma_table_info('{table}')").fetchall()]
            picked = ", ".join("?" if c == "snapshot_id" else
                               "(SELECT n.file_id FROM source_files o JOIN source_files n ON n.table_name = o.table_name "
                               "AND n.return_year = o.return_year AND n.snapshot_id = ? "
                               "WHERE o.snapshot_id = v.snapshot_id AND o.file_id = v.file_id)" if c == "file_id"
                               else f'v."{c}"' for c in cols)
            params = [sid, sid] if "file_id" in cols else [sid]
            con.execute(f"INSERT INTO {table} SELECT {picked} FROM {table} v WHERE v.snapshot_id = ? AND v.return_year = ?",
                        params + [old, year])
    if not to_run:
        return
    reference.keep_postcodes_used(con, (f"{staging_name('episodes')} WHERE snapshot_id = {int(sid)}",))
    say = progress or (lambda text: None)
    say("validating " + " and ".join(f"{y - 1}/{y % 100:02d}" for y, _ in to_run) + " against the DfE rules")
    for outcome in validation.run(con, sid, [y for y, _ in to_run], reference.available):
        key = dict(to_run)[outcome.year]
        con.execute("INSERT INTO validation_runs VALUES (?, ?, ?, ?)", [sid, outcome.year, key, outcome.rules_run])
        con.execute(f"""INSERT INTO validation_failures SELECT ?, ?, rule, severity, "table", "row", line, file_id,
                        child, fields, "values", message FROM {outcome.failures.source}""", [sid, outcome.year])
        say(f"validated {outcome.year - 1}/{outcome.year % 100:02d}: {counted(outcome.rules_run, 'rule')} run, "
            f"{counted(len(outcome.failures), 'failing row')}")
        outcome.failures.drop()
        if outcome.not_run:
            con.executemany("INSERT INTO validation_not_run VALUES (?, ?, ?, ?, ?)",
                            [(sid, outcome.year, n.rule, n.reason, n.crashed) for n in outcome.not_run])


def _stage(con, sid: int, to_stage: dict[str, list[tuple[RawTable, int, int]]]) -> None:
    """Type every newly read file into staging: one INSERT per table over all its files (ten years
    of a council's returns are some 90 small files, and a statement per file costs more than its rows)."""
    for table, items in to_stage.items():
        sources = [table_source(con, t, f"raw_in_{i}") for i, (t, _, _) in enumerate(items)]
        parts = [typed_select(table, source.sql, getattr(t, "padded", True)).replace("$snapshot_id", str(sid))
                 .replace("$return_year", str(year)).replace("$file_id", str(file_id))
                 for source, (t, year, file_id) in zip(sources, items)]
        try:
            con.execute(f"INSERT INTO {staging_name(table)} {insert_columns(table)} " + " UNION ALL ".join(parts),
                        [p for source in sources for p in source.params])
        finally:
            for source in sources:
                release(con, source)


def _year_gaps(returns: list[Return]) -> list[Finding]:
    """A year missing between the first and last return breaks every history that spans it."""
    years = sorted(r.year for r in returns)
    missing = [y for y in range(years[0], years[-1] + 1) if y not in years]
    return [Finding("warning", "missing_year", str(returns[0].folder.parent), None, None, None, None,
                    f"no return for {y - 1}/{y % 100:02d} was loaded: periods of care, placements and reviews "
                    f"across that year are incomplete, and measures looking back over it will be wrong")
            for y in missing]


def _sources(returns: list[Return], lists: list[SourceFile], as_at: date) -> tuple[str, date | None, date | None]:
    """The formats a snapshot's files are in (their ids, comma-separated) and the period they cover: from
    the start of the earliest return's period to the end of the latest's (a 903 return's is its collection
    year; a list's the months before the as-at date it was taken on)."""
    kinds, spans = set(), []
    for r in returns:
        for fmt in {registry.format_of(table) for f in r.files for table, _ in f.table_names()}:
            kinds.add(fmt)
            spans.append(fmt.period.span(r.year))
    for fmt in {registry.format_of(table) for f in lists for table, _ in f.table_names()}:
        kinds.add(fmt)
        spans.append(fmt.period.span(as_at))
    return (",".join(f.id for f in registry.FORMATS if f in kinds), min((s for s, _ in spans), default=None),
            max((e for _, e in spans), default=None))


def _write(con, returns, lists, as_at, collection_year, fingerprint, label, validation: Validation | None,
           reference: InUse | None, progress=None) -> LoadResult:
    sid = next_snapshot_id(con)
    con.execute("""INSERT INTO snapshots (snapshot_id, as_at, collection_year, first_year, loaded_at, fingerprint, label,
                                          source_formats, period_start, period_end)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [sid, as_at, collection_year, min((r.year for r in returns), default=collection_year), datetime.now(),
                 fingerprint, label, *_sources(returns, lists, as_at)])
    rows: dict[str, int] = {t: 0 for t in registry.all_tables()}
    given: set[str] = set()
    findings: list[tuple[Finding, int | None]] = []
    file_id = 0
    copies: list[tuple[int, int, StoredTable]] = []
    files_rows: list[tuple] = []
    new_files: list[int] = []
    to_stage: dict[str, list[tuple[RawTable, int, int]]] = {}
    # A list's rows are stored under the collection year its as-at date falls in.
    for f, year in [(f, r.year) for r in returns for f in r.files] + [(f, year_ending(as_at)) for f in lists]:
        for st in f.stored:
            file_id += 1
            copies.append((file_id, year, st))
            files_rows.append((sid, file_id, str(f.path), f.sha256, st.table, year, st.fmt, st.encoding, st.rows,
                               st.sheet))
            rows[st.table] += st.rows
            given.add(st.table)
        for t in f.tables:
            file_id += 1
            files_rows.append((sid, file_id, str(f.path), f.sha256, t.table, year, t.fmt, t.encoding, len(t), t.sheet))
            given.add(t.table)
            findings += [(x, file_id) for x in t.findings]
            new_files.append(file_id)
            if len(t):
                to_stage.setdefault(t.table, []).append((t, year, file_id))
                rows[t.table] += len(t)
    carried = _same_day(con, sid, as_at, given)
    for path, sha, st in carried:
        file_id += 1
        copies.append((file_id, st.return_year, st))
        files_rows.append((sid, file_id, path, sha, st.table, st.return_year, st.fmt, st.encoding, st.rows, st.sheet))
        rows[st.table] += st.rows
    given |= {st.table for _, _, st in carried}
    carried_return = _say_carried(con, sid, carried, as_at)
    if progress:
        progress(f"checking and storing {sum(len(t) for tables in to_stage.values() for t, _, _ in tables):,} rows")
    _stage(con, sid, to_stage)
    findings += [(gap, None) for gap in (_year_gaps(returns) if returns else [])]
    for x, fid in findings:
        con.execute("INSERT INTO dq_findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [sid, x.severity, x.code, x.table, fid, x.line, x.child, x.field, x.value, x.message])
    # One statement for the file list: a round trip per file costs more than the rows of a month's file.
    con.execute("INSERT INTO source_files VALUES " + ", ".join(["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"] * len(files_rows)),
                [v for row in files_rows for v in row])
    if copies:
        _copy_stored(con, sid, copies)
    checks.record_findings(con, sid, new_files)
    annex_a_links.record_annex_a_links(con, sid)
    year_findings.record_dates_after(con, sid, as_at)
    if reference is not None:       # None: --no-validate
        _record_validation(con, sid, validation, reference, progress)
    c = snapshot_counts(con, sid)
    return LoadResult(sid, as_at, collection_year, False, rows, c.findings, c.finding_errors, counts=c,
                      lists_only=not returns and not carried_return, given=frozenset(given),
                      carried=_carried_note(carried, as_at))


def _same_day(con, sid: int, as_at: date, given: set[str]) -> list[tuple[str, str, StoredTable]]:
    """The files an earlier snapshot of the same day holds that this load has none of, as (path, checksum, stored
    table): each of the council's lists it lacks (from the latest snapshot holding it), and, for a load of lists
    alone, the return of the latest snapshot holding one (every year of it, whose DfE results are copied with it:
    _record_validation). A month's lists and its return loaded apart are one month's data, and the commands read
    the snapshot loaded last."""
    found = [(path, sha, StoredTable(*rest)) for path, sha, *rest in con.execute("""
        SELECT f.path, f.sha256, f.table_name, f.format, f.encoding, f.rows, f.return_year, f.snapshot_id, f.file_id,
               f.sheet
        FROM source_files f JOIN snapshots s USING (snapshot_id) WHERE s.as_at = ? AND f.snapshot_id <> ?
        ORDER BY f.snapshot_id, f.file_id""", [as_at, sid]).fetchall()]
    latest_list = {st.table: st.snapshot_id for _, _, st in found if st.table not in _RETURN_TABLES}
    return_from = max((st.snapshot_id for _, _, st in found if st.table in _RETURN_TABLES), default=None)
    has_return = any(t in _RETURN_TABLES for t in given)
    return [(path, sha, st) for path, sha, st in found
            if st.table not in _RETURN_TABLES and st.table not in given and st.snapshot_id == latest_list[st.table]
            or st.table in _RETURN_TABLES and not has_return and st.snapshot_id == return_from]


def _say_carried(con, sid: int, carried: list[tuple[str, str, StoredTable]], as_at: date) -> bool:
    """Record in the snapshot's row the formats, period and years of the files carried from another snapshot of
    the same day; whether a return was among them."""
    if not carried:
        return False
    formats, start, end, first = con.execute("SELECT source_formats, period_start, period_end, first_year FROM "
                                             "snapshots WHERE snapshot_id = ?", [sid]).fetchone()
    kinds = set(filter(None, formats.split(",")))
    spans = [(start, end)] if start is not None else []
    years = [st.return_year for _, _, st in carried if st.table in _RETURN_TABLES]
    for _, _, st in carried:
        fmt = registry.format_of(st.table)
        kinds.add(fmt.id)
        spans.append(fmt.period.span(st.return_year if st.table in _RETURN_TABLES else as_at))
    con.execute("UPDATE snapshots SET source_formats = ?, period_start = ?, period_end = ?, first_year = ? "
                "WHERE snapshot_id = ?", [",".join(f.id for f in registry.FORMATS if f.id in kinds),
                                          min(s for s, _ in spans), max(e for _, e in spans),
                                          min([first, *years]), sid])
    return bool(years)


def _carried_note(carried: list[tuple[str, str, StoredTable]], as_at: date) -> str:
    if not carried:
        return ""
    by_snapshot: dict[int, list[str]] = {}
    for _, _, st in carried:
        named = by_snapshot.setdefault(st.snapshot_id, [])
        words = registry.table(st.table).in_text if registry.format_of(st.table).is_list else "SSDA903 return"
        if words not in named:
            named.append(words)
    return " ".join(f"The {listed(names)} of snapshot {n}, taken the same day ({as_at:%d/%m/%Y}), "
                    f"{'is' if len(names) == 1 else 'are'} read with this one, which has none of "
                    f"{'its' if len(names) == 1 else 'their'} own." for n, names in by_snapshot.items())
