"""The SSDA903's code lists, by the collection year each first applies to (codes.toml): one place for the
rules, the model and the indicators alike."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from ..dates import label_to_year

_FILE = Path(__file__).with_name("codes.toml")


@cache
def _lists() -> dict[str, dict[int, tuple[str, ...]]]:
    with _FILE.open("rb") as f:
        raw = tomllib.load(f)
    return {name: {label_to_year(k): tuple(v) for k, v in by_year.items()} for name, by_year in raw.items()}


def list_names() -> list[str]:
    return list(_lists())


def first_year(name: str) -> int:
    """The first collection year the list `name` has an entry for."""
    return min(_lists()[name])


def code_list(name: str, year: int) -> tuple[str, ...]:
    """The list in force in `year`: its latest entry at or before it."""
    by_year = _lists()[name]
    usable = [y for y in by_year if y <= year]
    if not usable:
        raise KeyError(f"code list {name} has no entry for {year - 1}/{year % 100:02d} or before")
    return by_year[max(usable)]


@cache
def fixed_lists() -> dict[str, tuple[str, ...]]:
    """The code lists that are the same in every year, by name: all the model and the indicators may name,
    since they read several years' returns at once."""
    return {name: by_year[min(by_year)] for name, by_year in _lists().items() if len(by_year) == 1}
