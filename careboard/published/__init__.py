"""DfE and ONS published figures read from a benchmarks folder the user names.

Nothing here reads a file at import time: careboard works without benchmarks and says so.
"""

from careboard.published.figures import Figure
from careboard.published.population import PopulationEstimate
from careboard.published.published import (
    NOT_LOADED,
    Published,
    PublishedDataError,
    load_published,
    load_published_or_note,
)

__all__ = [
    "NOT_LOADED",
    "Figure",
    "PopulationEstimate",
    "Published",
    "PublishedDataError",
    "load_published",
    "load_published_or_note",
]
