"""LA codes in the two forms reference data comes in, and one form for all of them.

The DfE numbers LAs with three digits (874, its "old LA code"); the ONS uses 9-character GSS codes
(E06000031). careboard keys LAs by the DfE number, as the published benchmarks do (published/areas.py):
GSS codes change when a county becomes unitary, the DfE number did not. Every GSS code an LA has had
therefore maps to one DfE number, never the other way round, so a mixture is made DfE-coded.

The mapping comes from the DfE's own published files, which carry both codes on every LA row
(old_la_code, new_la_code), so no table of codes is written here.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from ..formats.councils import leading_number, replaced

DFE = "DfE"
GSS = "GSS"
_DFE_CODE = re.compile(r"\d{3}")
_GSS_CODE = re.compile(r"[A-Z]\d{8}")
# The postcode lookup's LA outside England, as the DfE's PL_LA has it: by the GSS code's country letter.
OUTSIDE_ENGLAND = {"W": "WAL", "S": "SCO", "N": "NIR"}


def code_style(code: str) -> str | None:
    """DFE, GSS, or None for anything else (WAL, SCO and NIR are neither: they match only themselves)."""
    if _DFE_CODE.fullmatch(code):
        return DFE
    if _GSS_CODE.fullmatch(code):
        return GSS
    return None


def clean_code(text: str) -> str:
    """An LA code as written in a cell or an option: trimmed, upper case, '874.0' (a spreadsheet's) as 874."""
    code = text.strip().upper()
    return code[:-2] if re.fullmatch(r"\d{3}\.0", code) else code


def gss_to_dfe(folder: Path) -> dict[str, str]:
    """GSS code -> DfE number from every CSV in `folder` that has both an old_la_code and a new_la_code
    column (the DfE's EES files and its copy of the ONS population estimates); {} when there is none.

    A GSS code found with two different DfE numbers is left out: mapping it would be a guess.
    """
    pairs: dict[str, set[str]] = {}
    for path in sorted(Path(folder).glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = [h.strip().lower() for h in next(reader, [])]
            if "old_la_code" not in header or "new_la_code" not in header:
                continue
            old, new = header.index("old_la_code"), header.index("new_la_code")
            for row in reader:
                if len(row) > max(old, new) and row[old] and row[new]:
                    pairs.setdefault(row[new].strip().upper(), set()).add(clean_code(row[old]))
    return {gss: next(iter(dfe)) for gss, dfe in pairs.items() if len(dfe) == 1 and code_style(next(iter(dfe))) == DFE}


def la_number_in_file_names(paths: list[Path], known: tuple[str, ...]) -> str | None:
    """The DfE number every file name starts with ("874 Children 2025-26.csv"), if they all start with
    the same one (or the LA it replaced) and it is a known LA number; otherwise None, since a guess would be
    worse than asking. A number no LA has says nothing either way: "903_Episodes_2324.csv" is named after the
    return."""
    numbers = {n for p in paths if (n := leading_number(Path(p).name)) is None or n in known}
    # A county's older returns beside those of the council that replaced it (Cumbria's beside Cumberland's).
    numbers -= {n for n in numbers if any(replaced(n, by=m) for m in numbers)}
    if len(numbers) != 1:
        return None
    return numbers.pop()
