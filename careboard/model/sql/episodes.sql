-- Every episode once (episode_rows.sql stitches the returns), cut at the as-at date, and placed in its
-- period of care, placement and carer spell. All counting rules for placements live here.
WITH e AS (
  SELECT child, decom,
         CASE WHEN dec <= {as_at} THEN dec END AS dec,
         CASE WHEN dec <= {as_at} THEN rec END AS rec,
         CASE WHEN dec <= {as_at} THEN reason_place_change END AS reason_place_change,
         rne, ls, cin, place, provider, home_post, pl_post, urn,
         {short_break:ls} AS is_short_break,
         coalesce(place IN {PLACE_TEMPORARY}, false) AS is_temporary,
         stale, return_year, file_id, line_no
  FROM episode_rows WHERE decom <= {as_at}
),
chained AS (
  SELECT e.*,
         row_number() OVER episode_order AS seq,
         {previous:dec} AS prev_dec,
         {previous:rec} AS prev_rec,
         {previous:is_temporary} AS prev_temporary
  FROM e WINDOW episode_order AS ({episode_order:child, decom})
),
periods AS (
  -- An episode begun before the one before it ended, which ended for a change (X1), overlaps it (a data
  -- error, DfE rule 501) but continues the same period of care: only a gap between them begins another.
  SELECT c.*,
         CASE WHEN seq = 1 OR rne = 'S' OR prev_dec IS NULL OR prev_rec IS NULL OR prev_rec <> 'X1'
                   OR prev_dec < decom THEN 1 ELSE 0 END AS starts_period
  FROM chained c
),
numbered AS (
  SELECT p.*, sum(starts_period) OVER ({episode_order:child, decom} ROWS UNBOUNDED PRECEDING) AS period_no
  FROM periods p
),
-- The carer/setting a non-temporary episode returns to after a temporary (T0-T4) one: the last
-- non-temporary episode before it in the same period (the previous one among the period's non-temporary
-- episodes; only non-temporary episodes use it).
before_temp AS (
  SELECT n.*,
         lag(coalesce(urn, '') || '|' || coalesce(pl_post, '') || '|' || coalesce(provider, '') || '|' || coalesce(place, ''))
           OVER (PARTITION BY child, period_no, is_temporary ORDER BY decom) AS previous_setting
  FROM numbered n
),
flags AS (
  SELECT b.*,
         coalesce(prev_temporary AND NOT is_temporary AND starts_period = 0
                  AND previous_setting = coalesce(urn, '') || '|' || coalesce(pl_post, '') || '|' || coalesce(provider, '') || '|' || coalesce(place, ''), false)
           AS returns_from_temporary
  FROM before_temp b
),
counted AS (
  SELECT f.*,
         CASE
           WHEN is_short_break OR is_temporary THEN 0
           WHEN dec = decom THEN 0                         -- lasted under 24 hours
           WHEN starts_period = 1 THEN 1
           WHEN returns_from_temporary THEN 0
           WHEN rne IN {RNE_SAME_CARER} AND place IN {PLACE_ADOPTION_FOSTER_CARER} THEN 0   -- placed for adoption with own foster carer
           WHEN rne IN {RNE_NEW_PLACEMENT} THEN 1
           ELSE 0
         END AS new_placement,
         CASE
           WHEN is_short_break THEN 0
           WHEN starts_period = 1 THEN 1
           WHEN is_temporary OR returns_from_temporary THEN 0
           WHEN rne IN {RNE_NEW_CARER} THEN 1
           ELSE 0
         END AS new_carer
  FROM flags f
)
SELECT child, decom, dec, rne, ls, cin, place, provider, rec, reason_place_change, home_post, pl_post, urn,
       is_short_break, is_temporary, returns_from_temporary, stale, seq, period_no, starts_period = 1 AS starts_period,
       min(decom) OVER (PARTITION BY child, period_no) AS period_start,
       new_placement = 1 AS new_placement,
       sum(new_placement) OVER ({episode_order:child, decom} ROWS UNBOUNDED PRECEDING) AS placement_seq,
       new_carer = 1 AS new_carer,
       sum(new_carer) OVER ({episode_order:child, decom} ROWS UNBOUNDED PRECEDING) AS carer_seq,
       return_year, file_id, line_no
FROM counted
