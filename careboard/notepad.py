"""Text files people write by hand for careboard (a council's settings, the service's commentary), read as
Notepad and Word save them: UTF-8 with or without its byte-order mark, "Unicode" (UTF-16, with its mark) or
the Windows code page ("ANSI")."""

from __future__ import annotations

# What people send instead of a text file, by how the file begins.
_DOCUMENTS = ((b"PK\x03\x04", "a Word document (or another Office file)"),
              (b"\xd0\xcf\x11\xe0", "a Word 97-2003 document"), (b"%PDF", "a PDF"),
              (b"{\\rtf", "a Rich Text (RTF) document"))


def document_kind(data: bytes) -> str | None:
    """'a Word document ...' when `data` is a document rather than text, else None."""
    return next((kind for start, kind in _DOCUMENTS if data.startswith(start)), None)


def decoded(data: bytes) -> str:
    """The text of a hand-written file, whichever of Notepad's encodings it was saved in."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
