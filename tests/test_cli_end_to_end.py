"""Every command and its main options, run as a newcomer would, on stores careboard did not make as well as
on its demo: none may end in a traceback, and each ends with the exit code a user should expect (0 done,
1 done but the data has errors, 2 a mistake in the command or the data).

Stores: an empty one, a small demo, and hand-written returns shaped like a council's own (tests/data/cli:
extra columns, a duplicated child, a blank row, hostile child IDs, a header-only episodes file; a 2017/18
return; another council's files, "350 Episodes 2023-24.csv", holding several years, rows of commas, Excel
floats, unpadded dates, a review dated years ahead and no care leavers; an XML return named "916 SSDA903 2025").
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from careboard.cli import build_parser
from careboard.store import open_store
from careboard.synth.demo import DEMO_COUNCIL
from tests.cli_runs import DATA, assert_clean, run_cli

ROOT = Path(__file__).parents[1]
STORES = ("empty", "demo", "foreign", "no_episodes", "old", "council", "xml")


@pytest.fixture(autouse=True)
def _no_debug(monkeypatch, tmp_path):
    monkeypatch.delenv("CAREBOARD_DEBUG", raising=False)
    monkeypatch.delenv("CAREBOARD_DB", raising=False)
    monkeypatch.setenv("CAREBOARD_HOME", str(tmp_path / "home"))   # no user's own benchmarks copy


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
    for name in ("foreign", "no_episodes", "old", "council", "xml"):
        paths[name] = tmp / f"{name}.duckdb"
        assert_clean(run_cli("load", str(DATA / name), "--db", str(paths[name])), {0})
    return paths


def test_demo_runs_at_a_tiny_size(demo_run):
    out, run = demo_run
    assert_clean(run, {0})
    assert sorted(p.name for p in out.glob("*.html")) == ["committee-report-2025-11-public.html",
                                                           "committee-report-2025-11.html"]


def test_demo_writes_word_and_excel_with_the_htmls_indicators(demo_run):
    from html import unescape

    import docx
    import openpyxl

    out, _ = demo_run
    for suffix in ("", "-public"):
        html = (out / f"committee-report-2025-11{suffix}.html").read_text(encoding="utf-8")
        titles = [re.sub(r"<[^>]+>", "", t) for t in re.findall(r'<h3 id="ind-[^"]+-title">(.*?)</h3>', html)]
        document = docx.Document(str(out / f"committee-report-2025-11{suffix}.docx"))
        scorecard = [row.cells[0].text for row in document.tables[0].rows[1:] if row.cells[1].text != row.cells[0].text]
        book = openpyxl.load_workbook(out / f"committee-report-2025-11{suffix}.xlsx")
        sheet = [row[1] for row in book["Scorecard"].iter_rows(min_row=2, values_only=True)]
        assert len(titles) > 40 and [unescape(t) for t in titles] == scorecard == sheet
        # the same figures, withheld in the same places: the HTML scorecard's values, the Word one's, the Excel "c"s
        values = [unescape(v) for v in re.findall(r'<td class="num value">(.*?)</td>', html)]
        words = [row.cells[2].text for row in document.tables[0].rows[1:] if row.cells[1].text != row.cells[0].text]
        withheld = [row[6] == "c" for row in book["Scorecard"].iter_rows(min_row=2, values_only=True)]
        assert values == words and [v == "c" for v in values] == withheld
        assert ("c" in values) == (suffix == "-public")


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
    (["indicators", "--as-at", "01/01/2030"], {2}),          # after the extract: nothing is known by then
    (["children", "cla_count", "--as-at", "01/01/2030"], {2}),
    (["due", "--as-at", "01/01/2030"], {2}),
    (["indicators", "--as-at", "01/01/2000"], {2}),          # before the earliest return: children who left are in none
    (["children", "cla_count", "--as-at", "01/01/2000"], {2}),
    (["due", "--as-at", "01/01/2000"], {2}),
    (["children", "cla_cont"], {2}),
    (["children", "placements_3plus_pct", "--snapshot", "999"], {2}),
    (["due"], {0}),
    (["due", "--days", "0"], {0}),
    (["due", "--days", "-5"], {2}),
    (["due", "--list", "all", "--output", "{out}/due.xlsx"], {0, 2}),   # 2: a store with no return to draw from
    (["due", "--list", "all"], {2}),                                     # a workbook needs --output FILE.xlsx
    (["report", "--no-pdf", "--out", "{out}"], {0}),   # the demo fixture ran the public report already
    (["report", "--no-pdf", "--snapshot", "999", "--out", "{out}"], {2}),
    (["report", "--no-pdf", "--out", "{out}/report.html"], {2}),      # --out is a folder, not the file
    (["snapshots", "--remove", "999"], {2}),
    (["indicators", "--history", "per-year"], {0}),
    (["indicators", "--history", "every-year"], {2}),
    (["children", "cla_count", "--history", "per-year"], {0}),
    (["due", "--history", "per-year", "--days", "400"], {0}),
    (["report", "--no-pdf", "--history", "per-year", "--out", "{out}/new/folder"], {0}),
    (["findings"], {0}),
    (["findings", "--snapshot", "1"], {0}),
    (["findings", "--snapshot", "999"], {2}),
    (["findings", "--output", "{out}/f.csv", "--output", "{out}/new/f.xlsx", "--output", "{out}/f.html"], {0}),
    (["findings", "--output", "{out}/f.pdf"], {2}),
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


def test_version_says_which_careboard_python_and_duckdb():
    import platform
    import tomllib

    import duckdb

    run = run_cli("--version")
    assert_clean(run, {0})
    version = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())["project"]["version"]
    assert run.out == f"careboard {version} (Python {platform.python_version()}, DuckDB {duckdb.__version__})\n"


def test_careboard_alone_lists_the_commands():
    run = run_cli()
    assert_clean(run, {2})
    assert "validate" in run.err and "check SSDA903 files against the DfE validation rules" in run.err
    assert "the following arguments are required" not in run.err


def test_as_at_after_the_extract_is_refused(stores):
    run = run_cli("due", "--as-at", "01/01/2030", "--db", str(stores["council"]))
    assert run.err == ("careboard: --as-at: 01/01/2030 is after 31/03/2024, the date snapshot 1's data were extracted, "
                       "so they cannot say what happened by then: give a date up to it, or load a later extract\n")
    assert run.out == ""


def test_load_says_what_it_is_doing_as_it_goes(tmp_path):
    """Each step of a load that can take a while at national size says so as it starts (stderr)."""
    run = run_cli("load", str(DATA / "council"), "--db", str(tmp_path / "s.duckdb"))
    assert_clean(run, {0})
    steps = [re.sub(r"^\[ *[0-9.]+s\] ", "", line) for line in run.err.splitlines() if line.startswith("[")]
    assert steps == [f"reading {DATA / 'council'}", "checking and storing 21 rows",
                     "validating 2023/24 against the DfE rules", "validated 2023/24: 269 rules run, 56 failing rows"]


def test_as_at_before_the_earliest_return_is_refused(stores):
    run = run_cli("children", "cla_count", "--as-at", "31/03/2023", "--db", str(stores["council"]))
    assert run.err == ("careboard: --as-at: 31/03/2023 is before 01/04/2023, the start of 2023/24, the earliest year of "
                       "the returns in snapshot 1: they do not hold the children who had left care by then. Give a "
                       "date from it on, or load the earlier years' returns with this one\n")
    assert run.out == ""
    assert_clean(run_cli("children", "cla_count", "--as-at", "01/04/2023", "--db", str(stores["council"])), {0})


def test_misspelt_ids_name_the_nearest(stores):
    run = run_cli("children", "cla_cont", "--db", str(stores["demo"]))
    assert run.err.strip().splitlines() == ["careboard: there is no indicator 'cla_cont'; did you mean 'cla_count', "
                                            "'ceased_count' or 'uasc_count'? (careboard indicators lists every id)"]
    run = run_cli("indicators", "--snapshot", "999", "--db", str(stores["demo"]))
    assert run.err.strip() == "careboard: there is no snapshot 999; did you mean 12? (careboard snapshots lists them)"


def test_indicators_table_for_other_tools(stores, tmp_path):
    from careboard.indicators import registry

    run = run_cli("indicators", "--output", str(tmp_path / "i.csv"), "--db", str(stores["demo"]))
    assert_clean(run, {0})
    lines = (tmp_path / "i.csv").read_text().splitlines()
    assert lines[0] == "id,title,period,period_start,period_end,numerator,denominator,value,unit,note"
    assert [line.split(",")[0] for line in lines[1:]] == [i.id for i in registry.INDICATORS]
    assert lines[1].startswith("cla_count,Number of children in care,November 2025,,30/11/2025,")
    # A figure with no value says why, in the printed table's words.
    printed = {line.split()[0]: line for line in run_cli("indicators", "--db", str(stores["demo"])).out.splitlines()[1:]}
    for row in csv.DictReader(io.StringIO((tmp_path / "i.csv").read_text())):
        assert bool(row["note"]) == (row["value"] == ""), row
        assert row["note"] == "" or f"({row['note']})" in printed[row["id"]]

    import openpyxl

    run_cli("indicators", "--output", str(tmp_path / "i.xlsx"), "--db", str(stores["demo"]))
    rows = list(openpyxl.load_workbook(tmp_path / "i.xlsx").active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == [i.id for i in registry.INDICATORS]
    assert isinstance(rows[1][5], int) and rows[1][5] == rows[1][7]   # cla_count: the count is the value


@pytest.mark.parametrize("store", ["demo", "council"])
def test_the_children_behind_a_figure_written_to_a_file_are_those_printed(stores, tmp_path, store):
    import csv

    import openpyxl

    from careboard.plural import counted

    printed = run_cli("children", "cla_count", "--db", str(stores[store]))
    assert_clean(printed, {0})
    run = run_cli("children", "cla_count", "--db", str(stores[store]), "--output", str(tmp_path / "c.csv"))
    assert_clean(run, {0})
    assert (tmp_path / "c.csv").read_bytes().decode() == printed.out
    rows = list(csv.reader(printed.out.splitlines()))
    assert run.err == f"wrote {tmp_path / 'c.csv'}: {counted(len(rows) - 1, 'row')}\n" and rows[0][-2:] == ["file", "line"]
    assert_clean(run_cli("children", "cla_count", "--db", str(stores[store]), "--output", str(tmp_path / "c.xlsx")), {0})
    sheet = openpyxl.load_workbook(tmp_path / "c.xlsx").active
    assert sheet.title == "cla_count"
    assert [[str(v) for v in r] for r in sheet.iter_rows(values_only=True)] == rows


@pytest.mark.parametrize("indicator, column, values", [
    ("placements_3plus_pct", "counted", {"yes", "no"}),      # in the cohort; counted towards the figure or not
    ("cla_count", "counted", {"yes"}),
    ("sdq_mean", "score", None),                            # an average: each child's own figure, by its unit
    ("reviews_on_time_pct", "rule", {"20 working days from coming into care", "3 months from the first review",
                                     "6 months from the review before", "6 months from the start of the data "
                                     "(care began before it, with no review in it)"}),
])
def test_the_children_behind_a_figure_are_in_words_with_their_file_and_line(stores, indicator, column, values):
    import csv

    run = run_cli("children", indicator, "--db", str(stores["demo"]))
    assert_clean(run, {0})
    rows = list(csv.DictReader(run.out.splitlines()))
    assert rows and column in rows[0] and list(rows[0])[-2:] == ["file", "line"]
    assert not {"num", "file_id", "line_no", "source"} & set(rows[0])
    if values is not None:
        assert {r[column] for r in rows} <= values
    else:
        assert all(float(r[column]) >= 0 for r in rows)
    assert all(r["file"].endswith(".csv") and int(r["line"]) >= 2 for r in rows if r["file"])


def test_every_due_list_is_a_sheet_with_its_short_name(stores, tmp_path):
    import openpyxl

    from careboard.lists import registry

    run = run_cli("due", "--list", "all", "--output", str(tmp_path / "due.xlsx"), "--db", str(stores["demo"]))
    assert_clean(run, {0})
    book = openpyxl.load_workbook(tmp_path / "due.xlsx")
    assert book.sheetnames == ["Summary"] + [unit.sheet for unit in registry.LISTS]
    assert book["Statutory visits"]["A1"].value == "child"
    # the first sheet says what each list holds at which date, as the command line did
    said = [line.split(": ", 1) for line in run.err.splitlines() if ": " in line and not line.startswith("wrote")]
    summary = book["Summary"]
    assert summary["B1"].value.startswith("at ")
    assert [[c.value for c in row] for row in summary.iter_rows(min_row=2)] == said
    # every column wide enough for its header and cells: a date is never ###
    visits = book["Statutory visits"]
    due = next(c for c in visits[1] if c.value == "due_date").column_letter
    assert visits.column_dimensions[due].width >= 12 and visits.column_dimensions["A"].width >= len("child") + 2


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


def test_a_first_load_that_fails_leaves_no_store(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "header.csv").write_text("CHILD;SEX;DOB;ETHNIC;UPN;MOTHER;MC_DOB\nA1;1;01/02/2010;WBRI;;;\n")
    assert_clean(run_cli("load", str(tmp_path / "in"), "--db", str(tmp_path / "s.duckdb")), {2})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]
    # A store that was there before keeps what it had.
    assert_clean(run_cli("load", str(DATA / "council"), "--db", str(tmp_path / "s.duckdb")), {0})
    assert_clean(run_cli("load", str(tmp_path / "in"), "--db", str(tmp_path / "s.duckdb")), {2})
    listed = run_cli("snapshots", "--db", str(tmp_path / "s.duckdb"))
    assert_clean(listed, {0})
    assert "2023-24" in listed.out


def test_snapshots_count_the_errors_findings_lists(stores):
    """The load's errors and the DfE rules' failing rows that are errors, as the load's summary counts them."""
    from careboard.store import open_store
    from careboard.store.findings import snapshot_counts

    listed = run_cli("snapshots", "--db", str(stores["council"]))
    assert_clean(listed, {0})
    head, row = listed.out.splitlines()[:2]
    assert head.split()[-6:] == ["load", "errors", "DfE", "rule", "errors", "loaded"]
    with open_store(stores["council"], read_only=True) as con:
        c = snapshot_counts(con, 1)
    assert row.split()[5:7] == [str(c.finding_errors), str(c.failing_errors)] and c.failing_errors > 0


def test_snapshots_say_when_the_dfe_rules_were_not_run(tmp_path):
    """Seen: "DfE rule errors 0" for a snapshot loaded with --no-validate, which reads as clean."""
    db = str(tmp_path / "s.duckdb")
    assert_clean(run_cli("load", str(DATA / "council"), "--db", db, "--no-validate"), {0})
    listed = run_cli("snapshots", "--db", db)
    assert_clean(listed, {0})
    assert listed.out.splitlines()[1].split()[6:8] == ["not", "run"]


@pytest.mark.parametrize("command", [["load", str(DATA / "council")], ["snapshots"], ["indicators"], ["due"]])
def test_a_data_file_given_as_the_store_is_refused_and_left_alone(tmp_path, command):
    """DuckDB (2.0) opens an existing CSV file as an empty database in memory: a load into it said it had
    loaded the return, and kept nothing."""
    given = DATA / "council" / "SSDA903_2023-24" / "350 Header 2023-24.csv"
    shutil.copy(given, tmp_path / "header.csv")
    run = run_cli(*command, "--db", str(tmp_path / "header.csv"))
    assert_clean(run, {2})
    assert run.err == (f"careboard: {tmp_path / 'header.csv'}: is a file of data (a CSV file, say), not a careboard "
                       f"store: give the store's own file with --db, such as careboard.duckdb\n")
    assert (tmp_path / "header.csv").read_bytes() == given.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["header.csv"]


@pytest.mark.parametrize("folder", ["stores/", "here"])
def test_a_folder_given_as_the_store_is_refused(tmp_path, monkeypatch, folder):
    """A store was made as a file named after the folder ('stores/' made a file 'stores')."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "here").mkdir()
    run = run_cli("load", str(DATA / "council"), "--db", folder)
    assert_clean(run, {2})
    assert f"argument --db: '{folder}' is a folder: give the store's file, such as " in run.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["here"] and not any((tmp_path / "here").iterdir())


def test_a_corrected_extract_loaded_again_says_which_snapshot_is_used(tmp_path):
    folder = tmp_path / "2023-24"
    shutil.copytree(DATA / "council" / "SSDA903_2023-24", folder)
    db = str(tmp_path / "s.duckdb")
    assert_clean(run_cli("load", str(folder), "--db", db), {0})
    episodes = folder / "350 Episodes 2023-24.csv"
    episodes.write_text(episodes.read_text().replace("K04,20/10/2023", "K04,21/10/2023"))
    run = run_cli("load", str(folder), "--db", db)
    assert_clean(run, {0})
    assert run.out.splitlines()[-1] == ("note: snapshot 1 is also as at 31/03/2024: commands use the one loaded last, 2, "
                                        "unless given --snapshot; careboard snapshots --remove 1 removes it")


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
    pytest.param(["council", "--summary", "{out}/new/rules.csv", "-v"], {1}, id="another council's files, summary"),
    pytest.param(["council", "--summary", "{out}/rules.txt"], {2}, id="summary not a CSV"),
    pytest.param(["xml", "--output", "{out}/e.html", "--summary", "{out}/rules.csv"], {1}, id="XML return"),
    # /proc takes no new files, whoever runs the tests (root included).
    *(pytest.param(["foreign", "--output", f"/proc/e{suffix}"], {2}, id=f"a {suffix} that cannot be written",
                   marks=pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs Linux's /proc"))
      for suffix in (".csv", ".xlsx", ".html")),
]


@pytest.mark.parametrize("argv, codes", VALIDATE_CASES)
def test_validate(argv, codes, tmp_path):
    first, *rest = argv
    args = [a.replace("{out}", str(tmp_path)).replace("{data}", str(DATA)) for a in rest]
    assert_clean(run_cli("validate", str(DATA / first), *args), codes)


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs Linux's /proc, which takes no new files")
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_output_that_cannot_be_written_is_named_as_asked_for(suffix):
    # Both are written beside the file asked for and moved there once whole: the message names that file.
    run = run_cli("validate", str(DATA / "foreign"), "--output", f"/proc/e{suffix}")
    assert run.code == 2 and run.err.startswith(f"careboard: /proc/e{suffix}: ") and ".part" not in run.err


def test_docs_anywhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)   # not the checkout: there is no docs/ folder here
    assert_clean(run_cli("docs"), {0})
    assert (tmp_path / "docs" / "indicators.md").read_text().startswith("# Indicator catalogue")
    assert (tmp_path / "docs" / "validation-rules.md").stat().st_size > 0
    assert (tmp_path / "docs" / "lists.md").read_text().startswith("# Operational lists")
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
    demo = DEMO_COUNCIL.read_text(encoding="utf-8")
    (tmp_path / "no-la-code.toml").write_text(demo.replace('la_code = "874"', ""), encoding="utf-8")
    assert_clean(run_cli("report", "--no-pdf", "--out", str(tmp_path), *args, "--db", str(stores["foreign"])), {2})


@pytest.mark.parametrize("argv, codes", [
    pytest.param(["demo", "--years", "1", "--as-at", "30/11/2025", "--out", "{out}/demo"], {2}, id="demo history too short"),
    pytest.param(["demo", "--children", "0", "--out", "{out}/demo"], {2}, id="demo without children"),
    pytest.param([], {2}, id="no command"),
    pytest.param(["frobnicate"], {2}, id="unknown command"),
    pytest.param(["indicators", "--db", "{data}/foreign/2024-25/header.csv"], {2}, id="store that is not a store"),
    pytest.param(["indicators", "--db", "{out}/none.duckdb"], {2}, id="store that does not exist"),
])
def test_usage_mistakes(argv, codes, tmp_path):
    args = [a.replace("{out}", str(tmp_path)).replace("{data}", str(DATA)) for a in argv]
    assert_clean(run_cli(*args), codes)
    assert not (tmp_path / "none.duckdb").exists()


def test_a_demo_refused_for_its_options_leaves_the_last_demo_store(tmp_path):
    (tmp_path / "careboard.duckdb").write_text("the last demo's store")
    assert_clean(run_cli("demo", "--years", "1", "--as-at", "30/11/2025", "--out", str(tmp_path)), {2})
    assert (tmp_path / "careboard.duckdb").read_text() == "the last demo's store"


@pytest.mark.parametrize("argv", [["docs", "--out", "{out}/docs"], ["validate", "{data}/council", "--out", "{out}/e.csv"],
                                  ["indicators", "--snap", "1"]])
def test_options_are_taken_only_in_full(argv, tmp_path):
    # `docs --out FOLDER` was read as --output and wrote the catalogue to a file named FOLDER.
    run = run_cli(*[a.replace("{out}", str(tmp_path)).replace("{data}", str(DATA)) for a in argv])
    assert_clean(run, {2})
    assert "unrecognized arguments" in run.err
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("command", sorted(build_parser()._subparsers._group_actions[0].choices)
                         + ["benchmarks show", "benchmarks update"])
def test_help(command):
    run = run_cli(*command.split(), "--help")
    assert_clean(run, {0})
    assert run.out.startswith(f"usage: careboard {command}")


def _arguments(parser, command="careboard"):
    """(command, option or argument) for every argument of every command and subcommand."""
    for action in parser._actions:
        if action.choices and hasattr(action, "_name_parser_map"):
            for name, sub in action.choices.items():
                yield from _arguments(sub, f"{command} {name}")
        elif action.dest != "help":
            yield command, "/".join(action.option_strings) or action.dest, action


def test_every_argument_says_what_it_is_for_in_its_help():
    silent = [f"{command} {name}" for command, name, action in _arguments(build_parser()) if not action.help]
    assert not silent, f"no help text: {silent}"


def test_internal_error_is_one_line_and_debug_shows_the_traceback(stores, monkeypatch):
    def broken(args):
        raise ZeroDivisionError("a fault in careboard")

    monkeypatch.setattr("careboard.cli.data.cmd_snapshots", broken)
    run = run_cli("snapshots", "--db", str(stores["demo"]))
    assert run.code == 3 and len(run.err.strip().splitlines()) == 1
    assert run.err.startswith("careboard: internal error (ZeroDivisionError: a fault in careboard)")
    assert "--debug" in run.err and "careboard --version" in run.err
    for argv in (["--debug", "snapshots"], ["snapshots", "--debug"]):
        with pytest.raises(ZeroDivisionError):
            run_cli(*argv, "--db", str(stores["demo"]))
    monkeypatch.setattr("careboard.cli.setup.cmd_benchmarks_show", broken)
    for argv in (["--debug", "benchmarks", "show"], ["benchmarks", "show", "--debug"]):
        with pytest.raises(ZeroDivisionError):
            run_cli(*argv)
    monkeypatch.setenv("CAREBOARD_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        run_cli("snapshots", "--db", str(stores["demo"]))


def _stopped_by_the_engine(args):
    # What the engine raises when Ctrl-C stops a statement on the main thread
    import threading

    from careboard.backends import engine

    con = engine().connect()
    con.execute("SET threads = 1")
    threading.Timer(0.2, engine().interrupt, [con]).start()
    con.execute("SELECT count(*) FROM range(100000) AS a, range(100000) AS b WHERE a.range * b.range = -1").fetchall()


def _stopped_in_python(args):
    raise KeyboardInterrupt


@pytest.mark.parametrize("stop", [_stopped_by_the_engine, _stopped_in_python])
def test_ctrl_c_is_one_line_and_exit_code_130(stores, monkeypatch, stop):
    monkeypatch.setattr("careboard.cli.data.cmd_snapshots", stop)
    run = run_cli("snapshots", "--db", str(stores["demo"]))
    assert (run.code, run.err) == (130, "careboard: stopped (Ctrl-C)\n")


def test_a_full_disk_is_said_in_one_line_naming_the_file(stores, monkeypatch):
    from careboard.backends import engine

    def full(args):
        raise engine().error('TransactionContext Error: Failed to commit: Could not write file "/x/s.duckdb.wal": '
                             'No space left on device')

    monkeypatch.setattr("careboard.cli.data.cmd_snapshots", full)
    run = run_cli("snapshots", "--db", str(stores["demo"]))
    assert (run.code, run.err) == (2, "careboard: /x/s.duckdb.wal: cannot be written (No space left on device)\n")


def test_a_store_another_program_has_open_is_said_in_one_line(stores, tmp_path):
    import shutil

    db = tmp_path / "busy.duckdb"
    shutil.copy(stores["council"], db)
    holder = subprocess.Popen([sys.executable, "-c", "import sys, duckdb; con = duckdb.connect(sys.argv[1]); "
                               "print('open', flush=True); sys.stdin.read()", str(db)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "open\n"
        run = run_cli("snapshots", "--db", str(db))
    finally:
        holder.communicate("")
    assert run.code == 2 and run.err == (f"careboard: {db}: the store is in use by another program (process "
                                         f"{holder.pid}), most likely another careboard command: wait for it to "
                                         f"finish, then try again\n")


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


def _report_text(folder: Path) -> str:
    """The words of the one full report in `folder`, as a reader sees them."""
    import html

    (page,) = [p for p in folder.glob("*.html") if not p.stem.endswith("-public")]
    text = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page.read_text(encoding="utf-8"), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


@pytest.mark.parametrize("store, council, says", [
    pytest.param("council", "Bolton", "Benchmarks and rates per 10,000 children are for Bolton (350), taken from "
                 "the number the return's file names start with", id="LA in file names"),
    pytest.param("xml", "Gloucestershire", "are for Gloucestershire (916)", id="XML return"),
    pytest.param("foreign", "Council not named", "because careboard does not know which council the data is from",
                 id="no LA anywhere"),
    pytest.param("old", "Council not named", "Position at 31 March 2018", id="2017-18 return"),
])
def test_report_without_council_settings_names_the_right_council(stores, store, council, says, tmp_path):
    assert_clean(run_cli("report", "--no-pdf", "--out", str(tmp_path), "--db", str(stores[store])), {0})
    text = _report_text(tmp_path)
    assert text.startswith(f"{council} – Corporate Parenting performance report")
    assert "No council settings were given" in text and says in text
    assert "Peterborough" not in text   # never the demo's council
    from tests.test_report_wording import html_text, jargon

    (page,) = [p for p in tmp_path.glob("*.html")]
    words, _ = html_text(page.read_text(encoding="utf-8"))
    assert jargon(re.sub(r"“[^”]*”", "“”", words)) == []   # a file name quoted as the council wrote it may hold codes


def test_council_return_reads_as_its_files_say(stores, tmp_path):
    """Several years in one file, rows of commas, Excel floats, unpadded dates, a review in 2029, no care leavers."""
    run = run_cli("load", str(DATA / "council"), "--db", str(tmp_path / "s.duckdb"))
    assert_clean(run, {0})
    assert "collection year 2023/24, from '2023-24' in the folder name" in run.out
    assert "2 episodes that ended before 2023/24 (from 2020/21 on), kept as its history" in run.out
    run = run_cli("findings", "--db", str(stores["council"]))
    kinds = {line.split()[1] for line in run.out.splitlines() if line.startswith(("  error", "  warning"))}
    assert {"missing_child", "blank_line", "unpadded_date", "excel_number", "date_after_year_end"} <= kinds
    values = {line.split()[0]: line.split()[1] for line in run_cli("indicators", "--db", str(stores["council"])).out
              .splitlines()[1:]}
    assert (values["cla_count"], values["starts_count"], values["ceased_count"]) == ("3", "2", "1")
    assert values["cl_eet_pct_17_18"] == "-"   # no care leavers: an empty cohort, not 0%
    report = run_cli("report", "--no-pdf", "--out", str(tmp_path), "--db", str(stores["council"]))
    assert_clean(report, {0})
    assert "there were 1 children" not in _report_text(tmp_path) and "1 child ceased" in _report_text(tmp_path)


def test_old_return_says_why_it_was_not_validated(tmp_path):
    run = run_cli("load", str(DATA / "old"), "--db", str(tmp_path / "s.duckdb"))
    assert_clean(run, {0})
    assert "2017/18 was loaded but not validated: careboard's DfE rules begin with 2023/24" in run.out
    assert "(no complete year's return from 2023/24 on, or --no-validate)" in run.out


def test_removing_a_snapshot(stores, tmp_path):
    db = tmp_path / "s.duckdb"
    db.write_bytes(stores["council"].read_bytes())
    run = run_cli("snapshots", "--remove", "1", "--db", str(db))
    assert_clean(run, {0})
    assert run.out == "Removed snapshot 1 and everything loaded with it.\n"
    assert run_cli("snapshots", "--db", str(db)).out == "No snapshots loaded yet.\n"
    assert_clean(run_cli("snapshots", "--remove", "1", "--db", str(db)), {2})
    assert_clean(run_cli("findings", "--db", str(db)), {2})


@pytest.mark.parametrize("argv, codes, written", [
    pytest.param(["--la", "Bolton"], {0}, "bolton.toml", id="name"),
    pytest.param(["--la", "350"], {0}, "bolton.toml", id="DfE number"),
    pytest.param(["--la", "E08000001"], {0}, "bolton.toml", id="GSS code"),
    pytest.param(["--la", "Peterboro"], {0}, "peterborough.toml", id="start of a name"),
    pytest.param(["--la", "Boltn"], {2}, None, id="misspelt name"),
    pytest.param(["--la", "999"], {2}, None, id="unknown number"),
    pytest.param(["--la", "Bolton", "--out", "councils/ours.toml"], {0}, "councils/ours.toml", id="out"),
    pytest.param(["--la", "Bolton", "--benchmarks", "nowhere"], {2}, None, id="benchmarks folder missing"),
    pytest.param([], {2}, None, id="no LA"),
])
def test_init(argv, codes, written, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = run_cli("init", *argv)
    assert_clean(run, codes)
    if written:
        assert run.out == f"wrote {written}: fill in your targets, then run careboard report --council {written}\n"
        assert 'la_code = "350"' in (tmp_path / written).read_text() or "Peterborough" in (tmp_path / written).read_text()
    if argv == ["--la", "Boltn"]:
        assert "did you mean Bolton (350)" in run.err


def test_init_keeps_an_existing_file_unless_forced(stores, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bolton.toml").write_text("# ours\n")
    run = run_cli("init", "--la", "Bolton")
    assert_clean(run, {2})
    assert "--force" in run.err and (tmp_path / "bolton.toml").read_text() == "# ours\n"
    assert_clean(run_cli("init", "--la", "Bolton", "--force"), {0})
    assert_clean(run_cli("report", "--no-pdf", "--council", "bolton.toml", "--out", "rep", "--db", str(stores["council"])),
                 {0})
    assert _report_text(tmp_path / "rep").startswith("Bolton – Corporate Parenting performance report")


def test_benchmarks(tmp_path, monkeypatch):
    from tests.published_helpers import REAL_FOLDER

    for argv in (["benchmarks"], ["benchmarks", "show"]):
        run = run_cli(*argv)
        assert_clean(run, {0})
        assert run.out.startswith("Published figures in use: the copy shipped with careboard")
    (tmp_path / "empty").mkdir()
    for folder in (tmp_path / "nowhere", tmp_path / "empty"):
        assert_clean(run_cli("benchmarks", "update", str(folder)), {2})
    assert not (tmp_path / "home" / "benchmarks").exists()
    if not REAL_FOLDER.is_dir():
        pytest.skip("no DfE/ONS published files beside the checkout")
    newer = tmp_path / "newer"
    newer.mkdir()
    ons = "ons_mid-year_population_estimates_2012_to_2024.csv"
    (newer / ons).write_bytes((REAL_FOLDER / ons).read_bytes())
    run = run_cli("benchmarks", "update", str(newer))
    assert_clean(run, {0})
    assert f"to {tmp_path / 'home' / 'benchmarks'} (1 from {newer}, the others from the copy shipped" in run.out
    assert run_cli("benchmarks").out.startswith("Published figures in use: your own copy in ")


def test_validate_without_an_output_lists_the_failing_rules_and_says_how_to_see_every_row(tmp_path):
    run = run_cli("validate", str(DATA / "council"))
    assert run.code == 1
    lines = run.out.splitlines()
    summary = next(i for i, line in enumerate(lines) if " rules run, " in line)
    listed = [line for line in lines[summary:] if line.startswith("  rule ")]
    assert lines[summary + 2] == "DfE validation rules with failing rows:" and 0 < len(listed) <= 15
    # The same rules, rows and children as the summary file gives, most rows first.
    run_cli("validate", str(DATA / "council"), "--summary", str(tmp_path / "rules.csv"))
    import csv

    with (tmp_path / "rules.csv").open(newline="") as f:
        found = [r for r in csv.DictReader(f) if r["failing_rows"] not in ("", "0")]
    assert [line.split()[1] for line in listed] == [r["rule"] for r in found][:len(listed)]
    assert run.out.rstrip().endswith("Every failing row with its file, line, field and value: add --output errors.csv "
                                     "(or .xlsx, .html)")
    written = run_cli("validate", str(DATA / "council"), "--output", str(tmp_path / "e.csv"))
    assert "DfE validation rules with failing rows" not in written.out
    assert written.out.rstrip().endswith(f"wrote {tmp_path / 'e.csv'}")


def test_children_without_an_indicator_says_to_give_one_and_where_the_ids_are(tmp_path):
    run = run_cli("children", "--db", str(tmp_path / "s.duckdb"))
    assert run.code == 2 and run.err.strip() == (
        "careboard: children: give the indicator whose children to list, such as cla_count (children in care) or "
        "reviews_on_time_pct; careboard indicators lists every id")
    assert not (tmp_path / "s.duckdb").exists()
