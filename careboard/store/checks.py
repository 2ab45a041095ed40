"""Data-quality findings every load records: values that did not parse, duplicate keys, and (normalised.py)
cells read differently from how they were written.

These are set-based SQL checks over the rows just staged. The DfE validation rules are a separate,
much larger layer; these only say where the typed staging tables lost information.
"""

from __future__ import annotations

from ..formats import registry
from ..formats.aliases import AliasedFormat
from . import list_checks
from .normalised import cell_findings
from ..tables.child_zeros import tables_with_children, zero_matches, zeros_message
from ..tables.date_forms import how_written
from ..tables.month_first import date_cells, month_first_files, reads_only_month_first
from ..tables.month_first import message as month_first_message
from ..tables.schema import NORMALISED, child_of, staging_name, trimmed

_INSERT = "INSERT INTO dq_findings "


# `sid` below is the SQL that follows "snapshot_id = ": the snapshot, narrowed to the files to check.
def _unparsed(table: str, sid: str) -> list[str]:
    t = registry.table(table)
    out = []
    for i, c in enumerate(t.all_columns, start=1):     # raw[i] is column c's cell
        kind = t.kind(c)
        if kind not in ("date", "integer"):
            continue
        expected = "a date written dd/mm/yyyy" if kind == "date" else "a whole number"
        cell = trimmed(f"raw[{i}]")
        out.append(f"""SELECT snapshot_id, 'error', 'bad_{kind}', '{table}', file_id, line_no, {child_of(table)}, '{c}', raw[{i}],
       '{c} "' || {cell} || '" is not {expected}'
FROM {staging_name(table)}
WHERE snapshot_id = {sid} AND {NORMALISED} AND "{c}" IS NULL AND nullif({cell}, '') IS NOT NULL""")
    return out


def _explain_bad_dates(con, sid: int, scope: str) -> None:
    """Add to each new unreadable date's finding how it was written, where it is a form exports often use, and
    what to do. One statement over the findings, rather than the same patterns in the check of every date column
    (compiling them there made a load of one council's error-heavy return a fifth slower)."""
    # The local lists read more forms of date than the return (year first, with a time, the month in words),
    # so of those forms only what none of them reads comes to this.
    how = how_written("trim(value)")     # the cell as written (a finding keeps it untrimmed)
    con.execute(f"UPDATE dq_findings SET message = message || {how} WHERE snapshot_id = {scope} AND code = 'bad_date'")


def _record_month_first(con, sid: int, tables: list[str], scope: str) -> None:
    """One error for each file of `tables` (`scope` as above) whose dates are written month first."""
    dates = [sql for t in tables if (sql := date_cells(t, lambda i, c: trimmed(f"raw[{i}]"),
                                                      f"{staging_name(t)} WHERE snapshot_id = {scope}"))]
    if not dates:
        return
    found = con.execute(month_first_files(" UNION ALL ".join(dates))).fetchall()
    if not found:
        return
    tables_of = dict(con.execute(f"SELECT file_id, table_name FROM source_files WHERE snapshot_id = {int(sid)}").fetchall())
    con.executemany(_INSERT + "VALUES (?, 'error', 'month_first_dates', ?, ?, ?, NULL, ?, ?, ?)",
                    [(sid, tables_of[file_id], file_id, first["line"], first["field"], first["text"],
                      month_first_message(n, first, k, first_either)) for file_id, n, first, k, first_either in found])


# Two episodes starting the same day are one child's two episodes that day when at most one of them lasted
# a day or more: the other began and ended that day (DEC = DECOM, the DfE's query 355). The model keeps the
# longer one with the first one's reason for new episode (model/concepts/episode_rows.sql), so it is a warning,
# not a duplicate. Any other repeat of a key is an error.
_SAME_DAY = {"episodes": ('count(*) FILTER (WHERE "DEC" IS DISTINCT FROM "DECOM") <= 1',
                          "two episodes start on the same day and one of them also ended that day; it is read as "
                          "lasting under a day, with the child's other episode taking over the same day")}


def _as_written(t, column: str) -> str:
    """A staged column as text the way the return writes it (dates dd/mm/yyyy), as SQL over `s`."""
    return f"strftime(s.\"{column}\", '%d/%m/%Y')" if column in t.dates else f'CAST(s."{column}" AS VARCHAR)'


def _duplicates(table: str, sid: str) -> str:
    t = registry.table(table)
    key = ", ".join(f'"{k}"' for k in t.key)
    shown = " || ', ' || ".join(f"'{k}=' || coalesce({_as_written(t, k)}, '')" for k in t.key)
    not_null = " AND ".join(f'"{k}" IS NOT NULL' for k in t.key)
    same = " AND ".join(f's."{k}" = d."{k}"' for k in ("file_id", *t.key))
    same_day, said = _SAME_DAY.get(table, ("false", ""))
    joined = " + ".join(t.key)
    message = f"'another row (line ' || d.first_line || ') has the same {joined}'"
    # Keys repeated are rare: find them by grouping (a hash), then fetch their rows, rather than
    # sorting every row into windows.
    return f"""SELECT s.snapshot_id, CASE WHEN d.same_day THEN 'warning' ELSE 'error' END,
       CASE WHEN d.same_day THEN 'same_day_episode' ELSE 'duplicate_key' END, '{table}', s.file_id, s.line_no,
       {child_of(table, 's.')}, '{",".join(t.key)}', {shown},
       {message} || CASE WHEN d.same_day THEN ': {said.replace("'", "''")}'
                         -- every model view reads the last row of a repeated key
                         ELSE '; the figures read the last of them (line ' || d.last_line || ')' END
FROM (SELECT * FROM {staging_name(table)} WHERE snapshot_id = {sid}) s
JOIN (SELECT file_id, {key}, min(line_no) AS first_line, max(line_no) AS last_line, {same_day} AS same_day
      FROM {staging_name(table)}
      WHERE snapshot_id = {sid} AND {not_null} GROUP BY file_id, {key} HAVING count(*) > 1) d ON {same}
WHERE s.line_no > d.first_line"""


# A collection year in words, 2024 -> '2023/24', as SQL over an integer column `y`.
_YEAR = "(({y}) - 1 || '/' || right(CAST({y} AS VARCHAR), 2))"


def _stale_open_episodes(sid: int) -> str:
    """Episodes open at the end of the last return holding them though a later return is loaded without them
    (read as the model reads them: model/concepts/episode_rows.sql, which decides which they are)."""
    from ..model.concepts import episode_rows

    rows = episode_rows(sid)
    return f"""SELECT {sid}, 'warning', 'stale_open_episode', 'episodes', file_id, line_no, child, 'DEC', NULL,
       'the episode starting ' || strftime(decom, '%d/%m/%Y') || ' is open at the end of the ' || {_YEAR.format(y="r.return_year")}
         || ' return, but no later return loaded (up to ' || {_YEAR.format(y="latest")} || ') has it, though a return holds '
         || 'every episode open during its year. It is read as ending on ' || strftime(dec, '%d/%m/%Y')
         || CASE WHEN rec = 'X1' THEN ', when the child''s next episode starts'
                 ELSE ', without the child being counted as leaving care' END
         || CASE WHEN n.next_year IS NULL
                 -- the next year's return, which would hold the episode's end or its carrying on, is not loaded
                 THEN '. No ' || {_YEAR.format(y="r.return_year + 1")} || ' return is loaded, which would hold its end '
                      || 'or its carrying on: load that year''s return'
                 ELSE '. Check the later return: add the episode with its end date, or close it in this one' END
FROM ({rows}) r CROSS JOIN (SELECT max(return_year) AS latest FROM {staging_name("episodes")} WHERE snapshot_id = {sid}) y
LEFT JOIN (SELECT DISTINCT return_year AS next_year FROM source_files
           WHERE snapshot_id = {sid} AND table_name = 'episodes') n
       ON n.next_year = r.return_year + 1
WHERE stale"""


def _missing_child(table: str, sid: str) -> str:
    return f"""SELECT snapshot_id, 'error', 'missing_child', '{table}', file_id, line_no, NULL, 'CHILD', NULL,
       'CHILD is blank, so this row cannot be linked to a child'
FROM {staging_name(table)} WHERE snapshot_id = {sid} AND "CHILD" IS NULL"""


def _child_ids_without_zeros(sid: int) -> str:
    """One error for each file whose child IDs match another file's only without its leading zeros
    (tables/child_zeros.py)."""
    def rows(where: str) -> str:
        return " UNION ALL ".join(f'SELECT file_id, line_no, "CHILD" AS child FROM {staging_name(t)} '
                                  f'WHERE snapshot_id = {sid} AND {where}' for t in tables_with_children())

    # the file by its folder and name ("2019-20/Episodes.csv"): every year's file may have one name
    name = "regexp_replace(o.path, '^(.*[/\\\\])?([^/\\\\]+[/\\\\][^/\\\\]+)$', '\\2')"
    return f"""SELECT {sid}, 'error', 'child_id_zeros', f.table_name, m.file_id, m.line_no, m.here, 'CHILD', m.here,
       {zeros_message("m.n", name, "m.others", "m.here", "m.there")}
FROM ({zero_matches(rows)}) AS m
JOIN source_files AS f ON f.snapshot_id = {sid} AND f.file_id = m.file_id
JOIN source_files AS o ON o.snapshot_id = {sid} AND o.file_id = m.other_id"""


def _children_in_no_return(sid: int) -> str:
    """One warning for each local list file naming children the snapshot's SSDA903 returns do not (when it holds
    any): what the list says of them counts in no figure, and most often their IDs are written otherwise."""
    lists = tables_with_children((registry.LOCAL_LISTS,))
    rows = " UNION ALL ".join(f"""SELECT '{t}' AS table_name, file_id, line_no, "CHILD" AS child FROM {staging_name(t)}
        WHERE snapshot_id = {sid} AND "CHILD" IS NOT NULL""" for t in lists)
    # (a row with no child would make every NOT IN unknown)
    known = " UNION ".join(f'SELECT "CHILD" FROM {staging_name(t)} WHERE snapshot_id = {sid} AND "CHILD" IS NOT NULL'
                           for t in ("header", "episodes"))
    first, line = "arg_min(child, line_no) FILTER (WHERE unknown)", "min(line_no) FILTER (WHERE unknown)"
    return f"""SELECT {sid}, 'warning', 'children_not_in_return', table_name, file_id, {line}, {first}, 'CHILD',
       {first},
       CASE WHEN count(DISTINCT child) = 1 THEN 'the one child in this list (' || {first} || ', on line ' || {line}
                 || ') is in no'
            WHEN bool_and(unknown) THEN 'none of the ' || count(DISTINCT child) || ' children in this list (' || {first}
                 || ' the first, on line ' || {line} || ') is in any'
            WHEN count(DISTINCT child) FILTER (WHERE unknown) = 1 THEN '1 of the ' || count(DISTINCT child)
                 || ' children in this list (' || {first} || ', on line ' || {line} || ') is in no'
            ELSE count(DISTINCT child) FILTER (WHERE unknown) || ' of the ' || count(DISTINCT child)
                 || ' children in this list (' || {first} || ' the first, on line ' || {line} || ') are in no' END
         || ' SSDA903 return loaded, so what the list says of them counts in no figure: check that the list '
         || 'gives each child the ID the return gives them'
FROM (SELECT *, child NOT IN ({known}) AS unknown FROM ({rows}) AS l) AS l
WHERE EXISTS (SELECT 1 FROM {staging_name("episodes")} WHERE snapshot_id = {sid})
GROUP BY table_name, file_id HAVING bool_or(unknown)"""


# Findings about how the snapshot's files and returns fit together: worked out afresh for every snapshot.
HISTORY_CODES = ("stale_open_episode", "child_id_zeros", "children_not_in_return")


def record_history_findings(con, sid: int) -> None:
    """Check the snapshot's returns against each other. These depend on which years are loaded together,
    so unlike a file's own findings they are worked out afresh for every snapshot, never copied."""
    from ..sql import install as install_macros

    con.execute(f"DELETE FROM dq_findings WHERE snapshot_id = ? AND code IN {HISTORY_CODES}", [sid])
    install_macros(con)     # the model's SQL calls careboard's macros
    con.execute(_INSERT + _stale_open_episodes(int(sid)))
    con.execute(_INSERT + _child_ids_without_zeros(int(sid)))
    con.execute(_INSERT + _children_in_no_return(int(sid)))


def _triage(table: str, sid: str) -> str:
    """SELECT of one row saying which checks could find anything in a table's rows (`sid` as above): rows
    typing marked (a cell read differently, not read, or too long), a blank child, a key repeated."""
    t = registry.table(table)
    key = ", ".join(f'"{k}"' for k in ("file_id", *t.key))
    blank_child = 'count(*) FILTER (WHERE "CHILD" IS NULL) > 0' if "CHILD" in t.all_columns else "false"
    return f"""SELECT '{table}' AS table_name, count(*) FILTER (WHERE {NORMALISED}) > 0 AS marked,
       {blank_child} AS blank_child,
       EXISTS (SELECT 1 FROM {staging_name(table)} WHERE snapshot_id = {sid} GROUP BY {key} HAVING count(*) > 1) AS repeats
FROM {staging_name(table)} WHERE snapshot_id = {sid}"""


def record_findings(con, sid: int, file_ids: list[int]) -> None:
    """Check the rows of the files just read (every check but the history's is within one file)."""
    record_history_findings(con, sid)
    if not file_ids:
        return
    tables = [t for (t,) in con.execute(
        f"SELECT DISTINCT table_name FROM source_files WHERE snapshot_id = {int(sid)} AND file_id IN "
        f"({', '.join(str(int(f)) for f in file_ids)}) AND rows > 0").fetchall()]
    scope = f"{int(sid)} AND file_id IN ({', '.join(str(int(f)) for f in file_ids)})"
    # A workbook's dates, numbers and answers were checked as its sheets were read, each by its cell, so only
    # the text files' are checked again here.
    text_files = [f for (f,) in con.execute(f"SELECT file_id FROM source_files WHERE snapshot_id = {int(sid)} AND "
                                            f"file_id IN ({', '.join(str(int(f)) for f in file_ids)}) AND "
                                            "format <> 'xlsx'").fetchall()]
    cells_scope = f"{int(sid)} AND file_id IN ({', '.join(str(int(f)) for f in text_files) or 'NULL'})"
    from_workbooks = [int(f) for f in file_ids if f not in text_files]
    # Most of a return's rows pass every check: one cheap statement says which checks could find anything
    # in which tables, and only those are planned (each costs more to plan than to run over a month's rows).
    suspect = {t: (marked, blank, repeats) for t, marked, blank, repeats in
               con.execute("\nUNION ALL\n".join(f"({_triage(t, scope)})" for t in tables)).fetchall()}
    parts, list_parts = [], []
    for table in tables:
        marked, blank_child, repeats = suspect[table]
        is_list = registry.format_of(table).is_list
        found = list_parts if is_list else parts
        if is_list:
            found.append(list_checks.row_findings(table, scope, from_workbooks))
        elif marked:
            found += _unparsed(table, cells_scope)
        if marked:
            # A cell read otherwise than written (a lower-case code, spaces around it, too long) is found here in
            # a workbook's sheet too, save Annex A's, whose reader says how it read each answer.
            aliased = isinstance(registry.format_of(table), AliasedFormat)
            found.append(cell_findings(table, cells_scope if aliased else scope))
        if repeats:
            found.append(_duplicates(table, scope))
        if blank_child and not is_list:
            found.append(_missing_child(table, scope))
    # One statement for every check: planning and round trips cost more than the checks on a month's files.
    # The local lists' checks are a statement of their own: planning one statement for both cost more.
    for checks in (parts, list_parts):
        if checks:
            con.execute(_INSERT + "\nUNION ALL\n".join(f"({p.strip()})" for p in checks))
    _explain_bad_dates(con, sid, cells_scope)
    # A file written month first has a date that could not be read and reads only month first.
    month_first = [t for (t,) in con.execute(
        f"SELECT DISTINCT table_name FROM dq_findings WHERE snapshot_id = {cells_scope} AND code = 'bad_date' "
        f"AND {reads_only_month_first('trim(value)')}").fetchall()]
    _record_month_first(con, sid, month_first, cells_scope)
