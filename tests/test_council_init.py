"""`careboard init`: a council file for an LA named by name, DfE number or GSS code, from the shipped data."""

from __future__ import annotations

import tomllib

import pytest

from careboard.cli import main
from careboard.indicators.registry import INDICATORS
from careboard.judge.council import check_against_published, load_council_config
from careboard.published import load_published
from careboard.published.location import SHIPPED

# Peterborough in the DfE's May 2025 model, closest first: Coventry, Derby, Hillingdon, Bolton, Southampton,
# Walsall, Luton, Rochdale, Wolverhampton, Thurrock (benchmarks.md §6).
PETERBOROUGH_NEIGHBOURS = ["331", "831", "312", "350", "852", "335", "821", "354", "336", "883"]


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """A working folder with no ../shared beside it, as on a fresh install."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CAREBOARD_HOME", str(tmp_path / "home"))
    return tmp_path


@pytest.mark.parametrize("la", ["Peterborough", "peterborough", "874", "E06000031", " 874.0 "])
def test_init_writes_the_las_settings(in_tmp, la):
    assert main(["init", "--la", la]) == 0
    path = in_tmp / "peterborough.toml"
    council = tomllib.loads(path.read_text())["council"]
    assert council == {"name": "Peterborough", "la_code": "874", "gss_code": "E06000031",
                       "region": "East of England", "sn_method": "mean", "neighbours": PETERBOROUGH_NEIGHBOURS}
    config = load_council_config(path)        # the file as written loads, with no targets yet
    assert config.targets == {} and config.la_code == "874"
    check_against_published(config, load_published(SHIPPED))


def test_every_indicator_target_is_there_to_fill_in(in_tmp):
    main(["init", "--la", "Kingston upon Thames", "--out", "k.toml"])
    text = (in_tmp / "k.toml").read_text()
    for ind in INDICATORS:
        assert f"\n# [targets.{ind.id}]\n# target = \n" in text, ind.id
    assert "(percentage; low is good)" in text and "(number of children; no good direction: context only)" in text
    assert "# Adopters approved (number of approvals;" in text      # what it counts, not children
    # filling one in is all it takes; a figure shown for context wants its polarity too, ready to uncomment
    filled = text.replace("# [targets.placements_3plus_pct]\n# target = ", "[targets.placements_3plus_pct]\ntarget = 9")
    filled = filled.replace('# [targets.cla_count]\n# target = \n# polarity = "low"',
                            '[targets.cla_count]\ntarget = 300\npolarity = "low"')
    (in_tmp / "k.toml").write_text(filled)
    targets = load_council_config(in_tmp / "k.toml").targets
    assert targets["placements_3plus_pct"].default == 9.0 and targets["cla_count"].polarity == "low"


@pytest.mark.parametrize("la, message", [
    ("Peterbrough", "no English LA is called 'Peterbrough'; did you mean Peterborough (874)?"),
    ("Hull", "did you mean Kingston upon Hull, City of (810)"),
    ("999", "no English LA has the DfE number 999"),
    ("E06099999", "no English LA has the GSS code E06099999"),
    ("909", "Cumbria (909) no longer exists as an LA: since April 2023 it is Cumberland (942) and Westmorland and "
            "Furness (943): give one of them"),
    # A former LA by its name, which is no longer among the current ones the nearest names come from.
    ("Cumbria", "Cumbria (909) no longer exists as an LA: since April 2023"),
    ("northamptonshire", "since April 2021 it is North Northamptonshire (940) and West Northamptonshire (941)"),
    ("E10000021", "Northamptonshire (928) no longer exists"),
    # seen: a county's shire suggested for its region's name, and a name that is a common word refused as none
    ("Yorkshire", "did you mean East Riding of Yorkshire (811) or North Yorkshire (815)?"),
    ("City", "'City' names no council alone: give the council's whole name"),
    # seen: the GSS codes of councils gone before the published figures begin gave an empty message
    ("E06000028", "LA 837 no longer exists as an LA: since April 2019 it is Bournemouth, Christchurch and Poole "
                  "(839): give it"),
    ("835", "LA 835 no longer exists as an LA: since April 2019 it is Dorset (838) and Bournemouth, Christchurch "
            "and Poole (839): give one of them"),
])
def test_init_names_the_nearest_las(in_tmp, capsys, la, message):
    assert main(["init", "--la", la]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not list(in_tmp.glob("*.toml"))


def test_init_does_not_overwrite_without_force(in_tmp, capsys):
    (in_tmp / "mine.toml").write_text("# my targets\n")
    assert main(["init", "--la", "Bristol", "--out", "mine.toml"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert (in_tmp / "mine.toml").read_text() == "# my targets\n"
    assert main(["init", "--la", "Bristol", "--out", "mine.toml", "--force"]) == 0
    assert 'name = "Bristol, City of"' in (in_tmp / "mine.toml").read_text()


def test_former_gss_code_finds_the_la(in_tmp):
    """North Yorkshire's GSS code before it became unitary in 2023 still finds it (DfE number 815)."""
    assert main(["init", "--la", "E10000023", "--output", "ny.toml"]) == 0
    assert load_council_config(in_tmp / "ny.toml").la_code == "815"
