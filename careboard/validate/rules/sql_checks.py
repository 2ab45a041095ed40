"""SQL fragments for the checks many rules share: written or blank cells, real dates, code lists.

Rules see each cell twice: `r_<COL>` as written (trimmed) and the typed column, NULL when blank or
unreadable. Whether a value is there is asked of the cell as written (`given`, `blank`, `until`), never of
the typed column: a date written "28th Jan 1930" is a decision recorded, or an episode that has ended,
with a date that its date rule reports as unreadable and that no comparison can use. Fragments are plain
SQL with codes.toml placeholders left in braces for the runner.
"""

from ..rule import Rule

_DATE_SHAPE = "'[0-9][0-9]?/[0-9][0-9]?/[0-9][0-9][0-9][0-9]'"


def given(col: str, alias: str = "") -> str:
    return f"""coalesce({alias}"r_{col}", '') <> ''"""


def blank(col: str, alias: str = "") -> str:
    return f"""coalesce({alias}"r_{col}", '') = ''"""


def until(col: str, open_as: str, alias: str = "") -> str:
    """An end date for comparisons: `col`, or `open_as` while it is blank (still open). An end written but
    unreadable gives NULL, so the row is neither open nor compared: its date rule reports it."""
    return f"""coalesce({alias}"{col}", CASE WHEN {blank(col, alias)} THEN {open_as} END)"""


def bad_date(col: str) -> str:
    """Written but not a real date: the loader also reads 1/1/21 as a date, the DfE does not."""
    return f'({given(col)} AND ("{col}" IS NULL OR NOT whole_match("r_{col}", {_DATE_SHAPE})))'


def missing_or_bad_date(col: str) -> str:
    return f"({blank(col)} OR {bad_date(col)})"


def required_code(col: str, codes: str) -> str:
    return f'("{col}" IS NULL OR "{col}" NOT IN {{{codes}}})'


def optional_code(col: str, codes: str) -> str:
    return f'("{col}" IS NOT NULL AND "{col}" NOT IN {{{codes}}})'


def count_given(cols: tuple[str, ...]) -> str:
    return "(" + " + ".join(f"CAST({given(c)} AS INTEGER)" for c in cols) + ")"


def any_given(cols: tuple[str, ...], alias: str = "") -> str:
    return "(" + " OR ".join(given(c, alias) for c in cols) + ")"


def any_blank(cols: tuple[str, ...]) -> str:
    return "(" + " OR ".join(blank(c) for c in cols) + ")"


def date_rule(code: str, table: str, col: str, what: str, required: bool = False) -> Rule:
    """A date that must be real and written dd/mm/yyyy; `required` also fails it when blank."""
    return Rule(code, f"{what} ({col}) is {'missing or ' if required else ''}not a real date written dd/mm/yyyy. "
                      "Correct it.",
                table=table, fields=(col,), fails=(missing_or_bad_date if required else bad_date)(col))


def code_rule(code: str, table: str, col: str, what: str, choices: str, codes: str | None = None,
              required: bool = False) -> Rule:
    """A code from a codes.toml list (named after the column unless `codes` says otherwise)."""
    check = required_code if required else optional_code
    return Rule(code, f"{what} ({col}) is {'missing or ' if required else ''}not a valid code: use {choices}.",
                table=table, fields=(col,), fails=check(col, codes or col))
