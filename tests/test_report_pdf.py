"""The committee report as a PDF, printed from the same HTML."""

import tests.report_fixture as fx
from careboard.report import render_pdf, suppress
from tests.report_reading import pdf_page_count


def test_pdf_is_written_with_several_pages(tmp_path):
    # one PDF only: WeasyPrint takes a second or two, and the public version differs only in its HTML
    path = render_pdf(suppress(fx.report()), tmp_path / "out" / "report.pdf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    # title and scorecard, two pages of panels, profile tables and notes
    assert pdf_page_count(data) == 4
