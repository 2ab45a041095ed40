"""DfE data-integrity checks (INT01-INT36, EPI, NoE): every child in the return has one Header row, the
child's date of birth and sex agree between tables, the once-per-child tables hold a child once, and the
child's episodes are there (this year, and last year when the child was already looked after then).

A disagreement between two tables is reported on both rows, since either one may be the wrong one.
"""

from __future__ import annotations

from ...formats.registry import SSDA903 as spec
from ..rule import Rule
from .sql_blocks import both_rows

# Tables whose children must also be in Header, with the DfE code for each.
_NEED_HEADER = (("INT01", "ad1"), ("INT02", "placed_for_adoption"), ("INT03", "episodes"), ("INT04", "missing"),
                ("INT05", "oc2"), ("INT06", "oc3"), ("INT07", "previous_permanence"), ("INT08", "reviews"),
                ("INT09", "uasc"))

# Tables repeating the child's date of birth, which must match Header's.
_SAME_DOB = (("INT11", "ad1"), ("INT12", "placed_for_adoption"), ("INT13", "missing"), ("INT14", "oc2"),
             ("INT15", "oc3"), ("INT16", "previous_permanence"), ("INT17", "reviews"), ("INT18", "uasc"))

# Tables that hold at most one row per child.
_ONCE_PER_CHILD = (("INT31", "ad1"), ("INT32", "header"), ("INT33", "oc2"), ("INT34", "oc3"),
                   ("INT35", "previous_permanence"), ("INT36", "uasc"))


def _title(table: str) -> str:
    return spec.table(table).title


def _missing_from_header(code: str, table: str) -> Rule:
    message = (f"This child is in {_title(table)} but has no Header row. Add the child's Header row, or correct "
               f"the child ID here so it matches the one used in Header.")
    if table == "episodes":
        # v_episodes joins Header without saying whether it matched, so look Header up directly.
        return Rule(code, message, table="episodes", fields=("CHILD",), tables=("header",),
                    sql='SELECT e.row_no FROM ret_episodes e '
                        'WHERE NOT EXISTS (SELECT 1 FROM ret_header h WHERE h."CHILD" = e."CHILD")')
    return Rule(code, message, table=table, fields=("CHILD",), tables=("header",), fails="NOT in_header")


def _header_pairs(table: str, differ: str) -> str:
    return both_rows(f'SELECT t.row_no AS left_row, h.row_no AS right_row FROM ret_{table} t '
                     f'JOIN ret_header h ON h."CHILD" = t."CHILD" WHERE {differ}', table, "header")


# A valid date is compared as a date (so 1/2/2010 and 01/02/2010 agree); an unreadable one as the text
# written, so two different unreadable dates still count as a disagreement.
_DOB_DIFFERS = ('coalesce(CAST(t."DOB" AS VARCHAR), t."r_DOB", \'\') '
                'IS DISTINCT FROM coalesce(CAST(h."DOB" AS VARCHAR), h."r_DOB", \'\')')


def _dob_differs(code: str, table: str) -> Rule:
    return Rule(code, f"The date of birth in {_title(table)} is not the one in Header for this child. Check the "
                      f"child's record and give the same date of birth in both.",
                table=table, fields=("DOB",), tables=("header",), multi=True,
                sql=_header_pairs(table, _DOB_DIFFERS))


def _more_than_once(code: str, table: str) -> Rule:
    # A blank child ID is not a repeat of another blank one: missing IDs are reported by their own rules.
    return Rule(code, f"This child has more than one row in {_title(table)}, which holds one row per child. "
                      f"Keep the correct row and remove the others (or fix a mistyped child ID).",
                table=table, fields=("CHILD",),
                sql=f'SELECT row_no FROM ret_{table} WHERE "CHILD" IS NOT NULL '
                    f'QUALIFY count(*) OVER (PARTITION BY "CHILD") > 1')


RULES = (
    *(_missing_from_header(code, table) for code, table in _NEED_HEADER),
    *(_dob_differs(code, table) for code, table in _SAME_DOB),
    Rule("INT21", "The sex in UASC is not the one in Header for this child. Check the child's record and give "
                  "the same sex in both.",
         table="uasc", fields=("SEX",), tables=("header",), multi=True,
         sql=_header_pairs("uasc", 't."SEX" IS DISTINCT FROM h."SEX"')),
    *(_more_than_once(code, table) for code, table in _ONCE_PER_CHILD),
    # Care leavers reported only in OC3 have no episodes this year; every other child should have some.
    Rule("EPI", "This child has a Header row but no episodes, and is not a care leaver in OC3. Add the child's "
                "episodes for the year, or remove the Header row if the child was not looked after.",
         table="header", fields=("CHILD",), tables=("episodes", "oc3"), severity="query",
         fails="n_episodes IS NULL AND NOT in_oc3"),
    # An episode that began before 1 April was open during last year too, so last year's return must have
    # the child.
    Rule("NoE", "This episode began before this collection year, but last year's return has no episodes for "
                "this child. Check the child ID matches last year's, or ask for last year's return to be "
                "amended.",
         table="episodes", fields=("DECOM",), tables=("episodes_last",), needs=("last_year",),
         sql='SELECT e.row_no FROM ret_episodes e WHERE e."DECOM" < {start} '
             'AND NOT EXISTS (SELECT 1 FROM ret_episodes_last l WHERE l."CHILD" = e."CHILD")'),
)
