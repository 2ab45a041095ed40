-- Spells with one carer: a placement change with the same carer (RNE T or U), a change of legal
-- status only (RNE L) and a temporary absence the child returns from do not end the spell.
SELECT child, carer_seq, min(period_no) AS period_no,
       min(decom) AS carer_start,
       CASE WHEN bool_and(dec IS NOT NULL) THEN max(dec) END AS carer_end,
       value_at_max_or_null(place, decom) AS latest_place
FROM episodes
WHERE NOT is_short_break AND carer_seq > 0
GROUP BY child, carer_seq
