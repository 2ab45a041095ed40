-- Episodes with the child's header values, the episodes either side, ages, and the child's final episode in
-- last year's return (last_final_*, NULL without one) that this year's first episode must carry on.
SELECT e.*,
       h."DOB" AS DOB, h."SEX" AS SEX, u."CHILD" IS NOT NULL AS in_uasc, u."DUC" AS uasc_DUC,
       age_on(h."DOB", e."DECOM") AS age_decom,
       age_on(h."DOB", e."DEC") AS age_dec,
       h.age_end,
       row_number() OVER w AS ep_seq,
       count(*) OVER (PARTITION BY e."CHILD") AS ep_count,
       -- Only the neighbouring values some rule reads: each window function costs a pass over every child.
       lag("DEC") OVER w AS prev_DEC, lag("r_DEC") OVER w AS prev_r_DEC, lag("REC") OVER w AS prev_REC, lag("LS") OVER w AS prev_LS,
       lag("CIN") OVER w AS prev_CIN, lag("PLACE") OVER w AS prev_PLACE,
       lag("PLACE_PROVIDER") OVER w AS prev_PLACE_PROVIDER, lag("URN") OVER w AS prev_URN,
       lag("PL_POST") OVER w AS prev_PL_POST,
       lead("DECOM") OVER w AS next_DECOM, lead("RNE") OVER w AS next_RNE, lead("PLACE") OVER w AS next_PLACE,
       lf.last_final_row, lf.last_final_DECOM, coalesce(lf.last_final_open, false) AS last_final_open,
       lf.last_final_RNE, lf.last_final_LS, lf.last_final_CIN, lf.last_final_PLACE, lf.last_final_PLACE_PROVIDER,
       lf.last_final_URN
FROM episodes e
LEFT JOIN header_ages h ON h."CHILD" = e."CHILD"
LEFT JOIN (SELECT "CHILD", max("DUC") AS "DUC" FROM uasc GROUP BY "CHILD") u ON u."CHILD" = e."CHILD"
LEFT JOIN (SELECT "CHILD" AS last_final_child, row_no AS last_final_row, "DECOM" AS last_final_DECOM,
                  coalesce("r_DEC", '') = '' AS last_final_open, "RNE" AS last_final_RNE, "LS" AS last_final_LS,
                  "CIN" AS last_final_CIN, "PLACE" AS last_final_PLACE,
                  "PLACE_PROVIDER" AS last_final_PLACE_PROVIDER, "URN" AS last_final_URN
           FROM episodes_last
           QUALIFY row_number() OVER (PARTITION BY "CHILD" ORDER BY "DECOM" DESC NULLS LAST, row_no DESC) = 1) lf
       ON lf.last_final_child = e."CHILD"
WINDOW w AS (PARTITION BY e."CHILD" ORDER BY e."DECOM", e.row_no)
