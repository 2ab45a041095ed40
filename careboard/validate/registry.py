"""Every validation rule careboard applies, in one tuple. A year's rule set (years.toml) picks from it."""

from __future__ import annotations

from .rule import Rule
from .rules import integrity, r100, r200, r300, r400, r500, r600, r700, r1000, social_workers

FAMILIES = (r100, r200, r300, r400, r500, r600, r700, r1000, integrity, social_workers)

RULES: tuple[Rule, ...] = tuple(rule for family in FAMILIES for rule in family.RULES)


def by_code() -> dict[str, list[Rule]]:
    """Rule variants by DfE code (a code may have one variant per range of years)."""
    out: dict[str, list[Rule]] = {}
    for rule in RULES:
        out.setdefault(rule.code, []).append(rule)
    return out
