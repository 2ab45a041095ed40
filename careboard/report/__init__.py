"""The monthly Corporate Parenting Committee report: HTML, PDF, Word, Excel and the public (suppressed) version.

Heavy libraries (jinja2 for the HTML, ReportLab for the PDF, python-docx and xlsxwriter) load only when
a report is drawn.
"""

from careboard.report.docx import render_docx
from careboard.report.html import render_html
from careboard.report.pdf import render_pdf
from careboard.report.suppression import suppress
from careboard.report.xlsx import render_xlsx

__all__ = ["render_docx", "render_html", "render_pdf", "render_xlsx", "suppress"]
