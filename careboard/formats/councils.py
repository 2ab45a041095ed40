"""Which council a return is from, as its file names say, and the councils that replaced others.

The DfE's file names start with the council's LA number ("874 Children 2025-26.csv"): the one place a
return names its council. A store holds one council's returns, so files naming two councils must not
meet in it; the exception is a county's old returns beside those of the council that replaced it.
"""

from __future__ import annotations

import re

from .codes import code_list

# LAs that no longer exist, with the LAs that replaced them and when (a council's analyst may still call
# their council by its old name, and older returns carry its number).
SUCCEEDED: dict[str, tuple[tuple[str, ...], str]] = {
    "909": (("942", "943"), "April 2023"),      # Cumbria: Cumberland, Westmorland and Furness
    "928": (("940", "941"), "April 2021"),      # Northamptonshire: North and West Northamptonshire
    "835": (("838", "839"), "April 2019"),      # Dorset county: Dorset, and Bournemouth, Christchurch and Poole
    "836": (("839",), "April 2019"),            # Poole: Bournemouth, Christchurch and Poole
    "837": (("839",), "April 2019"),            # Bournemouth: Bournemouth, Christchurch and Poole
}

# Three digits opening a file name, then something other than a digit.
_LEADING_NUMBER = re.compile(r"\d{3}(?!\d)")


def leading_number(name: str) -> str | None:
    """The three-digit number a file's name starts with, if any ('350 Header.csv' -> '350')."""
    found = _LEADING_NUMBER.match(name)
    return found[0] if found else None


def council_number(name: str) -> str | None:
    """The LA number a file's name starts with, when it is one (some councils number their files 001 ...)."""
    number = leading_number(name)
    return number if number in code_list("LA_CODE", 2100) else None


def replaced(former: str, by: str) -> bool:
    """Whether the LA numbered `former` no longer exists and `by` is one of the LAs that replaced it."""
    return by in SUCCEEDED.get(former, ((), ""))[0]


def several_councils(numbers: set[str]) -> bool:
    """Whether LA numbers name more than one council, a county and the LAs that replaced it counting as one
    only with a single one of them."""
    current = {n for n in numbers if n not in SUCCEEDED}
    if len(current) > 1:
        return True
    former = numbers - current
    if not current:
        return len(former) > 1
    (now,) = current
    return any(not replaced(n, by=now) for n in former)
