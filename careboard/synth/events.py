"""Dated events around the episodes: reviews, missing incidents, social workers, DoLOs."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta
from functools import cache
from random import Random

from . import mixes
from .calendar import DAY, add_months, add_weekdays, age_on, birthday, year_ending, year_start
from .mixes import choose, uniform_days
from .settings import Council
from .timeline import DoLo, Episode, MissingIncident, Period, Review, SWEpisode

SW_RECORDED_FROM = date(2022, 4, 1)   # a year before the first SWEpisodes return (2023/24)
DOLO_RECORDED_FROM = date(2026, 4, 1)


# Review dates recur across children, so month steps are worth remembering.
_months_after = cache(add_months)


def reviews_for(rng: Random, period: Period, dob: date) -> list[Review]:
    """Reviews on the statutory schedule: 20 working days, then 3 months, then every 6 months.

    On-time reviews sit at least 3 working days before the due date and late ones at least 3 days
    after it, so whether a review is on time does not depend on the bank-holiday calendar used.
    """
    out: list[Review] = []
    end = period.end
    due = add_weekdays(period.start, 20)
    if rng.random() < mixes.LATE_REVIEW_SHARE:
        held = add_weekdays(period.start, 24 + int(rng.random() * 10))
    else:
        held = add_weekdays(period.start, 4 + int(rng.random() * 14))
    step = 3
    four = birthday(dob, 4)
    while held < end:
        on_time = held <= due
        code = "PN0" if held < four else mixes.PARTICIPATION.pick(rng)
        out.append(Review(held, code, due, on_time))
        due = _months_after(held, step)
        step = 6
        if rng.random() < mixes.LATE_REVIEW_SHARE:
            held = due + uniform_days(rng, 3, 50)
        else:
            held = due - uniform_days(rng, 3, 45)
    return out


def missing_for(rng: Random, period: Period, dob: date) -> list[MissingIncident]:
    """Missing and away incidents: most children never go missing; a few go missing often.

    An incident ends before the episode it began in does (a placement does not end while the child
    is missing from it), so no return can show an open incident from a placement already ended.
    """
    start = max(period.start, birthday(dob, 10))
    end = period.end
    if start >= end:
        return []
    teen = age_on(dob, end) >= 11
    if teen and rng.random() < 0.2:
        rate = 1.5 + rng.expovariate(1 / 6)
        away_share = 0.04 if rng.random() < 0.8 else 0.3
    else:
        rate, away_share = 0.04, 0.15
    out = []
    changes = [e.decom for e in period.episodes[1:]] + [end]
    t = start + timedelta(days=int(rng.expovariate(rate / 365)))
    while t < end:
        back = t + timedelta(days=mixes.MISSING_INCIDENT_LENGTH.pick(rng))
        if back >= end - DAY:
            break
        back = min(back, changes[bisect_right(changes, t)] - DAY)
        if back >= t:
            out.append(MissingIncident("A" if rng.random() < away_share else "M", t, back))
        t = back + DAY + timedelta(days=int(rng.expovariate(rate / 365)))
    return out


def social_workers(council: Council, periods: list[Period], dob: date) -> list[SWEpisode]:
    """A chain of allocated social workers from before the first period of care to after the last.

    The chain starts by 1 April of the year care began (or at birth): a return lists every social
    worker of the year for a child looked after at 31 March, including before care began.
    """
    rng = council.rng
    last_end = periods[-1].end
    if last_end < SW_RECORDED_FROM:
        return []
    first = periods[0].start
    t = max(dob, min(first - uniform_days(rng, 0, 120), year_start(year_ending(first)) - uniform_days(rng, 0, 200)))
    reason = "FCONTA"
    if t < SW_RECORDED_FROM - timedelta(days=730):
        # Only the worker in post when recording began matters; start the chain shortly before.
        t, reason = SW_RECORDED_FROM - uniform_days(rng, 1, 700), mixes.SW_REASON.pick(rng)
    stop = last_end + uniform_days(rng, 1, 60)
    out: list[SWEpisode] = []
    worker = choose(rng, council.social_workers)
    while t < stop:
        until = t + timedelta(days=20 + int(rng.expovariate(1 / 330)))
        if until >= stop:
            until = stop
        if until >= SW_RECORDED_FROM:
            out.append(SWEpisode(worker, t, until, reason))
        t = until
        reason = mixes.SW_REASON.pick(rng)
        nxt = choose(rng, council.social_workers)
        worker = nxt if nxt != worker else choose(rng, council.social_workers)
    return out


def dolo_for(rng: Random, episodes: list[Episode], dob: date) -> list[DoLo]:
    """Deprivation of liberty orders, recorded from 2026/27, for some teenagers in children's homes."""
    for ep in episodes:
        if ep.place not in ("K2", "Z12", "Z13") or ep.dec is None or ep.dec <= DOLO_RECORDED_FROM:
            continue
        first = max(ep.decom, DOLO_RECORDED_FROM) + DAY
        length = (ep.dec - first).days
        if length < 40 or age_on(dob, first) < 13 or rng.random() >= 0.08:
            continue
        start = first + uniform_days(rng, 0, length // 2)
        end = min(start + uniform_days(rng, 30, 200), ep.dec - DAY)
        return [DoLo(start, end)]
    return []
