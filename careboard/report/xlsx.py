"""The report's scorecard and tables as an Excel workbook, for analysts who take the figures further.

Sheets: Scorecard (one row per indicator, in the report's order, with its benchmarks and the service's
commentary), Trend (each indicator at each month end), one sheet per profile table, and Notes (the
report's notes and glossary). Numbers are numbers, the figures the report prints (rounded half-up to the
same decimals, as the RAG rating was judged on them), dates are dates; a figure withheld in the public
version is the text "c", as in the report, and a figure that does not exist is an empty cell. The
words (RAG, change, period) come from the HTML's own view (careboard.report.view), so they read the same.
"""

from __future__ import annotations

import re
from pathlib import Path

from careboard.report.formatting import SUPPRESSED, WHOLE_UNITS, signed_places
from careboard.results import Panel, Report
from careboard.rounding import round_half_up
from careboard.safe_cells import SHEET_NAME_MOST

BENCHMARK_LABELS = ("Local Authority", "Stat Neighbours", "Region", "England")
SCORECARD_COLUMNS = (
    # (header, width)
    ("Indicator id", 24), ("Indicator", 62), ("Section", 20), ("Period", 18), ("From", 11), ("To", 11),
    ("Value", 10), ("Unit", 7), ("Numerator", 11), ("Denominator", 12), ("Target", 9), ("Variance", 10),
    ("Variance unit", 9), ("Previous", 10), ("Previous is", 15), ("Change", 13), ("RAG", 10),
    ("Direction", 13), ("Benchmark year", 10), *((label, 12) for label in BENCHMARK_LABELS),
    ("Benchmark notes", 40), ("Commentary", 60), ("Data quality", 40),
)
SCORECARD_WIDTHS = dict(SCORECARD_COLUMNS)
HEADER_HEIGHT = 30      # points: two lines of header
LINE_HEIGHT = 15        # points per line of wrapped text
NOTES_WIDTH = 110       # characters: the Notes sheet's text column
RAG_FILLS = {"rag-red": "#f4c7c3", "rag-amber": "#fce8b2", "rag-green": "#b7e1cd"}
SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def render_xlsx(report: Report, path: Path) -> Path:
    """Write the workbook to ``path`` (parent folders created) and return the path."""
    from careboard.report.view import build
    from careboard.safe_cells import close_workbook, workbook
    from careboard.whole_files import written

    view = build(report)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with written(path) as part:
        book = workbook(part)
        formats = _Formats(book)
        ordered = in_report_order(report, view)
        _scorecard(book.add_worksheet("Scorecard"), ordered, formats)
        _trend(book.add_worksheet("Trend"), [panel for panel, _ in ordered], formats)
        names = {"scorecard", "trend", "notes"}
        for table, shown in zip(report.profiles, view["profiles"]):
            _profile(book.add_worksheet(sheet_name(table.title, names)), table, shown, formats)
        for summary in report.tables:
            _summary(book.add_worksheet(sheet_name(summary.sheet or summary.title, names)), summary, formats)
        _notes(book.add_worksheet("Notes"), report, view, formats)
        close_workbook(book)
    return path


def sheet_name(title: str, taken: set[str]) -> str:
    """An Excel sheet name for ``title``: no [ ] : * ? / \\, at most 31 characters (cut after a whole word:
    'Unaccompanied asylum-seeking children' is 'Unaccompanied asylum-seeking'), not already taken."""
    base = SHEET_NAME_BAD.sub("-", title).strip("' ")
    if len(base) > SHEET_NAME_MOST:
        cut = base[:SHEET_NAME_MOST + 1]
        base = (cut.rsplit(" ", 1)[0] if " " in cut else base[:SHEET_NAME_MOST]).rstrip(" -'")
    base = base or "Table"
    name, n = base, 1
    while name.casefold() in taken:
        n += 1
        name = f"{base[:SHEET_NAME_MOST - len(str(n)) - 1]} {n}"
    taken.add(name.casefold())
    return name


def in_report_order(report: Report, view: dict) -> list[tuple[Panel, object]]:
    """Each panel with its view, in the order the report prints them (grouped by section)."""
    by_view = {id(shown): panel for panel, shown in zip(report.panels, view["panels"])}
    return [(by_view[id(shown)], shown) for section in view["sections"] for shown in section["panels"]]


class _Formats:
    def __init__(self, book):
        self.book = book
        self.head = book.add_format({"bold": True, "bg_color": "#12365e", "font_color": "#ffffff",
                                     "text_wrap": True, "valign": "top", "border": 1})
        self.day = book.add_format({"num_format": "dd/mm/yyyy"})
        self.text = book.add_format({"valign": "top"})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.bold = book.add_format({"bold": True})
        self.right = book.add_format({"align": "right"})
        self.head_month = book.add_format({"num_format": "mmm yyyy", "bold": True, "bg_color": "#12365e",
                                           "font_color": "#ffffff", "border": 1})
        self.rag = {css: book.add_format({"bg_color": colour}) for css, colour in RAG_FILLS.items()}
        self._numbers: dict[tuple[int, bool], object] = {}

    def number(self, decimals: int, bold: bool = False):
        """A number shown to ``decimals`` places, with thousands separators."""
        key = (decimals, bold)
        if key not in self._numbers:
            pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
            self._numbers[key] = self.book.add_format({"num_format": pattern, "bold": bold})
        return self._numbers[key]


def _lines(text: str, width: int) -> int:
    """Lines ``text`` takes in a column ``width`` characters wide (roughly: spreadsheets measure in pixels)."""
    return sum(max(1, -(-len(paragraph) // max(width - 2, 1))) for paragraph in text.split("\n")) if text else 1


def _header(sheet, columns, formats: _Formats, freeze_columns: int = 1) -> None:
    for col, (title, width) in enumerate(columns):
        sheet.write_string(0, col, title, formats.head)
        sheet.set_column(col, col, width)
    sheet.freeze_panes(1, freeze_columns)
    sheet.set_row(0, HEADER_HEIGHT)
    # printed: A4 landscape, one page wide, the header row on every page
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)


def _figure(sheet, row: int, col: int, number: float | None, withheld: bool, places: int, formats: _Formats,
            bold: bool = False) -> None:
    """A figure as the number the report prints (rounded half-up to ``places``), "c" when withheld, or an
    empty cell when there is none."""
    if withheld:
        sheet.write_string(row, col, SUPPRESSED, formats.right)
    elif number is None:
        sheet.write_blank(row, col, None)
    else:
        sheet.write_number(row, col, float(round_half_up(number, places)), formats.number(places, bold))


def _decimals(panel: Panel) -> int:
    return 0 if panel.unit in WHOLE_UNITS else panel.decimals


def _scorecard(sheet, ordered: list[tuple[Panel, object]], formats: _Formats) -> None:
    _header(sheet, SCORECARD_COLUMNS, formats, freeze_columns=2)
    for row, (panel, shown) in enumerate(ordered, start=1):
        current, assessment = panel.current, panel.assessment
        figure = _decimals(panel)
        count = 1 if panel.unit == "score" else 0   # a score's numerator is a sum of scores
        for col, text in ((0, panel.indicator_id), (1, panel.title), (2, panel.section), (3, panel.period)):
            sheet.write_string(row, col, text, formats.text)
        for col, day in ((4, current.period_start), (5, current.period_end)):
            if day is not None:
                sheet.write_datetime(row, col, day, formats.day)
        _figure(sheet, row, 6, current.value, "value" in current.suppressed, figure, formats)
        sheet.write_string(row, 7, panel.unit)
        _figure(sheet, row, 8, current.numerator, "numerator" in current.suppressed, count, formats)
        _figure(sheet, row, 9, current.denominator, "denominator" in current.suppressed, count, formats)
        _figure(sheet, row, 10, assessment.target, False, figure, formats)
        if assessment.variance is not None:
            _figure(sheet, row, 11, assessment.variance, False,
                    signed_places(assessment.variance_unit, panel.unit, panel.decimals), formats)
        elif "variance" in assessment.suppressed:
            _figure(sheet, row, 11, None, True, 0, formats)
        if assessment.variance is not None or "variance" in assessment.suppressed:
            sheet.write_string(row, 12, assessment.variance_unit)
        _figure(sheet, row, 13, assessment.previous, "previous" in assessment.suppressed, figure, formats)
        sheet.write_string(row, 14, panel.compared_with)
        change = f"{shown.change.symbol} {shown.change.word}".strip()
        sheet.write_string(row, 15, change)
        sheet.write_string(row, 16, shown.rag.word, formats.rag.get(shown.rag.css, formats.text))
        sheet.write_string(row, 17, shown.polarity)
        by_label = {b.label: b for b in panel.benchmarks}
        if panel.benchmarks:
            sheet.write_string(row, 18, panel.benchmarks[0].period_label)
        for col, label in enumerate(BENCHMARK_LABELS, start=19):
            bench = by_label.get(label)
            _figure(sheet, row, col, bench.value if bench else None, False, figure, formats)
        # why a benchmark is blank (suppressed, not applicable ...) and what a neighbours' figure is a mean of
        notes = "; ".join(f"{b.label}: {b.note}" for b in panel.benchmarks if b.note)
        sheet.write_string(row, 23, notes, formats.wrap)
        commentary = "\n\n".join(shown.commentary)
        sheet.write_string(row, 24, commentary, formats.wrap)
        sheet.write_string(row, 25, shown.dq_note, formats.wrap)
        lines = max(_lines(text, SCORECARD_WIDTHS[column]) for text, column in (
            (notes, "Benchmark notes"), (commentary, "Commentary"), (shown.dq_note, "Data quality")))
        if lines > 1:   # spreadsheets do not grow a row to fit wrapped text written by a program
            sheet.set_row(row, LINE_HEIGHT * lines)
    sheet.autofilter(0, 0, max(len(ordered), 1), len(SCORECARD_COLUMNS) - 1)


def _trend(sheet, panels: list[Panel], formats: _Formats) -> None:
    """Each indicator's twelve month ends, as the report's charts show them."""
    months = sorted({point.as_at for panel in panels for point in panel.trend})
    _header(sheet, [("Indicator id", 24), ("Indicator", 48), ("Unit", 7)]
            + [(f"{m:%d/%m/%Y}", 11) for m in months], formats, freeze_columns=2)
    for col, month in enumerate(months, start=3):   # real dates in the header, for charts and lookups
        sheet.write_datetime(0, col, month, formats.head_month)
    for row, panel in enumerate(panels, start=1):
        sheet.write_string(row, 0, panel.indicator_id)
        sheet.write_string(row, 1, panel.title)
        sheet.write_string(row, 2, panel.unit)
        figure = _decimals(panel)
        for point in panel.trend:
            _figure(sheet, row, 3 + months.index(point.as_at), point.value, "value" in point.suppressed, figure,
                    formats)


def _profile(sheet, table, shown, formats: _Formats) -> None:
    """One profile table: counts at each date (real dates in the header) and the change column."""
    columns = [(table.title, 34)] + [(label, 11) for label in shown.dates] + (
        [("Change", 9)] if shown.has_change else [])
    _header(sheet, columns, formats)
    for col, day in enumerate(table.dates, start=1):
        sheet.write_datetime(0, col, day, formats.head_month)
    last = len(table.dates) - 1
    for index, (label, counts, is_subtotal) in enumerate(table.rows):
        row = index + 1
        indent = "    " if shown.rows[index]["grouped"] else ""
        sheet.write_string(row, 0, indent + label, formats.bold if is_subtotal else formats.text)
        hidden = [(index, column) in table.suppressed for column in range(len(counts))]
        for col, (count, hide) in enumerate(zip(counts, hidden), start=1):
            _figure(sheet, row, col, count, hide, 0, formats, bold=is_subtotal)
        if shown.has_change:
            withheld = hidden[last] or hidden[last - 1]
            change = None if withheld or None in (counts[last], counts[last - 1]) else counts[last] - counts[last - 1]
            _figure(sheet, row, last + 2, change, withheld, 0, formats, bold=is_subtotal)


# Places a breakdown table's column is shown to, by its kind (as in the report).
_SUMMARY_PLACES = {"count": 0, "%": 1, "mean": 0}


def _summary(sheet, table, formats: _Formats) -> None:
    """One breakdown table: its groups down the side, counts and the percentages and averages worked out."""
    _header(sheet, [(table.headings[0], 34)] + [(h, 14) for h in table.headings[1:]], formats)
    for r, row in enumerate(table.rows):
        sheet.write_string(r + 1, 0, row[0], formats.text)
        for c, (cell, kind) in enumerate(zip(row[1:], table.kinds), start=1):
            _figure(sheet, r + 1, c, cell, (r, c) in table.suppressed, _SUMMARY_PLACES[kind], formats)
    sheet.write_string(len(table.rows) + 2, 0, table.description, formats.text)


def _notes(sheet, report: Report, view: dict, formats: _Formats) -> None:
    """The report's own notes and glossary, so the workbook can be read without the report."""
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, NOTES_WIDTH)
    lines = [("Council", view["council"]), ("Position at", view["as_at"]), ("Generated", view["generated"])]
    if view["public"]:
        lines.append(("Version", "Public: small numbers suppressed"))
    if view["council_note"]:
        lines.append(("Council settings", view["council_note"]))
    if view["data_note"]:
        lines.append(("Data", view["data_note"]))
    if view["profile_note"]:
        lines.append(("Profile tables", view["profile_note"]))
    lines += [(f"Note {n}", note) for n, note in enumerate(view["footnotes"], start=1)]
    if view["glossary"]:
        lines += [("Glossary", ""), *((item.term, item.meaning) for item in view["glossary"])]
    for row, (term, text) in enumerate(lines):
        sheet.write_string(row, 0, term, formats.bold)
        sheet.write_string(row, 1, text, formats.wrap)
        if _lines(text, NOTES_WIDTH) > 1:
            sheet.set_row(row, LINE_HEIGHT * _lines(text, NOTES_WIDTH))
