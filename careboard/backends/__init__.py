"""What runs careboard's SQL: today DuckDB (duckdb.py), the engine under every store, validation and query."""
