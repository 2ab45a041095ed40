-- Social-worker episodes (2023/24 onward), once each across returns.
SELECT child, sw_id, sw_start, sw_end, sw_reason, return_year, file_id, line_no FROM (
  SELECT "CHILD" AS child, "SW_ID" AS sw_id, "SW_DECOM" AS sw_start,
         CASE WHEN "SW_DEC" <= {as_at} THEN "SW_DEC" END AS sw_end, "SW_REASON" AS sw_reason,
         return_year, file_id, line_no,
         row_number() OVER (PARTITION BY "CHILD", "SW_DECOM", "SW_ID" ORDER BY return_year DESC, line_no DESC) AS pick
  FROM stg_sw_episodes WHERE snapshot_id = {snapshot_id} AND return_year <= {upto_year} AND "CHILD" IS NOT NULL AND "SW_DECOM" IS NOT NULL AND "SW_DECOM" <= {as_at}
) s WHERE pick = 1
