"""A format's spec file read into plain data: its tables (columns, keys, field types), how its tables are
recognised, and for a format with an XML form, how that XML maps onto the tables.

Every format careboard reads is described by one such TOML file next to its Format entry; nothing else
writes a table's columns or types down again.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path


def code_key(words: str) -> str:
    """Words as typing reads a list's code (tables.schema.typed_cell): upper case, runs of spaces and hyphens as
    one underscore."""
    return re.sub(r"[ -]+", "_", words.strip().upper())


@dataclass(frozen=True)
class TableSpec:
    """One table. `columns` are the columns every file of the table has, in CSV order; `optional`
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
    # For lists checked as they load (local lists): the codes each coded column allows, the columns that
    # may not be blank, and the column naming the child a row is about (None: the row is not a child's).
    codes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # A coded column's other words for its codes, as councils write them ("Family and friends" for CONNECTED): the
    # words as typing reads them (upper case, joined by underscores) -> the code.
    code_words: dict[str, dict[str, str]] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    child: str | None = "CHILD"
    in_text: str = ""       # the title inside a sentence: "fostering households", "Annex A List 10 (adoption)"
    records: str = ""       # its rows as a committee paper names them: "episodes of care"; default in_text
    every_return: bool = False   # every council's return has rows in it: a return without its file lacks it
    at_year_end: bool = False    # drawn up once the year has ended: a return of a year in progress may have none
    # Whether the child a row names is one the SSDA903 return names too, by the same ID: a child looked after, or
    # who was (not a child privately fostered, who never is).
    return_child: bool = True
    # Columns of identifiers kept as written (text), whose Excel ".0" goes as a code's does ("17.0" is family 17):
    # they join rows of one list to another's, or to the return's.
    ids: frozenset[str] = frozenset()

    def __post_init__(self):
        if not self.in_text:     # "Activity log" reads "activity log"; a code such as "UASC" stays as it is
            named = self.title if self.title[:2].isupper() else self.title[:1].lower() + self.title[1:]
            object.__setattr__(self, "in_text", named)
        if not self.records:
            object.__setattr__(self, "records", self.in_text)

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


@dataclass(frozen=True)
class Spec:
    """Everything a spec file says. `common`: columns many tables share (a child's id, date of birth),
    which alone never make a header look like one table rather than another."""

    tables: dict[str, TableSpec]
    common: frozenset[str]
    lengths: dict[str, int]
    cell_chars: int
    xml: XmlSpec | None
    # How a date may be written, as strptime formats: the 903's one form unless the spec lists more.
    date_forms: tuple[str, ...] = ("%d/%m/%Y",)
    excel_dates: bool = False       # a five-digit whole number in a date column is an Excel day number


def read_spec(path: Path) -> Spec:
    with path.open("rb") as f:
        raw = tomllib.load(f)
    x = raw.get("xml")
    return Spec(
        tables=_tables(raw["tables"], path.name),
        common=frozenset(raw.get("recognition", {}).get("common", ())),
        lengths=dict(raw["lengths"]),
        cell_chars=int(raw["limits"]["cell_chars"]),
        xml=XmlSpec(
            root=x["root"],
            child=x["child"],
            header=x["header"],
            child_id=x["child_id"],
            renames=dict(x["renames"]),
            groups=dict(x["groups"]),
            header_tables={k: tuple(v["when"]) for k, v in x["header_tables"].items()},
        ) if x else None,
        date_forms=tuple(raw.get("dates", {}).get("forms", ("%d/%m/%Y",))),
        excel_dates=bool(raw.get("dates", {}).get("excel_numbers", False)),
    )


def _tables(entries: dict, file: str) -> dict[str, TableSpec]:
    out = {}
    for name, t in entries.items():
        if both := set(t.get("optional", ())) & set(t["columns"]):
            raise ValueError(f"{file}: table {name} lists {', '.join(sorted(both))} as both required and optional")
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
            codes={c: tuple(v) for c, v in t.get("codes", {}).items()},
            code_words={c: {code_key(w): code for code, words in by_code.items() for w in words}
                        for c, by_code in t.get("code_words", {}).items()},
            required=tuple(t.get("required", ())),
            child=t.get("child", "CHILD") or None,
            in_text=t.get("in_text", ""),
            records=t.get("records", ""),
            every_return=t.get("every_return", False),
            at_year_end=t.get("at_year_end", False),
            return_child=t.get("return_child", True),
            ids=frozenset(t.get("ids", ())),
        )
    return out
