"""The committee report as a Word document, for the clerks who edit and publish committee papers.

Same words, figures and order as the HTML, taken from its view (careboard.report.view): front page,
scorecard, each section's indicators with their sentence, commentary and benchmarks, profile tables,
notes and glossary. Built on Word's own styles (Title, Heading 1 and 2, List Bullet, List Number,
Table Grid) so a clerk can restyle it to the council's template. The trend charts are left out: Word
cannot take the HTML's SVG and ReportLab here has no bitmap renderer, so the HTML and PDF carry them.
"""

from __future__ import annotations

import re
from pathlib import Path

from careboard.report.pdf import TITLE
from careboard.results import Report
from careboard.whole_files import written

RAG_SHADES = {"rag-red": "F4C7C3", "rag-amber": "FCE8B2", "rag-green": "B7E1CD"}
WORD_NAMESPACE = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
TWIPS_PER_CM = 1440 / 2.54
CONTROL = re.compile(r"[\x00-\x1f]")
HEAD_SHADE = "DCE4EE"
TABLE_TEXT = {"Table Text": 9, "Table Text Small": 8}   # paragraph styles of the tables' cells, in points
SUBTOTAL_SHADE = "F0F3F7"
SCORECARD_HEADER = ("Indicator", "Period", "Value", "Target", "Variance", "RAG", "Previous period", "Change",
                    "Direction")
HOW_TO_READ = (
    "Green: on target or better; Amber: close to target; Red: off target; “No target” means a context "
    "measure that is not rated.",
    "Arrows show whether performance moved since the previous period, not whether the number went up: "
    "▲ improved, ▼ deteriorated, ■ unchanged.",
    "“High is good” or “Low is good” under each measure says which way is better.",
)
CHARTS_NOTE = ("The trend charts are in the HTML and PDF versions of this report; this Word version has the "
               "figures and words only.")


def render_docx(report: Report, path: Path) -> Path:
    """Write the report as a .docx to ``path`` (parent folders created) and return the path."""
    from careboard.report.view import build

    document = report_document(build(report))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with written(path) as part:
        document.save(str(part))
    return path


def report_document(view: dict):
    """The python-docx Document for a view built by careboard.report.view.build."""
    import docx
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)   # A4, like the PDF
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(10)
    _add_table_styles(document)
    properties = document.core_properties
    properties.title = f"{view['council']} – {TITLE} – {view['month']}" + (" (public)" if view["public"] else "")
    properties.author, properties.subject = view["council"], f"Position at {view['as_at']}"
    section.header.paragraphs[0].text = f"{view['council']} · {TITLE} · Position at {view['as_at']}"
    _footer(section.footer.paragraphs[0], view)
    _front(document, view)
    _scorecard(document, view)
    for part in view["sections"]:
        _section(document, part)
    _profiles(document, view)
    _heading(document, "Notes", 1)
    for note in view["footnotes"]:
        _para(document, note, "List Number")
    if view["glossary"]:
        _heading(document, "Glossary", 1)
        rows = [("Term", "Meaning")] + [(item.term, item.meaning) for item in view["glossary"]]
        _table(document, rows, widths=(4.5, 12.5), bold_columns=(0,))
    return document


def _footer(paragraph, view: dict) -> None:
    """As the PDF's: when it was generated, whether it is the public version, and the page number."""
    from docx.oxml import parse_xml

    paragraph.text = f"Generated {view['generated']}" + (
        " · Public version: small numbers suppressed" if view["public"] else "") + " · Page "
    paragraph._p.append(parse_xml(f'<w:fldSimple {WORD_NAMESPACE} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))


def _front(document, view: dict) -> None:
    _para(document, view["council"], "Subtitle")
    _para(document, TITLE, "Title")
    document.add_paragraph(f"Position at {view['as_at']}")
    edition = document.add_paragraph(f"Generated {view['generated']}")
    if view["public"]:
        edition.add_run(" · ")
        edition.add_run("Public version: small numbers suppressed").bold = True
    for note in ("council_note", "data_note"):
        if view[note]:
            _para(document, view[note], "Intense Quote")
    _heading(document, "How to read this report", 2)
    for line in HOW_TO_READ:
        _para(document, line, "List Bullet")
    if view["public"]:
        _para(document, f"c means the figure is suppressed because it involves between 1 and "
                        f"{view['threshold']} children, or could be worked out from one that does.", "List Bullet")
    _para(document, CHARTS_NOTE, "List Bullet")


# The scorecard's columns in cm, filling the 17 cm between A4's 2 cm margins: indicator, period, value, target,
# variance, RAG, previous period, change, direction. A value of 100.0% and "No target" each keep to one line.
SCORECARD_WIDTHS = (3.4, 1.7, 1.7, 1.5, 1.6, 1.8, 1.6, 1.7, 2.0)


def _scorecard(document, view: dict) -> None:
    _heading(document, "Summary scorecard", 1)
    rows, shades, section_rows = [SCORECARD_HEADER], {}, []
    for part in view["sections"]:
        if part["name"]:
            section_rows.append(len(rows))
            rows.append((part["name"],))
        for panel in part["panels"]:
            shades[(len(rows), 5)] = RAG_SHADES.get(panel.rag.css)
            rows.append((panel.title, panel.span, panel.value, panel.target, panel.variance, panel.rag.word,
                         panel.previous, f"{panel.change.symbol} {panel.change.word}".strip(), panel.polarity))
    _table(document, rows, widths=SCORECARD_WIDTHS, small=True,
           numbers=(2, 3, 4, 6), shades=shades, spans=section_rows)


def _section(document, part: dict) -> None:
    if part["name"]:
        _heading(document, part["name"], 1)
    if part["commentary"]:
        _commentary(document, part["commentary"])
    for panel in part["panels"]:
        _heading(document, panel.title, 2)
        period = document.add_paragraph()
        period.add_run(panel.period).italic = True
        period.paragraph_format.keep_with_next = True   # with the figures' table below it
        change = f"{panel.change.symbol} {panel.change.word}".strip()
        _table(document, [("Value", "RAG", "Target", "Variance", panel.compared_with, "Change", "Direction"),
                          (panel.value, panel.rag.word, panel.target, panel.variance, panel.previous, change,
                           panel.polarity)], widths=(2.2, 2.2, 2.2, 2.3, 2.6, 2.6, 2.6),
               shades={(1, 1): RAG_SHADES.get(panel.rag.css)}, bold_columns=(0,))
        if panel.sentence:
            _after_table(document.add_paragraph(panel.sentence))
        if panel.commentary:
            _commentary(document, panel.commentary)
        if panel.benchmarks:
            caption = _after_table(document.add_paragraph())
            caption.add_run("Benchmarks").bold = True
            header = ("Comparator", "Year", "Published", "Current vs benchmark") + (
                ("Note",) if panel.benchmark_notes else ())
            rows = [header] + [(b["label"], b["period"], b["value"], b["gap"]) + ((b["note"],) if panel.benchmark_notes
                                                                                 else ())
                               for b in panel.benchmarks]
            _table(document, rows, widths=(4, 2, 2.5, 3.5) + ((5,) if panel.benchmark_notes else ()),
                   numbers=(2, 3))
            if panel.benchmark_caution:
                _after_table(document.add_paragraph(panel.benchmark_caution))
        if panel.definition:
            definition = _after_table(document.add_paragraph())
            definition.add_run("Definition: ").bold = True
            definition.add_run(panel.definition)
        if panel.dq_note:
            quality = document.add_paragraph()
            quality.add_run("Data quality: ").bold = True
            quality.add_run(panel.dq_note)
    for table in part.get("tables", ()):
        _summary(document, table)


def _summary(document, table: dict) -> None:
    """A breakdown table under its section: its title, the counts, and what it counts."""
    caption = document.add_paragraph()
    caption.add_run(table["title"]).bold = True
    caption.paragraph_format.keep_with_next = True
    figures = len(table["headings"]) - 1
    rows = [tuple(table["headings"])] + [(row["label"], *row["cells"]) for row in table["rows"]]
    _table(document, rows, widths=(5.5,) + (11.5 / figures,) * figures, numbers=range(1, figures + 1))
    _after_table(document.add_paragraph(table["description"]))


def _after_table(paragraph):
    """A paragraph that may follow a table, set a little below it."""
    from docx.shared import Pt

    paragraph.paragraph_format.space_before = Pt(6)
    return paragraph


def _commentary(document, paragraphs: tuple[str, ...]) -> None:
    """The service's own words, in Word's Quote style so they stand apart from careboard's."""
    head = _para(document, "", "Quote")
    head.add_run("Service commentary").bold = True
    for text in paragraphs:
        _para(document, text, "Quote")


def _profiles(document, view: dict) -> None:
    if not view["profiles"]:
        return
    _heading(document, view["profiles_title"], 1)
    for shown in view["profiles"]:
        header = (shown.title, *shown.dates) + (("Change",) if shown.has_change else ())
        rows = [header] + [(("    " if row["grouped"] else "") + row["label"], *row["cells"])
                           + ((row["change"],) if shown.has_change else ()) for row in shown.rows]
        figures = len(header) - 1
        subtotals = [index for index, row in enumerate(shown.rows, start=1) if row["subtotal"]]
        _table(document, rows, widths=(5.5,) + (11.5 / figures,) * figures,
               numbers=range(1, len(header)), bold_rows=subtotals,
               shades={(index, column): SUBTOTAL_SHADE for index in subtotals for column in range(len(header))})
        document.add_paragraph()
    from careboard.report.view import TABLE_NOTE

    if view["profile_note"]:
        document.add_paragraph(view["profile_note"])
    document.add_paragraph(TABLE_NOTE)


def _table(document, rows, widths, small: bool = False, numbers=(), shades=None, bold_rows=(), bold_columns=(),
           spans=()) -> None:
    """A Table Grid table, its first row bold, shaded and repeated on each page, written as one piece of
    WordprocessingML: filling cells one by one through python-docx took a second for the demo's report.

    ``widths`` in cm; ``numbers``: columns set right-aligned; ``shades``: {(row, column): colour};
    ``bold_rows`` and ``bold_columns``: rows and columns in bold; ``spans``: rows whose first cell spans the
    table (section names in the scorecard).
    """
    from docx.oxml import parse_xml

    shades, bold = shades or {}, {0, *bold_rows}
    text_style = _style_id(document, "Table Text Small" if small else "Table Text")
    twips = [round(width * TWIPS_PER_CM) for width in widths]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in twips)
    body = []
    for r, values in enumerate(rows):
        # No row is split over two pages (a long name wrapped to a second line would leave it alone overleaf);
        # the first row is repeated at the top of each page the table runs onto.
        head = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if r == 0 else "") + "</w:trPr>"
        if r in spans:
            cells = [_cell(values[0], sum(twips), text_style, True, False, HEAD_SHADE, len(twips))]
        else:
            cells = [_cell(text, twips[c], text_style, r in bold or c in bold_columns, c in numbers,
                           HEAD_SHADE if r == 0 else shades.get((r, c)))
                     for c, text in enumerate(values)]
        body.append(f"<w:tr>{head}{''.join(cells)}</w:tr>")
    table = parse_xml(
        f'<w:tbl {WORD_NAMESPACE}><w:tblPr><w:tblStyle w:val="{_style_id(document, "Table Grid")}"/>'
        f'<w:tblW w:type="dxa" w:w="{sum(twips)}"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" '
        f'w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(body)}</w:tbl>')
    document.element.body._insert_tbl(table)


def _cell(text, width: int, style_id: str, bold: bool, right: bool, shade: str | None, span: int = 1) -> str:
    """One table cell's XML: its width, span and shading, and one paragraph in ``style_id``."""
    from xml.sax.saxutils import escape, quoteattr

    properties = f'<w:tcW w:type="dxa" w:w="{width}"/>' + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")
    if shade:
        properties += f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>'
    paragraph = f"<w:pPr><w:pStyle w:val={quoteattr(style_id)}/>" + ('<w:jc w:val="right"/>' if right else "") + "</w:pPr>"
    text = str(text)
    if text:   # an empty cell has no run at all
        paragraph += ("<w:r>" + ("<w:rPr><w:b/></w:rPr>" if bold else "")
                      + f'<w:t xml:space="preserve">{escape(_xml_safe(text))}</w:t></w:r>')
    return f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p>{paragraph}</w:p></w:tc>"


def _xml_safe(text: str) -> str:
    """Text with the control characters XML cannot hold taken out (tabs and line breaks become spaces)."""
    return CONTROL.sub(" ", text)


def _heading(document, text: str, level: int):
    return _para(document, text, f"Heading {level}")


def _para(document, text: str, style: str):
    """A paragraph in one of Word's styles (set by its id: python-docx would search every style each time)."""
    paragraph = document.add_paragraph(text)
    _set_style(paragraph, _style_id(document, style))
    return paragraph


def _set_style(paragraph, style_id: str) -> None:
    paragraph._p.get_or_add_pPr().style = style_id


def _style_id(document, name: str) -> str:
    """A style's id by its name, looked up once per document."""
    cache = document.__dict__.setdefault("_careboard_styles", {})
    if name not in cache:
        cache[name] = document.styles[name].style_id
    return cache[name]


def _add_table_styles(document) -> None:
    """Paragraph styles for table text, so a clerk can change every table's type in one place."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    for name, size in TABLE_TEXT.items():
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.font.size = Pt(size)
        style.paragraph_format.space_before = style.paragraph_format.space_after = Pt(0)

