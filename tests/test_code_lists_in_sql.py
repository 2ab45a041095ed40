"""Code lists come from one place (formats/codes.toml): the model, the indicators and the validation
views name them ({PLACE_ADOPTION}) rather than write the codes out by hand."""

import re

import pytest

from careboard import model
from careboard.indicators.registry import INDICATORS
from careboard.formats.codes import fixed_lists
from careboard.validate.frame import _VIEWS

# Two or more quoted codes in an IN list: a code list written by hand.
HAND_WRITTEN = re.compile(r"IN\s*\(\s*'[^']*'(\s*,\s*'[^']*')+\s*\)", re.I)


def _units():
    yield from ((f"model {name}", model.view_sql(name)) for name in model.VIEWS)
    yield from ((f"indicator {i.id}", i.sql) for i in INDICATORS)
    yield from ((f"view {p.stem}", p.read_text()) for p in sorted(_VIEWS.glob("*.sql")))


@pytest.mark.parametrize("unit, sql", list(_units()), ids=lambda v: v if v.split()[0] in ("model", "indicator", "view") else "")
def test_no_code_list_written_by_hand(unit, sql):
    found = [m.group(0) for m in HAND_WRITTEN.finditer(sql)]
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
