-- Every episode once: the returns in the snapshot stitched on CHILD + DECOM, the later return winning
-- (an episode open over 31 March is in both years' returns, closed in the later one). Only returns up
-- to {upto_year} are read: all of them for "data as loaded now", or, for the DfE's per-year reading,
-- those up to the collection year of the date being counted. The dates are not cut at the as-at date
-- here (episodes.sql does that). Three further readings live here:
--
-- Two rows with the same CHILD and DECOM in one return are one episode when one of them lasted under a
-- day (DEC = DECOM, rule 355): the child had two episodes that day and the first ended at once. The
-- longer row is kept, with the reason for new episode (RNE) of the one that began the day, so a child
-- who started care and moved the same day still starts a period of care (RNE S), also once a later
-- return carries the longer row on without the same-day one (which ended before that return's year).
-- Any other repeat of CHILD + DECOM is an error at load, and the later line is kept.
--
-- A stale open episode is open (DEC blank) in the last return that holds it while a later return is
-- loaded without it. Every return holds each episode open at any time in its year, so the later return
-- says the episode did not go on: it is taken to end on 1 April after the last year that holds it (so
-- the child still counts on that year's 31 March, as its return says), or when the child's next episode
-- starts if that is sooner, with no reason for ending (so the child is not counted as leaving care). A
-- later episode starting by then links to it (REC X1, as if the one had replaced the other), unless it
-- starts a new period of care itself (RNE S). Load records each one as a finding (store/checks.py).
--
-- An episode still open, or ending after the child's next episode began (a mistyped end date: 2029 for
-- 2019), overlaps it (DfE rule 501): a child has one episode at a time, so it is read as ending when the
-- next begins, linked to it as a stale one is. Otherwise the child would still be in care, through it,
-- after the next episode's end said they had left.
WITH rows_ AS (
  SELECT e.*, coalesce("DEC" = "DECOM", false) AS same_day_
  FROM stg_episodes e
  WHERE snapshot_id = {snapshot_id} AND return_year <= {upto_year} AND "CHILD" IS NOT NULL AND "DECOM" IS NOT NULL
),
picked AS (
  SELECT r.*,
         max(return_year) OVER () AS latest_year_,
         -- the RNE of the episode that began the day, when a same-day episode shares the DECOM: in any
         -- return, as the later returns that carry the longer episode on hold it no more
         coalesce(max(CASE WHEN same_day_ THEN "RNE" END) OVER (PARTITION BY "CHILD", "DECOM"), "RNE") AS rne_,
         row_number() OVER (PARTITION BY "CHILD", "DECOM" ORDER BY return_year DESC, same_day_, line_no DESC) AS pick
  FROM rows_ r
),
ep AS (
  SELECT p.*,
         {next:"DECOM"} AS next_decom_,
         {next:rne_} AS next_rne_,
         "DEC" IS NULL AND return_year < latest_year_ AS stale_
  FROM picked p WHERE pick = 1
  WINDOW episode_order AS ({episode_order:"CHILD", "DECOM"})
),
ends AS (
  SELECT ep.*,
         stale_ AND next_decom_ IS NOT NULL AND next_decom_ <= date_of(return_year, 4, 1) AS replaced_,
         NOT stale_ AND next_decom_ IS NOT NULL AND coalesce("DEC" > next_decom_, true) AS overlapped_
  FROM ep
)
SELECT "CHILD" AS child, "DECOM" AS decom,
       CASE WHEN replaced_ OR overlapped_ THEN next_decom_ WHEN stale_ THEN date_of(return_year, 4, 1)
            ELSE "DEC" END AS dec,
       CASE WHEN (replaced_ OR overlapped_) AND coalesce(next_rne_, '') <> 'S' THEN 'X1'
            WHEN stale_ OR overlapped_ THEN NULL ELSE "REC" END AS rec,
       "REASON_PLACE_CHANGE" AS reason_place_change,
       rne_ AS rne, "LS" AS ls, "CIN" AS cin, "PLACE" AS place, "PLACE_PROVIDER" AS provider,
       "HOME_POST" AS home_post, "PL_POST" AS pl_post, "URN" AS urn,
       stale_ AS stale, return_year, file_id, line_no
FROM ends
