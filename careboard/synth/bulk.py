"""export_many(): national-size data for speed benchmarks — many councils in one set of returns.

Each council is simulated on its own (child ids prefixed per council so they cannot clash) in a pool
of worker processes; each worker appends its councils' rows to part files, and the parts are joined
into one CSV per table per collection year.
"""

from __future__ import annotations

import csv
import math
import multiprocessing
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from random import Random

from ..formats.registry import SSDA903 as spec
from .calendar import folder_name
from .returns import cut_returns
from .simulate import simulate
from .writers import clear_return_folder

# About 1.5 million episode rows over ten years from 150 councils of this average size.
DEFAULT_MEAN_CHILDREN_IN_CARE = 375
_CHUNKS = 16


@dataclass
class BulkResult:
    out_dir: Path
    councils: int
    children_in_care: int        # sum of the councils' sizes
    years: list[int]
    rows: dict[tuple[int, str], int]
    seconds: float

    @property
    def episode_rows(self) -> int:
        return sum(n for (_, table), n in self.rows.items() if table == "episodes")


@dataclass(frozen=True)
class _Council:
    index: int
    seed: str
    children_in_care: int
    la_code: str
    prefix: str


def council_sizes(seed: int | str, councils: int, mean: int) -> list[int]:
    """Council sizes spread like England's (a few large, many middling), averaging about `mean`."""
    rng = Random(f"{seed}|sizes")
    sigma = 0.5
    scale = mean / math.exp(sigma * sigma / 2)
    return [max(40, min(4 * mean, round(scale * math.exp(sigma * rng.gauss(0, 1))))) for _ in range(councils)]


def export_many(out_dir: Path, seed: int | str = 1, councils: int = 150,
                mean_children_in_care: int = DEFAULT_MEAN_CHILDREN_IN_CARE, years: int = 10,
                end: date = date(2026, 3, 31), as_at: date | None = None, workers: int = 2) -> BulkResult:
    """Write `councils` councils' returns, as at `as_at` (default `end`), into one folder per year."""
    started = time.perf_counter()
    out_dir = Path(out_dir)
    as_at = as_at or end
    plan = [_Council(i, f"{seed}|{i}", size, f"{200 + i:03d}", f"C{i:03d}")
            for i, size in enumerate(council_sizes(seed, councils, mean_children_in_care))]
    # A fixed number of chunks, so the files are the same whatever the number of workers.
    n = min(len(plan), _CHUNKS)
    chunks = [plan[i::n] for i in range(n)]
    with tempfile.TemporaryDirectory(dir=out_dir.parent if out_dir.parent.exists() else None) as tmp:
        jobs = [(chunk, Path(tmp) / f"part{n:03d}", years, end, as_at) for n, chunk in enumerate(chunks)]
        if workers > 1:
            # "spawn": a forked copy of a process running threads (DuckDB's, a test runner's) may deadlock, and
            # Python 3.13 warns of it.
            with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
                counts = list(pool.map(_write_part, jobs))
        else:
            counts = [_write_part(job) for job in jobs]
        rows: dict[tuple[int, str], int] = {}
        for c in counts:
            for key, n in c.items():
                rows[key] = rows.get(key, 0) + n
        year_list = sorted({y for y, _ in rows})
        for year in year_list:
            folder = out_dir / folder_name(year)
            clear_return_folder(folder)
            for table in sorted({t for y, t in rows if y == year}):
                with (folder / f"{table}.csv").open("w", newline="", encoding="utf-8") as out:
                    csv.writer(out, lineterminator="\r\n").writerow(spec.table(table).columns)
                    for job in jobs:
                        part = job[1] / f"{year}_{table}.csv"
                        if part.exists():
                            with part.open(encoding="utf-8", newline="") as src:
                                shutil.copyfileobj(src, out, 1 << 20)
    return BulkResult(out_dir, councils, sum(c.children_in_care for c in plan), year_list, rows,
                      time.perf_counter() - started)


def _write_part(job) -> dict[tuple[int, str], int]:
    """Simulate one chunk of councils and append their rows to this chunk's part files."""
    councils, folder, years, end, as_at = job
    folder.mkdir(parents=True)
    files: dict[tuple[int, str], tuple] = {}
    counts: dict[tuple[int, str], int] = {}
    try:
        for c in councils:
            timeline = simulate(c.seed, c.children_in_care, years, end, c.la_code, c.prefix)
            for year, tables in cut_returns(timeline, as_at).items():
                for table, rows in tables.items():
                    key = (year, table)
                    if key not in files:
                        f = (folder / f"{year}_{table}.csv").open("w", newline="", encoding="utf-8")
                        files[key] = (f, csv.writer(f, lineterminator="\r\n"))
                    files[key][1].writerows(rows)
                    counts[key] = counts.get(key, 0) + len(rows)
    finally:
        for f, _ in files.values():
            f.close()
    return counts
