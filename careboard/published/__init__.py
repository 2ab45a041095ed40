"""DfE and ONS published figures: careboard's shipped copy, the user's own copy, or a folder named.

Nothing here reads a file at import time, and the names below are imported on first use, so a
command that only asks where the figures are (`careboard validate`) does not pay for the readers
(see careboard/store/__init__.py for what that saves).
"""

from importlib import import_module

_HOME = {
    "NOT_LOADED": "published",
    "Published": "published",
    "PublishedDataError": "published",
    "load_published": "published",
    "load_published_or_note": "published",
    "Figure": "figures",
    "PopulationEstimate": "population",
}

__all__ = list(_HOME)


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_HOME[name]}"), name)
