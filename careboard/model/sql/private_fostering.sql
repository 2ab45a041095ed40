-- Private fostering notifications (a local list): one row per child and notification date.
SELECT child, notified, notified_by, first_visit, assessed, latest_visit, ended, team, worker, file_id, line_no FROM (
  SELECT "CHILD" AS child, "NOTIFIED" AS notified, "NOTIFIED_BY" AS notified_by, "FIRST_VISIT" AS first_visit,
         "ASSESSED" AS assessed, "LATEST_VISIT" AS latest_visit, "ENDED" AS ended, "TEAM" AS team, "WORKER" AS worker,
         file_id, line_no,
         row_number() OVER (PARTITION BY "CHILD", "NOTIFIED" ORDER BY file_id DESC, line_no DESC) AS pick
  FROM stg_private_fostering WHERE snapshot_id = {snapshot_id} AND "CHILD" IS NOT NULL AND "NOTIFIED" IS NOT NULL
) p WHERE pick = 1
