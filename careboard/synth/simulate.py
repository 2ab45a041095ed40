"""simulate(): a council's children looked after over a number of collection years."""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from .calendar import year_end, year_ending, year_start
from .children import build_child
from .journeys import ChildPlan, mean_days_in_care, mean_short_break_span, plan_child, plan_short_breaks
from .outcomes import add_outcomes
from .settings import Council
from .timeline import Child, Timeline

# Children with short-break arrangements in force at any time, per child in care.
SHORT_BREAK_CHILDREN_PER_CHILD_IN_CARE = 0.035
# Plans are drawn from this long before the first year so the population starts in steady state
# (a newborn entering care can stay until 18).
_RUN_IN = timedelta(days=round(18.5 * 365.25))


def simulate(seed: int | str = 1, children_in_care: int = 400, years: int = 10,
             end: date = date(2026, 3, 31), la_code: str = "874", child_id_prefix: str = "") -> Timeline:
    """About `years` collection years of history ending on `end`, for a council with about
    `children_in_care` children looked after at any one time. The same arguments give the same
    timeline."""
    if children_in_care < 1 or years < 1:
        raise ValueError("children_in_care and years must be at least 1")
    rng = Random(seed)
    council = Council(rng, la_code, children_in_care)
    first_year = year_ending(end) - years + 1
    window = year_start(first_year)
    plans = _arrivals(rng, plan_child, children_in_care / mean_days_in_care(), window - _RUN_IN, window, end)
    sb_rate = children_in_care * SHORT_BREAK_CHILDREN_PER_CHILD_IN_CARE / mean_short_break_span()
    plans += [p for p in _arrivals(rng, plan_short_breaks, sb_rate, window - timedelta(days=6 * 365),
                                   window, end) if p.periods]
    plans.sort(key=lambda p: p.periods[0].start)
    complete = range(first_year, year_ending(end) + (1 if year_end(year_ending(end)) <= end else 0))
    children = []
    serial = 100000 + rng.randint(0, 200000)
    for plan in plans:
        serial += 1 + int(rng.random() * 3)
        child = build_child(council, plan, f"{child_id_prefix}{serial}")
        truncate(child, end)
        add_outcomes(rng, child, complete)
        children.append(child)
    return Timeline(seed, la_code, first_year, end, children, council.home_districts)


def _arrivals(rng: Random, draw, per_day: float, since: date, window: date, end: date) -> list[ChildPlan]:
    """Plans of children arriving as a Poisson stream, keeping those whose care reaches the window."""
    out = []
    origin = since.toordinal()
    t, stop = 0.0, end.toordinal() - origin
    while True:
        t += rng.expovariate(per_day)
        if t > stop:
            return out
        plan = draw(rng, date.fromordinal(origin + int(t)))
        if plan.periods and plan.last_end >= window:
            out.append(plan)


def truncate(child: Child, end: date) -> None:
    """Forget everything after `end`: what the case system would know on that date."""
    periods = [p for p in child.periods if p.start <= end]
    for p in periods:
        p.episodes = [e for e in p.episodes if e.decom <= end]
        last = p.episodes[-1]
        if last.dec is not None and last.dec > end:
            last.dec, last.rec, last.reason_place_change = None, "", ""
            p.end = None
    child.periods = periods
    child.reviews = [r for r in child.reviews if r.date <= end]
    child.missing = _known_by(child.missing, end)
    child.sw_episodes = _known_by(child.sw_episodes, end)
    child.dolo = _known_by(child.dolo, end)
    for d in child.decisions:
        if d.ceased is not None and d.ceased > end:
            d.ceased, d.reason_ceased = None, ""
    child.decisions = [d for d in child.decisions if d.date_placed <= end]
    if child.adoption is not None and child.adoption.adopted > end:
        child.adoption = None
    if child.mother_child_dob is not None and child.mother_child_dob > end:
        child.mother_child_dob = None
    if child.duc is not None and child.duc > end:
        child.duc = None


def _known_by(spells: list, end: date) -> list:
    """Spells (with .start and .end) begun by `end`; one still running then gets no end."""
    for s in spells:
        if s.end is not None and s.end > end:
            s.end = None
    return [s for s in spells if s.start <= end]
