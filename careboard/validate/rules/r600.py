"""DfE rules 601-628: adoption details against the episodes, and the mother fields of the header (against
the episodes and last year's return). Previous permanence (630-635) is in r600_prevperm.

One variant per code serves every year: female is read through the year-keyed SEX_FEMALE list (2 up to
2023/24, F from 2024/25).
"""

from ..rule import Rule
from .field_groups import AD1_ITEMS, OC3_ITEMS
from .sql_blocks import both_rows
from .sql_checks import any_blank, any_given, blank, given

# An episode that ends with an adoption (E11 unopposed, E12 consent dispensed with) within the year.
_ADOPTED_IN_YEAR = """"REC" IN {REC_ADOPTED} AND "DEC" BETWEEN {start} AND {end}"""

ADOPTION = (
    # A child adopted this year with no AD1 row at all has none of the details either (in XML the details sit
    # in the child's own record), so the episode is reported then too.
    Rule("601", "The child was adopted this year (an episode ends E11 or E12) but the adoption details are "
                "missing or incomplete. Give DATE_INT, DATE_MATCH, FOSTER_CARE, NB_ADOPTR, SEX_ADOPTR and "
                "LS_ADOPTR in the child's AD1 row.",
         table="ad1", fields=("REC",) + AD1_ITEMS, tables=("episodes",), multi=True,
         sql=f"""WITH adopted AS (SELECT "CHILD", row_no FROM ret_episodes WHERE {_ADOPTED_IN_YEAR}),
                      details AS (SELECT "CHILD", row_no, {any_blank(AD1_ITEMS)} AS gap FROM ret_ad1),
                      short AS (SELECT a.row_no AS ep_row, d.row_no AS ad_row
                                FROM adopted a LEFT JOIN details d ON d."CHILD" = a."CHILD"
                                WHERE d.row_no IS NULL OR d.gap)
                 SELECT 'episodes' AS tbl, ep_row AS row_no FROM short
                 UNION SELECT 'ad1', ad_row FROM short WHERE ad_row IS NOT NULL"""),
    Rule("602", "Adoption details (AD1) are given but none of the child's episodes this year ends in an adoption "
                "(REC E11 or E12). Remove the AD1 details, or correct how the child's last episode ended.",
         table="ad1", fields=("CHILD",) + AD1_ITEMS, tables=("episodes",),
         sql=f"""SELECT a.row_no FROM ret_ad1 a
                 WHERE {any_given(AD1_ITEMS, "a.")}
                   AND NOT EXISTS (SELECT 1 FROM ret_episodes e WHERE e."CHILD" = a."CHILD" AND {_ADOPTED_IN_YEAR})
                   -- nor tells of an adoption before the year, which a file holding earlier years keeps as history
                   AND NOT EXISTS (SELECT 1 FROM ret_episodes e WHERE e."CHILD" = a."CHILD"
                                   AND e."REC" IN {{REC_ADOPTED}} AND e."DEC" < {{start}})"""),
)

MOTHERS = (
    # Short breaks (V3, V4) do not make a child looked after for this purpose, so they do not ask for MOTHER.
    Rule("607", "A girl stopped being looked after this year but the mother field is blank. Give MOTHER: 1 if "
                "she is a mother, 0 if not.",
         table="header", fields=("MOTHER", "SEX", "DEC", "REC", "LS"), tables=("episodes",), multi=True,
         sql=both_rows(f"""SELECT h.row_no AS left_row, e.row_no AS right_row FROM ret_header h
                           JOIN ret_episodes e ON e."CHILD" = h."CHILD"
                           WHERE h."SEX" IN {{SEX_FEMALE}} AND {blank("MOTHER")}
                             AND e."REC" <> 'X1' AND e."DEC" BETWEEN {{start}} AND {{end}}
                             AND coalesce(e."LS" NOT IN {{LS_SHORT_BREAK}}, true)""", "header", "episodes")),
    Rule("611", "The child is recorded as a mother (MOTHER 1) but the date of birth of her child is blank. Give "
                "MC_DOB, or correct MOTHER.",
         table="header", fields=("MOTHER", "MC_DOB"), fails=f""""MOTHER" = '1' AND {blank("MC_DOB")}"""),
    Rule("612", "A date of birth for the mother's child is given but the mother field says she is not a mother "
                "(0 or blank). Set MOTHER to 1, or remove MC_DOB.",
         table="header", fields=("SEX", "MOTHER", "MC_DOB"),
         fails=f"""{given("MC_DOB")} AND "SEX" IN {{SEX_FEMALE}} AND coalesce("MOTHER", '0') = '0'"""),
    Rule("620", "The child is recorded as a mother but was under 11 at the start of the year. Check the date of "
                "birth and MOTHER.",
         table="header", fields=("DOB", "MOTHER"), fails=""""MOTHER" = '1' AND age_start < 11"""),
    Rule("621", "The date of birth of the mother's child is on or before the mother's own date of birth. Correct "
                "MC_DOB or DOB.",
         table="header", fields=("DOB", "MC_DOB"), fails='"MC_DOB" <= "DOB"'),
    # Only a date given this year is compared: a young woman known only as a care leaver this year leaves
    # the mother fields blank (rule 628), and a mother with none is rule 611's.
    Rule("624", "The date of birth of the mother's child differs from the one given in last year's return. A "
                "first child's date of birth does not change: give the same MC_DOB, or correct last year's.",
         table="header", fields=("MC_DOB",), tables=("header_last",), needs=("last_year",), compared=("MC_DOB",),
         fails='last_mc_dob IS NOT NULL AND "MC_DOB" <> last_mc_dob'),
    # The child's care ends with the final episode (by start date); while it is open, only 31 March bounds it.
    # (The community validator takes the latest end date of any episode, even with a later one still open.)
    Rule("625", "The date of birth of the mother's child is after 31 March or after the day she stopped being "
                "looked after. Correct MC_DOB (or the end of her last episode).",
         table="header", fields=("MC_DOB", "DEC"), tables=("episodes",),
         fails='"MC_DOB" > {end} OR "MC_DOB" > last_dec'),
    Rule("626", "The child is now recorded as a mother of a child born before this year, but last year's return "
                "said she was not a mother. Check MOTHER and MC_DOB here and in last year's return.",
         table="header", fields=("MOTHER", "MC_DOB"), tables=("header_last",), needs=("last_year",),
         compared=("MOTHER",),
         fails=""""MOTHER" = '1' AND last_mother = '0' AND "MC_DOB" < {start}"""),
    Rule("628", "The mother field is filled in for a care leaver who was not looked after this year. Motherhood "
                "is only asked about children in care: leave MOTHER blank.",
         table="header", fields=("MOTHER",), tables=("episodes", "oc3"),
         sql=f"""SELECT DISTINCT h.row_no FROM ret_v_header h JOIN ret_oc3 o ON o."CHILD" = h."CHILD"
                 WHERE {given("MOTHER", "h.")} AND h.n_episodes IS NULL AND {any_given(OC3_ITEMS, "o.")}"""),
)

RULES = ADOPTION + MOTHERS
