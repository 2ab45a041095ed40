-- Each Header row's child, sex and date of birth with the child's age at the start and end of the year,
-- worked out once for every table that reports them: an age costs DuckDB more to plan than to compute.
-- A child's first Header row is its `first`: the tables joining a child's details take that one, as a child
-- given twice in the Header (rule INT32) would otherwise double each of its episodes, and the rules on the
-- episode before and after would find the child's episodes overlapping themselves.
SELECT row_no, "CHILD", "DOB", "SEX", age_on("DOB", {end}) AS age_end, age_on("DOB", {start}) AS age_start,
       row_number() OVER (PARTITION BY "CHILD" ORDER BY row_no) = 1 AS first
FROM ret_header
