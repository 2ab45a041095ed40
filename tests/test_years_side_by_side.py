"""A folder holding several years' returns side by side, each file named with its year ('350 Episodes
2023-24.csv' beside '350 Episodes 2024-25.csv'), as councils often keep them: `load` reads a return per year,
and `validate` checks one of them (the latest unless --year says), with --last-year able to name the same
folder. Built from the hand-written returns in tests/data/cli."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from careboard.errors import InputError
from careboard.ingest.files import discover
from careboard.store import open_store
from careboard.validate.session import validate_paths
from tests.cli_runs import DATA
from tests.loading import load


@pytest.fixture
def side_by_side(tmp_path) -> Path:
    folder = tmp_path / "SSDA903 returns"
    folder.mkdir()
    for f in (DATA / "council" / "SSDA903_2023-24").iterdir():       # '350 Episodes 2023-24.csv' ...
        shutil.copy(f, folder)
    for f in (DATA / "foreign" / "2024-25").iterdir():              # episodes.csv ...
        shutil.copy(f, folder / f"350 {f.stem.title()} 2024-25.csv")
    return folder


def test_each_year_is_a_return(side_by_side):
    returns = discover([side_by_side])
    assert [(r.part, r.named.year, sorted(f.path.name for f in r.files)) for r in returns] == [
        ("2023-24", 2024, ["350 Episodes 2023-24.csv", "350 Header 2023-24.csv", "350 Reviews 2023-24.csv"]),
        ("2024-25", 2025, ["350 Episodes 2024-25.csv", "350 Header 2024-25.csv", "350 Reviews 2024-25.csv"])]
    assert returns[1].label == f"{side_by_side} (the files named 2024-25)"


def test_load_stores_both_years(side_by_side, tmp_path):
    con = open_store(tmp_path / "s.duckdb")
    result = load(con, [side_by_side])
    assert result.collection_year == 2025
    assert con.execute("SELECT DISTINCT return_year FROM source_files ORDER BY 1").fetchall() == [(2024,), (2025,)]
    assert any(n.startswith(f"{side_by_side} (the files named 2023-24): collection year 2023/24") for n in result.notes)


def test_load_with_a_year_says_to_leave_it_out(side_by_side, tmp_path):
    with pytest.raises(InputError, match=r"holds returns of several years \(its files are named 2023-24, 2024-25\); "
                                         r"leave --year out"):
        load(open_store(tmp_path / "s.duckdb"), [side_by_side], year=2025)


def test_validate_checks_the_latest_and_says_so(side_by_side):
    outcome = validate_paths([side_by_side])
    assert outcome.year == 2025
    assert outcome.notes[0].startswith(f"{side_by_side} holds returns of several years (its files are named "
                                       f"2023-24, 2024-25): the latest, 2024-25, is validated")


def test_validate_a_year_against_the_one_before_from_the_same_folder(side_by_side):
    alone, compared = validate_paths([side_by_side], 2025), validate_paths([side_by_side], 2025, [side_by_side])
    needs_last_year = [n.rule for n in alone.not_run if "last year's return" in n.reason]
    assert needs_last_year and not any("last year's return" in n.reason for n in compared.not_run)
    assert compared.rules_run > alone.rules_run


def test_validate_an_earlier_year_of_the_folder_and_a_year_it_lacks(side_by_side):
    assert validate_paths([side_by_side], 2024).year == 2024
    with pytest.raises(InputError, match=r"^--last-year .*: holds returns of several years \(its files are named "
                                         r"2023-24, 2024-25\), none of them clearly 2022/23$"):
        validate_paths([side_by_side], 2024, [side_by_side])


def test_a_file_naming_no_year_leaves_the_folder_one_return_and_says_what_to_do(side_by_side):
    (side_by_side / "350 Reviews 2023-24.csv").rename(side_by_side / "reviews.csv")
    with pytest.raises(InputError, match="is a second episodes table in the same return .*: put each year's files "
                                         "in a folder of their own"):
        discover([side_by_side])
