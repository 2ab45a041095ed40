-- One row per child with episodes this year: a summary many rules compare against.
SELECT "CHILD",
       count(*) AS n_episodes,
       min("DECOM") AS first_decom,
       max("DECOM") AS last_decom,
       arg_max("DEC", "DECOM") AS last_dec,
       arg_max("REC", "DECOM") AS last_rec,
       arg_max("PLACE", "DECOM") AS last_place,
       arg_max("LS", "DECOM") AS last_ls,
       arg_min("RNE", "DECOM") AS first_rne,
       bool_or("DEC" IS NULL) AS open_at_end,
       bool_and(coalesce("LS" IN ('V3', 'V4'), false)) AS only_short_breaks,
       bool_or(coalesce("LS" IN ('V3', 'V4'), false)) AS any_short_break,
       bool_or("RNE" = 'S' AND "DECOM" >= {start}) AS started_in_year,
       bool_or("REC" IN ('E11', 'E12')) AS adopted_in_year,
       bool_or("REC" IS NOT NULL AND "REC" <> 'X1') AS ceased_in_year
FROM episodes GROUP BY "CHILD"
