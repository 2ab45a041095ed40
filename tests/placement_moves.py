"""Words for writing placement histories in stability tests: carers, moves and as-at dates.

Each carer is a setting (URN and placement postcode); the model tells a return from a temporary
move from a move elsewhere by comparing them.
"""

from datetime import date

from tests.cohort import ep
from tests.episode_history import returns

AS_AT = date(2025, 1, 31)
CARERS = {name: {"urn": f"SC00000{i}", "pl_post": f"AB{i} 1AA"} for i, name in enumerate("XYZW", start=1)}
TEMPORARY = {"urn": "", "pl_post": ""}


def history(*episodes, extra=None):
    return returns(*episodes, to_year=2025, extra=extra)


def at(child, carer, decom, dec="", rec="", rne="P", **kw):
    """An episode with a named carer (X, Y, Z, W); RNE P unless given."""
    return ep(child, decom, dec, rec, rne=rne, **CARERS[carer], **kw)


def start(child, carer, decom, dec="", rec="", **kw):
    """The first episode of a period of care (RNE S) with a named carer."""
    return at(child, carer, decom, dec, rec, rne="S", **kw)


def temporary(child, decom, dec="", place="T1"):
    """A temporary move (T0-T4), ending (if `dec` is given) in a new episode the same day."""
    return ep(child, decom, dec, "X1" if dec else "", rne="P", place=place, **TEMPORARY)
