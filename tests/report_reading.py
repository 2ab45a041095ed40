"""Reading rendered reports back in tests: HTML tables as rows of cell text, PDF page counts."""

from __future__ import annotations

import re
import zlib
from html.parser import HTMLParser


class _Tables(HTMLParser):
    """Collects every <table> as (class, rows of cell texts), skipping inline SVG text."""

    def __init__(self):
        super().__init__()
        self.tables: list[tuple[str, list[list[str]]]] = []
        self.paragraphs: list[tuple[str, str]] = []
        self._stack: list[tuple[str, list[list[str]]]] = []
        self._cell: list[str] | None = None
        self._para: tuple[str, list[str]] | None = None
        self._in_svg = 0

    def handle_starttag(self, tag, attrs):
        css = dict(attrs).get("class") or ""
        if tag == "svg":
            self._in_svg += 1
        elif tag == "table":
            self._stack.append((css, []))
        elif tag == "tr" and self._stack:
            self._stack[-1][1].append([])
        elif tag in ("td", "th") and self._stack:
            self._cell = []
        elif tag == "p":
            self._para = (css, [])

    def handle_endtag(self, tag):
        if tag == "svg":
            self._in_svg -= 1
        elif tag == "table" and self._stack:
            self.tables.append(self._stack.pop())
        elif tag in ("td", "th") and self._cell is not None and self._stack:
            self._stack[-1][1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "p" and self._para is not None:
            self.paragraphs.append((self._para[0], " ".join("".join(self._para[1]).split())))
            self._para = None

    def handle_data(self, data):
        if self._in_svg:
            return
        if self._cell is not None:
            self._cell.append(data)
        if self._para is not None:
            self._para[1].append(data)


def read_html(html: str) -> _Tables:
    reader = _Tables()
    reader.feed(html)
    reader.close()
    return reader


def tables(html: str, css_class: str) -> list[list[list[str]]]:
    """Rows of cell text of every table with ``css_class``, in document order."""
    return [rows for css, rows in read_html(html).tables if css_class in css.split()]


def paragraphs(html: str, css_class: str) -> list[str]:
    return [text for css, text in read_html(html).paragraphs if css_class in css.split()]


def pdf_page_count(data: bytes) -> int:
    """Pages in a PDF, looking inside compressed object streams too."""
    chunks = [data]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            chunks.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue   # images and fonts that are not plain deflate
    return sum(len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", chunk)) for chunk in chunks)
