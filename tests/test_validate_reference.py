"""Validating with the optional reference inputs (--urn-list, --postcodes, --la): synthetic returns pass
against the synthetic URN list and postcode lookup, planted errors are found at their rows, missing
inputs are reported as skipped with the option to give, LA codes end up in one form, and `careboard load`
keeps results per set of inputs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from careboard.cli import main
from careboard.errors import InputError
from careboard.store import open_store
from tests.loading import load
from careboard.synth import export, simulate, write_reference
from careboard.synth.errors import NEED_REFERENCE
from careboard.validate.reference_inputs import ReferenceInputs, install_reference
from careboard.validate.registry import RULES
from careboard.validate.runner import active_rules
from careboard.validate.session import validate_paths
from tests.cohort import ep, with_headers, write_returns

REFERENCE_NEEDS = {"urn_list", "postcodes", "council"}
CAUGHT_BY = {"unregistered_urn": {"219", "1008"}, "wrong_placement_postcode": {"221"}}
URN_HEADER = "URN,PLACE_CODES,PROVIDER_CODES,REG_END,POSTCODE,LA\n"
POSTCODE_HEADER = "pcds,oslaua,oseast1m,osnrth1m\n"


def _folder(out: Path, year: int) -> Path:
    return out / f"{year - 1}-{year % 100:02d}"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A small simulated council, its returns to 31 March 2026 and the reference data they imply."""
    timeline = simulate(seed=11, children_in_care=60, years=3, end=date(2026, 3, 31))
    out = tmp_path_factory.mktemp("world")
    export(timeline, date(2026, 3, 31), out / "returns")
    files = write_reference(timeline, out / "reference")
    return timeline, out / "returns", ReferenceInputs(files.urn_list, files.postcodes, timeline.la_code)


def _reference_rules(year: int) -> int:
    """Rules of the year that read reference data (their other needs met: last year is given), less those
    with a fallback variant that runs without it (169's shape check, say)."""
    active = active_rules(RULES, year)
    return (sum(1 for r in active if REFERENCE_NEEDS & set(r.needs))
            - sum(1 for r in active if REFERENCE_NEEDS & set(r.unless)))


def test_clean_synthetic_returns_pass_the_reference_rules(world):
    _, returns, reference = world
    for year in (2025, 2026):
        args = ([_folder(returns, year)], year, [_folder(returns, year - 1)])
        plain, checked = validate_paths(*args), validate_paths(*args, reference=reference)
        found = list(checked.failures)
        assert found == [], [(f.rule, f.row, f.values) for f in found[:5]]
        assert not [n for n in checked.not_run if n.reason.startswith("skipped")]
        # every rule reading reference data ran, where without the inputs each was skipped
        assert checked.rules_run - plain.rules_run == _reference_rules(year) > 10


def test_planted_reference_errors_are_found_at_their_rows(world, tmp_path):
    timeline, _, reference = world
    result = export(timeline, date(2026, 3, 31), tmp_path, errors=sorted(NEED_REFERENCE))
    assert {e.kind for e in result.errors} == NEED_REFERENCE
    for e in result.errors:
        year = int(e.year[:4]) + 1
        last = _folder(tmp_path, year - 1)
        args = ([tmp_path / Path(e.file).parent], year, [last] if last.exists() else None)

        def at_row(outcome, e=e) -> set[str]:
            return {f.rule for f in outcome.failures if (f.table, f.row) == (e.table, e.row)}

        assert at_row(validate_paths(*args, reference=reference)) & CAUGHT_BY[e.kind], e
        assert not at_row(validate_paths(*args)) & CAUGHT_BY[e.kind]          # those rules need the inputs


def test_missing_inputs_are_skipped_with_the_option_that_gives_them(world):
    _, returns, _ = world
    folder = _folder(returns, 2026)
    reasons = {n.rule: n.reason for n in validate_paths([folder], 2026).not_run}
    assert reasons["219"] == "skipped: needs the Ofsted provider URN list (--urn-list)"
    assert reasons["454"] == "skipped: needs a postcode lookup (--postcodes)"
    assert reasons["1015"] == "skipped: needs a postcode lookup (--postcodes), the council's own LA code (--la)"


def test_without_the_council_only_the_rules_comparing_with_it_are_skipped(tmp_path):
    # file names carry no LA number and no --la is given
    paths = write_returns(tmp_path / "in", with_headers({2025: {"episodes": [ep("A", "01/05/2024")]}}))
    urns = tmp_path / "urns.csv"
    urns.write_text(URN_HEADER + "SC111111,U4,PR1,,,874\n")
    outcome = validate_paths(paths, 2025, reference=ReferenceInputs(urn_list=urns))
    skipped = {n.rule: n.reason for n in outcome.not_run if n.reason.startswith("skipped")}
    assert skipped["229"] == "skipped: needs the council's own LA code (--la)"
    assert "219" not in skipped and "1008" not in skipped
    assert any("LA code is not known" in note for note in outcome.notes)


def test_the_validate_command_takes_the_reference_options(world, capsys):
    _, returns, reference = world
    folder = [str(_folder(returns, 2026)), "--last-year", str(_folder(returns, 2025))]
    assert main(["validate", *folder, "-v"]) == 0
    assert "rule 219 skipped: needs the Ofsted provider URN list (--urn-list)" in capsys.readouterr().out
    code = main(["validate", *folder, "-v", "--urn-list", str(reference.urn_list),
                 "--postcodes", str(reference.postcodes), "--la", reference.la])
    out = capsys.readouterr().out
    assert code == 0 and "0 failing rows" in out and " skipped: " not in out


def test_a_bad_reference_file_stops_the_command_naming_file_line_and_field(world, tmp_path, capsys):
    _, returns, _ = world
    bad = tmp_path / "urns.csv"
    bad.write_text(URN_HEADER + "SC1,K2,PR1,,PE1 1AA,874\nSC2,K2,PR1,2024/13/01,PE1 1AA,874\n")
    assert main(["validate", str(_folder(returns, 2026)), "--urn-list", str(bad)]) == 2
    assert f"careboard: {bad}, line 3: field REG_END: '2024/13/01' is not a date" in capsys.readouterr().err
    assert main(["validate", str(_folder(returns, 2026)), "--urn-list", str(bad), "--la", "Peterborough"]) == 2
    assert "careboard: --la: 'Peterborough' is not an LA code (a DfE number such as 874" in capsys.readouterr().err


@pytest.mark.parametrize("la, says", [
    ("E07000011", "'E07000011' is a district's code, and children's services are the county's"),
    ("W06000015", "'W06000015' is not the code of an English LA with children's services"),
    ("999", "'999' is no English LA's DfE number"),
    (" ", "give the council's DfE number (874) or its GSS code (E06000031)"),
])
def test_la_option_is_an_english_la_with_childrens_services(world, la, says, capsys):
    """--la is held to what a URN list's LA column is held to, and refused before anything is read."""
    _, returns, reference = world
    assert main(["validate", str(_folder(returns, 2026)), "--urn-list", str(reference.urn_list), "--la", la]) == 2
    assert f"careboard: --la: {says}" in capsys.readouterr().err


# --- one form of LA code ---------------------------------------------------------------------

def _files(tmp_path: Path, urn_la: str, postcode_la: str) -> ReferenceInputs:
    (tmp_path / "u.csv").write_text(URN_HEADER + f"SC1,K2,PR1,,PE1 1AA,{urn_la}\n")
    (tmp_path / "p.csv").write_text(POSTCODE_HEADER + f"PE1 1AA,{postcode_la},1,2\nCF10 1AA,W06000015,3,4\n")
    return ReferenceInputs(tmp_path / "u.csv", tmp_path / "p.csv")


def _benchmarks(tmp_path: Path) -> Path:
    folder = tmp_path / "benchmarks"
    folder.mkdir()
    (folder / "cla.csv").write_text("time_period,geographic_level,old_la_code,la_name,new_la_code\n"
                                    "2025,Local authority,874,Peterborough,E06000031\n")
    return folder


def _tables(con) -> tuple:
    return tuple(con.execute(f"SELECT la_code FROM {t} ORDER BY 1").fetchall()
                 for t in ("urn_list", "postcode_lookup", "council"))


def test_gss_and_dfe_codes_end_up_as_dfe_numbers(tmp_path):
    con = duckdb.connect()
    inputs = _files(tmp_path, "874", "E06000031")
    done = install_reference(con, ReferenceInputs(inputs.urn_list, inputs.postcodes, "E06000031",
                                                  _benchmarks(tmp_path)), [], 2026)
    assert _tables(con) == ([("874",)], [("874",), ("WAL",)], [("874",)])
    assert done.available == REFERENCE_NEEDS and done.council == "874"


def test_codes_all_in_one_form_need_no_mapping(tmp_path):
    con = duckdb.connect()
    inputs = _files(tmp_path, "E06000031", "E06000031")
    install_reference(con, ReferenceInputs(inputs.urn_list, inputs.postcodes, "E06000031"), [], 2026)
    assert _tables(con) == ([("E06000031",)], [("E06000031",), ("WAL",)], [("E06000031",)])


def test_a_mixture_that_cannot_be_mapped_is_said_plainly(tmp_path):
    inputs = _files(tmp_path, "874", "E06000031")
    with pytest.raises(InputError, match="LA codes come in two forms .* found none in .*; give --benchmarks"):
        install_reference(duckdb.connect(), ReferenceInputs(inputs.urn_list, inputs.postcodes, None,
                                                            tmp_path / "nowhere"), [], 2026)


def test_a_council_from_file_names_that_cannot_be_mapped_is_set_aside(tmp_path):
    con = duckdb.connect()
    inputs = _files(tmp_path, "E06000031", "E06000031")
    done = install_reference(con, inputs, [tmp_path / "874 header 2025-26.csv"], 2026)
    assert done.council is None and "council" not in done.available
    assert any("cannot be matched" in note for note in done.notes)


# --- careboard load: results kept per set of inputs ---------------------------------------------

@pytest.fixture
def small_return(tmp_path) -> tuple[list[Path], ReferenceInputs]:
    paths = write_returns(tmp_path / "in", with_headers({2025: {"episodes": [
        ep("A", "01/05/2024", place="K2", place_provider="PR4", urn="SC111111", pl_post="PE1 1AA"),
        ep("B", "01/05/2024", place="K2", place_provider="PR4", urn="SC999999", pl_post="PE1 1AA")]}}))
    (tmp_path / "u.csv").write_text(URN_HEADER + "SC111111,K2,PR4,,PE1 1AA,874\n")
    return paths, ReferenceInputs(tmp_path / "u.csv", la="874")


def _runs(con) -> list[tuple]:
    return con.execute("SELECT snapshot_id, inputs FROM validation_runs ORDER BY 1").fetchall()


def _failing(con, sid: int, rule: str) -> list[int]:
    return [r for (r,) in con.execute("SELECT row_no FROM validation_failures WHERE snapshot_id = ? AND rule = ?",
                                      [sid, rule]).fetchall()]


def test_load_keeps_results_per_set_of_reference_inputs(small_return, tmp_path, monkeypatch):
    paths, reference = small_return
    con = open_store(tmp_path / "s.duckdb")
    from careboard.validate import session

    runs = []
    real = session.validate_snapshot
    monkeypatch.setattr(session, "validate_snapshot", lambda *a, **k: runs.append(a[1]) or real(*a, **k))

    with_urns = load(con, paths, as_at=date(2025, 4, 30), reference=reference)
    assert _failing(con, with_urns.snapshot_id, "219") == [2]
    (_, key), = _runs(con)
    assert "urn_list=" in key and key.endswith("council=874")
    # the same files without the URN list: validated again, 219 skipped, not the results above reused
    without = load(con, paths, as_at=date(2025, 5, 31))
    assert runs == [with_urns.snapshot_id, without.snapshot_id]
    assert _failing(con, without.snapshot_id, "219") == []
    assert "urn_list=" not in _runs(con)[-1][1]
    # the URN list again: the first results are reused, pointing at this snapshot's files
    again = load(con, paths, as_at=date(2025, 6, 30), reference=reference)
    assert len(runs) == 2 and _failing(con, again.snapshot_id, "219") == [2]
    # a changed URN list is different data: validated again
    reference.urn_list.write_text(URN_HEADER + "SC111111,K2,PR4,,PE1 1AA,874\nSC999999,K2,PR4,,PE1 1AA,874\n")
    changed = load(con, paths, as_at=date(2025, 7, 31), reference=reference)
    assert len(runs) == 3 and _failing(con, changed.snapshot_id, "219") == []


def test_loading_the_same_files_with_reference_data_is_a_new_snapshot(small_return, tmp_path):
    paths, reference = small_return
    con = open_store(":memory:")
    first = load(con, paths, as_at=date(2025, 4, 30))
    second = load(con, paths, as_at=date(2025, 4, 30), reference=reference)
    assert not second.already_loaded and second.snapshot_id != first.snapshot_id
    assert load(con, paths, as_at=date(2025, 4, 30), reference=reference).already_loaded


def test_the_load_command_takes_the_reference_options(small_return, tmp_path, capsys):
    paths, reference = small_return
    db = tmp_path / "cli.duckdb"
    assert main(["load", *map(str, paths), "--db", str(db), "--as-at", "30/04/2025",
                 "--urn-list", str(reference.urn_list), "--la", "874"]) == 0
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM validation_failures WHERE rule = '219'").fetchone()[0] == 1
    assert con.execute("SELECT count(*) FROM validation_not_run WHERE rule = '219'").fetchone()[0] == 0


def test_a_bad_reference_file_leaves_the_store_untouched(small_return, tmp_path):
    paths, reference = small_return
    reference.urn_list.write_text("URN,PLACE_CODES\nSC1,K2\n")
    con = open_store(":memory:")
    with pytest.raises(InputError, match="no PROVIDER_CODES column"):
        load(con, paths, as_at=date(2025, 4, 30), reference=reference)
    assert con.execute("SELECT count(*) FROM snapshots").fetchone()[0] == 0
