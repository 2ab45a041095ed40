"""Running a year's rules over a built frame: row rules batched one scan per table, set rules in a few
unions, and any rule that breaks isolated and reported without stopping the others."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..backends import engine
from ..dates import year_label
from ..formats.registry import SSDA903 as spec
from ..sql.params import literal
from .codes import placeholders
from .frame import frame_name, frame_tables
from ..store.rule_results import Failures, NotRun, Outcome, RuleRan
from .rule import LAST_YEARS, NEEDS, Rule
from .rules.reference import DDL as REFERENCE_TABLES
from .schedule import Job, reads, run_jobs
from .years import codes_for, not_applicable, rule_set_year


def active_rules(rules: tuple[Rule, ...], year: int) -> list[Rule]:
    codes = codes_for(year)
    return [r for r in rules if r.code in codes and r.applies_to(rule_set_year(year))]


def _row_batch_sql(source: str, table: str, exprs: list[str]) -> str:
    # CASE WHEN, like WHERE, takes an unknown (NULL) condition as not met: a rule fails a row only when true.
    cases = ", ".join(f"CASE WHEN ({e}) THEN {i} END" for i, e in enumerate(exprs))
    # The rules a row fails are kept before the list is unnested: at 28,000 children, the 88 rules over
    # episodes took 15-20% less time than unnesting every rule's place and filtering out the misses.
    return (f"SELECT k, '{table}' AS tbl, row_no FROM (SELECT row_no, "
            f"unnest(list_filter([{cases}], lambda k: k IS NOT NULL)) AS k FROM {source}) AS s")


def _source(view: str, inline: dict[str, str]) -> str:
    return f"({inline[view]}) AS {view}" if view in inline else view


def _set_part(i: int, rule: Rule, sql: str) -> str:
    if rule.multi:
        return f"SELECT {i} AS k, CAST(tbl AS VARCHAR) AS tbl, row_no FROM ({sql}) AS s{i}"
    return f"SELECT {i} AS k, '{rule.table}' AS tbl, row_no FROM ({sql}) AS s{i}"


# Where the jobs put each failing row found, as (rule, tbl, row_no): the rows stay in the engine.
HITS = "rule_hits"


def _record_hits(con, sql: str, outcome: Outcome, rules: list[Rule], single) -> None:
    """Add a batch's hits to HITS (`sql` and `single(i)`, the batch's i-th rule alone, give (k, tbl,
    row_no) with k the rule's place in `rules`); if the batch breaks, run each rule alone so only the
    broken ones are lost."""
    codes = "[" + ", ".join(f"'{r.code}'" for r in rules) + "]"

    def insert(found: str) -> None:
        con.execute(f"INSERT INTO {HITS} SELECT {codes}[k + 1], tbl, row_no FROM ({found}) AS found")

    try:
        insert(sql)
    except Exception as e:  # noqa: BLE001 — any engine error inside a rule must not stop the run
        if engine().interrupted(e):     # but Ctrl-C must
            raise
        for i, rule in enumerate(rules):
            try:
                insert(single(i))
            except Exception as e:  # noqa: BLE001
                if engine().interrupted(e):
                    raise
                outcome.not_run.append(NotRun(rule.code, f"failed to run: {str(e).splitlines()[0]}", True))


def _collected_later(rule: Rule, year: int) -> str:
    """Why a rule does not apply to a return of `year` older than a table it reads (the SWEpisodes began in
    2023/24: a 2017/18 return checked with later rules has none); '' when it applies."""
    # (Last year's tables, named *_last, are left out: one older than the table is read as having no rows.)
    for name in (rule.table, *rule.tables):
        if name in spec.tables() and (first := spec.table(name).first_year) and year < first:
            return f"{spec.table(name).title} were first collected in {year_label(first)}"
    return ""


def run_rules(con, rules: tuple[Rule, ...], year: int, available: set[str], files: dict[int, str],
              workers: int = 1) -> Outcome:
    """Run a year's active rules over a built frame and describe every failing row."""
    plan = plan_rules(rules, year, available, workers)
    run_jobs(con, plan.jobs, workers)
    return finish(con, plan, files)


@dataclass
class RulePlan:
    outcome: Outcome            # skipped and unrunnable rules so far; `finish` adds the rest
    jobs: list[Job]             # see schedule.run_jobs; they add every failing row found to HITS
    running: dict[str, Rule]    # the rules the jobs run, by code
    words: RuleWords            # their words, which `finish` puts back on each failing row
    temp: str                   # "TEMP " when the jobs run on one cursor (see frame.make_macros)
    workers: int = 1            # the cursors the jobs run on; `finish` describes the rows on as many


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
        if later := _collected_later(rule, year):
            outcome.not_run.append(NotRun(rule.code, f"not applicable: {later}", False))
            continue
        missing = [n for n in rule.needs if n not in available]
        if missing:
            outcome.not_run.append(NotRun(rule.code, "skipped: needs " + ", ".join(NEEDS[n] for n in missing), False))
            continue
        try:
            sql = (rule.fails or rule.sql).format_map(fill)
            source = rule.over.format_map(fill) if rule.over else _source(frame_name(f"v_{rule.table}"), inline or {})
        except (KeyError, ValueError, IndexError) as e:
            outcome.not_run.append(NotRun(rule.code, f"failed to run: unknown placeholder {e}", True))
            continue
        (row_rules[(rule.table, source)] if rule.fails else set_rules).append((rule, sql))
    running = {r.code: r for items in (*row_rules.values(), set_rules) for r, _ in items}
    # A code whose fallback variant runs was not skipped, even though its variant using the input was.
    outcome.not_run = [n for n in outcome.not_run if n.crashed or n.rule not in running]
    tables = frame_tables() + list(REFERENCE_TABLES)
    temp = "TEMP " if workers <= 1 else ""
    words = RuleWords(list(running.values()))
    jobs = [Job(HITS, lambda c: c.execute(f"CREATE OR REPLACE {temp}TABLE {HITS} "
                                          "(rule VARCHAR, tbl VARCHAR, row_no INTEGER)")),
            Job(RULE_TEXT, lambda c: words.make_table(c, temp))]
    for n, ((table, source), items) in enumerate(row_rules.items()):
        rs = [r for r, _ in items]
        exprs = [s for _, s in items]
        sql = _row_batch_sql(source, table, exprs)
        single = (lambda i, src=source, t=table, e=exprs:
                  f"SELECT {i} AS k, '{t}' AS tbl, row_no FROM {src} WHERE ({e[i]})")
        jobs.append(Job(f"rows:{table}:{n}", lambda c, rs=rs, sql=sql, single=single:
                        _record_hits(c, sql, outcome, rs, single),
                        reads(source, tables).union(*(reads(e, tables) for e in exprs)) | {HITS}))
    for n, chunk in enumerate(_balanced(set_rules, SET_UNIONS_PER_WORKER * max(1, workers))):
        rs = [r for r, _ in chunk]
        parts = [_set_part(i, r, s) for i, (r, s) in enumerate(chunk)]
        sql = " UNION ALL ".join(parts)
        jobs.append(Job(f"sets:{n}", lambda c, rs=rs, sql=sql, parts=parts:
                        _record_hits(c, sql, outcome, rs, parts.__getitem__),
                        frozenset().union(*(reads(s, tables) for _, s in chunk)) | {HITS}))
    return RulePlan(outcome, jobs, running, words, temp, max(1, workers))


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


def finish(con, plan: RulePlan, files: dict[int, str]) -> Outcome:
    """The outcome, once the plan's jobs have run: the rules that ran (those that broke are counted out)
    and every failing row described, kept in the engine (see result.Failures)."""
    outcome = plan.outcome
    crashed = {n.rule for n in outcome.not_run if n.crashed}
    outcome.ran = [RuleRan(r.code, r.severity, r.message) for r in plan.running.values() if r.code not in crashed]
    outcome.rules_run = len(outcome.ran)
    outcome.failures = _describe(con, plan, files)
    return outcome


class RuleWords:
    """The words of the rules a plan runs, kept once in the engine rather than on each failing row.

    Each rule has a number (from 1, its place in `rules`) that stands for its severity, message and
    fields on the failing rows, and for each table it can report, its shape: the number of the list of
    the rule's fields that table has, in the rule's order (many rules share one). `make_table` writes
    them as RULE_TEXT (rule, tbl, text_id, shape, error), which a job of the plan does while the rules run."""

    def __init__(self, rules: list[Rule]):
        self.rules = rules
        shapes: dict[tuple[str, ...], int] = {}
        self.text = []
        for n, r in enumerate(rules, start=1):
            for t in spec.tables():
                if r.multi or r.table == t:
                    # last year's values are shown on the rule's own table's rows (from that table last year)
                    shown = tuple(f for f in (r.shown if r.table == t else r.fields)
                                  if f.removeprefix(LAST_YEARS) in spec.table(t).all_columns)
                    self.text.append((r.code, t, n, shapes.setdefault(shown, len(shapes)), r.severity == "error"))
        fields_of = {n: fields for fields, n in shapes.items()}
        # The shapes each table's failing rows can have, by number.
        self.shapes = {t: {n: fields_of[n] for _, table, _, n, _ in self.text if table == t} for t in spec.tables()}

    def make_table(self, con, temp: str) -> None:
        # One text, split in the engine: quicker to read than lists of literals, and no Python parameters
        # (converting those imports modules, here on a worker's thread while the main one imports others).
        # Rule codes and table names hold no comma or semicolon.
        rows = ";".join(f"{code},{table},{n},{shape},{int(error)}" for code, table, n, shape, error in self.text)
        con.execute(f"CREATE OR REPLACE {temp}TABLE {RULE_TEXT} AS SELECT w[1] AS rule, w[2] AS tbl, "
                    f"CAST(w[3] AS INTEGER) AS text_id, CAST(w[4] AS INTEGER) AS shape, w[5] = '1' AS error "
                    f"FROM (SELECT string_split(unnest(string_split({literal(rows)}, ';')), ',') AS w) AS text_rows "
                    f"WHERE w[1] <> ''")

    def columns(self, files: dict[int, str]) -> str:
        """The failing rows' columns (COLUMNS and file_id) from a described row: the words looked up in
        lists written into the SQL, not joined (a join need not keep the order)."""
        severity, message, fields = (_sql_list(words) for words in zip(*(
            (r.severity, r.message, " ".join(r.fields)) for r in self.rules))) if self.rules else ("[]",) * 3
        paths = ", ".join(f"{int(i)}: {literal(p)}" for i, p in files.items())
        return (f'rule, ({severity}::VARCHAR[])[text_id] AS severity, "table", "row", child, '
                f'({fields}::VARCHAR[])[text_id] AS fields, ({message}::VARCHAR[])[text_id] AS message, '
                f"coalesce((MAP {{{paths}}}::MAP(INTEGER, VARCHAR))[file_id], '') AS file, line, \"values\", file_id")


RULE_TEXT = "rule_text"


def _describe(con, plan: RulePlan, files: dict[int, str]) -> Failures:
    """Attach file, line, child and the offending values to each (rule, table, row) hit, in the engine.

    The rows keep what differs from row to row; a rule's words and a file's name, the same on thousands
    of rows, are put back by the view that the writers read (at 28,000 children and 442,000 failing rows,
    kept on every row they took 110 of the 150 MB the rows held)."""
    temp, words = plan.temp, plan.words
    # A rule that broke reports nothing: its text is taken out, so the join below drops any rows it found.
    if crashed := [n.rule for n in plan.outcome.not_run if n.crashed]:
        con.execute(f"DELETE FROM {RULE_TEXT} WHERE rule IN ({', '.join(map(literal, crashed))})")
    hits = dict(con.execute(f"SELECT tbl, count(*) FROM {HITS} GROUP BY tbl").fetchall())
    tables = sorted(hits) or ["header"]
    name = f"failing_rows_{plan.outcome.year}"
    # In the outputs' order (ORDER), a table at a time: sorting every table's rows in one statement held
    # about twice their memory (at 28,000 children and 450,000 failing rows, 720 MB at peak against 460 MB
    # this way). Each table's rows are a table of their own, read in turn through a view: appended to one
    # table, DuckDB (2.0) put the last rows of one INSERT after the next INSERT's rows (seen at 450,000 rows).
    parts = [f"{name}_{table}" for table in tables]   # tables in name order
    made = {part: f'CREATE OR REPLACE {temp}TABLE {part} AS {_described(table, words.shapes[table])} ORDER BY "row", rule'
            for part, table in zip(parts, tables)}
    # Each part's rows and errors are counted as it is made, so that the writers need not count them
    # through the view, whose every statement binds all of the rules' words again.
    # (A list of the error rules' numbers instead cost 6 ms a table to read, more than the counting.)
    counted = "SELECT count(*), count(*) FILTER (WHERE error) FROM {}"

    def describe(c, part: str) -> tuple[int, int]:
        c.execute(made[part])
        return c.execute(counted.format(part)).fetchone()

    # The tables are described side by side on the plan's cursors, most hits first so the cores finish
    # together (at 28,000 children, 0.45 s against 0.8 s one after another).
    counts = run_jobs(con, [Job(part, lambda c, part=part: describe(c, part), frozenset({HITS}))
                            for part, table in sorted(zip(parts, tables), key=lambda pt: -hits.get(pt[1], 0))],
                      plan.workers)
    columns = words.columns(files)
    rows = " UNION ALL ".join(f"SELECT * FROM {p}" for p in parts)
    con.execute(f"CREATE OR REPLACE {temp}VIEW {name} AS SELECT {columns} FROM ({rows}) AS described")
    con.execute(f"DROP TABLE {HITS}")
    con.execute(f"DROP TABLE {RULE_TEXT}")
    return Failures(con, name, tuple(parts), columns, plan.workers,
                    frozenset({"rule", "severity", "table", "fields", "message"}),
                    counts=tuple(tuple(counts[p]) for p in parts))


def _sql_list(texts) -> str:
    return "[" + ", ".join(map(literal, texts)) + "]"


def _described(table: str, shapes: dict[int, tuple[str, ...]]) -> str:
    """The hits in one table, with what differs from row to row (`text_id` stands for the rule's words,
    `file_id` for the file's name; see _describe): `values` lists the fields of the hit's shape (`shapes`,
    by number) as FIELD=value with the value as written in the file. A join in an enriched view (a child
    twice in last year's header, say) can repeat a hit: each is reported once."""
    # One branch per shape rather than a lambda over each row's list of fields: at 442,000 failing rows the
    # lambda, which takes every column of the row with it to each field, was 60% of describing them.
    # concat() makes each text in one go (|| makes one per step) and reads an unknown value as empty: at
    # 442,000 failing rows, half the time.
    def cell(f: str) -> str:     # last year's value from the child's row in last year's table (l)
        return f'l."r_{f.removeprefix(LAST_YEARS)}"' if f.startswith(LAST_YEARS) else f'd."r_{f}"'

    branches = " ".join(f"WHEN {n} THEN concat(" + ", ".join(f"{literal(('; ' if i else '') + f + '=')}, {cell(f)}"
                                                            for i, f in enumerate(fields)) + ")"
                        for n, fields in sorted(shapes.items()) if fields)
    value = f"CASE t.shape {branches} ELSE '' END" if branches else "''"
    last = ""
    if any(f.startswith(LAST_YEARS) for fields in shapes.values() for f in fields):
        last = (f'LEFT JOIN (SELECT * FROM {frame_name(table + "_last")} QUALIFY row_number() OVER '
                f'(PARTITION BY "CHILD" ORDER BY row_no) = 1) AS l ON l."CHILD" = d."CHILD" ')
    return (f"SELECT h.rule, t.text_id, t.error, h.tbl AS \"table\", h.row_no AS \"row\", d.\"r_CHILD\" AS child, "
            f"coalesce(d.line_no, 0) AS line, CASE WHEN d.row_no IS NULL THEN '' ELSE {value} END AS \"values\", "
            f"d.file_id "
            f"FROM (SELECT DISTINCT rule, tbl, row_no FROM {HITS} WHERE tbl = '{table}') AS h "
            f"JOIN {RULE_TEXT} AS t ON t.rule = h.rule AND t.tbl = h.tbl "
            f"LEFT JOIN {frame_name(table)} AS d ON d.row_no = h.row_no {last}")
