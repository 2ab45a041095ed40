"""Synthetic local lists (docs/local-lists.md) for a simulated council, consistent with its SSDA903 children:
the visits, health assessments, dental checks, PEPs, pathway plans and return interviews of the children in
care; fostering households where its own foster placements are (one household per placement address, connected
where the placement is with a relative or friend) and their applications; temporary approvals for connected
placements; private fostering notifications and adoption and special guardianship support requests.

    lists = LocalLists.build(timeline, since=date(2024, 1, 31))
    lists.export(date(2025, 1, 31), Path("extract/lists"), errors=["unknown_code"])

Everything is drawn once from the timeline (each child's events from a random stream of their own), then cut
as at each date: a row appears once its first event has happened, dates after the as-at date are blank
(except planned ones: predicted panel, 16-week and extension dates), a code waits for the event that sets it,
and rows whose last event is more than the list's 12 months back are left off. So the monthly lists of the
demo agree with each other and with the 903 extracts taken on the same days.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from random import Random
from typing import Sequence

from ..formats import registry
from .calendar import add_months, add_weekdays, age_on, birthday, fmt
from .export import InjectedError
from .mixes import Weighted, choose
from .timeline import Child, Episode, Timeline

_FORMAT = registry.get("local_lists")
_FOSTER = {"U1", "U2", "U3", "U4", "U5", "U6"}
_CONNECTED = {"U1", "U2", "U3"}
_WORKERS = ("Ali Khan", "Jo Bloggs", "Sam Patel", "Chris Lee", "Pat Jones", "Mo Ahmed", "Sue Grant", "Kim Evans",
            "Lee Wong", "Ann Price", "Raj Mehta", "Tom Hardy", "Eve Carter", "Dan Moss", "Zoe Hart", "Ian Bell")
_SOURCES = Weighted({"SCHOOL": 25, "SCHOOL_ADMISSIONS": 15, "PARENT": 12, "CARER": 10, "HEALTH": 12, "POLICE": 6,
                     "SOCIAL_CARE": 10, "OTHER_LA": 5, "SELF": 2, "OTHER": 3})
_DEREG = Weighted({"RETIRED": 30, "CIRCUMSTANCES": 30, "TO_AGENCY": 15, "TO_OTHER_LA": 5, "CONCERNS": 5, "OTHER": 15})
# Planned dates: they may lie after the day a list is taken, so they are not blanked.
_AHEAD = {"PANEL_PREDICTED", "WEEK_16", "EXTENDED_TO", "DUE"}


@dataclass
class Row:
    """One row of a list over its whole life. `values` by column: a date, text, a number, or a tuple of dates
    (the latest up to the as-at date is shown). `shown_from`: codes that are only known from a date (an
    outcome from the panel). The row is listed from `starts`, and until 12 months after `ends`."""

    table: str
    values: dict
    starts: date
    ends: date | None = None
    shown_from: dict[str, date] = field(default_factory=dict)
    settled: list[str] | None = field(default=None, init=False, repr=False, compare=False)   # as shown once its dates are past

    def as_at(self, d: date) -> list[str] | None:
        if self.starts > d:
            return None
        if self.settled is None or d < self.last_date:
            out = self._shown(d)
            if d < self.last_date:
                return out
            self.settled = out      # every later export shows the row the same: worked out once
        return list(self.settled)   # a copy: planting an error changes the export's rows

    @cached_property
    def last_date(self) -> date:
        dates = [x for v in self.values.values() for x in (v if isinstance(v, tuple) else (v,)) if isinstance(x, date)]
        return max([self.starts, *dates, *self.shown_from.values()])

    def _shown(self, d: date) -> list[str]:
        out = []
        for c in _FORMAT.table(self.table).all_columns:
            v = self.values.get(c)
            if isinstance(v, tuple):
                v = max((x for x in v if x <= d), default=None)
            if c in self.shown_from and self.shown_from[c] > d:
                out.append("")
            elif isinstance(v, date):
                out.append(fmt(v) if v <= d or c in _AHEAD else "")
            else:
                out.append("" if v is None else str(v))
        return out


@dataclass
class LocalLists:
    rows: dict[str, list[Row]]

    @classmethod
    def build(cls, timeline: Timeline, since: date) -> LocalLists:
        """Every row the council's lists hold from `since` to the end of the timeline."""
        rng = Random(f"{timeline.seed}|local lists")
        rows: dict[str, list[Row]] = {t: [] for t in _FORMAT.tables()}
        home = set(timeline.home_districts)
        for child in timeline.children:
            rows["child_activities"] += _activities(child, since, timeline.end, home, Random(f"{timeline.seed}|{child.id}|activities"))
        households, applications, approvals = _fostering(timeline, since, rng)
        rows["fostering_households"] += households
        rows["fostering_applications"] += applications
        rows["temporary_approvals"] += approvals
        scale = max(len(timeline.looked_after_on(timeline.end)), 1) / 400
        rows["private_fostering"] += _private_fostering(since, timeline.end, scale, rng)
        rows["support_requests"] += _support_requests(since, timeline.end, scale, rng)
        return cls(rows)

    def as_at(self, d: date) -> dict[str, list[list[str]]]:
        """Each list's rows as exported on `d`."""
        first, _ = _FORMAT.period.span(d)
        return {t: [r for row in rows if (row.ends is None or row.ends >= first) and (r := row.as_at(d))]
                for t, rows in self.rows.items()}

    def export(self, d: date, folder: Path, errors: Sequence[str] = ()) -> list[InjectedError]:
        """Write each list as exported on `d` into `folder` (one CSV a list, named by the list), planting the
        named errors (ERROR_KINDS) in random rows; returns where they went."""
        folder.mkdir(parents=True, exist_ok=True)
        lists = self.as_at(d)
        hits = _inject(Random(f"lists|{d.isoformat()}"), lists, d, errors)
        for table, rows in lists.items():
            with (folder / f"{table}.csv").open("w", newline="", encoding="utf-8") as f:
                w = csv.writer(f, lineterminator="\r\n")
                w.writerow(_FORMAT.table(table).all_columns)
                w.writerows(rows)
        return hits


# --- each child's activity log ------------------------------------------------------------------------

def _late(rng: Random, on_time: tuple[int, int], late: tuple[int, int], share_late: float) -> int:
    """Days after a start to an event: mostly within `on_time`, a share `late`."""
    low, high = late if rng.random() < share_late else on_time
    return low + int(rng.random() * (high - low + 1))


def _episode_on(child: Child, d: date) -> Episode | None:
    for e in child.episodes:
        if e.decom <= d and (e.dec is None or e.dec > d):
            return e
    return None


def _activities(child: Child, since: date, until: date, home: set[str], rng: Random) -> list[Row]:
    out: list[Row] = []
    worker = choose(rng, _WORKERS)
    done: set[tuple[str, date]] = set()     # two missing episodes ending the same day get one interview

    def add(activity: str, d: date, due: date | None = None, area: str = "") -> None:
        if d >= since and (activity, d) not in done:
            done.add((activity, d))
            team = "Leaving Care" if age_on(child.dob, d) >= 16 else f"Children in Care {1 + int(child.id[-1:] or 0) % 2}"
            out.append(Row("child_activities", {"CHILD": child.id, "ACTIVITY": activity, "DATE": d, "AREA": area,
                                                "TEAM": team, "WORKER": worker, "DUE": due}, d, d))

    def area(d: date) -> str:
        e = _episode_on(child, d)
        return "IN" if e and e.pl_post.split(" ")[0] in home else "OUT"

    for p in child.periods:
        end = p.end or until
        if end < since - timedelta(days=400) or p.short_break:
            continue
        for e in p.episodes:            # statutory visits: within a week of each placement, then 6-weekly
            stop = min(e.dec or until, end)
            due, d = e.decom + timedelta(days=7), e.decom + timedelta(days=_late(rng, (1, 7), (8, 20), 0.12))
            while d < stop:
                add("VISIT", d, due)
                due = d + timedelta(days=42)
                d += timedelta(days=_late(rng, (21, 42), (43, 75), 0.15))
        iha_due = add_weekdays(p.start, 20)
        iha = add_weekdays(p.start, _late(rng, (4, 20), (21, 50), 0.3))
        if iha < end:
            add("IHA", iha, iha_due, area(iha))
            last = iha
            while True:                 # review health assessments: 6-monthly under 5, yearly from 5
                due = add_months(last, 6 if age_on(child.dob, last) < 5 else 12)
                d = due + timedelta(days=_late(rng, (-40, 0), (1, 70), 0.18))
                if d >= end:
                    break
                add("RHA", d, due, area(d))
                last = d
        d = p.start + timedelta(days=_late(rng, (20, 120), (121, 250), 0.2))
        while d < end:                  # dental checks, yearly
            add("DENTAL", d, None)
            d += timedelta(days=_late(rng, (300, 365), (366, 480), 0.2))
        d, due = add_weekdays(p.start, _late(rng, (3, 10), (11, 40), 0.25)), add_weekdays(p.start, 10)
        while d < end:                  # PEPs for school-age children, termly
            if 3 <= age_on(child.dob, d) < 18:
                add("PEP", d, due)
            due = d + timedelta(days=122)
            d += timedelta(days=_late(rng, (80, 122), (123, 200), 0.15))
        sixteen = birthday(child.dob, 16)
        d = max(p.start, sixteen) + timedelta(days=_late(rng, (10, 90), (91, 200), 0.2))
        while d < min(end, birthday(child.dob, 18)):    # pathway plans from 16, reviewed 6-monthly
            add("PATHWAY_PLAN", d, add_months(max(p.start, sixteen), 3) if d < sixteen + timedelta(days=200) else None)
            d = add_months(d, 6) + timedelta(days=_late(rng, (-20, 0), (1, 60), 0.2))
    for m in child.missing:             # return interviews: offered within 72 hours of the return, mostly
        if m.end is None or rng.random() < 0.08:
            continue
        offered = m.end + timedelta(days=_late(rng, (0, 3), (4, 10), 0.25))
        add("RHI_OFFERED", offered, m.end + timedelta(days=3))
        if rng.random() < 0.7:
            add("RHI_DONE", offered + timedelta(days=_late(rng, (0, 3), (4, 14), 0.3)), m.end + timedelta(days=3))
    return out


# --- fostering -----------------------------------------------------------------------------------------

def _fostering(timeline: Timeline, since: date, rng: Random) -> tuple[list[Row], list[Row], list[Row]]:
    """Households at the council's own foster placements' addresses, their applications, and temporary
    approvals for the connected ones; plus vacant, short-break, supported lodgings and staying-put households
    and applications that were withdrawn or are still in assessment."""
    stays = [(c, e) for c in timeline.children for e in c.episodes
             if e.place in _FOSTER and e.provider == "PR1" and e.pl_post]
    # A connected carer is one child's relative or friend, at that placement's address; mainstream carers
    # take one child after another, so the council's own mainstream placements share a pool of households
    # about as large as those placements open at the end (several placements open at once in one home).
    mainstream = sorted({e.pl_post for c, e in stays if e.place not in _CONNECTED})
    pool = max(10, sum(1 for c, e in stays if e.place not in _CONNECTED and e.dec is None) * 3 // 4)
    home_of = {post: f"pool{i % pool}" for i, post in enumerate(mainstream)}
    placed: dict[str, list[tuple[Child, Episode]]] = {}
    for c, e in stays:
        placed.setdefault(e.pl_post if e.place in _CONNECTED else home_of[e.pl_post], []).append((c, e))
    homes = []                      # (approved, kind, places, deregistered, placements)
    for post, stays in sorted(placed.items()):
        stays.sort(key=lambda s: s[1].decom)
        first = stays[0][1]
        connected = first.place in _CONNECTED
        approved = (first.decom + timedelta(days=_late(rng, (60, 112), (113, 180), 0.15)) if connected
                    else first.decom - timedelta(days=30 + int(rng.random() * 2000)))
        last_end = max((e.dec or date.max) for _, e in stays)
        # A household with no child for long gives up (most are placed with again within months).
        dereg = last_end + timedelta(days=30 + int(rng.random() * 150)) if last_end < timeline.end - timedelta(days=250) else None
        homes.append((approved, "CONNECTED" if connected else "MAINSTREAM", min(3, len({c.id for c, _ in stays})),
                      dereg, stays))
    # Some mainstream households have no child yet, most of them approved in the last two or three years: one
    # for every five of the pool (not one for every eight homes the history ever had, which counted ten years
    # of connected carers and gave a 400-child council some 310 households where about 230 is usual).
    for kind, n, within in (("MAINSTREAM", pool // 5, 900), ("SHORT_BREAKS", 4, 2500), ("SUPPORTED_LODGINGS", 4, 2500),
                            ("STAYING_PUT", 6, 2500)):
        for _ in range(n):
            approved = timeline.end - timedelta(days=int(rng.random() * within))
            homes.append((approved, kind, 1 + int(rng.random() * 2), None, []))
    homes.sort(key=lambda h: h[0])
    households, applications, approvals = [], [], []
    for n, (approved, kind, places, dereg, stays) in enumerate(homes, 1):
        hid = f"FH{n:04d}"
        # A connected carer whose child left before the assessment ended is not approved: the application
        # is withdrawn and the temporary approval ends with the child's move.
        refused = dereg is not None and dereg <= approved
        if not refused:
            reason = ("CHILD_LEFT" if kind == "CONNECTED" else _DEREG.pick(rng)) if dereg else None
            households.append(Row("fostering_households", {"HOUSEHOLD": hid, "HOUSEHOLD_TYPE": kind, "APPROVED": approved,
                                                           "PLACES": places, "DEREGISTERED": dereg, "DEREG_REASON": reason,
                                                           "TEAM": "Fostering Support", "WORKER": choose(rng, _WORKERS)},
                                  approved, dereg, {"DEREG_REASON": dereg} if dereg else {}))
        if kind in ("MAINSTREAM", "CONNECTED") and approved >= since - timedelta(days=400):
            applications.append(_application(rng, f"AP{n:04d}", kind, approved, hid, stays,
                                             ending="WITHDRAWN" if refused else "APPROVED"))
        if kind == "CONNECTED":
            approvals += _temporary(stays, hid, approved)
    for n in range(len(applications) // 4):     # withdrawn, and still in assessment at the end
        withdrawn = rng.random() < 0.6
        enquiry = timeline.end - timedelta(days=int(rng.random() * (700 if withdrawn else 250)))
        applications.append(_application(rng, f"AP{9000 + n:04d}", "MAINSTREAM", enquiry + timedelta(days=300), None, [],
                                         ending="WITHDRAWN" if withdrawn else None))
    return households, applications, approvals


def _application(rng: Random, aid: str, kind: str, approved: date, household: str | None, stays,
                 ending: str | None) -> Row:
    """An application that ends APPROVED (on `approved`, as `household`), WITHDRAWN, or (None) is still
    in assessment at the end of the timeline."""
    panel = approved - timedelta(days=int(rng.random() * 10))
    if kind == "CONNECTED":
        application = stays[0][1].decom + timedelta(days=int(rng.random() * 10))
        enquiry = None
    else:
        application = panel - timedelta(days=_late(rng, (120, 235), (245, 330), 0.25))
        enquiry = application - timedelta(days=20 + int(rng.random() * 70))
    allocated = application + timedelta(days=5 + int(rng.random() * 30))
    values = {"APPLICANT": aid, "APPLICATION_TYPE": kind, "ENQUIRY": enquiry, "APPLICATION": application,
              "ALLOCATED": allocated,
              "PANEL_PREDICTED": allocated + timedelta(days=(90 if kind == "CONNECTED" else 150) + int(rng.random() * 60)),
              "PANEL": panel, "OUTCOME": "APPROVED", "TEAM": "Fostering Assessment", "WORKER": choose(rng, _WORKERS),
              "HOUSEHOLD": household}
    decided = approved      # the outcome is known once the agency decides, a few days after panel
    if ending == "WITHDRAWN":
        decided = application + timedelta(days=20 + int(rng.random() * 150))
        values.update(PANEL=None, OUTCOME="WITHDRAWN", HOUSEHOLD=None)
    elif ending is None:
        decided = date.max
        values.update(PANEL=None, OUTCOME=None, HOUSEHOLD=None)
    return Row("fostering_applications", values, enquiry or application, decided,
               {"OUTCOME": decided, "HOUSEHOLD": decided})


def _temporary(stays, hid: str, approved: date) -> list[Row]:
    """A temporary approval (reg 24) for each child placed with a connected carer before the carer was approved."""
    out = []
    for child, e in stays:
        if e.decom >= approved:
            continue
        week16 = e.decom + timedelta(weeks=16)
        extended = week16 + timedelta(weeks=8) if approved > week16 else None
        ended_first = e.dec is not None and e.dec < approved
        end, outcome = (e.dec, "SGO" if e.rec.startswith("E4") else "CHILD_MOVED") if ended_first else (approved, "FULL_APPROVAL")
        out.append(Row("temporary_approvals", {"CHILD": child.id, "CARER": hid, "APPROVAL_START": e.decom, "WEEK_16": week16,
                                               "EXTENDED_TO": extended, "APPROVAL_END": end, "END_OUTCOME": outcome,
                                               "TEAM": "Kinship", "WORKER": "Ali Khan"},
                       e.decom, end, {"END_OUTCOME": end, "EXTENDED_TO": week16 - timedelta(days=14)}))
    return out


# --- private fostering and support requests --------------------------------------------------------------

def _days(since: date, until: date, per_year: float, rng: Random) -> list[date]:
    """Days on which something arrives, about `per_year` a year."""
    out, d = [], since - timedelta(days=400)
    while True:
        d += timedelta(days=1 + int(rng.expovariate(per_year / 365)))
        if d > until:
            return out
        out.append(d)


def _private_fostering(since: date, until: date, scale: float, rng: Random) -> list[Row]:
    out = []
    for n, notified in enumerate(_days(since, until, 10 * scale, rng), 1):
        first = add_weekdays(notified, _late(rng, (1, 7), (8, 20), 0.2))
        ended = notified + timedelta(days=60 + int(rng.random() * 500))
        visits, d = [], first
        while d < ended:
            visits.append(d)
            d += timedelta(days=_late(rng, (28, 42), (43, 70), 0.15))
        out.append(Row("private_fostering", {"CHILD": f"PF{n:04d}", "NOTIFIED": notified, "NOTIFIED_BY": _SOURCES.pick(rng),
                                             "FIRST_VISIT": first, "ASSESSED": notified + timedelta(days=_late(rng, (20, 42), (43, 90), 0.2)),
                                             "LATEST_VISIT": tuple(visits), "ENDED": ended, "TEAM": "Private Fostering",
                                             "WORKER": "Chris Lee"}, notified, ended))
    return out


def _support_requests(since: date, until: date, scale: float, rng: Random) -> list[Row]:
    out = []
    for n, referral in enumerate(_days(since, until, 40 * scale, rng), 1):
        assessed = referral + timedelta(days=_late(rng, (15, 45), (46, 90), 0.2))
        out.append(Row("support_requests", {"REQUEST": f"SR{n:04d}", "SUPPORT_TYPE": "ADOPTION" if rng.random() < 0.6 else "SGO",
                                            "REFERRAL": referral,
                                            "CONTACTED": referral + timedelta(days=_late(rng, (0, 2), (3, 7), 0.1)),
                                            "VISITED": referral + timedelta(days=_late(rng, (2, 10), (11, 25), 0.2)),
                                            "ASSESSED": assessed, "TEAM": "Adoption Support", "WORKER": "Pat Jones"},
                       referral, assessed))
    return out


# --- known errors --------------------------------------------------------------------------------------

def _spoil_code(rng: Random, table: str, row: list[str], as_at: date) -> tuple[str, str] | None:
    coded = list(_FORMAT.table(table).codes)
    return (coded[0], "UNKNOWN") if coded else None


def _spoil_date(rng: Random, table: str, row: list[str], as_at: date) -> tuple[str, str] | None:
    dated = [c for c in _FORMAT.table(table).columns if c in _FORMAT.table(table).dates and row[_col(table, c)]]
    return (dated[0], "31/02/" + row[_col(table, dated[0])][-4:]) if dated else None


def _spoil_required(rng: Random, table: str, row: list[str], as_at: date) -> tuple[str, str] | None:
    return _FORMAT.table(table).required[-1], ""


def _spoil_future(rng: Random, table: str, row: list[str], as_at: date) -> tuple[str, str] | None:
    dated = [c for c in _FORMAT.table(table).columns if c in _FORMAT.table(table).dates and c not in _AHEAD]
    return (dated[0], fmt(as_at + timedelta(days=30))) if dated else None


def _col(table: str, column: str) -> int:
    return _FORMAT.table(table).all_columns.index(column)


# Kinds of known error a list export can be asked for, each with the finding careboard must give.
ERROR_KINDS = {"unknown_code": _spoil_code, "bad_date": _spoil_date, "blank_required": _spoil_required,
               "date_after_as_at": _spoil_future}


def _inject(rng: Random, lists: dict[str, list[list[str]]], as_at: date, kinds: Sequence[str]) -> list[InjectedError]:
    hits = []
    for kind in kinds:
        if kind not in ERROR_KINDS:
            raise ValueError(f"no list error kind {kind!r}; known: {', '.join(ERROR_KINDS)}")
        table = choose(rng, [t for t, rows in lists.items() if rows])
        n = int(rng.random() * len(lists[table]))
        row = lists[table][n]
        spoilt = ERROR_KINDS[kind](rng, table, row, as_at)
        if spoilt is None:
            continue
        column, value = spoilt
        original, row[_col(table, column)] = row[_col(table, column)], value
        child = row[_col(table, "CHILD")] if "CHILD" in _FORMAT.table(table).all_columns else ""
        hits.append(InjectedError(kind, fmt(as_at), table, f"{table}.csv", n + 1, child, column, original, value))
    return hits
