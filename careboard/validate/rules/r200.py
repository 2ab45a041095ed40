"""DfE rules 202-243: the child's details against last year's return, UPN placeholders, UASC status
across years, and placement provider, Ofsted URN and reason-for-placement-change recording."""

from ..rule import Rule
from .reference import postcode_key, with_postcode_lookup
from .sql_checks import until

# The DfE judges "placed outside England" on the placement LA it derives from a postcode directory;
# without a postcode lookup, a placement postcode in an area wholly outside England stands in for it.
_OUTSIDE_ENGLAND = ("""coalesce(first_match(upper("PL_POST"), '^[A-Z]+') IN {POSTCODE_AREA_OUTSIDE_ENGLAND},
                    false)""")
# With a postcode lookup, a postcode it knows is placed by its LA (WAL, SCO or NIR outside England): postcode
# areas cross borders (TD15 is Berwick, in England; CH5-CH8 are in Wales). One it does not know goes by area.
_OUTSIDE_ENGLAND_LOOKUP = (f"""coalesce((SELECT bool_or(p.la_code IN {{LA_CODE_OUTSIDE_ENGLAND}}) FROM postcode_lookup p
                                         WHERE p.pcd = {postcode_key('"PL_POST"')}), {_OUTSIDE_ENGLAND})""")
# 230 and 243 without and with the lookup.
_OUTSIDE = ({"outside": _OUTSIDE_ENGLAND}, {"outside": _OUTSIDE_ENGLAND_LOOKUP})


def _urn_given(alias: str = "") -> str:
    """A real URN: given, and not the XXXXXXX placeholder for settings without one."""
    col = f'{alias}."URN"' if alias else '"URN"'
    return f"{col} IS NOT NULL AND upper({col}) <> 'XXXXXXX'"


_ON_URN_LIST = 'upper(e."URN") IN (SELECT "URN" FROM urn_list)'
_SEX_AS_MF = "CASE {col} WHEN '1' THEN 'M' WHEN '2' THEN 'F' ELSE {col} END"


def _registered(extra: str) -> str:
    """Episodes with a real URN (not XXXXXXX) that is on the URN list, narrowed by `extra`."""
    return (f'SELECT e.row_no FROM ret_v_episodes e WHERE {_urn_given("e")} AND {_ON_URN_LIST} AND {extra}')


LAST_YEAR = (
    # 1/2 became M/F in 2024/25; comparing across that change must not count as a change of sex.
    Rule("202", "Sex differs from the sex given for this child in last year's return (1/2 and M/F count as "
                "the same). Check which is right and correct this year's header, or ask DfE to amend last year's.",
         table="header", fields=("SEX",), needs=("last_year",), compared=("SEX",),
         fails="in_last_year AND " + _SEX_AS_MF.format(col='"SEX"') + " IS DISTINCT FROM "
               + _SEX_AS_MF.format(col="last_sex")),
    Rule("203", "Date of birth differs from the one given for this child in last year's return. Check the "
                "child's records and make both years agree.",
         table="header", fields=("DOB",), needs=("last_year",), compared=("DOB",),
         fails='in_last_year AND "DOB" IS DISTINCT FROM last_dob'),
    Rule("204", "Ethnicity differs from the one given for this child in last year's return. Check which is right "
                "and make this year's header agree with the child's recorded ethnicity.",
         table="header", fields=("ETHNIC",), needs=("last_year",), compared=("ETHNIC",),
         fails='in_last_year AND "ETHNIC" IS DISTINCT FROM last_ethnic'),
    # Only a mother status of 1 last year binds this year; children no longer looked after are exempt.
    Rule("207", "Last year's return recorded this child as a mother, but this year's does not. Once a child is "
                "a mother she stays one: set MOTHER to 1 (and give MC_DOB) unless last year's record was wrong.",
         table="header", fields=("MOTHER",), needs=("last_year",), compared=("MOTHER",),
         fails="in_last_year AND n_episodes IS NOT NULL AND last_mother = '1' AND \"MOTHER\" IS DISTINCT FROM '1'"),
    # Allowed changes: an unknown UPN (blank or UN code) becoming a real one, and UN1/blank becoming UN2-UN5.
    Rule("208", "UPN differs from the one given for this child last year. A child keeps one UPN: give last "
                "year's UPN, unless it was unknown then (only a move from unknown to a real UPN, or from UN1 to "
                "UN2-UN5, is expected).",
         table="header", fields=("UPN",), needs=("last_year",), compared=("UPN",),
         fails="""in_last_year AND upper("UPN") IS DISTINCT FROM upper(last_upn) AND NOT coalesce(
                    ((last_upn IS NULL OR upper(last_upn) IN {UPN_PLACEHOLDER})
                      AND "UPN" IS NOT NULL AND upper("UPN") NOT IN {UPN_PLACEHOLDER})
                    OR ((last_upn IS NULL OR upper(last_upn) = 'UN1')
                      AND upper("UPN") IN {UPN_PLACEHOLDER_AFTER_UN1}), false)"""),
)

UPN = (
    # School age as the DfE counts it: 4 or over on 31 August in the year before the collection started.
    Rule("209", "UPN is UN1 ('not yet of school age') but the child was of school age: 4 or over on the "
                "31 August that fell 7 months before the collection year began (31 August 2023 for 2024/25). "
                "Give the child's UPN, or the UN code saying why it is unknown.",
         table="header", fields=("UPN", "DOB"),
         fails="upper(\"UPN\") = 'UN1' AND age_on(\"DOB\", date_of({year} - 2, 8, 31)) >= 4"),
    # UN4 is for children newly looked after in the last week of the year: read "looked after for more than
    # a week" as looked after at 31 March in a period of care that started before 24 March. The community
    # validator fails UN4 when an episode starts on or after 24 March, the very children UN4 is for; careboard
    # follows the DfE message.
    Rule("210", "UPN is UN4 ('newly looked after, UPN not yet known') but the child had been looked after for "
                "more than a week at 31 March. Find and give the child's UPN, or another UN code if it cannot be "
                "found.",
         table="header", fields=("UPN", "DECOM"), tables=("episodes",),
         sql="""SELECT h.row_no FROM ret_v_header h
                WHERE upper(h."UPN") = 'UN4' AND h.open_at_end
                  AND h."CHILD" NOT IN (SELECT "CHILD" FROM ret_episodes
                                        WHERE "RNE" = 'S' AND "DECOM" >= date_of({year}, 3, 24))"""),
)

# UASC status across years. A child is (or was) UASC in a year when they have a row in that year's UASC
# table; DUC is the date that status ended. Last year's period runs from {start} - 1 year to {end} - 1 year.
# Rule 205C weighs the header's UASC flag itself (v_header.uasc_status / last_uasc_status): where a return
# carries no flag (most CSVs) a UASC row stands for it, so there a DUC always comes with the status.
_UASC_PAIRS = """SELECT u.row_no, u."DUC", ul."DUC" AS last_DUC, ul."r_DUC" AS last_r_DUC
                 FROM ret_uasc u JOIN ret_uasc_last ul ON ul."CHILD" = u."CHILD\""""
_IN_LAST_YEAR = "BETWEEN {start} - INTERVAL 1 YEAR AND {end} - INTERVAL 1 YEAR"

UASC = (
    Rule("205A", "The child was UASC last year and is not UASC this year, but last year's date UASC ceased "
                 "(DUC) is missing or not within last year. Check the UASC status and the date it ceased in both "
                 "years' returns.",
         table="header", fields=("CHILD",), tables=("uasc", "uasc_last"), needs=("last_year",),
         sql=f"""SELECT h.row_no FROM ret_header h JOIN ret_uasc_last ul ON ul."CHILD" = h."CHILD"
                 WHERE h."CHILD" NOT IN (SELECT "CHILD" FROM ret_uasc)
                   AND NOT coalesce(ul."DUC" {_IN_LAST_YEAR}, false)"""),
    # Former UASC stay in the table with the date their status ended, so a DUC may repeat across years.
    # What cannot happen: a DUC that changes to a date outside this year, or, after last year gave no DUC
    # (still UASC at its end), a DUC from before this year began.
    Rule("205B", "The child is UASC in both this year's and last year's returns, but the dates UASC ceased "
                 "(DUC) contradict each other: this year's DUC differs from last year's without falling in this "
                 "year, or ends the status before this year although last year gave none. Make DUC agree.",
         table="uasc", fields=("DUC",), tables=("uasc_last",), needs=("last_year",),
         sql=f"""SELECT row_no FROM ({_UASC_PAIRS}) AS pairs
                 WHERE (last_DUC IS NOT NULL AND "DUC" IS DISTINCT FROM last_DUC
                        AND NOT coalesce("DUC" BETWEEN {{start}} AND {{end}}, false))
                    OR (coalesce(last_r_DUC, '') = '' AND "DUC" < {{start}})"""),
    # A DUC is "provided" when written at all, a date or not (rule 104 judges its form). A child with no
    # header row has no flag to weigh; rules 105 and 303 report that row.
    Rule("205C", "A date UASC status ceased (DUC) is given, but the child is not recorded as UASC (UASC flag 1) "
                 "in this year's or last year's return. A child who was never UASC has no ceased date: remove "
                 "the DUC, or record the child as UASC in the year they were.",
         table="uasc", fields=("DUC", "UASC"), tables=("header", "header_last", "uasc_last"), needs=("last_year",),
         sql="""SELECT u.row_no FROM ret_uasc u JOIN ret_v_header h ON h."CHILD" = u."CHILD"
                WHERE coalesce(u."r_DUC", '') <> '' AND NOT h.uasc_status AND NOT h.last_uasc_status"""),
    Rule("205D", "The child is UASC this year but was in last year's return without UASC status. A child cannot "
                 "become UASC while looked after: check the UASC status in both years.",
         table="uasc", fields=("CHILD",), tables=("header_last", "uasc_last"), needs=("last_year",),
         sql="""SELECT u.row_no FROM ret_uasc u JOIN ret_header_last hl ON hl."CHILD" = u."CHILD"
                WHERE u."CHILD" NOT IN (SELECT "CHILD" FROM ret_uasc_last)"""),
    Rule("231", "The child is recorded as UASC but is under 11 at 31 March; UASC are usually older. Check the "
                 "date of birth; if it is right, explain the case to DfE when asked.",
         table="header", fields=("DOB",), severity="query", fails="in_uasc AND age_end < 11"),
)

HEADER = (
    Rule("232", "Sex is recorded as U (unknown). Check the child's records and give M or F if it is known.",
         table="header", fields=("SEX",), severity="query", fails="\"SEX\" = 'U'"),
    Rule("215", "The young person has care-leaver (OC3) information and also outcomes for children looked after "
                "for 12 months (OC2). Nobody is in both groups: remove the record that does not apply.",
         table="oc3", fields=("IN_TOUCH", "ACTIV", "ACCOM", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS",
                              "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
                              "INTERVENTION_OFFERED"),
         tables=("oc2",), multi=True,
         sql="""WITH both_groups AS (
                  SELECT o3.row_no AS oc3_row, o2.row_no AS oc2_row
                  FROM ret_oc3 o3 JOIN ret_oc2 o2 ON o2."CHILD" = o3."CHILD"
                  WHERE coalesce(o3."IN_TOUCH", o3."ACTIV", o3."ACCOM") IS NOT NULL
                    AND coalesce(o2."CONVICTED", o2."HEALTH_CHECK", o2."IMMUNISATIONS", o2."TEETH_CHECK",
                                 o2."HEALTH_ASSESSMENT", o2."SUBSTANCE_MISUSE", o2."INTERVENTION_RECEIVED",
                                 o2."INTERVENTION_OFFERED") IS NOT NULL)
                SELECT 'oc3' AS tbl, oc3_row AS row_no FROM both_groups
                UNION SELECT 'oc2', oc2_row FROM both_groups"""),
)

PLACEMENT_CODES = (
    Rule("213", "A placement provider is given for a placement type that has none (temporary moves T0-T4, and "
                "from 2025/26 Z11-Z14). Leave PLACE_PROVIDER blank for this placement.",
         table="episodes", fields=("PLACE", "PLACE_PROVIDER"),
         fails='"PLACE" IN {PLACE_NO_PROVIDER} AND "PLACE_PROVIDER" IS NOT NULL'),
    Rule("214", "Placement postcode or URN given for a short break (legal status V3 or V4). Leave PL_POST and URN "
                "blank for short-break episodes.",
         table="episodes", fields=("LS", "PL_POST", "URN"),
         fails="\"LS\" IN {LS_SHORT_BREAK} AND (\"PL_POST\" IS NOT NULL OR \"URN\" IS NOT NULL)"),
    Rule("217", "Placed for adoption with the current foster carers (A3 or A5), but the reason for new episode "
                "is not S, T or U. A move to adoption with the same carers is T (or U if the legal status also "
                "changed), or S for a child just starting to be looked after: correct RNE.",
         table="episodes", fields=("PLACE", "DECOM", "RNE"),
         fails="\"PLACE\" IN {PLACE_ADOPTION_FOSTER_CARER} AND \"DECOM\" >= DATE '2015-04-01' "
               "AND coalesce(\"RNE\", '') NOT IN {RNE_NEW_PERIOD_OR_SAME_CARER}"),
    Rule("217t", "Placement type P2 (independent living) cannot be used after 28 October 2023, but this P2 "
                 "placement was still open after that date. End the episode by 28 October 2023 and record the "
                 "placement after it with a current placement type.",
         table="episodes", fields=("PLACE", "DEC"), years=(2024,),
         fails="\"PLACE\" = 'P2' AND (\"r_DEC\" = '' OR \"DEC\" > DATE '2023-10-28')"),
)

# Short breaks (V3/V4) are left out of 218: rule 214 says they carry no URN. The community validator asks
# short breaks for a URN here and forbids it in 214, which no return could satisfy.
URN = (
    Rule("218", "Ofsted URN is missing. Placements of this type in England need the setting's URN (or XXXXXXX "
                "where the setting has none): add it.",
         table="episodes", fields=("PLACE", "URN"),
         fails=f"""\"URN\" IS NULL AND (\"r_DEC\" = '' OR \"DEC\" >= {{start}})
                   AND \"PLACE\" NOT IN {{PLACE_NO_URN}} AND coalesce(\"LS\", '') NOT IN {{LS_SHORT_BREAK}}
                   AND NOT {_OUTSIDE_ENGLAND}"""),
    Rule("222", "An Ofsted URN is given for a placement type that never has one (with parents, residential "
                "employment, NHS or custodial settings, temporary moves, other placements). Leave URN blank.",
         table="episodes", fields=("PLACE", "URN"),
         fails=f'{_urn_given()} AND "PLACE" IN {{PLACE_NO_URN}}'),
    *with_postcode_lookup(
        lambda outside: Rule(
            "230", "An H5 placement in England open on or after 29 October 2023 has no Ofsted URN. Semi-independent "
                   "settings had to register from 28 October 2023: give the setting's URN.",
            table="episodes", fields=("PLACE", "DEC", "URN", "PL_POST"), years=(2024,),
            fails=f"""\"PLACE\" = 'H5' AND (\"r_DEC\" = '' OR \"DEC\" >= DATE '2023-10-29')
                      AND (\"URN\" IS NULL OR upper(\"URN\") = 'XXXXXXX') AND NOT {outside}"""),
        *_OUTSIDE),
    Rule("242", "URN XXXXXXX is only for placements through a regional adoption agency (adoption A3-A6 or "
                "fostering U1-U6). Give this setting's Ofsted URN, or leave URN blank if it has none.",
         table="episodes", fields=("PLACE", "URN"),
         fails="upper(\"URN\") = 'XXXXXXX' AND coalesce(\"PLACE\", '') NOT IN {PLACE_ADOPTION} "
               "AND coalesce(\"PLACE\", '') NOT IN {PLACE_FOSTER}"),
    *with_postcode_lookup(
        lambda outside: Rule(
            "243", "A URN is given for a placement outside England. Only settings registered with Ofsted have a "
                   "URN: leave it blank, or correct the placement postcode if the setting is in England.",
            table="episodes", fields=("PL_POST", "URN"), fails=f'"URN" IS NOT NULL AND {outside}'),
        *_OUTSIDE),
)

# Against Ofsted's list of registered settings (see reference.py). A URN missing from the list is
# reported once, by 219; the other checks only look at URNs the list knows.
_NOT_LOCAL_229 = 'e."PLACE" NOT IN {PLACE_NO_URN} AND e."PLACE" <> \'K3\''
_PROVIDER_LA_229 = """SELECT e.row_no FROM ret_v_episodes e
    JOIN (SELECT "URN", bool_or(u.la_code = c.la_code) AS in_council
          FROM urn_list u CROSS JOIN council c GROUP BY "URN") p ON p."URN" = upper(e."URN")
    WHERE {urn_given} {extra}
      AND ((e."PLACE_PROVIDER" = 'PR1' AND NOT coalesce(p.in_council, false))
        OR (e."PLACE_PROVIDER" = 'PR2' AND coalesce(p.in_council, false)))"""
_229_MESSAGE = ("The provider code does not fit where the Ofsted-registered setting is: PR1 (own provision) "
                "needs premises in this council's area, PR2 (another LA's provision) premises elsewhere. "
                "Check the provider code and the URN.")

URN_LIST = (
    Rule("219", "The Ofsted URN is not on Ofsted's list of registered settings for this placement type. Check "
                "the URN and the placement type.",
         table="episodes", fields=("PLACE", "URN"), tables=("urn_list",), needs=("urn_list",),
         sql=f"""SELECT e.row_no FROM ret_v_episodes e WHERE {_urn_given("e")}
                 AND NOT EXISTS (SELECT 1 FROM urn_list u
                                 WHERE u."URN" = upper(e."URN") AND list_contains(u.place_codes, e."PLACE"))"""),
    Rule("221", "The placement postcode is not the postcode Ofsted holds for this URN. For children's homes, "
                "family centres and residential schools check both the URN and the placement postcode.",
         table="episodes", fields=("PL_POST", "URN"), tables=("urn_list",), needs=("urn_list",),
         sql=_registered(f"""coalesce(e."LS", '') NOT IN {{LS_SHORT_BREAK}} AND e."PLACE" IN {{PLACE_OFSTED_POSTCODE}}
                 AND e."PL_POST" IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM urn_list u WHERE u."URN" = upper(e."URN")
                                 AND u.postcode = {postcode_key('e."PL_POST"')})""")),
    Rule("224", "The placement provider does not match what Ofsted holds for this URN. Check the provider code "
                "and the URN.",
         table="episodes", fields=("PLACE_PROVIDER", "URN"), tables=("urn_list",), needs=("urn_list",),
         sql=_registered("""NOT EXISTS (SELECT 1 FROM urn_list u WHERE u."URN" = upper(e."URN")
                                        AND list_contains(u.provider_codes, e."PLACE_PROVIDER"))""")),
    Rule("227", "The episode starts on or after the date this URN's Ofsted registration ended. Check the URN "
                "and the start date.",
         table="episodes", fields=("DECOM", "URN"), tables=("urn_list",), needs=("urn_list",),
         sql=_registered("""EXISTS (SELECT 1 FROM urn_list u WHERE u."URN" = upper(e."URN")
                                    AND e."DECOM" >= u.reg_end)""")),
    Rule("228", "The episode ends (or, if still open, 31 March falls) after this URN's Ofsted registration "
                "ended. Check the URN and the end date; a setting that closed mid-year needs the child's move "
                "recorded.",
         table="episodes", fields=("DEC", "URN"), tables=("urn_list",), needs=("urn_list",),
         sql=_registered(f"""EXISTS (SELECT 1 FROM urn_list u WHERE u."URN" = upper(e."URN")
                                    AND {until("DEC", "{end}", "e.")} > u.reg_end)""")),
    Rule("229", _229_MESSAGE, table="episodes", fields=("PLACE_PROVIDER", "URN"), tables=("urn_list", "council"),
         needs=("urn_list", "council"), years=(2024, 2025),
         sql=_PROVIDER_LA_229.format(urn_given=_urn_given("e"), extra="")),
    # From 2025/26 the DfE leaves out K3 and the placement types that carry no URN.
    Rule("229", _229_MESSAGE, table="episodes", fields=("PLACE_PROVIDER", "URN"), tables=("urn_list", "council"),
         needs=("urn_list", "council"), years=(2026, 2027),
         sql=_PROVIDER_LA_229.format(urn_given=_urn_given("e"), extra="AND " + _NOT_LOCAL_229)),
    Rule("241", "The supported accommodation (K3) is in an LA where this provider has no registered premises. "
                "Check the placement postcode and the URN.",
         table="episodes", fields=("PL_POST", "URN"), tables=("urn_list", "postcode_lookup"),
         needs=("urn_list", "postcodes"),
         sql=_registered(f"""e."PLACE" = 'K3' AND EXISTS (
                 SELECT 1 FROM postcode_lookup p WHERE p.pcd = {postcode_key('e."PL_POST"')}
                   AND p.la_code NOT IN (SELECT la_code FROM urn_list u WHERE u."URN" = upper(e."URN")))""")),
)

# REASON_PLACE_CHANGE is recorded on the episode that ends with the move (REC X1 into a P/B/T/U episode),
# never around temporary placements, never on an open episode (from 2025/26), never CUSTOD under 10.
REASON_PLACE_CHANGE = (
    Rule("225", "This episode ends in a change of placement but no reason for the placement change is given. "
                "Record REASON_PLACE_CHANGE on the episode that ends with the move.",
         table="episodes", fields=("REC", "REASON_PLACE_CHANGE"),
         fails="""\"REC\" = 'X1' AND \"REASON_PLACE_CHANGE\" IS NULL AND next_rne IN {RNE_PLACEMENT_CHANGE}
                  AND coalesce(\"PLACE\", '') NOT IN {PLACE_TEMPORARY}
                  AND coalesce(next_place, '') NOT IN {PLACE_TEMPORARY}"""),
    # The DfE reports the temporary episode; careboard reports the row that holds the reason to remove.
    Rule("226", "A reason for placement change is given on a temporary placement (T0-T4) or on the episode "
                "just before one. Moves into or out of temporary placements are not placement changes: leave "
                "REASON_PLACE_CHANGE blank.",
         table="episodes", fields=("PLACE", "REASON_PLACE_CHANGE"),
         fails='"REASON_PLACE_CHANGE" IS NOT NULL AND ("PLACE" IN {PLACE_TEMPORARY} '
               'OR next_place IN {PLACE_TEMPORARY})'),
    Rule("233", "A reason for placement change is given on an episode that has not ended. Record the reason only "
                "when the episode ends; leave it blank for now.",
         table="episodes", fields=("DEC", "REASON_PLACE_CHANGE"),
         fails="\"r_DEC\" = '' AND \"REASON_PLACE_CHANGE\" IS NOT NULL"),
    Rule("234", "The placement change reason is CUSTOD (custody) but the child was under 10 when the placement "
                "ended, below the age of criminal responsibility. Correct the reason or the date of birth.",
         table="episodes", fields=("DOB", "REASON_PLACE_CHANGE"),
         fails="\"REASON_PLACE_CHANGE\" = 'CUSTOD' AND age_on(\"DOB\", coalesce(\"DEC\", next_decom)) < 10"),
)

RULES = LAST_YEAR + UPN + UASC + HEADER + PLACEMENT_CODES + URN + URN_LIST + REASON_PLACE_CHANGE
