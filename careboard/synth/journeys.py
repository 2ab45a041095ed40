"""The outline of each child's care: when periods of care start and end, and why.

Plans are cheap to draw, so the simulation draws them for years before the first simulated year
(to have a steady-state population already in care) and builds detailed episodes only for children
whose care reaches the simulated years.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from random import Random

from . import mixes
from .calendar import age_on, birthday

# Endings after which a child may come back into care later under the same identity.
_RETURNABLE = frozenset({"E4A", "E4B", "E13", "E47", "E48", "E41"})
_RETURN_SHARE = 0.22


@dataclass(slots=True)
class AdoptionPlan:
    decision: date                  # should-be-placed decision (PlacedAdoption.DATE_PLACED)
    order: date | None              # placement order (LS E1); None when placed with consent
    match: date | None
    placed: date | None
    own_carer: bool                 # adopted by the child's foster carer (A3/A5)
    reversal: date | None = None
    reversal_reason: str = ""


@dataclass(slots=True)
class PeriodPlan:
    start: date
    end: date
    pathway: str
    ending: str                     # REC; blank when the setting at the 18th birthday decides it
    adoption: AdoptionPlan | None = None
    ls_change: date | None = None   # end of remand for a remanded child who stays in care
    short_break: str = ""           # V3 or V4 for short-break arrangements


@dataclass(slots=True)
class ChildPlan:
    dob: date
    sex: str
    uasc: bool
    periods: list[PeriodPlan] = field(default_factory=list)

    @property
    def last_end(self) -> date:
        return self.periods[-1].end


def _days(rng: Random, median: float, sigma: float, low: int, high: int) -> int:
    return max(low, min(high, int(median * math.exp(sigma * rng.gauss(0.0, 1.0)))))


def _between(rng: Random, low: int, high: int) -> int:
    return low + int(rng.random() * (high - low + 1))


def plan_child(rng: Random, start: date) -> ChildPlan:
    uasc = rng.random() < mixes.UASC_SHARE_OF_STARTS
    low, high = (mixes.UASC_START_AGE if uasc else mixes.START_AGE).pick(rng)
    dob = start - timedelta(days=_between(rng, low, high))
    male = rng.random() < (0.94 if uasc else 0.54)
    plan = ChildPlan(dob, "M" if male else "F", uasc)
    eighteen = birthday(dob, 18)
    at = start
    while True:
        p = plan_period(rng, dob, at, uasc)
        plan.periods.append(p)
        if (len(plan.periods) == 3 or p.ending not in _RETURNABLE or rng.random() >= _RETURN_SHARE):
            break
        at = p.end + timedelta(days=30 + int(rng.expovariate(1 / 300)))
        if at >= eighteen - timedelta(days=60):
            break
    return plan


def plan_period(rng: Random, dob: date, start: date, uasc: bool) -> PeriodPlan:
    age = age_on(dob, start)
    eighteen = birthday(dob, 18)
    to_eighteen = (eighteen - start).days
    day = timedelta(days=1)
    if uasc:
        if rng.random() < 0.12:
            ending = mixes.ENDING["uasc_early"].pick(rng)
            days = _between(rng, 1, 120 if ending == "E15" else 400)
            return _fit(PeriodPlan(start, start + days * day, "uasc", ending), dob)
        return PeriodPlan(start, eighteen, "uasc", "")
    pathway = _pathway(rng, age)
    if pathway == "adoption":
        return _adoption(rng, start, dob)
    if pathway == "long_term":
        if to_eighteen > 400 and rng.random() < 0.35:
            sixteen = max(birthday(dob, 16), start + 60 * day)
            span = (eighteen - sixteen).days - 30
            if span > 1:
                end = sixteen + _between(rng, 0, span) * day
                return PeriodPlan(start, end, pathway, mixes.ENDING["early_leaver"].pick(rng))
        return PeriodPlan(start, eighteen, pathway, "")
    if pathway == "remand":
        days = _days(rng, 40, 0.9, 1, 300)
        ending = mixes.ENDING["remand"].pick(rng)
        if ending != "continue":
            return _fit(PeriodPlan(start, start + days * day, pathway, ending), dob)
        more = _days(rng, 60, 1.0, 1, 700)
        p = PeriodPlan(start, start + (days + more) * day, pathway, mixes.ENDING["teen_short"].pick(rng),
                       ls_change=start + days * day)
        return _fit(p, dob)
    days = {
        "home": lambda: _days(rng, 110, 1.2, 1, 5 * 365),
        "teen_short": lambda: _days(rng, 45, 1.1, 1, 700),
        "sgo": lambda: 250 + _days(rng, 420, 0.5, 1, 6 * 365),
        "cao": lambda: 250 + _days(rng, 360, 0.5, 1, 5 * 365),
        "other": lambda: _days(rng, 90, 1.2, 1, 4 * 365),
    }[pathway]()
    return _fit(PeriodPlan(start, start + days * day, pathway, mixes.ENDING[pathway].pick(rng)), dob)


def _pathway(rng: Random, age: int) -> str:
    for upper, weights in mixes.PATHWAY_BY_AGE:
        if age < upper:
            pathway = weights.pick(rng)
            break
    else:
        pathway = mixes.PATHWAY_BY_AGE[-1][1].pick(rng)
    if pathway == "remand" and age < 12:
        return "teen_short" if age >= 10 else "home"
    return pathway


def _fit(p: PeriodPlan, dob: date) -> PeriodPlan:
    """No period runs past the 18th birthday (one that reaches it ends by the setting's rules), and
    no child under 14 leaves for independent living."""
    eighteen = birthday(dob, 18)
    if p.end >= eighteen:
        p.end, p.ending = eighteen, ""
        p.adoption = None
    elif p.ending in ("E5", "E6") and age_on(dob, p.end) < 14:
        p.ending = "E13"
    return p


def _adoption(rng: Random, start: date, dob: date) -> PeriodPlan:
    d = lambda low, high: timedelta(days=_between(rng, low, high))  # noqa: E731
    decision = start + d(150, 380)
    consent = rng.random() < 0.06
    order = None if consent else decision + d(20, 140)
    own_carer = rng.random() < 0.17
    a = AdoptionPlan(decision, order, None, None, own_carer)
    if rng.random() < mixes.ADOPTION_REVERSAL_SHARE:
        a.reversal_reason = mixes.REVERSAL_REASON.pick(rng)
        if a.reversal_reason == "RD2" or order is None:
            a.order = None
            a.reversal = decision + d(30, 150)
        else:
            a.reversal = order + d(60, 300)
        if rng.random() < 0.5:
            end, ending = a.reversal + d(120, 540), mixes.Weighted({"E45": 40, "E46": 30, "E47": 30}).pick(rng)
        else:
            end, ending = birthday(dob, 18), ""
        return _fit(PeriodPlan(start, end, "adoption_reversed", ending, adoption=a), dob)
    base = order or decision
    if own_carer:
        if order is not None and rng.random() < 0.3:
            # Placement order and the move to "placed for adoption" with the same carer on one day.
            a.match = max(decision, order - d(0, 20))
            a.placed = order
        else:
            a.match = base + d(20, 150)
            a.placed = a.match + d(0, 30)
    else:
        a.match = base + d(40, 260)
        a.placed = a.match + d(10, 70)
    end = a.placed + d(100, 330)
    return _fit(PeriodPlan(start, end, "adoption", mixes.ENDING["adoption"].pick(rng), adoption=a), dob)


def plan_short_breaks(rng: Random, start: date) -> ChildPlan:
    """A disabled child's agreed series of short breaks: many short periods (V3) or agreements (V4)."""
    dob = start - timedelta(days=_between(rng, 5 * 365, 16 * 365))
    plan = ChildPlan(dob, "M" if rng.random() < 0.62 else "F", False)
    stop = min(start + timedelta(days=_between(rng, 365, 5 * 365)), birthday(dob, 18) - timedelta(days=30))
    code = "V3" if rng.random() < 0.7 else "V4"
    at = start
    while at < stop:
        if code == "V3":
            end = at + timedelta(days=_between(rng, 1, 3))
            nxt = at + timedelta(days=_between(rng, 18, 45))
        else:
            end = min(at + timedelta(days=_between(rng, 180, 365)), stop)
            nxt = end + timedelta(days=_between(rng, 1, 20))
        if end <= at:
            break
        plan.periods.append(PeriodPlan(at, end, "short_breaks", "E4A", short_break=code))
        at = nxt
    return plan


@cache
def mean_days_in_care() -> float:
    """Average days a child spends looked after over all their periods (for Little's law)."""
    rng = Random(903)
    n, total = 6000, 0
    for _ in range(n):
        total += sum((p.end - p.start).days for p in plan_child(rng, date(2020, 1, 1)).periods)
    return total / n


@cache
def mean_short_break_span() -> float:
    """Average days from a short-break arrangement's first break to its last."""
    rng = Random(904)
    n, total = 2000, 0
    for _ in range(n):
        p = plan_short_breaks(rng, date(2020, 1, 1))
        if p.periods:
            total += (p.periods[-1].end - p.periods[0].start).days
    return total / n
