-- For each collection year in the snapshot, the children looked after continuously for 12 months
-- at 31 March (the OC2 cohort): in care on 1 April and still on 31 March in one period of care,
-- with no short-break episode in the year. Their OC2 outcomes are joined where returned.
WITH years AS (
  SELECT DISTINCT return_year AS year FROM stg_episodes WHERE snapshot_id = {snapshot_id} AND return_year <= {upto_year}
),
cohort AS (
  -- DISTINCT: a child with two overlapping periods (a data error) is still one child of the cohort
  SELECT DISTINCT y.year, p.child
  FROM years y
  JOIN periods p ON p.period_start <= date_of(y.year - 1, 4, 1)
                AND (p.period_end IS NULL OR p.period_end > date_of(y.year, 3, 31))
  WHERE date_of(y.year, 3, 31) <= {as_at}
    AND NOT EXISTS (
      SELECT 1 FROM episodes e
      WHERE e.child = p.child AND e.is_short_break
        AND e.decom <= date_of(y.year, 3, 31) AND (e.dec IS NULL OR e.dec >= date_of(y.year - 1, 4, 1)))
),
oc2 AS (
  SELECT * FROM (
    SELECT o.*, row_number() OVER (PARTITION BY return_year, "CHILD" ORDER BY line_no DESC) AS pick
    FROM stg_oc2 o WHERE snapshot_id = {snapshot_id} AND return_year <= {upto_year} AND "CHILD" IS NOT NULL
  ) x WHERE pick = 1
)
SELECT c.year, c.child, o."CHILD" IS NOT NULL AS has_oc2,
       o."SDQ_SCORE" AS sdq_score, o."SDQ_REASON" AS sdq_reason, o."CONVICTED" AS convicted,
       o."HEALTH_CHECK" AS health_check, o."IMMUNISATIONS" AS immunisations, o."TEETH_CHECK" AS teeth_check,
       o."HEALTH_ASSESSMENT" AS health_assessment, o."SUBSTANCE_MISUSE" AS substance_misuse,
       o."INTERVENTION_RECEIVED" AS intervention_received, o."INTERVENTION_OFFERED" AS intervention_offered,
       o.file_id, o.line_no
FROM cohort c LEFT JOIN oc2 o ON o.return_year = c.year AND o."CHILD" = c.child
