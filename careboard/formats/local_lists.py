"""Councils' local lists: fostering households and applications, connected carers' temporary approvals,
private fostering notifications, adoption and special guardianship support requests, and a log of each
child's visits, health checks, PEPs, pathway plans and return interviews. Each is a list exported on a
day, covering the year before it; their columns, codes and required cells are in ``local_lists.toml``."""

from __future__ import annotations

from pathlib import Path

from .format import Format
from .period import ListPeriod

LOCAL_LISTS = Format(
    id="local_lists",
    title="the council's local lists",
    short="local list",
    spec_file=Path(__file__).with_name("local_lists.toml"),
    period=ListPeriod("the date the list was taken", months=12),
    docs="docs/local-lists.md",
)
