"""Turning a planned period of care into episodes.

Two dated tracks are built — legal status, and setting (carer and placement type) — and merged:
every date where either changes starts a new episode, and what changed gives its RNE
(L legal status only; P new carer; T same carer, new placement type or provider; B and U the same
with a legal status change on the same day).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from random import Random

from . import mixes
from .mixes import uniform_days
from .calendar import DAY, age_on, birthday
from .journeys import PeriodPlan
from .settings import (FOSTER_KINDS, TEMPORARY_PLACES, Council, Setting, adoptive_with_carer,
                       kind_for_age, long_term, transferred_in_house)
from .timeline import Episode, Period

_CARE_ORDER_STATUSES = frozenset({"C1", "C2", "E1"})
_LONG_TERM_PATHWAYS = frozenset({"long_term", "uasc", "other", "adoption_reversed", "sgo", "cao"})

Track = list[tuple[date, object, str]]   # (from, value, reason for the change)


# --- legal status ---------------------------------------------------------------------------------

def legal_status_track(rng: Random, plan: PeriodPlan, dob: date) -> list[tuple[date, str]]:
    start, end, pathway = plan.start, plan.end, plan.pathway
    age = age_on(dob, start)
    adoption = plan.adoption
    adoption_path = pathway in ("adoption", "adoption_reversed")
    consent = adoption is not None and adoption.order is None and adoption.reversal is None
    if consent:
        first = "V2"                        # placed for adoption with parental consent
    elif adoption_path:
        first = mixes.FIRST_LEGAL_STATUS["adoption"].pick(rng)
    elif pathway in ("sgo", "cao", "long_term", "other"):
        first = mixes.FIRST_LEGAL_STATUS["young_order" if age < 10 else "teen"].pick(rng)
    else:
        first = mixes.FIRST_LEGAL_STATUS[pathway].pick(rng)
    track = [(start, first)]

    def change(on: date, status: str) -> None:
        if track[-1][0] < on < end and track[-1][1] != status:
            track.append((on, status))

    # Emergency statuses are short by law: police protection 72 hours, EPO 21 days, PACE a day.
    emergency = {"L1": (1, 3), "L2": (5, 21), "J2": (1, 1)}.get(first)
    if emergency:
        after = "C1" if first == "L2" or (age < 10 and rng.random() < 0.6) else "V2"
        change(start + uniform_days(rng, *emergency), after)
    if plan.ls_change:
        change(plan.ls_change, "V2")
    if track[-1][1] == "V2":
        # Accommodated children for whom care proceedings are issued later.
        if adoption_path and not consent:
            change(track[-1][0] + uniform_days(rng, 14, 120), "C1")
        elif pathway in ("sgo", "cao", "long_term") and rng.random() < 0.6:
            change(track[-1][0] + uniform_days(rng, 30, 300), "C1")
    if adoption is not None and adoption.order is not None:
        change(adoption.order, "E1")       # the placement order replaces the interim order
        if adoption.reversal is not None:
            change(adoption.reversal, "C2")    # plan changed: the placement order is revoked
    elif track[-1][1] == "C1":
        hearing = track[-1][0] + uniform_days(rng, 150, 330)
        if adoption is not None and adoption.reversal is not None:
            hearing = max(hearing, adoption.reversal + DAY)
        change(hearing, "C2")
    return track


def status_on(track: list[tuple[date, str]], on: date) -> str:
    status = track[0][1]
    for d, s in track:
        if d > on:
            break
        status = s
    return status


# --- settings -------------------------------------------------------------------------------------

class _SettingWalker:
    """Builds the setting track of one period: random moves between forced, planned changes."""

    def __init__(self, council: Council, plan: PeriodPlan, dob: date, uasc: bool, home_post: str,
                 ls_track: list[tuple[date, str]]):
        self.c, self.rng, self.plan, self.dob, self.uasc = council, council.rng, plan, dob, uasc
        self.home_post, self.ls_track = home_post, ls_track
        self.hearing = next((d for d, status in ls_track if status == "C2"), None)   # final care order

    def kind(self, on: date, first: bool) -> str:
        rng, plan = self.rng, self.plan
        age = age_on(self.dob, on)
        if self.uasc:
            return kind_for_age(mixes.UASC_SETTING, age, rng)
        if plan.pathway == "remand" and (plan.ls_change is None or on < plan.ls_change):
            return mixes.REMAND_SETTING.pick(rng)
        if plan.pathway == "adoption" and (plan.adoption.placed is None or on < plan.adoption.placed):
            if first and age < 1 and rng.random() < 0.2:
                return "ffa" if rng.random() < 0.6 else "mbu"
            return "foster" if rng.random() < 0.88 else "kinship"
        if plan.ending == "E45" and rng.random() < 0.7:
            return "kinship"
        if (not first and plan.pathway != "adoption" and rng.random() < mixes.WITH_PARENTS_UNDER_ORDER
                and status_on(self.ls_track, on) in ("C1", "C2")):
            return "parents"
        return kind_for_age(mixes.SETTING_BY_AGE, age, rng)

    def build(self) -> Track:
        rng, plan, c = self.rng, self.plan, self.c
        start, end = plan.start, plan.end
        forced = self._forced()
        current = c.setting(self.kind(start, True), start, self.dob, self.home_post)
        track: Track = [(start, current, "")]
        t = start
        emergency = rng.random() < mixes.EMERGENCY_FIRST_PLACEMENT
        while True:
            nxt = next((f for f in forced if f[0] > t), None)
            limit = nxt[0] if nxt else end
            if emergency:
                move = t + uniform_days(rng, 2, 40)
                emergency = False
            else:
                young, teen = mixes.MOVE_RATE.get(current.kind, (0.3, 0.3))
                rate = teen if age_on(self.dob, t) >= 11 else young
                move = t + timedelta(days=1 + int(rng.expovariate(rate / 365))) if rate else limit
            if move < limit:
                current = self._elsewhere(current, move)
                reason = "CUSTOD" if current.kind == "yoi" else mixes.MOVE_REASON.pick(rng)
                track.append((move, current, reason))
                t = move
                continue
            if nxt is None:
                break
            on, make = nxt
            t = on
            change = make(current)
            if change is not None:
                current, reason = change
                track.append((on, current, reason))
        return self._designate_long_term(track)

    def _elsewhere(self, current: Setting, on: date, kind: str | None = None) -> Setting:
        """A new placement that really is a change: not the same home again, not parents to parents."""
        for _ in range(5):
            new = self.c.setting(kind or self.kind(on, False), on, self.dob, self.home_post)
            if new.carer != current.carer and not (new.kind == current.kind == "parents"):
                return new
        return self.c.setting("foster", on, self.dob, self.home_post)

    def _forced(self) -> list[tuple[date, object]]:
        """Planned changes of setting: (date, function from the current setting to the next one and
        the reason for the move, or to None when the current setting already suits)."""
        rng, plan = self.rng, self.plan
        start, end = plan.start, plan.end
        forced = []

        def move_to(on: date, kind: str) -> None:
            forced.append((on, lambda cur: None if cur.kind == kind else (self._elsewhere(cur, on, kind), "CARPL")))

        a = plan.adoption
        if plan.pathway == "adoption" and a.placed is not None:
            def to_adoption(cur):
                if a.own_carer and cur.kind in FOSTER_KINDS:
                    return adoptive_with_carer(cur, a.order is not None), "CARPL"
                s = self.c.setting("adoption", a.placed, self.dob, self.home_post)
                return (s if a.order is not None else replace(s, place="A4")), "CARPL"
            # The child must be with a foster carer immediately before an adoptive placement.
            forced.append((a.placed - DAY * 21, lambda cur: None if cur.kind in FOSTER_KINDS else (
                self._elsewhere(cur, a.placed - DAY * 21, "foster"), "CARPL")))
            forced.append((a.placed, to_adoption))
        if plan.pathway == "home" and plan.ending == "E4A" and (end - start).days > 240 and rng.random() < 0.5:
            on = end - uniform_days(rng, 60, min(270, (end - start).days - 30))
            if status_on(self.ls_track, on) in _CARE_ORDER_STATUSES:
                move_to(on, "parents")
        if end == birthday(self.dob, 18) and rng.random() < 0.45:
            on = max(start + DAY * 30, birthday(self.dob, 16) + uniform_days(self.rng, 0, 500))
            if on < end - DAY * 30:
                move_to(on, "semi")
        if self.hearing is not None and rng.random() < mixes.MOVE_AT_HEARING:
            forced.append((self.hearing, lambda cur: (self._elsewhere(cur, self.hearing), "CARPL")))
        wanted = {"E45": "kinship", "E46": "foster"}.get(plan.ending)
        if wanted and (end - start).days > 90:
            move_to(end - uniform_days(rng, 60, min(360, (end - start).days - 30)), wanted)
        forced.sort(key=lambda f: f[0])
        return [f for f in forced if start < f[0] < end]

    def _designate_long_term(self, track: Track) -> Track:
        """Foster placements that last become long-term (U6 -> U4) or move in-house, same carer."""
        rng, plan = self.rng, self.plan
        if plan.pathway not in _LONG_TERM_PATHWAYS:
            return track
        out: Track = []
        for i, (on, s, reason) in enumerate(track):
            out.append((on, s, reason))
            until = track[i + 1][0] if i + 1 < len(track) else plan.end
            if s.kind not in ("foster", "kinship") or (until - on).days < 300:
                continue
            if rng.random() < 0.55:
                when = on + uniform_days(rng, 200, 540)
                # Sometimes confirmed as long-term at the final hearing: same carer and new legal
                # status on one day (RNE U).
                hearing = self.hearing
                if hearing is not None and on + DAY * 60 < hearing < until - DAY and rng.random() < 0.3:
                    when = hearing
                if when < until - DAY:
                    out.append((when, long_term(s), "CARPL"))
            elif s.provider == "PR4" and rng.random() < 0.08:
                when = on + uniform_days(rng, 60, (until - on).days - 2)
                out.append((when, transferred_in_house(s, self.c), "PLACE"))
        out.sort(key=lambda e: e[0])
        return out


def add_temporary_moves(council: Council, track: Track, end: date, busy: list[date]) -> Track:
    """Short stays away from a foster carer (respite, hospital, holiday) that return to the same carer.

    No stay spans a date in `busy` (legal status changes): a temporary episode starts with a change
    of placement (RNE P or B) and the return is a plain change of placement (RNE P).
    """
    rng = council.rng
    out: Track = []
    for i, (on, s, reason) in enumerate(track):
        out.append((on, s, reason))
        until = track[i + 1][0] if i + 1 < len(track) else end
        if s.kind not in FOSTER_KINDS:
            continue
        t = on + timedelta(days=int(rng.expovariate(mixes.TEMPORARY_RATE / 365)))
        while t < until:
            code = mixes.TEMPORARY_KIND.pick(rng)
            _, low, high = mixes.TEMPORARY[code]
            back = t + uniform_days(rng, low, high)
            clash = any(t <= d <= back for d in busy)
            if t >= on + DAY * 2 and back <= until - DAY * 2 and not clash:
                out.append((t, council.temporary(code), ""))
                out.append((back, s, ""))
            t = back + timedelta(days=30 + int(rng.expovariate(mixes.TEMPORARY_RATE / 365)))
    return out


# --- merging --------------------------------------------------------------------------------------

def merge(plan: PeriodPlan, ls_track: list[tuple[date, str]], settings: Track, cin: str,
          home_post: str, rng: Random) -> list[Episode]:
    changes: dict[date, list] = {}
    for on, status in ls_track:
        changes.setdefault(on, [None, None, ""])[0] = status
    for on, s, reason in settings:
        entry = changes.setdefault(on, [None, None, ""])
        entry[1], entry[2] = s, reason
    status, setting = ls_track[0][1], settings[0][1]
    episodes: list[Episode] = []
    reasons: list[str] = []
    for on in sorted(changes):
        new_status, new_setting, reason = changes[on]
        new_status = new_status or status
        new_setting = new_setting or setting
        if episodes:
            ls_changed = new_status != status
            if new_setting.carer != setting.carer:
                rne = "B" if ls_changed else "P"
            elif new_setting != setting:
                rne = "U" if ls_changed else "T"
            elif ls_changed:
                rne = "L"
            else:
                continue
            episodes[-1].dec, episodes[-1].rec = on, "X1"
            reasons.append(reason if rne != "L" else "")
        else:
            rne = "S"
        status, setting = new_status, new_setting
        episodes.append(Episode(on, rne, status, cin, setting.place, setting.provider, home_post,
                                setting.pl_post, setting.urn, recode=setting.recode))
    last = episodes[-1]
    last.dec, last.rec = plan.end, plan.ending or _ending_at_eighteen(setting, rng)
    for i, reason in enumerate(reasons):
        ep, nxt = episodes[i], episodes[i + 1]
        if nxt.rne in "PBTU" and ep.place not in TEMPORARY_PLACES and nxt.place not in TEMPORARY_PLACES:
            ep.reason_place_change = reason or "CARPL"
    _check_ending_matches_setting(last)
    return episodes


def _ending_at_eighteen(s: Setting, rng: Random) -> str:
    group = "foster" if s.kind in FOSTER_KINDS else "semi" if s.kind in ("semi", "indep") else "other"
    return mixes.AT_EIGHTEEN[group].pick(rng)


def _check_ending_matches_setting(last: Episode) -> None:
    """SGO to a former foster carer needs a foster placement at the end; adjust the reason if not."""
    if last.rec == "E45" and last.place not in ("U1", "U2", "U3"):
        last.rec = "E47"
    elif last.rec == "E46" and last.place not in ("U4", "U5", "U6"):
        last.rec = "E48"


def build_period(council: Council, plan: PeriodPlan, dob: date, uasc: bool, cin: str,
                 home_post: str) -> Period:
    rng = council.rng
    ls_track = legal_status_track(rng, plan, dob)
    settings = _SettingWalker(council, plan, dob, uasc, home_post, ls_track).build()
    settings = add_temporary_moves(council, settings, plan.end, [d for d, _ in ls_track])
    return Period(plan.start, plan.end, plan.pathway, merge(plan, ls_track, settings, cin, home_post, rng))


def build_short_break(plan: PeriodPlan, setting: Setting) -> Period:
    """One short break (V3) or agreement (V4): a single episode; no postcodes or URN are returned for these."""
    ep = Episode(plan.start, "S", plan.short_break, "N2", setting.place, setting.provider, "", "", "",
                 dec=plan.end, rec=plan.ending)
    return Period(plan.start, plan.end, plan.pathway, [ep])
