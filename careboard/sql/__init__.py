"""The dialect layer: careboard's own SQL macros, each written for every engine careboard may run on.

careboard's SQL is written in DuckDB's dialect and kept to what sqlglot translates faithfully to
PostgreSQL and Spark SQL (tests/test_portable_sql.py checks every statement). Where an engine lacks a
function, or sqlglot's translation would change the answer (ages, date parts, regular expressions,
value-at-maximum aggregates), the SQL calls one of these macros instead; each has a definition per
dialect, so another engine gets the same answer by installing its own definitions.
"""

MACROS: dict = {}
