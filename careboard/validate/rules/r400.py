"""DfE rules 406-460: legal status and reasons for episodes against the episode chain, ages at reviews and
at leaving care, UPN completeness, and placement LA and distance (derived from postcodes).

Rule 411 (placement location IN/OUT against the LA of placement) is not here: both values are derived by
the DfE from the one placement postcode, LAs do not send them, so careboard has nothing it could disagree on.
"""

from ..rule import Rule
from .reference import in_postcode_lookup, placement_geo, with_postcode_lookup

# A placement changes when its type, postcode, URN or provider does (postcodes compared without spaces or
# case, so "pe1 1aa" and "PE11AA" are the same place).
_PLACEMENT_CHANGED = """("PLACE" IS DISTINCT FROM prev_place
    OR upper(replace("PL_POST", ' ', '')) IS DISTINCT FROM upper(replace(prev_pl_post, ' ', ''))
    OR upper("URN") IS DISTINCT FROM upper(prev_urn)
    OR "PLACE_PROVIDER" IS DISTINCT FROM prev_provider)"""
_LS_CHANGED = '"LS" IS DISTINCT FROM prev_ls'
_CEASED = "prev_rec IN {REC} AND prev_rec <> 'X1'"

EPISODE_CHAIN = (
    Rule("431", "The episode starts a new period of care (RNE S) on or before the day the previous episode "
                "ended. If the child stayed looked after, use the reason for the change (P, L, T, B or U); if "
                "they left care and came back, correct the dates.",
         table="episodes", fields=("DECOM", "RNE"),
         fails="\"RNE\" = 'S' AND prev_dec IS NOT NULL AND \"DECOM\" <= prev_dec"),
    Rule("432", "The previous episode ended the child's period of care (REC other than X1), so this episode "
                "starts a new one: its reason for new episode should be S. Correct RNE, or the previous REC if "
                "the child did not leave care.",
         table="episodes", fields=("RNE",), fails=f"{_CEASED} AND \"RNE\" IS DISTINCT FROM 'S'"),
    Rule("433", "The reason for new episode says care continued (P, L, T, B or U), but this episode does not "
                "start on the day the previous one ended. Make DECOM equal the previous episode's DEC, or use S "
                "if this is a new period of care.",
         table="episodes", fields=("DECOM", "RNE"),
         fails="\"RNE\" IN {RNE_NOT_NEW_PERIOD} AND seq > 1 "
               "AND (coalesce(prev_r_dec, '') = '' OR \"DECOM\" <> prev_dec)"),
    Rule("434", "RNE L means only the legal status changed, but either the legal status is the same as in the "
                "previous episode or the placement (type, postcode, URN or provider) changed. Correct RNE or "
                "the episode details.",
         table="episodes", fields=("RNE", "LS", "PLACE", "PLACE_PROVIDER", "PL_POST", "URN"),
         fails=f"\"RNE\" = 'L' AND seq > 1 AND (NOT {_LS_CHANGED} OR {_PLACEMENT_CHANGED})"),
    Rule("435", "RNE P or T means only the placement changed, but either the legal status changed too or the "
                "placement (type, postcode, URN and provider) is the same as before. Correct RNE (B or U if "
                "both changed) or the episode details.",
         table="episodes", fields=("RNE", "LS", "PLACE", "PLACE_PROVIDER", "PL_POST", "URN"),
         fails=f"\"RNE\" IN {{RNE_PLACEMENT_ONLY}} AND seq > 1 AND ({_LS_CHANGED} OR NOT {_PLACEMENT_CHANGED})"),
    Rule("436", "RNE B or U means both the legal status and the placement changed, but one of them is the same "
                "as in the previous episode. Correct RNE (L or P/T if only one changed) or the episode details.",
         table="episodes", fields=("RNE", "LS", "PLACE", "PLACE_PROVIDER", "PL_POST", "URN"),
         fails=f"\"RNE\" IN {{RNE_PLACEMENT_AND_LEGAL_STATUS}} AND seq > 1 AND (NOT {_LS_CHANGED} OR NOT {_PLACEMENT_CHANGED})"),
    Rule("437", "The episode ended because the child died (E2) or was assessed as 18 or over (E15), yet later "
                "episodes follow. Correct the reason the episode ended, or remove the later episodes.",
         table="episodes", fields=("REC",), fails="\"REC\" IN {REC_DIED_OR_ADULT} AND seq < n_episodes"),
)

LEGAL_STATUS = (
    Rule("408", "Placed for adoption under a placement order (A5 or A6) but the legal status is not E1 "
                "(placement order granted). Correct the legal status or the placement type.",
         table="episodes", fields=("PLACE", "LS"),
         fails="\"PLACE\" IN {PLACE_ADOPTION_PLACEMENT_ORDER} AND \"LS\" IS DISTINCT FROM 'E1'"),
    Rule("426", "The child has short-break episodes under both V3 and V4 this year. A child's short breaks are "
                "recorded one way: either each stay (V3) or the agreement (V4). Use one legal status.",
         table="episodes", fields=("LS",),
         sql="""SELECT row_no FROM (
                  SELECT row_no, "LS", bool_or("LS" = 'V3') OVER c AND bool_or("LS" = 'V4') OVER c AS both_kinds
                  FROM ret_episodes WINDOW c AS (PARTITION BY "CHILD")) AS kinds
                WHERE "LS" IN {LS_SHORT_BREAK} AND both_kinds"""),
    Rule("445", "Legal status D1 (freeing order) on an episode starting after December 2005, when freeing "
                "orders ended. Use E1 (placement order) or the status that applied.",
         table="episodes", fields=("DECOM", "LS"), years=(2024,),
         fails="\"LS\" = 'D1' AND \"DECOM\" > DATE '2005-12-31'"),
    Rule("446", "Legal status E1 (placement order) on an episode starting before December 2005, when placement "
                "orders did not yet exist. Check the legal status and the start date.",
         table="episodes", fields=("DECOM", "LS"), fails="\"LS\" = 'E1' AND \"DECOM\" < DATE '2005-12-01'"),
    Rule("451", "The child is still on a freeing order (D1, episode open), but no freeing order can have been "
                "applied for since 30 December 2005. Check the legal status and end the episode if needed.",
         table="episodes", fields=("DEC", "REC", "LS"), years=(2024,),
         fails="\"LS\" = 'D1' AND \"r_DEC\" = '' AND \"r_REC\" = ''"),
)

AGES = (
    Rule("407", "The episode ended with a special guardianship order (E45-E48) but the child was 18 or over. "
                "An SGO is only made for children: check the reason, the end date and the date of birth.",
         table="episodes", fields=("DEC", "REC"),
         fails="\"REC\" IN {REC_SPECIAL_GUARDIANSHIP} AND age_dec >= 18"),
    Rule("460", "The episode ended with the young person staying with their carers at 18 or over (E17) but "
                "they were under 18. Check the reason, the end date and the date of birth.",
         table="episodes", fields=("DEC", "REC"), fails="\"REC\" = 'E17' AND age_dec < 18"),
    Rule("440", "Participation PN0 is for children under 4, but the child was 4 or over on the review date. "
                "Record how the child took part (PN1-PN7), or correct the dates.",
         table="reviews", fields=("DOB", "REVIEW", "REVIEW_CODE"),
         fails="\"REVIEW_CODE\" = 'PN0' AND age_on(coalesce(\"DOB\", header_dob), \"REVIEW\") >= 4"),
    Rule("441", "Participation is recorded as PN1-PN7, but the child was under 4 on the review date, so it "
                "should be PN0. Correct the code, or the dates.",
         table="reviews", fields=("DOB", "REVIEW", "REVIEW_CODE"),
         fails="\"REVIEW_CODE\" IN {REVIEW_CODE_AGED_4_OR_OVER} "
               "AND age_on(coalesce(\"DOB\", header_dob), \"REVIEW\") < 4"),
)

UPN = (
    Rule("442", "UPN is blank for a child looked after other than on short breaks. Give the UPN, or the UN code "
                "saying why it is unknown (UN1-UN5).",
         table="header", fields=("UPN",), fails='n_episodes IS NOT NULL AND NOT short_breaks_only AND "UPN" IS NULL'),
    Rule("444", "The same UPN is given for more than one child. A UPN belongs to one pupil: check which child it "
                "belongs to and correct the others.",
         table="header", fields=("UPN",),
         sql="""SELECT row_no FROM (
                  SELECT row_no, count(*) OVER (PARTITION BY upper("UPN")) AS sharing FROM ret_header
                  WHERE "UPN" IS NOT NULL AND upper("UPN") NOT IN {UPN_PLACEHOLDER}) AS upns
                WHERE sharing > 1"""),
)

# PL_LA and PL_DISTANCE are derived from the postcodes. Two checks need no directory: a distance exists
# only when both postcodes are given, and an LA of placement only when the placement postcode is.
_FIRST_NOW = "SELECT * FROM ({geo}) g QUALIFY row_number() OVER (PARTITION BY \"CHILD\" ORDER BY \"DECOM\", row_no) = 1"
_LAST_BEFORE = ("SELECT * FROM ({geo}) g "
                "QUALIFY row_number() OVER (PARTITION BY \"CHILD\" ORDER BY \"DECOM\" DESC, row_no DESC) = 1")
# The open episode at the end of last year and the same episode (same start) at the start of this year.
_CARRIED_OVER = (f"""SELECT n.row_no, n.pl_la, b.pl_la AS last_pl_la, n.pl_distance, b.pl_distance AS last_pl_distance
    FROM ({_FIRST_NOW.format(geo=placement_geo('ret_episodes'))}) n
    JOIN ({_LAST_BEFORE.format(geo=placement_geo('ret_episodes_last'))}) b
      ON b."CHILD" = n."CHILD" AND b."DECOM" = n."DECOM"
    WHERE b."r_DEC" = ''""")

LOCATION = (
    # "Formerly UASC" can only be seen one year back (last year's UASC table, when given). Without a postcode
    # lookup a distance is taken as recorded whenever both postcodes are given; with one (--postcodes), only
    # when the lookup can place both, since a postcode it does not know gives no distance (392c reports it).
    *with_postcode_lookup(
        lambda source, given: Rule(
            "406", f"The child is or was an unaccompanied asylum-seeking child, for whom no placement distance is "
                   f"worked out, but {given}. Leave the home postcode blank.",
            table="episodes", fields=("HOME_POST", "PL_POST"), tables=("uasc_last",),
            sql=f"""SELECT row_no FROM ({source}) g
                    WHERE (in_uasc OR "CHILD" IN (SELECT "CHILD" FROM ret_uasc_last))"""),
        {"source": 'SELECT * FROM ret_v_episodes WHERE "HOME_POST" IS NOT NULL AND "PL_POST" IS NOT NULL',
         "given": "both a home and a placement postcode are given"},
        {"source": f"SELECT * FROM ({placement_geo('ret_v_episodes')}) d WHERE pl_distance IS NOT NULL",
         "given": "the home and placement postcodes give a distance"}),
    # Likewise the LA of placement is recorded only when the lookup can place the postcode.
    *with_postcode_lookup(
        lambda placed, what: Rule(
            "420", f"A placement postcode{what} is given for a short break (legal status V3 or V4). Leave PL_POST "
                   f"blank for short breaks.",
            table="episodes", fields=("LS", "PL_POST"), fails=f"\"LS\" IN {{LS_SHORT_BREAK}} AND {placed}"),
        {"placed": '"PL_POST" IS NOT NULL', "what": " (from which the LA of placement is worked out)"},
        {"placed": in_postcode_lookup('"PL_POST"', placed=True),
         "what": " that gives an LA of placement"}),
    Rule("452", "The placement open at the end of last year is in a different LA in this year's return. The "
                "same episode should have the same placement postcode in both years: correct PL_POST.",
         table="episodes", fields=("PL_POST",), tables=("episodes_last", "postcode_lookup"),
         needs=("last_year", "postcodes"),
         sql=f"SELECT row_no FROM ({_CARRIED_OVER}) AS carried WHERE pl_la IS DISTINCT FROM last_pl_la"),
    Rule("453", "The placement open at the end of last year is a different distance from home in this year's "
                "return. The same episode should have the same home and placement postcodes in both years.",
         table="episodes", fields=("HOME_POST", "PL_POST"), tables=("episodes_last", "postcode_lookup"),
         needs=("last_year", "postcodes"),
         sql=f"SELECT row_no FROM ({_CARRIED_OVER}) AS carried WHERE abs(pl_distance - last_pl_distance) >= 0.2"),
    Rule("454", "The placement is more than 350 miles from the child's home. Check the home and placement "
                "postcodes.",
         table="episodes", fields=("HOME_POST", "PL_POST"), tables=("postcode_lookup",), needs=("postcodes",),
         severity="query",
         sql=f"SELECT row_no FROM ({placement_geo('ret_episodes')}) AS geo WHERE pl_distance > 350 AND pl_distance <> 999.9"),
)

RULES = EPISODE_CHAIN + LEGAL_STATUS + AGES + UPN + LOCATION
