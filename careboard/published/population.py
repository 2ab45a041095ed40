"""ONS mid-year estimates of children aged 0-17, the denominator of every rate per 10,000."""

from __future__ import annotations

from dataclasses import dataclass

from careboard.published.files import Series


@dataclass(frozen=True)
class PopulationEstimate:
    value: int | None
    mid_year: int | None        # the estimate actually used
    note: str = ""              # why it is not the DfE-rule estimate, or why there is none


def population_at(series: Series, area: str, mid_year: int) -> int | None:
    figure = series.get((mid_year, area))
    return None if figure is None or figure.value is None else int(figure.value)


def population_for_year_ending(series: Series, area: str, year_ending_march: int) -> PopulationEstimate:
    """DfE rule: the year ending 31 March Y uses the mid-(Y-1) estimate.

    When that estimate is not published yet (a current-year monthly report), the latest earlier
    estimate stands in and the note says so. Gaps in the middle of the series are not filled.
    """
    wanted = year_ending_march - 1
    figure = series.get((wanted, area))
    if figure is not None:
        if figure.value is None:
            return PopulationEstimate(None, wanted, f"mid-{wanted} estimate {figure.reason}")
        return PopulationEstimate(int(figure.value), wanted)
    years = sorted(year for year, key in series if key == area)
    if not years:
        return PopulationEstimate(None, None, f"no population estimate for area {area}")
    latest = years[-1]
    if latest > wanted:
        return PopulationEstimate(None, None, f"no mid-{wanted} estimate for area {area}")
    figure = series[(latest, area)]
    if figure.value is None:
        return PopulationEstimate(None, latest, f"mid-{latest} estimate {figure.reason}")
    return PopulationEstimate(
        int(figure.value), latest, f"mid-{wanted} estimate not published; used mid-{latest}"
    )
