"""The simulated history: reproducible, internally consistent, and roughly like England's mix."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

import pytest

from careboard.synth import simulate
from careboard.synth.calendar import age_on, birthday
from careboard.synth.timeline import Child, Episode, Period, PrevPerm, Review

from tests.synth_helpers import TEMPORARY, child_problems, demo_timeline, small_timeline


def _fingerprint(timeline):
    return [(c.id, c.dob, c.sex, [(e.decom, e.rne, e.ls, e.place, e.dec, e.rec) for e in c.episodes],
             [r.date for r in c.reviews]) for c in timeline.children]


def test_same_seed_same_history_other_seed_other_history():
    a = simulate(seed=3, children_in_care=60, years=3)
    b = simulate(seed=3, children_in_care=60, years=3)
    c = simulate(seed=4, children_in_care=60, years=3)
    assert _fingerprint(a) == _fingerprint(b)
    assert _fingerprint(a) != _fingerprint(c)


@pytest.mark.parametrize("timeline", [demo_timeline, lambda: small_timeline(7), lambda: small_timeline(8)],
                         ids=["demo", "small-7", "small-8"])
def test_every_child_history_is_consistent(timeline):
    problems = {c.id: child_problems(c) for c in timeline().children}
    assert {k: v for k, v in problems.items() if v} == {}


def _child(*episodes: Episode, reviews=()) -> Child:
    period = Period(episodes[0].decom, episodes[-1].dec, "test", list(episodes), PrevPerm("Z1", "", ""))
    return Child("X1", "M", date(2012, 5, 1), "WBRI", "A874000000001", periods=[period],
                 reviews=list(reviews))


_GOOD = [Episode(date(2020, 1, 1), "S", "C1", "N1", "U6", "PR1", "PE1 1AA", "PE2 2BB", "SC1", date(2020, 6, 1), "X1", "CARPL"),
         Episode(date(2020, 6, 1), "P", "C1", "N1", "K2", "PR4", "PE1 1AA", "PE3 3CC", "SC2", date(2021, 1, 1), "E4A")]


@pytest.mark.parametrize("change, expected", [
    (lambda e: [replace(e[0], dec=date(2020, 5, 30)), e[1]], "X1 chain broken"),
    (lambda e: [e[0], replace(e[1], rne="L")], "RNE L"),
    (lambda e: [replace(e[0], reason_place_change=""), e[1]], "no reason for placement change"),
    (lambda e: [e[0], replace(e[1], place="P1", provider="PR0", ls="V2")], "P1/PR0 misuse"),
    (lambda e: [e[0], replace(e[1], place="K3")], "K3/C1 at age 8"),
    (lambda e: [e[0], replace(e[1], rec="E11")], "adopted from a placement that is not an adoptive one"),
    (lambda e: [e[0], replace(e[1], place="T3", provider="", urn="")], "temporary episode"),
], ids=["gap", "rne", "reason", "p1", "age", "adopted", "temporary-last"])
def test_the_checker_finds_hand_made_faults(change, expected):
    assert child_problems(_child(*_GOOD)) == []
    problems = child_problems(_child(*change(_GOOD)))
    assert any(expected in p for p in problems), problems


def test_the_checker_finds_a_review_outside_care():
    late = Review(date(2021, 2, 1), "PN1", date(2021, 1, 1), False)
    assert any("outside a period of care" in p for p in child_problems(_child(*_GOOD, reviews=[late])))


# --- the mix ------------------------------------------------------------------------------------

def _open_episode(child, on):
    return next(e for e in child.episodes if e.decom <= on and (e.dec is None or e.dec > on))


def test_children_in_care_stay_near_the_requested_number():
    tl = demo_timeline()
    assert abs(len(tl.looked_after_on(tl.end)) - 400) <= 60
    month_ends = [date(y, m, 28) for y in range(2017, 2026) for m in (3, 6, 9, 12)]
    mean = sum(len(tl.looked_after_on(d)) for d in month_ends) / len(month_ends)
    assert 360 <= mean <= 440


def test_placements_legal_status_and_people_look_national():
    tl = demo_timeline()
    cic = tl.looked_after_on(tl.end)
    places = Counter(_open_episode(c, tl.end).place for c in cic)
    status = Counter(_open_episode(c, tl.end).ls for c in cic)
    n = len(cic)
    share = lambda counter, keys: sum(v for k, v in counter.items() if k in keys) / n  # noqa: E731
    assert 0.60 <= share(places, {"U1", "U2", "U3", "U4", "U5", "U6"}) <= 0.80
    assert 0.05 <= share(places, {"K2"}) <= 0.20
    assert 0.02 <= share(places, {"P1"}) <= 0.10
    assert status.most_common(1)[0][0] == "C2" and share(status, {"C1"}) >= 0.04 and share(status, {"V2"}) >= 0.1
    assert 0.50 <= sum(c.sex == "M" for c in cic) / n <= 0.62
    assert 0.62 <= sum(c.ethnicity[0] == "W" for c in cic) / n <= 0.82
    ages = Counter(age_on(c.dob, tl.end) for c in cic)
    assert sum(v for a, v in ages.items() if a >= 10) / n >= 0.5
    assert ages[0] >= 5


def test_endings_and_starts_look_national():
    tl = demo_timeline()
    y0, y1 = date(2021, 4, 1), date(2026, 3, 31)
    ends = [p.episodes[-1].rec for c in tl.children for p in c.periods
            if not p.short_break and p.end is not None and y0 <= p.end <= y1]
    rec = Counter(ends)
    assert 0.12 <= (rec["E4A"] + rec["E4B"]) / len(ends) <= 0.45
    assert 0.04 <= (rec["E11"] + rec["E12"]) / len(ends) <= 0.16
    assert 0.05 <= sum(rec[k] for k in ("E45", "E46", "E47", "E48")) / len(ends) <= 0.2
    starts = [age_on(c.dob, p.start) for c in tl.children for p in c.periods if not p.short_break and y0 <= p.start <= y1]
    assert 0.1 <= sum(a < 1 for a in starts) / len(starts) <= 0.3
    assert 0.3 <= sum(a >= 10 for a in starts) / len(starts) <= 0.7


def test_the_tricky_cases_are_all_there():
    tl = demo_timeline()
    eps = [(c, p, e) for c in tl.children for p in c.periods for e in p.episodes]
    rnes = Counter(e.rne for _, _, e in eps)
    assert all(rnes[k] > 0 for k in "SLPTBU"), rnes
    assert any(e.place in TEMPORARY for _, _, e in eps)
    assert {"V3", "V4"} <= {e.ls for _, _, e in eps}
    own_carer = [e for _, _, e in eps if e.place in ("A3", "A5") and e.rne in "TU"]
    assert own_carer and any(c.adoption and c.adoption.foster_care == "1" for c in tl.children)
    assert any(d.ceased and d.reason_ceased in ("RD1", "RD2", "RD3", "RD4") for c in tl.children for d in c.decisions)
    assert any(len([p for p in c.periods if not p.short_break]) > 1 for c in tl.children)
    assert any(e.decom.year < e.dec.year if e.dec else False for _, _, e in eps)   # open over 31 March
    assert any(e.dec == birthday(c.dob, 18) and e.rec == "E17" for c, _, e in eps)
    # a 17- or 18-year-old care leaver who left before the birthday the OC3 row is for
    assert any(c.oc3 and age_on(c.dob, date(y, 3, 31)) in (17, 18) for c in tl.children for y in c.oc3)
    late = sum(not r.on_time for c in tl.children for r in c.reviews) / sum(len(c.reviews) for c in tl.children)
    assert 0.01 <= late <= 0.08
    assert any(c.missing for c in tl.children) and any(c.sw_episodes for c in tl.children)
    assert not any(c.dolo for c in tl.children)       # DoLOs are only recorded from 2026/27


def test_dolo_only_from_2026_27():
    tl = simulate(seed=5, children_in_care=300, years=2, end=date(2027, 3, 31))
    starts = [d.start for c in tl.children for d in c.dolo]
    assert starts and min(starts) >= date(2026, 4, 1)
