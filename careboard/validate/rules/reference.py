"""Reference data some DfE rules compare a return with, and the tables those rules read it from.

The DfE checks placements against Ofsted's lists of registered settings (the "URN list") and derives
each placement's LA and distance from home from a postcode directory. careboard loads neither yet, so
rules that read them declare needs=("urn_list",) or ("postcodes",) and are skipped. Whoever adds the
loaders fills these tables with `load_reference` and tells the runner which inputs are available:

urn_list         one row per registered setting and premises: "URN" (upper case); place_codes, the
                 placement types (PLACE) it is registered for; provider_codes, the PLACE_PROVIDER codes
                 it may have; reg_end, the date its registration ended (NULL while open); postcode
                 (upper case, no spaces); la_code, the LA its premises are in.
postcode_lookup  pcd (upper case, no spaces); la_code, the postcode's LA, or WAL, SCO or NIR outside
                 England; easting and northing in metres on the OS grid.
council          la_code of the council making the return, coded like the two tables above. It comes
                 with either input: rules comparing a provider's LA with the council's need it.
"""

from __future__ import annotations

DDL = {
    "urn_list": '"URN" VARCHAR, place_codes VARCHAR[], provider_codes VARCHAR[], reg_end DATE, '
                'postcode VARCHAR, la_code VARCHAR',
    "postcode_lookup": "pcd VARCHAR, la_code VARCHAR, easting DOUBLE, northing DOUBLE",
    "council": "la_code VARCHAR",
}


def postcode_key(column: str) -> str:
    """SQL turning a postcode column into the lookup's key: upper case without spaces."""
    return f"upper(replace({column}, ' ', ''))"


def load_reference(con, **tables: list[dict]) -> None:
    """Create the named reference tables (see DDL) on `con` and fill them with the given rows."""
    for name, rows in tables.items():
        if name not in DDL:
            raise ValueError(f"unknown reference table {name!r}; careboard knows {', '.join(DDL)}")
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} ({DDL[name]})")
        cols = [c.split()[0].strip('"') for c in DDL[name].split(", ")]
        if rows:
            marks = ", ".join("?" for _ in cols)
            con.executemany(f"INSERT INTO {name} VALUES ({marks})", [[r.get(c) for c in cols] for r in rows])


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
