-- Adoption and special guardianship support requests (a local list): one row per request.
SELECT request, support_type, referral, contacted, visited, assessed, team, worker, file_id, line_no FROM (
  SELECT "REQUEST" AS request, "SUPPORT_TYPE" AS support_type, "REFERRAL" AS referral, "CONTACTED" AS contacted,
         "VISITED" AS visited, "ASSESSED" AS assessed, "TEAM" AS team, "WORKER" AS worker, file_id, line_no,
         row_number() OVER (PARTITION BY "REQUEST" ORDER BY file_id DESC, line_no DESC) AS pick
  FROM stg_support_requests WHERE snapshot_id = {snapshot_id} AND "REQUEST" IS NOT NULL AND "REFERRAL" IS NOT NULL
) r WHERE pick = 1
