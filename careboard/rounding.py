"""Figures as people read them: rounded half-up on the decimal written (612.5 days is 613, 5.85% is 5.9%),
not by Python's binary half-even (612), so that the command line, the report's cards, its change arrows and
its tables print one figure the same, and compare what they print."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def round_half_up(value: float, decimals: int) -> Decimal:
    """The decimal a reader would write down: 64.65 -> 64.7 and 0.125 -> 0.13."""
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return rounded + 0   # drops the sign of a negative zero


def as_printed(value: float | None, decimals: int) -> float | None:
    """The figure as printed to `decimals` places, as a number to compare or write; None stays None."""
    return None if value is None else float(round_half_up(value, decimals))
