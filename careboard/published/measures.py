"""The declarative map from careboard indicator ids to published measures (measures.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

MEASURES_FILE = Path(__file__).with_name("measures.toml")
TRANSFORMS = {"complement"}


class MeasureMapError(ValueError):
    """measures.toml is malformed; the message names the file and key."""


@dataclass(frozen=True)
class EesSource:
    file: str                       # EES file name without ".csv"
    value: str                      # value column
    filters: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class LaitSource:
    short_desc: str
    transform: str | None = None    # "complement": publish 100 minus the LAIT value


@dataclass(frozen=True)
class Measure:
    indicator_id: str
    ees: EesSource | None
    lait: LaitSource | None
    note: str = ""


def load_measures(path: Path = MEASURES_FILE) -> dict[str, Measure]:
    """Read and check the mapping; every error names the file and the offending key."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise MeasureMapError(f"{path}: {exc}") from exc
    return {key: _measure(path, key, body) for key, body in raw.items()}


def _measure(path: Path, key: str, body: object) -> Measure:
    where = f"{path}: [{key}]"
    if not isinstance(body, dict):
        raise MeasureMapError(f"{where}: expected a table")
    unknown = set(body) - {"ees", "lait", "note"}
    if unknown:
        raise MeasureMapError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    ees = _ees(f"{path}: [{key}.ees]", body["ees"]) if "ees" in body else None
    lait = _lait(f"{path}: [{key}.lait]", body["lait"]) if "lait" in body else None
    if ees is None and lait is None:
        raise MeasureMapError(f"{where}: needs an [ees] or a [lait] source")
    note = body.get("note", "")
    if not isinstance(note, str):
        raise MeasureMapError(f"{where}: note must be text")
    return Measure(key, ees, lait, note)


def _ees(where: str, body: dict) -> EesSource:
    _only(where, body, {"file", "value", "filters"})
    filters = body.get("filters", {})
    if not isinstance(filters, dict) or not all(isinstance(v, str) for v in filters.values()):
        raise MeasureMapError(f"{where}: filters must map column names to text values")
    return EesSource(_text(where, body, "file"), _text(where, body, "value"), dict(filters))


def _lait(where: str, body: dict) -> LaitSource:
    _only(where, body, {"short_desc", "transform"})
    transform = body.get("transform")
    if transform is not None and transform not in TRANSFORMS:
        raise MeasureMapError(f"{where}: transform must be one of {sorted(TRANSFORMS)}, got {transform!r}")
    return LaitSource(_text(where, body, "short_desc").strip(), transform)


def _only(where: str, body: object, allowed: set[str]) -> None:
    if not isinstance(body, dict):
        raise MeasureMapError(f"{where}: expected a table")
    unknown = set(body) - allowed
    if unknown:
        raise MeasureMapError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")


def _text(where: str, body: dict, key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value.strip():
        raise MeasureMapError(f"{where}: '{key}' is required text")
    return value
