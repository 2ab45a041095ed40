"""The rule set of each collection year, built from years.toml (first year whole, later years as changes)."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

_FILE = Path(__file__).with_name("years.toml")


def label_to_year(label: str) -> int:
    """'2024/25' -> 2025."""
    return int(label[:4]) + 1


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


def codes_for(year: int) -> frozenset[str]:
    try:
        return rule_sets()[year]
    except KeyError:
        known = ", ".join(f"{y - 1}/{y % 100:02d}" for y in supported_years())
        raise KeyError(f"no rule set for {year - 1}/{year % 100:02d}; careboard has {known}") from None
