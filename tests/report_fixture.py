"""A hand-made committee report for the report renderer tests.

Four panels (a rate, a percentage, a count and an average in days) with 12-month trends and benchmarks,
and two profile tables: Age (no subtotals) and Ethnicity (subtotal rows). Every figure expected by the
tests is worked out by hand next to the test that checks it.
"""

from __future__ import annotations

from datetime import date

from careboard.results import Assessment, BenchmarkRow, Panel, ProfileTable, Report, Value

AS_AT = date(2025, 1, 31)
# month ends Feb 2024 .. Jan 2025, oldest first
MONTHS = [date(2024, 2, 29), date(2024, 3, 31), date(2024, 4, 30), date(2024, 5, 31), date(2024, 6, 30),
          date(2024, 7, 31), date(2024, 8, 31), date(2024, 9, 30), date(2024, 10, 31), date(2024, 11, 30),
          date(2024, 12, 31), AS_AT]
SNAPSHOTS = [date(2024, 3, 31), date(2024, 6, 30), date(2024, 9, 30), date(2024, 12, 31), AS_AT]


def _value(indicator: str, as_at: date, numerator, denominator, value, period_start=None, **extra) -> Value:
    return Value(indicator, as_at, period_start, as_at, value, numerator, denominator, extra)


def _trend(indicator: str, pairs, to_value) -> list[Value]:
    return [_value(indicator, month, num, den, to_value(num, den)) for month, (num, den) in zip(MONTHS, pairs)]


def rate_panel() -> Panel:
    # rate per 10,000 with a child population of 50,000: rate = children / 5
    counts = [351, 354, 355, 358, 362, 365, 369, 373, 366, 363, 360, 380]
    trend = _trend("cla_rate", [(n, 50_000) for n in counts], lambda n, d: n / d * 10_000)
    return Panel(
        indicator_id="cla_rate", title="Children looked after per 10,000 children", unit="rate",
        polarity="low", decimals=1, current=trend[-1],
        assessment=Assessment(target=74.0, variance=(76.0 - 74.0) / 74.0 * 100, variance_unit="%", rag="red",
                              previous=72.0, change="worse"),
        sentence="At the end of January 2025 there were 380 children in care, a rate of 76.0 per 10,000 children.",
        trend=trend,
        benchmarks=[BenchmarkRow("Local Authority", "2023/24", 74.0), BenchmarkRow("Stat Neighbours", "2023/24", 87.3,
                                                                                   "mean of 10"),
                    BenchmarkRow("Region", "2023/24", 49.0), BenchmarkRow("England", "2023/24", 70.0)],
        definition="Children looked after at the month end per 10,000 children aged under 18 (ONS mid-year "
                   "estimate), excluding children looked after only for short breaks.",
        section="Children in care", period="Month end",
    )


def stability_panel() -> Panel:
    pairs = [(25, 351), (24, 354), (3, 355), (27, 358), (26, 362), (28, 365), (27, 369), (25, 373), (24, 366),
             (25, 363), (26, 376), (22, 380)]
    trend = _trend("placements_3plus_pct", pairs, lambda n, d: n / d * 100)
    return Panel(
        indicator_id="placements_3plus_pct", title="Children with 3 or more placements in 12 months", unit="%",
        polarity="low", decimals=1, current=trend[-1],
        assessment=Assessment(target=6.0, variance=22 / 380 * 100 - 6.0, variance_unit="pp", rag="green",
                              previous=26 / 376 * 100, change="improved"),
        sentence="22 out of the 380 children in care at the end of January 2025 had 3 or more placements in the "
                 "last 12 months (5.8%).",
        trend=trend,
        benchmarks=[BenchmarkRow("Local Authority", "2023/24", 5.0), BenchmarkRow("Stat Neighbours", "2023/24", 10.0),
                    BenchmarkRow("Region", "2023/24", 11.0), BenchmarkRow("England", "2023/24", 10.0)],
        definition="Children looked after at the month end who had three or more separate placements in the "
                   "12 months to that date.",
        dq_note="2 episodes with a missing placement code were left out.",
        section="Children in care", period="Rolling 12 months",
    )


def missing_panel() -> Panel:
    counts = [6, 8, 5, 9, 7, 10, 6, 8, 11, 7, 9, 4]
    trend = [_value("missing_children", month, n, None, float(n)) for month, n in zip(MONTHS, counts)]
    current = _value("missing_children", AS_AT, 4, None, 4.0, period_start=date(2025, 1, 1), episodes=7)
    return Panel(
        indicator_id="missing_children", title="Children missing from placement", unit="count", polarity="low",
        decimals=0, current=current,
        assessment=Assessment(target=None, variance=None, variance_unit="", rag=None, previous=9.0,
                              change="improved"),
        sentence="In January 2025 there were 7 missing-from-care episodes involving 4 children.",
        trend=trend[:-1] + [current],
        benchmarks=[],
        definition="Children looked after with at least one missing episode starting in the month.",
        section="Children in care", period="Month",
    )


def adoption_panel() -> Panel:
    days = [520, 531, 528, 540, 552, 549, 560, 571, 555, 548, 543]
    children = [15, 15, 16, 16, 17, 17, 17, 18, 18, 18, 18]
    trend = [_value("adopt_a1_days", month, d * n, n, float(d)) for month, d, n in zip(MONTHS, days, children)]
    current = _value("adopt_a1_days", AS_AT, 10_181, 18, 10_181 / 18, period_start=date(2024, 2, 1),
                     within_426=4)
    return Panel(
        indicator_id="adopt_a1_days", title="Average days from entering care to moving in with adopters",
        unit="days", polarity="low", decimals=0, current=current,
        assessment=Assessment(target=426.0, variance=10_181 / 18 - 426.0, variance_unit="days", rag="red",
                              previous=543.0, change="worse"),
        sentence="For the 18 children adopted in the 12 months to January 2025, on average 566 days passed between "
                 "entering care and moving in with their adoptive family, 140 days more than the target. "
                 "4 of the 18 moved in within the target (22.2%).",
        trend=trend + [current],
        benchmarks=[BenchmarkRow("Local Authority", "2021-24", 459.0), BenchmarkRow("Stat Neighbours", "2021-24", 497.4),
                    BenchmarkRow("Region", "2021-24", 520.0), BenchmarkRow("England", "2021-24", 520.0)],
        definition="For children adopted in the 12 months, the average number of days between starting to be "
                   "looked after and moving in with the adoptive family (adoption scorecard A1).",
        section="Adoption", period="Rolling 12 months",
    )


def age_table() -> ProfileTable:
    return ProfileTable("Age", SNAPSHOTS, [
        ("Under 1", [18, 20, 19, 20, 29], False),
        ("1 to 4", [23, 29, 34, 35, 39], False),
        ("5 to 9", [68, 71, 65, 56, 61], False),
        ("10 to 15", [146, 157, 156, 152, 150], False),
        ("16 to 17", [98, 104, 96, 97, 101], False),
    ])


def ethnicity_table() -> ProfileTable:
    return ProfileTable("Ethnicity", SNAPSHOTS, [
        ("White British", [226, 239, 229, 219, 229], False),           # 0
        ("White Irish", [0, 0, 0, 0, 2], False),                       # 1
        ("Any other White background", [34, 40, 43, 41, 49], False),   # 2
        ("White", [260, 279, 272, 260, 280], True),                    # 3
        ("Mixed White and Black Caribbean", [4, 5, 5, 6, 7], False),   # 4
        ("Any other Mixed background", [37, 41, 38, 39, 43], False),   # 5
        ("Mixed", [41, 46, 43, 45, 50], True),                         # 6
        ("Caribbean", [2, 2, 2, 0, 2], False),                         # 7
        ("African", [13, 10, 12, 10, 9], False),                       # 8
        ("Any other Black background", [8, 8, 8, 7, 7], False),        # 9
        ("Black", [23, 20, 22, 17, 18], True),                         # 10
        ("Asian and other ethnic groups", [24, 34, 29, 32, 28], False),  # 11
        ("Not stated / not yet obtained", [5, 2, 4, 4, 6], False),     # 12
    ])


def report(**overrides) -> Report:
    fields = dict(
        council="Northfield City Council", as_at=AS_AT, generated="3 February 2025 at 09:15",
        panels=[rate_panel(), stability_panel(), missing_panel(), adoption_panel()],
        profiles=[age_table(), ethnicity_table()],
    )
    fields.update(overrides)
    return Report(**fields)
