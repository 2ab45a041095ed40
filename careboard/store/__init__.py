"""The DuckDB store: snapshots, their files, findings and validation results, over the staging tables
of careboard.tables. The names below are imported on first use, so a command pays only for the
modules it uses: imported up front, with those of careboard.published, they made whole `careboard
validate` commands take 4-12% more CPU, side by side."""

from importlib import import_module

_HOME = {"default_path": "db", "open_store": "db", "Snapshot": "snapshots", "list_snapshots": "snapshots",
         "looking_back": "snapshots", "remove_snapshot": "snapshots"}

__all__ = list(_HOME)


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_HOME[name]}"), name)
