"""DfE rules 5xx that compare this year's return with last year's (all need --last-year).

Episodes: the child's first episode this year must carry on the episode left open at the end of last year
(502, the 503 family, 562). Placed-for-adoption decisions and missing periods must carry over too
(559, 560, 561, 576, 584).
"""

from ...formats.registry import SSDA903 as spec
from ..rule import Rule
from .sql_checks import blank, given
from ...model.concepts import model_name
from .reference import placement_geo

# v_episodes carries the child's final episode in last year's return (last_final_*). This year's first
# episode must carry on the one left open there.
_FIRST_AFTER_OPEN = "seq = 1 AND last_final_open"


def _same_as_last(code: str, col: str, what: str) -> Rule:
    this, last = f'"{col}"', f"last_final_{model_name(col)}"
    if spec.table("episodes").kind(col) == "text":
        # free text (a URN) is compared in any case, as the DfE compares it; codes are upper-cased when typed
        this, last = f"upper({this})", f"upper({last})"
    return Rule(code, f"The {what} of the child's first episode this year is not the same as on the episode "
                      f"left open at the end of last year's return. The first episode this year should be that "
                      f"same episode: correct {col} this year, or last year's episode if that was wrong.",
                table="episodes", fields=(col,), tables=("episodes_last",), needs=("last_year",),
                fails=f"{_FIRST_AFTER_OPEN} AND {this} IS DISTINCT FROM {last}")


# The DfE lets a placement open at 31 March be recoded when its code left the list: H5 became K3
# (registered supported accommodation) in 2023/24 and 2024/25; Z1 split into Z11-Z14 from 2025/26.
_PLACE_MESSAGE = ("The placement type of the child's first episode this year is not the one on the episode left "
                  "open at the end of last year's return. Correct PLACE this year, or last year's episode if that "
                  "was wrong ({remap} is accepted).")


def _place_rule(remap: str, old: str, new: str, years: tuple[int, ...]) -> Rule:
    """503D: PLACE may differ from last year's `old` where it is one of the code list named `new`."""
    return Rule("503D", _PLACE_MESSAGE.format(remap=remap), table="episodes", fields=("PLACE",),
                tables=("episodes_last",), needs=("last_year",), years=years,
                fails=f"""{_FIRST_AFTER_OPEN} AND "PLACE" IS DISTINCT FROM last_final_place
                          AND NOT coalesce(last_final_place = '{old}' AND "PLACE" IN {{{new}}}, false)""")


# PL_DISTANCE, PL_LA and PL_LOCATION are not in the files: the DfE derives them from the postcodes, so these
# need careboard's postcode lookup and the council's own LA code (PL_LOCATION is IN when the placement LA is
# the council's).
def _located(source: str) -> str:
    """Episodes of `source` with placement LA, distance and location; each unknown when a lookup fails."""
    return f"""SELECT g.*, CASE WHEN g.pl_la IS NULL OR c.la_code IS NULL THEN NULL
                              WHEN g.pl_la = c.la_code THEN 'IN' ELSE 'OUT' END AS pl_location
               FROM ({placement_geo(source)}) g LEFT JOIN council c ON true"""


def _derived_same_as_last(code: str, col: str, what: str) -> Rule:
    return Rule(code, f"The {what}, worked out from the postcodes, differs between the child's first episode this "
                      f"year and the episode left open at the end of last year. Check HOME_POST and PL_POST on both: "
                      f"for the same episode they should not change.",
                table="episodes", fields=("HOME_POST", "PL_POST"),
                tables=("episodes_last", "postcode_lookup", "council"),
                # only the in/out-of-area location compares with the council's LA; the others just read
                # an empty council table when its code is not known
                needs=("last_year", "postcodes") + (("council",) if col == "pl_location" else ()),
                sql=f"""SELECT v.row_no FROM ret_v_episodes v
                        JOIN ({_located("ret_episodes")}) e ON e.row_no = v.row_no
                        JOIN ({_located("ret_episodes_last")}) l ON l.row_no = v.last_final_row
                        WHERE v.seq = 1 AND v.last_final_open AND e.{col} IS DISTINCT FROM l.{col}""")


EPISODES = (
    Rule("502", "Last year's return ended with this child's episode still open, but the child's first episode "
                "this year starts on a different date. The open episode should be the first episode this year: "
                "correct DECOM, or last year's episodes.",
         table="episodes", fields=("DECOM",), tables=("episodes_last",), needs=("last_year",),
         fails=f'{_FIRST_AFTER_OPEN} AND "DECOM" IS DISTINCT FROM last_final_decom'),
    _same_as_last("503A", "RNE", "reason for new episode"),
    _same_as_last("503B", "LS", "legal status"),
    _same_as_last("503C", "CIN", "category of need"),
    _place_rule("H5 becoming K3", "H5", "PLACE_REPLACING_H5", years=(2024, 2025)),
    _place_rule("Z1 becoming one of Z11-Z14", "Z1", "PLACE_REPLACING_Z1", years=(2026, 2027)),
    _same_as_last("503E", "PLACE_PROVIDER", "placement provider"),
    _same_as_last("503F", "URN", "Ofsted URN"),
    _derived_same_as_last("503G", "pl_distance", "distance from home to placement"),
    _derived_same_as_last("503H", "pl_la", "placement's local authority"),
    _derived_same_as_last("503J", "pl_location", "placement location (inside or outside the council's area)"),
    # A child whose care began before 1 April must continue last year's final episode.
    Rule("562", "The child's first episode this year began before 1 April, but it is not the last episode in last "
                "year's return (or the child is not in last year's episodes). Add the missing episode, or "
                "correct DECOM.",
         table="episodes", fields=("DECOM",), tables=("episodes_last",), needs=("last_year",),
         fails='seq = 1 AND "DECOM" < {start} AND "DECOM" IS DISTINCT FROM last_final_decom'),
)

_CEASED_LAST = f"""({given("DATE_PLACED_CEASED", "l.")} OR {given("REASON_PLACED_CEASED", "l.")})"""

def _against_reversed_last(code: str, message: str, clash: str) -> Rule:
    """This year's decisions `p` that `clash` with a decision `l` last year's return shows as reversed."""
    return Rule(code, message, table="placed_for_adoption", fields=("DATE_PLACED",),
                tables=("placed_for_adoption_last",), needs=("last_year",),
                sql=f"""SELECT DISTINCT p.row_no FROM ret_placed_for_adoption p
                        JOIN ret_placed_for_adoption_last l ON l."CHILD" = p."CHILD"
                        WHERE l."DATE_PLACED" IS NOT NULL AND {_CEASED_LAST} AND ({clash})""")


PLACED_FOR_ADOPTION = (
    Rule("559", "The decision that the child should be placed for adoption is dated before this year, but last "
                "year's return has no such decision for the child. Add it to last year's return, or correct "
                "DATE_PLACED.",
         table="placed_for_adoption", fields=("DATE_PLACED",), tables=("placed_for_adoption_last",),
         needs=("last_year",),
         sql=f"""SELECT p.row_no FROM ret_placed_for_adoption p
                WHERE p."DATE_PLACED" < {{start}}
                  AND p."CHILD" NOT IN (SELECT "CHILD" FROM ret_placed_for_adoption_last
                                        WHERE {given("DATE_PLACED")} AND "CHILD" IS NOT NULL)"""),
    # A decision still in force at the end of last year must come back with the same date.
    Rule("560", "Last year's return shows a decision to place the child for adoption still in force, but this "
                "year no decision carries that date. Use the same DATE_PLACED as last year, or record last "
                "year's decision as ceased if it changed.",
         table="placed_for_adoption", fields=("DATE_PLACED", "DATE_PLACED_CEASED"),
         tables=("placed_for_adoption_last",), needs=("last_year",),
         sql=f"""WITH open_last AS (SELECT "CHILD", "DATE_PLACED" FROM ret_placed_for_adoption_last
                                    WHERE "DATE_PLACED" IS NOT NULL AND {blank("DATE_PLACED_CEASED")})
                 SELECT DISTINCT p.row_no FROM ret_placed_for_adoption p JOIN open_last o ON o."CHILD" = p."CHILD"
                 WHERE p."DATE_PLACED" IS DISTINCT FROM o."DATE_PLACED"
                   AND NOT EXISTS (SELECT 1 FROM ret_placed_for_adoption q
                                   WHERE q."CHILD" = o."CHILD" AND q."DATE_PLACED" = o."DATE_PLACED")"""),
    _against_reversed_last(
        "561", "This decision to place the child for adoption has the same date as one last year's return records "
               "as no longer in force. A reversed decision cannot continue: correct DATE_PLACED, or last year's "
               "reversal.",
        'p."DATE_PLACED" = l."DATE_PLACED"'),
    # A new decision after a reversal must come after the reversed one; the same date is rule 561's case.
    _against_reversed_last(
        "584", "Last year's return records the child's decision to place for adoption as reversed, but this "
               "decision is dated before that one (or has no date). A new decision must come after the reversed "
               "one: correct DATE_PLACED.",
        f'{blank("DATE_PLACED", "p.")} OR p."DATE_PLACED" < l."DATE_PLACED"'),
)

# Reported on the child's first missing row this year, or on their header row when they have none.
MISSING = (
    Rule("576", "Last year's return ends with this child missing or away without authorisation, but this year "
                "there is no period starting on that date. Carry the open period over with the same start date "
                "(and give its end date if it ended).",
         table="missing", fields=("CHILD", "MIS_START"), tables=("missing_last", "header"), needs=("last_year",),
         multi=True,
         sql=f"""WITH open_last AS (SELECT DISTINCT "CHILD", "MIS_START" FROM ret_missing_last
                                    WHERE "MIS_START" IS NOT NULL AND {blank("MIS_END")}),
                 first_now AS (SELECT "CHILD", row_no FROM ret_missing
                               QUALIFY row_number() OVER (PARTITION BY "CHILD" ORDER BY "MIS_START" NULLS LAST,
                                                                                     row_no) = 1),
                 unmatched AS (SELECT o."CHILD" FROM open_last o
                               WHERE NOT EXISTS (SELECT 1 FROM ret_missing m
                                                 WHERE m."CHILD" = o."CHILD" AND m."MIS_START" = o."MIS_START"))
                 SELECT 'missing' AS tbl, f.row_no FROM unmatched u JOIN first_now f ON f."CHILD" = u."CHILD"
                 UNION
                 SELECT 'header' AS tbl, h.row_no FROM unmatched u JOIN ret_header h ON h."CHILD" = u."CHILD"
                 WHERE NOT EXISTS (SELECT 1 FROM ret_missing m WHERE m."CHILD" = u."CHILD")"""),
)

RULES = EPISODES + PLACED_FOR_ADOPTION + MISSING
