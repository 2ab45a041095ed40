"""Code lists for a collection year, and the placeholders rule SQL is written with."""

from __future__ import annotations

import tomllib
from datetime import date
from functools import cache
from pathlib import Path

from ..sql.params import literal
from .years import label_to_year, rule_set_year

_FILE = Path(__file__).with_name("codes.toml")


@cache
def _lists() -> dict[str, dict[int, tuple[str, ...]]]:
    with _FILE.open("rb") as f:
        raw = tomllib.load(f)
    return {name: {label_to_year(k): tuple(v) for k, v in by_year.items()} for name, by_year in raw.items()}


def code_list(name: str, year: int) -> tuple[str, ...]:
    """The list in force for `year`'s rules (the nearest rule set's, for a year careboard has none of)."""
    by_year = _lists()[name]
    usable = [y for y in by_year if y <= rule_set_year(year)]
    if not usable:
        raise KeyError(f"code list {name} has no entry for {year - 1}/{year % 100:02d} or before")
    return by_year[max(usable)]


@cache
def fixed_lists() -> dict[str, tuple[str, ...]]:
    """The code lists that are the same in every year, by name: all the model and the indicators may name,
    since they read several years' returns at once."""
    return {name: by_year[min(by_year)] for name, by_year in _lists().items() if len(by_year) == 1}


@cache
def placeholders(year: int) -> dict[str, str]:
    """Everything a rule's SQL may name in braces, for one collection year."""
    values = {name: code_list(name, year) for name in _lists() if min(_lists()[name]) <= rule_set_year(year)}
    return {name: literal(v) for name, v in {**values, "start": date(year - 1, 4, 1), "end": date(year, 3, 31),
                                              "year": year}.items()}
