-- The activity log (a local list): one row per child, activity and date, a row repeated in the list counting
-- once, as recorded up to the as-at date. The team and worker are those of the latest copy of the row.
SELECT child, activity, done_on, area, team, worker, due, file_id, line_no FROM (
  SELECT "CHILD" AS child, "ACTIVITY" AS activity, "DATE" AS done_on, "AREA" AS area, "TEAM" AS team,
         "WORKER" AS worker, "DUE" AS due, file_id, line_no,
         row_number() OVER (PARTITION BY "CHILD", "ACTIVITY", "DATE" ORDER BY file_id DESC, line_no DESC) AS pick
  FROM stg_child_activities
  WHERE snapshot_id = {snapshot_id} AND "CHILD" IS NOT NULL AND "ACTIVITY" IS NOT NULL AND "DATE" IS NOT NULL
    AND "DATE" <= {as_at}
) a WHERE pick = 1
