-- Placements counted the DfE way (see episodes.sql for which episodes start one): one row per
-- placement with its setting, dates and, where it ended in a move, the reason recorded.
SELECT child, placement_seq, min(period_no) AS period_no,
       min(decom) AS placement_start,
       CASE WHEN bool_and(dec IS NOT NULL) THEN max(dec) END AS placement_end,
       arg_min_null(place, decom) FILTER (WHERE NOT is_temporary) AS place,
       arg_min_null(provider, decom) FILTER (WHERE NOT is_temporary) AS provider,
       arg_max_null(reason_place_change, decom) AS reason_ended,
       count(*) AS episodes
FROM episodes
WHERE NOT is_short_break AND placement_seq > 0
GROUP BY child, placement_seq
