-- Connected carers' temporary approvals (a local list): one row per child, carer and start. The day an
-- approval runs out is worked out once, in indicators/due.py (TEMPORARY_APPROVAL_ENDS).
SELECT child, carer, approval_start, week_16, extended_to, approval_end, end_outcome, team, worker, file_id, line_no FROM (
  SELECT "CHILD" AS child, "CARER" AS carer, "APPROVAL_START" AS approval_start, "WEEK_16" AS week_16,
         "EXTENDED_TO" AS extended_to, "APPROVAL_END" AS approval_end, "END_OUTCOME" AS end_outcome,
         "TEAM" AS team, "WORKER" AS worker, file_id, line_no,
         row_number() OVER (PARTITION BY "CHILD", "CARER", "APPROVAL_START" ORDER BY file_id DESC, line_no DESC) AS pick
  FROM stg_temporary_approvals
  WHERE snapshot_id = {snapshot_id} AND "CHILD" IS NOT NULL AND "APPROVAL_START" IS NOT NULL
) t WHERE pick = 1
