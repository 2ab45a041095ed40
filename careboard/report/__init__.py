"""The monthly Corporate Parenting Committee report: HTML, PDF and the public (suppressed) version.

Heavy libraries (jinja2 for the HTML, ReportLab for the PDF) load only when a report is drawn.
"""

from careboard.report.html import render_html
from careboard.report.pdf import render_pdf
from careboard.report.suppression import suppress

__all__ = ["render_html", "render_pdf", "suppress"]
