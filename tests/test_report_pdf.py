"""The committee report as a PDF (ReportLab), for the hand-made fixture report (tests/report_fixture.py).

The PDF must print exactly what the HTML prints, so most tests read the ReportLab story back as text
and compare it with the HTML's own tables and paragraphs; a few figures are also checked against values
worked out by hand, and the written file is read back with pdftotext for pages, headers and footers.
"""

import re
import shutil
import subprocess
from dataclasses import replace
from html import unescape

import pytest
from reportlab.graphics.shapes import Circle, Drawing, Group, Path, String
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

import careboard.report.pdf_style as pdf_style
import tests.report_fixture as fx
from careboard.report import render_pdf, suppress
from careboard.report.charts import TrendSeries, trend_svg
from careboard.report.html import report_html
from careboard.report.pdf import report_story
from careboard.report.pdf_chart import chart_drawing
from careboard.report.pdf_parts import Band, Card, Chip, Mark, Stack, ValueBox
from tests.report_reading import paragraphs, pdf_page_count, tables

REPORTS = {"full": fx.report, "public": lambda: suppress(fx.report())}
TITLES = [fx.rate_panel().title, fx.stability_panel().title, fx.missing_panel().title, fx.adoption_panel().title]
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")


# ---- reading the story back -------------------------------------------------------------------------

def text(item) -> str:
    """What a story piece prints, whitespace collapsed."""
    if isinstance(item, str):
        words = item
    elif isinstance(item, Paragraph):
        words = item.getPlainText()
    elif isinstance(item, Chip):
        words = item.word
    elif isinstance(item, Mark):
        words = f"{item.symbol} {item.word}"
    elif isinstance(item, ValueBox):
        words = f"{item.value} {item.chip.word}"
    elif isinstance(item, (list, tuple)):
        words = " ".join(text(part) for part in item)
    else:
        raise TypeError(f"no text for {type(item).__name__}")
    return " ".join(words.split())


def walk(items):
    """Every flowable in story order, looking inside cards, bands, kept-together groups and table cells."""
    for item in items:
        yield item
        if isinstance(item, Stack):
            yield from walk(item.parts)
        elif isinstance(item, KeepTogether):
            yield from walk(item._content)
        elif isinstance(item, Table):
            yield from walk(cell for row in item._cellvalues for cells in row
                            for cell in (cells if isinstance(cells, list) else [cells])
                            if isinstance(cell, Flowable))


def pdf_tables(story, first_header: str) -> list[list[list[str]]]:
    """Rows of cell text of every table whose first cell reads ``first_header``."""
    found = []
    for item in walk(story):
        first = item._cellvalues[0][0] if isinstance(item, Table) else None
        if isinstance(first, (str, Paragraph)) and text(first) == first_header:
            found.append([_spanned([text(cell) for cell in row]) for row in item._cellvalues])
    return found


def _spanned(row: list[str]) -> list[str]:
    """A row with text in its first cell only is one cell across the table (a section row)."""
    return row[:1] if len(row) > 1 and not any(row[1:]) else row


def pdf_paragraphs(story) -> list[str]:
    return [text(item) for item in walk(story) if isinstance(item, Paragraph)]


@pytest.fixture(scope="module", params=list(REPORTS))
def pair(request):
    """(story, html) of one version of the fixture report."""
    report = REPORTS[request.param]()
    return report_story(report), report_html(report)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """The fixture report written as PDF, full and public, with the text of each page."""
    folder = tmp_path_factory.mktemp("pdf")
    out = {}
    for name, make in REPORTS.items():
        path = render_pdf(make(), folder / name / "report.pdf")
        out[name] = (path, _page_texts(path) if shutil.which("pdftotext") else None)
    return out


def _page_texts(path) -> list[str]:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return result.stdout.decode("utf-8").split("\f")[:-1]


# ---- the PDF prints what the HTML prints ------------------------------------------------------------

# (HTML table class, the PDF table's first header cell); facts tables have no header and start at "Target"
TABLE_KINDS = [("scorecard-table", "Indicator"), ("facts", "Target"), ("benchmarks", "Comparator"),
               ("profile", "Age"), ("profile", "Ethnicity")]


@pytest.mark.parametrize("css, first", TABLE_KINDS)
def test_tables_match_the_html(pair, css, first):
    story, html = pair
    expected = [[_spanned(row) for row in rows] for rows in tables(html, css) if rows[0][0] == first]
    assert expected, f"the HTML has no {css} table starting {first!r}"
    assert pdf_tables(story, first) == expected


def _band_paragraphs(story, background: str) -> list[str]:
    """Paragraphs of the tinted bands of this colour inside the panels."""
    bands = [part for card in walk(story) if isinstance(card, Card)
             for part in card.parts if isinstance(part, Band) and part.background == background]
    return [text(part) for band in bands for part in band.parts if isinstance(part, Paragraph)]


# each kind of panel paragraph: how the HTML marks it, how to find it in the PDF story
PARAGRAPH_KINDS = {
    "sentence": lambda story: _band_paragraphs(story, pdf_style.LIGHT),
    "dq-note": lambda story: _band_paragraphs(story, pdf_style.DQ_BACKGROUND),
    "definition": lambda story: [p for p in pdf_paragraphs(story) if p.startswith("Definition:")],
}


@pytest.mark.parametrize("css", list(PARAGRAPH_KINDS))
def test_panel_paragraphs_match_the_html(pair, css):
    story, html = pair
    expected = paragraphs(html, css)
    assert expected and PARAGRAPH_KINDS[css](story) == expected


def test_notes_match_the_html(pair):
    story, html = pair
    block = html[html.index('class="footnotes"'):]
    notes = [" ".join(unescape(re.sub(r"<[^>]+>", "", item)).split())
             for item in re.findall(r"<li>(.*?)</li>", block[:block.index("</ol>")], re.S)]
    printed = pdf_paragraphs(story)
    start = printed.index(notes[0])
    assert len(notes) >= 4 and printed[start:start + len(notes)] == notes


def test_glossary_matches_the_html(pair):
    story, html = pair
    (rows,) = tables(html, "glossary-table")
    (printed,) = pdf_tables(story, "Term")
    assert rows == printed and rows[0] == ["Term", "Meaning"] and len(rows) > 3


# ---- figures worked out by hand (see tests/test_report_html.py for the sums) ---------------------------

# scorecard row: period, value, target, RAG, previous period, change, direction
HAND_ROWS = {
    "full": {TITLES[0]: ["Month end", "76.0", "74", "Red", "72.0", "▼ Worse", "Low is good"],
             TITLES[2]: ["Month", "4", "–", "No target", "9", "▲ Improved", "Low is good"]},
    # 4 children missing is a small number: the value and its change are withheld
    "public": {TITLES[0]: ["Month end", "76.0", "74", "Red", "72.0", "▼ Worse", "Low is good"],
               TITLES[2]: ["Month", "c", "–", "No target", "9", "c", "Low is good"]},
}


@pytest.mark.parametrize("which", list(REPORTS))
def test_scorecard_figures(which):
    (rows,) = pdf_tables(report_story(REPORTS[which]()), "Indicator")
    by_title = {row[0]: row[1:] for row in rows}
    assert {title: by_title[title] for title in HAND_ROWS[which]} == HAND_ROWS[which]
    assert [row[0] for row in rows[1:]] == ["Children in care", *TITLES[:3], "Adoption", TITLES[3]]


def test_a_section_name_is_kept_with_its_first_measure():
    (table,) = [item for item in walk(report_story(fx.report())) if isinstance(item, Table)
                and isinstance(item._cellvalues[0][0], (str, Paragraph)) and text(item._cellvalues[0][0]) == "Indicator"]
    sections = [r for r, row in enumerate(table._cellvalues) if len(_spanned([text(cell) for cell in row])) == 1]
    kept = {(start[1], stop[1]) for _, start, stop in table._nosplitCmds}
    assert sections and kept == {(r, r + 1) for r in sections}


def test_public_value_box_and_profile_show_c():
    story = report_story(suppress(fx.report()))
    boxes = [text(item) for item in walk(story) if isinstance(item, ValueBox)]
    assert boxes == ["76.0 Red", "5.8% Green", "c No target", "566 Red"]
    (ethnicity,) = pdf_tables(story, "Ethnicity")
    # White Irish is 2 in Jan 2025, so it is "c", and with it the smallest other White row (Any other White, 49)
    assert ethnicity[2] == ["White Irish", "0", "0", "0", "0", "c", "c"]
    assert ethnicity[3] == ["Any other White background", "34", "40", "43", "41", "c", "c"]


# ---- the trend chart ----------------------------------------------------------------------------------

def shapes(drawing: Drawing):
    for item in drawing.contents:
        yield from (item.contents if isinstance(item, Group) else [item])


def test_chart_redraws_the_svg_with_gaps_for_withheld_months():
    # public "children missing": 5 (Apr 2024) and 4 (Jan 2025) are small, so 10 of the 12 months have a marker,
    # each hidden month is labelled "c", and the line lifts its pen over Apr: segments Feb-Mar and May-Dec
    months = fx.MONTHS
    values = [6, 8, None, 9, 7, 10, 6, 8, 11, 7, 9, None]
    series = TrendSeries("Missing", "count", 0, months, values, [v is None for v in values], target=None)
    drawing = chart_drawing(trend_svg(series), 300, pdf_style.HELVETICA)
    drawn = list(shapes(drawing))
    markers = [s for s in drawn if isinstance(s, Circle)]
    assert len(markers) == 10
    assert sorted(s.text for s in drawn if isinstance(s, String) and s.text == "c") == ["c", "c"]
    line = [s for s in drawn if isinstance(s, Path) and s.strokeColor.hexval() == "0x1d70b8"
            and s.strokeWidth > 1.5 * 300 / 460]
    assert [op for op in line[0].operators if op == 0] == [0, 0]   # two moveTo: two segments
    assert not any(s.strokeDashArray for s in drawn if isinstance(s, Path))   # no target, no dashed line
    assert drawing.width == 300 and drawing.height == pytest.approx(190 * 300 / 460)
    # y points up in the drawing: the higher of two markers has the larger value (10 in Jul, 6 in Feb)
    feb, jul = markers[0], markers[4]
    assert jul.cy > feb.cy


def test_chart_dashed_target_and_rotated_axis_label():
    series = TrendSeries("Rate", "rate", 1, fx.MONTHS[:2], [70.0, 76.0], [False, False], target=74.0)
    drawn = list(shapes(chart_drawing(trend_svg(series), 460, pdf_style.HELVETICA)))
    dashed = [s for s in drawn if isinstance(s, Path) and s.strokeDashArray]
    assert len(dashed) == 2   # the target line and its legend sample
    assert "Rate per 10,000" in [s.text for s in drawn if isinstance(s, String)]


@pytest.mark.parametrize("svg, message", [
    ('<svg viewBox="0 0 10 10"><rect x="1"/></svg>', "<rect>"),
    ('<svg viewBox="0 0 10 10"><path d="M1 1C2 2 3 3 4 4" stroke="#000000"/></svg>', "unsupported path data"),
    ('<svg viewBox="0 0 10 10"><path d="M1 1H" stroke="#000000"/></svg>', "needs 1 number"),
    ('<svg viewBox="0 0 10 10"><text x="1" y="1" fill="#000000" transform="scale(2)">a</text></svg>', "scale(2)"),
])
def test_chart_refuses_what_it_cannot_draw(svg, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        chart_drawing(svg, 100, pdf_style.HELVETICA)


# ---- the written file ---------------------------------------------------------------------------------

@pytest.mark.parametrize("which", list(REPORTS))
def test_pdf_has_four_pages(written, which):
    data = written[which][0].read_bytes()
    assert data.startswith(b"%PDF")
    # title and scorecard; two panels; one panel, the Adoption heading and its panel; profiles and notes; glossary
    assert pdf_page_count(data) == 5


@needs_pdftotext
@pytest.mark.parametrize("which", list(REPORTS))
def test_pages_headers_and_footers(written, which):
    pages = written[which][1]
    header = "Northfield City Council · Corporate Parenting performance report"
    footer = "Generated 3 February 2025 at 09:15" + (" · Public version: small numbers suppressed"
                                                    if which == "public" else "")
    assert [header in page for page in pages] == [False, True, True, True, True]   # none above the title
    assert all(footer in page and f"Page {n} of 5" in page for n, page in enumerate(pages, start=1))
    # panels two to a page, each whole on one page
    assert [next(n for n, page in enumerate(pages[1:], 2) if title in " ".join(page.split())) for title in TITLES] \
        == [2, 2, 3, 3]
    assert "Profile of children looked after" in pages[3] and "Notes" in pages[3] and "Glossary" in pages[4]
    assert "▲ improved" in pages[0] and "▼ Worse" in " ".join(pages[2].split())


@needs_pdftotext
def test_public_pdf_prints_c_for_withheld_figures(written):
    full, public = written["full"][1], written["public"][1]
    lines = [line.strip() for line in public[2].splitlines()]
    assert lines.count("c") >= 4   # value, previous-month change and two chart months of "children missing"
    assert "c means the figure is suppressed" in " ".join(public[0].split())
    assert "c means the figure is suppressed" not in " ".join(full[0].split())


def test_helvetica_when_dejavu_is_missing(tmp_path, monkeypatch):
    assert pdf_style.text_fonts(tmp_path) == pdf_style.HELVETICA
    monkeypatch.setattr(pdf_style, "DEJAVU", tmp_path)
    data = render_pdf(fx.report(), tmp_path / "helvetica.pdf").read_bytes()
    assert b"/BaseFont /Helvetica" in data and b"DejaVu" not in data
    assert b"/BaseFont /ZapfDingbats" in data   # the arrows come from the built-in symbol font


@pytest.mark.parametrize("panels, profiles, pages", [
    ([], [], 1),   # title, an empty scorecard and the notes
    # a definition far longer than a page: the card gives up its box and the words flow on over pages
    ([replace(fx.rate_panel(), definition="A definition that goes on and on. " * 400)], [], None),
])
def test_unusual_reports_still_print(tmp_path, panels, profiles, pages):
    data = render_pdf(fx.report(panels=panels, profiles=profiles), tmp_path / "odd.pdf").read_bytes()
    assert pdf_page_count(data) == pages if pages else pdf_page_count(data) >= 3


@pytest.mark.parametrize("fonts", ["dejavu", "helvetica"])
def test_the_widest_figures_fit_their_scorecard_columns(fonts):
    # A percentage of 100 in the bold value column ran into the period beside it ("Month end100.0%"). A
    # figure is set against the cell's right padding and may use half of its left padding, no more.
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from careboard.report.pdf_front import NUMBER_COLUMNS, SCORECARD_COLUMNS, SCORECARD_SIZE
    from careboard.report.pdf_page import FRAME_WIDTH

    chosen = pdf_style.text_fonts() if fonts == "dejavu" else pdf_style.HELVETICA
    if fonts == "dejavu" and chosen == pdf_style.HELVETICA:
        pytest.skip("DejaVu fonts not installed")
    for column in NUMBER_COLUMNS:
        room = FRAME_WIDTH * SCORECARD_COLUMNS[column] - 1.5 * mm - 0.75 * mm
        font = chosen.bold if column == 2 else chosen.regular      # the value is bold
        for figure in ("100.0%", "99,999", "-99.9%"):
            assert stringWidth(figure, font, SCORECARD_SIZE) <= room, (column, figure)
