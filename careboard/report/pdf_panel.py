"""One indicator panel of the PDF report, laid out like the HTML panel (templates/report.html.j2).

Everything printed comes ready-formatted from careboard.report.view.PanelView; this module only places it.
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table, TableStyle

from careboard.report.pdf_chart import chart_drawing
from careboard.report.pdf_parts import MM, Band, Card, Chip, Heading, Mark, ValueBox
from careboard.report.pdf_style import (
    AMBER, DQ_BACKGROUND, HAIRLINE, INK, LIGHT, MUTED, NAVY, WHITE, Styles, markup,
)
from careboard.report.view import PanelView

KPI_WIDTH = 52 * MM
CHART_GAP = 4 * MM
PERIOD_SIZE = 8
FACT_SIZE = 8.5
BENCH_SIZE = 8.3
# comparator, year, published, current vs benchmark (and note) as fractions of the table width
BENCH_COLUMNS = (0.30, 0.15, 0.20, 0.35)
BENCH_COLUMNS_WITH_NOTES = (0.24, 0.12, 0.14, 0.22, 0.28)
BENCH_SHARE, BENCH_SHARE_WITH_NOTES = 0.72, 1.0


def indicator_sections(view: dict, style: Styles, width: float, page_height: float) -> list:
    """Each section's heading (kept with its first panel) followed by its panels and its breakdown tables."""
    from careboard.report.pdf_back import summary_table
    story = []
    for number, section in enumerate(view["sections"]):
        level = 0
        if section["name"]:
            story.append(Heading(markup(section["name"]), style.section, key=f"section-{number}", level=0, rule=NAVY))
            level = 1
        if section["commentary"]:
            story.append(commentary_band(section["commentary"], style, page_height))
        story += [panel_card(panel, style, width, page_height, level) for panel in section["panels"]]
        story += [summary_table(table, style, width) for table in section.get("tables", ())]
    return story


def panel_card(panel: PanelView, style: Styles, width: float, page_height: float, level: int = 0) -> Card:
    """The panel as a card ``width`` points wide that never breaks over a page."""
    inner = width - 2 * Card.pad_side
    parts = [_head(panel, style, inner), _body(panel, style, inner)]
    if panel.sentence:
        parts.append(Band([Paragraph(markup(panel.sentence), style.body)], LIGHT, space_before=6, space_after=6))
    if panel.commentary:
        parts.append(commentary_band(panel.commentary, style, page_height))
    if panel.benchmarks:
        parts.append(Paragraph("Benchmarks", style.caption))
        parts.append(_benchmarks(panel, style, inner))
        if panel.benchmark_caution:
            parts.append(Paragraph(markup(panel.benchmark_caution), style.definition))
    if panel.definition:
        parts.append(Paragraph(f"<b>Definition:</b> {markup(panel.definition)}", style.definition))
    if panel.dq_note:
        parts.append(Band([Paragraph(f"<b>Data quality:</b> {markup(panel.dq_note)}", style.dq_note)],
                          DQ_BACKGROUND, left_rule=AMBER, space_before=3, space_after=3))
    return Card(parts, key=panel.anchor, outline=panel.title, page_height=page_height, outline_level=level)


def commentary_band(paragraphs: tuple[str, ...], style: Styles, page_height: float) -> Band:
    """The service's own words, ruled off on the left like the HTML's commentary box (flowing on unboxed
    should the service write more than a page)."""
    from reportlab.lib.styles import ParagraphStyle

    spaced = ParagraphStyle("commentary", parent=style.body, spaceAfter=3)   # a gap between paragraphs
    return Band([Paragraph("<b>Service commentary</b>", style.small),
                 *(Paragraph(markup(text), spaced) for text in paragraphs)],
                WHITE, left_rule=NAVY, space_before=3, space_after=6, page_height=page_height)


def _head(panel: PanelView, style: Styles, inner: float) -> Table:
    period_width = stringWidth(panel.period, style.fonts.regular, PERIOD_SIZE) + 4 * MM
    return Table(
        [[Paragraph(markup(panel.title), style.panel_title), panel.period]],
        colWidths=[inner - period_width, period_width],
        style=TableStyle([
            ("FONT", (1, 0), (1, 0), style.fonts.regular, PERIOD_SIZE),
            ("TEXTCOLOR", (1, 0), (1, 0), HexColor(MUTED)),
            ("ALIGN", (1, 0), (1, 0), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (0, 0), 0), ("TOPPADDING", (1, 0), (1, 0), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * MM),
        ]),
    )


def _body(panel: PanelView, style: Styles, inner: float) -> Table:
    chart_width = inner - KPI_WIDTH - CHART_GAP
    chart = (chart_drawing(panel.chart, chart_width, style.fonts) if panel.chart
             else Paragraph("<i>No figures to chart yet.</i>", style.small))
    kpi = [ValueBox(panel.value, Chip(panel.rag.word, panel.rag.css, style.fonts), panel.rag.css, style.fonts),
           Paragraph(f"<b>{markup(panel.polarity)}</b>", style.small),
           _facts(panel, style)]
    return Table([[kpi, chart]], colWidths=[KPI_WIDTH + CHART_GAP, chart_width], style=TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, 0), CHART_GAP), ("RIGHTPADDING", (1, 0), (1, 0), 0),
    ]))


def _facts(panel: PanelView, style: Styles) -> Table:
    change = Mark(panel.change.symbol, panel.change.word, panel.change.css, style.fonts, size=FACT_SIZE, bold=True)
    rows = [["Target", panel.target], ["Variance", panel.variance], [panel.compared_with, panel.previous],
            ["Change", change]]
    table = Table(rows, colWidths=[KPI_WIDTH * 0.55, KPI_WIDTH * 0.45], style=TableStyle([
        ("FONT", (0, 0), (0, -1), style.fonts.regular, FACT_SIZE),
        ("TEXTCOLOR", (0, 0), (0, -1), HexColor(MUTED)),
        ("FONT", (1, 0), (1, -1), style.fonts.bold, FACT_SIZE),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LINEBELOW", (0, 0), (-1, -2), 0.75, HexColor(HAIRLINE)),
    ]))
    table.spaceBefore = 1.5 * MM
    return table


def _benchmarks(panel: PanelView, style: Styles, inner: float) -> Table:
    with_notes = panel.benchmark_notes
    shares = BENCH_COLUMNS_WITH_NOTES if with_notes else BENCH_COLUMNS
    width = inner * (BENCH_SHARE_WITH_NOTES if with_notes else BENCH_SHARE)
    header = ["Comparator", "Year", "Published", "Current vs benchmark"] + (["Note"] if with_notes else [])
    rows = [header]
    for row in panel.benchmarks:
        cells = [row["label"], row["period"], row["value"], row["gap"]]
        if with_notes:
            cells.append(Paragraph(markup(row["note"]), style.cell_note) if row["note"] else "")
        rows.append(cells)
    table = Table(rows, colWidths=[width * share for share in shares], hAlign="LEFT", style=TableStyle([
        ("FONT", (0, 0), (-1, 0), style.fonts.bold, 8),
        ("FONT", (0, 1), (-1, -1), style.fonts.regular, BENCH_SIZE),
        ("TEXTCOLOR", (0, 0), (-1, -1), HexColor(INK)),
        ("ALIGN", (2, 0), (3, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.5 * MM), ("RIGHTPADDING", (0, 0), (-1, -1), 1.5 * MM),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LINEBELOW", (0, 0), (-1, 0), 1.5, HexColor(INK)),
        ("LINEBELOW", (0, 1), (-1, -1), 0.75, HexColor(HAIRLINE)),
    ]))
    table.spaceAfter = 1.5 * MM
    return table
