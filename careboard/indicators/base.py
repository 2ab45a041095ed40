"""What an indicator is: a declared unit with words for people and SQL for the engine.

An indicator's SQL returns one row per child in its cohort (the denominator), or per review, incident or
adoption for the few that count those (`counts`), with a column `num`:
1/0 for share and count indicators, the child's own figure (days, score) for mean indicators.
Any further columns (file_id, line_no, dates) are kept for drill-down. Declaring is separate
from running: nothing here touches a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..results import FIGURES

UNITS = ("%", "count", "rate", "days", "score")
AGGREGATES = ("share", "count", "rate", "mean")
# Which dates an indicator looks at, relative to the as-at date (see periods.period_for).
WINDOWS = ("at", "month", "12m", "36m", "ytd", "year")
POLARITIES = ("high", "low", None)
# What one row of an indicator's SQL is: almost always a child, counted once however their episodes fall.
COUNTS = ("children", "reviews", "incidents", "adoptions", "households", "applications", "approvals", "notifications",
          "requests")
# The kinds of row that are about one child, named in the rows' `child` column (a household, an application, an
# approval or a request may be about none).
ABOUT_A_CHILD = ("children", "reviews", "incidents", "adoptions", "notifications")


@dataclass(frozen=True)
class Assumed:
    """What a figure or list takes as so for some children when a council's list it could read is not loaded,
    to be said beside it: `said`, when the snapshot does not hold `table` and `who` (SQL over the model: a row
    per child it touches at {as_at}) finds any child. Said without a count, so the public report can say it."""
    table: str
    who: str
    said: str


def _is_part(part: str) -> bool:
    return part in FIGURES or (part.startswith("extra.") and len(part) > 6)


@dataclass(frozen=True)
class Indicator:
    id: str
    title: str
    unit: str
    aggregate: str
    window: str
    polarity: str | None
    numerator: str            # in words
    denominator: str          # in words
    definition: str           # how it is computed, exclusions included, in plain words (the committee report prints it)
    sentence: str             # template; fields: num, den, value, month, period, target, extra keys
    sql: str
    decimals: int = 1
    group: str = "Children in care"
    # extra figures computed over the same rows: name -> SQL aggregate over columns of `sql`
    extras: dict[str, str] = field(default_factory=dict)
    reference: str = ""       # where the definition comes from
    counts: str = "children"  # what a row is (COUNTS); tests hold "children" indicators to one row per child
    technical: str = ""       # the same in the return's own fields and codes, for analysts (docs only, never the report)
    # Said instead of `sentence` when there is nothing at all to count (a count and its extras 0, a share of no
    # one): "no child had a placement order", not "0 of the 0 children with a placement order"; "no review fell
    # due in April", not "no figure: there were no reviews to count". Fields: month, period.
    none_sentence: str = ""
    # Counts of this figure that another figure publishes too, as (this figure's part, "other_id.part"), a part
    # being numerator, denominator, value or extra.NAME: what the public report withholds in one it withholds in
    # the other (the children in foster care are this one's denominator and another's numerator).
    same_as: tuple[tuple[str, str], ...] = ()
    # A count of this figure (its part: value, numerator ...) that other figures' counts are parts of, none counted
    # twice, as ("value", ("other_id.numerator", ...)): those leaving care adopted, under an SGO and returning home
    # of those leaving. The public report withholds a part where the others leave a small count unpublished, or
    # with `withhold_whole` this figure's whole: the children in care at any time in 12 months, of whom those in
    # care at the end are a part, are the group of a lesser figure than the count of children in care.
    parts: tuple[str, tuple[str, ...]] | None = None
    withhold_whole: bool = False
    # What it takes as so when an optional list is not loaded (Assumed), said beside the figure.
    assumed: tuple[Assumed, ...] = ()
    # A column of a model view the figure is worked out from, which a list may leave out (an older template):
    # (view, column, the column's values in words). When none of the view's rows records it the figure has no
    # value, naming them as not loaded, rather than a group of nobody.
    needs_recorded: tuple[str, str, str] | None = None

    @property
    def names_children(self) -> bool:
        """Whether each of its rows names a child (in a column `child`)."""
        return self.counts in ABOUT_A_CHILD

    def __post_init__(self):
        problems = []
        for own, other in self.same_as:
            if not _is_part(own) or "." not in other or not _is_part(other.partition(".")[2]):
                problems.append(f"same_as ({own!r}, {other!r}) names no part (numerator, denominator, value or "
                                f"extra.NAME) of a figure")
        if self.unit not in UNITS:
            problems.append(f"unit {self.unit!r} not in {UNITS}")
        if self.aggregate not in AGGREGATES:
            problems.append(f"aggregate {self.aggregate!r} not in {AGGREGATES}")
        if self.window not in WINDOWS:
            problems.append(f"window {self.window!r} not in {WINDOWS}")
        if self.counts not in COUNTS:
            problems.append(f"counts {self.counts!r} not in {COUNTS}")
        if self.polarity not in POLARITIES:
            problems.append(f"polarity {self.polarity!r} not in {POLARITIES}")
        if self.parts is not None:
            whole, each = self.parts
            if not _is_part(whole) or not each or not all("." in x and _is_part(x.partition(".")[2]) for x in each):
                problems.append(f"parts {self.parts!r} names no part of this figure and of others")
        if problems:
            raise ValueError(f"indicator {self.id}: " + "; ".join(problems))
