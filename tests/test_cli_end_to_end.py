"""Every command and its main options, run as a newcomer would, on stores careboard did not make as well as
on its demo: none may end in a traceback, and each ends with the exit code a user should expect (0 done,
1 done but the data has errors, 2 a mistake in the command or the data).

Stores: an empty one, a small demo, and hand-written returns shaped like a council's own (tests/data/cli:
extra columns, a duplicated child, a blank row, hostile child IDs, a header-only episodes file). Cases that
still fail because of another item of issue 9 are strict xfails naming that item, to be flipped when it lands.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from careboard.cli import build_parser
from careboard.store import open_store
from tests.cli_runs import DATA, assert_clean, run_cli

ROOT = Path(__file__).parents[1]
STORES = ("empty", "demo", "foreign", "no_episodes")


@pytest.fixture(autouse=True)
def _no_debug(monkeypatch):
    monkeypatch.delenv("CAREBOARD_DEBUG", raising=False)
    monkeypatch.delenv("CAREBOARD_DB", raising=False)


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    """`careboard demo` at a tiny size: the command itself under test, and the demo-like store for the rest."""
    out = tmp_path_factory.mktemp("demo")
    return out, run_cli("demo", "--out", str(out), "--children", "20", "--years", "2", "--seed", "5",
                        "--as-at", "30/11/2025", "--no-pdf")


@pytest.fixture(scope="module")
def stores(tmp_path_factory, demo_run) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("stores")
    empty = tmp / "empty.duckdb"
    open_store(empty).close()
    paths = {"empty": empty, "demo": demo_run[0] / "careboard.duckdb"}
    for name in ("foreign", "no_episodes"):
        paths[name] = tmp / f"{name}.duckdb"
        assert_clean(run_cli("load", str(DATA / name), "--db", str(paths[name])), {0})
    return paths


def test_demo_runs_at_a_tiny_size(demo_run):
    out, run = demo_run
    assert_clean(run, {0})
    assert sorted(p.name for p in out.glob("*.html")) == ["committee-report-2025-11-public.html",
                                                           "committee-report-2025-11.html"]


# (argv, exit codes on a store with snapshots); on the empty store every one of these exits 2, except `snapshots`.
STORE_CASES = [
    (["snapshots"], {0}),
    (["indicators"], {0}),
    (["indicators", "--population", "12000"], {0}),
    (["indicators", "--population", "0"], {2}),
    (["indicators", "--output", "{out}/indicators.csv"], {0}),
    (["indicators", "--output", "{out}/new/folder/indicators.xlsx"], {0}),
    (["indicators", "--as-at", "31/03/2019"], {0, 2}),     # before the data: refused (item 2) or empty figures
    (["indicators", "--snapshot", "999"], {2}),
    (["indicators", "--output", "{out}/indicators.txt"], {2}),
    (["children", "cla_count"], {0}),
    (["children", "reviews_on_time_pct"], {0}),
    (["children", "adopt_a1_days", "--as-at", "31/03/2025"], {0, 2}),
    (["children", "cla_cont"], {2}),
    (["children", "placements_3plus_pct", "--snapshot", "999"], {2}),
    (["due"], {0}),
    (["due", "--days", "0"], {0}),
    (["due", "--days", "-5"], {2}),
    (["report", "--no-pdf", "--out", "{out}"], {0}),   # the demo fixture ran the public report already
    (["report", "--no-pdf", "--snapshot", "999", "--out", "{out}"], {2}),
    (["snapshots", "--remove", "999"], {2}),
]


def _args(argv: list[str], out: Path) -> list[str]:
    return [a.replace("{out}", str(out)) for a in argv]


@pytest.mark.parametrize("store", STORES)
@pytest.mark.parametrize("argv, codes", STORE_CASES, ids=[" ".join(a) for a, _ in STORE_CASES])
def test_store_commands(stores, store, argv, codes, tmp_path):
    if store == "empty" and argv != ["snapshots"]:
        codes = {2}
    run = run_cli(*_args(argv, tmp_path), "--db", str(stores[store]))
    assert_clean(run, codes)


def test_misspelt_ids_name_the_nearest(stores):
    run = run_cli("children", "cla_cont", "--db", str(stores["demo"]))
    assert run.err.strip().splitlines() == ["careboard: there is no indicator 'cla_cont'; did you mean 'cla_count' "
                                            "or 'ceased_count' or 'uasc_count'? (careboard indicators lists every id)"]
    run = run_cli("indicators", "--snapshot", "999", "--db", str(stores["demo"]))
    assert run.err.strip() == "careboard: there is no snapshot 999; did you mean 12? (careboard snapshots lists them)"


def test_indicators_table_for_other_tools(stores, tmp_path):
    from careboard.indicators import registry

    run = run_cli("indicators", "--output", str(tmp_path / "i.csv"), "--db", str(stores["demo"]))
    assert_clean(run, {0})
    lines = (tmp_path / "i.csv").read_text().splitlines()
    assert lines[0] == "id,title,period,period_start,period_end,numerator,denominator,value,unit"
    assert [line.split(",")[0] for line in lines[1:]] == [i.id for i in registry.INDICATORS]
    assert lines[1].startswith("cla_count,Number of children in care,November 2025,,30/11/2025,")

    import openpyxl

    run_cli("indicators", "--output", str(tmp_path / "i.xlsx"), "--db", str(stores["demo"]))
    rows = list(openpyxl.load_workbook(tmp_path / "i.xlsx").active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == [i.id for i in registry.INDICATORS]
    assert isinstance(rows[1][5], int) and rows[1][5] == rows[1][7]   # cla_count: the count is the value


def test_empty_cohort_shows_an_honest_empty_value(stores):
    run = run_cli("indicators", "--db", str(stores["no_episodes"]))
    assert_clean(run, {0})
    line = next(x for x in run.out.splitlines() if x.split()[:1] == ["placements_3plus_pct"])
    assert line.split() == ["placements_3plus_pct", "-", "%", "(no", "children", "in", "the", "cohort)"]


LOAD_CASES = [
    pytest.param(["foreign"], {0}, id="extra columns, duplicate child, blank row, hostile ids"),
    pytest.param(["no_episodes"], {0}, id="header-only episodes file"),
    pytest.param(["foreign", "--strict"], {2}, id="strict refuses data errors"),
    pytest.param(["foreign", "--no-validate", "--label", "first try"], {0}, id="no-validate"),
    pytest.param(["foreign", "--as-at", "01/01/2019"], {2}, id="as-at before the year"),
    pytest.param(["nowhere"], {2}, id="missing folder"),
    pytest.param(["old/2017-18", "--year", "2017/18"], {0}, id="2017-18 return with --year"),
    pytest.param(["old"], {0}, id="2017-18 return"),
]


@pytest.mark.parametrize("paths, codes", LOAD_CASES)
def test_load(paths, codes, tmp_path):
    first, *rest = paths
    assert_clean(run_cli("load", str(DATA / first), *rest, "--db", str(tmp_path / "s.duckdb")), codes)


def test_loading_the_same_files_again_changes_nothing(tmp_path):
    db = str(tmp_path / "s.duckdb")
    for _ in range(2):
        assert_clean(run_cli("load", str(DATA / "foreign"), "--db", db), {0})
    assert len(run_cli("snapshots", "--db", db).out.strip().splitlines()) == 2   # the header and one snapshot


VALIDATE_CASES = [
    pytest.param(["foreign"], {1}, id="foreign return"),
    pytest.param(["foreign", "-v", "--output", "{out}/e.csv", "--output", "{out}/new/e.xlsx", "--output", "{out}/e.html"],
                 {1}, id="all outputs"),
    pytest.param(["foreign", "--last-year", "{data}/no_episodes"], {0, 1}, id="last year"),
    pytest.param(["no_episodes"], {0, 1}, id="header-only episodes"),
    pytest.param(["foreign", "--output", "{out}/e.txt"], {2}, id="unknown output suffix"),
    pytest.param(["old"], {0, 1}, id="2017-18 return"),
    pytest.param(["old", "--year", "2017/18"], {0, 1}, id="2017-18 return with --year"),
    pytest.param(["nowhere"], {2}, id="missing folder"),
    pytest.param(["foreign", "--year", "not-a-year"], {2}, id="bad year"),
]


@pytest.mark.parametrize("argv, codes", VALIDATE_CASES)
def test_validate(argv, codes, tmp_path):
    first, *rest = argv
    args = [a.replace("{out}", str(tmp_path)).replace("{data}", str(DATA)) for a in rest]
    assert_clean(run_cli("validate", str(DATA / first), *args), codes)


def test_docs_anywhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)   # not the checkout: there is no docs/ folder here
    assert_clean(run_cli("docs"), {0})
    assert (tmp_path / "docs" / "indicators.md").read_text().startswith("# Indicator catalogue")
    assert (tmp_path / "docs" / "validation-rules.md").stat().st_size > 0
    assert_clean(run_cli("docs", "--output", "a/b/ind.md", "--rules-output", "rules.md"), {0})
    assert (tmp_path / "a" / "b" / "ind.md").exists() and (tmp_path / "rules.md").exists()


@pytest.mark.parametrize("argv", [
    ["indicators"], ["children", "cla_count"], ["due"], ["report", "--no-pdf", "--out", "{out}"]])
def test_return_with_future_dated_rows(argv, tmp_path):
    """Several years in one file, a review dated years ahead, Excel floats and unpadded dates, in '903 2025'."""
    db = str(tmp_path / "s.duckdb")
    assert_clean(run_cli("load", str(DATA / "future"), "--db", db), {0})
    assert_clean(run_cli(*_args(argv, tmp_path), "--db", db), {0})


@pytest.mark.parametrize("argv", [
    pytest.param(["--council", "{out}/nowhere.toml"], id="missing council file"),
    pytest.param(["--council", "{out}/no-la-code.toml"], id="council file without la_code"),
    pytest.param(["--council", "{data}/foreign/2024-25/header.csv"], id="council file that is not TOML"),
])
def test_report_with_a_bad_council_file(stores, argv, tmp_path):
    args = [a.replace("{out}", str(tmp_path)).replace("{data}", str(DATA)) for a in argv]
    demo = (ROOT / "councils" / "demo.toml").read_text(encoding="utf-8")
    (tmp_path / "no-la-code.toml").write_text(demo.replace('la_code = "874"', ""), encoding="utf-8")
    assert_clean(run_cli("report", "--no-pdf", "--out", str(tmp_path), *args, "--db", str(stores["foreign"])), {2})


@pytest.mark.parametrize("argv, codes", [
    pytest.param(["demo", "--years", "1", "--as-at", "30/11/2025"], {2}, id="demo history too short"),
    pytest.param(["demo", "--children", "0"], {2}, id="demo without children"),
    pytest.param([], {2}, id="no command"),
    pytest.param(["frobnicate"], {2}, id="unknown command"),
    pytest.param(["indicators", "--db", "{data}/foreign/2024-25/header.csv"], {2}, id="store that is not a store"),
    pytest.param(["indicators", "--db", "{out}/none.duckdb"], {2}, id="store that does not exist"),
])
def test_usage_mistakes(argv, codes, tmp_path):
    args = [a.replace("{out}", str(tmp_path)).replace("{data}", str(DATA)) for a in argv]
    assert_clean(run_cli(*args), codes)
    assert not (tmp_path / "none.duckdb").exists()


@pytest.mark.parametrize("command", sorted(build_parser()._subparsers._group_actions[0].choices))
def test_help(command):
    run = run_cli(command, "--help")
    assert_clean(run, {0})
    assert run.out.startswith(f"usage: careboard {command}")


def test_internal_error_is_one_line_and_debug_shows_the_traceback(stores, monkeypatch):
    def broken(args):
        raise ZeroDivisionError("a fault in careboard")

    monkeypatch.setattr("careboard.cli.cmd_snapshots", broken)
    run = run_cli("snapshots", "--db", str(stores["demo"]))
    assert run.code == 3 and len(run.err.strip().splitlines()) == 1
    assert run.err.startswith("careboard: internal error (ZeroDivisionError: a fault in careboard)")
    assert "--debug" in run.err
    for argv in (["--debug", "snapshots"], ["snapshots", "--debug"]):
        with pytest.raises(ZeroDivisionError):
            run_cli(*argv, "--db", str(stores["demo"]))
    monkeypatch.setenv("CAREBOARD_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        run_cli("snapshots", "--db", str(stores["demo"]))


def test_public_report_without_benchmarks(stores, tmp_path):
    run = run_cli("report", "--no-pdf", "--public", "--out", str(tmp_path), "--benchmarks", str(tmp_path / "none"),
                  "--db", str(stores["foreign"]))
    assert_clean(run, {0})
    assert [p.name for p in tmp_path.glob("*.html")] == ["committee-report-2025-03-public.html"]


@pytest.mark.parametrize("command", [["children", "cla_count"], ["snapshots"], ["validate", "-v"]])
def test_a_closed_pipe_ends_quietly(stores, command):
    """`careboard children cla_count | head -1`: the reader goes away before careboard has written.
    (validate ends its process at once after writing: the closed pipe must be dealt with before that.)"""
    where = [str(DATA / "foreign")] if command[0] == "validate" else ["--db", str(stores["demo"])]
    proc = subprocess.Popen([sys.executable, "-m", "careboard", *command, *where],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()   # no reader left: careboard's first write to stdout meets a broken pipe
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, err
    assert "Traceback" not in err and "Exception ignored" not in err, err
