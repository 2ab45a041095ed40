"""Every mapping in measures.toml checked against the real DfE/ONS files in ../shared/benchmarks.

Expected figures are the England 2025 values quoted in shared/reference/indicators.md and
benchmarks.md; the whole module skips when the folder is absent.
"""

import pytest

from careboard.published.areas import ENGLAND
from tests.published_helpers import assert_rows, real_published  # noqa: F401

# (indicator, source, year ending March, England value)
ENGLAND_FIGURES = [
    ("cla_count", "ees", 2025, 81770), ("cla_count", "lait", 2025, 81770),
    ("cla_rate_10k", "ees", 2025, 67), ("cla_rate_10k", "lait", 2025, 67),
    ("starts_count", "ees", 2025, 32270), ("starts_count", "lait", 2025, 32270),
    ("starts_rate_10k", "ees", 2025, 26), ("starts_rate_10k", "lait", 2025, 26),
    ("ceased_count", "ees", 2025, 34450), ("ceased_count", "lait", 2025, 34450),
    ("ceased_rate_10k", "ees", 2025, 28), ("ceased_rate_10k", "lait", 2025, 28),
    ("placements_3plus_pct", "ees", 2025, 10), ("placements_3plus_pct", "lait", 2025, 10),
    ("placements_3plus_2yr_pct", "ees", 2025, 23), ("placements_3plus_2yr_pct", "ees", 2024, 23),
    ("long_term_stability_pct", "ees", 2025, 69), ("long_term_stability_pct", "lait", 2025, 69),
    ("missing_child_pct", "lait", 2025, 11),
    ("away_child_pct", "lait", 2025, 3),
    ("health_assessment_pct", "ees", 2025, 90), ("health_assessment_pct", "lait", 2025, 90),
    ("immunisations_pct", "ees", 2025, 84), ("immunisations_pct", "lait", 2025, 84),
    ("dental_check_pct", "ees", 2025, 81), ("dental_check_pct", "lait", 2025, 81),
    ("development_check_pct", "ees", 2025, 88),
    ("convicted_pct", "ees", 2025, 2), ("convicted_pct", "lait", 2025, 2),
    ("sdq_received_pct", "ees", 2025, 78),
    ("sdq_mean", "ees", 2025, 14.9), ("sdq_mean", "lait", 2025, 14.9),
    ("sdq_concern_pct", "ees", 2025, 42),
    ("sdq_borderline_pct", "ees", 2025, 13),
    ("sdq_normal_pct", "ees", 2025, 45),
    ("substance_misuse_pct", "ees", 2025, 3), ("substance_misuse_pct", "lait", 2025, 3),
    ("substance_intervention_pct", "ees", 2025, 41),
    ("substance_refused_pct", "ees", 2025, 44),
    ("adopted_count", "lait", 2025, 3040),
    ("ceased_adopted_pct", "lait", 2025, 9),
    ("cl_eet_pct_17_18", "ees", 2025, 64),
    ("cl_eet_pct_19_21", "ees", 2025, 54), ("cl_eet_pct_19_21", "lait", 2025, 54),
    ("cl_neet_pct_17_18", "ees", 2025, 30),
    ("cl_neet_pct_19_21", "ees", 2025, 40), ("cl_neet_pct_19_21", "lait", 2025, 40),
    ("cl_activity_unknown_pct_17_18", "ees", 2025, 6),
    ("cl_activity_unknown_pct_19_21", "ees", 2025, 6),
    ("cl_higher_education_pct_19_21", "ees", 2025, 6), ("cl_higher_education_pct_19_21", "lait", 2025, 6),
    ("cl_suitable_accom_pct_17_18", "ees", 2025, 91),
    ("cl_suitable_accom_pct_19_21", "ees", 2025, 89), ("cl_suitable_accom_pct_19_21", "lait", 2025, 89),
    ("cl_unsuitable_accom_pct_17_18", "ees", 2025, 3),
    ("cl_unsuitable_accom_pct_19_21", "ees", 2025, 5),
    ("cl_in_touch_pct_19_21", "lait", 2025, 96),   # 100 minus "not in touch" 4%
    ("cl_staying_put_pct", "lait", 2025, 33),
    ("uasc_count", "lait", 2025, 6540),
    ("foster_placement_pct", "lait", 2025, 67),
    ("placed_far_out_pct", "lait", 2025, 18),
    ("ceased_sgo_pct", "lait", 2025, 12),
    ("sw_changes_3plus_pct", "lait", 2024, 27),
]


def test_every_mapped_source_is_checked(real_published):
    checked = {(indicator, source) for indicator, source, _, _ in ENGLAND_FIGURES}
    measures = real_published.measures
    mapped = {(i, "ees") for i, m in measures.items() if m.ees} | {(i, "lait") for i, m in measures.items() if m.lait}
    assert mapped == checked


@pytest.mark.parametrize("indicator, source, year, value", ENGLAND_FIGURES)
def test_england_figure(real_published, indicator, source, year, value):
    assert real_published.figure(indicator, ENGLAND, year, source).value == pytest.approx(value)


@pytest.mark.parametrize("method, sn_value, sn_note", [
    ("mean", 75.3, "mean of 10 of 10 (2025 SN model)"),
    ("median", 79.5, "median of 10 of 10 (2025 SN model)"),
])
def test_peterborough_cla_rate_worked_example(real_published, method, sn_value, sn_note):
    assert_rows(real_published.benchmark_rows("cla_rate_10k", "874", sn_method=method), [
        ("Local Authority", "2024/25", 72, "Peterborough"),
        ("Stat Neighbours", "2024/25", sn_value, sn_note),
        ("Region", "2024/25", 49, "East of England"),
        ("England", "2024/25", 67, ""),
    ])


def test_peterborough_2025_neighbours(real_published):
    # Coventry, Derby, Hillingdon, Bolton, Southampton, Walsall, Luton, Rochdale, Wolverhampton, Thurrock
    assert real_published.files.neighbours(2025)["874"] == [
        "331", "831", "312", "350", "852", "335", "821", "354", "336", "883"]


def test_london_borough_compares_with_its_half_of_london(real_published):
    region = real_published.benchmark_rows("cla_rate_10k", "202")[2]   # Camden
    assert region.note == "Inner London" and region.value is not None


def test_older_year_comes_from_lait_with_the_2021_model(real_published):
    rows = real_published.benchmark_rows("cla_rate_10k", "874", 2019)
    assert rows[0].value is not None and rows[3].value == 66
    assert rows[1].note.endswith("(2021 SN model)")
    assert real_published.benchmark_source("cla_rate_10k", 2019).startswith("DfE LAIT measure LAC")


def test_population_follows_the_dfe_rule(real_published):
    assert real_published.population("E92000001", 2024) == 12_183_016
    estimate = real_published.population_for_year_ending("874", 2025)
    assert (estimate.value, estimate.mid_year, estimate.note) == (57_621, 2024, "")


def test_published_rates_recompute_from_the_mid_year_before(real_published):
    """Every 2025 LA rate equals its count over the mid-2024 population (rounded half up)."""
    mismatches = []
    for code in real_published.la_codes():
        count = real_published.figure("cla_count", code, 2025).value
        rate = real_published.figure("cla_rate_10k", code, 2025).value
        population = real_published.population_for_year_ending(code, 2025).value
        if count is None or rate is None:
            continue
        if int(count / population * 10_000 + 0.5) != rate:
            mismatches.append(code)
    assert mismatches == []


def test_la_directory(real_published):
    codes = real_published.la_codes()
    assert len(codes) == 153 and "874" in codes and "909" not in codes
    assert {"909", "928"} <= set(real_published.la_codes(current_only=False))
    assert real_published.la_name("874") == "Peterborough"
