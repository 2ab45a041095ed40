"""Known errors to plant in a clean return, so tests can check that careboard finds each one.

Each kind is a small function that picks a suitable row of one year's tables, changes one field
(or adds one row) and says what it did. Rows are changed in place; their position is read after all
changes, so the reported row numbers are those of the files as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from random import Random

from ..formats.registry import SSDA903 as spec
from .calendar import fmt
from .returns import Rows, YearCut

Tables = dict[str, Rows]


@dataclass(frozen=True, slots=True)
class Hit:
    table: str
    row: list[str]
    field: str
    original: str
    injected: str


def _col(table: str, field: str) -> int:
    return spec.table(table).columns.index(field)


def _parse(s: str) -> date:
    return datetime.strptime(s, "%d/%m/%Y").date()


def _pick(rng: Random, rows: list[list[str]], used: set[int]) -> list[str] | None:
    rows = [r for r in rows if id(r) not in used]
    return rows[rng.randrange(len(rows))] if rows else None


def _set(table: str, row: list[str], field: str, value: str) -> Hit:
    i = _col(table, field)
    hit = Hit(table, row, field, row[i], value)
    row[i] = value
    return hit


def bad_date(rng: Random, t: Tables, cut: YearCut, used: set[int]) -> Hit | None:
    """A date that does not exist (31 February, month 13, day 0)."""
    places = [("episodes", "DEC"), ("reviews", "REVIEW"), ("missing", "MIS_START"), ("header", "DOB")]
    rng.shuffle(places)
    for table, field in places:
        i = _col(table, field)
        row = _pick(rng, [r for r in t[table] if r[i]], used)
        if row:
            dd, mm, yyyy = row[i].split("/")
            bad = rng.choice([f"31/02/{yyyy}", f"{dd}/13/{yyyy}", f"00/{mm}/{yyyy}", f"32/{mm}/{yyyy}"])
            return _set(table, row, field, bad)
    return None


def invalid_code(rng: Random, t: Tables, cut: YearCut, used: set[int]) -> Hit | None:
    """A code outside the field's code list."""
    field, value = rng.choice([("PLACE", "U9"), ("LS", "C9"), ("RNE", "Q"), ("CIN", "N9")])
    row = _pick(rng, t["episodes"], used)
    return _set("episodes", row, field, value) if row else None


def lowercase_code(rng: Random, t: Tables, cut: YearCut, used: set[int]) -> Hit | None:
    """A valid code written in lower case (a warning: the DfE spec uses upper case)."""
    row = _pick(rng, t["episodes"], used)
    return _set("episodes", row, "PLACE", row[_col("episodes", "PLACE")].lower()) if row else None


def _consecutive_episodes(t: Tables, used: set[int]):
    rows = t["episodes"]
    for a, b in zip(rows, rows[1:]):
        if a[0] == b[0] and id(a) not in used and id(b) not in used:
            yield a, b


def overlapping_episodes(rng: Random, t: Tables, cut: YearCut, used: set[int]) -> Hit | None:
    """An episode that starts before the child's previous episode ended."""
    decom, dec = _col("episodes", "DECOM"), _col("episodes", "DEC")
    pairs = [(a, b) for a, b in _consecutive_episodes(t, used)
             if a[dec] and _parse(a[decom]) >= cut.start and (_parse(a[dec]) - _parse(a[decom])).days >= 3]
    if not pairs:
        return None
    a, b = pairs[rng.randrange(len(pairs))]
    length = (_parse(a[dec]) - _parse(a[decom])).days
    return _set("episodes", b, "DECOM", fmt(_parse(a[dec]) - timedelta(days=1 + rng.randrange(length - 1))))


def x1_gap(rng: Random, t: Tables, cut: YearCut, used: set[int]) -> Hit | None:
    """An episode ending X1 whose DEC is days before the next episode's DECOM (a gap in the chain)."""
    decom, dec, rec = (_col("episodes", f) for f in ("DECOM", "DEC", "REC"))
    pairs = [(a, b) for a, b in _consecutive_episodes(t, used)
             if a[rec] == "X1" and (_parse(a[dec]) - _parse(a[decom])).days >= 3]
    if not pairs:
        return None
    a, _ = pairs[rng.randrange(len(pairs))]
    length = (_parse(a[dec]) - _parse(a[decom])).days
    return _set("episodes", a, "DEC", fmt(_parse(a[dec]) - timedelta(days=1 + rng.randrange(min(5, length - 1)))))


def dec_before_decom(rng: Random, t: Tables, cut: YearCut, used: set[int]) -> Hit | None:
    """An episode that ceases before it commenced."""
    decom, dec, rec = (_col("episodes", f) for f in ("DECOM", "DEC", "REC"))
    rows = [r for r in t["episodes"] if r[dec] and r[rec] != "X1"]
    row = _pick(rng, rows, used)
    return _set("episodes", row, "DEC", fmt(_parse(row[decom]) - timedelta(days=1 + rng.randrange(30)))) if row else None


def duplicate_key(rng: Random, t: Tables, cut: YearCut, used: set[int]) -> Hit | None:
    """A second episode row with the same CHILD and DECOM, right after the first."""
    rows = t["episodes"]
    row = _pick(rng, rows, used)
    if row is None:
        return None
    copy = list(row)
    rows.insert(next(i for i, r in enumerate(rows) if r is row) + 1, copy)
    used.add(id(row))
    return Hit("episodes", copy, "DECOM", "", copy[_col("episodes", "DECOM")])


def missing_dob(rng: Random, t: Tables, cut: YearCut, used: set[int]) -> Hit | None:
    """A header row with no date of birth."""
    row = _pick(rng, t["header"], used)
    return _set("header", row, "DOB", "") if row else None


def bad_upn(rng: Random, t: Tables, cut: YearCut, used: set[int]) -> Hit | None:
    """A UPN whose check letter does not match its digits."""
    i = _col("header", "UPN")
    row = _pick(rng, [r for r in t["header"] if len(r[i]) == 13], used)
    if row is None:
        return None
    letter = rng.choice([c for c in "ABCDEFGHJKLMNPQRTUVWXYZ" if c != row[i][0]])
    return _set("header", row, "UPN", letter + row[i][1:])


def review_before_care(rng: Random, t: Tables, cut: YearCut, used: set[int]) -> Hit | None:
    """A review dated before the child's period of care began."""
    decom, dec, rne = (_col("episodes", f) for f in ("DECOM", "DEC", "RNE"))
    review = _col("reviews", "REVIEW")
    spans: dict[str, list[tuple[date, date | None]]] = {}
    starts: dict[str, date] = {}
    for r in t["episodes"]:
        spans.setdefault(r[0], []).append((_parse(r[decom]), _parse(r[dec]) if r[dec] else None))
        if r[rne] == "S" and _parse(r[decom]) >= cut.start + timedelta(days=40):
            starts.setdefault(r[0], _parse(r[decom]))
    candidates = []
    taken = {(r[0], r[review]) for r in t["reviews"]}
    for r in t["reviews"]:
        start = starts.get(r[0])
        if start is None or id(r) in used or _parse(r[review]) < start:
            continue
        when = start - timedelta(days=5 + rng.randrange(30))
        in_care = any(a <= when and (b is None or b > when) for a, b in spans[r[0]])
        if not in_care and (r[0], fmt(when)) not in taken:
            candidates.append((r, when))
    if not candidates:
        return None
    row, when = candidates[rng.randrange(len(candidates))]
    return _set("reviews", row, "REVIEW", fmt(when))


def unknown_child(rng: Random, t: Tables, cut: YearCut, used: set[int]) -> Hit | None:
    """A review for a child who has no header row."""
    row = _pick(rng, t["reviews"], used)
    if row is None:
        return None
    known = {r[0] for r in t["header"]}
    new = row[0] + "9"
    while new in known:
        new += "9"
    return _set("reviews", row, "CHILD", new)


def sdq_out_of_range(rng: Random, t: Tables, cut: YearCut, used: set[int]) -> Hit | None:
    """An SDQ score above the questionnaire's maximum of 40."""
    i = _col("oc2", "SDQ_SCORE")
    row = _pick(rng, [r for r in t["oc2"] if r[i]], used)
    return _set("oc2", row, "SDQ_SCORE", str(41 + rng.randrange(20))) if row else None


def adoption_date_mismatch(rng: Random, t: Tables, cut: YearCut, used: set[int]) -> Hit | None:
    """AD1 DATE_INT differing from the child's PlacedAdoption DATE_PLACED."""
    i = _col("ad1", "DATE_INT")
    row = _pick(rng, t["ad1"], used)
    return _set("ad1", row, "DATE_INT", fmt(_parse(row[i]) - timedelta(days=7 + rng.randrange(50)))) if row else None


def missing_end_before_start(rng: Random, t: Tables, cut: YearCut, used: set[int]) -> Hit | None:
    """A missing incident that ends before it started."""
    start, end = _col("missing", "MIS_START"), _col("missing", "MIS_END")
    row = _pick(rng, [r for r in t["missing"] if r[end]], used)
    return _set("missing", row, "MIS_END", fmt(_parse(row[start]) - timedelta(days=1 + rng.randrange(5)))) if row else None


def unregistered_urn(rng: Random, t: Tables, cut: YearCut, used: set[int]) -> Hit | None:
    """An Ofsted URN that is on no list: synthetic URNs are SC or 2 and six digits from 100000, never SC0."""
    i = _col("episodes", "URN")
    row = _pick(rng, [r for r in t["episodes"] if r[i] not in ("", "XXXXXXX")], used)
    return _set("episodes", row, "URN", f"SC0{rng.randrange(100000):05d}") if row else None


def wrong_placement_postcode(rng: Random, t: Tables, cut: YearCut, used: set[int]) -> Hit | None:
    """A children's home or school placement at a postcode that is not the setting's: the same district,
    but an inward code starting 0, which synthetic postcodes never have."""
    place, post, ls = (_col("episodes", f) for f in ("PLACE", "PL_POST", "LS"))
    row = _pick(rng, [r for r in t["episodes"] if r[place] in ("K1", "K2", "R3", "S1") and r[post]
                      and r[ls] not in ("V3", "V4")], used)
    return _set("episodes", row, "PL_POST", row[post].split()[0] + " 0AA") if row else None


CATALOGUE = {f.__name__: f for f in (
    bad_date, invalid_code, lowercase_code, overlapping_episodes, x1_gap, dec_before_decom,
    duplicate_key, missing_dob, bad_upn, review_before_care, unknown_child, sdq_out_of_range,
    adoption_date_mismatch, missing_end_before_start, unregistered_urn, wrong_placement_postcode)}

# Kinds only the rules reading the synthetic reference data (write_reference) can find.
NEED_REFERENCE = frozenset({"unregistered_urn", "wrong_placement_postcode"})

# A child's rows nest under its header in XML, so a row for an unknown child cannot be written.
CSV_ONLY = frozenset({"unknown_child"})


def inject(rng: Random, returns: dict[int, Tables], cuts: dict[int, YearCut], kinds, fmt_: str
           ) -> list[tuple[int, str, Hit]]:
    """Plant one error of each kind named (a kind named twice is planted twice)."""
    hits = []
    used: set[int] = set()
    for kind in kinds:
        if kind not in CATALOGUE:
            raise ValueError(f"unknown error kind {kind!r}; known kinds: {', '.join(CATALOGUE)}")
        if fmt_ == "xml" and kind in CSV_ONLY:
            raise ValueError(f"error kind {kind!r} cannot be written in XML")
        years = list(returns)
        rng.shuffle(years)
        for year in years:
            hit = CATALOGUE[kind](rng, returns[year], cuts[year], used)
            if hit is not None:
                used.add(id(hit.row))
                hits.append((year, kind, hit))
                break
        else:
            raise ValueError(f"no row in the returns can take a {kind!r} error")
    return hits
