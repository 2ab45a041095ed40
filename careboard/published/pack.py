"""Builds the compact copy of the published files that careboard ships and reads by default.

Only the rows and columns careboard reads are kept (measures.toml says which), every English LA and
every year the files hold; the result is itself a benchmarks folder that careboard reads like the
published one, with the same file names plus ".gz", a release record (release.json) and the Open
Government Licence notice. The shipped copy in careboard/published/data/ is built from the published
files with `careboard benchmarks update FOLDER --into careboard/published/data`; the same command
without --into makes a user's own copy of a newer release.

A file the new folder lacks is taken from the copy in use, so a release of one table is enough.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from careboard.dates import year_label
from careboard.errors import InputError
from careboard.published.figures import SYMBOL_REASONS
from careboard.published.files import CLA_FILE, LAIT_FILE, ONS_PREFIX, SN_FILES, find_file
from careboard.published.location import RELEASE_FILE
from careboard.published.measures import Measure, load_measures
from careboard.sql.params import literal

LICENCE_FILE = "LICENCE"
LA_CODES_FILE = "la_codes.csv"        # GSS -> DfE number pairs, plain CSV as validate/la_codes.py reads
DICTIONARY_FILE = "lait_lait_data_dictionary.csv"
# Columns kept from every EES and ONS file: the area keys and names and the GSS code.
AREA_COLUMNS = ("time_period", "geographic_level", "region_code", "region_name", "old_la_code", "la_name",
                "new_la_code")
TITLES = {
    CLA_FILE: "DfE, Children looked after in England including adoptions: numbers and rates per 10,000",
    "la_cla_placement_stability": "DfE, Children looked after in England including adoptions: placement stability",
    "la_conviction_health_outcome_cla": "DfE, Children looked after in England including adoptions: "
                                        "health, convictions and substance misuse (OC2)",
    "la_care_leavers_activity": "DfE, Children looked after in England including adoptions: care leavers' activity",
    "la_care_leavers_accommodation_suitability": "DfE, Children looked after in England including adoptions: "
                                                 "care leavers' accommodation",
    ONS_PREFIX: "ONS mid-year population estimates, children aged 0 to 17 (as republished by the DfE)",
    LAIT_FILE: "DfE Local Authority Interactive Tool (LAIT), long table",
    SN_FILES[2021]: "DfE statistical neighbour groups, April 2021 model",
    SN_FILES[2025]: "DfE statistical neighbour groups, May 2025 model",
}
LICENCE_TEXT = """\
The files in this folder are a compact copy of figures published by the Department for Education
(explore-education-statistics: "Children looked after in England including adoptions"; the Local
Authority Interactive Tool; statistical neighbour groups) and of the Office for National Statistics
mid-year population estimates as republished by the Department for Education.

Contains public sector information licensed under the Open Government Licence v3.0:
https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/

careboard keeps only the rows and columns it reads; the figures themselves are unchanged.
release.json names each source file, its checksum, the years it covers and, where the DfE's LAIT
data dictionary gives them, the dates of its last and next update.
"""


@dataclass(frozen=True)
class Packed:
    folder: Path
    files: dict[str, dict]          # packed file name -> its entry in release.json


def pack(source: Path, into: Path, fallback: Path | None = None) -> Packed:
    """Pack the published files in `source` into `into`, taking any file `source` lacks from `fallback`
    (a packed folder, such as the copy in use). `into` is replaced only once every file is written."""
    source = Path(source)
    if not source.is_dir():
        raise InputError(str(source), "benchmarks folder not found: name the folder holding the DfE and ONS "
                                      "published files")
    measures = load_measures()
    from careboard.backends import engine

    con = engine().connect()
    staging = into.with_name(into.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        entries = _pack_into(con, staging, source, fallback, measures)
        _check(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if into.exists():
        shutil.rmtree(into)
    staging.rename(into)
    return Packed(into, entries)


def _pack_into(con, staging: Path, source: Path, fallback: Path | None, measures) -> dict[str, dict]:
    from careboard.backends import engine

    old = _release(fallback) if fallback else {}
    entries: dict[str, dict] = {}
    taken_new = False
    dictionary = _update_dates(source, {m.lait.short_desc for m in measures.values() if m.lait})
    for stem, writer in _jobs(measures):
        found, origin = find_file(source, stem), source
        if found is None and fallback is not None:
            found, origin = find_file(fallback, stem), fallback
        if found is None:
            raise InputError(str(source), f"no published file {stem}* here"
                                          + ("" if fallback else " (--into takes every file from this folder)"))
        try:
            name = writer(con, found, staging)
        except (engine().error, UnicodeDecodeError, OSError) as e:
            raise InputError(str(found), f"cannot be read as the published file: {str(e).splitlines()[0]}") from None
        if origin == fallback and name in old:
            entries[name] = old[name]
            continue
        taken_new = True
        entries[name] = {"source": found.name, "sha256": _sha256(found), "title": TITLES.get(stem, stem),
                         **_years(con, staging / name), **dictionary.get(stem, {})}
        if fallback is not None:
            _no_step_back(con, found, staging / name, entries[name], _in_use(fallback, old, stem))
    if not taken_new:
        raise InputError(str(source), "none of careboard's published files is here (e.g. "
                                      f"{CLA_FILE}.csv, {ONS_PREFIX}_2012_to_2024.csv, {LAIT_FILE})")
    _write_la_codes(con, staging)
    (staging / LICENCE_FILE).write_text(LICENCE_TEXT, encoding="utf-8")
    (staging / RELEASE_FILE).write_text(json.dumps({"files": entries}, indent=1) + "\n", encoding="utf-8")
    return entries


def _in_use(fallback: Path, old: dict[str, dict], stem: str) -> tuple[Path, dict] | None:
    """The file of the copy in use packed from the same published table as `stem`, with its release entry."""
    for name, entry in old.items():
        if name.startswith(stem):
            return fallback / name, entry
    return None


def _no_step_back(con, source: Path, packed: Path, entry: dict, in_use: tuple[Path, dict] | None) -> None:
    """Refuse a file that would put older or fewer figures in place of the copy in use: one whose years end before
    the copy's do (an older release), or whose latest year lists far fewer LAs than the copy's latest year (a
    download filtered to some LAs, which would leave the other councils' benchmarks blank)."""
    if in_use is None or "last_year" not in entry or "last_year" not in in_use[1]:
        return
    ours, theirs = entry["last_year"], in_use[1]["last_year"]
    if ours < theirs:
        raise InputError(str(source), f"holds figures up to {year_label(ours)}, older than the copy in use (up to "
                                      f"{year_label(theirs)}): careboard keeps the newer figures. To go back to the "
                                      f"shipped copy, delete your own (the folder careboard benchmarks names)")
    if not packed.name.endswith(".csv.gz") or packed.name.startswith(ONS_PREFIX):
        return
    listed, before = _las_in_last_year(con, packed), _las_in_last_year(con, in_use[0])
    if before and listed < 0.9 * before:
        raise InputError(str(source), f"lists {listed} LAs for {year_label(ours)}, where the copy in use lists "
                                      f"{before} for {year_label(theirs)}: is it a download filtered to some LAs? "
                                      f"Download the whole file (every local authority) and run this again")


def _las_in_last_year(con, path: Path) -> int:
    return con.execute(f"""SELECT count(DISTINCT old_la_code) FROM read_csv({literal(str(path))}, all_varchar = true)
                           WHERE geographic_level = 'Local authority' AND time_period = (
                               SELECT max(time_period) FROM read_csv({literal(str(path))}, all_varchar = true))
                        """).fetchone()[0]


def _check(folder: Path) -> None:
    """The packed copy must give England's figures and the LAs' populations before it replaces the old."""
    from careboard.published.areas import ENGLAND
    from careboard.published.published import load_published

    published = load_published(folder)
    codes = published.la_codes()
    if not codes:
        raise InputError(str(folder), "the packed files list no LA: is the CLA file in the published layout?")
    years = published.years("cla_rate_10k")
    if not years:
        raise InputError(str(folder), "the packed files have no rate of children looked after for any year")
    latest = years[-1]
    if published.figure("cla_rate_10k", ENGLAND, latest).value is None:
        raise InputError(str(folder), f"the packed files have no England figure for {latest}")
    if published.population_for_year_ending(ENGLAND, latest).value is None:
        raise InputError(str(folder), f"the packed files have no population estimate for England for {latest}")
    for model, name in SN_FILES.items():
        try:
            groups = published.files.neighbours(model)
        except ValueError as e:
            raise InputError(name, str(e)) from None
        if not any(groups.values()):
            raise InputError(name, "lists no statistical neighbours: is it in the published layout?")


def read_release(folder: Path) -> dict[str, dict] | None:
    """The release record of a packed folder; None for a folder of published files as downloaded."""
    return _release(folder) or None


def _release(folder: Path) -> dict[str, dict]:
    path = Path(folder) / RELEASE_FILE
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))["files"]


# --- one writer per kind of file ------------------------------------------------------------------


def _jobs(measures: dict[str, Measure]):
    """(file stem, writer) for every file careboard reads, CLA and ONS first."""
    ees: dict[str, list] = {CLA_FILE: []}
    for m in measures.values():
        if m.ees:
            ees.setdefault(m.ees.file, []).append(m.ees)
    jobs = [(stem, _ees_writer(stem, sources)) for stem, sources in ees.items()]
    jobs.append((ONS_PREFIX, _ees_writer(ONS_PREFIX, [], population=True)))
    short_descs = sorted({m.lait.short_desc for m in measures.values() if m.lait})
    jobs.append((LAIT_FILE, _lait_writer(short_descs)))
    jobs += [(name, _copy_gzipped) for name in SN_FILES.values()]
    return jobs


def _ees_writer(stem: str, sources: list, population: bool = False):
    """Keep the area columns, each measure's filter and value columns, and the rows its filters pick
    (every row of the CLA file, which also lists the LAs; the 0-17 rows of the ONS file)."""

    def write(con, path: Path, into: Path) -> str:
        con.execute(f"CREATE OR REPLACE TEMP TABLE f AS SELECT * FROM read_csv({literal(str(path))}, "
                    "all_varchar = true, header = true)")
        columns = [row[0] for row in con.execute("DESCRIBE f").fetchall()]
        wanted = [*AREA_COLUMNS]
        if stem == CLA_FILE:
            wanted += ["population_type", "population_estimate", "children_count", "rate_per_10000"]
        elif population:
            wanted += ["age_group", "population_estimate"]
        for s in sources:
            wanted += [*s.filters, s.value]
        wanted = list(dict.fromkeys(wanted))
        missing = [c for c in wanted if c not in columns]
        if missing:
            raise InputError(str(path), f"not the published layout: no column {', '.join(missing)}")
        picks = [" AND ".join(f'"{c}" = ?' for c in s.filters) or "TRUE" for s in sources]
        where = "age_group = 'Children aged 0 to 17 years'" if population else (
            " OR ".join(f"({p})" for p in picks) if picks else "TRUE")
        params = [v for s in sources for v in s.filters.values()]
        values = [c for c in wanted if c not in AREA_COLUMNS and c not in {f for s in sources for f in s.filters}
                  and c not in ("population_type", "age_group")]
        _check_values(con, path, where, params, values, [c for c in wanted if c not in values])
        if stem == CLA_FILE:
            _check_rates(con, path)
        select = ", ".join(f'"{c}"' for c in wanted)
        name = path.name.removesuffix(".gz").removesuffix(".csv") + ".csv.gz"
        rows = con.execute(f"SELECT {select} FROM f WHERE {where} ORDER BY ALL", params).fetchall()
        _write_csv_gz(into / name, wanted, rows)
        return name

    return write


def _check_values(con, path: Path, where: str, params: list, values: list[str], keys: list[str]) -> None:
    """Refuse a release whose figures careboard would misread: a value neither a number of nought or more nor one
    of the DfE's symbols (c, k, u, x, z), and a row given twice with different figures (the first would win)."""
    symbols = ", ".join(literal(s) for s in SYMBOL_REASONS if s not in ("-", ".."))
    place = "concat_ws(', ', coalesce(la_name, region_name, 'England'), time_period)"
    for column in values:
        bad = con.execute(f"""SELECT {place}, "{column}" FROM f WHERE ({where}) AND "{column}" IS NOT NULL
                              AND trim("{column}") NOT IN ({symbols})
                              AND coalesce(TRY_CAST(trim("{column}") AS DOUBLE) < 0, true) LIMIT 1""",
                          params).fetchone()
        if bad:
            raise InputError(str(path), f"the row of {bad[0]} gives {bad[1]!r}, which is neither a published figure "
                                        f"nor one of the DfE's symbols for none (c, k, u, x, z)", field=column)
    key, figures = (", ".join(f'"{c}"' for c in columns) for columns in (keys, values))
    twice = con.execute(f"SELECT {place} FROM f WHERE {where} GROUP BY {key} "
                        f"HAVING count(DISTINCT ({figures})) > 1 LIMIT 1", params).fetchone()
    if twice:
        raise InputError(str(path), f"the row of {twice[0]} is given twice, with different figures: keep the right one")


def _check_rates(con, path: Path) -> None:
    """Refuse a rate per 10,000 that its own row's count and population contradict (the DfE rounds the rate to
    a whole number, so it is within a half of the count over the population; one more is allowed)."""
    number = 'TRY_CAST(trim("{}") AS DOUBLE)'.format
    worked = f"{number('children_count')} / {number('population_estimate')} * 10000"
    bad = con.execute(f"""SELECT concat_ws(', ', coalesce(la_name, region_name, 'England'), time_period), population_type,
                                 rate_per_10000, children_count, population_estimate, round({worked}, 1)
                          FROM f WHERE {number('population_estimate')} > 0
                          AND abs({number('rate_per_10000')} - {worked}) > 1 LIMIT 1""").fetchone()
    if bad:
        place, kind, rate, count, population, worked_out = bad
        raise InputError(str(path), f"the row of {place} ({kind}) gives a rate of {rate}, but its {count} children of "
                                    f"{population} make {worked_out} per 10,000: correct the row or download the "
                                    f"file again", field="rate_per_10000")


def _lait_writer(short_descs: list[str]):
    def write(con, path: Path, into: Path) -> str:
        marks = ", ".join("?" for _ in short_descs)
        con.execute(f"""COPY (SELECT "Short Desc", "Years", "LA Number", "Values"
                              FROM read_parquet({literal(str(path))})
                              WHERE trim("Short Desc") IN ({marks}) ORDER BY ALL)
                        TO {literal(str(into / LAIT_FILE))} (FORMAT parquet, COMPRESSION zstd)""", short_descs)
        return LAIT_FILE

    return write


def _copy_gzipped(con, path: Path, into: Path) -> str:
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    name = path.name.removesuffix(".gz") + ".gz"
    (into / name).write_bytes(gzip.compress(data, mtime=0))
    return name


def _write_csv_gz(path: Path, header: list[str], rows) -> None:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([["" if cell is None else cell for cell in row] for row in rows])
    # mtime=0: the same files pack to the same bytes, so rebuilding the shipped copy changes nothing.
    path.write_bytes(gzip.compress(text.getvalue().encode("utf-8"), compresslevel=9, mtime=0))


def _write_la_codes(con, into: Path) -> None:
    """Every (GSS code, DfE number) pair in the CLA and ONS files: old GSS codes map too."""
    files = [p for p in into.glob("*.csv.gz") if p.name.startswith((CLA_FILE, ONS_PREFIX))]
    union = " UNION ".join(f"SELECT new_la_code, old_la_code FROM read_csv({literal(str(p))}, all_varchar = true)"
                           for p in files)
    rows = con.execute(f"SELECT DISTINCT * FROM ({union}) WHERE new_la_code IS NOT NULL "
                       "AND old_la_code IS NOT NULL ORDER BY ALL").fetchall()
    with (into / LA_CODES_FILE).open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["new_la_code", "old_la_code"])
        writer.writerows(rows)


# --- what the release record says -----------------------------------------------------------------


def _years(con, path: Path) -> dict:
    """First and last year a packed file holds (SN files: none)."""
    if path.name.endswith(".parquet"):
        from careboard.published.areas import parse_lait_year

        query = f'SELECT DISTINCT "Years" FROM read_parquet({literal(str(path))})'
        labels = [r[0] for r in con.execute(query).fetchall()]
        years = [y[0] for y in map(parse_lait_year, [label or "" for label in labels]) if y]
    elif path.name.startswith(tuple(SN_FILES.values())):
        return {}
    else:
        years = [int(r[0]) for r in con.execute(f"SELECT DISTINCT time_period FROM read_csv({literal(str(path))}, "
                                                 "all_varchar = true)").fetchall()]
    return {"first_year": min(years), "last_year": max(years)} if years else {}


def _update_dates(source: Path, short_descs: set[str]) -> dict[str, dict]:
    """Last and next update of each EES file, and the latest of the LAIT measures careboard reads, from
    the LAIT data dictionary when the folder has it (its dates are Excel day numbers)."""
    path = find_file(source, DICTIONARY_FILE.removesuffix(".csv"))
    if path is None:
        return {}
    out: dict[str, dict] = {}
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            last, following = _excel_day(row.get("Last Update")), _excel_day(row.get("Next Update"))
            if last is None:
                continue
            used = row.get("Measure_short", "").strip() in short_descs
            for stem in (row.get("Table_status", "").strip(), *([LAIT_FILE] if used else [])):
                seen = out.setdefault(stem, {})
                if last > seen.get("updated", ""):
                    seen["updated"] = last
                    if following:
                        seen["next_update"] = following
    return out


def _excel_day(text: str | None) -> str | None:
    try:
        return (date(1899, 12, 30) + timedelta(days=int(str(text).strip()))).isoformat()
    except ValueError:
        return None


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
