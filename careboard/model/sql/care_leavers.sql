-- Care leavers as returned in OC3, with the birthday that puts them in the year's cohort
-- (17th-21st, or 22nd-25th from 2022/23) and the DfE activity and accommodation groups.
-- in_cohort is the DfE headline denominator (indicators.md A12): ages 17-21, less those who died or
-- returned home (IN_TOUCH DIED/RHOM), less 17/18-year-olds looked after on that birthday, including
-- those who left care on the birthday itself (the DfE counts only those who "left care before that
-- birthday"; indicators.md A12). in_accom_cohort also leaves out accommodation
-- G (abroad), H (deported) and R (residence not known): the DfE/LAIT suitability measure excludes
-- all three "as the suitability will not usually be known" (LAIT data dictionary, CareLeaverAcc).
WITH oc3 AS (
  SELECT * FROM (
    SELECT o.*, row_number() OVER (PARTITION BY return_year, "CHILD" ORDER BY line_no DESC) AS pick
    FROM stg_oc3 o WHERE snapshot_id = {snapshot_id} AND return_year <= {upto_year} AND "CHILD" IS NOT NULL
  ) x WHERE pick = 1
),
aged AS (
  SELECT o.*, coalesce(o."DOB", ch.dob) AS dob_
  FROM oc3 o LEFT JOIN children ch ON ch.child = o."CHILD"
),
-- the calendar year of the birthday that falls in the collection year (1 April to 31 March)
in_year AS (
  SELECT a.*, CASE WHEN month(dob_) >= 4 THEN return_year - 1 ELSE return_year END AS birthday_year
  FROM aged a
),
dated AS (
  SELECT a.*, birthday_year - year(dob_) AS age_,
         -- day(dob) - 1 days after the 1st of the month, so 29 February falls on 1 March in other years
         -- (the same reading as the age_on macro)
         date_of(birthday_year, month(dob_), 1) + CAST(day(dob_) - 1 AS INTEGER) AS birthday_
  FROM in_year a
),
flagged AS (
  SELECT d.*,
         EXISTS (SELECT 1 FROM episodes e
                 WHERE e.child = d."CHILD" AND NOT e.is_short_break
                   -- leaving care on the birthday is not leaving "before" it: still looked after that day
                   AND e.decom <= d.birthday_ AND (e.dec IS NULL OR e.dec >= d.birthday_)) AS looked_after_on_birthday,
         CASE WHEN age_ IN (17, 18) THEN '17-18' WHEN age_ BETWEEN 19 AND 21 THEN '19-21'
              WHEN age_ BETWEEN 22 AND 25 THEN '22-25' END AS age_band,
         coalesce("IN_TOUCH" IN {IN_TOUCH_NOT_IN_COHORT}, false) AS excluded_
  FROM dated d
),
counted AS (
  SELECT f.*,
         coalesce(age_ BETWEEN 17 AND 21 AND NOT excluded_ AND NOT (age_ <= 18 AND looked_after_on_birthday), false)
           AS in_cohort_
  FROM flagged f
)
SELECT return_year AS year, "CHILD" AS child, dob_ AS dob,
       age_ AS age,
       "IN_TOUCH" AS in_touch, "ACTIV" AS activ, "ACCOM" AS accom,
       excluded_ AS excluded,
       coalesce("ACTIV" IN {ACTIV_EET_ANY_YEAR}, false) AS eet,
       coalesce("ACTIV" IN {ACTIV_NEET}, false) AS neet,
       coalesce("ACTIV" IN {ACTIV_HIGHER_EDUCATION}, false) AS higher_education,
       coalesce(length("ACCOM") = 2 AND "ACCOM" LIKE '%1', false) AS suitable,
       coalesce(length("ACCOM") = 2 AND "ACCOM" LIKE '%2', false) AS unsuitable,
       coalesce(left("ACCOM", 1) IN {ACCOM_ABROAD_FIRST_LETTER}, false) AS abroad_or_deported,
       birthday_ AS birthday, looked_after_on_birthday, age_band,
       in_cohort_ AS in_cohort,
       in_cohort_ AND NOT coalesce(left("ACCOM", 1) IN {ACCOM_NOT_IN_COHORT_FIRST_LETTER}, false) AS in_accom_cohort,
       file_id, line_no
FROM counted
