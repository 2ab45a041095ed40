"""Building one child's full history from their plan."""

from __future__ import annotations

from datetime import date, timedelta

from . import mixes
from .calendar import DAY, birthday
from .events import dolo_for, missing_for, reviews_for, social_workers
from .journeys import ChildPlan
from .outcomes import previous_permanence
from .periods import build_period, build_short_break
from .settings import Council
from .timeline import Adoption, AdoptionDecision, Child, PrevPerm

PREV_PERM_FROM = date(2016, 4, 1)
_UPN_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def upn(council: Council) -> str:
    """A well-formed 13-character UPN: check letter, LA number, establishment, year, serial."""
    la = council.la_code if council.la_code.isdigit() and len(council.la_code) == 3 else "999"
    digits = f"{la}{int(council.rng.random() * 1e9):09d}"
    check = sum(int(c) * w for c, w in zip(digits, range(2, 14))) % 23
    return _UPN_CHECK_LETTERS[check] + digits


def build_child(council: Council, plan: ChildPlan, child_id: str) -> Child:
    rng = council.rng
    ethnicity = (mixes.UASC_ETHNICITY if plan.uasc else mixes.ETHNICITY).pick(rng)
    child = Child(child_id, plan.sex, plan.dob, ethnicity, upn(council), plan.uasc)
    if plan.periods[0].short_break:
        kind = "short_break_unit" if rng.random() < 0.6 else "foster"
        setting = council.setting(kind, plan.periods[0].start, plan.dob, "")
        child.periods = [build_short_break(p, setting) for p in plan.periods]
        for period in child.periods:
            if period.start >= PREV_PERM_FROM:
                period.prev_perm = PrevPerm("Z1", "", "")
        return child
    home_post = "" if plan.uasc else council.postcode(0.93)
    before = None
    for p in plan.periods:
        if before is not None and not plan.uasc and rng.random() < 0.3:
            home_post = council.postcode(0.9)
        cin = "N8" if plan.uasc else ("N6" if p.pathway == "remand" and rng.random() < 0.7
                                       else mixes.CATEGORY_OF_NEED.pick(rng))
        period = build_period(council, p, plan.dob, plan.uasc, cin, home_post)
        if period.start >= PREV_PERM_FROM:
            period.prev_perm = previous_permanence(rng, period, before, plan.dob, council.la_code)
        child.periods.append(period)
        child.reviews.extend(reviews_for(rng, period, plan.dob))
        child.missing.extend(missing_for(rng, period, plan.dob))
        if p.adoption is not None:
            a = p.adoption
            child.decisions.append(AdoptionDecision(a.decision, a.reversal, a.reversal_reason))
            if a.reversal is None:
                nb, sex, ls = mixes.ADOPTERS.pick(rng)
                child.adoption = Adoption(p.end, a.decision, a.match, "1" if a.own_carer else "0",
                                          nb, sex, ls)
        before = period
    if plan.uasc:
        # UASC status ends at 18 at the latest; for a 29 February birthday the DfE check takes
        # 28 February as the birthday, so end it then.
        eighteen = birthday(plan.dob, 18)
        if (plan.dob.month, plan.dob.day) == (2, 29):
            eighteen -= DAY
        child.duc = min(eighteen, child.periods[-1].end)
    if plan.sex == "F":
        _maybe_mother(council, child)
    child.sw_episodes = social_workers(council, child.periods, plan.dob)
    child.dolo = dolo_for(rng, child.periods[-1].episodes, plan.dob)
    return child


def _maybe_mother(council: Council, child: Child) -> None:
    """A few girls in care from mid-teens have a baby while looked after."""
    rng = council.rng
    from_age = birthday(child.dob, 14) + timedelta(days=180)
    for p in child.periods:
        first = max(p.start, from_age)
        span = (p.end - first).days - 1
        if span > 30 and rng.random() < 0.05 * min(span, 1000) / 365:
            child.mother_child_dob = first + timedelta(days=1 + int(rng.random() * span))
            return
