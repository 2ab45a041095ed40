"""Finding the input files, grouping them into returns (one collection year each) and reading them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .csv_reader import read_csv_text
from ..dates import year_label
from ..formats import registry
from ..formats.councils import council_number, several_councils
from ..errors import Finding, InputError, NoTable
from .fast_csv import try_fast
from .plain_csv import try_plain
from ..plural import counted, listed
from .null_cells import null_cells
from .raw import RawTable
from . import sniff
from .text import decode
from .year_names import NamedYear, year_in_name, year_in_names, year_in_xml_header

_SKIP = {".ds_store", "thumbs.db", "desktop.ini"}
# Files a folder of returns often holds beside them (guidance, notes, a zipped copy): in a folder given,
# set aside with a note; named on their own, refused (read_file says why).
_NOT_DATA = {".md", ".txt", ".json", ".pdf", ".doc", ".docx", ".rtf", ".odt", ".ppt", ".pptx", ".msg", ".eml",
             ".png", ".jpg", ".jpeg", ".gif", ".zip", ".7z", ".rar", ".htm", ".html", ".log", ".ini", ".sql"}
_ZIPPED = (".zip", ".7z", ".rar")
_WORKBOOKS = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class StoredTable:
    """A table from a file already in the store: copied from there instead of being parsed again."""

    table: str
    fmt: str
    encoding: str
    rows: int
    return_year: int
    snapshot_id: int
    file_id: int
    sheet: str | None = None    # the workbook's sheet it was read from


@dataclass
class SourceFile:
    path: Path
    sha256: str | None          # None where nobody asked (validate reads files without a store)
    tables: list[RawTable]
    stored: list[StoredTable] = field(default_factory=list)
    declared: NamedYear | None = None   # the year an XML file's collection header gives, if it has one

    def table_names(self) -> list[tuple[str, str]]:
        return [(t.table, t.fmt) for t in self.tables] + [(t.table, t.fmt) for t in self.stored]

    def is_list(self) -> bool:
        """A file of a list taken on a day (a local list), not part of a yearly return."""
        names = self.table_names()
        return bool(names) and all(registry.format_of(table).is_list for table, _ in names)


@dataclass
class Return:
    """The files of one collection year's return (one folder, or files given together)."""

    folder: Path
    files: list[SourceFile] = field(default_factory=list)
    year: int | None = None          # year ending 31 March, e.g. 2025 for 2024/25: set by whoever knows it
                                     # (--year, or store.return_year from the dates and names)
    named: NamedYear | None = None   # the year its folder or file names give (a claim, checked against the dates)
    notes: list[str] = field(default_factory=list)   # how the year was worked out, for the user
    # Files of lists taken on a day found among the return's (or alone in a folder, with no return
    # files): they belong to the snapshot's as-at date, not to a collection year.
    lists: list[SourceFile] = field(default_factory=list)
    # Set when the folder holds several years' files side by side, each named with its year: this return is
    # the files named so ('2024-25').
    part: str | None = None
    # Set with the year (store.return_year): at least half of the dates it was worked out from are written in
    # another form than dd/mm/yyyy, as a database export or a spreadsheet writes them.
    other_date_forms: bool = False

    # Set when the return is one file named on the command line rather than found in a folder given.
    one_file_named: bool = False

    @property
    def label(self) -> str:
        """The return as the user knows it: its folder, and which of its files when the folder holds several;
        the file itself when it was named alone ("return.xml", rather than the folder it lies in, such as ".")."""
        if self.one_file_named and len(self.files) == 1:
            return str(self.files[0].path)
        return f"{self.folder} (the files named {self.part})" if self.part else str(self.folder)

    @property
    def is_xml(self) -> bool:
        return any(fmt == "xml" for f in self.files for _, fmt in f.table_names())

    def left_out_in_words(self, tables: list) -> str:
        """'has no OC3 (care leavers' records) file', or of an XML return 'holds no SWEpisodes (...)'."""
        named = listed([f"{t.title} ({t.records})" for t in tables])
        return f"holds no {named}" if self.is_xml else f"has no {named} file{'' if len(tables) == 1 else 's'}"

    def tables_left_out(self) -> list:
        """The tables every council's return has rows in (TableSpec.every_return) of which a return of CSV files
        or sheets has no file, in the order of the return. An XML return holds every table of the DfE's schema
        (one it has no rows of has none): of those added to the return since (its `first_year`: social workers'
        episodes), one with no rows is left out, as an XML file written to the schema has none."""
        given = {table: fmt for f in self.files for table, fmt in f.table_names()}
        xml = self.is_xml
        return [t for t in (registry.table(name) for name in registry.SSDA903.tables())
                if t.every_return and (t.first_year or 0) <= (self.year or 0) and t.name not in given
                and (t.first_year or not xml)]

    def declared(self) -> NamedYear | None:
        """The year claimed for the return: an XML collection header's, else its names'."""
        return next((f.declared for f in self.files if f.declared), None) or self.named

    def tables(self) -> list[RawTable]:
        return [t for f in self.files for t in f.tables]


def read_file(path: Path, known: dict[str, list[StoredTable]] | None = None) -> SourceFile:
    read = _read_file(path, known)
    for t in read.tables:
        t.findings += null_cells(t)
    return read


def _read_file(path: Path, known: dict[str, list[StoredTable]] | None) -> SourceFile:
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(name, f"cannot be read ({e.strerror})") from None
    # Only a store compares files by checksum (`known`, possibly empty): hashing is skipped otherwise.
    digest = _sha256(data) if known is not None else None
    if known and digest in known:
        return SourceFile(path, digest, [], known[digest])
    if sniff.is_xml(data):
        # Most returns are CSV: the XML parser is loaded only for an XML file.
        from .xml_reader import read_xml_bytes

        header: dict[str, str] = {}
        tables = read_xml_bytes(data, name, header)
        return SourceFile(path, digest, tables, declared=year_in_xml_header(header))
    what = sniff.kind(data)
    sniff.refuse_unreadable(what, name)
    suffix = path.suffix.lower()
    if what == sniff.WORKBOOK:
        tables = _workbook_tables(path, data)
        if suffix not in _WORKBOOKS:
            tables[0].findings.append(Finding(
                "warning", "named_otherwise", name, tables[0].table, None, None, None,
                f"the file is an Excel workbook, though named {suffix or 'without an ending'}, and was read as one: "
                f"name it .xlsx"))
        return SourceFile(path, digest, tables)
    if suffix in _ZIPPED or what == sniff.OTHER_ZIP:
        raise InputError(name, "is a zipped file, which careboard does not open: unzip it and give the folder of its files")
    if suffix == ".pdf":
        raise InputError(name, ".pdf files are not read; export the table as CSV")
    if suffix in _WORKBOOKS + (".xls", ".xlsb", ".ods"):
        return SourceFile(path, digest, [_text_named_as_a_workbook(data, name, suffix)])
    try:
        return SourceFile(path, digest, [_csv_table(data, name)])
    except InputError as unrecognised:
        # A sheet saved as CSV keeps Ofsted's headers and answers ("Child Unique ID", "b) Female"): read as the
        # workbook's sheet would be, or the first error stands.
        from .xlsx_reader import read_csv_as_sheet   # openpyxl is not needed for it, the reader's rules are

        sheet = read_csv_as_sheet(decode(data, name)[0], name)
        if sheet is None:
            raise unrecognised
        return SourceFile(path, digest, [sheet])


def _text_named_as_a_workbook(data: bytes, name: str, suffix: str) -> RawTable:
    """A CSV file saved under a workbook's name (a system's export named .xls, say), read as CSV with a warning;
    anything else so named cannot be read."""
    try:
        table = _csv_table(data, name)
    except InputError:
        raise InputError(name, f"cannot be read as an Excel workbook (it is not one, though named {suffix}); save it "
                               f"again from Excel as .xlsx") from None
    table.findings.append(Finding("warning", "named_otherwise", name, table.table, None, None, None,
                                  f"the file is CSV text, though named {suffix}, and was read as CSV: name it .csv"))
    return table


def _csv_table(data: bytes, name: str) -> RawTable:
    fast = try_fast(data, name)
    if fast is not None:
        return fast
    text, encoding = decode(data, name)
    return try_plain(text, name, encoding) or read_csv_text(text, name, encoding)


def _workbook_tables(path: Path, data: bytes) -> list[RawTable]:
    """The tables of a workbook's sheets; what the reader found about sheets it left aside goes with the first."""
    from .xlsx_reader import one_sheet_per_table, read_xlsx, sheets_in_words   # openpyxl only for a workbook

    book = read_xlsx(path, data)
    if not book.tables:
        # A sheet coming close to a table is most likely one with a column misnamed: said as an error.
        like = NoTable if not any(m.looks_like for m in book.sheets) else InputError
        raise like(str(path), f"no sheet holds a table careboard reads ({sheets_in_words(book)})")
    one_sheet_per_table(book)
    book.tables[0].findings += [f for f in book.findings if f.table is None]
    return book.tables


def _sha256(data: bytes) -> str:
    import hashlib  # its OpenSSL start-up is a few ms that validating from files does without

    return hashlib.sha256(data).hexdigest()


def discover(paths: list[Path], known: dict[str, list[StoredTable]] | None = None) -> list[Return]:
    """Group the files under `paths` into returns: every folder that holds files is one return.

    Files whose checksum is in `known` are not parsed: the store already holds their rows.
    """
    groups: dict[Path, list[Path]] = {}
    roots: dict[Path, Path] = {}
    named: set[Path] = set()        # files named on their own, not found in a folder given
    aside: dict[Path, list[Path]] = {}
    for p in paths:
        if not p.exists():
            raise InputError(str(p), "no such file or folder")
        candidates = [p] if p.is_file() else sorted(f for f in p.rglob("*") if f.is_file())
        for f in candidates:
            # Hidden files, Office's lock files (~$name, while a workbook is open) and system files go unsaid.
            if f.name.lower() in _SKIP or f.name.startswith((".", "~$")):
                continue
            if p.is_dir() and f.suffix.lower() in _NOT_DATA and not sniff.text_of_a_table(f):
                aside.setdefault(f.parent, []).append(f)
                continue
            groups.setdefault(f.parent, []).append(f)
            roots.setdefault(f.parent, p if p.is_dir() else f.parent)
            if p.is_file():
                named.add(f)
    if not groups:
        left = [f.name for files in aside.values() for f in files]
        raise InputError(", ".join(map(str, paths)), "no input files found" + (
            f": careboard reads CSV, XML and Excel files, and {_set_aside(left)}{_unzip(left)}" if left else ""))
    returns, without_tables = [], []
    for folder, files in sorted(groups.items()):
        read, no_table = [], []
        for f in files:
            try:
                read.append(read_file(f, known))
            except NoTable as e:
                if f in named:
                    raise
                no_table.append((f, e.message))
        if not read:
            without_tables += [f"{f}: {why}" for f, why in no_table]
            continue
        lists = [f for f in read if f.is_list()]
        yearly = [f for f in read if not f.is_list()]
        parts = _years_side_by_side(folder, yearly) or [
            Return(folder, yearly, named=year_in_names(folder, [f.path for f in yearly], roots[folder]))]
        parts[-1].lists = lists
        if folder in aside:
            parts[0].notes.append(f"{folder}: {_set_aside([f.name for f in aside[folder]])}, as careboard reads only CSV, "
                                  f"XML and Excel files{_unzip([f.name for f in aside[folder]])}")
        if no_table:
            parts[0].notes.append(f"{folder}: {_set_aside([f.name for f, _ in no_table])}, as "
                                  f"{'it holds' if len(no_table) == 1 else 'they hold'} no table careboard reads")
        for r in parts:
            r.one_file_named = len(files) == 1 and files[0] in named
            _pick_stored_year(r)
            _one_file_per_list([f for x in (*returns, r) for f in x.lists])
            _one_file_per_table(r)
            returns.append(r)
    if not returns:
        raise InputError(", ".join(map(str, paths)), "no file holds a table careboard reads: "
                                                     + "; ".join(without_tables))
    # Files set aside in a folder holding no return (a zipped copy beside the return's folder) are said too.
    for folder in sorted(set(aside) - set(groups)):
        returns[0].notes.append(f"{folder}: {_set_aside([f.name for f in aside[folder]])}, as careboard reads only "
                                f"CSV, XML and Excel files{_unzip([f.name for f in aside[folder]])}")
    return returns


def _one_file_per_table(r: Return) -> None:
    """Each table once in a return. An XML file is a whole return on its own; CSV files and workbooks' sheets
    may be mixed (the header and episodes as CSV, the rest in a workbook)."""
    names = [(name, fmt, str(f.path)) for f in r.files for name, fmt in f.table_names()]
    if "xml" in {fmt for _, fmt, _ in names} and len({fmt for _, fmt, _ in names}) > 1:
        xml = next(file for _, fmt, file in names if fmt == "xml")
        other = next(file for _, fmt, file in names if fmt != "xml")
        raise InputError(r.label, f"mixes an XML return ({Path(xml).name}) with CSV files or workbooks "
                                  f"({Path(other).name} ...) in one return; give one XML file, or CSV files and "
                                  f"workbooks without it")
    seen: dict[str, str] = {}
    for table, fmt, file in names:
        if table not in seen or seen[table] == file:
            seen[table] = file
            continue
        first = seen[table]
        what = "XML return" if fmt == "xml" else f"{table} table"
        councils = {council_number(Path(f).name) for f in (file, first)}
        if None not in councils and several_councils(councils):     # '350 Header.csv' beside '351 Header.csv'
            raise InputError(file, f"is a second {what} in the same return (the first is {first}), "
                                   f"and the file names start with the LA numbers {' and '.join(sorted(councils))},"
                                   f" as two councils' returns would: put each council's files in a folder of their "
                                   f"own, and load each council's into a store of its own (--db FILE)")
        if _same_bytes(file, first):     # 'Header (1).csv', a file downloaded twice
            raise InputError(file, f"is the same file as {first}, byte for byte (the {what} saved or downloaded "
                                   f"twice): remove one of them")
        if fmt == "xml":
            raise InputError(file, f"is a second XML return beside {first}: give one XML file for each year, "
                                   f"each in a folder of its own (2023-24, 2024-25 ...) or named with its year")
        years = {named.year if (named := year_in_name(Path(f).stem, "")) else None for f in (file, first)}
        if len(years) == 1 and None not in years:     # 'Episodes 2024-25.csv' beside 'Episodes 2024-25 v2.csv'
            raise InputError(file, f"is a second {what} in the same return (the first is {first}), and both "
                                   f"names give the year {year_label(years.pop())}: two versions of one table, it "
                                   f"seems; keep the one to load and move the other out of the folder")
        raise InputError(file, f"is a second {what} in the same return (the first is {first}): put "
                               f"each year's files in a folder of their own (2023-24, 2024-25 ...), or name each "
                               f"file with its year")


def _same_bytes(a: str, b: str) -> bool:
    try:
        return Path(a).read_bytes() == Path(b).read_bytes()
    except OSError:
        return False


def _years_side_by_side(folder: Path, files: list[SourceFile]) -> list[Return] | None:
    """A folder holding several years' returns side by side ('350 Episodes 2023-24.csv' beside '350 Episodes
    2024-25.csv'), read as a return per year: only when some table comes twice and every file's name gives a
    year, with the years differing. Otherwise None (the folder is one return)."""
    tables = [t for f in files for t, _ in f.table_names()]
    if len(tables) == len(set(tables)):
        return None
    named = [year_in_name(f.path.stem, f"the file name {f.path.name!r}") for f in files]
    if None in named or len({(n.year, n.bare) for n in named}) < 2:
        return None
    by_year: dict[tuple[int, bool], Return] = {}
    for f, n in zip(files, named):
        r = by_year.setdefault((n.year, n.bare), Return(folder, named=n, part=n.text))
        r.files.append(f)
    return [by_year[k] for k in sorted(by_year)]


def _unzip(names: list[str]) -> str:
    """Advice to unzip, where files set aside include a zipped one."""
    return "; unzip a zipped return to load it" if any(Path(n).suffix.lower() in _ZIPPED for n in names) else ""


def _set_aside(names: list[str]) -> str:
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    return f"{counted(len(names), 'file')} set aside ({shown})"


def _one_file_per_list(files: list[SourceFile]) -> None:
    """A load holds one copy of each list: two files of one list cannot both be the position on the day."""
    seen: dict[str, Path] = {}
    for f in files:
        for table, _ in f.table_names():
            if table in seen:
                title = registry.table(table).in_text
                raise InputError(str(f.path), f"is a second {title} list in the same load (the first is {seen[table]}); "
                                              f"load one copy of each list, the latest")
            seen[table] = f.path


def _pick_stored_year(r: Return) -> None:
    """A byte-identical file can be stored under several years (an unchanged table, say): keep the
    copy for this return's year, or else the one stored copy per table."""
    for f in r.files:
        if len({t.return_year for t in f.stored}) > 1:
            years = {t.return_year for t in f.stored}
            claimed = r.declared()
            keep = claimed.year if claimed and claimed.year in years else max(years)
            f.stored = [t for t in f.stored if t.return_year == keep]

