"""write_demo_extracts(): the monthly snapshots `careboard demo` loads."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Sequence

from .calendar import add_months
from .export import export
from .annex_a import write_annex_a
from .local_lists import LocalLists
from .simulate import simulate

# The demo council's settings and targets, which `careboard demo` reports with: inside the package, so an
# installed careboard has them too.
DEMO_COUNCIL = Path(__file__).with_name("demo_council.toml")


def write_demo_extracts(out_dir: Path, seed: int = 1, children_in_care: int = 400, years: int = 10,
                        as_at_dates: Sequence[date] = ()) -> list[Path]:
    """Simulate one council up to the latest as-at date and write one extract per date.

    Each extract is a folder ``as_at_YYYY-MM-DD`` holding a folder per collection year, as the
    case system would have produced it on that date, and a folder ``lists`` of the council's local
    lists exported the same day (synth/local_lists.py), with, in the latest extract, its Ofsted Annex A
    workbook (synth/annex_a.py). Returns the extract folders, oldest first.
    """
    dates = sorted(set(as_at_dates))
    if not dates:
        raise ValueError("give at least one as-at date")
    timeline = simulate(seed=seed, children_in_care=children_in_care, years=years, end=dates[-1])
    lists = LocalLists.build(timeline, since=add_months(dates[0], -12))
    out, earlier = [], None
    for as_at in dates:
        folder = Path(out_dir) / f"as_at_{as_at.isoformat()}"
        earlier = export(timeline, as_at, folder, earlier=earlier)
        lists.export(as_at, folder / "lists")
        if as_at == dates[-1]:
            # Councils refresh Annex A for an inspection rather than every month: the latest extract has it.
            write_annex_a(timeline, as_at, folder / "lists" / "annex_a.xlsx")
        out.append(folder)
    return out
