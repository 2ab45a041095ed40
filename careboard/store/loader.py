"""Loading returns into the store as one immutable snapshot, all or nothing."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .. import spec
from ..dates import year_end, year_ending
from ..ingest.errors import Finding, InputError
from ..ingest.files import Return, discover
from ..ingest.raw import RawTable
from . import checks
from .schema import staging_name, typed_select


@dataclass
class LoadResult:
    snapshot_id: int
    as_at: date
    collection_year: int
    already_loaded: bool
    rows: dict[str, int] = field(default_factory=dict)
    findings: int = 0
    errors: int = 0

    def summary(self) -> str:
        if self.already_loaded:
            return (f"These files were already loaded as snapshot {self.snapshot_id} "
                    f"(as at {self.as_at:%d/%m/%Y}); nothing was changed.")
        rows = ", ".join(f"{n} {t}" for t, n in self.rows.items() if n)
        return (f"Loaded snapshot {self.snapshot_id} as at {self.as_at:%d/%m/%Y} "
                f"(collection year {self.collection_year - 1}/{self.collection_year % 100:02d}): {rows}. "
                f"{self.findings} data-quality finding(s), {self.errors} error(s).")


def _arrow(t: RawTable):
    import pyarrow as pa

    arrays = [pa.array(col, pa.string()) for col in t.cells]
    arrays += [pa.array(t.line_no, pa.int32()), pa.array(t.row_no, pa.int32())]
    return pa.Table.from_arrays(arrays, names=list(t.columns) + ["line_no", "row_no"])


def _infer_year(con, r: Return) -> int:
    """The collection year a return covers: from its folder name, else its latest event date."""
    if r.year:
        return r.year
    latest = None
    for t in r.tables():
        s = spec.table(t.table)
        cols = [c for c in ("DECOM", "DEC", "REVIEW", "MIS_START", "MIS_END") if c in s.columns]
        if not cols or not len(t):
            continue
        arrow = _arrow(t)  # noqa: F841  (read by DuckDB below)
        greatest = "greatest(" + ", ".join(f"try_strptime(trim(\"{c}\"), '%d/%m/%Y')" for c in cols) + ")"
        d = con.execute(f"SELECT max({greatest})::DATE FROM arrow").fetchone()[0]
        if d and (latest is None or d > latest):
            latest = d
    if latest is None:
        raise InputError(str(r.folder), "cannot tell which collection year this return covers "
                                        "(no dated episodes); name the folder like 2024-25 or pass --year")
    return year_ending(latest)


def _fingerprint(returns: list[Return], as_at: date) -> str:
    h = hashlib.sha256()
    for sha in sorted(f.sha256 for r in returns for f in r.files):
        h.update(sha.encode())
    h.update(as_at.isoformat().encode())
    return h.hexdigest()


def load(con, paths: list[Path], *, as_at: date | None = None, year: int | None = None,
         label: str | None = None, strict: bool = False) -> LoadResult:
    """Read every file under `paths` and store them as one snapshot.

    Files are read and checked before the store is touched; the writes happen in one transaction,
    so a failure leaves the store exactly as it was.
    """
    returns = discover([Path(p) for p in paths])
    if year is not None:
        if len(returns) > 1:
            raise InputError(", ".join(map(str, paths)), "--year applies to a single return, but several folders were given")
        returns[0].year = year
    return load_returns(con, returns, as_at=as_at, label=label, strict=strict)


def load_returns(con, returns: list[Return], *, as_at: date | None = None, label: str | None = None,
                 strict: bool = False) -> LoadResult:
    """Store returns already read (and possibly given their years) as one snapshot."""
    paths = [r.folder for r in returns]
    for r in returns:
        r.year = _infer_year(con, r)
    by_year: dict[int, Return] = {}
    for r in returns:
        if r.year in by_year:
            raise InputError(str(r.folder), f"is a second return for {r.year - 1}/{r.year % 100:02d} "
                                            f"(the first is {by_year[r.year].folder})")
        by_year[r.year] = r
    collection_year = max(by_year)
    if as_at is None:
        as_at = min(year_end(collection_year), date.today())
    fingerprint = _fingerprint(returns, as_at)
    existing = con.execute("SELECT snapshot_id, as_at, collection_year FROM snapshots WHERE fingerprint = ?",
                           [fingerprint]).fetchone()
    if existing:
        return LoadResult(existing[0], existing[1], existing[2], already_loaded=True)

    con.execute("BEGIN TRANSACTION")
    try:
        result = _write(con, returns, as_at, collection_year, fingerprint, label)
        if strict and result.errors:
            raise InputError(", ".join(map(str, paths)), f"{result.errors} data error(s) found and --strict was given; nothing was loaded")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return result


def _write(con, returns, as_at, collection_year, fingerprint, label) -> LoadResult:
    sid = con.execute("SELECT coalesce(max(snapshot_id), 0) + 1 FROM snapshots").fetchone()[0]
    con.execute("INSERT INTO snapshots VALUES (?, ?, ?, ?, ?, ?, ?)",
                [sid, as_at, collection_year, min(r.year for r in returns), datetime.now(), fingerprint, label])
    rows: dict[str, int] = {t: 0 for t in spec.tables()}
    findings: list[tuple[Finding, int | None]] = []
    file_id = 0
    for r in returns:
        for f in r.files:
            for t in f.tables:
                file_id += 1
                con.execute("INSERT INTO source_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            [sid, file_id, str(f.path), f.sha256, t.table, r.year, t.fmt, t.encoding, len(t)])
                findings += [(x, file_id) for x in t.findings]
                if not len(t):
                    continue
                arrow = _arrow(t)  # noqa: F841  (read by DuckDB below)
                con.execute(f"INSERT INTO {staging_name(t.table)} {typed_select(t.table, 'arrow')}",
                            {"snapshot_id": sid, "return_year": r.year, "file_id": file_id})
                rows[t.table] += len(t)
    for x, fid in findings:
        con.execute("INSERT INTO dq_findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [sid, x.severity, x.code, x.table, fid, x.line, x.child, x.field, x.value, x.message])
    checks.record_findings(con, sid)
    n, errors = con.execute("SELECT count(*), count(*) FILTER (severity = 'error') FROM dq_findings "
                            "WHERE snapshot_id = ?", [sid]).fetchone()
    return LoadResult(sid, as_at, collection_year, False, rows, n, errors)
