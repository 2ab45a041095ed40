"""Every format careboard reads, in one place. Adding a format is a spec file and a Format entry
(like ssda903.py) listed here; tests/test_formats.py then asks for its docs and recognition cases.

Table names are unique across formats, so a table's name says which format it belongs to and its
staging table (stg_<name>) cannot clash with another format's."""

from __future__ import annotations

from functools import cache

from .annex_a import ANNEX_A
from .format import Format
from .local_lists import LOCAL_LISTS
from .spec import TableSpec
from .ssda903 import SSDA903

FORMATS: tuple[Format, ...] = (SSDA903, ANNEX_A, LOCAL_LISTS)


def get(format_id: str) -> Format:
    for f in FORMATS:
        if f.id == format_id:
            return f
    raise KeyError(f"no format {format_id!r}; careboard reads {', '.join(f.id for f in FORMATS)}")


@cache
def all_tables() -> dict[str, TableSpec]:
    """Every format's tables by name, the formats in registry order."""
    return {name: t for f in FORMATS for name, t in f.tables().items()}


def table(name: str) -> TableSpec:
    """A table of any format, by its name."""
    return all_tables()[name]


def format_of(table: str) -> Format:
    """The format a table belongs to."""
    for f in FORMATS:
        if table in f.tables():
            return f
    raise KeyError(f"no format has a table {table!r}")
