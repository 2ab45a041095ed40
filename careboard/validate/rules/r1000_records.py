"""DfE rules 1003-1015 that are not about care leavers: the decision to place for adoption against the start
of care, missing periods' dates and type, reasons for placement change, and placements checked against
Ofsted's URN list and the postcode directory (declared with needs, skipped until those are loaded).
"""

from ..rule import Rule
from .reference import placement_geo
from .sql_blocks import both_rows
from .sql_checks import code_rule, date_rule

RULES = (
    # Compared with the child's first episode this year that starts a period of care (RNE S).
    Rule("1003", "The decision that the child should be placed for adoption (DATE_PLACED) is dated before the child "
                 "started to be looked after. Correct DATE_PLACED or the start of the child's care.",
         table="placed_for_adoption", fields=("DATE_PLACED", "DECOM", "RNE"), tables=("episodes",), multi=True,
         sql=both_rows("""SELECT p.row_no AS left_row, s.row_no AS right_row FROM ret_placed_for_adoption p
                          JOIN (SELECT "CHILD", row_no, "DECOM" FROM ret_episodes WHERE "RNE" = 'S' AND "DECOM" IS NOT NULL
                                QUALIFY row_number() OVER ({episode_order:"CHILD", "DECOM", row_no}) = 1) s
                            ON s."CHILD" = p."CHILD"
                          WHERE p."DATE_PLACED" < s."DECOM" """, "placed_for_adoption", "episodes")),
    date_rule("1004", "missing", "MIS_START", "The date the child went missing or away without authorisation",
              required=True),
    date_rule("1005", "missing", "MIS_END", "The date the child's missing or away period ended"),
    # A blank type is rules 565/566's concern.
    code_rule("1006", "missing", "MISSING", "Whether the child was missing or away",
              "M (missing) or A (away from placement without authorisation)"),
    code_rule("1009", "episodes", "REASON_PLACE_CHANGE", "Reason for placement change",
              "CARPL, CLOSE, ALLEG, STAND, APPRR, CREQB, CREQO, CHILD, LAREQ, PLACE, CUSTOD or OTHER"),
    Rule("1008", "The Ofsted URN is not on Ofsted's list of registered settings. Check the URN; use XXXXXXX only "
                 "where the DfE allows it, and leave URN blank where the placement has none.",
         table="episodes", fields=("URN",), tables=("urn_list",), needs=("urn_list",),
         sql="""SELECT row_no FROM ret_episodes
                WHERE "URN" IS NOT NULL AND upper("URN") <> 'XXXXXXX'
                  AND upper("URN") NOT IN (SELECT "URN" FROM urn_list)"""),
    # PL_LA comes from the placement postcode; an unknown postcode gives no LA to compare, which rules 169
    # and 179 report. Short breaks, adoption and fostering (and from 2025/26 K3) may be anywhere.
    Rule("1015", "The placement is the LA's own provision (PR1) but the placement postcode is in another LA. "
                 "Check PLACE_PROVIDER (PR2 is another LA's provision) and the placement postcode.",
         table="episodes", fields=("PLACE_PROVIDER", "PL_POST", "PLACE", "LS"), tables=("postcode_lookup", "council"),
         needs=("postcodes", "council"),
         sql=f"""SELECT g.row_no FROM ({placement_geo('ret_episodes')}) g CROSS JOIN council c
                 WHERE g."PLACE_PROVIDER" = 'PR1' AND g."LS" NOT IN {{LS_SHORT_BREAK}}
                   AND g."PLACE" NOT IN {{PLACE_ANY_LA_1015}} AND g.pl_la <> c.la_code"""),
)
