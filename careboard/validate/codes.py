"""The code lists a year's rules use, and the placeholders rule SQL is written with."""

from __future__ import annotations

from datetime import date
from functools import cache

from ..formats import codes
from ..model.concepts import definitions
from ..sql.params import literal
from .years import rule_set_year


def code_list(name: str, year: int) -> tuple[str, ...]:
    """The list in force for `year`'s rules (the nearest rule set's, for a year careboard has none of)."""
    return codes.code_list(name, rule_set_year(year))


@cache
def placeholders(year: int) -> dict:
    """Everything a rule's SQL may name in braces, for one collection year: the code lists, the year's
    dates and the model's definitions ({short_break:"LS"}, see careboard/model/concepts)."""
    values = {name: code_list(name, year) for name in codes.list_names()
              if codes.first_year(name) <= rule_set_year(year)}
    return {**definitions(), **{name: literal(v) for name, v in {**values, "start": date(year - 1, 4, 1),
                                                                 "end": date(year, 3, 31), "year": year}.items()}}
