"""DfE rules 301-399 and 3001: dates of birth and episodes, adoption (AD1) dates, care leavers (OC3),
age limits for legal statuses and placements, how long short-lived statuses and placements may last,
and the postcode checks.

Where the DfE wording leaves the logic open, the comment on the rule says which reading careboard takes.
Durations count an episode still open at 31 March up to 31 March: by then it has lasted that long. The
community validator does so for legal statuses (361-365) and short breaks (367) but never judges an open
temporary placement (375, 376, 379); careboard counts those too, as a T1 open since January has already
lasted more than six weeks at 31 March and the placement type needs correcting now.
"""

from ..rule import Rule
from .reference import in_postcode_lookup, placement_geo, with_postcode_lookup
from .sql_blocks import (both_rows, min_age_for_place, post, postcode_malformed, spell_longer_than,
                         temporary_longer_than)
from .sql_checks import blank, given, until

# Episodes that count as care other than short breaks, for children who were not unaccompanied asylum
# seekers this year or last year (the DfE also looks two years back; careboard has at most last year).
_NOT_UASC_NOT_SHORT_BREAK = """
SELECT e.row_no, e."HOME_POST", e."PL_POST" FROM ret_v_episodes e
WHERE coalesce(e."LS", '') NOT IN {LS_SHORT_BREAK} AND NOT e.in_uasc
  AND NOT EXISTS (SELECT 1 FROM ret_uasc_last u WHERE u."CHILD" = e."CHILD")"""


def _unknown_postcode(column: str) -> str:
    """A postcode given that the postcode lookup does not know (a malformed one never is)."""
    return f"""("{column}" IS NOT NULL AND NOT {in_postcode_lookup(f'"{column}"')})"""


HEADER_AND_UASC = (
    Rule("301", "Date of birth is after the end of the collection year. Correct the child's date of birth.",
         table="header", fields=("DOB",), fails='"DOB" > {end}'),
    Rule("302", "The child's first episode starts before their date of birth. Correct the date of birth or the "
                "episode start date.",
         table="episodes", fields=("DECOM", "DOB"), fails='seq = 1 AND "DECOM" < DOB'),
    # The child's status is the header's UASC flag where the return carries one (XML, or a CSV header with a
    # UASC column); elsewhere the UASC row itself is the status, as the DfE derives it for CSV, so the one
    # failure left there is a ceased date for a child with no header row to carry any status.
    Rule("303", "A date UASC status ceased (DUC) is given, but the header does not record the child as UASC: "
                "the UASC flag is not 1, or the child has no header row. Code the child's UASC flag 1, or remove "
                "the ceased date.",
         table="uasc", fields=("DUC", "UASC"), tables=("header",),
         sql="""SELECT u.row_no FROM ret_uasc u LEFT JOIN ret_v_header h ON h."CHILD" = u."CHILD"
                WHERE coalesce(u."r_DUC", '') <> '' AND NOT coalesce(h.uasc_status, false)"""),
    Rule("304", "The date UASC status ceased is after the child's 18th birthday. UASC status ends at 18 at the "
                "latest: correct the date (or the date of birth).",
         table="uasc", fields=("DUC", "DOB"),
         fails='"DUC" > coalesce("DOB", header_dob) + INTERVAL 18 YEAR'),
    # "Over 25" read as having had the 25th birthday before 1 April, as the DfE's earlier "over 21" was (the
    # community validator's edge too).
    Rule("351", "The child had turned 25 before the collection year began, so should not be in this return. "
                "Check the date of birth, or remove the child.",
         table="header", fields=("DOB",), fails='"DOB" + INTERVAL 25 YEAR < {start}'),
    # The code for a girl changed with the 2024/25 SEX codes. Looked after means any episode other than a short
    # break, as the community validator reads it.
    *(Rule("393", "This girl is looked after (other than only short breaks) but the mother field is blank. "
                  "Record 1 if she is a mother, 0 if not.",
           table="header", fields=("MOTHER", "SEX"), years=years,
           fails=f'"SEX" = \'{girl}\' AND n_episodes > 0 AND NOT short_breaks_only AND "MOTHER" IS NULL')
      for girl, years in (("2", (2024,)), ("F", (2025, 2026, 2027)))),
    Rule("399", "This child only has short-break care (legal status V3 or V4), so the mother field and reviews "
                "should not be returned. Leave them blank, or correct the legal status.",
         table="header", fields=("LS", "MOTHER", "REVIEW", "REVIEW_CODE"), tables=("child_episodes", "reviews"),
         multi=True, sql="""
WITH sb AS (SELECT "CHILD" FROM ret_child_episodes WHERE short_breaks_only)
SELECT 'header' AS tbl, h.row_no FROM ret_header h JOIN sb USING ("CHILD") WHERE h."MOTHER" IS NOT NULL
UNION ALL
SELECT 'reviews', r.row_no FROM ret_reviews r JOIN sb USING ("CHILD")
WHERE r."r_REVIEW" <> '' OR r."r_REVIEW_CODE" <> ''"""),
)

# The date a child was placed for adoption: the start of the unbroken run of adoption placements that the
# adoption episode ends. The DfE's words are "date of placement for adoption"; comparing with the adoption
# episode's own start (as the community validator does) would miss a match made after placement when the
# legal status changed in between.
_PLACED_FOR_ADOPTION = """
WITH e AS (SELECT "CHILD", row_no, "DECOM", "REC", "PLACE" IN {PLACE_ADOPTION} AS placed,
                  coalesce(prev_place IN {PLACE_ADOPTION} AND prev_dec = "DECOM", false) AS continues
           FROM ret_v_episodes WHERE "CHILD" IN (SELECT "CHILD" FROM ret_ad1)),
starts AS (SELECT "CHILD", "DECOM" AS placed_on FROM e WHERE placed AND NOT continues),
adopted AS (SELECT a."CHILD", a.row_no,
                   CASE WHEN a.placed THEN coalesce((SELECT max(s.placed_on) FROM starts s
                                                     WHERE s."CHILD" = a."CHILD" AND s.placed_on <= a."DECOM"),
                                                    a."DECOM") ELSE a."DECOM" END AS placed_on
            FROM e a WHERE "REC" IN {REC_ADOPTED})"""

ADOPTION = (
    Rule("331", "The date the child was matched with the adopters is after the date they were placed for "
                "adoption. Matching comes first: correct the match date or the placement dates.",
         table="ad1", fields=("DATE_MATCH", "DECOM", "REC"), tables=("v_episodes",), multi=True,
         sql=both_rows(_PLACED_FOR_ADOPTION + """
SELECT d.row_no AS left_row, p.row_no AS right_row FROM ret_ad1 d JOIN adopted p USING ("CHILD")
WHERE d."DATE_MATCH" > p.placed_on""", "ad1", "episodes")),
    Rule("333", "The date the child should be placed for adoption is missing or after the date they were "
                "matched with adopters. The decision comes before the match: correct the dates.",
         table="ad1", fields=("DATE_INT", "DATE_MATCH"),
         fails=f'{given("DATE_MATCH")} AND ({blank("DATE_INT")} OR "DATE_INT" > "DATE_MATCH")'),
    Rule("334", "The decision that the child should be placed for adoption is dated before the start of their "
                "latest period of care. Correct the decision date or the episode start date.",
         table="ad1", fields=("DATE_INT", "DECOM", "RNE"), tables=("episodes",), multi=True, sql=both_rows("""
WITH s AS (SELECT "CHILD", value_at_max(row_no, "DECOM") AS row_no, max("DECOM") AS began
           FROM ret_episodes WHERE "RNE" = 'S' GROUP BY "CHILD")
SELECT d.row_no AS left_row, s.row_no AS right_row FROM ret_ad1 d JOIN s USING ("CHILD")
WHERE d."DATE_INT" < s.began""", "ad1", "episodes")),
    # A3 and A5 are placements with the child's current foster carers; A4 and A6 are not.
    Rule("335", "Whether the child was adopted by their foster carers does not match the placement they were "
                "adopted from (A3/A5 are with the foster carers, A4/A6 are not). Correct FOSTER_CARE or the "
                "placement type.",
         table="ad1", fields=("FOSTER_CARE", "PLACE"), tables=("episodes",), multi=True, sql=both_rows("""
SELECT d.row_no AS left_row, e.row_no AS right_row FROM ret_ad1 d JOIN ret_episodes e USING ("CHILD")
WHERE e."REC" IN {REC_ADOPTED}
  AND ((e."PLACE" IN {PLACE_ADOPTION_FOSTER_CARER} AND d."FOSTER_CARE" = '0')
    OR (e."PLACE" IN {PLACE_ADOPTION_NOT_FOSTER_CARER} AND d."FOSTER_CARE" = '1'))""", "ad1", "episodes")),
    # The DfE logic names A3 and A5 (placed with current foster carers), which need a foster or adoption
    # placement just before; a first episode in the return has no earlier one to look at. The community
    # validator's code checks A3 and A4, at odds with that logic: A4 and A6 are placements with new adopters,
    # who need not have fostered the child, so careboard keeps A3 and A5.
    Rule("336", "The child was placed for adoption with their foster carers (A3 or A5), but the placement "
                "before was not a foster or adoption placement. Check the placement types.",
         table="episodes", fields=("PLACE",),
         fails='"PLACE" IN {PLACE_ADOPTION_FOSTER_CARER} AND seq > 1 AND coalesce(prev_place, \'\') NOT IN {PLACE_ADOPTION} '
               'AND coalesce(prev_place, \'\') NOT IN {PLACE_FOSTER}'),
    Rule("386", "The episode ends with adoption, but the child was already 18. Check the reason the episode "
                "ended and the date of birth.",
         table="episodes", fields=("REC", "DEC", "DOB"), fails='"REC" IN {REC_ADOPTED} AND age_dec >= 18'),
    Rule("390", "The episode ends with adoption, but the child was not in an adoption placement (A3 to A6). "
                "Correct the placement type or the reason the episode ended.",
         table="episodes", fields=("PLACE", "REC"),
         fails='"REC" IN {REC_ADOPTED} AND coalesce("PLACE", \'\') NOT IN {PLACE_ADOPTION}'),
)

CARE_LEAVERS = (
    Rule("344", "The care leaver is recorded as died or returned home for 6 months or more, so activity and "
                "accommodation should both be 0. Set them to 0 or correct IN_TOUCH.",
         table="oc3", fields=("IN_TOUCH", "ACTIV", "ACCOM"),
         fails='"IN_TOUCH" IN {IN_TOUCH_NOT_IN_COHORT} AND (coalesce("ACTIV", \'0\') <> \'0\' '
               'OR coalesce("ACCOM", \'0\') <> \'0\')'),
    Rule("345", "The council is in touch with this care leaver, but activity or accommodation is 0 (not "
                "known). Record their activity and accommodation.",
         table="oc3", fields=("IN_TOUCH", "ACTIV", "ACCOM"),
         fails='"IN_TOUCH" = \'YES\' AND ("ACTIV" = \'0\' OR "ACCOM" = \'0\')'),
    # The DfE compares age with 1 April, so the 18th-birthday cohort is flagged if they turn 18 later in
    # the year; ACCOM codes the foyer as T1 or T2 (the community validator looks for a bare T, a code no valid
    # return carries, so it never fires; the age test is the same).
    Rule("347", "The care leaver is recorded as living in a foyer but was under 18 at the start of the year. "
                "Foyers are for 18 and over: correct the accommodation code or the date of birth.",
         table="oc3", fields=("ACCOM", "DOB"),
         fails='"ACCOM" IN {ACCOM_FOYER} AND own_age_start < 18'),
    # Read as: once reported dead, every later return should still say DIED, a blank included (so does the
    # community validator).
    Rule("348", "Last year's return recorded this care leaver as having died, but this year says otherwise. "
                "Check IN_TOUCH with last year's return.",
         table="oc3", fields=("IN_TOUCH",), needs=("last_year",), tables=("oc3_last",), sql="""
SELECT o.row_no FROM ret_oc3 o JOIN ret_oc3_last l USING ("CHILD")
WHERE l."IN_TOUCH" = 'DIED' AND o."IN_TOUCH" IS DISTINCT FROM 'DIED'"""),
    # Only the lower age bound: from 2022/23 the OC3 cohort reaches 25, and 351 catches anyone older. The
    # community validator has the same single bound.
    Rule("391", "Care leaver information is given for a young person who had not turned 17 by the end of the "
                "year. Leave IN_TOUCH, ACTIV and ACCOM blank, or correct the date of birth.",
         table="oc3", fields=("DOB", "IN_TOUCH", "ACTIV", "ACCOM"),
         fails='own_age_end < 17 '
               'AND ("IN_TOUCH" IS NOT NULL OR "ACTIV" IS NOT NULL OR "ACCOM" IS NOT NULL)'),
    Rule("3001", "The young person had their 17th birthday this year and is recorded as living with former foster "
                 "carers (Z1/Z2), which is only possible from 18. Correct the accommodation code.",
         table="oc3", fields=("ACCOM", "DOB"),
         fails='"ACCOM" IN {ACCOM_FORMER_FOSTER_CARERS} '
               'AND coalesce("DOB", header_dob) + INTERVAL 17 YEAR BETWEEN {start} AND {end}'),
)

EPISODES_STARTING_AND_ENDING = (
    Rule("352", "The child started to be looked after aged 18 or over. Check the date of birth and the "
                "episode start date.",
         table="episodes", fields=("DECOM", "RNE", "DOB"), fails='"RNE" = \'S\' AND age_decom >= 18'),
    Rule("353", "The episode starts before 14 October 1991, the earliest date the return allows. Correct the "
                "start date.",
         table="episodes", fields=("DECOM",), fails='"DECOM" < DATE \'1991-10-14\''),
    Rule("354", "The episode starts after the end of the collection year. Correct the start date, or leave the "
                "episode out of this year's return.",
         table="episodes", fields=("DECOM",), fails='"DECOM" > {end}'),
    Rule("355", "The episode starts and ends on the same day. Check the dates: an episode should last at least "
                "a day.",
         table="episodes", fields=("DECOM", "DEC"), fails='"DEC" = "DECOM"'),
    Rule("356", "The episode ends before it starts. Correct the start or end date.",
         table="episodes", fields=("DECOM", "DEC"), fails='"DEC" < "DECOM"'),
    # A first episode starting within the year has nothing open before it, so it starts a period of care. The
    # community validator judges the same episode: the child's earliest, if it starts on or after 1 April.
    Rule("357", "The child's first episode does not have reason for new episode S. Check for a missing earlier "
                "episode; if there is none, change the reason to S.",
         table="episodes", fields=("RNE", "DECOM"), severity="query",
         fails='seq = 1 AND "DECOM" >= {start} AND coalesce("RNE", \'\') <> \'S\''),
    Rule("385", "The episode ends after the end of the collection year. Correct the end date, or leave it blank "
                "if the episode was still open on 31 March.",
         table="episodes", fields=("DEC",), fails='"DEC" > {end}'),
    # Three ways an X1 chain can be broken: X1 with a next episode starting another day, an episode that
    # another follows on the same day without X1, and X1 on the child's last episode: the three cases the
    # community validator checks.
    Rule("388", "The reason the episode ended does not fit the next episode: X1 (new episode begins) needs a "
                "next episode starting the same day, and an episode followed the same day must end with X1. "
                "Correct REC or the dates.",
         table="episodes", fields=("REC", "DEC"),
         fails='"DEC" IS NOT NULL AND ('
               '("REC" = \'X1\' AND next_decom IS NOT NULL AND "DEC" <> next_decom) '
               'OR ("REC" <> \'X1\' AND "DEC" = next_decom) '
               'OR ("REC" = \'X1\' AND seq = n_episodes))'),
    Rule("387", "The episode ends with a move to independent living (E5 or E6), but the child was under 14. "
                "Check the reason the episode ended and the date of birth.",
         table="episodes", fields=("REC", "DEC", "DOB"), fails='"REC" IN {REC_INDEPENDENT_LIVING} AND age_dec < 14'),
    Rule("389", "The episode ends with a transfer to adult social care (E7), but the child was under 16. "
                "Check the reason the episode ended and the date of birth.",
         table="episodes", fields=("REC", "DEC", "DOB"), fails='"REC" = \'E7\' AND age_dec < 16'),
)

LEGAL_STATUS = (
    Rule("358", "The child is under 10 but has a youth justice legal status (J1, J2 or J3). Check the legal "
                "status and the date of birth.",
         table="episodes", fields=("LS", "DECOM", "DOB"), fails='"LS" IN {LS_YOUTH_JUSTICE} AND age_decom < 10'),
    # Open episodes only: the child is still looked after at 31 March, past their 18th birthday (as the
    # community validator reads it). Open means no end date written: an unreadable one is rule 147's.
    Rule("359", "The child is still looked after after their 18th birthday, which is only possible under "
                "section 20(5) (legal status V2) in a children's home (K2). Correct the legal status or "
                "placement, or end the episode.",
         table="episodes", fields=("DEC", "LS", "PLACE"),
         fails='"r_DEC" = \'\' AND DOB + INTERVAL 18 YEAR < {end} AND NOT ("LS" = \'V2\' AND "PLACE" = \'K2\')'),
    Rule("361", "Police protection (L1) lasted more than 72 hours. Check the dates and the legal status.",
         table="episodes", fields=("LS", "DECOM", "DEC"), **spell_longer_than("L1", 3)),
    Rule("362", "An emergency protection order (L2) lasted more than 21 days. Check the dates and the legal status.",
         table="episodes", fields=("LS", "DECOM", "DEC"), **spell_longer_than("L2", 21)),
    Rule("363", "A child assessment order (L3) lasted more than 7 days. Check the dates and the legal status.",
         table="episodes", fields=("LS", "DECOM", "DEC"), **spell_longer_than("L3", 7)),
    Rule("364", "Detention under PACE (J2) lasted more than 21 days. Check the dates and the legal status.",
         table="episodes", fields=("LS", "DECOM", "DEC"), **spell_longer_than("J2", 21)),
    Rule("365", "A single short break (V3) lasted more than 17 days. Check the dates and the legal status.",
         table="episodes", fields=("LS", "DECOM", "DEC"),
         fails=f'"LS" = \'V3\' AND datediff(\'day\', "DECOM", {until("DEC", "{end}")}) > 17'),
    Rule("366", "A short break (V3) episode must start a new period of care (reason S): the placement cannot "
                "change during a single break. Correct the reason for new episode.",
         table="episodes", fields=("RNE", "LS"), fails='"LS" = \'V3\' AND coalesce("RNE", \'\') <> \'S\''),
    # "Any 12-month period" is taken as the collection year, the span the return can see (as the community
    # validator takes it); each break is counted within the year only.
    Rule("367", "The child's short breaks (V3) add up to more than 75 days in the year. Check the dates and the "
                "legal status.",
         table="episodes", fields=("LS", "DECOM", "DEC"), sql=f"""
WITH v AS (SELECT "CHILD", row_no, greatest("DECOM", {{start}}) AS a, least({until("DEC", "{end}")}, {{end}}) AS b
           FROM ret_episodes WHERE "LS" = 'V3' AND "DECOM" IS NOT NULL)
SELECT row_no FROM v WHERE datediff('day', a, b) > 0
QUALIFY sum(datediff('day', a, b)) OVER (PARTITION BY "CHILD") > 75"""),
    Rule("378", "A child placed with parents (P1) cannot be looked after under a single period of accommodation "
                "(V2). Correct the legal status or the placement.",
         table="episodes", fields=("LS", "PLACE"), fails='"PLACE" = \'P1\' AND "LS" = \'V2\''),
    Rule("382", "A child on short breaks (V3 or V4) cannot be in a temporary placement (T0 to T4). Correct the "
                "legal status or the placement.",
         table="episodes", fields=("LS", "PLACE"),
         fails='"LS" IN {LS_SHORT_BREAK} AND "PLACE" IN {PLACE_TEMPORARY}'),
    Rule("384", "A child on short breaks (V3 or V4) cannot be in a long-term foster placement (U1 or U4). "
                "Correct the legal status or the placement.",
         table="episodes", fields=("LS", "PLACE"), fails='"LS" IN {LS_SHORT_BREAK} AND "PLACE" IN {PLACE_LONG_TERM_FOSTER}'),
)

PLACEMENTS = (
    min_age_for_place("370", "P2", 16, "independent living (P2)", years=None),
    min_age_for_place("371", "H5", 16, "semi-independent living (H5)", years=(2024,)),
    min_age_for_place("371", "K3", 16, "supported accommodation (K3)", years=(2025, 2026, 2027)),
    min_age_for_place("372", "R5", 10, "youth custody (R5)"),
    min_age_for_place("373", "S1", 4, "a residential school (S1)"),
    min_age_for_place("374", "P3", 14, "residential employment (P3)"),
    temporary_longer_than("375", "T1", 42, "A temporary placement in hospital (T1) lasted more than six weeks"),
    temporary_longer_than("376", "T3", 21, "A temporary placement while the foster carers were on holiday (T3) "
                                           "lasted more than three weeks"),
    temporary_longer_than("379", "T4", 7, "A temporary placement for another reason (T4) lasted more than "
                                          "seven days"),
    # Three T3 placements starting within a year of each other: every one of them is reported. The community
    # validator counts all T3s in the return instead; a return can hold a T3 begun before 1 April, so three of
    # them may span more than a year, and the DfE's words are "any 12-month period": careboard measures it.
    Rule("377", "The child had more than two temporary placements for foster carers' holidays (T3) within 12 "
                "months. Check the placement types.",
         table="episodes", fields=("PLACE", "DECOM"), sql="""
WITH t AS (SELECT row_no, "DECOM" AS d, lag("DECOM", 2) OVER w AS p2, lag("DECOM", 1) OVER w AS p1,
                  lead("DECOM", 1) OVER w AS n1, lead("DECOM", 2) OVER w AS n2
           FROM ret_episodes WHERE "PLACE" = 'T3' AND "DECOM" IS NOT NULL
           WINDOW w AS ({episode_order:"CHILD", "DECOM", row_no}))
SELECT row_no FROM t
WHERE n2 < d + INTERVAL 1 YEAR OR n1 < p1 + INTERVAL 1 YEAR OR d < p2 + INTERVAL 1 YEAR"""),
    # The DfE logic: a temporary placement must be entered by a change of placement (P or B).
    Rule("380", "An episode in a temporary placement (T0 to T4) must start with a change of placement (reason "
                "P or B); a period of care cannot start in one. Correct the placement or the reason.",
         table="episodes", fields=("PLACE", "RNE"),
         fails='"PLACE" IN {PLACE_TEMPORARY} AND coalesce("RNE", \'\') NOT IN {RNE_NEW_CARER_NOT_NEW_PERIOD}'),
    Rule("381", "The period of care ends while the child is in a temporary placement (T0 to T4). Record the "
                "placement the child left care from.",
         table="episodes", fields=("PLACE", "REC"),
         fails='"PLACE" IN {PLACE_TEMPORARY} AND "REC" IS NOT NULL AND "REC" <> \'X1\''),
    # Reported on the episode after the temporary one: it must be a change of placement (P) back to the same
    # placement type and postcode as the episode before the temporary placement (the temporary episode's own
    # prev_* columns).
    Rule("383", "After a temporary placement the child should go back to their usual placement: this episode "
                "should have reason P and the same placement type and postcode as before the temporary one.",
         table="episodes", fields=("PLACE", "RNE", "PL_POST"), sql=f"""
SELECT e.row_no FROM ret_v_episodes t JOIN ret_v_episodes e ON e."CHILD" = t."CHILD" AND e.seq = t.seq + 1
WHERE t."PLACE" IN {{PLACE_TEMPORARY}} AND t.seq > 1
  AND (coalesce(e."RNE", '') <> 'P' OR e."PLACE" IS DISTINCT FROM t.prev_place
       OR {post('PL_POST', 'e')} IS DISTINCT FROM {post('prev_pl_post', 't')})"""),
)

POSTCODES = (
    # The DfE works out the placement distance from the two postcodes with its postcode directory; with
    # careboard's lookup (--postcodes) there is none when a postcode is blank or malformed, or one the
    # lookup does not know or knows without a grid reference.
    Rule("392a", "No placement distance can be worked out for this episode: a postcode is not valid, or the "
                 "postcode lookup does not place it (it is not in the lookup, or has no grid reference there). Give "
                 "valid home and placement postcodes, or check the lookup (children formerly UASC may be flagged "
                 "wrongly).",
         table="episodes", fields=("HOME_POST", "PL_POST"), needs=("postcodes",),
         tables=("uasc_last", "postcode_lookup"),
         sql=f"SELECT row_no FROM ({placement_geo(f'({_NOT_UASC_NOT_SHORT_BREAK})')}) g WHERE pl_distance IS NULL"),
    Rule("392b", "The child is looked after but the home or placement postcode is blank. Give both postcodes "
                 "(children formerly UASC may be flagged wrongly).",
         table="episodes", fields=("HOME_POST", "PL_POST"), tables=("uasc_last",),
         sql=f"""SELECT row_no FROM ({_NOT_UASC_NOT_SHORT_BREAK}) e
WHERE "HOME_POST" IS NULL OR "PL_POST" IS NULL"""),
    # Without a lookup careboard checks the shape of a UK postcode; with one (--postcodes), as for 169 and 179,
    # a well-formed postcode the lookup does not know is not a valid postcode either.
    *with_postcode_lookup(
        lambda fails, postcode: Rule(
            "392c", f"The home or placement postcode {postcode}. Correct it.",
            table="episodes", fields=("HOME_POST", "PL_POST"), fails=fails),
        {"fails": f"{postcode_malformed('HOME_POST')} OR {postcode_malformed('PL_POST')}",
         "postcode": "is not a valid UK postcode (for example AB1 2CD)"},
        {"fails": f"{_unknown_postcode('HOME_POST')} OR {_unknown_postcode('PL_POST')}",
         "postcode": "is not a valid UK postcode (for example AB1 2CD), or is not in the postcode lookup"}),
    Rule("392d", "The home and placement postcodes are the same, which is only expected for a placement with "
                 "parents (P1). Check the postcodes and the placement type.",
         table="episodes", fields=("HOME_POST", "PL_POST", "PLACE"),
         fails=f"coalesce(\"PLACE\", '') <> 'P1' AND {post('HOME_POST')} = {post('PL_POST')}"),
    # The DfE derives the distance from the postcodes, so postcodes given for a short break are what to remove.
    Rule("398", "Postcodes are given for a short-break episode (V3 or V4), so a placement distance would be "
                "worked out for it. Leave the home and placement postcodes blank for short breaks.",
         table="episodes", fields=("LS", "HOME_POST", "PL_POST"),
         fails='"LS" IN {LS_SHORT_BREAK} AND ("HOME_POST" IS NOT NULL OR "PL_POST" IS NOT NULL)'),
)

RULES = HEADER_AND_UASC + ADOPTION + CARE_LEAVERS + EPISODES_STARTING_AND_ENDING + LEGAL_STATUS + PLACEMENTS + POSTCODES
