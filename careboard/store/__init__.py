"""The DuckDB store: staging tables from the spec, snapshots, and the modelled views over them.

The names below are imported on first use, so `careboard validate`, which needs only the schema
helpers in `store.schema`, does not pay for the loader.
"""

from importlib import import_module

_HOME = {"default_path": "db", "open_store": "db", "load": "loader", "LoadResult": "loader",
         "Snapshot": "snapshots", "list_snapshots": "snapshots", "remove_snapshot": "snapshots"}

__all__ = list(_HOME)


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_HOME[name]}"), name)
