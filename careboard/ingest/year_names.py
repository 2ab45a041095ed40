"""The collection year a return's folder or file names, or its XML collection header, say it is for.

A name is only a claim: the loader checks it against the dates in the return (store/return_year.py).
Read from a name:
- a pair of consecutive years, '2024-25', '2024_25', '2024/25', '2024 25', '202425', '2024-2025',
  '24-25', '2024–25' (any dash) or '2425' standing alone, is 2024/25 ('1920' is 2019/20, not the year 1920);
- a year alone, '2025' ("903 2025", "SSDA903 2025"), is the year ending 31 March 2025, 2024/25: the
  DfE's name for that collection. Folders named by the year they start in ('2018' for 2018/19) are
  recognised by their dates (a bare year is marked `bare`, so the other reading can be tried);
- a full date ('as_at_2026-11-30', '20250331') is an extract date, not a year, and is passed over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..dates import DASHES, pair_year, year_ending

_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_FULL_DATE = re.compile(rf"(?<!\d)(?:(?:19|20)\d\d(?P<s1>[-_. ]){_MONTH}(?P=s1){_DAY}"
                        rf"|(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
                        rf"|{_DAY}(?P<s2>[-_. ]){_MONTH}(?P=s2)(?:19|20)\d\d)(?!\d)")
# Word and Outlook turn a typed hyphen into a dash ('2024–25'): every Unicode dash separates a pair too.
_PAIR = re.compile(rf"(?<!\d)((?:19|20)\d\d|\d\d)\s*[-_/ {DASHES}]?\s*((?:19|20)\d\d|\d\d)(?!\d)")
_BARE = re.compile(r"(?<![A-Za-z0-9])((?:19|20)\d\d)(?![A-Za-z0-9])")


@dataclass(frozen=True)
class NamedYear:
    """A collection year claimed by a name."""

    year: int           # the year ending 31 March
    text: str           # what was read, e.g. '2024-25'
    where: str          # 'the folder name', 'the file name ...', 'the XML collection header'
    bare: bool = False  # a year alone: the year ending March `year` (DfE), or perhaps the one starting April `year`

    def years(self) -> tuple[int, ...]:
        """The collection years the name may mean: a year alone is also the year starting in April of it."""
        return (self.year, self.year + 1) if self.bare else (self.year,)

    def describe(self) -> str:
        if self.bare:
            return f"'{self.text}' in {self.where} (a year alone, read as the year ending 31 March {self.year})"
        return f"'{self.text}' in {self.where}"


def year_in_name(name: str, where: str) -> NamedYear | None:
    """The year a single folder or file name gives, or None (no year, or two different ones)."""
    text = _FULL_DATE.sub(" ", name)
    shaped = [(pair_year(a, b), m.group(0).strip()) for m in _PAIR.finditer(text)
              for a, b in [m.groups()] if len(a) == 4 or _separated(m.group(0)) or _run_together(text, m)]
    pairs = {(y, found) for y, found in shaped if y}
    if len({y for y, _ in pairs}) == 1:
        year, found = pairs.pop()
        return NamedYear(year, found, where)
    if pairs or any(_separated(found) for _, found in shaped):
        return None     # two different years, or something like '2023-25' that is not one
    bare = {m.group(1) for m in _BARE.finditer(text)}
    if len(bare) == 1:
        found = bare.pop()
        return NamedYear(int(found), found, where, bare=True)
    return None


def _separated(text: str) -> bool:
    # '24-25' is a year; '2425' (four digits) is only read as one standing alone (see _run_together).
    return not text.isdigit()


def _run_together(text: str, match: re.Match) -> bool:
    """Two two-digit years written as one word of four digits, '903_1920' or 'CLA 2425': a pair when the
    years follow each other. '20xx' is left to be read as a year alone ('2021' is then 2020/21 too, or
    2021/22 for a folder named by the year it starts in); digits inside a longer word are no year, nor are
    '0001' or '0102', which number files more often than they name the years 2000/01 and 2001/02."""
    before = text[match.start() - 1] if match.start() else " "
    after = text[match.end()] if match.end() < len(text) else " "
    return "10" <= match.group(1) and match.group(1) != "20" and not (before.isalnum() or after.isalnum())


def year_in_names(folder: Path, files: list[Path], root: Path) -> NamedYear | None:
    """The year a return's names give: its folder's, else the nearest enclosing folder's up to the path the
    user gave, else its file names' (when those naming a year all agree)."""
    folder, root = folder.resolve(), root.resolve()      # 'careboard load .' inside 2024-25/ reads '2024-25'
    here = folder
    while True:
        found = year_in_name(here.name, f"the folder name {here.name!r}" if here != folder else "the folder name")
        if found:
            return found
        if here == root or root not in here.parents:
            break
        here = here.parent
    in_files = {y for f in files if (y := year_in_name(f.stem, f"the file name {f.name!r}"))}
    if len({(y.year, y.bare) for y in in_files}) == 1:
        return min(in_files, key=lambda y: y.where)
    return None


_HEADER_YEAR = ("YEAR", "COLLECTIONYEAR")
_HEADER_DATE = ("REFERENCEDATE", "COLLECTIONDATE")


def year_in_xml_header(fields: dict[str, str]) -> NamedYear | None:
    """The year of an XML file's collection header (elements outside every CHILD: <Year>2025</Year> is the
    year ending March 2025, as the DfE names collections; <ReferenceDate> gives the year it falls in)."""
    # Each element by its name in capitals, as the file writes the name and the value.
    named = {k.upper(): (k, v.strip()) for k, v in fields.items()}
    where = "the XML collection header"
    for key in _HEADER_YEAR:
        name, text = named.get(key, ("", ""))
        if re.fullmatch(r"(?:19|20)\d\d", text):
            return NamedYear(int(text), f"{name} {text}", where)
        m = re.fullmatch(r"(\d{2}|\d{4})\s*[-/_]\s*(\d{2}|\d{4})", text)
        if m and pair_year(*m.groups()):
            return NamedYear(pair_year(*m.groups()), f"{name} {text}", where)
    for key in _HEADER_DATE:
        name, text = named.get(key, ("", ""))
        # As the XML schema writes dates (2025-03-31, maybe with a time), or as the CSV files do (31/03/2025).
        for form, part in (("%Y-%m-%d", text[:10]), ("%d/%m/%Y", text)):
            try:
                d = datetime.strptime(part, form).date()
            except ValueError:
                continue
            return NamedYear(year_ending(d), f"{name} {d:%d/%m/%Y}", where)
    return None

