"""Findings for every cell careboard read differently from how it was written, and every value longer
than its field allows.

Typing (tables.schema.typed_columns) tidies cells so that the same value written two ways counts as one:
spaces around a cell go, codes are upper-cased, Excel's "1.0" is read as the code "1", and a date written
1/4/2024 is read as 01/04/2024. Each such cell is a warning naming its file, line, field and value as
written, so a council can see and fix what its system or spreadsheet does. Typing marks the rows where
that may have happened, or a value may be too long (schema.NORMALISED), from the cells it has in hand;
only those rows' raw cells are taken apart here, comparing each value as read, printed back, with the
text as written.
"""

from __future__ import annotations

from ..formats import registry
from ..sql.params import literal
from ..tables.schema import INVISIBLE, NORMALISED, TRIM, child_of, staging_name, trimmed

# Why a cell was read differently, most telling first, with the words added to its message.
_REASONS = {
    "excel_number": "Excel had added a decimal point",
    "lower_case_code": "codes are upper case",
    "code_words": "the words of a code are joined by underscores",
    "code_in_other_words": "the list's code for those words",
    "unpadded_date": "dates are written dd/mm/yyyy",
    "date_form": "the date was written another way; {date_form}",
    "reformatted_number": "numbers are written without leading zeros",
    "invisible_characters": "it held invisible characters, such as the zero-width space text copied from a web page "
                            "brings, which were removed",
    "stray_spaces": "spaces around the value were removed",
    "non_breaking_space": "it held a non-breaking space, as Word and web pages write one, read as a space",
}


def _cells(table: str) -> list[str]:
    """For each column, the cell as a struct (field, value as written, value as read, and the field's
    length limit where it is too long), or NULL where typing changed nothing and the value fits."""
    t, lengths = registry.table(table), registry.format_of(table).lengths()
    cells = []
    for i, c in enumerate(t.all_columns, start=1):
        raw, kind, col = f"raw[{i}]", t.kind(c), f'"{c}"'
        read = {"date": f"strftime({col}, '%d/%m/%Y')", "integer": f"CAST({col} AS VARCHAR)"}.get(kind, col)
        cells.append(f"CASE WHEN {read} <> {raw} THEN struct_pack(field := '{c}', value := {raw}, read := {read}, "
                     f"most := NULL::INTEGER) END")
        # A list's column with codes of its own: a value too long is no code of it, reported once as that.
        if kind in ("code", "text") and c not in t.codes:
            most = lengths[c]
            cells.append(f"CASE WHEN length({col}) > {most} THEN struct_pack(field := '{c}', value := {raw}, read := {col}, "
                         f"most := {most}) END")
    return cells


# What kind of change a cell's value as written and as read show. Worked out once per finding, over
# the few cells found, rather than per column in the statement that finds them: planning a kind test
# per column made that statement cost more than running it.
_KIND = f"""CASE WHEN x.most IS NOT NULL THEN 'too_long'
     WHEN {trimmed("x.value")} = x.read AND regexp_matches(x.value, '[{INVISIBLE}]')
          THEN 'invisible_characters'
     WHEN contains(trim(x.value, {TRIM}), '\u00a0') AND upper({trimmed("x.value")}) = upper(x.read)
          THEN 'non_breaking_space'
     WHEN {trimmed("x.value")} = x.read THEN 'stray_spaces'
     WHEN upper({trimmed("x.value")}) = x.read THEN 'lower_case_code'
     WHEN regexp_replace(upper({trimmed("x.value")}), '[ -]+', '_', 'g') = x.read THEN 'code_words'
     WHEN x.read NOT LIKE '%/%' AND regexp_matches(x.value, '[A-Za-z]') THEN 'code_in_other_words'
     WHEN x.read LIKE '__/__/____' AND regexp_full_match({trimmed("x.value")}, '[0-9]+/[0-9]+/[0-9]{{4}}')
          THEN 'unpadded_date'
     WHEN x.read LIKE '__/__/____' THEN 'date_form'
     WHEN contains(x.value, '.') THEN 'excel_number'
     ELSE 'reformatted_number' END"""

# Excel shows a number of twelve digits or more in scientific notation, and saves it so in a CSV file: the
# digits after the sixth are lost, and two children's IDs may become one.
_SCIENTIFIC = ("""CASE WHEN regexp_full_match(x.read, '[0-9]([.][0-9]+)?E[+][0-9]+') THEN ': it is a long number """
               """that Excel wrote in scientific notation, losing its last digits (two IDs may have become one); """
               """format the column as text and export it again' ELSE '' END""")

_MESSAGE = ("""CASE WHEN code = 'too_long' THEN x.field || ' "' || x.read || '" is ' || length(x.read) """
            """|| ' characters long; {whose} allows at most ' || x.most || """ + _SCIENTIFIC + """
     ELSE x.field || ' "' || x.value || '" was read as "' || x.read || '" (' || CASE code """
            + " ".join(f"WHEN '{k}' THEN {literal(v)}" for k, v in _REASONS.items()) + " END || ')' END")


def cell_findings(table: str, sid: str) -> str:
    """SELECT of the dq_findings rows for the cells of `table` read differently from how they were
    written or longer than allowed, in the files `sid` names (the SQL after "snapshot_id = ")."""
    cells = _cells(table)
    is_list = registry.format_of(table).is_list
    whose = "the list" if is_list else "the return"
    date_form = "dd/mm/yyyy is the usual form" if is_list else "the DfE takes dates written dd/mm/yyyy only"
    return f"""SELECT snapshot_id, CASE WHEN code = 'too_long' THEN 'error' ELSE 'warning' END, code, '{table}',
       file_id, line_no, child, x.field, x.value, {_MESSAGE.replace("{whose}", whose).replace("{date_form}", date_form)}
FROM (SELECT *, {_KIND} AS code
      FROM (SELECT snapshot_id, file_id, line_no, {child_of(table)} AS child, unnest([{", ".join(cells)}]) AS x
            FROM {staging_name(table)} WHERE snapshot_id = {sid} AND {NORMALISED})
      WHERE x IS NOT NULL)"""
