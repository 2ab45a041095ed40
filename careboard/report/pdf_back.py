"""The back of the PDF report: profile tables of the children looked after, and the numbered notes."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.platypus import KeepTogether, Paragraph, Table, TableStyle

from careboard.report.pdf_parts import MM, Heading, wrapped
from careboard.report.pdf_style import HAIRLINE, INK, LIGHT, NAVY, RULE, WHITE, Styles, markup
from careboard.report.view import TABLE_NOTE, ProfileView

NAME_SHARE = 0.32
PROFILE_SIZE = 8.5
PADDING = 1.8 * MM
GROUP_INDENT = 3.2 * MM   # grouped rows sit 5 mm in, as in the HTML


def profiles(view: dict, style: Styles, width: float) -> list:
    if not view["profiles"]:
        return []
    story: list = [Heading(view["profiles_title"], style.h2, key="profiles")]
    story[0].keepWithNext = True
    story += [KeepTogether(_profile(table, style, width)) for table in view["profiles"]]
    if view["profile_note"]:
        story.append(Paragraph(markup(view["profile_note"]), style.small))
    story.append(Paragraph(TABLE_NOTE, style.small))
    return story


def _grid(fonts) -> list:
    """The look of a table of counts: a navy header row, figures on the right, a hairline under each row."""
    return [
        ("BACKGROUND", (0, 0), (-1, 0), HexColor(NAVY)),
        ("TEXTCOLOR", (0, 0), (-1, 0), HexColor(WHITE)),
        ("FONT", (0, 0), (-1, 0), fonts.bold, PROFILE_SIZE),
        ("FONT", (0, 1), (-1, -1), fonts.regular, PROFILE_SIZE),
        ("TEXTCOLOR", (0, 1), (-1, -1), HexColor(INK)),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"), ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING), ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.4),
        ("LINEBELOW", (0, 1), (-1, -1), 0.75, HexColor(HAIRLINE)),
    ]


def _profile(table: ProfileView, style: Styles, width: float) -> Table:
    fonts = style.fonts
    figures = len(table.dates) + table.has_change
    widths = [width * NAME_SHARE] + [width * (1 - NAME_SHARE) / figures] * figures
    label_width = widths[0] - 2 * PADDING

    def label(text: str, bold: bool = False, indent: float = 0) -> str:
        return wrapped(text, fonts.bold if bold else fonts.regular, PROFILE_SIZE, label_width - indent)

    rows = [[label(table.title, bold=True), *table.dates] + (["Change"] if table.has_change else [])]
    commands = _grid(fonts)
    if table.has_change:
        commands.append(("LINEBEFORE", (-1, 0), (-1, -1), 0.75, HexColor(RULE)))
    for row in table.rows:
        index = len(rows)
        rows.append([label(row["label"], row["subtotal"], GROUP_INDENT if row["grouped"] else 0), *row["cells"]] + ([row["change"]] if table.has_change else []))
        if row["subtotal"]:
            commands += [("FONT", (0, index), (-1, index), fonts.bold, PROFILE_SIZE),
                         ("BACKGROUND", (0, index), (-1, index), HexColor(LIGHT))]
        elif row["grouped"]:
            commands.append(("LEFTPADDING", (0, index), (0, index), PADDING + GROUP_INDENT))
    profile = Table(rows, colWidths=widths, repeatRows=1, style=TableStyle(commands))
    profile.spaceAfter = 4 * MM
    return profile


def notes(view: dict, style: Styles) -> list:
    items = [Paragraph(markup(note), style.notes, bulletText=f"{number}.")
             for number, note in enumerate(view["footnotes"], start=1)]
    return [KeepTogether([Heading("Notes", style.notes_heading, key="notes"), *items])]


GLOSSARY_TERM_SHARE = 0.28


def glossary(view: dict, style: Styles, width: float) -> list:
    """The glossary as a two-column table (term, meaning), as in the HTML."""
    if not view["glossary"]:
        return []
    widths = [width * GLOSSARY_TERM_SHARE, width * (1 - GLOSSARY_TERM_SHARE)]
    rows = [[Paragraph("<b>Term</b>", style.cell), Paragraph("<b>Meaning</b>", style.cell)]]
    rows += [[Paragraph(f"<b>{markup(entry.term)}</b>", style.cell), Paragraph(markup(entry.meaning), style.cell)]
             for entry in view["glossary"]]
    table = Table(rows, colWidths=widths, repeatRows=1, style=TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 1.5, HexColor(NAVY)),
        ("LINEBELOW", (0, 1), (-1, -1), 0.75, HexColor(HAIRLINE)),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING), ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.4),
    ]))
    heading = Heading("Glossary", style.notes_heading, key="glossary")
    heading.keepWithNext = True
    return [heading, table]


def summary_table(table: dict, style: Styles, width: float) -> KeepTogether:
    """A breakdown table (counts by month or by code) with its title above and what it counts below, kept on
    one page; styled like the profile tables."""
    fonts = style.fonts
    figures = len(table["headings"]) - 1
    widths = [width * NAME_SHARE] + [width * (1 - NAME_SHARE) / figures] * figures

    def cell(text: str, column: int, bold: bool = False) -> str:
        return wrapped(text, fonts.bold if bold else fonts.regular, PROFILE_SIZE, widths[column] - 2 * PADDING)

    rows = [[cell(h, i, bold=True) for i, h in enumerate(table["headings"])]]
    rows += [[cell(r["label"], 0), *r["cells"]] for r in table["rows"]]
    commands = _grid(fonts)
    grid = Table(rows, colWidths=widths, repeatRows=1, style=TableStyle(commands))
    grid.spaceAfter = 2 * MM
    return KeepTogether([Paragraph(markup(table["title"]), style.caption), grid,
                         Paragraph(markup(table["description"]), style.small)])
