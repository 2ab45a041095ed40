"""Every registered indicator has test cases and documentation, and declares itself consistently."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

import tests.indicators as indicator_tests
from careboard.docs import indicator_docs
from careboard.indicators import registry

DOCS = Path(__file__).parents[1] / "docs" / "indicators.md"


def _cases() -> dict[str, list]:
    seen: dict[str, list] = {}
    for mod in pkgutil.iter_modules(indicator_tests.__path__):
        cases = getattr(importlib.import_module(f"tests.indicators.{mod.name}"), "CASES", [])
        for case in cases:
            seen.setdefault(case[0], []).append(case)
    return seen


CASES = _cases()


@pytest.mark.parametrize("ind", registry.INDICATORS, ids=lambda i: i.id)
def test_every_indicator_has_cases(ind):
    assert ind.id in CASES, f"{ind.id} has no CASES in tests/indicators/"


@pytest.mark.parametrize("ind", [i for i in registry.INDICATORS if i.aggregate == "share"], ids=lambda i: i.id)
def test_share_indicators_have_a_case_counted_and_one_not(ind):
    """A share test must be able to fail both ways: some case with num > 0, some with num < den."""
    expected = [c[-1] for c in CASES.get(ind.id, [])]
    counted = any((e.get("num") or 0) > 0 or (e.get("value") or 0) > 0 for e in expected)
    not_counted = any(e.get("num") is not None and e.get("den") is not None and e["num"] < e["den"]
                      or e.get("value") is not None and e["value"] < 100 for e in expected)
    assert counted and not_counted, f"{ind.id} needs a case where a child counts and one where a child does not"


@pytest.mark.parametrize("ind", registry.INDICATORS, ids=lambda i: i.id)
def test_every_indicator_is_documented(ind):
    assert ind.title and ind.definition and ind.numerator and ind.sentence, f"{ind.id} lacks words"
    assert f"## {ind.id}\n" in DOCS.read_text(), f"{ind.id} is not in docs/indicators.md: run careboard docs"


@pytest.mark.parametrize("ind", [i for i in registry.INDICATORS if i.unit == "days"], ids=lambda i: i.id)
def test_a_figure_in_days_says_days_in_its_sentence(ind):
    """{value} is the bare number ("229"): the sentence says what it counts."""
    assert "{value} days " in ind.sentence, ind.sentence


def test_docs_are_current():
    assert DOCS.read_text() == indicator_docs(), "docs/indicators.md is out of date: run `careboard docs`"
