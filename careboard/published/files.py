"""Reads the published files in a benchmarks folder, each on first use.

The folder is either the published files as downloaded or careboard's compact copy of them
(careboard/published/pack.py), which has the same names with ".gz" added and fewer rows and columns.

Everything is read as text so symbols survive (benchmarks.md §3); numbers are parsed per cell by
``parse_figure``. A series is a dict keyed by (year, area key) -> Figure.
"""

from __future__ import annotations

import csv
import gzip
import threading
from dataclasses import dataclass
from pathlib import Path

from careboard.published.areas import ees_area_key, lait_area_key, parse_lait_year
from careboard.published.figures import Figure, parse_figure
from careboard.published.measures import EesSource
from careboard.sql.params import literal

Series = dict[tuple[int, str], Figure]

CLA_FILE = "cla_number_and_rate_per_10k_children"   # also the directory of LAs and their regions
# The ONS file's name gives its years ("..._2012_to_2024"): a newer release has a new name.
ONS_PREFIX = "ons_mid-year_population_estimates"
ONS_FILE = ONS_PREFIX + "_2012_to_2024"
LAIT_FILE = "lait_bds_long_0.parquet"
SN_FILES = {
    2021: "New_Statistical_Neighbour_Groupings_April_2021.csv",
    2025: "sn_model_2025_wide.csv",
}
# Column of the first neighbour's code in each SN layout; codes then sit in every second column.
_SN_FIRST_COLUMN = {2021: 5, 2025: 4}
_AREA_COLUMNS = ("time_period", "geographic_level", "region_code", "old_la_code")


def find_file(folder: Path, name: str) -> Path | None:
    """The file `name` in `folder` as published or as packed: `name`, `name`.csv, `name`.csv.gz or
    `name`.gz; the ONS population file by its prefix, the latest years when there are several."""
    folder = Path(folder)
    if name == ONS_PREFIX:
        found = sorted(p for p in folder.glob(f"{ONS_PREFIX}*") if p.name.endswith((".csv", ".csv.gz")))
        return found[-1] if found else None
    for candidate in (name, f"{name}.csv", f"{name}.csv.gz", f"{name}.gz"):
        if (folder / candidate).is_file():
            return folder / candidate
    return None


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    region_code: str | None
    region_name: str | None
    current: bool              # has a population in the latest year of the CLA file (not x)
    gss_code: str | None = None


class PublishedFiles:
    """Lazy, cached access to one benchmarks folder. Safe to share between threads."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._lock = threading.RLock()
        self._con = None
        self._ees_tables: dict[str, list[str]] = {}      # file -> its columns
        self._lait: dict[str, Series] = {}
        self._areas: dict[str, Area] | None = None
        self._population: Series | None = None
        self._sn: dict[int, dict[str, list[str]]] = {}

    # --- EES ------------------------------------------------------------------------------

    def ees_series(self, source: EesSource) -> Series:
        with self._lock:
            table, columns = self._ees_table(source.file)
            wanted = [*source.filters, source.value]
            unknown = [c for c in wanted if c not in columns]
            if unknown:
                raise KeyError(f"{source.file}.csv has no column(s) {', '.join(unknown)}")
            where = " AND ".join(f'"{column}" = ?' for column in source.filters) or "TRUE"
            rows = self._db().execute(
                f'SELECT {", ".join(_AREA_COLUMNS)}, "{source.value}" FROM {table} WHERE {where}',
                list(source.filters.values()),
            ).fetchall()
        return _ees_rows_to_series(rows)

    def _ees_table(self, file: str) -> tuple[str, list[str]]:
        table = "ees_" + "".join(ch if ch.isalnum() else "_" for ch in file)
        if file not in self._ees_tables:
            path = find_file(self.folder, file)
            if path is None:
                raise FileNotFoundError(f"{self.folder / file}.csv: published file not found")
            con = self._db()
            con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv({literal(str(path))}, all_varchar = true, "
                        "header = true)")
            self._ees_tables[file] = [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]
        return table, self._ees_tables[file]

    # --- LAIT -----------------------------------------------------------------------------

    def lait_series(self, short_desc: str) -> Series:
        with self._lock:
            if short_desc not in self._lait:
                lait = literal(str(find_file(self.folder, LAIT_FILE)))
                rows = self._db().execute(
                    f'SELECT "Years", "LA Number", "Values" FROM read_parquet({lait}) '
                    'WHERE trim("Short Desc") = ?',
                    [short_desc],
                ).fetchall()
                self._lait[short_desc] = _lait_rows_to_series(rows)
            return self._lait[short_desc]

    # --- ONS population and the LA directory ------------------------------------------------

    def population(self) -> Series:
        """Children aged 0-17 keyed by (mid-year, area)."""
        with self._lock:
            if self._population is None:
                table, _ = self._ees_table(ONS_PREFIX)
                rows = self._db().execute(
                    f"SELECT {', '.join(_AREA_COLUMNS)}, population_estimate FROM {table} "
                    "WHERE age_group = 'Children aged 0 to 17 years'"
                ).fetchall()
                self._population = _ees_rows_to_series(rows)
            return self._population

    def areas(self) -> dict[str, Area]:
        """Every LA in the CLA file, with its name and region taken from its latest row."""
        with self._lock:
            if self._areas is None:
                table, _ = self._ees_table(CLA_FILE)
                rows = self._db().execute(
                    f"""
                    WITH latest AS (SELECT max(time_period) AS year FROM {table})
                    SELECT old_la_code, arg_max(la_name, time_period), arg_max(region_code, time_period),
                           arg_max(region_name, time_period), arg_max(new_la_code, time_period),
                           bool_or(time_period = (SELECT year FROM latest) AND population_estimate <> 'x') AS current
                    FROM {table}
                    WHERE geographic_level = 'Local authority'
                    GROUP BY old_la_code
                    """
                ).fetchall()
                self._areas = {code: Area(code, name, rc, rn, bool(cur), gss)
                               for code, name, rc, rn, gss, cur in rows}
            return self._areas

    def gss_codes(self) -> dict[str, str]:
        """Every GSS code an LA has had in the CLA and ONS files -> its DfE number."""
        with self._lock:
            union = " UNION ".join(f"SELECT new_la_code, old_la_code FROM {self._ees_table(name)[0]}"
                                   for name in (CLA_FILE, ONS_PREFIX))
            rows = self._db().execute(f"SELECT DISTINCT * FROM ({union}) WHERE new_la_code IS NOT NULL "
                                      "AND old_la_code IS NOT NULL").fetchall()
        return {gss.strip().upper(): dfe.strip() for gss, dfe in rows}

    # --- statistical neighbours -------------------------------------------------------------

    def neighbours(self, model: int) -> dict[str, list[str]]:
        """LA code -> its 10 neighbours' codes, closest first, for the SN model of that year."""
        with self._lock:
            if model not in self._sn:
                path = find_file(self.folder, SN_FILES[model])
                if path is None:
                    raise FileNotFoundError(f"{self.folder / SN_FILES[model]}: published file not found")
                self._sn[model] = _read_sn_file(path, _SN_FIRST_COLUMN[model])
            return self._sn[model]

    def _db(self):
        if self._con is None:
            from ..backends import engine

            self._con = engine().connect()
        return self._con


def _ees_rows_to_series(rows) -> Series:
    series: Series = {}
    for year, level, region_code, la_code, text in rows:
        key = ees_area_key(level, region_code, la_code)
        if key is not None:
            series[(int(year), key)] = parse_figure(text)
    return series


def _lait_rows_to_series(rows) -> Series:
    best: dict[tuple[int, str], tuple[int, Figure]] = {}
    for label, la_number, text in rows:
        year = parse_lait_year(label or "")
        area = lait_area_key(la_number)
        if year is None or area is None:
            continue
        year_ending, rank = year
        key = (year_ending, area)
        if key not in best or rank < best[key][0]:
            best[key] = (rank, parse_figure(text))
    return {key: figure for key, (_, figure) in best.items()}


def _read_sn_file(path: Path, first_sn_column: int) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)  # header (duplicate SNP names, so read by position)
        for line_no, row in enumerate(reader, start=2):
            code = row[0].strip() if row else ""
            if not code.isdigit():
                continue  # blank rows and the "Old SNs:" marker before the pre-reorganisation groups
            codes = [row[i].strip() for i in range(first_sn_column, first_sn_column + 20, 2) if i < len(row)]
            codes = [c for c in codes if c]
            if not all(c.isdigit() for c in codes):
                raise ValueError(f"{path}: line {line_no}: neighbour codes must be LA numbers, got {codes}")
            groups[code] = codes
    return groups
