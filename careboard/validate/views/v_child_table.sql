-- Any other table's rows with the child's header values and episode summary. ({table} is filled in, and
-- {own_ages}: for a table whose rules need them, ages from the row's own DOB, the header's where blank.)
SELECT t.*, h."DOB" AS header_dob, h."CHILD" IS NOT NULL AS in_header,
       ce.n_episodes, ce.first_decom, ce.last_decom, ce.last_dec, ce.last_rec, ce.open_at_end, ce.short_breaks_only,
       coalesce(ce.cla_12m, false) AS cla_12m, h.age_end, h.age_start{own_ages}
FROM {table} t
LEFT JOIN ret_header_ages h ON h."CHILD" = t."CHILD" AND h.first
LEFT JOIN ret_child_episodes ce ON ce."CHILD" = t."CHILD"
