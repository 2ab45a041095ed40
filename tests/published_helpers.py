"""Shared fixtures for the published-figures tests: the real benchmarks folder and a tiny hand-made one."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from careboard.published import load_published
from careboard.published.files import CLA_FILE, LAIT_FILE, ONS_FILE, SN_FILES

REAL_FOLDER = Path(__file__).parents[2] / "shared" / "benchmarks"

EES_AREA_HEADER = [
    "time_period", "time_identifier", "geographic_level", "country_code", "country_name",
    "region_code", "region_name", "old_la_code", "la_name", "new_la_code",
]
REGION = ("E12000006", "Eastshire")


@pytest.fixture(scope="session")
def real_published():
    if not REAL_FOLDER.is_dir():
        pytest.skip(f"real benchmark files not found at {REAL_FOLDER}")
    return load_published(REAL_FOLDER)


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _area_cells(year: int, level: str, la: str = "", name: str = "") -> list[str]:
    region = ("", "") if level == "National" else REGION
    return [str(year), "Reporting year", level, "E92000001", "England", *region, la, name, ""]


# Hand-made world: five LAs in one region. 801's neighbours are 802-805 in both SN models.
LAS = {"801": "Alpha", "802": "Beta", "803": "Gamma", "804": "Delta", "805": "Epsilon"}

# CLA rate per 10,000 for the year ending March 2025; 802 is suppressed.
CLA_RATE_2025 = {"801": "50", "802": "c", "803": "70", "804": "91", "805": "40"}


def write_mini_folder(folder: Path) -> Path:
    """A benchmarks folder small enough to work every expected figure out by hand."""
    folder.mkdir(parents=True, exist_ok=True)
    cla_rows = [
        [*_area_cells(2025, "National"), "Children looked after on 31 March each year", "1000", "67", "67"],
        [*_area_cells(2025, "Regional"), "Children looked after on 31 March each year", "1000", "60", "60"],
        [*_area_cells(2024, "National"), "Children looked after on 31 March each year", "1000", "69", "69"],
    ]
    for code, name in LAS.items():
        cla_rows.append([*_area_cells(2025, "Local authority", code, name),
                         "Children looked after on 31 March each year", "1000", "5", CLA_RATE_2025[code]])
    # A former LA: present in the file, population x in the latest year.
    cla_rows.append([*_area_cells(2025, "Local authority", "809", "Formershire"),
                     "Children looked after on 31 March each year", "x", "z", "z"])
    _write_csv(folder / f"{CLA_FILE}.csv",
               [*EES_AREA_HEADER, "population_type", "population_estimate", "children_count", "rate_per_10000"],
               cla_rows)

    ons_header = [*EES_AREA_HEADER[:7], "old_la_code", "new_la_code", "la_name", "age_group", "population_estimate"]
    ons_rows = []
    for year, value in ((2023, "10000"), (2024, "10500")):
        cells = _area_cells(year, "Local authority", "801", "Alpha")
        ons_rows.append([*cells[:7], "801", "E06000099", "Alpha", "Children aged 0 to 17 years", value])
    cells = _area_cells(2024, "Local authority", "806", "Zeta")
    ons_rows.append([*cells[:7], "806", "E06000098", "Zeta", "Children aged 0 to 17 years", "x"])
    cells = _area_cells(2024, "National")
    ons_rows.append([*cells[:7], "", "", "", "Children aged 0 to 17 years", "12183016"])
    _write_csv(folder / f"{ONS_FILE}.csv", ons_header, ons_rows)

    for name in ("la_cla_placement_stability", "la_conviction_health_outcome_cla",
                 "la_care_leavers_activity", "la_care_leavers_accommodation_suitability"):
        _write_csv(folder / f"{name}.csv", [*EES_AREA_HEADER, "breakdown", "children_percent"], [])

    pairs = [cell for code in ("802", "803", "804", "805") for cell in (code, "Close ")]
    sn21 = [["801", "Alpha", "801", "2", "East", *pairs], [], ["", "Old SNs:"], []]
    _write_csv(folder / SN_FILES[2021],
               ["LA num", "LA Name", "LA number", "GOInd", "GOReg"] + ["SN", "SNP"] * 10, sn21)
    sn25 = [["801", "Alpha", "2", "East", *pairs]]
    _write_csv(folder / SN_FILES[2025], ["old_la_code", "la_name", "region_ind", "region_name"] +
               [f"SN_{i}{p}" for i in range(1, 11) for p in ("", "P")], sn25)

    _write_lait(folder / LAIT_FILE)
    return folder


# LAIT rows: (Short Desc, Years, LA Number, Values). 2019 exists only here, so it tests the fallback.
LAIT_ROWS = [
    ("LAC", "2019", 801.0, "60"),
    ("LAC", "2019", 802.0, "80"),
    ("LAC", "2019", 803.0, "-"),
    ("LAC", "2019", 804.0, "9.3699999999999992"),
    ("LAC", "2019", 805.0, "30"),
    ("LAC", "2019 (prov)", 805.0, "31"),     # the final figure above wins
    ("LAC", "2019", 985.0, "55"),
    ("LAC", "2019", 970.0, "66"),
    ("LAC", "0", 970.0, "1"),                # junk year, ignored
    ("CareLeavers_LA_NotInTouch ", "2025", 801.0, "4"),   # stray space, as in the real file
    ("CareLeavers_LA_NotInTouch ", "2025", 970.0, "c"),
]


def _write_lait(path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = list(zip(*LAIT_ROWS))
    table = pa.table({
        "Short Desc": list(columns[0]),
        "Data item": [None] * len(LAIT_ROWS),
        "Years": list(columns[1]),
        "LA and Regions": [""] * len(LAIT_ROWS),
        "Values": list(columns[3]),
        "LA Number": list(columns[2]),
        "Region": ["East of England"] * len(LAIT_ROWS),
    })
    pq.write_table(table, path)


@pytest.fixture
def mini_published(tmp_path):
    return load_published(write_mini_folder(tmp_path / "benchmarks"))


def assert_rows(rows, expected):
    """Compare BenchmarkRows with (label, period, value, note) tuples; values to 1e-9."""
    got = [(r.label, r.period_label, r.value, r.note) for r in rows]
    assert len(got) == len(expected), got
    for (label, period, value, note), want in zip(got, expected):
        assert (label, period, note) == (want[0], want[1], want[3]), got
        if want[2] is None:
            assert value is None, got
        else:
            assert value == pytest.approx(want[2], abs=1e-9), got
