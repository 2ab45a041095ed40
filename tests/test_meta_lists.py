"""Every registered operational list has test cases and documentation, and declares itself consistently."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

import tests.lists as list_tests
from careboard.cli import build_parser
from careboard.docs import list_docs
from careboard.lists import registry
from careboard.lists.base import Column, OperationalList

DOCS = Path(__file__).parents[1] / "docs" / "lists.md"


def _cases() -> dict[str, list]:
    seen: dict[str, list] = {}
    for mod in pkgutil.iter_modules(list_tests.__path__):
        for case in getattr(importlib.import_module(f"tests.lists.{mod.name}"), "CASES", []):
            seen.setdefault(case[0], []).append(case)
    return seen


CASES = _cases()


@pytest.mark.parametrize("unit", registry.LISTS, ids=lambda u: u.id)
def test_every_list_has_cases_with_rows_and_without(unit):
    """A case with rows and one with none, so a list that always or never finds someone fails."""
    rows = [c[5] for c in CASES.get(unit.id, [])]
    assert any(rows), f"{unit.id} has no case in tests/lists/ where someone is listed"
    assert any(r == [] for r in rows), f"{unit.id} has no case in tests/lists/ where no one is"


@pytest.mark.parametrize("unit", registry.LISTS, ids=lambda u: u.id)
def test_every_list_is_documented(unit):
    assert unit.title and len(unit.description) > 40, f"{unit.id} lacks words"
    assert all(len(c.meaning) > 10 for c in unit.columns), f"{unit.id}: say what each column holds"
    assert f"## {unit.id}\n" in DOCS.read_text(), f"{unit.id} is not in docs/lists.md: run careboard docs"


@pytest.mark.parametrize("unit", registry.LISTS, ids=lambda u: u.id)
def test_every_list_has_its_command(unit):
    commands = next(a for a in build_parser()._actions if a.dest == "command").choices
    assert unit.command in commands, f"{unit.id}: there is no careboard {unit.command}"


def test_docs_are_current():
    assert DOCS.read_text() == list_docs(), "docs/lists.md is out of date: run `careboard docs`"


LISTED = (Column("child", "the child's ID in the return"),
          Column("status", "whether it is late yet", values=("late", "not yet")))


@pytest.mark.parametrize("change,problem", [
    ({"audience": ("managers", "committee")}, "it names children, so it is not for the committee or the public"),
    ({"audience": ()}, "say who may see it"),
    ({"audience": ("social workers",)}, "audience 'social workers' not in"),
    ({"tally": "child"}, "tally 'child' must be a column that declares its values"),
    ({"sheet": ""}, "give it a sheet name of 1 to 31 characters"),
    ({"sheet": "Statutory visits overdue or due soon"}, "give it a sheet name of 1 to 31 characters"),
])
def test_a_list_declared_wrongly_is_refused(change, problem):
    declared = dict(id="example", title="Example", description="An example list.", columns=LISTED,
                    sql="SELECT 1", audience=("practitioners",), command="due", row_is="child", tally="status",
                    sheet="Example")
    OperationalList(**declared)     # as declared it is fine
    with pytest.raises(ValueError, match=problem):
        OperationalList(**(declared | change))
