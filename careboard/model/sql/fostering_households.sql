-- Fostering households (a local list): one row per household, the latest copy of a repeated one.
SELECT household, household_type, approved, places, deregistered, dereg_reason, team, worker, file_id, line_no FROM (
  SELECT "HOUSEHOLD" AS household, "HOUSEHOLD_TYPE" AS household_type, "APPROVED" AS approved, "PLACES" AS places,
         "DEREGISTERED" AS deregistered, "DEREG_REASON" AS dereg_reason, "TEAM" AS team, "WORKER" AS worker,
         file_id, line_no, row_number() OVER (PARTITION BY "HOUSEHOLD" ORDER BY file_id DESC, line_no DESC) AS pick
  FROM stg_fostering_households WHERE snapshot_id = {snapshot_id} AND "HOUSEHOLD" IS NOT NULL
) h WHERE pick = 1
