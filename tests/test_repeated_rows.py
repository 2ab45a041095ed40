"""A child given twice in one table of a hand-written return: the rules on that table report the repeat, and no
rule reads the other tables as if the child's rows were doubled."""

from __future__ import annotations

from careboard.validate.session import validate_paths
from tests.year_returns import busy_year


def _failing(folder) -> set[tuple[str, str, int]]:
    return {(f.rule, f.table, f.row) for f in validate_paths([folder]).failures}


def test_a_child_twice_in_the_header_is_no_error_in_its_episodes(tmp_path):
    """Seen: a second Header row for A1 gave its correct episodes rule 501 (overlapping the episode before) and 431,
    as each episode met the child's details twice."""
    folder = busy_year(tmp_path / "2024-25", 2025)
    before = _failing(folder)
    header = folder / "header.csv"
    lines = header.read_text().splitlines()
    assert lines[1].startswith("A1,")
    header.write_text("\n".join([*lines, lines[1]]) + "\n")
    row = len(lines)        # the copy's row, counting from 1 after the column names
    # the copy breaks the rule on a child given twice (INT32, on both rows) and, as a row, what the first breaks
    assert _failing(folder) - before == {("INT32", "header", 1), ("INT32", "header", row)} | {
        (rule, table, row) for rule, table, r in before if table == "header" and r == 1}


def test_a_row_given_twice_is_said_once_for_its_file(tmp_path):
    """Seen: validate blamed the first of two identical episodes (142: a later episode starts but this one has no
    end) and never said the row was there twice."""
    folder = busy_year(tmp_path / "2024-25", 2025)
    episodes = folder / "episodes.csv"
    lines = episodes.read_text().splitlines()
    episodes.write_text("\n".join([*lines[:3], lines[2], *lines[3:], ",,,,,,,,,,,,", ",,,,,,,,,,,,"]) + "\n")
    notes = [n for n in validate_paths([folder]).notes if "exactly" in n]
    assert notes == [f"{episodes}, line 4: repeats line 3 exactly, cell for cell (a row given twice, it seems): "
                     "remove the copy"]
