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


# Counts two figures publish alike (Indicator.same_as), on hand-written returns where they are not zero: the
# public report withholds one where it withholds the other only because they are equal, so they must be.
def _part(value, part: str):
    return value.extra[part[len("extra."):]] if part.startswith("extra.") else getattr(value, part)


def _shared_counts():
    return [(ind, own, other) for ind in registry.INDICATORS for own, other in ind.same_as]


@pytest.mark.parametrize("ind, own, other", _shared_counts(), ids=lambda x: getattr(x, "id", x))
def test_counts_declared_the_same_are_the_same(ind, own, other):
    from careboard.indicators import calculate
    from tests.indicators.test_counting_children import AS_AT as EVERY_AT, EVERY_FAMILY
    from tests.indicators.test_flows import AS_AT as FLOWS_AT, FOUR_WAYS_HOME
    from tests.shared_context import shared_context
    from tests.test_profiles import AS_AT as PROFILES_AT, RETURNS as PROFILES

    other_id, _, other_part = other.partition(".")
    seen = []
    for returns, as_at in ((FOUR_WAYS_HOME, FLOWS_AT), (PROFILES, PROFILES_AT), (EVERY_FAMILY, EVERY_AT)):
        ctx = shared_context(returns, as_at)
        mine = _part(calculate.compute(ctx, ind, as_at), own)
        theirs = _part(calculate.compute(ctx, registry.get(other_id), as_at), other_part)
        assert (mine or 0) == (theirs or 0), (ind.id, own, other, as_at)     # none to count: no figure, or 0
        seen.append(mine)
    assert any(seen), "neither return gives the count: the test could not fail"


@pytest.mark.parametrize("ind", [i for i in registry.INDICATORS if i.parts], ids=lambda i: i.id)
def test_parts_declared_of_a_whole_add_up_to_no_more_than_it(ind):
    """The public report takes what the parts shown leave of the whole as a count of children: so they must be parts
    of it, none counted twice."""
    from careboard.indicators import calculate
    from tests.indicators.test_care_leavers import AS_AT as LEAVERS_AT, LEFT_BEFORE, STATUS_19_21
    from tests.indicators.test_counting_children import AS_AT as EVERY_AT, EVERY_FAMILY
    from tests.indicators.test_flows import AS_AT as FLOWS_AT, FOUR_WAYS_HOME
    from tests.shared_context import shared_context

    whole, parts = ind.parts
    seen = []
    for returns, as_at in ((FOUR_WAYS_HOME, FLOWS_AT), (STATUS_19_21, LEAVERS_AT), (LEFT_BEFORE, LEAVERS_AT),
                           (EVERY_FAMILY, EVERY_AT)):
        ctx = shared_context(returns, as_at)
        total = _part(calculate.compute(ctx, ind, as_at), whole) or 0
        counts = [_part(calculate.compute(ctx, registry.get(pid), as_at), part) or 0
                  for pid, _, part in (x.partition(".") for x in parts)]
        assert sum(counts) <= total, (ind.id, as_at, counts, total)
        seen.append(sum(counts))
    assert any(seen), "neither return gives the parts: the test could not fail"
