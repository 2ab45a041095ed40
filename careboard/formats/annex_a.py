"""Ofsted's Annex A lists 8-11 (children in care, care leavers, adoption, adopters): the child-level
lists a council keeps for an inspection of its children's services, as a workbook with one list per
sheet. Its tables, columns, the headers they are read from and the answers each code is read from are
in ``annex_a.toml``; lists 1-7 are recognised there only to be left aside."""

from __future__ import annotations

from pathlib import Path

from .aliases import AliasedFormat
from .period import ListPeriod

ANNEX_A = AliasedFormat(
    id="annex_a",
    title="Ofsted's Annex A lists",
    short="Annex A",
    spec_file=Path(__file__).with_name("annex_a.toml"),
    period=ListPeriod("the date the lists were taken", months=12),
    docs="docs/formats.md",
)
