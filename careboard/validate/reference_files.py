"""Reading the reference files some DfE rules need: an Ofsted provider URN list and a postcode lookup.

The URN list is CSV or an Excel workbook (its first sheet), the postcode lookup CSV. Columns are found by name, whatever the case, spacing or underscores ("PLACE_CODES",
"Place codes"), and extra columns are ignored. Anything careboard cannot use stops the run with an
InputError naming the file, line and field. LA codes are read as written (DfE number or GSS code);
reference_inputs makes every table use one form.

The URN list is small (one row per registered setting) and is read row by row. A postcode lookup is
usually the whole ONS Postcode Directory (2.7 million rows, 1 GB), so DuckDB reads it, and a bad cell
is traced back to its line only when there is one.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..dates import parse_date
from ..errors import InputError
from ..ingest import sniff
from ..ingest.text import decode
from .la_codes import DFE, GSS, OUTSIDE_ENGLAND, clean_code, code_style

# field -> (what the error calls it, accepted headers once normalised, required)
URN_COLUMNS = {
    "URN": ("URN", ("urn", "provider urn", "ofsted urn"), True),
    "place_codes": ("PLACE_CODES", ("place codes", "place code", "place", "placement types"), True),
    "provider_codes": ("PROVIDER_CODES", ("provider codes", "provider code", "place provider",
                                          "place providers"), True),
    "reg_end": ("REG_END", ("reg end", "registration end date", "registration end", "reg end date"), False),
    "postcode": ("POSTCODE", ("postcode", "post code", "setting postcode"), True),
    "la_code": ("LA", ("la", "la code", "local authority code", "la number"), True),
}
# ONS Postcode Directory names (older and newer releases); the county, when present, wins over the
# district, because children's services in two-tier areas are the county's.
POSTCODE_COLUMNS = {
    "pcd": ("pcd or pcds", ("pcds", "pcd", "pcd7", "pcd8", "pcd2", "postcode"), True),
    "district": ("oslaua or lad", ("oslaua", "laua", "lad", "ladcd", r"lad\d\dcd"), True),
    "county": ("oscty", ("oscty", "cty", "ctycd", r"cty\d\dcd"), False),
    "easting": ("oseast1m", ("oseast1m", "east1m", "easting"), True),
    "northing": ("osnrth1m", ("osnrth1m", "north1m", "northing"), True),
}
_CODE_SEPARATORS = re.compile(r"[,;\s]+")
_NOT_TEXT = (".xlsx", ".xlsm", ".xls", ".ods", ".zip", ".pdf")
_WORKBOOKS = (".xlsx", ".xlsm")


def _normalise(header: str) -> str:
    return " ".join(re.sub(r"[_\-]+", " ", header).lower().split())


def _columns(header: list[str], wanted: dict, file: str, line: int = 1) -> dict[str, int]:
    """Field -> column index, the first accepted name winning; InputError naming a required column missing."""
    names = [_normalise(h) for h in header]
    found: dict[str, int] = {}
    for field, (label, aliases, required) in wanted.items():
        index = next((i for alias in aliases for i, n in enumerate(names) if re.fullmatch(alias, n)), None)
        if index is not None:
            found[field] = index
        elif required:
            raise InputError(file, f"there is no {label} column (looked for: {', '.join(aliases)}); "
                                   f"the header is: {', '.join(header)}", line, label)
    return found


def _refuse_spreadsheet(path: Path) -> None:
    if path.suffix.lower() in _NOT_TEXT:
        raise InputError(str(path), f"{path.suffix} files are not read; save the sheet as CSV")
    try:
        binary = sniff.starts_like_a_spreadsheet(path)
    except OSError as e:
        raise InputError(str(path), f"cannot be read ({e.strerror})") from None
    if binary:       # a workbook renamed .csv: its bytes said as text were the message
        named = f"its name ends {path.suffix}" if path.suffix else "its name has no suffix"
        raise InputError(str(path), f"is a workbook (or a zip file), though {named}: save the sheet as CSV")


def _read_text(path: Path) -> str:
    _refuse_spreadsheet(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(str(path), f"cannot be read ({e.strerror})") from None
    return decode(data, str(path))[0]


def children_services_la(text: str, known: tuple[str, ...] = ()) -> str | None:
    """An LA with children's services, as written: a DfE number among `known` (when given), or the GSS code of a
    unitary, metropolitan, London or county council (E06, E08, E09, E10)."""
    code = clean_code(text)
    if not code:
        return None
    style = code_style(code)
    if style is None:
        raise ValueError(f"{text!r} is not an LA code (a DfE number such as 874, or a GSS code such as E06000031)")
    if style == DFE and known and code not in known:
        raise ValueError(f"{text!r} is no English LA's DfE number (such as 874)")
    if style == GSS and code.startswith("E07"):
        raise ValueError(f"{text!r} is a district's code, and children's services are the county's: give the "
                         f"county's (E10...)")
    if style == GSS and not code.startswith(("E06", "E08", "E09", "E10")):
        raise ValueError(f"{text!r} is not the code of an English LA with children's services (E06, E08, E09 or "
                         f"E10, such as E06000031)")
    return code


def _codes(text: str) -> list[str]:
    return [c for c in _CODE_SEPARATORS.split(text.upper()) if c]


def read_urn_list(path: Path, known_la: tuple[str, ...] = ()) -> list[dict]:
    """An Ofsted provider URN list as urn_list rows (see rules/reference.py); `known_la`: the DfE numbers of the
    LAs of the year, which a DfE-numbered LA must be one of."""
    path = Path(path)
    file = str(path)
    if path.suffix.lower() in _WORKBOOKS or path.is_file() and sniff.starts_like_a_spreadsheet(path):
        # a workbook is read as one, whatever its name ends with (saved as "urns.csv", say)
        lines = _from_header(_sheet_rows(path), URN_COLUMNS["URN"][1])
    else:
        lines = _csv_rows(path)
    line, header = next(lines, (0, None))
    if not header:
        raise InputError(file, "the file has no header row")
    col = _columns(header, URN_COLUMNS, file, line)
    named = {field: header[i].strip() for field, i in col.items()}     # errors name the file's own header
    rows = []
    for line, cells in lines:
        if not any(c.strip() for c in cells):
            continue
        cell = {field: cells[i].strip() if i < len(cells) else "" for field, i in col.items()}
        field = "URN"
        try:
            if not cell["URN"]:
                raise ValueError("the URN is blank")
            field = "reg_end"
            reg_end = parse_date(cell["reg_end"]) if cell.get("reg_end") else None
            field = "la_code"
            la = children_services_la(cell["la_code"], known_la)
        except ValueError as e:
            raise InputError(file, str(e), line, named[field]) from None
        rows.append({"URN": cell["URN"].upper(), "place_codes": _codes(cell["place_codes"]),
                     "provider_codes": _codes(cell["provider_codes"]), "reg_end": reg_end,
                     "postcode": cell["postcode"].upper().replace(" ", "") or None, "la_code": la})
    if not rows:
        raise InputError(file, "the URN list has no rows")
    return rows


def _csv_rows(path: Path):
    """(line, cells) for each row of a CSV file, the header first."""
    reader = csv.reader(io.StringIO(_read_text(path)))
    for cells in reader:
        yield reader.line_num, cells


def _from_header(rows, aliases: tuple[str, ...], look: int = 20):
    """The rows from the first (of the first `look`) naming one of `aliases`, else all: a published
    workbook often has a title and notes above its header row."""
    head = []
    for number, cells in rows:
        head.append((number, cells))
        if any(re.fullmatch(a, _normalise(c)) for c in cells for a in aliases) or len(head) == look:
            break
    start = next((i for i, (_, cells) in enumerate(head)
                  if any(re.fullmatch(a, _normalise(c)) for c in cells for a in aliases)), 0)
    yield from head[start:]
    yield from rows


def _sheet_rows(path: Path):
    """(row number, cells as text) for each row of a workbook's first sheet, from its first non-blank row.

    Cells are read as Excel shows them: a whole number without ".0", a date as yyyy-mm-dd."""
    from datetime import date, datetime
    from zipfile import BadZipFile

    from openpyxl import load_workbook   # only for a workbook given as a URN list

    def text(value) -> str:
        if value is None:
            return ""
        if isinstance(value, datetime | date):
            return (value.date() if isinstance(value, datetime) else value).isoformat()
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    try:
        data = path.read_bytes()
        sniff.refuse_unreadable(sniff.kind(data), str(path))    # a password, say
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as e:
        raise InputError(str(path), f"cannot be read as an Excel workbook ({e}); save the sheet as CSV") from None
    try:
        started = False
        for number, values in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
            cells = [text(v) for v in values]
            started = started or any(c.strip() for c in cells)
            if started:
                yield number, cells
    finally:
        book.close()


def _first_line(path: Path) -> list[str]:
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as f:
            return next(csv.reader(f), [])
    except OSError as e:
        raise InputError(str(path), f"cannot be read ({e.strerror})") from None


def _line_of(path: Path, column: int, value: str) -> int | None:
    """The line whose `column` holds `value`: read again only to point at a bad cell."""
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as f:
        reader = csv.reader(f)
        next(reader, None)
        for cells in reader:
            if len(cells) > column and cells[column].strip().upper() == value.upper():
                return reader.line_num
    return None


def read_postcode_lookup(con, path: Path, table: str) -> None:
    """Fill `table` (already created, columns as postcode_lookup) from a postcode lookup in the ONS
    Postcode Directory layout. LA codes stay as written, except outside England (WAL, SCO, NIR)."""
    from ..backends import engine

    path = Path(path)
    file = str(path)
    _refuse_spreadsheet(path)
    header = _first_line(path)
    if not header:
        raise InputError(file, "the file is empty")
    col = _columns(header, POSTCODE_COLUMNS, file)
    # Plain CSV as the header was read, no sniffing (it guesses wrong on small odd files), and the columns
    # named by position: DuckDB need not agree with Python about stray spaces in a header.
    columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(header)))
    text = {field: f"nullif(trim(c{i}), '')" for field, i in col.items()}
    county = text.get("county", "NULL")
    try:
        con.execute(f"""CREATE OR REPLACE TEMP TABLE postcode_source AS
            SELECT upper(replace({text['pcd']}, ' ', '')) AS pcd, upper({text['district']}) AS district,
                   upper({county}) AS county, {text['easting']} AS easting, {text['northing']} AS northing
            FROM read_csv(?, auto_detect = false, header = true, delim = ',', quote = '"', escape = '"',
                          columns = {{{columns}}})""", [file])
    except engine().error as e:
        raise InputError(file, *_csv_problem(str(e))) from None
    try:
        _check_postcodes(con, path, header, col)
        la = _LA_OF_ROW
        outside = " ".join(f"WHEN regexp_full_match(la, '{letter}[0-9]{{8}}') THEN '{name}'"
                           for letter, name in OUTSIDE_ENGLAND.items())
        con.execute(f"""INSERT INTO {table}
                        SELECT pcd, CASE {outside} ELSE la END, CAST(easting AS DOUBLE), CAST(northing AS DOUBLE)
                        FROM (SELECT *, {la} AS la FROM postcode_source WHERE pcd IS NOT NULL)""")
    finally:
        con.execute("DROP TABLE IF EXISTS postcode_source")


def _csv_problem(message: str) -> tuple[str, int | None]:
    """DuckDB's CSV error as (what is wrong, line): its first line says where, the next what."""
    lines = [x for x in message.splitlines() if x.strip()]
    where = re.search(r"Line: (\d+)", lines[0])
    what = [x for x in lines[1:] if not x.startswith("Original Line")]
    return f"cannot be read as CSV: {(what or lines)[0]}", int(where.group(1)) if where else None


_LA_CODE = "regexp_full_match({0}, '[0-9]{{3}}|[A-Z][0-9]{{8}}')"
# A postcode's LA: its county where it has one (a pseudo-code ending 99999999 is none), else its district.
_LA_OF_ROW = "CASE WHEN county IS NOT NULL AND county NOT LIKE '_99999999' THEN county ELSE district END"


def _check_postcodes(con, path: Path, header: list[str], col: dict[str, int]) -> None:
    """Stop at the first cell careboard cannot use, naming its line and field."""
    number = "is not a number of metres"
    not_la = "is not an LA code (a GSS code such as E06000031, or a DfE number)"
    checks = [("easting", "easting IS NOT NULL AND TRY_CAST(easting AS DOUBLE) IS NULL", number),
              ("northing", "northing IS NOT NULL AND TRY_CAST(northing AS DOUBLE) IS NULL", number),
              ("district", f"district IS NOT NULL AND NOT {_LA_CODE.format('district')}", not_la)]
    if "county" in col:
        checks.append(("county", f"county IS NOT NULL AND NOT {_LA_CODE.format('county')}", not_la))
    else:
        # A district of a two-tier county (E07) runs no children's services; only the county column
        # can say which county it belongs to.
        checks.append(("district", "district LIKE 'E07%'",
                       ("is a district council, whose children's services are the county's: the lookup needs "
                        "the county column (oscty) of the ONS Postcode Directory")))
    for field, bad, problem in checks:
        hit = con.execute(f"SELECT {field}, pcd FROM postcode_source WHERE {bad} LIMIT 1").fetchone()
        if hit:
            raise InputError(str(path), f"{hit[0]!r} (postcode {hit[1]}) {problem}",
                             _line_of(path, col[field], hit[0]), header[col[field]])
    # A postcode in two LAs would be placed by whichever row came first.
    twice = con.execute(f"SELECT pcd, min({_LA_OF_ROW}), max({_LA_OF_ROW}) FROM postcode_source WHERE pcd IS NOT NULL "
                        f"GROUP BY pcd HAVING min({_LA_OF_ROW}) <> max({_LA_OF_ROW}) ORDER BY pcd LIMIT 1").fetchone()
    if twice:
        raise InputError(str(path), f"the postcode {twice[0]} is given twice, in {twice[1]} and in {twice[2]}: keep "
                                    "the row that is right", field=header[col["pcd"]])
