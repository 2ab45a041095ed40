"""The DuckDB store: staging tables from the spec, snapshots, and the modelled views over them."""

from .db import default_path, open_store
from .loader import LoadResult, load
from .snapshots import Snapshot, list_snapshots, remove_snapshot

__all__ = ["default_path", "open_store", "load", "LoadResult", "Snapshot", "list_snapshots", "remove_snapshot"]
