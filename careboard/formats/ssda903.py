"""The SSDA903 return: the DfE's child-level collection of children looked after, one return per
collection year. Its tables, columns, keys, field types and XML form are in ``ssda903.toml``."""

from __future__ import annotations

from pathlib import Path

from .format import Format
from .period import YearlyPeriod

SSDA903 = Format(
    id="ssda903",
    title="the SSDA903 return",
    short="SSDA903",
    spec_file=Path(__file__).with_name("ssda903.toml"),
    period=YearlyPeriod("collection year", first_month=4),
    docs="docs/formats.md",
)
