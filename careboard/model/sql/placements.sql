-- Placements counted the DfE way (see episodes.sql for which episodes start one): one row per
-- placement with its setting, dates and, where it ended in a move, the reason recorded. Its setting is
-- that of its first episode other than a temporary one (no ordering date: the row is passed over).
SELECT child, placement_seq, min(period_no) AS period_no,
       min(decom) AS placement_start,
       CASE WHEN bool_and(dec IS NOT NULL) THEN max(dec) END AS placement_end,
       value_at_min_or_null(place, CASE WHEN NOT is_temporary THEN decom END) AS place,
       value_at_min_or_null(provider, CASE WHEN NOT is_temporary THEN decom END) AS provider,
       value_at_max_or_null(reason_place_change, decom) AS reason_ended,
       count(*) AS episodes
FROM episodes
WHERE NOT is_short_break AND placement_seq > 0
GROUP BY child, placement_seq
