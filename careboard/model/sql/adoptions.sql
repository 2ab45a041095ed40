-- Adoption journeys: one row per period of care that ended in adoption (REC E11/E12), with the
-- dates the A1, A2 and A10 measures need.
WITH adopted AS (
  SELECT child, period_no, period_start, period_end FROM periods WHERE end_reason IN ('E11', 'E12')
),
steps AS (
  SELECT e.child, e.period_no,
         min(e.decom) FILTER (WHERE e.place IN ('A3', 'A4', 'A5', 'A6')) AS placed_for_adoption,
         min(e.decom) FILTER (WHERE e.ls IN ('E1', 'D1')) AS authority_date
  FROM episodes e JOIN adopted a ON a.child = e.child AND a.period_no = e.period_no
  GROUP BY e.child, e.period_no
),
moved_in AS (
  -- The start of the spell with the carer the child was placed for adoption with: for a foster
  -- carer who went on to adopt, the day the child first moved in with them.
  SELECT e.child, e.period_no, min(c.carer_start) AS moved_in
  FROM episodes e
  JOIN steps s ON s.child = e.child AND s.period_no = e.period_no AND e.decom = s.placed_for_adoption
  JOIN carers c ON c.child = e.child AND c.carer_seq = e.carer_seq
  GROUP BY e.child, e.period_no
),
ad1 AS (
  SELECT * FROM (
    SELECT "CHILD" AS child, "DATE_INT" AS decision_date, "DATE_MATCH" AS match_date, "FOSTER_CARE" AS foster_care,
           return_year, row_number() OVER (PARTITION BY "CHILD" ORDER BY return_year DESC, line_no DESC) AS pick
    FROM stg_ad1 WHERE snapshot_id = $snapshot_id AND "CHILD" IS NOT NULL
  ) x WHERE pick = 1
)
SELECT a.child, a.period_no, a.period_start AS entered_care, a.period_end AS adopted_on,
       s.placed_for_adoption, s.authority_date, ad1.decision_date, ad1.match_date,
       ad1.foster_care = '1' AS adopted_by_foster_carer,
       coalesce(m.moved_in, s.placed_for_adoption) AS moved_in_with_adopters
FROM adopted a
LEFT JOIN steps s ON s.child = a.child AND s.period_no = a.period_no
LEFT JOIN moved_in m ON m.child = a.child AND m.period_no = a.period_no
LEFT JOIN ad1 ON ad1.child = a.child
