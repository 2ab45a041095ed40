-- Header rows with what other tables say about the child.
SELECT h.*,
       u."CHILD" IS NOT NULL AS in_uasc, u."DUC" AS uasc_DUC,
       ce.n_episodes, ce.first_decom, ce.last_decom, ce.last_dec, ce.last_rec, ce.open_at_end, ce.only_short_breaks,
       EXISTS (SELECT 1 FROM oc3 o WHERE o."CHILD" = h."CHILD") AS in_oc3,
       hl."CHILD" IS NOT NULL AS in_last_year,
       hl."SEX" AS last_SEX, hl."DOB" AS last_DOB, hl."ETHNIC" AS last_ETHNIC, hl."UPN" AS last_UPN,
       hl."MOTHER" AS last_MOTHER, hl."MC_DOB" AS last_MC_DOB,
       -- The child's UASC status each year: the header's UASC flag where the return carries one (XML, or a
       -- CSV header with a UASC column), else, as the DfE derives it for CSV, a row in that year's UASC table.
       CASE WHEN h."r_UASC" IS NOT NULL THEN coalesce(h."UASC" = '1', false)
            ELSE u."CHILD" IS NOT NULL END AS uasc_flag,
       CASE WHEN hl."r_UASC" IS NOT NULL THEN coalesce(hl."UASC" = '1', false)
            ELSE EXISTS (SELECT 1 FROM uasc_last ul WHERE ul."CHILD" = h."CHILD") END AS last_uasc_flag,
       a.age_end, a.age_start
FROM header h
LEFT JOIN header_ages a ON a.row_no = h.row_no
LEFT JOIN (SELECT "CHILD", max("DUC") AS "DUC" FROM uasc GROUP BY "CHILD") u ON u."CHILD" = h."CHILD"
LEFT JOIN child_episodes ce ON ce."CHILD" = h."CHILD"
LEFT JOIN header_last hl ON hl."CHILD" = h."CHILD"
