"""One module per operational list, each declaring its lists in a LISTS tuple (see ../registry.py)."""
