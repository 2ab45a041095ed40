-- Ofsted Annex A List 9 (care leavers): one row per young person, as the council's workbook records them at
-- the date it was drawn up; a young person given twice is read from the later row.
SELECT child, dob, eligibility, in_touch, contact_date, pathway_plan_review_date, personal_adviser, team, worker,
       file_id, line_no FROM (
  SELECT "CHILD" AS child, "DOB" AS dob, "ELIGIBILITY" AS eligibility, "IN_TOUCH" AS in_touch,
         "CONTACT_DATE" AS contact_date, "PATHWAY_PLAN_REVIEW_DATE" AS pathway_plan_review_date,
         "PERSONAL_ADVISER" AS personal_adviser, "TEAM" AS team, "WORKER" AS worker, file_id, line_no,
         row_number() OVER (PARTITION BY "CHILD" ORDER BY file_id DESC, line_no DESC) AS pick
  FROM stg_annex_a_care_leavers WHERE snapshot_id = {snapshot_id} AND "CHILD" IS NOT NULL
) l WHERE pick = 1
