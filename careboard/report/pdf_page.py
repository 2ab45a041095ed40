"""A4 pages of the PDF report: margins, running header and "Page N of M" footer, as in report.css @page."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from careboard.report.pdf_parts import MM
from careboard.report.pdf_style import MUTED

PAGE_WIDTH, PAGE_HEIGHT = A4
TOP, RIGHT, BOTTOM, LEFT = 17 * MM, 14 * MM, 16 * MM, 14 * MM
FRAME_WIDTH = PAGE_WIDTH - LEFT - RIGHT
FRAME_HEIGHT = PAGE_HEIGHT - TOP - BOTTOM
RUNNING_SIZE = 8


@dataclass(frozen=True)
class Running:
    """The words round the edge of every page; the first page, with the title block, has no header."""

    header_left: str
    header_right: str
    footer_left: str
    font: str

    def draw(self, canvas: Canvas, number: int, total: int) -> None:
        canvas.saveState()
        canvas.setFont(self.font, RUNNING_SIZE)
        canvas.setFillColor(HexColor(MUTED))
        if number > 1:
            top = PAGE_HEIGHT - TOP + 5 * MM
            canvas.drawString(LEFT, top, self.header_left)
            canvas.drawRightString(PAGE_WIDTH - RIGHT, top, self.header_right)
        bottom = BOTTOM - 8 * MM
        canvas.drawString(LEFT, bottom, self.footer_left)
        canvas.drawRightString(PAGE_WIDTH - RIGHT, bottom, f"Page {number} of {total}")
        canvas.restoreState()


class PagedCanvas(Canvas):
    """Holds finished pages back until the last, so every footer can say how many pages there are."""

    def __init__(self, *args, running: Running, **kwargs):
        super().__init__(*args, **kwargs)
        self.running = running
        self.held: list[dict] = []

    def showPage(self):
        self.held.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self.held)
        for number, state in enumerate(self.held, start=1):
            self.__dict__.update(state)
            self.running.draw(self, number, total)
            super().showPage()
        super().save()
