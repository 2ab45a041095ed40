-- Legal status over time: consecutive episodes with the same LS merged into one spell.
WITH marked AS (
  SELECT *, CASE WHEN starts_period OR ls IS DISTINCT FROM {previous:ls} THEN 1 ELSE 0 END AS changes
  FROM episodes WINDOW episode_order AS ({episode_order:child, decom})
),
spells AS (
  SELECT *, sum(changes) OVER ({episode_order:child, decom} ROWS UNBOUNDED PRECEDING) AS ls_seq FROM marked
)
SELECT child, ls_seq, period_no, ls, min(decom) AS ls_start,
       CASE WHEN bool_and(dec IS NOT NULL) THEN max(dec) END AS ls_end
FROM spells GROUP BY child, ls_seq, period_no, ls
