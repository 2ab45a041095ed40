"""Naming the nearest known ids when a user types one careboard does not know."""

from __future__ import annotations

import difflib

from .errors import InputError


def nearest(given, known, n: int = 3) -> list:
    """Up to `n` known ids closest to `given`: the same id in another case, else close spellings, else ids
    that contain it. Numbers (snapshot ids) are nearest by value."""
    known = list(known)
    if isinstance(given, int) and all(isinstance(k, int) for k in known):
        return sorted(known, key=lambda k: (abs(k - given), k))[:1]
    known = [str(k) for k in known]
    close = ([k for k in known if k.casefold() == str(given).casefold()]
             or difflib.get_close_matches(str(given), known, n=n, cutoff=0.6))
    if close:
        return close
    text = str(given).lower()
    return [k for k in known if text and text in k.lower()][:n]


def either(options) -> str:
    """Options as a reader lists them: "a", "a or b", "a, b or c"."""
    options = list(options)
    return ", ".join(options[:-1]) + " or " + options[-1] if len(options) > 1 else "".join(options)


class UnknownId(InputError):
    """A user error like any InputError (one line, exit 2), worded as a sentence with the nearest matches."""

    def __init__(self, kind: str, given, known, listed_by: str):
        matches = nearest(given, known)
        hint = f"; did you mean {either(map(repr, matches))}?" if matches else ""
        self.given = given
        super().__init__(kind, f"there is no {kind} {given!r}{hint} ({listed_by})")

    def __str__(self) -> str:
        return self.message


def by_id(units, kind: str) -> dict:
    """A registry's units by their id, refusing two with one id (a registry's own mistake, not a user's)."""
    found: dict = {}
    for unit in units:
        if unit.id in found:
            raise ValueError(f"two {kind}s have the id {unit.id!r}")
        found[unit.id] = unit
    return found


def look_up(kind: str, given, known: dict, listed_by: str):
    """The unit `given` names in `known`, or an UnknownId naming the nearest."""
    try:
        return known[given]
    except KeyError:
        raise UnknownId(kind, given, known, listed_by) from None
