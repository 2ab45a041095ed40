"""A council's settings, targets and amber tolerances, read from one TOML file (see councils/example.toml)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from careboard.dates import year_ending
from careboard.indicators.base import POLARITIES, UNITS
from careboard.published.neighbours import SN_METHODS

_INDICATOR_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_FINANCIAL_YEAR = re.compile(r"^(\d{4})/(\d{2})$")


class CouncilConfigError(ValueError):
    """The council file is wrong; the message names the file and the key."""


@dataclass(frozen=True)
class Target:
    indicator_id: str
    default: float | None                  # applies to every year not listed in by_year
    by_year: dict[int, float] = field(default_factory=dict)   # year ending March -> target
    amber: float | None = None             # overrides the council default for the unit
    polarity: str | None = None            # overrides the catalogue ("low" is good, "high" is good)

    def for_year(self, year_ending: int) -> float | None:
        return self.by_year.get(year_ending, self.default)


@dataclass(frozen=True)
class CouncilConfig:
    path: Path
    name: str
    la_code: str
    sn_method: str
    amber_defaults: dict[str, float]       # unit -> tolerance in that unit's variance unit
    targets: dict[str, Target]

    def target_for(self, indicator_id: str, as_at: date) -> float | None:
        """The target for the financial year holding ``as_at``; None when the council set none."""
        target = self.targets.get(indicator_id)
        return None if target is None else target.for_year(year_ending(as_at))

    def amber_for(self, indicator_id: str, unit: str) -> float | None:
        target = self.targets.get(indicator_id)
        if target is not None and target.amber is not None:
            return target.amber
        return self.amber_defaults.get(unit)

    def polarity_for(self, indicator_id: str, catalogue_polarity: str | None) -> str | None:
        target = self.targets.get(indicator_id)
        if target is not None and target.polarity is not None:
            return target.polarity
        return catalogue_polarity


def load_council_config(path: Path) -> CouncilConfig:
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CouncilConfigError(f"{path}: council file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise CouncilConfigError(f"{path}: {exc}") from None
    return _Reader(path).config(raw)


class _Reader:
    def __init__(self, path: Path):
        self.path = path

    def fail(self, key: str, message: str) -> CouncilConfigError:
        return CouncilConfigError(f"{self.path}: {key}: {message}")

    def table(self, raw: object, key: str, allowed: set[str] | None) -> dict:
        if not isinstance(raw, dict):
            raise self.fail(key, "expected a table")
        if allowed is not None:
            unknown = sorted(set(raw) - allowed)
            if unknown:
                where = f"{key}.{unknown[0]}" if key else unknown[0]
                raise self.fail(where, f"unknown key (allowed: {', '.join(sorted(allowed))})")
        return raw

    def number(self, raw: object, key: str, minimum: float | None = None) -> float:
        if isinstance(raw, bool) or not isinstance(raw, (int, float)):
            raise self.fail(key, f"expected a number, got {raw!r}")
        if minimum is not None and raw < minimum:
            raise self.fail(key, f"must be at least {minimum:g}, got {raw!r}")
        return float(raw)

    def text(self, raw: object, key: str) -> str:
        if not isinstance(raw, str) or not raw.strip():
            raise self.fail(key, f"expected text, got {raw!r}")
        return raw.strip()

    def choice(self, raw: object, key: str, options: tuple) -> str:
        if raw not in options:
            shown = ", ".join(repr(o) for o in options if o is not None)
            raise self.fail(key, f"must be one of {shown}, got {raw!r}")
        return raw

    def config(self, raw: dict) -> CouncilConfig:
        self.table(raw, "", {"council", "amber", "targets"})
        if "council" not in raw:
            raise self.fail("council", "missing [council] table")
        council = self.table(raw["council"], "council", {"name", "la_code", "sn_method"})
        for key in ("name", "la_code"):
            if key not in council:
                raise self.fail(f"council.{key}", "missing")
        la_code = self.text(str(council["la_code"]), "council.la_code")
        if not re.fullmatch(r"\d{3}", la_code):
            raise self.fail("council.la_code", f"must be a 3-digit DfE LA number such as '874', got {la_code!r}")
        amber = self.table(raw.get("amber", {}), "amber", set(UNITS))
        targets = self.table(raw.get("targets", {}), "targets", None)
        return CouncilConfig(
            path=self.path,
            name=self.text(council["name"], "council.name"),
            la_code=la_code,
            sn_method=self.choice(council.get("sn_method", "mean"), "council.sn_method", SN_METHODS),
            amber_defaults={unit: self.number(v, f"amber.{unit}", 0) for unit, v in amber.items()},
            targets={ind: self.target(ind, body) for ind, body in targets.items()},
        )

    def target(self, indicator_id: str, body: object) -> Target:
        key = f"targets.{indicator_id}"
        if not _INDICATOR_ID.match(indicator_id):
            raise self.fail(key, "indicator ids are lower-case snake_case, e.g. placements_3plus_pct")
        body = self.table(body, key, {"target", "years", "amber", "polarity"})
        if "target" not in body and "years" not in body:
            raise self.fail(key, "needs 'target' or a [years] table")
        default = self.number(body["target"], f"{key}.target") if "target" in body else None
        years = self.table(body.get("years", {}), f"{key}.years", None)
        amber = self.number(body["amber"], f"{key}.amber", 0) if "amber" in body else None
        polarity = self.choice(body["polarity"], f"{key}.polarity", POLARITIES) if "polarity" in body else None
        return Target(
            indicator_id=indicator_id,
            default=default,
            by_year={self.year(label, f"{key}.years"): self.number(v, f'{key}.years."{label}"')
                     for label, v in years.items()},
            amber=amber,
            polarity=polarity,
        )

    def year(self, label: str, key: str) -> int:
        match = _FINANCIAL_YEAR.match(label)
        if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
            raise self.fail(f'{key}."{label}"', "financial years are written like \"2024/25\"")
        return int(match.group(1)) + 1
