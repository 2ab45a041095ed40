"""The DfE rules as `careboard load` runs them: the validation the command line plugs into
careboard.pipeline.load (see pipeline/validation.py for what a load asks of it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .reference_inputs import Installed, ReferenceInputs, install_reference
from .rules.reference import drop_reference
from .years import not_validated_reason, rule_set_note, validated_on_load


@dataclass(frozen=True)
class DfERules:
    """Every return of a load checked against its year's DfE rules, with `reference` (the URN list,
    postcode lookup and council LA the rules that need them run with)."""

    reference: ReferenceInputs = field(default_factory=ReferenceInputs)

    def notes(self, years: list[int]) -> list[str]:
        old = [y for y in years if not validated_on_load(y)]
        return ([not_validated_reason(old)] if old else []) + [n for y in years if (n := rule_set_note(y)) and y not in old]

    def checks_on_load(self, year: int) -> bool:
        return validated_on_load(year)

    def install(self, con, return_files: list[Path], collection_year: int) -> Installed:
        return install_reference(con, self.reference, return_files, collection_year)

    def drop(self, con) -> None:
        drop_reference(con)

    def run(self, con, snapshot_id: int, years: list[int], available: set[str]):
        from .session import validate_snapshot   # the rules themselves, only when a return is checked

        return validate_snapshot(con, snapshot_id, years, available)
