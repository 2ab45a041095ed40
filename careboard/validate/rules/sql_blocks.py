"""SQL building blocks for rules that share a shape: age limits for a placement, how long a placement or
legal status may last, postcode checks, overlapping rows, the age on an OC2 row, and set rules that report a
row in each of two tables. A shared module: rule families import it, it imports no family.

Everything returned is rule SQL: {start}, {end} and code-list placeholders stay in braces for the runner.
"""

from __future__ import annotations

from ...formats.codes import fixed_lists
from ..rule import Rule
from .sql_checks import until

# The shape of a full UK postcode once spaces are removed: outward code (A9, A99, AA9, AA99, A9A, AA9A)
# then inward code (9AA).
_POSTCODE_SHAPE = "[A-Z][A-Z]?[0-9][A-Z0-9]?[0-9][A-Z][A-Z]"


def post(column: str, alias: str = "") -> str:
    """A postcode column (of table alias `alias`, if given) made comparable: upper case, spaces removed."""
    name = f'{alias}."{column}"' if alias else f'"{column}"'
    return f"upper(replace({name}, ' ', ''))"


def postcode_malformed(column: str) -> str:
    """True when a postcode is given but is not shaped like a UK postcode (blank is not malformed)."""
    return f"(\"{column}\" IS NOT NULL AND NOT whole_match({post(column)}, '{_POSTCODE_SHAPE}'))"


# The OC2 row carries its own DOB; the header's stands in when it is blank.
_OC2_DOB = 'coalesce("DOB", header_dob)'


def oc2_age(at: str) -> str:
    """The child's age on a date; at the start and end of the year a column of v_oc2 (see frame.OWN_AGES)."""
    return {"{start}": "own_age_start", "{end}": "own_age_end"}.get(at, f"age_on({_OC2_DOB}, {at})")


def overlapping(table: str, start: str, end: str) -> str:
    """Rows of `table` whose `start` falls before the end of an earlier-starting row of the same child (a row
    with a blank `end` is still open, so nothing may start after it). Starting the day another ends is fine."""
    return f"""SELECT row_no FROM (
        SELECT row_no, "{start}",
               max(CASE WHEN coalesce("r_{end}", '') = '' THEN DATE '9999-12-31' ELSE "{end}" END)
                   OVER (PARTITION BY "CHILD" ORDER BY "{start}", row_no
                         ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier_until
        FROM ret_{table} WHERE "{start}" IS NOT NULL) AS s
    WHERE "{start}" < earlier_until"""


def both_rows(pairs_sql: str, left: str, right: str) -> str:
    """A multi-table rule's SQL from a query giving (left_row, right_row) pairs: report both rows of each."""
    return (f"WITH pairs AS ({pairs_sql})\n"
            f"SELECT '{left}' AS tbl, left_row AS row_no FROM pairs\n"
            f"UNION SELECT '{right}', right_row FROM pairs")


# The statuses whose spells the DfE limits in length (361-364).
_LIMITED_STATUSES = "{LS_LIMITED_LENGTH}"

# Each episode of a limited status with the length in days of its spell: the unbroken run of the child's
# episodes of that status, each starting the day the last ended, from its first start to its last end (31
# March if still open). An episode of another status in between ends the spell: the community validator's
# grouping runs on across it and adds two short spells together, which the DfE's limit on how long one
# status lasted does not support. Worked out once for all the statuses, as a child's run of one status
# is the same whichever rule asks.
_STATUS_SPELLS = f"""(WITH e AS (
    SELECT "CHILD", "LS", row_no, "DECOM", {until("DEC", "{end}")} AS upto,
           lag({until("DEC", "{end}")}) OVER (PARTITION BY "CHILD", "LS" ORDER BY "DECOM", row_no) AS prev_upto
    FROM ret_episodes WHERE "LS" IN {_LIMITED_STATUSES} AND "DECOM" IS NOT NULL),
s AS (SELECT *, sum(CASE WHEN prev_upto = "DECOM" THEN 0 ELSE 1 END)
                    OVER (PARTITION BY "CHILD", "LS" ORDER BY "DECOM", row_no) AS spell FROM e)
SELECT row_no, "LS", datediff('day', min("DECOM") OVER (PARTITION BY "CHILD", "LS", spell),
                                     max(upto) OVER (PARTITION BY "CHILD", "LS", spell)) AS spell_days
FROM s) AS spells"""


def spell_longer_than(ls: str, days: int) -> dict:
    """A row rule (`fails` and `over`) on episodes of legal status `ls` in a spell lasting more than `days`
    days; the rules using it share one scan of the spells."""
    if ls not in fixed_lists()["LS_LIMITED_LENGTH"]:
        raise ValueError(f"add {ls} to LS_LIMITED_LENGTH in formats/codes.toml to limit its spells")
    return {"fails": f"\"LS\" = '{ls}' AND spell_days > {days}", "over": _STATUS_SPELLS}


def min_age_for_place(code: str, place: str, age: int, setting: str, years=None) -> Rule:
    """A placement type the child must have reached `age` to start in."""
    return Rule(code, f"The child was under {age} when placed in {setting}. Check the placement type and the "
                      f"date of birth.",
                table="episodes", fields=("PLACE", "DECOM", "DOB"), years=years,
                fails=f"\"PLACE\" = '{place}' AND age_decom < {age}")


def temporary_longer_than(code: str, place: str, days: int, what: str) -> Rule:
    """A temporary placement type that may last at most `days` days (an open one counts up to 31 March)."""
    return Rule(code, f"{what}. Check the dates, or record the placement under its usual type.",
                table="episodes", fields=("PLACE", "DECOM", "DEC"),
                fails=f"\"PLACE\" = '{place}' AND datediff('day', \"DECOM\", {until('DEC', '{end}')}) > {days}")
