"""A snapshot's findings as one list: the load's data-quality findings and the DfE validation results.

Both come out as validation results (careboard.store.rule_results), so `careboard findings` writes them
with the same writers, in the same columns, as `careboard validate`. A load finding's `rule` is its
kind (bad_date, unpadded_date, blank_line ...), its severity an error or a warning; its `row` is the
data row of the line it names, where it names one.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..dates import year_label
from ..formats import registry
from ..plural import counted
from ..tables.schema import staging_name

def file_named(f: str) -> str:
    """SQL naming a source file (`f`: the alias of source_files) as people know it: its path, and for a table
    read from a workbook, the sheet ("annex.xlsx, sheet List 8"), where its line is a row of that sheet."""
    return f"{f}.path || coalesce(', sheet ' || {f}.sheet, '')"


# A load finding's row: the data row staged from its file and line (the smallest, should an XML file
# hold several rows on one line), looked up only for the lines findings name.
_ROW_OF_LINE = " UNION ALL ".join(
    f"SELECT '{t}' AS table_name, file_id, line_no, min(row_no) AS row_no FROM {staging_name(t)} "
    f"SEMI JOIN (SELECT file_id, line_no FROM dq_findings WHERE snapshot_id = $s AND table_name = '{t}') "
    f"USING (file_id, line_no) WHERE snapshot_id = $s GROUP BY file_id, line_no" for t in registry.all_tables())

# The file a load finding is about: one about a whole sheet (no table: a sheet left aside) is stored with the
# workbook's first table, so it names the workbook alone, and its message the sheet.
_FINDING_FILE = f"CASE WHEN d.table_name IS NULL THEN f.path ELSE {file_named('f')} END"

# A finding for information is stored as 'info' and shown as a note, as the counts (Counts.describe) name it.
_SHOWN_SEVERITY = "CASE d.severity WHEN 'info' THEN 'note' ELSE d.severity END"

_LOAD = f"""
SELECT d.code, {_SHOWN_SEVERITY}, coalesce(d.table_name, ''), r.row_no, d.child, coalesce(d.field, ''),
       CASE WHEN d.value IS NULL THEN '' WHEN d.field IS NULL OR d.value LIKE split_part(d.field, ',', 1) || '=%'
                 THEN d.value ELSE d.field || '=' || d.value END,
       d.message, coalesce({_FINDING_FILE}, ''), d.line_no, d.file_id
FROM dq_findings d
LEFT JOIN source_files f ON f.snapshot_id = d.snapshot_id AND f.file_id = d.file_id
LEFT JOIN ({_ROW_OF_LINE}) r ON r.table_name = d.table_name AND r.file_id = d.file_id AND r.line_no = d.line_no
WHERE d.snapshot_id = $s
ORDER BY f.path NULLS FIRST, d.line_no NULLS FIRST, d.field, d.code"""

_RULES = f"""
SELECT v.rule, v.severity, v.table_name, v.row_no, v.child, coalesce(v.fields, ''), coalesce(v."values", ''),
       v.message, coalesce({file_named("f")}, ''), v.line_no, v.file_id
FROM validation_failures v
LEFT JOIN source_files f ON f.snapshot_id = v.snapshot_id AND f.file_id = v.file_id
WHERE v.snapshot_id = $s
ORDER BY v.return_year, v.rule, f.path, v.row_no"""


@dataclass(frozen=True)
class Counts:
    findings: int
    finding_errors: int
    failing_rows: int
    failing_errors: int
    years_validated: int
    finding_notes: int = 0    # findings for information only (one of Annex A Lists 1-7, left aside), not warnings

    def describe(self) -> str:
        """'12 data-quality findings (3 errors, 9 warnings); 39,955 failing rows on the DfE validation
        rules (2,100 errors, 37,855 queries)', or that the rules were not run."""
        notes = f", {counted(self.finding_notes, 'note')}" if self.finding_notes else ""
        text = (f"{counted(self.findings, 'data-quality finding')} ({counted(self.finding_errors, 'error')}, "
                f"{counted(self.findings - self.finding_errors - self.finding_notes, 'warning')}{notes})")
        if not self.years_validated:
            return text + "; the DfE validation rules were not run (no complete year's return from 2023/24 on, or --no-validate)"
        # the load prints each year's as it validates: the total is said to be of them all
        over = f" over the {self.years_validated} years validated" if self.years_validated > 1 else ""
        return (text + f"; {counted(self.failing_rows, 'failing row')} on the DfE validation rules{over} "
                f"({counted(self.failing_errors, 'error')}, "
                f"{counted(self.failing_rows - self.failing_errors, 'query', 'queries')})")



def snapshot_counts(con, sid: int) -> Counts:
    return Counts(*con.execute("""
        SELECT (SELECT count(*) FROM dq_findings WHERE snapshot_id = $s),
               (SELECT count(*) FROM dq_findings WHERE snapshot_id = $s AND severity = 'error'),
               (SELECT count(*) FROM validation_failures WHERE snapshot_id = $s),
               (SELECT count(*) FROM validation_failures WHERE snapshot_id = $s AND severity = 'error'),
               (SELECT count(*) FROM validation_runs WHERE snapshot_id = $s),
               (SELECT count(*) FROM dq_findings WHERE snapshot_id = $s AND severity = 'info')""",
                               {"s": sid}).fetchone())


def uncounted_episodes(con, sid: int) -> tuple[int, int, int]:
    """(episodes with no start date that could be read, episodes with one whose end date was written but could
    not be read, episodes) of a snapshot's rows naming a child. The model has no place for an episode that never
    began, so every figure leaves those out; one whose end cannot be read is taken as not ended. An end written
    NULL, as a database export writes an empty cell, is no end, as the figures take it (null_cells says so)."""
    return con.execute(f"""
        SELECT count(*) FILTER (WHERE e."DECOM" IS NULL),
               count(*) FILTER (WHERE e."DECOM" IS NOT NULL AND d.line_no IS NOT NULL), count(*)
        FROM {staging_name("episodes")} e
        LEFT JOIN (SELECT DISTINCT file_id, line_no FROM dq_findings
                   WHERE snapshot_id = $s AND table_name = 'episodes' AND field = 'DEC' AND code = 'bad_date'
                     AND upper(trim(coalesce(value, ''))) <> 'NULL') d
               ON d.file_id = e.file_id AND d.line_no = e.line_no
        WHERE e.snapshot_id = $s AND e."CHILD" IS NOT NULL""", {"s": sid}).fetchone()


def load_findings_by_kind(con, sid: int) -> list[tuple]:
    """(severity, kind, table, count, first file, first line, first message): errors, then warnings, then notes
    (see _SHOWN_SEVERITY), each most frequent first."""
    return con.execute(f"""
        SELECT {_SHOWN_SEVERITY}, d.code, coalesce(d.table_name, ''),
               count(*), arg_min({_FINDING_FILE}, (f.path, d.line_no)), min(d.line_no),
               arg_min(d.message, (f.path, d.line_no))
        FROM dq_findings d LEFT JOIN source_files f ON f.snapshot_id = d.snapshot_id AND f.file_id = d.file_id
        WHERE d.snapshot_id = $s GROUP BY d.severity, d.code, d.table_name
        ORDER BY CASE d.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, count(*) DESC, d.code""",
                       {"s": sid}).fetchall()


def failures_by_rule(con, sid: int) -> list[tuple]:
    """(rule, severity, failing rows, children, message), most failing rows first."""
    return con.execute("""
        SELECT rule, severity, count(*), count(DISTINCT child), min(message) FROM validation_failures
        WHERE snapshot_id = $s GROUP BY rule, severity ORDER BY count(*) DESC, rule""", {"s": sid}).fetchall()


def as_outcome(con, sid: int):
    """Every finding of the snapshot as a validation Outcome, for validate's writers: load findings
    first (by file and line), then the failing rows of each return's rules. The rows stay in the
    engine, in a temporary table made in that order, as the writers expect (rule_results.Failures)."""
    from .rule_results import COLUMNS, Failures, NotRun, Outcome

    year, = con.execute("SELECT collection_year FROM snapshots WHERE snapshot_id = ?", [sid]).fetchone()
    runs = dict(con.execute("SELECT return_year, sum(rules_run) FROM validation_runs WHERE snapshot_id = ? "
                            "GROUP BY return_year", [sid]).fetchall())
    rules_run = sum(runs.values())
    # Both queries give rule, severity, table, row, child, fields, values, message, file, line, file_id, each
    # in its own ORDER BY. Each goes in a table of its own, read in turn through a view: rows appended to one
    # table by two statements need not stay in the order they were inserted (see validate.runner).
    named = '"rule", "severity", "table", "row", "child", "fields", "values", "message", "file", "line", "file_id"'
    cols = ", ".join(f'"{c}"' for c in (*COLUMNS, "file_id"))
    parts = ("findings_load", "findings_rules")
    for part, sql in zip(parts, (_LOAD, _RULES)):
        con.execute(f"CREATE OR REPLACE TEMP TABLE {part} AS SELECT {cols} FROM ({sql}) AS q({named})", {"s": sid})
    con.execute("CREATE OR REPLACE TEMP VIEW findings_out AS " + " UNION ALL ".join(f"SELECT * FROM {p}" for p in parts))
    failures = Failures(con, "findings_out", parts)
    outcome = Outcome(year, rules_run=int(rules_run), failures=failures, runs_by_year={y: int(n) for y, n in runs.items()})
    # with several years, a rule may have run in one and not in the other: each reason says its year
    several = len(runs) > 1
    outcome.not_run = [NotRun(rule, f"{year_label(y)}: {reason}" if several else reason, crashed)
                       for rule, y, reason, crashed in con.execute(
                           "SELECT DISTINCT rule, return_year, reason, crashed FROM validation_not_run "
                           "WHERE snapshot_id = ? ORDER BY rule, return_year", [sid]).fetchall()]
    outcome.loaded = con.execute("SELECT rule, min(severity), count(*), count(DISTINCT coalesce(child, '')) "
                                 "FROM findings_load GROUP BY rule ORDER BY count(*) DESC, rule").fetchall()
    return outcome
