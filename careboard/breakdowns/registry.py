"""Every breakdown table careboard draws up, in one tuple, in report order.

Each module in defs/ declares its tables and lists them in its own BREAKDOWNS tuple; adding a table means
declaring it there and naming its module in MODULES. BREAKDOWNS judge by the declared timescales;
for_timescales gives them judging by a council's own local ones.
"""

from __future__ import annotations

from functools import cache

from ..nearest import by_id, look_up
from ..timescales import DECLARED as DECLARED_TIMESCALES
from ..timescales import Timescales, timed
from .base import Breakdown
from .defs import adopters, fostering, reviews, support

MODULES = (reviews, fostering, adopters, support)

DECLARED: tuple[Breakdown, ...] = tuple(b for module in MODULES for b in module.BREAKDOWNS)


@cache
def for_timescales(active: Timescales) -> tuple[Breakdown, ...]:
    """Every table, its headings and SQL judging by the timescales `active` (a council's own local ones)."""
    return tuple(timed(b, active) for b in DECLARED)


BREAKDOWNS: tuple[Breakdown, ...] = for_timescales(DECLARED_TIMESCALES)

BY_ID: dict[str, Breakdown] = by_id(BREAKDOWNS, "table")


def get(breakdown_id: str) -> Breakdown:
    """The table with this id; an unknown id is a user error naming the nearest ids."""
    return look_up("table", breakdown_id, BY_ID, "docs/tables.md describes every table")
