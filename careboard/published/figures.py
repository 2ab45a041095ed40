"""One published number, or the reason there is none.

DfE and LAIT files mix numbers with symbols in the same column; a report must show the reason
("suppressed", "not applicable") rather than a blank, so every cell keeps its symbol.
"""

from __future__ import annotations

from functools import lru_cache

from dataclasses import dataclass

# EES symbols (explore-education-statistics conventions) and LAIT's missing markers.
SYMBOL_REASONS = {
    "c": "suppressed",
    "z": "not applicable",
    "x": "not available",
    "k": "under 0.5%",
    "u": "low reliability",
    "-": "missing",
    "..": "missing",
}

NOT_PUBLISHED = "not published"


@dataclass(frozen=True)
class Figure:
    """A published value; ``value`` is None when ``symbol`` says why."""

    value: float | None
    symbol: str | None = None

    @property
    def reason(self) -> str:
        """Words for a missing value ("" when there is a value)."""
        if self.value is not None:
            return ""
        if self.symbol is None:
            return NOT_PUBLISHED
        return SYMBOL_REASONS.get(self.symbol, f"unrecognised value {self.symbol!r}")


MISSING = Figure(None, None)


# Labels and values repeat thousands of times in one file: parse each distinct text once.
@lru_cache(maxsize=65536)
def parse_figure(text: str | None) -> Figure:
    """Read one cell of a published file: a number, or a symbol kept for its reason."""
    if text is None:
        return MISSING
    text = text.strip()
    if not text:
        return MISSING
    try:
        number = float(text)
    except ValueError:
        return Figure(None, text)
    # LAIT stores values such as 9.3699999999999992; 12 significant digits removes the artefact
    # without touching any real published precision.
    return Figure(float(f"{number:.12g}"))
