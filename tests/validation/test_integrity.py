"""Data-integrity rules INT01-INT36, EPI and NoE. Each case: the rows the rule must flag, worked out by hand.

Years are named by the year ending 31 March (2025 = 2024/25). A header row is given for every child a case
needs one for; the "missing from Header" cases run without the helper adding header rows.
"""

import pytest

from tests.cohort import child, ep, row
from tests.rule_rows import ad1, cla, new, oc2, oc3, p4a, review
from tests.rulecheck import check_case


def missing(c):
    return row(child=c, dob="01/01/2010", missing="M", mis_start="01/06/2024", mis_end="02/06/2024")


def prevperm(c):
    return row(child=c, dob="01/01/2010", prev_perm="Z1", la_perm="", date_perm="")


def uasc(c):
    return row(child=c, sex="M", dob="01/01/2010", duc="")


# A complete row of each table that repeats the child's details, for the checks against Header.
_ROWS = {"ad1": ad1, "placed_for_adoption": p4a, "missing": missing, "oc2": oc2, "oc3": oc3,
         "previous_permanence": prevperm, "reviews": review, "uasc": uasc}


def of(table, c, **kw):
    """A row of `table` for child `c`, with the columns in `kw` (lower case) replaced."""
    return {**_ROWS[table](c), **{k.upper(): v for k, v in kw.items()}}

IN_HEADER = [
    (code, f"a child missing from Header is flagged in {table}", year,
     {"header": [child("A")], table: [of(table, "A"), of(table, "B")]}, None, [(table, 2)])
    for code, table, year in (("INT01", "ad1", 2024), ("INT02", "placed_for_adoption", 2025),
                              ("INT04", "missing", 2026), ("INT05", "oc2", 2027), ("INT06", "oc3", 2025),
                              ("INT07", "previous_permanence", 2024), ("INT08", "reviews", 2026),
                              ("INT09", "uasc", 2027))
] + [
    (code, f"every {table} child in Header passes", 2025,
     {"header": [child("A"), child("B")], table: [of(table, "A"), of(table, "B")]}, None, [])
    for code, table in (("INT01", "ad1"), ("INT02", "placed_for_adoption"), ("INT04", "missing"),
                        ("INT05", "oc2"), ("INT06", "oc3"), ("INT07", "previous_permanence"),
                        ("INT08", "reviews"), ("INT09", "uasc"))
] + [
    ("INT03", "both episodes of a child with no Header row are flagged", 2025,
     {"header": [child("A")], "episodes": [cla("A"), ep("B", "01/05/2024", "01/06/2024", "E11"),
                                           ep("B", "01/06/2024")]}, None,
     [("episodes", 2), ("episodes", 3)]),
    ("INT03", "child IDs match once upper-cased", 2024,
     {"header": [child("a1", sex="1")], "episodes": [cla("A1")]}, None, []),
]

# Header DOB 01/01/2015 for A and B; the other table disagrees for B.
SAME_DOB = [
    (code, f"a different DOB in {table} flags both rows", year,
     {"header": [child("A", dob="01/01/2015"), child("B", dob="01/01/2015")],
      table: [of(table, "A", dob="01/01/2015"), of(table, "B", dob="02/01/2015")]}, None,
     [(table, 2), ("header", 2)])
    for code, table, year in (("INT11", "ad1", 2024), ("INT12", "placed_for_adoption", 2025),
                              ("INT13", "missing", 2026), ("INT14", "oc2", 2027), ("INT15", "oc3", 2025),
                              ("INT16", "previous_permanence", 2024), ("INT17", "reviews", 2026),
                              ("INT18", "uasc", 2027))
] + [
    (code, f"the same date written 1/1/2015 in {table} passes", 2025,
     {"header": [child("A", dob="01/01/2015")], table: [of(table, "A", dob="1/1/2015")]}, None, [])
    for code, table in (("INT11", "ad1"), ("INT12", "placed_for_adoption"), ("INT13", "missing"),
                        ("INT14", "oc2"), ("INT15", "oc3"), ("INT16", "previous_permanence"),
                        ("INT17", "reviews"), ("INT18", "uasc"))
] + [
    ("INT17", "a blank DOB and two different unreadable ones disagree with Header; blank in both agrees", 2025,
     {"header": [child("A", dob="01/01/2010"), child("B", dob="31/02/2010"), child("C", dob="")],
      "reviews": [review("A"), row(child="A", dob="", review="01/07/2024", review_code="PN1"),
                  row(child="B", dob="30/02/2010", review="01/06/2024", review_code="PN1"),
                  row(child="C", dob="", review="01/06/2024", review_code="PN1")]}, None,
     [("reviews", 2), ("reviews", 3), ("header", 1), ("header", 2)]),
]

SAME_SEX = [
    ("INT21", "a different sex in UASC flags both rows", 2025,
     {"header": [child("A", sex="M"), child("B", sex="F")], "uasc": [of("uasc", "A"), of("uasc", "B", sex="M")]}, None,
     [("uasc", 2), ("header", 2)]),
    ("INT21", "2023/24 codes: 1 and 2 disagree", 2024,
     {"header": [child("A", sex="1")], "uasc": [of("uasc", "A", sex="2")]}, None, [("uasc", 1), ("header", 1)]),
    ("INT21", "the same sex passes", 2026,
     {"header": [child("A", sex="U"), child("B", sex="F")], "uasc": [of("uasc", "A", sex="U"), of("uasc", "B", sex="F")]},
     None, []),
]

ONCE = [
    (code, f"every row of a child repeated in {table} is flagged", year,
     {"header": [child("A"), child("B")], table: [of(table, "A"), of(table, "B"), of(table, "A")]},
     None, [(table, 1), (table, 3)])
    for code, table, year in (("INT31", "ad1", 2024), ("INT33", "oc2", 2025), ("INT34", "oc3", 2026),
                              ("INT35", "previous_permanence", 2027), ("INT36", "uasc", 2025))
] + [
    (code, f"one row per child in {table} passes", 2026,
     {"header": [child("A"), child("B")], table: [of(table, "A"), of(table, "B")]}, None, [])
    for code, table in (("INT31", "ad1"), ("INT33", "oc2"), ("INT34", "oc3"), ("INT35", "previous_permanence"),
                        ("INT36", "uasc"))
] + [
    ("INT32", "a child twice in Header is flagged on both rows", 2025,
     {"header": [child("A"), child("B"), child("A", dob="02/01/2010")]}, None, [("header", 1), ("header", 3)]),
    ("INT32", "two blank child IDs are left to the rules on blank IDs", 2024,
     {"header": [child("A", sex="1"), child("", sex="1"), child("", sex="2")]}, None, []),
]

EPISODES = [
    ("EPI", "a Header child with no episodes who is not a care leaver is queried", 2025,
     {"header": [child("A"), child("B"), child("C", dob="01/01/2006")], "episodes": [cla("A")], "oc3": [oc3("C")]},
     None, [("header", 2)]),
    ("EPI", "children with episodes, and care leavers in OC3 only, pass", 2027,
     {"header": [child("A"), child("C", dob="01/01/2006")], "episodes": [ep("A", "01/06/2026")], "oc3": [oc3("C")]}, None, []),
    # This year 2024/25: A and C were in care before 1 April 2024; B started in the year.
    ("NoE", "an episode from before the year with no episodes for the child last year", 2025,
     {"episodes": [cla("A"), new("B"), ep("C", "01/01/2021", "01/05/2024", "X1"), ep("C", "01/05/2024")]},
     {"episodes": [cla("A")]}, [("episodes", 3)]),
    ("NoE", "a child carried over from last year's episodes passes", 2026,
     {"episodes": [ep("A", "01/03/2025", "01/06/2025", "E11"), ep("B", "01/06/2025")]},
     {"episodes": [ep("A", "01/03/2025")]}, []),
]

CASES = IN_HEADER + SAME_DOB + SAME_SEX + ONCE + EPISODES

# The missing-from-Header checks need children without header rows, which the helper would otherwise add;
# the duplicate-Header check needs the header exactly as given.
OPTIONS = {**{f"INT0{i}": {"add_headers": False} for i in range(1, 10)}, "INT32": {"add_headers": False}}


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_rule(case):
    check_case(*case, **OPTIONS.get(case[0], {}))
