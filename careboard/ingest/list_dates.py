"""The day a load of lists alone was taken on, when no --as-at is given: a date in the folder or file
names ("lists 2025-01-31", "households_31-01-2025.csv", "20250131 activity.csv"), else today."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

# yyyy-mm-dd, dd-mm-yyyy and yyyymmdd, with -, _, . or / between the parts (not inside a longer number)
_FORMS = (
    (re.compile(r"(?<!\d)(20\d\d)[-_.](\d\d)[-_.](\d\d)(?!\d)"), (1, 2, 3)),
    (re.compile(r"(?<!\d)(\d\d)[-_.](\d\d)[-_.](20\d\d)(?!\d)"), (3, 2, 1)),
    (re.compile(r"(?<!\d)(20\d\d)(\d\d)(\d\d)(?!\d)"), (1, 2, 3)),
)


def dates_in(name: str) -> set[date]:
    found = set()
    for pattern, (y, m, d) in _FORMS:
        for match in pattern.finditer(name):
            try:
                found.add(date(int(match[y]), int(match[m]), int(match[d])))
            except ValueError:      # 2025-13-45 is not a date
                pass
    return found


def named_dates(paths: list[Path], today: date | None = None) -> dict[date, str]:
    """The days the lists' folder or file names give, up to today, each with the name giving it."""
    today = today or date.today()
    return {d: name for p in paths for name in (p.parent.name, p.name) for d in dates_in(name) if d <= today}


def as_at_of_lists(paths: list[Path], today: date | None = None) -> tuple[date, str]:
    """The day lists were taken on, and a sentence saying how it was worked out: the date the folder or
    file names give (the latest, where they give several), else today."""
    today = today or date.today()
    named = named_dates(paths, today)
    if named:
        latest = max(named)
        others = sorted(d for d in named if d != latest)
        also = f" (the names also give {', '.join(f'{d:%d/%m/%Y}' for d in others)}; the latest is taken)" if others else ""
        return latest, (f"the lists are taken as at {latest:%d/%m/%Y}, the date in the name {named[latest]!r}"
                        f"{also}; pass --as-at to choose another date")
    return today, (f"no date was given (--as-at) or found in the folder or file names, so the lists are taken as at "
                   f"today, {today:%d/%m/%Y}; pass --as-at with the date they were exported")
