"""DfE social-worker rules (SW01STG1-SW19STG2) over SWEpisodes, reported from 2023/24.

The table lists, for each child looked after on 31 March, every social worker episode of the 12 months to
31 March (also those while the child was not looked after): SW_ID, SW_DECOM, SW_DEC (blank while still open
on 31 March) and SW_REASON (why the social worker changed).

Blank items: up to 2024/25 the completeness rules (SW03STG1, then SW01aSTG1/SW01bSTG1) report a missing ID,
start date or reason, so the format rules (SW02, SW04, SW13) look only at what was given. From 2025/26 there
is no completeness rule and the format rules report blanks too, so each blank is reported once every year.
"""

from __future__ import annotations

from ..rule import Rule
from .sql_checks import bad_date, blank, given, missing_or_bad_date, optional_code

_Y2024, _Y2025, _FROM_2025, _FROM_2026 = (2024,), (2025,), (2025, 2026, 2027), (2026, 2027)

# The first collection year with SWEpisodes began on 1 April 2023; episodes begun earlier predate it and
# need no reason for the change of social worker.
_COLLECTION_BEGAN = "DATE '2023-04-01'"

_OPEN = blank("SW_DEC")

# Each child's episodes in order of start (an earlier end first when two start together), with the episode
# either side. Rows without a readable start date cannot be placed and are left to SW04STG1.
_ORDERED = f"""(SELECT row_no, "CHILD", "SW_DECOM", "SW_DEC", "SW_REASON", {_OPEN} AS is_open,
       row_number() OVER w AS seq,
       lag("SW_DEC") OVER w AS prev_dec, lag({_OPEN}) OVER w AS prev_open,
       lead("SW_DECOM") OVER w AS next_decom,
       max("SW_DECOM") OVER (PARTITION BY "CHILD") AS child_last_decom,
       bool_or({_OPEN}) OVER (PARTITION BY "CHILD") AS child_has_open
FROM ret_sw_episodes WHERE "SW_DECOM" IS NOT NULL
WINDOW w AS (PARTITION BY "CHILD" ORDER BY "SW_DECOM", "SW_DEC" NULLS LAST, row_no)) AS o"""


def _ordered(where: str) -> dict:
    """A row rule over the ordered episodes: every rule using it is checked in one scan of the window."""
    return {"fails": where, "over": _ORDERED}


# Looked after on 31 March: an episode still open (DEC blank as written) that is not a short break, begun by
# then (one begun after it is no child looked after on 31 March, and rule 354 says its date is wrong).
_LOOKED_AFTER_AT_END = f"""SELECT row_no, "CHILD" FROM ret_episodes
WHERE {blank("DEC")} AND coalesce("LS", '') NOT IN {{LS_SHORT_BREAK}} AND coalesce("DECOM" <= {{end}}, true)"""

# The previous episode is still open, or ended more than 7 days before or after this one began.
_NOT_WITHIN_7_DAYS = "seq > 1 AND (prev_open OR abs(datediff('day', prev_dec, \"SW_DECOM\")) > 7)"
_NOT_FIRST_CONTACT = "coalesce(\"SW_REASON\", '') <> 'FCONTA'"

# Open although a later episode for the child has started.
_OPEN_BEFORE_LATER = 'is_open AND "SW_DECOM" < child_last_decom'

_ID_SHAPE = "(left(\"SW_ID\", 2) NOT IN ('SW', 'XX') OR length(\"SW_ID\") = 2)"


def _coverage_rule(years: tuple[int, ...], report_missing_children: bool) -> Rule:
    """SW12STG2: children looked after on 31 March whose social worker episodes do not reach back to 1 April
    (or birth, for a child born in the year). A chain may instead begin with a first contact (FCONTA) in the
    year, since a child new to children's social care had no social worker to report before it; but not
    after the child's care began. From 2024/25, when SW01STG1 no longer reports them, a looked-after child
    with no social worker episodes at all is reported on the open episode."""
    sql = f"""WITH cla AS (SELECT DISTINCT "CHILD" FROM ({_LOOKED_AFTER_AT_END}) AS l),
first_sw AS (SELECT "CHILD", row_no, "SW_DECOM", "SW_REASON" FROM ret_sw_episodes WHERE "SW_DECOM" IS NOT NULL
             QUALIFY row_number() OVER (PARTITION BY "CHILD" ORDER BY "SW_DECOM", row_no) = 1),
born AS (SELECT "CHILD", max("DOB") AS dob FROM ret_header GROUP BY "CHILD")
SELECT 'sw_episodes' AS tbl, f.row_no FROM first_sw f JOIN cla ON cla."CHILD" = f."CHILD"
LEFT JOIN born b ON b."CHILD" = f."CHILD"
LEFT JOIN ret_child_episodes ce ON ce."CHILD" = f."CHILD"
WHERE f."SW_DECOM" > greatest({{start}}, coalesce(b.dob, {{start}}))
  AND (f."SW_REASON" IS DISTINCT FROM 'FCONTA' OR f."SW_DECOM" > ce.first_decom)"""
    if report_missing_children:
        sql += f"""
UNION ALL SELECT 'episodes', l.row_no FROM ({_LOOKED_AFTER_AT_END}) AS l
WHERE NOT EXISTS (SELECT 1 FROM ret_sw_episodes s WHERE s."CHILD" = l."CHILD")"""
    missing = "are missing, or " if report_missing_children else ""
    return Rule("SW12STG2", f"This child is looked after on 31 March, but their social worker episodes {missing}begin "
                            "after 1 April (or after birth, for a baby born in the year) without a first contact "
                            "(FCONTA) made before the child's care began. Give the child's social worker episodes "
                            "for the whole year, including any time the child was not looked after.",
                table="sw_episodes", fields=("SW_DECOM",), tables=("episodes", "header", "child_episodes"),
                years=years, multi=True, sql=sql)


COMPLETENESS = (
    # "At least one instance of each" item: a child whose rows never give an ID, a start or a reason.
    Rule("SW01STG1", "This child is looked after on 31 March but SWEpisodes has no social worker episodes for "
                     "them, or none of them gives the social worker's ID, the start date or the reason for the "
                     "change. Add the child's social worker episodes for the year, complete.",
         table="episodes", fields=("DEC",), tables=("sw_episodes",), years=_Y2024,
         sql=f"""SELECT l.row_no FROM ({_LOOKED_AFTER_AT_END}) AS l
LEFT JOIN (SELECT "CHILD", bool_or("SW_ID" IS NOT NULL) AS has_id,
                  bool_or({given("SW_DECOM")}) AS has_start,
                  bool_or("SW_REASON" IS NOT NULL) AS has_reason
           FROM ret_sw_episodes GROUP BY "CHILD") AS s ON s."CHILD" = l."CHILD"
WHERE NOT coalesce(s.has_id AND s.has_start AND s.has_reason, false)"""),
    Rule("SW03STG1", "This social worker episode is incomplete. Give the social worker ID, the date the episode "
                     "began and the reason for the change of social worker.",
         table="sw_episodes", fields=("SW_DECOM", "SW_ID", "SW_REASON"), years=_Y2024,
         fails=f"\"SW_ID\" IS NULL OR {blank('SW_DECOM')} OR \"SW_REASON\" IS NULL"),
    # A blank start date belongs to neither group below; it is reported here, with the items every episode needs.
    Rule("SW01aSTG1", "This social worker episode has no start date, or began before 1 April 2023 without a "
                      "social worker ID. Give the start date and the ID (a reason for the change is not needed "
                      "for episodes that began before 1 April 2023).",
         table="sw_episodes", fields=("SW_DECOM", "SW_ID"), years=_Y2025,
         fails=f"{blank('SW_DECOM')} OR (\"SW_DECOM\" < {_COLLECTION_BEGAN} AND \"SW_ID\" IS NULL)"),
    Rule("SW01bSTG1", "This social worker episode began on or after 1 April 2023 but is missing the social "
                      "worker ID or the reason for the change of social worker. Give both.",
         table="sw_episodes", fields=("SW_DECOM", "SW_ID", "SW_REASON"), years=_Y2025,
         fails=f"\"SW_DECOM\" >= {_COLLECTION_BEGAN} AND (\"SW_ID\" IS NULL OR \"SW_REASON\" IS NULL)"),
)

FORMATS = (
    # An ID that is only the two letters identifies nobody, so it fails as well.
    Rule("SW02STG1", "The social worker ID must start with SW or XX followed by the rest of the identifier. "
                     "Correct the ID.",
         table="sw_episodes", fields=("SW_ID",), years=(2024, 2025),
         fails=f"\"SW_ID\" IS NOT NULL AND {_ID_SHAPE}"),
    Rule("SW02STG1", "The social worker ID is missing, or does not start with SW or XX followed by the rest of "
                     "the identifier. Give the social worker's ID.",
         table="sw_episodes", fields=("SW_ID",), years=_FROM_2026,
         fails=f"\"SW_ID\" IS NULL OR {_ID_SHAPE}"),
    Rule("SW04STG1", "The date the social worker episode began is not a real date written dd/mm/yyyy. Correct "
                     "SW_DECOM.",
         table="sw_episodes", fields=("SW_DECOM",), years=(2024, 2025),
         fails=bad_date("SW_DECOM")),
    Rule("SW04STG1", "The date the social worker episode began is missing or is not a real date written "
                     "dd/mm/yyyy. Give it in SW_DECOM.",
         table="sw_episodes", fields=("SW_DECOM",), years=_FROM_2026,
         fails=missing_or_bad_date("SW_DECOM")),
    # The catalogue repeats SW04's wording ("began") for SW05, which is about the end date.
    Rule("SW05STG1", "The date the social worker episode ended is not a real date written dd/mm/yyyy. Correct "
                     "SW_DEC, or leave it blank if the episode was still open on 31 March.",
         table="sw_episodes", fields=("SW_DEC",),
         fails=bad_date("SW_DEC")),
    Rule("SW13STG1", "The reason for the change of social worker is not one of the SSDA903 codes (MANAGE, "
                     "FCONTA, LEFTRL, ORGRST, TSPROC, ABSENC, CHCHAN, PCCHAN, SWDIED, OTHERS). Give a valid code.",
         table="sw_episodes", fields=("SW_REASON",), years=(2024, 2025),
         fails=optional_code("SW_REASON", "SW_REASON")),
    # An episode already running on 1 April had its reason reported in an earlier return, so a blank is
    # accepted there, as the DfE validator does.
    Rule("SW13STG1", "The reason for the change of social worker is missing or is not one of the SSDA903 codes "
                     "(MANAGE, FCONTA, LEFTRL, ORGRST, TSPROC, ABSENC, CHCHAN, PCCHAN, SWDIED, OTHERS). Give a "
                     "valid code for every episode that began in this collection year.",
         table="sw_episodes", fields=("SW_REASON",), years=_FROM_2026,
         fails=f"{optional_code('SW_REASON', 'SW_REASON')} OR (\"SW_REASON\" IS NULL AND \"SW_DECOM\" >= {{start}})"),
)

DATES = (
    # Episodes may begin before the year (one running on 1 April); none may begin after it.
    Rule("SW06STG2", "This social worker episode begins after 31 March, the end of the collection year. Correct "
                     "the start date, or leave the episode out until next year's return.",
         table="sw_episodes", fields=("SW_DECOM",), fails='"SW_DECOM" > {end}'),
    # The reporting period is the 12 months to 31 March, so an episode that ended before 1 April does not
    # belong in the return.
    Rule("SW07STG2", "This social worker episode ends outside the collection year (1 April to 31 March). Correct "
                     "the end date: leave it blank if the episode was still open on 31 March, and leave out "
                     "episodes that ended before 1 April.",
         table="sw_episodes", fields=("SW_DEC",), fails='"SW_DEC" < {start} OR "SW_DEC" > {end}'),
    Rule("SW09STG2", "This social worker episode starts and ends on the same day. Check both dates: an episode "
                     "lasting less than a day should not be reported.",
         table="sw_episodes", fields=("SW_DEC", "SW_DECOM"), fails='"SW_DEC" = "SW_DECOM"'),
    Rule("SW18STG2", "This social worker episode ends before it begins. Correct the start or the end date.",
         table="sw_episodes", fields=("SW_DEC", "SW_DECOM"), years=_FROM_2026, fails='"SW_DEC" < "SW_DECOM"'),
    Rule("SW19STG2", "This child has more than one social worker episode starting on this date. Keep one, or "
                     "correct the start date of the other.",
         table="sw_episodes", fields=("SW_DEC", "SW_DECOM"), years=_FROM_2026,
         sql='SELECT row_no FROM ret_sw_episodes WHERE "SW_DECOM" IS NOT NULL '
             'QUALIFY count(*) OVER (PARTITION BY "CHILD", "SW_DECOM") > 1'),
)

# SW08STG2 and SW14STG2 (2023/24 only) describe the same fault from two sides: an episode left open although
# a later one has begun. The DfE validator reports both codes on such a row, and so does careboard.
CHAIN = (
    Rule("SW08STG2", "This social worker episode has no end date, but a later episode for the child has started. "
                     "Give the date this episode ended.",
         table="sw_episodes", fields=("SW_DEC",), **_ordered(_OPEN_BEFORE_LATER)),
    Rule("SW14STG2", "This social worker episode has no end date but is not the child's latest episode. Give "
                     "its end date: only the episode still open on 31 March may be left without one.",
         table="sw_episodes", fields=("SW_DEC",), years=_Y2024, **_ordered(_OPEN_BEFORE_LATER)),
    Rule("SW10STG2", "This social worker episode does not begin within 7 days of the end of the child's previous "
                     "episode (or the previous one has no end date). Check the dates of both so that one follows "
                     "on from the other.",
         table="sw_episodes", fields=("SW_DECOM",), years=_Y2024, **_ordered(_NOT_WITHIN_7_DAYS)),
    # From 2024/25 a first contact or re-referral (FCONTA) may follow a gap. In 2025/26 SW10aSTG2 joins
    # with the same test; the DfE validator keeps both codes, so such a row is reported under each.
    Rule("SW10STG2", "This social worker episode does not begin within 7 days of the end of the child's previous "
                     "episode (or the previous one has no end date), and is not a first contact or re-referral "
                     "(FCONTA). Check the dates of both so that one follows on from the other.",
         table="sw_episodes", fields=("SW_DECOM",), years=_FROM_2025,
         **_ordered(f"{_NOT_WITHIN_7_DAYS} AND {_NOT_FIRST_CONTACT}")),
    Rule("SW10aSTG2", "This social worker episode, not a first contact or re-referral (FCONTA), does not begin "
                      "within 7 days either side of the end of the child's previous episode (or the previous one "
                      "has no end date). Check the dates, or give FCONTA if the child was newly referred.",
         table="sw_episodes", fields=("SW_DECOM",), years=_FROM_2026,
         **_ordered(f"{_NOT_WITHIN_7_DAYS} AND {_NOT_FIRST_CONTACT}")),
    # A first contact follows a closed case, so it must begin after (not on) the previous episode's end.
    Rule("SW10bSTG2", "This social worker episode is a first contact or re-referral (FCONTA) but begins before the "
                      "child's previous episode ended. Check the dates, or give the right reason for the change.",
         table="sw_episodes", fields=("SW_DECOM", "SW_REASON"), years=_FROM_2026,
         **_ordered("\"SW_REASON\" = 'FCONTA' AND seq > 1 AND (prev_open OR \"SW_DECOM\" <= prev_dec)")),
)

# SW11: the episodes must run on to 31 March. In 2023/24 the DfE split the check at 5 days before 31 March:
# an earlier end must be followed within 5 days (SW11a), a later one must be followed at all (SW11b). From
# 2024/25 only SW11b remains, and it takes every end before 31 March.
CONTINUITY = (
    Rule("SW11aSTG2", "This social worker episode ended more than 5 days before 31 March, and no episode for the "
                      "child begins within 5 days of that end. Add the episode that followed, or correct the dates.",
         table="sw_episodes", fields=("SW_DEC",), years=_Y2024,
         **_ordered("datediff('day', \"SW_DEC\", {end}) >= 5 "
                      "AND (next_decom IS NULL OR abs(datediff('day', \"SW_DEC\", next_decom)) > 5)")),
    Rule("SW11bSTG2", "This social worker episode ended in the last days before 31 March and no later episode is "
                      "given for the child. Add the episode that followed, or correct the end date.",
         table="sw_episodes", fields=("SW_DEC",), years=_Y2024,
         **_ordered("datediff('day', \"SW_DEC\", {end}) BETWEEN 1 AND 4 AND next_decom IS NULL")),
    Rule("SW11bSTG2", "This social worker episode ended before 31 March and no later episode is given for the "
                      "child. Add the episode that followed, or leave the end date blank if it was still open on "
                      "31 March.",
         table="sw_episodes", fields=("SW_DEC",), years=_FROM_2025,
         **_ordered("\"SW_DEC\" < {end} AND next_decom IS NULL")),
    _coverage_rule(_Y2024, report_missing_children=False),
    _coverage_rule(_FROM_2025, report_missing_children=True),
    # Reported on the child's latest episode, the one that should still be open.
    Rule("SW17STG2", "None of this child's social worker episodes is open on 31 March. If the child still had "
                     "this social worker, leave the end date blank; otherwise add the episode that followed.",
         table="sw_episodes", fields=("SW_DEC", "SW_DECOM"), years=_FROM_2026,
         **_ordered("next_decom IS NULL AND NOT child_has_open")),
)

RULES = COMPLETENESS + FORMATS + DATES + CHAIN + CONTINUITY
