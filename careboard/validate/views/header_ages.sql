-- Each Header row's child, sex and date of birth with the child's age at the start and end of the year,
-- worked out once for every table that reports them: an age costs DuckDB more to plan than to compute.
SELECT row_no, "CHILD", "DOB", "SEX", age_on("DOB", {end}) AS age_end, age_on("DOB", {start}) AS age_start
FROM ret_header
