"""Every registered breakdown table has test cases and documentation, and declares itself consistently."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

import tests.breakdowns as breakdown_tests
from careboard.breakdowns import registry
from careboard.breakdowns.base import Breakdown, Column
from careboard.docs import breakdown_docs

DOCS = Path(__file__).parents[1] / "docs" / "tables.md"


def _cases() -> dict[str, list]:
    seen: dict[str, list] = {}
    for mod in pkgutil.iter_modules(breakdown_tests.__path__):
        for case in getattr(importlib.import_module(f"tests.breakdowns.{mod.name}"), "CASES", []):
            seen.setdefault(case[0], []).append(case)
    return seen


CASES = _cases()


@pytest.mark.parametrize("table", registry.BREAKDOWNS, ids=lambda b: b.id)
def test_every_table_has_a_case_that_counts_something(table):
    rows = [case[-1] for case in CASES.get(table.id, [])]
    assert any(any(isinstance(x, int) and x > 0 for r in case for x in r[1:]) for case in rows), \
        f"{table.id} has no case in tests/breakdowns/ where something is counted"


@pytest.mark.parametrize("table", registry.BREAKDOWNS, ids=lambda b: b.id)
def test_every_table_is_documented(table):
    assert table.title and len(table.description) > 40, f"{table.id} lacks words"
    assert f"## {table.id}\n" in DOCS.read_text(), f"{table.id} is not in docs/tables.md: run careboard docs"


def test_docs_are_current():
    assert DOCS.read_text() == breakdown_docs(), "docs/tables.md is out of date: run `careboard docs`"


@pytest.mark.parametrize("change,problem", [
    ({"by": "week"}, "by 'week'"),
    ({"by": "code"}, "lists its codes"),
    ({"columns": (Column("n", "N"), Column("p", "%", "%"))}, "names the two counts"),
    ({"columns": (Column("n", "N"), Column("p", "%", "%", ("n", "m")))}, "names the two counts"),
    ({"columns": (Column("n", "N"), Column("m", "Mean", "mean"))}, "names the two counts"),
    ({"columns": (Column("n", "N", "count", ("n", "n")),)}, "and only they do"),
    ({"title": "Adoption and special guardianship support requests by month"}, "give it a shorter sheet name"),
    ({"title": "T", "sheet": "Support requests by month, with the 48 hours"}, "give it a shorter sheet name"),
])
def test_a_table_declared_wrongly_is_refused(change, problem):
    good = dict(id="t", title="T", section="S", description="d", by="month", key_heading="Month",
                columns=(Column("n", "N"),), sql="SELECT 1")
    with pytest.raises(ValueError, match=problem):
        Breakdown(**{**good, **change})
