"""Every statement careboard's rules, indicators, model and validation views run (and the engine glue
around them that is written as SQL text) translates from DuckDB to PostgreSQL and Spark SQL (sqlglot, strict; see portable_sql.py for what counts), so another
engine can run them. Engine-specific pieces go behind careboard's own macros (careboard/sql)."""

import duckdb
import pytest
import sqlglot

from careboard.sql import install

from .portable_sql import DIALECTS, FAMILIES, macros, problems

# Statements allowed not to translate, each with the reason. Only engine glue belongs here.
ALLOWED: dict[str, str] = {}


@pytest.mark.parametrize("family", FAMILIES)
def test_every_statement_translates(family):
    found = {}
    for unit, sql in FAMILIES[family]():
        for dialect, what in problems(sql, set(macros())).items():
            found.setdefault(unit, set()).update(f"{dialect}: {w}" for w in what)
    failing = {u: w for u, w in found.items() if u not in ALLOWED}
    assert not failing, "\n".join(f"{u} does not translate: {'; '.join(sorted(w))}" for u, w in failing.items())
    stale = [u for u in ALLOWED if u.startswith(_UNIT_WORD[family]) and u not in found]
    assert not stale, f"now translate, take them off ALLOWED: {', '.join(stale)}"


_UNIT_WORD = {"rules": "rule ", "indicators": "indicator ", "model": "model ", "views": "view ", "lists": "list ",
              "tables": "table ", "macros": "macro ", "glue": "glue "}


def test_allow_list_names_known_units():
    units = {u for collect in FAMILIES.values() for u, _ in collect()}
    assert set(ALLOWED) <= units, f"ALLOWED names units careboard does not have: {set(ALLOWED) - units}"


# Statements the check must refuse, with the dialect and the problem named (so the test above can fail).
REFUSED = (
    ("SELECT make_date(2024, 4, 1)", "postgres", "make_date"),
    ("SELECT regexp_full_match(a, '[A-Z]+') FROM t", "spark", "regexp_full_match"),
    ("SELECT arg_max(a, b) FROM t", "postgres", "arg_max/arg_min"),
    ("SELECT arg_max_null(a, b) FROM t", "spark", "a function sqlglot does not know arg_max_null"),
    ("SELECT date_diff('year', dob, d) FROM t", "spark", "date_diff in years"),
    ("SELECT list(a ORDER BY b) FROM t", "spark", "list(x ORDER BY y)"),
    ("SELECT * FROM a ASOF JOIN b ON a.k = b.k AND a.d >= b.d", "postgres", "ASOF JOIN"),
    ("SELECT x FROM (SELECT 1 AS x)", "postgres", "subquery in FROM without an alias"),
    ("SELECT dec - decom FROM episodes", "spark", "date minus date"),
    ("SELECT last_value(a IGNORE NULLS) OVER (ORDER BY b) FROM t", "postgres", "IGNORE NULLS"),
    ("SELECT * EXCLUDE (a) FROM t", "postgres", "EXCEPT in the SELECT projection"),
)


@pytest.mark.parametrize("sql, dialect, named", REFUSED)
def test_the_check_refuses_what_does_not_translate(sql, dialect, named):
    assert any(named in w for w in problems(sql, set(macros())).get(dialect, [])), problems(sql, set(macros()))


@pytest.mark.parametrize("sql", ["SELECT easting - northing FROM t", "SELECT date_diff('day', a, b) FROM t",
                                 "SELECT age_on(dob, DATE '2025-03-31') FROM t"])
def test_the_check_passes_what_translates(sql):
    assert problems(sql, set(macros())) == {}


@pytest.mark.parametrize("name", sorted(macros()))
def test_every_macro_is_written_for_every_dialect(name):
    macro = macros()[name]
    for dialect in ("duckdb", *DIALECTS):
        sqlglot.parse_one(macro.body(dialect), read=dialect)   # raises if it is not SQL of that dialect


# careboard's macros on DuckDB: SQL expression -> expected value.
MACRO_CASES = (
    ("age_on(DATE '2008-02-29', DATE '2025-02-28')", 16),      # 29 February's birthday counts from 1 March
    ("age_on(DATE '2008-02-29', DATE '2025-03-01')", 17),
    ("age_on(DATE '2010-04-01', DATE '2025-03-31')", 14),
    ("date_of(2025, 3, 31)", "2025-03-31"),
    ("add_years(DATE '2008-02-29', 17)", "2025-02-28"),
    ("date_dmy('1/12/2000')", "2000-12-01"),
    ("date_dmy('31/02/2000')", None),
    ("whole_match('AB12', '[A-Z]+')", False),
    ("whole_match('AB', '[A-Z]+|UN1')", True),
    ("first_match('SW1A 1AA', '^[A-Z]+')", "SW"),
    ("first_match('1AA', '^[A-Z]+')", ""),
    ("(SELECT value_at_max(x, y) FROM (VALUES ('a', 1), (NULL, 2)) v(x, y))", "a"),
    ("(SELECT value_at_max_or_null(x, y) FROM (VALUES ('a', 1), (NULL, 2)) v(x, y))", None),
    ("(SELECT value_at_min(x, y) FROM (VALUES (NULL, 1), ('b', 2)) v(x, y))", "b"),
    ("(SELECT value_at_min_or_null(x, y) FROM (VALUES ('a', NULL), ('b', 2)) v(x, y))", "b"),
)


@pytest.mark.parametrize("expr, expected", MACRO_CASES)
def test_macros_on_duckdb(expr, expected):
    con = duckdb.connect()
    install(con)
    got = con.execute(f"SELECT CAST({expr} AS VARCHAR)").fetchone()[0]
    assert got == (None if expected is None else str(expected).lower() if isinstance(expected, bool) else str(expected))
