"""Writing validation results: CSV (one row per failing row and rule), an Excel workbook and an HTML page."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

from .result import Outcome

CSV_COLUMNS = ["rule", "severity", "table", "row", "child", "fields", "message", "file", "line", "values"]


def _records(outcome: Outcome) -> list[list]:
    return [[f.rule, f.severity, f.table, f.row, f.child or "", f.fields, f.message, f.file, f.line, f.values]
            for f in outcome.failures]


def write_csv(outcome: Outcome, path: Path) -> Path:
    with Path(path).open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(CSV_COLUMNS)
        w.writerows(_records(outcome))
    return Path(path)


def summary_by_rule(outcome: Outcome) -> list[tuple[str, str, int, int, str]]:
    """(rule, severity, failing rows, children, message), most failures first."""
    rows: dict[str, list] = {}
    children: dict[str, set] = defaultdict(set)
    for f in outcome.failures:
        rows.setdefault(f.rule, [f.rule, f.severity, 0, 0, f.message])[2] += 1
        children[f.rule].add(f.child)
    for rule, r in rows.items():
        r[3] = len(children[rule])
    return sorted((tuple(r) for r in rows.values()), key=lambda r: (-r[2], r[0]))


def summary_by_child(outcome: Outcome) -> list[tuple[str, int, str]]:
    counts = Counter(f.child or "" for f in outcome.failures)
    rules: dict[str, set] = defaultdict(set)
    for f in outcome.failures:
        rules[f.child or ""].add(f.rule)
    return [(c, n, " ".join(sorted(rules[c]))) for c, n in counts.most_common()]


def write_xlsx(outcome: Outcome, path: Path) -> Path:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    bold = wb.add_format({"bold": True})
    for name, header, rows in (
        ("Summary by rule", ["rule", "severity", "failing rows", "children", "message"], summary_by_rule(outcome)),
        ("By child", ["child", "failures", "rules"], summary_by_child(outcome)),
        ("Every error", CSV_COLUMNS, _records(outcome)),
        ("Not run", ["rule", "reason"], [(n.rule, n.reason) for n in outcome.not_run]),
    ):
        ws = wb.add_worksheet(name)
        ws.write_row(0, 0, header, bold)
        for i, r in enumerate(rows, start=1):
            ws.write_row(i, 0, list(r))
        ws.autofilter(0, 0, max(len(rows), 1), len(header) - 1)
        ws.freeze_panes(1, 0)
    wb.close()
    return Path(path)


def _table(header: list[str], rows, table_id: str) -> str:
    import html  # only HTML reports need it; validate to CSV starts quicker without

    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "\n".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in r) + "</tr>" for r in rows)
    return f'<table id="{table_id}"><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>'


_STYLE = """body{font-family:system-ui,sans-serif;margin:2em;color:#1b1b1b}table{border-collapse:collapse;margin:1em 0;font-size:.9em}
th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}th{background:#eef}
input{margin:.2em .5em .2em 0;padding:.2em}.note{color:#555}"""

# Filters: type in any box to show only the rows whose column contains that text.
_SCRIPT = """document.querySelectorAll('table').forEach(function(t){
 var head=t.tHead.rows[0],row=t.tHead.insertRow(1);
 for(var i=0;i<head.cells.length;i++){var c=row.insertCell(i),f=document.createElement('input');
  f.placeholder='filter';f.size=8;f.oninput=apply;c.appendChild(f);}
 function apply(){var fs=row.querySelectorAll('input');
  Array.prototype.forEach.call(t.tBodies[0].rows,function(r){var ok=true;
   fs.forEach(function(f,i){if(f.value&&r.cells[i].textContent.toLowerCase().indexOf(f.value.toLowerCase())<0)ok=false;});
   r.style.display=ok?'':'none';});}
});"""


def write_html(outcome: Outcome, path: Path, title: str = "SSDA903 validation") -> Path:
    import html

    y = outcome.year
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>",
             f"<style>{_STYLE}</style></head><body><h1>{html.escape(title)} {y - 1}/{y % 100:02d}</h1>",
             (f"<p>{outcome.rules_run} rules run; {len(outcome.failures)} failing rows "
              f"({outcome.errors} errors, {len(outcome.failures) - outcome.errors} queries).</p>"),
             "<h2>Summary by rule</h2>",
             _table(["rule", "severity", "failing rows", "children", "message"], summary_by_rule(outcome), "by-rule"),
             "<h2>By child</h2>", _table(["child", "failures", "rules"], summary_by_child(outcome), "by-child"),
             "<h2>Every error</h2>", _table(CSV_COLUMNS, _records(outcome), "errors")]
    if outcome.not_run:
        parts += ["<h2>Rules not run</h2>", _table(["rule", "reason"], [(n.rule, n.reason) for n in outcome.not_run], "not-run")]
    parts.append(f"<script>{_SCRIPT}</script></body></html>")
    Path(path).write_text("\n".join(parts), encoding="utf-8")
    return Path(path)


def write_any(outcome: Outcome, path: Path) -> Path:
    suffix = Path(path).suffix.lower()
    writer = {".csv": write_csv, ".xlsx": write_xlsx, ".html": write_html, ".htm": write_html}.get(suffix)
    if writer is None:
        raise ValueError(f"{path}: the output must end in .csv, .xlsx or .html")
    return writer(outcome, path)
