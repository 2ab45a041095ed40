"""What a file is by its first bytes, whatever its name ends with.

People rename files, and systems name exports as they please: a workbook saved as "episodes.csv", a CSV file
called "episodes.xlsx". Above all, councils protect workbooks with a password, and a workbook with a password
is no zip file at all but Microsoft's older compound file, the same as an Excel 97-2003 workbook; openpyxl
says only "File is not a zip file". This tells them apart so each gets a message saying what to do.
"""

from __future__ import annotations

from ..errors import InputError

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


def refuse_unreadable(what: str, file: str) -> None:
    """Raise an InputError saying what to do when `what` is a spreadsheet careboard cannot open."""
    if what in _REFUSED:
        raise InputError(file, _REFUSED[what])
