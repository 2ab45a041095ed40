"""Published figures from a hand-made benchmarks folder (tests/published_helpers.py), worked out by hand."""

import pytest

from careboard.published import NOT_LOADED, PublishedDataError, load_published, load_published_or_note
from careboard.published.files import LAIT_FILE
from tests.published_helpers import assert_rows, mini_published, write_mini_folder  # noqa: F401

SN25, SN21 = "(2025 SN model)", "(2021 SN model)"


@pytest.mark.parametrize("indicator, year, method, expected", [
    # EES, 2025: neighbours 802 c, 803 70, 804 91, 805 40 -> mean 201/3 = 67, median 70.
    ("cla_rate_10k", None, "mean", [
        ("Local Authority", "2024/25", 50, "Alpha"),
        ("Stat Neighbours", "2024/25", 67.0, f"mean of 3 of 4 {SN25}"),
        ("Region", "2024/25", 60, "Eastshire"),
        ("England", "2024/25", 67, ""),
    ]),
    ("cla_rate_10k", 2025, "median", [
        ("Local Authority", "2024/25", 50, "Alpha"),
        ("Stat Neighbours", "2024/25", 70.0, f"median of 3 of 4 {SN25}"),
        ("Region", "2024/25", 60, "Eastshire"),
        ("England", "2024/25", 67, ""),
    ]),
    # EES has only the England row for 2024.
    ("cla_rate_10k", 2024, "mean", [
        ("Local Authority", "2023/24", None, "Alpha: not published"),
        ("Stat Neighbours", "2023/24", None, f"no neighbour data (0 of 4) {SN21}"),
        ("Region", "2023/24", None, "Eastshire: not published"),
        ("England", "2023/24", 69, ""),
    ]),
    # 2019 is only in LAIT: 802 80, 803 '-', 804 9.37, 805 30 (final beats prov 31) -> mean 119.37/3.
    ("cla_rate_10k", 2019, "mean", [
        ("Local Authority", "2018/19", 60, "Alpha"),
        ("Stat Neighbours", "2018/19", 119.37 / 3, f"mean of 3 of 4 {SN21}"),
        ("Region", "2018/19", 55, "Eastshire"),
        ("England", "2018/19", 66, ""),
    ]),
    ("cla_rate_10k", 2018, "mean", [
        ("Local Authority", "2017/18", None, "not published"),
        ("Stat Neighbours", "2017/18", None, "not published"),
        ("Region", "2017/18", None, "not published"),
        ("England", "2017/18", None, "not published"),
    ]),
    # LAIT "not in touch" 4 becomes 96 in touch; England's suppressed cell stays suppressed.
    ("cl_in_touch_pct_19_21", None, "mean", [
        ("Local Authority", "2024/25", 96, "Alpha"),
        ("Stat Neighbours", "2024/25", None, f"no neighbour data (0 of 4) {SN25}"),
        ("Region", "2024/25", None, "Eastshire: not published"),
        ("England", "2024/25", None, "suppressed"),
    ]),
])
def test_benchmark_rows(mini_published, indicator, year, method, expected):
    assert_rows(mini_published.benchmark_rows(indicator, "801", year, method), expected)


def test_la_without_neighbours_says_so(mini_published):
    rows = mini_published.benchmark_rows("cla_rate_10k", "803")
    assert rows[1].value is None and rows[1].note == "no neighbours in the 2025 SN model"


@pytest.mark.parametrize("area, year, source, value, reason", [
    ("802", 2025, None, None, "suppressed"),
    ("803", 2025, "ees", 70, ""),
    ("801", 2019, None, 60, ""),
    ("801", 2019, "lait", 60, ""),
    ("801", 2019, "ees", None, "not published"),
    ("E12000006", 2025, None, 60, ""),
    ("E92000001", 2019, "lait", 66, ""),
])
def test_figure(mini_published, area, year, source, value, reason):
    figure = mini_published.figure("cla_rate_10k", area, year, source)
    assert (figure.value, figure.reason) == (value, reason)


def test_figure_rejects_a_source_the_indicator_lacks(mini_published):
    with pytest.raises(KeyError, match="no 'ees' source"):
        mini_published.figure("cl_in_touch_pct_19_21", "801", 2025, "ees")


def test_unknown_indicator_is_named(mini_published):
    with pytest.raises(KeyError, match="no_such_kpi"):
        mini_published.benchmark_rows("no_such_kpi", "801")


@pytest.mark.parametrize("indicator, year, text", [
    ("cla_rate_10k", None,
     "DfE Children looked after in England, EES file cla_number_and_rate_per_10k_children, year ending 31 March 2025."),
    ("cla_rate_10k", 2019, "DfE LAIT measure LAC, year ending 31 March 2019."),
    ("cl_in_touch_pct_19_21", None, "DfE LAIT measure CareLeavers_LA_NotInTouch, year ending 31 March 2025. 100 minus"),
])
def test_benchmark_source(mini_published, indicator, year, text):
    assert mini_published.benchmark_source(indicator, year).startswith(text)


@pytest.mark.parametrize("area, mid_year, value", [
    ("801", 2024, 10500), ("801", 2023, 10000), ("801", 2022, None), ("806", 2024, None),
    ("E92000001", 2024, 12183016),
])
def test_population(mini_published, area, mid_year, value):
    assert mini_published.population(area, mid_year) == value


@pytest.mark.parametrize("area, year_ending, value, mid_year, note", [
    ("801", 2025, 10500, 2024, ""),
    ("801", 2024, 10000, 2023, ""),
    ("801", 2026, 10500, 2024, "mid-2025 estimate not published; used mid-2024"),
    ("801", 2027, 10500, 2024, "mid-2026 estimate not published; used mid-2024"),
    ("801", 2023, None, None, "no mid-2022 estimate for area 801"),
    ("806", 2025, None, 2024, "mid-2024 estimate not available"),
    ("807", 2025, None, None, "no population estimate for area 807"),
])
def test_population_for_year_ending(mini_published, area, year_ending, value, mid_year, note):
    estimate = mini_published.population_for_year_ending(area, year_ending)
    assert (estimate.value, estimate.mid_year, estimate.note) == (value, mid_year, note)


def test_la_directory(mini_published):
    assert mini_published.la_codes() == ["801", "802", "803", "804", "805"]
    assert mini_published.la_codes(current_only=False)[-1] == "809"
    assert mini_published.la_name("801") == "Alpha"
    with pytest.raises(KeyError, match="LA 999"):
        mini_published.la_name("999")


def test_missing_folder_and_missing_file(tmp_path):
    with pytest.raises(PublishedDataError, match="benchmarks folder not found"):
        load_published(tmp_path / "nowhere")
    folder = write_mini_folder(tmp_path / "bench")
    (folder / LAIT_FILE).unlink()
    with pytest.raises(PublishedDataError, match=f"missing published file\\(s\\): {LAIT_FILE}"):
        load_published(folder)


def test_no_folder_gives_the_plain_sentence(tmp_path):
    assert load_published_or_note(None) == (None, NOT_LOADED)
    published, note = load_published_or_note(tmp_path / "nowhere")
    assert published is None and note.startswith("Benchmarks are not loaded.")


def test_importing_careboard_reads_no_benchmarks():
    import subprocess
    import sys

    code = "import careboard.published, careboard.judge, sys; print('duckdb' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
