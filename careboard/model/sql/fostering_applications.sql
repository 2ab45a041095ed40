-- Fostering applications (a local list): one row per applicant, the latest copy of a repeated one.
SELECT applicant, application_type, enquiry, application, allocated, panel_predicted, panel, outcome, team, worker,
       file_id, line_no FROM (
  SELECT "APPLICANT" AS applicant, "APPLICATION_TYPE" AS application_type, "ENQUIRY" AS enquiry,
         "APPLICATION" AS application, "ALLOCATED" AS allocated, "PANEL_PREDICTED" AS panel_predicted,
         "PANEL" AS panel, "OUTCOME" AS outcome, "TEAM" AS team, "WORKER" AS worker, file_id, line_no,
         row_number() OVER (PARTITION BY "APPLICANT" ORDER BY file_id DESC, line_no DESC) AS pick
  FROM stg_fostering_applications WHERE snapshot_id = {snapshot_id} AND "APPLICANT" IS NOT NULL
) a WHERE pick = 1
