"""Rules 101-199. Each case: the rows the rule must flag, worked out by hand."""

import pytest

from tests.cohort import child, ep
from tests.rulecheck import check_case

CASES = [
    ("101", "M is valid from 2024/25", 2025, {"header": [child("A", sex="M")]}, None, []),
    ("101", "1 is no longer valid in 2024/25", 2025, {"header": [child("A", sex="M"), child("B", sex="1")]}, None,
     [("header", 2)]),
    ("101", "1 is valid in 2023/24, M is not", 2024, {"header": [child("A", sex="1"), child("B", sex="M")]}, None,
     [("header", 2)]),
    ("102", "a real date passes", 2025, {"header": [child("A", dob="29/02/2012")]}, None, []),
    ("102", "an impossible date fails", 2025, {"header": [child("A", dob="30/02/2012")]}, None, [("header", 1)]),
    ("103", "known code passes", 2025, {"header": [child("A", ethnic="WBRI")]}, None, []),
    ("103", "unknown and blank codes fail", 2025,
     {"header": [child("A", ethnic="WBRI"), child("B", ethnic="XXXX"), child("C", ethnic="")]}, None,
     [("header", 2), ("header", 3)]),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_rule(case):
    check_case(*case)
