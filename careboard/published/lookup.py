"""Finding an English LA by what a person types: its DfE number, its GSS code or its name."""

from __future__ import annotations

import difflib
import re

from careboard.errors import InputError
from careboard.formats.councils import SUCCEEDED
from careboard.nearest import either
from careboard.published.files import Area

# Words that name the kind of council rather than the place ("Bristol, City of", "Bedford Borough").
_KIND_WORDS = re.compile(r"\b(city|county|borough|council|of|the|metropolitan|district|royal)\b")


def name_key(name: str) -> str:
    """'Bristol, City of' and 'City of Bristol Council' -> 'bristol'; '&' reads as 'and'."""
    text = _KIND_WORDS.sub(" ", name.casefold().replace("&", " and "))
    return re.sub(r"[^a-z0-9]", "", text)


def find_la(published, text: str, where: str = "--la") -> Area:
    """The current English LA `text` names; otherwise an InputError with the nearest names."""
    typed = text.strip()
    areas = published.files.areas()
    current = {code: area for code, area in areas.items() if area.current}
    code = typed.upper().removesuffix(".0")
    if re.fullmatch(r"\d{3}", code):
        return _current(areas, code, where, f"no English LA has the DfE number {code}")
    if re.fullmatch(r"[A-Z]\d{8}", code):
        dfe = published.files.gss_codes().get(code)
        unknown = f"no English LA has the GSS code {code} in the published figures"
        if dfe is None:
            raise InputError(where, unknown)
        return _current(areas, dfe, where, unknown)
    wanted = name_key(typed)
    if not wanted:      # nothing but words such as "City" or "Council", which name no council alone
        raise InputError(where, f"{typed!r} names no council alone: give the council's whole name, DfE number "
                                f"(874) or GSS code (E06000031)" if typed else
                                "give the council's name, DfE number (874) or GSS code (E06000031)")
    by_key = {name_key(area.name): area for area in current.values()}
    if wanted in by_key:
        return by_key[wanted]
    former = {name_key(area.name): area for area in areas.values() if not area.current}
    if wanted in former:
        raise InputError(where, _gone(areas, former[wanted].code, former[wanted].name))
    containing = [area for key, area in by_key.items() if wanted in key]
    if len(containing) == 1:
        return containing[0]
    close = [by_key[key] for key in difflib.get_close_matches(wanted, list(by_key), n=3, cutoff=0.6)]
    # the councils whose names hold the words typed ("Yorkshire") are the answer, not those spelt like them
    options = (sorted(containing, key=lambda a: a.name) or close)[:4]
    hint = (f"; did you mean {either(f'{a.name} ({a.code})' for a in options)}?" if options
            else "; give its DfE number (874) or GSS code (E06000031) instead")
    raise InputError(where, f"no English LA is called {typed!r}{hint}")


def _current(areas: dict[str, Area], code: str, where: str, unknown: str) -> Area:
    area = areas.get(code)
    if area is None and code in SUCCEEDED:
        # an LA gone before the published figures begin (Bournemouth, Poole and Dorset before 2019)
        raise InputError(where, _gone(areas, code, ""))
    if area is None:
        raise InputError(where, unknown)
    if not area.current:
        raise InputError(where, _gone(areas, area.code, area.name))
    return area


def _gone(areas: dict[str, Area], code: str, name: str) -> str:
    """Why a former LA cannot be chosen, naming the LAs that replaced it where known (`name`: "" for one gone
    before the published figures begin)."""
    who = f"{name} ({code})" if name else f"LA {code}"
    if code not in SUCCEEDED:
        return f"{who} no longer exists as an LA: give the LA that replaced it"
    codes, since = SUCCEEDED[code]
    named = [f"{areas[c].name} ({c})" for c in codes if c in areas]
    return (f"{who} no longer exists as an LA: since {since} it is "
            + " and ".join(named) + f": give {'one of them' if len(named) > 1 else 'it'}")
