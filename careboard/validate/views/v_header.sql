-- Header rows with what other tables say about the child. The child's UASC status each year is the
-- model's definition (model/concepts): the header's flag where written, else a row in that year's UASC table.
SELECT h.*,
       u."CHILD" IS NOT NULL AS in_uasc, u."DUC" AS uasc_ceased,
       ce.n_episodes, ce.first_decom, ce.last_decom, ce.last_dec, ce.last_rec, ce.open_at_end, ce.short_breaks_only,
       EXISTS (SELECT 1 FROM ret_oc3 o WHERE o."CHILD" = h."CHILD") AS in_oc3,
       hl."CHILD" IS NOT NULL AS in_last_year,
       hl."SEX" AS last_sex, hl."DOB" AS last_dob, hl."ETHNIC" AS last_ethnic, hl."UPN" AS last_upn,
       hl."MOTHER" AS last_mother, hl."MC_DOB" AS last_mc_dob,
       {uasc_status:h."r_UASC", h."UASC", u."CHILD" IS NOT NULL} AS uasc_status,
       {uasc_status:hl."r_UASC", hl."UASC", EXISTS (SELECT 1 FROM ret_uasc_last ul WHERE ul."CHILD" = h."CHILD")}
         AS last_uasc_status,
       a.age_end, a.age_start
FROM ret_header h
LEFT JOIN ret_header_ages a ON a.row_no = h.row_no
LEFT JOIN (SELECT "CHILD", max("DUC") AS "DUC" FROM ret_uasc GROUP BY "CHILD") u ON u."CHILD" = h."CHILD"
LEFT JOIN ret_child_episodes ce ON ce."CHILD" = h."CHILD"
LEFT JOIN ret_header_last hl ON hl."CHILD" = h."CHILD"
