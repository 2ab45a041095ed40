"""Reading the EXPSSDA903 XML form into one RawTable per SSDA903 table.

The XML nests every table under its child; careboard flattens it to the CSV tables, copying the
child-level fields (CHILD, DOB, SEX) onto each sub-row and remembering the line each row starts on.
"""

from __future__ import annotations

from xml.parsers import expat

from ..formats.registry import SSDA903 as spec
from ..errors import Finding, InputError
from .limits import cut_finding
from .raw import RawTable
from ..plural import counted


class _Flattener:
    def __init__(self, file: str):
        self.file = file
        self.x = spec.xml()
        self.rows: dict[str, list[tuple[int, dict[str, str]]]] = {t: [] for t in spec.tables()}
        self.stack: list[str] = []
        self.text: list[str] = []
        self.header: dict[str, str] = {}
        self.header_line = 0
        self.has_header = False     # whether the CHILD being read has had its HEADER
        self.headerless: list[int] = []     # the lines of CHILDs without one
        self.child_rows: list[tuple[str, int, dict[str, str]]] = []
        self.group: dict[str, str] | None = None
        self.root_seen = False
        self.outside: dict[str, str] = {}   # elements outside every CHILD: a collection header, if any
        self.limit = spec.cell_chars()
        self.cut: list = []         # findings for runaway values cut to the limit
        self.line = 0               # the line the parser is on, set before each event
        # Elements inside a CHILD that are no field of any table, by name: (how many, the first's line).
        self.unknown: dict[str, tuple[int, int]] = {}
        self.known = {c for t in spec.tables() for c in spec.table(t).all_columns} | set(self.x.renames)
        # Where each field may be: in its group's element (EPISODE ...), or directly in HEADER for the header's
        # own fields and those of the tables written from it (UASC, AD1, OC3). Elsewhere it is ignored, with a
        # warning: read into another row it would be another table's value (a UPN inside an EPISODE).
        self.allowed = {g: frozenset(spec.table(t).all_columns) for g, t in self.x.groups.items()}
        self.allowed[self.x.header] = frozenset(c for t in ("header", *self.x.header_tables)
                                                for c in spec.table(t).all_columns)
        self.misplaced: dict[tuple[str, str], tuple[int, int]] = {}

    def start(self, name: str, attrs, line: int) -> None:
        if not self.stack:
            if name != self.x.root:
                raise InputError(self.file, f"the XML root element is <{name}>, expected <{self.x.root}>", line)
            self.root_seen = True
        elif name == self.x.child and self.stack[-1] == self.x.root:
            self.header, self.child_rows, self.header_line, self.has_header = {}, [], line, False
        elif (name == self.x.header or name in self.x.groups) and self.x.child not in self.stack:
            # Outside a CHILD its values would be no child's, and lost.
            raise InputError(self.file, f"<{name}> lies outside every <{self.x.child}>: each child's {self.x.header} "
                                        f"and rows go inside its {self.x.child}", line)
        elif name == self.x.header:
            if self.has_header:
                # Its values would be read over the first's, and one child's rows given to another.
                raise InputError(self.file, f"a CHILD holds a second HEADER (the first is on line {self.header_line}): "
                                            f"each child's HEADER and rows go in a CHILD of their own", line)
            self.header_line, self.has_header = line, True
        elif name in self.x.groups:
            self.group = {}
            self.child_rows.append((self.x.groups[name], line, self.group))
        self.stack.append(name)
        self.text = []

    def end(self, name: str) -> None:
        self.stack.pop()
        if name in self.x.groups:
            self.group = None
        elif name == self.x.child and self.stack and self.stack[-1] == self.x.root:
            self._flush_child()
        elif self.stack and self.x.child not in self.stack:
            text = "".join(self.text).strip()
            if text:
                self.outside[name] = text
        elif len(self.stack) >= 2 and name not in (self.x.header, self.x.child):
            field = self.x.renames.get(name, name)
            value = "".join(self.text)
            if "\n" in value:      # a line break around a value is the file's layout (pretty-printed), not data
                value = value.strip()
            if name not in self.known:
                count, first = self.unknown.get(name, (0, self.line))
                self.unknown[name] = (count + 1, first)
            if len(value) > self.limit:
                self.cut.append(cut_finding(self.file, self.table_of(field), self.line, field, value))
                value = value[:self.limit]
            # Its group, else HEADER (a header's field directly in CHILD is read as in HEADER, but named where it is).
            where = next((n for n in reversed(self.stack) if n in self.x.groups or n == self.x.header), self.x.child)
            if name in self.known and field not in self.allowed.get(where, self.allowed[self.x.header]):
                count, first = self.misplaced.get((name, where), (0, self.line))
                self.misplaced[(name, where)] = (count + 1, first)
            else:
                target = self.group if self.group is not None else self.header
                target[field] = value
        self.text = []

    def table_of(self, field: str) -> str:
        """The table a value being read belongs to: its group's, else the header's."""
        group = next((self.x.groups[n] for n in reversed(self.stack) if n in self.x.groups), None)
        return group or next((t for t, when in self.x.header_tables.items() if field in when), "header")

    def _flush_child(self) -> None:
        if not self.has_header:     # its rows are kept, with no child to link them to (each a finding)
            self.headerless.append(self.header_line)
            for table, line, values in self.child_rows:
                self.rows[table].append((line, values))
            return
        child = self.header
        for table, when in self.x.header_tables.items():
            if any(child.get(f, "").strip() not in ("", "0") for f in when):
                self.rows[table].append((self.header_line, child))
        self.rows["header"].append((self.header_line, child))
        for table, line, values in self.child_rows:
            self.rows[table].append((line, {**child, **values}))


def _flattened(data: bytes, file: str, encoding: str | None = None) -> _Flattener:
    flat = _Flattener(file)
    parser = expat.ParserCreate(encoding)
    # An element's name as the return spells it: without a namespace prefix (<ns0:EPISODE>, which a system
    # writing the DfE's namespace may use), and in capitals when the whole file is written in lower case
    # (<expssda903>); a file whose root is in capitals keeps its other elements' names (a collection <Header>).
    lower = []

    def element(name: str) -> str:
        name = name.rpartition(":")[2]
        if not lower:
            lower.append(name != flat.x.root and name.upper() == flat.x.root)
        return name.upper() if lower[0] else name

    parser.StartElementHandler = lambda n, a: flat.start(element(n), a, parser.CurrentLineNumber)

    def end(name: str) -> None:
        flat.line = parser.CurrentLineNumber     # for a finding about the value just read
        flat.end(element(name))

    parser.EndElementHandler = end
    parser.CharacterDataHandler = lambda s: flat.text.append(s)
    parser.Parse(data, True)
    return flat


def read_xml_bytes(data: bytes, file: str, header: dict[str, str] | None = None) -> list[RawTable]:
    """The file's tables. `header`, if given, receives the text of the elements outside every CHILD (the
    EXPSSDA903 schema has none, but some systems write a collection header with its year there)."""
    encoding, said = "as declared", []
    try:
        flat = _flattened(data, file)
    except expat.ExpatError as e:
        if e.code != expat.errors.codes[expat.errors.XML_ERROR_INVALID_TOKEN] or not _utf8(data):
            raise _not_well_formed(file, e) from None
        # A declaration naming another encoding (us-ascii, say) over a file written in UTF-8, as some systems write it.
        try:
            flat, encoding = _flattened(data, file, "utf-8"), "utf-8"
        except expat.ExpatError as again:     # read as UTF-8, it is malformed further on
            raise _not_well_formed(file, again) from None
        said = [Finding("warning", "encoding_declared", file, None, 1, None, None,
                        "the first line declares another encoding than the file is written in (UTF-8): it was read "
                        "as UTF-8; correct the encoding=\"...\" in that line")]
    if header is not None:
        header.update(flat.outside)
    ignored = _ignored(flat, file)
    out = []
    for table, rows in flat.rows.items():
        if not rows:
            continue
        t = spec.table(table)
        # A missing element reads as blank, except an optional column's: that stays unknown (None).
        cells = [[values.get(c, "") for _, values in rows] for c in t.columns]
        cells += [[values.get(c) for _, values in rows] for c in t.optional]
        line_no = [line for line, _ in rows]
        out.append(RawTable(table, file, encoding, "xml", t.all_columns, cells, line_no,
                            list(range(1, len(rows) + 1)),
                            [f for f in flat.cut if f.table == table] + (ignored if table == "header" else [])))
    if said and out:
        out[0].findings.extend(said)
    if flat.headerless and out:
        out[0].findings.append(_headerless(flat.headerless, file))
    if flat.misplaced and out:
        out[0].findings.append(_misplaced(flat.misplaced, file))
    return out


def _not_well_formed(file: str, e: expat.ExpatError) -> InputError:
    return InputError(file, f"not well-formed XML ({expat.errors.messages[e.code]})", e.lineno)


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _misplaced(misplaced: dict[tuple[str, str], tuple[int, int]], file: str) -> Finding:
    named = ", ".join(f"{name} inside {where} ({counted(n, 'time')}, first on line {line})"
                      for (name, where), (n, line) in misplaced.items())
    return Finding("warning", "misplaced_elements", file, None, min(line for _, line in misplaced.values()),
                   ",".join(dict.fromkeys(name for name, _ in misplaced)), None,
                   f"elements in another place than the SSDA903 return puts them were ignored: {named}")


def _headerless(lines: list[int], file: str) -> Finding:
    if len(lines) == 1:
        said = f"line {lines[0]} opens a CHILD with no HEADER, so its rows have no child ID"
    else:
        shown = ", ".join(map(str, lines[:5])) + (" ..." if len(lines) > 5 else "")
        said = f"{len(lines)} CHILDs have no HEADER (lines {shown}), so their rows have no child ID"
    return Finding("error", "no_header", file, None, lines[0], None, None,
                   f"{said}: add the HEADER, with CHILDID, SEX and DOB")


def _ignored(flat: _Flattener, file: str) -> list[Finding]:
    """One warning naming the elements inside a CHILD that careboard does not read (a system's own additions,
    or a tag it spells another way), so that nothing is dropped without a word."""
    if not flat.unknown:
        return []
    named = ", ".join(f"{name} ({counted(n, 'time')}, first on line {line})" for name, (n, line) in flat.unknown.items())
    return [Finding("warning", "extra_columns", file, "header", min(line for _, line in flat.unknown.values()),
                    ",".join(flat.unknown), None,
                    f"elements that are no field of the SSDA903 return were ignored: {named}")]
