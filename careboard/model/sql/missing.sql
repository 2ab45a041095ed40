-- Missing (M) and away (A) incidents, once each across returns (an incident open over 1 April is in both).
SELECT child, missing_type, mis_start, mis_end, return_year, file_id, line_no FROM (
  SELECT "CHILD" AS child, "MISSING" AS missing_type, "MIS_START" AS mis_start,
         CASE WHEN "MIS_END" <= {as_at} THEN "MIS_END" END AS mis_end, return_year, file_id, line_no,
         row_number() OVER (PARTITION BY "CHILD", "MIS_START" ORDER BY return_year DESC, line_no DESC) AS pick
  FROM stg_missing WHERE snapshot_id = {snapshot_id} AND return_year <= {upto_year} AND "CHILD" IS NOT NULL AND "MIS_START" IS NOT NULL AND "MIS_START" <= {as_at}
) m WHERE pick = 1
