"""Files for people are written whole beside the file asked for, then moved there (careboard.whole_files):
what is replaced, what is left when writing fails, and how the failure is said."""

from __future__ import annotations

import errno

import pytest

from careboard.whole_files import written
from tests.cli_runs import DATA, assert_clean, run_cli


def test_a_file_written_whole_replaces_the_earlier_one(tmp_path):
    (tmp_path / "out.html").write_text("old")
    with written(tmp_path / "out.html") as part:
        assert part.parent == tmp_path and part.name != "out.html"
        part.write_text("new")
    assert [(p.name, p.read_text()) for p in tmp_path.iterdir()] == [("out.html", "new")]


@pytest.mark.parametrize("failure", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt(),
                                     ValueError("a fault while writing")])
def test_a_failure_while_writing_leaves_the_earlier_file_and_nothing_beside_it(tmp_path, failure):
    (tmp_path / "out.html").write_text("old")
    with pytest.raises(type(failure)) as raised:
        with written(tmp_path / "out.html") as part:
            part.write_text("half of the new")
            raise failure
    assert [(p.name, p.read_text()) for p in tmp_path.iterdir()] == [("out.html", "old")]
    if isinstance(failure, OSError):    # said of the file asked for
        assert str(raised.value) == f"[Errno 28] cannot be written (No space left on device): '{tmp_path / 'out.html'}'"
        assert raised.value.filename == str(tmp_path / "out.html")


def test_a_folder_that_is_not_there_is_said_of_the_file_asked_for(tmp_path):
    with pytest.raises(OSError) as raised:
        with written(tmp_path / "nowhere" / "out.html") as part:
            part.write_text("new")
    assert raised.value.filename == str(tmp_path / "nowhere" / "out.html")
    assert raised.value.strerror == "cannot be written (No such file or directory)"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_validate_twice_to_one_file_leaves_the_second_run_only(tmp_path, suffix):
    out = tmp_path / f"errors{suffix}"
    assert_clean(run_cli("validate", str(DATA / "foreign"), "--output", str(out)), {0, 1})
    first = out.read_bytes()
    out.write_bytes(b"an older file, to be replaced")
    assert_clean(run_cli("validate", str(DATA / "foreign"), "--output", str(out)), {0, 1})
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
    if suffix == ".csv":
        assert out.read_bytes() == first
    else:
        assert out.read_bytes().startswith(b"PK")


@pytest.mark.parametrize("option, name", [("--output", "errors.csv"), ("--output", "errors.xlsx"),
                                          ("--output", "errors.html"), ("--summary", "rules.csv")])
def test_a_folder_named_as_the_output_is_refused_in_one_line(tmp_path, option, name):
    out = tmp_path / name
    out.mkdir()
    run = run_cli("validate", str(DATA / "foreign"), option, str(out))
    assert run.code == 2 and run.err == f"careboard: {out}: cannot be written (Is a directory)\n"
    assert out.is_dir() and [p.name for p in tmp_path.iterdir()] == [out.name]


@pytest.fixture(scope="module")
def council_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("store") / "council.duckdb"
    assert_clean(run_cli("load", str(DATA / "council"), "--db", str(db)), {0})
    return db


@pytest.mark.parametrize("command", ["indicators", "due", "findings"])
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_folder_named_as_a_table_is_refused_in_one_line(council_store, tmp_path, command, suffix):
    out = tmp_path / f"table{suffix}"
    out.mkdir()
    run = run_cli(command, "--db", str(council_store), "--output", str(out))
    # (`due` says what it found before it writes the list)
    assert run.code == 2 and run.err.endswith(f"careboard: {out}: cannot be written (Is a directory)\n")
    assert out.is_dir() and [p.name for p in tmp_path.iterdir()] == [out.name]


@pytest.mark.parametrize("suffix", ["html", "pdf", "docx", "xlsx"])
def test_a_folder_named_as_a_report_file_is_refused_in_one_line(council_store, tmp_path, suffix):
    report = tmp_path / "report"
    (report / f"committee-report-2024-03.{suffix}").mkdir(parents=True)
    run = run_cli("report", "--db", str(council_store), "--out", str(report), "--docx", "--xlsx")
    assert run.code == 2
    assert run.err.endswith(f"careboard: {report / f'committee-report-2024-03.{suffix}'}: cannot be written (Is a directory)\n")
    assert not [p.name for p in report.iterdir() if p.name.startswith(".")]


def test_docs_and_init_write_whole_files(tmp_path):
    (tmp_path / "rules.md").mkdir()
    run = run_cli("docs", "--output", str(tmp_path / "ind.md"), "--rules-output", str(tmp_path / "rules.md"))
    assert run.code == 2 and run.err == f"careboard: {tmp_path / 'rules.md'}: cannot be written (Is a directory)\n"
    (tmp_path / "c.toml").mkdir()
    run = run_cli("init", "--la", "Bolton", "--out", str(tmp_path / "c.toml"), "--force")
    assert run.code == 2 and run.err == f"careboard: {tmp_path / 'c.toml'}: cannot be written (Is a directory)\n"
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
