"""Every SQL statement careboard's units run, filled as the code fills it, and what stops each one
translating from DuckDB to PostgreSQL and Spark SQL (see test_portable_sql.py).

sqlglot's strict setting (unsupported_level=RAISE) only raises for what sqlglot knows it cannot write;
a function it does not know it passes through unchanged, and a few it knows it writes in a form the
target lacks or reads differently. Those are found here from the parsed statement, so "translates"
means: sqlglot raises nothing, and the statement uses no construct listed in PROBLEMS.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import sqlglot
from sqlglot import ErrorLevel, exp

DIALECTS = ("postgres", "spark")
# The as-at date and collection year statements are filled for (any will do: only the shape is checked).
AS_AT = date(2025, 3, 31)

# Columns that hold numbers, which one may subtract from another (a column minus a column is taken to be
# a date minus a date otherwise: an INTERVAL on Spark, where DuckDB and PostgreSQL give days).
NUMERIC_COLUMNS = {"easting", "northing", "pl_distance", "last_pl_distance"}


def rule_statements() -> Iterator[tuple[str, str]]:
    """Each rule variant, for every year it runs in, as the runner runs it alone (runner.plan_rules)."""
    from careboard.validate.frame import frame_name
    from careboard.validate.codes import placeholders
    from careboard.validate.registry import RULES
    from careboard.validate.years import codes_for, rule_set_year, supported_years

    seen = set()
    for rule in RULES:
        for year in supported_years():
            if rule.code not in codes_for(year) or not rule.applies_to(rule_set_year(year)):
                continue
            fill = placeholders(year)
            if rule.fails:
                source = rule.over.format_map(fill) if rule.over else frame_name(f"v_{rule.table}")
                sql = f"SELECT row_no FROM {source} WHERE ({rule.fails.format_map(fill)})"
            else:
                sql = rule.sql.format_map(fill)
            if sql not in seen:
                seen.add(sql)
                yield f"rule {rule.code}", sql


def indicator_statements() -> Iterator[tuple[str, str]]:
    """Each indicator's figure as the engine asks for it (indicators.engine.compute)."""
    from careboard.indicators import calculate as engine
    from careboard.indicators.periods import period_for
    from careboard.indicators.registry import INDICATORS

    for ind in INDICATORS:
        yield f"indicator {ind.id}", engine._aggregate_sql(ind, period_for(ind.window, AS_AT).params())


def model_statements() -> Iterator[tuple[str, str]]:
    """Each modelled view, with the values build_model gives it."""
    from careboard import model
    for name in model.VIEWS:
        yield f"model {name}", model.filled(model.view_sql(name), {"snapshot_id": 1, "as_at": AS_AT, "upto_year": model.ALL_YEARS})


def list_statements() -> Iterator[tuple[str, str]]:
    """Each operational list, drawn up at the test's date looking four weeks ahead."""
    from datetime import timedelta

    from careboard import model
    from careboard.lists.registry import LISTS

    for unit in LISTS:
        yield f"list {unit.id}", model.filled(unit.sql, {"as_at": AS_AT, "until": AS_AT + timedelta(days=28)})


def breakdown_statements() -> Iterator[tuple[str, str]]:
    """Each breakdown table, drawn up at the test's date over the 12 months to it."""
    from careboard import model
    from careboard.breakdowns.registry import BREAKDOWNS

    for b in BREAKDOWNS:
        yield f"table {b.id}", model.filled(b.sql, {"as_at": AS_AT, "period_start": date(AS_AT.year - 1, AS_AT.month, 1),
                                                     "period_end": AS_AT})


def due_macro_statements() -> Iterator[tuple[str, str]]:
    """The due-date macros' bodies, which are one text for every engine (their parameter d a column here)."""
    from careboard.indicators.due import MACROS

    for m in MACROS:
        yield f"macro {m.name}", m.duckdb


def view_statements() -> Iterator[tuple[str, str]]:
    """Each enriched table the rules read (validate/views), for one collection year."""
    from careboard.validate.frame import _view_sources
    from careboard.validate.years import supported_years

    for name, sql in _view_sources(supported_years()[-1]).items():
        yield f"view {name}", sql


def glue_statements() -> Iterator[tuple[str, str]]:
    """The engine's own statements around the units: a frame table typed from the store, a table made
    empty, a batch of row rules in one scan, a set rule in a union, failing rows described."""
    from careboard.formats.registry import SSDA903 as spec
    from careboard.validate import runner
    from careboard.validate.frame import _base, empty_table_ddl
    from careboard.validate.registry import RULES

    for table in spec.tables():
        yield f"glue frame {table}", _base(table, 1, 2025, "")
        yield f"glue empty {table}", empty_table_ddl(table, f"{table}_last")
        columns = spec.table(table).all_columns
        yield f"glue described {table}", runner._described(table, {0: (), 1: columns[:1], 2: columns[1:3]})
    row_rule = next(r for r in RULES if r.fails and r.table == "episodes" and "{" not in r.fails)
    set_rule = next(r for r in RULES if r.sql and "{" not in r.sql)
    yield "glue row batch", runner._row_batch_sql("v_episodes", "episodes", [row_rule.fails, "row_no > 1"])
    yield "glue set union", runner._set_part(0, set_rule, set_rule.sql)


FAMILIES: dict[str, Callable[[], Iterator[tuple[str, str]]]] = {
    "rules": rule_statements, "indicators": indicator_statements, "model": model_statements,
    "views": view_statements, "lists": list_statements, "tables": breakdown_statements,
    "macros": due_macro_statements, "glue": glue_statements,
}


def _unaliased(node: exp.Expression) -> bool:
    return isinstance(node, exp.Subquery) and not node.alias and isinstance(node.parent, (exp.From, exp.Join))


def _date_minus_date(node: exp.Expression) -> bool:
    if not isinstance(node, exp.Sub):
        return False
    sides = (node.this, node.expression)
    return all(isinstance(s, exp.Column) for s in sides) and not {s.name.lower() for s in sides} & NUMERIC_COLUMNS


def _unknown_function(known: set[str]) -> Callable[[exp.Expression], bool]:
    return lambda node: isinstance(node, exp.Anonymous) and node.name.lower() not in known


# What sqlglot lets through without raising but does not translate, with the dialects it breaks.
PROBLEMS: tuple[tuple[str, tuple[str, ...], Callable[[exp.Expression], bool]], ...] = (
    ("make_date (written DATE_FROM_PARTS, which PostgreSQL lacks)", ("postgres",),
     lambda n: isinstance(n, exp.DateFromParts)),
    ("regexp_full_match (no such function on either)", DIALECTS, lambda n: isinstance(n, exp.RegexpFullMatch)),
    ("regexp_extract (PostgreSQL lacks it)", ("postgres",), lambda n: isinstance(n, exp.RegexpExtract)),
    ("arg_max/arg_min (PostgreSQL lacks them)", ("postgres",), lambda n: isinstance(n, (exp.ArgMax, exp.ArgMin))),
    ("date_diff in years or months (counts boundaries on DuckDB, whole units on Spark)", ("spark",),
     lambda n: isinstance(n, exp.DateDiff) and n.unit is not None and n.unit.name.upper() not in ("DAY", "DAYS")),
    ("list(x ORDER BY y) (Spark drops the order)", ("spark",),
     lambda n: isinstance(n, exp.ArrayAgg) and n.find(exp.Order) is not None),
    ("ASOF JOIN (neither has it)", DIALECTS,
     lambda n: isinstance(n, exp.Join) and "ASOF" in str(n.args.get("kind") or n.args.get("method") or "").upper()),
    ("subquery in FROM without an alias", ("postgres",), _unaliased),
    ("date minus date (an INTERVAL on Spark)", ("spark",), _date_minus_date),
)


def problems(sql: str, known_functions: set[str]) -> dict[str, list[str]]:
    """What stops `sql` translating, by dialect (a dialect with nothing wrong is left out)."""
    found: dict[str, list[str]] = {}
    checks = PROBLEMS + (("a function sqlglot does not know", DIALECTS, _unknown_function(known_functions)),)
    for tree in sqlglot.parse(sql, read="duckdb"):
        for node in tree.walk():
            for what, dialects, test in checks:
                if test(node):
                    name = f" {node.name}" if isinstance(node, exp.Anonymous) else ""
                    for d in dialects:
                        found.setdefault(d, []).append(what + name)
    for d in DIALECTS:
        try:
            sqlglot.transpile(sql, read="duckdb", write=d, unsupported_level=ErrorLevel.RAISE)
        except Exception as e:  # noqa: BLE001 — sqlglot's own faults (a ValueError writing a MAP) count too
            found.setdefault(d, []).append(f"sqlglot cannot write it: {str(e).splitlines()[0]}")
    return {d: sorted(set(w)) for d, w in found.items()}


def macros() -> dict:
    """careboard's own macros (careboard/sql) and the indicator engine's, which every engine gets."""
    from careboard.indicators.calculate import MACROS as ENGINE_MACROS
    from careboard.sql import MACROS

    return {**MACROS, **{m.name: m for m in ENGINE_MACROS}}


def survey(known_functions: set[str]) -> dict[str, list[tuple[str, dict[str, list[str]]]]]:
    """Per family, every statement's unit and what stops it translating (empty when nothing does)."""
    return {family: [(unit, problems(sql, known_functions)) for unit, sql in collect()]
            for family, collect in FAMILIES.items()}


if __name__ == "__main__":   # print how far each family translates, and why not
    from collections import Counter

    for family, found in survey(set(macros())).items():
        ok = {d: sum(d not in p for _, p in found) for d in DIALECTS}
        print(f"{family}: {len(found)} statements; translate to " + ", ".join(f"{d} {ok[d]}" for d in DIALECTS))
        why = Counter((d, w) for _, p in found for d, ws in p.items() for w in ws)
        for (d, w), n in why.most_common():
            print(f"    {d:8} {n:4} {w}")
