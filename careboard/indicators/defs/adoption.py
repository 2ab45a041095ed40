"""Adoption scorecard timeliness: A1, A10, A2 and A3 (indicators.md A11b).

Each measure comes twice: over the 12 months to the report date, as monthly reports use it, and
over the 3 years to the report date, as the DfE scorecards average it. All of them read the
`adoptions` model view (one row per period of care that ended in adoption), so the cohort of
"children adopted in the window" is the same everywhere: the adoption (DEC of the E11/E12
episode) falls in the window.
"""

from __future__ import annotations

from ..base import Indicator

# National performance thresholds for 2013-16, the end point of the 2012 Action Plan for Adoption:
# 14 months for A1/A10 and 4 months for A2. The day figures are the usual conversion (indicators.md
# A11b marks them uncertain); local targets are configuration, these are only the default extras.
A1_THRESHOLD_DAYS = 426
A2_THRESHOLD_DAYS = 121
A3_MONTHS = 14

# window -> (id suffix, words used in titles and sentences)
WINDOWS = {"12m": ("", "12 months"), "36m": ("_3yr", "3 years")}

REFERENCE = "DfE adoption scorecards (A1, A2, A3, A10); indicators.md A11b"
GROUP = "Adoption"


def _within(days: int) -> dict[str, str]:
    # count(...) rather than sum(...) so an empty cohort gives 0, not NULL
    return {f"within_{days}": f"count(CASE WHEN num <= {days} THEN 1 END)"}


def _adopted_rows(num: str, columns: str, condition: str = "") -> str:
    """Children adopted in the window with a placement for adoption recorded, one row each."""
    return f"""
SELECT child, entered_care, {columns}, adopted_on, file_id, line_no, {num} AS num
FROM adoptions
WHERE adopted_on BETWEEN {{period_start}} AND {{period_end}} AND placed_for_adoption IS NOT NULL{condition}
"""


# The measures from entering care leave out a child whose care began before the returns loaded.
_ENTERED_CARE_KNOWN = "\n  AND entered_care IS NOT NULL"

# A1: entering care to the first day placed for adoption with the family who adopted.
_A1_SQL = _adopted_rows("date_diff('day', entered_care, placed_for_adoption)", "placed_for_adoption",
                        _ENTERED_CARE_KNOWN)

# A10: as A1, but for a foster-carer adoption the clock stops when the child moved in with them.
_A10_SQL = _adopted_rows("date_diff('day', entered_care, moved_in_with_adopters)",
                         "placed_for_adoption, moved_in_with_adopters, adopted_by_foster_carer", _ENTERED_CARE_KNOWN)

# A2: court authority to place (first placement or freeing order in the period) to the match,
# 0 when the match came first.
_A2_SQL = _adopted_rows(
    "CASE WHEN match_date > authority_date THEN date_diff('day', authority_date, match_date) ELSE 0 END",
    "placed_for_adoption, authority_date, match_date",
    "\n  AND authority_date IS NOT NULL AND match_date IS NOT NULL")

# A3: "less than 14 months" in calendar months, so the day before the 14-month anniversary counts.
_A3_SQL = _adopted_rows(
    f"CASE WHEN placed_for_adoption < entered_care + INTERVAL '{A3_MONTHS}' MONTH THEN 1 ELSE 0 END",
    "placed_for_adoption", _ENTERED_CARE_KNOWN)

_NOT_PLACED_PLAIN = ("Children adopted with no placement for adoption recorded are left out, as the data gives no "
                     "date they moved in, and so are children who came into care before the earliest return "
                     "loaded, as it gives no date they came into care.")
_NOT_PLACED = ("Children adopted without a recorded placement for adoption (no PLACE A3-A6 episode in the "
               "period) are left out: the return gives no date they moved in. So is a period of care whose "
               "first episode loaded has an RNE other than S: it began before the returns loaded.")


# What the three day measures share: a mean of each child's days, lower is better, whole days.
_DAYS = {"unit": "days", "aggregate": "mean", "polarity": "low", "decimals": 0}
_MOVED_IN = "days passed between entering care and moving in with their adoptive family"


def _declare(stem: str, fields) -> tuple[Indicator, ...]:
    """The 12-month and the 3-year version of one measure; `fields(words)` gives what differs."""
    # one row per adoption: a child adopted twice in the window (after a breakdown) is two adoptions
    return tuple(Indicator(id=f"{stem}{suffix}", window=window, group=GROUP, reference=REFERENCE, counts="adoptions",
                           **fields(words))
                 for window, (suffix, words) in WINDOWS.items())


def _a1(words: str) -> dict:
    return dict(
        _DAYS,
        title=f"A1: days from entering care to moving in with the adoptive family ({words})",
        numerator="Days between entering care and being placed for adoption with the family who adopted, summed",
        denominator=f"Children adopted in the {words} to the report date",
        definition="For each child adopted in the period, the number of days from coming into care (the latest "
                   "time, if they were in care more than once) to moving in with the family who adopted them, "
                   "averaged over those children. If an earlier placement for adoption broke down, the clock runs "
                   "on until the child moved in with their adoptive family. "
                   f"{_NOT_PLACED_PLAIN} The sentence also gives how many moved in within "
                   f"{A1_THRESHOLD_DAYS} days (14 months, the national threshold from 2013 to 2016).",
        technical="For each child whose period of care ended in adoption (REC E11/E12) in the window: days from "
                   "the start of that period of care (an earlier period does not count) to the start of the "
                   "first episode placed for adoption (PLACE A3-A6) with the carers the child was last placed "
                   "for adoption with, so a placement for adoption that broke down does not stop the clock. "
                   f"The mean over those children. {_NOT_PLACED} Extra within_{A1_THRESHOLD_DAYS}: children "
                   f"who moved in within {A1_THRESHOLD_DAYS} days (14 months, the national 2013-16 threshold).",
        sentence=f"For the {{den}} children adopted in the {words} to {{month}}, on average {{value}} {_MOVED_IN}. "
                 f"{{within_{A1_THRESHOLD_DAYS}}} of the {{den}} moved in within {A1_THRESHOLD_DAYS} days.",
        sql=_A1_SQL,
        extras=_within(A1_THRESHOLD_DAYS),
    )


def _a10(words: str) -> dict:
    return dict(
        _DAYS,
        title=f"A10: days from entering care to moving in with the adoptive family, "
              f"adjusted for foster-carer adoptions ({words})",
        numerator="Days between entering care and moving in with the family who adopted, summed",
        denominator=f"Children adopted in the {words} to the report date",
        definition="As A1, except that for a child adopted by their own foster carers the clock stops on the day "
                   "the child moved in with those carers, not on the day they became the child's adoptive "
                   f"placement. {_NOT_PLACED_PLAIN} The sentence also gives how many moved in within "
                   f"{A1_THRESHOLD_DAYS} days.",
        technical="As A1, except when the child was adopted by their foster carers (AD1 FOSTER_CARE = 1, or "
                   "placed for adoption with current foster carers, PLACE A3/A5): the clock stops on the day "
                   "the child began living with those carers, found by walking back from the placement for "
                   "adoption through episodes with the same carer (RNE L, T or U, and temporary absences the "
                   f"child returned from). {_NOT_PLACED} Extra within_{A1_THRESHOLD_DAYS}: children who moved "
                   f"in within {A1_THRESHOLD_DAYS} days.",
        sentence=f"For the {{den}} children adopted in the {words} to {{month}}, on average {{value}} {_MOVED_IN}, "
                 f"counting a foster-carer adoption from when the child moved in with those carers. "
                 f"{{within_{A1_THRESHOLD_DAYS}}} of the {{den}} moved in within {A1_THRESHOLD_DAYS} days.",
        sql=_A10_SQL,
        extras=_within(A1_THRESHOLD_DAYS),
    )


def _a2(words: str) -> dict:
    return dict(
        _DAYS,
        title=f"A2: days from court authority to place to the match with adopters ({words})",
        numerator="Days between the court's authority to place and the match with adopters, summed",
        denominator=f"Children adopted in the {words} to the report date under a placement or freeing order",
        definition="For each child adopted in the period under a placement order, the number of days from the "
                   "court giving the council authority to place the child for adoption to the council deciding on "
                   "a match with adopters (0 days if the match came first), averaged over those children. Children "
                   "with no placement order, no placement for adoption before the adoption, or no match date "
                   "recorded are left out, and so are children whose placement order was made before the "
                   f"earliest return loaded. The sentence also gives how many were matched within "
                   f"{A2_THRESHOLD_DAYS} days (4 months, the national threshold from 2013 to 2016).",
        technical="For each child adopted in the window: days from the first episode in the period of care "
                   "with LS E1 (placement order) or D1 (freeing order) to the AD1 match date (DATE_MATCH), "
                   "0 when the match came first. Children with no placement or freeing order in that period, "
                   "with no placement for adoption (PLACE A3-A6) before the adoption, or with no AD1 match "
                   "date are left out, and so is an order in force on the first episode loaded of a period "
                   "that began before the returns loaded, unless that episode's RNE is L, B or U (the legal "
                   f"status changed that day). Extra within_{A2_THRESHOLD_DAYS}: children matched within "
                   f"{A2_THRESHOLD_DAYS} days (4 months, the national 2013-16 threshold).",
        sentence=f"For the {{den}} children adopted in the {words} to {{month}} under a placement order, on "
                 f"average {{value}} days passed between the court's authority to place and the match with "
                 f"their adopters. {{within_{A2_THRESHOLD_DAYS}}} of the {{den}} were matched within "
                 f"{A2_THRESHOLD_DAYS} days.",
        sql=_A2_SQL,
        extras=_within(A2_THRESHOLD_DAYS),
    )


def _a3(words: str) -> dict:
    return dict(
        title=f"A3: children adopted who moved in with their adoptive family less than 14 months after "
              f"entering care ({words})",
        unit="%",
        aggregate="share",
        polarity="high",
        numerator="Children placed for adoption less than 14 calendar months after entering care",
        denominator=f"Children adopted in the {words} to the report date",
        definition="Of the children counted in A1, the share who moved in with the family who adopted them less "
                   "than 14 months after coming into care.",
        technical="Children counted in A1 whose A1 date (placed for adoption with the family who adopted) is "
                   "before the 14-month anniversary of entering care, as a share of the children counted in A1.",
        sentence=f"{{num}} of the {{den}} children adopted in the {words} to {{month}} moved in with their "
                 f"adoptive family less than 14 months after entering care ({{value}}).",
        sql=_A3_SQL,
        decimals=1,
    )


INDICATORS = (_declare("adopt_a1_days", _a1) + _declare("adopt_a10_days", _a10)
              + _declare("adopt_a2_days", _a2) + _declare("adopt_a3_pct", _a3))
