-- Reviews held, once each across returns.
SELECT child, review_date, review_code, return_year, file_id, line_no FROM (
  SELECT "CHILD" AS child, "REVIEW" AS review_date, "REVIEW_CODE" AS review_code, return_year, file_id, line_no,
         row_number() OVER (PARTITION BY "CHILD", "REVIEW" ORDER BY return_year DESC, line_no DESC) AS pick
  FROM stg_reviews WHERE snapshot_id = {snapshot_id} AND return_year <= {upto_year} AND "CHILD" IS NOT NULL AND "REVIEW" IS NOT NULL AND "REVIEW" <= {as_at}
) r WHERE pick = 1
