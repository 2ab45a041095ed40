-- Ofsted Annex A List 10 (adoption): one row per child and decision that they should be placed for adoption.
SELECT child, family, sex, ethnic, dob, disabled, entered_care, decision_date, placement_order_date, match_date,
       placed_date, adoption_order_date, decision_reversed_date, file_id, line_no FROM (
  -- A family identifier links brothers and sisters, and list 11 adopters, whatever its case: "f1" is F1.
  SELECT "CHILD" AS child, upper("FAMILY") AS family, "SEX" AS sex, "ETHNIC" AS ethnic, "DOB" AS dob, "DISABLED" AS disabled,
         "ENTERED_CARE_DATE" AS entered_care, "DECISION_DATE" AS decision_date,
         "PLACEMENT_ORDER_DATE" AS placement_order_date, "MATCH_DATE" AS match_date, "PLACED_DATE" AS placed_date,
         "ADOPTION_ORDER_DATE" AS adoption_order_date, "DECISION_REVERSED_DATE" AS decision_reversed_date,
         file_id, line_no,
         row_number() OVER (PARTITION BY "CHILD", "DECISION_DATE" ORDER BY file_id DESC, line_no DESC) AS pick
  FROM stg_annex_a_adoption WHERE snapshot_id = {snapshot_id} AND "CHILD" IS NOT NULL
) a WHERE pick = 1
