"""Opening the store file and keeping its schema up to date."""

from __future__ import annotations

import os
from pathlib import Path

from ..tables.schema import staging_ddl
from .upgrade import upgrade


# The store's own tables: snapshots, their files, the load's findings and the DfE rules' results. A snapshot
# records the formats its files are in and the period they cover (upgrade.py adds those to an older store)
# besides the 903's collection years.
CORE_DDL = [
    """CREATE TABLE IF NOT EXISTS snapshots (
  snapshot_id INTEGER PRIMARY KEY,
  as_at DATE NOT NULL,
  collection_year INTEGER NOT NULL,
  first_year INTEGER NOT NULL,
  loaded_at TIMESTAMP NOT NULL,
  fingerprint VARCHAR NOT NULL UNIQUE,
  label VARCHAR,
  source_formats VARCHAR,
  period_start DATE,
  period_end DATE
)""",
    """CREATE TABLE IF NOT EXISTS source_files (
  snapshot_id INTEGER NOT NULL,
  file_id INTEGER NOT NULL,
  path VARCHAR NOT NULL,
  sha256 VARCHAR NOT NULL,
  table_name VARCHAR NOT NULL,
  return_year INTEGER NOT NULL,
  format VARCHAR NOT NULL,
  encoding VARCHAR NOT NULL,
  rows INTEGER NOT NULL,
  sheet VARCHAR
)""",
    """CREATE TABLE IF NOT EXISTS validation_failures (
  snapshot_id INTEGER NOT NULL,
  return_year INTEGER NOT NULL,
  rule VARCHAR NOT NULL,
  severity VARCHAR NOT NULL,
  table_name VARCHAR NOT NULL,
  row_no INTEGER NOT NULL,
  line_no INTEGER,
  file_id INTEGER,
  child VARCHAR,
  fields VARCHAR,
  "values" VARCHAR,
  message VARCHAR NOT NULL
)""",
    """CREATE TABLE IF NOT EXISTS validation_runs (
  snapshot_id INTEGER NOT NULL,
  return_year INTEGER NOT NULL,
  inputs VARCHAR NOT NULL,
  rules_run INTEGER NOT NULL
)""",
    """CREATE TABLE IF NOT EXISTS validation_not_run (
  snapshot_id INTEGER NOT NULL,
  return_year INTEGER NOT NULL,
  rule VARCHAR NOT NULL,
  reason VARCHAR NOT NULL,
  crashed BOOLEAN NOT NULL
)""",
    """CREATE TABLE IF NOT EXISTS dq_findings (
  snapshot_id INTEGER NOT NULL,
  severity VARCHAR NOT NULL,
  code VARCHAR NOT NULL,
  table_name VARCHAR,
  file_id INTEGER,
  line_no INTEGER,
  child VARCHAR,
  field VARCHAR,
  value VARCHAR,
  message VARCHAR NOT NULL
)""",
    # Snapshots removed: their ids are never given again, so a file or a note citing "snapshot 2" cannot come to
    # mean other data, and a command asked for one can say when it went.
    """CREATE TABLE IF NOT EXISTS removed_snapshots (
  snapshot_id INTEGER NOT NULL,
  as_at DATE NOT NULL,
  removed_at TIMESTAMP NOT NULL
)""",
]


def default_path() -> Path:
    """$CAREBOARD_DB, else careboard.duckdb in the user's data folder."""
    if env := os.environ.get("CAREBOARD_DB"):
        return Path(env)
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "careboard" / "careboard.duckdb"


def open_store(path: Path | str | None = None, read_only: bool = False):
    from ..backends import engine

    if str(path) == ":memory:":
        con = engine().connect(":memory:")
        con.execute(";\n".join(CORE_DDL + staging_ddl()))
        return con
    path = Path(path) if path else default_path()
    if read_only and not path.exists():
        raise FileNotFoundError(f"no careboard store at {path}; load some files first (careboard load PATH)")
    path.parent.mkdir(parents=True, exist_ok=True)
    con = engine().connect(str(path), read_only=read_only)
    if not read_only:
        con.execute(";\n".join(CORE_DDL + staging_ddl()))
    upgrade(con, read_only)
    return con
