"""Every registered format has a spec that holds together, a section in docs/formats.md and recognition
cases; and each format's recognition cases hold (tests/data/formats/<id>.toml)."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from careboard.errors import InputError
from careboard.formats import registry
from careboard.formats.period import ListPeriod, YearlyPeriod
from careboard.ingest.detect import identify

ROOT = Path(__file__).parents[1]
CASES = ROOT / "tests" / "data" / "formats"


def _cases(fmt) -> list[dict]:
    path = CASES / f"{fmt.id}.toml"
    assert path.exists(), f"{fmt.id} has no recognition cases: add {path.relative_to(ROOT)}"
    return tomllib.loads(path.read_text())["case"]


def _section(fmt) -> str:
    text = (ROOT / fmt.docs).read_text()
    assert f"\n## {fmt.id}\n" in text, f"{fmt.docs} has no section '## {fmt.id}'"
    return text.split(f"\n## {fmt.id}\n", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize("fmt", registry.FORMATS, ids=lambda f: f.id)
def test_every_format_has_a_spec_that_holds_together(fmt):
    assert fmt.spec_file.exists() and fmt.tables(), f"{fmt.id}: no tables in {fmt.spec_file.name}"
    for t in fmt.tables().values():
        typed = t.dates | t.integers | t.text
        assert set(t.key) <= t.column_set, f"{fmt.id}.{t.name}: key columns must be required columns"
        assert typed <= set(t.all_columns), f"{fmt.id}.{t.name}: typed columns {typed - set(t.all_columns)} are not columns"
        kept_as_text = [c for c in t.all_columns if t.kind(c) in ("code", "text")]
        assert set(kept_as_text) <= set(fmt.lengths()), f"{fmt.id}.{t.name}: give every code and text field a length"


@pytest.mark.parametrize("fmt", registry.FORMATS, ids=lambda f: f.id)
def test_every_format_is_documented(fmt):
    section = _section(fmt)
    missing = [t.name for t in fmt.tables().values() if f"{t.title} (`{t.name}`" not in section]
    assert not missing, f"{fmt.docs} does not name these {fmt.id} tables: {missing}"
    assert fmt.period.name in section, f"{fmt.docs} does not say what period a {fmt.id} file covers"


@pytest.mark.parametrize("fmt", registry.FORMATS, ids=lambda f: f.id)
def test_every_table_has_a_recognition_case(fmt):
    cases = _cases(fmt)
    recognised = {c["table"] for c in cases if "table" in c}
    assert not {f"{fmt.id}.{t}" for t in fmt.tables()} - recognised, "add a header of each table"
    assert any("error" in c for c in cases), "add a header that must be refused"


def test_table_names_are_unique_across_formats():
    names = [t for f in registry.FORMATS for t in f.tables()]
    assert len(names) == len(set(names)) == len(registry.all_tables())


def test_format_ids_are_unique_and_found():
    assert [registry.get(f.id) for f in registry.FORMATS] == list(registry.FORMATS)
    with pytest.raises(KeyError, match="careboard reads ssda903"):
        registry.get("no_such_format")


@pytest.mark.parametrize("period,year,span", [
    (YearlyPeriod("collection year", first_month=4), 2025, (date(2024, 4, 1), date(2025, 3, 31))),
    (YearlyPeriod("collection year", first_month=4), 2024, (date(2023, 4, 1), date(2024, 3, 31))),
    (YearlyPeriod("calendar year", first_month=1), 2024, (date(2024, 1, 1), date(2024, 12, 31))),
    (YearlyPeriod("school year", first_month=9), 2025, (date(2024, 9, 1), date(2025, 8, 31))),
])
def test_a_period_is_named_by_the_year_it_ends_in(period, year, span):
    assert period.span(year) == span


@pytest.mark.parametrize("months,as_at,start", [
    (12, date(2025, 3, 15), date(2024, 3, 16)),
    (6, date(2025, 8, 31), date(2025, 3, 1)),       # 28 February is the last day of the month six back
    (1, date(2025, 1, 31), date(2025, 1, 1)),       # the month back is in the year before
    (12, date(2024, 2, 29), date(2023, 3, 1)),      # a leap day: no 29 February the year before
])
def test_a_list_covers_the_months_up_to_the_day_it_was_taken(months, as_at, start):
    assert ListPeriod("the date the list was taken", months).span(as_at) == (start, as_at)


def test_the_903_covers_a_collection_year():
    assert registry.get("ssda903").period.span(2025) == (date(2024, 4, 1), date(2025, 3, 31))


def _recognition_cases():
    return [pytest.param(fmt, case, id=f"{fmt.id}:{case['header'][:40]}")
            for fmt in registry.FORMATS for case in _cases(fmt)]


@pytest.mark.parametrize("fmt,case", _recognition_cases())
def test_a_header_is_recognised_within_its_format(fmt, case):
    header = case["header"].split(",")
    if "error" in case:
        with pytest.raises(InputError) as e:
            identify(header, "children.csv")
        assert e.value.message.startswith(case["error"])
        return
    found = identify(header, "children.csv")
    assert f"{found.format.id}.{found.table.name}" == case["table"]
    assert found.format is fmt
    assert [f.message for f in found.findings] == ([case["warning"]] if "warning" in case else [])
