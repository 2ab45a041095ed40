-- One row per child with episodes this year: a summary many rules compare against.
SELECT "CHILD",
       count(*) AS n_episodes,
       min("DECOM") AS first_decom,
       max("DECOM") AS last_decom,
       arg_max_null("DEC", "DECOM") AS last_dec,
       arg_max_null("REC", "DECOM") AS last_rec,
       arg_min_null("RNE", "DECOM") AS first_rne,
       bool_or("DEC" IS NULL) AS open_at_end,
       bool_and(coalesce("LS" IN ('V3', 'V4'), false)) AS only_short_breaks,
       -- Looked after continuously for 12 months at 31 March (the OC2 cohort): nothing in the year shows
       -- a start after 1 April, a leaving, or a short-break episode.
       NOT bool_or(coalesce(("RNE" = 'S' AND "DECOM" > {start})
                            OR (coalesce("REC", '') <> 'X1' AND "DEC" >= {start})
                            OR ("LS" IN ('V3', 'V4') AND ("DEC" IS NULL OR "DEC" >= {start})), false)) AS cla_12m
FROM episodes GROUP BY "CHILD"
