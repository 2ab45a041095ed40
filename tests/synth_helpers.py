"""Shared pieces for the synthetic-data tests: cached timelines, reading returns back, and one
checker of a child's history that every consistency test uses."""

from __future__ import annotations

import csv
from datetime import date, datetime
from functools import cache
from pathlib import Path

from careboard.formats.registry import SSDA903 as spec
from careboard.synth import simulate
from careboard.synth.calendar import age_on, birthday
from careboard.synth.timeline import Child, Timeline

TEMPORARY = {"T0", "T1", "T2", "T3", "T4"}


@cache
def demo_timeline() -> Timeline:
    """The demo's size: 400 children in care, ten years."""
    return simulate(seed=1)


@cache
def small_timeline(seed: int = 7) -> Timeline:
    return simulate(seed=seed, children_in_care=120, years=5)


def parse(text: str) -> date:
    return datetime.strptime(text, "%d/%m/%Y").date()


def table_of(header: list[str]) -> str:
    for name, t in spec.tables().items():
        if list(t.columns) == header:
            return name
    raise AssertionError(f"no table has exactly the columns {header}")


def read_return(folder: Path) -> dict[str, list[dict[str, str]]]:
    """The CSV tables of one year's folder, each identified by its columns (never its name)."""
    out: dict[str, list[dict[str, str]]] = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        table = table_of(rows[0])
        assert table not in out, f"{folder} holds two {table} tables"
        out[table] = [dict(zip(rows[0], r)) for r in rows[1:]]
    return out


def child_problems(child: Child) -> list[str]:
    """Everything wrong with one child's history, as sentences (an empty list when consistent)."""
    bad: list[str] = []
    say = bad.append
    eighteen = birthday(child.dob, 18)
    for before, after in zip(child.periods, child.periods[1:]):
        if before.end is None or before.end >= after.start:
            say(f"periods overlap or touch at {after.start}")
    for p in child.periods:
        eps = p.episodes
        if eps[0].rne != "S" or eps[0].decom != p.start:
            say(f"period {p.start} does not begin with an RNE S episode")
        for a, b in zip(eps, eps[1:]):
            if a.dec != b.decom or a.rec != "X1":
                say(f"X1 chain broken between {a.decom} and {b.decom}")
            if b.rne == "S":
                say(f"RNE S inside a period at {b.decom}")
            same_setting = (a.place, a.provider, a.pl_post, a.urn) == (b.place, b.provider, b.pl_post, b.urn)
            if b.rne == "L" and (not same_setting or a.ls == b.ls):
                say(f"RNE L at {b.decom} but the placement changed or the legal status did not")
            if b.rne in "PT" and a.ls != b.ls or b.rne in "BUL" and a.ls == b.ls:
                say(f"RNE {b.rne} at {b.decom} disagrees with the legal status change")
            if b.rne in "TU" and (same_setting or a.pl_post != b.pl_post):
                say(f"RNE {b.rne} at {b.decom} is not a same-carer change of placement")
            temp = a.place in TEMPORARY or b.place in TEMPORARY
            if temp or b.rne not in "PBTU":
                if a.reason_place_change:
                    say(f"reason for placement change at {a.decom} where none is wanted")
            elif not a.reason_place_change:
                say(f"no reason for placement change at {a.decom}")
        for i, e in enumerate(eps):
            if e.dec is not None and e.dec <= e.decom:
                say(f"episode {e.decom} lasts less than a day")
            if e.place in TEMPORARY:
                # A period neither starts nor ends in a temporary placement (it may be open in one).
                if i == 0 or (i == len(eps) - 1 and e.dec is not None) or e.provider or e.urn or not e.pl_post:
                    say(f"temporary episode {e.decom} badly placed, carries provider or URN, or has no postcode")
                back = next((x for x in eps[i + 1:] if x.place not in TEMPORARY), None)
                was = next((x for x in reversed(eps[:i]) if x.place not in TEMPORARY), None)
                if back is not None and was is not None and (
                        back.rne != "P" or (back.place, back.pl_post, back.urn) != (was.place, was.pl_post, was.urn)):
                    say(f"temporary episode {e.decom} is not followed by a return to the same carer")
            if e.home_post and (e.place == "P1") != (e.pl_post == e.home_post):
                say(f"placement postcode is the home postcode for a {e.place} placement at {e.decom}")
            if (e.place == "P1") != (e.provider == "PR0") or e.place == "P1" and e.ls == "V2":
                say(f"P1/PR0 misuse at {e.decom}")
            if e.place in ("A3", "A5") and e.rne not in "STU":
                say(f"adoption with own carer at {e.decom} has RNE {e.rne}")
            if e.place in ("A5", "A6") and e.ls != "E1":
                say(f"placed for adoption under a placement order at {e.decom} without LS E1")
            if e.place in ("A3", "A4", "A5", "A6") and e.rne != "L":
                prior = next((x for x in reversed(eps[:i]) if x.place not in TEMPORARY), None)
                if prior is None or not prior.place.startswith("U"):
                    say(f"adoptive placement at {e.decom} not straight from foster care")
            age = age_on(child.dob, e.decom)
            if (e.place in ("K3", "H5", "P2") and age < 16 or e.place == "S1" and age < 4
                    or e.place == "R5" and age < 10 or e.ls[0] == "J" and age < 10):
                say(f"{e.place}/{e.ls} at age {age} on {e.decom}")
            if e.dec is not None and e.dec > eighteen:
                say(f"episode {e.decom} runs past the 18th birthday")
            limit = {"L1": 3, "L2": 21, "V3": 17}.get(e.ls)
            if limit and e.dec is not None and (e.dec - e.decom).days > limit:
                say(f"{e.ls} episode {e.decom} lasts {(e.dec - e.decom).days} days")
        last = eps[-1]
        if last.dec is not None:
            if last.rec == "X1" or last.dec != p.end:
                say(f"period {p.start} ends badly ({last.rec} on {last.dec})")
            if last.rec in ("E11", "E12") and last.place not in ("A3", "A4", "A5", "A6"):
                say("adopted from a placement that is not an adoptive one")
            if last.rec in ("E45", "E46") and not last.place.startswith("U"):
                say("SGO to former foster carers from a non-foster placement")
            if last.rec == "E17" and last.dec != eighteen:
                say("E17 before the 18th birthday")
            if last.rec in ("E5", "E6") and age_on(child.dob, last.dec) < 14:
                say("moved to independent living under 14")
    for r in child.reviews:
        p = child.period_on(r.date)
        if p is None or p.start >= r.date or p.short_break:
            say(f"review {r.date} outside a period of care")
        if (r.code == "PN0") != (age_on(child.dob, r.date) < 4):
            say(f"review {r.date} participation {r.code} wrong for age")
    for m in child.missing:
        if child.period_on(m.start) is None or (m.end is not None and m.end < m.start):
            say(f"missing incident {m.start} outside care or ending before it starts")
    if child.adoption is not None:
        a = child.adoption
        last = child.periods[-1]
        placed = next(e.decom for e in last.episodes if e.place in ("A3", "A4", "A5", "A6"))
        if a.date_int not in {d.date_placed for d in child.decisions if d.ceased is None}:
            say("AD1 DATE_INT matches no open should-be-placed decision")
        if not a.date_int <= a.date_match <= placed or a.date_match == a.adopted or a.adopted != last.end:
            say("AD1 dates out of order")
    if child.duc is not None and child.duc > eighteen:
        say("UASC status ceased after the 18th birthday")
    for a, b in zip(child.sw_episodes, child.sw_episodes[1:]):
        if a.end != b.start or not a.sw_id.startswith("SW"):
            say(f"social worker episodes not contiguous at {b.start}")
    # Social workers are recorded from 1 April 2022 (a year before the first SWEpisodes return), and
    # from 1 April of the year care began (or birth) for anyone who came into care later.
    first = child.periods[0].start
    due = max(child.dob, date(first.year - (first.month < 4), 4, 1), date(2022, 4, 1))
    if child.sw_episodes and child.sw_episodes[0].start > due:
        say("social workers not recorded from 1 April of the year care began")
    for p in child.periods:
        pp = p.prev_perm
        if p.start >= date(2016, 4, 1) and (pp is None or pp.prev_perm != "Z1" and not (pp.la_perm and pp.date_perm)):
            say(f"previous permanence missing or incomplete for the period from {p.start}")
    for year in child.oc3:
        for age in (17, 18):
            b = birthday(child.dob, age)
            if date(year - 1, 4, 1) <= b <= date(year, 3, 31) and any(
                    p.end is not None and b <= p.end <= date(year, 3, 31) for p in child.periods):
                say(f"OC3 for {year} although care ended on or after the {age}th birthday that year")
    return bad
