-- Statutory reviews (CPPCR reg 33): one row per review due in a period of care, with the review held
-- for it. The first review is due 20 working days after the child became looked after (calendar
-- table: England and Wales working days, the start being day 0); the second 3 months after the
-- first was actually held; each later one 6 months after the previous one was held. Months keep
-- the day number, clamped to the end of a shorter month. Each period of care starts afresh.
--
-- Short breaks (LS V3/V4) are left out: reg 48 modifies their review intervals and the modified
-- intervals are not settled (timescales.md). A period that begins with short breaks is scheduled
-- from its first episode that is not one.
--
-- Reviews are known from 1 April of the first collection year loaded, or from 1 April of the year of the
-- earliest review loaded when that is sooner (one file may hold several years of reviews). Every review
-- known counts, so a period of care whose first review fell due on or after that date (it began then, or
-- in the 20 working days before) is scheduled from its start: a child who came into care in March with
-- no review in the year's return was overdue in April. (A review held in those few days before the data
-- began is unseen; the first one seen is then taken for the first.) For a period that began earlier,
-- earlier reviews are unseen, so the first due date is not known: its row carries the latest date it can
-- have been (6 months after the day before the data begins) with due_known false, and the review after
-- it is treated as a later (6-monthly) one, and due_no counts only the reviews seen (numbered_from_start false).
WITH covered AS (
  SELECT least(date_of(s.first_year - 1, 4, 1),
               coalesce((SELECT date_of(CASE WHEN month(min(review_date)) >= 4 THEN year(min(review_date))
                                               ELSE year(min(review_date)) - 1 END, 4, 1) FROM reviews),
                        date_of(s.first_year - 1, 4, 1))) AS covered_from
  FROM snapshots s WHERE s.snapshot_id = {snapshot_id}
),
spans AS (
  SELECT c.child, c.period_no, c.care_start, p.period_end, v.covered_from, wd.d AS first_due,
         c.care_start >= v.covered_from OR wd.d >= v.covered_from AS known_from_start
  FROM (SELECT child, period_no, min(decom) AS care_start FROM episodes WHERE NOT is_short_break
        GROUP BY child, period_no) c
  JOIN periods p ON p.child = c.child AND p.period_no = c.period_no
  CROSS JOIN covered v
  LEFT JOIN calendar c0 ON c0.d = c.care_start
  LEFT JOIN calendar wd ON wd.is_working AND wd.working_day_no = c0.working_day_no + 20
),
held AS (
  -- each review in the period of care it was held in; a review on the day one period ends and the
  -- next begins belongs to the later one
  SELECT child, period_no, review_date, review_code, file_id, line_no,
         row_number() OVER (PARTITION BY child, period_no ORDER BY review_date) AS review_no
  FROM (
    SELECT s.child, s.period_no, r.review_date, r.review_code, r.file_id, r.line_no,
           row_number() OVER (PARTITION BY r.child, r.review_date ORDER BY s.care_start DESC) AS pick
    FROM reviews r
    JOIN spans s ON s.child = r.child AND r.review_date >= s.care_start
                AND (s.period_end IS NULL OR r.review_date <= s.period_end)
  ) x WHERE pick = 1
),
dues AS (
  SELECT s.child, s.period_no, 1 AS due_no,
         CASE WHEN s.known_from_start THEN 'first_20wd' ELSE 'before_data_6m' END AS rule,
         CASE WHEN s.known_from_start THEN s.care_start ELSE s.covered_from - 1 END AS due_from,
         CASE WHEN s.known_from_start THEN s.first_due
              ELSE CAST(s.covered_from - 1 + INTERVAL '6' MONTH AS DATE) END AS due_date,
         s.known_from_start AS due_known
  FROM spans s
  UNION ALL
  SELECT h.child, h.period_no, h.review_no + 1,
         CASE WHEN h.review_no = 1 AND s.known_from_start THEN 'second_3m' ELSE 'later_6m' END,
         h.review_date,
         CAST(h.review_date + CASE WHEN h.review_no = 1 AND s.known_from_start
                                   THEN INTERVAL '3' MONTH ELSE INTERVAL '6' MONTH END AS DATE),
         true
  FROM held h JOIN spans s ON s.child = h.child AND s.period_no = h.period_no
)
SELECT d.child, d.period_no, s.care_start AS period_start, s.period_end, d.due_no,
       s.known_from_start AS numbered_from_start, d.rule, d.due_from,
       d.due_date, d.due_known, h.review_date, h.review_code, h.review_date <= d.due_date AS on_time,
       h.file_id, h.line_no
FROM dues d
JOIN spans s ON s.child = d.child AND s.period_no = d.period_no
LEFT JOIN held h ON h.child = d.child AND h.period_no = d.period_no AND h.review_no = d.due_no
-- nothing is due once the child has left care, unless a review was held for it anyway
WHERE h.review_date IS NOT NULL OR s.period_end IS NULL OR s.period_end > d.due_date
