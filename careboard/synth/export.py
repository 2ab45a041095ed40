"""export(): write a timeline's returns as a case system would produce them on a date."""

from __future__ import annotations

import csv
import shutil
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from pathlib import Path
from random import Random
from typing import Sequence

from ..dates import year_end, year_label
from .calendar import folder_name
from .errors import inject
from .returns import cut_returns, tables_for_year, year_cuts
from .timeline import Timeline
from .writers import clear_return_folder, csv_names, write_csv, write_xml, xml_name

MANIFEST = "injected_errors.csv"


@dataclass(frozen=True)
class InjectedError:
    kind: str
    year: str          # collection year, e.g. "2024/25"
    table: str
    file: str          # path of the file holding the row, relative to the export folder
    row: int           # 1-based data row of that table in that file (header line not counted)
    child: str
    field: str
    original: str
    injected: str


@dataclass
class ExportResult:
    out_dir: Path
    as_at: date
    fmt: str
    years: list[int]                                     # years ending 31 March, oldest first
    files: list[Path]
    rows: dict[tuple[int, str], int] = field(default_factory=dict)   # (year, table) -> data rows
    errors: list[InjectedError] = field(default_factory=list)
    where: dict[tuple[int, str], Path] = field(default_factory=dict)  # (year, table) -> file holding it

    def folder(self, year: int) -> Path:
        return self.out_dir / folder_name(year)


def export(timeline: Timeline, as_at: date, out_dir: Path, *, fmt: str = "csv",
           errors: Sequence[str] = (), earlier: ExportResult | None = None) -> ExportResult:
    """Write one folder per collection year (``2024-25/`` ...) from the first simulated year to the
    one holding `as_at`, each with a CSV per table or one EXPSSDA903 XML file, and plant the named
    errors (listed in the result and in ``injected_errors.csv``).

    `earlier`: an export of the same timeline on an earlier date, with no errors planted. A year complete
    by then cannot have changed since, so its files are copied from there rather than cut again."""
    if fmt not in ("csv", "xml"):
        raise ValueError(f"fmt must be 'csv' or 'xml', not {fmt!r}")
    out_dir = Path(out_dir)
    rng = Random(f"{timeline.seed}|{timeline.la_code}|{as_at.isoformat()}|{fmt}")
    unchanged = _complete_in(earlier, as_at, fmt) if not errors else []
    returns = cut_returns(timeline, as_at, after=max(unchanged, default=None))
    cuts = {c.year: c for c in year_cuts(timeline, as_at)}
    hits = inject(rng, returns, cuts, errors, fmt)

    where: dict[tuple[int, str], Path] = {}
    for year in cuts:
        folder = out_dir / folder_name(year)
        clear_return_folder(folder)
        copied = year in unchanged
        tables = list(tables_for_year(year) if copied else returns[year])
        # The names are drawn for every year, copied or not, so each export's names are those it always had.
        if fmt == "csv":
            names = csv_names(rng, year, timeline.la_code, tables)
            for table in tables:
                where[year, table] = folder / names[table]
                if copied:
                    shutil.copyfile(earlier.where[year, table], where[year, table])
                else:
                    write_csv(where[year, table], table, returns[year][table])
        else:
            path = folder / xml_name(rng, year, timeline.la_code)
            if copied:
                shutil.copyfile(earlier.where[year, tables[0]], path)
            else:
                write_xml(path, returns[year])
            where.update({(year, table): path for table in tables})

    counts = {(y, t): len(rows) for y, tables in returns.items() for t, rows in tables.items()}
    if unchanged:
        counts.update({(y, t): n for (y, t), n in earlier.rows.items() if y in unchanged})
    result = ExportResult(out_dir, as_at, fmt, list(cuts), sorted(set(where.values())), counts, where=where)
    for year, kind, hit in hits:
        rows = returns[year][hit.table]
        number = next(i for i, r in enumerate(rows, 1) if r is hit.row)
        result.errors.append(InjectedError(kind, year_label(year), hit.table,
                                           where[year, hit.table].relative_to(out_dir).as_posix(),
                                           number, hit.row[0], hit.field, hit.original, hit.injected))
    _write_manifest(out_dir, result.errors)
    return result


def _complete_in(earlier: ExportResult | None, as_at: date, fmt: str) -> list[int]:
    """The years `earlier` wrote complete (their 31 March on or before its date), when it can stand in."""
    if earlier is None or earlier.errors or earlier.fmt != fmt or earlier.as_at > as_at:
        return []
    return [y for y in earlier.years if year_end(y) <= earlier.as_at]


def _write_manifest(out_dir: Path, errors: list[InjectedError]) -> None:
    path = out_dir / MANIFEST
    if not errors:
        path.unlink(missing_ok=True)
        return
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow([f.name for f in fields(InjectedError)])
        w.writerows(list(asdict(e).values()) for e in errors)
