"""Every validation rule careboard applies, in one tuple. A year's rule set (years.toml) picks from it."""

from __future__ import annotations

from .rule import Rule
from .rules import (integrity, r100, r200, r300, r400, r500, r500_adoption, r500_history, r500_missing, r600,
                    r600_prevperm, r700, r1000, r1000_records, social_workers)

# Each family is one module of rules/ that imports no other family (tests/test_rule_families.py); the
# modules of rules/ not named here are shared pieces. In this order the rules run and are listed.
FAMILIES = (r100, r200, r300, r400, r500, r500_history, r500_adoption, r500_missing, r600, r600_prevperm, r700,
            r1000, r1000_records, integrity, social_workers)

RULES: tuple[Rule, ...] = tuple(rule for family in FAMILIES for rule in family.RULES)


def by_code() -> dict[str, list[Rule]]:
    """Rule variants by DfE code (a code may have one variant per range of years)."""
    out: dict[str, list[Rule]] = {}
    for rule in RULES:
        out.setdefault(rule.code, []).append(rule)
    return out
