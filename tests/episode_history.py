"""Spread children's episode histories over the yearly returns that would carry them.

A 903 return holds every episode open at any time in its collection year (1 April - 31 March). An
episode still open on 31 March is sent without its end (DEC, REC, REASON_PLACE_CHANGE) and sent
again, now finished, in the next return. Tests write each episode once, as it happened (with
tests.cohort.ep), and `returns` builds what the council would have sent, so every multi-year case
also runs through the stitching of episodes open over a year end.
"""

from __future__ import annotations

from datetime import date, datetime

_END_FIELDS = ("DEC", "REC", "REASON_PLACE_CHANGE")


def _day(text: str) -> date | None:
    return datetime.strptime(text, "%d/%m/%Y").date() if text else None


def returns(*episodes: dict, to_year: int, extra: dict[int, dict[str, list[dict]]] | None = None) -> dict:
    """Returns for the collection years from the first episode's year to `to_year` (year ending 31 March).

    `extra` adds rows of other tables to given years: {2025: {"uasc": [row(...)]}}.
    """
    first = min(_day(e["DECOM"]) for e in episodes)
    out: dict[int, dict[str, list[dict]]] = {}
    for year in range(first.year if first.month < 4 else first.year + 1, to_year + 1):
        start, end = date(year - 1, 4, 1), date(year, 3, 31)
        rows = []
        for e in episodes:
            decom, dec = _day(e["DECOM"]), _day(e.get("DEC", ""))
            if decom > end or (dec is not None and dec < start):
                continue
            rows.append({**e, **{f: "" for f in _END_FIELDS}} if dec is not None and dec > end else dict(e))
        if rows:
            out[year] = {"episodes": rows}
    for year, tables in (extra or {}).items():
        out.setdefault(year, {}).update(tables)
    return out
