"""Turning a file's bytes into text: encodings, BOMs and files that are not text at all."""

from __future__ import annotations

import re

from ..errors import Finding, InputError

_NON_ASCII = re.compile(r"[^\x00-\x7f]")

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode(data: bytes, file: str) -> tuple[str, str]:
    """Return (text, encoding used). UTF-16 when the file begins with its byte-order mark (as some database
    tools export "Unicode" CSV), else UTF-8 (with or without BOM) first, then Windows-1252."""
    # Old DOS and mainframe exports end the file with Ctrl-Z, the end-of-file mark of their day, not a row.
    data = data.rstrip(b"\x1a")
    if not data.strip():
        raise InputError(file, "the file is empty")
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            line = data[: e.start].decode("utf-16", "replace").count("\n") + 1
            raise InputError(file, "the file begins as UTF-16 text but is not UTF-16 throughout; save it as "
                                   "UTF-8 CSV", line) from None
    if b"\x00" in data[:4096]:
        raise InputError(file, "this is not a text file (it contains binary data); expected a CSV or XML file")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(file, f"byte 0x{data[e.start]:02x} is neither UTF-8 nor Windows-1252 text", line) from None


def encoding_findings(text: str, encoding: str, file: str, table: str) -> list[Finding]:
    """A warning when the file was not UTF-8 and was read as Windows-1252: the first accented or other
    non-ASCII character is where to check it was read as meant."""
    if encoding != "cp1252":
        return []
    m = _NON_ASCII.search(text)
    line = text.count("\n", 0, m.start()) + 1 if m else None
    return [Finding("warning", "windows_1252", file, table, line, None, m.group() if m else None,
                    "the file is not UTF-8, so it was read as Windows-1252 (ANSI): check its accented and other "
                    "non-English characters read as meant, or save it as UTF-8")]
