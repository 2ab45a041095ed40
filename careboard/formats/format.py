"""A format careboard reads: what it is called, its spec file (tables, columns, types), how a file of it
is recognised and what period one file covers. Each format is one Format entry in registry.py."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .period import ListPeriod, YearlyPeriod
from .spec import Spec, TableSpec, XmlSpec, read_spec


@dataclass(frozen=True)
class Format:
    id: str                 # stored with each snapshot: "ssda903"
    title: str              # for people: "the SSDA903 return"
    short: str              # in messages about its tables: "SSDA903"
    spec_file: Path         # the TOML file describing its tables
    period: YearlyPeriod | ListPeriod   # what one file covers: a year's return, or a list taken on a day
    docs: str               # the page describing it, relative to the project folder

    @property
    def is_list(self) -> bool:
        """A list taken on a day (its files belong to the snapshot's as-at date), not a yearly return."""
        return isinstance(self.period, ListPeriod)

    @cached_property
    def spec(self) -> Spec:
        return read_spec(self.spec_file)

    def tables(self) -> dict[str, TableSpec]:
        return self.spec.tables

    def table(self, name: str) -> TableSpec:
        return self.spec.tables[name]

    def xml(self) -> XmlSpec | None:
        return self.spec.xml

    def lengths(self) -> dict[str, int]:
        """The most characters each field may hold, by field name (the same in every table)."""
        return self.spec.lengths

    def cell_chars(self) -> int:
        """The longest cell a reader keeps whole: longer ones are cut to this, with a finding."""
        return self.spec.cell_chars

    def matching(self, columns: set[str]) -> TableSpec | None:
        """The table a header holding `columns` is: the one with most required columns, all present."""
        matches = [t for t in self.tables().values() if t.column_set <= columns]
        return max(matches, key=lambda t: len(t.columns)) if matches else None

    def nearest(self, columns: set[str]) -> tuple[tuple[int, int], TableSpec] | None:
        """The table a header holding `columns` comes closest to, with how close (more shared columns,
        then fewer missing): None when it shares none of the format's distinctive columns."""
        def closeness(t: TableSpec) -> tuple[int, int]:
            return len(t.column_set & columns), -len(t.column_set - columns)

        best = max(self.tables().values(), key=closeness)
        return (closeness(best), best) if (best.column_set & columns) - self.spec.common else None
