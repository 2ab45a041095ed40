"""Code lists come from one place (formats/codes.toml): the model, the indicators, the validation
views and the DfE rules name them ({PLACE_ADOPTION}) rather than write the codes out by hand."""

import re

import pytest

from careboard import model
from careboard.indicators.registry import INDICATORS
from careboard.formats.codes import fixed_lists
from careboard.validate.frame import _VIEWS
from careboard.validate.registry import RULES

# Two or more quoted codes in an IN list: a code list written by hand.
HAND_WRITTEN = re.compile(r"IN\s*\(\s*'[^']*'(\s*,\s*'[^']*')+\s*\)", re.I)

# Lists in rule SQL that are not code lists, each with why (rule code, the list as written).
NOT_CODE_LISTS = {
    ("SW02STG1", "IN ('SW', 'XX')"): "the first two letters of a social worker's id (its shape), not codes of a field",
}


def _units():
    yield from ((f"model {name}", model.view_sql(name)) for name in model.VIEWS)
    yield from ((f"indicator {i.id}", i.sql) for i in INDICATORS)
    yield from ((f"view {p.stem}", p.read_text()) for p in sorted(_VIEWS.glob("*.sql")))
    for rule in RULES:
        yield f"rule {rule.code}", "\n".join(part for part in (rule.over, rule.fails, rule.sql) if part)


def _hand_written(unit: str, sql: str) -> list[str]:
    code = unit.split()[1] if unit.startswith("rule ") else None
    return [m.group(0) for m in HAND_WRITTEN.finditer(sql) if (code, m.group(0)) not in NOT_CODE_LISTS]


@pytest.mark.parametrize("unit, sql", list(_units()),
                         ids=lambda v: v if v.split()[0] in ("model", "indicator", "view", "rule") else "")
def test_no_code_list_written_by_hand(unit, sql):
    found = _hand_written(unit, sql)
    assert not found, f"{unit} writes code lists by hand: {found}; name a list from formats/codes.toml instead"


@pytest.mark.parametrize("sql, found", [("WHERE place IN ('A3', 'A5')", True), ("WHERE place IN {PLACE_ADOPTION}", False),
                                        ("WHERE rne = 'S'", False), ("WHERE x in ( 'a' ,'b' )", True)])
def test_the_check_finds_hand_written_lists(sql, found):
    assert bool(HAND_WRITTEN.search(sql)) is found


@pytest.mark.parametrize("name, fixed", [("PLACE_ADOPTION", True), ("LS_SHORT_BREAK", True), ("PLACE", False),
                                         ("SEX_MALE", False)])
def test_the_model_may_name_only_lists_that_do_not_change_between_years(name, fixed):
    assert (name in fixed_lists()) is fixed


def test_a_model_naming_a_list_that_changes_between_years_is_refused():
    with pytest.raises(KeyError):
        model.filled("SELECT 1 WHERE place IN {PLACE}", {})


@pytest.mark.parametrize("unit, sql, found", [
    ("rule 384", "\"LS\" IN {LS_SHORT_BREAK} AND \"PLACE\" IN ('U1', 'U4')", ["IN ('U1', 'U4')"]),
    ("rule 384", "\"LS\" IN {LS_SHORT_BREAK} AND \"PLACE\" IN {PLACE_LONG_TERM_FOSTER}", []),
    ("rule SW02STG1", "left(\"SW_ID\", 2) NOT IN ('SW', 'XX')", []),
    ("rule 999", "left(\"SW_ID\", 2) NOT IN ('SW', 'XX')", ["IN ('SW', 'XX')"]),
])
def test_a_list_in_rule_sql_is_allowed_only_where_it_is_not_a_code_list(unit, sql, found):
    assert _hand_written(unit, sql) == found


def test_every_list_allowed_in_rule_sql_is_still_there():
    written = {(code, m.group(0)) for unit, sql in _units() if unit.startswith("rule ")
               for code in [unit.split()[1]] for m in HAND_WRITTEN.finditer(sql)}
    assert set(NOT_CODE_LISTS) <= written, f"remove from NOT_CODE_LISTS: {sorted(set(NOT_CODE_LISTS) - written)}"
