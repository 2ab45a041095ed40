"""DfE rules 5xx on the decisions that a child should be placed for adoption (PlacedAdoption) and how they
fit the child's episodes and adoption details (AD1).

A child may have several decisions in a year when one was reversed and another made; "the decision in
force" is the latest by DATE_PLACED.
"""

from ..rule import Rule
from .field_groups import AD1_ITEMS
from .sql_checks import any_given, blank, given
from .sql_blocks import both_rows, overlapping

_PA = "placed_for_adoption"

# Each child's latest decision (a decision without a date sorts first, so it is never the latest).
_LATEST = f"""latest AS (
    SELECT * FROM ret_{_PA}
    QUALIFY row_number() OVER (PARTITION BY "CHILD" ORDER BY "DATE_PLACED" DESC NULLS LAST, row_no DESC) = 1)"""
_REVERSED = f'({given("DATE_PLACED_CEASED", "l.")} OR {given("REASON_PLACED_CEASED", "l.")})'
# A decision date written but unreadable is still a dated decision (rule 115 reports the date).
_NO_DATED_DECISION = f"""NOT EXISTS (SELECT 1 FROM ret_{_PA} p WHERE p."CHILD" = e."CHILD" AND {given("DATE_PLACED", "p.")})"""


def _order_without_decision(code: str, ls: str, order: str, years=None) -> Rule:
    """An order for adoption (LS E1 or D1) needs a decision to place for adoption behind it, and that decision
    cannot have been reversed while the order is still in force (the order's episode is open)."""
    return Rule(code, f"A {order} is recorded (legal status {ls}) but there is no dated decision that the child "
                      f"should be placed for adoption, or the latest decision is shown as reversed while the order "
                      f"is still in force. Add or correct the placed-for-adoption details.",
                table="episodes", fields=("CHILD", "LS", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
                tables=(_PA,), multi=True, years=years,
                sql=f"""WITH {_LATEST}
                    SELECT 'episodes' AS tbl, e.row_no FROM ret_episodes e
                    WHERE e."LS" = '{ls}' AND {_NO_DATED_DECISION}
                    UNION
                    SELECT '{_PA}' AS tbl, l.row_no FROM latest l
                    WHERE {_REVERSED}
                      AND EXISTS (SELECT 1 FROM ret_episodes e
                                  WHERE e."CHILD" = l."CHILD" AND e."LS" = '{ls}' AND {blank("DEC")})""")


def _decided_after(code: str, where: str, what: str, message_end: str, severity="error", years=None,
                   fields=("DATE_PLACED", "DECOM")) -> Rule:
    """The child's first episode matching `where` must come on or after a decision to place for adoption:
    at least one of the child's decisions is dated on or before it (a child with none is another rule's)."""
    return Rule(code, f"The decision that the child should be placed for adoption is dated after {what}. "
                      f"{message_end}",
                table="episodes", fields=fields, tables=(_PA,), multi=True, severity=severity, years=years,
                sql=both_rows(f"""WITH firsts AS (
                        SELECT "CHILD", row_no, "DECOM" FROM ret_episodes WHERE ({where}) AND "DECOM" IS NOT NULL
                        QUALIFY row_number() OVER ({{episode_order:"CHILD", "DECOM", row_no}}) = 1),
                    decisions AS (SELECT "CHILD", value_at_min(row_no, "DATE_PLACED") AS first_row,
                                         min("DATE_PLACED") AS first_decided
                                  FROM ret_{_PA} WHERE "DATE_PLACED" IS NOT NULL GROUP BY "CHILD")
                    SELECT f.row_no AS left_row, d.first_row AS right_row
                    FROM firsts f JOIN decisions d ON d."CHILD" = f."CHILD"
                    WHERE d.first_decided > f."DECOM" """, "episodes", _PA))


DECISIONS = (
    Rule("522", "The decision that the child should no longer be placed for adoption (DATE_PLACED_CEASED) is dated "
                "before the decision that they should be (DATE_PLACED). Correct one of the dates.",
         table=_PA, fields=("DATE_PLACED", "DATE_PLACED_CEASED"), fails='"DATE_PLACED" > "DATE_PLACED_CEASED"'),
    Rule("563", "A decision that the child should no longer be placed for adoption is recorded without the date of "
                "the decision that they should be. Give DATE_PLACED.",
         table=_PA, fields=("DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
         fails=f"{given('DATE_PLACED_CEASED')} AND {given('REASON_PLACED_CEASED')} AND {blank('DATE_PLACED')}"),
    Rule("579", "This decision to place the child for adoption starts while an earlier one is still in force "
                "(not reversed, or reversed after this date). Give the earlier decision's DATE_PLACED_CEASED, or "
                "correct the dates so decisions do not overlap.",
         table=_PA, fields=("DATE_PLACED", "DATE_PLACED_CEASED"),
         sql=overlapping(_PA, "DATE_PLACED", "DATE_PLACED_CEASED")),
    Rule("583", "The child has a later decision to place for adoption, but this earlier one was never reversed. "
                "Check both decisions are needed and give this one's DATE_PLACED_CEASED and reason (it may have "
                "been reversed in an earlier year).",
         table=_PA, fields=("DATE_PLACED", "DATE_PLACED_CEASED"), severity="query",
         sql=f"""SELECT row_no FROM (SELECT row_no, "r_DATE_PLACED_CEASED", "DATE_PLACED",
                                            max("DATE_PLACED") OVER (PARTITION BY "CHILD") AS latest_decided
                                     FROM ret_{_PA}) AS d
                 WHERE {blank("DATE_PLACED_CEASED")} AND "DATE_PLACED" < latest_decided"""),
)

EPISODES = (
    # Every adoptive placement is checked: a placement before the adopters' decision date makes no sense.
    Rule("521", "The child was placed for adoption before the date the council decided they should be placed for "
                "adoption (DATE_INT in the adoption details). Correct DATE_INT or the placement's start date.",
         table="episodes", fields=("DATE_INT", "DECOM", "PLACE"), tables=("ad1",), multi=True,
         sql=both_rows("""SELECT e.row_no AS left_row, a.row_no AS right_row
                          FROM ret_episodes e JOIN ret_ad1 a ON a."CHILD" = e."CHILD"
                          WHERE e."PLACE" IN {PLACE_ADOPTION} AND a."DATE_INT" > e."DECOM" """, "episodes", "ad1")),
    Rule("551", "The child is placed for adoption (placement A3-A6) but there is no dated decision that they should "
                "be placed for adoption. Add the decision (DATE_PLACED) to the placed-for-adoption details.",
         table="episodes", fields=("DATE_PLACED", "PLACE"), tables=(_PA,),
         sql=f"""SELECT e.row_no FROM ret_episodes e WHERE e."PLACE" IN {{PLACE_ADOPTION}} AND {_NO_DATED_DECISION}"""),
    _decided_after("552", '"PLACE" IN {PLACE_ADOPTION}', "the child was first placed for adoption",
                   "Correct DATE_PLACED or the adoptive placement's start date (DECOM)."),
    _order_without_decision("553", "E1", "placement order"),
    # The DfE warns that an order granted before this year's episodes may be missed or misread.
    _decided_after("554", '"LS" = \'E1\'', "the placement order (the first legal status E1 episode)",
                   "Check DATE_PLACED and the episodes: a placement order is granted after the decision. The "
                   "order may have started in an earlier year.", severity="query",
                   fields=("DATE_PLACED", "DECOM", "LS")),
    _order_without_decision("555", "D1", "freeing order", years=(2024,)),
    _decided_after("556", '"LS" = \'D1\'', "the freeing order (the first legal status D1 episode)",
                   "Correct DATE_PLACED or the freeing order's episode.", years=(2024,)),
    # A child who leaves care some other way than adoption, from an adoptive placement or while an order is
    # in force, must have the decision in force recorded as reversed (date and reason).
    Rule("557", "The child left care, not by adoption, while placed for adoption or under a placement or freeing "
                "order, but the decision to place them for adoption is not recorded as reversed. Give "
                "DATE_PLACED_CEASED and REASON_PLACED_CEASED on the latest decision (add the decision if missing).",
         table="episodes", fields=("DATE_PLACED_CEASED", "REASON_PLACED_CEASED", "PLACE", "LS", "REC"),
         tables=(_PA,), multi=True,
         sql=f"""WITH {_LATEST},
                 left_care AS (SELECT row_no, "CHILD" FROM ret_episodes
                               WHERE ("PLACE" IN {{PLACE_ADOPTION}} OR "LS" IN {{LS_AUTHORITY_TO_PLACE}})
                                 AND "REC" IS NOT NULL AND "REC" <> 'X1' AND "REC" NOT IN {{REC_ADOPTED}}),
                 unreversed AS (SELECT c.row_no AS ep_row, l.row_no AS pa_row
                                FROM left_care c LEFT JOIN latest l ON l."CHILD" = c."CHILD"
                                WHERE l.row_no IS NULL
                                   OR NOT ({given("DATE_PLACED_CEASED", "l.")}
                                           AND {given("REASON_PLACED_CEASED", "l.")}))
                 SELECT 'episodes' AS tbl, ep_row AS row_no FROM unreversed
                 UNION SELECT '{_PA}' AS tbl, pa_row FROM unreversed WHERE pa_row IS NOT NULL"""),
    # Only the decision in force is judged: an earlier decision reversed before a later one was made is history,
    # and its reversal date belongs there. The community validator judges every decision, flagging the earlier.
    Rule("558", "The child was adopted this year, yet their latest decision to place them for adoption is recorded "
                "as reversed. An adoption means the decision held: clear DATE_PLACED_CEASED (and its reason) on "
                "the latest decision, or correct the reason the episode ended.",
         table=_PA, fields=("DATE_PLACED_CEASED", "REC"), tables=("episodes",), multi=True,
         sql=both_rows(f"""WITH {_LATEST}
                           SELECT l.row_no AS left_row, e.row_no AS right_row
                           FROM latest l JOIN ret_episodes e ON e."CHILD" = l."CHILD"
                           WHERE e."REC" IN {{REC_ADOPTED}} AND {given("DATE_PLACED_CEASED", "l.")}""",
                       _PA, "episodes")),
)

AD1 = (
    # The adoption follows the decision in force, so AD1's decision date must be the latest decision's. The
    # community validator compares every decision, failing an earlier one that was reversed.
    Rule("523", "The decision date in the adoption details (DATE_INT) is not the date of the child's latest "
                "decision to place for adoption (DATE_PLACED). They record the same decision: make them equal.",
         table="ad1", fields=("DATE_INT", "DATE_PLACED"), tables=(_PA,), multi=True,
         sql=both_rows(f"""WITH {_LATEST}
                           SELECT a.row_no AS left_row, l.row_no AS right_row
                           FROM ret_ad1 a JOIN latest l ON l."CHILD" = a."CHILD"
                           WHERE a."DATE_INT" <> l."DATE_PLACED" """, "ad1", _PA)),
    Rule("525", "The decision to place the child for adoption is recorded as reversed, but adoption details are "
                "also given. A child whose adoption decision was reversed cannot be adopted in the year: remove "
                "the reversal or the adoption details.",
         table=_PA, fields=("DATE_PLACED_CEASED",) + AD1_ITEMS, tables=("ad1",), multi=True,
         sql=both_rows(f"""SELECT p.row_no AS left_row, a.row_no AS right_row
                           FROM ret_{_PA} p JOIN ret_ad1 a ON a."CHILD" = p."CHILD"
                           WHERE {given("DATE_PLACED_CEASED", "p.")} AND {any_given(AD1_ITEMS, "a.")}""",
                       _PA, "ad1")),
    Rule("582", "The child was adopted on the same date they were matched with the adopters (DATE_MATCH). Matching "
                "normally comes before the adoption: check DATE_MATCH and the date the episode ended.",
         table="episodes", fields=("DEC", "DATE_MATCH"), tables=("ad1",), severity="query",
         sql="""SELECT DISTINCT e.row_no FROM ret_episodes e JOIN ret_ad1 a ON a."CHILD" = e."CHILD"
                WHERE e."REC" IN {REC_ADOPTED} AND e."DEC" = a."DATE_MATCH" """),
)

RULES = DECISIONS + EPISODES + AD1
