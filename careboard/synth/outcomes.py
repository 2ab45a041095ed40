"""Annual outcome records: OC2 (children in care 12 months at 31 March) and OC3 (care leavers),
plus the previous-permanence record of each new period of care."""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from . import mixes
from .calendar import age_on, birthday, fmt, year_end, year_start
from .timeline import OC2, OC3, Child, Period, PrevPerm

_NOT_A_CARE_LEAVER = frozenset({"E11", "E12", "E2", "E3"})   # adopted, died, transferred to another LA
_F3_P3_UNTIL = 2022                                          # apprenticeship codes F4/P4, F5/P5 after


def _flag(rng: Random, share: float) -> str:
    return "1" if rng.random() < share else "0"


def oc2_record(rng: Random, dob: date, year: int) -> OC2:
    """One OC2 row, filled as the field rules require for the child's age at 31 March."""
    age = age_on(dob, year_end(year))
    age_at_start = age_on(dob, year_start(year))
    score = reason = ""
    if age >= 4 and age_at_start < 17:
        if (age_at_start < 4 or age >= 17) and rng.random() < 0.5:
            reason = "SDQ1"
        elif rng.random() < 0.8:
            score = str(max(0, min(40, round(rng.gauss(14.7, 7.0)))))
        else:
            reason = mixes.SDQ_NO_SCORE_REASON.pick(rng)
    misuse = _flag(rng, 0.06) if age >= 11 else "0"
    received = offered = ""
    if misuse == "1":
        received = _flag(rng, 0.45)
        if received == "0":
            offered = _flag(rng, 0.6)
    return OC2(score, reason,
               _flag(rng, 0.03) if age >= 10 else "",
               _flag(rng, 0.88) if age < 5 else "",
               _flag(rng, 0.84), _flag(rng, 0.81), _flag(rng, 0.90),
               misuse, received, offered)


def oc3_record(rng: Random, age: int, year: int, staying_put: bool) -> OC3:
    touch = "DIED" if rng.random() < 0.002 else mixes.IN_TOUCH.pick(rng)
    if touch in ("DIED", "RHOM", "NO", "REFU") or (touch == "NREQ" and rng.random() < 0.5):
        return OC3(touch, "0", "0")
    activ = (mixes.ACTIVITY_17_18 if age <= 18 else mixes.ACTIVITY_19_21).pick(rng)
    if year <= _F3_P3_UNTIL and activ[1] in "45":
        activ = activ[0] + "3"
    if staying_put and 18 <= age <= 20 and rng.random() < 0.6:
        letter = "Z"
    else:
        letter = (mixes.ACCOMMODATION_17 if age == 17 else mixes.ACCOMMODATION_18_PLUS).pick(rng)
        if letter == "T" and age < 19:
            letter = "D"                        # foyers only for those 18 at the start of the year
    if letter in ("S", "X"):
        suitability = "2"                       # only S2 and X2 exist
    else:
        suitability = "2" if rng.random() < mixes.UNSUITABLE_ACCOMMODATION_SHARE else "1"
    return OC3(touch, activ, letter + suitability)


def care_leaver_on(child: Child, on: date) -> tuple[bool, bool]:
    """(eligible care leaver, left from foster care on the 18th birthday) judged on `on`.

    Eligible: looked after at least 13 weeks after the 14th birthday, some of it after the 16th,
    not in care on `on`, and the last period did not end in adoption, death or transfer.
    """
    periods = [p for p in child.periods if not p.short_break and p.start < on]
    if not periods or periods[-1].end is None or periods[-1].end > on:
        return False, False
    last = periods[-1].episodes[-1]
    if last.rec in _NOT_A_CARE_LEAVER:
        return False, False
    fourteen, sixteen = birthday(child.dob, 14), birthday(child.dob, 16)
    days_after_14 = sum(max(0, (p.end - max(p.start, fourteen)).days) for p in periods)
    after_16 = any(p.end > sixteen for p in periods)
    staying_put = last.rec == "E17"
    return days_after_14 >= 91 and after_16, staying_put


def add_outcomes(rng: Random, child: Child, complete_years: range) -> None:
    """OC2 for each complete year the child was in care throughout; OC3 at birthdays 17-21."""
    for p in child.periods:
        if p.short_break:
            continue
        for year in complete_years:
            if p.start <= year_start(year) and (p.end is None or p.end > year_end(year)):
                child.oc2[year] = oc2_record(rng, child.dob, year)
    if child.periods[0].short_break:
        return
    for age in range(17, 22):
        on = birthday(child.dob, age)
        year = on.year + 1 if on.month >= 4 else on.year
        if year not in complete_years:
            continue
        eligible, staying_put = care_leaver_on(child, on)
        if not eligible or (age <= 18 and _left_on_or_after(child, on, year_end(year))):
            continue
        record = oc3_record(rng, age, year, staying_put)
        child.oc3[year] = record
        if record.in_touch == "DIED":
            break


def _left_on_or_after(child: Child, birthday_: date, year_end_: date) -> bool:
    """Care ended on the birthday or later that year: DfE wants OC3 for 17- and 18-year-olds only if
    they had left before the birthday and did not leave care again after it."""
    return any(p.end is not None and birthday_ <= p.end <= year_end_ for p in child.periods)


def previous_permanence(rng: Random, period: Period, before: Period | None, dob: date,
                        la_code: str) -> PrevPerm:
    """The previous-permanence record for a child starting a period of care."""
    if before is not None and before.end is not None:
        rec = before.episodes[-1].rec
        code = {"E45": "P2", "E46": "P2", "E47": "P2", "E48": "P2", "E41": "P3"}.get(rec)
        if code:
            return PrevPerm(code, la_code, fmt(before.end))
    code = mixes.PREV_PERM.pick(rng)
    if code == "P4":
        return PrevPerm(code, "999", "zz/zz/zzzz")       # not known whether there was one, or where
    earliest = dob + timedelta(days=180)
    latest = period.start - timedelta(days=400)
    if code == "Z1" or latest <= earliest:
        return PrevPerm("Z1", "", "")
    when = earliest + timedelta(days=int(rng.random() * (latest - earliest).days))
    la = la_code if rng.random() < 0.6 else rng.choice(mixes.OTHER_LA_CODES)
    r = rng.random()
    # Unknown parts are written zz; at least 400 days before the start, so even the latest date
    # an unknown part could mean stays before DECOM.
    text = fmt(when) if r < 0.78 else f"zz/{when.month:02d}/{when.year}" if r < 0.93 else f"zz/zz/{when.year}"
    return PrevPerm(code, la, text)
