"""DfE rules 5xx on periods when a child was missing or away from placement without authorisation: the
row's own fields and dates, and how the periods fit the child's episodes and periods of care.
"""

from ..rule import Rule
from .sql_checks import blank, given, until
from .sql_blocks import overlapping

_OPEN = blank("MIS_END")
_DOB = 'coalesce("DOB", header_dob)'

# The child's periods of care in this return: episodes chained by each one starting no later than the day
# the one before ended. `ended` is the last episode's end, DATE '9999-12-31' while it is open (still_open),
# and NULL when its end date is written but unreadable: the period is over, on a date no rule can compare.
_PERIODS = f"""periods AS (
    SELECT "CHILD", min("DECOM") AS began, value_at_max_or_null({until("DEC", "DATE '9999-12-31'")}, "DECOM") AS ended,
           value_at_max({blank("DEC")}, "DECOM") AS still_open
    FROM (SELECT "CHILD", "DECOM", "DEC", "r_DEC",
                 sum(CASE WHEN coalesce("DECOM" > prev_dec, seq = 1) THEN 1 ELSE 0 END)
                     OVER (PARTITION BY "CHILD" ORDER BY seq) AS period
          FROM ret_v_episodes WHERE "DECOM" IS NOT NULL) AS s
    GROUP BY "CHILD", period)"""

ROWS = (
    Rule("564", "The child is recorded as missing or away without authorisation but the date it started "
                "(MIS_START) is blank. Give the start date.",
         table="missing", fields=("MISSING", "MIS_START"), fails=f"{given('MISSING')} AND {blank('MIS_START')}"),
    Rule("565", "A missing start date is given but not whether the child was missing (M) or away without "
                "authorisation (A). Fill in MISSING.",
         table="missing", fields=("MISSING", "MIS_START"), fails=f"{given('MIS_START')} AND {blank('MISSING')}"),
    Rule("566", "A missing end date is given but not whether the child was missing (M) or away without "
                "authorisation (A). Fill in MISSING.",
         table="missing", fields=("MISSING", "MIS_END"), fails=f"{given('MIS_END')} AND {blank('MISSING')}"),
    Rule("567", "The missing period ends (MIS_END) before it starts (MIS_START). Correct the dates.",
         table="missing", fields=("MIS_END", "MIS_START"), fails='"MIS_END" < "MIS_START"'),
    Rule("570", "The missing period starts after 31 March, the end of this collection year. Correct MIS_START, "
                "or leave the period for next year's return.",
         table="missing", fields=("MIS_START",), fails='"MIS_START" > {end}'),
    Rule("571", "The missing period's end date is outside this collection year (before 1 April or after 31 March). "
                "Correct MIS_END; a period still open on 31 March has no end date yet.",
         table="missing", fields=("MIS_END",), fails='"MIS_END" < {start} OR "MIS_END" > {end}'),
    Rule("586", "The missing period starts before the child was born. Correct MIS_START or the date of birth.",
         table="missing", fields=("MIS_START",), tables=("header",), fails=f'"MIS_START" < {_DOB}'),
)

WITH_EPISODES = (
    Rule("574", "This missing period starts before an earlier one has ended (or while it is still open). Periods "
                "must not overlap: give the earlier period's end date, or correct the dates.",
         table="missing", fields=("MIS_END", "MIS_START"), sql=overlapping("missing", "MIS_START", "MIS_END")),
    # A legal-status-only change (next episode RNE L on the same day) keeps the same placement, so it does not
    # end the placement the child went missing from.
    Rule("575", "The placement the child went missing from has ended, but the missing period has no end date. "
                "Give MIS_END (the child cannot stay missing from a placement that is over).",
         table="missing", fields=("MIS_END",), tables=("episodes",),
         sql=f"""SELECT DISTINCT m.row_no FROM ret_missing m JOIN ret_v_episodes e ON e."CHILD" = m."CHILD"
                 WHERE {_OPEN} AND m."MIS_START" BETWEEN e."DECOM" AND e."DEC"
                   AND NOT coalesce(e."REC" = 'X1' AND e.next_decom = e."DEC" AND e.next_rne = 'L', false)"""),
    Rule("577", "The missing period has no end date but the child is no longer looked after in the period of care "
                "it began in. Give MIS_END, at the latest the day the child's care ended.",
         table="missing", fields=("MIS_END",), tables=("episodes",),
         sql=f"""WITH {_PERIODS}
                 SELECT m.row_no FROM ret_missing m JOIN periods p ON p."CHILD" = m."CHILD"
                 WHERE {_OPEN} AND m."MIS_START" IS NOT NULL
                 GROUP BY m.row_no HAVING NOT bool_or(p.still_open AND p.began <= m."MIS_START")"""),
    Rule("578", "The missing period starts after the child stopped being looked after. Correct MIS_START, or the "
                "child's episodes if they were still in care.",
         table="missing", fields=("MIS_START",), tables=("episodes",),
         sql=f"""WITH {_PERIODS}
                 SELECT m.row_no FROM ret_missing m JOIN periods p ON p."CHILD" = m."CHILD"
                 WHERE m."MIS_START" IS NOT NULL
                 GROUP BY m.row_no
                 HAVING bool_or(p.ended < m."MIS_START")
                    AND NOT bool_or(m."MIS_START" BETWEEN p.began AND p.ended)"""),
    # Only a child whose care starts in this return (first episode RNE S) shows when care began; a child in
    # care from before may have gone missing during an earlier episode that is not in this year's files. The
    # community validator fails any period starting outside every episode this year, that child included;
    # careboard reports a start after care ended as 578, and here only a start before care provably began.
    Rule("581", "The missing period starts before the child began to be looked after. Correct MIS_START, or the "
                "start of the child's first episode.",
         table="missing", fields=("MIS_START",), tables=("episodes",),
         sql="""SELECT m.row_no FROM ret_missing m JOIN ret_child_episodes c ON c."CHILD" = m."CHILD"
                WHERE c.first_rne = 'S' AND m."MIS_START" < c.first_decom"""),
    # The DfE's reading: the missing period ends on the child's 18th birthday, the day care ended, so the
    # child left care while missing and the reason must be E8 (ceased for any other reason).
    Rule("580", "The child was missing when they stopped being looked after at 18 (the missing period ends on the "
                "day the episode ends, their 18th birthday), so the reason the episode ceased should be E8. "
                "Correct REC, or the missing dates.",
         table="episodes", fields=("REC",), tables=("missing",),
         sql="""SELECT DISTINCT e.row_no FROM ret_v_missing m JOIN ret_episodes e ON e."CHILD" = m."CHILD"
                 WHERE m."MIS_END" = CAST(coalesce(m."DOB", m.header_dob) + INTERVAL 18 YEAR AS DATE)
                   AND e."DEC" = m."MIS_END" AND e."REC" IS DISTINCT FROM 'E8'"""),
)

RULES = ROWS + WITH_EPISODES
