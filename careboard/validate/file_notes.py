"""What `validate` says once for a return or a file, beside the rules that report each row: a table the return
lacks, dates written month first or in another form, child IDs that lost their leading zeros, rows given twice.

Each would otherwise reach the user only as many failing rows, one rule at a time, none saying the cause. The
searches over the typed tables are jobs the schedule runs while its workers are busy with the rules.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..formats.registry import SSDA903 as spec
from ..sql.params import literal
from ..tables.child_zeros import tables_with_children, zero_matches, zeros_message
from ..tables.date_forms import date_form_message, mostly_other_files
from ..tables.month_first import date_cells, may_be_month_first, month_first_files
from ..tables.month_first import message as month_first_message
from .frame import frame_name
from .schedule import Job

MONTH_FIRST = "month_first_files"
OTHER_FORMS = "dates_in_other_forms"
CHILD_ZEROS = "child_id_zeros"
REPEATED_ROWS = "repeated_rows"


def left_out_note(r) -> str | None:
    """A return of CSV files lacking a table every council's return has rows in: its rules would otherwise say it
    row by row (INT08, a child in the episodes missing from the Header ...), never that the file is missing."""
    missing = r.tables_left_out()
    if not missing:
        return None
    one = len(missing) == 1
    return (f"{r.label}: {r.left_out_in_words(missing)}, "
            f"so the rules comparing other tables with {'it' if one else 'them'} report rows as missing from "
            f"{'it' if one else 'them'}: add {'it' if one else 'them'} to the return's files and validate again")


def file_note_jobs(this, files: dict[int, str]) -> list[Job]:
    """The jobs searching this year's typed tables (`this`, the return validated) for what file_notes says."""
    jobs = [_child_zeros_job(files), _repeated_rows_job(this)]
    if any(may_be_month_first(t) for t in this.tables()):
        jobs.append(_dates_job(MONTH_FIRST, month_first_files))
    if this.other_date_forms:
        jobs.append(_dates_job(OTHER_FORMS, mostly_other_files))
    return jobs


def file_notes(found: dict, files: dict[int, str]) -> list[str]:
    """The notes, from what the jobs found (by job name), each naming its file and where there is one, a line."""
    notes = [f"{files[file_id]}, line {first['line']}: {month_first_message(n, first, k, first_either)}"
             for file_id, n, first, k, first_either in sorted(found.get(MONTH_FIRST, []), key=lambda f: f[0])]
    # A file written month first has been told so; any other whose dates are mostly in another form is told it.
    month_first = {file_id for file_id, *_ in found.get(MONTH_FIRST, [])}
    notes += [f"{files[file_id]}: {date_form_message(*counts)}"
              for file_id, *counts in sorted(found.get(OTHER_FORMS, []), key=lambda f: f[0])
              if file_id not in month_first]
    notes += [f"{files[file_id]}, line {line}: {said}" for file_id, line, said in sorted(found.get(CHILD_ZEROS, []))]
    notes += [f"{files[file_id]}, line {line}: {_repeated_words(n, first)}"
              for file_id, n, line, first in sorted(found.get(REPEATED_ROWS, []))]
    return notes


def _child_zeros_job(files: dict[int, str]) -> Job:
    """Files whose child IDs match another file's only without its leading zeros (tables/child_zeros.py)."""
    def rows(where: str) -> str:
        return " UNION ALL ".join(f'SELECT file_id, line_no, "CHILD" AS child FROM {frame_name(t)} WHERE {where}'
                                  for t in tables_with_children((spec,)))

    def run(con):
        # the file by its folder and name ("2024-25/Episodes.csv"): last year's file may have this one's name
        named = " ".join(f"WHEN {i} THEN {literal('/'.join(Path(path).parts[-2:]))}" for i, path in files.items())
        message = zeros_message("m.n", f"CASE m.other_id {named} END", "m.others", "m.here", "m.there")
        return con.execute(f"SELECT m.file_id, m.line_no, {message} FROM ({zero_matches(rows)}) AS m").fetchall()

    return Job(CHILD_ZEROS, run, frozenset(frame_name(t) for t in tables_with_children((spec,))))


def _repeated_rows_job(this) -> Job:
    """Rows repeating an earlier row of their file exactly, cell for cell: the rules would report the pair as a
    child's episodes overlapping, say, never as a row given twice. Gives, per file, how many rows repeat an
    earlier one, the first such row's line and the line it repeats."""
    tables = sorted({t.table for t in this.tables()})

    def groups(table: str) -> str:
        cells = ", ".join(f'"r_{c}"' for c in spec.table(table).all_columns)
        # rows of nothing but commas are said otherwise (ingest): not each a copy of the one before
        return (f"SELECT file_id, list(line_no ORDER BY line_no) AS lines FROM {frame_name(table)} "
                f"WHERE concat({cells}) <> '' GROUP BY file_id, {cells} HAVING count(*) > 1")

    def run(con):
        if not tables:
            return []
        found: dict[int, list[tuple[int, int]]] = {}
        for file_id, lines in con.execute(" UNION ALL ".join(groups(t) for t in tables)).fetchall():
            found.setdefault(file_id, []).extend((line, lines[0]) for line in lines[1:])
        return [(file_id, len(pairs), *min(pairs)) for file_id, pairs in found.items()]

    return Job(REPEATED_ROWS, run, frozenset(frame_name(t) for t in tables))


def _repeated_words(n: int, first: int) -> str:
    if n == 1:
        return f"repeats line {first} exactly, cell for cell (a row given twice, it seems): remove the copy"
    return (f"{n} rows repeat earlier rows of the file exactly, cell for cell (rows given twice, it seems), the "
            f"first repeating line {first}: remove the copies")


def _dates_job(name: str, query: Callable[[str], str]) -> Job:
    """A job running `query` (SQL over every date cell of this year's tables: tables.month_first.date_cells)
    once the tables are typed."""
    dates = [sql for t in spec.tables() if (sql := date_cells(t, lambda i, c: f'"r_{c}"', frame_name(t)))]
    return Job(name, lambda c: c.execute(query(" UNION ALL ".join(dates))).fetchall(),
               frozenset(frame_name(t) for t in spec.tables()))
