"""DfE rules 101-199: codes and dates of every table, and the OC2/OC3/AD1 completeness checks.

One variant per code serves every year: the codes that change between years (SEX, PLACE, the
placements without a provider) come from year-keyed lists in codes.toml.
"""

from ..rule import Rule
from .field_groups import AD1_ITEMS, OC2_CORE, OC2_ITEMS, OC3_ITEMS
from .reference import in_postcode_lookup, with_postcode_lookup
from .sql_blocks import oc2_age
from .sql_checks import (any_blank, any_given, bad_date, blank, code_rule, count_given, date_rule, given,
                         optional_code, required_code)

# A full UK postcode, with or without the space: its shape only (with a postcode lookup, 169 and 179 also
# ask whether it exists).
_POSTCODE = "'[A-Z][A-Z]?[0-9][A-Z0-9]? ?[0-9][A-Z][A-Z]'"
# A UPN: a check letter (never I, O or S), 11 digits and a digit or letter; or an unknown-UPN code. Shape only,
# as the community validator checks it: neither works the check letter out from the other twelve characters.
_UPN = "'[A-HJ-NP-RT-Z][0-9]{{11}}[0-9A-Z]|UN[1-5]'"
_SHORT_BREAK = "{LS_SHORT_BREAK}"


def not_postcode(col: str) -> str:
    return f"""NOT whole_match(upper(coalesce("{col}", '')), {_POSTCODE})"""


NOT_SHORT_BREAK = f'coalesce("LS" NOT IN {_SHORT_BREAK}, true)'

SDQ = ("SDQ_SCORE", "SDQ_REASON")


def turns_during_year(n: int) -> str:
    """Birthday n falls after 1 April and by 31 March: on 1 April itself the child is already n, which
    rules 186 and 189 deal with (so a 17th birthday on 1 April is not asked for an SDQ here)."""
    return f"({oc2_age('{start}')} < {n} AND {oc2_age('{end}')} >= {n})"


# Placement postcode cannot give a placement LA or an in/out-of-area location (rules 169 and 179).
# The DfE derives both with a postcode lookup; without one careboard flags what no lookup could place:
# a blank or malformed placement postcode.
_NO_PLACEMENT_AREA = f"{NOT_SHORT_BREAK} AND {not_postcode('PL_POST')}"
# With a postcode lookup the DfE's question can be asked directly: does the lookup know the postcode, so that
# the placement's LA (169) and whether it is in the council's area (179) can be worked out?
_NOT_IN_LOOKUP = f"""NOT {in_postcode_lookup('"PL_POST"')}"""
_NO_PLACEMENT_AREA_LOOKUP = f"{NOT_SHORT_BREAK} AND ({not_postcode('PL_POST')} OR {_NOT_IN_LOOKUP})"
# 169 and 179 without and with the lookup: the condition, and how the message says the postcode fails.
_PLACEMENT_AREA = ({"fails": _NO_PLACEMENT_AREA, "postcode": "is missing or not a valid UK postcode"},
                   {"fails": _NO_PLACEMENT_AREA_LOOKUP,
                    "postcode": "is missing, not a valid UK postcode, or not in the postcode lookup"})
# A header child with an episode this year other than a short break.
_IN_CARE = "coalesce(NOT short_breaks_only, false)"

HEADER = (
    Rule("101", "Sex is not a valid code for this year. Use 1 (male) or 2 (female) up to 2023/24, "
                "and M, F or U (unknown) from 2024/25.",
         table="header", fields=("SEX",), fails='"SEX" IS NULL OR "SEX" NOT IN {SEX}'),
    date_rule("102", "header", "DOB", "Date of birth", required=True),
    code_rule("103", "header", "ETHNIC", "Ethnicity", "one of the DfE ethnicity codes, for example WBRI, MWBC, "
              "BAFR, REFU or NOBT", required=True),
    # The mother flag is for girls in care this year (not only on short breaks); it stays blank for boys and
    # for young women known only as care leavers (OC3).
    Rule("165", "Mother field is wrong: it must be 0 or 1, given for every girl looked after this year other than "
                "on short breaks, and left blank for boys and for care leavers with no care episode this year. "
                "Correct MOTHER (or SEX).",
         table="header", fields=("MOTHER", "SEX"), tables=("episodes", "oc3"),
         fails=f"""{optional_code("MOTHER", "FLAG")} OR ("MOTHER" IS NOT NULL AND "SEX" IN {{SEX_MALE}})
                   OR ("MOTHER" IS NULL AND "SEX" IN {{SEX_FEMALE}} AND {_IN_CARE})
                   OR ("MOTHER" IS NOT NULL AND "SEX" IN {{SEX_FEMALE}} AND NOT {_IN_CARE} AND in_oc3)"""),
    Rule("168", "UPN is not a valid unique pupil number (a letter other than I, O or S followed by 12 characters). "
                "Correct it, or use UN1-UN5 when the UPN is not known.",
         table="header", fields=("UPN",), fails=f'{given("UPN")} AND NOT whole_match(upper("UPN"), {_UPN})'),
    date_rule("171", "header", "MC_DOB", "Date of birth of the mother's child"),
    Rule("174", "A date of birth for the mother's child is given but the child is recorded as male. "
                "Correct SEX, or remove MC_DOB.",
         table="header", fields=("MC_DOB", "SEX"), fails=f'{given("MC_DOB")} AND "SEX" IN {{SEX_MALE}}'),
)

UASC = (
    # Besides the date's form the DfE flags a status that ended before 1 April: the child was not UASC this year.
    Rule("104", "Date UASC status ceased is not a real date written dd/mm/yyyy, or is before this collection year "
                "began. Correct DUC; if the status ended before 1 April the child does not belong in this "
                "year's UASC table.",
         table="uasc", fields=("DUC",), fails=f'{bad_date("DUC")} OR "DUC" < {{start}}'),
    # careboard keeps a child's UASC status as their row in the UASC table (in XML, a UASC flag that is not
    # blank or 0), so the flag's own value is not kept; what can still be wrong is a status row that belongs
    # to no child in the header.
    Rule("105", "This child's UASC status cannot be recorded: the UASC row names a child who is not in the header. "
                "Add the child's header row or correct the child ID.",
         table="uasc", fields=("CHILD",), fails="NOT in_header"),
)

AD1 = (
    date_rule("112", "ad1", "DATE_INT", "Date of the decision that the child should be placed for adoption"),
    date_rule("113", "ad1", "DATE_MATCH", "Date the child was matched with the adopter(s)"),
    code_rule("114", "ad1", "FOSTER_CARE", "Adopted by former foster carer(s)", "0 or 1", codes="FLAG"),
    Rule("134", "Adoption details are recorded for a young person who is in the care leavers (OC3) data. "
                "A child is either adopted or a care leaver: remove the wrong AD1 or OC3 details.",
         table="ad1", fields=AD1_ITEMS, tables=("oc3",),
         sql=f"""SELECT a.row_no FROM ret_v_ad1 a
                 WHERE {any_given(AD1_ITEMS, "a.")}
                   AND EXISTS (SELECT 1 FROM ret_oc3 o WHERE o."CHILD" = a."CHILD" AND {any_given(OC3_ITEMS, "o.")})"""),
    Rule("151", "Adoption details are only partly filled in. Give all of DATE_INT, DATE_MATCH, FOSTER_CARE, "
                "NB_ADOPTR, SEX_ADOPTR and LS_ADOPTR, or none of them.",
         table="ad1", fields=AD1_ITEMS, fails=f"{count_given(AD1_ITEMS)} BETWEEN 1 AND {len(AD1_ITEMS) - 1}"),
    code_rule("175", "ad1", "NB_ADOPTR", "Number of adopters", "1 or 2"),
    code_rule("176", "ad1", "SEX_ADOPTR", "Sex of adopter(s)", "M1, F1, MM, FF or MF"),
    code_rule("177", "ad1", "LS_ADOPTR", "Legal status of adopter(s)", "L0, L11, L12, L2, L3 or L4"),
)

PLACED_FOR_ADOPTION = (
    date_rule("115", "placed_for_adoption", "DATE_PLACED",
              "Date of the decision that the child should be placed for adoption"),
    date_rule("116", "placed_for_adoption", "DATE_PLACED_CEASED",
              "Date of the decision that the child should no longer be placed for adoption"),
    # The child's care ends with their latest episode that is not an X1 link; the DfE compares with its DEC.
    Rule("117", "A placed-for-adoption decision date (or its reversal) is after 31 March or after the child "
                "stopped being looked after. Correct DATE_PLACED / DATE_PLACED_CEASED, or the end of the "
                "child's last episode.",
         table="placed_for_adoption", fields=("DATE_PLACED", "DATE_PLACED_CEASED", "DEC", "REC"),
         tables=("episodes",), multi=True,
         sql="""WITH last_care AS (
                    SELECT "CHILD", value_at_max(row_no, "DECOM") AS ep_row, value_at_max_or_null("DEC", "DECOM") AS ended
                    FROM ret_episodes WHERE "DECOM" IS NOT NULL AND coalesce("REC", '') <> 'X1' GROUP BY "CHILD"),
                checked AS (
                    SELECT p.row_no, l.ep_row,
                           coalesce(p."DATE_PLACED" > {end} OR p."DATE_PLACED_CEASED" > {end}, false) AS after_year,
                           coalesce(p."DATE_PLACED" > l.ended OR p."DATE_PLACED_CEASED" > l.ended, false) AS after_care
                    FROM ret_placed_for_adoption p LEFT JOIN last_care l ON l."CHILD" = p."CHILD")
                SELECT 'placed_for_adoption' AS tbl, row_no FROM checked WHERE after_year OR after_care
                UNION SELECT 'episodes' AS tbl, ep_row FROM checked WHERE after_care"""),
    # Short-break episodes do not start care, so the comparison is with the first other episode.
    Rule("118", "The decision that the child should no longer be placed for adoption (DATE_PLACED_CEASED) is dated "
                "before 1 April of this year or before the child started to be looked after. Correct the date; a "
                "decision reversed in an earlier year does not belong in this return.",
         table="placed_for_adoption", fields=("DATE_PLACED_CEASED", "DECOM", "LS"), tables=("episodes",), multi=True,
         sql=f"""WITH first_care AS (
                     SELECT "CHILD", value_at_min(row_no, "DECOM") AS ep_row, min("DECOM") AS began
                     FROM ret_episodes WHERE "DECOM" IS NOT NULL AND {NOT_SHORT_BREAK} GROUP BY "CHILD"),
                 checked AS (
                     SELECT p.row_no, f.ep_row,
                            coalesce(p."DATE_PLACED_CEASED" < {{start}}, false) AS before_year,
                            coalesce(p."DATE_PLACED_CEASED" < f.began, false) AS before_care
                     FROM ret_placed_for_adoption p LEFT JOIN first_care f ON f."CHILD" = p."CHILD")
                 SELECT 'placed_for_adoption' AS tbl, row_no FROM checked WHERE before_year OR before_care
                 UNION SELECT 'episodes' AS tbl, ep_row FROM checked WHERE before_care"""),
    Rule("119", "A decision that the child should no longer be placed for adoption needs both its date "
                "(DATE_PLACED_CEASED) and its reason (REASON_PLACED_CEASED). Give both, or neither.",
         table="placed_for_adoption", fields=("DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
         fails=f"({given('DATE_PLACED_CEASED')}) <> ({given('REASON_PLACED_CEASED')})"),
    code_rule("120", "placed_for_adoption", "REASON_PLACED_CEASED", "Reason the adoption decision was reversed",
              "RD1, RD2, RD3 or RD4"),
    Rule("184", "The decision that the child should be placed for adoption is dated before the child's date of "
                "birth. Correct DATE_PLACED or the date of birth.",
         table="placed_for_adoption", fields=("DATE_PLACED", "DOB"), tables=("header",),
         fails='"DATE_PLACED" < header_dob'),
)

OC3 = (
    code_rule("131", "oc3", "IN_TOUCH", "Whether the care leaver is in touch", "YES, NO, DIED, REFU, NREQ or RHOM",
              required=True),
    code_rule("132", "oc3", "ACTIV", "Care leaver's activity", "F1, P1, F2, P2, F4, P4, F5, P5, G4, G5, G6 or 0",
              required=True),
    code_rule("133", "oc3", "ACCOM", "Care leaver's accommodation", "a letter with 1 (suitable) or 2 (unsuitable), "
              "for example D1 or U2, or 0 when not known", required=True),
    Rule("153", "Care leaver details are only partly filled in. Give all of IN_TOUCH, ACTIV and ACCOM, or none.",
         table="oc3", fields=OC3_ITEMS, fails=f"{count_given(OC3_ITEMS)} BETWEEN 1 AND {len(OC3_ITEMS) - 1}"),
)

EPISODES = (
    date_rule("141", "episodes", "DECOM", "Date the episode began", required=True),
    Rule("142", "A later episode starts but this one has no end date or reason. Give DEC and REC "
                "(REC X1 when the next episode follows on the same day).",
         table="episodes", fields=("DEC", "REC"),
         fails=f'seq < n_episodes AND "DECOM" IS NOT NULL AND ({blank("DEC")} OR "REC" IS NULL)'),
    code_rule("143", "episodes", "RNE", "Reason for new episode", "S, P, L, T, B or U", required=True),
    code_rule("144", "episodes", "LS", "Legal status", "for example C1, C2, E1, V2, V3, V4, J1 or L1", required=True),
    code_rule("145", "episodes", "CIN", "Category of need", "N1 to N8", required=True),
    code_rule("146", "episodes", "PLACE", "Placement type", "this year's list (K3 is new in 2024/25; H5, P2 "
              "and Z1 are gone from 2025/26, Z1 becoming Z11-Z14)", required=True),
    date_rule("147", "episodes", "DEC", "Date the episode ceased"),
    Rule("148", "An episode end needs both the date (DEC) and the reason (REC). Give both, or leave both blank "
                "while the episode is open.",
         table="episodes", fields=("DEC", "REC"), fails=f"({given('DEC')}) <> ({given('REC')})"),
    code_rule("149", "episodes", "REC", "Reason episode ceased", "for example X1, E11, E4A, E13 or E17"),
    # The DfE checks the distance it works out from the two postcodes; careboard cannot measure it, so it
    # flags a postcode no lookup could place. UASC children (this year or last) need no home postcode.
    Rule("164", "The placement distance cannot be worked out: the home or placement postcode is not a valid "
                "UK postcode. Check HOME_POST and PL_POST.",
         table="episodes", fields=("HOME_POST", "PL_POST"), tables=("uasc",), severity="query",
         fails=f"""NOT in_uasc AND "CHILD" NOT IN (SELECT "CHILD" FROM ret_uasc_last WHERE "CHILD" IS NOT NULL)
                   AND {NOT_SHORT_BREAK}
                   AND (({given('HOME_POST')} AND {not_postcode('HOME_POST')})
                        OR ({given('PL_POST')} AND {not_postcode('PL_POST')}))"""),
    *with_postcode_lookup(
        lambda fails, postcode: Rule(
            "169", f"The local authority of the placement cannot be found: the placement postcode (PL_POST) "
                   f"{postcode}. Check the postcode.",
            table="episodes", fields=("PL_POST",), severity="query", fails=fails),
        *_PLACEMENT_AREA),
    Rule("178", "Placement provider (PLACE_PROVIDER) is not valid: use PR0 to PR5, and leave it blank for "
                "temporary placements (T codes) and, up to 2024/25, Z1 or, from 2025/26, Z11-Z14.",
         table="episodes", fields=("PLACE_PROVIDER", "PLACE"),
         fails='"PLACE_PROVIDER" IS NOT NULL AND ("PLACE_PROVIDER" NOT IN {PLACE_PROVIDER} '
               'OR coalesce("PLACE" IN {PLACE_NO_PROVIDER_178}, false))'),
    *with_postcode_lookup(
        lambda fails, postcode: Rule(
            "179", f"Whether the placement is inside or outside the council's area cannot be worked out: the "
                   f"placement postcode (PL_POST) {postcode}. Correct the postcode.",
            table="episodes", fields=("PL_POST",), fails=fails),
        *_PLACEMENT_AREA),
    # Episodes before the first adoption are the adoption's own period of care; compares with last year too.
    Rule("199", "This episode starts after the child was adopted from care (an earlier episode ended E11 or E12). "
                "Check the child ID is not reused, and correct the adoption episode if the child was not adopted.",
         table="episodes", fields=("CHILD", "DECOM", "REC"),
         sql="""WITH adopted AS (
                    SELECT "CHILD", min("DECOM") AS adopted_from
                    FROM (SELECT "CHILD", "DECOM", "REC" FROM ret_episodes
                          UNION ALL SELECT "CHILD", "DECOM", "REC" FROM ret_episodes_last) AS e
                    WHERE "REC" IN {REC_ADOPTED} GROUP BY "CHILD")
                SELECT e.row_no FROM ret_episodes e JOIN adopted a ON a."CHILD" = e."CHILD"
                WHERE e."DECOM" > a.adopted_from"""),
)

REVIEWS = (
    date_rule("166", "reviews", "REVIEW", "Date of review", required=True),
    # A row with neither date nor code is left to rule 166.
    Rule("167", "Participation code (REVIEW_CODE) is missing or not valid for this review, or is given on a row "
                "without a review date: give the date of the review and a code from PN0 to PN7.",
         table="reviews", fields=("REVIEW_CODE",),
         fails=f"""CASE WHEN {given('REVIEW')} THEN {required_code('REVIEW_CODE', 'REVIEW_CODE')}
                   ELSE "REVIEW_CODE" IS NOT NULL END"""),
)

# How the 12-month (OC2) group is drawn (views/child_episodes.sql, cla_12m), said where a child is left out of it.
_NOT_IN_COHORT = (" (a child whose care ended on 31 March itself was no longer looked after on 31 March; episodes "
                  "and end dates after 31 March do not count)")

OC2 = (
    # "16 or under at the end of the year" is read as age 16 or less on 31 March, the same edge as rule 186.
    # The community validator stops at the 16th birthday, letting a child who turned 16 before 31 March give
    # SDQ1; but a 16-year-old is "16 or under", and rule 186 asks the same children for a score.
    Rule("157", "SDQ1 (child under 4 or over 16) is given as the reason for no SDQ score, but the child was 4 or "
                "over on 1 April and 16 or under on 31 March. Give the SDQ score or the real reason.",
         table="oc2", fields=("SDQ_REASON", "DOB"), tables=("episodes",),
         fails=f"""cla_12m AND {oc2_age('{start}')} >= 4 AND {oc2_age('{end}')} <= 16
                   AND {blank('SDQ_SCORE')} AND "SDQ_REASON" = 'SDQ1'"""),
    Rule("158", "The child received a substance misuse intervention, so 'offered an intervention' "
                "(INTERVENTION_OFFERED) should be blank. Remove it.",
         table="oc2", fields=("INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"),
         fails=f""""INTERVENTION_RECEIVED" = '1' AND {given('INTERVENTION_OFFERED')}"""),
    Rule("159", "The child has a substance misuse problem and did not receive an intervention: say whether one was "
                "offered (INTERVENTION_OFFERED 0 or 1).",
         table="oc2", fields=("SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"),
         fails=f""""SUBSTANCE_MISUSE" = '1' AND "INTERVENTION_RECEIVED" = '0' AND {blank('INTERVENTION_OFFERED')}"""),
    Rule("180", "SDQ score must be a whole number from 0 to 40. Correct SDQ_SCORE.",
         table="oc2", fields=("SDQ_SCORE",),
         fails=f"""{given('SDQ_SCORE')} AND NOT coalesce(whole_match("r_SDQ_SCORE", '[0-9]+([.]0+)?')
                   AND "SDQ_SCORE" BETWEEN 0 AND 40, false)"""),
    # Blank items pass, as in the community validator: rule 191 asks the 12-month group for the core items.
    Rule("181", "Health and offending items for children looked after for 12 months must be 0 or 1. "
                "Correct the items that hold anything else.",
         table="oc2", fields=OC2_ITEMS, fails=" OR ".join(optional_code(c, "FLAG") for c in OC2_ITEMS)),
    # The DfE wording asks for all four core items or no OC2 item at all, so a partly filled four fails too.
    # The community validator fails a blank core item only beside one of the other four items (conviction,
    # health check, interventions), a limit the DfE wording does not set.
    Rule("182", "OC2 is partly filled in: immunisations, teeth check, health assessment and substance misuse must "
                "all be given whenever any OC2 health or offending item is. Complete them or clear the row.",
         table="oc2", fields=OC2_ITEMS, fails=f"{any_blank(OC2_CORE)} AND {any_given(OC2_ITEMS)}"),
    Rule("185", f"An SDQ score is given but the child was not looked after continuously for 12 months at 31 March"
                f"{_NOT_IN_COHORT}. Remove the score, or correct the child's episodes.",
         table="oc2", fields=("SDQ_SCORE",), tables=("episodes",), fails=f"{given('SDQ_SCORE')} AND NOT cla_12m"),
    # A reason for no score satisfies the rule, as the SDQ reasons exist for this age group. The community
    # validator fails a row lacking either the score or the reason, which fails every scored child (rule 197a
    # forbids giving both), so careboard does not follow it.
    Rule("186", "Child aged 4 to 16 looked after for 12 months has neither an SDQ score nor a reason for having "
                "none. Give the score, or the reason in SDQ_REASON.",
         table="oc2", fields=SDQ, tables=("episodes",),
         fails=f"""cla_12m AND {oc2_age('{start}')} >= 4 AND {oc2_age('{end}')} < 17
                   AND {blank('SDQ_SCORE')} AND {blank('SDQ_REASON')}"""),
    Rule("187", "A child looked after continuously for 12 months at 31 March (the OC2 group) cannot also have "
                "adoption (AD1) or care leaver (OC3) details. Remove them, or correct the child's episodes.",
         table="ad1", fields=AD1_ITEMS + OC3_ITEMS, tables=("oc3", "episodes"), multi=True,
         sql=f"""SELECT 'ad1' AS tbl, row_no FROM ret_v_ad1 WHERE cla_12m AND {any_given(AD1_ITEMS)}
                 UNION ALL SELECT 'oc3' AS tbl, row_no FROM ret_v_oc3 WHERE cla_12m AND {any_given(OC3_ITEMS)}"""),
    Rule("188", "Child is under 4 on 31 March, so there should be no SDQ score and no reason for none. "
                "Clear SDQ_SCORE and SDQ_REASON, or correct the date of birth.",
         table="oc2", fields=SDQ + ("DOB",), fails=f"{oc2_age('{end}')} < 4 AND {any_given(SDQ)}"),
    Rule("189", "Child was 17 or over on 1 April, so there should be no SDQ score and no reason for none. "
                "Clear SDQ_SCORE and SDQ_REASON, or correct the date of birth.",
         table="oc2", fields=SDQ + ("DOB",), fails=f"{oc2_age('{start}')} >= 17 AND {any_given(SDQ)}"),
    Rule("190", f"Health and offending items are filled in but the child was not looked after continuously for "
                f"12 months at 31 March{_NOT_IN_COHORT}. Clear them, or correct the child's episodes.",
         table="oc2", fields=OC2_ITEMS, tables=("episodes",), fails=f"NOT cla_12m AND {any_given(OC2_ITEMS)}"),
    # Reported on the OC2 row when items are blank, and on the child's first episode when there is no OC2 row.
    Rule("191", "Child was looked after continuously for 12 months at 31 March, so immunisations, teeth check, "
                "health assessment and substance misuse must be given (add an OC2 row if the child has none).",
         table="oc2", fields=("CHILD",) + OC2_CORE, tables=("episodes",), multi=True,
         sql=f"""SELECT 'oc2' AS tbl, row_no FROM ret_v_oc2 WHERE cla_12m AND {any_blank(OC2_CORE)}
                 UNION ALL
                 SELECT 'episodes' AS tbl, e.row_no FROM ret_v_episodes e JOIN ret_child_episodes c ON c."CHILD" = e."CHILD"
                 WHERE e.seq = 1 AND c.cla_12m AND NOT EXISTS (SELECT 1 FROM ret_oc2 o WHERE o."CHILD" = e."CHILD")"""),
    Rule("192", "The child has a substance misuse problem: say whether they received an intervention "
                "(INTERVENTION_RECEIVED 0 or 1).",
         table="oc2", fields=("SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED"),
         fails=f""""SUBSTANCE_MISUSE" = '1' AND {blank('INTERVENTION_RECEIVED')}"""),
    Rule("193", "Intervention items are filled in but the child is not recorded as having a substance misuse "
                "problem. Clear INTERVENTION_RECEIVED and INTERVENTION_OFFERED, or correct SUBSTANCE_MISUSE.",
         table="oc2", fields=("SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"),
         fails=f"""coalesce("SUBSTANCE_MISUSE", '0') = '0'
                   AND {any_given(('INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED'))}"""),
    code_rule("196", "oc2", "SDQ_REASON", "Reason for no SDQ score", "SDQ1 to SDQ5"),
    Rule("197B", "Child turned 4 or 17 this year and was looked after for 12 months, but has neither an SDQ score "
                 "nor a reason for having none. Give one of them.",
         table="oc2", fields=SDQ + ("DOB",), tables=("episodes",),
         fails=f"""cla_12m AND ({turns_during_year(4)} OR {turns_during_year(17)})
                   AND {blank('SDQ_SCORE')} AND {blank('SDQ_REASON')}"""),
    Rule("197a", "Both an SDQ score and a reason for no score are given. Keep the score and clear SDQ_REASON.",
         table="oc2", fields=SDQ, fails=f"{given('SDQ_SCORE')} AND {given('SDQ_REASON')}"),
    Rule("198", f"A reason for no SDQ score is given but the child was not looked after continuously for 12 months "
                f"at 31 March{_NOT_IN_COHORT}. Clear SDQ_REASON, or correct the child's episodes.",
         table="oc2", fields=("SDQ_REASON",), tables=("episodes",), fails=f"{given('SDQ_REASON')} AND NOT cla_12m"),
)

RULES = HEADER + UASC + AD1 + PLACED_FOR_ADOPTION + OC3 + EPISODES + REVIEWS + OC2
