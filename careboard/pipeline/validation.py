"""What a load needs from the validation plugged into it (careboard.validate.on_load.DfERules is the
one careboard has). Declared here, below validate, so the pipeline and the store never import the rules."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from ..store.rule_results import Outcome


class InUse(Protocol):
    """The reference data a load's validation runs with (a URN list, a postcode lookup, the council's LA)."""

    available: set[str]           # which reference inputs the rules may count on
    notes: list[str]              # what to tell the user about them

    @property
    def key(self) -> str:
        """What the results depend on beyond the returns, so a later load can reuse them ('' for nothing)."""

    def keep_postcodes_used(self, con, episodes: tuple[str, ...]) -> None:
        """Cut the reference data down to what the `episodes` tables (FROM clauses) use."""


class Validation(Protocol):
    def notes(self, years: list[int]) -> list[str]:
        """What to say before loading returns of `years`: those checked with another year's rules, or not at all."""

    def checks_on_load(self, year: int) -> bool:
        """Whether a load checks a return of `year`."""

    def install(self, con, return_files: list[Path], collection_year: int) -> InUse:
        """Read the reference data into `con`, before the store is touched: a bad file changes nothing."""

    def drop(self, con) -> None:
        """Drop what install made."""

    def run(self, con, snapshot_id: int, years: list[int], available: set[str]) -> Iterable[Outcome]:
        """Check the snapshot's returns of `years`, one outcome per year."""
