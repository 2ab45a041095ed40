"""DfE rules 700-710 (from 2026/27): deprivation of liberty orders (DoLo table) — their dates, how they
follow each other and last year's return, and the placements a child may be in while one is in force.
"""

from ..rule import Rule
from .sql_blocks import both_rows, overlapping
from .sql_checks import bad_date, blank, given, missing_or_bad_date, until

_YEARS = (2027,)
_OPEN = blank("DOLO_END")

# Episodes in force during a DoLO with both dates (an open episode is still in force). A placement that
# ends the day an order starts, or starts the day it ends, is the hand-over, not a placement during the
# order. `where` narrows the placements; the pairs give the DoLo row (left) and the episode row (right).
_DURING = f"""SELECT d.row_no AS left_row, e.row_no AS right_row FROM ret_dolo d JOIN ret_episodes e ON e."CHILD" = d."CHILD"
    WHERE d."DOLO_START" IS NOT NULL AND d."DOLO_END" IS NOT NULL
      AND e."DECOM" < d."DOLO_END" AND d."DOLO_START" < {until("DEC", "DATE '9999-12-31'", "e.")} AND {{where}}"""


def _during(code: str, message: str, where: str, severity: str = "error") -> Rule:
    return Rule(code, message, table="dolo", fields=("DOLO_START", "DOLO_END", "PLACE"), tables=("episodes",),
                years=_YEARS, multi=True, severity=severity,
                sql=both_rows(_DURING.format(where=where), "dolo", "episodes"))


ROWS = (
    Rule("700", "The start date of the deprivation of liberty order (DOLO_START) is missing or not a real date "
                "written dd/mm/yyyy. Correct it.",
         table="dolo", fields=("DOLO_START",), years=_YEARS, fails=missing_or_bad_date("DOLO_START")),
    Rule("701", "The end date of the deprivation of liberty order (DOLO_END) is not a real date written "
                "dd/mm/yyyy. Correct it, or leave it blank while the order is in force.",
         table="dolo", fields=("DOLO_END",), years=_YEARS, fails=bad_date("DOLO_END")),
    Rule("702", "The deprivation of liberty order ends (DOLO_END) before it starts (DOLO_START). Correct the dates.",
         table="dolo", fields=("DOLO_END", "DOLO_START"), years=_YEARS, fails='"DOLO_END" < "DOLO_START"'),
    Rule("703", "The deprivation of liberty order starts after 31 March, the end of this collection year. Correct "
                "DOLO_START, or leave the order for next year's return.",
         table="dolo", fields=("DOLO_START",), years=_YEARS, fails='"DOLO_START" > {end}'),
    Rule("704", "The deprivation of liberty order's end date is outside this collection year (before 1 April or "
                "after 31 March). Correct DOLO_END; an order still in force at 31 March has no end date yet.",
         table="dolo", fields=("DOLO_END",), years=_YEARS, fails='"DOLO_END" < {start} OR "DOLO_END" > {end}'),
    # The order is for the child in care: once the child is not looked after at 31 March (episodes this year,
    # none still open) an order left open has outlived the care it belongs to.
    Rule("707", "The child stopped being looked after but this deprivation of liberty order has no end date. Give "
                "DOLO_END, at the latest the day the child's care ended.",
         table="dolo", fields=("DOLO_END",), tables=("episodes",), years=_YEARS,
         fails=f'{_OPEN} AND {given("DOLO_START")} AND n_episodes IS NOT NULL AND NOT open_at_end'),
    Rule("708", "The deprivation of liberty order starts before the child was born. Correct DOLO_START or the date "
                "of birth.",
         table="dolo", fields=("DOLO_START", "DOB"), tables=("header",), years=_YEARS,
         fails='"DOLO_START" < coalesce("DOB", header_dob)'),
)

ACROSS_ROWS = (
    Rule("705", "This deprivation of liberty order starts before an earlier one has ended (or while it is still "
                "open). Orders must not overlap: give the earlier order's end date, or correct the dates.",
         table="dolo", fields=("DOLO_END", "DOLO_START"), years=_YEARS,
         sql=overlapping("dolo", "DOLO_START", "DOLO_END")),
    # Reported on the child's first order this year, or on the header row when there is none to correct.
    Rule("706", "Last year's return ends with a deprivation of liberty order in force for this child, but this "
                "year has no order starting on that date. Carry the order over with the same DOLO_START (and give "
                "its end date if it ended).",
         table="dolo", fields=("CHILD", "DOLO_START"), tables=("dolo_last", "header"), needs=("last_year",),
         years=_YEARS, multi=True,
         sql="""WITH unmatched AS (
                      SELECT DISTINCT l."CHILD" FROM ret_dolo_last l
                      WHERE l."DOLO_START" IS NOT NULL AND coalesce(l."r_DOLO_END", '') = ''
                        AND NOT EXISTS (SELECT 1 FROM ret_dolo d
                                        WHERE d."CHILD" = l."CHILD" AND d."DOLO_START" = l."DOLO_START")),
                  first_now AS (
                      SELECT "CHILD", row_no FROM ret_dolo
                      QUALIFY row_number() OVER (PARTITION BY "CHILD" ORDER BY "DOLO_START" NULLS LAST, row_no) = 1)
                 SELECT 'dolo' AS tbl, f.row_no FROM unmatched u JOIN first_now f ON f."CHILD" = u."CHILD"
                 UNION
                 SELECT 'header' AS tbl, h.row_no FROM unmatched u JOIN ret_header h ON h."CHILD" = u."CHILD"
                 WHERE u."CHILD" NOT IN (SELECT "CHILD" FROM first_now)"""),
    # The DfE checks orders with both dates given. "Unexpected" rather than "cannot" (710): a query.
    _during("709", "While this deprivation of liberty order was in force the child was in a placement other than "
                   "a children's home (K2) or Z12/Z13, the placements expected with an order. Check the order's "
                   "dates and the placement type.",
            """coalesce(e."PLACE" NOT IN {PLACE_WITH_DOLO}, true)""", severity="query"),
    _during("710", "While this deprivation of liberty order was in force the child was placed in a secure children's "
                   "home (K1), with parents (P1), in a young offender institution (R5) or in supported "
                   "accommodation (K3), where such an order cannot apply. Correct the order's dates or the "
                   "placement.",
            """e."PLACE" IN {PLACE_NOT_WITH_DOLO}"""),
)

RULES = ROWS + ACROSS_ROWS
