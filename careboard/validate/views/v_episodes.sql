-- Episodes with the child's header values, the episodes either side, ages, and the child's final episode in
-- last year's return (last_final_*, NULL without one) that this year's first episode must carry on. Episode
-- order and the previous and next episodes are the model's definitions (model/concepts), over one return.
SELECT e.*,
       h."DOB" AS DOB, h."SEX" AS SEX, u."CHILD" IS NOT NULL AS in_uasc, u."DUC" AS uasc_ceased,
       age_on(h."DOB", e."DECOM") AS age_decom,
       age_on(h."DOB", e."DEC") AS age_dec,
       h.age_end,
       row_number() OVER episode_order AS seq,
       count(*) OVER (PARTITION BY e."CHILD") AS n_episodes,
       -- Only the neighbouring values some rule reads: each window function costs a pass over every child.
       {previous:"DEC"} AS prev_dec, {previous:"r_DEC"} AS prev_r_dec, {previous:"REC"} AS prev_rec,
       {previous:"LS"} AS prev_ls, {previous:"CIN"} AS prev_cin, {previous:"PLACE"} AS prev_place,
       {previous:"PLACE_PROVIDER"} AS prev_provider, {previous:"URN"} AS prev_urn,
       {previous:"PL_POST"} AS prev_pl_post,
       {next:"DECOM"} AS next_decom, {next:"RNE"} AS next_rne, {next:"PLACE"} AS next_place,
       lf.last_final_row, lf.last_final_decom, coalesce(lf.last_final_open, false) AS last_final_open,
       lf.last_final_rne, lf.last_final_ls, lf.last_final_cin, lf.last_final_place, lf.last_final_provider,
       lf.last_final_urn
FROM ret_episodes e
LEFT JOIN ret_header_ages h ON h."CHILD" = e."CHILD" AND h.first
LEFT JOIN (SELECT "CHILD", max("DUC") AS "DUC" FROM ret_uasc GROUP BY "CHILD") u ON u."CHILD" = e."CHILD"
LEFT JOIN (SELECT "CHILD" AS last_final_child, row_no AS last_final_row, "DECOM" AS last_final_decom,
                  coalesce("r_DEC", '') = '' AS last_final_open, "RNE" AS last_final_rne, "LS" AS last_final_ls,
                  "CIN" AS last_final_cin, "PLACE" AS last_final_place,
                  "PLACE_PROVIDER" AS last_final_provider, "URN" AS last_final_urn
           FROM ret_episodes_last
           QUALIFY row_number() OVER (PARTITION BY "CHILD" ORDER BY "DECOM" DESC NULLS LAST, row_no DESC) = 1) lf
       ON lf.last_final_child = e."CHILD"
WINDOW episode_order AS ({episode_order:e."CHILD", e."DECOM", e.row_no})
