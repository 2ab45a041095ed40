"""The profile tables' rows, read and checked from ``groups.toml``.

The checks make a wrong grouping fail when the file is read, not as a quietly wrong table: codes
counted in two rows, bands with gaps, subtotals with nothing to add up, a table with no row for
the children nothing else counts.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations
from pathlib import Path

from ..results import FIGURES

GROUPS_FILE = Path(__file__).with_name("groups.toml")

# What a banded table may cut, and the columns a coded row may match on (see counts.py).
BANDS = ("age", "months_in_care")
CODE_COLUMNS = ("sex", "ethnic", "ls", "place", "provider", "uasc")

_ROW_KEYS = {"label", "subtotal", "otherwise", "only_if_any", "from", "to", *CODE_COLUMNS}
_TABLE_KEYS = {"key", "title", "band", "rows", "published_sums", "note"}
_SUM_KEYS = {"rows", "by"}
_CODE = re.compile(r"[A-Z0-9]*")   # upper case, as the store keeps codes; "" is blank


class GroupsError(ValueError):
    """A mistake in the groupings file, naming the file, table and row."""


@dataclass(frozen=True)
class Row:
    label: str
    subtotal: bool = False
    otherwise: bool = False
    only_if_any: bool = False
    band: tuple[int, int | None] | None = None           # [from, to) in the table's band unit
    codes: dict[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class PublishedSum:
    """Detail rows whose sum scorecard figures publish at the same dates: ``by`` names each as (indicator id,
    numerator, denominator or value). The public report protects such a sum as it protects a subtotal."""
    rows: tuple[str, ...]
    by: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    rows: tuple[Row, ...]
    band: str | None = None
    published_sums: tuple[PublishedSum, ...] = ()
    note: str = ""         # how to read it, printed with the profile tables

    @property
    def details(self) -> tuple[Row, ...]:
        return tuple(row for row in self.rows if not row.subtotal)


@cache
def groups() -> tuple[Table, ...]:
    """The groupings shipped with careboard."""
    return load_groups(GROUPS_FILE)


def load_groups(path: Path) -> tuple[Table, ...]:
    try:
        with Path(path).open("rb") as f:
            data = tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise GroupsError(f"{path}: {exc}") from None
    return parse_groups(data, str(path))


def parse_groups(data: dict, source: str) -> tuple[Table, ...]:
    tables = data.get("tables")
    if not isinstance(tables, list) or not tables:
        raise GroupsError(f"{source}: no [[tables]] entries")
    out = tuple(_table(t, f"{source}: table {i + 1}", t.get("key") if isinstance(t, dict) else None)
                for i, t in enumerate(tables))
    keys = [t.key for t in out]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise GroupsError(f"{source}: table key(s) {repeated} used more than once")
    return out


def _table(t: dict, where: str, key) -> Table:
    if not isinstance(t, dict):
        raise GroupsError(f"{where}: expected a table")
    where = f"{where} ({key!r})" if key else where
    unknown = set(t) - _TABLE_KEYS
    if unknown:
        raise GroupsError(f"{where}: unknown field(s) {sorted(unknown)}; allowed: {sorted(_TABLE_KEYS)}")
    for name in ("key", "title"):
        if not isinstance(t.get(name), str) or not t[name]:
            raise GroupsError(f"{where}: field {name!r} must be a non-empty string")
    band = t.get("band")
    if band is not None and band not in BANDS:
        raise GroupsError(f"{where}: band {band!r} is not one of {BANDS}")
    raw_rows = t.get("rows")
    if not isinstance(raw_rows, list) or not raw_rows:
        raise GroupsError(f"{where}: field 'rows' must be a non-empty list")
    rows = tuple(_row(r, f"{where}, row {i + 1}", band) for i, r in enumerate(raw_rows))
    sums = t.get("published_sums", [])
    if not isinstance(sums, list):
        raise GroupsError(f"{where}: field 'published_sums' must be a list")
    details = {row.label for row in rows if not row.subtotal}
    table = Table(t["key"], t["title"], rows, band,
                  tuple(_published_sum(s, f"{where}, published sum {i + 1}", details) for i, s in enumerate(sums)),
                  t.get("note", ""))
    _check_table(table, where)
    return table


def _published_sum(s, where: str, details: set[str]) -> PublishedSum:
    if not isinstance(s, dict) or set(s) != _SUM_KEYS:
        raise GroupsError(f"{where}: expected the fields {sorted(_SUM_KEYS)}")
    rows, by = s["rows"], s["by"]
    if not isinstance(rows, list) or len(rows) < 2 or not all(isinstance(label, str) for label in rows):
        raise GroupsError(f"{where}: 'rows' must list two or more of the table's rows")
    unknown = [label for label in rows if label not in details]
    if unknown:
        raise GroupsError(f"{where}: {unknown} are not detail rows of the table")
    figures = [item.rpartition(".") if isinstance(item, str) else ("", "", "") for item in
               (by if isinstance(by, list) and by else [None])]
    if any(not ind or part not in FIGURES for ind, _, part in figures):
        raise GroupsError(f"{where}: 'by' must list figures as indicator id, a dot and one of {FIGURES}")
    return PublishedSum(tuple(rows), tuple((ind, part) for ind, _, part in figures))


def _row(r: dict, where: str, band: str | None) -> Row:
    if not isinstance(r, dict) or not isinstance(r.get("label"), str) or not r["label"]:
        raise GroupsError(f"{where}: each row needs a non-empty 'label'")
    where = f"{where} ({r['label']!r})"
    unknown = set(r) - _ROW_KEYS
    if unknown:
        raise GroupsError(f"{where}: unknown field(s) {sorted(unknown)}; allowed: {sorted(_ROW_KEYS)}")
    flags = {name: r.get(name, False) for name in ("subtotal", "otherwise", "only_if_any")}
    for name, value in flags.items():
        if not isinstance(value, bool):
            raise GroupsError(f"{where}: field {name!r} must be true or false")
    codes = {column: _codes(r[column], f"{where}, field {column!r}") for column in CODE_COLUMNS if column in r}
    has_band = "from" in r or "to" in r
    if flags["subtotal"]:
        if codes or has_band or flags["otherwise"] or flags["only_if_any"]:
            raise GroupsError(f"{where}: a subtotal row takes only a label (it adds up the rows above it)")
        return Row(r["label"], subtotal=True)
    if band is None and has_band:
        raise GroupsError(f"{where}: 'from'/'to' need a banded table (set the table's 'band')")
    if band is not None and codes:
        raise GroupsError(f"{where}: a banded table's rows take 'from'/'to', not codes ({sorted(codes)})")
    if not flags["otherwise"]:
        if band is not None and "from" not in r:
            raise GroupsError(f"{where}: a band needs 'from'")
        if band is None and not codes:
            raise GroupsError(f"{where}: say which codes the row counts (one of {CODE_COLUMNS}), "
                              "or mark it otherwise = true")
    return Row(r["label"], False, flags["otherwise"], flags["only_if_any"], _band(r, where) if has_band else None,
               codes)


def _codes(value, where: str) -> frozenset[str]:
    if not isinstance(value, list) or not value or not all(isinstance(c, str) for c in value):
        raise GroupsError(f"{where}: expected a non-empty list of codes")
    bad = [c for c in value if not _CODE.fullmatch(c)]
    if bad:
        raise GroupsError(f"{where}: codes must be upper-case letters and digits (\"\" for blank), got {bad}")
    return frozenset(value)


def _band(r: dict, where: str) -> tuple[int, int | None]:
    low, high = r.get("from"), r.get("to")
    if not isinstance(low, int) or isinstance(low, bool) or (high is not None and
                                                             (not isinstance(high, int) or isinstance(high, bool))):
        raise GroupsError(f"{where}: 'from' and 'to' must be whole numbers")
    if high is not None and high <= low:
        raise GroupsError(f"{where}: band [{low}, {high}) is empty ('to' must be greater than 'from')")
    return low, high


def _check_table(table: Table, where: str) -> None:
    otherwise = [row.label for row in table.rows if row.otherwise]
    if len(otherwise) != 1:
        raise GroupsError(f"{where}: needs exactly one row with otherwise = true (for children no other row "
                          f"counts), found {len(otherwise)}: {otherwise}")
    labels = [row.label for row in table.rows]
    repeated = sorted({x for x in labels if labels.count(x) > 1})
    if repeated:
        raise GroupsError(f"{where}: row label(s) {repeated} used more than once")
    _check_subtotals(table, where)
    if table.band is not None:
        _check_bands(table, where)
    else:
        _check_disjoint(table, where)


def _check_subtotals(table: Table, where: str) -> None:
    pending: list[Row] = []
    for row in table.rows:
        if not row.subtotal:
            pending.append(row)
            continue
        if not pending:
            raise GroupsError(f"{where}: subtotal {row.label!r} has no detail rows above it to add up")
        if all(detail.only_if_any for detail in pending):
            raise GroupsError(f"{where}: subtotal {row.label!r} adds up only rows marked only_if_any, "
                              "which may all be left out")
        pending = []


def _check_bands(table: Table, where: str) -> None:
    bands = sorted((row.band, row.label) for row in table.details if row.band is not None)
    for (band, label), (next_band, next_label) in zip(bands, bands[1:]):
        if band[1] is None or band[1] != next_band[0]:
            raise GroupsError(f"{where}: bands {label!r} [{band[0]}, {band[1]}) and {next_label!r} "
                              f"[{next_band[0]}, {next_band[1]}) must meet with no gap or overlap")


def _check_disjoint(table: Table, where: str) -> None:
    coded = [row for row in table.details if row.codes]
    for a, b in combinations(coded, 2):
        # two rows can both match a child unless some column they both test has no code in common
        shared = set(a.codes) & set(b.codes)
        if all(a.codes[column] & b.codes[column] for column in shared):
            both = {column: sorted(a.codes[column] & b.codes[column]) for column in shared}
            raise GroupsError(f"{where}: rows {a.label!r} and {b.label!r} can count the same child {both}")
