"""DfE rules 630-635: the previous permanence (PrevPerm) table, asked of every child who starts to be looked
after, on any adoption, special guardianship or residence/child arrangements order they left an earlier
period of care by.

DATE_PERM is kept as written because it may say which parts of the date are unknown. The DfE guidance shows
zz/mm/yyyy (day unknown), zz/zz/yyyy (day and month) and zz/zz/zzzz (nothing known); the logic of rule 632
lets any one or more parts be zz (zzzz for the year), and the community validator accepts every such form,
so careboard does too (in either case). Known parts must still make a real date.
"""

from ..rule import Rule
from .sql_checks import any_given, code_rule, given

PREV_PERM_ITEMS = ("PREV_PERM", "LA_PERM", "DATE_PERM")
# The DfE collects previous permanence for children starting to be looked after from this date.
_COLLECTED_FROM = "DATE '2016-04-01'"

_SHAPE = "([0-9][0-9]?|zz)/([0-9][0-9]?|zz)/([0-9][0-9][0-9][0-9]|zzzz)"


def _part(text: str, n: int) -> str:
    return f"split_part({text}, '/', {n})"


def _earliest_fill(alias: str) -> str:
    """DATE_PERM with an unknown day read as the 1st, month as December and year as 2000 (a leap year, so a
    known 29/02 passes): a real date exactly when the known parts can make one. NULL for other text."""
    text = f'lower({alias}"r_DATE_PERM")'
    day, month, year = (_part(text, n) for n in (1, 2, 3))
    filled = (f"CASE {day} WHEN 'zz' THEN '1' ELSE {day} END || '/' || CASE {month} WHEN 'zz' THEN '12' "
              f"ELSE {month} END || '/' || CASE {year} WHEN 'zzzz' THEN '2000' ELSE {year} END")
    return f"(CASE WHEN whole_match({text}, '{_SHAPE}') THEN date_dmy({filled}) END)"


RULES = (
    # The DfE asks for the details when care starts this year. Any option but Z1 (none) needs the LA and the
    # date, even P4 (not known whether there was one): 999 and zz/zz/zzzz say they are not known.
    Rule("630", "The child started to be looked after this year but the previous permanence details are "
                "missing: give a PrevPerm row with PREV_PERM and, unless it is Z1 (no previous permanence "
                "option), LA_PERM and DATE_PERM (999 and zz/zz/zzzz when not known).",
         table="episodes", fields=("RNE",) + PREV_PERM_ITEMS, tables=("previous_permanence",),
         sql=f"""SELECT DISTINCT e.row_no FROM ret_episodes e
                 LEFT JOIN ret_previous_permanence p ON p."CHILD" = e."CHILD"
                 WHERE e."RNE" = 'S' AND e."DECOM" >= {{start}}
                   AND (p.row_no IS NULL OR p."PREV_PERM" IS NULL
                        OR (p."PREV_PERM" <> 'Z1'
                            AND NOT ({given("LA_PERM", "p.")} AND {given("DATE_PERM", "p.")})))"""),
    code_rule("631", "previous_permanence", "PREV_PERM", "Previous permanence option",
              "P1 (adoption), P2 (special guardianship order), P3 (residence or child arrangements order), "
              "P4 (not known) or Z1 (none)"),
    # The order comes before the care it is "previous" to: the latest start of care this year (RNE S), or the
    # first episode when care began before this year (whose start is not seen, as the DfE notes). So a child
    # who left care by an order this year and came back is judged against the new start. The community
    # validator compares with the child's first episode this year instead, which condemns that order; PrevPerm
    # describes what came before the current period of care, so careboard keeps the new start. Reported on
    # the PrevPerm row, and on that episode when the date is readable.
    Rule("632", "The date of the previous permanence order (DATE_PERM) is not a real date written dd/mm/yyyy (zz "
                "for a day or month not known, zzzz for a year, for example zz/06/2020 or zz/zz/zzzz), or is not "
                "before the child started to be looked after. Correct DATE_PERM.",
         table="previous_permanence", fields=("DATE_PERM", "DECOM"), tables=("episodes",), multi=True,
         # The date is read once (earliest) and the latest day it can mean worked out from that: the reading
         # written out three times cost DuckDB more to plan than the rest of the rule.
         sql=f"""WITH parsed AS (SELECT row_no, "CHILD", lower("r_DATE_PERM") AS text, {_earliest_fill("")} AS earliest
                                 FROM ret_previous_permanence WHERE {given("DATE_PERM")}),
                      perm AS (SELECT row_no, "CHILD", earliest IS NULL AS unreadable,
                                      CASE WHEN {_part("text", 3)} = 'zzzz' THEN NULL
                                           WHEN {_part("text", 1)} = 'zz' THEN last_day(earliest)
                                           ELSE earliest END AS latest
                               FROM parsed),
                      began AS (SELECT "CHILD", row_no, "DECOM" FROM ret_episodes WHERE "DECOM" IS NOT NULL
                                QUALIFY row_number() OVER (
                                    PARTITION BY "CHILD" ORDER BY coalesce("RNE" = 'S', false) DESC,
                                    CASE WHEN "RNE" = 'S' THEN "DECOM" END DESC, "DECOM", row_no) = 1),
                      bad AS (SELECT p.row_no AS perm_row, CASE WHEN NOT p.unreadable THEN f.row_no END AS ep_row
                              FROM perm p LEFT JOIN began f ON f."CHILD" = p."CHILD"
                              WHERE p.unreadable OR p.latest >= f."DECOM")
                 SELECT 'previous_permanence' AS tbl, perm_row AS row_no FROM bad
                 UNION SELECT 'episodes', ep_row FROM bad WHERE ep_row IS NOT NULL"""),
    Rule("633", "The LA where the previous permanence option was arranged (LA_PERM) is not a valid code. Use the "
                "LA's 3-digit DfE number, WAL, SCO, NIR or NUK (outside England or the UK), or 999 if not known.",
         table="previous_permanence", fields=("LA_PERM",),
         fails='"LA_PERM" IS NOT NULL AND "LA_PERM" NOT IN {LA_CODE} AND "LA_PERM" NOT IN {LA_PERM_OTHER}'),
    # "Started to be looked after from 1 April 2016" is judged on the latest episode start the return shows.
    # The community validator compares with 1 April of the collection year, not 2016, which fails every child
    # whose care began before the year; careboard keeps the DfE's date.
    Rule("634", "Previous permanence details are given for a child whose care began before 1 April 2016, when "
                "the DfE started collecting them. Remove the PrevPerm details, or correct the episode dates.",
         table="previous_permanence", fields=PREV_PERM_ITEMS + ("DECOM",), tables=("episodes",),
         fails=f"{any_given(PREV_PERM_ITEMS)} AND last_decom < {_COLLECTED_FROM}"),
    # The DfE wording names Z1 (no previous option); a blank option contradicts the other two fields as much.
    # The community validator fails only the blank option, leaving out the Z1 the DfE names.
    Rule("635", "A date of order or an LA is given for the previous permanence option, but the option is Z1 (none) "
                "or blank. Give the option (P1-P4), or remove LA_PERM and DATE_PERM.",
         table="previous_permanence", fields=PREV_PERM_ITEMS,
         fails=f"""({given("LA_PERM")} OR {given("DATE_PERM")}) AND coalesce("PREV_PERM", 'Z1') = 'Z1'"""),
)
