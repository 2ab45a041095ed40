"""Annex A List 8 against the SSDA903, and List 11 against List 10. The same children, linked by child ID within
one snapshot, should have the same date of birth, the same date they started to be looked after, and the legal
status and placement of their latest episode. Where they differ, a warning on the Annex A row says both values, so
one of the two can be corrected. A list 8 child the loaded returns have no episode for is a warning too
(only when the snapshot holds any episodes at all). A List 11 recording no family identifier while List 10
records the children's is a warning: which adopters are the agency's own cannot be told.

Set-based SQL over the snapshot's staging tables, in the style of checks.py. The 903's side is its
latest position: the header row of the child's latest return, the child's latest episode (latest start,
then latest return) and the start of the latest period of care (the latest episode starting one, RNE S)
up to it. A return that does not reach back to the start of a long stay has no such episode, and the
date is then not compared.
"""

from __future__ import annotations

from ..tables.schema import staging_name

# (list 8 column, the 903's value as SQL over the joined 903 rows, words for it)
_COMPARED = (
    ("DOB", "l.ssda903_dob", "date of birth"),
    ("POC_START", "l.ssda903_poc_start", "date the child started to be looked after"),
    ("LS", "l.ssda903_ls", "legal status"),
    ("PLACE", "l.ssda903_place", "placement type"),
)
_DATES = {"DOB", "POC_START"}


def annex_a_link_sql(sid: int) -> str:
    """SELECT of dq_findings rows for snapshot `sid`: each disagreement between list 8 and the 903."""
    sid = int(sid)
    l8, header, episodes = (staging_name(t) for t in ("annex_a_children_in_care", "header", "episodes"))
    # The lists were taken on the snapshot's as-at date: the 903's position that day, not an episode dated after.
    on_the_day = (f"coalesce((SELECT as_at FROM snapshots WHERE snapshot_id = {sid}), DATE '9999-12-31')")
    # Each list 8 row with the 903's values beside it (names kept apart: SQL names ignore case).
    linked = f"""(SELECT a.*, h.dob AS ssda903_dob, e.ls AS ssda903_ls, e.place AS ssda903_place,
         s.poc_start AS ssda903_poc_start, e.child IS NOT NULL AS in_903
  FROM (SELECT * FROM {l8} WHERE snapshot_id = {sid} AND "CHILD" IS NOT NULL) a
  LEFT JOIN (SELECT "CHILD" AS child, "DOB" AS dob, row_number() OVER (PARTITION BY "CHILD" ORDER BY return_year DESC) AS k
             FROM {header} WHERE snapshot_id = {sid}) h ON h.child = upper(a."CHILD") AND h.k = 1
  LEFT JOIN (SELECT "CHILD" AS child, "DECOM" AS decom, "LS" AS ls, "PLACE" AS place,
                    row_number() OVER (PARTITION BY "CHILD" ORDER BY "DECOM" DESC, return_year DESC) AS k
             FROM {episodes} WHERE snapshot_id = {sid} AND "DECOM" <= {on_the_day}) e
       ON e.child = upper(a."CHILD") AND e.k = 1
  LEFT JOIN (SELECT x."CHILD" AS child, max(x."DECOM") AS poc_start FROM {episodes} x
             WHERE x.snapshot_id = {sid} AND x."RNE" = 'S' AND x."DECOM" <= {on_the_day} GROUP BY x."CHILD") s
       ON s.child = upper(a."CHILD"))"""
    parts = []
    for column, theirs, words in _COMPARED:
        ours = f'l."{column}"'
        shown = (lambda v: f"strftime({v}, '%d/%m/%Y')") if column in _DATES else (lambda v: v)
        parts.append(f"""SELECT l.snapshot_id, 'warning', 'annex_a_903_differs', 'annex_a_children_in_care', l.file_id,
       l.line_no, l."CHILD", '{column}', {shown(ours)} || ' / ' || {shown(theirs)},
       'the {words} is ' || {shown(ours)} || ' in Annex A List 8 but ' || {shown(theirs)}
         || ' in the SSDA903 return: correct whichever is wrong'
FROM linked l WHERE {ours} IS NOT NULL AND {theirs} IS NOT NULL AND {ours} <> {theirs}""")
    parts.append(f"""SELECT l.snapshot_id, 'warning', 'annex_a_not_in_903', 'annex_a_children_in_care', l.file_id, l.line_no,
       l."CHILD", 'CHILD', l."CHILD",
       'child ' || l."CHILD" || ' is in Annex A List 8 but has no episode in the SSDA903 returns loaded: check the '
         || 'child ID in both'
FROM linked l WHERE NOT l.in_903 AND EXISTS (SELECT 1 FROM {episodes} WHERE snapshot_id = {sid})""")
    l10, l11 = staging_name("annex_a_adoption"), staging_name("annex_a_adopters")
    parts.append(f"""SELECT {sid}, 'warning', 'annex_a_no_family', 'annex_a_adopters', min(file_id), NULL, NULL,
       'FAMILY', NULL, 'Annex A List 11 records no family identifier for any of its adopters, while List 10 gives '
         || 'the children placed theirs: which children went to adopters the agency approved itself cannot be told, '
         || 'and that figure has no value. Add the family identifiers to List 11 (its column Family identifier)'
FROM {l11} WHERE snapshot_id = {sid}
HAVING count(*) > 0 AND count("FAMILY") = 0
   AND EXISTS (SELECT 1 FROM {l10} WHERE snapshot_id = {sid} AND "FAMILY" IS NOT NULL)""")
    return f"WITH linked AS {linked}\n" + "\nUNION ALL\n".join(f"({p})" for p in parts)


def record_annex_a_links(con, sid: int) -> None:
    """Add the snapshot's list 8 / 903 disagreements to its findings, replacing any recorded before."""
    con.execute("DELETE FROM dq_findings WHERE snapshot_id = ? AND code IN ('annex_a_903_differs', "
                "'annex_a_not_in_903', 'annex_a_no_family')",
                [int(sid)])
    con.execute("INSERT INTO dq_findings " + annex_a_link_sql(sid))
