"""Validation results as plain data: every failure, every rule that ran, every skipped rule, every rule
that could not run.

The failing rows stay in the engine until they are written: a large council's error-heavy return has
tens of thousands, and describing and writing each in Python took most of a run. `Failures` names
them; the writers (careboard/validate/output.py) read them with SQL. They live
in the store, which keeps them with each snapshot (store/findings.py); validate makes and writes them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from ..dates import year_label
from ..plural import counted, listed

# The columns of a failing row, in the CSV's order. `row` is the 1-based data row in the table's source
# file (header line not counted), `line` the physical line, `fields` the field names the message is
# about (space-separated) and `values` "FIELD=value; ..." as written in the file.
COLUMNS = ("rule", "severity", "table", "row", "child", "fields", "message", "file", "line", "values")
ORDER = '"table", "row", rule'


@dataclass(frozen=True)
class Failure:
    rule: str
    severity: str
    table: str
    row: int
    child: str | None
    fields: str
    message: str
    file: str
    line: int
    values: str
    file_id: int | None


@dataclass(frozen=True)
class Failures:
    """The failing rows of a run, in the engine: `source` is a table or view on `con` with the columns COLUMNS
    and file_id, one row per failing row and rule, in the outputs' order (ORDER: made with that ORDER BY).
    The writers read it in that order without sorting again: at 450,000 rows a sort as the CSV was
    written held another 270 MB. `source` may be a view over `parts`, tables that `drop` removes with it,
    selecting `columns` from their rows. With no `con`, there are none."""

    con: object = None
    source: str = ""
    parts: tuple[str, ...] = ()
    columns: str = "*"      # what `source` selects from the parts' rows
    cursors: int = 1        # how many cursors of `con` can read the parts at once (plain tables, not TEMP)
    # The columns holding only careboard's own words (a rule's code, severity, fields and message, a table's
    # name), which never begin like a spreadsheet formula (tests/test_safe_outputs.py): written as they are.
    own_words: frozenset[str] = frozenset()
    counts: tuple[tuple[int, int], ...] = ()   # (failing rows, of which errors) in each of `parts`, when known

    def runs(self) -> list[str]:
        """The failing rows as up to `cursors` FROM items, each a run of consecutive parts, about equal in
        rows: read one after another they are `source`, in its order, so a writer can write them side by
        side (see Backend.copy_csv)."""
        if self.cursors < 2 or len(self.parts) < 2:
            return [self.source]
        sizes = ([rows for rows, _ in self.counts] if self.counts else
                 [self.con.execute(f"SELECT count(*) FROM {p}").fetchone()[0] for p in self.parts])
        total = sum(sizes) or 1
        # A part goes to the run its middle row falls in.
        runs: dict[int, list[str]] = {}
        before = 0
        for part, size in zip(self.parts, sizes):
            runs.setdefault(min(self.cursors - 1, int((before + size / 2) / total * self.cursors)), []).append(part)
            before += size
        return [f"(SELECT {self.columns} FROM ({' UNION ALL '.join(f'SELECT * FROM {p}' for p in run)}) AS described)"
                f" AS {self.source}" for run in runs.values()]

    def query(self, sql: str, params: list | None = None):
        """Run `sql` with `{failures}` standing for the failing rows; a cursor to fetch from."""
        return self.con.execute(sql.format(failures=self.source), params or [])

    def count(self, where: str = "true", what: str = "*") -> int:
        return self.query(f"SELECT count({what}) FROM {{failures}} WHERE {where}").fetchone()[0] if self.con else 0

    def drop(self) -> None:
        """Remove the failing rows from the engine, once written or kept elsewhere."""
        if self.parts:
            self.con.execute(f"DROP VIEW {self.source}")
        for table in self.parts or (self.source,):
            self.con.execute(f"DROP TABLE {table}")

    @cached_property
    def totals(self) -> tuple[int, int]:
        """(failing rows, of which errors): as counted when the rows were described, else counted once
        in one statement (the rows do not change once described, and each statement over the view binds
        all of its rules' words again)."""
        if not self.con:
            return 0, 0
        if self.counts:
            return sum(rows for rows, _ in self.counts), sum(errors for _, errors in self.counts)
        return self.query("SELECT count(*), count(CASE WHEN severity = 'error' THEN 1 END) FROM {failures}").fetchone()

    def __len__(self) -> int:
        return self.totals[0]

    def __iter__(self) -> Iterator[Failure]:
        """Each failing row as an object, in the outputs' order: for tests and short lists only."""
        if self.con:
            cols = ", ".join(f'"{c}"' for c in COLUMNS)
            for rec in self.query(f"SELECT {cols}, file_id FROM {{failures}}").fetchall():
                yield Failure(*rec)


@dataclass(frozen=True)
class RuleRan:
    rule: str
    severity: str
    message: str


@dataclass(frozen=True)
class NotRun:
    rule: str
    reason: str
    crashed: bool       # True: the rule failed to run; False: skipped for want of an input


@dataclass
class Outcome:
    year: int
    rules_run: int = 0
    failures: Failures = field(default_factory=Failures)
    not_run: list[NotRun] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)      # what the run assumed or could not do, for the reader
    ran: list[RuleRan] = field(default_factory=list)    # every rule that ran, whether it found anything or not
    # For a snapshot's findings (store.findings.as_outcome), each kind the load found: (kind, severity, rows,
    # children). Among the failing rows, but no rule's.
    loaded: list[tuple[str, str, int, int]] = field(default_factory=list)
    # For a snapshot whose returns of several years were validated: the rules run in each, by year.
    runs_by_year: dict[int, int] = field(default_factory=dict)

    def years_in_words(self) -> str:
        """'2025/26', or for several years '2024/25 and 2025/26'."""
        return listed([year_label(y) for y in sorted(self.runs_by_year)]) if self.runs_by_year else \
            year_label(self.year)

    def rules_run_in_words(self) -> str:
        """'315 rules run', or for several years '586 rules run (271 for 2024/25, 315 for 2025/26)'."""
        each = ", ".join(f"{n:,} for {year_label(y)}" for y, n in sorted(self.runs_by_year.items()))
        return f"{counted(self.rules_run, 'rule')} run" + (f" ({each})" if len(self.runs_by_year) > 1 else "")

    @property
    def errors(self) -> int:
        return self.failures.totals[1]
