-- Care leavers as returned in OC3, with the birthday that puts them in the year's cohort
-- (17th-21st, or 22nd-25th from 2022/23) and the DfE activity and accommodation groups.
WITH oc3 AS (
  SELECT * FROM (
    SELECT o.*, row_number() OVER (PARTITION BY return_year, "CHILD" ORDER BY line_no DESC) AS pick
    FROM stg_oc3 o WHERE snapshot_id = $snapshot_id AND "CHILD" IS NOT NULL
  ) x WHERE pick = 1
),
aged AS (
  SELECT o.*, coalesce(o."DOB", ch.dob) AS dob_
  FROM oc3 o LEFT JOIN children ch ON ch.child = o."CHILD"
)
SELECT return_year AS year, "CHILD" AS child, dob_ AS dob,
       -- the birthday that falls in the collection year (1 April to 31 March)
       CASE WHEN month(dob_) >= 4 THEN return_year - 1 ELSE return_year END - year(dob_) AS age,
       "IN_TOUCH" AS in_touch, "ACTIV" AS activ, "ACCOM" AS accom,
       coalesce("IN_TOUCH" IN ('DIED', 'RHOM'), false) AS excluded,
       coalesce("ACTIV" IN ('F1', 'P1', 'F2', 'P2', 'F3', 'P3', 'F4', 'P4', 'F5', 'P5'), false) AS eet,
       coalesce("ACTIV" IN ('G4', 'G5', 'G6'), false) AS neet,
       coalesce("ACTIV" = 'F1' OR "ACTIV" = 'P1', false) AS higher_education,
       coalesce(length("ACCOM") = 2 AND "ACCOM" LIKE '%1', false) AS suitable,
       coalesce(length("ACCOM") = 2 AND "ACCOM" LIKE '%2', false) AS unsuitable,
       coalesce(left("ACCOM", 1) IN ('G', 'H'), false) AS abroad_or_deported,
       file_id, line_no
FROM aged
