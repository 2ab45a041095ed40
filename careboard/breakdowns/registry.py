"""Every breakdown table careboard draws up, in one tuple, in report order.

Each module in defs/ declares its tables and lists them in its own BREAKDOWNS tuple; adding a table means
declaring it there and naming its module in MODULES.
"""

from __future__ import annotations

from ..nearest import by_id, look_up
from .base import Breakdown
from .defs import adopters, fostering, reviews, support

MODULES = (reviews, fostering, adopters, support)

BREAKDOWNS: tuple[Breakdown, ...] = tuple(b for module in MODULES for b in module.BREAKDOWNS)

BY_ID: dict[str, Breakdown] = by_id(BREAKDOWNS, "table")


def get(breakdown_id: str) -> Breakdown:
    """The table with this id; an unknown id is a user error naming the nearest ids."""
    return look_up("table", breakdown_id, BY_ID, "docs/tables.md describes every table")
