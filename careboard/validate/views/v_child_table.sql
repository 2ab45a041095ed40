-- Any other table's rows with the child's header values and episode summary. ({table} is filled in, and
-- {own_ages}: for a table whose rules need them, ages from the row's own DOB, the header's where blank.) A child
-- with no episodes is not in the 12-month group; one whose dates cannot be read may be or not (NULL: see
-- child_episodes.sql), and no rule asking whether it is fails.
SELECT t.*, h."DOB" AS header_dob, h."CHILD" IS NOT NULL AS in_header,
       ce.n_episodes, ce.first_decom, ce.last_decom, ce.last_dec, ce.last_rec, ce.open_at_end, ce.short_breaks_only,
       CASE WHEN ce."CHILD" IS NULL THEN false ELSE ce.cla_12m END AS cla_12m, h.age_end, h.age_start{own_ages}
FROM {table} t
LEFT JOIN ret_header_ages h ON h."CHILD" = t."CHILD" AND h.first
LEFT JOIN ret_child_episodes ce ON ce."CHILD" = t."CHILD"
