"""The committee report as an A4 PDF, drawn with ReportLab from the HTML's own view model.

WeasyPrint printed the HTML in 11-44 s of CPU for the 52-indicator demo; drawing the same words and
figures (careboard.report.view) straight onto PDF pages takes well under a second. Content and order
follow the HTML: title block and how-to-read notes, summary scorecard, one panel per indicator (two to
a page where they fit, never split), profile tables, notes, glossary.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from careboard.results import Report
from careboard.whole_files import written

TITLE = "Corporate Parenting performance report"


def render_pdf(report: Report, path: Path) -> Path:
    """Write the report as a PDF to ``path`` (parent folders created) and return the path."""
    view, style = _prepare(report)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with written(path) as part:
        _render(view, style, part)
    return path


def _render(view: dict, style, path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from careboard.report.pdf_page import BOTTOM, FRAME_HEIGHT, FRAME_WIDTH, LEFT, PagedCanvas, Running

    document = BaseDocTemplate(
        str(path), pagesize=A4, title=_title(view), author=view["council"],
        subject=f"Position at {view['as_at']}", creator="careboard", lang="en-GB",
    )
    frame = Frame(LEFT, BOTTOM, FRAME_WIDTH, FRAME_HEIGHT, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0, id="body")
    document.addPageTemplates([PageTemplate("page", frames=[frame])])
    running = Running(
        header_left=f"{view['council']} · {TITLE}",
        header_right=f"Position at {view['as_at']}",
        footer_left=_edition(view),
        font=style.fonts.regular,
    )
    document.build(_story(view, style), canvasmaker=partial(PagedCanvas, running=running))


def report_story(report: Report) -> list:
    """The report's flowables in reading order, before render_pdf lays them out on pages."""
    return _story(*_prepare(report))


def _prepare(report: Report):
    from careboard.report.pdf_style import styles, text_fonts
    from careboard.report.view import build

    return build(report), styles(text_fonts())


def _story(view: dict, style) -> list:
    from reportlab.platypus import PageBreak

    from careboard.report.pdf_back import glossary, notes, profiles
    from careboard.report.pdf_front import scorecard, title_block
    from careboard.report.pdf_page import FRAME_HEIGHT, FRAME_WIDTH
    from careboard.report.pdf_panel import indicator_sections

    story = [*title_block(view, style, FRAME_WIDTH), *scorecard(view, style, FRAME_WIDTH)]
    if view["panels"]:
        story += [PageBreak(), *indicator_sections(view, style, FRAME_WIDTH, FRAME_HEIGHT)]
    back = profiles(view, style, FRAME_WIDTH)
    if back:
        story += [PageBreak(), *back]
    return story + notes(view, style) + glossary(view, style, FRAME_WIDTH)


def _title(view: dict) -> str:
    return f"{view['council']} – {TITLE} – {view['month']}" + (" (public)" if view["public"] else "")


def _edition(view: dict) -> str:
    return f"Generated {view['generated']}" + (" · Public version: small numbers suppressed" if view["public"] else "")
