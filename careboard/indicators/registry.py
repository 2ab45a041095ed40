"""Every indicator careboard computes, in one tuple, in report order.

Each family module in defs/ declares its indicators and lists them in its own INDICATORS tuple;
adding an indicator means declaring it there. The order of FAMILIES is the order of the report.
INDICATORS judge by the declared timescales; a council that sets its own local ones gets its
indicators from for_timescales (CouncilConfig.catalogue).
"""

from __future__ import annotations

from functools import cache

from ..nearest import by_id, look_up
from ..timescales import DECLARED as DECLARED_TIMESCALES
from ..timescales import Timescales, timed
from .base import Indicator
from .defs import (adopters, adoption, adoption_children, adoption_support, care_leavers, cla, education, flows, fostering,
                   health, health_checks, missing, pathway_plans, placements, private_fostering, return_interviews,
                   reviews, social_workers, stability, visits)

FAMILIES = (cla, flows, placements, stability, social_workers, reviews, visits, health, health_checks, education,
            fostering, private_fostering, adoption, adoption_children, adopters, adoption_support, care_leavers,
            pathway_plans, missing, return_interviews)

DECLARED: tuple[Indicator, ...] = tuple(i for family in FAMILIES for i in family.INDICATORS)


@cache
def for_timescales(active: Timescales) -> tuple[Indicator, ...]:
    """Every indicator, its words and SQL judging by the timescales `active` (a council's own local ones)."""
    return tuple(timed(ind, active) for ind in DECLARED)


INDICATORS: tuple[Indicator, ...] = for_timescales(DECLARED_TIMESCALES)

BY_ID: dict[str, Indicator] = by_id(INDICATORS, "indicator")


def get(indicator_id: str) -> Indicator:
    """The indicator with this id; an unknown id is a user error naming the nearest ids."""
    return look_up("indicator", indicator_id, BY_ID, "careboard indicators lists every id")
