"""The model's definitions (careboard/model/concepts): each idea written once, named in SQL with the columns it
runs over, and used by both the stitched model and the rules' per-return tables."""

from __future__ import annotations

import re

import pytest

from careboard import model
from careboard.model.concepts import definitions, filled, model_name
from careboard.validate.frame import _VIEWS

CASES = [
    ('{short_break:"LS"}', "coalesce(\"LS\" IN ('V3', 'V4'), false)"),
    ("{short_break:e.ls}", "coalesce(e.ls IN ('V3', 'V4'), false)"),
    ("{episode_order:child, decom}", "PARTITION BY child ORDER BY decom"),
    ('{episode_order:e."CHILD", e."DECOM", e.row_no}', 'PARTITION BY e."CHILD" ORDER BY e."DECOM", e.row_no'),
    ('{previous:"DEC"} AS prev_dec', 'lag("DEC") OVER episode_order AS prev_dec'),
    ("{next:coalesce(a, b)}", "lead(coalesce(a, b)) OVER episode_order"),
    ('{uasc_status:h."r_UASC", h."UASC", EXISTS (SELECT 1 FROM u WHERE u.c = h.c, 1)}',
     'CASE WHEN h."r_UASC" IS NOT NULL THEN coalesce(h."UASC" = \'1\', false) '
     'ELSE EXISTS (SELECT 1 FROM u WHERE u.c = h.c, 1) END'),
]


@pytest.mark.parametrize("sql, expected", CASES)
def test_a_definition_is_filled_over_the_columns_it_is_given(sql, expected):
    assert filled(sql, {}) == expected


@pytest.mark.parametrize("sql", ["{short_break:a, b}", "{episode_order:child}", "{previous:}"])
def test_a_definition_given_the_wrong_columns_is_refused(sql):
    with pytest.raises(ValueError, match="takes"):
        filled(sql, {})


@pytest.mark.parametrize("column, name", [("PLACE_PROVIDER", "provider"), ("DECOM", "decom"), ("r_DEC", "r_dec")])
def test_the_model_names_a_returns_column_in_lower_case(column, name):
    assert model_name(column) == name


def _sources():
    yield from ((f"model {name}", model.view_sql(name)) for name in model.VIEWS)
    yield from ((f"view {p.stem}", p.read_text()) for p in sorted(_VIEWS.glob("*.sql")))


# What a definition says, written out by hand: a short break from the legal status, or a child's episodes
# in order by their start (latest first is another order: the child's final episode).
BY_HAND = re.compile(r'IN \{LS_SHORT_BREAK\}|PARTITION BY [\w."]*child"? ORDER BY [\w."]*decom"?(?![\w"]|\s+DESC)', re.I)


@pytest.mark.parametrize("unit, sql", list(_sources()), ids=lambda v: v if v.split()[0] in ("model", "view") else "")
def test_the_model_and_the_rules_tables_use_the_definitions(unit, sql):
    assert not BY_HAND.findall(sql), f"{unit} writes out a definition by hand: use careboard/model/concepts"


def test_the_check_finds_a_definition_written_by_hand():
    assert BY_HAND.search('lag(dec) OVER (PARTITION BY child ORDER BY decom)')
    assert BY_HAND.search('bool_and(coalesce("LS" IN {LS_SHORT_BREAK}, false))')
    assert not BY_HAND.search("lag(dec) OVER episode_order")
    assert not BY_HAND.search('row_number() OVER (PARTITION BY "CHILD" ORDER BY "DECOM" DESC NULLS LAST) = 1')


def test_every_definition_is_used_by_the_model_or_the_rules_tables():
    used = {name for _, sql in _sources() for name in re.findall(r"\{(\w+):", sql)}
    assert set(definitions()) <= used
