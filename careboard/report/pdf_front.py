"""The front of the PDF report: title block with the how-to-read notes, and the summary scorecard.

Words and figures are the HTML's (templates/report.html.j2 and careboard.report.view); only the drawing
differs.
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.platypus import HRFlowable, Paragraph, Table, TableStyle

from careboard.report.pdf_parts import MM, Band, Chip, Heading, Mark, wrapped
from careboard.report.pdf_style import (
    AMBER, BLUE, CHANGE_COLOUR, GREEN, HAIRLINE, INK, LIGHT, MUTED, NAVY, RED, WHITE, Styles, markup,
    symbol_markup,
)

# Indicator, period, value, target, RAG, previous period, change, direction: shares of the width, as report.css
SCORECARD_COLUMNS = (0.28, 0.10, 0.09, 0.08, 0.11, 0.09, 0.12, 0.13)
SCORECARD_HEADER = ("Indicator", "Period", "Value", "Target", "RAG", "Previous period", "Change", "Direction")
NUMBER_COLUMNS = (2, 3, 5)
SCORECARD_SIZE, HEADER_SIZE, DIRECTION_SIZE = 8.8, 8, 8


def title_block(view: dict, style: Styles, width: float) -> list:
    generated = f"Generated {markup(view['generated'])}"
    if view["public"]:
        generated += " · <b>Public version: small numbers suppressed</b>"
    return [
        HRFlowable(width="100%", thickness=6, color=HexColor(NAVY), spaceAfter=5 * MM),
        Paragraph(markup(view["council"]), style.council),
        Paragraph("Corporate Parenting performance report", style.title),
        Paragraph(f"Position at {markup(view['as_at'])}", style.as_at),
        Paragraph(generated, style.generated),
        *[Band([Paragraph(markup(view[note]), style.body)], LIGHT, left_rule=AMBER, padding=4 * MM, space_after=4 * MM)
          for note in ("council_note", "data_note") if view.get(note)],
        Band(_how_to_read(view, style), LIGHT, left_rule=BLUE, padding=4 * MM, space_after=6 * MM),
    ]


def _how_to_read(view: dict, style: Styles) -> list:
    def chip(word: str, fill: str, text: str) -> str:
        return f'<font backColor="{fill}" color="{text}"><b>\u00a0{word}\u00a0</b></font>'

    def mark(symbol: str, word: str, css: str) -> str:
        return f'<font color="{CHANGE_COLOUR[css]}">{symbol_markup(symbol)} {word}</font>'

    items = [
        f"{chip('Green', GREEN, WHITE)} on target or better, {chip('Amber', AMBER, INK)} close to target, "
        f"{chip('Red', RED, WHITE)} off target; {chip('No target', HAIRLINE, MUTED)} means a context measure "
        "that is not rated.",
        "Arrows show whether <i>performance</i> moved since the previous period, not whether the number went up: "
        f"{mark('▲', 'improved', 'chg-up')}, {mark('▼', 'deteriorated', 'chg-down')}, "
        f"{mark('■', 'unchanged', 'chg-same')}.",
        "“High is good” or “Low is good” under each measure says which way is better.",
    ]
    if view["public"]:
        items.append(f"<b>c</b> means the figure is suppressed because it involves between 1 and {view['threshold']} "
                     "children, or could be worked out from one that does.")
    return ([Paragraph("How to read this report", style.box_heading)]
            + [Paragraph(item, style.how_to_read, bulletText="•") for item in items])


def scorecard(view: dict, style: Styles, width: float) -> list:
    fonts = style.fonts
    widths = [width * share for share in SCORECARD_COLUMNS]
    rows = [[wrapped(text, fonts.bold, HEADER_SIZE, widths[i] - 3 * MM) for i, text in enumerate(SCORECARD_HEADER)]]
    commands = [
        ("FONT", (0, 0), (-1, 0), fonts.bold, HEADER_SIZE),
        ("LINEBELOW", (0, 0), (-1, 0), 2, HexColor(NAVY)),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("FONT", (0, 1), (-1, -1), fonts.regular, SCORECARD_SIZE),
        ("FONT", (2, 1), (2, -1), fonts.bold, SCORECARD_SIZE),
        ("FONT", (1, 1), (1, -1), fonts.regular, DIRECTION_SIZE),
        ("FONT", (7, 1), (7, -1), fonts.regular, DIRECTION_SIZE),
        ("TEXTCOLOR", (0, 0), (-1, -1), HexColor(INK)),
        ("TEXTCOLOR", (1, 1), (1, -1), HexColor(MUTED)),
        ("TEXTCOLOR", (7, 1), (7, -1), HexColor(MUTED)),
        ("ALIGN", (2, 0), (3, -1), "RIGHT"), ("ALIGN", (5, 0), (5, -1), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.5 * MM), ("RIGHTPADDING", (0, 0), (-1, -1), 1.5 * MM),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 1), (-1, -1), 0.75, HexColor(HAIRLINE)),
    ]
    for section in view["sections"]:
        if section["name"]:
            row = len(rows)
            rows.append([section["name"]] + [""] * (len(SCORECARD_HEADER) - 1))
            commands += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), HexColor(NAVY)),
                         ("TEXTCOLOR", (0, row), (-1, row), HexColor(WHITE)),
                         ("FONT", (0, row), (-1, row), fonts.bold, SCORECARD_SIZE),
                         # a section's name stays on the page of its first measure, not alone at a page's foot
                         ("NOSPLIT", (0, row), (-1, row + 1))]
        for panel in section["panels"]:
            rows.append([
                Paragraph(f'<a href="#{panel.anchor}">{markup(panel.title)}</a>', style.cell),
                wrapped(panel.span, fonts.regular, DIRECTION_SIZE, widths[1] - 3 * MM),
                panel.value, panel.target,
                Chip(panel.rag.word, panel.rag.css, fonts),
                panel.previous,
                Mark(panel.change.symbol, panel.change.word, panel.change.css, fonts, size=SCORECARD_SIZE),
                panel.polarity,
            ])
    return [Heading("Summary scorecard", style.h2, key="scorecard"),
            Table(rows, colWidths=widths, repeatRows=1, style=TableStyle(commands))]

