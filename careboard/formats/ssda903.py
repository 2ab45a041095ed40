"""The SSDA903 format, read once from ``ssda903.toml``.

Everything that needs a table's columns, key or field types asks this module, so a change to
the return's format is a change to one data file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

_SPEC_FILE = Path(__file__).with_name("ssda903.toml")


@dataclass(frozen=True)
class TableSpec:
    """One table. `columns` are the DfE columns every file of the table has, in CSV order; `optional`
    ones are kept when a file carries them (NULL when it does not) but never identify the table."""

    name: str
    title: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    dates: frozenset[str] = frozenset()
    integers: frozenset[str] = frozenset()
    text: frozenset[str] = frozenset()
    first_year: int | None = None
    optional: tuple[str, ...] = ()

    def kind(self, column: str) -> str:
        """'date', 'integer', 'text' (kept as written, trimmed) or 'code' (trimmed, upper-cased)."""
        if column in self.dates:
            return "date"
        if column in self.integers:
            return "integer"
        if column in self.text:
            return "text"
        return "code"

    @property
    def column_set(self) -> frozenset[str]:
        """The required columns: what a file must hold to be this table."""
        return frozenset(self.columns)

    @property
    def all_columns(self) -> tuple[str, ...]:
        """Every column careboard keeps for the table: the required ones, then the optional ones."""
        return self.columns + self.optional


@dataclass(frozen=True)
class XmlSpec:
    root: str
    child: str
    header: str
    child_id: str
    renames: dict[str, str]
    groups: dict[str, str]
    header_tables: dict[str, tuple[str, ...]] = field(default_factory=dict)


@cache
def _raw() -> dict:
    with _SPEC_FILE.open("rb") as f:
        return tomllib.load(f)


@cache
def tables() -> dict[str, TableSpec]:
    out = {}
    for name, t in _raw()["tables"].items():
        if both := set(t.get("optional", ())) & set(t["columns"]):
            raise ValueError(f"{_SPEC_FILE.name}: table {name} lists {', '.join(sorted(both))} as both required and optional")
        out[name] = TableSpec(
            name=name,
            title=t["title"],
            columns=tuple(t["columns"]),
            key=tuple(t["key"]),
            dates=frozenset(t.get("dates", ())),
            integers=frozenset(t.get("integers", ())),
            text=frozenset(t.get("text", ())),
            first_year=t.get("first_year"),
            optional=tuple(t.get("optional", ())),
        )
    return out


def table(name: str) -> TableSpec:
    return tables()[name]


@cache
def xml() -> XmlSpec:
    x = _raw()["xml"]
    return XmlSpec(
        root=x["root"],
        child=x["child"],
        header=x["header"],
        child_id=x["child_id"],
        renames=dict(x["renames"]),
        groups=dict(x["groups"]),
        header_tables={k: tuple(v["when"]) for k, v in x["header_tables"].items()},
    )


@cache
def lengths() -> dict[str, int]:
    """The most characters each field may hold, by field name (the same in every table)."""
    return dict(_raw()["lengths"])


def cell_chars() -> int:
    """The longest cell a reader keeps whole: longer ones are cut to this, with a finding."""
    return int(_raw()["limits"]["cell_chars"])
