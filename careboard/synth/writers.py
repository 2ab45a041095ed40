"""Writing one year's return to disk: a CSV per table, or one EXPSSDA903 XML file.

Case systems name their files any way they like (careboard recognises tables by their columns), so
each year's files get one of several naming styles.
"""

from __future__ import annotations

import csv
from pathlib import Path
from random import Random
from xml.sax.saxutils import escape

from ..formats.registry import SSDA903 as spec
from .returns import Rows

_STEMS = {
    "header": ["header", "child_details", "Children"],
    "episodes": ["episodes", "CLA_episodes", "placements_and_episodes"],
    "reviews": ["reviews", "LAC reviews", "review_dates"],
    "uasc": ["uasc", "UASC_status", "unaccompanied"],
    "oc2": ["oc2", "outcomes_OC2", "health_offending"],
    "oc3": ["oc3", "care_leavers", "OC3 leavers"],
    "ad1": ["ad1", "adoptions_AD1", "adopted"],
    "placed_for_adoption": ["placed_for_adoption", "PlacedAdoption", "should_be_placed"],
    "previous_permanence": ["prevperm", "previous_permanence", "PrevPerm"],
    "missing": ["missing", "missing_away", "Missing episodes"],
    "sw_episodes": ["sw_episodes", "SWEpisodes", "social_workers"],
    "dolo": ["dolo", "DoLO", "deprivation_of_liberty"],
}


def csv_names(rng: Random, year: int, la_code: str, tables: list[str]) -> dict[str, str]:
    """File names for one year's tables, in one of several styles a case system might use."""
    label = f"{year - 1}-{year % 100:02d}"
    style = rng.randrange(4)
    variant = rng.randrange(3)
    names = {}
    for i, table in enumerate(tables):
        stem = _STEMS[table][variant]
        names[table] = [
            f"{stem}.csv",
            f"SSDA903_{year}_{stem}.csv",
            f"{la_code} {stem} {label}.csv",
            f"export_{year}_{i + 1:02d}.csv",
        ][style]
    return names


def xml_name(rng: Random, year: int, la_code: str) -> str:
    label = f"{year - 1}-{year % 100:02d}"
    return [f"SSDA903_{label}.xml", f"{la_code}_903_{year}.xml", f"CLA return {label}.xml"][rng.randrange(3)]


def clear_return_folder(folder: Path) -> None:
    """Create `folder`, removing an earlier export's files so it never holds two copies of a table."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old.is_file() and old.suffix.lower() in (".csv", ".xml"):
            old.unlink()


def write_csv(path: Path, table: str, rows: Rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(spec.table(table).columns)
        w.writerows(rows)


# --- XML ------------------------------------------------------------------------------------------

# Order of the fields inside HEADER and EPISODE, as in the DfE schema; groups sit where listed.
_HEADER_ORDER = ["CHILDID", "UPN", "SEX", "DOB", "ETHNIC", "UASC", "DUC",
                 "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR",
                 "IN_TOUCH", "ACTIV", "ACCOM", "@missing", "@reviews", "MOTHER", "MC_DOB",
                 "@previous_permanence", "@oc2", "@placed_for_adoption", "@sw_episodes", "@dolo"]
_EPISODE_ORDER = ["DECOM", "RNE", "LS", "CIN", "PLACE", "PL_POST", "HOME_POST", "URN",
                  "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE"]
_CHILD_FIELDS = frozenset({"CHILD", "DOB", "SEX"})
_ALWAYS_IN_HEADER = frozenset({"CHILDID", "UPN", "SEX", "DOB", "ETHNIC", "UASC"})


def _element(tag: str, value: str) -> str:
    return f"<{tag}>{escape(value)}</{tag}>" if value else f"<{tag}/>"


def write_xml(path: Path, tables: dict[str, Rows]) -> None:
    """One EXPSSDA903 file: a CHILD per header row, its sub-tables nested as the schema has them."""
    x = spec.xml()
    group_tag = {table: tag for tag, table in x.groups.items()}
    renamed = {v: k for k, v in x.renames.items()}
    by_child: dict[str, dict[str, list[dict[str, str]]]] = {}
    for table, rows in tables.items():
        cols = spec.table(table).columns
        for row in rows:
            by_child.setdefault(row[0], {}).setdefault(table, []).append(dict(zip(cols, row)))
    out = ['<?xml version="1.0" encoding="utf-8"?>', f"<{x.root}>"]
    for row in tables["header"]:
        mine = by_child.get(row[0], {})
        head = dict(zip(spec.table("header").columns, row))
        for table in x.header_tables:
            for column, value in (mine.get(table) or [{}])[0].items():
                if column not in _CHILD_FIELDS:
                    head[column] = value
        head["UASC"] = "1" if mine.get("uasc") else ""
        parts = [f"<{x.child}>", f"<{x.header}>"]
        for name in _HEADER_ORDER:
            if name.startswith("@"):
                table = name[1:]
                for sub in mine.get(table, []):
                    fields = [c for c in spec.table(table).columns if c not in _CHILD_FIELDS]
                    parts.append(f"<{group_tag[table]}>" + "".join(_element(c, sub[c]) for c in fields)
                                 + f"</{group_tag[table]}>")
            else:
                value = head.get(x.renames.get(name, name), "")
                if value or name in _ALWAYS_IN_HEADER:
                    parts.append(_element(name, value))
        parts.append(f"</{x.header}>")
        for ep in mine.get("episodes", []):
            parts.append(f"<{group_tag['episodes']}>"
                         + "".join(_element(renamed.get(c, c), ep[c]) for c in _EPISODE_ORDER)
                         + f"</{group_tag['episodes']}>")
        parts.append(f"</{x.child}>")
        out.append("".join(parts))
    out.append(f"</{x.root}>")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
