"""Cells, year labels, LA codes, neighbour aggregates and the measure map, on hand-made inputs."""

from pathlib import Path

import pytest

from careboard.published.areas import lait_area_key, normalise_la_code, parse_lait_year
from careboard.published.figures import parse_figure
from careboard.published.measures import MEASURES_FILE, MeasureMapError, load_measures
from careboard.published.neighbours import aggregate_neighbours, sn_model_for_year


@pytest.mark.parametrize("text, value, reason", [
    ("67", 67.0, ""),
    (" 14.9 ", 14.9, ""),
    ("9.3699999999999992", 9.37, ""),
    ("7.0000000000000007E-2", 0.07, ""),
    ("c", None, "suppressed"),
    ("z", None, "not applicable"),
    ("x", None, "not available"),
    ("k", None, "under 0.5%"),
    ("-", None, "missing"),
    ("", None, "not published"),
    (None, None, "not published"),
    ("low", None, "unrecognised value 'low'"),
])
def test_parse_figure(text, value, reason):
    figure = parse_figure(text)
    assert (figure.value, figure.reason) == (value, reason)


@pytest.mark.parametrize("label, expected", [
    ("2025", (2025, 2)),
    ("2024-25", (2025, 2)),
    ("2023/24", (2024, 2)),
    ("1999-00", (2000, 2)),
    ("2019-21", (2021, 2)),
    ("2019/20-21/22", (2022, 2)),
    ("2020 (Final)", (2020, 0)),
    ("2018 (Rev)", (2018, 1)),
    ("2016-17 (OT)", (2017, 3)),
    ("2025 (prov)", (2025, 4)),
    ("0", None),
    ("2025 (draft)", None),
    ("", None),
])
def test_parse_lait_year(label, expected):
    assert parse_lait_year(label) == expected


@pytest.mark.parametrize("number, key", [
    (874.0, "874"), (970.0, "E92000001"), (985.0, "E12000006"), (987.0, "E13000001"), (1000.0, None), (None, None),
])
def test_lait_area_key(number, key):
    assert lait_area_key(number) == key


@pytest.mark.parametrize("given", [874, "874", "874.0", " 874 "])
def test_normalise_la_code_accepts(given):
    assert normalise_la_code(given) == "874"


@pytest.mark.parametrize("given", ["87", "E06000031", "abc", ""])
def test_normalise_la_code_rejects(given):
    with pytest.raises(ValueError, match="3-digit DfE LA number"):
        normalise_la_code(given)


@pytest.mark.parametrize("cells, method, value, note", [
    (["82", "88", "41", "78", "90", "81", "58", "102", "73", "60"], "mean", 75.3, "mean of 10 of 10"),
    (["82", "88", "41", "78", "90", "81", "58", "102", "73", "60"], "median", 79.5, "median of 10 of 10"),
    (["10", "c", "20", "-", "60"], "mean", 30.0, "mean of 3 of 5"),
    (["10", "c", "20", "-", "60"], "median", 20.0, "median of 3 of 5"),
    (["c", "z"], "mean", None, "no neighbour data (0 of 2)"),
])
def test_aggregate_neighbours(cells, method, value, note):
    got_value, got_note = aggregate_neighbours([parse_figure(c) for c in cells], method)
    assert got_note == note
    assert got_value == (None if value is None else pytest.approx(value))


def test_aggregate_neighbours_rejects_unknown_method():
    with pytest.raises(ValueError, match="sn_method"):
        aggregate_neighbours([], "mode")


@pytest.mark.parametrize("year, model", [(2019, 2021), (2024, 2021), (2025, 2025), (2026, 2025)])
def test_sn_model_for_year(year, model):
    assert sn_model_for_year(year) == model


REQUIRED_IDS = """cla_count cla_rate_10k starts_count starts_rate_10k ceased_count ceased_rate_10k
placements_3plus_pct placements_3plus_2yr_pct long_term_stability_pct health_assessment_pct immunisations_pct
dental_check_pct development_check_pct convicted_pct sdq_received_pct sdq_mean substance_misuse_pct
cl_eet_pct_17_18 cl_eet_pct_19_21 cl_neet_pct_17_18 cl_neet_pct_19_21 cl_suitable_accom_pct_17_18
cl_suitable_accom_pct_19_21 cl_in_touch_pct_19_21 ceased_adopted_pct missing_child_pct away_child_pct
uasc_count""".split()


def test_shipped_measure_map_covers_required_indicators():
    measures = load_measures()
    assert set(REQUIRED_IDS) <= set(measures)
    assert measures["cl_in_touch_pct_19_21"].lait.transform == "complement"
    assert measures["placements_3plus_pct"].ees.filters == {
        "cla_group": "CLA on 31 March",
        "placement_stability": "With 3 or more placements during the year",
    }


@pytest.mark.parametrize("text, message", [
    ("[a]\nnote = 'x'\n", "[a]: needs an [ees] or a [lait] source"),
    ("[a]\ncolour = 'red'\n[a.lait]\nshort_desc = 'LAC'\n", "[a]: unknown key(s) colour"),
    ("[a.lait]\nshort_desc = 'LAC'\ntransform = 'invert'\n", "[a.lait]: transform must be one of"),
    ("[a.ees]\nfile = 'f'\n", "[a.ees]: 'value' is required text"),
    ("[a.ees]\nfile = 'f'\nvalue = 'v'\nfilters.x = 3\n", "[a.ees]: filters must map"),
    ("[a.lait]\nshort_desc = ''\n", "[a.lait]: 'short_desc' is required text"),
    ("[a\n", "line 1"),
])
def test_measure_map_errors_name_file_and_key(tmp_path: Path, text, message):
    path = tmp_path / "measures.toml"
    path.write_text(text)
    with pytest.raises(MeasureMapError) as caught:
        load_measures(path)
    assert str(caught.value).startswith(str(path))
    assert message in str(caught.value)


def test_measure_file_sits_in_the_package():
    assert MEASURES_FILE.name == "measures.toml" and MEASURES_FILE.is_file()
