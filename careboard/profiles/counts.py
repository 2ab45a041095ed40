"""Counting the children looked after at a date into every profile table's rows, in one query.

Each child in care (one row of ``cla_on``, as the cla_count indicator counts them) gets the values
the groupings test (age, sex, ethnicity, legal status, placement, time in care, UASC); each table
is then one CASE over those values, whose ELSE is the table's otherwise row, so a child lands in
exactly one row of every table.
"""

from __future__ import annotations

from datetime import date

from ..sql.params import fill
from .groups import Row, Table, groups

# One row per child in care at {as_at}, with every column groups.toml may test (groups.CODE_COLUMNS
# and groups.BANDS). Time in care runs from the start of the current period of care; a month is
# completed on the same day number, as age_on counts a year.
CHILDREN_ON = """
SELECT c.child,
       age_on(ch.dob, {as_at}) AS age,
       12 * (year({as_at}) - year(p.period_start)) + month({as_at}) - month(p.period_start)
         - CASE WHEN day({as_at}) < day(p.period_start) THEN 1 ELSE 0 END AS months_in_care,
       ch.sex, ch.ethnic, c.ls, c.place, c.provider,
       CASE WHEN ch.uasc AND (ch.uasc_ceased IS NULL OR ch.uasc_ceased > {as_at}) THEN 'Y' ELSE 'N' END AS uasc
FROM cla_on({as_at}) c
LEFT JOIN children ch ON ch.child = c.child
LEFT JOIN periods p ON p.child = c.child AND p.period_no = c.period_no
"""


# The columns of CHILDREN_ON read from the children's details (the Header and UASC records), not the episodes.
FROM_CHILDREN = frozenset({"age", "sex", "ethnic", "uasc"})


def countable(ctx, tables: tuple[Table, ...] | None = None) -> tuple[tuple[Table, ...], dict[str, tuple[str, ...]]]:
    """The tables ``ctx``'s snapshot can count, and the titles of those it cannot with the records they lack: a
    CSV return without its Header file would put every child under "not recorded" for age, gender, ethnicity."""
    tables = tables if tables is not None else groups()
    missing = ctx.not_loaded("SELECT child FROM children")
    lacking = [table for table in tables if missing and _reads_children(table)]
    return (tuple(table for table in tables if table not in lacking),
            {table.title: missing for table in lacking})


def _reads_children(table: Table) -> bool:
    return table.band == "age" or any(set(row.codes) & FROM_CHILDREN for row in table.details)


def profile_counts(ctx, as_at: date, tables: tuple[Table, ...] | None = None) -> dict[str, dict[str, int]]:
    """Children in care at the end of ``as_at`` per detail row: {table key: {row label: count}}.

    Every detail row is present, zeros included; subtotals are left to build_profiles. ``ctx`` is an
    open careboard.indicators.calculate.Context; ``tables`` defaults to groups.toml.
    """
    tables = tables if tables is not None else groups()
    out = {table.key: {row.label: 0 for row in table.details} for table in tables}
    rows = ctx.con.execute(fill(counting_sql(tables), {"as_at": as_at})).fetchall()
    for table_no, row_no, n in rows:
        table = tables[table_no]
        out[table.key][table.details[row_no].label] = n
    return out


def counting_sql(tables: tuple[Table, ...]) -> str:
    """(table number, detail row number, children) for every non-empty row of every table."""
    parts = "\n  UNION ALL\n".join(
        f"  SELECT {number} AS table_no, {_row_case(table)} AS row_no FROM children_on"
        for number, table in enumerate(tables))
    return (f"WITH children_on AS ({CHILDREN_ON})\n"
            f"SELECT table_no, row_no, count(*) AS n FROM (\n{parts}\n) AS placed\n"
            "GROUP BY table_no, row_no")


def _row_case(table: Table) -> str:
    whens = [f"WHEN {_condition(row, table.band)} THEN {number}"
             for number, row in enumerate(table.details) if not row.otherwise]
    fallback = next(number for number, row in enumerate(table.details) if row.otherwise)
    return f"CASE {' '.join(whens)} ELSE {fallback} END" if whens else str(fallback)


def _condition(row: Row, band: str | None) -> str:
    if band is not None:
        low, high = row.band
        return f"{band} >= {low}" + (f" AND {band} < {high}" if high is not None else "")
    # codes are checked to be letters and digits (groups.py), so they can be written as literals;
    # a blank cell is stored as NULL and matched by ""
    return " AND ".join(f"coalesce({column}, '') IN ({_literals(codes)})"
                        for column, codes in sorted(row.codes.items()))


def _literals(codes: frozenset[str]) -> str:
    return ", ".join("'" + code + "'" for code in sorted(codes))
