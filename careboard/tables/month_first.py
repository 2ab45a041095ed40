"""Files whose dates are written month first, as Excel saves them with US settings (3/14/2010).

Returns are written dd/mm/yyyy, so 3/14/2010 cannot be read, while 6/1/2024 (1 June) is read as 6 January
without complaint. When every date in a file that can be read only one way reads month first, the file is
taken to be written month first, and how many of its dates may have been read wrongly is said once, by the
load's findings (store/checks.py) and by validate's notes alike.
"""

from __future__ import annotations

import re

from ..formats import registry
from ..plural import counted

_MONTH_FIRST = "'(0?[1-9]|1[0-2])/(1[3-9]|2[0-9]|3[01])/[0-9]{4}'"
# What every date read only month first holds: a "month" over 12 between the slashes.
_MONTH_OVER_12 = re.compile(r"/(?:1[3-9]|2[0-9]|3[01])/[0-9]{4}")


def may_be_month_first(table) -> bool:
    """False when a table read from the file's text (ingest.plain_csv.TextTable) has no date that could be
    month first, so no statement need look; a plain search of the text takes a tenth of the time of
    planning that statement. Other tables (workbooks, XML, big CSVs read by pyarrow) may have any."""
    text = getattr(table, "text", None)
    return text is None or _MONTH_OVER_12.search(text) is not None


def reads_only_month_first(cell: str) -> str:
    """SQL: true where a date's text (`cell`) can be read only month first."""
    return f"regexp_full_match({cell}, {_MONTH_FIRST})"


def date_cells(table: str, text_of, source: str) -> str | None:
    """SELECT of every date of `source`, a table's rows, as (file_id, line_no, field, text, value): `text_of(i,
    column)` is the SQL of the i-th column's text as written, trimmed; the value is the typed column of the
    same name. None when the table has no dates."""
    t = registry.table(table)
    cells = [f"{{'field': '{c}', 'text': {text_of(i, c)}, 'value': \"{c}\"}}"
             for i, c in enumerate(t.all_columns, start=1) if t.kind(c) == "date"]
    if not cells:
        return None
    return f"SELECT file_id, line_no, unnest([{', '.join(cells)}], recursive := true) FROM {source}"


def month_first_files(dates: str) -> str:
    """SELECT of one row per file written month first, from `dates` (date_cells, any number of them joined by
    UNION ALL): file_id, then for the dates read only month first their count and the first's line, field and
    text, then the same for the dates that could be read either way. `message` words a row."""
    # Read day first, a date whose day is over 12 can only be day first; one whose day and month are both 12
    # or under (and differ) could be either. Only dates that could not be read are matched against the
    # month-first pattern: the pattern over every date cost as much as typing them.
    month_first = f"value IS NULL AND text <> '' AND {reads_only_month_first('text')}"
    either_way = "day(value) <> month(value) AND day(value) <= 12 AND contains(text, '/')"
    return f"""SELECT file_id, {_counted("month_first")}, {_counted("either_way")}
FROM (SELECT file_id, line_no, field, text, {month_first} AS month_first, {either_way} AS either_way,
             day(value) > 12 AS day_first
      FROM ({dates}) AS dates) AS read
GROUP BY file_id
HAVING count(*) FILTER (WHERE month_first) > 0 AND count(*) FILTER (WHERE day_first) = 0"""


def _counted(kind: str) -> str:
    first = f"arg_min({{'line': line_no, 'field': field, 'text': text}}, line_no) FILTER (WHERE {kind})"
    return f"count(*) FILTER (WHERE {kind}) AS {kind}, {first} AS first_{kind}"


def message(month_first: int, first: dict, either_way: int, first_either: dict | None) -> str:
    """What a file written month first is told (the counts and first dates of a month_first_files row)."""
    said = f"{first['field']} \"{first['text']}\" on line {first['line']}"
    words = (f"{counted(month_first, 'date')} in this file can be read only month first, as Excel saves dates with "
             f"US settings ({said}), and none only day first: the file looks written mm/dd/yyyy, not dd/mm/yyyy. ")
    if either_way:
        was = "was" if either_way == 1 else "were"
        words += (f"Its {counted(either_way, 'date')} with a day and month both 12 or under ({first_either['field']} "
                  f"\"{first_either['text']}\" on line {first_either['line']}) {was} read day first and may be wrong. ")
    return words + "Save the file again with the dates as dd/mm/yyyy"
