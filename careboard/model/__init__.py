"""Modelled views: periods of care, placements, carers, legal statuses, adoption journeys, cohorts.

Each view is one SELECT in ``sql/<name>.sql`` over the staging tables (or earlier views), written with
the definitions in ``concepts/`` that the DfE rules' per-return tables use too. For a
chosen snapshot they are materialised once as temporary tables, so every indicator and rule reads
the same, already-computed model.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from ..calendar import register_calendar
from ..errors import InputError
from ..readings import DEFAULT_HISTORY, HISTORY, HISTORY_NOTES  # noqa: F401 (the model's vocabulary)
from ..sql import install as install_macros
from .concepts import ALL_YEARS, filled, sql_file

# Build order: each view may read the ones before it.
VIEWS = ("children", "episode_rows", "episodes", "periods", "placements", "carers", "legal_statuses", "reviews",
         "review_schedule", "missing", "adoptions", "oc2_cohort", "care_leavers", "sw_episodes", "activities",
         "fostering_households", "fostering_applications", "temporary_approvals", "private_fostering",
         "support_requests", "annex_a_adoption", "annex_a_adopters", "annex_a_leavers")

# Which staging tables each view (or engine macro) reads, so a figure can say which inputs it rests on.
VIEW_INPUTS = {
    "children": ("header", "uasc"), "episodes": ("episodes",), "cla_on": ("episodes",), "periods": ("episodes",),
    "placements": ("episodes",), "carers": ("episodes",), "legal_statuses": ("episodes",),
    "reviews": ("reviews",), "review_schedule": ("reviews", "episodes"), "missing": ("missing",),
    "adoptions": ("episodes", "ad1"),
    "oc2_cohort": ("episodes", "oc2"), "care_leavers": ("oc3", "header", "episodes"), "sw_episodes": ("sw_episodes",),
    "activities": ("child_activities",), "fostering_households": ("fostering_households",),
    "fostering_applications": ("fostering_applications",), "temporary_approvals": ("temporary_approvals",),
    "private_fostering": ("private_fostering",), "support_requests": ("support_requests",),
    "annex_a_adoption": ("annex_a_adoption",), "annex_a_adopters": ("annex_a_adopters",),
    # (not named annex_a_care_leavers: a view's name is looked for in SQL as text, and care_leavers is one too)
    "annex_a_leavers": ("annex_a_care_leavers",),
    # the due dates of visits, health checks, PEPs, pathway plans and return interviews (indicators/due.py)
    "visits_due": ("child_activities", "episodes"), "health_due": ("child_activities", "episodes", "header"),
    "dental_due": ("child_activities", "episodes"), "pep_due": ("child_activities", "episodes", "header"),
    "pathway_plan_due": ("child_activities", "episodes", "header"),
    "return_interviews": ("child_activities", "missing"),
}

# How the model reads several years' returns, for the indicator catalogue (docs/indicators.md).
READING_NOTES = """## Reading several years of returns

- **Children, not rows.** Every figure about children counts each child once. A child has one episode at a
  time, so an episode still open when the child's next one begins, or ending after it began (a data error, DfE
  rule 501, such as an end date mistyped 2029 for 2019), is read as ending when the next begins: the child is
  in the episode that started last, and out of care once it ends with a leaving. The next episode continues
  the same period of care unless it starts a new one (RNE S): only a gap between two episodes, or an end for
  another reason, begins another.
- **Stitching.** Episodes are matched across returns on CHILD + DECOM; the later return's version wins.
- **Stale open episodes.** An episode open (no DEC) at the end of the last return that holds it, while a
  later return is loaded without it, is stale: each return holds every episode open during its year, so the
  later one says it did not go on. careboard reads it as ending on 1 April after the last year that holds it
  (the child still counts on that 31 March, as its return says), or when the child's next episode starts if
  sooner, which then continues the same period of care unless it starts a new one (RNE S). No reason is
  given for that end, so the child is not counted as leaving care. `load` records each as a warning
  (`stale_open_episode`) naming the file and line.
- **Two episodes starting the same day.** When one of two episodes with the same CHILD and DECOM also ended
  that day (DEC = DECOM, the DfE's query 355), they are the child's two episodes that day, not a duplicate:
  `load` records a warning (`same_day_episode`), `--strict` still loads, and careboard keeps the longer one
  with the first one's reason for new episode, so a child who started care and moved that day still starts
  care once, in one placement. Any other repeat of CHILD + DECOM in a file is an error (`duplicate_key`).
- **Data as loaded now, or per year.** `--history latest` (the default for `indicators`, `children`, `due`
  and `report`) works out every date from all the returns loaded, so corrections made in later returns
  reach back into history. `--history per-year` follows the DfE's convention: a date is counted from the
  returns up to the collection year that contains it (for a figure over a period, the year of its last
  day), so past figures stay as they were returned (and as the DfE published them). The two agree for the
  current year; the report's notes say which was used. On the demo's synthetic returns, which never
  correct an earlier year, they give the same figures.
- **Reviews.** Reviews are known from the start of the first year loaded, or from the year of the earliest
  review loaded when one file holds several years, so the schedule of a period of care that began in that
  time runs from its start.
"""

_SQL = Path(__file__).with_name("sql")


@cache
def view_sql(name: str) -> str:
    """A modelled view's SELECT (episode_rows, the returns stitched, is one of the definitions in concepts/)."""
    path = _SQL / f"{name}.sql"
    return path.read_text() if path.exists() else sql_file(name)


def build_model(con, snapshot_id: int, upto_year: int = ALL_YEARS, *, views: tuple[str, ...] = VIEWS) -> None:
    """Materialise every view for one snapshot as temporary tables on this connection.

    `upto_year` reads only the returns up to that collection year (the per-year reading); ALL_YEARS
    reads them all. `views` rebuilds only some views from the tables already built (for tests that alter one).
    """
    row = con.execute("SELECT as_at, first_year FROM snapshots WHERE snapshot_id = ?", [snapshot_id]).fetchone()
    if row is None:
        raise KeyError(f"no snapshot {snapshot_id}")
    if row[0] < date(row[1] - 1, 4, 1):
        # Only a store written before careboard checked years against the as-at date holds one of these.
        raise InputError(f"snapshot {snapshot_id}", f"its first collection year, {row[1] - 1}/{row[1] % 100:02d}, "
                                                    f"begins after its as-at date {row[0]:%d/%m/%Y}: the years were "
                                                    f"misread when it was loaded; remove it (careboard snapshots "
                                                    f"--remove {snapshot_id}) and load the files again")
    # Working days for timescales (review_schedule, the due dates of visits and health checks), from the
    # earliest year with data (reviews may go back before the first return when one file holds several years)
    # to past the as-at date.
    # Due dates count working days from when a child came into care, which may be years before the returns.
    earliest = con.execute("""SELECT least((SELECT min(year("REVIEW")) FROM stg_reviews WHERE snapshot_id = $s),
                                           (SELECT min(year("DECOM")) FROM stg_episodes WHERE snapshot_id = $s))""",
                           {"s": snapshot_id}).fetchone()[0]
    # (a date before 1950 is a typing slip, not history, and does not stretch the calendar)
    register_calendar(con, min(row[1] - 1, max(earliest or row[1], 1950)), row[0].year + 1)
    install_macros(con)
    params = {"snapshot_id": snapshot_id, "as_at": row[0], "upto_year": upto_year or ALL_YEARS}
    for name in views:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {filled(view_sql(name), params)}")
