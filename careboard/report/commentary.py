"""The service's monthly commentary: a plain text file, printed beside the figures it is about.

The file is written in Notepad, not by a program, so its layout is as light as can be:

    # Commentary for March 2026            <- optional title line, not printed
    ## placements_3plus_pct                <- an indicator id (careboard indicators lists them) or its title
    Three children moved placement twice after the closure of ...

    A second paragraph follows a blank line.
    ## Adoption                            <- or a section name, printed under the section heading
    - a line starting with "- " is a point of its own

Headings are matched without regard to case. A heading careboard does not know, one the report does
not show, a heading given twice, or text before the first heading is a one-line error naming the line.
The words are printed as written (the HTML escapes them), in the public version too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from careboard.errors import InputError
from careboard.nearest import either, nearest
from careboard.notepad import decoded, document_kind

HEADING = re.compile(r"^##(?!#)\s*(.*?)\s*#*\s*$")
TITLE = re.compile(r"^#(?!#)")
POINT = re.compile(r"^[-*•]\s+")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")   # no document format holds these; tabs become spaces too


@dataclass(frozen=True)
class Block:
    heading: str
    line: int                  # where the heading is, for errors
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Commentary:
    """Paragraphs per indicator id and per section name, checked against the indicators a report shows."""

    path: str = ""
    by_indicator: dict[str, tuple[str, ...]] = field(default_factory=dict)
    by_section: dict[str, tuple[str, ...]] = field(default_factory=dict)


def read_text(path: Path) -> str:
    """A Notepad file, in any of Notepad's encodings (careboard.notepad)."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "commentary file not found; give the path of the text file the service "
                                    "wrote (see README, Commentary)") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a folder; give the commentary text file itself") from None
    if kind := document_kind(data):
        raise InputError(str(path), f"is {kind}, not a text file: save the commentary as plain text (in Word: "
                                    f"File, Save As, Plain Text), with a line '## <indicator id or section name>' "
                                    f"above each piece")
    return decoded(data)


def parse(text: str, where: str) -> list[Block]:
    """The file's blocks in order: each ## heading with the paragraphs under it."""
    blocks: list[Block] = []
    heading, line_no, paragraphs, current = None, 0, [], []

    def close_paragraph():
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    def close_block():
        close_paragraph()
        if heading is not None:
            if not paragraphs:
                raise InputError(where, f"the heading {heading!r} has no commentary under it; write the "
                                        "commentary below the heading or delete the heading", line=line_no)
            blocks.append(Block(heading, line_no, tuple(paragraphs)))

    for number, raw in enumerate(text.splitlines(), start=1):
        line = " ".join(CONTROL.sub(" ", raw).split())
        match = HEADING.match(line)
        if match:
            close_block()
            heading, line_no, paragraphs = match.group(1), number, []
            if not heading:
                raise InputError(where, "a ## heading needs an indicator id or a section name after it", line=number)
            continue
        if heading is None:
            if line and not TITLE.match(line):
                raise InputError(where, "text before the first heading: start each piece of commentary with a "
                                        "line \"## <indicator id or section name>\"", line=number)
            continue
        if not line:
            close_paragraph()
        elif POINT.match(line):
            close_paragraph()
            current.append("• " + POINT.sub("", line))
        else:
            current.append(line)
    close_block()
    return blocks


def load_commentary(path: Path, indicators) -> Commentary:
    """Read ``path`` and match each heading to one of ``indicators`` (the report's, in order) or their sections."""
    where = str(path)
    return resolve(parse(read_text(path), where), indicators, where)


def resolve(blocks: list[Block], indicators, where: str) -> Commentary:
    """Each block's heading as an indicator (by id or by its title) or a section of ``indicators``."""
    from careboard.indicators.registry import INDICATORS

    # a title, then a section, then an id: should two ever read the same, the id and the section win
    names = {ind.title.casefold(): ("indicator", ind.id) for ind in indicators}
    names |= {ind.group.casefold(): ("section", ind.group) for ind in indicators}
    names |= {ind.id.casefold(): ("indicator", ind.id) for ind in indicators}
    # (an indicator shown under its council's title, "within 5 working days", is not elsewhere under careboard's)
    shown_ids = {ind.id for ind in indicators}
    elsewhere = {name.casefold() for ind in INDICATORS if ind.id not in shown_ids for name in (ind.id, ind.title, ind.group)}
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    seen: dict[tuple[str, str], int] = {}
    for block in blocks:
        key = " ".join(block.heading.split()).casefold()
        if key in names:
            target = names[key]
            if target in seen:
                raise InputError(where, f"{block.heading!r} has commentary twice (also at line {seen[target]}); "
                                        "put it under one heading", line=block.line)
            seen[target], found[target] = block.line, block.paragraphs
        elif key in elsewhere:
            raise InputError(where, f"{block.heading!r} is not shown in this report (the council file's [report] "
                                    "choice leaves it out); delete its commentary or add it to the choice",
                             line=block.line)
        else:
            shown = list(dict.fromkeys(name for ind in indicators for name in (ind.id, ind.group, ind.title)))
            close = nearest(block.heading, shown)
            hint = f"; did you mean {either(map(repr, close))}?" if close else ""
            raise InputError(where, f"there is no indicator or section {block.heading!r} in this report{hint} "
                                    "(careboard indicators lists the ids)", line=block.line)
    return Commentary(where, {name: text for (kind, name), text in found.items() if kind == "indicator"},
                      {name: text for (kind, name), text in found.items() if kind == "section"})
