"""What a file is by its first bytes, whatever its name ends with: XML, a workbook (or one careboard cannot
open), a zip file, or text; and whether a text file is a table's.

People rename files, and systems name exports as they please: a workbook saved as "episodes.csv", a CSV file
called "episodes.xlsx". Above all, councils protect workbooks with a password, and a workbook with a password
is no zip file at all but Microsoft's older compound file, the same as an Excel 97-2003 workbook; openpyxl
says only "File is not a zip file". This tells them apart so each gets a message saying what to do.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .detect import identify, normalise_header
from .text import UTF16_BOMS

_ZIP = b"PK\x03\x04"
_COMPOUND = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"     # Microsoft's compound file (OLE2)
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # a stream of a file protected with a password

WORKBOOK = "workbook"
LOCKED = "locked"
OLD_WORKBOOK = "old workbook"
BINARY_WORKBOOK = "binary workbook"
OPENDOCUMENT = "opendocument"
OTHER_ZIP = "zip"
OTHER = "other"

_WHAT_TO_DO = "open it in Excel (or LibreOffice) and save it as an Excel Workbook (.xlsx), or save each table as CSV"
_REFUSED = {
    LOCKED: "is protected with a password, which careboard cannot open: open it in Excel, clear the password "
            "(File, Info, Protect Workbook, Encrypt with Password) and save it, or save each table as CSV",
    OLD_WORKBOOK: f"is an Excel 97-2003 workbook (.xls), which careboard does not read; {_WHAT_TO_DO}",
    BINARY_WORKBOOK: f"is an Excel Binary Workbook (.xlsb), which careboard does not read; {_WHAT_TO_DO}",
    OPENDOCUMENT: f"is an OpenDocument spreadsheet (.ods), which careboard does not read; {_WHAT_TO_DO}",
}


def kind(data: bytes) -> str:
    """One of the kinds above."""
    if data.startswith(_COMPOUND):
        return LOCKED if _ENCRYPTED in data else OLD_WORKBOOK
    if data.startswith(_ZIP):
        # A zip file lists its parts' names at its end; an .ods names its kind first of all.
        if b"opendocument.spreadsheet" in data[:200]:
            return OPENDOCUMENT
        if b"xl/workbook.xml" in data:
            return WORKBOOK
        if b"xl/workbook.bin" in data:
            return BINARY_WORKBOOK
        return OTHER_ZIP
    return OTHER


def starts_like_a_spreadsheet(path: Path) -> bool:
    """Whether a file's first bytes are a zip file's or a compound file's (a workbook, whatever it is named), read
    without reading the rest (a text file may be a gigabyte of postcodes)."""
    with Path(path).open("rb") as f:
        return f.read(8).startswith((_ZIP, _COMPOUND))


def refuse_unreadable(what: str, file: str) -> None:
    """Raise an InputError saying what to do when `what` is a spreadsheet careboard cannot open."""
    if what in _REFUSED:
        raise InputError(file, _REFUSED[what])


def is_xml(data: bytes) -> bool:
    """Whether the file begins with markup: in UTF-8 (with or without its byte-order mark), or in UTF-16 (with
    its mark, as "Unicode" exports write), which expat reads as its declaration says."""
    head = data[:200]
    if head.startswith(UTF16_BOMS):
        head = head.decode("utf-16", "replace").encode("utf-8", "replace")
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def text_of_a_table(path: Path) -> bool:
    """Whether a text file (.txt, as some systems name their CSV exports) begins with the column names of a
    table careboard reads: separated by commas, or by tabs or semicolons, which reading it then refuses saying
    so. A README beside the return does not."""
    if path.suffix.lower() != ".txt":
        return False
    try:
        with path.open("rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    text = head.decode("utf-16" if head.startswith(UTF16_BOMS) else "utf-8-sig", "replace")
    first = next((line for line in text.splitlines() if line.strip()), "")
    for separator in (",", "\t", ";"):
        try:
            identify(normalise_header(first.split(separator)), str(path))
            return True
        except InputError:
            pass
    return False
