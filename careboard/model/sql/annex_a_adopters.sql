-- Ofsted Annex A List 11 (adopters): one row per adopter, with the dates of each step of their journey.
SELECT adopter, family, enquiry, stage1_start, stage1_end, stage2_start, stage2_end, application, approved, matched,
       children_placed_on, children_placed, adoption_order, left_on, file_id, line_no FROM (
  -- A family identifier links a list 10 child with list 11 adopters whatever its case: "f1" is F1.
  SELECT "ADOPTER" AS adopter, upper("FAMILY") AS family, "ENQUIRY_DATE" AS enquiry, "STAGE1_START_DATE" AS stage1_start,
         "STAGE1_END_DATE" AS stage1_end, "STAGE2_START_DATE" AS stage2_start, "STAGE2_END_DATE" AS stage2_end,
         "APPLICATION_DATE" AS application, "APPROVED_DATE" AS approved, "MATCHED_DATE" AS matched,
         "CHILDREN_PLACED_DATE" AS children_placed_on, "CHILDREN_PLACED" AS children_placed,
         "ADOPTION_ORDER_DATE" AS adoption_order, "LEFT_DATE" AS left_on, file_id, line_no,
         row_number() OVER (PARTITION BY "ADOPTER" ORDER BY file_id DESC, line_no DESC) AS pick
  FROM stg_annex_a_adopters WHERE snapshot_id = {snapshot_id} AND "ADOPTER" IS NOT NULL
) a WHERE pick = 1
