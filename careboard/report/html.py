"""The committee report as one self-contained HTML file (inline CSS and SVG, nothing fetched)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from careboard.results import Report
from careboard.whole_files import written

TEMPLATES = "careboard.report"


def report_html(report: Report) -> str:
    """The report as an HTML string (the PDF is drawn from the same view model, in pdf.py)."""
    import jinja2

    from careboard.report.view import build

    folder = resources.files(TEMPLATES).joinpath("templates")
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                                     trim_blocks=True, lstrip_blocks=True)
    template = environment.from_string(folder.joinpath("report.html.j2").read_text(encoding="utf-8"))
    context = build(report)
    return template.render(css=folder.joinpath("report.css").read_text(encoding="utf-8"), **context)


def render_html(report: Report, path: Path) -> Path:
    """Write the report to ``path`` (parent folders created) and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    html = report_html(report)
    with written(path) as part:
        part.write_text(html, encoding="utf-8")
    return path
