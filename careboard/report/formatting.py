"""How numbers read in the committee report and in indicator sentences.

One place for the house style so a figure reads the same in a sentence, a card, a table and a chart:
percentages and rates to 1 decimal place, counts with thousands separators, days as whole days.
Rounding is half-up on the decimal figure people see (5.85 -> 5.9), not Python's binary half-even.
"""

from __future__ import annotations

from datetime import date
from careboard.indicators.base import UNITS
from careboard.rounding import round_half_up

DEFAULT_DECIMALS = {"%": 1, "count": 0, "rate": 1, "days": 0, "score": 1}
# Counts of children and durations in days are never shown with decimals, whatever the catalogue says.
WHOLE_UNITS = frozenset({"count", "days"})

MISSING = "–"        # no value (empty cohort, no target)
SUPPRESSED = "c"     # DfE symbol for a figure withheld to protect confidentiality


def _check_unit(unit: str) -> None:
    if unit not in UNITS:
        raise ValueError(f"unknown indicator unit {unit!r}; expected one of {', '.join(UNITS)}")


def _decimals(unit: str, decimals: int | None) -> int:
    if unit in WHOLE_UNITS:
        return 0
    return DEFAULT_DECIMALS[unit] if decimals is None else decimals


def _number(value: float, decimals: int) -> str:
    return f"{round_half_up(value, decimals):,.{decimals}f}"


def format_value(value: float | None, unit: str, decimals: int | None = None,
                 *, whole_if_integral: bool = False) -> str:
    """A figure in its unit: 5.8%, 76.0 (rate), 1,234 (count), 566 (days), 14.2 (score).

    ``decimals`` None uses the unit's default. ``whole_if_integral`` drops the decimals of a round
    figure (targets and published benchmarks: "97%" rather than "97.0%").
    """
    _check_unit(unit)
    if value is None:
        return MISSING
    places = _decimals(unit, decimals)
    if whole_if_integral and float(value).is_integer():
        places = 0
    text = _number(value, places)
    return f"{text}%" if unit == "%" else text


def format_count(value: int | None) -> str:
    return format_value(value, "count")


def signed_places(rule: str, unit: str, decimals: int | None = None) -> int:
    """The decimal places a difference in variance unit ``rule`` is shown to (see format_signed)."""
    if rule == "pp":
        return _decimals("%", decimals)
    if rule == "%":
        return 1
    if rule == "days":
        return 0
    if rule == "points":
        return _decimals("score", decimals)
    if rule == "":
        return _decimals(unit, decimals)
    raise ValueError(f"unknown variance unit {rule!r}; expected 'pp', '%', 'days', 'points' or ''")


def format_signed(diff: float | None, rule: str, unit: str, decimals: int | None = None) -> str:
    """A signed difference in its variance unit (careboard.judge.assess): +2.8 pp, -1.6%, +203 days,
    +1.5 points; a plain signed figure in the indicator's unit for rule ''."""
    if diff is None:
        return MISSING
    places = signed_places(rule, unit, decimals)
    suffix = {"pp": " pp", "%": "%", "days": " days", "points": " points", "": "%" if unit == "%" else ""}[rule]
    rounded = round_half_up(diff, places)
    sign = "+" if rounded > 0 else ""
    return f"{sign}{rounded:,.{places}f}{suffix}"


def format_change(latest: int | None, before: int | None) -> str:
    """Change between two snapshot counts: +9, -2, 0."""
    if latest is None or before is None:
        return MISSING
    diff = latest - before
    return f"+{diff:,}" if diff > 0 else f"{diff:,}"


def month_label(day: date) -> str:
    """Column and axis label for a month: "Jan 2025"."""
    return day.strftime("%b %Y")


def month_name(day: date) -> str:
    """The month as sentences use it: "January 2025"."""
    return day.strftime("%B %Y")


def long_date(day: date) -> str:
    """A date in full: "31 January 2025" (no leading zero)."""
    return f"{day.day} {day.strftime('%B %Y')}"
