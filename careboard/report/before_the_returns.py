"""The report's months before the SSDA903 returns loaded begin: no figure drawn from them is shown there.

A return holds the children looked after during its year. Loaded alone, the 2025/26 return knows nothing of a
child who left care before April 2025: the trend's December 2024 would show fewer children in care than there
were, and no one leaving. Those months have no value, and the front page says so; a figure over 12 months
reaching back before the returns begin is shown, and said to count only what they hold.
"""

from __future__ import annotations

from datetime import date

from ..formats import registry as formats
from ..indicators import calculate
from ..indicators.base import Indicator
from ..indicators.periods import period_for
from ..results import Value


def from_the_return(indicators) -> list[Indicator]:
    """The indicators drawn from the SSDA903 return (those reading any of its tables)."""
    return [ind for ind in indicators
            if any(formats.format_of(t) is formats.SSDA903 for t in calculate.input_tables(ind.sql))]


def reaching_back(indicators, as_at: date, data_from: date) -> list[Indicator]:
    """The figures over 12 months (or 3 years) drawn from the return whose period at `as_at` begins before
    `data_from`, the first day of the first return loaded: they count only what happened since."""
    return [ind for ind in from_the_return(indicators) if ind.window in ("12m", "36m")
            and period_for(ind.window, as_at).start < data_from]


def before_the_returns(data_from: date, dates: list[date], indicators: tuple[Indicator, ...],
                       series: dict[str, dict[date, Value]]) -> str:
    """Blank in `series` each point before `data_from` (the first day of the first return loaded) of a figure
    drawn from the return; return what the front page says of it ('' when nothing)."""
    from_return = from_the_return(indicators)
    blanked = False
    for ind in from_return:
        for d in dates:
            if d < data_from and series[ind.id][d].value is not None:
                series[ind.id][d] = series[ind.id][d].without_figure()
                blanked = True
    # the latest month's figures over 12 months (or 3 years) reaching back before the returns begin
    reaching = bool(reaching_back(from_return, dates[-1], data_from))
    start = f"{data_from:%B %Y}".replace(" 0", " ")
    said = []
    if blanked:
        said.append(f"The months before {start}, when the children-in-care returns loaded begin, show no figure "
                    "drawn from them: a return holds only the children looked after in its year. Load the earlier "
                    "years' returns to see those months.")
    if reaching:
        said.append(f"Figures over 12 months (or 3 years) that reach back before {start} count only what the "
                    "returns loaded hold from then.")
    return " ".join(said)
