"""Dates not written dd/mm/yyyy: how each is written, in words, and the files in which most of them are.

A file exported from a case system or saved from Excel often writes all of its dates in one other form (year
first with a time, Excel's count of days, the month in words). careboard reads the common ones (the forms in
each format's spec), with a warning for each cell in the load's findings; a date it cannot read is told how
to write it (store/checks.py). `validate` says it once for each file in which at least half of the dates are
in another form, read or not, as its failing rows would otherwise say it of every date, one rule at a time,
and the DfE takes dd/mm/yyyy only. It looks only when most of the dates the return's year is worked out from
are in another form (store/return_year.py), so a return written as the DfE asks costs no statement more.
"""

from __future__ import annotations

from functools import cache

from ..dates import EXCEL_DAY_NUMBER
from ..formats import registry
from .month_first import reads_only_month_first


def how_written(value: str) -> str:
    """SQL: what to add to "is not a date written dd/mm/yyyy" for a date's text `value` (trimmed): how it is
    written where that is a form exports often use, and what to do; or '' for a date of no known form."""
    # Database exports write dates year first, often with a time; a two-digit year is a spreadsheet's habit.
    return f"""CASE WHEN regexp_matches({value}, '^[0-9]{{4}}-[0-9][0-9]?-[0-9][0-9]?')
            THEN ': it is written year first (as databases export dates); save the dates as dd/mm/yyyy'
            WHEN regexp_full_match({value}, '[0-9][0-9]?/[0-9][0-9]?/[0-9][0-9]')
            THEN ': the year needs all four digits'
            WHEN {reads_only_month_first(value)}
            THEN ': it reads only month first (as Excel saves dates with US settings); save the dates as dd/mm/yyyy'
            WHEN regexp_matches({value}, '^[0-9][0-9]?/[0-9][0-9]?/[0-9]{{4}}[ T][0-9]')
            THEN ': it has a time after the date (as databases and Excel export dates); save the dates as dd/mm/yyyy, '
                 || 'without the time'
            WHEN regexp_full_match({value}, '[0-9][0-9]?-[0-9][0-9]?-[0-9]{{4}}|[0-9][0-9]?[.][0-9][0-9]?[.][0-9]{{4}}')
            THEN ': the day, month and year are separated by ' || CASE WHEN contains({value}, '-') THEN 'hyphens'
                 ELSE 'full stops' END || ', not slashes; save the dates as dd/mm/yyyy'
            WHEN regexp_matches({value}, '^[0-9][0-9]?[- ]?[A-Za-z]{{3}}')
            THEN ': the month is written in words; save the dates as dd/mm/yyyy'
            WHEN regexp_full_match({value}, '{EXCEL_DAY_NUMBER}')
            THEN ': it is a date as Excel counts days (' || {value} || ' is '
                 || strftime(DATE '1899-12-30' + CAST(CAST({value} AS DOUBLE) AS INTEGER), '%d/%m/%Y')
                 || '), saved from a cell not formatted as a date; format the column as dates, dd/mm/yyyy, and save again'
            WHEN regexp_full_match(lower({value}), '(tbc|tba|n/?a|none|nil|null|unknown|not known|pending|awaited|-+|[?]+)')
            THEN ': leave the cell blank where there is no date'
            WHEN regexp_full_match({value}, '[0-9][0-9]?/[0-9]{{4}}|[A-Za-z]{{3,9}}[ -][0-9]{{4}}')
            THEN ': give the day as well as the month and year'
            WHEN regexp_full_match({value}, '[0-9][0-9]?/[0-9][0-9]?/[0-9]{{4}}')
            THEN ': there is no such date'
            ELSE '' END"""


def mostly_other_files(dates: str) -> str:
    """SELECT of one row per file in which at least half of the dates written could not be read, or are written
    in another form than dd/mm/yyyy and were read, from `dates` (tables.month_first.date_cells, joined by UNION
    ALL): file_id, whether they were read, how many of them and how many dates are written, the fields holding
    them, and the first's line, field and text with how_written's words."""
    unread = "value IS NULL AND text <> ''"
    other = "text <> '' AND NOT regexp_full_match(text, '[0-9][0-9]/[0-9][0-9]/[0-9]{4}')"

    def first(kind: str) -> str:
        return f"arg_min({{'line': line_no, 'field': field, 'text': text}}, line_no) FILTER (WHERE {kind})"

    return f"""SELECT file_id, read, CASE WHEN read THEN other ELSE unread END AS n, written,
       CASE WHEN read THEN other_fields ELSE unread_fields END AS fields, first,
       CASE WHEN read AND regexp_full_match(first.text, '[0-9][0-9]?/[0-9][0-9]?/[0-9]{{4}}')
            THEN ': the day and the month take two digits each; save the dates as dd/mm/yyyy'
            ELSE {how_written("first.text")} END AS how
FROM (SELECT *, unread * 2 < written AS read, CASE WHEN unread * 2 < written THEN first_other ELSE first_unread END AS first
      FROM (SELECT file_id, count(*) FILTER (WHERE {unread}) AS unread, count(*) FILTER (WHERE {other}) AS other,
                   count(*) FILTER (WHERE text <> '') AS written,
                   list_distinct(list(field) FILTER (WHERE {unread})) AS unread_fields,
                   list_distinct(list(field) FILTER (WHERE {other})) AS other_fields,
                   {first(unread)} AS first_unread, {first(other)} AS first_other
            FROM ({dates}) AS dates GROUP BY file_id) AS counted
      WHERE other * 2 >= written AND written > 0) AS kinds"""


def date_form_message(read: bool, n: int, written: int, fields: list[str], first: dict, how: str) -> str:
    """What a file most of whose dates could not be read, or are written another way, is told (a row of
    mostly_other_files)."""
    said = f"{first['field']} \"{first['text']}\" on line {first['line']}"
    fields = ", ".join(sorted(fields, key=_column_order().get))
    if n == written == 1:
        said = f"its one date, {said},"
    elif read:
        share = "none" if n == written else f"{written - n:,}"
        are = "is" if share == "1" else "are"
        said = f"{share} of its {written:,} dates {are} written dd/mm/yyyy ({fields}): the first, {said},"
    else:
        share = "none" if n == written else f"{n:,}"
        could = "could" if share == "none" else "could not"
        said = f"{share} of its {written:,} dates {could} be read ({fields}): the first, {said},"
    told = f"{said} is not a date written dd/mm/yyyy{how or '; save the dates as dd/mm/yyyy'}"
    if not read:
        return told
    them = "it" if n == 1 else "them"
    return (f"{told}. careboard read {them} as {'a date' if n == 1 else 'dates'} for the other rules; the DfE takes "
            f"dates written dd/mm/yyyy only, and its rules on how dates are written report each of {them}")


@cache
def _column_order() -> dict[str, int]:
    """Every column's place in its table (the first table naming it), to list a file's fields as it has them."""
    order: dict[str, int] = {}
    for t in registry.all_tables().values():
        for c in t.all_columns:
            order.setdefault(c, len(order))
    return order
