"""careboard's one parameter style: a name in braces, {as_at}, filled with a SQL literal before the
statement runs (Python's str.format_map, so a literal brace in the SQL is written twice).

Every engine then receives plain SQL, which sqlglot can read and translate; DuckDB's $name, psycopg's
%(name)s and Spark's :name would each tie a statement to one engine's driver.
"""

from __future__ import annotations

from datetime import date


def literal(value) -> str:
    """A Python value as SQL: a date, a whole number, a truth value, text, or a tuple of texts (a list
    for IN)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return f"DATE '{value.isoformat()}'"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, tuple):
        return "(" + ", ".join(map(literal, value)) + ")"
    raise TypeError(f"no SQL literal for {value!r}")


def fill(sql: str, values: dict) -> str:
    """`sql` with each {name} replaced by its value as a SQL literal."""
    return sql.format_map({name: literal(v) for name, v in values.items()})
