"""The dialect layer: careboard's own SQL macros, each written for every engine careboard may run on.

careboard's SQL is written in DuckDB's dialect and kept to what sqlglot translates faithfully to
PostgreSQL and Spark SQL (tests/test_portable_sql.py checks every statement). Where an engine lacks a
function, or sqlglot's translation would change the answer (ages, dates made from parts, regular
expressions, the value at a maximum), the SQL calls one of the macros in macros.py instead. Each is an
expression per dialect over its parameters: DuckDB gets them as macros (install); another engine's
backend writes each call out with its own dialect's expression.
"""

from .macros import MACROS, Macro, install

__all__ = ["MACROS", "Macro", "install"]
