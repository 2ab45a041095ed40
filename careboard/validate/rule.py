"""What a validation rule is: a declared unit with the DfE code, careboard's own message, and SQL.

Two shapes:
- a *row rule* gives `fails`, a SQL boolean over one row of the view named by `table`
  (careboard/validate/views/<table>.sql); row rules of one table run together in a single scan.
- a *set rule* gives `sql`, a SELECT returning the `row_no` of each failing row of `table`
  (and optionally a column `tbl` naming another table the row belongs to) for checks that
  compare rows with each other or with other tables. It reads the return's tables by their frame
  names (validate/frame.py): ret_episodes, ret_episodes_last, ret_v_episodes ...

SQL may use placeholders filled per collection year: {start} and {end} (DATE literals for
1 April and 31 March), {year} (the year ending 31 March, an integer), any code list from
codes.toml by name, e.g. {PLACE} -> ('A3', 'A4', ...), and the model's definitions
(careboard/model/concepts), e.g. {short_break:"LS"}. Declaring is separate from running:
nothing here touches a database.
"""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("error", "query")
# Optional inputs a rule may need, and how a skipped rule names what it lacked: without them the rule
# is reported as skipped, not failed.
NEEDS = {
    "last_year": "last year's return (--last-year)",
    "urn_list": "the Ofsted provider URN list (--urn-list)",
    "postcodes": "a postcode lookup (--postcodes)",
    "council": "the council's own LA code (--la)",
}


# How a field's value in last year's return is named among a failing row's values (Rule.compared).
LAST_YEARS = "last year's "


@dataclass(frozen=True)
class Rule:
    code: str
    message: str                 # careboard's words: what is wrong and what to do about it
    table: str                   # the table whose rows are reported (spec name)
    fields: tuple[str, ...]      # the fields the message is about
    fails: str | None = None     # row rule
    sql: str | None = None       # set rule
    severity: str = "error"
    tables: tuple[str, ...] = ()                # every table read, when more than `table`
    needs: tuple[str, ...] = ()
    # Inputs whose presence retires this variant: it is the fallback of a twin with them in `needs`
    # (169 judges a postcode by its shape, or by the postcode lookup when one is given).
    unless: tuple[str, ...] = ()
    years: tuple[int, ...] | None = None        # restrict this variant to some collection years
    multi: bool = False          # set rule whose SQL returns (tbl, row_no): rows in several tables
    # Row rule tested over this FROM item (a named subquery giving `row_no` and the columns `fails` reads)
    # instead of v_<table>: rules sharing one, such as a window over a child's episodes, run in one scan of it.
    over: str | None = None
    # Fields of `table` whose value in last year's return for the same child a failing row shows beside this
    # year's ("DOB=12/03/2012; last year's DOB=12/03/2011"): what a rule comparing the two years disagrees with.
    compared: tuple[str, ...] = ()

    def __post_init__(self):
        problems = []
        if self.compared and ("last_year" not in self.needs or not set(self.compared) <= set(self.fields)):
            problems.append("`compared` names fields of the rule, which needs last year's return")
        if (self.fails is None) == (self.sql is None):
            problems.append("give exactly one of `fails` (row rule) or `sql` (set rule)")
        if self.over is not None and self.fails is None:
            problems.append("`over` is for row rules (`fails`)")
        if self.severity not in SEVERITIES:
            problems.append(f"severity {self.severity!r} not in {SEVERITIES}")
        if any(n not in NEEDS for n in self.needs + self.unless):
            problems.append(f"needs {self.needs} and unless {self.unless} must be among {tuple(NEEDS)}")
        if set(self.needs) & set(self.unless):
            problems.append("an input cannot be both needed and excluded")
        if problems:
            raise ValueError(f"rule {self.code}: " + "; ".join(problems))

    @property
    def shown(self) -> tuple[str, ...]:
        """The fields a failing row's values name: its own, then last year's of those compared."""
        return self.fields + tuple(LAST_YEARS + f for f in self.compared)

    @property
    def reads(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.table, *self.tables)))

    def applies_to(self, year: int) -> bool:
        return self.years is None or year in self.years
