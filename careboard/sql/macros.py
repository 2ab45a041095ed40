"""careboard's SQL macros, defined once, with one expression per dialect.

Each body names the macro's parameters; a table macro's body is a SELECT. DuckDB's bodies are what
careboard runs today; the PostgreSQL and Spark ones are written beside them so that a backend for those
engines gets the same answers (sqlglot's own translations of DuckDB's date_diff('year') and of the
value-at-maximum aggregates are not faithful there, hence these).
"""

from __future__ import annotations

from dataclasses import dataclass

DIALECTS = ("duckdb", "postgres", "spark")


@dataclass(frozen=True)
class Macro:
    name: str
    params: tuple[str, ...]
    duckdb: str
    postgres: str
    spark: str
    table: bool = False     # returns rows (used in FROM), not a value

    def body(self, dialect: str) -> str:
        return getattr(self, dialect)

    def duckdb_ddl(self, temp: str = "TEMP ") -> str:
        kind = "TABLE " if self.table else ""
        return f"CREATE OR REPLACE {temp}MACRO {self.name}({', '.join(self.params)}) AS {kind}{self.duckdb}"


# Whole years between a date of birth and a date: the birthday counts from its day (29 February's from
# 1 March in other years). Not date_diff('year'): DuckDB counts year boundaries crossed, Spark whole years.
def _age(part: str) -> str:
    """The age in whole years, with `part` the dialect's way to take a part (year, month, day) of a date."""
    y, m, d = (lambda arg, p=p: part.format(part=p, arg=arg) for p in ("year", "month", "day"))
    return f"{y('d')} - {y('dob')} - CASE WHEN {m('d')} * 100 + {d('d')} < {m('dob')} * 100 + {d('dob')} THEN 1 ELSE 0 END"


def _value_at(pick: str, keep_null: bool) -> tuple[str, str]:
    """PostgreSQL and Spark for the value of x on the row with the largest (max) or smallest (min) y,
    ignoring rows without y, and rows without x too unless keep_null."""
    order = "DESC" if pick == "max" else "ASC"
    has_x = "" if keep_null else " AND x IS NOT NULL"
    postgres = f"(array_agg(x ORDER BY y {order}) FILTER (WHERE y IS NOT NULL{has_x}))[1]"
    spark = f"{pick}_by(x, y)" if keep_null else f"{pick}_by(x, CASE WHEN x IS NOT NULL THEN y END)"
    return postgres, spark


MACROS: dict[str, Macro] = {m.name: m for m in (
    Macro("age_on", ("dob", "d"), _age("{part}({arg})"), f"CAST({_age('extract({part} FROM {arg})')} AS INTEGER)",
          _age("{part}({arg})")),
    # A date from its year, month and day (sqlglot writes DuckDB's make_date as DATE_FROM_PARTS for PostgreSQL).
    Macro("date_of", ("y", "m", "d"), "make_date(y, m, d)", "make_date(y, m, d)", "make_date(y, m, d)"),
    # A date n whole years on (29 February to 28 February when the year has none).
    Macro("add_years", ("d", "n"), "CAST(d + to_years(n) AS DATE)",
          "CAST(d + make_interval(years => n) AS DATE)", "add_months(d, 12 * n)"),
    # Day/month/year text as a date; NULL when it is not one. (PostgreSQL's to_date raises on a day the month
    # lacks, 31/02/2000: a PostgreSQL backend must catch that, in a function, to give NULL as DuckDB does.)
    Macro("date_dmy", ("t",), "CAST(try_strptime(t, '%d/%m/%Y') AS DATE)",
          "CASE WHEN t ~ '^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}$' THEN to_date(t, 'DD/MM/YYYY') END",
          "CAST(try_to_timestamp(t, 'd/M/yyyy') AS DATE)"),
    # Whether the whole text matches a regular expression (not only a part of it).
    Macro("whole_match", ("t", "pattern"), "regexp_full_match(t, pattern)",
          "t ~ ('^(?:' || pattern || ')$')", "t RLIKE concat('^(?:', pattern, ')$')"),
    # The first part of the text matching a regular expression: '' when none does.
    Macro("first_match", ("t", "pattern"), "regexp_extract(t, pattern)",
          "CASE WHEN t IS NOT NULL THEN coalesce(substring(t FROM pattern), '') END",
          "regexp_extract(t, pattern, 0)"),
    # Aggregates: the value of x on the row with the latest/earliest y (DuckDB's arg_max and arg_min skip
    # rows whose x is NULL; the _or_null forms keep them, so a NULL there is the answer).
    Macro("value_at_max", ("x", "y"), "arg_max(x, y)", *_value_at("max", keep_null=False)),
    Macro("value_at_min", ("x", "y"), "arg_min(x, y)", *_value_at("min", keep_null=False)),
    Macro("value_at_max_or_null", ("x", "y"), "arg_max_null(x, y)", *_value_at("max", keep_null=True)),
    Macro("value_at_min_or_null", ("x", "y"), "arg_min_null(x, y)", *_value_at("min", keep_null=True)),
)}


def install(con, temp: str = "TEMP ", macros=None) -> None:
    """Create careboard's macros (or the given ones) on a DuckDB connection; temp "" makes them last
    beyond this cursor (for a private in-memory database read on several cursors)."""
    for macro in (macros or MACROS.values()):
        con.execute(macro.duckdb_ddl(temp))
