"""Child IDs that lost their leading zeros in one file of a return or a list: '123' here, '000123' in another.

Excel drops the zeros at the start of a number when it saves a CSV, so a council's Header may say 000123 and
its Episodes 123, and each such child reads as two: in care with no details, and with details but no care; an
activity log saved so has every child's visits and checks against nobody in care.
`load` records one error for each such file (store/checks.py), `validate` prints it as a note, and the commands
counting children say it before their figures. One statement finds them, over any tables of typed rows.
"""

from __future__ import annotations

from collections.abc import Callable

from ..formats import registry


def tables_with_children(formats=None) -> list[str]:
    """The tables (of `formats`, default every one) whose rows are about a child the SSDA903 return names, by
    the return's ID: its own, the activity log's, Annex A's lists of children in care, care leavers and adoption."""
    formats = formats or registry.FORMATS
    return [t for f in formats for t in f.tables()
            if registry.table(t).child == "CHILD" and registry.table(t).return_child]


def zero_matches(rows: Callable[[str], str]) -> str:
    """SELECT of one row per file whose child IDs match another file's only once that file's leading zeros are
    dropped: file_id, the other file's id (the first, when there are several) as other_id, how many children
    (n) and other files (others), the first such row's line and its ID (here) and the ID it matches (there).
    `rows(where)` is a SELECT of (file_id, line_no, child) over the rows whose "CHILD" meets `where`."""
    # The IDs with leading zeros first (none, for most councils): only rows matching one of them are looked at.
    zeros = rows(""""CHILD" LIKE '0%'""")
    plain = rows(""""CHILD" IN (SELECT bare FROM zeros)""")
    return f"""WITH zeros AS MATERIALIZED (SELECT DISTINCT file_id, child, ltrim(child, '0') AS bare FROM ({zeros}) AS z)
SELECT p.file_id, min(z.file_id) AS other_id, count(DISTINCT p.child) AS n, count(DISTINCT z.file_id) AS others,
       min(p.line_no) AS line_no, arg_min(p.child, p.line_no) AS here, arg_min(z.child, p.line_no) AS there
FROM ({plain}) AS p
JOIN zeros AS z ON z.bare = p.child AND z.file_id <> p.file_id
GROUP BY p.file_id"""


def zeros_message(n: str, other: str, others: str, here: str, there: str) -> str:
    """SQL wording a row of zero_matches, from SQL for its counts, IDs and the other file's name."""
    return f"""{n} || CASE WHEN {n} = 1 THEN ' child ID here matches an ID' ELSE ' child IDs here match IDs' END
         || ' in ' || {other} || CASE WHEN {others} = 2 THEN ' (and 1 other file)'
                                      WHEN {others} > 2 THEN ' (and ' || ({others} - 1) || ' other files)' ELSE '' END
         || ' only without that file''s leading zeros (' || {here} || ' here is ' || {there} || ' there), so each '
         || 'of those children reads as two. Excel drops the zeros at the start of a number when it saves a CSV: '
         || 'export the file again without saving it in Excel, or set the column to Text first'"""
