"""The rule set of each collection year, built from years.toml (first year whole, later years as changes)."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from ..dates import label_to_year, year_label

_FILE = Path(__file__).with_name("years.toml")


@cache
def _raw() -> dict:
    with _FILE.open("rb") as f:
        return tomllib.load(f)


def not_applicable() -> dict[str, str]:
    """DfE codes careboard cannot apply, with the reason (years.toml [not_applicable])."""
    return dict(_raw().get("not_applicable", {}))


@cache
def rule_sets() -> dict[int, frozenset[str]]:
    raw = _raw()["years"]
    out: dict[int, frozenset[str]] = {}
    for label, body in raw.items():
        if "rules" in body:
            codes = set(body["rules"])
        else:
            base = label_to_year(body["after"])
            if base not in out:
                raise ValueError(f"years.toml: {label} comes after {body['after']}, which is not defined above it")
            codes = (set(out[base]) | set(body.get("add", ()))) - set(body.get("remove", ()))
        out[label_to_year(label)] = frozenset(codes)
    return out


def supported_years() -> list[int]:
    return sorted(rule_sets())


def rule_set_year(year: int) -> int:
    """The year whose rule set checks a return of `year`: its own, or the nearest careboard has."""
    years = supported_years()
    return min(max(year, years[0]), years[-1])


def codes_for(year: int) -> frozenset[str]:
    """The rules that apply to a return of `year` (the nearest rule set's, for a year careboard has none of)."""
    return rule_sets()[rule_set_year(year)]


def rule_set_note(year: int) -> str | None:
    """What to tell the user when a return of `year` is checked with another year's rules."""
    used = rule_set_year(year)
    if used == year:
        return None
    if year < used:
        return (f"{year_label(year)} is checked with the {year_label(used)} rules, the earliest careboard has: the DfE's "
                f"codes and rules have changed since, so some failures may be things that were allowed in "
                f"{year_label(year)}")
    return f"careboard has no rules for {year_label(year)} yet: it is checked with the {year_label(used)} rules, the latest it has"


def validated_on_load(year: int) -> bool:
    """Whether `careboard load` checks a return of `year` (not_validated_reason says why not)."""
    return year >= supported_years()[0]


def not_validated_reason(years: list[int]) -> str:
    first = year_label(supported_years()[0])
    named = ", ".join(map(year_label, sorted(years)))
    return (f"{named} {'was' if len(years) == 1 else 'were'} loaded but not validated: careboard's DfE rules "
            f"begin with {first}, and checking older returns with later rules would report as errors what was "
            f"allowed then (careboard validate checks one with the {first} rules if asked)")

