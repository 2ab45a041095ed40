"""Counts in words: '1 error', '2,100 errors'. One helper for every message and sentence careboard prints."""

from __future__ import annotations


def counted(n: int, one: str, many: str | None = None) -> str:
    """'1 error', '2,100 errors'; `many` where the plural is not `one` + 's' ('query', 'queries')."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"
