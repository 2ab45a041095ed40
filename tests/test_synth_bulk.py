"""Many councils in one set of returns, and the demo's monthly extracts."""

from __future__ import annotations

import hashlib
from datetime import date

from careboard.synth import export_many, write_demo_extracts
from careboard.synth.bulk import council_sizes
from careboard.synth.returns import cut_returns
from careboard.synth.simulate import simulate

from tests.synth_helpers import parse, read_return


def _digests(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*.csv"))}


def test_many_councils_share_one_return_per_year_without_clashing_ids(tmp_path):
    result = export_many(tmp_path / "one", seed=2, councils=3, mean_children_in_care=30, years=2, workers=1)
    assert result.years == [2025, 2026]
    for year in result.years:
        tables = read_return(tmp_path / "one" / f"{year - 1}-{year % 100:02d}")
        ids = [r["CHILD"] for r in tables["header"]]
        assert len(ids) == len(set(ids))
        assert {i[:4] for i in ids} == {"C000", "C001", "C002"}
        assert all(len(i) <= 10 for i in ids)
        assert len(tables["episodes"]) == result.rows[year, "episodes"]
    # The rows are exactly those of each council simulated on its own.
    sizes = council_sizes(2, 3, 30)
    alone = sum(len(cut_returns(simulate(f"2|{i}", sizes[i], 2, date(2026, 3, 31), f"{200 + i:03d}", f"C{i:03d}"),
                                date(2026, 3, 31))[2026]["episodes"]) for i in range(3))
    assert alone == result.rows[2026, "episodes"]
    # Worker processes change nothing in the files.
    export_many(tmp_path / "two", seed=2, councils=3, mean_children_in_care=30, years=2, workers=2)
    assert _digests(tmp_path / "one") == _digests(tmp_path / "two")


def test_council_sizes_average_near_the_mean():
    sizes = council_sizes(1, 150, 400)
    assert 360 <= sum(sizes) / len(sizes) <= 440 and min(sizes) < 250 < 700 < max(sizes)


def test_demo_extracts_one_folder_per_as_at_date(tmp_path):
    dates = [date(2026, 1, 31), date(2025, 12, 31)]
    folders = write_demo_extracts(tmp_path, seed=2, children_in_care=60, years=2, as_at_dates=dates)
    assert [f.name for f in folders] == ["as_at_2025-12-31", "as_at_2026-01-31"]
    for folder, as_at in zip(folders, sorted(dates)):
        assert sorted(p.name for p in folder.iterdir()) == ["2024-25", "2025-26", "lists"]
        episodes = read_return(folder / "2025-26")["episodes"]
        assert episodes and all(parse(r["DECOM"]) <= as_at for r in episodes)
        assert all(not r["DEC"] or parse(r["DEC"]) <= as_at for r in episodes)
