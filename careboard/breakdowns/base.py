"""What a breakdown table is: a declared unit with words for people and SQL for the engine.

Its SQL gives one row per group with the declared columns after the first, in order: the group's key (a
month's first day for a table by month, a code for a table by code) and its counts. The runner puts the rows
in the table's order and fills the groups with nothing in them with noughts, so every month of the 12, or
every code listed, has its row. Parameters: {as_at}, and {period_start} to {period_end}: the 12 calendar
months ending with the as-at date's (the last up to the as-at date). A group with no code is keyed ''.
Declaring is separate from running: nothing here touches a database.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..safe_cells import SHEET_NAME_MOST

BY = ("month", "code")
KINDS = ("count", "%", "mean")


@dataclass(frozen=True)
class Column:
    name: str              # the SQL column
    heading: str           # for the table's header row
    kind: str = "count"    # KINDS: counts may be withheld when small in a public report; a % or a mean is
                           # worked out from two counts
    of: tuple[str, str] = ()   # for a % or a mean: (numerator column, denominator column)
    shown: bool = True     # False: a count only to work another column out from, not put in the table


@dataclass(frozen=True)
class Breakdown:
    id: str
    title: str
    section: str            # the report section it belongs to (an indicator group)
    description: str        # what it counts, in plain words
    by: str                 # BY: a row per month of the 12, or per code
    key_heading: str        # the first column's heading ("Month", "Source")
    columns: tuple[Column, ...]
    sql: str
    codes: tuple[tuple[str, str], ...] = ()   # by code: (code, words) in the table's order
    reference: str = ""
    sheet: str = ""         # its sheet's name in the report's workbook, where the title is longer than Excel allows

    @property
    def sheet_name(self) -> str:
        return self.sheet or self.title

    def __post_init__(self):
        problems = []
        if self.by not in BY:
            problems.append(f"by {self.by!r} not in {BY}")
        if (self.by == "code") != bool(self.codes):
            problems.append("a table by code lists its codes, and only then")
        names = {c.name for c in self.columns}
        for c in self.columns:
            if c.kind not in KINDS:
                problems.append(f"column {c.name}: kind {c.kind!r} not in {KINDS}")
            if (c.kind != "count") != bool(c.of) or any(x not in names for x in c.of):
                problems.append(f"column {c.name}: a % or a mean names the two counts it is worked out from, "
                                f"and only they do")
        if len(self.sheet_name) > SHEET_NAME_MOST:
            problems.append(f"its title is longer than a sheet name may be ({SHEET_NAME_MOST} characters): give it "
                            f"a shorter sheet name")
        if problems:
            raise ValueError(f"breakdown {self.id}: " + "; ".join(problems))

    @property
    def counted(self) -> tuple[Column, ...]:
        """The columns the SQL gives (the % ones are worked out from them)."""
        return tuple(c for c in self.columns if c.kind == "count")
