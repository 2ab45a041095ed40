"""One loaded snapshot per (returns, as-at date) for cases that compute several indicators from the same data.

Loading and validating a tiny return is most of a case's run time; cases that share a module-level
returns dict and as-at date share the context (indicator queries only read it).
"""

from __future__ import annotations

from datetime import date

from careboard.indicators import calculate, registry
from tests.cohort import context

_CONTEXTS: dict[tuple[int, date, int], calculate.Context] = {}


def shared_context(returns: dict, as_at: date, dobs: dict | None = None) -> calculate.Context:
    """`dobs`: dates of birth of children given no header row (tests.cohort.with_headers)."""
    key = (id(returns), as_at, id(dobs))
    if key not in _CONTEXTS:
        _CONTEXTS[key] = context(returns, as_at, dobs=dobs)
    return _CONTEXTS[key]


def compute_shared(indicator_id: str, returns: dict, as_at: date):
    return calculate.compute(shared_context(returns, as_at), registry.get(indicator_id))
