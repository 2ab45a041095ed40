"""Published DfE/ONS figures for one benchmarks folder: populations and benchmark rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from careboard.dates import year_ending, year_label
from careboard.published.areas import ENGLAND, normalise_la_code
from careboard.published.figures import MISSING, Figure
from careboard.published.files import CLA_FILE, LAIT_FILE, ONS_PREFIX, SN_FILES, Area, PublishedFiles, Series, find_file
from careboard.published.measures import EesSource, LaitSource, Measure, load_measures
from careboard.published.neighbours import aggregate_neighbours, sn_model_for_year
from careboard.published.population import PopulationEstimate, population_at, population_for_year_ending
from careboard.results import BenchmarkRow

NOT_LOADED = "Benchmarks are not loaded."


class PublishedDataError(Exception):
    """The benchmarks folder is missing or incomplete."""


def required_files(measures: dict[str, Measure]) -> list[str]:
    """Names (EES files without ".csv", the ONS file by its prefix) for find_file."""
    ees = {m.ees.file for m in measures.values() if m.ees} | {CLA_FILE, ONS_PREFIX}
    return sorted(ees) + [LAIT_FILE, *SN_FILES.values()]


def load_published(folder: Path) -> Published:
    """Check the folder holds every file careboard reads; the files themselves are read on first use."""
    folder = Path(folder)
    if not folder.is_dir():
        raise PublishedDataError(f"{folder}: benchmarks folder not found")
    measures = load_measures()
    missing = [name for name in required_files(measures) if find_file(folder, name) is None]
    if missing:
        shown = [name if "." in name else f"{name}{'*' if name == ONS_PREFIX else ''}.csv" for name in missing]
        raise PublishedDataError(f"{folder}: missing published file(s): {', '.join(shown)}")
    return Published(PublishedFiles(folder), measures)


def load_published_or_note(folder: Path | None) -> tuple[Published | None, str]:
    """For reports: the loaded figures, or None and the sentence to print instead."""
    if folder is None:
        return None, NOT_LOADED
    try:
        return load_published(folder), ""
    except PublishedDataError as exc:
        return None, f"{NOT_LOADED} {exc}"


@dataclass(frozen=True)
class _Choice:
    source: EesSource | LaitSource
    series: Series
    year: int | None


class Published:
    def __init__(self, files: PublishedFiles, measures: dict[str, Measure]):
        self.files = files
        self.measures = measures
        self._series: dict[tuple[str, str], Series] = {}

    # --- areas ----------------------------------------------------------------------------

    def la_codes(self, current_only: bool = True) -> list[str]:
        """DfE LA numbers; with current_only=False also former LAs such as Cumbria (909)."""
        return sorted(code for code, area in self.files.areas().items() if area.current or not current_only)

    def la_name(self, la_code: str) -> str:
        return self._area(la_code).name

    def _area(self, la_code: str) -> Area:
        code = normalise_la_code(la_code)
        try:
            return self.files.areas()[code]
        except KeyError:
            raise KeyError(f"LA {code} is not in the published files") from None

    # --- population -------------------------------------------------------------------------

    def population(self, la_code: str, mid_year: int) -> int | None:
        """ONS mid-year estimate of children aged 0-17 (la_code may also be a region or England code)."""
        return population_at(self.files.population(), _area_key(la_code), mid_year)

    def population_for_year_ending(self, la_code: str, year_ending_march: int) -> PopulationEstimate:
        return population_for_year_ending(self.files.population(), _area_key(la_code), year_ending_march)

    def population_for_rates(self, la_code: str, as_at: date) -> int | None:
        """The 0-17 population a rate per 10,000 at `as_at` divides by: the estimate for its collection year;
        None when the LA is not in the published files."""
        try:
            return self.population_for_year_ending(la_code, year_ending(as_at)).value
        except KeyError:
            return None

    # --- published values -------------------------------------------------------------------

    def indicator_ids(self) -> list[str]:
        return sorted(self.measures)

    def years(self, indicator_id: str) -> list[int]:
        """Every year ending March with a published figure, from any source."""
        return sorted({year for kind, _ in self._sources(indicator_id) for year, _ in self._load(indicator_id, kind)})

    def figure(self, indicator_id: str, area_code: str, year_ending: int, source: str | None = None) -> Figure:
        """The published figure for an LA, region code or England.

        ``source`` ("ees" or "lait") reads that source; by default the preferred one for the year.
        """
        if source is None:
            series = self._choose(indicator_id, year_ending).series
        elif source in {kind for kind, _ in self._sources(indicator_id)}:
            series = self._load(indicator_id, source)
        else:
            raise KeyError(f"indicator {indicator_id!r} has no {source!r} source in measures.toml")
        return series.get((year_ending, _area_key(area_code)), MISSING)

    def benchmark_source(self, indicator_id: str, year_ending: int | None = None) -> str:
        """One line naming the file or measure behind the rows, for the report footnote."""
        choice = self._choose(indicator_id, year_ending)
        if isinstance(choice.source, EesSource):
            text = f"DfE Children looked after in England, EES file {choice.source.file}"
        else:
            text = f"DfE LAIT measure {choice.source.short_desc}"
        if choice.year is not None:
            text += f", year ending 31 March {choice.year}"
        note = self.measures[indicator_id].note
        return f"{text}. {note}" if note else f"{text}."

    def benchmark_year(self, indicator_id: str, position_year: int) -> int | None:
        """The year to compare a position in the year ending March `position_year` with: the latest
        published year up to it, else (a position older than every published figure) the earliest."""
        years = self.years(indicator_id)
        if not years:
            return None
        earlier = [y for y in years if y <= position_year]
        return earlier[-1] if earlier else years[0]

    def benchmark_rows(
        self, indicator_id: str, la_code: str, year_ending: int | None = None, sn_method: str = "mean",
        neighbours: tuple[str, ...] | None = None,
    ) -> list[BenchmarkRow]:
        """Local Authority, Stat Neighbours, Region and England for one year (default: the latest).

        `neighbours` is the council's own comparator group; by default the DfE model of that year's."""
        area = self._area(la_code)
        choice = self._choose(indicator_id, year_ending)
        if choice.year is None:
            label = year_label(year_ending) if year_ending else ""
            return [BenchmarkRow(title, label, None, "not published", year_ending) for title in _ROW_LABELS]
        year, series = choice.year, choice.series
        label = year_label(year)

        def row(title: str, key: str | None, name: str) -> BenchmarkRow:
            figure = series.get((year, key), MISSING) if key else MISSING
            note = name if figure.value is not None else ": ".join(filter(None, [name, figure.reason]))
            return BenchmarkRow(title, label, figure.value, note, year)

        model = sn_model_for_year(year)
        group = self.files.neighbours(model).get(area.code)
        source = f"{model} SN model"
        if neighbours is not None and list(neighbours) != group:
            group, source = list(neighbours), "the council file's neighbours"
        if group is None:
            sn_row = BenchmarkRow("Stat Neighbours", label, None, f"no neighbours in the {model} SN model", year)
        else:
            value, note = aggregate_neighbours([series.get((year, code), MISSING) for code in group], sn_method)
            sn_row = BenchmarkRow("Stat Neighbours", label, value, f"{note} ({source})", year)
        return [
            row("Local Authority", area.code, area.name),
            sn_row,
            row("Region", area.region_code, area.region_name or ""),
            row("England", ENGLAND, ""),
        ]

    # --- source choice ----------------------------------------------------------------------

    def _sources(self, indicator_id: str) -> list[tuple[str, EesSource | LaitSource]]:
        try:
            measure = self.measures[indicator_id]
        except KeyError:
            raise KeyError(f"no published measure is mapped for indicator {indicator_id!r}") from None
        return [(kind, src) for kind, src in (("ees", measure.ees), ("lait", measure.lait)) if src is not None]

    def _choose(self, indicator_id: str, year_ending: int | None) -> _Choice:
        """EES when it has the year, else LAIT; with no year, the latest year either source has."""
        sources = self._sources(indicator_id)
        year = year_ending
        if year is None:
            years = self.years(indicator_id)
            year = years[-1] if years else None
        for kind, source in sources:
            series = self._load(indicator_id, kind)
            if any(y == year for y, _ in series):
                return _Choice(source, series, year)
        kind, source = sources[0]
        return _Choice(source, self._load(indicator_id, kind), None)

    def _load(self, indicator_id: str, kind: str) -> Series:
        key = (indicator_id, kind)
        if key not in self._series:
            measure = self.measures[indicator_id]
            if kind == "ees":
                self._series[key] = self.files.ees_series(measure.ees)
            else:
                series = self.files.lait_series(measure.lait.short_desc)
                if measure.lait.transform == "complement":
                    series = {k: Figure(100 - f.value) if f.value is not None else f for k, f in series.items()}
                self._series[key] = series
        return self._series[key]


_ROW_LABELS = ("Local Authority", "Stat Neighbours", "Region", "England")


def _area_key(code: str) -> str:
    """An ONS region/England code as given, otherwise a DfE LA number."""
    text = str(code).strip()
    if len(text) == 9 and text[0] == "E" and text[1:].isdigit():
        return text
    return normalise_la_code(text)
