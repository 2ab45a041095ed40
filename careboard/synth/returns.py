"""Cutting a timeline into the annual returns a case system would produce on a given date.

A return for year Y holds every episode open at any time in Y (DEC blank when the episode was
still open at the end of Y or on the as-at date), the events dated in Y, OC2/OC3 for complete
years only, and a header row for each child in any of those.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..formats.registry import SSDA903 as spec
from .calendar import age_on, fmt, year_end, year_ending, year_start
from .timeline import Child, Timeline

Rows = list[list[str]]
NEW_SEX_CODES_FROM = 2025        # SEX 1/2 until 2023/24, M/F/U from 2024/25
_OLD_SEX = {"M": "1", "F": "2", "U": "U"}


@dataclass(frozen=True, slots=True)
class YearCut:
    year: int          # year ending 31 March
    start: date
    end: date
    cutoff: date       # the last date the return knows about: its 31 March, or the as-at date
    complete: bool


def year_cuts(timeline: Timeline, as_at: date) -> list[YearCut]:
    if as_at > timeline.end:
        raise ValueError(f"as_at {as_at} is after the end of the simulated history ({timeline.end})")
    if as_at < timeline.start:
        raise ValueError(f"as_at {as_at} is before the first simulated year (from {timeline.start})")
    cuts = []
    for year in range(timeline.first_year, year_ending(as_at) + 1):
        end = year_end(year)
        cuts.append(YearCut(year, year_start(year), end, min(end, as_at), end <= as_at))
    return cuts


def tables_for_year(year: int) -> list[str]:
    return [name for name, t in spec.tables().items() if t.first_year is None or t.first_year <= year]


def cut_returns(timeline: Timeline, as_at: date, after: int | None = None) -> dict[int, dict[str, Rows]]:
    """{year: {table: rows}} with every value already written as the return writes it; with `after`, only
    the years after that one (a year's rows depend on its own dates and `as_at` alone)."""
    cuts = [c for c in year_cuts(timeline, as_at) if after is None or c.year > after]
    out = {c.year: {name: [] for name in tables_for_year(c.year)} for c in cuts}
    for child in timeline.children if cuts else ():
        _child_rows(child, cuts, out)
    return out


def _child_rows(child: Child, cuts: list[YearCut], out: dict[int, dict[str, Rows]]) -> None:
    first, last = cuts[0].year, cuts[-1].year
    as_at = cuts[-1].cutoff
    cid, dob = child.id, fmt(child.dob)
    present: set[int] = set()        # years with an episode
    cared: set[int] = set()          # years with an episode other than a short break

    for period in child.periods:
        for e in period.episodes:
            if e.decom > as_at:
                break
            y0 = year_ending(e.decom)
            y1 = year_ending(e.dec) if e.dec is not None and e.dec <= as_at else last
            if y1 < first:
                continue
            for y in range(max(y0, first), min(y1, last) + 1):
                closed = e.dec is not None and e.dec <= cuts[y - first].cutoff
                place = e.recode[1] if e.recode and y >= e.recode[0] else e.place
                out[y]["episodes"].append([
                    cid, fmt(e.decom), e.rne, e.ls, e.cin, place, e.provider,
                    fmt(e.dec) if closed else "", e.rec if closed else "",
                    e.reason_place_change if closed else "", e.home_post, e.pl_post, e.urn])
                present.add(y)
                if e.ls not in ("V3", "V4"):
                    cared.add(y)

    for r in child.reviews:
        y = year_ending(r.date)
        if first <= y <= last and r.date <= cuts[y - first].cutoff:
            out[y]["reviews"].append([cid, dob, fmt(r.date), r.code])

    for m in child.missing:
        if m.start > as_at:
            break
        y1 = year_ending(m.end) if m.end is not None and m.end <= as_at else last
        for y in range(max(year_ending(m.start), first), min(y1, last) + 1):
            ended = m.end is not None and m.end <= cuts[y - first].cutoff
            out[y]["missing"].append([cid, dob, m.kind, fmt(m.start), fmt(m.end) if ended else ""])

    prev_perm: dict[int, list[str]] = {}
    for p in child.periods:
        y = year_ending(p.start)
        if p.prev_perm is not None and first <= y <= last and p.start <= cuts[y - first].cutoff:
            pp = p.prev_perm
            prev_perm[y] = [cid, dob, pp.prev_perm, pp.la_perm, pp.date_perm]
    for y, row in prev_perm.items():
        out[y]["previous_permanence"].append(row)

    if child.adoption is not None:
        a = child.adoption
        y = year_ending(a.adopted)
        if first <= y <= last and a.adopted <= cuts[y - first].cutoff:
            out[y]["ad1"].append([cid, dob, fmt(a.date_int), fmt(a.date_match), a.foster_care,
                                  a.nb_adoptr, a.sex_adoptr, a.ls_adoptr])

    for y in sorted(present):
        cut = cuts[y - first]
        for d in child.decisions:
            if d.date_placed <= cut.cutoff and (d.ceased is None or d.ceased >= cut.start):
                ceased = d.ceased is not None and d.ceased <= cut.cutoff
                out[y]["placed_for_adoption"].append(
                    [cid, dob, fmt(d.date_placed), fmt(d.ceased) if ceased else "",
                     d.reason_ceased if ceased else ""])
        if child.uasc and (child.duc is None or child.duc >= cut.start):
            duc = fmt(child.duc) if child.duc is not None and child.duc <= cut.cutoff else ""
            out[y]["uasc"].append([cid, _sex(child, y), dob, duc])
        if "sw_episodes" in out[y] and child.looked_after_on(cut.cutoff):
            for s in child.sw_episodes:
                if s.start <= cut.cutoff and (s.end is None or s.end >= cut.start):
                    ended = s.end is not None and s.end <= cut.cutoff
                    out[y]["sw_episodes"].append([cid, dob, s.sw_id, fmt(s.start),
                                                  fmt(s.end) if ended else "", s.reason])
        if "dolo" in out[y]:
            for d in child.dolo:
                if d.start <= cut.cutoff and (d.end is None or d.end >= cut.start):
                    ended = d.end is not None and d.end <= cut.cutoff
                    out[y]["dolo"].append([cid, dob, fmt(d.start), fmt(d.end) if ended else ""])
        if cut.complete and y in child.oc2:
            o = child.oc2[y]
            out[y]["oc2"].append([cid, dob, o.sdq_score, o.sdq_reason, o.convicted, o.health_check,
                                  o.immunisations, o.teeth_check, o.health_assessment,
                                  o.substance_misuse, o.intervention_received, o.intervention_offered])

    leaver_years = {y for y in child.oc3 if first <= y <= last and cuts[y - first].complete}
    for y in sorted(leaver_years):
        o = child.oc3[y]
        out[y]["oc3"].append([cid, dob, o.in_touch, o.activ, o.accom])

    for y in sorted(present | leaver_years):
        cut = cuts[y - first]
        mother = mc_dob = ""
        if child.sex == "F" and y in cared:
            mothered = child.mother_child_dob is not None and child.mother_child_dob <= cut.cutoff
            mother, mc_dob = ("1", fmt(child.mother_child_dob)) if mothered else ("0", "")
        out[y]["header"].append([cid, _sex(child, y), dob, child.ethnicity, _upn(child, cut), mother, mc_dob])


def _sex(child: Child, year: int) -> str:
    return child.sex if year >= NEW_SEX_CODES_FROM else _OLD_SEX[child.sex]


def _upn(child: Child, cut: YearCut) -> str:
    if child.uasc:
        return "UN2"          # never attended a maintained school in England
    if age_on(child.dob, cut.end) < 5:
        return "UN1"          # not yet of school age
    return child.upn
