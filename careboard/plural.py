"""Counts and lists in words: '1 error', '2,100 errors', 'a, b and c'. One helper each for every message and
sentence careboard prints."""

from __future__ import annotations


def counted(n: int, one: str, many: str | None = None) -> str:
    """'1 error', '2,100 errors'; `many` where the plural is not `one` + 's' ('query', 'queries')."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def listed(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
