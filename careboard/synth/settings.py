"""Where children live: a council's carers, homes and providers, and how a new placement is chosen.

A ``Setting`` is one placement as the return records it (PLACE, PLACE_PROVIDER, PL_POST, URN) plus
the identity of the carer, so the episode builder can tell "change of carer" (RNE P/B) from
"same carer, different placement type" (RNE T/U).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from random import Random

from . import mixes
from .mixes import choose
from .calendar import birthday

K3_FROM = date(2024, 4, 1)            # first year whose code list has K3 (H5 used before)
P2_LAST_START = date(2023, 10, 27)    # P2 invalid for placements from 28 October 2023
Z1_REPLACED = date(2025, 4, 1)        # Z1 split into Z11-Z14 from 2025/26
TEMPORARY_PLACES = frozenset({"T0", "T1", "T2", "T3", "T4"})
FOSTER_KINDS = frozenset({"foster", "kinship", "ffa"})

_POSTCODE_AREAS = ["AL", "B", "BB", "BD", "BH", "BL", "BN", "BS", "CB", "CM", "CO", "CV", "DE",
                   "DH", "DN", "EX", "GL", "GU", "HD", "HP", "HU", "IP", "L", "LE", "LN", "LS",
                   "LU", "M", "ME", "MK", "NE", "NG", "NN", "NR", "OL", "OX", "PE", "PL", "PO",
                   "PR", "RG", "S", "SK", "SN", "SO", "SR", "ST", "TS", "WA", "WF", "WN", "WS",
                   "WV", "YO"]
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


@dataclass(frozen=True, slots=True)
class Setting:
    kind: str        # foster, kinship, ffa, residential, semi, parents, adoption, temporary ...
    place: str
    provider: str
    pl_post: str
    urn: str
    carer: int
    # (year, code): from the return for that year (ending 31 March) on, the case system shows `code`
    # because `place` left the code list (H5 -> K3 from 2024/25, Z1 -> Z11-Z14 from 2025/26).
    recode: tuple[int, str] | None = None


@dataclass(frozen=True, slots=True)
class _Site:
    provider: str
    pl_post: str
    urn: str
    carer: int


class Council:
    """One council's randomness and its pool of settings, carers and social workers."""

    def __init__(self, rng: Random, la_code: str, children_in_care: int):
        self.rng = rng
        self.la_code = la_code
        self._carers = 0
        area = "PE" if la_code == "874" else rng.choice(_POSTCODE_AREAS)
        self.home_districts = tuple(f"{area}{n}" for n in range(1, 8))
        # A district drawn for elsewhere that is one of the council's own is left out, so "away" is away.
        self._away_districts = [d for d in (f"{rng.choice(_POSTCODE_AREAS)}{rng.randint(1, 30)}" for _ in range(40))
                                if d not in self.home_districts]
        scale = max(1, children_in_care // 100)
        self.fostering_urn = self._urn()
        self._ifa_urns = [self._urn() for _ in range(4 + 2 * scale)]
        self._vaa_urns = [self._urn() for _ in range(3)]
        self._sites = {
            "residential": self._pool(6 * scale, mixes.HOME_PROVIDER, 0.45, urn=True),
            "semi": self._pool(3 * scale, mixes.SEMI_PROVIDER, 0.6, urn=True),
            "secure": self._pool(3, mixes.Weighted({"PR1": 30, "PR2": 70}), 0.1, urn=True),
            "school": self._pool(4, mixes.Weighted({"PR4": 70, "PR5": 30}), 0.2, urn=True),
            "mbu": self._pool(2, mixes.Weighted({"PR4": 60, "PR5": 40}), 0.4, urn=True),
            "yoi": self._pool(3, mixes.Weighted({"PR3": 1}), 0.1, urn=False),
            "health": self._pool(3, mixes.Weighted({"PR3": 1}), 0.6, urn=False),
            "short_break_unit": self._pool(2, mixes.Weighted({"PR1": 1}), 1.0, urn=True),
        }
        self.social_workers = [f"SW{rng.randint(100000, 999999)}" for _ in range(max(8, children_in_care // 12))]

    # --- identities -------------------------------------------------------------------------

    def new_carer(self) -> int:
        self._carers += 1
        return self._carers

    def _urn(self) -> str:
        r = self.rng
        return f"{'SC' if r.random() < 0.7 else '2'}{100000 + int(r.random() * 900000)}"

    def postcode(self, in_area: float) -> str:
        r = self.rng
        district = choose(r, self.home_districts if r.random() < in_area else self._away_districts)
        return f"{district} {1 + int(r.random() * 9)}{choose(r, _INWARD_LETTERS)}{choose(r, _INWARD_LETTERS)}"

    def _pool(self, n: int, providers: mixes.Weighted, in_area: float, urn: bool) -> list[_Site]:
        return [self._site(providers.pick(self.rng), in_area, urn) for _ in range(n)]

    def _site(self, provider: str, in_area: float, urn: bool) -> _Site:
        # The council's own provision (PR1) is in its area and another LA's (PR2) in that LA's, as DfE
        # rules 229 and 1015 expect.
        where = {"PR1": 1.0, "PR2": 0.0}.get(provider, in_area)
        return _Site(provider, self.postcode(where), self._urn() if urn else "", self.new_carer())

    # --- settings ---------------------------------------------------------------------------

    def setting(self, kind: str, on: date, dob: date, home_post: str) -> Setting:
        """A new placement of `kind` starting on `on`, with codes valid on that date. Only a
        placement with parents shares the child's home postcode."""
        s = self._new_setting(kind, on, dob, home_post)
        while s.kind != "parents" and home_post and s.pl_post == home_post:
            # A home or school keeps the postcode Ofsted registered it at: choose another one.
            s = self._new_setting(kind, on, dob, home_post) if s.kind in self._sites \
                else replace(s, pl_post=self.postcode(0.6))
        return s

    def _new_setting(self, kind: str, on: date, dob: date, home_post: str) -> Setting:
        r = self.rng
        if kind == "foster" or kind == "ffa":
            provider = mixes.FOSTER_PROVIDER.pick(r) if kind == "foster" else ("PR1" if r.random() < 0.7 else "PR4")
            urn = self.fostering_urn if provider == "PR1" else choose(r, self._ifa_urns)
            post = self.postcode(0.7 if provider == "PR1" else 0.45)
            return Setting(kind, "U6" if kind == "foster" else "U5", provider, post, urn, self.new_carer())
        if kind == "kinship":
            return Setting(kind, "U3", "PR1", self.postcode(0.65), self.fostering_urn, self.new_carer())
        if kind == "parents":
            return Setting(kind, "P1", "PR0", home_post, "", self.new_carer())
        if kind == "adoption":
            provider = mixes.ADOPTION_PROVIDER.pick(r)
            # Regional adoption agencies have no Ofsted URN of their own; the return uses XXXXXXX.
            urn = "XXXXXXX" if provider in ("PR1", "PR2") else choose(r, self._vaa_urns)
            return Setting(kind, "A6", provider, self.postcode(0.4), urn, self.new_carer())
        if kind == "indep":
            # Only where the young person is 18, so has left, before P2 stopped being valid.
            if birthday(dob, 18) <= P2_LAST_START:
                provider = "PR1" if r.random() < 0.5 else "PR4"
                return Setting(kind, "P2", provider, self.postcode(1.0 if provider == "PR1" else 0.8),
                               "XXXXXXX", self.new_carer())
            kind = "semi"
        if kind == "other":
            # "Other" placements carry neither provider nor URN.
            z = choose(r, ("Z11", "Z12", "Z13", "Z14"))
            if on < Z1_REPLACED:
                return Setting(kind, "Z1", "", self.postcode(0.6), "", self.new_carer(), recode=(2026, z))
            return Setting(kind, z, "", self.postcode(0.6), "", self.new_carer())
        site = choose(r, self._sites[kind])
        place, recode = {"residential": ("K2", None), "secure": ("K1", None), "school": ("S1", None),
                         "mbu": ("R3", None), "yoi": ("R5", None), "health": ("R2", None),
                         "short_break_unit": ("K2", None),
                         "semi": ("K3", None) if on >= K3_FROM else ("H5", (2025, "K3"))}[kind]
        return Setting(kind, place, site.provider, site.pl_post, site.urn, site.carer, recode)

    def temporary(self, code: str) -> Setting:
        """A temporary stay: where the child is, but no provider or URN."""
        return Setting("temporary", code, "", self.postcode(0.5), "", self.new_carer())


def long_term(s: Setting) -> Setting:
    """The same carer once the placement is confirmed as long-term fostering (U6 -> U4, U3 -> U1)."""
    return replace(s, place={"U6": "U4", "U3": "U1", "U5": "U4", "U2": "U1"}.get(s.place, s.place))


def adoptive_with_carer(s: Setting, under_order: bool) -> Setting:
    """The current foster carer becomes the adoptive placement (A5 under a placement order, else A3)."""
    return replace(s, kind="adoption", place="A5" if under_order else "A3")


def transferred_in_house(s: Setting, council: Council) -> Setting:
    """An agency foster carer who moves to the council's own fostering service."""
    return replace(s, provider="PR1", urn=council.fostering_urn)


def kind_for_age(table: list[tuple[int, mixes.Weighted]], age: int, rng: Random) -> str:
    for upper, weights in table:
        if age < upper:
            return weights.pick(rng)
    return table[-1][1].pick(rng)
