"""The committee report as an A4 PDF, printed by WeasyPrint from the same HTML."""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

from careboard.report.html import report_html
from careboard.results import Report


def _refuse_fetch(url: str, *args, **kwargs):
    # The HTML is self-contained; anything it tries to load is a bug, not something to fetch.
    raise ValueError(f"the report tried to load {url!r}; it must be self-contained")


def render_pdf(report: Report, path: Path) -> Path:
    """Write the report as a PDF to ``path`` (parent folders created) and return the path."""
    with warnings.catch_warnings():
        # about a system library (HarfBuzz subsetting) WeasyPrint would like; it subsets fonts without it
        warnings.filterwarnings("ignore", message="HarfBuzz-Subset", category=DeprecationWarning)
        import weasyprint

    # WeasyPrint reports unsupported CSS at warning level; the report does not need it in the log.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    document = weasyprint.HTML(string=report_html(report), url_fetcher=_refuse_fetch)
    document.write_pdf(path, pdf_tags=True)   # tagged: headings, tables and reading order for screen readers
    return path
