-- The activity log (a local list): one row per child, activity and date, a row repeated in the list counting
-- once, as recorded up to the as-at date. The team and worker are those of the latest copy of the row.
-- A log exported each month holds the 12 months before it: a check done 13 months ago has left it. The logs of
-- the snapshots taken before this one, kept in the store, give what happened before this log begins (their rows
-- dated before its first); without them a yearly check missed would never show as overdue, each month's log
-- beginning a month later.
WITH own AS (
  SELECT * FROM stg_child_activities
  WHERE snapshot_id = {snapshot_id} AND "CHILD" IS NOT NULL AND "ACTIVITY" IS NOT NULL AND "DATE" IS NOT NULL
    AND "DATE" <= {as_at}
),
earlier AS (
  SELECT s.* FROM stg_child_activities s JOIN snapshots p ON p.snapshot_id = s.snapshot_id
  WHERE p.as_at < (SELECT as_at FROM snapshots WHERE snapshot_id = {snapshot_id})
    AND s."CHILD" IS NOT NULL AND s."ACTIVITY" IS NOT NULL AND s."DATE" < (SELECT min("DATE") FROM own)
)
SELECT child, activity, done_on, area, team, worker, due, file_id, line_no FROM (
  SELECT "CHILD" AS child, "ACTIVITY" AS activity, "DATE" AS done_on, "AREA" AS area, "TEAM" AS team,
         "WORKER" AS worker, "DUE" AS due,
         -- a row from an earlier snapshot's log has no file of this snapshot to name
         CASE WHEN snapshot_id = {snapshot_id} THEN file_id END AS file_id,
         CASE WHEN snapshot_id = {snapshot_id} THEN line_no END AS line_no,
         row_number() OVER (PARTITION BY "CHILD", "ACTIVITY", "DATE"
                            ORDER BY snapshot_id = {snapshot_id} DESC, snapshot_id DESC, file_id DESC, line_no DESC) AS pick
  FROM (SELECT * FROM own UNION ALL SELECT * FROM earlier) AS rows_
) a WHERE pick = 1
