"""Writing a report's files: each version (full, public) in each format is drawn on its own.

Drawing is pure Python (ReportLab, python-docx, xlsxwriter), so one process uses one core. When more than
one version is written (the demo writes both) the files are shared between two processes: the public
version's files are drawn while the full version's are, which took a quiet two-core host about 1.4 s off
the demo's 3 s of writing. One version alone is written here, in this process: starting a second
process costs more than it saves on one PDF.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

FORMATS = ("html", "pdf", "docx", "xlsx")


def _render(report, fmt: str, path: Path) -> Path:
    from . import render_docx, render_html, render_pdf, render_xlsx

    return {"html": render_html, "pdf": render_pdf, "docx": render_docx, "xlsx": render_xlsx}[fmt](report, path)


def write_files(jobs: list[tuple[object, str, Path]], written: Callable[[Path], None]) -> list[Path]:
    """Draw each (report, format, path) job; `written` is told of each file, in the jobs' order."""
    versions = {id(report) for report, _, _ in jobs}
    if len(versions) < 2 or (os.cpu_count() or 1) < 2:
        out = []
        for report, fmt, path in jobs:
            out.append(_render(report, fmt, path))
            written(out[-1])
        return out
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # "spawn", as on Windows and macOS: the store's connection and its threads stay in this process.
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        # The PDFs take longest: started first, they run side by side and the small files fill in after.
        ordered = sorted(range(len(jobs)), key=lambda i: jobs[i][1] != "pdf")
        futures = {i: pool.submit(_render, *jobs[i]) for i in ordered}
        out = []
        for i in range(len(jobs)):
            out.append(futures[i].result())
            written(out[-1])
        return out
