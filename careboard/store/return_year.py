"""Which collection year a return is for, worked out from its own reporting window.

A return holds every episode open at any time in its year, so its dates say which year it is: the
latest year in which its episodes start or cease (DECOM, DEC; reviews, missing incidents and the other
event dates only when it has no episodes). A few dates past that year are typing errors, not a later
year (Window.latest), and dates after the as-at date (or today) are left out. A file holding several
years' episodes is the return of the latest year it covers; its earlier episodes are that return's history.

Names and an XML collection header are claims, checked against the dates: a claim the dates do not
contradict is taken (an early extract in a new year, with few dates yet, keeps its folder's year); one
they contradict gives way to the dates, and the note says so. A year alone in a name ('2018') is read as
the year ending March 2018 (the DfE's convention) unless the dates show the year starting April 2018.
`--year` overrides everything, with a note when the dates disagree. Every return gets a note saying what
was decided and from what. Rows dated after the year or the as-at date are load findings
(store/year_findings.py), never the basis of the year.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ..dates import year_end, year_label, year_start
from ..errors import InputError
from ..ingest.files import Return
from ..ingest.year_names import NamedYear, year_in_name
from ..plural import counted
from ..tables.schema import date_of, staging_name
from ..tables.sources import release, table_source

# The dates that happen in the year a return covers, by table: a return without episodes is dated by these.
# Others (adoption matching, decisions, previous permanence, births) may lie years before its year.
_EVENTS = {"episodes": ("DECOM", "DEC"), "reviews": ("REVIEW",), "missing": ("MIS_START", "MIS_END"),
           "sw_episodes": ("SW_DECOM", "SW_DEC"), "dolo": ("DOLO_START", "DOLO_END")}
# A year holding fewer than 1% of the dates (and fewer than two) is stray when the year before holds none,
# or twenty times as many: a typing error, not a later year (one date just after a one-episode return's is
# not). A whole complete year in which nothing starts or ends contradicts a claimed year only when the
# return's latest busy year has at least _BUSY dates: a handful of children may well have had a quiet year.
_STRAY_SHARE = 0.01
_STRAY_RATIO = 20
_BUSY = 10
_AS_GIVEN = "as given (--year)"


@dataclass
class Window:
    """The years a return's dates fall in: episodes as (start year, end year or None while open, rows),
    other dated rows as counts per year."""

    spans: Counter = field(default_factory=Counter)
    points: Counter = field(default_factory=Counter)
    after: int = 0                      # dates after the as-at date (or today), left out
    what: str = "episodes"
    written: int = 0                    # the dates read for the year: cells not blank,
    other_forms: int = 0                # of them not written dd/mm/yyyy (year first, with a time ...),
    unread: int = 0                     # and of those, not read at all

    def mostly_other_forms(self) -> bool:
        """True when at least half of the dates are not written dd/mm/yyyy, as the return asks."""
        return self.written > 0 and self.other_forms * 2 >= self.written

    def add_forms(self, written: int, other_forms: int, unread: int) -> None:
        self.written += written
        self.other_forms += other_forms
        self.unread += unread

    def events(self) -> Counter:
        out = Counter(self.points)
        for (start, end), n in self.spans.items():
            out[start] += n
            if end is not None:
                out[end] += n
        return out

    def latest(self) -> int | None:
        """The latest year its dates fall in, passing over a year holding only a stray few of them."""
        events = self.events()
        need = self.allowance(sum(events.values()))
        for y in sorted(events, reverse=True):
            below = events[y - 1]
            if events[y] >= need or (below and events[y] * _STRAY_RATIO >= below):
                return y
        return max(events, default=None)

    @staticmethod
    def allowance(total: int) -> int:
        """How many of `total` dates are always more than stray ones: two, or 1% of them."""
        return min(total, max(2, math.ceil(_STRAY_SHARE * total)))

    def open_during(self, y: int) -> int:
        return self.points[y] + sum(n for (start, end), n in self.spans.items()
                                    if start <= y and (end is None or end >= y))

    def ended_before(self, y: int) -> tuple[int, int | None]:
        """Episodes that ended before year `y` began, and the earliest year one ended in."""
        ended = [(end, n) for (_, end), n in self.spans.items() if end is not None and end < y]
        return sum(n for _, n in ended), min((end for end, _ in ended), default=None)

    def contradicts(self, y: int, ceiling: date) -> str | None:
        """Why the dates cannot be year `y`'s return, or None."""
        latest = self.latest()
        if latest is None:
            return None
        # Against the year a return's names give, a stray few dates after it are typing errors (1% of the
        # dates, or two), however few the dates before them: a small council's return is not moved to the
        # next year by one start date typed a year ahead.
        events = self.events()
        if latest > y and sum(n for later, n in events.items() if later > y) >= self.allowance(sum(events.values())):
            return f"its {self.what} run into {year_label(latest)}"
        if not self.open_during(y):
            return f"none of its {self.what} falls in {year_label(y)}"
        if year_end(y) <= ceiling and not self.events()[y] and latest < y and self.events()[latest] >= _BUSY:
            return f"its {self.what} end in {year_label(latest)} and none starts or ends in {year_label(y)}"
        return None


def _files(r: Return, table: str):
    """Each of a return's files of `table`, as (parsed table, None) or (None, copy already in the store)."""
    for t in r.tables():
        if t.table == table and len(t):
            yield t, None
    for f in r.files:
        for st in f.stored:
            if st.table == table and st.rows:
                yield None, st


def _text_date(table: str, c: str) -> str:
    # Read as typing reads it (year first, with a time ...): the year is worked out from every date that says
    # when it is; the load's findings and validate say what is wrong with the others. (A pretty-printed XML
    # value's line breaks are gone by now: ingest.xml_reader.) `c` is trimmed text (see _each).
    return date_of(table, f'"{c}"')


def _other_form(c: str) -> str:
    """SQL: true where trimmed date text `c` is not blank and not a date written dd/mm/yyyy (a two-digit year is
    not)."""
    return f"""("{c}" <> '' AND coalesce(try_strptime("{c}", '%d/%m/%Y') < TIMESTAMP '1000-01-01', true))"""


def _forms(cols) -> str:
    """SQL counting the dates of `cols` written, written in another form than dd/mm/yyyy, and not read at all
    (over {src}: see _each), as three columns."""
    other = " + ".join(f'count(*) FILTER (WHERE "{c} other")' for c in cols)
    written = " + ".join(f'count(*) FILTER (WHERE "{c}" IS NOT NULL OR "{c} other")' for c in cols)
    unread = " + ".join(f'count(*) FILTER (WHERE "{c}" IS NULL AND "{c} other")' for c in cols)
    return f"{written}, {other}, {unread}"


def _each(con, returns: list[Return], table: str, query: str, read: Callable[[str], str] | None) -> list[tuple]:
    """Run `query` once over every file of `table` in `returns`: `{src}` in it is the files' event dates,
    typed, with `i`, the index of the file's return (one statement: ten years of returns are one scan).
    With `read` (see years_of_returns), the dates' text is read from the table it names."""
    cols = _EVENTS[table]
    # From the dates' text: each date, and whether it is written in another form than dd/mm/yyyy.
    typed = ", ".join(f'{_text_date(table, c)} AS "{c}", {_other_form(c)} AS "{c} other"' for c in cols)
    # The dates' text trimmed once, below the expressions reading it (each reads it several times).
    texts = ", ".join(f'trim("r_{c}") AS "{c}"' for c in cols)         # a typed table's text of them
    trims = ", ".join(f'trim("{c}") AS "{c}"' for c in cols)
    parts, params, sources = [], [], []
    try:
        for i, r in enumerate(returns):
            if read is not None:
                parts.append(f"SELECT {i} AS i, {typed} FROM (SELECT {texts} FROM {read(table)}) AS t")
                continue
            for raw, stored in _files(r, table):
                if raw is not None:
                    source = table_source(con, raw, f"year_in_{len(sources)}")
                    sources.append(source)
                    parts.append(f"SELECT {i} AS i, {typed} FROM (SELECT {trims} FROM {source.sql}) AS t")
                    params += source.params
                else:
                    named = ", ".join(f'"{c}", false AS "{c} other"' for c in cols)     # as stored: read
                    parts.append(f"SELECT {i} AS i, {named} FROM {staging_name(table)} WHERE snapshot_id = "
                                 f"{int(stored.snapshot_id)} AND file_id = {int(stored.file_id)}")
        if not parts:
            return []
        src = "(" + " UNION ALL ".join(parts) + ")"
        return con.execute(query.format(src=src), params).fetchall()
    finally:
        for source in sources:
            release(con, source)


def _year_of(c: str, ceiling: str) -> str:
    """The collection year of date column `c`, or NULL when it is blank or after `ceiling`."""
    c = f'"{c}"'
    return f"CASE WHEN {c} <= {ceiling} THEN year({c}) + CASE WHEN month({c}) >= 4 THEN 1 ELSE 0 END END"


def windows(con, returns: list[Return], ceiling: date, read: Callable[[str], str] | None = None) -> list[Window]:
    """The years each return's episodes (or, without episodes, its other dated rows) fall in, dates after
    `ceiling` left out (`read`: see years_of_returns)."""
    out = [Window() for _ in returns]
    c = f"DATE '{ceiling.isoformat()}'"
    query = (f"SELECT i, {_year_of('DECOM', c)} AS s, {_year_of('DEC', c)} AS e, count(*), "
             f'count(*) FILTER ("DECOM" > {c}) + count(*) FILTER ("DEC" > {c}), {_forms(("DECOM", "DEC"))} '
             f"FROM {{src}} AS d GROUP BY ALL")
    for i, s, e, n, after, *forms in _each(con, returns, "episodes", query, read):
        out[i].after += after
        out[i].add_forms(*forms)
        if s is not None:
            out[i].spans[(s, e)] += n
    without = [k for k, w in enumerate(out) if not w.spans]     # returns without episodes
    bare = [returns[k] for k in without]
    for table, cols in _EVENTS.items():
        if table == "episodes" or not bare:
            continue
        years = ", ".join(_year_of(col, c) for col in cols)
        late = ", ".join(f'CASE WHEN "{col}" > {c} THEN 1 ELSE 0 END' for col in cols)
        query = (f"SELECT i, y, count(*), sum(late) FROM (SELECT i, unnest([{years}]) AS y, unnest([{late}]) AS late "
                 f"FROM {{src}} AS d) AS u GROUP BY ALL")
        for i, y, n, after in _each(con, bare, table, query, read):
            w = out[without[i]]
            w.what = "dated rows"
            w.after += after or 0
            if y is not None:
                w.points[y] += n
        for i, *forms in _each(con, bare, table, f"SELECT i, {_forms(cols)} FROM {{src}} AS d GROUP BY i", read):
            out[without[i]].add_forms(*forms)
    return out


def years_of_returns(con, returns: list[Return], *, as_at: date | None = None,
                     read: Callable[[str], str] | None = None) -> None:
    """Decide each return's collection year (a year set beforehand, as by --year, is kept), set r.year and
    explain it in r.notes.

    The dates are read from the returns' files, unless `read` is given, for one return whose tables are in
    the engine already: `read(table)` names the table holding its rows of an SSDA903 table, with each
    cell's text as written in a column r_<COLUMN> (waiting until it is there; see validate/frame.py).

    Dates after `as_at` (or today) are left out; more than a stray few after a given as-at date mean the
    date is wrong, and that is an InputError."""
    ceiling = as_at or date.today()
    for r, w in zip(returns, windows(con, returns, ceiling, read)):
        if as_at is not None and w.after and w.after >= w.allowance(w.after + sum(w.events().values())):
            file, line, column, value = _first_after(con, r, w.what, as_at) or (r.label, None, None, None)
            first = f" (the first: {column} {value})" if column else ""
            raise InputError(file, f"{counted(w.after, 'date')} in the return's {w.what} are after the as-at date "
                                   f"{as_at:%d/%m/%Y}{first}: give the date the data were extracted (--as-at), or "
                                   f"correct the dates", line, column)
        _decide(r, w, ceiling)


def _first_after(con, r: Return, what: str, as_at: date) -> tuple[str, int, str, str] | None:
    """The first date after `as_at` in the return's episodes (or, `what` not being episodes, its other dated rows),
    as (file, line, column, value as written); None when its files are all in the store already."""
    tables = ["episodes"] if what == "episodes" else [t for t in _EVENTS if t != "episodes"]
    found = []
    for table in tables:
        for raw, _ in _files(r, table):
            if raw is None:
                continue
            source = table_source(con, raw, "dates_after")
            try:
                for c in _EVENTS[table]:
                    row = con.execute(f"""SELECT line_no, "{c}" FROM (SELECT line_no, trim("{c}") AS "{c}" FROM {source.sql})
                                          WHERE {_text_date(table, c)} > DATE '{as_at.isoformat()}'
                                          ORDER BY line_no LIMIT 1""", source.params).fetchone()
                    if row:
                        found.append((raw.file, row[0], c, row[1]))
            finally:
                release(con, source)
    return min(found, key=lambda f: (f[0], f[1])) if found else None


def _decide(r: Return, w: Window, ceiling: date) -> None:
    given, claim, data_year = r.year, r.declared(), w.latest()
    if given is not None:
        year, why = given, _AS_GIVEN
        doubt = w.contradicts(given, ceiling)
        if doubt:
            why += f", although {doubt}"
    elif claim is not None and data_year is None:
        year, why = claim.year, f"from {claim.describe()} ({_no_dates(w)} to check it against)"
    elif claim is not None:
        year, why = _weigh(claim, w, data_year, ceiling)
    elif data_year is not None:
        year, why = data_year, f"from its {w.what} (the latest in {year_label(data_year)})"
    else:
        raise InputError(r.label, f"cannot tell which collection year this return covers ({_no_dates(w)}, and "
                                  f"there is no year in its folder or file names): {_how_to_name(r)}")
    r.year = year
    r.other_date_forms = w.mostly_other_forms()
    extra = _history(w, year) + _late(w, year, ceiling)
    if why != _AS_GIVEN or extra:       # nothing to say when --year was given and the dates agree
        r.notes.append(f"{r.label}: collection year {year_label(year)}, {why}{extra}")


def _how_to_name(r: Return) -> str:
    """What to do about a return of no known year: files lying beside other returns' folders belong in one of
    them; other files want a folder named with their year."""
    return loose_files(r) or "name the folder like 2024-25 or pass --year"


def nested_copy(outer: Return, inner: Return) -> str | None:
    """Advice for a folder named with its return's year that holds, in a folder inside it, another return of
    that year (an archive, an old copy), or None."""
    named = year_in_name(outer.folder.name, "")
    year = inner.year or (inner.named.year if inner.named else None)    # before the year is worked out: its names'
    if named is None or year not in named.years():
        return None
    inside = inner.folder.relative_to(outer.folder)
    return (f"holds its return's files and, in {inside} inside it, another return for {year_label(year)} (an "
            f"archive or an old copy, it seems); careboard reads every folder inside the one given: move {inside} "
            f"out of it, or give the files themselves")


def loose_files(r: Return) -> str | None:
    """Advice for a return whose files lie beside folders (most often other years' returns), or None: such
    files most likely belong in one of them."""
    if r.part or not r.folder.is_dir():
        return None
    beside = sorted(d.name for d in r.folder.iterdir() if d.is_dir() and not d.name.startswith("."))
    if not beside:
        return None
    files = ", ".join(f.path.name for f in r.files[:3]) + (" ..." if len(r.files) > 3 else "")
    return (f"its files ({files}) lie beside the folders {', '.join(beside[:3])}{' ...' if len(beside) > 3 else ''}: "
            f"move them into the folder of their year, or leave them out")


def _no_dates(w: Window) -> str:
    """Why a return's dates say nothing of its year: there are none, or none could be read."""
    if w.unread and w.unread == w.written:
        return f"no date in its {w.what} could be read"
    return "the return has no dated episodes or other dated rows"


def _weigh(claim: NamedYear, w: Window, data_year: int, ceiling: date) -> tuple[int, str]:
    """The year a claim and the dates settle on, and why."""
    doubt = w.contradicts(claim.year, ceiling)
    if not doubt:
        return claim.year, f"from {claim.describe()}, which its {w.what} bear out"
    if claim.bare and not w.contradicts(claim.year + 1, ceiling):
        return claim.year + 1, (f"from '{claim.text}' in {claim.where}, read as the year starting April {claim.text}, "
                                f"as its {w.what} show (a year alone is otherwise the year ending 31 March)")
    return data_year, (f"from its {w.what} (the latest in {year_label(data_year)}); {claim.describe()} says "
                       f"{year_label(claim.year)}, but {doubt}. Pass --year to choose otherwise")


def _history(w: Window, year: int) -> str:
    n, earliest = w.ended_before(year)
    if not n:
        return ""
    return (f". It also holds {counted(n, 'episode')} that ended before {year_label(year)} (from "
            f"{year_label(earliest)} on), kept as its history")


def _late(w: Window, year: int, ceiling: date) -> str:
    past_year = sum(n for y, n in w.events().items() if y > year)
    parts = []
    if past_year:
        parts.append(f"{counted(past_year, 'date')} after the year ends ({year_end(year):%d/%m/%Y})")
    if w.after:
        parts.append(f"{counted(w.after, 'date')} after {'today' if ceiling == date.today() else 'the as-at date'} "
                     f"({ceiling:%d/%m/%Y})")
    if not parts:
        return ""
    return f". Left out in working out the year: {' and '.join(parts)} (listed as findings when loaded)"


def stale_by(as_at: date, collection_year: int) -> str:
    """How long after the return's year ended the as-at date is ("7 years"), when that is more than a
    year, else "": the figures then carry the return's open episodes forward as if nothing had happened."""
    days = (as_at - year_end(collection_year)).days
    if days <= 365:
        return ""
    return "more than a year" if days // 365 == 1 else f"{days // 365} years"


def late_as_at_note(as_at: date, collection_year: int) -> str:
    """A warning when the as-at date is more than a year after the latest return's year ended."""
    gap = stale_by(as_at, collection_year)
    return gap and (f"the as-at date {as_at:%d/%m/%Y} is {gap} after the latest return's year ended "
                    f"({year_end(collection_year):%d/%m/%Y}): every child in care then is counted as still in care "
                    f"on {as_at:%d/%m/%Y}, with reviews and visits overdue since; load a later return, or give the "
                    f"date the data were extracted (--as-at)")


def check_as_at(as_at: date, collection_year: int, where: str) -> None:
    """Refuse an as-at date the collection year cannot have been extracted on."""
    if as_at < year_start(collection_year):
        raise InputError(where, f"the as-at date {as_at:%d/%m/%Y} is before {year_label(collection_year)} begins "
                                f"({year_start(collection_year):%d/%m/%Y}): give the date the data were extracted "
                                f"(--as-at), or the right year (--year)")
    if as_at > date.today():
        raise InputError(where, f"the as-at date {as_at:%d/%m/%Y} is in the future: give the date the data were "
                                f"extracted (--as-at)")
