"""Variance from target, RAG and the direction of performance for one KPI (indicators.md Part B1)."""

from __future__ import annotations

import math

from careboard.indicators.base import POLARITIES, UNITS
from careboard.results import Assessment
from careboard.rounding import as_printed

# How each unit measures distance from target: (variance unit, relative to target?)
_VARIANCE = {
    "%": ("pp", False),
    "rate": ("%", True),
    "count": ("%", True),
    "days": ("days", False),
    "score": ("points", False),
}

_RULE_TEXT = {
    "%": "Variance is the value minus the target, in percentage points.",
    "rate": "Variance is the value minus the target, as a percentage of the target.",
    "count": "Variance is the value minus the target, as a percentage of the target.",
    "days": "Variance is the value minus the target, in days.",
    "score": "Variance is the value minus the target, in score points.",
}

ARROWS = {"improved": "▲", "worse": "▼", "same": "■", "n/a": ""}


def _check(unit: str, polarity: str | None) -> None:
    if unit not in _VARIANCE:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, got {unit!r}")
    if polarity not in POLARITIES:
        raise ValueError(f"polarity must be 'high', 'low' or None, got {polarity!r}")


def variance_unit(unit: str) -> str:
    _check(unit, None)
    return _VARIANCE[unit][0]


def variance_rule_text(unit: str) -> str:
    """The footnote sentence that says how variance is measured for this unit."""
    _check(unit, None)
    return _RULE_TEXT[unit]


def variance(value: float | None, target: float | None, unit: str) -> float | None:
    """Signed distance of the value from the target (value minus target) in the unit's variance unit.

    None without a value or target, and for a relative variance against a target of zero.
    """
    _check(unit, None)
    if value is None or target is None:
        return None
    relative = _VARIANCE[unit][1]
    if not relative:
        return value - target
    if target == 0:
        return None
    return (value - target) / abs(target) * 100


def _better(a: float, b: float, polarity: str) -> bool:
    return a > b if polarity == "high" else a < b


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=0.0, abs_tol=1e-9)


def rag(value: float | None, target: float | None, unit: str, polarity: str | None,
        amber_tolerance: float | None) -> str | None:
    """Green on or better than target; amber worse but within the tolerance; red otherwise.

    The tolerance is in the unit's variance unit (pp for %, % of target for rates and counts,
    days for days). No target, no value or no polarity: no RAG.
    """
    _check(unit, polarity)
    if value is None or target is None or polarity is None:
        return None
    if _same(value, target) or _better(value, target, polarity):
        return "green"
    shortfall = variance(value, target, unit)
    if amber_tolerance is not None and shortfall is not None and abs(shortfall) <= amber_tolerance + 1e-9:
        return "amber"
    return "red"


def change(value: float | None, previous: float | None, polarity: str | None) -> str:
    """Direction of performance since the previous period: improved, worse, same or n/a."""
    _check("%", polarity)
    if value is None or previous is None or polarity is None:
        return "n/a"
    if _same(value, previous):
        return "same"
    return "improved" if _better(value, previous, polarity) else "worse"


def change_arrow(change_word: str) -> str:
    """▲ improved, ▼ worse, ■ same, nothing for n/a."""
    try:
        return ARROWS[change_word]
    except KeyError:
        raise ValueError(f"change must be one of {', '.join(ARROWS)}, got {change_word!r}") from None


def assess(value: float | None, previous: float | None, target: float | None, unit: str,
           polarity: str | None, amber_tolerance: float | None, decimals: int | None = None) -> Assessment:
    """Judge a KPI value against its target and the previous period.

    With ``decimals`` the value, previous value and target are first rounded to the shown precision,
    so a card never says "worse" or "amber" between two figures that print the same.
    """
    _check(unit, polarity)
    if decimals is not None:
        value, previous, target = (as_printed(v, decimals) for v in (value, previous, target))
    return Assessment(
        target=target,
        variance=variance(value, target, unit),
        variance_unit=_VARIANCE[unit][0],
        rag=rag(value, target, unit, polarity, amber_tolerance),
        previous=previous,
        change=change(value, previous, polarity),
    )
