"""The mixes the simulation draws from, roughly those of England's looked-after children.

Weights are relative (they need not sum to 100). Sources for the orders of magnitude: DfE
"Children looked after in England including adoptions" (year ending 31 March 2025) and the
benchmark files in shared/benchmarks; the fine splits are judgement, not published figures.
"""

from __future__ import annotations

from bisect import bisect
from datetime import timedelta
from itertools import accumulate
from random import Random


class Weighted:
    """A fixed weighted choice, drawn with one random() and a bisect (far faster than choices())."""

    __slots__ = ("values", "cum", "total")

    def __init__(self, weights: dict):
        self.values = list(weights)
        self.cum = list(accumulate(weights.values()))
        self.total = self.cum[-1]

    def pick(self, rng: Random):
        return self.values[bisect(self.cum, rng.random() * self.total)]


def choose(rng: Random, seq):
    """rng.choice without its overhead (this is called a lot)."""
    return seq[int(rng.random() * len(seq))]


def uniform_days(rng: Random, low: int, high: int) -> timedelta:
    """Between `low` and `high` days (inclusive), every whole number equally likely."""
    return timedelta(days=low + int(rng.random() * (high - low + 1)))


# --- who starts to be looked after ---------------------------------------------------------------

# Age band at the start of a period of care -> (min days, max days) of age.
START_AGE = Weighted({(0, 7): 10, (8, 364): 9, (365, 1825): 14, (1826, 3652): 14,
                      (3653, 5843): 36, (5844, 6560): 18})
UASC_START_AGE = Weighted({(4383, 5478): 12, (5479, 5843): 20, (5844, 6390): 50, (6391, 6560): 18})
UASC_SHARE_OF_STARTS = 0.12

ETHNICITY = Weighted({
    "WBRI": 680, "WIRI": 4, "WIRT": 4, "WOTH": 50, "WROM": 10,
    "MWBC": 38, "MWBA": 14, "MWAS": 16, "MOTH": 42,
    "AIND": 5, "APKN": 12, "ABAN": 5, "AOTH": 14,
    "BCRB": 15, "BAFR": 28, "BOTH": 14,
    "CHNE": 2, "OOTH": 22, "REFU": 3, "NOBT": 7,
})
UASC_ETHNICITY = Weighted({"AOTH": 30, "BAFR": 30, "OOTH": 22, "WOTH": 10, "BOTH": 5, "NOBT": 3})

CATEGORY_OF_NEED = Weighted({"N1": 650, "N2": 30, "N3": 30, "N4": 70, "N5": 130, "N6": 20,
                             "N7": 2, "N8": 68})

# --- how periods of care go ----------------------------------------------------------------------

# Pathway of a period of care by age band at its start (years).
PATHWAY_BY_AGE = [
    (1, Weighted({"home": 20, "adoption": 42, "sgo": 20, "cao": 3, "long_term": 14, "other": 3})),
    (5, Weighted({"home": 30, "adoption": 22, "sgo": 19, "cao": 3, "long_term": 25, "other": 3})),
    (10, Weighted({"home": 40, "sgo": 16, "cao": 4, "long_term": 36, "other": 4})),
    (16, Weighted({"home": 43, "sgo": 5, "long_term": 32, "teen_short": 8, "remand": 5, "other": 7})),
    (18, Weighted({"home": 28, "teen_short": 28, "long_term": 30, "remand": 6, "other": 8})),
]

ENDING = {
    "home": Weighted({"E4A": 75, "E4B": 10, "E13": 15}),
    "teen_short": Weighted({"E4A": 35, "E4B": 10, "E13": 20, "E8": 25, "E3": 5, "E6": 5}),
    "sgo": Weighted({"E45": 55, "E46": 10, "E47": 28, "E48": 7}),
    "cao": Weighted({"E41": 1}),
    "adoption": Weighted({"E11": 70, "E12": 30}),
    "remand": Weighted({"E14": 65, "E9": 15, "continue": 20}),
    "other": Weighted({"E3": 40, "E8": 50, "E16": 6, "E2": 1, "E4B": 3}),
    # leaving before the 18th birthday (16 or 17) from long-term care
    "early_leaver": Weighted({"E5": 25, "E13": 25, "E4A": 22, "E8": 23, "E6": 5}),
    "uasc_early": Weighted({"E15": 40, "E16": 20, "E8": 40}),
}

# How a period ends on the 18th birthday, by the kind of setting the young person is in.
AT_EIGHTEEN = {
    "foster": Weighted({"E17": 58, "E8": 24, "E5": 12, "E7": 3, "E6": 3}),
    "semi": Weighted({"E5": 42, "E8": 48, "E6": 6, "E7": 4}),
    "other": Weighted({"E8": 55, "E5": 30, "E7": 10, "E6": 5}),
}

ADOPTION_REVERSAL_SHARE = 0.12
REVERSAL_REASON = Weighted({"RD1": 25, "RD2": 20, "RD3": 35, "RD4": 20})

# --- legal status --------------------------------------------------------------------------------

FIRST_LEGAL_STATUS = {
    "adoption": Weighted({"C1": 85, "V2": 10, "L2": 5}),
    "young_order": Weighted({"C1": 68, "V2": 20, "L2": 6, "L1": 6}),
    "teen": Weighted({"V2": 32, "C1": 58, "L1": 7, "L2": 3}),
    "home": Weighted({"V2": 50, "C1": 40, "L1": 6, "L2": 4}),
    "teen_short": Weighted({"V2": 85, "L1": 10, "J2": 5}),
    "remand": Weighted({"J1": 92, "J3": 8}),
    "uasc": Weighted({"V2": 1}),
}

# --- placements ----------------------------------------------------------------------------------

# Kind of setting for a new placement, by age in whole years (upper bound exclusive).
SETTING_BY_AGE = [
    (1, Weighted({"foster": 64, "kinship": 24, "mbu": 8, "residential": 0.5})),
    (5, Weighted({"foster": 66, "kinship": 30, "residential": 1, "other": 0.5})),
    (10, Weighted({"foster": 63, "kinship": 25, "residential": 8, "school": 1, "other": 1})),
    (14, Weighted({"foster": 52, "kinship": 14, "residential": 27, "school": 2, "secure": 1,
                   "other": 2})),
    (16, Weighted({"foster": 42, "kinship": 9, "residential": 38, "school": 2, "secure": 2,
                   "other": 3, "health": 1})),
    (18, Weighted({"foster": 28, "kinship": 7, "residential": 22, "semi": 38, "indep": 2,
                   "other": 2, "health": 1})),
]
REMAND_SETTING = Weighted({"yoi": 30, "secure": 15, "residential": 30, "foster": 25})
UASC_SETTING = [(16, Weighted({"foster": 80, "residential": 20})),
                (18, Weighted({"semi": 72, "foster": 25, "residential": 3}))]

FOSTER_PROVIDER = Weighted({"PR1": 55, "PR4": 42, "PR5": 3})
HOME_PROVIDER = Weighted({"PR1": 15, "PR4": 80, "PR5": 5})
SEMI_PROVIDER = Weighted({"PR4": 80, "PR1": 10, "PR5": 10})
ADOPTION_PROVIDER = Weighted({"PR1": 40, "PR2": 35, "PR5": 20, "PR4": 5})

# Placement moves a year by kind of setting (young / teenage child).
MOVE_RATE = {
    "foster": (0.25, 0.65), "kinship": (0.10, 0.22), "residential": (0.5, 0.85), "semi": (0.6, 0.6),
    "indep": (0.3, 0.3), "school": (0.2, 0.3), "secure": (1.5, 1.5), "other": (0.6, 0.6),
    "health": (2.0, 2.0), "mbu": (3.0, 3.0), "yoi": (2.5, 2.5), "parents": (0.15, 0.25),
    "adoption": (0.0, 0.0),
}
EMERGENCY_FIRST_PLACEMENT = 0.3
# Children under a care order placed back with their parents (P1) at a placement change.
WITH_PARENTS_UNDER_ORDER = 0.08
# A placement change planned for the day of the final care-order hearing (RNE B).
MOVE_AT_HEARING = 0.12

MOVE_REASON = Weighted({"CARPL": 35, "CREQB": 18, "CREQO": 12, "CHILD": 8, "LAREQ": 7,
                        "CLOSE": 6, "STAND": 4, "ALLEG": 3, "APPRR": 1, "OTHER": 4})

# Temporary moves away from a foster carer: code -> (weight, min days, max days).
TEMPORARY = {"T3": (45, 3, 20), "T4": (30, 1, 7), "T1": (15, 2, 40), "T0": (8, 2, 14),
             "T2": (2, 3, 14)}
TEMPORARY_KIND = Weighted({code: w for code, (w, _, _) in TEMPORARY.items()})
TEMPORARY_RATE = 0.12

# --- reviews, missing, social workers ----------------------------------------------------------

PARTICIPATION = Weighted({"PN1": 52, "PN2": 5, "PN3": 5, "PN4": 4, "PN5": 8, "PN6": 21, "PN7": 5})
LATE_REVIEW_SHARE = 0.035

MISSING_INCIDENT_LENGTH = Weighted({0: 45, 1: 33, 2: 8, 3: 5, 5: 4, 10: 3, 25: 2})

SW_REASON = Weighted({"LEFTRL": 30, "MANAGE": 20, "TSPROC": 25, "ORGRST": 8, "ABSENC": 5,
                      "CHCHAN": 2, "PCCHAN": 2, "OTHERS": 8})

# --- outcomes ------------------------------------------------------------------------------------

SDQ_NO_SCORE_REASON = Weighted({"SDQ2": 20, "SDQ3": 15, "SDQ4": 45, "SDQ5": 20})

PREV_PERM = Weighted({"Z1": 84, "P4": 6, "P1": 2, "P2": 5, "P3": 3})
OTHER_LA_CODES = ["201", "302", "316", "330", "341", "355", "380", "420", "800", "812", "823",
                  "851", "873", "881", "886", "919", "935", "WAL", "SCO", "999"]

IN_TOUCH = Weighted({"YES": 86, "NO": 4, "REFU": 3, "NREQ": 5, "RHOM": 2})
ACTIVITY_17_18 = Weighted({"F1": 2, "F2": 40, "F4": 5, "F5": 6, "P2": 5, "P4": 1, "P5": 5,
                           "G4": 7, "G5": 21, "G6": 3})
ACTIVITY_19_21 = Weighted({"F1": 8, "P1": 1, "F2": 16, "P2": 4, "F4": 6, "P4": 1, "F5": 14,
                           "P5": 6, "G4": 10, "G5": 23, "G6": 11})
ACCOMMODATION_17 = Weighted({"B": 18, "C": 6, "D": 38, "E": 12, "U": 16, "K": 2, "V": 1,
                             "S": 1, "X": 1, "Y": 5})
ACCOMMODATION_18_PLUS = Weighted({"B": 12, "C": 3, "D": 22, "E": 8, "U": 34, "Z": 10, "T": 2,
                                  "K": 2, "V": 1, "W": 1, "S": 1, "X": 1, "G": 0.5, "Y": 2.5})
UNSUITABLE_ACCOMMODATION_SHARE = 0.09

ADOPTERS = Weighted({("2", "MF", "L11"): 52, ("2", "MF", "L3"): 12, ("2", "FF", "L12"): 4,
                     ("2", "MM", "L12"): 3, ("2", "FF", "L2"): 2, ("2", "MM", "L4"): 2,
                     ("1", "F1", "L0"): 22, ("1", "M1", "L0"): 3})
