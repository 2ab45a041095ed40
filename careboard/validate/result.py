"""Validation results as plain data: every failure, every skipped rule, every rule that could not run."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Failure:
    rule: str
    severity: str
    table: str
    row: int            # 1-based data row in the table's source file (header line not counted)
    line: int           # physical line in the file
    file: str
    file_id: int | None
    child: str | None
    fields: str         # space-separated field names
    values: str         # "FIELD=value; ..." as written in the file
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
    failures: list[Failure] = field(default_factory=list)
    not_run: list[NotRun] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)      # what the run assumed or could not do, for the reader

    @property
    def errors(self) -> int:
        return sum(1 for f in self.failures if f.severity == "error")
