"""Council files: the shipped demo and example load; every kind of mistake is named by file and key."""

from datetime import date
from pathlib import Path

import pytest

from careboard.judge import CouncilConfigError, load_council_config
from careboard.synth.demo import DEMO_COUNCIL
from tests.published_helpers import mini_published  # noqa: F401  (fixture)

COUNCILS = Path(__file__).parents[1] / "councils"


@pytest.fixture(scope="module")
def demo():
    return load_council_config(DEMO_COUNCIL)


@pytest.mark.parametrize("indicator, as_at, target", [
    ("placements_3plus_pct", date(2025, 1, 31), 6.0),
    ("long_term_stability_pct", date(2019, 1, 31), 69.1),
    ("cla_count", date(2026, 3, 31), 400.0),     # 2025/26 has its own target
    ("cla_count", date(2025, 4, 1), 400.0),
    ("cla_count", date(2025, 3, 31), 370.0),     # 2024/25 falls back to the default
    ("adopt_a2_days", date(2019, 1, 31), 120.0),
    ("sdq_mean", date(2025, 1, 31), None),       # no target set
])
def test_demo_targets(demo, indicator, as_at, target):
    assert demo.target_for(indicator, as_at) == target


def test_demo_council_settings(demo):
    assert (demo.name, demo.la_code, demo.sn_method) == ("Demo Council", "874", "mean")
    assert demo.amber_for("placements_3plus_pct", "%") == 2.0
    assert demo.amber_for("cla_rate_10k", "rate") == 5.0
    assert demo.polarity_for("cla_count", None) == "low"
    assert demo.polarity_for("placements_3plus_pct", "low") == "low"
    assert demo.polarity_for("sdq_mean", None) is None


def test_example_overrides_amber_and_years():
    example = load_council_config(COUNCILS / "example.toml")
    assert example.amber_for("health_assessment_pct", "%") == 3.0
    assert example.amber_for("placements_3plus_pct", "%") == 2.0
    assert example.target_for("cla_rate_10k", date(2026, 1, 31)) == 72.0
    assert example.target_for("cla_rate_10k", date(2025, 1, 31)) == 74.0


GOOD_COUNCIL = '[council]\nname = "X"\nla_code = "874"\n'


@pytest.mark.parametrize("text, message", [
    ('[amber]\n"%" = 2\n', "council: missing [council] table"),
    ('[council]\nname = "X"\n', "council.la_code: missing"),
    ('[council]\nname = "X"\nla_code = "87"\n', "council.la_code: must be a 3-digit"),
    ('[council]\nname = ""\nla_code = "874"\n', "council.name: expected text"),
    (GOOD_COUNCIL + 'sn_method = "mode"\n', "council.sn_method: must be one of 'mean', 'median'"),
    (GOOD_COUNCIL + 'colour = "red"\n', "council.colour: unknown key"),
    (GOOD_COUNCIL + '[amber]\npercent = 2\n', "amber.percent: unknown key"),
    (GOOD_COUNCIL + '[amber]\n"%" = -1\n', "amber.%: must be at least 0"),
    (GOOD_COUNCIL + '[tagrets.x]\ntarget = 1\n', "tagrets: unknown key"),
    (GOOD_COUNCIL + '[targets.sdq_mean]\ntarget = "six"\n', "targets.sdq_mean.target: expected a number, got 'six'"),
    (GOOD_COUNCIL + '[targets.sdq_mean]\ntarget = true\n', "targets.sdq_mean.target: expected a number"),
    (GOOD_COUNCIL + '[targets.sdq_mean]\namber = 1\n', "targets.sdq_mean: needs 'target' or a [years] table"),
    (GOOD_COUNCIL + '[targets.sdq_mean]\ntarget = 1\ntolerance = 2\n', "targets.sdq_mean.tolerance: unknown key"),
    (GOOD_COUNCIL + '[targets.sdq_mean]\ntarget = 1\npolarity = "up"\n', "targets.sdq_mean.polarity: must be one of"),
    (GOOD_COUNCIL + '[targets.sdq_mean]\ntarget = 1\namber = -2\n', "targets.sdq_mean.amber: must be at least 0"),
    # A figure shown for context has no good direction to rate a target by: the file says which.
    (GOOD_COUNCIL + '[targets.missing_child_pct]\ntarget = 10\n',
     'targets.missing_child_pct: Children in care who went missing is shown for context, with no direction that is '
     'good: add polarity = "high" or "low"'),
    # No figure is below 0, and no percentage above 100.
    (GOOD_COUNCIL + '[targets.placements_3plus_pct]\ntarget = 900\n',
     "targets.placements_3plus_pct.target: must be between 0 and 100 (a percentage), got 900"),
    (GOOD_COUNCIL + '[targets.placements_3plus_pct.years]\n"2024/25" = -1\n',
     'targets.placements_3plus_pct.years."2024/25": must be between 0 and 100 (a percentage), got -1'),
    (GOOD_COUNCIL + '[targets.cla_count]\ntarget = -5\n', "targets.cla_count.target: must be at least 0, got -5"),
    (GOOD_COUNCIL + '[targets.Bad-Id]\ntarget = 1\n', "targets.Bad-Id: indicator ids are lower-case"),
    (GOOD_COUNCIL + '[targets.sdq_mean.years]\n"2024-25" = 1\n', 'targets.sdq_mean.years."2024-25": financial years'),
    (GOOD_COUNCIL + '[targets.sdq_mean.years]\n"2024/26" = 1\n', 'targets.sdq_mean.years."2024/26": financial years'),
    (GOOD_COUNCIL + '[targets.sdq_mean.years]\n"2024/25" = "a"\n', 'targets.sdq_mean.years."2024/25": expected a number'),
    (GOOD_COUNCIL + "[targets\n", "line 4"),
    # TOML it cannot read: the line, as written, and how settings are written
    (GOOD_COUNCIL + "[targets.sdq_mean]\ntarget = \n", ", line 5: Invalid value in 'target =': each setting is name = value"),
    (GOOD_COUNCIL + "[targets.sdq_mean]\ntarget = 95%\n", "in 'target = 95%': each setting is name = value, with text in "
                                                          "double quotes and numbers bare (target = 72.5)"),
    (GOOD_COUNCIL + '[targets.sdq_mean]\ntarget = "95%"\n', "expected a number, got '95%': write it bare, target = 95"),
    (GOOD_COUNCIL + '[targets.sdq_mean]\ntarget = " 6.5"\n', "expected a number, got ' 6.5': write it bare, target = 6.5"),
    # misspellings get the nearest match
    (GOOD_COUNCIL + "[targets.placement_3plus_pct]\ntarget = 6\n",
     "targets.placement_3plus_pct: careboard has no indicator 'placement_3plus_pct' "
     "(did you mean 'placements_3plus_pct'"),
    (GOOD_COUNCIL + "[targets.visits_in_time_pct]\ntarget = 98\n", "careboard has no indicator 'visits_in_time_pct'"),
    (GOOD_COUNCIL + "[targets.Placements_3plus_pct]\ntarget = 6\n", "(did you mean 'placements_3plus_pct'?)"),
    ('[council]\nname = "X"\nla_cod = "874"\n', "council.la_cod: unknown key (did you mean 'la_code'?)"),
    (GOOD_COUNCIL + '[tagrets.sdq_mean]\ntarget = 1\n', "tagrets: unknown key (did you mean 'targets'?)"),
    (GOOD_COUNCIL + '[amber]\ncounts = 2\n', "amber.counts: unknown key (did you mean 'count'?)"),
    ('[council]\nname = "X"\n', "council.la_code: missing: the council's 3-digit DfE LA number"),
    ('[council]\nname = "X"\nla_code = "E06000031"\n', "council.la_code: E06000031 is a GSS code"),
    (GOOD_COUNCIL + 'gss_code = "874"\n', "council.gss_code: must be an English GSS code"),
    (GOOD_COUNCIL + 'neighbours = "879"\n', "council.neighbours: expected a list of DfE LA numbers"),
    (GOOD_COUNCIL + 'neighbours = ["879", "Plymouth"]\n', "council.neighbours[2]: must be a 3-digit"),
    # England's figure for an indicator the published files do not carry
    (GOOD_COUNCIL + '[comparators.adopter_aproval_days]\nengland = 266\n',
     "comparators.adopter_aproval_days: careboard has no indicator 'adopter_aproval_days' (did you mean 'adopter_approval_days'"),
    (GOOD_COUNCIL + '[comparators.adopter_approval_days]\nengland = 266\nyear = "2021/22"\n',
     "comparators.adopter_approval_days.source: missing: England's figure needs its value, year and source"),
    (GOOD_COUNCIL + '[comparators.adopter_approval_days]\nengland = 266\nyear = 2022\nsource = "ASGLB"\n',
     'comparators.adopter_approval_days.year: financial years are written in quotes, like "2021/22"'),
    (GOOD_COUNCIL + '[comparators.adopter_approval_days]\nengland = 266\nyear = "2021-22"\nsource = "ASGLB"\n',
     'comparators.adopter_approval_days."2021-22": financial years'),
    (GOOD_COUNCIL + '[comparators.adopter_approval_days]\nengland = "266 days"\nyear = "2021/22"\nsource = "ASGLB"\n',
     "comparators.adopter_approval_days.england: expected a number"),
    (GOOD_COUNCIL + '[comparators.adopter_approval_days]\nengland = 266\nyear = "2021/22"\nsource = "ASGLB"\nregion = 1\n',
     "comparators.adopter_approval_days.region: unknown key"),
    (GOOD_COUNCIL + '[comparators.adopters_approved_count]\nengland = 3000\nyear = "2021/22"\nsource = "ASGLB"\n',
     "comparators.adopters_approved_count: England's count says nothing about one council's"),
])
def test_bad_council_files_are_named(tmp_path, text, message):
    path = tmp_path / "council.toml"
    path.write_text(text)
    with pytest.raises(CouncilConfigError) as caught:
        load_council_config(path)
    assert str(caught.value).startswith((f"{path}: ", f"{path}, line "))
    assert message in str(caught.value)


def test_missing_council_file(tmp_path):
    with pytest.raises(CouncilConfigError, match="council file not found"):
        load_council_config(tmp_path / "none.toml")


def test_a_folder_or_a_document_given_as_the_council_file_says_so(tmp_path):
    with pytest.raises(CouncilConfigError, match="is a folder; give the council file itself"):
        load_council_config(tmp_path)
    (tmp_path / "c.docx").write_bytes(b"PK\x03\x04" + bytes(64))
    with pytest.raises(CouncilConfigError, match="is a Word document .*, not a text file: a council file is text"):
        load_council_config(tmp_path / "c.docx")


@pytest.mark.parametrize("saved_as", [
    lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),   # Notepad's "UTF-8 with BOM"
    lambda text: text.encode("utf-16"),                     # "Unicode"
    lambda text: text.encode("cp1252"),                     # "ANSI"
], ids=["utf-8 with its mark", "utf-16", "windows code page"])
def test_a_council_file_in_any_of_notepads_encodings_is_read(tmp_path, saved_as):
    path = tmp_path / "c.toml"
    path.write_bytes(saved_as(GOOD_COUNCIL.replace('name = "X"', 'name = "Café – Council"')))
    assert load_council_config(path).name == "Café – Council"


def test_minimal_council_has_no_targets(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(GOOD_COUNCIL)
    config = load_council_config(path)
    assert config.targets == {} and config.amber_defaults == {} and config.sn_method == "mean"
    assert config.target_for("cla_count", date(2025, 1, 1)) is None
    assert config.amber_for("cla_count", "count") is None


def test_a_council_file_error_is_one_line_and_exit_2(tmp_path, capsys):
    """The command line prints a council file's mistake on one line, with no traceback."""
    from careboard.cli import main
    from careboard.store import open_store

    open_store(tmp_path / "s.duckdb").close()
    council = tmp_path / "c.toml"
    council.write_text('[council]\nname = "Eastshire"\n')
    assert main(["report", "--db", str(tmp_path / "s.duckdb"), "--council", str(council), "--no-pdf",
                 "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "council.la_code: missing" in err and "Traceback" not in err


# Checked against the hand-made published world of tests/published_helpers.py: LAs 801-805 in
# region E12000006 "Eastshire", 809 a former LA.
CHECKED = '[council]\nname = "Alpha Council"\nla_code = "801"\n'


@pytest.mark.parametrize("text, message", [
    ('[council]\nname = "X"\nla_code = "999"\n', "council.la_code: 999 is not an English LA in the published"),
    (CHECKED + 'region = "Westshire"\n', "council.region: 'Westshire' is not the region of Alpha, which is 'Eastshire'"),
    (CHECKED + 'neighbours = ["802", "998", "997"]\n', "council.neighbours: 998, 997 are no English LA numbers in the published figures"),
])
def test_council_checked_against_published_figures(tmp_path, mini_published, text, message):
    from careboard.judge.council import check_against_published

    path = tmp_path / "council.toml"
    path.write_text(text)
    with pytest.raises(CouncilConfigError) as caught:
        check_against_published(load_council_config(path), mini_published)
    assert str(caught.value).startswith(f"{path}: ") and message in str(caught.value)


def test_a_matching_council_passes_the_check(tmp_path, mini_published):
    from careboard.judge.council import check_against_published

    path = tmp_path / "council.toml"
    path.write_text(CHECKED + 'region = "EASTSHIRE"\nneighbours = ["803", "802"]\n')
    config = load_council_config(path)
    check_against_published(config, mini_published)
    assert config.neighbours == ("803", "802") and config.region == "EASTSHIRE"

    path.write_text('[council]\nname = "Formershire"\nla_code = "809"\n')   # a former LA: its old years
    check_against_published(load_council_config(path), mini_published)


def test_the_example_names_every_section_a_council_can_choose():
    # The example's comment is written by hand: a section added to the indicators must be added to it too.
    import re

    from careboard.indicators.registry import INDICATORS

    text = (COUNCILS / "example.toml").read_text(encoding="utf-8")
    comment = text[text.index("#   sections"):text.index("#   indicators")]
    named = re.findall(r'"([^"]+)"', comment)
    assert named == list(dict.fromkeys(ind.group for ind in INDICATORS))


COMPARATOR = '[comparators.adopter_approval_days]\nengland = 266\nyear = "2021/22"\nsource = "ASGLB, 2021/22"\n'


def test_a_comparator_is_read_with_its_year_and_source(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(GOOD_COUNCIL + COMPARATOR)
    (comparator,) = load_council_config(path).comparators.values()
    assert (comparator.indicator_id, comparator.england, comparator.year_ending, comparator.source) == \
        ("adopter_approval_days", 266.0, 2022, "ASGLB, 2021/22")


def test_a_comparator_for_an_indicator_with_published_figures_is_refused(tmp_path):
    from careboard.judge.council import check_against_published
    from careboard.published.published import load_published_or_note
    from careboard.published.location import data_folder

    published, _ = load_published_or_note(data_folder(None).path)
    path = tmp_path / "c.toml"
    path.write_text(GOOD_COUNCIL + COMPARATOR.replace("adopter_approval_days", "cla_rate_10k"))
    with pytest.raises(CouncilConfigError, match="comparators.cla_rate_10k: careboard reads England's figure"):
        check_against_published(load_council_config(path), published)
    path.write_text(GOOD_COUNCIL + COMPARATOR)
    check_against_published(load_council_config(path), published)      # no published figure: kept
