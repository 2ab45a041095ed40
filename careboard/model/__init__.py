"""Modelled views: periods of care, placements, carers, legal statuses, adoption journeys, cohorts.

Each view is one SELECT in ``sql/<name>.sql`` over the staging tables (or earlier views). For a
chosen snapshot they are materialised once as temporary tables, so every indicator and rule reads
the same, already-computed model.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from ..calendar import register_calendar
from ..ingest.errors import InputError

# Build order: each view may read the ones before it.
VIEWS = ("children", "episodes", "periods", "placements", "carers", "legal_statuses", "reviews",
         "review_schedule", "missing", "adoptions", "oc2_cohort", "care_leavers", "sw_episodes")

# Which staging tables each view (or engine macro) reads, so a figure can say which inputs it rests on.
VIEW_INPUTS = {
    "children": ("header", "uasc"), "episodes": ("episodes",), "cla_on": ("episodes",), "periods": ("episodes",),
    "placements": ("episodes",), "carers": ("episodes",), "legal_statuses": ("episodes",),
    "reviews": ("reviews",), "review_schedule": ("reviews", "episodes"), "missing": ("missing",),
    "adoptions": ("episodes", "ad1"),
    "oc2_cohort": ("episodes", "oc2"), "care_leavers": ("oc3", "header", "episodes"), "sw_episodes": ("sw_episodes",),
}

_SQL = Path(__file__).with_name("sql")


@cache
def view_sql(name: str) -> str:
    return (_SQL / f"{name}.sql").read_text()


def build_model(con, snapshot_id: int) -> None:
    """Materialise every view for one snapshot as temporary tables on this connection."""
    row = con.execute("SELECT as_at, first_year FROM snapshots WHERE snapshot_id = ?", [snapshot_id]).fetchone()
    if row is None:
        raise KeyError(f"no snapshot {snapshot_id}")
    if row[0] < date(row[1] - 1, 4, 1):
        # Only a store written before careboard checked years against the as-at date holds one of these.
        raise InputError(f"snapshot {snapshot_id}", f"its first collection year, {row[1] - 1}/{row[1] % 100:02d}, "
                                                    f"begins after its as-at date {row[0]:%d/%m/%Y}: the years were "
                                                    f"misread when it was loaded; remove it (careboard snapshots "
                                                    f"--remove {snapshot_id}) and load the files again")
    # Working days for timescales (review_schedule), from the first collection year loaded to past the as-at date.
    register_calendar(con, row[1] - 1, row[0].year + 1)
    params = {"snapshot_id": snapshot_id, "as_at": row[0]}
    for name in VIEWS:
        sql = view_sql(name)
        used = {k: v for k, v in params.items() if f"${k}" in sql}
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}", used)
