"""`careboard init`: a council file for one English LA, with every target ready to fill in."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from careboard.errors import InputError
from careboard.published.lookup import find_la
from careboard.whole_files import written

POLARITY_WORDS = {"high": "high is good", "low": "low is good", None: "no good direction: context only"}
UNIT_WORDS = {"%": "percentage", "rate": "rate per 10,000 children", "days": "days", "score": "score"}


def default_file_name(la_name: str) -> Path:
    """'Bristol, City of' -> bristol-city-of.toml in the current folder."""
    slug = "-".join("".join(ch if ch.isalnum() else " " for ch in la_name.casefold()).split())
    return Path(f"{slug or 'council'}.toml")


def write_council_file(published, la: str, out: Path | None, force: bool, made_on: date | None = None) -> Path:
    area = find_la(published, la)
    path = Path(out) if out else default_file_name(area.name)
    if path.exists() and not force:
        raise InputError(str(path), "already exists: careboard init does not overwrite a council file; "
                                    "give another --out, or --force to replace it")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = council_toml(published, area, made_on or date.today(), path)
    with written(path) as part:
        part.write_text(text, encoding="utf-8")
    return path


def timescale_lines() -> list[str]:
    """The [timescales] table, each local timescale commented out at careboard's default."""
    from careboard.timescales import UNITS, timescales

    local = [t for t in timescales().values() if t.local]
    return [
        "# Your council's own standards for the local timescales (docs/timescales.md): each line below is",
        "# careboard's default, one council's published standard; remove the # and change the amount and unit",
        f"# ({', '.join(UNITS)}) to judge by your own. The indicators keep their ids (such as",
        "# support_contact_48h_pct) whatever you set; their titles and the report say your timescale. National",
        "# timescales, set in law or guidance, cannot be changed here.",
        "[timescales]",
        *(f'# {t.id} = {{ amount = {t.amount}, unit = "{t.unit}" }}   # {t.what} ({t.words()})' for t in local),
        "",
    ]


def council_toml(published, area, made_on: date, path: Path) -> str:
    from careboard.indicators.registry import INDICATORS
    from careboard.published.files import SN_FILES

    areas = published.files.areas()
    model = max(SN_FILES)
    group = published.files.neighbours(model).get(area.code) or []
    lines = [
        f"# Council settings for {area.name}, written by careboard init on {made_on.day} {made_on:%B %Y}.",
        "# Fill in the targets your council has agreed, then run:",
        f"#   careboard report --council {path}",
        "# Lines starting with # are comments; remove the # in front of a setting to use it.",
        "",
        "[council]",
        "# Printed on the report: write your council's name as you want it.",
        f"name = {json.dumps(area.name)}",
        "# The DfE LA number: picks your benchmarks, statistical neighbours and population.",
        f'la_code = "{area.code}"',
        "# The ONS code and the region of the same LA (checked against the published figures).",
        f"gss_code = {json.dumps(area.gss_code or '')}",
        f"region = {json.dumps(area.region_name or '')}",
        '# "mean" (as DfE LAIT does) or "median" of the neighbours\' figures.',
        'sn_method = "mean"',
        "",
    ]
    if group:
        lines += [
            f"# Statistical neighbours: the DfE's {model} model, closest first. Edit the list to compare with a",
            "# group of your own, or delete it to follow the DfE's model of each benchmark year.",
            "neighbours = [",
            *(f'    "{code}",  # {areas[code].name if code in areas else "unknown"}' for code in group),
            "]",
            "",
        ]
    sections = list(dict.fromkeys(ind.group for ind in INDICATORS))
    lines += [
        "# What the report shows. Leave these out to show every section and indicator, in careboard's order.",
        "# sections lists the sections to show, in the order to print them; indicators lists the indicators",
        "# (by id, as in the [targets] tables below), in the order to print them within their sections.",
        "# With profile_dates set to \"quarter-ends\" the profile tables' columns are at 30 June, 30 September,",
        "# 31 December and 31 March (and the latest month end) instead of the latest five snapshots' dates.",
        "[report]",
        f"# sections = [{', '.join(json.dumps(name) for name in sections)}]",
        f"# indicators = [{', '.join(json.dumps(ind.id) for ind in INDICATORS[:3])}]",
        '# profile_dates = "quarter-ends"',
        "",
    ]
    lines += timescale_lines()
    lines += [
        "# England's figure for an indicator the DfE's published files do not carry (careboard finds the others",
        "# itself), with the year it is for and where it was published: the report shows it beside yours.",
        "# [comparators.adopter_approval_days]",
        "# england = 266                 # as published",
        '# year = "2021/22"',
        '# source = "Adoption and Special Guardianship Leadership Board"',
        "",
    ]
    lines += [
        "# How far worse than target a value may be and still be amber rather than red, for each kind of",
        "# indicator, in the unit its variance is shown in: \"%\" in percentage points, rate and count in",
        "# percent of the target, days in days, score in score points. Leave a unit out for no amber.",
        "[amber]",
        '# "%" = 2.0',
        "# rate = 5.0",
        "# count = 5.0",
        "# days = 30",
        "# score = 1.0",
        "",
        "# One table per indicator. target applies to every year; [targets.ID.years] can set a year's own",
        '# ("2025/26" = 72.0); amber overrides the tolerance above; polarity = "low" or "high" says which',
        "# way is good where your council reads it differently. An indicator without a target is not rated.",
    ]
    section = None
    for ind in INDICATORS:
        if ind.group != section:
            section = ind.group
            lines += ["", f"# --- {section} " + "-" * max(3, 96 - len(section))]
        unit = f"number of {ind.counts}" if ind.unit == "count" else UNIT_WORDS.get(ind.unit, ind.unit)
        lines += [
            "",
            f"# {ind.title} ({unit}; {POLARITY_WORDS[ind.polarity]})",
            f"# [targets.{ind.id}]",
            "# target = ",
        ]
        if ind.polarity is None:    # a target on a figure shown for context needs a direction to be rated by
            lines += ['# polarity = "low"   # or "high": which way is good, to rate the figure against its target']
    return "\n".join(lines) + "\n"
