-- One row per child: the latest header values, with sex codes read the same way across years
-- (1/2 up to 2023/24, M/F/U after) and whether the child was ever recorded as UASC.
WITH h AS (
  SELECT *, row_number() OVER (PARTITION BY "CHILD" ORDER BY return_year DESC, line_no DESC) AS pick
  FROM stg_header WHERE snapshot_id = {snapshot_id} AND return_year <= {upto_year} AND "CHILD" IS NOT NULL
),
u AS (
  SELECT "CHILD" AS child, max("DUC") AS duc, count(*) AS rows_
  FROM stg_uasc WHERE snapshot_id = {snapshot_id} AND return_year <= {upto_year} AND "CHILD" IS NOT NULL GROUP BY "CHILD"
)
SELECT h."CHILD" AS child,
       CASE h."SEX" WHEN '1' THEN 'M' WHEN 'M' THEN 'M' WHEN '2' THEN 'F' WHEN 'F' THEN 'F' ELSE 'U' END AS sex,
       h."DOB" AS dob, h."ETHNIC" AS ethnic, h."UPN" AS upn, h."MOTHER" AS mother, h."MC_DOB" AS mc_dob,
       u.child IS NOT NULL AS uasc, u.duc AS uasc_ceased,
       h.return_year, h.file_id, h.line_no
FROM h LEFT JOIN u ON u.child = h."CHILD"
WHERE h.pick = 1
