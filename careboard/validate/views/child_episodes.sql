-- One row per child with episodes this year: a summary many rules compare against. Whether an episode has
-- ended is read from DEC as written (r_DEC): an end date written but unreadable is an end, not an open episode.
SELECT "CHILD",
       count(*) AS n_episodes,
       min("DECOM") AS first_decom,
       max("DECOM") AS last_decom,
       value_at_max_or_null("DEC", "DECOM") AS last_dec,
       value_at_max_or_null("REC", "DECOM") AS last_rec,
       value_at_min_or_null("RNE", "DECOM") AS first_rne,
       bool_or(coalesce("r_DEC", '') = '') AS open_at_end,
       bool_and({short_break:"LS"}) AS short_breaks_only,
       -- Looked after continuously for 12 months at 31 March (the OC2 cohort): nothing inside the collection year
       -- shows a new period of care starting after 1 April, a leaving, or a short-break episode. Only the year's
       -- window counts: an episode starting after 31 March, or an end date after it (both flagged by their own
       -- rules), leaves the child still looked after on 31 March. An episode ending on 31 March with a reason
       -- other than X1 is a leaving: the DfE counts a child as looked after on a date only while an episode is
       -- open past it (DEC is blank for an episode open at 31 March), so that child was not looked after at
       -- 31 March and is not in the cohort. A child whose every episode starts after 31 March was not looked
       -- after in the year at all. A short break whose end is blank or unreadable is taken as in the year, as a
       -- return holds only episodes open at some time in it. A start or end date written but unreadable may fall
       -- anywhere: whether the child is in the group is not known (NULL), so neither the rules asking for the
       -- group's OC2 data nor those refusing it of others judge the child (the date has its own rule). A file
       -- holding earlier years as history has episodes that ended before the year: a child whose every episode
       -- did was not looked after in it.
       CASE WHEN NOT bool_or(("DECOM" IS NULL AND coalesce("r_DECOM", '') <> '')
                             OR ("DEC" IS NULL AND coalesce("r_DEC", '') <> ''))
            THEN NOT bool_and(coalesce("DECOM" > {end}, false))
                 AND bool_or(coalesce("DEC" >= {start}, true))
                 AND NOT bool_or(coalesce(("RNE" = 'S' AND "DECOM" > {start} AND "DECOM" <= {end})
                                          OR (coalesce("REC", '') <> 'X1' AND "DEC" BETWEEN {start} AND {end})
                                          OR ({short_break:"LS"} AND "DECOM" <= {end}
                                              AND coalesce("DEC" >= {start}, true)),
                                          false))
       END AS cla_12m
FROM ret_episodes GROUP BY "CHILD"
