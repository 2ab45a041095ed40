"""DfE rules 1000-1016 on care leavers (OC3): who may have care leaver details, judged from this year's
episodes and, where the DfE looks further back, last year's; and the other data a child without episodes
must not have. The remaining 10xx codes (dates and codes of episodes, missing periods and placement
decisions) are in r1000_records.

careboard sees at most two returns, as the DfE's own tool does: care that ended before last year's
return began is invisible. Where that would make a rule condemn most older care leavers, the rule says
which young people it can judge and why.
"""

from ..rule import Rule
from .field_groups import OC3_ITEMS
from .sql_blocks import both_rows
from .sql_checks import any_given, until

_DETAILS = any_given(OC3_ITEMS)
_LEAVER_DOB = 'coalesce("DOB", header_dob)'
# Care leavers with details given who are 17 or 18 on 31 March, with an episode this year that `where` says
# was going on at (or ended after) the 17th or 18th birthday that falls in this collection year.
_AT_BIRTHDAY = f"""WITH leavers AS (
    SELECT row_no, "CHILD", own_age_end AS age,
           add_years({_LEAVER_DOB}, own_age_end) AS birthday
    FROM ret_v_oc3 WHERE {_DETAILS})
SELECT DISTINCT l.row_no FROM leavers l JOIN ret_episodes e ON e."CHILD" = l."CHILD"
WHERE l.age IN (17, 18) AND {{where}}"""


def _at_birthday(where: str) -> str:
    return _AT_BIRTHDAY.replace("{where}", where)

# This year's and last year's episodes of each child, an episode in both returns once (this year's copy,
# which knows how an episode open last March ended).
_BOTH_YEARS = """seen AS (
    SELECT * FROM (SELECT "CHILD", "DECOM", "DEC", "RNE", "LS", "REC", 0 AS older FROM ret_episodes
                   UNION ALL SELECT "CHILD", "DECOM", "DEC", "RNE", "LS", "REC", 1 FROM ret_episodes_last) AS e
    WHERE "DECOM" IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY "CHILD", "DECOM" ORDER BY older) = 1)"""


def _days_after(years: int) -> str:
    """Days of an episode (not a short break) after the birthday `years`, up to its end (31 March if open)."""
    birthday = f"CAST(l.dob + INTERVAL {years} YEAR AS DATE)"
    return (f"""CASE WHEN coalesce(s."LS" IN {{LS_SHORT_BREAK}}, false) THEN 0
                ELSE greatest(0, datediff('day', greatest(s."DECOM", {birthday}), coalesce(s."DEC", {{end}}))) END""")


_LAST_YEAR_FINAL = """SELECT "CHILD", coalesce("r_DEC", '') = '' AS still_open FROM ret_episodes_last
    QUALIFY row_number() OVER (PARTITION BY "CHILD" ORDER BY "DECOM" DESC NULLS LAST, row_no DESC) = 1"""

LEAVERS = (
    # Died in care (E2): this year's episodes, and last year's when that return is given.
    Rule("1000", "Care leaver details are given for a young person recorded as having died in care (an episode "
                 "ending E2 this year or last). Remove the OC3 details, or correct the reason the episode ended.",
         table="oc3", fields=OC3_ITEMS, tables=("episodes", "episodes_last"),
         sql=f"""SELECT row_no FROM ret_oc3 WHERE {_DETAILS}
                 AND "CHILD" IN (SELECT "CHILD" FROM ret_episodes WHERE "REC" = 'E2'
                                 UNION SELECT "CHILD" FROM ret_episodes_last WHERE "REC" = 'E2')"""),
    # A relevant or former relevant child was looked after for at least 91 days after turning 14 and for at
    # least a day after turning 16, not counting short breaks (V3, V4), and was not adopted. Judged for young
    # people with episodes in either return (those without are for 1002). The 91 days are judged only when
    # the first episode seen starts a period of care (RNE S): otherwise care began before last year's return
    # and its earlier days cannot be counted (a care leaver whose last placement began weeks before they
    # left would be condemned). Earlier, separate periods of care stay unseen, as the DfE's note warns. The
    # community validator judges the 91 days for everyone, flagging the care leavers its own note calls false
    # positives; careboard reports only what the two returns show.
    Rule("1001", "The episodes in this and last year's returns do not make this young person a care leaver (looked "
                 "after for 91 days or more after their 14th birthday and at least one day after their 16th, not "
                 "on short breaks, and not adopted). Remove the OC3 details, or check the episodes and date of "
                 "birth.",
         table="oc3", fields=OC3_ITEMS, tables=("episodes", "episodes_last", "header"), needs=("last_year",),
         sql=f"""WITH {_BOTH_YEARS},
                 l AS (SELECT row_no, "CHILD", {_LEAVER_DOB} AS dob FROM ret_v_oc3 WHERE {_DETAILS})
                 SELECT l.row_no FROM l JOIN seen s ON s."CHILD" = l."CHILD"
                 GROUP BY l.row_no, l.dob
                 HAVING value_at_max_or_null(s."REC", s."DECOM") IN {{REC_ADOPTED}}
                     OR sum({_days_after(16)}) < 1
                     OR (sum({_days_after(14)}) < 91 AND value_at_min_or_null(s."RNE", s."DECOM") = 'S')"""),
    # Judged only for young people whose 16th birthday falls on or after 1 April of last year: to be a care
    # leaver they were looked after on a day after it, so one of the two returns must show it. Older care
    # leavers usually left care before last year's return and would all be flagged: the community validator
    # flags every care leaver with no episodes in either return, which its note (and the DfE message) says
    # misjudges care before last year. A care leaver with no care ever is still found once they turn 16.
    Rule("1002", "Care leaver details are given for a young person with no episodes of care in this or last year's "
                 "return, although they turned 16 within those two years and so must have been looked after in "
                 "them to be a care leaver. Remove the OC3 details, or add the missing episodes.",
         table="oc3", fields=OC3_ITEMS, tables=("episodes", "episodes_last", "header"), needs=("last_year",),
         sql=f"""SELECT row_no FROM ret_v_oc3 WHERE {_DETAILS} AND n_episodes IS NULL
                 AND CAST({_LEAVER_DOB} + INTERVAL 16 YEAR AS DATE) >= CAST({{start}} - INTERVAL 1 YEAR AS DATE)
                 AND "CHILD" NOT IN (SELECT "CHILD" FROM ret_episodes_last)"""),
    # An episode still open counts as care on the birthday: the DfE logic is about the current episode having
    # no end. The community validator leaves open episodes out, so misses exactly those young people.
    Rule("1007", "Care leaver details are given for a 17- or 18-year-old who was still looked after on their 17th "
                 "or 18th birthday this year; details are only for young people who had left care by then. Remove "
                 "the OC3 details, or correct the episode dates.",
         table="oc3", fields=OC3_ITEMS, tables=("episodes", "header"),
         sql=_at_birthday(f"""e."DECOM" <= l.birthday AND {until("DEC", "DATE '9999-12-31'", "e.")} > l.birthday""")),
    Rule("1010", "Care leaver details are given for a young person whose care was still going on at the end of last "
                 "year's return, yet this year has no episodes for them. Add this year's episodes (including the one "
                 "carried over), or remove the OC3 details.",
         table="oc3", fields=OC3_ITEMS, tables=("episodes", "episodes_last"), needs=("last_year",),
         sql=f"""SELECT o.row_no FROM ret_v_oc3 o JOIN ({_LAST_YEAR_FINAL}) f ON f."CHILD" = o."CHILD"
                 WHERE {any_given(OC3_ITEMS, "o.")} AND o.n_episodes IS NULL AND f.still_open"""),
    Rule("1011", "Care leaver details are given for a young person whose care was taken over by another LA (their "
                 "final episode ends E3). The other LA reports them: remove the OC3 details.",
         table="oc3", fields=OC3_ITEMS, tables=("episodes",), fails=f"last_rec = 'E3' AND {_DETAILS}"),
    # Leaving care on the birthday itself counts as having left by then (as in 1007), and only the birthday in
    # this year counts. The community validator also fails leaving on the 17th birthday, and an 18-year-old who
    # left after turning 17, whose details are due; the DfE words say "after their birthday".
    Rule("1016", "Care leaver details are given for a 17- or 18-year-old who stopped being looked after after "
                 "their 17th or 18th birthday this year; details are only for young people who had left care by "
                 "then. Remove the OC3 details, or correct the episode dates.",
         table="oc3", fields=OC3_ITEMS, tables=("episodes", "header"),
         sql=_at_birthday("""e."REC" <> 'X1' AND e."DEC" > l.birthday""")),
)

# Tables with rows about a child in care; for a child without episodes this year they have nothing to describe.
_CARE_TABLES = ("placed_for_adoption", "missing", "reviews", "ad1", "previous_permanence", "oc2")

OTHER_DATA = (
    Rule("1012", "This child has no episodes this year, so no other details of care (reviews, missing periods, "
                 "adoption, previous permanence, health outcomes) belong in the return. Remove the row, or add "
                 "the child's episodes.",
         table="episodes", fields=("CHILD",), tables=_CARE_TABLES, multi=True,
         sql=" UNION ALL ".join(f"SELECT '{t}' AS tbl, row_no FROM ret_v_{t} WHERE n_episodes IS NULL"
                                for t in _CARE_TABLES)),
    # A care leaver here: care leaver details given and no episode open at any time in the year.
    Rule("1014", "UASC details are given for a care leaver who was not looked after this year. UASC status is "
                 "only collected for children in care: remove the UASC row (or the OC3 details).",
         table="uasc", fields=OC3_ITEMS + ("DUC",), tables=("oc3", "episodes"), multi=True,
         sql=both_rows(f"""SELECT u.row_no AS left_row, o.row_no AS right_row FROM ret_uasc u
                           JOIN ret_oc3 o ON o."CHILD" = u."CHILD"
                           WHERE {any_given(OC3_ITEMS, "o.")}
                             AND u."CHILD" NOT IN (SELECT "CHILD" FROM ret_episodes
                                                   WHERE "DECOM" <= {{end}} AND coalesce("DEC" >= {{start}}, true))""",
                       "uasc", "oc3")),
)

RULES = LEAVERS + OTHER_DATA
