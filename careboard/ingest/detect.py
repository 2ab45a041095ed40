"""Recognising which SSDA903 table a CSV holds, by its header row alone."""

from __future__ import annotations

from dataclasses import replace

from ..formats.registry import SSDA903 as spec
from ..errors import Finding, InputError


def normalise_header(cells: list[str]) -> list[str]:
    return [c.replace("\ufeff", "").strip().strip("\xa0").upper() for c in cells]


def identify(header: list[str], file: str, written: list[str] | None = None) -> tuple[str, list[Finding]]:
    """Return the table whose columns the header holds, or raise naming the closest table.

    Only a table's required columns identify it. An exact column set is a match; a superset is a match,
    with a warning naming extra columns that are not among the table's optional ones (those are ignored);
    anything else is an unknown file. `written`: the header's cells as written, when they may differ
    from `header` (lower case, spaces): a warning names those read differently.
    """
    cols = set(header)
    findings: list[Finding] = _renamed(header, written, file)
    dupes = sorted({c for c in header if header.count(c) > 1})
    if dupes:
        raise InputError(file, f"column {', '.join(dupes)} appears more than once in the header", 1)
    matches = [t for t in spec.tables().values() if t.column_set <= cols]
    if matches:
        best = max(matches, key=lambda t: len(t.columns))
        extra = [c for c in header if c not in best.all_columns]
        if extra:
            findings.append(Finding("warning", "extra_columns", file, best.name, 1, ",".join(extra), None,
                                    f"columns {', '.join(extra)} are not part of the {best.title} table and were ignored"))
        return best.name, [replace(f, table=best.name) for f in findings]
    closest = max(spec.tables().values(), key=lambda t: (len(t.column_set & cols), -len(t.column_set - cols)))
    missing = [c for c in closest.columns if c not in cols]
    extra = [c for c in header if c not in closest.column_set]
    if not (closest.column_set & cols) - {"CHILD", "DOB"}:
        raise InputError(file, "the header does not match any SSDA903 table "
                               f"(columns found: {', '.join(header) or 'none'})", 1)
    detail = f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}"
    if extra:
        detail += f"; unexpected {', '.join(extra)}"
    raise InputError(file, f"looks like the {closest.title} table but is {detail}", 1,
                     missing[0] if missing else None)


def _renamed(header: list[str], written: list[str] | None, file: str) -> list[Finding]:
    if written is None:
        return []
    changed = [(w.replace("\ufeff", ""), h) for w, h in zip(written, header) if w.replace("\ufeff", "") != h]
    if not changed:
        return []
    shown = ", ".join(f'"{w}" as {h}' for w, h in changed)
    return [Finding("warning", "header_names", file, None, 1, ",".join(h for _, h in changed), ",".join(w for w, _ in changed),
                    f"column names were read in upper case without spaces around them: {shown}")]
