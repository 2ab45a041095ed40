"""Plain result records passed from the indicator engine to reports, exports and the web.

They hold numbers and words only, never a database handle, so any output can be built from them
(and tests can build them by hand).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date


# The figures of a Value that a declaration elsewhere may name (a profile table's published sum, an indicator's
# count shared with another's): "numerator", say, or with an indicator's extra, "extra.NAME".
FIGURES = ("value", "numerator", "denominator")


@dataclass(frozen=True)
class Value:
    """One indicator computed for one as-at date and period."""

    indicator_id: str
    as_at: date
    period_start: date | None
    period_end: date
    value: float | None          # None when the denominator is empty; percentages are 0-100, not fractions
    numerator: float | None      # count (or sum) behind the value
    denominator: float | None    # cohort size, population, or number of children averaged
    extra: dict = field(default_factory=dict)   # e.g. {"within_threshold": 7}; int values are counts of children
    # Public (suppressed) reports: names of the fields above withheld as "c" ("value", "numerator",
    # "denominator", "extra.<key>"); a withheld field is set to None. See careboard/report/suppression.py.
    suppressed: frozenset[str] = frozenset()
    # The local lists (their titles) the figure is worked out from that the snapshot does not hold: then no
    # figure, as none can be known (not nought).
    not_loaded: tuple[str, ...] = ()

    def without_figure(self) -> Value:
        """The same point with no figure (a month the data loaded cannot answer for)."""
        return replace(self, value=None, numerator=None, denominator=None, extra={k: None for k in self.extra})


@dataclass(frozen=True)
class BenchmarkRow:
    label: str            # "Local Authority", "Stat Neighbours", "Region", "England"
    period_label: str     # "2024/25"
    value: float | None
    note: str = ""        # "mean of 9 of 10", "suppressed", source file
    year_ending: int | None = None   # the year the figures are for, ending March (2025 for 2024/25)


@dataclass(frozen=True)
class SummaryTable:
    """A breakdown table (careboard/breakdowns) as the report shows it: counts by month or by code, with the
    percentages and averages worked out from them."""

    table_id: str
    title: str
    section: str                  # the report section it sits in
    description: str              # what it counts, printed under it
    headings: list[str]
    kinds: list[str]              # each column's after the first: "count", "%" or "mean"
    rows: list[list]              # the group in words, then numbers (None: nothing to work a % or mean out of)
    # Public reports: (row, column) cells withheld as "c" (columns numbered as in `rows`); such a cell is None.
    suppressed: frozenset[tuple[int, int]] = frozenset()
    sheet: str = ""               # its sheet's name in the report's workbook (the title when that fits)


@dataclass(frozen=True)
class Assessment:
    """A value judged against its target and the month before."""

    target: float | None
    variance: float | None        # in the indicator's own variance unit (pp, %, days)
    variance_unit: str            # "pp", "%", "days", ""
    rag: str | None               # "red", "amber", "green" or None when there is no target
    previous: float | None
    change: str                   # "improved", "worse", "same", "n/a" (performance, by polarity)
    suppressed: frozenset[str] = frozenset()   # withheld as "c": "variance", "rag", "previous", "change"


@dataclass(frozen=True)
class Panel:
    """Everything the report shows for one indicator."""

    indicator_id: str
    title: str
    unit: str                     # "%", "count", "rate", "days", "score"
    polarity: str | None          # "high", "low" or None
    decimals: int
    current: Value
    assessment: Assessment
    sentence: str
    trend: list[Value]            # oldest first, up to 12 points
    benchmarks: list[BenchmarkRow]
    definition: str
    dq_note: str = ""             # short data-quality note when inputs have errors
    section: str = ""             # scorecard group, e.g. "Children in care", "Care leavers", "Adoption"
    period: str = ""              # what span the figure covers, short: "Rolling 12 months", "Year 2025/26"
    compared_with: str = "Previous month"   # what assessment.previous is: "Previous month", "Previous year"
    previous: Value | None = None  # the figure assessment.previous comes from, when it is not trend[-2]


@dataclass(frozen=True)
class ProfileTable:
    """Counts at up to five snapshot dates with a change column (latest minus the one before).

    A subtotal row is the sum of the detail rows directly above it, back to the previous subtotal row
    (White British, White Irish, White Other, then White). Rows not followed by a subtotal stand alone.
    There is no grand-total row: the rows of a multi-row table add up to the children looked after at
    each date, which is published elsewhere (small-number suppression relies on this layout).
    """

    title: str
    dates: list[date]
    rows: list[tuple[str, list[int | None], bool]]   # (label, counts per date, is_subtotal)
    suppressed: frozenset[tuple[int, int]] = frozenset()   # (row, date) cells withheld as "c"; count set to None
    published_sums: tuple[tuple[str, ...], ...] = ()   # labels of rows whose sum the scorecard also publishes
    note: str = ""        # how to read it (groups.toml), printed with the profile tables


@dataclass(frozen=True)
class Report:
    council: str
    as_at: date
    generated: str
    panels: list[Panel]
    profiles: list[ProfileTable]
    benchmarks_note: str = ""     # e.g. "Benchmarks are not loaded."
    history_note: str = ""        # how several years' returns were read for earlier months (model.HISTORY_NOTES)
    council_note: str = ""        # front-page notice, e.g. that no council settings were given
    data_note: str = ""           # front-page notice that the latest return ended long before the position
    not_shown: str = ""           # which figures are left out as the lists they need were not loaded
    tables: list[SummaryTable] = field(default_factory=list)   # breakdown tables, each in its section
    public: bool = False          # small numbers suppressed
    suppression_threshold: int = 5    # when public: counts from 1 to this are withheld as "c"
    profile_note: str = ""        # which dates the profile tables' columns are, when not the latest snapshots
    # The service's commentary (careboard/report/commentary.py): paragraphs per indicator id and per section.
    commentary: dict[str, tuple[str, ...]] = field(default_factory=dict)
    section_commentary: dict[str, tuple[str, ...]] = field(default_factory=dict)
