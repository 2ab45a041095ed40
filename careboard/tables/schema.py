"""The staging table of each table of every format (its name, columns and DDL) and the SQL that types a raw
table into it, derived from the format spec so the two cannot drift apart."""

from __future__ import annotations

from ..dates import EXCEL_DAY_NUMBER
from ..formats import registry
from ..sql.params import literal

_SQL_TYPE = {"date": "DATE", "integer": "INTEGER", "code": "VARCHAR", "text": "VARCHAR"}

# Characters stripped from both ends of every cell: spaces, tabs, line ends, non-breaking spaces and the
# invisible characters text copied from a web page or a document brings (zero-width spaces and joiners, the
# byte-order mark), with which "K01" was another child than "K01". Written as literal characters: chr(160) and
# friends cost DuckDB a constant fold per use, which at one-council size made binding the typing statements
# slower than running them.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
TRIM = f"' \t\r\n\u00a0{INVISIBLE}'"


def trimmed(x: str) -> str:
    """SQL trimming `x` of spaces, tabs, line ends, non-breaking spaces and invisible characters, and reading a
    non-breaking space inside it as a space (Word and web pages put one in "PE1 1AA", which no rule then reads
    as a postcode).

    trim() with a set of characters is several times slower than plain trim(), and cells holding
    anything but spaces are rare, so the slow form only runs where one of those characters may occur: each of
    them but a tab or a line end is outside ASCII, which a string longer in bytes than in characters holds
    (bit_length, as standard SQL has it).
    """
    return (f"CASE WHEN bit_length({x}) <> 8 * length({x}) OR contains({x}, '\t') OR contains({x}, '\r') "
            f"OR contains({x}, '\n') THEN {_spaced(f'trim({x}, {TRIM})')} ELSE trim({x}) END")


def _spaced(x: str) -> str:
    return f"replace({x}, '\u00a0', ' ')"


def sql_type(table: str, column: str) -> str:
    """The SQL type a column of a spec table is typed to."""
    return _SQL_TYPE[registry.table(table).kind(column)]


# A staging column true where some cell of the row may have been read differently from how it was written
# (see store.normalised): worked out while typing, from cells already in hand, so the findings about them
# look only at those rows instead of taking every row's raw cells apart again.
NORMALISED = "normalised"


def child_of(table: str, alias: str = "") -> str:
    """SQL naming the child a staged row is about (NULL for a list about households or families);
    `alias`: the staging table's, with its dot ("s.")."""
    child = registry.table(table).child
    return f'{alias}"{child}"' if child else "NULL"


def staging_name(table: str) -> str:
    return f"stg_{table}"


def staging_columns(table: str) -> tuple[str, ...]:
    """A staging table's data columns after row_no, in order: required columns, the raw cells, optional columns.

    Optional columns come after `raw` so a store made before one was added gains it by ALTER TABLE and
    keeps the same column order as a new store.
    """
    t = registry.table(table)
    return (*t.columns, "raw", *t.optional)


def staging_ddl() -> list[str]:
    out = []
    for t in registry.all_tables().values():
        cols = ",\n  ".join('raw VARCHAR[]' if c == "raw" else f'"{c}" {_SQL_TYPE[t.kind(c)]}'
                            for c in staging_columns(t.name))
        out.append(f"""CREATE TABLE IF NOT EXISTS {staging_name(t.name)} (
  snapshot_id INTEGER NOT NULL,
  return_year INTEGER NOT NULL,
  file_id INTEGER NOT NULL,
  line_no INTEGER NOT NULL,
  row_no INTEGER NOT NULL,
  {cols},
  {NORMALISED} BOOLEAN
)""")
        out += [f'ALTER TABLE {staging_name(t.name)} ADD COLUMN IF NOT EXISTS "{c}" {_SQL_TYPE[t.kind(c)]}'
                for c in t.optional]
        out.append(f"ALTER TABLE {staging_name(t.name)} ADD COLUMN IF NOT EXISTS {NORMALISED} BOOLEAN")
    return out


def insert_columns(table: str) -> str:
    """The column list of an INSERT into a staging table: named, since columns added to an older store
    by ALTER TABLE sit after those a new store lists in its CREATE."""
    cols = ", ".join(f'"{c}"' for c in staging_columns(table))
    return f"(snapshot_id, return_year, file_id, line_no, row_no, {cols}, {NORMALISED})"


def trimmed_cells(table: str, trim: bool = True) -> str:
    """Select-list trimming each of a table's raw text columns once, keeping its name.

    The typed columns are computed over these in an outer SELECT. Trimming inside each typed expression
    instead makes DuckDB bind a nested CASE several times per column, which at one-council size cost
    more than typing the rows. `trim` False (a plain file with no cell to trim: see
    ingest.plain_csv.TextTable.padded) passes the columns through as they are.
    """
    quoted = [f'"{c}"' for c in registry.table(table).all_columns]
    # A list is small: binding trimmed()'s CASE for each of its columns cost more than plain trim() on its rows.
    trim_one = (lambda q: _spaced(f"trim({q}, {TRIM})")) if registry.format_of(table).is_list else trimmed
    return ", ".join(f"{trim_one(q)} AS {q}" if trim else q for q in quoted)


def typed_columns(table: str) -> list[str]:
    """SQL expressions turning a table's trimmed text columns (see `trimmed_cells`; optional ones
    included) into its typed columns, named as in the spec, in the order of `all_columns`."""
    return [f'{typed_cell(table, c)} AS "{c}"' for c in registry.table(table).all_columns]


def typed_cell(table: str, column: str) -> str:
    """SQL typing one trimmed text column (named as in the spec) of a table: a blank cell is NULL."""
    # A date or a number is read from the text as it is: a blank cell is none, and has no nullif() around each use
    # of the cell (binding one cost as much as typing a month's rows, there being ten in a date's SQL).
    cell = f'"{column}"'
    kind = registry.table(table).kind(column)
    if kind == "date":
        return date_of(table, cell)
    if kind == "integer":
        # A whole number, perhaps as Excel writes it ("12.0"); a cast alone would round "12.5" to 13.
        return (f"CASE WHEN regexp_full_match({cell}, '[+-]?[0-9]+(\\.0+)?') "
                f"THEN try_cast(regexp_replace({cell}, '\\.0+$', '') AS INTEGER) END")
    cell = f"nullif({cell}, '')"
    if kind == "code":
        # Excel turns the code 1 into 1.0; codes are text, so the trailing .0 goes.
        code = f"upper(regexp_replace({cell}, '^(\\d+)\\.0+$', '\\1'))"
        if column in registry.table(table).codes:
            # A list's codes are words joined by underscores, which people write with spaces or hyphens:
            # "Short breaks" is SHORT_BREAKS (with a warning, store.normalised); and some in words of their own
            # ("Family and friends" is CONNECTED: the spec's code_words).
            words = f"regexp_replace({code}, '[ -]+', '_', 'g')"
            if own := registry.table(table).code_words.get(column):
                named = " ".join(f"WHEN {literal(k)} THEN {literal(v)}" for k, v in own.items())
                return f"CASE {words} {named} ELSE {words} END"
            return words
        return code
    return cell


def date_of(table: str, cell: str) -> str:
    """SQL reading the trimmed text `cell` as a date, as typing reads `table`'s dates (NULL when it is none, or
    blank)."""
    # strptime's %Y also reads "13/10/21" as the year 21: a year of fewer than four digits is
    # not read as a date, as the DfE does not read it. (Testing the parsed date costs next to
    # nothing, as DuckDB parses once; testing the text's shape cost a third more.)
    spec = registry.format_of(table).spec
    if spec.date_forms != ("%d/%m/%Y",) or spec.excel_dates:
        return _date_in_forms(cell, spec.date_forms, spec.excel_dates)
    parsed = f"try_strptime({cell}, '%d/%m/%Y')::DATE"
    return f"CASE WHEN {parsed} >= DATE '1000-01-01' THEN {parsed} END"


def _date_in_forms(cell: str, forms: tuple[str, ...], excel: bool) -> str:
    """SQL reading a date written in any of `forms` (dd/mm/yyyy first, then the first that fits), and with
    `excel` a five-digit whole number as an Excel day number (days since 30/12/1899, as Excel counts them)."""
    first, *rest = forms
    assert first == "%d/%m/%Y", "the forms begin with dd/mm/yyyy: it is what the shapes below test for"
    # dd/mm/yyyy is read where the text ends in a four-digit year (13/10/21 is not read as the year 21, as the
    # DfE does not read it); the other forms only on text it cannot be (longer, or without its slashes): a
    # list of forms tried costs five times one, on blank cells too.
    other = f"(length({cell}) > 10 OR {cell} NOT LIKE '%/%/%')"
    parsed = f"CASE WHEN {cell} LIKE '%/____' THEN try_strptime({cell}, '{first}') END"
    # Year first (2024-04-01, with any time after it, as databases export dates) is read from its date alone, in
    # one try: an export's dates are mostly so, and a form tried and failed costs as much as one read.
    year_first = [f for f in rest if f.startswith("%Y-%m-%d")]
    rest = [f for f in rest if f not in year_first]
    tried = []
    if year_first:
        tried.append(f"WHEN regexp_full_match({cell}, '[0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}}([ T][0-9:.]+)?') "
                     f"THEN try_strptime(regexp_extract({cell}, '^[0-9-]+'), '%Y-%m-%d')")
    if rest:     # with a four-digit year somewhere, as the DfE reads a year (not 21-10-13)
        tried.append(f"WHEN {other} AND regexp_matches({cell}, '[0-9]{{4}}') "
                     f"THEN try_strptime({cell}, [{', '.join(repr(f) for f in rest)}])")
    if tried:
        parsed = f"coalesce({parsed}, CASE {' '.join(tried)} END)"
    typed = f"CAST({parsed} AS DATE)"
    if not excel:
        return typed
    serial = (f"CASE WHEN {other} AND regexp_full_match({cell}, '{EXCEL_DAY_NUMBER}') "
              f"THEN DATE '1899-12-30' + CAST(CAST({cell} AS DOUBLE) AS INTEGER) END")
    return f"coalesce({typed}, {serial})"


def typed_select(table: str, source: str, trim: bool = True) -> str:
    """SELECT turning raw text columns of `source` into the staging table's columns, in the order of
    insert_columns (`trim`: see trimmed_cells)."""
    t = registry.table(table)
    raw = "[" + ", ".join(f'"{c}"' for c in t.all_columns) + "]"
    # The cells as written, beside the trimmed ones, to tell which rows had a cell trimmed; and the trimmed
    # text beside each typed column, for the marks (_normalised) to compare the two without typing again.
    untrimmed = "".join(f', "{c}" AS "written {c}"' for c in t.all_columns) if trim else ""
    written = "".join(f', "written {c}"' for c in t.all_columns) if trim else ""
    text = "".join(f', "{c}" AS "text {c}"' for c in t.all_columns)
    columns = ", ".join(f'"{c}"' for c in staging_columns(table))
    return (f"SELECT $snapshot_id AS snapshot_id, $return_year AS return_year, $file_id AS file_id, "
            f"line_no, row_no, {columns}, "
            f"{_normalised(table, trim)} AS {NORMALISED} "
            f"FROM (SELECT line_no, row_no, raw, {', '.join(typed_columns(table))}{text}{written} "
            f"FROM (SELECT line_no, row_no, {raw} AS raw, {trimmed_cells(table, trim)}{untrimmed} FROM {source}))")


def _normalised(table: str, trim: bool) -> str:
    """True where typing may have changed a cell of the row (codes upper-cased or losing Excel's ".0",
    dates not written dd/mm/yyyy, numbers written another way, cells trimmed), could not read one (a date
    or number that is not one), or a code or text is longer than its field allows. A cheap over-estimate
    from the typed column and its trimmed text (strlen, in bytes, is stored with each string):
    store.normalised finds the cells themselves. Each cell is typed once, in the query below this one:
    typing it again here cost more to plan than the rows of a month's files."""
    t, lengths = registry.table(table), registry.format_of(table).lengths()
    tests = []
    for c in t.all_columns:
        kind, typed, cell = t.kind(c), f'"{c}"', f'"text {c}"'
        if kind in ("code", "text"):
            tests.append(f"strlen({cell}) > {lengths[c]}")
        if kind == "code":
            tests.append(f"{typed} <> {cell}")
        elif kind == "date":
            tests.append(f"strlen({cell}) NOT IN (0, 10)")
            tests.append(f"({typed} IS NULL AND strlen({cell}) > 0)")     # not read at all
            if registry.format_of(table).spec.date_forms != ("%d/%m/%Y",):    # read in several: 2025-01-31 too
                tests.append(f"(strlen({cell}) = 10 AND {cell} NOT LIKE '__/__/____')")
        elif kind == "integer":
            tests.append(f"coalesce(CAST({typed} AS VARCHAR) <> {cell}, strlen({cell}) > 0)")
        if trim:
            tests.append(f'"written {c}" <> {cell}')
    return "(" + " OR ".join(tests) + ")"
