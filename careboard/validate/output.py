"""Writing validation results: CSV (one row per failing row and rule), a summary of every rule (CSV), an
Excel workbook and an HTML page.

The failing rows are read from the engine (result.Failures) and written by it: the CSV with DuckDB's
COPY, the workbook's sheets of failing rows with one query each (xlsx_rows.py). Every text cell is made
safe to open in a spreadsheet, every HTML value is escaped.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..plural import counted
from ..safe_cells import RISKY_STARTS
from ..store.rule_results import COLUMNS, ORDER, Outcome
from ..whole_files import written

CSV_COLUMNS = list(COLUMNS)
NUMBERS = frozenset({"row", "line", "failing_rows", "children"})   # written as they are
# The summary of every rule in a run, for a program to tell "nothing found" (status ran, 0 failing rows)
# from "not run" (status skipped, not applicable or failed to run, with the reason; counts left empty).
SUMMARY_COLUMNS = ["rule", "status", "severity", "failing_rows", "children", "message", "reason"]
# The HTML holds the summaries and the first rows of each rule; every row is in the CSV or the workbook.
HTML_ROWS_PER_RULE = 20
HTML_CHILDREN = 200

# A text cell made inert for spreadsheets, in the engine: a cell beginning with =, +, -, @, tab or
# carriage return (safe_cells.RISKY_STARTS) gets a leading single quote, as safe_cells.safe_text does in
# Python. The first character is compared by its code: at 442,000 failing rows, taking it as text made
# writing the CSV 20% slower.
SAFE_CELL_SQL = ("CASE WHEN ascii({x}) IN (" + ", ".join(str(ord(c)) for c in RISKY_STARTS) + ") "
                 "THEN '''' || {x} ELSE {x} END")


def _csv_cell(column: str, own_words: frozenset[str] = frozenset()) -> str:
    """The SQL for one column of a CSV: text made safe (but for a column of `own_words`, which holds only
    careboard's own words, never beginning like a formula), and empty text written as nothing at all, as
    Python's csv module does (DuckDB quotes an empty string to tell it from NULL)."""
    x = f'"{column}"'
    if column in NUMBERS:
        return x
    return f"nullif({x if column in own_words else SAFE_CELL_SQL.format(x=x)}, '') AS {x}"


def _copy_csv(con, tables: list[str], columns: list[str], path: Path, own_words: frozenset[str] = frozenset()) -> Path:
    """COPY `columns` of `tables` (whose rows follow one another), in order, to a CSV with a header, CRLF
    line ends and safe cells."""
    from ..backends import engine

    cells = ", ".join(_csv_cell(c, own_words) for c in columns)
    engine().copy_csv(con, [f"SELECT {cells} FROM {t}" for t in tables], path)
    return Path(path)


def _failing_rows(outcome: Outcome) -> str:
    return f"SELECT {', '.join(chr(34) + c + chr(34) for c in CSV_COLUMNS)} FROM {outcome.failures.source}"


def write_csv(outcome: Outcome, path: Path) -> Path:
    if outcome.failures.con is None:    # nothing was run: the header alone
        with written(path) as part:
            part.write_text(",".join(CSV_COLUMNS) + "\r\n", encoding="utf-8")
        return Path(path)
    failures = outcome.failures
    return _copy_csv(failures.con, failures.runs(), CSV_COLUMNS, path, failures.own_words)


def rule_summary(outcome: Outcome) -> list[tuple]:
    """Every rule of the run, as SUMMARY_COLUMNS: the rules that ran, most failing rows first (none is
    0), then the rules not run with the reason; for a snapshot's findings, then each kind the load found."""
    found = {}
    if outcome.failures.con is not None:
        found = {rule: (rows, children) for rule, rows, children in outcome.failures.query(
            "SELECT rule, count(*), count(DISTINCT coalesce(child, '')) FROM {failures} GROUP BY rule").fetchall()}
    ran = sorted(((r.rule, "ran", r.severity, *found.get(r.rule, (0, 0)), r.message, "") for r in outcome.ran),
                 key=lambda s: (-s[3], rule_order(s[0])))
    not_run = sorted(((n.rule, _status(n.reason, n.crashed), None, None, None, "", n.reason) for n in outcome.not_run),
                     key=lambda s: rule_order(s[0]))
    loaded = [(kind, "found on loading", severity, rows, children, "", "")
              for kind, severity, rows, children in outcome.loaded]
    return ran + not_run + loaded


def rule_order(rule: str) -> tuple:
    """A rule's place in a list of rules: by its number, as the DfE lists them (101 before 1000, 197a beside
    197B), those with letters before the number (INT, SW) after the rest."""
    letters, number, rest = re.match(r"([A-Za-z]*)(\d*)(.*)", rule).groups()
    return letters.upper(), int(number or 0), rest.upper()


def _status(reason: str, crashed: bool) -> str:
    if crashed:
        return "failed to run"
    # a snapshot's reason of several years begins with its year ("2024/25: not applicable: ...")
    return "not applicable" if reason.startswith("not applicable") or ": not applicable" in reason else "skipped"


def write_summary(outcome: Outcome, path: Path) -> Path:
    """The summary of every rule as CSV (see SUMMARY_COLUMNS)."""
    from ..backends import engine

    rows = rule_summary(outcome)
    con = engine().connect()
    try:
        con.execute("CREATE TABLE summary AS SELECT " + ", ".join(
            f"unnest(?::{'INTEGER' if c in ('failing_rows', 'children') else 'VARCHAR'}[]) AS {c}"
            for c in SUMMARY_COLUMNS), [list(col) for col in zip(*rows)] if rows else [[]] * len(SUMMARY_COLUMNS))
        return _copy_csv(con, ["summary"], SUMMARY_COLUMNS, path)
    finally:
        con.close()


def summary_by_child(outcome: Outcome, limit: int | None = None) -> list[tuple[str, int, str]]:
    """(child, failing rows, rules), most failing rows first."""
    if outcome.failures.con is None:
        return []
    return outcome.failures.con.execute(_by_child_sql(outcome, limit)).fetchall()


def _by_child_sql(outcome: Outcome, limit: int | None = None) -> str:
    return (f"SELECT coalesce(child, '') AS child, count(*) AS failing_rows, string_agg(DISTINCT rule, ' ' ORDER BY "
            f"rule) AS rules FROM {outcome.failures.source} GROUP BY 1 ORDER BY 2 DESC, 1"
            + (f" LIMIT {int(limit)}" if limit else ""))


BY_CHILD_HEADER = ["child", "failing rows", "rules"]


def write_xlsx(outcome: Outcome, path: Path) -> Path:
    """The summary of every rule, the failing rows by child, every failing row and the notes, a sheet each. Text is
    written as text, never as a formula or a link. The rows of the two big sheets are written by the engine
    (xlsx_rows.py): cell by cell from Python they were most of the command's time."""
    from .xlsx_rows import Rows, write_with_rows

    rows = len(outcome.failures)
    children = outcome.failures.count(what="DISTINCT coalesce(child, '')")
    # The sheets after the summary of every rule, numbered from 2: name, header, rows.
    big = [("By child", BY_CHILD_HEADER,
            Rows(_by_child_sql(outcome), ["child", "failing_rows", "rules"], frozenset({"failing_rows"}), children)),
           ("Every failing row", CSV_COLUMNS, Rows(_failing_rows(outcome), CSV_COLUMNS, NUMBERS, rows))]
    book = _workbook_but_rows(outcome, [(name, header, r.count) for name, header, r in big])
    if not rows:
        with written(path) as part:
            part.write_bytes(book)
        return Path(path)
    return write_with_rows(book, outcome.failures.con, {n: r for n, (_, _, r) in enumerate(big, start=2)}, path)


def _workbook_but_rows(outcome: Outcome, headers: list[tuple[str, list[str], int]]) -> bytes:
    """The workbook: the summary of every rule, then a sheet for each of `headers` (its name, its header
    and the number of rows it will have) with its header row alone. Made in a function of its own so that
    xlsxwriter's cells are let go before the rows are written."""
    import io

    import xlsxwriter

    from ..safe_cells import write_xlsx_row

    book = io.BytesIO()
    wb = xlsxwriter.Workbook(book, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                    "strings_to_numbers": False})
    bold = wb.add_format({"bold": True})

    def sheet(name: str, header: list[str], data, n: int) -> None:
        ws = wb.add_worksheet(name)
        ws.write_row(0, 0, header, bold)
        ws.freeze_panes(1, 0)
        for i, r in enumerate(data, start=1):
            write_xlsx_row(ws, i, r, None)
        ws.autofilter(0, 0, max(n, 1), len(header) - 1)

    by_rule = rule_summary(outcome)
    sheet("Summary by rule", SUMMARY_COLUMNS, by_rule, len(by_rule))
    for name, header, n in headers:
        sheet(name, header, [], n)
    sheet("Notes", ["note"], [(note,) for note in outcome.notes], len(outcome.notes))
    wb.close()
    return book.getvalue()


def _table(header: list[str], rows, table_id: str) -> str:
    import html  # only HTML reports need it; validate to CSV starts quicker without

    # Column names as words: the CSV's failing_rows is "failing rows" on the page.
    head = "".join(f"<th>{html.escape(h.replace('_', ' '))}</th>" for h in header)
    body = "\n".join("<tr>" + "".join(f"<td>{html.escape('' if c is None else str(c))}</td>" for c in r) + "</tr>"
                     for r in rows)
    return f'<table id="{table_id}"><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>'


# The failing rows fit the window: their table is laid out by the widths below (percent), not by its
# content, and a cell wraps anywhere (a file's path has no space to break at). Measuring every cell's
# content instead, to wrap only the long ones, took headless Chromium 0.6-1.2 s longer to open the page at
# 2,876 children; with fixed widths it opens as quickly as the page did before, when it ran 350 px past a
# 1280 px window. The filter boxes take their column's width.
_WIDTHS = {"rule": 6, "severity": 6, "table": 9, "row": 4, "child": 8, "fields": 12, "message": 25, "file": 14,
           "line": 4, "values": 12}
_STYLE = ("""body{font-family:system-ui,sans-serif;margin:2em;color:#1b1b1b}table{border-collapse:collapse;margin:1em 0;font-size:.9em}
th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}th{background:#eef}
input{margin:.2em 0;padding:.2em;width:100%;min-width:3em;box-sizing:border-box}.note{color:#555}
#errors{table-layout:fixed;width:100%}#errors td{overflow-wrap:anywhere}"""
          + "".join(f"\n#errors th:nth-child({COLUMNS.index(c) + 1}){{width:{w}%}}" for c, w in _WIDTHS.items()))


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


def _by_severity(outcome: Outcome) -> str:
    """The failing rows by severity: '49 errors, 2 queries', and for a snapshot's findings, which hold the
    load's too, their warnings and notes besides ('11 warnings, 1 note')."""
    total, errors = len(outcome.failures), outcome.errors
    if not outcome.loaded:
        return f"{counted(errors, 'error')}, {counted(total - errors, 'query', 'queries')}"
    n = dict(outcome.failures.query("SELECT severity, count(*) FROM {failures} GROUP BY severity").fetchall())
    return ", ".join(counted(n[s], s, "queries" if s == "query" else None)
                     for s in ("error", "query", "warning", "note") if n.get(s))


def write_html(outcome: Outcome, path: Path, title: str = "SSDA903 validation") -> Path:
    """A page that opens quickly at any size: every rule with its count, the children with the most
    failing rows, and the first rows of each rule (every row is in the CSV and the workbook)."""
    import html

    total = len(outcome.failures)
    first = []
    if outcome.failures.con is not None:
        cols = ", ".join(f'"{c}"' for c in CSV_COLUMNS)
        # The rows are chosen by their keys alone (a failing row is one rule, table and row): numbering
        # whole rows held every row's text at once (at 442,000 rows, 130 MB more at peak).
        first = outcome.failures.query(
            f'SELECT {cols} FROM {{failures}} WHERE (rule, "table", "row") IN (SELECT rule, "table", "row" '
            f"FROM {{failures}} QUALIFY row_number() OVER (PARTITION BY rule ORDER BY {ORDER}) <= {HTML_ROWS_PER_RULE}) "
            f"ORDER BY rule, {ORDER}").fetchall()
    # rows naming no child (a row of commas alone, say) are one group: said so, not a blank child
    by_child = [(child or "(no child ID)", n, rules) for child, n, rules in summary_by_child(outcome, HTML_CHILDREN)]
    summary = rule_summary(outcome)
    found, rest = [r for r in summary if r[3]], [r for r in summary if not r[3]]
    loaded = ", then each kind of finding the load made" if outcome.loaded else ""
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>",
             f"<style>{_STYLE}</style></head><body><h1>{html.escape(title)} {outcome.years_in_words()}</h1>",
             f"<p>{outcome.rules_run_in_words()}; {counted(total, 'failing row')} ({_by_severity(outcome)}).</p>",
             _notes(outcome.notes),
             "<h2>Rules with failing rows</h2>",
             f"<p class='note'>Each rule that found failing rows, most first{loaded}; the rules that found "
             "nothing, and those that did not run and why, are listed at the end of the page.</p>",
             _table(SUMMARY_COLUMNS, found, "by-rule"),
             "<h2>By child</h2>",
             (f"<p class='note'>The {len(by_child)} children with the most failing rows.</p>"
              if len(by_child) == HTML_CHILDREN else ""),
             _table(["child", "failing rows", "rules"], by_child, "by-child"),
             "<h2>Failing rows</h2>",
             (f"<p class='note'>The first {HTML_ROWS_PER_RULE} rows of each rule, {len(first)} of {total}; "
              "the CSV and Excel outputs hold every row.</p>" if len(first) < total else ""),
             _table(CSV_COLUMNS, first, "errors"),
             "<h2>Rules that found nothing or did not run</h2>",
             _table(SUMMARY_COLUMNS, rest, "quiet-rules"),
             f"<script>{_SCRIPT}</script></body></html>"]
    with written(path) as part:
        part.write_text("\n".join(parts), encoding="utf-8")
    return Path(path)


def _notes(notes: list[str]) -> str:
    """What reading the files found and how the year was worked out, as validate prints them: before the rules,
    since a note may say the rows are not what the file meant (dates written month first, columns ignored)."""
    import html

    if not notes:
        return ""
    items = "".join(f"<li>{html.escape(note)}</li>" for note in notes)
    return f"<h2>Notes</h2><ul class='notes'>{items}</ul>"


def write_any(outcome: Outcome, path: Path, title: str | None = None) -> Path:
    """`outcome` written as the path's ending asks; `title` heads a page (see write_html)."""
    suffix = Path(path).suffix.lower()
    writer = {".csv": write_csv, ".xlsx": write_xlsx, ".html": write_html, ".htm": write_html}.get(suffix)
    if writer is None:
        raise ValueError(f"{path}: the output must end in .csv, .xlsx or .html")
    return writer(outcome, path, title) if writer is write_html and title else writer(outcome, path)
