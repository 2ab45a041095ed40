"""Reference data some DfE rules compare a return with, and the tables those rules read it from.

The DfE checks placements against Ofsted's lists of registered settings (the "URN list") and derives
each placement's LA and distance from home from a postcode directory. Both are optional inputs
(`careboard validate --urn-list FILE --postcodes FILE --la CODE`, the same on `careboard load`):
careboard.validate.reference_files reads them, careboard.validate.reference_inputs fills these tables
and tells the runner which inputs are available. A rule that reads a table declares the input in
`needs` ("urn_list", "postcodes", "council") and is reported as skipped when it was not given.

urn_list         one row per registered setting and premises: "URN" (upper case); place_codes, the
                 placement types (PLACE) it is registered for; provider_codes, the PLACE_PROVIDER codes
                 it may have; reg_end, the date its registration ended (NULL while open); postcode
                 (upper case, no spaces); la_code, the LA its premises are in.
postcode_lookup  pcd (upper case, no spaces); la_code, the postcode's LA, or WAL, SCO or NIR outside
                 England; easting and northing in metres on the OS grid.
council          la_code of the council making the return, coded like the two tables above: from --la,
                 or the LA number the return's file names start with. Rules comparing a provider's or a
                 placement's LA with the council's need it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..rule import Rule

DDL = {
    "urn_list": '"URN" VARCHAR, place_codes VARCHAR[], provider_codes VARCHAR[], reg_end DATE, '
                'postcode VARCHAR, la_code VARCHAR',
    "postcode_lookup": "pcd VARCHAR, la_code VARCHAR, easting DOUBLE, northing DOUBLE",
    "council": "la_code VARCHAR",
}


def postcode_key(column: str) -> str:
    """SQL turning a postcode column into the lookup's key: upper case without spaces."""
    return f"upper(replace({column}, ' ', ''))"


def in_postcode_lookup(column: str, placed: bool = False) -> str:
    """SQL true when the postcode lookup knows the postcode in `column` (a SQL column reference); with
    `placed`, only when it also gives the postcode's LA, so a placement LA can be worked out from it."""
    la = " AND p.la_code IS NOT NULL" if placed else ""
    return f"EXISTS (SELECT 1 FROM postcode_lookup p WHERE p.pcd = {postcode_key(column)}{la})"


def with_postcode_lookup(make: Callable[..., Rule], shape: dict, lookup: dict) -> tuple[Rule, Rule]:
    """A rule written two ways: `make(**shape)` judges placement postcodes by their shape and area alone,
    and `make(**lookup)` replaces it when a postcode lookup is given (--postcodes). The code runs once
    either way; `shape` and `lookup` name what differs (a condition, the words of the message)."""
    return (replace(make(**shape), unless=("postcodes",)), replace(make(**lookup), needs=("postcodes",)))


def create_reference_table(con, name: str, temp: bool = True) -> None:
    """Create one empty reference table (see DDL), replacing any earlier one.

    TEMP suits the store's connection; a private in-memory database read on several cursors needs
    plain tables, since a temporary table is visible only to the cursor that made it.
    """
    if name not in DDL:
        raise ValueError(f"unknown reference table {name!r}; careboard knows {', '.join(DDL)}")
    con.execute(f"CREATE OR REPLACE {'TEMP ' if temp else ''}TABLE {name} ({DDL[name]})")


def load_reference(con, temp: bool = True, **tables: list[dict]) -> None:
    """Create the named reference tables (see DDL) on `con` and fill them with the given rows."""
    for name, rows in tables.items():
        create_reference_table(con, name, temp)
        cols = [c.split()[0].strip('"') for c in DDL[name].split(", ")]
        if rows:
            marks = ", ".join("?" for _ in cols)
            con.executemany(f"INSERT INTO {name} VALUES ({marks})", [[r.get(c) for c in cols] for r in rows])


def drop_reference(con) -> None:
    for name in DDL:
        con.execute(f"DROP TABLE IF EXISTS {name}")


# A placement's LA (pl_la) and distance from home in miles (pl_distance), derived from the postcodes the
# way the DfE does: straight-line distance between the two postcodes' grid points, to one decimal place.
# {source} is the episodes table to read (episodes or episodes_last).
_GEO = f"""SELECT e.*, p.la_code AS pl_la,
       round(sqrt(power(h.easting - p.easting, 2) + power(h.northing - p.northing, 2)) / 1000 / 1.6093, 1)
           AS pl_distance
FROM {{source}} e
LEFT JOIN postcode_lookup p ON p.pcd = {postcode_key('e."PL_POST"')}
LEFT JOIN postcode_lookup h ON h.pcd = {postcode_key('e."HOME_POST"')}"""


def placement_geo(source: str) -> str:
    return _GEO.replace("{source}", source)
