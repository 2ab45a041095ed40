"""An error-heavy return: spoil a share of the cells of every table of a written CSV return, the way a
badly kept case system does, so the validation's outputs can be timed with tens of thousands of failing
rows (the benchmark's `errors` case). Unlike `errors.py`, nothing is recorded: the point is volume.
"""

from __future__ import annotations

import csv
from pathlib import Path
from random import Random

from ..formats.registry import SSDA903 as spec

# What a spoilt cell becomes, by the field's kind: blank, impossible or outside every code list.
SPOILT = {
    "date": ("", "31/02/2025", "2025-13-01", "00/00/0000"),
    "integer": ("", "-1", "999", "x"),
    "code": ("", "ZZ", "9", "?"),
    "text": ("", "NOT KNOWN"),
}


def spoil_return(folder: Path, seed: int | str = 1, per_row: float = 0.3) -> int:
    """Spoil on average `per_row` cells of each data row of each table's CSV in `folder` (never the
    child's ID; 1.5 spoils one cell of every row and a second in half of them), rewriting the files in
    place. Returns the number of cells changed."""
    rng = Random(f"noise|{seed}")
    changed = 0
    for path in sorted(Path(folder).glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        if not rows:
            continue
        table = spec.matching(set(rows[0]))
        if table is None:
            continue
        kinds = [(i, table.kind(c)) for i, c in enumerate(rows[0]) if c != "CHILD"]
        for row in rows[1:]:
            count = min(int(per_row) + (rng.random() < per_row % 1), len(kinds)) if row else 0
            for i, kind in rng.sample(kinds, count):
                row[i] = rng.choice(SPOILT[kind])
            changed += count
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(rows)
    return changed
