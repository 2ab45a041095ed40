"""The data-quality note under each figure of the committee report: how many of the children a figure counts
have errors in the records it is worked out from, found on loading or by the DfE's rules.

A note on every error in each table a figure reads said the same on nearly every card ("40 errors were found in
the episodes of care"), whether or not any child the figure counts was among them. Counting the figure's own
children says whether its number may be wrong, and by how many children; a figure none of whose children has an
error gets no note. A figure about something else (a fostering household, an application, an adopter) keeps a
note on the errors in the list it reads.
"""

from __future__ import annotations

from datetime import date

from ..formats import registry as formats
from ..indicators import calculate
from ..indicators.base import Indicator
from ..indicators.periods import period_for
from ..model import filled
from ..plural import counted
from ..sql.params import literal

# Every error of the snapshot in a table's rows: load findings and the DfE rules' failing rows, with the child
# each names ('' for none).
_ERRORS = """
SELECT coalesce(child, '') AS child, table_name, code AS rule FROM dq_findings
WHERE snapshot_id = {s} AND severity = 'error' AND table_name IS NOT NULL
UNION ALL
SELECT coalesce(child, ''), table_name, rule FROM validation_failures WHERE snapshot_id = {s} AND severity = 'error'
"""


def _rules_reading_more(con, snapshot_id: int) -> str:
    """VALUES of (rule, table) for each DfE rule failing in the snapshot that reads a table of the return besides
    the one it reports on: a figure is said to have such an error only when it reads every one of them (a missing
    social worker's record, reported on the child's episode, bears on no count of children leaving care)."""
    from ..formats.registry import SSDA903
    from ..validate.registry import by_code

    failing = [r for (r,) in con.execute("SELECT DISTINCT rule FROM validation_failures WHERE snapshot_id = ? AND "
                                         "severity = 'error'", [snapshot_id]).fetchall()]
    rules = by_code()
    pairs = set()
    for code in failing:
        for rule in rules.get(code, ()):
            read = {t for t in (rule.table, *rule.tables) if t in SSDA903.tables()}
            if len(read) > 1:
                pairs |= {(code, t) for t in read}
    return ", ".join(f"({literal(code)}, {literal(t)})" for code, t in sorted(pairs)) or "(NULL, NULL)"


_SEEN = "The data team can see each one in the list of data-quality findings."


def figure_notes(ctx, indicators: tuple[Indicator, ...], as_at: date) -> dict[str, str]:
    """A note by indicator id, for those with something to say at `as_at`. Rows with errors that name no child
    (an episode without its child's ID) are counted in no figure: each figure reading their table says so."""
    ctx.model_for(as_at)
    tables, no_child, named = _table_notes(ctx.con, ctx.snapshot_id)
    # only a figure reading a table with errors naming a child can count such a child (most councils' figures none)
    by_child = [ind for ind in indicators if ind.names_children and calculate.input_tables(ind.sql) & named]
    children = _child_notes(ctx, by_child, as_at) if by_child else {}
    notes = {}
    for ind in indicators:
        read = sorted(calculate.input_tables(ind.sql))
        if ind.names_children:
            said = [children.get(ind.id, ""), *(no_child[t] for t in read if t in no_child)]
        else:
            said = [tables[t] for t in read if t in tables]
        if said := " ".join(part for part in said if part):
            notes[ind.id] = f"{said} {_SEEN}"
    return notes


def _child_notes(ctx, indicators: list[Indicator], as_at: date) -> dict[str, str]:
    # One statement for every figure (each a statement of its own cost more to plan than to run).
    # The children a figure counts: a count's (or rate's) are those its rows count (num), a share's or an
    # average's every row's (its group).
    counted_rows = " UNION ALL ".join(
        f"SELECT {k} AS k, CAST(child AS VARCHAR) AS child "
        f"FROM ({filled(ind.sql, period_for(ind.window, as_at).params())}) AS rows_{k} "
        f"{'WHERE num > 0 ' if ind.aggregate in ('count', 'rate') else ''}GROUP BY child"
        for k, ind in enumerate(indicators))
    read = ", ".join(f"({k}, {literal(t)})" for k, ind in enumerate(indicators)
                     for t in sorted(calculate.input_tables(ind.sql)))
    if not read:
        return {}
    rows = ctx.con.execute(f"""
        WITH errors AS ({_ERRORS.format(s=int(ctx.snapshot_id))}),
             figure_tables AS (SELECT * FROM (VALUES {read}) AS t(k, table_name)),
             rule_tables AS (SELECT * FROM (VALUES {_rules_reading_more(ctx.con, ctx.snapshot_id)}) AS r(rule, tbl)),
             figure_errors AS (
                 SELECT t.k, e.child, e.rule FROM errors e JOIN figure_tables t USING (table_name)
                 WHERE NOT EXISTS (SELECT 1 FROM rule_tables r WHERE r.rule = e.rule AND NOT EXISTS (
                                       SELECT 1 FROM figure_tables f WHERE f.k = t.k AND f.table_name = r.tbl)))
        SELECT c.k, count(DISTINCT c.child), count(DISTINCT e.child), count(e.rule), count(DISTINCT e.rule)
        FROM ({counted_rows}) AS c LEFT JOIN figure_errors e ON e.k = c.k AND e.child = c.child AND e.child <> ''
        GROUP BY c.k""").fetchall()
    return {indicators[k].id: _child_note(children, with_errors, errors, checks)
            for k, children, with_errors, errors, checks in rows if with_errors}


def _child_note(children: int, with_errors: int, errors: int, checks: int) -> str:
    who = ("the one child counted here has" if children == 1 else
           "both children counted here have" if with_errors == children == 2 else
           f"all {children} children counted here have" if with_errors == children else
           f"{with_errors} of the {children} children counted here {'has' if with_errors == 1 else 'have'}")
    return (f"{who[0].upper()}{who[1:]} errors in the records this figure is worked out from "
            f"({counted(errors, 'error')} found by {counted(checks, 'data check')}), which may affect it.")


def _table_notes(con, snapshot_id: int) -> tuple[dict[str, str], dict[str, str], set[str]]:
    """Per input table whose rows have errors in the snapshot: a note on them all, and one on those naming no child;
    and the tables with errors naming a child."""
    rows = con.execute(f"""
        SELECT table_name, count(*), count(DISTINCT rule), count(*) FILTER (WHERE child = '')
        FROM ({_ERRORS.format(s=int(snapshot_id))}) AS e GROUP BY table_name""").fetchall()
    every, no_child = {}, {}
    named = {t for t, n, _, unnamed in rows if n > unnamed}
    for t, n, k, unnamed in rows:
        records = formats.table(t).records
        every[t] = (f"{counted(n, 'error')} {'was' if n == 1 else 'were'} found in the {records} by "
                    f"{counted(k, 'data check')}, which may affect this figure.")
        if unnamed:
            where = "is in a row" if unnamed == 1 else "are in rows"
            no_child[t] = (f"{counted(unnamed, 'error')} in the {records} {where} naming no child, "
                           "whom no figure counts.")
    return every, no_child, named
