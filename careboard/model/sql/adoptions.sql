-- Adoption journeys: one row per period of care that ended in adoption (REC E11/E12), with the
-- dates the A1, A2 and A10 measures need.
--
-- A period of care starts with an episode whose reason is S. One whose first episode loaded has another
-- reason began before the returns loaded (a return holds only the episodes open during its year): when
-- the child came into care is not known, and entered_care is NULL, as is authority_date when the order
-- was already in force on that first episode (it did not begin with a change of legal status).
WITH adopted AS (
  -- file_id/line_no point at the episode that records the adoption, for drill-down (the last one, should
  -- two episodes of the period end that day for that reason)
  SELECT child, period_no, period_start, start_known, period_end, file_id, line_no, adoption_year FROM (
    SELECT p.child, p.period_no, p.period_start, coalesce(p.first_rne = 'S', false) AS start_known, p.period_end,
           e.file_id, e.line_no,
           -- the collection year of the adoption: the child's AD1 row is in that year's return
           CASE WHEN month(p.period_end) >= 4 THEN year(p.period_end) + 1 ELSE year(p.period_end) END AS adoption_year,
           row_number() OVER (PARTITION BY p.child, p.period_no ORDER BY e.decom DESC) AS pick
    FROM periods p
    JOIN episodes e ON e.child = p.child AND e.period_no = p.period_no AND e.dec = p.period_end AND e.rec = p.end_reason
    WHERE p.end_reason IN {REC_ADOPTED} AND NOT p.short_breaks_only
  ) x WHERE pick = 1
),
period_episodes AS (
  SELECT e.* FROM episodes e JOIN adopted a ON a.child = e.child AND a.period_no = e.period_no
),
adopters AS (
  -- The carer the child was last placed for adoption with (A3-A6): the adoptive family. An earlier
  -- placement for adoption that broke down does not stop the clock.
  SELECT child, period_no, carer_seq FROM (
    SELECT child, period_no, carer_seq,
           row_number() OVER (PARTITION BY child, period_no ORDER BY decom DESC) AS r
    FROM period_episodes WHERE place IN {PLACE_ADOPTION}
  ) x WHERE r = 1
),
steps AS (
  SELECT e.child, e.period_no,
         min(e.decom) FILTER (WHERE e.place IN {PLACE_ADOPTION} AND e.carer_seq = d.carer_seq) AS placed_for_adoption
  FROM period_episodes e LEFT JOIN adopters d ON d.child = e.child AND d.period_no = e.period_no
  GROUP BY e.child, e.period_no
),
authority AS (
  -- The period's first episode under a placement or freeing order, and the reason it began for.
  SELECT child, period_no, decom AS authority_date, rne FROM (
    SELECT child, period_no, decom, rne, row_number() OVER (PARTITION BY child, period_no ORDER BY decom) AS r
    FROM period_episodes WHERE ls IN {LS_AUTHORITY_TO_PLACE}
  ) x WHERE r = 1
),
placed AS (
  -- The episode placing the child with the adopters, and when the child's spell with that carer
  -- began: for a foster carer who went on to adopt, the day the child first moved in with them.
  SELECT DISTINCT e.child, e.period_no, e.place, c.carer_start
  FROM period_episodes e
  JOIN steps s ON s.child = e.child AND s.period_no = e.period_no AND e.decom = s.placed_for_adoption
  LEFT JOIN carers c ON c.child = e.child AND c.carer_seq = e.carer_seq
),
ad1 AS (
  SELECT * FROM (
    SELECT "CHILD" AS child, "DATE_INT" AS decision_date, "DATE_MATCH" AS match_date, "FOSTER_CARE" AS foster_care,
           return_year, row_number() OVER (PARTITION BY "CHILD", return_year ORDER BY line_no DESC) AS pick
    FROM stg_ad1 WHERE snapshot_id = {snapshot_id} AND return_year <= {upto_year} AND "CHILD" IS NOT NULL
  ) x WHERE pick = 1
),
adoption_ad1 AS (
  -- The child's AD1 row in the return of the adoption's year, or else in the first later one: a file
  -- holding several years is one return, whose AD1 rows tell of adoptions in its earlier years too.
  SELECT * FROM (
    SELECT a.child, a.period_no, ad1.decision_date, ad1.match_date, ad1.foster_care,
           row_number() OVER (PARTITION BY a.child, a.period_no ORDER BY ad1.return_year) AS pick
    FROM adopted a JOIN ad1 ON ad1.child = a.child AND ad1.return_year >= a.adoption_year
  ) x WHERE pick = 1
)
SELECT a.child, a.period_no, CASE WHEN a.start_known THEN a.period_start END AS entered_care,
       a.period_end AS adopted_on, s.placed_for_adoption,
       -- known when the order began in the data: after the period's first episode, or with it when that
       -- episode began for a change of legal status (S, L, B or U)
       CASE WHEN a.start_known OR au.authority_date > a.period_start OR au.rne IN {RNE_LEGAL_STATUS_CHANGE}
            THEN au.authority_date END AS authority_date,
       ad1.decision_date, ad1.match_date,
       ad1.foster_care = '1' AS adopted_by_foster_carer,
       -- A10: the clock stops when the child moved in with foster carers who went on to adopt
       -- (AD1 FOSTER_CARE = 1, or placed for adoption with current foster carers: A3/A5)
       CASE WHEN ad1.foster_care = '1' OR pl.place IN {PLACE_ADOPTION_FOSTER_CARER} THEN coalesce(pl.carer_start, s.placed_for_adoption)
            ELSE s.placed_for_adoption END AS moved_in_with_adopters,
       a.file_id, a.line_no
FROM adopted a
LEFT JOIN steps s ON s.child = a.child AND s.period_no = a.period_no
LEFT JOIN authority au ON au.child = a.child AND au.period_no = a.period_no
LEFT JOIN placed pl ON pl.child = a.child AND pl.period_no = a.period_no
LEFT JOIN adoption_ad1 ad1 ON ad1.child = a.child AND ad1.period_no = a.period_no
