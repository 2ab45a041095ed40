"""A format whose files people write by hand: its columns come under several headers and its coded
answers in several wordings (Ofsted's Annex A, a council's local lists). The spec file says, as data,
which headers each column is read from ([headers]) and which answers each code is read from
([answers]); this module reads that and applies it to one header or one answer at a time."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cached_property

from .format import Format

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"',
                         "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2013": "-", "\u2014": "-"})
# Ofsted's grouping letter before an answer: "b) Female", "zz) T4: ...", "d1) ..." in older local templates
_LETTER = re.compile(r"^[a-z]{1,2}\d?\)\s*")
# A code leading an answer: "E1: Placement order", "PR4 - Private provision", "(B) With parents", "1 - Male";
# group 2 is the punctuation setting it off, if any.
_LEADING_CODE = re.compile(r"^\(?([a-z0-9]{1,4})\)?(?:\s*([:\-)])\s*|\s+)(.*)$")


def normal_text(text: str) -> str:
    """Text as compared: lower case, straight quotes, single plain spaces, no spaces around it."""
    return " ".join(str(text).translate(_QUOTES).split()).lower()


def answer_key(text: str) -> str:
    """An answer as compared with the wordings of codes: normal_text with only its letters and digits, so
    "White - British", "Long term fostering" and "Not stated / recorded" find their codes."""
    return re.sub(r"[^a-z0-9]", "", normal_text(text))


def normal_header(text: str) -> str:
    """A header as compared: normal_text, without a closing bracket too many ("... (Y/N))")."""
    h = normal_text(text)
    while h.endswith(")") and h.count(")") > h.count("("):
        h = h[:-1].rstrip()
    return h


@dataclass(frozen=True)
class HeaderRule:
    column: str
    exact: frozenset[str]
    patterns: tuple[re.Pattern, ...]
    shown: str          # the header as Ofsted's template (or the format's own layout) writes it

    def matches(self, header: str) -> bool:
        return header in self.exact or any(p.search(header) for p in self.patterns)


@dataclass(frozen=True)
class Answers:
    """The answers one coded column takes: each careboard code with the wordings read as it."""

    name: str
    codes: frozenset[str]
    labels: dict[str, str]      # each wording (and each code) as answer_key gives it -> code

    def read(self, written: str) -> str | None:
        """The code a written answer means, or None when it is none of them."""
        text = normal_text(written)
        # The answer, without a grouping letter, and without a leading word that is no code but set off by
        # punctuation ("CLA - C2 - Full care order", "A1 - White British"), each tried in turn. A word set off
        # by a space alone stays: "Not suitable" is not "suitable".
        tries = [text, _LETTER.sub("", text, count=1)]
        for t in tries:
            if (key := answer_key(t)) in self.labels:
                return self.labels[key]
            m = _LEADING_CODE.match(t)
            if m and m.group(1).upper() in self.codes:
                return m.group(1).upper()
            if m and m.group(2) and len(tries) < 6:
                tries.append(m.group(3))
        return None


@dataclass(frozen=True)
class AliasedFormat(Format):
    """A Format whose spec also says which headers and answers each column is read from."""

    @cached_property
    def _raw(self) -> dict:
        with self.spec_file.open("rb") as f:
            return tomllib.load(f)

    @cached_property
    def header_rules(self) -> dict[str, tuple[HeaderRule, ...]]:
        """Per table, the rules reading its headers: the table's own first, then those every table shares."""
        headers = self._raw.get("headers", {})
        common = headers.get("common", {})
        out = {}
        for name, t in self.tables().items():
            entries = {**{c: v for c, v in common.items() if c in t.all_columns}, **headers.get(name, {})}
            own = [c for c in headers.get(name, {})] + [c for c in common if c not in headers.get(name, {})]
            out[name] = tuple(_rule(c, entries[c]) for c in own if c in entries)
        return out

    def column_for(self, table: str, header: str) -> str | None:
        """The column of `table` a header (as written) is read into, or None."""
        h = normal_header(header)
        if not h:
            return None
        if h.upper() in self.table(table).all_columns:
            return h.upper()
        return next((r.column for r in self.header_rules[table] if r.matches(h)), None)

    @cached_property
    def answers(self) -> dict[str, Answers]:
        """The answers each coded column takes, by column name."""
        out = {}
        for name, a in self._raw.get("answers", {}).items():
            tails = ("", *a.get("code_suffixes", ()))
            labels = {answer_key(code + tail): code for code in a["labels"] for tail in tails}
            for code, words in a["labels"].items():
                labels.update({answer_key(w): code for w in words})
            answers = Answers(name, frozenset(a["labels"]), labels)
            out.update({c: answers for c in a["columns"]})
        return out

    @cached_property
    def other_lists(self) -> dict[str, tuple[str, frozenset[str]]]:
        """Lists of the same family careboard does not read: number -> (title, headers only it has)."""
        return {n: (o["title"], frozenset(normal_header(h) for h in o["headers"]))
                for n, o in self._raw.get("other_lists", {}).items()}

    @cached_property
    def whole_years(self) -> frozenset[str]:
        """Whole-number columns read as the whole years completed when written with a fraction (ages)."""
        return frozenset(self._raw.get("reading", {}).get("whole_years", ()))

    def list_number(self, table: str) -> int | None:
        return self._raw["tables"][table].get("list")


def _rule(column: str, entries: list[str]) -> HeaderRule:
    exact = frozenset(normal_header(e) for e in entries if not (e.startswith("/") and e.endswith("/")))
    patterns = tuple(re.compile(e[1:-1]) for e in entries if e.startswith("/") and e.endswith("/"))
    written = [e for e in entries if not (e.startswith("/") and e.endswith("/"))]
    return HeaderRule(column, exact, patterns, written[0] if written else column)
