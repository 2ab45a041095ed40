"""Children looked after at a date, and the rate per 10,000. Expected figures worked out by hand."""

from datetime import date

import pytest

from tests.cohort import compute, check, ep

AS_AT = date(2025, 1, 31)

CASES = [
    # (indicator, description, returns, expected)
    ("cla_count", "open episode counts; ended before as-at does not",
     {2025: {"episodes": [ep("A", "01/05/2024"), ep("B", "01/05/2024", "01/06/2024", "E4A")]}},
     {"num": 1.0, "value": 1.0}),
    ("cla_count", "episode ceasing on the as-at date is not counted at that date",
     {2025: {"episodes": [ep("A", "01/05/2024", "31/01/2025", "E4A"), ep("B", "31/01/2025")]}},
     {"value": 1.0}),
    ("cla_count", "short breaks (V3/V4) are excluded",
     {2025: {"episodes": [ep("A", "01/05/2024", ls="V3"), ep("B", "01/05/2024", ls="V4"), ep("C", "01/05/2024")]}},
     {"value": 1.0}),
    ("cla_count", "an X1 change the same day keeps the child counted once",
     {2025: {"episodes": [ep("A", "01/05/2024", "01/06/2024", "X1"), ep("A", "01/06/2024", rne="L", ls="C1")]}},
     {"value": 1.0}),
    ("cla_count", "an episode open over 31 March appears in both returns and counts once",
     {2024: {"episodes": [ep("A", "01/05/2023")]},
      2025: {"episodes": [ep("A", "01/05/2023", "01/06/2024", "E4A"), ep("B", "01/05/2023")]}},
     {"value": 1.0}),
    ("cla_rate_10k", "rate is count over population times 10,000",
     {2025: {"episodes": [ep("A", "01/05/2024"), ep("B", "01/05/2024")]}},
     {"num": 2.0, "den": 4000, "value": 5.0}),
]


@pytest.mark.parametrize("indicator,description,returns,expected", CASES, ids=[c[1] for c in CASES])
def test_cla(indicator, description, returns, expected):
    check(compute(indicator, returns, AS_AT, population=4000), expected)


def test_rate_without_population_has_no_value():
    v = compute("cla_rate_10k", {2025: {"episodes": [ep("A", "01/05/2024")]}}, AS_AT)
    assert v.value is None and v.numerator == 1.0
