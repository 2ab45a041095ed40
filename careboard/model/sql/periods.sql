-- Periods of care: episodes linked by X1 with no gap. A period that ends does so on the DEC of its
-- last episode, for the reason on that episode.
WITH last_ep AS (
  SELECT *, row_number() OVER (PARTITION BY child, period_no ORDER BY decom DESC) AS r FROM episodes
)
SELECT e.child, e.period_no,
       min(e.decom) AS period_start,
       max(CASE WHEN l.r = 1 THEN l.dec END) AS period_end,
       max(CASE WHEN l.r = 1 THEN l.rec END) AS end_reason,
       bool_and(e.is_short_break) AS short_breaks_only,
       bool_or(e.is_short_break) AS any_short_break,
       count(*) AS episodes,
       min(e.rne) FILTER (WHERE e.starts_period) AS first_rne
FROM episodes e JOIN last_ep l ON l.child = e.child AND l.decom = e.decom
GROUP BY e.child, e.period_no
