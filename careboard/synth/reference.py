"""The reference data a simulated council's returns imply: Ofsted's URN list and a postcode lookup.

Both are written from the timeline, the truth the returns are cut from, so an error planted in a return
(a URN Ofsted does not know, a placement postcode that is not the home's) disagrees with them.

Geography is made up but consistent: the council's own postcode districts are its LA, every other
district belongs to another English LA picked from the district's name, and each district sits at a
fixed point within a few hundred kilometres of the council, so distances are plausible and the same
in every year's return. LA codes are DfE numbers, as careboard keys LAs.
"""

from __future__ import annotations

import csv
import math
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..validate.codes import code_list
from .timeline import Episode, Timeline

URN_LIST = "urn_list.csv"
POSTCODES = "postcodes.csv"
# Placement types at a registered home or school, whose postcode is the premises Ofsted holds (rule 221).
PREMISES_PLACES = frozenset({"K1", "K2", "K3", "H5", "R3", "S1"})
_NO_URN = ("", "XXXXXXX")
_CENTRE = (450000.0, 300000.0)       # the council's grid point (metres); any point in England would do


@dataclass(frozen=True)
class ReferenceFiles:
    urn_list: Path
    postcodes: Path


def _fraction(text: str, salt: str) -> float:
    """A number in [0, 1) fixed by `text`: the same district always lands in the same place."""
    return zlib.crc32(f"{salt}|{text}".encode()) / 2**32


class _Geography:
    def __init__(self, timeline: Timeline):
        self.council = timeline.la_code
        self.home = set(timeline.home_districts)
        self.others = [c for c in code_list("LA_CODE", timeline.years[-1]) if c != self.council]

    def la(self, postcode: str) -> str:
        district = postcode.split()[0]
        return self.council if district in self.home else self.elsewhere(district)

    def elsewhere(self, name: str) -> str:
        """Another LA, the same one for the same name."""
        return self.others[int(_fraction(name, "la") * len(self.others))]

    def point(self, postcode: str) -> tuple[float, float]:
        district = postcode.split()[0]
        # Home districts within 8 km of the centre, the others 30 to 300 km away; postcodes within 1.5 km
        # of their district's point.
        near, far = (0, 8000) if district in self.home else (30000, 300000)
        radius = near + (far - near) * _fraction(district, "radius")
        angle = 2 * math.pi * _fraction(district, "angle")
        jitter = [3000 * (_fraction(postcode, axis) - 0.5) for axis in ("x", "y")]
        return (round(_CENTRE[0] + radius * math.cos(angle) + jitter[0]),
                round(_CENTRE[1] + radius * math.sin(angle) + jitter[1]))


def _episodes(timeline: Timeline) -> list[Episode]:
    return [e for child in timeline.children for e in child.episodes]


def _places(e: Episode) -> set[str]:
    """Every code the returns show for the episode's placement type (H5 becomes K3 from 2024/25 ...)."""
    return {e.place} | ({e.recode[1]} if e.recode else set())


def urn_rows(timeline: Timeline, geo: _Geography) -> list[dict]:
    """One row per registered setting and premises, with every placement type and provider code used."""
    settings: dict[str, dict] = {}
    for e in _episodes(timeline):
        if e.urn in _NO_URN:
            continue
        s = settings.setdefault(e.urn, {"places": set(), "providers": set(), "premises": set()})
        s["places"] |= _places(e)
        s["providers"].add(e.provider)
        if _places(e) & PREMISES_PLACES:
            s["premises"].add(e.pl_post)
    rows = []
    for urn, s in sorted(settings.items()):
        # An agency (fostering, adoption) has no premises here: the council's own is in its area.
        offices = sorted(s["premises"]) or [None]
        for postcode in offices:
            la = geo.la(postcode) if postcode else (geo.council if "PR1" in s["providers"] else geo.elsewhere(urn))
            rows.append({"URN": urn, "PLACE_CODES": ", ".join(sorted(s["places"])),
                         "PROVIDER_CODES": "; ".join(sorted(s["providers"] - {""})), "REG_END": "",
                         "POSTCODE": postcode or "", "LA": la})
    return rows


def postcode_rows(timeline: Timeline, geo: _Geography) -> list[dict]:
    """Every home and placement postcode in the timeline, in the ONS Postcode Directory's columns."""
    seen = sorted({p for e in _episodes(timeline) for p in (e.home_post, e.pl_post) if p})
    return [{"pcds": p, "oslaua": geo.la(p), "oseast1m": geo.point(p)[0], "osnrth1m": geo.point(p)[1]}
            for p in seen]


def _write(path: Path, rows: list[dict], columns: list[str]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, columns)
        w.writeheader()
        w.writerows(rows)
    return path


def write_reference(timeline: Timeline, out_dir: Path) -> ReferenceFiles:
    """Write urn_list.csv and postcodes.csv for the timeline into `out_dir`."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    geo = _Geography(timeline)
    return ReferenceFiles(
        _write(out_dir / URN_LIST, urn_rows(timeline, geo),
               ["URN", "PLACE_CODES", "PROVIDER_CODES", "REG_END", "POSTCODE", "LA"]),
        _write(out_dir / POSTCODES, postcode_rows(timeline, geo), ["pcds", "oslaua", "oseast1m", "osnrth1m"]))
