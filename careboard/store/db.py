"""Opening the DuckDB store file and keeping its schema up to date."""

from __future__ import annotations

import os
from pathlib import Path

from .schema import CORE_DDL, staging_ddl


def default_path() -> Path:
    """$CAREBOARD_DB, else careboard.duckdb in the user's data folder."""
    if env := os.environ.get("CAREBOARD_DB"):
        return Path(env)
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "careboard" / "careboard.duckdb"


def open_store(path: Path | str | None = None, read_only: bool = False):
    from ..backends.duckdb import connect

    if str(path) == ":memory:":
        con = connect(":memory:")
        con.execute(";\n".join(CORE_DDL + staging_ddl()))
        return con
    path = Path(path) if path else default_path()
    if read_only and not path.exists():
        raise FileNotFoundError(f"no careboard store at {path}; load some files first (careboard load PATH)")
    path.parent.mkdir(parents=True, exist_ok=True)
    # A load writes a snapshot of tens of MB at once: checkpointing every 16 MB (DuckDB's default)
    # would rewrite the file several times per load, so let the WAL grow and write once on close.
    config = {} if read_only else {"checkpoint_threshold": "1GB"}
    con = connect(str(path), read_only=read_only, config=config)
    if not read_only:
        con.execute(";\n".join(CORE_DDL + staging_ddl()))
    return con
