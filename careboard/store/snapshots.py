"""Listing and removing snapshots."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ..formats import registry
from ..tables.schema import staging_name


@dataclass(frozen=True)
class Snapshot:
    snapshot_id: int
    as_at: date
    collection_year: int
    first_year: int
    loaded_at: datetime
    label: str | None
    files: int
    episodes: int
    errors: int                         # the load's data-quality findings that are errors
    rule_errors: int | None             # the failing rows of the DfE rules that are errors (None: rules not run)
    source_formats: tuple[str, ...]     # the formats its files are in, by id: ("ssda903",)
    period_start: date | None           # the period its files cover (a 903 return's: its collection year)
    period_end: date | None


def list_snapshots(con) -> list[Snapshot]:
    rows = con.execute("""
SELECT s.snapshot_id, s.as_at, s.collection_year, s.first_year, s.loaded_at, s.label,
       (SELECT count(*) FROM source_files f WHERE f.snapshot_id = s.snapshot_id),
       (SELECT count(*) FROM stg_episodes e WHERE e.snapshot_id = s.snapshot_id),
       (SELECT count(*) FROM dq_findings d WHERE d.snapshot_id = s.snapshot_id AND d.severity = 'error'),
       CASE WHEN EXISTS (SELECT 1 FROM validation_runs r WHERE r.snapshot_id = s.snapshot_id)
            THEN (SELECT count(*) FROM validation_failures v WHERE v.snapshot_id = s.snapshot_id AND v.severity = 'error')
       END,
       s.source_formats, s.period_start, s.period_end
FROM snapshots s ORDER BY s.as_at, s.snapshot_id""").fetchall()
    return [Snapshot(*r[:-3], tuple(filter(None, (r[-3] or "").split(","))), *r[-2:]) for r in rows]


def looking_back(snapshots: list[Snapshot], snapshot_id: int | None = None) -> list[Snapshot]:
    """The snapshots a report on `snapshot_id` (default: the latest) looks back over, oldest first: one per
    as-at date up to its own, the one loaded last for each date (for its own date, itself). A corrected
    extract loaded again stands for its month whatever order the months were loaded in."""
    if not snapshots:
        return []
    chosen = next((s for s in snapshots if s.snapshot_id == snapshot_id), snapshots[-1])
    by_date = {s.as_at: s for s in snapshots if s.as_at <= chosen.as_at}   # (as_at, id) order: the last wins
    by_date[chosen.as_at] = chosen
    return list(by_date.values())


def remove_snapshot(con, snapshot_id: int) -> bool:
    """Delete one snapshot and everything loaded with it, in one transaction."""
    if not con.execute("SELECT 1 FROM snapshots WHERE snapshot_id = ?", [snapshot_id]).fetchone():
        return False
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("INSERT INTO removed_snapshots SELECT snapshot_id, as_at, ? FROM snapshots WHERE snapshot_id = ?",
                    [datetime.now().replace(microsecond=0), snapshot_id])
        for t in registry.all_tables():
            con.execute(f"DELETE FROM {staging_name(t)} WHERE snapshot_id = ?", [snapshot_id])
        for t in ("validation_failures", "validation_not_run", "validation_runs", "dq_findings", "source_files", "snapshots"):
            con.execute(f"DELETE FROM {t} WHERE snapshot_id = ?", [snapshot_id])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return True


def next_snapshot_id(con) -> int:
    """One more than any snapshot's id, held or removed: an id is never given twice."""
    return con.execute("SELECT greatest((SELECT coalesce(max(snapshot_id), 0) FROM snapshots), "
                       "(SELECT coalesce(max(snapshot_id), 0) FROM removed_snapshots)) + 1").fetchone()[0]


def removed(con, snapshot_id: int) -> tuple[date, datetime] | None:
    """When snapshot `snapshot_id` was removed, and its as-at date; None if it never was (or the store, made
    before removals were kept and opened read-only, cannot say)."""
    held, = con.execute("SELECT count(*) FROM information_schema.tables "
                        "WHERE table_name = 'removed_snapshots'").fetchone()
    if not held:
        return None
    return con.execute("SELECT as_at, removed_at FROM removed_snapshots WHERE snapshot_id = ?",
                       [snapshot_id]).fetchone()
