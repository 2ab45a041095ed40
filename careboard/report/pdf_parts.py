"""Small drawn pieces of the PDF report: RAG chips, change marks, the big value box, the panel card,
tinted note bands and bookmarked headings.

Each is a ReportLab flowable that draws itself straight onto the canvas, which is much cheaper than
building the same look from paragraphs and nested tables.
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from careboard.report.pdf_style import (
    CHANGE_COLOUR, INK, NAVY, RAG_LOOK, RULE, SYMBOL_FONT, SYMBOL_SCALE, Fonts,
)

MM = 72 / 25.4


class Chip(Flowable):
    """A RAG rating as a rounded label: the word always printed, the colour repeating it."""

    SIZE = 8

    def __init__(self, word: str, css: str, fonts: Fonts):
        super().__init__()
        if css not in RAG_LOOK:
            raise ValueError(f"unknown RAG chip style {css!r}; expected one of {', '.join(RAG_LOOK)}")
        self.word, self.look, self.font = word, RAG_LOOK[css], fonts.bold
        self.width = max(15 * MM, stringWidth(word, self.font, self.SIZE) + 3.6 * MM)
        self.height = self.SIZE + 2.6

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        fill, text, border = self.look
        canvas = self.canv
        canvas.setFillColor(HexColor(fill))
        canvas.setStrokeColor(HexColor(border))
        canvas.setLineWidth(0.75)
        canvas.roundRect(0, 0, self.width, self.height, 1 * MM, stroke=1, fill=1)
        canvas.setFillColor(HexColor(text))
        canvas.setFont(self.font, self.SIZE)
        canvas.drawCentredString(self.width / 2, 2.6, self.word)


class Mark(Flowable):
    """A change in performance: the arrow (in the symbol font) and the word, coloured by direction."""

    def __init__(self, symbol: str, word: str, css: str, fonts: Fonts, size: float = 8.8, bold: bool = False):
        super().__init__()
        if css not in CHANGE_COLOUR:
            raise ValueError(f"unknown change style {css!r}; expected one of {', '.join(CHANGE_COLOUR)}")
        self.symbol, self.word, self.colour, self.size = symbol, word, CHANGE_COLOUR[css], size
        self.font = fonts.bold if bold else fonts.regular
        self.symbol_size = size * SYMBOL_SCALE
        self.symbol_width = (stringWidth(symbol, SYMBOL_FONT, self.symbol_size) + size * 0.3) if symbol else 0
        self.width = self.symbol_width + stringWidth(word, self.font, size)
        self.height = size * 1.2

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        x = 0
        canvas.setFillColor(HexColor(self.colour))
        if self.symbol:
            canvas.setFont(SYMBOL_FONT, self.symbol_size)
            canvas.drawString(x, self.size * 0.22, self.symbol)
        canvas.setFont(self.font, self.size)
        canvas.drawString(x + self.symbol_width, self.size * 0.22, self.word)


class ValueBox(Flowable):
    """The panel's headline: the value in large type, its RAG chip at the right, a border in the RAG colour."""

    VALUE_SIZE = 20

    def __init__(self, value: str, chip: Chip, css: str, fonts: Fonts):
        super().__init__()
        self.value, self.chip, self.font = value, chip, fonts.bold
        self.border = RAG_LOOK[css][2] if css in ("rag-red", "rag-amber", "rag-green") else RULE
        self.height = self.VALUE_SIZE + 4 * MM

    def wrap(self, available_width, available_height):
        self.width = available_width
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        canvas.setStrokeColor(HexColor(self.border))
        canvas.setFillColor(HexColor(self.border))
        canvas.setLineWidth(2)
        canvas.rect(1, 1, self.width - 2, self.height - 2, stroke=1, fill=0)
        canvas.rect(0, 0, 8, self.height, stroke=0, fill=1)   # the wide left edge
        chip_width, chip_height = self.chip.wrap(self.width, self.height)
        self.chip.drawOn(canvas, self.width - 2.5 * MM - chip_width, (self.height - chip_height) / 2)
        left = 8 + 2.5 * MM
        room = self.width - chip_width - left - 5 * MM
        # a long figure is set smaller rather than run under the chip
        size = min(self.VALUE_SIZE, self.VALUE_SIZE * room / stringWidth(self.value, self.font, self.VALUE_SIZE))
        canvas.setFillColor(HexColor(INK))
        canvas.setFont(self.font, size)
        canvas.drawString(left, self.height / 2 - size * 0.35, self.value)


class Stack(Flowable):
    """Flowables one under another inside padding, laid out once per width and drawn as one piece.

    A stack does not split, so the page flow moves it whole to the next page. Subclasses draw the
    decoration round the parts.
    """

    pad_top = pad_side = pad_bottom = 0.0

    def __init__(self, parts: list):
        super().__init__()
        self.parts = parts
        self.laid_out_for = None

    def wrap(self, available_width, available_height):
        if self.laid_out_for != available_width:   # the page flow asks again and again; parts depend on width only
            self.laid_out_for = available_width
            self.width = available_width
            inner = available_width - 2 * self.pad_side
            self.placed = []   # (flowable, height, space before)
            height = self.pad_top
            previous_after = 0.0
            for index, part in enumerate(self.parts):
                _, part_height = part.wrap(inner, available_height)
                before = 0.0 if index == 0 else max(previous_after, part.getSpaceBefore())
                self.placed.append((part, part_height, before))
                height += before + part_height
                previous_after = part.getSpaceAfter()
            self.height = height + self.pad_bottom
        return self.width, self.height

    def split(self, available_width, available_height):
        return []

    def draw_parts(self):
        y = self.height - self.pad_top
        for part, part_height, before in self.placed:
            y -= before + part_height
            part.drawOn(self.canv, self.pad_side, y)


class Card(Stack):
    """One indicator panel: its parts in a ruled box with a navy top edge, never broken over a page.

    Two cards fit on an A4 page. Only a card taller than a whole page (``page_height``) gives its parts
    up to flow on unboxed. Each card is an entry in the PDF outline, so readers can jump between panels.
    """

    TOP_EDGE = 4
    pad_top, pad_side, pad_bottom = TOP_EDGE + 2.5 * MM, 3.5 * MM, 2 * MM

    def __init__(self, parts: list, key: str, outline: str, page_height: float, outline_level: int = 1):
        super().__init__(parts)
        self.key, self.outline, self.outline_level = key, outline, outline_level
        self.page_height = page_height
        self.spaceAfter = 4 * MM

    def split(self, available_width, available_height):
        self.wrap(available_width, available_height)
        if self.height <= self.page_height:
            return []
        return [Anchor(self.key, self.outline, self.outline_level), *self.parts]

    def draw(self):
        canvas = self.canv
        mark_place(canvas, self.key, self.outline, self.outline_level)
        canvas.setStrokeColor(HexColor(RULE))
        canvas.setLineWidth(0.75)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        canvas.setFillColor(HexColor(NAVY))
        canvas.rect(0, self.height - self.TOP_EDGE, self.width, self.TOP_EDGE, stroke=0, fill=1)
        self.draw_parts()


class Band(Stack):
    """Flowables on a tinted band, optionally with a coloured rule down its left edge (notes, boxes)."""

    RULE_WIDTH = 4

    def __init__(self, parts: list, background: str, *, left_rule: str | None = None, padding: float = 8,
                 space_before: float = 0, space_after: float = 0, page_height: float | None = None):
        super().__init__(parts)
        self.background, self.left_rule = background, left_rule
        self.page_height = page_height   # given: a band taller than a page gives its parts up to flow on
        self.pad_side, self.pad_top, self.pad_bottom = padding, 3, 4
        self.spaceBefore, self.spaceAfter = space_before, space_after

    def split(self, available_width, available_height):
        self.wrap(available_width, available_height)
        if self.page_height is None or self.height <= self.page_height:
            return []
        return list(self.parts)

    def draw(self):
        canvas = self.canv
        canvas.setFillColor(HexColor(self.background))
        canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        if self.left_rule:
            canvas.setFillColor(HexColor(self.left_rule))
            canvas.rect(0, 0, self.RULE_WIDTH, self.height, stroke=0, fill=1)
        self.draw_parts()


def mark_place(canvas, key: str, title: str, level: int) -> None:
    """A link target here (scorecard rows point at panels) and an entry in the PDF outline."""
    canvas.bookmarkPage(key)
    canvas.addOutlineEntry(title, key, level, closed=level > 0)


class Anchor(Flowable):
    """A link target and outline entry taking no room: where an over-tall card's parts begin."""

    def __init__(self, key: str, title: str, level: int):
        super().__init__()
        self.key, self.title, self.level = key, title, level

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        mark_place(self.canv, self.key, self.title, self.level)


class Heading(Paragraph):
    """A heading that is also an entry in the PDF outline, optionally ruled underneath."""

    def __init__(self, text: str, style, key: str, level: int = 0, rule: str | None = None):
        super().__init__(text, style)
        self.key, self.level, self.rule = key, level, rule

    def draw(self):
        mark_place(self.canv, self.key, self.getPlainText(), self.level)
        super().draw()
        if self.rule:
            self.canv.setStrokeColor(HexColor(self.rule))
            self.canv.setLineWidth(2)
            self.canv.line(0, -3, self.width, -3)


def wrapped(text: str, font: str, size: float, width: float) -> str:
    """Plain text broken into lines that fit ``width``: a table cell draws it without a paragraph's cost."""
    return "\n".join(simpleSplit(text, font, size, width))
