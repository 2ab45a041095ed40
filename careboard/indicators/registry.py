"""Every indicator careboard computes, in one tuple, in report order.

Each family module in defs/ declares its indicators and lists them in its own INDICATORS tuple;
adding an indicator means declaring it there. The order of FAMILIES is the order of the report.
"""

from __future__ import annotations

from ..nearest import by_id, look_up
from .base import Indicator
from .defs import (adopters, adoption, adoption_children, adoption_support, care_leavers, cla, education, flows, fostering,
                   health, health_checks, missing, pathway_plans, placements, private_fostering, return_interviews,
                   reviews, social_workers, stability, visits)

FAMILIES = (cla, flows, placements, stability, social_workers, reviews, visits, health, health_checks, education,
            fostering, private_fostering, adoption, adoption_children, adopters, adoption_support, care_leavers,
            pathway_plans, missing, return_interviews)

INDICATORS: tuple[Indicator, ...] = tuple(i for family in FAMILIES for i in family.INDICATORS)

BY_ID: dict[str, Indicator] = by_id(INDICATORS, "indicator")


def get(indicator_id: str) -> Indicator:
    """The indicator with this id; an unknown id is a user error naming the nearest ids."""
    return look_up("indicator", indicator_id, BY_ID, "careboard indicators lists every id")
