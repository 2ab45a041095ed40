"""A simulated council's history: children and everything that happened to them, as dated facts.

The timeline is the truth the returns are cut from. It knows more than any return (whether a review
was on time, which pathway a period of care followed), so tests can check careboard's figures
against it. Episodes open at the end of the simulation have ``dec`` None.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .calendar import year_ending, year_start


@dataclass(slots=True)
class Episode:
    decom: date
    rne: str
    ls: str
    cin: str
    place: str
    provider: str            # blank for temporary (T0-T4) moves
    home_post: str
    pl_post: str
    urn: str
    dec: date | None = None
    rec: str = ""
    reason_place_change: str = ""
    # (year, code): from the return for that year (ending 31 March) on, PLACE is shown as `code`,
    # the code a case system moved a withdrawn one to (H5 -> K3 from 2024/25, Z1 -> Z11-Z14 from 2025/26).
    recode: tuple[int, str] | None = None


@dataclass(slots=True)
class PrevPerm:
    prev_perm: str
    la_perm: str
    date_perm: str           # may hold 'zz' parts, as the return allows


@dataclass(slots=True)
class Period:
    """One period of care: episodes linked by X1, from an RNE S start to a non-X1 ending."""

    start: date
    end: date | None
    pathway: str
    episodes: list[Episode]
    prev_perm: PrevPerm | None = None

    @property
    def short_break(self) -> bool:
        return self.episodes[0].ls in ("V3", "V4")


@dataclass(slots=True)
class Review:
    date: date
    code: str
    due: date
    on_time: bool


@dataclass(slots=True)
class MissingIncident:
    kind: str                # M missing, A away without authorisation
    start: date
    end: date | None


@dataclass(slots=True)
class AdoptionDecision:
    """The decision that a child should be placed for adoption, and any reversal of it."""

    date_placed: date
    ceased: date | None = None
    reason_ceased: str = ""


@dataclass(slots=True)
class Adoption:
    """The AD1 record of a child adopted (REC E11/E12) on ``adopted``."""

    adopted: date
    date_int: date
    date_match: date
    foster_care: str
    nb_adoptr: str
    sex_adoptr: str
    ls_adoptr: str


@dataclass(slots=True)
class OC2:
    sdq_score: str
    sdq_reason: str
    convicted: str
    health_check: str
    immunisations: str
    teeth_check: str
    health_assessment: str
    substance_misuse: str
    intervention_received: str
    intervention_offered: str


@dataclass(slots=True)
class OC3:
    in_touch: str
    activ: str
    accom: str


@dataclass(slots=True)
class SWEpisode:
    sw_id: str
    start: date
    end: date | None
    reason: str


@dataclass(slots=True)
class DoLo:
    start: date
    end: date | None


@dataclass(slots=True)
class Child:
    id: str
    sex: str                 # M or F (written 1/2 in returns up to 2023/24)
    dob: date
    ethnicity: str
    upn: str                 # the real UPN; returns show UN1 before school age, UN2 for UASC
    uasc: bool = False
    duc: date | None = None  # date UASC status ceased
    mother_child_dob: date | None = None
    periods: list[Period] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    missing: list[MissingIncident] = field(default_factory=list)
    decisions: list[AdoptionDecision] = field(default_factory=list)
    adoption: Adoption | None = None
    oc2: dict[int, OC2] = field(default_factory=dict)    # keyed by year ending 31 March
    oc3: dict[int, OC3] = field(default_factory=dict)
    sw_episodes: list[SWEpisode] = field(default_factory=list)
    dolo: list[DoLo] = field(default_factory=list)

    @property
    def episodes(self) -> list[Episode]:
        return [e for p in self.periods for e in p.episodes]

    @property
    def short_breaks_only(self) -> bool:
        return all(p.short_break for p in self.periods)

    def looked_after_on(self, d: date, *, short_breaks: bool = False) -> bool:
        """Looked after on d: an episode with DECOM <= d and DEC blank or after d."""
        for p in self.periods:
            if p.start <= d and (p.end is None or p.end > d):
                return short_breaks or not p.short_break
        return False

    def period_on(self, d: date) -> Period | None:
        for p in self.periods:
            if p.start <= d and (p.end is None or p.end > d):
                return p
        return None


@dataclass
class Timeline:
    seed: int | str
    la_code: str
    first_year: int          # first collection year simulated, named by its 31 March
    end: date                # nothing after this date is known
    children: list[Child]
    home_districts: tuple[str, ...] = ()     # the postcode districts of the council's own area

    @property
    def start(self) -> date:
        return year_start(self.first_year)

    @property
    def years(self) -> list[int]:
        """Collection years simulated, each named by its 31 March."""
        return list(range(self.first_year, year_ending(self.end) + 1))

    def looked_after_on(self, d: date) -> list[Child]:
        """Children looked after on d, leaving out short breaks (V3/V4) as DfE headline counts do."""
        return [c for c in self.children if c.looked_after_on(d)]
