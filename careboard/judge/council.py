"""A council's settings, targets and amber tolerances, read from one TOML file (see councils/example.toml).

`careboard init --la NAME` writes one for any English LA (careboard/judge/council_init.py). A report run
without one gets `no_council()`: no targets, and benchmarks only for an LA inferred from the data.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from careboard.dates import year_ending
from careboard.indicators.base import POLARITIES, UNITS
from careboard.errors import InputError
from careboard.nearest import either, nearest
from careboard.notepad import decoded, document_kind
from careboard.published.neighbours import SN_METHODS
from careboard.timescales import DECLARED as DECLARED_TIMESCALES
from careboard.timescales import UNITS as TIMESCALE_UNITS
from careboard.timescales import Timescales, timescales

_INDICATOR_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_FINANCIAL_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
_GSS_CODE = re.compile(r"^E\d{8}$")
COUNCIL_KEYS = {"name", "la_code", "gss_code", "region", "sn_method", "neighbours"}
REPORT_KEYS = {"sections", "indicators", "profile_dates"}
# The dates of the profile tables' columns: the latest five snapshots', or the latest quarter ends.
PROFILE_DATES = ("snapshots", "quarter-ends")
INIT_HINT = "careboard init --la NAME writes a council file for your LA"


class CouncilConfigError(InputError, ValueError):
    """The council file is wrong; the message names the file and the key (one line on the command line)."""

    def __init__(self, path: Path | str, key: str, message: str, line: int | None = None):
        super().__init__(str(path), message, line=line, field=key)

    def __str__(self) -> str:
        where = self.file + (f", line {self.line}" if self.line else "")
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


def did_you_mean(word: str, options) -> str:
    """' (did you mean x or y?)' for the closest of `options`, or '' when none is close."""
    close = nearest(word, options)
    return f" (did you mean {either(map(repr, close))}?)" if close else ""


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
class Comparator:
    """England's figure for an indicator the DfE's published files do not carry (an adopter's days to approval,
    say), as the council found it published elsewhere: shown beside the council's figure with its source."""

    indicator_id: str
    england: float
    year_ending: int                       # the year it is for, ending March
    source: str                            # where it was published, in words for the report


@dataclass(frozen=True)
class CouncilConfig:
    path: Path | None                      # None: no council file was given
    name: str
    la_code: str | None                    # 3-digit DfE LA number; None when not known
    sn_method: str
    amber_defaults: dict[str, float]       # unit -> tolerance in that unit's variance unit
    targets: dict[str, Target]
    gss_code: str | None = None
    region: str | None = None
    neighbours: tuple[str, ...] | None = None   # the council's own comparator group; None: the DfE model's
    sections: tuple[str, ...] | None = None     # [report] sections to show, in order; None: every section
    indicators: tuple[str, ...] | None = None   # [report] indicators to show, in order; None: every one
    profile_dates: str = "snapshots"            # one of PROFILE_DATES
    timescales: Timescales = DECLARED_TIMESCALES   # the declared ones, with the council's own local ones
    comparators: dict[str, Comparator] = field(default_factory=dict)   # [comparators], by indicator id

    def catalogue(self) -> tuple:
        """Every indicator, judging by the council's timescales."""
        from careboard.indicators.registry import for_timescales

        return for_timescales(self.timescales)

    def tables(self) -> tuple:
        """Every breakdown table, judging by the council's timescales."""
        from careboard.breakdowns.registry import for_timescales

        return for_timescales(self.timescales)

    def shown_indicators(self) -> tuple:
        """The indicators the report shows: the [report] choice (in its sections' order), or every one."""
        every = self.catalogue()
        by_id = {ind.id: ind for ind in every}
        chosen = tuple(by_id[i] for i in self.indicators) if self.indicators else every
        if not self.sections:   # the order listed (or the catalogue's); the report groups them by section
            return chosen
        order = list(self.sections)
        return tuple(sorted((ind for ind in chosen if ind.group in order), key=lambda ind: order.index(ind.group)))

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


def no_council(la_code: str | None = None, name: str = "Council not named") -> CouncilConfig:
    """The settings of a report run without a council file: no targets, no amber, the DfE's polarity."""
    return CouncilConfig(None, name, la_code, "mean", {}, {})


def load_council_config(path: Path) -> CouncilConfig:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CouncilConfigError(path, "", f"council file not found ({INIT_HINT})") from None
    except IsADirectoryError:
        raise CouncilConfigError(path, "", f"is a folder; give the council file itself ({INIT_HINT})") from None
    if kind := document_kind(data):
        raise CouncilConfigError(path, "", f"is {kind}, not a text file: a council file is text, as careboard init "
                                           f"writes it; edit it in Notepad or another text editor")
    text = decoded(data)    # as Notepad saves it: with a byte-order mark, as "Unicode" or as "ANSI" too
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _not_toml(path, text, str(exc)) from None
    return _Reader(path).config(raw)


def _not_toml(path: Path, text: str, reason: str) -> CouncilConfigError:
    """The line TOML could not read, what it is, and how settings are written."""
    at = re.search(r" \(at line (\d+), column \d+\)$", reason)
    line = int(at.group(1)) if at else None
    lines = text.splitlines()
    shown = f" in {lines[line - 1].strip()!r}" if line and line <= len(lines) else ""
    return CouncilConfigError(path, "", f"{reason[:at.start()] if at else reason}{shown}: each setting is "
                                        f"name = value, with text in double quotes and numbers bare (target = 72.5); "
                                        f"put # in front of a line to leave it out", line=line)


def check_against_published(config: CouncilConfig, published) -> None:
    """The council's LA, GSS code, region and neighbours must be those of an English LA in the published
    figures (careboard.published.Published): a wrong code would benchmark the council against another."""
    if config.path is None or config.la_code is None:
        return
    fail = _Reader(config.path).fail
    areas = published.files.areas()
    area = areas.get(config.la_code)   # a former LA (Cumbria, 909) is allowed: its earlier years are published
    if area is None:
        raise fail("council.la_code", f"{config.la_code} is not an English LA in the published figures; "
                                      f"give your council's 3-digit DfE number ({INIT_HINT})")
    if config.gss_code and area.gss_code and config.gss_code != area.gss_code:
        raise fail("council.gss_code", f"{config.gss_code} is not the GSS code of {area.name} "
                                       f"({config.la_code}), which is {area.gss_code}")
    if config.region and area.region_name and config.region.casefold() != area.region_name.casefold():
        raise fail("council.region", f"{config.region!r} is not the region of {area.name}, which is "
                                     f"{area.region_name!r}")
    unknown = [code for code in config.neighbours or () if code not in areas]
    if unknown:
        which = "is no English LA number" if len(unknown) == 1 else "are no English LA numbers"
        raise fail("council.neighbours", f"{', '.join(unknown)} {which} in the published figures")
    for indicator_id in sorted(set(config.comparators) & set(published.indicator_ids())):
        raise fail(f"comparators.{indicator_id}", "careboard reads England's figure for this indicator from the "
                                                  "DfE's published files; remove it from [comparators]")


class _Reader:
    def __init__(self, path: Path):
        self.path = path

    def fail(self, key: str, message: str) -> CouncilConfigError:
        return CouncilConfigError(self.path, key, message)

    def table(self, raw: object, key: str, allowed: set[str] | None) -> dict:
        if not isinstance(raw, dict):
            raise self.fail(key, "expected a table")
        if allowed is not None:
            unknown = sorted(set(raw) - allowed)
            if unknown:
                where = f"{key}.{unknown[0]}" if key else unknown[0]
                raise self.fail(where, f"unknown key{did_you_mean(unknown[0], allowed)}; "
                                       f"allowed: {', '.join(sorted(allowed))}")
        return raw

    def number(self, raw: object, key: str, minimum: float | None = None, maximum: float | None = None) -> float:
        if isinstance(raw, bool) or not isinstance(raw, (int, float)):
            bare = str(raw).strip().rstrip("%").strip() if isinstance(raw, str) else ""
            hint = f": write it bare, {key.rpartition('.')[2]} = {bare}" if re.fullmatch(r"-?\d+(\.\d+)?", bare) else ""
            raise self.fail(key, f"expected a number, got {raw!r}{hint}")
        if maximum is not None and not minimum <= raw <= maximum:
            raise self.fail(key, f"must be between {minimum:g} and {maximum:g} (a percentage), got {raw!r}")
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
        self.table(raw, "", {"council", "amber", "targets", "report", "timescales", "comparators"})
        if "council" not in raw:
            raise self.fail("council", f"missing [council] table ({INIT_HINT})")
        council = self.table(raw["council"], "council", COUNCIL_KEYS)
        if "name" not in council:
            raise self.fail("council.name", "missing: the council's name, as printed on the report")
        if "la_code" not in council:
            raise self.fail("council.la_code", "missing: the council's 3-digit DfE LA number, such as "
                                               f"la_code = \"874\", picks its benchmarks and population ({INIT_HINT})")
        amber = self.table(raw.get("amber", {}), "amber", set(UNITS))
        targets = self.table(raw.get("targets", {}), "targets", None)
        gss = self.text(council["gss_code"], "council.gss_code").upper() if "gss_code" in council else None
        if gss is not None and not _GSS_CODE.match(gss):
            raise self.fail("council.gss_code", f"must be an English GSS code such as 'E06000031', got {gss!r}")
        return CouncilConfig(
            path=self.path,
            name=self.text(council["name"], "council.name"),
            la_code=self.la_number(council["la_code"], "council.la_code"),
            sn_method=self.choice(council.get("sn_method", "mean"), "council.sn_method", SN_METHODS),
            amber_defaults={unit: self.number(v, f"amber.{unit}", 0) for unit, v in amber.items()},
            targets={ind: self.target(ind, body) for ind, body in targets.items()},
            gss_code=gss,
            region=self.text(council["region"], "council.region") if "region" in council else None,
            neighbours=self.neighbours(council["neighbours"]) if "neighbours" in council else None,
            **self.report(self.table(raw.get("report", {}), "report", REPORT_KEYS)),
            timescales=self.timescales(self.table(raw.get("timescales", {}), "timescales", None)),
            comparators={ind: self.comparator(ind, body)
                         for ind, body in self.table(raw.get("comparators", {}), "comparators", None).items()},
        )

    def comparator(self, indicator_id: str, body: object) -> Comparator:
        """England's figure for an indicator without a published benchmark: england, year and source."""
        from careboard.indicators.registry import BY_ID

        key = f"comparators.{indicator_id}"
        self.known_indicator(indicator_id, key)
        if BY_ID[indicator_id].unit == "count":
            raise self.fail(key, "England's count says nothing about one council's: comparators are for "
                                 "shares, rates, averages and days")
        body = self.table(body, key, {"england", "year", "source"})
        for needed, example in (("england", "england = 266"), ("year", 'year = "2021/22"'),
                                ("source", 'source = "Adoption and Special Guardianship Leadership Board"')):
            if needed not in body:
                raise self.fail(f"{key}.{needed}", f"missing: England's figure needs its value, year and source, "
                                                   f"such as {example}")
        if not isinstance(body["year"], str):
            raise self.fail(f"{key}.year", 'financial years are written in quotes, like "2021/22"')
        return Comparator(indicator_id, self.number(body["england"], f"{key}.england"),
                          self.year(body["year"], key), self.text(body["source"], f"{key}.source"))

    def timescales(self, raw: dict) -> Timescales:
        """The council's own amounts for local timescales: support_contact = { amount = 5, unit = "working_days" }."""
        known = timescales()
        local = ", ".join(t.id for t in known.values() if t.local)
        amounts = {}
        for timescale_id, body in raw.items():
            key = f"timescales.{timescale_id}"
            if timescale_id not in known:
                raise self.fail(key, f"careboard has no timescale {timescale_id!r}{did_you_mean(timescale_id, known)}; "
                                     f"a council may set the local ones: {local} (docs/timescales.md)")
            national = known[timescale_id]
            if not national.local:
                raise self.fail(key, f"{national.what} ({national.words()}) is set in law or national guidance "
                                     f"({national.source}), so it cannot be changed per council; a council may set "
                                     f"the local ones: {local}")
            shape = 'needs an amount and a unit, such as { amount = 5, unit = "working_days" }'
            if not isinstance(body, dict):
                raise self.fail(key, shape)
            body = self.table(body, key, {"amount", "unit"})
            if set(body) != {"amount", "unit"}:
                raise self.fail(key, shape)
            amounts[timescale_id] = (self.whole(body["amount"], f"{key}.amount"), self.unit(body["unit"], f"{key}.unit"))
        return Timescales.set_by_council(amounts)

    def whole(self, raw: object, key: str) -> int:
        whole = (isinstance(raw, int) and not isinstance(raw, bool)) or (isinstance(raw, float) and raw.is_integer())
        if not whole or raw < 1:
            raise self.fail(key, f"expected a whole number of at least 1, got {raw!r}")
        return int(raw)

    def unit(self, raw: object, key: str) -> str:
        if raw not in TIMESCALE_UNITS:
            hint = " (dates have no time of day: 48 hours is 2 days)" if str(raw).strip().lower() == "hours" else ""
            raise self.fail(key, f"must be one of {', '.join(repr(u) for u in TIMESCALE_UNITS)}, got {raw!r}"
                                 f"{hint or did_you_mean(str(raw), TIMESCALE_UNITS)}")
        return raw

    def report(self, raw: dict) -> dict:
        """The [report] choice of sections and indicators (each known, listed once) and profile dates."""
        from careboard.indicators.registry import BY_ID, INDICATORS

        known_sections = list(dict.fromkeys(ind.group for ind in INDICATORS))
        sections = self.names(raw, "report.sections", known_sections, "sections") if "sections" in raw else None
        indicators = self.names(raw, "report.indicators", BY_ID, "indicator ids") if "indicators" in raw else None
        for name in indicators or ():
            if sections is not None and BY_ID[name].group not in sections:
                raise self.fail("report.indicators", f"{name!r} is in the section {BY_ID[name].group!r}, which "
                                                     "report.sections leaves out; add the section or remove the id")
        return {"sections": sections, "indicators": indicators,
                "profile_dates": self.choice(raw.get("profile_dates", "snapshots"), "report.profile_dates",
                                             PROFILE_DATES)}

    def names(self, raw: dict, key: str, known, kind: str) -> tuple[str, ...]:
        """A non-empty list of known names, each once; a section matches without regard to case."""
        given = raw[key.split(".")[1]]
        if not isinstance(given, list) or not given or not all(isinstance(g, str) for g in given):
            raise self.fail(key, f"expected a list of {kind} in quotes, such as [{', '.join(repr(k) for k in list(known)[:2])}]")
        by_case = {k.casefold(): k for k in known}
        out = []
        for name in given:
            if name.strip().casefold() not in by_case:
                raise self.fail(key, f"careboard has no {kind[:-1]} {name!r}{did_you_mean(name, known)}; "
                                     f"known: {', '.join(known) if len(known) < 12 else 'careboard indicators lists them'}")
            found = by_case[name.strip().casefold()]
            if found in out:
                raise self.fail(key, f"{found!r} is listed twice")
            out.append(found)
        return tuple(out)

    def la_number(self, raw: object, key: str) -> str:
        code = self.text(str(raw), key)
        if _GSS_CODE.match(code.upper()):
            raise self.fail(key, f"{code} is a GSS code: la_code is the 3-digit DfE LA number (such as '874'); "
                                 "put the GSS code in gss_code")
        if not re.fullmatch(r"\d{3}", code):
            raise self.fail(key, f"must be a 3-digit DfE LA number such as '874', got {code!r}")
        return code

    def neighbours(self, raw: object) -> tuple[str, ...]:
        key = "council.neighbours"
        if not isinstance(raw, list) or not raw:
            raise self.fail(key, "expected a list of DfE LA numbers, such as [\"879\", \"831\"]")
        return tuple(self.la_number(code, f"{key}[{i}]") for i, code in enumerate(raw, start=1))

    def target(self, indicator_id: str, body: object) -> Target:
        key = f"targets.{indicator_id}"
        self.known_indicator(indicator_id, key)
        body = self.table(body, key, {"target", "years", "amber", "polarity"})
        if "target" not in body and "years" not in body:
            raise self.fail(key, "needs 'target' or a [years] table")
        # Every figure is a count, rate, average or percentage: none below 0, no percentage above 100.
        from careboard.indicators.registry import BY_ID

        bounds = (0, 100) if BY_ID[indicator_id].unit == "%" else (0, None)
        default = self.number(body["target"], f"{key}.target", *bounds) if "target" in body else None
        years = self.table(body.get("years", {}), f"{key}.years", None)
        amber = self.number(body["amber"], f"{key}.amber", 0) if "amber" in body else None
        polarity = self.choice(body["polarity"], f"{key}.polarity", POLARITIES) if "polarity" in body else None
        if polarity is None and BY_ID[indicator_id].polarity is None:
            # A figure shown for context has no better direction: a target alone cannot be rated.
            raise self.fail(key, f"{BY_ID[indicator_id].title} is shown for context, with no direction that is "
                                 "good: add polarity = \"high\" or \"low\" to say which way the target is to be met")
        return Target(
            indicator_id=indicator_id,
            default=default,
            by_year={self.year(label, f"{key}.years"): self.number(v, f'{key}.years."{label}"', *bounds)
                     for label, v in years.items()},
            amber=amber,
            polarity=polarity,
        )

    def known_indicator(self, indicator_id: str, key: str) -> None:
        from careboard.indicators.registry import BY_ID

        if not _INDICATOR_ID.match(indicator_id):
            raise self.fail(key, "indicator ids are lower-case snake_case, e.g. placements_3plus_pct"
                                 + did_you_mean(indicator_id.lower().replace("-", "_"), BY_ID))
        if indicator_id not in BY_ID:
            raise self.fail(key, f"careboard has no indicator {indicator_id!r}{did_you_mean(indicator_id, BY_ID)}; "
                                 "careboard indicators lists every id")

    def year(self, label: str, key: str) -> int:
        match = _FINANCIAL_YEAR.match(label)
        if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
            raise self.fail(f'{key}."{label}"', "financial years are written like \"2024/25\"")
        return int(match.group(1)) + 1
