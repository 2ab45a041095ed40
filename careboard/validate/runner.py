"""Running a year's rules over a built frame: row rules batched one scan per table, set rules in a few
unions, and any rule that breaks isolated and reported without stopping the others."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .. import spec
from .codes import placeholders
from .frame import frame_tables
from .result import Failure, NotRun, Outcome
from .rule import NEEDS, Rule
from .rules.reference import DDL as REFERENCE_TABLES
from .schedule import Job, reads, run_jobs
from .years import codes_for, not_applicable, rule_set_year


def active_rules(rules: tuple[Rule, ...], year: int) -> list[Rule]:
    codes = codes_for(year)
    return [r for r in rules if r.code in codes and r.applies_to(rule_set_year(year))]


def _row_batch_sql(source: str, exprs: list[str]) -> str:
    # CASE WHEN, like WHERE, takes an unknown (NULL) condition as not met: a rule fails a row only when true.
    cases = ", ".join(f"CASE WHEN ({e}) THEN {i} END" for i, e in enumerate(exprs))
    return (f"SELECT row_no, k FROM (SELECT row_no, unnest([{cases}]) AS k FROM {source}) AS s "
            f"WHERE k IS NOT NULL")


def _source(view: str, inline: dict[str, str]) -> str:
    return f"({inline[view]}) AS {view}" if view in inline else view


def _set_part(i: int, rule: Rule, sql: str) -> str:
    if rule.multi:
        return f"SELECT {i} AS k, CAST(tbl AS VARCHAR) AS tbl, row_no FROM ({sql}) AS s{i}"
    return f"SELECT {i} AS k, '{rule.table}' AS tbl, row_no FROM ({sql}) AS s{i}"


def _run_batch(con, sql: str, outcome: Outcome, rules: list[Rule], single) -> list[tuple]:
    """Run a batch; if it breaks, run each rule alone so only the broken ones are lost."""
    try:
        return con.execute(sql).fetchall()
    except Exception:  # noqa: BLE001 — any engine error inside a rule must not stop the run
        hits = []
        for i, rule in enumerate(rules):
            try:
                hits += con.execute(single(i)).fetchall()   # same shape as the batch's rows
            except Exception as e:  # noqa: BLE001
                outcome.not_run.append(NotRun(rule.code, f"failed to run: {str(e).splitlines()[0]}", True))
        return hits


def run_rules(con, rules: tuple[Rule, ...], year: int, available: set[str], files: dict[int, str],
              workers: int = 1) -> Outcome:
    """Run a year's active rules over a built frame and describe every failing row."""
    plan = plan_rules(rules, year, available, workers)
    return finish(con, plan, run_jobs(con, plan.jobs, workers), files)


@dataclass
class RulePlan:
    outcome: Outcome     # skipped and unrunnable rules so far; `finish` adds the rest
    jobs: list[Job]      # see schedule.run_jobs; each returns its (rule, table, row_no) hits
    batched: set[str]    # codes of the rules the jobs run


def plan_rules(rules: tuple[Rule, ...], year: int, available: set[str], workers: int = 1,
               inline: dict[str, str] | None = None) -> RulePlan:
    """The jobs running a year's active rules: one batch of row rules per table, and the set rules in
    unions, a few per worker so the cores finish together. Each job waits for the frame tables its SQL
    names; `finish` gathers their results. `inline` gives the SQL of enriched tables not built (see
    frame.inlined_views): row rules over one read its SQL in place."""
    outcome = Outcome(year)
    fill = placeholders(year)
    for code, reason in not_applicable().items():
        if code in codes_for(year):
            outcome.not_run.append(NotRun(code, "not applicable: " + " ".join(reason.split()), False))
    row_rules: dict[tuple[str, str], list[tuple[Rule, str]]] = defaultdict(list)   # by (table, source)
    set_rules: list[tuple[Rule, str]] = []
    for rule in active_rules(rules, year):
        if any(n in available for n in rule.unless):
            continue        # its twin, which uses that input, runs instead
        missing = [n for n in rule.needs if n not in available]
        if missing:
            outcome.not_run.append(NotRun(rule.code, "skipped: needs " + ", ".join(NEEDS[n] for n in missing), False))
            continue
        try:
            sql = (rule.fails or rule.sql).format_map(fill)
            source = rule.over.format_map(fill) if rule.over else _source(f"v_{rule.table}", inline or {})
        except (KeyError, ValueError, IndexError) as e:
            outcome.not_run.append(NotRun(rule.code, f"failed to run: unknown placeholder {e}", True))
            continue
        (row_rules[(rule.table, source)] if rule.fails else set_rules).append((rule, sql))
    batched = {r.code for items in row_rules.values() for r, _ in items} | {r.code for r, _ in set_rules}
    # A code whose fallback variant runs was not skipped, even though its variant using the input was.
    outcome.not_run = [n for n in outcome.not_run if n.crashed or n.rule not in batched]
    tables = frame_tables() + list(REFERENCE_TABLES)
    jobs = []
    for n, ((table, source), items) in enumerate(row_rules.items()):
        rs = [r for r, _ in items]
        exprs = [s for _, s in items]
        sql = _row_batch_sql(source, exprs)
        single = (lambda i, src=source, e=exprs: f"SELECT row_no, {i} FROM {src} WHERE ({e[i]})")
        jobs.append(Job(f"rows:{table}:{n}", lambda c, t=table, rs=rs, sql=sql, single=single:
                        [(rs[k], t, row_no) for row_no, k in _run_batch(c, sql, outcome, rs, single)],
                        reads(source, tables).union(*(reads(e, tables) for e in exprs)), ROW_RULE_MS * len(rs)))
    for n, chunk in enumerate(_balanced(set_rules, SET_UNIONS_PER_WORKER * max(1, workers))):
        rs = [r for r, _ in chunk]
        parts = [_set_part(i, r, s) for i, (r, s) in enumerate(chunk)]
        sql = " UNION ALL ".join(parts)
        jobs.append(Job(f"sets:{n}", lambda c, rs=rs, sql=sql, parts=parts:
                        [(rs[k], tbl, row_no) for k, tbl, row_no in _run_batch(c, sql, outcome, rs, lambda i: parts[i])],
                        frozenset().union(*(reads(s, tables) for _, s in chunk)), SET_RULE_MS * len(rs)))
    return RulePlan(outcome, jobs, batched)


# Rough costs at one-council size, for ordering jobs (see schedule.Job.cost): mostly DuckDB planning.
ROW_RULE_MS = 0.7
SET_RULE_MS = 3.0
# Unions of set rules per worker. Everything a union's rules allocate (tens of MB of hash tables and sort
# runs, for a few thousand rows) is held until the union ends, and first touching fresh memory costs
# about as much as planning: at one-council size 16 unions touched 26k fresh pages against 55k for 2,
# in the same time or less, and left the two cores less in each other's way.
SET_UNIONS_PER_WORKER = 8


def _balanced(items: list[tuple[Rule, str]], n: int) -> list[list[tuple[Rule, str]]]:
    """Split set rules into at most n groups of about equal SQL length (longest first into the lightest
    group): planning, most of a set rule's cost at this size, grows with its SQL."""
    groups: list[list[tuple[Rule, str]]] = [[] for _ in range(max(1, min(n, len(items))))]
    sizes = [0] * len(groups)
    for item in sorted(items, key=lambda it: -len(it[1])):
        i = sizes.index(min(sizes))
        groups[i].append(item)
        sizes[i] += len(item[1])
    return [g for g in groups if g]


def finish(con, plan: RulePlan, results: dict[str, object], files: dict[int, str]) -> Outcome:
    """The outcome, from the results of the plan's jobs (and any others): rules that broke are dropped
    and counted out, each failing row is described."""
    outcome = plan.outcome
    mine = {j.name for j in plan.jobs}
    hits: list[tuple[Rule, str, int]] = [h for name, found in sorted(results.items()) if name in mine for h in found]
    crashed = {n.rule for n in outcome.not_run if n.crashed}
    outcome.rules_run = len(plan.batched - crashed)
    # A join in an enriched view (a child twice in last year's header, say) can repeat a row: report it once.
    hits = list(dict.fromkeys(h for h in hits if h[0].code not in crashed))
    outcome.failures = _describe(con, hits, files)
    return outcome


def _describe(con, hits: list[tuple[Rule, str, int]], files: dict[int, str]) -> list[Failure]:
    """Attach file, line, child and the offending values to each (rule, table, row) hit."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for _, table, row_no in hits:
        wanted[table].add(row_no)
    rows: dict[tuple[str, int], dict] = {}
    for table, row_nos in wanted.items():
        cols = spec.table(table).all_columns
        raw = ", ".join(f'"r_{c}"' for c in cols)
        con.execute("CREATE OR REPLACE TEMP TABLE wanted_rows (row_no INTEGER)")
        con.executemany("INSERT INTO wanted_rows VALUES (?)", [(r,) for r in row_nos]) if len(row_nos) < 50 else \
            con.execute("INSERT INTO wanted_rows SELECT unnest(?)", [sorted(row_nos)])
        for rec in con.execute(f"SELECT row_no, line_no, file_id, {raw} FROM {table} "
                               f"WHERE row_no IN (SELECT row_no FROM wanted_rows)").fetchall():
            rows[(table, rec[0])] = {"line": rec[1], "file": files.get(rec[2], ""), "file_id": rec[2],
                                     **dict(zip(cols, rec[3:]))}
    out = []
    for rule, table, row_no in sorted(hits, key=lambda h: (h[1], h[2], h[0].code)):
        r = rows.get((table, row_no), {})
        values = "; ".join(f"{f}={r.get(f) or ''}" for f in rule.fields if f in r)
        out.append(Failure(rule.code, rule.severity, table, row_no, r.get("line", 0), r.get("file", ""),
                           r.get("file_id"), r.get("CHILD"), " ".join(rule.fields), values, rule.message))
    return out
