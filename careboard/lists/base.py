"""What an operational list is: a declared unit with words for people and SQL for the engine.

A list's SQL returns its rows with exactly its declared columns, in order, sorted as they are to be read.
It may use two parameters, in careboard's one style (careboard/sql/params.py): {as_at}, the date the list
is drawn up at, and {until}, the last day it looks ahead to ({as_at} plus the days asked for; the same as
{as_at} for a list that does not look ahead), and name the code lists the model may (formats/codes.toml).
Declaring is separate from running: nothing here touches a database.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..safe_cells import SHEET_NAME_MOST

# Who may be shown a list. Lists naming children are for the people who work with them and their managers,
# never for the committee or the public (whose papers carry only counts, suppressed where small).
AUDIENCES = ("practitioners", "managers", "committee", "public")
_NOT_FOR_NAMED_CHILDREN = ("committee", "public")


@dataclass(frozen=True)
class Column:
    name: str                  # the heading in the CSV
    meaning: str               # in plain words, for the docs
    values: tuple[str, ...] = ()   # the only values it holds, where it is a status


@dataclass(frozen=True)
class OperationalList:
    id: str
    title: str
    description: str           # what is on the list and why, in plain words
    columns: tuple[Column, ...]
    sql: str
    audience: tuple[str, ...]  # who may see it (AUDIENCES)
    command: str               # the careboard sub-command that prints it
    row_is: str                # what one row is ("review"), for counts in words
    ahead_days: int | None = None   # how many days ahead it looks by default; None: it lists only the as-at date
    # One line printed after the list: a template with {as_at}, {days} and, for the tallied column's each
    # value (spaces as underscores), its count; {value:counted} writes it with row_is ("3 reviews").
    summary: str = ""
    tally: str = ""            # the column whose values the summary counts
    reference: str = ""        # where the rules behind it come from
    sheet: str = ""            # its sheet's name in a workbook of lists (Excel allows 31 characters): a short title
    # A column of a model view the list is worked out from, and what to say when none of the view's rows records
    # it (a workbook without that column, say): (view, column, advice). The list is then not drawn up.
    needs_recorded: tuple[str, str, str] | None = None
    # What it takes as so when an optional list is not loaded (indicators.base.Assumed), said after it.
    assumed: tuple = ()

    @property
    def names_children(self) -> bool:
        return "child" in self.column_names

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def __post_init__(self):
        problems = [f"audience {a!r} not in {AUDIENCES}" for a in self.audience if a not in AUDIENCES]
        if not self.audience:
            problems.append("say who may see it (audience)")
        if self.names_children and set(self.audience) & set(_NOT_FOR_NAMED_CHILDREN):
            problems.append("it names children, so it is not for the committee or the public")
        if self.tally and not next((c.values for c in self.columns if c.name == self.tally), ()):
            problems.append(f"tally {self.tally!r} must be a column that declares its values")
        if not 0 < len(self.sheet) <= SHEET_NAME_MOST:
            problems.append(f"give it a sheet name of 1 to {SHEET_NAME_MOST} characters (Excel cuts longer ones)")
        if problems:
            raise ValueError(f"list {self.id}: " + "; ".join(problems))


# What every list of things overdue or due soon shows after the thing's id, and says after it.
DUE_COLUMNS = (
    Column("status", "overdue when the due date has passed, due soon when it is the as-at date or later",
           values=("overdue", "due soon")),
    Column("due_date", "the last day it is on time; blank where none can be worked out (then it is overdue)"),
    Column("days_overdue", "days from the due date to the as-at date; 0 while it is still to come (blank with no "
                           "due date)"),
    Column("days_left", "days from the as-at date to the due date while it is still to come (0 when it is the "
                        "as-at date itself); blank once overdue"),
)
DUE_SUMMARY = "{overdue:counted} overdue and {due_soon} due in the next {days} days at {as_at:%d/%m/%Y}."


def due_columns_sql(due: str) -> str:
    """The select-list of DUE_COLUMNS, for `due`, the SQL of the last day a thing is on time."""
    # A thing with no due date at all (a care leaver's plan never reviewed, as recorded) is overdue.
    return (f"CASE WHEN {due} >= {{as_at}} THEN 'due soon' ELSE 'overdue' END AS status, {due} AS due_date, "
            f"CASE WHEN {due} < {{as_at}} THEN date_diff('day', {due}, {{as_at}}) WHEN {due} >= {{as_at}} THEN 0 END "
            f"AS days_overdue, "
            f"CASE WHEN {due} >= {{as_at}} THEN date_diff('day', {{as_at}}, {due}) END AS days_left")


def due_list(id: str, title: str, description: str, key: Column, columns: tuple[Column, ...], sql: str,
             row_is: str, reference: str, sheet: str, needs_recorded: tuple[str, str, str] | None = None,
             assumed: tuple = ()) -> OperationalList:
    """A list of things overdue or due soon, for those who act on them: `key` (what each row is about), the
    DUE_COLUMNS, then `columns`; looking 28 days ahead, with the counts of each status said after it."""
    return OperationalList(id=id, title=title, description=description, columns=(key, *DUE_COLUMNS, *columns),
                           sql=sql, audience=("practitioners", "managers"), command="due", row_is=row_is,
                           ahead_days=28, summary=DUE_SUMMARY, tally="status", reference=reference, sheet=sheet,
                           needs_recorded=needs_recorded, assumed=assumed)
