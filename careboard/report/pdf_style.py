"""Fonts, colours and paragraph styles of the PDF report, matching templates/report.css.

The text font is DejaVu Sans, as in the HTML, when the machine has it; otherwise Helvetica, which every
PDF reader has. The change arrows and the square (▲ ▼ ■) are in neither Helvetica nor its encoding, so
they are always set in ZapfDingbats, another of the fonts built into every PDF reader: the arrows look
the same whichever text font was found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
DEJAVU_FILES = {"DejaVuSans": "DejaVuSans.ttf", "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
                "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf"}
SYMBOL_FONT = "ZapfDingbats"
SYMBOLS = "▲▼■"
# ZapfDingbats draws its shapes larger than a capital letter at the same size: set them smaller
SYMBOL_SCALE = 0.85
SYMBOL_SHRINK = "-1.5"   # points, in paragraphs (their markup takes no percentages)

# the palette of report.css
INK = "#0b0c0c"
MUTED = "#505a5f"
RULE = "#b1b4b6"
HAIRLINE = "#dfe1e3"
LIGHT = "#f3f2f1"
BLUE = "#1d70b8"
NAVY = "#12365e"
RED = "#d4351c"
AMBER = "#f0a500"
GREEN = "#00703c"
WHITE = "#ffffff"
DQ_BACKGROUND = "#fff7e0"

# view.py names a chip's look by CSS class; the PDF looks it up here: (fill, text, border)
RAG_LOOK = {
    "rag-red": (RED, WHITE, RED),
    "rag-amber": (AMBER, INK, AMBER),
    "rag-green": (GREEN, WHITE, GREEN),
    "rag-none": (WHITE, MUTED, RULE),
    "rag-c": (WHITE, MUTED, RULE),
}
CHANGE_COLOUR = {"chg-up": GREEN, "chg-down": RED, "chg-same": MUTED, "chg-none": MUTED}


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    italic: str


HELVETICA = Fonts("Helvetica", "Helvetica-Bold", "Helvetica-Oblique")


def text_fonts(folder: Path | None = None) -> Fonts:
    """DejaVu Sans registered with ReportLab when all three files are in ``folder`` (default: where
    Debian and Ubuntu put them), else Helvetica."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = DEJAVU if folder is None else folder
    files = {name: folder / file for name, file in DEJAVU_FILES.items()}
    if not all(path.is_file() for path in files.values()):
        return HELVETICA
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, path in files.items():
        if name not in registered:   # registering parses the whole file: once per process is enough
            pdfmetrics.registerFont(TTFont(name, str(path)))
    return Fonts(*files)


def markup(text: str) -> str:
    """``text`` escaped for a ReportLab paragraph, each arrow or square switched to the symbol font."""
    escaped = escape(text)
    return re.sub(f"[{SYMBOLS}]", lambda m: symbol_markup(m.group()), escaped)


def symbol_markup(symbol: str) -> str:
    return f'<font name="{SYMBOL_FONT}" size="{SYMBOL_SHRINK}">{symbol}</font>'


@dataclass(frozen=True)
class Styles:
    """Paragraph styles of the report, built for one set of fonts."""

    fonts: Fonts
    body: object
    small: object
    council: object
    title: object
    as_at: object
    generated: object
    h2: object
    section: object
    box_heading: object
    notes_heading: object
    how_to_read: object
    panel_title: object
    definition: object
    dq_note: object
    caption: object
    cell: object
    cell_note: object
    notes: object


def styles(fonts: Fonts) -> Styles:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    def style(name: str, size: float, *, bold: bool = False, colour: str = INK, leading: float | None = None,
              **extra) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=fonts.bold if bold else fonts.regular, fontSize=size,
                              leading=leading or round(size * 1.3, 1), textColor=HexColor(colour),
                              bulletFontName=fonts.regular, bulletFontSize=size, **extra)

    body = style("body", 9.5)
    return Styles(
        fonts=fonts,
        body=body,
        small=style("small", 8, colour=MUTED),
        council=style("council", 12, bold=True, colour=NAVY, spaceAfter=3),
        title=style("title", 21, bold=True, colour=NAVY, leading=25),
        as_at=style("as_at", 13, spaceBefore=4, spaceAfter=1),
        generated=style("generated", 8.5, colour=MUTED, spaceAfter=11),
        h2=style("h2", 14, bold=True, colour=NAVY, spaceAfter=7),
        section=style("section", 14, bold=True, colour=NAVY, spaceBefore=6, spaceAfter=4 * 72 / 25.4 + 3,
                      keepWithNext=1),
        box_heading=style("box_heading", 10, bold=True, spaceAfter=3),
        notes_heading=style("notes_heading", 10, bold=True, colour=NAVY, spaceBefore=17, spaceAfter=3),
        how_to_read=style("how_to_read", 9.5, leftIndent=12, bulletIndent=2, spaceBefore=2),
        panel_title=style("panel_title", 11.5, bold=True, colour=NAVY, leading=14),
        definition=style("definition", 8, colour=MUTED, spaceBefore=3, spaceAfter=3),
        dq_note=style("dq_note", 8),
        caption=style("caption", 8.5, bold=True, spaceAfter=2),
        cell=style("cell", 8.8, leading=11),
        cell_note=style("cell_note", 7.5, colour=MUTED, leading=9),
        notes=style("notes", 8, colour=MUTED, leftIndent=14, bulletIndent=0, spaceBefore=2),
    )
