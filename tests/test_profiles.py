"""Profile tables: counts per row for a hand-made cohort, and the tables built from counts.

Every expected figure is worked out by hand in the comments below from the cohort's dates and codes.
"""

import re
import tomllib
from datetime import date

import pytest

from careboard.indicators import calculate, registry
from careboard.profiles import build_profiles, groups, profile_counts
from careboard.profiles.groups import GroupsError, parse_groups
from tests.cohort import child, context, ep, row

AS_AT = date(2025, 1, 31)


def table_toml(key: str, rows: list[str], band: str | None = None) -> str:
    """One [[tables]] entry of a groupings file, rows written as TOML inline tables."""
    lines = ["[[tables]]", f'key = "{key}"', f'title = "{key.title()}"']
    if band:
        lines.append(f'band = "{band}"')
    return "\n".join([*lines, "rows = [", *(f"  {r}," for r in rows), "]"])


def groups_from(*tables: str):
    return parse_groups(tomllib.loads("\n\n".join(tables)), "test groups")

EARLIER = date(2024, 11, 30)

# At 31/01/2025 (months in care = completed months since the start of the current period of care):
#   A  DOB 31/01/2009 -> 16 today (band 16 to 17); M; WBRI; C2; U4 + PR1 in-house; from 01/08/2024 = 5 months
#   B  DOB 01/02/2009 -> 15, 16 tomorrow (10 to 15); F; WIRT -> White Other; C1; U6 + PR4 agency;
#      from 31/07/2024 = exactly 6 months (7 - 12 months)
#   C  DOB 15/06/2008 -> 16; M; ETHNIC blank; UASC, not ceased; V2; K3 independent living;
#      from 31/01/2024 = exactly 12 months (1 - 2 years)
#   D  DOB 01/03/2024 -> 0; SEX U; MWBC; E1; A4 placed for adoption; from 01/03/2024 = 10 months
#   E  DOB 01/01/2015 -> 10; F; REFU; L2; U5 + PR2 (another council's carer); from 01/02/2022 = 35 months
#   F  DOB 01/01/2020 -> 5; M; BAFR; C2; period from 31/01/2022 (X1 into U1 on 01/06/2023) = exactly 36
#      months from the period's start (3 - 5 years), though the open episode is only 19 months old
#   G  DOB 30/01/2007 -> 18; F; CHNE; left care 01/07/2024, back 01/12/2024 on V2 in T1 (temporary:
#      Other) = 1 month in the current period (8 since first coming into care)
#   H  no DOB; SEX, LS, PLACE, PLACE_PROVIDER blank; ETHNIC XXXX (invalid); from 01/10/2024 = 3 months
#   L  DOB 01/09/2007 -> 17; M; AOTH; UASC ceased 01/12/2024; V2; H5; from 01/09/2023 = 16 months
# Not in care at 31/01/2025: I (left 01/01/2025), J (short breaks V3), K (left on 31/01/2025 itself).
HEADERS_2025 = [
    child("A", dob="31/01/2009", sex="M", ethnic="WBRI"),
    child("B", dob="01/02/2009", sex="F", ethnic="WIRT"),
    child("C", dob="15/06/2008", sex="M", ethnic=""),
    child("D", dob="01/03/2024", sex="U", ethnic="MWBC"),
    child("E", dob="01/01/2015", sex="F", ethnic="REFU"),
    child("F", dob="01/01/2020", sex="M", ethnic="BAFR"),
    child("G", dob="30/01/2007", sex="F", ethnic="CHNE"),
    child("H", dob="", sex="", ethnic="XXXX"),
    child("L", dob="01/09/2007", sex="M", ethnic="AOTH"),
]
F_NOW = ep("F", "01/06/2023", rne="P", ls="C2", place="U1", place_provider="PR1")
RETURNS = {
    2024: {"episodes": [
        ep("F", "31/01/2022", "01/06/2023", "X1", rne="S", ls="C2", place="U4", place_provider="PR1"),
        F_NOW,
    ]},
    2025: {
        "header": HEADERS_2025,
        "uasc": [row(child="C", sex="M", dob="15/06/2008", duc=""),
                 row(child="L", sex="M", dob="01/09/2007", duc="01/12/2024")],
        "episodes": [
            ep("A", "01/08/2024", ls="C2", place="U4", place_provider="PR1"),
            ep("B", "31/07/2024", ls="C1", place="U6", place_provider="PR4"),
            ep("C", "31/01/2024", ls="V2", place="K3", place_provider="PR4"),
            ep("D", "01/03/2024", ls="E1", place="A4", place_provider="PR1"),
            ep("E", "01/02/2022", ls="L2", place="U5", place_provider="PR2"),
            F_NOW,
            ep("G", "01/05/2024", "01/07/2024", "E13", ls="C2", place="R1", place_provider="PR4"),
            ep("G", "01/12/2024", ls="V2", place="T1", place_provider=""),
            ep("H", "01/10/2024", ls="", place="", place_provider=""),
            ep("I", "01/05/2024", "01/01/2025", "E13"),
            ep("J", "01/05/2024", ls="V3"),
            ep("K", "01/06/2024", "31/01/2025", "E13"),
            ep("L", "01/09/2023", ls="V2", place="H5", place_provider="PR4"),
        ],
    },
}

EXPECTED_AT_AS_AT = {
    "cla": {"Children looked after": 9},                        # A B C D E F G H L
    "age": {"Under 1": 1,                                       # D
            "1 to 4": 0,
            "5 to 9": 1,                                        # F
            "10 to 15": 2,                                      # B (16 tomorrow), E
            "16 to 17": 3,                                      # A (16 today), C, L
            "18 and over": 1,                                   # G
            "Date of birth not recorded": 1},                   # H
    "gender": {"Male": 4,                                       # A C F L
               "Female": 3,                                     # B E G
               "Unknown": 2},                                   # D (U), H (blank)
    "ethnicity": {"White British": 1, "White Irish": 0, "White Other": 1,        # A; B (WIRT)
                  "Mixed White & Black Caribbean": 1, "Mixed White & Black African": 0,   # D
                  "Mixed White & Asian": 0, "Any other mixed background": 0,
                  "Indian": 0, "Pakistani": 0, "Bangladeshi": 0, "Any other Asian background": 1,  # L
                  "Caribbean": 0, "African": 1, "Any other Black background": 0,            # F
                  "Chinese": 1, "Any other ethnic group": 0,                                # G
                  "Refused": 1, "Information not yet obtained": 0,                         # E
                  "Unknown / not recorded": 2},                                            # C (blank), H (XXXX)
    "legal_status": {"Interim care orders": 1,                  # B
                     "Full care orders": 2,                     # A F
                     "Voluntary agreements": 3,                 # C G L
                     "Placement order / freed for adoption": 1,  # D
                     "Others": 1,                               # E (L2)
                     "Unknown / not recorded": 1},              # H
    "placement": {"Foster carers - In House": 1,                # A
                  "Foster carers - Agency": 1,                  # B
                  "Foster carers - other or unknown provider": 1,   # E (PR2)
                  "Fostering by relatives or friends": 1,       # F
                  "With parents": 0, "Independent living": 2,   # C (K3), L (H5)
                  "Residential care homes": 0, "Residential schools": 0,
                  "Placed for adoption": 1,                     # D
                  "Secure unit": 0, "Other": 1,                 # G (T1)
                  "Unknown / not recorded": 1},                 # H
    "time_in_care": {"0 - 6 months": 3,                         # A 5, G 1, H 3
                     "7 - 12 months": 2,                        # B 6, D 10
                     "1 - 2 years": 3,                          # C 12, E 35, L 16
                     "3 - 5 years": 1,                          # F 36
                     "6 - 10 years": 0, "11 - 15 years": 0, "16+ years": 0, "Start of care not known": 0},
    "uasc": {"Unaccompanied asylum-seeking": 1,                 # C (L's status ceased 01/12/2024)
             "Other children in care": 8},
}

# At 30/11/2024: A B C D E F H L, plus I (left 01/01/2025) and K (left 31/01/2025); not G (out of care
# 01/07/2024 to 01/12/2024) = 10 children.
EXPECTED_EARLIER = {
    "cla": {"Children looked after": 10},
    "time_in_care": {"0 - 6 months": 4,      # A 01/08 = 3, B 31/07 = 3 (30 < 31), H 01/10 = 1, K 01/06 = 5
                     "7 - 12 months": 3,     # C 31/01/2024 = 9, D 01/03/2024 = 8, I 01/05/2024 = exactly 6
                     "1 - 2 years": 3,       # E 01/02/2022 = 33, F 31/01/2022 = 33, L 01/09/2023 = 14
                     "3 - 5 years": 0, "6 - 10 years": 0, "11 - 15 years": 0, "16+ years": 0,
                     "Start of care not known": 0},
    "uasc": {"Unaccompanied asylum-seeking": 2,   # C, and L whose status ceased the next day
             "Other children in care": 8},
}


@pytest.fixture(scope="module")
def ctx():
    return context(RETURNS, AS_AT)


@pytest.mark.parametrize("as_at,expected", [(AS_AT, EXPECTED_AT_AS_AT), (EARLIER, EXPECTED_EARLIER)],
                         ids=["2025-01-31", "2024-11-30"])
def test_counts_per_row(ctx, as_at, expected):
    got = profile_counts(ctx, as_at)
    for key, rows in expected.items():
        assert got[key] == rows, key


@pytest.mark.parametrize("as_at", [AS_AT, EARLIER, date(2024, 6, 30)])
def test_every_child_in_exactly_one_row(ctx, as_at):
    in_care = calculate.compute(ctx, registry.get("cla_count"), as_at).value
    counts = profile_counts(ctx, as_at)
    assert set(counts) == {t.key for t in groups()}
    for key, rows in counts.items():
        assert sum(rows.values()) == in_care, key


def test_traveller_and_roma_rows_can_be_shown_separately(ctx):
    # B (WIRT) moves from White Other to a row of its own when the groupings say so
    tables = groups_from(table_toml("ethnicity", [
        '{ label = "White British", ethnic = ["WBRI"] }',
        '{ label = "Traveller of Irish heritage", ethnic = ["WIRT"] }',
        '{ label = "White Other", ethnic = ["WOTH", "WROM"] }',
        '{ label = "White", subtotal = true }',
        '{ label = "Other ethnicities", otherwise = true }',
    ]))
    assert profile_counts(ctx, AS_AT, tables)["ethnicity"] == {
        "White British": 1, "Traveller of Irish heritage": 1, "White Other": 0, "Other ethnicities": 7}


def test_counted_tables_build_with_subtotals(ctx):
    counts = {d: profile_counts(ctx, d) for d in (EARLIER, AS_AT)}
    ethnicity = {t.key: t for t in groups()}["ethnicity"].title
    table = next(t for t in build_profiles(counts) if t.title == ethnicity)
    rows = {label: (values, subtotal) for label, values, subtotal in table.rows}
    # White at 30/11/2024: A, I, K (WBRI, I and K by the cohort's default) + B (WIRT); at 31/01/2025 A + B
    assert rows["White"] == ([4, 2], True)
    # Not stated: E refused + C blank + H invalid at both dates
    assert rows["Not stated"] == ([3, 3], True)
    assert rows["Other ethnic group"] == ([0, 1], True)     # G (CHNE) back in care on 01/12/2024


# --- build_profiles: hand-made counts at six dates, so the oldest is dropped ---------------------------

SMALL = groups_from(
    table_toml("ethnicity", [
        '{ label = "White British", ethnic = ["WBRI"] }',
        '{ label = "White Other", ethnic = ["WOTH"] }',
        '{ label = "White", subtotal = true }',
        '{ label = "Any other mixed background", ethnic = ["MOTH"] }',
        '{ label = "Mixed", subtotal = true }',
        '{ label = "Gypsy/Roma", ethnic = ["WROM"], only_if_any = true }',
        '{ label = "Not recorded", otherwise = true, only_if_any = true }',
    ]),
    table_toml("age", ['{ label = "Under 16", from = 0, to = 16 }', '{ label = "16 and over", from = 16 }',
                       '{ label = "No date of birth", otherwise = true }'], band="age"),
)
DATES = [date(2024, m, 28) for m in range(1, 7)]
# (White British, White Other, Mixed other, Gypsy/Roma, Not recorded) per date; ages (under 16, 16+, none)
ETHNIC_COUNTS = [(5, 0, 1, 0, 9), (6, 0, 2, 0, 0), (7, 0, 3, 1, 0), (8, 0, 4, 0, 0), (9, 0, 5, 0, 0), (10, 0, 6, 0, 0)]
AGE_COUNTS = [(10, 5, 0), (4, 4, 0), (5, 6, 0), (6, 6, 0), (7, 7, 0), (8, 8, 0)]


def small_counts(dates: list[date]) -> dict:
    out = {}
    for d in dates:
        i = DATES.index(d)
        wb, wo, mo, roma, unknown = ETHNIC_COUNTS[i]
        under, over, none = AGE_COUNTS[i]
        out[d] = {"ethnicity": {"White British": wb, "White Other": wo, "Any other mixed background": mo,
                                "Gypsy/Roma": roma, "Not recorded": unknown},
                  "age": {"Under 16": under, "16 and over": over, "No date of birth": none}}
    return out


def test_build_keeps_order_subtotals_and_last_five_dates():
    # the dict is given newest first: the tables still run oldest to newest, over the latest five
    ethnicity, age = build_profiles(small_counts(DATES[::-1]), SMALL)
    assert ethnicity.title == "Ethnicity" and ethnicity.dates == DATES[1:]
    assert ethnicity.rows == [
        ("White British", [6, 7, 8, 9, 10], False),
        ("White Other", [0, 0, 0, 0, 0], False),          # zero rows stay
        ("White", [6, 7, 8, 9, 10], True),                # 6+0, 7+0 ...
        ("Any other mixed background", [2, 3, 4, 5, 6], False),
        ("Mixed", [2, 3, 4, 5, 6], True),
        ("Gypsy/Roma", [0, 1, 0, 0, 0], False),           # only_if_any, and there is one in March
        # "Not recorded" is only_if_any and zero at every date shown (its 9 was in January, dropped)
    ]
    assert age.rows == [("Under 16", [4, 5, 6, 7, 8], False), ("16 and over", [4, 6, 6, 7, 8], False),
                        ("No date of birth", [0, 0, 0, 0, 0], False)]


def test_build_with_fewer_dates_and_none():
    (ethnicity, _) = build_profiles(small_counts(DATES[:2]), SMALL)
    assert ethnicity.dates == DATES[:2]
    assert ethnicity.rows[-1] == ("Not recorded", [9, 0], False)   # non-zero on a date shown: kept
    assert build_profiles({}, SMALL) == []


@pytest.mark.parametrize("spoil,message", [
    (lambda c: c.pop("age"), "no table 'age'"),
    (lambda c: c["age"].pop("16 and over"), "rows ['16 and over'] missing"),
    (lambda c: c["age"].update({"Over 90": 1}), "rows ['Over 90'] not in the groupings"),
], ids=["table missing", "row missing", "row unknown"])
def test_build_rejects_counts_not_from_the_groupings(spoil, message):
    counts = small_counts(DATES[:1])
    spoil(counts[DATES[0]])
    with pytest.raises(ValueError, match=re.escape(message)):
        build_profiles(counts, SMALL)


# --- the groupings file ----------------------------------------------------------------------------------

OK_OTHERWISE = '{ label = "Rest", otherwise = true }'
PUBLISHED = "\n[[tables.published_sums]]\nrows = {rows}\nby = {by}\n"


def coded(*rows: str) -> str:
    return table_toml("e", [*rows, OK_OTHERWISE])


def banded(*rows: str, band: str = "age") -> str:
    return table_toml("a", [*rows, OK_OTHERWISE], band)


BAD_GROUPS = [
    ("a code in two rows",
     coded('{ label = "A", ethnic = ["WBRI"] }', '{ label = "B", ethnic = ["WOTH", "WBRI"] }'),
     "rows 'A' and 'B' can count the same child {'ethnic': ['WBRI']}"),
    ("a placement row with any provider overlapping one with a provider",
     coded('{ label = "A", place = ["U4"], provider = ["PR1"] }', '{ label = "B", place = ["U4", "U5"] }'),
     "rows 'A' and 'B' can count the same child {'place': ['U4']}"),
    ("rows testing different columns",
     coded('{ label = "A", sex = ["M"] }', '{ label = "B", ethnic = ["WBRI"] }'),
     "rows 'A' and 'B' can count the same child {}"),
    ("bands with a gap", banded('{ label = "A", from = 0, to = 1 }', '{ label = "B", from = 2 }'),
     "bands 'A' [0, 1) and 'B' [2, None) must meet"),
    ("overlapping bands", banded('{ label = "A", from = 0, to = 5 }', '{ label = "B", from = 4, to = 9 }'),
     "bands 'A' [0, 5) and 'B' [4, 9) must meet"),
    ("an open band before another", banded('{ label = "A", from = 0 }', '{ label = "B", from = 4, to = 9 }'),
     "bands 'A' [0, None) and 'B' [4, 9) must meet"),
    ("an empty band", banded('{ label = "A", from = 3, to = 3 }'), "is empty"),
    ("a band without from", banded('{ label = "A", to = 4 }'), "a band needs 'from'"),
    ("codes in a banded table", banded('{ label = "A", sex = ["M"] }'), "a banded table's rows take 'from'/'to'"),
    ("an unknown band", banded(band="height"), "band 'height' is not one of"),
    ("a band in a coded table", coded('{ label = "A", from = 1 }'), "need a banded table"),
    ("no otherwise row", table_toml("e", ['{ label = "A", ethnic = ["WBRI"] }']),
     "needs exactly one row with otherwise = true"),
    ("two otherwise rows", coded('{ label = "B", otherwise = true }'), "found 2"),
    ("a subtotal first", coded('{ label = "S", subtotal = true }'), "subtotal 'S' has no detail rows"),
    ("a subtotal of only only_if_any rows",
     coded('{ label = "A", ethnic = ["WBRI"] }', '{ label = "S", subtotal = true }',
           '{ label = "B", ethnic = ["WOTH"], only_if_any = true }', '{ label = "T", subtotal = true }'),
     "subtotal 'T' adds up only rows marked only_if_any"),
    ("a subtotal with codes",
     coded('{ label = "A", ethnic = ["WBRI"] }', '{ label = "S", subtotal = true, sex = ["M"] }'),
     "a subtotal row takes only a label"),
    ("a lower-case code", coded('{ label = "A", ethnic = ["wbri"] }'), "codes must be upper-case"),
    ("an unknown row field", coded('{ label = "A", codes = ["WBRI"] }'), "unknown field(s) ['codes']"),
    ("a detail row counting nothing", coded('{ label = "A" }'), "say which codes the row counts"),
    ("a label twice", coded('{ label = "Rest", ethnic = ["WBRI"] }'), "row label(s) ['Rest'] used more than once"),
    ("a table key twice", coded() + "\n\n" + coded(), "table key(s) ['e'] used more than once"),
    ("a published sum of an unknown row",
     coded('{ label = "A", ethnic = ["WBRI"] }') + PUBLISHED.format(rows='["A", "B"]', by='["x.numerator"]'),
     "published sum 1: ['B'] are not detail rows of the table"),
    ("a published sum of one row",
     coded('{ label = "A", ethnic = ["WBRI"] }') + PUBLISHED.format(rows='["A"]', by='["x.numerator"]'),
     "'rows' must list two or more"),
    ("a published sum by no part",
     coded('{ label = "A", ethnic = ["WBRI"] }') + PUBLISHED.format(rows='["A", "Rest"]', by='["x"]'),
     "'by' must list figures as indicator id, a dot and one of"),
    ("a published sum by nothing",
     coded('{ label = "A", ethnic = ["WBRI"] }') + PUBLISHED.format(rows='["A", "Rest"]', by='[]'),
     "'by' must list figures"),
]


@pytest.mark.parametrize("text,message", [(t, m) for _, t, m in BAD_GROUPS], ids=[d for d, _, _ in BAD_GROUPS])
def test_bad_groupings_are_refused(text, message):
    with pytest.raises(GroupsError, match=re.escape(message)) as caught:
        groups_from(text)
    assert str(caught.value).startswith("test groups: table ")


def test_rows_told_apart_by_provider_are_accepted():
    (table,) = groups_from(coded('{ label = "In house", place = ["U4", "U5"], provider = ["PR1"] }',
                                 '{ label = "Agency", place = ["U4", "U5"], provider = ["PR4", ""] }',
                                 '{ label = "Relatives", place = ["U1"] }'))
    assert [row.label for row in table.details] == ["In house", "Agency", "Relatives", "Rest"]


def published_figures():
    return [(table.key, published.rows, indicator, part) for table in groups() for published in table.published_sums
            for indicator, part in published.by]


@pytest.mark.parametrize("as_at", [AS_AT, EARLIER, date(2024, 6, 30)])
@pytest.mark.parametrize("key, rows, indicator, part", published_figures(),
                         ids=[f"{ind}.{part}" for _, _, ind, part in published_figures()])
def test_a_published_sum_is_the_figure_the_scorecard_shows(ctx, as_at, key, rows, indicator, part):
    # the public report protects these rows' sum only because the scorecard publishes it: they must agree
    figure = getattr(calculate.compute(ctx, registry.get(indicator), as_at), part)
    counts = profile_counts(ctx, as_at)[key]
    assert figure == sum(counts[label] for label in rows)


def test_placement_table_carries_its_published_sum(ctx):
    placement = {t.key: t for t in groups()}["placement"].title
    table = next(t for t in build_profiles({AS_AT: profile_counts(ctx, AS_AT)}) if t.title == placement)
    assert table.published_sums == (("Foster carers - In House", "Foster carers - Agency",
                                     "Foster carers - other or unknown provider", "Fostering by relatives or friends"),)


# Valid codes of each field (reference ssda903.md section 5, all years); short breaks V3/V4 are never in care.
ETHNIC = "WBRI WIRI WIRT WOTH WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH CHNE OOTH REFU NOBT"
LS = "C1 C2 D1 E1 V2 L1 L2 L3 J1 J2 J3"
PLACE = ("A3 A4 A5 A6 H5 K1 K2 K3 P1 P2 P3 R1 R2 R3 R5 S1 T0 T1 T2 T3 T4 U1 U2 U3 U4 U5 U6 Z1 Z11 Z12 Z13 Z14")
PROVIDER = ["PR0", "PR1", "PR2", "PR3", "PR4", "PR5", ""]
VALID = [("gender", {"sex": s}) for s in "MF"] + [("ethnicity", {"ethnic": e}) for e in ETHNIC.split()] + \
    [("legal_status", {"ls": code}) for code in LS.split()] + \
    [("placement", {"place": p, "provider": pr}) for p in PLACE.split() for pr in PROVIDER]


@pytest.mark.parametrize("key,values", VALID, ids=[f"{k}-{'-'.join(v.values())}" for k, v in VALID])
def test_every_valid_code_has_a_row_of_its_own(key, values):
    # a valid code is counted in exactly one named row, never left to the table's otherwise row
    table = {t.key: t for t in groups()}[key]
    rows = [row.label for row in table.details if not row.otherwise and row.codes
            and all(values[column] in codes for column, codes in row.codes.items())]
    assert len(rows) == 1, rows
