"""Modelled views: periods of care, placements, carers, legal statuses, adoption journeys, cohorts.

Each view is one SELECT in ``sql/<name>.sql`` over the staging tables (or earlier views). For a
chosen snapshot they are materialised once as temporary tables, so every indicator and rule reads
the same, already-computed model.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..calendar import register_calendar

# Build order: each view may read the ones before it.
VIEWS = ("children", "episode_rows", "episodes", "periods", "placements", "carers", "legal_statuses", "reviews",
         "review_schedule", "missing", "adoptions", "oc2_cohort", "care_leavers", "sw_episodes")

# Which staging tables each view (or engine macro) reads, so a figure can say which inputs it rests on.
VIEW_INPUTS = {
    "children": ("header", "uasc"), "episodes": ("episodes",), "cla_on": ("episodes",), "periods": ("episodes",),
    "placements": ("episodes",), "carers": ("episodes",), "legal_statuses": ("episodes",),
    "reviews": ("reviews",), "review_schedule": ("reviews", "episodes"), "missing": ("missing",),
    "adoptions": ("episodes", "ad1"),
    "oc2_cohort": ("episodes", "oc2"), "care_leavers": ("oc3", "header", "episodes"), "sw_episodes": ("sw_episodes",),
}

# How several years' returns are read together (see docs/indicators.md, "Reading several years"):
#   latest   - data as loaded now: every return, a later return's version of an episode replacing an
#              earlier one's for all of its dates, so corrections made since reach back into history;
#   per-year - the DfE's convention: a date is counted from the returns up to the collection year that
#              contains it, so what was returned for that year stands, as in the published figures.
HISTORY = ("latest", "per-year")
DEFAULT_HISTORY = "latest"
ALL_YEARS = 9999    # upto_year that reads every return

_SQL = Path(__file__).with_name("sql")


@cache
def view_sql(name: str) -> str:
    return (_SQL / f"{name}.sql").read_text()


def build_model(con, snapshot_id: int, upto_year: int = ALL_YEARS, *, views: tuple[str, ...] = VIEWS) -> None:
    """Materialise every view for one snapshot as temporary tables on this connection.

    `upto_year` reads only the returns up to that collection year (the per-year reading); ALL_YEARS
    reads them all. `views` rebuilds only some views from the tables already built (for tests that alter one).
    """
    row = con.execute("SELECT as_at, first_year FROM snapshots WHERE snapshot_id = ?", [snapshot_id]).fetchone()
    if row is None:
        raise KeyError(f"no snapshot {snapshot_id}")
    # Working days for timescales (review_schedule), from the earliest year with data (reviews may go back
    # before the first return when one file holds several years) to past the as-at date.
    earliest = con.execute("SELECT min(year(\"REVIEW\")) FROM stg_reviews WHERE snapshot_id = ?", [snapshot_id]).fetchone()[0]
    # (a review dated before 1950 is a typing slip, not history, and does not stretch the calendar)
    register_calendar(con, min(row[1] - 1, max(earliest or row[1], 1950)), row[0].year + 1)
    params = {"snapshot_id": snapshot_id, "as_at": row[0], "upto_year": upto_year or ALL_YEARS}
    for name in views:
        sql = view_sql(name)
        used = {k: v for k, v in params.items() if f"${k}" in sql}
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}", used)
