"""Every registered rule has a failing and a passing case; every year's rule set is fully registered."""

from __future__ import annotations

import csv
import importlib
import pkgutil
from pathlib import Path

import pytest

import tests.validation as rule_tests
from careboard.docs import rule_docs
from careboard.validate.registry import RULES, by_code
from careboard.validate.years import not_applicable, rule_sets

CATALOGUE = Path(__file__).parents[2] / "shared" / "reference" / "ssda903_rules.csv"


def _cases() -> dict[str, list]:
    seen: dict[str, list] = {}
    for mod in pkgutil.iter_modules(rule_tests.__path__):
        for case in getattr(importlib.import_module(f"tests.validation.{mod.name}"), "CASES", []):
            seen.setdefault(case[0], []).append(case)
    return seen


CASES = _cases()


@pytest.mark.parametrize("code", sorted(by_code()))
def test_rule_has_failing_and_passing_cases(code):
    expected = [c[5] for c in CASES.get(code, [])]
    assert any(expected), f"rule {code} has no failing case in tests/validation/"
    assert any(e == [] for e in expected), f"rule {code} has no passing case in tests/validation/"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_declares_itself(rule):
    assert rule.message and rule.message[0].isupper() and len(rule.message) > 20, f"{rule.code}: write a plain message"
    assert rule.fields, f"{rule.code}: name the fields"


def test_year_sets_match_the_dfe_catalogue():
    if not CATALOGUE.exists():
        pytest.skip("shared/reference is not beside the checkout")
    with CATALOGUE.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for year, codes in rule_sets().items():
        label = f"{year - 1}/{year % 100:02d}"
        assert codes == {r["code"] for r in rows if label in r["active_years"].split()}, label


def test_every_year_code_has_a_rule():
    registered = by_code()
    for year, codes in rule_sets().items():
        missing = sorted(c for c in codes if not any(r.applies_to(year) for r in registered.get(c, []))
                         and c not in not_applicable())
        assert not missing, f"{year - 1}/{year % 100:02d}: no rule for {', '.join(missing)}"


def test_rule_docs_are_current():
    docs = Path(__file__).parents[1] / "docs" / "validation-rules.md"
    assert docs.read_text() == rule_docs(), "docs/validation-rules.md is out of date: run `careboard docs`"


def test_not_applicable_codes_have_reasons_and_no_rule():
    for code, reason in not_applicable().items():
        assert len(reason) > 40 and code not in by_code(), code
