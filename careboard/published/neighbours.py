"""Statistical-neighbour model choice and the neighbours' aggregate (benchmarks.md §6)."""

from __future__ import annotations

from statistics import mean, median

from careboard.published.figures import Figure

SN_METHODS = ("mean", "median")


def sn_model_for_year(year_ending: int) -> int:
    """The SN model valid when the figures for that year were published.

    DfE moved LAIT to the May 2025 model; earlier years use the April 2021 model, the oldest supplied.
    """
    return 2025 if year_ending >= 2025 else 2021


def aggregate_neighbours(figures: list[Figure], method: str) -> tuple[float | None, str]:
    """(mean or median of the neighbours' published values, note such as "mean of 9 of 10").

    Missing values are ignored, as LAIT does; the note keeps the count so a thin average is visible.
    """
    if method not in SN_METHODS:
        raise ValueError(f"sn_method must be one of {', '.join(SN_METHODS)}, got {method!r}")
    values = [f.value for f in figures if f.value is not None]
    if not values:
        return None, f"no neighbour data (0 of {len(figures)})"
    combine = mean if method == "mean" else median
    return combine(values), f"{method} of {len(values)} of {len(figures)}"
