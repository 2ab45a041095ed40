"""The mistakes in a command or its input that stop it (InputError, said on one line), and the findings
made while reading input files."""

from __future__ import annotations

from dataclasses import dataclass


class InputError(Exception):
    """A file careboard cannot load at all. The load stops and the store is left untouched."""

    def __init__(self, file: str, message: str, line: int | None = None, field: str | None = None):
        self.file, self.line, self.field, self.message = file, line, field, message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file + (f", line {self.line}" if self.line else "")
        what = f"field {self.field}: " if self.field else ""
        return f"{where}: {what}{self.message}"


class NoTable(InputError):
    """A file holding no table careboard reads, nor one like any (a budget workbook, a contacts list): found in a
    return's folder it is set aside with a note; named on its own it is refused."""


@dataclass(frozen=True)
class Finding:
    """A data-quality problem in a file that still loads. Kept with the snapshot."""

    severity: str          # "error" or "warning"
    code: str              # short machine-readable kind, e.g. "bad_date", "extra_columns"
    file: str
    table: str | None
    line: int | None
    field: str | None
    value: str | None
    message: str
    child: str | None = None

    def note(self) -> str:
        """The finding on one line for a person: where, then what."""
        said = self.line and self.message.startswith((f"line {self.line} ", f"row {self.line} "))  # "line 9 is blank"
        return f"{self.file}{f', line {self.line}' if self.line and not said else ''}: {self.message}"
