"""What runs careboard's SQL: one class per engine (base.Backend says what each must do); today DuckDB
(duckdb.py), the engine under every store, validation and query."""

from __future__ import annotations

from functools import cache

from .base import Backend


@cache
def engine() -> Backend:
    """The engine careboard runs its SQL on."""
    from .duckdb import DuckDB

    return DuckDB()
