"""Reading files: table recognition, encodings, whitespace, provenance, XML, and every kind of bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from careboard.errors import InputError
from careboard.ingest.files import discover, read_file
from tests.readback import read_back

EPISODES_HEADER = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
ROW = "1,01/04/2024,S,C2,N1,U1,PR1,,,,AB1 2CD,AB1 2CE,"


def write(tmp_path: Path, name: str, data: bytes | str, encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return p


GOOD = [
    # (description, bytes, expected table, expected rows, expected line numbers)
    ("plain utf-8", f"{EPISODES_HEADER}\n{ROW}\n".encode(), "episodes", 1, [2]),
    ("utf-8 with BOM and CRLF", ("\ufeff" + EPISODES_HEADER + "\r\n" + ROW + "\r\n").encode(), "episodes", 1, [2]),
    ("cp1252 with a pound sign", (EPISODES_HEADER + "\n" + ROW.replace("AB1 2CD", "£AB1") + "\n").encode("cp1252"),
     "episodes", 1, [2]),
    ("UTF-16, as database tools export 'Unicode' CSV", ("\ufeff" + EPISODES_HEADER + "\r\n" + ROW + "\r\n").encode("utf-16-le"),
     "episodes", 1, [2]),
    ("UTF-16 big-endian, with a pound sign", (EPISODES_HEADER + "\n" + ROW.replace("AB1 2CD", "£AB1") + "\n").encode("utf-16"),
     "episodes", 1, [2]),
    ("columns in another order, lower case, padded",
     b" child , dob ,sex, ethnic,upn,mother,mc_dob\n1,01/01/2010,M,WBRI,UN1,,\n", "header", 1, [2]),
    ("blank lines are skipped but line and row numbers stay as in the file",
     f"{EPISODES_HEADER}\n\n{ROW}\n  \n{ROW.replace('1,', '2,', 1)}\n".encode(), "episodes", 2, [3, 5]),
]


@pytest.mark.parametrize("description,data,table,n,lines", GOOD, ids=[g[0] for g in GOOD])
def test_reads(tmp_path, description, data, table, n, lines):
    f = read_file(write(tmp_path, "x.csv", data))
    (t,) = f.tables
    got = read_back(t)
    # The header is line 1 in each, so data row n is line n + 1 whatever lies between.
    assert (t.table, len(t), got["line_no"], got["row_no"]) == (table, n, lines, [line - 1 for line in lines])


@pytest.mark.parametrize("written", ["Child ID", "child_id", "Child-ID"])
def test_the_xml_name_of_the_child_column_in_words_is_read_as_child(tmp_path, written):
    """Seen: "Child ID" refused, the file 'missing column CHILD; unexpected CHILD ID'."""
    header = EPISODES_HEADER.replace("CHILD,", f"{written},", 1)
    (t,) = read_file(write(tmp_path, "x.csv", f"{header}\n{ROW}\n")).tables
    assert (t.table, read_back(t)["CHILD"]) == ("episodes", ["1"])
    assert [(f.code, f.field, f.value) for f in t.findings] == [("header_names", "CHILD", written)]


def test_a_table_not_recognised_names_its_columns_as_written(tmp_path):
    header = EPISODES_HEADER.replace("CHILD,", "Young person,", 1)
    with pytest.raises(InputError, match="missing column CHILD; unexpected Young person: if Young person holds"):
        read_file(write(tmp_path, "x.csv", f"{header}\n{ROW}\n"))


@pytest.mark.parametrize("quote", ["", '"'], ids=["plain", "quoted"])
def test_columns_named_as_the_xml_names_them_are_read_as_theirs(tmp_path, quote):
    """Some systems export CSV under the XML return's element names: CHILDID for CHILD, PL for PLACE."""
    header = EPISODES_HEADER.replace("CHILD,", "childid,").replace(",PLACE,", ",PL,")
    (t,) = read_file(write(tmp_path, "x.csv", f"{header}\n{ROW.replace('U1', quote + 'U1' + quote)}\n")).tables
    got = read_back(t)
    assert (t.table, got["CHILD"], got["PLACE"]) == ("episodes", ["1"], ["U1"])
    assert [(f.code, f.field, f.value, f.message) for f in t.findings] == [
        ("header_names", "CHILD,PLACE", "childid,PL", 'column names were read as the names careboard knows: '
                                                      '"childid" as CHILD, "PL" as PLACE')]


def test_words_joined_by_spaces_or_hyphens_are_read_as_the_column_they_name(tmp_path):
    header = EPISODES_HEADER.replace("PLACE_PROVIDER", "Place Provider").replace("HOME_POST", "home - post")
    (t,) = read_file(write(tmp_path, "x.csv", f"{header}\n{ROW}\n")).tables
    got = read_back(t)
    assert (got["PLACE_PROVIDER"], got["HOME_POST"]) == (["PR1"], ["AB1 2CD"])
    assert [(f.field, f.value) for f in t.findings] == [("PLACE_PROVIDER,HOME_POST", "Place Provider,home - post")]


def test_such_a_header_written_again_is_still_the_header_again(tmp_path):
    header = EPISODES_HEADER.replace("CHILD,", "CHILDID,")
    (t,) = read_file(write(tmp_path, "x.csv", f'{header}\n"1",01/04/2024,S,C2,N1,U1,PR1,,,,,,\n{header}\n')).tables
    assert len(t) == 1 and [f.code for f in t.findings] == ["header_names", "repeated_header"]


def test_a_column_is_not_renamed_onto_one_the_file_has(tmp_path):
    (t,) = read_file(write(tmp_path, "x.csv", f"{EPISODES_HEADER},PL\n{ROW},x\n")).tables
    assert read_back(t)["PLACE"] == ["U1"] and [f.code for f in t.findings] == ["extra_columns"]


def test_extra_columns_are_a_warning(tmp_path):
    (t,) = read_file(write(tmp_path, "x.csv", f"{EPISODES_HEADER},NOTES\n{ROW},hello\n")).tables
    assert t.table == "episodes" and [f.code for f in t.findings] == ["extra_columns"]


BAD = [
    # (description, bytes, words the message must contain, line)
    ("empty file", b"", "empty", None),
    ("only whitespace", b"\n \n", "empty", None),
    ("missing a required column", b"CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST\n",
     "missing column URN", 1),
    ("unknown table", b"NAME,AGE\nBob,3\n", "does not match any SSDA903", 1),
    ("semicolons, as Excel saves CSV where the comma is the decimal point",
     b"CHILD;SEX;DOB;ETHNIC;UPN;MOTHER;MC_DOB\r\nA1;1;01/02/2010;WBRI;A123456789012;;\r\n",
     "separated by semicolons, not commas: save it as CSV", 1),
    ("tab-separated text", b"CHILD\tSEX\tDOB\tETHNIC\tUPN\tMOTHER\tMC_DOB\nA1\t1\t01/02/2010\tWBRI\t\t\t\n",
     "separated by tabs, not commas", 1),
    ("UTF-16 that breaks off", "CHILD,SEX\n".encode("utf-16") + b"\x00\xd8", "not UTF-16 throughout", 2),
    ("binary file", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "not a text file", None),
    ("duplicate header column", b"CHILD,CHILD,DOB,SEX,ETHNIC,UPN,MOTHER,MC_DOB\n", "more than once", 1),
    ("not well-formed XML", b"<EXPSSDA903><CHILD><HEADER></CHILD>", "not well-formed XML", 1),
    ("XML with another root", b"<?xml version='1.0'?>\n<ROOT></ROOT>", "expected <EXPSSDA903>", 2),
    # A quote never closed takes every later line into one cell: refused rather than read as one row.
    ("a stray quote opening a cell", f'{EPISODES_HEADER}\n{ROW}\n"{ROW}\n{ROW}\n{ROW}\n'.encode(),
     'line 3: field CHILD: a quote (") opens a cell that is never closed, so lines 3-5, to the end of the file, '
     "were read as that one cell: remove the stray quote, or close it", 3),
    ("a stray quote in the header", b'"CHILD","SEX","DOB","ETHNIC","UPN","MOTHER","MC_DOB\nA1,1,01/02/2010,WBRI,,,\n',
     'line 1: a quote (") opens a cell that is never closed, so lines 1-2', 1),
]


@pytest.mark.parametrize("description,data,words,line", BAD, ids=[b[0] for b in BAD])
def test_rejects_with_clear_message(tmp_path, description, data, words, line):
    path = write(tmp_path, "bad.csv", data)
    with pytest.raises(InputError) as e:
        read_file(path)
    assert words in str(e.value)
    assert str(path) in str(e.value)
    assert e.value.line == line


@pytest.mark.parametrize("above,said", [
    ("Episodes extract, run 01/04/2025\n",
     'line 1 above the column names ("Episodes extract, run 01/04/2025", a title it seems) held no row of data '
     "and was skipped: the column names are on line 2, and data row 1 is the line below them"),
    ("Episodes extract\r\n\r\n", 'lines 1-2 above the column names ("Episodes extract", a title it seems) held no '
     "row of data and were skipped: the column names are on line 3"),
    ("Looked after children,,,\nEpisodes,,\n", 'lines 1-2 above the column names ("Looked after children"'),
])
def test_a_title_above_the_column_names_is_skipped_with_a_warning(tmp_path, above, said):
    """A report run in a case system often puts its title above the column names, as a workbook's sheet does."""
    text = f"{above}{EPISODES_HEADER}\n{ROW}\n2{ROW[1:]}\n"
    (t,) = read_file(write(tmp_path, "x.csv", text)).tables
    header_line = text.replace("\r\n", "\n").split("\n").index(EPISODES_HEADER) + 1
    assert t.table == "episodes" and read_back(t)["CHILD"] == ["1", "2"]
    assert t.line_no == [header_line + 1, header_line + 2] and t.row_no == [1, 2]
    (f,) = t.findings
    assert (f.code, f.severity, f.line) == ("title_line", "warning", 1) and said in f.message


def test_lines_above_no_column_names_still_refuse_the_file(tmp_path):
    with pytest.raises(InputError, match="does not match any SSDA903"):
        read_file(write(tmp_path, "x.csv", f"Episodes extract\nNAME,AGE\n{ROW}\n"))


@pytest.mark.parametrize("row, says", [
    ("1,01/04/2024,S", "row has 3 values but the header has 13 columns"),
    ("C1", "row has 1 value but the header has 13 columns"),
    # A line of words among the rows (at the end, it is a footer: see the footers below)
    ("Episodes of the east team", "row has 1 value but the header has 13 columns; a line of words, such as a report's "
                                  "title or footer, is no row: remove it"),
])
def test_row_with_wrong_number_of_values_is_a_finding(tmp_path, row, says):
    (t,) = read_file(write(tmp_path, "x.csv", f"{EPISODES_HEADER}\n{row}\n{ROW}\n")).tables
    (f,) = t.findings
    assert (f.code, f.line, f.severity, f.message) == ("row_width", 2, "error", says)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("quoted", [False, True], ids=["plain", "quoted"])
def test_the_header_again_is_skipped_with_a_warning(tmp_path, newline, quoted):
    """Two exports joined: the second's column names are no row (the plain-file path steps aside for them)."""
    first = ROW.replace("AB1 2CD", '"AB1 2CD"') if quoted else ROW
    text = newline.join([EPISODES_HEADER, first, EPISODES_HEADER.lower(), ROW.replace("1,", "2,", 1)]) + newline
    (t,) = read_file(write(tmp_path, "x.csv", text)).tables
    assert [(f.code, f.severity, f.line, f.message) for f in t.findings] == [
        ("repeated_header", "warning", 3, "line 3 repeats the column names (as when two files are joined) and was "
                                          "skipped; it still counts as a row, as in a spreadsheet")]
    assert (t.line_no, t.row_no, t.cells[0]) == ([2, 4], [1, 3], ["1", "2"])


@pytest.mark.parametrize("big", [False, True], ids=["small", "big file"])
def test_the_header_again_after_a_byte_order_mark_is_skipped_too(tmp_path, monkeypatch, big):
    """Two UTF-8 files joined (copy a.csv+b.csv): the second's byte-order mark opens its header line."""
    from careboard.ingest import fast_csv

    if big:
        monkeypatch.setattr(fast_csv, "FAST_MIN_BYTES", 0)
    one = f"\ufeff{EPISODES_HEADER}\r\n{ROW}\r\n"
    (t,) = read_file(write(tmp_path, "x.csv", one + one.replace("1,", "2,", 1))).tables
    assert (read_back(t)["CHILD"], [(f.code, f.line) for f in t.findings]) == (["1", "2"], [("repeated_header", 3)])


@pytest.mark.parametrize("rows, findings", [
    # A quote closed by a later stray one: the lines between are one row, which no field of the return makes.
    ([f'"{ROW}', f'{ROW[:1]}"{ROW[1:]}', ROW], [("line_break", 2, "error", "CHILD",
                                              "a quoted cell runs over lines 2-3, which were read as one row: no field "
                                              'careboard reads holds a line break, so look for a stray quote (") and '
                                              "remove it")]),
    # ... or a line break inside quotes, closed: the same.
    ([ROW.replace("AB1 2CD", '"AB1\n2CD"')], [("line_break", 2, "error", "HOME_POST", None)]),
    # Quotes around cells, and a comma inside them, are no finding.
    ([ROW.replace("AB1 2CD", '"AB1 2CD"').replace("S,C2", '"S","C2"'), ROW.replace("N1", '"N1,"')], []),
])
def test_a_quoted_cell_over_lines_is_a_finding(tmp_path, rows, findings):
    (t,) = read_file(write(tmp_path, "x.csv", "\n".join([EPISODES_HEADER, *rows]) + "\n")).tables
    found = [(f.code, f.line, f.severity, f.field, f.message) for f in t.findings]
    assert [f[:4] for f in found] == [f[:4] for f in findings]
    assert all(want[4] in (None, got[4]) for got, want in zip(found, findings))


def test_a_line_break_in_a_column_careboard_does_not_read_is_the_cells_own(tmp_path):
    """A quoted name or note over two lines, in an extra column: the row is read as written, with a note."""
    text = f'{EPISODES_HEADER},Forename\n{ROW},"Ann\nMarie"\n{ROW.replace("1,", "2,", 1)},Jo\n'
    (t,) = read_file(write(tmp_path, "x.csv", text)).tables
    assert read_back(t)["CHILD"] == ["1", "2"] and t.line_no == [2, 4]
    (f,) = [f for f in t.findings if f.code == "line_break"]
    assert (f.severity, f.line, f.field) == ("info", 2, "FORENAME")
    assert f.message == "a quoted cell of FORENAME, a column careboard does not read, runs over lines 2-3: the lines " \
                        "were read as one row, as written"


XML = b"""<?xml version="1.0" encoding="us-ascii"?>
<EXPSSDA903>
  <CHILD>
    <HEADER>
      <CHILDID>C1</CHILDID><SEX>1</SEX><DOB>01/01/2012</DOB><ETHNIC>WBRI</ETHNIC><UPN>UN1</UPN>
      <UASC>1</UASC><DUC>01/02/2030</DUC>
      <MOTHER /><MC_DOB />
      <AREVIEW><REVIEW>10/05/2024</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW>
      <AREVIEW><REVIEW>10/08/2024</REVIEW><REVIEW_CODE>PN2</REVIEW_CODE></AREVIEW>
    </HEADER>
    <EPISODE><DECOM>01/04/2024</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U1</PL><PL_POST /><HOME_POST />
      <URN /><PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC /><REC /><REASON_PLACE_CHANGE /></EPISODE>
  </CHILD>
  <CHILD>
    <HEADER><CHILDID>C2</CHILDID><SEX>2</SEX><DOB>02/02/2011</DOB><ETHNIC>BAFR</ETHNIC><UPN>UN1</UPN><UASC /></HEADER>
  </CHILD>
</EXPSSDA903>
"""


def test_xml_flattens_to_tables_with_lines(tmp_path):
    f = read_file(write(tmp_path, "return.xml", XML))
    tables = {t.table: t for t in f.tables}
    assert sorted(tables) == ["episodes", "header", "reviews", "uasc"]
    ep = tables["episodes"]
    assert ep.cells[ep.columns.index("PLACE")] == ["U1"] and ep.cells[ep.columns.index("CHILD")] == ["C1"]
    assert ep.line_no == [11]
    assert tables["reviews"].cells[tables["reviews"].columns.index("REVIEW")] == ["10/05/2024", "10/08/2024"]
    assert tables["uasc"].cells[0] == ["C1"]     # C2's empty UASC element means not UASC
    assert tables["header"].cells[0] == ["C1", "C2"]


def test_xml_written_with_each_value_on_a_line_of_its_own_reads_the_same(tmp_path):
    """Seen: a pretty-printer's <DECOM>, line break, 01/04/2024, line break, </DECOM> made every date unreadable to
    the year (the return 'has no dated episodes') and every value a stray-spaces warning."""
    import re

    laid_out = re.sub(rb">([^<>\s][^<>]*)</", rb">\n        \1\n      </", XML)
    assert b"<DECOM>\n        01/04/2024\n      </DECOM>" in laid_out
    plain, pretty = read_file(write(tmp_path, "a.xml", XML)), read_file(write(tmp_path, "b.xml", laid_out))
    assert [(t.table, t.cells) for t in pretty.tables] == [(t.table, t.cells) for t in plain.tables]
    assert not [f for t in pretty.tables for f in t.findings]


@pytest.mark.parametrize("spelt", ["prefixed", "lower case"])
def test_xml_elements_with_a_namespace_prefix_or_in_lower_case_are_the_returns(tmp_path, spelt):
    """Seen: <ns0:EXPSSDA903 xmlns:ns0="..."> refused as another root element than EXPSSDA903."""
    import re

    if spelt == "prefixed":
        other = re.sub(rb"<(/?)([A-Z_0-9]+)", rb"<\1ns0:\2", XML).replace(b"<ns0:EXPSSDA903>",
                                                                         b'<ns0:EXPSSDA903 xmlns:ns0="urn:dfe">')
    else:
        other = re.sub(rb"<(/?)([A-Z_0-9]+)", lambda m: b"<" + m[1] + m[2].lower(), XML)
    plain, read = read_file(write(tmp_path, "a.xml", XML)), read_file(write(tmp_path, "b.xml", other))
    assert [(t.table, t.cells) for t in read.tables] == [(t.table, t.cells) for t in plain.tables]


def test_xml_declaring_another_encoding_than_its_utf8_is_read_as_utf8_and_said(tmp_path):
    text = XML.replace(b"<CHILDID>C2</CHILDID>", "<CHILDID>Zoë</CHILDID>".encode("utf-8"))
    assert text.startswith(b'<?xml version="1.0" encoding="us-ascii"?>')
    f = read_file(write(tmp_path, "r.xml", text))
    header = next(t for t in f.tables if t.table == "header")
    assert header.cells[0] == ["C1", "Zoë"]
    assert [x.code for t in f.tables for x in t.findings] == ["encoding_declared"]


def test_xml_declaring_another_encoding_and_malformed_besides_is_refused_naming_the_line(tmp_path):
    text = XML.replace(b"<CHILDID>C2</CHILDID>", "<CHILDID>Zoë</CHILDID>".encode("utf-8")).replace(
        b"</EXPSSDA903>", b"<CHILD></EXPSSDA903>")
    with pytest.raises(InputError, match=r"not well-formed XML \(mismatched tag\)"):
        read_file(write(tmp_path, "r.xml", text))


def test_xml_elements_that_are_no_field_are_one_warning_naming_them(tmp_path):
    assert not [f for t in read_file(write(tmp_path, "return.xml", XML)).tables for f in t.findings]
    extra = XML.replace(b"<MOTHER />", b"<MOTHER /><LA_NOTES>moved</LA_NOTES>").replace(
        b"<DEC />", b"<DEC /><WORKER>J Smith</WORKER>").replace(b"<UASC /></HEADER>", b"<UASC /><LA_NOTES /></HEADER>")
    (finding,) = [f for t in read_file(write(tmp_path, "extra.xml", extra)).tables for f in t.findings]
    assert (finding.severity, finding.code, finding.line, finding.field) == ("warning", "extra_columns", 7,
                                                                             "LA_NOTES,WORKER")
    assert finding.message == ("elements that are no field of the SSDA903 return were ignored: LA_NOTES (2 times, "
                               "first on line 7), WORKER (1 time, first on line 12)")


def test_a_child_with_two_headers_is_refused_rather_than_one_read_over_the_other(tmp_path):
    two = XML.replace(b"<MOTHER /><MC_DOB />", b"<MOTHER /><MC_DOB /></HEADER>\n    <HEADER><CHILDID>C9</CHILDID>", 1)
    with pytest.raises(InputError) as e:
        read_file(write(tmp_path, "return.xml", two))
    assert (e.value.line, e.value.message) == (8, "a CHILD holds a second HEADER (the first is on line 4): each "
                                                  "child's HEADER and rows go in a CHILD of their own")


def test_a_field_in_another_place_than_the_return_puts_it_is_ignored_with_a_warning(tmp_path):
    """A UPN inside an EPISODE was read into no table (the child's UPN was blank); an RNE directly in HEADER was
    copied into every episode of the child lacking one."""
    moved = XML.replace(b"<URN />", b"<URN /><UPN>A123456789012</UPN>").replace(b"<ETHNIC>WBRI</ETHNIC>",
                                                                             b"<ETHNIC>WBRI</ETHNIC><RNE>P</RNE>")
    tables = {t.table: t for t in read_file(write(tmp_path, "return.xml", moved)).tables}
    assert tables["episodes"].cells[tables["episodes"].columns.index("RNE")] == ["S"]
    assert tables["header"].cells[tables["header"].columns.index("UPN")] == ["UN1", "UN1"]
    (f,) = [f for t in tables.values() for f in t.findings]
    assert (f.code, f.severity, f.line, f.field, f.message) == (
        "misplaced_elements", "warning", 5, "RNE,UPN", "elements in another place than the SSDA903 return puts them "
        "were ignored: RNE inside HEADER (1 time, first on line 5), UPN inside EPISODE (1 time, first on line 12)")


def test_a_row_outside_every_child_is_refused_rather_than_lost(tmp_path):
    outside = XML.replace(b"</EXPSSDA903>", b"<EPISODE><DECOM>01/05/2024</DECOM></EPISODE>\n</EXPSSDA903>")
    with pytest.raises(InputError) as e:
        read_file(write(tmp_path, "return.xml", outside))
    assert (e.value.line, e.value.message) == (17, "<EPISODE> lies outside every <CHILD>: each child's HEADER and "
                                                   "rows go inside its CHILD")


def test_a_child_without_a_header_keeps_its_rows_and_says_they_have_no_child(tmp_path):
    start, end = XML.index(b"<HEADER>"), XML.index(b"</HEADER>") + len(b"</HEADER>")
    tables = {t.table: t for t in read_file(write(tmp_path, "return.xml", XML[:start] + XML[end:])).tables}
    assert tables["header"].cells[0] == ["C2"]                      # no empty header row for the first child
    assert tables["episodes"].cells[0] == [""] and tables["episodes"].line_no == [5]
    assert [(f.code, f.severity, f.line, f.message) for t in tables.values() for f in t.findings] == [
        ("no_header", "error", 3, "line 3 opens a CHILD with no HEADER, so its rows have no child ID: add the "
                                  "HEADER, with CHILDID, SEX and DOB")]


def test_xml_in_utf16_as_unicode_exports_write_it(tmp_path):
    text = XML.decode().replace('encoding="us-ascii"', 'encoding="UTF-16"')
    tables = {t.table: t for t in read_file(write(tmp_path, "return.xml", text, "utf-16")).tables}
    assert tables["header"].cells[0] == ["C1", "C2"] and tables["episodes"].line_no == [11]


def test_two_xml_returns_in_one_folder_are_refused_not_one_dropped(tmp_path):
    """One was silently read over the other: an XML file holds a whole return, so two are two returns."""
    write(tmp_path, "a.xml", XML)
    write(tmp_path, "b.xml", XML.replace(b"C1", b"C9"))
    with pytest.raises(InputError) as e:
        discover([tmp_path])
    assert (e.value.file, e.value.message) == (str(tmp_path / "b.xml"), f"is a second XML return beside "
                                               f"{tmp_path / 'a.xml'}: give one XML file for each year, each in a "
                                               f"folder of its own (2023-24, 2024-25 ...) or named with its year")
    write(tmp_path, "b.xml", XML)
    with pytest.raises(InputError, match="is the same file as .*a.xml, byte for byte"):
        discover([tmp_path])


def test_a_return_named_as_one_file_is_called_by_its_name(tmp_path):
    """Not by the folder it lies in, which is "." when run beside it."""
    (r,) = discover([write(tmp_path, "return.xml", XML)])
    assert r.label == str(tmp_path / "return.xml")
    (r,) = discover([tmp_path])
    assert r.label == str(tmp_path)


def test_return_year_from_folder_name_and_mixing_rejected(tmp_path):
    d = tmp_path / "2024-25"
    d.mkdir()
    write(d, "e.csv", f"{EPISODES_HEADER}\n{ROW}\n")
    (r,) = discover([tmp_path])
    assert r.named.year == 2025     # a claim: the loader checks it against the dates
    write(d, "x.xml", XML)
    with pytest.raises(InputError, match=r"mixes an XML return \(x.xml\) with CSV files or workbooks \(e.csv ...\) in "
                                         "one return; give one XML file, or CSV files and workbooks without it"):
        discover([tmp_path])


def _sheet(path: Path, title: str, rows: list[str]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = title
    for r in rows:
        book.active.append(r.split(","))
    book.save(path)
    return path


def test_csv_files_and_a_workbook_make_one_return_and_a_table_twice_is_refused(tmp_path):
    """A table in a workbook beside the rest as CSV is one return; a second workbook with the same table was
    read over the first without a word."""
    write(tmp_path, "episodes.csv", f"{EPISODES_HEADER}\n{ROW}\n")
    _sheet(tmp_path / "header.xlsx", "Header", ["CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB", "1,M,01/01/2010,WBRI,,,"])
    (r,) = discover([tmp_path])
    assert sorted((t.table, t.fmt) for t in r.tables()) == [("episodes", "csv"), ("header", "xlsx")]
    _sheet(tmp_path / "more.xlsx", "Children", ["CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB", "2,F,01/01/2011,WBRI,,,"])
    with pytest.raises(InputError) as e:
        discover([tmp_path])
    assert (e.value.file, e.value.message) == (str(tmp_path / "more.xlsx"), f"is a second header table in the same "
                                               f"return (the first is {tmp_path / 'header.xlsx'}): put each year's "
                                               f"files in a folder of their own (2023-24, 2024-25 ...), or name each "
                                               f"file with its year")


def test_two_files_for_one_table_rejected(tmp_path):
    write(tmp_path, "a.csv", f"{EPISODES_HEADER}\n{ROW}\n")
    write(tmp_path, "b.csv", f"{EPISODES_HEADER}\n{ROW.replace('1,', '2,', 1)}\n")
    with pytest.raises(InputError, match="second episodes table"):
        discover([tmp_path])


def test_files_beside_a_return_that_are_not_data_are_set_aside_with_a_note(tmp_path):
    folder = tmp_path / "2024-25"
    folder.mkdir()
    write(folder, "episodes.csv", f"{EPISODES_HEADER}\n{ROW}\n")
    for name, data in (("guidance.pdf", b"%PDF-1.4"), ("README.txt", b"notes"), ("return.zip", b"PK\x03\x04"),
                       ("~$episodes.xlsx", b"\x00lock"), (".DS_Store", b"\x00"), ("desktop.ini", b"[x]")):
        write(folder, name, data)
    (r,) = discover([folder])
    assert [f.path.name for f in r.files] == ["episodes.csv"]
    assert r.notes == [f"{folder}: 3 files set aside (README.txt, guidance.pdf, return.zip), as careboard reads only "
                       "CSV, XML and Excel files; unzip a zipped return to load it"]


def test_a_zipped_copy_beside_the_returns_folder_is_said_too(tmp_path):
    """Seen: a zip in the folder above the return's, which holds no return of its own, went without a word."""
    folder = tmp_path / "903" / "2024-25"
    folder.mkdir(parents=True)
    write(folder, "episodes.csv", f"{EPISODES_HEADER}\n{ROW}\n")
    write(tmp_path / "903", "return.zip", b"PK\x03\x04")
    (r,) = discover([tmp_path / "903"])
    assert r.notes == [f"{tmp_path / '903'}: 1 file set aside (return.zip), as careboard reads only CSV, XML and "
                       "Excel files; unzip a zipped return to load it"]


def test_text_files_holding_a_table_are_read_in_a_folder_and_other_text_files_set_aside(tmp_path):
    """Some systems name their CSV exports .txt: one that begins with a table's column names is data."""
    folder = tmp_path / "2024-25"
    folder.mkdir()
    write(folder, "episodes.txt", f"{EPISODES_HEADER}\n{ROW}\n")
    write(folder, "README.txt", "CHILD means the child's ID\n")
    (r,) = discover([folder])
    assert [f.path.name for f in r.files] == ["episodes.txt"]
    assert r.notes == [f"{folder}: 1 file set aside (README.txt), as careboard reads only CSV, XML and Excel files"]
    write(folder, "episodes.txt", f"{EPISODES_HEADER}\n{ROW}\n".replace(",", "\t"))
    with pytest.raises(InputError, match="separated by tabs, not commas"):     # data, in a form careboard refuses
        discover([folder])


def test_a_folder_of_nothing_but_such_files_says_what_it_set_aside(tmp_path):
    write(tmp_path, "guidance.pdf", b"%PDF-1.4")
    with pytest.raises(InputError) as e:
        discover([tmp_path])
    assert str(e.value).endswith("no input files found: careboard reads CSV, XML and Excel files, and 1 file set aside "
                                 "(guidance.pdf)")


def test_such_a_file_named_on_its_own_is_refused(tmp_path):
    with pytest.raises(InputError, match=".pdf files are not read; export the table as CSV"):
        discover([write(tmp_path, "guidance.pdf", b"%PDF-1.4")])


def test_a_zipped_return_is_to_be_unzipped(tmp_path):
    with pytest.raises(InputError, match="is a zipped file, which careboard does not open: unzip it and give the "
                                         "folder of its files"):
        discover([write(tmp_path, "return.zip", b"PK\x03\x04")])
    with pytest.raises(InputError) as e:
        discover([tmp_path])
    assert str(e.value).endswith("1 file set aside (return.zip); unzip a zipped return to load it")


@pytest.mark.parametrize("header, row", [
    (EPISODES_HEADER + ",,,", ROW + ",,,"),                       # Excel's empty columns at the end
    (EPISODES_HEADER + ",,", ROW + ",a note,"),                   # something written under one of them
    (EPISODES_HEADER.replace(",DECOM,", ",,DECOM,"), ROW.replace(",", ",x,", 1)),   # one in the middle
])
def test_columns_with_no_name_are_ignored_with_a_warning(tmp_path, header, row):
    (t,) = read_file(write(tmp_path, "x.csv", f"{header}\n{row}\n")).tables
    unnamed = header.split(",").count("")
    assert t.table == "episodes" and [(f.code, f.line, f.severity) for f in t.findings] == [("unnamed_columns", 1, "warning")]
    assert t.findings[0].message.startswith(f"{unnamed} column{'s' if unnamed > 1 else ''} with no name in the header")
    got = read_back(t)
    assert (got["CHILD"], got["DECOM"], got["PL_POST"]) == (["1"], ["01/04/2024"], ["AB1 2CE"])


def test_an_unknown_header_lists_its_named_columns_only(tmp_path):
    with pytest.raises(InputError) as e:
        read_file(write(tmp_path, "x.csv", "NAME,,AGE,,\nBob,,3,,\n"))
    assert "(columns found: NAME, AGE)" in str(e.value)


def test_a_file_twice_in_a_return_is_called_a_copy(tmp_path):
    write(tmp_path, "episodes.csv", f"{EPISODES_HEADER}\n{ROW}\n")
    write(tmp_path, "episodes (1).csv", f"{EPISODES_HEADER}\n{ROW}\n")
    with pytest.raises(InputError, match=r"episodes.csv: is the same file as .*episodes \(1\).csv, byte for byte \(the "
                                         r"episodes table saved or downloaded twice\): remove one of them"):
        discover([tmp_path])
    write(tmp_path, "episodes (1).csv", f"{EPISODES_HEADER}\n{ROW}\n{ROW.replace('1,', '2,', 1)}\n")
    with pytest.raises(InputError, match="is a second episodes table in the same return"):
        discover([tmp_path])


def test_two_versions_of_a_table_named_with_one_year_are_told_to_keep_one(tmp_path):
    """Seen: 'Episodes 2024-25.csv' beside 'Episodes 2024-25 v2.csv' told to name each file with its year."""
    write(tmp_path, "874 Episodes 2024-25.csv", f"{EPISODES_HEADER}\n{ROW}\n")
    write(tmp_path, "874 Episodes 2024-25 v2.csv", f"{EPISODES_HEADER}\n{ROW}\n{ROW.replace('1,', '2,', 1)}\n")
    with pytest.raises(InputError, match=r"is a second episodes table in the same return \(the first is .*\), and both "
                                         r"names give the year 2024/25: two versions of one table, it seems; keep the "
                                         r"one to load and move the other out of the folder"):
        discover([tmp_path])


def test_a_workbooks_columns_are_read_by_the_same_names(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(EPISODES_HEADER.replace("CHILD,", "ChildID,").replace(",PLACE,", ",PL,")
                       .replace("PLACE_PROVIDER", "Place Provider").split(","))
    book.active.append(ROW.split(","))
    book.save(tmp_path / "episodes.xlsx")
    (t,) = read_file(tmp_path / "episodes.xlsx").tables
    got = read_back(t)
    assert (t.table, got["CHILD"], got["PLACE"], got["PLACE_PROVIDER"]) == ("episodes", ["1"], ["U1"], ["PR1"])


# A footer under the table, as a case system's report or a sheet someone added up ends: no child.
_TOTALS = [
    ("Total,2,,,,,,,,,,,", 'line 4 holds totals (Total, 2), not a row of data'),
    ("Grand total:,,,,,,,,,,,,2", 'line 4 holds totals (Grand total:, 2)'),
    ("Count of children,2", 'line 4 holds totals (Count of children, 2)'),     # shorter than the header
    ("Report run on 01/04/2025 09:31 by jsmith", 'line 4 holds only words ("Report run on 01/04/2025 09:31 by '
                                                 'jsmith")'),
    ("Produced by the case system,,,,,,,,,,,,", 'line 4 holds only words ("Produced by the case system")'),
    ("(2 rows)", 'line 4 holds a count of the rows ("(2 rows)"), not a row of data'),     # as psql ends its output
    (",18 rows,,,,,,,,,,,", 'line 4 holds a count of the rows ("18 rows")'),
    ("2 row(s) affected,,,,,,,,,,,,", 'line 4 holds a count of the rows ("2 row(s) affected")'),
]


@pytest.mark.parametrize("reader", ["plain", "quoted", "big file"])
@pytest.mark.parametrize("total, says", _TOTALS, ids=[t[0] for t in _TOTALS])
def test_a_line_of_totals_at_the_end_is_skipped_with_a_warning(tmp_path, monkeypatch, reader, total, says):
    from careboard.ingest import fast_csv

    if reader == "big file":
        monkeypatch.setattr(fast_csv, "FAST_MIN_BYTES", 0)
    first = ROW.replace("AB1 2CD", '"AB1 2CD"') if reader == "quoted" else ROW
    (t,) = read_file(write(tmp_path, "x.csv", f"{EPISODES_HEADER}\n{first}\n{ROW.replace('1,', '2,', 1)}\n{total}\n\n")).tables
    got = read_back(t)
    assert (got["CHILD"], got["line_no"]) == (["1", "2"], [2, 3])
    (f,) = [f for f in t.findings if f.code != "blank_line"]
    assert (f.code, f.severity, f.line) == ("footer_row", "warning", 4)
    assert f.message.startswith(says) and f.message.endswith("and was skipped: remove it from the file")


@pytest.mark.parametrize("row", [
    "Total,01/04/2024,S,C2,N1,U1,PR1,,,,AB1 2CD,AB1 2CE,",     # a child called Total: it has dates and codes
    "Total,2,Count,,,,,,,,,,",                                  # two words
    "123,2,,,,,,,,,,,",                                         # numbers only
    "A1,,,,,,,,,,,,",                                           # a child's ID alone: one word
])
def test_a_last_row_that_is_no_total_is_read(tmp_path, row):
    (t,) = read_file(write(tmp_path, "x.csv", f"{EPISODES_HEADER}\n{ROW}\n{row}\n")).tables
    assert len(t) == 2 and "footer_row" not in [f.code for f in t.findings]


def test_totals_only_at_the_end(tmp_path):
    """A total row in the middle is read as a row (and the rules report it): only the end of a table is a footer."""
    (t,) = read_file(write(tmp_path, "x.csv", f"{EPISODES_HEADER}\nTotal,1,,,,,,,,,,,\n{ROW}\n")).tables
    assert len(t) == 2 and "footer_row" not in [f.code for f in t.findings]


def test_a_sheets_total_row_is_skipped(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Episodes"
    for r in (EPISODES_HEADER, ROW, ROW.replace("1,", "2,", 1)):
        book.active.append(r.split(","))
    book.active.append(["Total", 2])
    book.active.append([])
    book.save(tmp_path / "episodes.xlsx")
    (t,) = read_file(tmp_path / "episodes.xlsx").tables
    assert (len(t), t.line_no) == (2, [2, 3])
    assert [(f.code, f.line, f.message) for f in t.findings] == [
        ("footer_row", 4, "row 4 holds totals (Total, 2), not a row of data, and was skipped: remove it from the "
                         "file")]
    assert t.findings[0].file == f"{tmp_path / 'episodes.xlsx'}, sheet Episodes"


def test_a_sheets_column_names_read_otherwise_than_written_are_a_warning_as_in_a_csv_file(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Children"
    book.active.append(["child", "SEX", "DOB", "Ethnic", "UPN", "MOTHER", "MC_DOB", "Team"])
    book.active.append(["1", "1", "01/01/2010", "WBRI", None, None, None, "East"])
    book.save(tmp_path / "header.xlsx")
    (t,) = read_file(tmp_path / "header.xlsx").tables
    assert [(f.code, f.line, f.field, f.message) for f in t.findings] == [
        ("header_names", 1, "CHILD,ETHNIC", 'column names were read as the names careboard knows: "child" as '
                                            'CHILD, "Ethnic" as ETHNIC'),
        ("extra_columns", 1, None, 'column "Team" (H1) of sheet Children is not part of Header and was ignored')]


BOOKS = Path(__file__).parent / "data" / "workbooks"


@pytest.mark.parametrize("name", ["password.xlsx", "excel-97.xls", "opendocument.ods"])
@pytest.mark.parametrize("renamed", [None, ".xlsx", ".csv"], ids=["as named", "named .xlsx", "named .csv"])
def test_a_workbook_careboard_cannot_open_says_what_it_is_whatever_its_name(tmp_path, name, renamed):
    """By its bytes: a workbook with a password is no zip file, and openpyxl said only "File is not a zip file"."""
    path = tmp_path / (Path(name).stem + (renamed or Path(name).suffix))
    path.write_bytes((BOOKS / name).read_bytes())
    with pytest.raises(InputError) as e:
        read_file(path)
    said = {"password.xlsx": "is protected with a password, which careboard cannot open: open it in Excel, clear the "
                             "password (File, Info, Protect Workbook, Encrypt with Password) and save it",
            "excel-97.xls": "is an Excel 97-2003 workbook (.xls), which careboard does not read; open it in Excel",
            "opendocument.ods": "is an OpenDocument spreadsheet (.ods), which careboard does not read"}[name]
    assert e.value.file == str(path) and e.value.message.startswith(said)


def test_a_workbook_named_csv_and_a_csv_file_named_xlsx_are_read_as_what_they_are(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Episodes"
    for r in (EPISODES_HEADER, ROW):
        book.active.append(r.split(","))
    book.save(tmp_path / "episodes.csv")
    (t,) = read_file(tmp_path / "episodes.csv").tables
    assert (t.table, t.sheet, len(t)) == ("episodes", "Episodes", 1)
    assert [(f.code, f.message) for f in t.findings] == [
        ("named_otherwise", "the file is an Excel workbook, though named .csv, and was read as one: name it .xlsx")]
    for suffix in (".xlsx", ".xls"):
        (t,) = read_file(write(tmp_path, f"episodes{suffix}", f"{EPISODES_HEADER}\n{ROW}\n")).tables
        assert (t.table, t.sheet, len(t)) == ("episodes", None, 1)
        assert [(f.code, f.message) for f in t.findings] == [
            ("named_otherwise", f"the file is CSV text, though named {suffix}, and was read as CSV: name it .csv")]


def test_a_file_ending_with_dos_end_of_file_mark_has_no_row_for_it(tmp_path):
    (t,) = read_file(write(tmp_path, "x.csv", f"{EPISODES_HEADER}\r\n{ROW}\r\n\x1a")).tables
    assert (len(t), t.findings) == (1, [])


@pytest.mark.parametrize("above, said", [
    ("sep=,\n", [("separator_line", "info", 1, "line 1 (sep=,) only tells Excel which character separates the cells, "
                                               "and was skipped")]),
    ('"sep=,"\r\n\r\n', [("separator_line", "info", 1, None),
                         ("blank_line", "warning", 2, "1 blank line above the header was skipped")]),
])
def test_excels_note_of_the_separator_above_the_header_is_skipped(tmp_path, above, said):
    (t,) = read_file(write(tmp_path, "x.csv", f"{above}{EPISODES_HEADER}\n{ROW}\n")).tables
    got = read_back(t)
    assert (got["CHILD"], got["line_no"], got["row_no"]) == (["1"], [above.count("\n") + 2], [1])
    found = [(f.code, f.severity, f.line, f.message) for f in t.findings]
    assert [f[:3] for f in found] == [s[:3] for s in said]
    assert all(s[3] in (None, f[3]) for f, s in zip(found, said))


def test_what_the_header_says_is_placed_on_the_headers_own_line(tmp_path):
    (t,) = read_file(write(tmp_path, "x.csv", f"sep=,\n\n{EPISODES_HEADER.lower()},NOTES\n{ROW},x\n")).tables
    assert sorted((f.code, f.line) for f in t.findings) == [("blank_line", 2), ("extra_columns", 3),
                                                             ("header_names", 3), ("separator_line", 1)]


def test_a_header_below_the_separator_note_is_named_by_its_own_line(tmp_path):
    with pytest.raises(InputError) as e:
        read_file(write(tmp_path, "x.csv", "sep=;\r\nCHILD;SEX;DOB;ETHNIC;UPN;MOTHER;MC_DOB\r\nA1;1;01/01/2010;WBRI;;;\r\n"))
    assert (e.value.line, e.value.message) == (2, "its columns are separated by semicolons, not commas: save it as CSV "
                                                  "(comma-separated) and try again")


def test_a_file_holding_no_table_beside_a_return_is_set_aside_with_a_note(tmp_path):
    """A budget workbook or a contacts list in the return's folder refused the whole return."""
    folder = tmp_path / "2024-25"
    folder.mkdir()
    write(folder, "episodes.csv", f"{EPISODES_HEADER}\n{ROW}\n")
    write(folder, "contacts.csv", "Name,Phone\nAnn,0123\n")
    _sheet(folder / "budget.xlsx", "Budget", ["Item,Cost", "Fostering,1000"])
    (r,) = discover([folder])
    assert [f.path.name for f in r.files] == ["episodes.csv"]
    assert r.notes == [f"{folder}: 2 files set aside (budget.xlsx, contacts.csv), as they hold no table careboard "
                       f"reads"]
    # Named on its own, such a file is refused; and a folder of nothing else says why for each.
    with pytest.raises(InputError, match="the header does not match any"):
        discover([folder / "contacts.csv"])
    (folder / "episodes.csv").unlink()
    with pytest.raises(InputError) as e:
        discover([folder])
    assert e.value.message == (f"no file holds a table careboard reads: {folder / 'budget.xlsx'}: no sheet holds a "
                               f"table careboard reads (Budget: not recognised); {folder / 'contacts.csv'}: the "
                               f"header does not match any SSDA903, Annex A or local list table (columns found: NAME, "
                               f"PHONE)")


def test_a_file_like_a_table_but_for_a_column_is_still_refused(tmp_path):
    """One with a column misnamed is most likely the return's own: said, not set aside."""
    folder = tmp_path / "2024-25"
    folder.mkdir()
    write(folder, "episodes.csv", f"{EPISODES_HEADER}\n{ROW}\n")
    write(folder, "header.csv", "CHILD,SEX,DOB,ETHNICITY,UPN,MOTHER,MC_DOB\nA1,M,01/01/2010,WBRI,,,\n")
    with pytest.raises(InputError, match="looks like the Header table but is missing column ETHNIC"):
        discover([folder])


@pytest.mark.parametrize("reader", ["plain", "quoted", "big file"])
@pytest.mark.parametrize("guidance", [",dd/mm/yyyy,S/L/P/T/U/B,,,,,dd/mm/yyyy,,,,,",
                                      "Child's ID,Date (dd/mm/yyyy),,,,,,Date (DD/MM/YYYY)"])
def test_a_templates_guidance_under_the_column_names_is_skipped_with_a_note(tmp_path, monkeypatch, reader, guidance):
    """As a workbook's is: "dd/mm/yyyy" under each date says how to fill them in, no child's row."""
    from careboard.ingest import fast_csv

    if reader == "big file":
        monkeypatch.setattr(fast_csv, "FAST_MIN_BYTES", 0)
    first = ROW.replace("AB1 2CD", '"AB1 2CD"') if reader == "quoted" else ROW
    (t,) = read_file(write(tmp_path, "x.csv", f"{EPISODES_HEADER}\n{guidance}\n{first}\n2{ROW[1:]}\n")).tables
    got = read_back(t)
    assert (got["CHILD"], got["line_no"], t.row_no) == (["1", "2"], [3, 4], [2, 3])
    (f,) = t.findings
    assert (f.code, f.severity, f.line) == ("guidance_row", "info", 2)
    assert f.message.startswith("line 2, under the column names, says how to fill them in") and "dd/mm/yyyy" in \
        f.message.lower()


def test_a_first_row_with_a_date_is_a_childs_whatever_else_it_says(tmp_path):
    (t,) = read_file(write(tmp_path, "x.csv", f"{EPISODES_HEADER}\n1,01/04/2024,S,C2,N1,U1,PR1,dd/mm/yyyy,,,,,\n")).tables
    assert len(t) == 1 and "guidance_row" not in [f.code for f in t.findings]
