"""The modelled layer's vocabulary: each idea derived from episodes defined once, over the source it is given.

Both the stitched model (model/sql/*.sql, every return of a snapshot) and the tables the DfE rules read
(validate/views/*.sql, one return and last year's) are written with these definitions, so an idea means the
same on both sides and is spelt the same way: lower-case names (seq, prev_dec, next_decom ...), as the model
names its columns. A SQL file names a definition in braces with the columns it runs over after a colon:

    {short_break:"LS"}                       coalesce("LS" IN ('V3', 'V4'), false)
    WINDOW episode_order AS ({episode_order:child, decom})
    {previous:dec} AS prev_dec               lag(dec) OVER episode_order

Ages on a date are the engine macro age_on (careboard/sql/macros.py, one body per dialect). How a snapshot's
returns are stitched into every episode once (episode_rows.sql here) is a definition too: the store's
stale-open-episode warning reads it, so this package sits below the store (tests/test_layers.py) and
imports nothing above the formats and the dialect layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ...formats.codes import fixed_lists
from ...sql.params import literal

_HERE = Path(__file__).parent
ALL_YEARS = 9999    # upto_year that reads every return


@dataclass(frozen=True)
class Definition:
    """One idea as a SQL expression over its parameters (filled in by name)."""

    name: str
    params: tuple[str, ...]
    body: str
    optional: tuple[str, ...] = ()      # parameters that may be left out, each with the text added when given

    def __call__(self, *args: str) -> str:
        if not len(self.params) - len(self.optional) <= len(args) <= len(self.params):
            raise ValueError(f"{self.name} takes {', '.join(self.params)}; got {', '.join(args) or 'nothing'}")
        values = dict(zip(self.params, args))
        for p in self.optional:
            values[p] = f", {values[p]}" if values.get(p) else ""
        return self.body.format(**values)

    def __format__(self, spec: str) -> str:
        """`{name:a, b}` in SQL filled by str.format_map: the definition over the columns a and b."""
        return self(*_split(spec))


def _split(spec: str) -> list[str]:
    """Arguments separated by commas outside parentheses and quotes."""
    args, depth, quote, cur = [], 0, None, ""
    for ch in spec:
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            args.append(cur.strip())
            cur = ""
            continue
        cur += ch
    return args + [cur.strip()] if cur.strip() else args


# The model's names for a return's columns: the column's own name in lower case, but for these.
_RENAMED = {"PLACE_PROVIDER": "provider"}


def model_name(column: str) -> str:
    """What the model (and the rules' per-return tables) call a return's column: prev_<that>, next_<that> ..."""
    return _RENAMED.get(column, column.lower())


@cache
def definitions() -> dict[str, Definition]:
    """Every definition by name, as str.format_map takes them."""
    short_breaks = literal(fixed_lists()["LS_SHORT_BREAK"])
    found = (
        # Episode order within a child: by start date, then (where one return may hold two rows starting the
        # same day) by the row's place in its file. Name the window episode_order; previous and next use it.
        Definition("episode_order", ("child", "start", "row"), "PARTITION BY {child} ORDER BY {start}{row}",
                   optional=("row",)),
        Definition("previous", ("value",), "lag({value}) OVER episode_order"),
        Definition("next", ("value",), "lead({value}) OVER episode_order"),
        # A short break (legal status V3 or V4): a planned respite stay, counted apart from care.
        Definition("short_break", ("ls",), f"coalesce({{ls}} IN {short_breaks}, false)"),
        # A child's UASC status in one year's return: the header's UASC flag where the return carries one
        # (XML, or a CSV header with a UASC column), else, as the DfE derives it for CSV, a row in that
        # year's UASC table (`listed`).
        Definition("uasc_status", ("written", "flag", "listed"),
                   "CASE WHEN {written} IS NOT NULL THEN coalesce({flag} = '1', false) ELSE {listed} END"),
    )
    return {d.name: d for d in found}


@cache
def sql_file(name: str) -> str:
    """A definition written as a whole statement (episode_rows: a snapshot's returns stitched)."""
    return (_HERE / f"{name}.sql").read_text()


@cache
def code_lists() -> dict[str, str]:
    """The code lists the model and the indicators may name, as SQL (written once: hundreds of statements
    are filled in a report)."""
    return {name: literal(codes) for name, codes in fixed_lists().items()}


def filled(sql: str, values: dict) -> str:
    """Model or indicator SQL with its values, the code lists it names (from codes.toml) and the
    definitions it uses filled in."""
    return sql.format_map({**code_lists(), **definitions(), **{name: literal(v) for name, v in values.items()}})


def episode_rows(snapshot_id: int, upto_year: int = ALL_YEARS) -> str:
    """Every episode of a snapshot once, its returns up to `upto_year` stitched (episode_rows.sql)."""
    return filled(sql_file("episode_rows"), {"snapshot_id": snapshot_id, "upto_year": upto_year})
