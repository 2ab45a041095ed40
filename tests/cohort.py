"""Build tiny hand-made SSDA903 returns for tests, load them and compute indicators.

Tests describe children as short Python rows; this module fills the columns a test does not care
about, writes real CSV files (one folder per collection year), loads them through the real ingest
and store, and runs the real model. Only the figures are the test's own.
"""

from __future__ import annotations

import csv
import tempfile
from datetime import date
from pathlib import Path

from careboard.formats import registry as formats
from careboard.formats.period import ListPeriod
from careboard.indicators import calculate, registry
from careboard.store import open_store
from tests.loading import load

DEFAULTS = {
    "header": {"SEX": "M", "DOB": "01/01/2010", "ETHNIC": "WBRI", "UPN": "UN1", "MOTHER": "", "MC_DOB": ""},
    "episodes": {"RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U4", "PLACE_PROVIDER": "PR1", "DEC": "", "REC": "",
                 "REASON_PLACE_CHANGE": "", "HOME_POST": "AB1 1AA", "PL_POST": "AB1 2BB", "URN": "SC111111"},
    "child_activities": {"AREA": "", "TEAM": "Children in Care", "WORKER": "A Worker"},
}


# Local lists a test may put beside a return: they are about children, not a return's rows, so they do not
# give a child a header row.
LISTS = tuple(name for f in formats.FORMATS if isinstance(f.period, ListPeriod) for name in f.tables())


def activity(child, activity, done, **kw) -> dict:
    """One row of the activity log: ACTIVITY VISIT, IHA, RHA, DENTAL, PEP, PATHWAY_PLAN, RHI_OFFERED, RHI_DONE."""
    return {"CHILD": child, "ACTIVITY": activity, "DATE": done, **{k.upper(): v for k, v in kw.items()}}


def ep(child, decom, dec="", rec="", **kw) -> dict:
    """One episode row. Keyword names are the 903 column names in lower case (place="U1", rne="P" ...)."""
    return {"CHILD": child, "DECOM": decom, "DEC": dec, "REC": rec, **{k.upper(): v for k, v in kw.items()}}


def child(child_id, dob="01/01/2010", sex="M", **kw) -> dict:
    return {"CHILD": child_id, "DOB": dob, "SEX": sex, **{k.upper(): v for k, v in kw.items()}}


def row(**kw) -> dict:
    """Any other table's row, columns given in lower or upper case."""
    return {k.upper(): v for k, v in kw.items()}


def write_returns(folder: Path, returns: dict[int, dict[str, list[dict]]]) -> list[Path]:
    paths = []
    for year, tables in returns.items():
        d = folder / f"{year - 1}-{year % 100:02d}"
        d.mkdir(parents=True, exist_ok=True)
        for table, rows in tables.items():
            t = formats.table(table)   # a 903 table, or a local list kept in the same folder
            # An optional column (header UASC) is written only when a row gives it, as only some councils do.
            cols = t.columns + tuple(c for c in t.optional if any(c in r for r in rows))
            with (d / f"{table}.csv").open("w", newline="") as f:
                w = csv.writer(f)
                w.writerow(cols)
                for r in rows:
                    full = {**DEFAULTS.get(table, {}), **r}
                    w.writerow([full.get(c, "") for c in cols])
        paths.append(d)
    return paths


def whole(returns: dict[int, dict[str, list[dict]]]) -> dict:
    """Each return with a file of every table every council's return has rows in, empty where the case gives
    none: a return of CSV files that leaves one out lacks it (calculate.Context.not_loaded)."""
    every = [t for t in formats.SSDA903.tables() if formats.table(t).every_return]
    return {year: {**{t: [] for t in every if (formats.table(t).first_year or 0) <= year}, **tables}
            for year, tables in returns.items()}


def with_headers(returns: dict[int, dict[str, list[dict]]], dobs: dict[str, str] | None = None) -> dict:
    """Add a header row for every child that has episodes but no header row in that year."""
    out = {}
    for year, tables in returns.items():
        tables = dict(tables)
        have = {r["CHILD"] for r in tables.get("header", [])}
        kids = {r["CHILD"] for t, rows in tables.items() if t not in ("header", *LISTS) for r in rows}
        tables["header"] = list(tables.get("header", [])) + [
            child(k, dob=(dobs or {}).get(k, "01/01/2010")) for k in sorted(kids - have)]
        out[year] = tables
    return out


def context(returns: dict, as_at: date, population: int | None = None, dobs: dict | None = None) -> calculate.Context:
    con = open_store(":memory:")
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_returns(Path(tmp), with_headers(returns, dobs))
        result = load(con, paths, as_at=as_at, validate=False)
    return calculate.Context.open(con, result.snapshot_id, population=population)


def compute(indicator_id: str, returns: dict, as_at: date, population: int | None = None, dobs: dict | None = None):
    ctx = context(returns, as_at, population, dobs)
    return calculate.compute(ctx, registry.get(indicator_id))


def check(value, expected: dict) -> None:
    """The one assertion for indicator cases: compare only the figures the case names."""
    got = {"value": value.value, "num": value.numerator, "den": value.denominator, **value.extra}
    for key, want in expected.items():
        have = got[key]
        if isinstance(want, float) and have is not None:
            assert abs(have - want) < 1e-6, f"{value.indicator_id} {key}: expected {want}, got {have}"
        else:
            assert have == want, f"{value.indicator_id} {key}: expected {want!r}, got {have!r}"
