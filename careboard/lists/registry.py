"""Every operational list careboard draws up, in one tuple.

Each module in defs/ declares its lists and names them in its own LISTS tuple; adding a list means
declaring it there and naming its module in MODULES.
"""

from __future__ import annotations

from ..nearest import by_id, look_up
from .base import OperationalList
from .defs import activities_due, care_leavers_due, fostering_due, reviews_due

MODULES = (reviews_due, activities_due, care_leavers_due, fostering_due)

LISTS: tuple[OperationalList, ...] = tuple(unit for module in MODULES for unit in module.LISTS)

BY_ID: dict[str, OperationalList] = by_id(LISTS, "list")


def get(list_id: str) -> OperationalList:
    """The list with this id; an unknown id is a user error naming the nearest ids."""
    return look_up("list", list_id, BY_ID, "docs/lists.md describes every list")


def find(name: str) -> OperationalList:
    """A list by its id or a short name: `visits` for visits_due, `health` for health_assessments_due."""
    if name in BY_ID:
        return BY_ID[name]
    starting = [unit for unit in LISTS if unit.id.startswith(name.lower())]
    if len(starting) == 1:
        return starting[0]
    return get(name)
